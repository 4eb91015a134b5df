//! speech-dispatcher through the `tts` crate (Linux).
//!
//! speech-dispatcher reports utterance events on libspeechd's own thread with its own
//! message ids; [`Router`] turns them into [`Event`]s carrying the ids of our `speak`
//! calls, also when an event arrives before `speak` has returned the message id.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use tracing::{debug, info, warn};
use tts::{Backends, Tts, UtteranceId};

use super::engine::{Engine, Event, EventSink, SpeechError};
use super::steps::{RateStep, VolumeStep};
use super::voice::{VoiceInfo, VoiceMatch, choose_voice};

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
                let _ = state.sink.send(kind.event(id));
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
                let _ = state.sink.send(kind.event(id));
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

fn callback(router: &Arc<Router>, kind: Kind) -> Box<dyn FnMut(UtteranceId)> {
    let router = Arc::clone(router);
    Box::new(move |utterance| {
        let UtteranceId::SpeechDispatcher(msg) = utterance;
        router.deliver(msg, kind);
    })
}

/// One client connection to speech-dispatcher, with its own voice.
struct Connection {
    tts: Tts,
    router: Arc<Router>,
    /// The configured name its voice was chosen for.
    wanted: Option<String>,
    /// speech-dispatcher's name of that voice.
    chosen: Option<String>,
}

impl Connection {
    fn open(sink: &EventSink) -> Result<Self, SpeechError> {
        let started = Instant::now();
        let tts =
            Tts::new(Backends::SpeechDispatcher).map_err(|e| SpeechError::Unavailable(e.to_string()))?;
        let router = Arc::new(Router::new(sink.clone()));
        let hook =
            |result: Result<(), tts::Error>| result.map_err(|e| SpeechError::Unavailable(e.to_string()));
        hook(tts.on_utterance_begin(Some(callback(&router, Kind::Began))))?;
        hook(tts.on_utterance_end(Some(callback(&router, Kind::Ended))))?;
        hook(tts.on_utterance_stop(Some(callback(&router, Kind::Cancelled))))?;
        info!(elapsed_ms = started.elapsed().as_millis() as u64, "connected to speech-dispatcher");
        Ok(Self { tts, router, wanted: None, chosen: None })
    }

    fn set_rate(&mut self, rate: RateStep) {
        let value = rate.tts_rate(self.tts.min_rate(), self.tts.normal_rate(), self.tts.max_rate());
        if let Err(err) = self.tts.set_rate(value) {
            warn!(%err, ?rate, "speech-dispatcher: setting the rate failed");
        }
    }

    fn set_volume(&mut self, volume: VolumeStep) {
        let value = volume.tts_volume(self.tts.min_volume(), self.tts.max_volume());
        if let Err(err) = self.tts.set_volume(value) {
            warn!(%err, ?volume, "speech-dispatcher: setting the volume failed");
        }
    }

    /// Takes about 1.5 s: the tts crate lists every voice again to find this one.
    fn select(&mut self, voice: &tts::Voice, wanted: &str) -> bool {
        let started = Instant::now();
        match self.tts.set_voice(voice) {
            Ok(()) => {
                info!(
                    wanted,
                    chosen = %voice.name(),
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    "speech voice set"
                );
                self.wanted = Some(wanted.to_owned());
                self.chosen = Some(voice.name());
                true
            }
            Err(err) => {
                warn!(%err, wanted, "speech-dispatcher: setting the voice failed");
                false
            }
        }
    }

    fn stop(&mut self) {
        if let Err(err) = self.tts.stop() {
            warn!(%err, "speech-dispatcher: stop failed");
        }
    }
}

/// At most this many connections (one per prepared voice).
const MAX_CONNECTIONS: usize = 3;

/// speech-dispatcher (normally with espeak-ng) through the `tts` crate. Create it on the
/// thread that uses it ([`SpeechService`](super::SpeechService) does): `tts::Tts` is not
/// `Send`. The client connects to `$SPEECHD_ADDRESS` if set, else to the user's daemon
/// (started on demand by libspeechd).
///
/// Choosing a voice costs about 1.5 s per call on speech-dispatcher (the tts crate lists
/// espeak-ng's ~13,000 voices each time), so each voice gets its own connection, chosen
/// once: [`Engine::prepare_voice`] opens it ahead of time and a later `set_voice` to it
/// only switches connections. All connections share rate, volume and the id sequence;
/// speech-dispatcher plays their messages one after the other.
pub struct DispatcherEngine {
    sink: EventSink,
    connections: Vec<Connection>,
    active: usize,
    calls: u64,
    voices: Option<Vec<tts::Voice>>,
    rate: RateStep,
    volume: VolumeStep,
}

impl std::fmt::Debug for DispatcherEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DispatcherEngine")
            .field("calls", &self.calls)
            .field("connections", &self.connections.len())
            .field("voice", &self.current_voice())
            .finish_non_exhaustive()
    }
}

impl DispatcherEngine {
    /// Connects to speech-dispatcher; events go to `sink`. Fails when no daemon can be
    /// reached. Applies the default rate and volume; does not choose a voice (that takes
    /// seconds): call [`Engine::set_voice`].
    pub fn new(sink: EventSink) -> Result<Self, SpeechError> {
        let mut first = Connection::open(&sink)?;
        let (rate, volume) = (RateStep::default(), VolumeStep::default());
        first.set_rate(rate);
        first.set_volume(volume);
        Ok(Self { sink, connections: vec![first], active: 0, calls: 0, voices: None, rate, volume })
    }

    fn voice_list(&mut self) -> Result<&[tts::Voice], SpeechError> {
        if self.voices.is_none() {
            let started = Instant::now();
            let tts = &self.connections[self.active].tts;
            let list = tts.voices().map_err(|e| SpeechError::Failed(e.to_string()))?;
            info!(
                count = list.len(),
                elapsed_ms = started.elapsed().as_millis() as u64,
                "speech-dispatcher voices listed"
            );
            self.voices = Some(list);
        }
        Ok(self.voices.as_deref().unwrap_or_default())
    }

    /// The voices speech-dispatcher offers (listed once, then cached; listing takes
    /// about 1.5 s with espeak-ng's ~13,000 voices).
    pub fn voices(&mut self) -> Result<Vec<VoiceInfo>, SpeechError> {
        Ok(self.voice_list()?.iter().map(info_of).collect())
    }

    /// speech-dispatcher's name of the voice speaking now, once one was chosen.
    pub fn current_voice(&self) -> Option<&str> {
        self.connections.get(self.active).and_then(|c| c.chosen.as_deref())
    }

    /// Finds the voice for a configured name, logging why when there is none.
    fn find_voice(&mut self, wanted: &str) -> Option<tts::Voice> {
        let list = match self.voice_list() {
            Ok(list) => list,
            Err(err) => {
                warn!(%err, "speech-dispatcher: listing voices failed; keeping the current voice");
                return None;
            }
        };
        let infos: Vec<VoiceInfo> = list.iter().map(info_of).collect();
        match choose_voice(&infos, wanted) {
            Some(found) => {
                if let VoiceMatch::Fallback(i) = found {
                    warn!(
                        wanted,
                        chosen = %infos[i].name,
                        "configured voice not found; using another voice of the language"
                    );
                }
                list.get(found.index()).cloned()
            }
            None => {
                warn!(wanted, available = infos.len(), "voice not found; keeping the current voice");
                None
            }
        }
    }

    /// A new connection with the current rate and volume, or `None` (logged).
    fn open_connection(&mut self) -> Option<usize> {
        if self.connections.len() >= MAX_CONNECTIONS {
            return None;
        }
        match Connection::open(&self.sink) {
            Ok(mut connection) => {
                connection.set_rate(self.rate);
                connection.set_volume(self.volume);
                self.connections.push(connection);
                Some(self.connections.len() - 1)
            }
            Err(err) => {
                warn!(%err, "speech-dispatcher: another connection failed; switching voices in place");
                None
            }
        }
    }

    fn connection_for(&self, wanted: &str) -> Option<usize> {
        self.connections.iter().position(|c| c.wanted.as_deref() == Some(wanted))
    }
}

fn info_of(voice: &tts::Voice) -> VoiceInfo {
    VoiceInfo { name: voice.name(), language: voice.language().to_string() }
}

impl Engine for DispatcherEngine {
    fn speak(&mut self, text: &str) -> Result<(), SpeechError> {
        self.calls += 1;
        let id = self.calls;
        let connection = &mut self.connections[self.active];
        match connection.tts.speak(text, false) {
            Ok(Some(UtteranceId::SpeechDispatcher(msg))) => {
                connection.router.register(msg, id);
                Ok(())
            }
            Ok(None) => {
                debug!(id, "speech-dispatcher gave no message id; no events for this utterance");
                Ok(())
            }
            Err(err) => Err(SpeechError::Failed(err.to_string())),
        }
    }

    fn stop(&mut self) {
        for connection in &mut self.connections {
            connection.stop();
        }
    }

    fn set_rate(&mut self, rate: RateStep) {
        self.rate = rate;
        for connection in &mut self.connections {
            connection.set_rate(rate);
        }
    }

    fn set_volume(&mut self, volume: VolumeStep) {
        self.volume = volume;
        for connection in &mut self.connections {
            connection.set_volume(volume);
        }
    }

    fn set_voice(&mut self, name: &str) {
        if let Some(i) = self.connection_for(name) {
            if i != self.active {
                debug!(wanted = name, "speech voice switched");
            }
            self.active = i;
            return;
        }
        let Some(voice) = self.find_voice(name) else { return };
        let target = if self.connections[self.active].wanted.is_none() {
            self.active
        } else {
            self.open_connection().unwrap_or(self.active)
        };
        if self.connections[target].select(&voice, name) {
            self.active = target;
        }
    }

    fn prepare_voice(&mut self, name: &str) {
        if self.connection_for(name).is_some() {
            return;
        }
        let Some(voice) = self.find_voice(name) else { return };
        if let Some(i) = self.open_connection()
            && !self.connections[i].select(&voice, name)
        {
            self.connections.truncate(i);
        }
    }
}

impl Drop for DispatcherEngine {
    fn drop(&mut self) {
        // The tts crate clears its callback table before it closes the connection; an
        // event arriving in between would panic inside a C callback and abort. Stop now
        // and let the cancel events arrive while the table is still there.
        if self.calls > 0 {
            self.stop();
            thread::sleep(Duration::from_millis(150));
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
        let router = Router::new(sink);
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
        let router = Router::new(sink);
        for i in 0..5000u64 {
            router.register(i, i + 1);
            router.deliver(100_000 + i, Kind::Began);
        }
        router.with(|state| {
            assert!(state.by_msg.len() <= MAX_TRACKED);
            assert!(state.early.len() <= MAX_TRACKED);
        });
    }
}
