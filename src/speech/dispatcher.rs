//! speech-dispatcher through libspeechd (the `speech-dispatcher` crate), Linux.
//!
//! One connection for the kiosk's lifetime. A voice is chosen by setting
//! speech-dispatcher's synthesis voice directly, which costs one round trip: espeak-ng
//! takes a voice name ("Chinese (Mandarin, latin as Pinyin)") or a voice file's name
//! ("cmn-latn-pinyin"). Nothing lists the ~13,000 voices espeak-ng offers unless
//! [`DispatcherEngine::voices`] is called (a technician's check, about 1.5 s).
//!
//! speech-dispatcher reports utterance events on libspeechd's own thread with its own
//! message ids; [`Router`] turns them into [`Event`]s carrying the ids of our `speak`
//! calls, also when an event arrives before `speak` has returned the message id.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use speech_dispatcher::{Connection, Mode, Priority};
use tracing::{info, warn};

use super::config::SpeechConfig;
use super::daemon;
use super::engine::{Engine, Event, EventSink, SpeechError};
use super::steps::{RateStep, VolumeStep};
use super::voice::VoiceInfo;

/// speech-dispatcher's rate and volume scales.
const SD_MIN: f32 = -100.0;
const SD_NORMAL_RATE: f32 = 0.0;
const SD_MAX: f32 = 100.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Began,
    Ended,
    Cancelled,
}

impl Kind {
    fn event(self, id: u64) -> Event {
        match self {
            Kind::Began => Event::Began(id),
            Kind::Ended => Event::Ended(id),
            Kind::Cancelled => Event::Cancelled(id),
        }
    }

    fn is_final(self) -> bool {
        self != Kind::Began
    }
}

/// At most this many utterances are tracked (a daemon without a sound card never ends
/// any); older ones are forgotten.
const MAX_TRACKED: usize = 1024;

struct RouterState {
    sink: EventSink,
    by_msg: HashMap<u64, u64>,
    early: HashMap<u64, Vec<Kind>>,
}

/// Maps speech-dispatcher message ids to our ids. Shared with libspeechd's event thread:
/// must never panic (a panic inside a C callback aborts the process).
struct Router(Mutex<RouterState>);

impl Router {
    fn new(sink: EventSink) -> Self {
        Router(Mutex::new(RouterState { sink, by_msg: HashMap::new(), early: HashMap::new() }))
    }

    fn with<R>(&self, f: impl FnOnce(&mut RouterState) -> R) -> R {
        let mut state = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut state)
    }

    /// An event from speech-dispatcher.
    fn deliver(&self, msg: u64, kind: Kind) {
        self.with(|state| match state.by_msg.get(&msg).copied() {
            Some(id) => {
                state.sink.send(kind.event(id));
                if kind.is_final() {
                    state.by_msg.remove(&msg);
                }
            }
            None => {
                if state.early.len() >= MAX_TRACKED {
                    state.early.clear();
                }
                state.early.entry(msg).or_default().push(kind);
            }
        });
    }

    /// `speak` returned message id `msg` for our `id`.
    fn register(&self, msg: u64, id: u64) {
        self.with(|state| {
            let mut done = false;
            for kind in state.early.remove(&msg).unwrap_or_default() {
                state.sink.send(kind.event(id));
                done |= kind.is_final();
            }
            if !done {
                if state.by_msg.len() >= MAX_TRACKED {
                    let oldest = id.saturating_sub(MAX_TRACKED as u64 / 2);
                    state.by_msg.retain(|_, tracked| *tracked > oldest);
                }
                state.by_msg.insert(msg, id);
            }
        });
    }
}

/// Replaces NUL (which the C API cannot carry, and the crate would panic on) and other
/// control characters with spaces.
fn c_safe(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// speech-dispatcher (normally with espeak-ng). The client connects to
/// `$SPEECHD_ADDRESS` if set, else to the user's daemon, which libspeechd starts on
/// demand; [`DispatcherEngine::launch`] first starts a lean one for the kiosk (see
/// `docs/speech.md`).
pub struct DispatcherEngine {
    connection: Connection,
    router: Arc<Router>,
    calls: u64,
    voice: Option<String>,
    voices: Option<Vec<VoiceInfo>>,
}

impl std::fmt::Debug for DispatcherEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DispatcherEngine")
            .field("calls", &self.calls)
            .field("voice", &self.voice)
            .finish_non_exhaustive()
    }
}

impl DispatcherEngine {
    /// Starts the speech daemon the configuration asks for when none is running
    /// ([`super::DaemonMode`]), then connects ([`DispatcherEngine::new`]).
    pub fn launch(config: &SpeechConfig, sink: EventSink) -> Result<Self, SpeechError> {
        daemon::ensure(config);
        Self::new(sink)
    }

    /// Connects to speech-dispatcher; events go to `sink`. Fails when no daemon can be
    /// reached. Applies the default rate and volume; the voice stays the daemon's until
    /// [`Engine::set_voice`].
    pub fn new(sink: EventSink) -> Result<Self, SpeechError> {
        let started = Instant::now();
        let connection = Connection::open("yiban", "kiosk", "yiban", Mode::Threaded)
            .map_err(|e| SpeechError::Unavailable(e.to_string()))?;
        let router = Arc::new(Router::new(sink));
        let callback = |kind: Kind| -> Option<Box<dyn FnMut(usize, usize)>> {
            let router = Arc::clone(&router);
            Some(Box::new(move |msg, _client| router.deliver(msg as u64, kind)))
        };
        connection.on_begin(callback(Kind::Began));
        connection.on_end(callback(Kind::Ended));
        connection.on_cancel(callback(Kind::Cancelled));
        info!(elapsed_ms = started.elapsed().as_millis() as u64, "connected to speech-dispatcher");
        let mut engine = Self { connection, router, calls: 0, voice: None, voices: None };
        engine.set_rate(RateStep::default());
        engine.set_volume(VolumeStep::default());
        Ok(engine)
    }

    /// The voices speech-dispatcher offers, listed once and then kept. Listing takes
    /// about 1.5 s (and as much CPU in the daemon) with espeak-ng's ~13,000 voices: for
    /// a technician's check, never on the kiosk's start-up path.
    pub fn voices(&mut self) -> Result<Vec<VoiceInfo>, SpeechError> {
        if let Some(voices) = &self.voices {
            return Ok(voices.clone());
        }
        let started = Instant::now();
        let list: Vec<VoiceInfo> = self
            .connection
            .list_synthesis_voices()
            .map_err(|e| SpeechError::Failed(e.to_string()))?
            .into_iter()
            .map(|v| VoiceInfo { name: v.name, language: v.language })
            .collect();
        info!(
            count = list.len(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "speech-dispatcher voices listed"
        );
        self.voices = Some(list.clone());
        Ok(list)
    }

    /// The voice last set (as configured: a name or a voice file's name).
    pub fn current_voice(&self) -> Option<&str> {
        self.voice.as_deref()
    }
}

impl Engine for DispatcherEngine {
    fn speak(&mut self, text: &str) -> Result<(), SpeechError> {
        self.calls += 1;
        let id = self.calls;
        match self.connection.say(Priority::Important, c_safe(text)) {
            Some(msg) => {
                self.router.register(msg, id);
                Ok(())
            }
            None => Err(SpeechError::Failed("speech-dispatcher refused the message".to_owned())),
        }
    }

    fn stop(&mut self) {
        if let Err(err) = self.connection.cancel() {
            warn!(%err, "speech-dispatcher: stop failed");
        }
    }

    fn set_rate(&mut self, rate: RateStep) {
        let value = rate.tts_rate(SD_MIN, SD_NORMAL_RATE, SD_MAX);
        if let Err(err) = self.connection.set_voice_rate(value as i32) {
            warn!(%err, ?rate, "speech-dispatcher: setting the rate failed");
        }
    }

    fn set_volume(&mut self, volume: VolumeStep) {
        let value = volume.tts_volume(SD_MIN, SD_MAX);
        if let Err(err) = self.connection.set_volume(value as i32) {
            warn!(%err, ?volume, "speech-dispatcher: setting the volume failed");
        }
    }

    /// Sets speech-dispatcher's synthesis voice to `name` as it is: espeak-ng looks it up
    /// among voice names and voice file names, without case. An unknown name keeps the
    /// current voice (speech-dispatcher does not say so; [`DispatcherEngine::voices`]
    /// and [`super::choose_voice`] can check a configuration).
    fn set_voice(&mut self, name: &str) {
        let name = c_safe(name).trim().to_owned();
        if name.is_empty() {
            warn!("empty voice name; keeping the current voice");
            return;
        }
        let voice = speech_dispatcher::Voice { name: name.clone(), language: String::new(), variant: None };
        match self.connection.set_synthesis_voice(&voice) {
            Ok(()) => {
                info!(voice = %name, "speech voice set");
                self.voice = Some(name);
            }
            Err(err) => warn!(%err, voice = %name, "speech-dispatcher: setting the voice failed"),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::sync::mpsc;

    use super::*;

    #[test]
    fn router_maps_ids_also_for_early_events() {
        let (sink, events) = mpsc::channel();
        let router = Router::new(sink.into());
        // Normal order: registered, then begin and end.
        router.register(10, 1);
        router.deliver(10, Kind::Began);
        router.deliver(10, Kind::Ended);
        // The begin event overtakes `speak`'s return.
        router.deliver(11, Kind::Began);
        router.register(11, 2);
        router.deliver(11, Kind::Cancelled);
        // Both events before registration.
        router.deliver(12, Kind::Began);
        router.deliver(12, Kind::Ended);
        router.register(12, 3);
        let got: Vec<Event> = events.try_iter().collect();
        assert_eq!(
            got,
            vec![
                Event::Began(1),
                Event::Ended(1),
                Event::Began(2),
                Event::Cancelled(2),
                Event::Began(3),
                Event::Ended(3)
            ]
        );
        router.with(|state| {
            assert!(state.by_msg.is_empty());
            assert!(state.early.is_empty());
        });
    }

    #[test]
    fn router_stays_bounded() {
        let (sink, _events) = mpsc::channel();
        let router = Router::new(sink.into());
        for i in 0..5000u64 {
            router.register(i, i + 1);
            router.deliver(100_000 + i, Kind::Began);
        }
        router.with(|state| {
            assert!(state.by_msg.len() <= MAX_TRACKED);
            assert!(state.early.len() <= MAX_TRACKED);
        });
    }

    #[test]
    fn text_for_c_has_no_nul() {
        assert_eq!(c_safe("第一\0步\n"), "第一 步 ");
    }
}
