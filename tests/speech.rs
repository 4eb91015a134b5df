//! Speech through a real speech-dispatcher and espeak-ng.
//!
//! Each daemon test starts a daemon (or lets the kiosk start its own) and runs one
//! ignored `*_child` test of this binary in a child process with `SPEECHD_ADDRESS`,
//! `HOME` and `XDG_RUNTIME_DIR` pointing at it (the environment is process-global and
//! setting it is unsafe, which the crate forbids). A missing speech-dispatcher fails the
//! tests: CI installs it.
#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "speech/daemon.rs"]
mod daemon;
#[path = "speech/procfs.rs"]
mod procfs;
#[path = "speech/pronunciation.rs"]
mod pronunciation;

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::sync::mpsc::Receiver;
use std::thread;
use std::time::{Duration, Instant};

use yiban::speech::{
    Command, DEFAULT_VOICE_EN, DEFAULT_VOICE_ZH, DispatcherEngine, Engine, Event, EventSink, Launch, Outage,
    RateStep, Report, SpeechConfig, SpeechService, WatchdogConfig, ensure_daemon,
};

use daemon::{Options, PrivateDaemon};

const CHILD_MARKER: &str = "YIBAN_SPEECH_CHILD";
const WAV_ENV: &str = "YIBAN_SPEECH_WAV";
/// Per utterance.
const EVENT_TIMEOUT: Duration = Duration::from_secs(20);

fn is_child() -> bool {
    std::env::var_os(CHILD_MARKER).is_some()
}

/// The environment of a child test.
struct ChildEnv<'a> {
    address: Option<String>,
    home: &'a Path,
    runtime: Option<&'a Path>,
    wav: Option<&'a Path>,
}

/// Runs one ignored test of this binary in a child process with the given environment
/// (`HOME` at a scratch directory, so libspeechd never touches the real one). Returns
/// the child's stdout, or why it failed.
fn run_child(test: &str, env: &ChildEnv<'_>) -> Result<String, String> {
    std::fs::create_dir_all(env.home).map_err(|e| format!("client home: {e}"))?;
    let exe = std::env::current_exe().map_err(|e| format!("test binary path: {e}"))?;
    let mut command = Process::new(exe);
    command
        .args([test, "--exact", "--include-ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_MARKER, "1")
        .env("HOME", env.home)
        .env_remove("SPEECHD_ADDRESS")
        .env_remove("XDG_RUNTIME_DIR")
        .env_remove("XDG_CACHE_HOME")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(address) = &env.address {
        command.env("SPEECHD_ADDRESS", address);
    }
    if let Some(runtime) = env.runtime {
        command.env("XDG_RUNTIME_DIR", runtime);
    }
    if let Some(wav) = env.wav {
        command.env(WAV_ENV, wav);
    }
    let mut child = command.spawn().map_err(|e| format!("run the child test: {e}"))?;
    // Read the pipes on their own threads so the child never blocks on a full pipe.
    let stdout = child.stdout.take().map(read_all);
    let stderr = child.stderr.take().map(read_all);
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(50)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let out = stdout.map(|h| h.join().unwrap_or_default()).unwrap_or_default();
    let err = stderr.map(|h| h.join().unwrap_or_default()).unwrap_or_default();
    println!("{out}");
    eprintln!("{err}");
    match status {
        Some(status) if status.success() && out.contains("1 passed") => Ok(out),
        Some(status) => Err(format!("child test {test} failed ({status})")),
        None => Err(format!("child test {test} timed out")),
    }
}

fn read_all(mut pipe: impl std::io::Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut text = String::new();
        let _ = pipe.read_to_string(&mut text);
        text
    })
}

fn wait_for(reports: &Receiver<Report>, want: &Report, seen: &mut Vec<Report>) -> Duration {
    let started = Instant::now();
    let deadline = started + EVENT_TIMEOUT;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match reports.recv_timeout(left) {
            Ok(report) => {
                assert!(
                    !matches!(report, Report::Event(Event::Failed(_)) | Report::Unavailable(_)),
                    "speech failed: {report:?}; so far {seen:?}"
                );
                let done = report == *want;
                seen.push(report);
                if done {
                    return started.elapsed();
                }
            }
            Err(_) => break,
        }
    }
    panic!("no {want:?} within {EVENT_TIMEOUT:?}; so far: {seen:?}");
}

fn speak(text: &str, interrupt: bool) -> Command {
    Command::Speak { texts: vec![text.to_owned()], interrupt }
}

fn began(id: u64) -> Report {
    Report::Event(Event::Began(id))
}

fn ended(id: u64) -> Report {
    Report::Event(Event::Ended(id))
}

// ---------------------------------------------------------------------------------------
// A private daemon writing to a WAV file

#[test]
fn speaks_through_a_private_speech_dispatcher() {
    let mut daemon = PrivateDaemon::start_with(Options { module_debug: true, ..Options::default() })
        .unwrap_or_else(|e| panic!("private speech-dispatcher: {e}"));
    let home = daemon.client_home();
    let env =
        ChildEnv { address: Some(daemon.address()), home: &home, runtime: None, wav: Some(daemon.wav()) };
    let child = run_child("dispatcher_child", &env);
    let wav = daemon.wav_size();
    let (diagnostics, module_log) = (daemon.diagnostics(), daemon.module_log());
    assert!(daemon.stop(), "the daemon ends");
    if let Err(why) = child {
        panic!("{why}\ndaemon:\n{diagnostics}");
    }
    assert!(wav > 44, "audio reached the WAV sink ({wav} bytes)");
    // espeak-ng took both configured voices as they are set, without a voice listing.
    for voice in [DEFAULT_VOICE_ZH, DEFAULT_VOICE_EN] {
        let line = format!("Successfully set synthesis voice to {voice}.");
        assert!(module_log.contains(&line), "{line} not in the module log:\n{module_log}");
    }
    assert!(!module_log.contains("Failed to set synthesis voice"), "{module_log}");
}

#[test]
#[ignore = "run by speaks_through_a_private_speech_dispatcher with SPEECHD_ADDRESS set"]
fn dispatcher_child() {
    if !is_child() {
        return;
    }
    let wav = std::env::var_os(WAV_ENV).map(PathBuf::from).expect("WAV path");
    let wav_size = || std::fs::metadata(&wav).map(|m| m.len()).unwrap_or(0);
    let started = Instant::now();
    let (service, reports) = SpeechService::dispatcher_reporting(SpeechConfig::default());
    assert!(started.elapsed() < Duration::from_millis(100), "start returns at once");
    let mut seen = Vec::new();
    let ready = wait_for(&reports, &Report::Ready, &mut seen);
    println!("engine ready {ready:?} after start (connection and voice, no listing)");

    // A screen: Mandarin through the pinyin-reading voice.
    service.send(speak("请您刷身份证", true));
    let first = wait_for(&reports, &began(1), &mut seen);
    wait_for(&reports, &ended(1), &mut seen);
    println!("first utterance began {first:?} after it was sent");
    let deadline = Instant::now() + Duration::from_secs(5);
    while wav_size() <= 44 && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(50));
    }
    let after_zh = wav_size();
    assert!(after_zh > 44, "Mandarin audio reached the WAV sink ({after_zh} bytes)");

    // English through the configured English voice, on the same connection.
    let switch = Instant::now();
    service.send(Command::SetLanguage("en-US"));
    service.send(speak("Please place your ID card on the reader.", true));
    wait_for(&reports, &began(2), &mut seen);
    println!("language switch: English began {:?} after SetLanguage", switch.elapsed());
    wait_for(&reports, &ended(2), &mut seen);
    assert!(wav_size() > after_zh, "English audio followed");

    // Voice off and on again keeps the connection: the next utterance is id 3.
    service.send(Command::SetEnabled(false));
    service.send(speak("不该说出来", true));
    service.send(Command::SetEnabled(true));

    // A new screen cuts off a long instruction.
    service.send(Command::SetLanguage("zh-CN"));
    service.send(Command::SetRate(RateStep::Slower));
    service.send(speak(
        "欢迎使用政务服务自助终端。请选择您要办理的事项，您也可以按呼叫工作人员按钮请求帮助。",
        true,
    ));
    wait_for(&reports, &began(3), &mut seen);
    let cut = Instant::now();
    service.send(speak("好的", true));
    wait_for(&reports, &began(4), &mut seen);
    println!("interrupting screen change: next utterance began {:?} later", cut.elapsed());
    wait_for(&reports, &ended(4), &mut seen);
    assert!(!seen.contains(&ended(3)), "the long instruction was cut off: {seen:?}");
    assert!(seen.contains(&Report::Event(Event::Cancelled(3))), "{seen:?}");

    assert!(service.shutdown(Duration::from_secs(10)), "the speech threads end");
    println!("reports: {seen:?}");
}

// ---------------------------------------------------------------------------------------
// No daemon at all

#[test]
fn without_a_daemon_the_service_reports_and_carries_on() {
    let scratch = tempfile::tempdir().expect("scratch directory");
    let missing = scratch.path().join("no-daemon.sock");
    let address = Some(format!("unix_socket:{}", missing.display()));
    let env = ChildEnv { address, home: scratch.path(), runtime: None, wav: None };
    run_child("unavailable_child", &env).unwrap_or_else(|why| panic!("{why}"));
}

#[test]
#[ignore = "run by without_a_daemon_the_service_reports_and_carries_on with SPEECHD_ADDRESS set"]
fn unavailable_child() {
    if !is_child() {
        return;
    }
    let started = Instant::now();
    let (service, reports) = SpeechService::dispatcher_reporting(SpeechConfig::default());
    assert!(started.elapsed() < Duration::from_millis(100), "start returns at once");
    service.send(speak("请您刷身份证", true));
    match reports.recv_timeout(EVENT_TIMEOUT) {
        Ok(Report::Event(Event::Failed(why))) => println!("reported: {why}"),
        other => panic!("expected a failure event, got {other:?}"),
    }
    assert_eq!(reports.recv_timeout(EVENT_TIMEOUT), Ok(Report::Unavailable(Outage::Failed)));
    for _ in 0..10 {
        service.send(speak("请您刷身份证", true));
        service.send(Command::Stop);
    }
    assert!(service.shutdown(Duration::from_secs(5)), "the speech thread has ended");
    assert!(!service.is_running());
}

// ---------------------------------------------------------------------------------------
// A daemon whose audio goes nowhere: the machine's real default without a sound card

#[test]
fn a_daemon_without_audio_is_reported_unavailable_and_blocks_nothing() {
    let mut daemon = PrivateDaemon::start_with(Options { wav_sink: false, module_debug: false })
        .unwrap_or_else(|e| panic!("private speech-dispatcher: {e}"));
    let home = daemon.client_home();
    let env = ChildEnv { address: Some(daemon.address()), home: &home, runtime: None, wav: None };
    let child = run_child("mute_child", &env);
    let diagnostics = daemon.diagnostics();
    assert!(daemon.stop(), "the daemon ends (SIGKILL if stuck)");
    if let Err(why) = child {
        panic!("{why}\ndaemon:\n{diagnostics}");
    }
}

#[test]
#[ignore = "run by a_daemon_without_audio_is_reported_unavailable_and_blocks_nothing"]
fn mute_child() {
    if !is_child() {
        return;
    }
    let watchdog = WatchdogConfig { begin_within_ms: 1000, end_percent: 100, end_slack_ms: 1000 };
    let config = SpeechConfig { watchdog, ..SpeechConfig::default() };
    let (service, reports) = SpeechService::dispatcher_reporting(config);
    let text = "请您刷身份证";
    let limit = watchdog.end_limit(yiban::speech::expected_duration(text, RateStep::Normal));
    let sent = Instant::now();
    service.send(speak(text, true));
    let mut seen = Vec::new();
    let outage = loop {
        match reports.recv_timeout(limit + Duration::from_secs(5)) {
            Ok(Report::Unavailable(outage)) => break outage,
            Ok(other) => seen.push(other),
            Err(e) => panic!("no outage reported ({e}); reports: {seen:?}"),
        }
    };
    println!("reported {outage:?} {:?} after the first utterance was sent; before: {seen:?}", sent.elapsed());
    assert!(seen.contains(&Report::Ready), "{seen:?}");
    assert!(!seen.iter().any(|r| matches!(r, Report::Event(Event::Ended(_)))), "{seen:?}");
    assert!(matches!(outage, Outage::NotEnded { id: 1, .. } | Outage::NotBegun { .. }), "{outage:?}");

    // Every screen still sends its speech, and nothing waits for the stuck daemon.
    let sending = Instant::now();
    for screen in ["请输入手机号码", "请核对以下信息", "办理成功"] {
        service.send(speak(screen, true));
        service.send(Command::SetRate(RateStep::Faster));
    }
    service.send(Command::SetEnabled(false));
    assert!(sending.elapsed() < Duration::from_millis(100), "sending took {:?}", sending.elapsed());
    thread::sleep(Duration::from_secs(2));
    let later: Vec<Report> = reports.try_iter().collect();
    assert!(!later.iter().any(|r| matches!(r, Report::Unavailable(_))), "reported once: {later:?}");
    // The engine may be stuck in a call: shutdown gives up on it after its grace period.
    let _ = service.shutdown(Duration::from_secs(5));
}

// ---------------------------------------------------------------------------------------
// The kiosk's own lean daemon

#[test]
fn the_kiosk_starts_a_lean_daemon_with_only_its_voices() {
    let scratch = tempfile::Builder::new().prefix("yiban-lean-").tempdir().expect("scratch directory");
    let root = scratch.path();
    let (home, runtime) = (root.join("home"), root.join("run"));
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&runtime).unwrap();
    let wav = root.join("out.wav");
    std::fs::write(
        home.join(".asoundrc"),
        format!(
            "pcm.!default {{ type file; slave.pcm \"null\"; file \"{}\"; format \"wav\" }}\n",
            wav.display()
        ),
    )
    .unwrap();
    let env = ChildEnv { address: None, home: &home, runtime: Some(&runtime), wav: Some(&wav) };
    let child = run_child("lean_child", &env);
    let marker = root.display().to_string();
    let daemons = procfs::tree_of(&marker);
    procfs::end_tree(&marker);
    child.unwrap_or_else(|why| panic!("{why}"));
    assert!(!daemons.is_empty(), "the daemon outlives the kiosk's connection by a few seconds");
    assert!(std::fs::metadata(&wav).map(|m| m.len()).unwrap_or(0) > 44, "audio reached the WAV sink");
}

#[test]
#[ignore = "run by the_kiosk_starts_a_lean_daemon_with_only_its_voices"]
fn lean_child() {
    if !is_child() {
        return;
    }
    let config = SpeechConfig::default();
    let socket = yiban::speech::default_socket().expect("a runtime directory");
    assert!(socket.starts_with(std::env::var_os("XDG_RUNTIME_DIR").expect("XDG_RUNTIME_DIR")));
    assert_eq!(ensure_daemon(&config), Launch::Started { trimmed: true });
    assert_eq!(ensure_daemon(&config), Launch::Running, "found, not started twice");

    // espeak-ng sees the configured voices only: a listing is cheap and short.
    let (tx, events) = std::sync::mpsc::channel();
    let mut engine = DispatcherEngine::new(EventSink::from(tx)).expect("connects to the lean daemon");
    let voices = engine.voices().expect("voices");
    let mut names: Vec<&str> = voices.iter().map(|v| v.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["Chinese (Mandarin, latin as Pinyin)", "English (America)"], "{voices:?}");
    engine.set_voice(DEFAULT_VOICE_ZH);
    engine.speak("请您刷身份证").expect("speaks");
    let mut got = Vec::new();
    while !got.contains(&Event::Ended(1)) {
        got.push(events.recv_timeout(EVENT_TIMEOUT).unwrap_or_else(|e| panic!("{e}: {got:?}")));
    }
    assert_eq!(got, [Event::Began(1), Event::Ended(1)]);
    drop(engine);

    // And the service on it reports ready.
    let (service, reports) = SpeechService::dispatcher_reporting(config);
    let mut seen = Vec::new();
    wait_for(&reports, &Report::Ready, &mut seen);
    service.send(speak("好的", true));
    wait_for(&reports, &ended(1), &mut seen);
    assert!(service.shutdown(Duration::from_secs(10)));
}
