//! Scripted walks through every seeded matter and the bundle, as a citizen
//! would do them: used by the tests and by `yiban snapshots`. Clicks go by
//! visible text (Fluent messages and the portal's labels in the current
//! language), so the same script runs in Chinese and in English.

use std::path::Path;

use crate::core::model::Level;

use super::driver::{Driver, DriverError};

/// One thing the citizen does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Tap the tile of a matter (by id).
    OpenMatter(&'static str),
    /// Tap the tile of a bundle (by id).
    OpenBundle(&'static str),
    /// Tap the button showing this Fluent message.
    Tap(&'static str),
    /// Put demo card N on the simulated reader.
    Card(usize),
    /// Take what is due: item N of the due screen.
    Due(usize),
    /// Choose a value of a field on the current step.
    Choose(&'static str, &'static str),
    /// Type on the keypad.
    Keys(&'static str),
    /// Pick a city in the region picker: province code, city code.
    Region(&'static str, &'static str),
    /// Rate the service.
    Rate(Level),
    /// Tick a reason of a bad rating (by code).
    Reason(&'static str),
}

/// A named walk through one matter or bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Walk {
    pub name: &'static str,
    pub acts: Vec<Act>,
}

use Act::*;

/// Every seeded journey, start to finish, and the colours and voice settings.
pub fn all() -> Vec<Walk> {
    vec![
        Walk {
            name: "pension-eligibility",
            acts: vec![
                OpenMatter("pension-eligibility"),
                Tap("intro-start"),
                Card(0),
                Tap("due-skip"),
                Choose("confirm_identity", "YES"),
                Tap("next"),
                Choose("check_method", "STAFF"),
                Tap("next"),
                Tap("review-submit"),
                Tap("result-continue"),
                Rate(Level::VerySatisfied),
                Tap("evaluate-send"),
                Tap("goodbye-done"),
            ],
        },
        Walk {
            name: "insurance-record-print",
            acts: vec![
                OpenMatter("insurance-record-print"),
                Tap("intro-start"),
                Card(0),
                Tap("due-skip"),
                Choose("insurance_type", "PENSION"),
                Tap("next"),
                Keys("1990"),
                Tap("next"),
                Keys("2000"),
                Tap("next"),
                Tap("review-submit"),
                Tap("query-done"),
                Tap("goodbye-done"),
            ],
        },
        Walk {
            name: "pension-payments",
            acts: vec![
                OpenMatter("pension-payments"),
                Tap("intro-start"),
                Card(1),
                Tap("due-skip"),
                Choose("months", "6"),
                Tap("next"),
                Tap("review-submit"),
                Tap("query-done"),
                Tap("goodbye-done"),
            ],
        },
        Walk {
            name: "medical-relocation",
            acts: vec![
                OpenMatter("medical-relocation"),
                Tap("intro-start"),
                Card(0),
                Tap("due-skip"),
                Choose("relocation_type", "LONG_TERM_RESIDENT"),
                Tap("next"),
                Region("460000", "460200"),
                Tap("next"),
                Tap("date-today"),
                Tap("next"),
                Keys("13800138000"),
                Tap("next"),
                Choose("proof_choice", "COMMITMENT"),
                Tap("next"),
                Choose("commitment", "AGREED"),
                Tap("next"),
                Tap("review-submit"),
                Tap("result-continue"),
                Rate(Level::Dissatisfied),
                Reason("WAIT_TOO_LONG"),
                Tap("evaluate-send"),
                Tap("goodbye-done"),
            ],
        },
        Walk {
            name: "sscard-replacement",
            acts: vec![
                OpenMatter("sscard-replacement"),
                Tap("intro-start"),
                Card(1),
                Tap("due-skip"),
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
                Tap("result-continue"),
                Rate(Level::Satisfied),
                Tap("evaluate-send"),
                Tap("goodbye-done"),
            ],
        },
        Walk {
            name: "old-age-allowance",
            acts: vec![
                OpenMatter("old-age-allowance"),
                Tap("intro-start"),
                Card(1),
                Due(0),
                Choose("hukou_confirm", "YES"),
                Tap("next"),
                Choose("payout", "BANK"),
                Tap("next"),
                Keys("6222020200112233446"),
                Tap("next"),
                Keys("13700137000"),
                Tap("next"),
                Tap("review-submit"),
                Tap("result-continue"),
                Rate(Level::BasicallySatisfied),
                Tap("evaluate-send"),
                Tap("goodbye-done"),
            ],
        },
        Walk {
            name: "bundle-elder-card-allowance",
            acts: vec![
                OpenBundle("elder-card-allowance"),
                Tap("intro-start"),
                Card(1),
                Tap("due-skip"),
                Choose("report_type", "FORMAL_LOSS"),
                Tap("next"),
                Choose("photo_source", "NEW"),
                Tap("next"),
                Choose("delivery", "MAIL"),
                Tap("next"),
                Keys("13600136000"),
                Tap("next"),
                Choose("hukou_confirm", "YES"),
                Tap("next"),
                Choose("payout", "SSCARD"),
                Tap("next"),
                Tap("review-submit"),
                Tap("result-continue"),
                Rate(Level::VerySatisfied),
                Tap("evaluate-send"),
                Tap("goodbye-done"),
            ],
        },
        Walk {
            name: "colours-and-voice",
            acts: vec![
                Tap("settings-title"),
                Tap("theme-default"),
                Tap("voice-on"),
                Tap("rate-normal"),
                Tap("volume-1"),
                Tap("settings-done"),
            ],
        },
    ]
}

/// Does one act on the driver.
/// The walk named `name` (an empty walk when there is none).
pub fn by_name(name: &str) -> Walk {
    all().into_iter().find(|w| w.name == name).unwrap_or(Walk { name: "", acts: vec![] })
}

pub fn act(d: &mut Driver, a: Act) -> Result<(), DriverError> {
    let lang = d.app.settings.lang;
    let code = lang.code();
    match a {
        OpenMatter(id) => {
            let name = d
                .app
                .reference
                .catalogue
                .as_ref()
                .and_then(|c| c.matters.iter().find(|m| m.id == id))
                .map(|m| m.elder_name.get(code).to_owned())
                .unwrap_or_else(|| id.to_owned());
            page_to(d, &name)?;
            d.click(&name)
        }
        OpenBundle(id) => {
            let name = d
                .app
                .reference
                .catalogue
                .as_ref()
                .and_then(|c| c.bundles.iter().find(|b| b.id == id))
                .map(|b| b.elder_name.get(code).to_owned())
                .unwrap_or_else(|| id.to_owned());
            page_to(d, &name)?;
            d.click(&name)
        }
        Tap(id) => d.click_t(id),
        Card(n) => {
            let label = super::screen::identify::card_label(lang, n);
            d.click(&label)
        }
        Due(n) => {
            let controls = d.app.screen.controls(&d.app.context());
            let id = super::control::ControlId::TakeDue(n);
            let label = controls.into_iter().find(|c| c.id == id).map(|c| c.label).unwrap_or_default();
            d.click(&label)
        }
        Choose(field, value) => d.choose(field, value),
        Keys(keys) => d.type_keys(keys),
        Region(province, city) => {
            let names = d.app.reference.regions.as_ref().and_then(|r| {
                let p = r.provinces.iter().find(|p| p.code == province)?;
                let c = p.cities.iter().find(|c| c.code == city)?;
                Some((p.name.get(code).to_owned(), c.name.get(code).to_owned()))
            });
            let Some((p, c)) = names else { return d.click(province) };
            // Page through the provinces until the wanted one shows.
            for _ in 0..8 {
                if d.sees(&p) {
                    break;
                }
                d.click_t("page-next")?;
            }
            d.click(&p)?;
            d.click(&c)
        }
        Rate(level) => d.click_t(super::screen::evaluate::level_id(level)),
        Reason(code_) => {
            let label = d
                .app
                .reference
                .reasons
                .as_ref()
                .and_then(|r| r.reasons.iter().find(|x| x.code == code_))
                .map(|x| x.label.get(code).to_owned())
                .unwrap_or_else(|| code_.to_owned());
            d.click(&label)
        }
    }
}

/// Pages forward (a paged welcome screen, say) until `label` shows.
fn page_to(d: &mut Driver, label: &str) -> Result<(), DriverError> {
    let next = crate::i18n::t(d.app.settings.lang, "page-next");
    while !d.sees(label) && d.sees(&next) {
        d.click(&next)?;
    }
    Ok(())
}

/// A key naming the screen the driver shows: its name, and the step for forms.
pub fn screen_key(d: &Driver) -> String {
    d.app.screen_key()
}

/// Walks `walk`, calling `visit` once for every new screen before acting on it
/// (and once for the last screen).
pub fn walk(
    d: &mut Driver,
    walk: &Walk,
    mut visit: impl FnMut(&mut Driver, usize, &str) -> Result<(), DriverError>,
) -> Result<(), DriverError> {
    let mut last = String::new();
    let mut n = 0;
    for a in &walk.acts {
        let key = screen_key(d);
        if key != last {
            n += 1;
            visit(d, n, &key)?;
            n = visit_pages(d, n, &mut visit)?;
            last = key;
        }
        act(d, *a)?;
    }
    let key = screen_key(d);
    if key != last {
        visit(d, n + 1, &key)?;
        visit_pages(d, n + 1, &mut visit)?;
    }
    Ok(())
}

/// Visits the further pages of a paged screen (intro, review, result, query
/// result), then pages back to the first so the walk goes on where it was.
/// Returns the number of the last screen visited.
fn visit_pages(
    d: &mut Driver,
    mut n: usize,
    visit: &mut impl FnMut(&mut Driver, usize, &str) -> Result<(), DriverError>,
) -> Result<usize, DriverError> {
    let next = crate::i18n::t(d.app.settings.lang, "page-next");
    let mut turned = 0;
    while d.sees(&next) {
        let before = screen_key(d);
        d.click_t("page-next")?;
        turned += 1;
        let key = screen_key(d);
        if key == before {
            // A pager inside a step (the region picker): not a page of the screen.
            break;
        }
        n += 1;
        visit(d, n, &key)?;
    }
    for _ in 0..turned {
        d.click_t("page-prev")?;
    }
    Ok(n)
}

/// `yiban snapshots OUTDIR`: every journey's screens as PNG plus visible texts.
pub fn write_snapshots(
    out: &Path,
    config: crate::core::config::Config,
    lang: crate::i18n::Lang,
    today: time::Date,
) -> Result<usize, DriverError> {
    let mut count = 0;
    for w in all() {
        let mut d = Driver::with_fresh_portal(config.clone(), today)?;
        d.app.settings.lang = lang;
        d.app.relayout();
        let dir = out.join(w.name);
        std::fs::create_dir_all(&dir).map_err(|e| DriverError::Snapshot(e.to_string()))?;
        walk(&mut d, &w, |d, n, key| {
            let stem = format!("{n:02}-{key}");
            let written = d.snapshot_png(&dir.join(&stem))?;
            std::fs::rename(&written, dir.join(format!("{stem}.png")))
                .map_err(|e| DriverError::Snapshot(e.to_string()))?;
            let texts = d.texts().join("\n");
            std::fs::write(dir.join(format!("{stem}.visible.txt")), texts + "\n")
                .map_err(|e| DriverError::Snapshot(e.to_string()))?;
            let spoken = d.app.transcript.join("\n");
            std::fs::write(dir.join(format!("{stem}.spoken.txt")), spoken + "\n")
                .map_err(|e| DriverError::Snapshot(e.to_string()))?;
            count += 1;
            Ok(())
        })?;
    }
    Ok(count)
}
