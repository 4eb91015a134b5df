//! Soak: many citizen sessions in one kiosk process, memory measured as they
//! go: `cargo bench --bench soak -- 10000` (issue 10: no personal value may
//! outlive the session, and neither may anything else).
//!
//! Each session is a whole journey through the headless driver the kiosk tests
//! use (the real `App`, its real views clicked by visible text): 张秀兰 types
//! her ID number on the keypad, fills a matter and submits it, or makes a
//! query, and the session ends by 首页 or by the idle countdown. The portal is
//! the reference portal on loopback: in-process as the shipped kiosk runs it
//! (`YIBAN_SOAK_PORTAL=embedded`, the default), or `yiban portal` in a child
//! process (`YIBAN_SOAK_PORTAL=process`) so the kiosk's memory is measured
//! alone. Resident memory (`/proc/self/status`) and the live heap (a counting
//! allocator) are sampled after the warm-up and at every interval after it.
//! Results are recorded in `docs/benchmarks.md`.
//!
//! Sessions: the first argument, else `YIBAN_SOAK_SESSIONS`, else 10,000.
//! `YIBAN_SOAK_WARMUP` (default 500, at most half the sessions) and
//! `YIBAN_SOAK_EVERY` (default a twentieth of the sessions) set the rest.

use std::alloc::System;
use std::error::Error;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use stats_alloc::{INSTRUMENTED_SYSTEM, StatsAlloc};
use yiban::core::config::Config;
use yiban::ui::app::Overlay;
use yiban::ui::driver::Driver;
use yiban::ui::journeys::{self, Act, Act::*};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

type BoxError = Box<dyn Error + Send + Sync>;

/// The day the demo data's ages are as of (as in the kiosk tests).
const TODAY: time::Date = time::macros::date!(2026 - 11 - 28);
/// 张秀兰, the demo data's main citizen, typed on the keypad.
const CITIZEN: &str = "110105194403160289";
const MIB: f64 = 1024.0 * 1024.0;

/// One citizen's visit: the matter's steps after identification, the screen
/// they end on, and how the session ends.
struct Visit {
    matter: &'static str,
    steps: &'static [Act],
    ends_on: &'static str,
    end: End,
}

#[derive(Clone, Copy)]
enum End {
    /// 首页 (回到首页 if it asks first).
    Home,
    /// Nobody touches the screen until the idle countdown runs out.
    Idle,
}

/// Two submissions and two queries, each end once by 首页 and once by idling.
const VISITS: [Visit; 4] = [
    Visit {
        matter: "sscard-replacement",
        steps: &[
            Choose("report_type", "REPLACE"),
            Tap("next"),
            Choose("reason", "DAMAGED"),
            Tap("next"),
            Choose("photo_source", "EXISTING"),
            Tap("next"),
            Choose("delivery", "PICKUP"),
            Tap("next"),
            Keys("13900139000"),
            Tap("next"),
            Tap("review-submit"),
        ],
        ends_on: "result",
        end: End::Home,
    },
    Visit {
        matter: "pension-payments",
        steps: &[Choose("months", "6"), Tap("next"), Tap("review-submit")],
        ends_on: "query-result",
        end: End::Idle,
    },
    Visit {
        matter: "old-age-allowance",
        steps: &[
            Choose("hukou_confirm", "YES"),
            Tap("next"),
            Choose("payout", "SSCARD"),
            Tap("next"),
            Keys("13700137000"),
            Tap("next"),
            Tap("review-submit"),
        ],
        ends_on: "result",
        end: End::Idle,
    },
    Visit {
        matter: "insurance-record-print",
        steps: &[
            Choose("insurance_type", "PENSION"),
            Tap("next"),
            Keys("1990"),
            Tap("next"),
            Keys("2000"),
            Tap("next"),
            Tap("review-submit"),
        ],
        ends_on: "query-result",
        end: End::Home,
    },
];

struct Options {
    sessions: usize,
    warm_up: usize,
    every: usize,
    portal: PortalKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PortalKind {
    Embedded,
    Process,
}

impl Options {
    fn read() -> Result<Options, BoxError> {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let number = |v: String| v.trim().replace(['_', ','], "").parse::<usize>();
        // `cargo bench` adds `--bench`: the first argument that is not a flag.
        let arg = std::env::args().skip(1).find(|a| !a.starts_with('-'));
        let sessions = match arg.or_else(|| env("YIBAN_SOAK_SESSIONS")) {
            Some(v) => number(v)?,
            None => 10_000,
        }
        .max(2);
        let warm_up = env("YIBAN_SOAK_WARMUP").map(number).transpose()?.unwrap_or(500).min(sessions / 2);
        let every = env("YIBAN_SOAK_EVERY").map(number).transpose()?.unwrap_or(sessions / 20).max(1);
        let portal = match env("YIBAN_SOAK_PORTAL").as_deref() {
            None | Some("embedded") => PortalKind::Embedded,
            Some("process") => PortalKind::Process,
            Some(other) => return Err(format!("YIBAN_SOAK_PORTAL={other}: use embedded or process").into()),
        };
        Ok(Options { sessions, warm_up, every, portal })
    }
}

fn main() -> Result<(), BoxError> {
    if let Some(code) = rerun_without_system_fonts()? {
        std::process::exit(code);
    }
    let options = Options::read()?;
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("portal.sqlite3");
    let config = Config::embedded()?.config;
    let (idle, warning) = (config.session.idle_seconds, config.session.warning_seconds);

    // The portal outlives the driver (declared first, dropped last).
    let portal = Portal::start(options.portal, &db)?;
    let mut d = Driver::with_url(config, portal.url.clone(), TODAY)?;
    let (n, warm_up, every, kind) = (options.sessions, options.warm_up, options.every, portal.kind_name());
    println!(
        "soak: {n} sessions, warm-up {warm_up}, a sample every {every}, portal {kind} on {}",
        portal.url
    );

    let started = Instant::now();
    let mut samples: Vec<Sample> = vec![];
    let mut counts: Vec<(usize, Rows)> = vec![];
    let mut measured_from = started;
    for n in 1..=options.sessions {
        let visit = &VISITS[(n - 1) % VISITS.len()];
        session(&mut d, visit, idle + warning).map_err(|e| format!("session {n} ({}): {e}", visit.matter))?;
        if n == options.warm_up || (n > options.warm_up && (n - options.warm_up) % options.every == 0) {
            samples.push(Sample::take(n, started, portal.pid()));
        }
        if n == options.warm_up {
            counts.push((n, Rows::count(&db)?));
            measured_from = Instant::now();
        }
    }
    if samples.last().is_none_or(|s| s.session != options.sessions) {
        samples.push(Sample::take(options.sessions, started, portal.pid()));
    }
    let measured = measured_from.elapsed();
    counts.push((options.sessions, Rows::count(&db)?));

    report(&options, &samples, &counts, started.elapsed(), measured);
    drop(d);
    drop(portal);
    Ok(())
}

/// The headless simulator builds a renderer for every look at the screen, and
/// each renderer's SVG cache scans the system's fonts (iced_tiny_skia
/// `vector.rs`) where the kiosk builds one renderer. So that the soak measures
/// the kiosk and not walks of `/usr/share/fonts`, the bench runs itself again
/// with fontconfig pointed at an empty folder (the kiosk's own faces are
/// bundled), unless `FONTCONFIG_FILE` or `YIBAN_SOAK_SYSTEM_FONTS` is set.
/// Returns the exit code of that run.
fn rerun_without_system_fonts() -> Result<Option<i32>, BoxError> {
    if std::env::var_os("FONTCONFIG_FILE").is_some() || std::env::var_os("YIBAN_SOAK_SYSTEM_FONTS").is_some()
    {
        return Ok(None);
    }
    let dir = tempfile::tempdir()?;
    let empty = dir.path().join("fonts");
    std::fs::create_dir(&empty)?;
    let conf = dir.path().join("fonts.conf");
    let xml = format!("<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir></fontconfig>\n", empty.display());
    std::fs::write(&conf, xml)?;
    let status = Command::new(std::env::current_exe()?)
        .args(std::env::args_os().skip(1))
        .env("FONTCONFIG_FILE", &conf)
        .status()?;
    Ok(Some(status.code().unwrap_or(1)))
}

/// One citizen from the welcome screen back to it.
fn session(d: &mut Driver, visit: &Visit, idle_seconds: u32) -> Result<(), BoxError> {
    // The driver keeps everything said for the tests to read; not the kiosk's memory.
    d.spoken.clear();
    for act in [OpenMatter(visit.matter), Tap("intro-start"), Keys(CITIZEN), Tap("identify-confirm")] {
        journeys::act(d, act)?;
    }
    if d.app.screen.name() == "due" {
        journeys::act(d, Tap("due-skip"))?;
    }
    for act in visit.steps {
        journeys::act(d, *act)?;
    }
    expect_screen(d, visit.ends_on)?;
    match visit.end {
        End::Home => {
            journeys::act(d, Tap("home"))?;
            if d.app.overlay == Some(Overlay::ConfirmHome) {
                journeys::act(d, Tap("home-confirm-yes"))?;
            }
        }
        End::Idle => d.wait(u64::from(idle_seconds))?,
    }
    expect_screen(d, "welcome")?;
    let session = &d.app.session;
    if session.citizen.identity.is_some() || session.journey.is_some() || d.app.overlay.is_some() {
        return Err("the session did not end: identity, answers or a dialog kept".into());
    }
    Ok(())
}

fn expect_screen(d: &Driver, name: &str) -> Result<(), BoxError> {
    let shown = d.app.screen.name();
    if shown == name {
        return Ok(());
    }
    Err(format!("expected {name}, on {} ({}); visible: {:?}", shown, d.app.screen_key(), d.texts()).into())
}

/// The reference portal: in this process, or `yiban portal` in a child.
struct Portal {
    url: String,
    /// In-process: its runtime (one worker, as the kiosk's embedded portal).
    runtime: Option<tokio::runtime::Runtime>,
    child: Option<Child>,
}

impl Portal {
    fn start(kind: PortalKind, db: &Path) -> Result<Portal, BoxError> {
        match kind {
            PortalKind::Embedded => {
                // As `ui::embedded::EmbeddedPortal::start_fixed` (the tests' portal) starts it.
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(1)
                    .thread_name("embedded-portal")
                    .enable_all()
                    .build()?;
                let addr = runtime.block_on(async {
                    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
                    let clock = yiban::portal::Clock::fixed(TODAY);
                    let running = yiban::portal::spawn_with_clock(listener, db, clock).await?;
                    let addr = running.addr;
                    // The portal lives as long as the runtime.
                    std::mem::forget(running);
                    Ok::<_, BoxError>(addr)
                })?;
                Ok(Portal { url: format!("http://{addr}"), runtime: Some(runtime), child: None })
            }
            PortalKind::Process => {
                let mut child = Command::new(env!("CARGO_BIN_EXE_yiban"))
                    .arg("portal")
                    .args(["--listen", "127.0.0.1:0", "--db"])
                    .arg(db)
                    .env("YIBAN_PORTAL_TODAY", TODAY.to_string())
                    .stdout(Stdio::piped())
                    // Its request log would drown the report.
                    .stderr(Stdio::null())
                    .spawn()?;
                // Its first line: "Yiban reference portal on http://ADDR/v1 (database …)".
                let mut line = String::new();
                if let Some(out) = child.stdout.take() {
                    std::io::BufReader::new(out).read_line(&mut line)?;
                }
                let addr = line.split("http://").nth(1).and_then(|rest| rest.split("/v1").next());
                let Some(addr) = addr.filter(|a| !a.is_empty()) else {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(format!("the portal did not say where it listens: {line:?}").into());
                };
                Ok(Portal { url: format!("http://{addr}"), runtime: None, child: Some(child) })
            }
        }
    }

    fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    fn kind_name(&self) -> &'static str {
        if self.child.is_some() { "in a child process" } else { "in-process" }
    }
}

impl Drop for Portal {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(std::time::Duration::from_secs(1));
        }
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Memory after session `session`.
struct Sample {
    session: usize,
    secs: f64,
    /// This process: resident, of which anonymous (heap, stacks) and file-backed (KiB).
    rss: u64,
    anon: u64,
    file: u64,
    /// Bytes allocated and not yet freed through the global allocator.
    heap: i64,
    /// The portal's process, when it runs in a child: resident (KiB).
    portal_rss: Option<u64>,
}

impl Sample {
    fn take(session: usize, started: Instant, portal: Option<u32>) -> Sample {
        let own = status(Path::new("/proc/self/status"));
        let stats = GLOBAL.stats();
        let heap = stats.bytes_allocated as i64 - stats.bytes_deallocated as i64;
        Sample {
            session,
            secs: started.elapsed().as_secs_f64(),
            rss: own.rss,
            anon: own.anon,
            file: own.file,
            heap,
            portal_rss: portal.map(|pid| status(&PathBuf::from(format!("/proc/{pid}/status"))).rss),
        }
    }
}

#[derive(Default)]
struct Status {
    rss: u64,
    anon: u64,
    file: u64,
}

/// VmRSS, RssAnon and RssFile (KiB) of a process; zeros when unreadable.
fn status(path: &Path) -> Status {
    let mut s = Status::default();
    for line in std::fs::read_to_string(path).unwrap_or_default().lines() {
        let Some((key, value)) = line.split_once(':') else { continue };
        let kib = value.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
        match key {
            "VmRSS" => s.rss = kib,
            "RssAnon" => s.anon = kib,
            "RssFile" => s.file = kib,
            _ => {}
        }
    }
    s
}

/// What the portal holds: rows of the tables a session adds to, and the
/// database's size on disk (with its WAL).
struct Rows {
    tables: Vec<(&'static str, i64)>,
    bytes: u64,
}

const TABLES: [&str; 5] = ["identity_sessions", "cases", "case_events", "idempotency_keys", "case_numbers"];

impl Rows {
    fn count(db: &Path) -> Result<Rows, BoxError> {
        let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let mut tables = vec![];
        for table in TABLES {
            let n: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
            tables.push((table, n));
        }
        let size = |p: PathBuf| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let wal = PathBuf::from(format!("{}-wal", db.display()));
        Ok(Rows { tables, bytes: size(db.to_owned()) + size(wal) })
    }
}

fn report(
    options: &Options,
    samples: &[Sample],
    counts: &[(usize, Rows)],
    total: std::time::Duration,
    measured: std::time::Duration,
) {
    let mib = |kib: u64| kib as f64 / 1024.0;
    let process = options.portal == PortalKind::Process;
    println!();
    print!("| session | elapsed | RSS | of which anon | of which file | live heap |");
    println!("{}", if process { " portal RSS |" } else { "" });
    println!("|---:|---:|---:|---:|---:|---:|{}", if process { "---:|" } else { "" });
    for s in samples {
        print!(
            "| {} | {:.0} s | {:.1} MiB | {:.1} MiB | {:.1} MiB | {:.1} MiB |",
            s.session,
            s.secs,
            mib(s.rss),
            mib(s.anon),
            mib(s.file),
            s.heap as f64 / MIB
        );
        println!("{}", s.portal_rss.map(|p| format!(" {:.1} MiB |", mib(p))).unwrap_or_default());
    }
    let (Some(first), Some(last)) = (samples.first(), samples.last()) else { return };
    let span = (last.session - first.session).max(1) as f64;
    let per_1000 = |f: &dyn Fn(&Sample) -> f64| slope(samples, f) * 1000.0;
    println!();
    let line = |what: &str, f: &dyn Fn(&Sample) -> f64| {
        println!(
            "{what}: {:.2} MiB after session {} → {:.2} MiB after session {}: {:+.2} MiB ({:+.3} MiB per 1,000 sessions; fitted slope {:+.3})",
            f(first),
            first.session,
            f(last),
            last.session,
            f(last) - f(first),
            (f(last) - f(first)) / span * 1000.0,
            per_1000(f),
        );
    };
    line("RSS", &|s| mib(s.rss));
    line("RSS anon", &|s| mib(s.anon));
    line("live heap", &|s| s.heap as f64 / MIB);
    if process {
        line("portal RSS (child)", &|s| s.portal_rss.map_or(0.0, mib));
    }
    let growth = mib(last.rss) - mib(first.rss);
    let verdict = if growth < 5.0 { "met" } else { "NOT met" };
    println!("target (RSS growth < 5 MiB after the warm-up): {verdict} ({growth:+.2} MiB)");
    let after = options.sessions - options.warm_up;
    println!(
        "throughput: {:.1} sessions/s after the warm-up ({after} in {:.1} s); {:.1} sessions/s overall ({:.1} s)",
        after as f64 / measured.as_secs_f64(),
        measured.as_secs_f64(),
        options.sessions as f64 / total.as_secs_f64(),
        total.as_secs_f64()
    );
    for (n, rows) in counts {
        let tables: Vec<String> = rows.tables.iter().map(|(t, c)| format!("{t} {c}")).collect();
        println!(
            "portal after session {n}: {}; database {:.1} MiB on disk",
            tables.join(", "),
            rows.bytes as f64 / MIB
        );
    }
}

/// The least-squares slope of `f` over the samples, per session.
fn slope(samples: &[Sample], f: &dyn Fn(&Sample) -> f64) -> f64 {
    let n = samples.len() as f64;
    if n < 2.0 {
        return 0.0;
    }
    let mx = samples.iter().map(|s| s.session as f64).sum::<f64>() / n;
    let my = samples.iter().map(f).sum::<f64>() / n;
    let (mut num, mut den) = (0.0, 0.0);
    for s in samples {
        let dx = s.session as f64 - mx;
        num += dx * (f(s) - my);
        den += dx * dx;
    }
    if den == 0.0 { 0.0 } else { num / den }
}
