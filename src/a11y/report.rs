//! The report as Markdown and HTML, and `yiban a11y-report OUTDIR`: both
//! geometries (the shipped config and a 32" 3840×2160 terminal), with a
//! thumbnail of the worst screen of each row.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::core::config::{Config, TEXT_STEPS};
use crate::ui::driver::Driver;
use crate::ui::journeys;
use crate::ui::theme::ThemeKind;

use super::{AuditError, Report, Row, audit, large_terminal};

/// Width of a thumbnail in pixels.
pub const THUMBNAIL_WIDTH: u32 = 480;
/// At most this many violations are listed one by one.
const LISTED: usize = 300;

/// A rendered thumbnail of the worst screen of a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumbnail {
    /// Index into [`Report::findings`].
    pub finding: usize,
    /// Path relative to the report.
    pub path: String,
}

fn pass_word(pass: bool) -> &'static str {
    if pass { "pass" } else { "**FAIL**" }
}

fn row_of(name: &str) -> Option<Row> {
    Row::ALL.into_iter().find(|r| r.name() == name)
}

fn value(name: &str, v: f32) -> String {
    row_of(name).map_or_else(|| format!("{v:.2}"), |r| r.format(v))
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

impl Report {
    /// A heading naming the geometry.
    pub fn title(&self) -> String {
        let s = &self.screen;
        let geometry = format!(
            "{}\" {}×{} at {:.0} mm ({:.2} px/mm)",
            s.diagonal_inches, s.width_px, s.height_px, s.viewing_distance_mm, self.px_per_mm
        );
        if self.name.is_empty() { geometry } else { format!("{}: {geometry}", self.name) }
    }

    fn summary(&self) -> String {
        let failing = self.findings.iter().filter(|f| !f.pass).count();
        format!(
            "{} screens measured ({} journeys × {} text steps); themes {}; {} of {} rows pass, {} violations.",
            self.screens,
            self.journeys,
            TEXT_STEPS,
            ThemeKind::ALL.map(|t| format!("{t:?}")).join(", "),
            self.findings.len() - failing,
            self.findings.len(),
            self.violations.len()
        )
    }

    /// The report as a Markdown section (level-2 heading).
    pub fn to_markdown(&self) -> String {
        let mut out = format!("## {}\n\n{}\n\n", self.title(), self.summary());
        out.push_str("| row | measured | threshold | worst | unit | where | what | result |\n");
        out.push_str("|---|---|---|---|---|---|---|---|\n");
        for (f, w) in self.findings.iter().zip(&self.worst) {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
                f.requirement,
                md_cell(&f.name),
                md_cell(&f.threshold),
                value(&f.name, f.worst),
                md_cell(&f.unit),
                md_cell(&f.screen),
                md_cell(&w.what),
                pass_word(f.pass)
            ));
        }
        out.push_str(&format!("\n### Violations ({})\n\n", self.violations.len()));
        if self.violations.is_empty() {
            out.push_str("None.\n");
        }
        for v in self.violations.iter().take(LISTED) {
            out.push_str(&format!(
                "- row {} {}: {} {} (threshold {}) — {} — {}\n",
                v.requirement,
                v.name,
                value(&v.name, v.value),
                v.unit,
                v.threshold,
                v.screen,
                v.what
            ));
        }
        if self.violations.len() > LISTED {
            out.push_str(&format!("- … and {} more\n", self.violations.len() - LISTED));
        }
        out
    }

    /// The report as an HTML section, with thumbnails of the worst screens.
    pub fn to_html(&self, thumbnails: &[Thumbnail]) -> String {
        let mut out =
            format!("<section>\n<h2>{}</h2>\n<p>{}</p>\n", html(&self.title()), html(&self.summary()));
        out.push_str(
            "<table>\n<tr><th>row</th><th>measured</th><th>threshold</th><th>worst</th><th>where</th><th>what</th><th>result</th><th>worst screen</th></tr>\n",
        );
        for (i, (f, w)) in self.findings.iter().zip(&self.worst).enumerate() {
            let thumb = thumbnails
                .iter()
                .find(|t| t.finding == i)
                .map(|t| {
                    format!(
                        "<img src=\"{}\" width=\"{THUMBNAIL_WIDTH}\" alt=\"{}\">",
                        html(&t.path),
                        html(&f.screen)
                    )
                })
                .unwrap_or_default();
            out.push_str(&format!(
                "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                if f.pass { "pass" } else { "fail" },
                f.requirement,
                html(&f.name),
                html(&f.threshold),
                html(&value(&f.name, f.worst)),
                html(&f.unit),
                html(&f.screen),
                html(&w.what),
                if f.pass { "pass" } else { "FAIL" },
                thumb
            ));
        }
        out.push_str(&format!("</table>\n<h3>Violations ({})</h3>\n<ul>\n", self.violations.len()));
        for v in self.violations.iter().take(LISTED) {
            out.push_str(&format!(
                "<li>row {} {}: {} {} (threshold {}) — {} — {}</li>\n",
                v.requirement,
                html(&v.name),
                html(&value(&v.name, v.value)),
                html(&v.unit),
                html(&v.threshold),
                html(&v.screen),
                html(&v.what)
            ));
        }
        if self.violations.len() > LISTED {
            out.push_str(&format!("<li>… and {} more</li>\n", self.violations.len() - LISTED));
        }
        out.push_str("</ul>\n</section>\n");
        out
    }
}

const STYLE: &str = "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}\
td,th{border:1px solid #888;padding:4px 8px;vertical-align:top}tr.fail td{background:#fdd}";

/// Renders the worst screen of every finding that has one, downscaled, under
/// `out/thumbs/`; returns them with paths relative to `out`.
pub fn thumbnails(
    out: &Path,
    prefix: &str,
    report: &Report,
    config: &Config,
    today: time::Date,
) -> Result<Vec<Thumbnail>, AuditError> {
    let dir = out.join("thumbs");
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    // One walk per (journey, step, theme) renders every screen wanted from it.
    let mut wanted: BTreeMap<(String, u8, usize), Vec<(usize, usize)>> = BTreeMap::new();
    let themes = ThemeKind::ALL;
    for (i, w) in report.worst.iter().enumerate() {
        if let Some(p) = &w.place {
            let theme = p.theme.and_then(|t| themes.iter().position(|x| *x == t)).unwrap_or(0);
            wanted.entry((p.journey.clone(), p.step, theme)).or_default().push((p.n, i));
        }
    }
    let mut done = vec![];
    for ((journey, step, theme), screens) in wanted {
        let Some(walk) = journeys::all().into_iter().find(|w| w.name == journey) else { continue };
        let mut d = Driver::with_fresh_portal(config.clone(), today)?;
        d.app.settings.text_step = step;
        d.app.settings.theme = themes.get(theme).copied().unwrap_or_default();
        d.app.relayout();
        let mut rendered: Vec<(usize, PathBuf)> = vec![];
        let mut failure = None;
        let walked = journeys::walk(&mut d, &walk, |d, n, _| {
            if screens.iter().any(|(m, _)| *m == n) && failure.is_none() {
                let stem = dir.join(format!("{prefix}-{journey}-s{step}-t{theme}-{n:02}"));
                let written = d.snapshot_png(&stem)?;
                match shrink(&written, &stem.with_extension("png")) {
                    Ok(path) => rendered.push((n, path)),
                    Err(e) => failure = Some(e),
                }
            }
            Ok(())
        });
        if let Some(e) = failure {
            return Err(e);
        }
        // A walk that stops early still has its earlier screens rendered.
        let _ = walked;
        for (n, path) in rendered {
            let rel = path.strip_prefix(out).unwrap_or(&path).to_string_lossy().into_owned();
            for (_, finding) in screens.iter().filter(|(m, _)| *m == n) {
                done.push(Thumbnail { finding: *finding, path: rel.clone() });
            }
        }
    }
    done.sort_by_key(|t| t.finding);
    Ok(done)
}

fn io(path: &Path, e: std::io::Error) -> AuditError {
    AuditError::Io { path: path.display().to_string(), reason: e.to_string() }
}

/// Downscales the snapshot at `from` to [`THUMBNAIL_WIDTH`] wide, writes it to `to`, removes `from`.
fn shrink(from: &Path, to: &Path) -> Result<PathBuf, AuditError> {
    let image_error =
        |e: image::ImageError| AuditError::Image { path: from.display().to_string(), reason: e.to_string() };
    let full = image::open(from).map_err(image_error)?;
    let height = (full.height() as u64 * THUMBNAIL_WIDTH as u64 / full.width().max(1) as u64).max(1) as u32;
    let small = full.resize_exact(THUMBNAIL_WIDTH, height, image::imageops::FilterType::Triangle);
    small.save(to).map_err(image_error)?;
    if from != to {
        std::fs::remove_file(from).map_err(|e| io(from, e))?;
    }
    Ok(to.to_owned())
}

/// `yiban a11y-report OUTDIR`: audits the shipped config and the 32" terminal,
/// writes `report.md`, `report.html` and `thumbs/*.png`; returns the reports.
pub fn write_report(out: &Path, config: &Config, today: time::Date) -> Result<Vec<Report>, AuditError> {
    std::fs::create_dir_all(out).map_err(|e| io(out, e))?;
    let geometries = [
        ("shipped", "the shipped kiosk-config", config.clone()),
        ("32in", "a 32\" 3840×2160 terminal", large_terminal(config)),
    ];
    let mut md = String::from(
        "# Yiban accessibility audit\n\nEvery screen (every page of a paged one) of every seeded journey and of the \
         colours and voice settings, at every text step, through the real \
         view (iced_test's simulator), measured in mm of the configured screen. \"row\" is the row of the \
         accessibility targets (ACCESSIBILITY.md): 1 text size, 2 line spacing, 3 contrast, 5 touch targets, \
         7 time limits, 13 help. Texts the layout squeezed are measured at the height they got; whether \
         the words fit their box is measured by shaping them as iced draws them. \
         Generated by `yiban a11y-report OUTDIR` (which also writes report.html with thumbnails of the worst \
         screens); the portal's lookup codes in it are random.\n\n",
    );
    let mut page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Yiban accessibility audit</title><style>{STYLE}</style></head><body>\n<h1>Yiban accessibility audit</h1>\n"
    );
    let mut reports = vec![];
    for (prefix, what, config) in geometries {
        let report = Report { name: what.to_owned(), ..audit(&config, today)? };
        let thumbs = thumbnails(out, prefix, &report, &config, today)?;
        md.push_str(&report.to_markdown());
        md.push('\n');
        page.push_str(&report.to_html(&thumbs));
        reports.push(report);
    }
    page.push_str("</body></html>\n");
    let md_path = out.join("report.md");
    std::fs::write(&md_path, md).map_err(|e| io(&md_path, e))?;
    let html_path = out.join("report.html");
    std::fs::write(&html_path, page).map_err(|e| io(&html_path, e))?;
    Ok(reports)
}
