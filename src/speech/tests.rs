//! The speech service driven through the [`Recorder`] and engines that fail or panic.
//! The watchdog's tests are in `watchdog_tests.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use super::*;

pub(super) const WAIT: Duration = Duration::from_secs(10);

pub(super) fn recorded(config: SpeechConfig) -> (SpeechService, Receiver<Report>, RecordLog) {
    let log = RecordLog::new();
    let engine_log = log.clone();
    let (service, reports) =
        SpeechService::start_reporting(config, move |sink| Ok(Recorder::new(engine_log, sink)));
    assert!(service.sync(WAIT), "the speech thread starts");
    (service, reports, log)
}

pub(super) fn speak(texts: &[&str], interrupt: bool) -> Command {
    Command::Speak { texts: texts.iter().map(|t| t.to_string()).collect(), interrupt }
}

fn zh() -> String {
    DEFAULT_VOICE_ZH.to_owned()
}

fn events(reports: &Receiver<Report>) -> Vec<Event> {
    reports
        .try_iter()
        .filter_map(|r| match r {
            Report::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

pub(super) fn wait_for(reports: &Receiver<Report>, want: impl Fn(&Report) -> bool) -> Option<Report> {
    let deadline = Instant::now() + WAIT;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match reports.recv_timeout(left) {
            Ok(report) if want(&report) => return Some(report),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

#[test]
fn start_applies_the_configured_rate_volume_and_voice_then_reports_ready() {
    let config =
        SpeechConfig { rate: RateStep::Slower, volume: VolumeStep::Loudest, ..SpeechConfig::default() };
    let (service, reports, log) = recorded(config);
    assert_eq!(
        log.calls(),
        vec![Recorded::Rate(RateStep::Slower), Recorded::Volume(VolumeStep::Loudest), Recorded::Voice(zh())]
    );
    assert_eq!(reports.try_iter().collect::<Vec<_>>(), vec![Report::Ready]);
    assert!(service.is_running());
}

#[test]
fn interrupt_stops_before_speaking() {
    let (service, reports, log) = recorded(SpeechConfig::default());
    log.clear();
    service.send(speak(&["请您刷身份证", "或者插入社保卡"], true));
    assert!(service.sync(WAIT));
    assert_eq!(
        log.calls(),
        vec![
            Recorded::Stop,
            Recorded::Speak("请您刷身份证".into()),
            Recorded::Speak("或者插入社保卡".into())
        ]
    );
    assert_eq!(events(&reports), vec![Event::Began(1), Event::Ended(1), Event::Began(2), Event::Ended(2)]);

    // Without interrupt the text queues after what is speaking.
    service.send(speak(&["再听一遍"], false));
    assert!(service.sync(WAIT));
    assert_eq!(log.calls().last(), Some(&Recorded::Speak("再听一遍".into())));
    assert_eq!(log.calls().iter().filter(|c| **c == Recorded::Stop).count(), 1);
    assert_eq!(log.transcript_since_stop(), vec!["请您刷身份证", "或者插入社保卡", "再听一遍"]);
}

#[test]
fn the_event_only_channel_carries_engine_events() {
    let log = RecordLog::new();
    let (service, events) =
        SpeechService::start(SpeechConfig::default(), move |sink| Ok(Recorder::new(log, sink)));
    service.send(speak(&["好的"], true));
    assert!(service.sync(WAIT));
    assert_eq!(events.try_iter().collect::<Vec<_>>(), vec![Event::Began(1), Event::Ended(1)]);
}

#[test]
fn disabled_drops_speech_until_enabled_again_and_keeps_the_engine() {
    let (service, _reports, log) = recorded(SpeechConfig::default());
    log.clear();
    service.send(Command::SetEnabled(false));
    service.send(speak(&["请您刷身份证"], true));
    service.send(speak(&["请输入密码"], false));
    assert!(service.sync(WAIT));
    assert_eq!(log.calls(), vec![Recorded::Stop], "switching off stops, and nothing is spoken");

    service.send(Command::SetEnabled(true));
    service.send(speak(&["欢迎"], false));
    assert!(service.sync(WAIT));
    assert_eq!(log.transcript(), vec!["欢迎"]);
    assert!(!log.calls().contains(&Recorded::Voice(zh())), "no new engine, no voice chosen again");
}

#[test]
fn disabled_in_the_config_speaks_nothing() {
    let (service, _reports, log) = recorded(SpeechConfig { enabled: false, ..SpeechConfig::default() });
    service.send(speak(&["请您刷身份证"], true));
    assert!(service.sync(WAIT));
    assert!(log.transcript().is_empty());
}

#[test]
fn rate_volume_and_language_reach_the_engine() {
    let (service, _reports, log) = recorded(SpeechConfig::default());
    log.clear();
    service.send(Command::SetRate(RateStep::Normal.next()));
    service.send(Command::SetVolume(VolumeStep::Loud.prev()));
    service.send(Command::SetLanguage("en-US"));
    assert!(service.sync(WAIT));
    service.send(Command::SetLanguage("en")); // same voice: nothing to do
    service.send(Command::SetLanguage("fr")); // no voice configured: kept
    service.send(Command::SetLanguage("zh-CN"));
    service.send(Command::Stop);
    assert!(service.sync(WAIT));
    assert_eq!(
        log.calls(),
        vec![
            Recorded::Rate(RateStep::Faster),
            Recorded::Volume(VolumeStep::Medium),
            Recorded::Voice(DEFAULT_VOICE_EN.into()),
            Recorded::Voice(zh()),
            Recorded::Stop,
        ]
    );
}

#[test]
fn texts_are_cleaned_and_empty_ones_skipped() {
    let (service, reports, log) = recorded(SpeechConfig::default());
    log.clear();
    service.send(speak(&["  第一\0步\n ", "", " \t "], false));
    assert!(service.sync(WAIT));
    assert_eq!(log.calls(), vec![Recorded::Speak("第一 步".into())]);
    assert_eq!(events(&reports), vec![Event::Began(1), Event::Ended(1)]);
}

#[test]
fn speech_superseded_while_queued_is_never_started() {
    let log = RecordLog::new();
    let engine_log = log.clone();
    let (go, wait) = mpsc::channel::<()>();
    // The engine takes its time to start: three screens go by meanwhile.
    let (service, _events) = SpeechService::start(SpeechConfig::default(), move |sink| {
        let _ = wait.recv();
        Ok(Recorder::new(engine_log, sink))
    });
    service.send(speak(&["第一屏"], true));
    service.send(speak(&["第一屏补充"], false));
    service.send(Command::SetRate(RateStep::Fastest));
    service.send(speak(&["第二屏"], true));
    service.send(speak(&["第三屏"], true));
    service.send(speak(&["第三屏补充"], false));
    go.send(()).unwrap();
    assert!(service.sync(WAIT));
    assert_eq!(
        log.calls(),
        vec![
            Recorded::Rate(RateStep::Normal),
            Recorded::Volume(VolumeStep::Loud),
            Recorded::Voice(zh()),
            Recorded::Rate(RateStep::Fastest),
            Recorded::Stop,
            Recorded::Speak("第三屏".into()),
            Recorded::Speak("第三屏补充".into()),
        ]
    );
}

#[test]
fn commands_after_the_engine_failed_to_start_do_not_panic() {
    let (service, reports) = SpeechService::start_reporting(SpeechConfig::default(), |_sink| {
        Err::<Recorder, _>(SpeechError::Unavailable("no daemon".into()))
    });
    let failed = wait_for(&reports, |r| matches!(r, Report::Event(Event::Failed(_))));
    assert_eq!(failed, Some(Report::Event(Event::Failed("speech engine unavailable: no daemon".into()))));
    assert_eq!(reports.recv_timeout(WAIT), Ok(Report::Unavailable(Outage::Failed)));
    let clone = service.clone();
    for _ in 0..3 {
        clone.send(speak(&["请您刷身份证"], true));
        clone.send(Command::SetRate(RateStep::Faster));
        service.send(Command::Stop);
    }
    assert!(!service.sync(Duration::from_millis(200)));
    assert!(service.shutdown(WAIT));
    assert!(!service.is_running());
    service.send(Command::Shutdown);
}

#[test]
fn a_failing_engine_reports_and_keeps_serving() {
    let log = RecordLog::new();
    let engine_log = log.clone();
    let (service, reports) = SpeechService::start_reporting(SpeechConfig::default(), move |sink| {
        Ok(Recorder::failing(engine_log, sink))
    });
    service.send(speak(&["一", "二"], true));
    service.send(Command::SetVolume(VolumeStep::Softest));
    assert!(service.sync(WAIT));
    let got: Vec<Report> = reports.try_iter().collect();
    let failed =
        |r: &Report| matches!(r, Report::Event(Event::Failed(m)) if !m.contains('一') && !m.contains('二'));
    assert!(failed(&got[1]) && failed(&got[3]), "{got:?}");
    assert_eq!(got[0], Report::Ready);
    assert_eq!(got[2], Report::Unavailable(Outage::Failed), "once, at the first failure");
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(log.calls().last(), Some(&Recorded::Volume(VolumeStep::Softest)));
    assert!(service.is_running());
}

struct Panicking;

impl Engine for Panicking {
    fn speak(&mut self, _text: &str) -> Result<(), SpeechError> {
        panic!("engine bug");
    }
    fn stop(&mut self) {}
    fn set_rate(&mut self, _rate: RateStep) {}
    fn set_volume(&mut self, _volume: VolumeStep) {}
    fn set_voice(&mut self, _name: &str) {}
}

#[test]
fn commands_after_the_engine_panicked_do_not_panic() {
    let (service, events) = SpeechService::start(SpeechConfig::default(), |_sink| Ok(Panicking));
    service.send(speak(&["请您刷身份证"], true));
    let failed = events.recv_timeout(WAIT);
    assert_eq!(failed, Ok(Event::Failed("speech thread panicked".into())));
    for _ in 0..3 {
        service.send(Command::Stop);
    }
    assert!(!service.sync(Duration::from_millis(200)));
}

#[test]
fn shutdown_stops_and_ends_the_thread() {
    let (service, _reports, log) = recorded(SpeechConfig::default());
    log.clear();
    service.send(speak(&["请稍候"], false));
    assert!(service.sync(WAIT));
    assert!(service.shutdown(WAIT));
    assert!(!service.is_running());
    assert_eq!(log.calls(), vec![Recorded::Speak("请稍候".into()), Recorded::Stop]);
    service.send(speak(&["还在吗"], true));
    service.send(Command::Stop);
    assert!(!service.sync(Duration::from_millis(200)));
    assert_eq!(log.transcript(), vec!["请稍候"]);
}

#[test]
fn dropping_every_handle_ends_the_threads() {
    let log = RecordLog::new();
    let engine_log = log.clone();
    let (service, reports) = SpeechService::start_reporting(SpeechConfig::default(), move |sink| {
        Ok(Recorder::new(engine_log, sink))
    });
    assert!(service.sync(WAIT));
    drop(service);
    // The reporter is dropped with the worker: the channel disconnects.
    let deadline = Instant::now() + WAIT;
    while reports.recv_timeout(Duration::from_millis(50)) != Err(mpsc::RecvTimeoutError::Disconnected) {
        assert!(Instant::now() < deadline, "the service still runs");
    }
    assert_eq!(log.calls().last(), Some(&Recorded::Stop));
}

#[test]
fn boxed_engines_work_too() {
    let log = RecordLog::new();
    let engine_log = log.clone();
    let (service, _events) = SpeechService::start(SpeechConfig::default(), move |sink| {
        Ok(Box::new(Recorder::new(engine_log, sink)) as Box<dyn Engine>)
    });
    service.send(speak(&["好"], false));
    assert!(service.sync(WAIT));
    assert_eq!(log.transcript(), vec!["好"]);
}
