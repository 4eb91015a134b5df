//! The speech service: one thread owns the engine and applies [`Command`]s in order.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use tracing::{debug, error, info, warn};

use super::config::SpeechConfig;
use super::engine::{Engine, Event, EventSink, SpeechError};
use super::steps::{RateStep, VolumeStep};

/// What the UI asks of the speech service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Speak `texts` one after the other. With `interrupt` (a new screen, any action)
    /// whatever is speaking or queued is cut off first; without it the texts queue after
    /// it. Texts are trimmed, control characters become spaces, empty texts are skipped.
    Speak {
        /// The texts, in order.
        texts: Vec<String>,
        /// Stop current speech first.
        interrupt: bool,
    },
    /// Cut off current speech and drop the queue.
    Stop,
    /// Rate for the following utterances.
    SetRate(RateStep),
    /// Volume for the following utterances.
    SetVolume(VolumeStep),
    /// Off stops speech and drops every `Speak` until switched on again.
    SetEnabled(bool),
    /// Switch to the configured voice of a language (`"zh-CN"`, `"en-US"`, …). Takes
    /// about 1.5 s on speech-dispatcher; later commands wait for it.
    SetLanguage(&'static str),
    /// Stop speech and end the speech thread.
    Shutdown,
}

impl Command {
    /// A command after which nothing queued before it would still be heard.
    fn supersedes_speech(&self) -> bool {
        matches!(
            self,
            Command::Speak { interrupt: true, .. }
                | Command::Stop
                | Command::SetEnabled(false)
                | Command::Shutdown
        )
    }
}

/// How long the speech thread must have been idle before it prepares another voice.
const PREPARE_WHEN_IDLE: Duration = Duration::from_secs(1);

enum Msg {
    Cmd(Command),
    Sync(Sender<()>),
}

#[derive(Debug, Default)]
struct Shared {
    dead_logged: AtomicBool,
    thread: Mutex<Option<JoinHandle<()>>>,
}

/// Handle to the speech thread. Cheap to clone; every method returns at once except
/// [`SpeechService::sync`] and [`SpeechService::shutdown`], which wait up to a timeout.
#[derive(Debug, Clone)]
pub struct SpeechService {
    tx: Sender<Msg>,
    shared: Arc<Shared>,
}

impl SpeechService {
    /// Starts the speech thread, which creates the engine with `factory` (on that
    /// thread: `tts::Tts` is not `Send`), applies the configured rate, volume and Chinese
    /// voice, then serves commands. Returns at once with the handle and the engine's
    /// events.
    pub fn start<E, F>(config: SpeechConfig, factory: F) -> (Self, Receiver<Event>)
    where
        E: Engine,
        F: FnOnce(EventSink) -> Result<E, SpeechError> + Send + 'static,
    {
        let (sink, events) = mpsc::channel();
        (Self::start_with_sink(config, sink, factory), events)
    }

    /// As [`SpeechService::start`], with the events going to `sink`.
    pub fn start_with_sink<E, F>(config: SpeechConfig, sink: EventSink, factory: F) -> Self
    where
        E: Engine,
        F: FnOnce(EventSink) -> Result<E, SpeechError> + Send + 'static,
    {
        let (tx, rx) = mpsc::channel();
        let shared = Arc::new(Shared::default());
        let failure_sink = sink.clone();
        let spawned = thread::Builder::new().name("speech".to_owned()).spawn(move || {
            let panic_sink = sink.clone();
            if catch_unwind(AssertUnwindSafe(|| run(config, sink, rx, factory))).is_err() {
                error!("speech thread panicked; speech is off");
                let _ = panic_sink.send(Event::Failed("speech thread panicked".to_owned()));
            }
        });
        match spawned {
            Ok(handle) => {
                if let Ok(mut slot) = shared.thread.lock() {
                    *slot = Some(handle);
                }
            }
            Err(err) => {
                error!(%err, "could not start the speech thread; speech is off");
                let _ = failure_sink.send(Event::Failed(format!("could not start the speech thread: {err}")));
            }
        }
        Self { tx, shared }
    }

    /// Starts the service on speech-dispatcher (see [`super::DispatcherEngine`]).
    #[cfg(target_os = "linux")]
    pub fn dispatcher(config: SpeechConfig) -> (Self, Receiver<Event>) {
        Self::start(config, super::DispatcherEngine::new)
    }

    /// Queues a command. Never blocks or panics; once the speech thread is gone commands
    /// are dropped, which is logged once.
    pub fn send(&self, command: Command) {
        if self.tx.send(Msg::Cmd(command)).is_err() {
            self.log_dead();
        }
    }

    fn log_dead(&self) {
        if !self.shared.dead_logged.swap(true, Ordering::Relaxed) {
            warn!("speech thread is not running; speech commands are dropped");
        }
    }

    /// Waits until every command sent before this call has been applied (engine start-up
    /// included). False on timeout or when the speech thread is gone. For tests and
    /// benchmarks; the UI never waits for speech.
    pub fn sync(&self, timeout: Duration) -> bool {
        let (done, wait) = mpsc::channel();
        if self.tx.send(Msg::Sync(done)).is_err() {
            return false;
        }
        wait.recv_timeout(timeout).is_ok()
    }

    /// Whether the speech thread is still running.
    pub fn is_running(&self) -> bool {
        match self.shared.thread.lock() {
            Ok(slot) => slot.as_ref().is_some_and(|handle| !handle.is_finished()),
            Err(_) => false,
        }
    }

    /// Sends [`Command::Shutdown`] and waits up to `timeout` for the thread to end.
    /// True when it has ended.
    pub fn shutdown(&self, timeout: Duration) -> bool {
        let _ = self.tx.send(Msg::Cmd(Command::Shutdown));
        let deadline = Instant::now() + timeout;
        while self.is_running() {
            if Instant::now() >= deadline {
                return false;
            }
            thread::sleep(Duration::from_millis(5));
        }
        if let Ok(mut slot) = self.shared.thread.lock()
            && let Some(handle) = slot.take()
        {
            let _ = handle.join();
        }
        true
    }
}

/// The speech thread's state.
struct Worker<E> {
    engine: E,
    sink: EventSink,
    config: SpeechConfig,
    enabled: bool,
    voice: String,
    calls: u64,
    failing: bool,
}

enum Flow {
    Continue,
    Exit,
}

fn run<E, F>(config: SpeechConfig, sink: EventSink, rx: Receiver<Msg>, factory: F)
where
    E: Engine,
    F: FnOnce(EventSink) -> Result<E, SpeechError>,
{
    let started = Instant::now();
    let mut engine = match factory(sink.clone()) {
        Ok(engine) => engine,
        Err(err) => {
            error!(%err, "speech engine could not start; speech is off");
            let _ = sink.send(Event::Failed(err.to_string()));
            return;
        }
    };
    engine.set_rate(config.rate);
    engine.set_volume(config.volume);
    engine.set_voice(&config.voice_zh);
    info!(elapsed_ms = started.elapsed().as_millis() as u64, enabled = config.enabled, "speech engine ready");
    let mut worker = Worker {
        engine,
        sink,
        enabled: config.enabled,
        voice: config.voice_zh.clone(),
        config,
        calls: 0,
        failing: false,
    };
    // Voices of the other configured languages, chosen ahead of time when idle.
    let mut to_prepare: Vec<String> =
        [worker.config.voice_en.clone()].into_iter().filter(|v| *v != worker.voice).collect();
    loop {
        let first = if to_prepare.is_empty() {
            match rx.recv() {
                Ok(msg) => msg,
                Err(_) => break,
            }
        } else {
            match rx.recv_timeout(PREPARE_WHEN_IDLE) {
                Ok(msg) => msg,
                Err(RecvTimeoutError::Timeout) => {
                    let voice = to_prepare.remove(0);
                    let started = Instant::now();
                    worker.engine.prepare_voice(&voice);
                    debug!(elapsed_ms = started.elapsed().as_millis() as u64, "speech voice prepared");
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            }
        };
        // Apply everything queued meanwhile at once; speech that a later interrupt would
        // cut off anyway is never started (a quick succession of screens speaks the last).
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        let cut = batch.iter().rposition(|m| matches!(m, Msg::Cmd(c) if c.supersedes_speech()));
        for (i, msg) in batch.into_iter().enumerate() {
            match msg {
                Msg::Sync(done) => {
                    let _ = done.send(());
                }
                Msg::Cmd(Command::Speak { texts, .. }) if cut.is_some_and(|cut| i < cut) => {
                    debug!(count = texts.len(), "speech superseded before it started");
                }
                Msg::Cmd(command) => {
                    if let Flow::Exit = worker.apply(command) {
                        info!("speech thread ends");
                        return;
                    }
                }
            }
        }
    }
    // Every handle is gone.
    worker.engine.stop();
}

/// Trims, turns control characters (NUL included, which would break C strings) into
/// spaces.
fn clean(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_owned()
}

impl<E: Engine> Worker<E> {
    fn apply(&mut self, command: Command) -> Flow {
        match command {
            Command::Speak { texts, interrupt } => {
                if !self.enabled {
                    debug!(count = texts.len(), "speech is off; dropped");
                    return Flow::Continue;
                }
                if interrupt {
                    self.engine.stop();
                }
                for text in texts {
                    self.speak(&clean(&text));
                }
            }
            Command::Stop => self.engine.stop(),
            Command::SetRate(rate) => {
                debug!(?rate, "speech rate");
                self.engine.set_rate(rate);
            }
            Command::SetVolume(volume) => {
                debug!(?volume, "speech volume");
                self.engine.set_volume(volume);
            }
            Command::SetEnabled(enabled) => {
                if !enabled {
                    self.engine.stop();
                }
                if enabled != self.enabled {
                    info!(enabled, "speech switched");
                }
                self.enabled = enabled;
            }
            Command::SetLanguage(language) => match self.config.voice_for(language) {
                Some(voice) if voice == self.voice => {}
                Some(voice) => {
                    let voice = voice.to_owned();
                    let started = Instant::now();
                    self.engine.set_voice(&voice);
                    info!(language, elapsed_ms = started.elapsed().as_millis() as u64, "speech language");
                    self.voice = voice;
                }
                None => warn!(language, "no voice configured for this language; keeping the current one"),
            },
            Command::Shutdown => {
                self.engine.stop();
                return Flow::Exit;
            }
        }
        Flow::Continue
    }

    fn speak(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.calls += 1;
        // Log lengths and ids only: the text may hold personal data.
        match self.engine.speak(text) {
            Ok(()) => {
                if self.failing {
                    info!("speech engine works again");
                }
                self.failing = false;
                debug!(id = self.calls, chars = text.chars().count(), "speech queued");
            }
            Err(err) => {
                if self.failing {
                    debug!(id = self.calls, %err, "speech failed again");
                } else {
                    warn!(id = self.calls, %err, "speech failed");
                }
                self.failing = true;
                let _ = self.sink.send(Event::Failed(err.to_string()));
            }
        }
    }
}
