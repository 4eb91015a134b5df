//! CPU time of processes from `/proc`, for the speech benchmark and tests: this
//! process, and a speech-dispatcher daemon found by a marker in its command line (with
//! its output modules, which are its children).
#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::fs;

/// Kernel clock ticks per second of `utime`/`stime` in `/proc/<pid>/stat` (USER_HZ;
/// 100 on every Linux build we run on).
const TICKS_PER_SECOND: f64 = 100.0;

/// One line of `/proc/<pid>/stat`, the fields we use.
#[derive(Debug, Clone, Copy)]
struct Stat {
    ppid: u32,
    /// utime + stime of the process (all its threads, dead ones included), seconds.
    own: f64,
    /// cutime + cstime: children it has waited for, seconds.
    reaped: f64,
}

fn stat(pid: u32) -> Option<Stat> {
    let text = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may contain spaces and parentheses: fields start after the last ')'.
    let rest = &text[text.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let num = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
    Some(Stat {
        ppid: fields.get(1)?.parse().ok()?,
        own: (num(11)? + num(12)?) / TICKS_PER_SECOND,
        reaped: (num(13)? + num(14)?) / TICKS_PER_SECOND,
    })
}

/// CPU time on the scheduler's nanosecond clock: the sum over the process's live
/// threads of `/proc/<pid>/task/<tid>/schedstat`'s first field. Precise, but threads
/// that have ended are missing: use it for idle windows, where none end.
fn schedstat_seconds(pid: u32) -> f64 {
    let Ok(tasks) = fs::read_dir(format!("/proc/{pid}/task")) else { return 0.0 };
    tasks
        .flatten()
        .filter_map(|task| fs::read_to_string(task.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next().and_then(|ns| ns.parse::<f64>().ok()))
        .sum::<f64>()
        / 1e9
}

fn all_pids() -> Vec<u32> {
    fs::read_dir("/proc")
        .map(|dir| dir.flatten().filter_map(|e| e.file_name().to_str()?.parse().ok()).collect())
        .unwrap_or_default()
}

fn cmdline(pid: u32) -> String {
    fs::read(format!("/proc/{pid}/cmdline"))
        .map(|bytes| String::from_utf8_lossy(&bytes).replace('\0', " "))
        .unwrap_or_default()
}

/// The processes whose command line contains `marker`, and all their descendants.
pub fn tree_of(marker: &str) -> Vec<u32> {
    let pids = all_pids();
    let parents: HashMap<u32, u32> = pids.iter().filter_map(|&p| Some((p, stat(p)?.ppid))).collect();
    let mut found: HashSet<u32> =
        pids.iter().copied().filter(|&p| p != std::process::id() && cmdline(p).contains(marker)).collect();
    loop {
        let more: Vec<u32> = parents
            .iter()
            .filter(|(child, parent)| found.contains(parent) && !found.contains(child))
            .map(|(child, _)| *child)
            .collect();
        if more.is_empty() {
            break;
        }
        found.extend(more);
    }
    let mut out: Vec<u32> = found.into_iter().collect();
    out.sort_unstable();
    out
}

/// CPU seconds (tick clock, dead threads and reaped children included) of `pids`.
pub fn cpu_ticks(pids: &[u32]) -> f64 {
    pids.iter().filter_map(|&p| stat(p)).map(|s| s.own + s.reaped).sum()
}

/// CPU seconds (nanosecond clock, live threads only) of `pids`.
pub fn cpu_precise(pids: &[u32]) -> f64 {
    pids.iter().map(|&p| schedstat_seconds(p)).sum()
}

/// This process's CPU seconds on the tick clock (all threads, ended ones included).
pub fn self_cpu_ticks() -> f64 {
    cpu_ticks(&[std::process::id()])
}

/// This process's CPU seconds on the nanosecond clock (live threads).
pub fn self_cpu_precise() -> f64 {
    schedstat_seconds(std::process::id())
}

/// Sends `signal` (e.g. `"-TERM"`) to each of `pids` with `kill(1)`.
pub fn signal(pids: &[u32], signal: &str) {
    if pids.is_empty() {
        return;
    }
    let _ = std::process::Command::new("kill")
        .arg(signal)
        .args(pids.iter().map(u32::to_string))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
}

/// Ends the processes of `marker`'s tree: SIGTERM, then SIGKILL for any left after 2 s.
pub fn end_tree(marker: &str) {
    signal(&tree_of(marker), "-TERM");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
    while std::time::Instant::now() < deadline {
        if tree_of(marker).is_empty() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    signal(&tree_of(marker), "-KILL");
}
