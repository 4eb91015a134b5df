//! The measuring functions: one screen's layout, a palette, the session
//! timing. Each returns samples (one measured value of one row, with what was
//! measured); the tally keeps the worst and lists every sample that fails.

use iced::Rectangle;
use iced::widget::text::LineHeight;

use crate::core::config::SessionSection;
use crate::ui::sizes::{CAP_HEIGHT_RATIO, LINE_HEIGHT, Sizes, TARGET_GAP_MM};
use crate::ui::theme::{Palette, contrast};

use super::collect::Layout;
use super::geometry::{self, Inferred};
use super::rows::Row;

/// One measured value.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub row: Row,
    pub value: f32,
    /// What was measured, for the report (「“下一步” 48 px × 1 line」).
    pub what: String,
}

impl Sample {
    pub fn new(row: Row, value: f32, what: impl Into<String>) -> Sample {
        Sample { row, value, what: what.into() }
    }
}

/// What the measuring needs to know about a screen besides its layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Context {
    pub sizes: Sizes,
    /// Words of the primary actions (the frame's main action, 呼叫工作人员).
    pub primary_labels: Vec<String>,
    /// The words of the help button.
    pub help_label: String,
}

impl Context {
    /// Font sizes the app draws text at.
    pub fn font_sizes(&self) -> [f32; 5] {
        let s = &self.sizes;
        [s.small, s.body, s.title, s.huge, s.icon]
    }
}

/// Line heights a text may be drawn at: the app's, then iced's default.
pub fn line_heights() -> [f32; 2] {
    let default = match LineHeight::default() {
        LineHeight::Relative(r) => r,
        LineHeight::Absolute(_) => LINE_HEIGHT,
    };
    [LINE_HEIGHT, default]
}

/// Cap height in mm of text at `size` px.
fn cap_mm(sizes: &Sizes, size: f32) -> f32 {
    size * CAP_HEIGHT_RATIO / sizes.px_per_mm
}

fn quoted(text: &str) -> String {
    let short: String = text.chars().take(24).collect();
    if short.len() < text.len() { format!("“{short}…”") } else { format!("“{short}”") }
}

/// Measures one screen: text sizes and line heights, overflow, targets.
pub fn screen(layout: &Layout, cx: &Context) -> Vec<Sample> {
    let sizes = &cx.sizes;
    let mm = |px: f32| px / sizes.px_per_mm;
    let mut out = vec![];
    let font_sizes = cx.font_sizes();
    let line_heights = line_heights();
    for text in &layout.texts {
        if text.content.trim().is_empty() {
            continue;
        }
        let name = quoted(&text.content);
        let inferred = geometry::infer_size(text.bounds.height, &font_sizes, &line_heights);
        if geometry::has_words(&text.content) {
            let Inferred { size, lines, matched, line_height } = inferred;
            let what = if matched {
                format!("{name}: {size:.0} px × {lines} line(s) at {line_height:.1}")
            } else {
                format!(
                    "{name}: {:.1} px tall matches no size (squeezed?), taken as one line of {size:.1} px",
                    text.bounds.height
                )
            };
            out.push(Sample::new(Row::CapHeight, cap_mm(sizes, size), what));
            out.push(cut_off(text, inferred, &font_sizes, &line_heights, sizes, &name));
            if matched {
                out.push(Sample::new(Row::LineHeightMeasured, line_height, format!("{name}: {size:.0} px")));
            }
        }
        out.push(Sample::new(
            Row::TextInWindow,
            mm(geometry::overflow(text.bounds, layout.window)),
            format!("{name} at {}", rect(text.bounds)),
        ));
        if let Some(target) = text.target.and_then(|t| layout.targets.get(t)) {
            out.push(Sample::new(
                Row::TextInTarget,
                mm(geometry::overflow(text.bounds, target.bounds)),
                format!("{name} at {} in target {}", rect(text.bounds), rect(target.bounds)),
            ));
        }
    }
    let far = TARGET_GAP_MM * 10.0 * sizes.px_per_mm;
    for (i, target) in layout.targets.iter().enumerate() {
        let label = quoted(&target.label(layout));
        let b = target.bounds;
        let side = mm(b.width.min(b.height));
        let what = format!("{label}: {:.1} × {:.1} mm", mm(b.width), mm(b.height));
        out.push(Sample::new(Row::TargetSize, side, what.clone()));
        let words: Vec<&str> =
            target.texts.iter().filter_map(|&t| layout.texts.get(t)).map(|t| t.content.as_str()).collect();
        if words.iter().any(|w| cx.primary_labels.iter().any(|p| p == w)) {
            out.push(Sample::new(Row::PrimarySize, side, what));
        }
        out.push(Sample::new(
            Row::TargetInWindow,
            mm(geometry::overflow(b, layout.window)),
            format!("{label} at {}", rect(b)),
        ));
        for other in layout.targets.iter().skip(i + 1) {
            let gap = geometry::gap(b, other.bounds);
            if gap <= far {
                let what = format!("{label} and {}", quoted(&other.label(layout)));
                out.push(Sample::new(Row::TargetGap, mm(gap), what));
            }
        }
    }
    out
}

/// How much of a text its box cannot show. A height that is no whole number
/// of lines at any size the app uses was clamped by the parent: at least the
/// rest of a line is missing. A box narrower than the words is cut on the
/// side (for a clamped text, measured at the smallest size: a lower bound).
fn cut_off(
    text: &super::collect::TextBox,
    inferred: Inferred,
    font_sizes: &[f32],
    line_heights: &[f32],
    sizes: &Sizes,
    name: &str,
) -> Sample {
    let (w, h) = (text.bounds.width, text.bounds.height);
    let (size, lines) = if inferred.matched {
        (inferred.size, inferred.lines)
    } else {
        let smallest = font_sizes.iter().copied().fold(f32::INFINITY, f32::min);
        let line = smallest * line_heights.iter().copied().fold(f32::INFINITY, f32::min);
        (smallest, (h / line).floor().max(1.0) as u32)
    };
    let mut across = geometry::shortfall(&text.content, size, lines, w);
    let mut down = geometry::height_shortfall(h, font_sizes, line_heights);
    if inferred.matched && inferred.line_height == LINE_HEIGHT {
        // The words shaped as iced draws them (in the regular face, the
        // narrower: a lower bound for bold): a word wider than the box spills
        // out of it (over its neighbours), more lines than the box holds are cut.
        let shaped = crate::ui::fit::measure(&text.content, size, crate::ui::widgets::FONT, w + SHAPE_SLACK);
        across = across.max(shaped.width - w - SHAPE_SLACK);
        down = down.max(shaped.height - h - SHAPE_SLACK);
    }
    let what = if down > across {
        format!("{name}: {h:.1} px tall, at least {down:.1} px of a line cut off")
    } else {
        format!(
            "{name}: {w:.0} px wide × {lines} line(s), the words need ≥ {:.0} px at {size:.0} px",
            w + across
        )
    };
    Sample::new(Row::TextCutOff, down.max(across) / sizes.px_per_mm, what)
}

/// Pixels a shaped text may exceed its box by (rounding in the layout).
const SHAPE_SLACK: f32 = 1.0;

/// The help button: the target whose words include the help label.
pub fn help_target(layout: &Layout, cx: &Context) -> Option<Rectangle> {
    layout
        .targets
        .iter()
        .find(|t| t.texts.iter().filter_map(|&i| layout.texts.get(i)).any(|x| x.content == cx.help_label))
        .map(|t| t.bounds)
}

/// Contrast of every text/background and border/focus pair of a palette.
pub fn palette(p: &Palette) -> Vec<Sample> {
    let text = p
        .text_pairs()
        .into_iter()
        .map(|(name, fg, bg)| Sample::new(Row::TextContrast, contrast(fg, bg), name));
    let border = p
        .border_pairs()
        .into_iter()
        .map(|(name, fg, bg)| Sample::new(Row::BorderContrast, contrast(fg, bg), name));
    text.chain(border).collect()
}

/// The session timing of the config (and the line-height setting).
pub fn timing(s: &SessionSection) -> Vec<Sample> {
    vec![
        Sample::new(Row::WarningTime, s.warning_seconds as f32, "[session] warning_seconds"),
        Sample::new(Row::Extensions, s.max_extensions as f32, "[session] max_extensions"),
        Sample::new(Row::IdleTime, s.idle_seconds as f32, "[session] idle_seconds"),
    ]
}

/// The line height the app's text helpers set.
pub fn line_height_setting() -> Sample {
    Sample::new(Row::LineHeightSetting, LINE_HEIGHT, "sizes::LINE_HEIGHT")
}

/// A rectangle in logical pixels, for reports.
pub fn rect(r: Rectangle) -> String {
    format!("({:.0}, {:.0}) {:.0}×{:.0} px", r.x, r.y, r.width, r.height)
}
