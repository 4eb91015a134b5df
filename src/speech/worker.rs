//! The speech service's worker thread: orders commands into engine operations, hands
//! them to the engine thread one at a time, forwards the engine's events, and runs the
//! watchdog (see [`super::WatchdogConfig`]).

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use tracing::{debug, error, info, warn};

use super::config::SpeechConfig;
use super::engine::{Engine, Event, EventSink, Outage, Report, SpeechError};
use super::service::{Command, Done, Initial, Msg, Op, Reporter, engine_thread};
use super::steps::RateStep;
use super::timing::expected_duration;
use super::watch::Watch;

/// How long shutdown waits for the engine to stop before leaving it behind.
const EXIT_GRACE: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EngineState {
    /// The factory is running.
    Starting,
    /// Waiting for an operation.
    Idle,
    /// Carrying one out.
    Busy,
    /// The engine thread has ended.
    Gone,
}

enum Flow {
    Continue,
    Exit,
}

struct Worker {
    ui: Reporter,
    config: SpeechConfig,
    ops: VecDeque<Op>,
    to_engine: Sender<Op>,
    engine: EngineState,
    enabled: bool,
    voice: String,
    rate: RateStep,
    /// Speak operations handed to the engine: the last one's id.
    calls: u64,
    failing: bool,
    available: bool,
    watch: Watch,
    exit_by: Option<Instant>,
}

/// Runs the worker until shutdown, until every handle is gone, or until the engine
/// could not start.
pub(crate) fn run<E, F>(config: SpeechConfig, ui: Reporter, tx: Sender<Msg>, rx: Receiver<Msg>, factory: F)
where
    E: Engine,
    F: FnOnce(EventSink) -> Result<E, SpeechError> + Send + 'static,
{
    let (to_engine, ops) = mpsc::channel();
    let initial = Initial { rate: config.rate, volume: config.volume, voice: config.voice_zh.clone() };
    let events = tx.clone();
    let engine_sink = EventSink::new(move |event| events.send(Msg::Engine(event)).is_ok());
    let spawned = thread::Builder::new()
        .name("speech-engine".to_owned())
        .spawn(move || engine_thread(initial, engine_sink, ops, tx, factory));
    if let Err(err) = spawned {
        error!(%err, "could not start the speech engine thread; speech is off");
        ui.event(Event::Failed(format!("could not start the speech engine thread: {err}")));
        ui.send(Report::Unavailable(Outage::Failed));
        return;
    }
    let mut worker = Worker {
        ui,
        enabled: config.enabled,
        voice: config.voice_zh.clone(),
        rate: config.rate,
        watch: Watch::new(config.watchdog),
        config,
        ops: VecDeque::new(),
        to_engine,
        engine: EngineState::Starting,
        calls: 0,
        failing: false,
        available: true,
        exit_by: None,
    };
    worker.serve(&rx);
}

/// Trims, turns control characters (NUL included, which would break C strings) into
/// spaces.
fn clean(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_owned()
}

impl Worker {
    fn serve(&mut self, rx: &Receiver<Msg>) {
        loop {
            let wake = [self.watch.deadline(), self.exit_by].into_iter().flatten().min();
            let first = match wake {
                // Nothing is timed: sleep until a message comes (no polling when idle).
                None => match rx.recv() {
                    Ok(msg) => Some(msg),
                    Err(_) => return,
                },
                Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                    Ok(msg) => Some(msg),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return,
                },
            };
            // Take everything queued meanwhile before handing the engine anything, so
            // speech a later command supersedes is never started.
            for msg in first.into_iter().chain(rx.try_iter()) {
                if let Flow::Exit = self.handle(msg) {
                    return;
                }
            }
            let now = Instant::now();
            while let Some(outage) = self.watch.check(now) {
                self.unavailable(outage);
            }
            if self.exit_by.is_some_and(|by| now >= by) {
                warn!("speech engine did not stop in time; leaving it behind");
                return;
            }
            self.pump();
        }
    }

    fn handle(&mut self, msg: Msg) -> Flow {
        match msg {
            Msg::Cmd(command) => self.apply(command),
            Msg::Sync(done) => self.ops.push_back(Op::Sync(done)),
            Msg::Engine(event) => self.engine_event(event),
            Msg::Started => {
                self.engine = EngineState::Idle;
                self.ui.send(Report::Ready);
            }
            Msg::EngineDown(why) => {
                error!(%why, "speech engine is down; speech is off");
                self.engine = EngineState::Gone;
                self.ui.event(Event::Failed(why));
                self.unavailable(Outage::Failed);
                return Flow::Exit;
            }
            Msg::Done(Done::Spoke(result)) => {
                self.engine = EngineState::Idle;
                self.spoke(result);
            }
            Msg::Done(Done::Other) => self.engine = EngineState::Idle,
            Msg::Done(Done::Exited) => {
                info!("speech thread ends");
                return Flow::Exit;
            }
            Msg::HandlesGone => self.apply(Command::Shutdown),
        }
        Flow::Continue
    }

    /// Speech queued or speaking now would never be heard: drop it, and of the settings
    /// left waiting keep the last of each kind (no speech is left between them).
    fn supersede(&mut self) {
        self.ops.retain(|op| !matches!(op, Op::Speak(_) | Op::Stop));
        let mut kept: VecDeque<Op> = VecDeque::with_capacity(self.ops.len() + 1);
        while let Some(op) = self.ops.pop_back() {
            if matches!(op, Op::Sync(_)) || !kept.iter().any(|k| k.same_kind(&op)) {
                kept.push_front(op);
            }
        }
        self.ops = kept;
        self.watch.clear();
        self.ops.push_back(Op::Stop);
    }

    /// Queues a setting, replacing one of the same kind that no speech waits behind.
    fn setting(&mut self, op: Op) {
        let after_speech = self.ops.iter().rposition(|o| matches!(o, Op::Speak(_))).map_or(0, |i| i + 1);
        let mut i = after_speech;
        while i < self.ops.len() {
            if self.ops[i].same_kind(&op) {
                self.ops.remove(i);
            } else {
                i += 1;
            }
        }
        self.ops.push_back(op);
    }

    fn apply(&mut self, command: Command) {
        if self.exit_by.is_some() {
            return;
        }
        match command {
            Command::Speak { texts, interrupt } => {
                if !self.enabled {
                    debug!(count = texts.len(), "speech is off; dropped");
                    return;
                }
                if interrupt {
                    self.supersede();
                }
                let now = Instant::now();
                for text in texts.iter().map(|t| clean(t)).filter(|t| !t.is_empty()) {
                    self.watch.queued(expected_duration(&text, self.rate), now);
                    self.ops.push_back(Op::Speak(text));
                }
            }
            Command::Stop => self.supersede(),
            Command::SetRate(rate) => {
                debug!(?rate, "speech rate");
                self.rate = rate;
                self.setting(Op::Rate(rate));
            }
            Command::SetVolume(volume) => {
                debug!(?volume, "speech volume");
                self.setting(Op::Volume(volume));
            }
            Command::SetEnabled(enabled) => {
                if !enabled {
                    self.supersede();
                }
                if enabled != self.enabled {
                    info!(enabled, "speech switched");
                }
                self.enabled = enabled;
            }
            Command::SetLanguage(language) => match self.config.voice_for(language) {
                Some(voice) if voice == self.voice => {}
                Some(voice) => {
                    info!(language, "speech language");
                    self.voice = voice.to_owned();
                    self.setting(Op::Voice(voice.to_owned()));
                }
                None => warn!(language, "no voice configured for this language; keeping the current one"),
            },
            Command::Shutdown => {
                self.ops.retain(|op| matches!(op, Op::Sync(_)));
                self.watch.clear();
                self.ops.push_back(Op::Exit);
                self.exit_by = Some(Instant::now() + EXIT_GRACE);
            }
        }
    }

    /// Hands the next operation to the engine thread if it is free.
    fn pump(&mut self) {
        if self.engine != EngineState::Idle {
            return;
        }
        let Some(op) = self.ops.pop_front() else { return };
        if let Op::Speak(_) = op {
            self.calls += 1;
            self.watch.handed(self.calls);
        }
        if self.to_engine.send(op).is_ok() {
            self.engine = EngineState::Busy;
        } else {
            self.engine = EngineState::Gone;
        }
    }

    fn spoke(&mut self, result: Result<(), SpeechError>) {
        // Log lengths and ids only: the text may hold personal data.
        let id = self.calls;
        match result {
            Ok(()) => {
                if self.failing {
                    info!("speech engine works again");
                }
                self.failing = false;
                debug!(id, "speech queued");
            }
            Err(err) => {
                if self.failing {
                    debug!(id, %err, "speech failed again");
                } else {
                    warn!(id, %err, "speech failed");
                }
                self.failing = true;
                self.watch.finished(id, Instant::now());
                self.ui.event(Event::Failed(err.to_string()));
                self.unavailable(Outage::Failed);
            }
        }
    }

    fn engine_event(&mut self, event: Event) {
        let now = Instant::now();
        match event {
            Event::Began(id) => self.watch.began(id, now),
            Event::Ended(id) | Event::Cancelled(id) => self.watch.finished(id, now),
            Event::Failed(_) => {}
        }
        let ended = matches!(event, Event::Ended(_));
        self.ui.event(event);
        if ended && !self.available {
            info!("speech is available again");
            self.available = true;
            self.ui.send(Report::Available);
        }
    }

    fn unavailable(&mut self, outage: Outage) {
        if self.available {
            warn!(?outage, "speech is unavailable");
            self.available = false;
            self.ui.send(Report::Unavailable(outage));
        } else {
            debug!(?outage, "speech is still unavailable");
        }
    }
}
