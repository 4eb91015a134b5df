//! The speech service's watchdog, driven through engines that fail as a real audio path
//! does.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::tests::{WAIT, recorded, speak, wait_for};
use super::*;

/// A fast watchdog for tests: begin within 0.3 s, end within 100 % + 0.4 s.
fn quick() -> SpeechConfig {
    SpeechConfig {
        watchdog: WatchdogConfig { begin_within_ms: 300, end_percent: 100, end_slack_ms: 400 },
        ..SpeechConfig::default()
    }
}

/// As speech-dispatcher without a sound card: every utterance begins, none ends (until
/// `works` is set). With `begins` false, nothing even begins.
struct Mute {
    sink: EventSink,
    calls: u64,
    begins: bool,
    works: Arc<AtomicBool>,
    spoken: Arc<Mutex<Vec<String>>>,
}

impl Mute {
    fn new(sink: EventSink, begins: bool) -> (Self, Arc<AtomicBool>, Arc<Mutex<Vec<String>>>) {
        let works = Arc::new(AtomicBool::new(false));
        let spoken = Arc::new(Mutex::new(Vec::new()));
        (
            Self { sink, calls: 0, begins, works: Arc::clone(&works), spoken: Arc::clone(&spoken) },
            works,
            spoken,
        )
    }
}

impl Engine for Mute {
    fn speak(&mut self, text: &str) -> Result<(), SpeechError> {
        self.calls += 1;
        self.spoken.lock().unwrap().push(text.to_owned());
        let works = self.works.load(Ordering::SeqCst);
        if self.begins || works {
            self.sink.send(Event::Began(self.calls));
        }
        if works {
            self.sink.send(Event::Ended(self.calls));
        }
        Ok(())
    }
    fn stop(&mut self) {}
    fn set_rate(&mut self, _rate: RateStep) {}
    fn set_volume(&mut self, _volume: VolumeStep) {}
    fn set_voice(&mut self, _name: &str) {}
}

#[test]
fn speech_that_never_ends_is_reported_unavailable_then_available_again() {
    let (works_tx, works_rx) = mpsc::channel();
    let (service, reports) = SpeechService::start_reporting(quick(), move |sink| {
        let (engine, works, _spoken) = Mute::new(sink, true);
        works_tx.send(works).unwrap();
        Ok(engine)
    });
    let works = works_rx.recv_timeout(WAIT).unwrap();
    assert_eq!(reports.recv_timeout(WAIT), Ok(Report::Ready));
    let sent = Instant::now();
    service.send(speak(&["好的"], true));
    assert_eq!(reports.recv_timeout(WAIT), Ok(Report::Event(Event::Began(1))));
    let Some(Report::Unavailable(outage)) = wait_for(&reports, |r| matches!(r, Report::Unavailable(_)))
    else {
        panic!("no outage reported");
    };
    let took = sent.elapsed();
    let expected = expected_duration("好的", RateStep::Normal);
    let limit = quick().watchdog.end_limit(expected);
    assert!(
        took >= limit && took < limit + Duration::from_secs(3),
        "reported after {took:?}, limit {limit:?}"
    );
    let Outage::NotEnded { id: 1, expected: reported, waited } = outage else { panic!("{outage:?}") };
    assert_eq!(reported, expected);
    assert!(waited >= limit, "{waited:?}");

    // The service keeps serving, and says nothing more while speech stays broken.
    service.send(speak(&["请您刷身份证"], true));
    assert!(service.sync(WAIT));
    std::thread::sleep(limit + Duration::from_millis(500));
    let meanwhile: Vec<Report> = reports.try_iter().collect();
    assert_eq!(meanwhile, vec![Report::Event(Event::Began(2))], "no second outage");

    // The audio path comes back: the next utterance ends, and speech is available.
    works.store(true, Ordering::SeqCst);
    service.send(speak(&["好的"], true));
    assert_eq!(wait_for(&reports, |r| matches!(r, Report::Available)), Some(Report::Available));
}

#[test]
fn a_never_ending_recorder_trips_the_watchdog_and_the_service_goes_on() {
    let log = RecordLog::new();
    let engine_log = log.clone();
    let (service, reports) =
        SpeechService::start_reporting(quick(), move |sink| Ok(Recorder::never_ending(engine_log, sink)));
    service.send(speak(&["请核对以下信息"], true));
    let report = wait_for(&reports, |r| matches!(r, Report::Unavailable(_)));
    assert!(matches!(report, Some(Report::Unavailable(Outage::NotEnded { id: 1, .. }))), "{report:?}");
    service.send(speak(&["确认提交"], true));
    assert!(service.sync(WAIT));
    assert_eq!(log.transcript(), vec!["请核对以下信息", "确认提交"]);
}

#[test]
fn speech_that_never_begins_is_reported_unavailable() {
    let (service, reports) = SpeechService::start_reporting(quick(), |sink| Ok(Mute::new(sink, false).0));
    assert_eq!(reports.recv_timeout(WAIT), Ok(Report::Ready));
    let sent = Instant::now();
    service.send(speak(&["请您刷身份证"], true));
    let report = wait_for(&reports, |r| matches!(r, Report::Unavailable(_)));
    let Some(Report::Unavailable(Outage::NotBegun { waited })) = report else { panic!("{report:?}") };
    assert!(waited >= Duration::from_millis(300) && sent.elapsed() < Duration::from_secs(3), "{waited:?}");
}

#[test]
fn speech_that_ends_in_time_is_never_reported() {
    let (service, reports, _log) = recorded(quick());
    for screen in ["一", "二", "三"] {
        service.send(speak(&[screen], true));
    }
    assert!(service.sync(WAIT));
    std::thread::sleep(Duration::from_millis(1200));
    let got: Vec<Report> = reports.try_iter().collect();
    assert!(got.iter().all(|r| matches!(r, Report::Ready | Report::Event(_))), "{got:?}");
}

/// As speech-dispatcher stuck on a dead audio device: a call does not return until the
/// test lets it.
struct Stuck {
    entered: mpsc::Sender<()>,
    gate: Receiver<()>,
    inner: Recorder,
}

impl Engine for Stuck {
    fn speak(&mut self, text: &str) -> Result<(), SpeechError> {
        let _ = self.entered.send(());
        let _ = self.gate.recv();
        self.inner.speak(text)
    }
    fn stop(&mut self) {
        self.inner.stop();
    }
    fn set_rate(&mut self, rate: RateStep) {
        self.inner.set_rate(rate);
    }
    fn set_volume(&mut self, volume: VolumeStep) {
        self.inner.set_volume(volume);
    }
    fn set_voice(&mut self, name: &str) {
        self.inner.set_voice(name);
    }
}

#[test]
fn a_hanging_engine_call_blocks_nothing_and_its_backlog_folds() {
    let log = RecordLog::new();
    let engine_log = log.clone();
    let (open, gate) = mpsc::channel();
    let (entered, stuck) = mpsc::channel();
    let (service, reports) = SpeechService::start_reporting(quick(), move |sink| {
        Ok(Stuck { entered, gate, inner: Recorder::new(engine_log, sink) })
    });
    assert_eq!(reports.recv_timeout(WAIT), Ok(Report::Ready));
    log.clear();
    service.send(speak(&["第一屏"], true));
    stuck.recv_timeout(WAIT).unwrap();
    // The engine now hangs in `speak`: commands still return at once.
    let started = Instant::now();
    for i in 0..1000 {
        service.send(speak(&[&format!("第{i}屏")], true));
        service.send(Command::SetRate(RateStep::ALL[i % 5]));
    }
    service.send(speak(&["最后一屏"], true));
    assert!(started.elapsed() < Duration::from_secs(1), "sending took {:?}", started.elapsed());
    assert!(!service.sync(Duration::from_millis(100)), "the engine is stuck");
    let report = wait_for(&reports, |r| matches!(r, Report::Unavailable(_)));
    assert!(matches!(report, Some(Report::Unavailable(Outage::NotBegun { .. }))), "{report:?}");

    // Released, the engine gets only what still matters: the last screen.
    for _ in 0..10 {
        let _ = open.send(());
    }
    assert!(service.sync(WAIT));
    let calls = log.calls();
    assert_eq!(
        calls,
        vec![
            Recorded::Stop,
            Recorded::Speak("第一屏".into()),
            Recorded::Rate(RateStep::ALL[999 % 5]),
            Recorded::Stop,
            Recorded::Speak("最后一屏".into()),
        ]
    );
    assert_eq!(wait_for(&reports, |r| matches!(r, Report::Available)), Some(Report::Available));
    drop(open);
}
