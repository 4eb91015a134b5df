//! No personal value reaches a log, a `Debug` print of the session, or a file
//! the kiosk writes. Every journey is walked with every log event of the kiosk
//! and its portal recorded at TRACE; the demo citizens' ID numbers, names and
//! phones and every number typed on the keypad are then searched for in the
//! logs, in the session's `Debug` after each act, and in the files of the
//! terminal's data directory. After the session ends, nothing of the citizen
//! is left in it.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::io::Write;
use std::sync::{Arc, Mutex};

use yiban::core::config::Config;
use yiban::ui::driver::Driver;
use yiban::ui::journeys::{self, Act};

const TODAY: time::Date = time::macros::date!(2026 - 11 - 28);

/// Every log line, as the kiosk would write it.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn record_logs() -> Logs {
    let logs = Logs::default();
    let writer = logs.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();
    logs
}

#[derive(serde::Deserialize)]
struct SeedCitizen {
    id_number: String,
    name: String,
    phone: Option<String>,
}

/// What must never be printed: the demo citizens' values and what the walks type.
fn personal_values(walks: &[journeys::Walk]) -> Vec<String> {
    let seed: Vec<SeedCitizen> =
        serde_json::from_str(include_str!("../assets/portal-seed/citizens.json")).expect("seed citizens");
    let mut values: Vec<String> = vec![];
    for c in seed {
        values.push(c.id_number.clone());
        // The middle of an ID number (birth date and sequence) identifies too.
        values.push(c.id_number[6..17].to_owned());
        values.push(c.name);
        values.extend(c.phone);
    }
    for walk in walks {
        for act in &walk.acts {
            if let Act::Keys(keys) = act
                && keys.len() >= 6
            {
                values.push((*keys).to_owned());
            }
        }
    }
    values.sort();
    values.dedup();
    values
}

fn leaks<'a>(text: &str, values: &'a [String]) -> Vec<&'a str> {
    values.iter().filter(|v| text.contains(v.as_str())).map(String::as_str).collect()
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn no_personal_value_is_logged_printed_or_left_behind() {
    let logs = record_logs();
    let mut walks = journeys::all();
    // Identification by a typed number, not only by card.
    walks.push(journeys::Walk {
        name: "typed-id",
        acts: vec![
            Act::OpenMatter("sscard-replacement"),
            Act::Tap("intro-start"),
            Act::Keys("110105194403160289"),
            Act::Tap("identify-confirm"),
            Act::Tap("due-skip"),
        ],
    });
    let values = personal_values(&walks);
    assert!(values.len() > 10, "the search covers the demo citizens and typed numbers: {}", values.len());
    let config = Config::embedded().expect("the shipped kiosk-config loads").config;
    let data = tempfile::tempdir().expect("temp dir");
    let mut problems = vec![];
    for walk in &walks {
        let mut d = Driver::with_fresh_portal_cached(config.clone(), TODAY, data.path()).expect("kiosk");
        for act in &walk.acts {
            journeys::act(&mut d, *act).unwrap_or_else(|e| panic!("{}: {act:?}: {e}", walk.name));
            let printed = format!("{:?} {:?}", d.app.session, d.app.screen);
            let found = leaks(&printed, &values);
            if !found.is_empty() {
                problems.push(format!("{} after {act:?}: Debug of the session prints {found:?}", walk.name));
            }
        }
        // The session ends (首页 / the idle limit): nothing of the citizen stays.
        d.app.end_session(d.now);
        let left = format!("{:?} {:?}", d.app.session, d.app.transcript);
        let found = leaks(&left, &values);
        if !found.is_empty() || d.app.session.journey.is_some() || d.app.session.citizen.identity.is_some() {
            problems.push(format!("{}: the ended session keeps {found:?}", walk.name));
        }
        // The texts measured for the citizen's screens went with the session.
        let measured: Vec<&String> = values.iter().filter(|v| yiban::ui::fit::remembers(v)).collect();
        if !measured.is_empty() {
            problems.push(format!("{}: texts with {measured:?} still measured after the session", walk.name));
        }
    }
    let logged = String::from_utf8_lossy(&logs.0.lock().expect("log lock")).into_owned();
    assert!(logged.lines().count() > 50, "the walks were logged: {} lines", logged.lines().count());
    for line in logged.lines() {
        let found = leaks(line, &values);
        if !found.is_empty() {
            problems.push(format!("log line prints {found:?}: {line}"));
        }
    }
    for file in files_under(data.path()) {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let found = leaks(&String::from_utf8_lossy(&bytes), &values);
        if !found.is_empty() {
            problems.push(format!("{} holds {found:?}", file.display()));
        }
    }
    problems.truncate(40);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
