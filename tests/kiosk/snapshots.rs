//! Every screen of every journey, and the welcome screen in each theme and at
//! the largest text, against committed hash baselines in `tests/snapshots/`.
//! A missing baseline fails; `YIBAN_BLESS=1 cargo test --test kiosk` writes
//! them (the journeys' folders are written afresh).
//!
//! The portal's lookup codes and verification codes are random, so they are
//! replaced by fixed ones before a screen is compared. The screens are those
//! `journeys::walk` (and `yiban snapshots`) visits, every page of a paged
//! screen included.

use std::path::{Path, PathBuf};

use yiban::ui::driver::{Driver, snapshot_path};
use yiban::ui::journeys;
use yiban::ui::screen::{Screen, waiting};
use yiban::ui::theme::ThemeKind;

use crate::common::*;

pub fn bless() -> bool {
    std::env::var("YIBAN_BLESS").is_ok()
}

pub fn snapshots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

/// Random codes replaced by fixed ones, so the screens can be compared.
fn redact(d: &mut Driver) {
    for case in &mut d.app.session.citizen.cases {
        case.lookup_code = "ABCD2345".to_owned();
    }
    if let Some(query) = &mut d.app.session.citizen.query {
        query.document.verification_code = "YBV-ABCD-2345".to_owned();
    }
}

pub fn check(d: &Driver, path: &Path, bless: bool, failures: &mut Vec<String>) {
    if let Ok(dir) = std::env::var("YIBAN_SNAPSHOT_PNG") {
        let name = path.strip_prefix(snapshots()).unwrap_or(path).to_string_lossy().replace('/', "-");
        let _ = d.snapshot_png(&Path::new(&dir).join(name));
    }
    match d.matches_baseline(path, bless) {
        Ok(true) => {}
        Ok(false) => failures.push(format!("{} differs (YIBAN_BLESS=1 to accept)", path.display())),
        Err(e) => failures.push(format!("{}: {e}", path.display())),
    }
}

fn check_journey(name: &str) {
    let bless = bless();
    let w = journeys::all().into_iter().find(|w| w.name == name).expect("a journey of that name");
    let dir = snapshots().join(name);
    if bless {
        let _ = std::fs::remove_dir_all(&dir);
    }
    let mut failures = vec![];
    let mut visited = vec![];
    let mut d = kiosk();
    journeys::walk(&mut d, &w, |d, n, key| {
        redact(d);
        let stem = format!("{n:02}-{key}");
        check(d, &dir.join(&stem), bless, &mut failures);
        visited.push(snapshot_path(&dir.join(&stem), "sha256"));
        Ok(())
    })
    .unwrap_or_else(|e| panic!("journey {name}: {e}"));

    // Baselines of screens the journey no longer shows.
    let stale: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| !visited.contains(p)).collect()
        })
        .unwrap_or_default();
    for p in stale {
        failures.push(format!("{} is stale: the journey no longer shows it", p.display()));
    }
    assert!(failures.is_empty(), "journey {name}:\n{}", failures.join("\n"));
}

macro_rules! journey_snapshots {
    ($($test:ident => $name:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                check_journey($name);
            }
        )*

        /// Every journey of `journeys::all()` has its test above.
        #[test]
        fn every_journey_is_covered() {
            let covered = [$($name),*];
            let all: Vec<&str> = journeys::all().iter().map(|w| w.name).collect();
            assert_eq!(all, covered, "add the new journey to journey_snapshots!");
        }
    };
}

journey_snapshots! {
    pension_eligibility => "pension-eligibility",
    insurance_record_print => "insurance-record-print",
    pension_payments => "pension-payments",
    medical_relocation => "medical-relocation",
    sscard_replacement => "sscard-replacement",
    old_age_allowance => "old-age-allowance",
    bundle_elder_card_allowance => "bundle-elder-card-allowance",
    colours_and_voice => "colours-and-voice",
}

#[test]
fn welcome_in_every_theme_and_at_the_largest_text() {
    let bless = bless();
    let dir = snapshots().join("welcome");
    let mut failures = vec![];
    let mut d = kiosk();
    assert_eq!(d.key(), "welcome");
    for theme in ThemeKind::ALL {
        d.app.settings.theme = theme;
        d.app.relayout();
        check(&d, &dir.join(format!("theme-{theme:?}").to_lowercase()), bless, &mut failures);
    }
    d.app.settings.theme = ThemeKind::Default;
    d.app.settings.text_step = 2;
    d.app.relayout();
    d.must_see(&zh("text-size-largest"));
    check(&d, &dir.join("text-step-2"), bless, &mut failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The screens no journey stops on: the dialogs (您还在吗？, going home with
/// answers, staff coming), the waiting screen, a failure and maintenance.
#[test]
fn dialogs_and_other_screens() {
    use yiban::ui::Message;
    let bless = bless();
    let dir = snapshots().join("other");
    let mut failures = vec![];

    let mut d = kiosk();
    begin(&mut d, "pension-payments", 1);
    assert_eq!(d.key(), "step-months");
    d.pick("months", "6");
    // The keypad's focus ring, around the selected choice and around the main action.
    let next = zh("next");
    while d.app.focus.is_none() || d.app.focus_line().is_none_or(|l| !l.contains("6")) {
        d.press_named(iced::keyboard::key::Named::Tab).unwrap();
    }
    check(&d, &dir.join("focus-selected-choice"), bless, &mut failures);
    while d.app.focus_line().is_none_or(|l| !l.contains(&next)) {
        d.press_named(iced::keyboard::key::Named::Tab).unwrap();
    }
    check(&d, &dir.join("focus-main-action"), bless, &mut failures);
    d.tap("home");
    d.must_see(&zh("home-confirm-title"));
    check(&d, &dir.join("confirm-home"), bless, &mut failures);
    d.tap("home-confirm-no");
    d.tap("call-staff");
    d.must_see(&zh("staff-coming"));
    check(&d, &dir.join("staff-coming"), bless, &mut failures);
    d.tap("confirm");
    d.wait(config().session.idle_seconds.into()).unwrap();
    d.must_see(&zh("idle-title"));
    check(&d, &dir.join("idle-warning"), bless, &mut failures);
    d.tap("idle-still-here");

    let waiting = |purpose| {
        Screen::Waiting(waiting::State { purpose, tickets: vec![], back_to: Box::new(Screen::welcome()) })
    };
    d.app.screen = waiting(waiting::Purpose::Loading);
    d.app.relayout();
    check(&d, &dir.join("loading"), bless, &mut failures);
    d.app.screen = waiting(waiting::Purpose::Submitting);
    d.app.relayout();
    check(&d, &dir.join("submitting"), bless, &mut failures);
    d.app.screen = Screen::Maintenance("kiosk-config/kiosk.toml:3: unknown field `idle_secs`".into());
    d.app.relayout();
    check(&d, &dir.join("maintenance"), bless, &mut failures);

    let mut offline = Driver::with_url(config(), "http://127.0.0.1:9".to_owned(), TODAY).expect("kiosk");
    assert_eq!(offline.key(), "failure");
    offline.send(Message::Tick(offline.now)).unwrap();
    check(&offline, &dir.join("failure-offline"), bless, &mut failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
