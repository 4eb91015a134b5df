//! The crash test: the real `yiban outbox-drill` (the kiosk's 确认提交 and its
//! flusher) is killed with SIGKILL at random points and started again, at
//! least 50 times; every fifth run the portal (`yiban portal`, its own
//! process) is killed right after the drill told the citizen, while the
//! flusher is sending, and started again on the same database. At the end every
//! application the citizen was told about is stored at the portal exactly once,
//! and so is every other one the outbox had kept: nothing is lost.
//!
//! `YIBAN_OUTBOX_CRASH_SEED` replays a run (the seed is printed, and named on
//! failure); `YIBAN_OUTBOX_CRASH_KILLS` asks for more kills in a long run.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::process::{PortalProcess, free_port};
use crate::support::{PERSONAL, grep_dir, read_only};

const DEFAULT_SEED: u64 = 0x0B0C_5EED;
const DEFAULT_KILLS: u32 = 50;
/// The terminal id of the drill's applications (`src/outbox/drill.rs`).
const DRILL_TERMINAL: &str = "kiosk-drill";
const SIGKILL: i32 = 9;

/// splitmix64: a reproducible sequence from the seed, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// One run of the drill, its stdout read line by line as it comes.
struct Drill {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
    reader: JoinHandle<()>,
}

impl Drill {
    fn start(data: &Path, portal: &str, log: &Path, extra: &[String]) -> Drill {
        let log = std::fs::OpenOptions::new().create(true).append(true).open(log).expect("drill log");
        let mut child = Command::new(env!("CARGO_BIN_EXE_yiban"))
            .args(["outbox-drill", "--portal", portal, "--deadline-secs", "60", "--data"])
            .arg(data)
            .args(extra)
            .env("RUST_LOG", "warn,yiban=trace")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("spawn yiban outbox-drill");
        let stdout = child.stdout.take().expect("drill stdout");
        let lines = Arc::new(Mutex::new(vec![]));
        let sink = lines.clone();
        let reader = thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                sink.lock().expect("lines").push(line);
            }
        });
        Drill { child, lines, reader }
    }

    /// Waits until a line starts with `prefix` or the drill ends.
    fn wait_for(&mut self, prefix: &str, limit: Duration) -> bool {
        let until = Instant::now() + limit;
        while Instant::now() < until {
            if self.lines.lock().expect("lines").iter().any(|l| l.starts_with(prefix)) {
                return true;
            }
            if self.child.try_wait().expect("try_wait").is_some() {
                return false;
            }
            thread::sleep(Duration::from_millis(1));
        }
        false
    }

    /// SIGKILL unless it has ended; then every line it printed, and whether the kill landed.
    fn kill(mut self) -> (Vec<String>, Option<i32>, bool) {
        let _ = self.child.kill();
        self.finish()
    }

    fn finish(mut self) -> (Vec<String>, Option<i32>, bool) {
        let status = self.child.wait().expect("wait for the drill");
        self.reader.join().expect("drill reader");
        let lines = std::mem::take(&mut *self.lines.lock().expect("lines"));
        (lines, status.code(), status.signal() == Some(SIGKILL))
    }
}

/// What the drills said, over every run.
#[derive(Default)]
struct Ledger {
    enqueuing: BTreeSet<String>,
    told: BTreeSet<String>,
    acked: BTreeMap<String, BTreeSet<String>>,
    deferred: usize,
    staff: Vec<String>,
    /// Everything printed, to search for personal values.
    printed: String,
}

impl Ledger {
    fn add(&mut self, lines: &[String]) {
        for line in lines {
            self.printed.push_str(line);
            self.printed.push('\n');
            let words: Vec<&str> = line.split(' ').collect();
            match words[..] {
                ["ENQUEUING", key] => {
                    self.enqueuing.insert(key.to_owned());
                }
                ["TOLD", key, _] => {
                    self.told.insert(key.to_owned());
                }
                ["ACK", key, _, case] => {
                    self.acked.entry(key.to_owned()).or_default().insert(case.to_owned());
                }
                ["DEFERRED", ..] => self.deferred += 1,
                ["REFUSED" | "TOKEN_REFUSED" | "DAMAGED" | "NEEDS_STAFF", ..] => {
                    self.staff.push(line.clone())
                }
                _ => {}
            }
        }
    }
}

/// Where a run was when the kill landed: starting (nothing kept yet), between
/// `ENQUEUING` and `TOLD`, sending (something told not yet acknowledged),
/// after its last acknowledgement (closing the session, exiting).
const PHASES: [&str; 4] = ["starting", "mid-enqueue", "while sending", "after the last ACK"];

fn phase(lines: &[String]) -> usize {
    let key =
        |l: &String, tag: &str| l.strip_prefix(tag).and_then(|r| r.split(' ').next()).map(str::to_owned);
    let last = |tag: &str| lines.iter().rposition(|l| l.starts_with(tag));
    let told: BTreeSet<String> = lines.iter().filter_map(|l| key(l, "TOLD ")).collect();
    let acked: BTreeSet<String> = lines.iter().filter_map(|l| key(l, "ACK ")).collect();
    match (last("ENQUEUING "), last("TOLD ")) {
        (None, _) => 0,
        (Some(e), t) if t.is_none_or(|t| t < e) => 1,
        _ if !told.is_subset(&acked) => 2,
        _ => 3,
    }
}

struct Run {
    seed: u64,
    dir: PathBuf,
}

impl Run {
    fn fail(&self, what: String) -> ! {
        panic!(
            "{what}\n(seed {}: YIBAN_OUTBOX_CRASH_SEED={} replays it; files in {})",
            self.seed,
            self.seed,
            self.dir.display()
        )
    }
}

#[test]
fn every_promised_application_is_stored_exactly_once_across_kills() {
    let seed = env_or("YIBAN_OUTBOX_CRASH_SEED", DEFAULT_SEED);
    let target = env_or("YIBAN_OUTBOX_CRASH_KILLS", DEFAULT_KILLS);
    eprintln!("outbox crash test: seed {seed}, {target} kills");
    let started = Instant::now();
    let tmp = tempfile::tempdir().expect("tempdir");
    let run = Run { seed, dir: tmp.path().to_owned() };
    let mut rng = Rng(seed);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let (db, data, log) =
        (tmp.path().join("portal.sqlite3"), tmp.path().join("data/outbox"), tmp.path().join("drill.log"));
    let port = free_port();
    let mut portal = rt.block_on(PortalProcess::start(port, &db));
    let mut ledger = Ledger::default();
    let (mut kills, mut portal_kills, mut runs) = (0u32, 0u32, 0u32);
    let mut landed = [0u32; PHASES.len()];
    while kills < target {
        runs += 1;
        let args = vec![
            "--count".to_owned(),
            rng.between(2, 6).to_string(),
            "--pace-ms".to_owned(),
            rng.between(10, 60).to_string(),
        ];
        let mut drill = Drill::start(&data, &portal.base, &log, &args);
        if runs % 5 == 3 && drill.wait_for("TOLD", Duration::from_secs(20)) {
            // The flusher is woken by that enqueue: the portal dies under it.
            thread::sleep(Duration::from_millis(rng.between(0, 15)));
            portal.kill();
            portal_kills += 1;
            thread::sleep(Duration::from_millis(rng.between(50, 300)));
            portal = rt.block_on(PortalProcess::start(port, &db));
        }
        thread::sleep(Duration::from_millis(rng.between(0, 300)));
        let (lines, code, killed) = drill.kill();
        ledger.add(&lines);
        if killed {
            kills += 1;
            landed[phase(&lines)] += 1;
        } else if code != Some(0) {
            run.fail(format!("run {runs}: the drill ended with {code:?}: {lines:?}"));
        }
        let found = grep_dir(&data, &PERSONAL);
        if !found.is_empty() {
            run.fail(format!("run {runs}: personal values in plain text after a kill: {found:?}"));
        }
    }
    // The last start: nothing new, send what is kept until the outbox is empty.
    let drain = Drill::start(&data, &portal.base, &log, &["--flush-only".to_owned()]);
    let (lines, code, _) = drain.finish();
    ledger.add(&lines);
    if code != Some(0) || lines.last().map(String::as_str) != Some("EMPTY") {
        run.fail(format!("the last run did not empty the outbox ({code:?}): {lines:?}"));
    }
    portal.kill();
    let conn = read_only(&db);
    let stored: BTreeMap<String, String> = conn
        .prepare(
            "SELECT k.key, k.case_no FROM idempotency_keys k JOIN cases c USING (case_no)
              WHERE c.terminal_id = ?1",
        )
        .and_then(|mut s| s.query_map([DRILL_TERMINAL], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("stored cases");
    let cases: usize = conn
        .query_row("SELECT COUNT(*) FROM cases WHERE terminal_id = ?1", [DRILL_TERMINAL], |r| r.get(0))
        .expect("count cases");
    let lost: Vec<_> = ledger.told.iter().filter(|k| !stored.contains_key(*k)).collect();
    let unknown: Vec<_> = stored.keys().filter(|k| !ledger.enqueuing.contains(*k)).collect();
    let mismatched: Vec<_> =
        ledger.acked.iter().filter(|(k, cs)| cs.len() != 1 || stored.get(*k) != cs.first()).collect();
    let checks = [
        (lost.is_empty(), format!("promised but not at the portal: {lost:?}")),
        (
            cases == stored.len(),
            format!("{cases} cases for {} keys: a second case for one application", stored.len()),
        ),
        (unknown.is_empty(), format!("cases nobody submitted: {unknown:?}")),
        (mismatched.is_empty(), format!("acknowledged as another case than stored: {mismatched:?}")),
        (ledger.staff.is_empty(), format!("entries left for staff: {:?}", ledger.staff)),
        (ledger.deferred > 0, "the flusher never met the dead portal".to_owned()),
        (portal_kills * 10 >= target, format!("the portal was killed only {portal_kills} times")),
    ];
    for (ok, what) in checks {
        if !ok {
            run.fail(what);
        }
    }
    let drill_log = std::fs::read(&log).expect("drill log");
    for needle in PERSONAL {
        let in_log = drill_log.windows(needle.len()).any(|w| w == needle.as_bytes());
        if in_log || ledger.printed.contains(needle) {
            run.fail(format!("a personal value in the drill's log or output: {needle}"));
        }
    }
    // A send whose answer a kill cut off is sent again, and the portal answers with the case it has.
    let portal_log = std::fs::read_to_string(db.with_extension("log")).unwrap_or_default();
    let replays = portal_log.matches("application replayed").count();
    let summary = format!(
        "outbox crash test: seed {seed}; {runs} runs, {kills} kiosk kills (SIGKILL), {portal_kills} portal kills; \
         kills landed {}; {} enqueued, {} promised, {} stored ({} kept but killed before telling), {} retries, {} sent again and replayed by the portal; {:.1} s",
        PHASES.iter().zip(landed).map(|(p, n)| format!("{n} {p}")).collect::<Vec<_>>().join(", "),
        ledger.enqueuing.len(),
        ledger.told.len(),
        stored.len(),
        stored.keys().filter(|k| !ledger.told.contains(*k)).count(),
        ledger.deferred,
        replays,
        started.elapsed().as_secs_f64(),
    );
    eprintln!("{summary}");
}
