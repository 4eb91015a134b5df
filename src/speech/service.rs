//! The speech service: a handle that never blocks, a worker thread that orders commands
//! and runs the watchdog, and an engine thread that owns the engine.
//!
//! The engine thread makes one engine call at a time, handed to it by the worker. A
//! call that hangs (speech-dispatcher stuck on a broken audio device does not answer)
//! holds only the engine thread: the worker keeps taking commands, folds the ones
//! waiting (a newer screen's speech replaces an older one's), and its watchdog reports
//! speech as unavailable.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use tracing::{error, info, warn};

use super::config::SpeechConfig;
use super::engine::{Engine, Event, EventSink, Report, SpeechError};
use super::steps::{RateStep, VolumeStep};
use super::worker;

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
    /// Off stops speech and drops every `Speak` until switched on again. The engine
    /// stays connected.
    SetEnabled(bool),
    /// Switch to the configured voice of a language (`"zh-CN"`, `"en-US"`, …).
    SetLanguage(&'static str),
    /// Stop speech and end the speech threads.
    Shutdown,
}

/// Messages to the worker thread.
pub(crate) enum Msg {
    Cmd(Command),
    Sync(Sender<()>),
    /// An event an engine reported (from any thread).
    Engine(Event),
    /// The engine thread created the engine and applied the configured settings.
    Started,
    /// The engine could not start, or the engine thread panicked.
    EngineDown(String),
    /// The engine thread finished the operation it was handed.
    Done(Done),
    /// Every [`SpeechService`] handle is gone.
    HandlesGone,
}

/// What the engine thread did.
pub(crate) enum Done {
    Spoke(Result<(), SpeechError>),
    Other,
    Exited,
}

/// One engine call, handed from the worker to the engine thread.
pub(crate) enum Op {
    Speak(String),
    Stop,
    Rate(RateStep),
    Volume(VolumeStep),
    Voice(String),
    Sync(Sender<()>),
    Exit,
}

impl Op {
    pub(crate) fn same_kind(&self, other: &Op) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

struct Inner {
    tx: Sender<Msg>,
    dead_logged: AtomicBool,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        let _ = self.tx.send(Msg::HandlesGone);
    }
}

/// Handle to the speech threads. Cheap to clone; every method returns at once except
/// [`SpeechService::sync`] and [`SpeechService::shutdown`], which wait up to a timeout.
#[derive(Clone)]
pub struct SpeechService {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for SpeechService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SpeechService").field("running", &self.is_running()).finish()
    }
}

/// Where the service's reports go: a function that returns false once nobody listens.
/// It must not block.
#[derive(Clone)]
pub(crate) struct Reporter(Arc<dyn Fn(Report) -> bool + Send + Sync>);

impl Reporter {
    pub(crate) fn send(&self, report: Report) -> bool {
        (self.0)(report)
    }

    pub(crate) fn event(&self, event: Event) -> bool {
        self.send(Report::Event(event))
    }
}

impl SpeechService {
    /// Starts the speech threads; the receiver gets the engine's [`Event`]s only (see
    /// [`SpeechService::start_reporting`] for the service's [`Report`]s: ready,
    /// unavailable, available). The engine is created with `factory` on a thread of its
    /// own, which then applies the configured rate, volume and Chinese voice. Returns at
    /// once.
    pub fn start<E, F>(config: SpeechConfig, factory: F) -> (Self, Receiver<Event>)
    where
        E: Engine,
        F: FnOnce(EventSink) -> Result<E, SpeechError> + Send + 'static,
    {
        let (sink, events) = mpsc::channel();
        (Self::start_with_sink(config, sink, factory), events)
    }

    /// As [`SpeechService::start`], with the events going to `sink`.
    pub fn start_with_sink<E, F>(config: SpeechConfig, sink: impl Into<EventSink>, factory: F) -> Self
    where
        E: Engine,
        F: FnOnce(EventSink) -> Result<E, SpeechError> + Send + 'static,
    {
        let sink = sink.into();
        Self::start_with_reports(
            config,
            move |report| match report {
                Report::Event(event) => sink.send(event),
                _ => true,
            },
            factory,
        )
    }

    /// As [`SpeechService::start`], with every [`Report`] (events, [`Report::Ready`],
    /// [`Report::Unavailable`], [`Report::Available`]) in one channel, in order.
    pub fn start_reporting<E, F>(config: SpeechConfig, factory: F) -> (Self, Receiver<Report>)
    where
        E: Engine,
        F: FnOnce(EventSink) -> Result<E, SpeechError> + Send + 'static,
    {
        let (tx, reports) = mpsc::channel();
        (Self::start_with_reports(config, move |report| tx.send(report).is_ok(), factory), reports)
    }

    /// As [`SpeechService::start_reporting`], calling `on_report` (on the service's
    /// thread; it must not block) for every report.
    pub fn start_with_reports<E, F>(
        config: SpeechConfig,
        on_report: impl Fn(Report) -> bool + Send + Sync + 'static,
        factory: F,
    ) -> Self
    where
        E: Engine,
        F: FnOnce(EventSink) -> Result<E, SpeechError> + Send + 'static,
    {
        let reporter = Reporter(Arc::new(on_report));
        let (tx, rx) = mpsc::channel();
        let to_worker = tx.clone();
        let failure = reporter.clone();
        let spawned = thread::Builder::new().name("speech".to_owned()).spawn(move || {
            let on_panic = reporter.clone();
            let run = AssertUnwindSafe(|| worker::run(config, reporter, to_worker, rx, factory));
            if catch_unwind(run).is_err() {
                error!("speech thread panicked; speech is off");
                on_panic.event(Event::Failed("speech thread panicked".to_owned()));
                on_panic.send(Report::Unavailable(super::Outage::Failed));
            }
        });
        let thread = match spawned {
            Ok(handle) => Some(handle),
            Err(err) => {
                error!(%err, "could not start the speech thread; speech is off");
                failure.event(Event::Failed(format!("could not start the speech thread: {err}")));
                failure.send(Report::Unavailable(super::Outage::Failed));
                None
            }
        };
        Self {
            inner: Arc::new(Inner { tx, dead_logged: AtomicBool::new(false), thread: Mutex::new(thread) }),
        }
    }

    /// Starts the service on speech-dispatcher (see [`super::DispatcherEngine::launch`]);
    /// the receiver gets the engine's events only.
    #[cfg(target_os = "linux")]
    pub fn dispatcher(config: SpeechConfig) -> (Self, Receiver<Event>) {
        let launch = config.clone();
        Self::start(config, move |sink| super::DispatcherEngine::launch(&launch, sink))
    }

    /// As [`SpeechService::dispatcher`], with every [`Report`].
    #[cfg(target_os = "linux")]
    pub fn dispatcher_reporting(config: SpeechConfig) -> (Self, Receiver<Report>) {
        let launch = config.clone();
        Self::start_reporting(config, move |sink| super::DispatcherEngine::launch(&launch, sink))
    }

    /// Queues a command. Never blocks or panics; once the speech thread is gone commands
    /// are dropped, which is logged once.
    pub fn send(&self, command: Command) {
        if self.inner.tx.send(Msg::Cmd(command)).is_err()
            && !self.inner.dead_logged.swap(true, Ordering::Relaxed)
        {
            warn!("speech thread is not running; speech commands are dropped");
        }
    }

    /// Waits until every command sent before this call has been applied by the engine
    /// (engine start-up included). False on timeout or when the speech threads are gone
    /// or stuck. For tests and benchmarks; the UI never waits for speech.
    pub fn sync(&self, timeout: Duration) -> bool {
        let (done, wait) = mpsc::channel();
        if self.inner.tx.send(Msg::Sync(done)).is_err() {
            return false;
        }
        wait.recv_timeout(timeout).is_ok()
    }

    /// Whether the speech thread is still running.
    pub fn is_running(&self) -> bool {
        match self.inner.thread.lock() {
            Ok(slot) => slot.as_ref().is_some_and(|handle| !handle.is_finished()),
            Err(_) => false,
        }
    }

    /// Sends [`Command::Shutdown`] and waits up to `timeout` for the speech thread to
    /// end. True when it has ended. (An engine stuck in a call is left behind after a
    /// grace period: it cannot be ended from outside.)
    pub fn shutdown(&self, timeout: Duration) -> bool {
        let _ = self.inner.tx.send(Msg::Cmd(Command::Shutdown));
        let deadline = Instant::now() + timeout;
        while self.is_running() {
            if Instant::now() >= deadline {
                return false;
            }
            thread::sleep(Duration::from_millis(5));
        }
        if let Ok(mut slot) = self.inner.thread.lock()
            && let Some(handle) = slot.take()
        {
            let _ = handle.join();
        }
        true
    }
}

/// The engine's initial settings.
pub(crate) struct Initial {
    pub rate: RateStep,
    pub volume: VolumeStep,
    pub voice: String,
}

/// The engine thread: creates the engine, applies the initial settings, then carries
/// out operations until told to exit or the worker is gone.
pub(crate) fn engine_thread<E, F>(
    initial: Initial,
    sink: EventSink,
    ops: Receiver<Op>,
    back: Sender<Msg>,
    factory: F,
) where
    E: Engine,
    F: FnOnce(EventSink) -> Result<E, SpeechError>,
{
    let report = back.clone();
    let run = AssertUnwindSafe(move || {
        let started = Instant::now();
        let mut engine = match factory(sink) {
            Ok(engine) => engine,
            Err(err) => {
                let _ = back.send(Msg::EngineDown(err.to_string()));
                return;
            }
        };
        engine.set_rate(initial.rate);
        engine.set_volume(initial.volume);
        engine.set_voice(&initial.voice);
        info!(elapsed_ms = started.elapsed().as_millis() as u64, "speech engine ready");
        let _ = back.send(Msg::Started);
        for op in ops {
            let done = match op {
                Op::Speak(text) => Done::Spoke(engine.speak(&text)),
                Op::Stop => {
                    engine.stop();
                    Done::Other
                }
                Op::Rate(rate) => {
                    engine.set_rate(rate);
                    Done::Other
                }
                Op::Volume(volume) => {
                    engine.set_volume(volume);
                    Done::Other
                }
                Op::Voice(voice) => {
                    engine.set_voice(&voice);
                    Done::Other
                }
                Op::Sync(done) => {
                    let _ = done.send(());
                    Done::Other
                }
                Op::Exit => {
                    engine.stop();
                    drop(engine);
                    let _ = back.send(Msg::Done(Done::Exited));
                    return;
                }
            };
            if back.send(Msg::Done(done)).is_err() {
                break;
            }
        }
        // The worker is gone.
        engine.stop();
    });
    if catch_unwind(run).is_err() {
        error!("speech engine panicked; speech is off");
        let _ = report.send(Msg::EngineDown("speech thread panicked".to_owned()));
    }
}
