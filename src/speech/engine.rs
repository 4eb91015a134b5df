//! The engine interface the speech service drives, and the events it reports.

use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::Duration;

use super::steps::{RateStep, VolumeStep};

/// What an engine reports about its utterances. Ids are those of the engine's `speak`
/// calls: the n-th call on an engine has id n, counting from 1, whether it succeeded or
/// not. Events never carry the spoken text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The utterance started to sound.
    Began(u64),
    /// The utterance finished.
    Ended(u64),
    /// The utterance was cut off or dropped from the queue by a stop.
    Cancelled(u64),
    /// Something failed; the message names the failure, never the text.
    Failed(String),
}

/// Everything a [`SpeechService`](super::SpeechService) reports, in the order it
/// happened: its engine's [`Event`]s and the service's own news.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// An engine event.
    Event(Event),
    /// The engine is connected and the configured rate, volume and Chinese voice are
    /// set: speech sent from now on is spoken without further set-up.
    Ready,
    /// Speech cannot be relied on now (the watchdog's verdict, or a failure): the UI
    /// says so and waits for nothing that speech would do. Sent once per outage; the
    /// service keeps taking commands and keeps trying to speak.
    Unavailable(Outage),
    /// An utterance was heard to its end again after [`Report::Unavailable`].
    Available,
}

/// Why speech is unavailable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outage {
    /// An utterance did not begin within the watchdog's `begin_within` of its turn.
    NotBegun {
        /// How long it had waited.
        waited: Duration,
    },
    /// An utterance began but did not end within its expected length plus slack.
    NotEnded {
        /// Its id.
        id: u64,
        /// Its expected length ([`super::expected_duration`]).
        expected: Duration,
        /// How long it had been speaking.
        waited: Duration,
    },
    /// The engine failed to start, stopped working, or refused an utterance (a
    /// [`Event::Failed`] says how).
    Failed,
}

/// Where an engine sends its [`Event`]s: a channel, or the speech service that owns the
/// engine. Sending never blocks. Cheap to clone; usable from any thread.
#[derive(Clone)]
pub struct EventSink(Arc<dyn Fn(Event) -> bool + Send + Sync>);

impl EventSink {
    /// A sink calling `deliver` for every event; `deliver` returns false once nobody
    /// listens. It must not block or panic (engines call it from C callbacks).
    pub fn new(deliver: impl Fn(Event) -> bool + Send + Sync + 'static) -> Self {
        Self(Arc::new(deliver))
    }

    /// Reports `event`. False when nobody listens any more (not an error).
    pub fn send(&self, event: Event) -> bool {
        (self.0)(event)
    }
}

impl From<Sender<Event>> for EventSink {
    fn from(tx: Sender<Event>) -> Self {
        Self::new(move |event| tx.send(event).is_ok())
    }
}

impl std::fmt::Debug for EventSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EventSink")
    }
}

/// Errors of the speech service and its engines. Messages never contain spoken text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpeechError {
    /// The synthesiser could not be reached or started.
    #[error("speech engine unavailable: {0}")]
    Unavailable(String),
    /// The synthesiser refused a request.
    #[error("speech engine failed: {0}")]
    Failed(String),
}

/// A speech synthesiser. Owned by the engine thread of a
/// [`SpeechService`](super::SpeechService), which calls it one call at a time; a call
/// that blocks (a daemon stuck on a broken audio device) blocks only that thread; the
/// service's watchdog notices and reports [`Report::Unavailable`].
pub trait Engine: Send {
    /// Queues `text` after whatever is speaking or queued. Its id is the number of this
    /// call (see [`Event`]).
    fn speak(&mut self, text: &str) -> Result<(), SpeechError>;
    /// Cuts off the current utterance at once and drops the queue.
    fn stop(&mut self);
    /// Sets the rate for the following utterances.
    fn set_rate(&mut self, rate: RateStep);
    /// Sets the volume for the following utterances.
    fn set_volume(&mut self, volume: VolumeStep);
    /// Chooses a voice by name (engine-specific: a voice name or a language tag) for the
    /// following utterances. Must be cheap: it is called at start-up and on every
    /// language switch.
    fn set_voice(&mut self, name: &str);
}

impl<E: Engine + ?Sized> Engine for Box<E> {
    fn speak(&mut self, text: &str) -> Result<(), SpeechError> {
        (**self).speak(text)
    }

    fn stop(&mut self) {
        (**self).stop();
    }

    fn set_rate(&mut self, rate: RateStep) {
        (**self).set_rate(rate);
    }

    fn set_volume(&mut self, volume: VolumeStep) {
        (**self).set_volume(volume);
    }

    fn set_voice(&mut self, name: &str) {
        (**self).set_voice(name);
    }
}
