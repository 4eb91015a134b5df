//! The speech engine's start-up, idle cost and latency: `cargo bench --bench speech`.
//!
//! **Start-up and idle** (`YIBAN_BENCH_PART=startup`, `YIBAN_BENCH_RUNS` runs, default
//! 5). Each run re-runs this binary as a child in a fresh scratch `HOME` and
//! `XDG_RUNTIME_DIR`, with no `SPEECHD_ADDRESS` and no daemon running: exactly a
//! kiosk's first start after boot. ALSA's default device is a WAV file (`~/.asoundrc`),
//! so a daemon set to ALSA delivers begin and end events; a daemon that libspeechd
//! autospawns reads `$XDG_CONFIG_HOME/speech-dispatcher`, a copy of the system
//! configuration with `AudioOutputMethod "alsa"` (the system default, `pulse`, has no
//! server here). The child measures, with the real `SpeechService::dispatcher`:
//! - `ready`: from calling `SpeechService::dispatcher_reporting` until `sync` returns
//!   after a first `Speak` (connection, daemon start and voice selection done; the first
//!   utterance is queued in the configured voice), and until `Report::Ready`;
//! - `began`: until that utterance's `Began` event;
//! - CPU seconds at `ready` and at `began`: this process plus every process of the
//!   daemon it used (found by the scratch path in their command lines, and their
//!   children), on the kernel's tick clock;
//! - idle CPU over 10 s with voice on (from 1 s after the first utterance ended) and
//!   then with voice off (`SetEnabled(false)`), on the nanosecond scheduler clock.
//!
//! **Latency** (`YIBAN_BENCH_PART=latency`, `YIBAN_BENCH_N` per case, default 30):
//! a private daemon (`tests/speech/daemon.rs`); from `send(Speak)` to `Began`, on a
//! screen change, from silence and with a language switch.
//!
//! `YIBAN_BENCH_DAEMON=system` lets libspeechd autospawn the daemon with the system
//! configuration (`DaemonMode::System`) instead of the kiosk's lean one.
//!
//! Results: `docs/benchmarks.md` ("Speech engine") and `docs/speech.md`.

#[path = "../tests/speech/daemon.rs"]
mod daemon;
#[path = "../tests/speech/procfs.rs"]
mod procfs;

use std::error::Error;
use std::fs;
use std::path::Path;
use std::process::{Command as Process, ExitCode};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use yiban::speech::{Command, DaemonMode, Event, Report, SpeechConfig, SpeechService};

type BoxError = Box<dyn Error + Send + Sync>;

const ROLE: &str = "YIBAN_SPEECH_BENCH_ROLE";
const MARKER: &str = "YIBAN_SPEECH_BENCH_MARKER";
const TIMEOUT: Duration = Duration::from_secs(30);
const IDLE_WINDOW: Duration = Duration::from_secs(10);

/// Texts of the kind a screen speaks first.
const SCREENS: [&str; 5] = [
    "欢迎使用政务服务自助终端，请选择您要办理的事项。",
    "请您刷身份证，或者插入社保卡。",
    "请输入您的手机号码，输入完成后请按确认。",
    "请核对以下信息，如需修改请点击修改。",
    "办理成功，请取走您的证件和回执。",
];

fn main() -> ExitCode {
    let result = match std::env::var(ROLE).as_deref() {
        Ok("startup") => startup_child(),
        Ok("latency") => latency_child(),
        _ => parent(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("speech bench failed: {err}");
            ExitCode::FAILURE
        }
    }
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default).max(1)
}

fn parent() -> Result<(), BoxError> {
    let part = std::env::var("YIBAN_BENCH_PART").unwrap_or_else(|_| "all".to_owned());
    if part == "all" || part == "startup" {
        startup_parent(env_number("YIBAN_BENCH_RUNS", 5))?;
    }
    if part == "all" || part == "latency" {
        latency_parent()?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Start-up and idle

/// A copy of the system's speech-dispatcher configuration with ALSA output, for a
/// daemon libspeechd autospawns.
fn user_config(dir: &Path) -> Result<(), BoxError> {
    let target = dir.join("speech-dispatcher");
    fs::create_dir_all(target.join("modules"))?;
    let system = Path::new("/etc/speech-dispatcher");
    let conf = fs::read_to_string(system.join("speechd.conf")).unwrap_or_default();
    fs::write(target.join("speechd.conf"), format!("{conf}\nAudioOutputMethod \"alsa\"\n"))?;
    if let Ok(modules) = fs::read_dir(system.join("modules")) {
        for entry in modules.flatten() {
            let _ = fs::copy(entry.path(), target.join("modules").join(entry.file_name()));
        }
    }
    Ok(())
}

fn startup_parent(runs: usize) -> Result<(), BoxError> {
    let mut results: Vec<Vec<(String, f64)>> = Vec::new();
    for run in 0..runs {
        let scratch = tempfile::Builder::new().prefix("yiban-speechbench-").tempdir()?;
        let root = scratch.path();
        let (home, runtime, config) = (root.join("home"), root.join("run"), root.join("config"));
        for dir in [&home, &runtime, &config] {
            fs::create_dir_all(dir)?;
        }
        fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
        fs::write(
            home.join(".asoundrc"),
            format!(
                "pcm.!default {{ type file; slave.pcm \"null\"; file \"{}\"; format \"wav\" }}\n",
                root.join("out.wav").display()
            ),
        )?;
        user_config(&config)?;
        let marker = root.display().to_string();
        let output = Process::new(std::env::current_exe()?)
            .env(ROLE, "startup")
            .env(MARKER, &marker)
            .env("HOME", &home)
            .env("XDG_RUNTIME_DIR", &runtime)
            .env("XDG_CONFIG_HOME", &config)
            .env("XDG_CACHE_HOME", root.join("cache"))
            .env_remove("SPEECHD_ADDRESS")
            .output()?;
        procfs::end_tree(&marker);
        let stdout = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            return Err(format!("start-up run {run} failed ({}):\n{stdout}\n{stderr}", output.status).into());
        }
        let Some(line) = stdout.lines().find_map(|l| l.strip_prefix("RESULT ")) else {
            return Err(format!("start-up run {run} printed no result:\n{stdout}").into());
        };
        println!("run {}: {line}", run + 1);
        for idle in String::from_utf8_lossy(&output.stderr).lines().filter(|l| l.starts_with("idle ")) {
            println!("       {idle}");
        }
        results.push(
            line.split_whitespace()
                .filter_map(|kv| kv.split_once('='))
                .filter_map(|(k, v)| Some((k.to_owned(), v.parse().ok()?)))
                .collect(),
        );
    }
    println!("\nstart-up and idle over {runs} cold starts (median, min–max):");
    let Some(first) = results.first() else { return Ok(()) };
    for (key, _) in first {
        let mut values: Vec<f64> =
            results.iter().filter_map(|r| r.iter().find(|(k, _)| k == key).map(|(_, v)| *v)).collect();
        values.sort_by(f64::total_cmp);
        let median = values[values.len() / 2];
        println!("  {key:<22} {median:9.3}   ({:.3}–{:.3})", values[0], values[values.len() - 1]);
    }
    Ok(())
}

/// Timestamps each report as it arrives.
fn stamped(reports: Receiver<Report>) -> Receiver<(Instant, Report)> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for report in reports {
            if tx.send((Instant::now(), report)).is_err() {
                break;
            }
        }
    });
    rx
}

fn config() -> SpeechConfig {
    let daemon = match std::env::var("YIBAN_BENCH_DAEMON").as_deref() {
        Ok("system") => DaemonMode::System,
        _ => DaemonMode::Kiosk,
    };
    SpeechConfig { daemon, ..SpeechConfig::default() }
}

fn event(event: Event) -> Report {
    Report::Event(event)
}

fn wait_for(events: &Receiver<(Instant, Report)>, want: &Report) -> Option<Instant> {
    let deadline = Instant::now() + TIMEOUT;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match events.recv_timeout(left) {
            Ok((at, event)) if event == *want => return Some(at),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    None
}

fn startup_child() -> Result<(), BoxError> {
    let marker = std::env::var(MARKER)?;
    let tree_cpu = || procfs::cpu_ticks(&procfs::tree_of(&marker));
    let self0 = procfs::self_cpu_ticks();
    let t0 = Instant::now();
    let (service, reports) = SpeechService::dispatcher_reporting(config());
    let events = stamped(reports);
    service.send(Command::Speak { texts: vec![SCREENS[0].to_owned()], interrupt: true });
    if !service.sync(TIMEOUT) {
        return Err("the speech service did not become ready".into());
    }
    let ready = t0.elapsed();
    let (self_ready, daemon_ready) = (procfs::self_cpu_ticks() - self0, tree_cpu());
    let ready_event = wait_for(&events, &Report::Ready).ok_or("no Ready")?;
    let began = wait_for(&events, &event(Event::Began(1))).ok_or("no Began(1)")?;
    let (self_began, daemon_began) = (procfs::self_cpu_ticks() - self0, tree_cpu());
    let ended = wait_for(&events, &event(Event::Ended(1))).ok_or("no Ended(1)")?;
    let spoken = ended.duration_since(began);

    thread::sleep(Duration::from_secs(1));
    // The processes are found before the window: scanning /proc costs CPU in this one.
    let idle = |what: &str| {
        let pids = procfs::tree_of(&marker);
        let (s, d) = (procfs::self_cpu_precise(), procfs::cpu_precise(&pids));
        thread::sleep(IDLE_WINDOW);
        let d = procfs::cpu_precise(&pids) - d;
        let s = procfs::self_cpu_precise() - s;
        eprintln!("idle {what}: self {s:.4} s, daemon {d:.4} s");
        s + d
    };
    let idle_on = idle("voice on");
    service.send(Command::SetEnabled(false));
    thread::sleep(Duration::from_secs(1));
    let idle_off = idle("voice off");
    let (self_total, daemon_total) = (procfs::self_cpu_ticks() - self0, tree_cpu());
    let daemons = procfs::tree_of(&marker).len();
    let _ = service.shutdown(Duration::from_secs(5));
    println!(
        "RESULT ready_s={:.3} ready_event_s={:.3} began_s={:.3} cpu_ready_s={:.2} cpu_began_s={:.2} \
         self_cpu_began_s={:.2} daemon_cpu_began_s={:.2} first_utterance_s={:.3} \
         idle_on_cpu_s={:.4} idle_off_cpu_s={:.4} cpu_total_s={:.2} daemon_processes={daemons}",
        ready.as_secs_f64(),
        ready_event.duration_since(t0).as_secs_f64(),
        began.duration_since(t0).as_secs_f64(),
        self_ready + daemon_ready,
        self_began + daemon_began,
        self_began,
        daemon_began,
        spoken.as_secs_f64(),
        idle_on,
        idle_off,
        self_total + daemon_total,
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Latency

fn latency_parent() -> Result<(), BoxError> {
    let mut daemon = daemon::PrivateDaemon::start()?;
    let home = daemon.client_home();
    fs::create_dir_all(&home)?;
    let status = Process::new(std::env::current_exe()?)
        .env(ROLE, "latency")
        .env("SPEECHD_ADDRESS", daemon.address())
        .env("HOME", &home)
        .status()?;
    let wav = daemon.wav_size();
    let diagnostics = daemon.diagnostics();
    daemon.stop();
    if !status.success() {
        return Err(format!("latency child failed ({status}); daemon:\n{diagnostics}").into());
    }
    println!("audio written: {wav} bytes");
    Ok(())
}

struct Bench {
    service: SpeechService,
    events: Receiver<(Instant, Report)>,
    next_id: u64,
}

impl Bench {
    /// Sends one text and returns its id.
    fn say(&mut self, text: &str, interrupt: bool) -> u64 {
        self.service.send(Command::Speak { texts: vec![text.to_owned()], interrupt });
        self.next_id += 1;
        self.next_id
    }

    fn wait(&self, want: Event) -> Result<Instant, BoxError> {
        let want = event(want);
        wait_for(&self.events, &want).ok_or_else(|| format!("no {want:?} within {TIMEOUT:?}").into())
    }

    fn timed(&mut self, text: &str, interrupt: bool) -> Result<Duration, BoxError> {
        let started = Instant::now();
        let id = self.say(text, interrupt);
        Ok(self.wait(Event::Began(id))?.duration_since(started))
    }
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let n = samples.len();
    if n == 0 {
        return;
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median =
        if n % 2 == 1 { ms(samples[n / 2]) } else { (ms(samples[n / 2 - 1]) + ms(samples[n / 2])) / 2.0 };
    let p95 = ms(samples[((n as f64 * 0.95).ceil() as usize).clamp(1, n) - 1]);
    println!(
        "{name:<28} n={n:<3} median {median:7.1} ms  p95 {p95:7.1} ms  min {:7.1} ms  max {:7.1} ms",
        ms(samples[0]),
        ms(samples[n - 1])
    );
}

fn latency_child() -> Result<(), BoxError> {
    let n = env_number("YIBAN_BENCH_N", 30);
    let (service, reports) = SpeechService::dispatcher_reporting(config());
    let mut bench = Bench { service, events: stamped(reports), next_id: 0 };
    let first = bench.say(SCREENS[0], true);
    bench.wait(Event::Began(first))?;
    bench.wait(Event::Ended(first))?;

    // Screen changes while the previous screen is still speaking.
    let mut interrupting = Vec::with_capacity(n);
    for i in 0..n {
        interrupting.push(bench.timed(SCREENS[i % SCREENS.len()], true)?);
        thread::sleep(Duration::from_millis(400));
    }
    bench.service.send(Command::Stop);
    thread::sleep(Duration::from_millis(300));

    // From silence: each short text ends before the next.
    let mut silent = Vec::with_capacity(n);
    for _ in 0..n {
        let took = bench.timed("好的", true)?;
        bench.wait(Event::Ended(bench.next_id))?;
        silent.push(took);
        thread::sleep(Duration::from_millis(100));
    }

    // Language switches: one connection, the synthesis voice set directly.
    thread::sleep(Duration::from_millis(500));
    let mut switching = Vec::new();
    for _ in 0..3 {
        for (language, text) in
            [("en-US", "Please place your ID card on the reader."), ("zh-CN", "请您刷身份证。")]
        {
            let started = Instant::now();
            bench.service.send(Command::SetLanguage(language));
            let id = bench.say(text, true);
            switching.push(bench.wait(Event::Began(id))?.duration_since(started));
            bench.wait(Event::Ended(id))?;
        }
    }

    report("screen change (interrupt)", interrupting);
    report("from silence", silent);
    report("language switch + speak", switching);
    if !bench.service.shutdown(Duration::from_secs(10)) {
        return Err("the speech thread did not end".into());
    }
    Ok(())
}
