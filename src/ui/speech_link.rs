//! The kiosk's link to the speech service: carries speech effects to it,
//! tells when a read-back was heard to its end (for the session that asked),
//! and notices speech that does not end within its expected length: then the
//! kiosk says on screen that speech is unavailable and waits for nothing.

use std::sync::mpsc::Receiver;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::speech::{Command, Event, RateStep, SpeechConfig, SpeechService, VolumeStep};

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
    /// Speech did not start or end within its expected length (no sound
    /// card, a dead speech daemon): treat speech as unavailable.
    Unavailable,
    /// Speech works again.
    Available,
}

/// How far the last script has got.
#[derive(Debug, Default)]
struct Progress {
    /// Raised with every script sent (each interrupts the one before).
    generation: u64,
    /// Utterances of the current script not yet ended.
    outstanding: usize,
    /// The last generation heard to its end.
    finished: u64,
    /// The engine failed: nobody will hear anything, so nothing waits.
    failed: bool,
}

#[derive(Clone)]
pub struct SpeechLink {
    service: SpeechService,
    progress: Arc<(Mutex<Progress>, Condvar)>,
}

impl std::fmt::Debug for SpeechLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SpeechLink")
    }
}

/// A script that may be waited for.
pub struct Pending {
    generation: u64,
    /// Speech that has not ended after this long is broken (a broken audio path must not lock the kiosk).
    patience: Duration,
}

/// How a wait for a read-back ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Heard,
    Cut,
    Overran,
}

/// Chinese runs at about four characters a second at the normal rate.
const CHARS_PER_SECOND: f32 = 4.0;
/// Added to every wait for the engine to start.
const SLACK: Duration = Duration::from_secs(5);

impl SpeechLink {
    /// Starts speech-dispatcher behind the speech service (off the UI path).
    pub fn start() -> SpeechLink {
        let (service, events) = SpeechService::dispatcher(SpeechConfig::default());
        SpeechLink::with_service(service, events)
    }

    pub fn with_service(service: SpeechService, events: Receiver<Event>) -> SpeechLink {
        let progress = Arc::new((Mutex::new(Progress::default()), Condvar::new()));
        let shared = progress.clone();
        let spawned = std::thread::Builder::new().name("speech-events".into()).spawn(move || {
            for event in events {
                let (lock, done) = &*shared;
                let Ok(mut p) = lock.lock() else { return };
                match event {
                    Event::Ended(_) => {
                        p.outstanding = p.outstanding.saturating_sub(1);
                        if p.outstanding == 0 {
                            p.finished = p.generation;
                        }
                    }
                    Event::Failed(_) => p.failed = true,
                    Event::Began(_) | Event::Cancelled(_) => {}
                }
                done.notify_all();
            }
        });
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "speech event thread did not start");
        }
        SpeechLink { service, progress }
    }

    /// Carries out a speech effect; for a read-back, the wait for its end
    /// (which reports to the session that asked).
    pub fn apply(
        &self,
        effect: Effect,
    ) -> Option<impl std::future::Future<Output = Notice> + Send + 'static> {
        let session = match &effect {
            Effect::Speak { session, .. } => *session,
            _ => SessionId::default(),
        };
        let pending = self.send(effect)?;
        let link = self.clone();
        Some(async move {
            match link.wait(pending).await {
                Outcome::Heard => Notice::Heard(session),
                Outcome::Cut => Notice::Cut,
                Outcome::Overran => Notice::Unavailable,
            }
        })
    }

    /// Engine-wide notices (none yet beyond the read-back's own watchdog).
    pub fn notices(&self) -> iced::Subscription<Notice> {
        iced::Subscription::none()
    }

    /// Carries out a speech effect; a read-back returns what to wait for.
    fn send(&self, effect: Effect) -> Option<Pending> {
        match effect {
            Effect::Speak { texts, purpose, .. } => {
                let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
                let generation = {
                    let (lock, _) = &*self.progress;
                    let mut p = lock.lock().ok()?;
                    p.generation += 1;
                    p.outstanding = texts.len();
                    p.generation
                };
                self.service.send(Command::Speak { texts, interrupt: true });
                (purpose == Purpose::ReadBack).then(|| Pending {
                    generation,
                    patience: Duration::from_secs_f32(chars as f32 / CHARS_PER_SECOND) + SLACK,
                })
            }
            Effect::StopSpeech => {
                self.service.send(Command::Stop);
                None
            }
            Effect::SpeechSettings { enabled, rate, volume, lang } => {
                self.service.send(Command::SetEnabled(enabled));
                self.service.send(Command::SetRate(rate_step(rate)));
                self.service.send(Command::SetVolume(volume_step(volume)));
                self.service.send(Command::SetLanguage(lang.code()));
                None
            }
            _ => None,
        }
    }

    /// Waits (on a blocking thread) until the script was heard to its end,
    /// cut off by a newer one, or overran its expected length (or the engine failed).
    async fn wait(&self, pending: Pending) -> Outcome {
        let progress = self.progress.clone();
        tokio::task::spawn_blocking(move || {
            let (lock, done) = &*progress;
            let Ok(guard) = lock.lock() else { return Outcome::Overran };
            let waited = done.wait_timeout_while(guard, pending.patience, |p| {
                p.finished < pending.generation && p.generation == pending.generation && !p.failed
            });
            match waited {
                Ok((p, _)) if p.finished >= pending.generation => Outcome::Heard,
                Ok((p, _)) if p.generation != pending.generation && !p.failed => Outcome::Cut,
                _ => Outcome::Overran,
            }
        })
        .await
        .unwrap_or(Outcome::Overran)
    }
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
mod tests {
    use super::*;
    use crate::ui::voice;

    #[test]
    fn kiosk_steps_map_onto_the_speech_steps() {
        assert_eq!(rate_step(voice::DEFAULT_RATE), RateStep::default());
        assert_eq!(rate_step(0), RateStep::Slower);
        assert_eq!(volume_step(voice::DEFAULT_VOLUME), VolumeStep::default());
        assert_eq!(volume_step(0), VolumeStep::Loudest);
        assert_eq!(volume_step(4), VolumeStep::Softest);
        let span = volume_step(0).db() - volume_step(4).db();
        assert!(span >= 18.0, "{span}");
        assert_eq!(voice::RATE_IDS.len(), RateStep::ALL.len());
        assert_eq!(voice::VOLUME_IDS.len(), VolumeStep::ALL.len());
    }

    #[test]
    fn a_read_back_is_heard_when_its_last_utterance_ends() {
        use crate::speech::{RecordLog, Recorder};
        let log = RecordLog::new();
        let (service, events) =
            SpeechService::start(SpeechConfig::default(), move |sink| Ok(Recorder::new(log.clone(), sink)));
        let link = SpeechLink::with_service(service, events);
        let session = SessionId(7);
        let wait = link.apply(Effect::Speak {
            texts: vec!["a".into(), "b".into()],
            purpose: Purpose::ReadBack,
            session,
        });
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let notice = runtime.block_on(wait.expect("a read-back is waited for"));
        assert_eq!(notice, Notice::Heard(session));
        // Other scripts are not waited for.
        let screen = Effect::Speak { texts: vec!["x".into()], purpose: Purpose::Screen, session };
        assert!(link.apply(screen).is_none());
    }
}
