//! The accessibility audit (ACCESSIBILITY.md rows 1, 2, 3, 5, 7 and 13):
//! walks every screen of every seeded journey at every text step through the
//! real view (iced_test's simulator via [`Driver`]), and measures text, line
//! heights, overflow, touch targets and the help button in millimetres of the
//! configured screen; checks the contrast of every theme and the session
//! timing. `yiban a11y-report OUTDIR` writes the result as Markdown and HTML.
//!
//! Themes change colours, not layout: each step is laid out once, in the
//! configured theme; only the welcome screen, whose colour button names the
//! theme, is laid out in every theme.

pub mod collect;
pub mod geometry;
pub mod measure;
pub mod report;
pub mod rows;
mod tally;

use std::time::{Duration, Instant};

use crate::core::config::{Config, ScreenSection, TEXT_STEPS};
use crate::i18n::t;
use crate::ui::control::ControlId;
use crate::ui::driver::{Driver, DriverError};
use crate::ui::journeys;
use crate::ui::sizes::Sizes;
use crate::ui::theme::ThemeKind;

pub use collect::{Layout, layout_of};
pub use measure::{Context, Sample};
pub use report::write_report;
pub use rows::Row;
pub use tally::Tally;

/// One row of the report: the worst value measured for one requirement.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The row of ACCESSIBILITY.md.
    pub requirement: u8,
    pub name: String,
    pub threshold: String,
    pub worst: f32,
    pub unit: String,
    /// Where the worst value was measured (journey/NN-key, step, theme).
    pub screen: String,
    pub pass: bool,
}

/// One measured value that misses its threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub requirement: u8,
    pub name: String,
    pub screen: String,
    pub what: String,
    pub value: f32,
    pub unit: String,
    pub threshold: String,
}

/// A screen of a journey, for the report and to render it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub journey: String,
    /// The screen's number in the walk (from 1).
    pub n: usize,
    pub key: String,
    pub step: u8,
    /// `None`: the layout, the same in every theme.
    pub theme: Option<ThemeKind>,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{:02}-{}, step {}, ", self.journey, self.n, self.key, self.step)?;
        match self.theme {
            Some(theme) => write!(f, "theme {theme:?}"),
            None => write!(f, "all themes"),
        }
    }
}

/// The worst value of a finding: where to render it and what it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Worst {
    pub place: Option<Place>,
    pub what: String,
}

/// The audit of one screen geometry.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// What the geometry is ("the shipped kiosk-config"), for headings; may be empty.
    pub name: String,
    pub screen: ScreenSection,
    pub px_per_mm: f32,
    pub findings: Vec<Finding>,
    /// For each finding, the same index: where and what its worst value was.
    pub worst: Vec<Worst>,
    pub violations: Vec<Violation>,
    /// Screens measured (over all journeys and text steps).
    pub screens: usize,
    pub journeys: usize,
    pub elapsed: Duration,
}

impl Report {
    pub fn passes(&self) -> bool {
        self.findings.iter().all(|f| f.pass)
    }

    /// The finding of `row`.
    pub fn finding(&self, row: Row) -> Option<&Finding> {
        self.findings.iter().find(|f| f.name == row.name())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error(transparent)]
    Driver(#[from] DriverError),
    #[error("the shipped config: {0}")]
    Config(String),
    #[error("{path}: {reason}")]
    Io { path: String, reason: String },
    #[error("thumbnail {path}: {reason}")]
    Image { path: String, reason: String },
}

/// What a screen of the driver lays out.
pub fn screen_layout(d: &Driver) -> Layout {
    let screen = &d.app.config.screen;
    let size = iced::Size::new(screen.width_px as f32, screen.height_px as f32);
    layout_of(d.app.view(), size)
}

/// The measuring context of the driver's current screen.
pub fn context(d: &Driver) -> Context {
    let lang = d.app.settings.lang;
    let help_label = t(lang, "call-staff");
    let mut primary_labels = vec![help_label.clone()];
    let controls = d.app.screen.controls(&d.app.context());
    primary_labels.extend(controls.into_iter().filter(|c| c.id == ControlId::Primary).map(|c| c.label));
    Context { sizes: Sizes::new(&d.app.config.screen, d.app.settings.text_step), primary_labels, help_label }
}

/// Audits `config`'s screen geometry and session timing over every screen of
/// every seeded journey, at every text step, in every theme.
pub fn audit(config: &Config, today: time::Date) -> Result<Report, AuditError> {
    let started = Instant::now();
    let mut tally = Tally::new(config);
    tally.add_config(measure::timing(&config.session), "kiosk.toml");
    tally.add_config(vec![measure::line_height_setting()], "src/ui/sizes.rs");
    let walks = journeys::all();
    for theme in ThemeKind::ALL {
        let first = walks.first().map_or("", |w| w.name);
        let place =
            Place { journey: first.to_owned(), n: 1, key: "welcome".into(), step: 0, theme: Some(theme) };
        tally.add_theme(theme, place, measure::palette(&theme.palette()));
    }
    for step in 0..TEXT_STEPS {
        for walk in &walks {
            let mut d = Driver::with_fresh_portal(config.clone(), today)?;
            d.app.settings.text_step = step;
            d.app.relayout();
            let result = journeys::walk(&mut d, walk, |d, n, key| {
                let place = Place {
                    journey: walk.name.to_owned(),
                    n,
                    key: key.to_owned(),
                    step: d.app.settings.text_step,
                    theme: None,
                };
                let layout = screen_layout(d);
                let cx = context(d);
                tally.add_screen(&place, &layout, &cx);
                Ok(())
            });
            if let Err(e) = result {
                tally.walk_failed(walk.name, step, &e.to_string());
            }
        }
        if let Some(first) = walks.first() {
            let mut d = Driver::with_fresh_portal(config.clone(), today)?;
            d.app.settings.text_step = step;
            d.app.relayout();
            other_themes(&mut d, first.name, &mut tally);
        }
    }
    Ok(tally.finish(walks.len(), started.elapsed()))
}

/// The first screen in the other themes. Themes change colours, and on the
/// welcome screen also the words of the colour button (颜色：白底黑字), so
/// where the layout differs it is measured in that theme as well.
fn other_themes(d: &mut Driver, walk: &str, tally: &mut Tally) {
    let own = d.app.settings.theme;
    let layout = screen_layout(d);
    for theme in ThemeKind::ALL.into_iter().filter(|t| *t != own) {
        d.app.settings.theme = theme;
        d.app.relayout();
        let other = screen_layout(d);
        if other != layout {
            let place = Place {
                journey: walk.to_owned(),
                n: 1,
                key: d.app.screen_key(),
                step: d.app.settings.text_step,
                theme: Some(theme),
            };
            tally.add_screen(&place, &other, &context(d));
        }
    }
    d.app.settings.theme = own;
    d.app.relayout();
}

/// The shipped config on the 32" 3840×2160 terminal (same viewing distance).
pub fn large_terminal(config: &Config) -> Config {
    Config {
        screen: ScreenSection {
            diagonal_inches: 32.0,
            width_px: 3840,
            height_px: 2160,
            ..config.screen.clone()
        },
        ..config.clone()
    }
}

/// The day the report's kiosk and portal take as today (as `yiban snapshots`
/// does by default), so the demo data and the committed sample report agree.
pub const REPORT_DAY: time::Date = time::macros::date!(2026 - 11 - 28);

/// `yiban a11y-report OUTDIR` on the shipped config: writes the report and
/// prints a summary of each geometry.
pub fn run_report(out: &std::path::Path, lang: Option<&str>) -> Result<(), AuditError> {
    let mut config = Config::embedded().map_err(|e| AuditError::Config(e.to_string()))?.config;
    if let Some(lang) = lang {
        // The screens in another language: the kiosk's default language for the walk.
        crate::i18n::Lang::from_code(lang)
            .ok_or_else(|| AuditError::Config(format!("unknown language {lang:?}")))?;
        config.defaults.language = lang.to_owned();
    }
    for r in write_report(out, &config, REPORT_DAY)? {
        let failing: Vec<&str> = r.findings.iter().filter(|f| !f.pass).map(|f| f.name.as_str()).collect();
        let failing = if failing.is_empty() { "none".to_owned() } else { failing.join(", ") };
        println!(
            "{}: {} screens, audit {:.1} s; failing rows: {failing}",
            r.title(),
            r.screens,
            r.elapsed.as_secs_f32()
        );
    }
    println!("written: {}", out.join("report.md").display());
    Ok(())
}
