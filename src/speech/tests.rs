//! The speech service driven through the [`Recorder`].
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[cfg(test)]
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use super::*;

const WAIT: Duration = Duration::from_secs(10);

fn recorded(config: SpeechConfig) -> (SpeechService, Receiver<Event>, RecordLog) {
    let log = RecordLog::new();
    let engine_log = log.clone();
    let (service, events) = SpeechService::start(config, move |sink| Ok(Recorder::new(engine_log, sink)));
    assert!(service.sync(WAIT), "the speech thread starts");
    (service, events, log)
}

fn speak(texts: &[&str], interrupt: bool) -> Command {
    Command::Speak { texts: texts.iter().map(|t| t.to_string()).collect(), interrupt }
}

fn zh() -> String {
    DEFAULT_VOICE_ZH.to_owned()
}

#[test]
fn start_applies_the_configured_rate_volume_and_voice() {
    let config =
        SpeechConfig { rate: RateStep::Slower, volume: VolumeStep::Loudest, ..SpeechConfig::default() };
    let (service, _events, log) = recorded(config);
    assert_eq!(
        log.calls(),
        vec![Recorded::Rate(RateStep::Slower), Recorded::Volume(VolumeStep::Loudest), Recorded::Voice(zh())]
    );
    assert!(service.is_running());
}

#[test]
fn interrupt_stops_before_speaking() {
    let (service, events, log) = recorded(SpeechConfig::default());
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
    let got: Vec<Event> = events.try_iter().collect();
    assert_eq!(got, vec![Event::Began(1), Event::Ended(1), Event::Began(2), Event::Ended(2)]);

    // Without interrupt the text queues after what is speaking.
    service.send(speak(&["再听一遍"], false));
    assert!(service.sync(WAIT));
    assert_eq!(log.calls().last(), Some(&Recorded::Speak("再听一遍".into())));
    assert_eq!(log.calls().iter().filter(|c| **c == Recorded::Stop).count(), 1);
    assert_eq!(log.transcript_since_stop(), vec!["请您刷身份证", "或者插入社保卡", "再听一遍"]);
}

#[test]
fn disabled_drops_speech_until_enabled_again() {
    let (service, _events, log) = recorded(SpeechConfig::default());
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
}

#[test]
fn disabled_in_the_config_speaks_nothing() {
    let (service, _events, log) = recorded(SpeechConfig { enabled: false, ..SpeechConfig::default() });
    service.send(speak(&["请您刷身份证"], true));
    assert!(service.sync(WAIT));
    assert!(log.transcript().is_empty());
}

#[test]
fn rate_volume_and_language_reach_the_engine() {
    let (service, _events, log) = recorded(SpeechConfig::default());
    log.clear();
    service.send(Command::SetRate(RateStep::Normal.next()));
    service.send(Command::SetVolume(VolumeStep::Loud.prev()));
    service.send(Command::SetLanguage("en-US"));
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
    let (service, events, log) = recorded(SpeechConfig::default());
    log.clear();
    service.send(speak(&["  第一\0步\n ", "", " \t "], false));
    assert!(service.sync(WAIT));
    assert_eq!(log.calls(), vec![Recorded::Speak("第一 步".into())]);
    assert_eq!(events.try_iter().collect::<Vec<_>>(), vec![Event::Began(1), Event::Ended(1)]);
}

#[test]
fn speech_superseded_while_queued_is_never_started() {
    let log = RecordLog::new();
    let engine_log = log.clone();
    let (go, wait) = mpsc::channel::<()>();
    // The engine takes its time to start (as speech-dispatcher does choosing a voice):
    // three screens go by meanwhile.
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

fn wait_for(events: &Receiver<Event>, want: impl Fn(&Event) -> bool) -> Option<Event> {
    let deadline = Instant::now() + WAIT;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match events.recv_timeout(left) {
            Ok(event) if want(&event) => return Some(event),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

#[test]
fn commands_after_the_engine_failed_to_start_do_not_panic() {
    let (service, events) = SpeechService::start(SpeechConfig::default(), |_sink| {
        Err::<Recorder, _>(SpeechError::Unavailable("no daemon".into()))
    });
    let failed = wait_for(&events, |e| matches!(e, Event::Failed(_)));
    assert_eq!(failed, Some(Event::Failed("speech engine unavailable: no daemon".into())));
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
    let (service, events) =
        SpeechService::start(SpeechConfig::default(), move |sink| Ok(Recorder::failing(engine_log, sink)));
    service.send(speak(&["一", "二"], true));
    service.send(Command::SetVolume(VolumeStep::Softest));
    assert!(service.sync(WAIT));
    let got: Vec<Event> = events.try_iter().collect();
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|e| matches!(e, Event::Failed(m) if !m.contains('一') && !m.contains('二'))));
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
    let failed = wait_for(&events, |e| matches!(e, Event::Failed(_)));
    assert_eq!(failed, Some(Event::Failed("speech thread panicked".into())));
    for _ in 0..3 {
        service.send(Command::Stop);
    }
    assert!(!service.sync(Duration::from_millis(200)));
}

#[test]
fn shutdown_stops_and_ends_the_thread() {
    let (service, _events, log) = recorded(SpeechConfig::default());
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

/// Records only which voices the service prepares.
struct Preparing(std::sync::Arc<std::sync::Mutex<Vec<String>>>);

impl Engine for Preparing {
    fn speak(&mut self, _text: &str) -> Result<(), SpeechError> {
        Ok(())
    }
    fn stop(&mut self) {}
    fn set_rate(&mut self, _rate: RateStep) {}
    fn set_volume(&mut self, _volume: VolumeStep) {}
    fn set_voice(&mut self, _name: &str) {}
    fn prepare_voice(&mut self, name: &str) {
        self.0.lock().unwrap().push(name.to_owned());
    }
}

#[test]
fn the_other_voice_is_prepared_once_idle() {
    let prepared = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let engine_prepared = std::sync::Arc::clone(&prepared);
    let (service, _events) =
        SpeechService::start(SpeechConfig::default(), move |_sink| Ok(Preparing(engine_prepared)));
    assert!(service.sync(WAIT));
    assert!(prepared.lock().unwrap().is_empty(), "not while busy");
    let deadline = Instant::now() + WAIT;
    while prepared.lock().unwrap().is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(*prepared.lock().unwrap(), vec![DEFAULT_VOICE_EN.to_owned()], "once, when idle");
}
