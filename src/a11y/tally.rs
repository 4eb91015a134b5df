//! Keeps the worst value of every row and every value that fails.

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use iced::Rectangle;

use crate::core::config::Config;
use crate::ui::sizes::Sizes;
use crate::ui::theme::ThemeKind;

use super::collect::Layout;
use super::measure::{self, Context, Sample};
use super::rows::Row;
use super::{Finding, Place, Report, Violation, Worst};

/// The worst sample of a row so far.
#[derive(Debug, Clone)]
struct Kept {
    value: f32,
    screen: String,
    worst: Worst,
}

/// Collects samples screen by screen; [`Tally::finish`] makes the report.
#[derive(Debug, Clone)]
pub struct Tally {
    config: Config,
    kept: BTreeMap<Row, Kept>,
    violations: Vec<Violation>,
    seen: HashSet<(Row, u8, String, String)>,
    /// The help button on each screen, by text step.
    help: BTreeMap<u8, Vec<(Place, Option<Rectangle>)>>,
    failed_walks: usize,
    screens: usize,
}

impl Tally {
    pub fn new(config: &Config) -> Tally {
        Tally {
            config: config.clone(),
            kept: BTreeMap::new(),
            violations: vec![],
            seen: HashSet::new(),
            help: BTreeMap::new(),
            failed_walks: 0,
            screens: 0,
        }
    }

    /// Adds samples measured at `screen` (rendered again at `place` for a thumbnail).
    pub fn add(&mut self, screen: &str, place: Option<&Place>, samples: Vec<Sample>) {
        let step = place.map_or(u8::MAX, |p| p.step);
        let key = place.map_or(String::new(), |p| p.key.clone());
        for s in samples {
            let limit = s.row.limit(&self.config);
            let better = self.kept.get(&s.row).is_some_and(|k| !s.row.worse(s.value, k.value));
            if !better {
                self.kept.insert(
                    s.row,
                    Kept {
                        value: s.value,
                        screen: screen.to_owned(),
                        worst: Worst { place: place.cloned(), what: s.what.clone() },
                    },
                );
            }
            if !s.row.passes(s.value, limit) && self.seen.insert((s.row, step, key.clone(), s.what.clone())) {
                self.violations.push(Violation {
                    requirement: s.row.requirement(),
                    name: s.row.name().to_owned(),
                    screen: screen.to_owned(),
                    what: s.what,
                    value: s.value,
                    unit: s.row.unit().to_owned(),
                    threshold: s.row.threshold(&self.config),
                });
            }
        }
    }

    /// Samples of the config or the code, not of a screen.
    pub fn add_config(&mut self, samples: Vec<Sample>, source: &str) {
        self.add(source, None, samples);
    }

    /// Samples of a theme's palette (the same on every screen).
    pub fn add_theme(&mut self, theme: ThemeKind, shown_on: Place, samples: Vec<Sample>) {
        self.add(&format!("theme {theme:?} (every screen)"), Some(&shown_on), samples);
    }

    /// Measures one screen.
    pub fn add_screen(&mut self, place: &Place, layout: &Layout, cx: &Context) {
        self.screens += 1;
        self.add(&place.to_string(), Some(place), measure::screen(layout, cx));
        let help = measure::help_target(layout, cx);
        self.help.entry(place.step).or_default().push((place.clone(), help));
    }

    /// A journey stopped early: the screens after it are not measured.
    pub fn walk_failed(&mut self, journey: &str, step: u8, error: &str) {
        self.failed_walks += 1;
        let row = Row::Walked;
        self.violations.push(Violation {
            requirement: row.requirement(),
            name: row.name().to_owned(),
            screen: format!("{journey}, step {step}"),
            what: error.to_owned(),
            value: 1.0,
            unit: row.unit().to_owned(),
            threshold: row.threshold(&self.config),
        });
    }

    /// The help button's largest move from the first screen of the same text step.
    fn help_position(&mut self) {
        let help = std::mem::take(&mut self.help);
        let mut samples = vec![];
        for screens in help.values() {
            let Some((first, Some(reference))) = screens.first() else {
                if let Some((first, None)) = screens.first() {
                    samples.push((
                        first.clone(),
                        Sample::new(Row::HelpPosition, f32::INFINITY, "no help button"),
                    ));
                }
                continue;
            };
            let px_per_mm = Sizes::new(&self.config.screen, first.step).px_per_mm;
            for (place, rect) in screens {
                let sample = match rect {
                    Some(r) => Sample::new(
                        Row::HelpPosition,
                        super::geometry::displacement(*reference, *r) / px_per_mm,
                        format!("at {} (on {}: {})", measure::rect(*r), first.key, measure::rect(*reference)),
                    ),
                    None => Sample::new(Row::HelpPosition, f32::INFINITY, "no help button"),
                };
                samples.push((place.clone(), sample));
            }
        }
        for (place, sample) in samples {
            self.add(&place.to_string(), Some(&place), vec![sample]);
        }
    }

    pub fn finish(mut self, journeys: usize, elapsed: Duration) -> Report {
        self.help_position();
        let walked = Row::Walked;
        self.kept.insert(
            walked,
            Kept {
                value: self.failed_walks as f32,
                screen: format!("{journeys} journeys × text steps"),
                worst: Worst { place: None, what: String::new() },
            },
        );
        let mut findings = vec![];
        let mut worst = vec![];
        for row in Row::ALL {
            let limit = row.limit(&self.config);
            let (value, screen, w) = match self.kept.remove(&row) {
                Some(k) => (k.value, k.screen, k.worst),
                None => (f32::NAN, "not measured".to_owned(), Worst { place: None, what: String::new() }),
            };
            findings.push(Finding {
                requirement: row.requirement(),
                name: row.name().to_owned(),
                threshold: row.threshold(&self.config),
                worst: value,
                unit: row.unit().to_owned(),
                screen,
                pass: row.passes(value, limit),
            });
            worst.push(w);
        }
        let screen = self.config.screen.clone();
        Report {
            name: String::new(),
            px_per_mm: Sizes::new(&screen, 0).px_per_mm,
            screen,
            findings,
            worst,
            violations: self.violations,
            screens: self.screens,
            journeys,
            elapsed,
        }
    }
}
