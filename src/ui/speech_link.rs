//! The kiosk's link to the speech service: carries speech effects to it and
//! turns the service's reports into notices for the app — a read-back heard
//! to its end (for the session that asked), cut off, or speech found broken by
//! the service's watchdog (an utterance that did not begin or end within its
//! expected length: no sound card, a dead daemon) and working again. Nothing
//! in the kiosk ever waits on speech.

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use iced::futures::channel::mpsc::{UnboundedReceiver, unbounded};
use iced::futures::{Stream, StreamExt};

use crate::speech::{
    Command, Engine, Event, EventSink, RateStep, Report, SpeechConfig, SpeechError, SpeechService, VolumeStep,
};

use super::effect::Effect;
use super::session::SessionId;
use super::voice::Purpose;

/// What the speech link reports to the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The read-back asked for by this session was heard to its end.
    Heard(SessionId),
    /// A newer script cut the read-back off.
    Cut,
    /// Speech cannot be relied on now: the screen says so and nothing waits for it.
    Unavailable,
    /// Speech works again.
    Available,
}

/// How far the read-back has got, from the engine's events.
#[derive(Debug, Default)]
struct ReadBack {
    session: SessionId,
    /// Texts of the script.
    texts: usize,
    /// The engine's id of its first utterance, once it began (ids only grow).
    first: Option<u64>,
    ended: usize,
}

/// The scripts sent and what the engine has said of them.
#[derive(Debug, Default)]
struct Progress {
    /// The read-back being spoken, if the last script was one.
    read_back: Option<ReadBack>,
}

impl Progress {
    /// A script was sent (interrupting whatever was said): a read-back is followed,
    /// anything else ends the wait for one.
    fn sent(&mut self, texts: usize, purpose: Purpose, session: SessionId) {
        self.read_back = (purpose == Purpose::ReadBack && texts > 0).then_some(ReadBack {
            session,
            texts,
            first: None,
            ended: 0,
        });
    }

    /// What a report of the service means for the app.
    fn on_report(&mut self, report: Report) -> Option<Notice> {
        match report {
            Report::Unavailable(_) => Some(Notice::Unavailable),
            Report::Available => Some(Notice::Available),
            Report::Ready => None,
            Report::Event(Event::Began(id)) => {
                if let Some(r) = self.read_back.as_mut().filter(|r| r.first.is_none()) {
                    r.first = Some(id);
                }
                None
            }
            Report::Event(Event::Ended(id)) => {
                let r = self.read_back.as_mut().filter(|r| r.first.is_some_and(|f| id >= f))?;
                r.ended += 1;
                if r.ended < r.texts {
                    return None;
                }
                let session = r.session;
                self.read_back = None;
                Some(Notice::Heard(session))
            }
            Report::Event(Event::Cancelled(id)) => {
                self.read_back.as_ref().filter(|r| r.first.is_some_and(|f| id >= f))?;
                self.read_back = None;
                Some(Notice::Cut)
            }
            Report::Event(Event::Failed(_)) => None,
        }
    }
}

/// The reports of the service, handed once to the subscription that listens to them.
#[derive(Clone)]
struct Reports {
    receiver: Arc<Mutex<Option<UnboundedReceiver<Report>>>>,
    progress: Arc<Mutex<Progress>>,
}

impl Hash for Reports {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // One speech link per kiosk: its notices are one subscription.
        "yiban-speech-notices".hash(state);
    }
}

#[derive(Clone)]
pub struct SpeechLink {
    service: SpeechService,
    reports: Reports,
}

impl std::fmt::Debug for SpeechLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SpeechLink")
    }
}

impl SpeechLink {
    /// Starts speech-dispatcher behind the speech service (off the UI path: the
    /// service connects and chooses its voice on its own thread).
    pub fn start() -> SpeechLink {
        let config = SpeechConfig::default();
        let launch = config.clone();
        SpeechLink::with_engine(config, move |sink| crate::speech::DispatcherEngine::launch(&launch, sink))
    }

    /// The link over any engine (tests use the recording engines).
    pub fn with_engine<E, F>(config: SpeechConfig, factory: F) -> SpeechLink
    where
        E: Engine,
        F: FnOnce(EventSink) -> Result<E, SpeechError> + Send + 'static,
    {
        let (tx, rx) = unbounded();
        let service = SpeechService::start_with_reports(
            config,
            move |report| tx.unbounded_send(report).is_ok(),
            factory,
        );
        let reports = Reports { receiver: Arc::new(Mutex::new(Some(rx))), progress: Arc::default() };
        SpeechLink { service, reports }
    }

    /// Carries out a speech effect (at once; nothing waits for speech).
    pub fn apply(&self, effect: Effect) {
        match effect {
            Effect::Speak { texts, purpose, session } => {
                if let Ok(mut p) = self.reports.progress.lock() {
                    p.sent(texts.len(), purpose, session);
                }
                self.service.send(Command::Speak { texts, interrupt: true });
            }
            Effect::StopSpeech => self.service.send(Command::Stop),
            Effect::SpeechSettings { enabled, rate, volume, lang } => {
                self.service.send(Command::SetEnabled(enabled));
                self.service.send(Command::SetRate(rate_step(rate)));
                self.service.send(Command::SetVolume(volume_step(volume)));
                self.service.send(Command::SetLanguage(lang.code()));
            }
            Effect::Portal(..) | Effect::Chore(_) => {}
        }
    }

    /// The notices of the speech service, for the app's subscription.
    pub fn notices(&self) -> iced::Subscription<Notice> {
        iced::Subscription::run_with(self.reports.clone(), notices)
    }
}

/// The stream of notices: the service's reports (taken once), read against the scripts sent.
fn notices(reports: &Reports) -> impl Stream<Item = Notice> + use<> {
    let receiver = reports.receiver.lock().ok().and_then(|mut r| r.take());
    let progress = reports.progress.clone();
    iced::futures::stream::iter(receiver).flatten().filter_map(move |report| {
        let notice = progress.lock().ok().and_then(|mut p| p.on_report(report));
        async move { notice }
    })
}

/// The speech service's rate for the kiosk's rate index (`voice::RATE_IDS`).
pub fn rate_step(index: u8) -> RateStep {
    RateStep::ALL[usize::from(index).min(RateStep::ALL.len() - 1)]
}

/// The speech service's volume for the kiosk's volume index (`voice::VOLUME_IDS`, loudest first).
pub fn volume_step(index: u8) -> VolumeStep {
    let i = usize::from(index).min(VolumeStep::ALL.len() - 1);
    VolumeStep::ALL[VolumeStep::ALL.len() - 1 - i]
}

#[cfg(test)]
#[path = "speech_link_tests.rs"]
mod tests;
