//! An [`Engine`] for tests: records every call and reports each utterance as begun and
//! ended at once.

use std::sync::{Arc, Mutex, MutexGuard};

use super::engine::{Engine, Event, EventSink, SpeechError};
use super::steps::{RateStep, VolumeStep};

/// One call on a [`Recorder`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    /// `speak(text)`.
    Speak(String),
    /// `stop()`.
    Stop,
    /// `set_rate(step)`.
    Rate(RateStep),
    /// `set_volume(step)`.
    Volume(VolumeStep),
    /// `set_voice(name)`.
    Voice(String),
}

/// The shared log of a [`Recorder`]: keep a clone to read what the engine was told while
/// the engine itself lives on the speech thread.
#[derive(Debug, Clone, Default)]
pub struct RecordLog(Arc<Mutex<Vec<Recorded>>>);

impl RecordLog {
    /// A new, empty log.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Recorded>> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn push(&self, call: Recorded) {
        self.lock().push(call);
    }

    /// The underlying shared vector.
    pub fn shared(&self) -> Arc<Mutex<Vec<Recorded>>> {
        Arc::clone(&self.0)
    }

    /// Every call so far, in order.
    pub fn calls(&self) -> Vec<Recorded> {
        self.lock().clone()
    }

    /// Every text spoken so far, in order.
    pub fn transcript(&self) -> Vec<String> {
        self.lock()
            .iter()
            .filter_map(|c| match c {
                Recorded::Speak(text) => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    /// The texts spoken since the last `stop()`: what the current screen said.
    pub fn transcript_since_stop(&self) -> Vec<String> {
        let calls = self.lock();
        let start = calls.iter().rposition(|c| *c == Recorded::Stop).map_or(0, |i| i + 1);
        calls[start..]
            .iter()
            .filter_map(|c| match c {
                Recorded::Speak(text) => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    /// Forgets every call so far.
    pub fn clear(&self) {
        self.lock().clear();
    }
}

/// Records calls into a [`RecordLog`]; emits `Began(id)` and `Ended(id)` for each
/// `speak` at once. A failing recorder returns an error from every `speak` (still
/// recording it) to exercise the service's error paths; a never-ending one reports
/// `Began(id)` only, as speech-dispatcher does without a sound card, to exercise the
/// watchdog.
#[derive(Debug)]
pub struct Recorder {
    log: RecordLog,
    sink: EventSink,
    calls: u64,
    fail_speak: bool,
    ends: bool,
}

impl Recorder {
    /// A recorder writing into `log` and reporting to `sink`.
    pub fn new(log: RecordLog, sink: EventSink) -> Self {
        Self { log, sink, calls: 0, fail_speak: false, ends: true }
    }

    /// A recorder whose every `speak` fails.
    pub fn failing(log: RecordLog, sink: EventSink) -> Self {
        Self { fail_speak: true, ..Self::new(log, sink) }
    }

    /// A recorder whose utterances begin and never end.
    pub fn never_ending(log: RecordLog, sink: EventSink) -> Self {
        Self { ends: false, ..Self::new(log, sink) }
    }

    /// The log this recorder writes into.
    pub fn log(&self) -> &RecordLog {
        &self.log
    }

    /// Every text spoken so far (see [`RecordLog::transcript`]).
    pub fn transcript(&self) -> Vec<String> {
        self.log.transcript()
    }
}

impl Engine for Recorder {
    fn speak(&mut self, text: &str) -> Result<(), SpeechError> {
        self.calls += 1;
        self.log.push(Recorded::Speak(text.to_owned()));
        if self.fail_speak {
            return Err(SpeechError::Failed("recorder set to fail".to_owned()));
        }
        // A dropped receiver only means nobody listens.
        self.sink.send(Event::Began(self.calls));
        if self.ends {
            self.sink.send(Event::Ended(self.calls));
        }
        Ok(())
    }

    fn stop(&mut self) {
        self.log.push(Recorded::Stop);
    }

    fn set_rate(&mut self, rate: RateStep) {
        self.log.push(Recorded::Rate(rate));
    }

    fn set_volume(&mut self, volume: VolumeStep) {
        self.log.push(Recorded::Volume(volume));
    }

    fn set_voice(&mut self, name: &str) {
        self.log.push(Recorded::Voice(name.to_owned()));
    }
}
