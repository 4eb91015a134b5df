//! Unit tests of the speech link: the kiosk's steps map onto the service's, a
//! read-back is heard at its last utterance's end, and an engine that never
//! ends an utterance is reported as speech unavailable.

use std::time::Duration;

use super::*;
use crate::speech::{Outage, RecordLog, Recorder, WatchdogConfig};
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
    let session = SessionId(7);
    let mut p = Progress::default();
    p.sent(2, Purpose::ReadBack, session);
    // The end of an utterance of the script before (a lower id) is not this script's.
    assert_eq!(p.on_report(Report::Event(Event::Ended(4))), None);
    assert_eq!(p.on_report(Report::Event(Event::Began(5))), None);
    assert_eq!(p.on_report(Report::Event(Event::Ended(5))), None, "one of two texts is not the read-back");
    assert_eq!(p.on_report(Report::Event(Event::Began(6))), None);
    assert_eq!(p.on_report(Report::Event(Event::Ended(6))), Some(Notice::Heard(session)));
    assert_eq!(p.on_report(Report::Event(Event::Ended(7))), None, "heard once");
}

#[test]
fn a_newer_script_or_a_cut_ends_the_wait_for_the_read_back() {
    let mut p = Progress::default();
    p.sent(1, Purpose::ReadBack, SessionId(1));
    p.sent(1, Purpose::Screen, SessionId(1));
    p.on_report(Report::Event(Event::Began(3)));
    assert_eq!(p.on_report(Report::Event(Event::Ended(3))), None, "a screen script is no read-back");
    p.sent(2, Purpose::ReadBack, SessionId(1));
    p.on_report(Report::Event(Event::Began(4)));
    assert_eq!(p.on_report(Report::Event(Event::Cancelled(4))), Some(Notice::Cut));
    assert_eq!(p.on_report(Report::Event(Event::Ended(5))), None);
    assert_eq!(p.on_report(Report::Unavailable(Outage::Failed)), Some(Notice::Unavailable));
    assert_eq!(p.on_report(Report::Available), Some(Notice::Available));
}

/// An engine that says every utterance began and never that it ended (speech-dispatcher
/// without a sound card): the link reports speech unavailable, and nothing blocks.
#[test]
fn an_engine_that_never_ends_is_reported_unavailable() {
    let watchdog = WatchdogConfig { begin_within_ms: 50, end_percent: 100, end_slack_ms: 50 };
    let config = SpeechConfig { watchdog, ..SpeechConfig::default() };
    let log = RecordLog::new();
    let link = SpeechLink::with_engine(config, move |sink| Ok(Recorder::never_ending(log.clone(), sink)));
    let mut stream = Box::pin(notices(&link.reports));
    link.apply(Effect::Speak {
        texts: vec!["请您核对一下".into()],
        purpose: Purpose::ReadBack,
        session: SessionId(3),
    });
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let notice =
        runtime.block_on(async { tokio::time::timeout(Duration::from_secs(10), stream.next()).await });
    assert_eq!(notice.ok().flatten(), Some(Notice::Unavailable));
    // The notices are handed out once: a second subscription gets none.
    let mut again = Box::pin(notices(&link.reports));
    let none =
        runtime.block_on(async { tokio::time::timeout(Duration::from_millis(100), again.next()).await });
    assert!(matches!(none, Ok(None)), "{none:?}");
}
