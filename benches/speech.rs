//! Speech latency through speech-dispatcher and espeak-ng: `cargo bench --bench speech`.
//!
//! Starts a private speech-dispatcher (audio to a WAV file, see `tests/speech/daemon.rs`)
//! and re-runs this binary as a child with `SPEECHD_ADDRESS` pointing at it (setting the
//! environment in-process is unsafe, which the crate forbids). The child measures, with
//! the real `SpeechService` + `DispatcherEngine`:
//! - start-up: `SpeechService::start` returning, and the first utterance beginning
//!   (connection, voice listing and selection included);
//! - screen change: `send(Speak { interrupt: true })` while the previous screen is still
//!   speaking, until the `Began` event of the new text;
//! - from silence: the same with nothing speaking;
//! - language switch: `SetLanguage` + `Speak` until `Began`, the other voice prepared.
//!
//! `YIBAN_BENCH_N` sets the runs per case (default 30). Results: `docs/speech.md`.

#[path = "../tests/speech/daemon.rs"]
mod daemon;

use std::error::Error;
use std::process::{Command as Process, ExitCode};
use std::sync::mpsc::Receiver;
use std::thread;
use std::time::{Duration, Instant};

use yiban::speech::{Command, Event, SpeechConfig, SpeechService};

type BoxError = Box<dyn Error + Send + Sync>;

const CHILD: &str = "YIBAN_SPEECH_BENCH_CHILD";
const TIMEOUT: Duration = Duration::from_secs(20);

/// Texts of the kind a screen speaks first.
const SCREENS: [&str; 5] = [
    "欢迎使用政务服务自助终端，请选择您要办理的事项。",
    "请您刷身份证，或者插入社保卡。",
    "请输入您的手机号码，输入完成后请按确认。",
    "请核对以下信息，如需修改请点击修改。",
    "办理成功，请取走您的证件和回执。",
];

fn main() -> ExitCode {
    let result = if std::env::var_os(CHILD).is_some() { child() } else { parent() };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("speech bench failed: {err}");
            ExitCode::FAILURE
        }
    }
}

fn parent() -> Result<(), BoxError> {
    let mut daemon = daemon::PrivateDaemon::start()?;
    let home = daemon.client_home();
    std::fs::create_dir_all(&home)?;
    let status = Process::new(std::env::current_exe()?)
        .env(CHILD, "1")
        .env("SPEECHD_ADDRESS", daemon.address())
        .env("HOME", &home)
        .status()?;
    let wav = daemon.wav_size();
    let diagnostics = daemon.diagnostics();
    daemon.stop();
    if !status.success() {
        return Err(format!("child failed ({status}); daemon:\n{diagnostics}").into());
    }
    println!("audio written: {wav} bytes");
    Ok(())
}

struct Bench {
    service: SpeechService,
    events: Receiver<Event>,
    next_id: u64,
}

impl Bench {
    /// Sends one text and returns its id.
    fn say(&mut self, text: &str, interrupt: bool) -> u64 {
        self.service.send(Command::Speak { texts: vec![text.to_owned()], interrupt });
        self.next_id += 1;
        self.next_id
    }

    fn wait(&self, want: Event) -> Result<(), BoxError> {
        let deadline = Instant::now() + TIMEOUT;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.events.recv_timeout(left) {
                Ok(event) if event == want => return Ok(()),
                Ok(Event::Failed(why)) => return Err(format!("speech failed: {why}").into()),
                Ok(_) => {}
                Err(_) => break,
            }
        }
        Err(format!("no {want:?} within {TIMEOUT:?}").into())
    }

    fn timed(&mut self, text: &str, interrupt: bool) -> Result<Duration, BoxError> {
        let started = Instant::now();
        let id = self.say(text, interrupt);
        self.wait(Event::Began(id))?;
        Ok(started.elapsed())
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

fn child() -> Result<(), BoxError> {
    let n = std::env::var("YIBAN_BENCH_N").ok().and_then(|v| v.parse::<usize>().ok()).unwrap_or(30).max(1);
    let started = Instant::now();
    let (service, events) = SpeechService::dispatcher(SpeechConfig::default());
    let start_returned = started.elapsed();
    let mut bench = Bench { service, events, next_id: 0 };
    let first = bench.say(SCREENS[0], true);
    bench.wait(Event::Began(first))?;
    let first_began = started.elapsed();
    bench.wait(Event::Ended(first))?;
    println!("SpeechService::start returned after {:.2} ms", start_returned.as_secs_f64() * 1000.0);
    println!(
        "first utterance began {:.0} ms after start (connect + voice list + voice selection)",
        first_began.as_secs_f64() * 1000.0
    );

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

    // Language switches, once the service has prepared the English voice (it does so
    // after a second idle; unprepared, a switch costs about 2 s of voice listing).
    thread::sleep(Duration::from_secs(4));
    let mut switching = Vec::new();
    for _ in 0..3 {
        for (language, text) in
            [("en-US", "Please place your ID card on the reader."), ("zh-CN", "请您刷身份证。")]
        {
            let started = Instant::now();
            bench.service.send(Command::SetLanguage(language));
            let id = bench.say(text, true);
            bench.wait(Event::Began(id))?;
            switching.push(started.elapsed());
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
