//! The kiosk's link to the speech service: carries speech effects to it and
//! tells when a read-back has been heard to the end (so 确认提交 can unlock).

use std::sync::mpsc::Receiver;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::speech::{Command, Event, RateStep, SpeechConfig, SpeechService, VolumeStep};

use super::effect::Effect;
use super::voice::Purpose;

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
    /// Give up after this long (a broken audio path must not lock the kiosk).
    patience: Duration,
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

    /// Carries out a speech effect; a read-back returns what to wait for.
    pub fn apply(&self, effect: Effect) -> Option<Pending> {
        match effect {
            Effect::Speak { texts, purpose } => {
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

    /// Waits (on a blocking thread) until the script was heard to its end.
    /// False when it was interrupted by a newer one; true when it ended, the
    /// engine failed, or patience ran out.
    pub async fn heard(&self, pending: Pending) -> bool {
        let progress = self.progress.clone();
        tokio::task::spawn_blocking(move || {
            let (lock, done) = &*progress;
            let Ok(guard) = lock.lock() else { return true };
            let waited = done.wait_timeout_while(guard, pending.patience, |p| {
                p.finished < pending.generation && p.generation == pending.generation && !p.failed
            });
            match waited {
                // Heard to the end, or nothing can be heard; false only when a newer script cut it off.
                Ok((p, _)) => {
                    p.finished >= pending.generation || p.failed || p.generation == pending.generation
                }
                Err(_) => true,
            }
        })
        .await
        .unwrap_or(true)
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
        let pending =
            link.apply(Effect::Speak { texts: vec!["a".into(), "b".into()], purpose: Purpose::ReadBack });
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        let heard = runtime.block_on(link.heard(pending.expect("a read-back is waited for")));
        assert!(heard);
        // Other scripts are not waited for.
        assert!(link.apply(Effect::Speak { texts: vec!["x".into()], purpose: Purpose::Screen }).is_none());
    }
}
