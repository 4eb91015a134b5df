//! Plain geometry on layout rectangles (logical pixels): gaps, overflow, and
//! the font size a text was laid out at, inferred from its height.

use iced::Rectangle;

/// Distance between two rectangles: 0 when they touch, the straight-line gap
/// between their nearest edges or corners when apart, and minus the depth of
/// the overlap when they overlap.
pub fn gap(a: Rectangle, b: Rectangle) -> f32 {
    let dx = (b.x - (a.x + a.width)).max(a.x - (b.x + b.width));
    let dy = (b.y - (a.y + a.height)).max(a.y - (b.y + b.height));
    if dx < 0.0 && dy < 0.0 {
        // Overlapping: how far one would have to move to clear the other.
        dx.max(dy)
    } else {
        (dx.max(0.0).powi(2) + dy.max(0.0).powi(2)).sqrt()
    }
}

/// How far `inner` sticks out of `outer` on its worst side (0 when inside).
pub fn overflow(inner: Rectangle, outer: Rectangle) -> f32 {
    let left = outer.x - inner.x;
    let top = outer.y - inner.y;
    let right = (inner.x + inner.width) - (outer.x + outer.width);
    let bottom = (inner.y + inner.height) - (outer.y + outer.height);
    left.max(top).max(right).max(bottom).max(0.0)
}

/// The largest distance any edge of `b` has moved from the same edge of `a`.
pub fn displacement(a: Rectangle, b: Rectangle) -> f32 {
    let edges = |r: Rectangle| [r.x, r.y, r.x + r.width, r.y + r.height];
    edges(a).iter().zip(edges(b)).map(|(p, q)| (p - q).abs()).fold(0.0, f32::max)
}

/// Whether two rectangles share some area, or touch when grown by `slack`.
pub fn near(a: Rectangle, b: Rectangle, slack: f32) -> bool {
    gap(a, b) <= slack
}

/// What a text's height says about how it was laid out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inferred {
    /// Font size in logical pixels.
    pub size: f32,
    /// Line height as a multiple of the size.
    pub line_height: f32,
    pub lines: u32,
    /// Whether the height matched one of the known sizes exactly; if not, the
    /// text was measured as one line at the preferred line height.
    pub matched: bool,
}

/// How far (logical pixels) a height may be from `lines × size × line height`.
pub const HEIGHT_TOLERANCE: f32 = 0.5;

/// Infers the font size of a text `height` pixels tall from the sizes the app
/// uses and the line heights it may be drawn at (the first is preferred): the
/// match `lines × size × line_height` nearest to the height, with a whole line
/// count. A height that matches none is taken as one line at the first line
/// height, i.e. a font size of `height / line_heights[0]`.
pub fn infer_size(height: f32, sizes: &[f32], line_heights: &[f32]) -> Inferred {
    let preferred = line_heights.first().copied().unwrap_or(1.0);
    let mut best: Option<(f32, Inferred)> = None;
    for &line_height in line_heights {
        for &size in sizes {
            let line = size * line_height;
            if line <= 0.0 {
                continue;
            }
            let lines = (height / line).round();
            if lines < 1.0 {
                continue;
            }
            let error = (height - lines * line).abs();
            if error <= HEIGHT_TOLERANCE && best.is_none_or(|(e, _)| error < e - 1e-3) {
                best = Some((error, Inferred { size, line_height, lines: lines as u32, matched: true }));
            }
        }
    }
    best.map(|(_, i)| i).unwrap_or(Inferred {
        size: height / preferred,
        line_height: preferred,
        lines: 1,
        matched: false,
    })
}

/// Whether a text carries words (letters, digits or CJK) rather than only symbols.
pub fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// A lower bound of the width `text` needs at font size `size`, all its
/// lines together: CJK characters and fullwidth forms are one em wide
/// (counted as 0.9), anything else but spaces at least 0.2 em.
pub fn min_advance(text: &str, size: f32) -> f32 {
    let em: f32 = text
        .chars()
        .map(|c| match c as u32 {
            0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 => 0.9,
            _ if c.is_whitespace() || c.is_control() => 0.0,
            _ => 0.2,
        })
        .sum();
    em * size
}

/// How much narrower (px) a box of `lines` lines `width` wide is than the
/// words need at `size` (0 when they fit): a text squeezed by its parent.
pub fn shortfall(text: &str, size: f32, lines: u32, width: f32) -> f32 {
    (min_advance(text, size) - lines.max(1) as f32 * width).max(0.0)
}

/// How much taller (px) a text box `height` tall must be to hold a whole
/// number of lines at some size and line height (0 when it does): the part
/// of a line a clamped text loses, at the least.
pub fn height_shortfall(height: f32, sizes: &[f32], line_heights: &[f32]) -> f32 {
    let mut best = f32::INFINITY;
    for &line_height in line_heights {
        for &size in sizes {
            let line = size * line_height;
            if line <= 0.0 {
                continue;
            }
            let lines = (height / line).round().max(1.0);
            if (height - lines * line).abs() <= HEIGHT_TOLERANCE {
                return 0.0;
            }
            best = best.min((height / line).ceil().max(1.0) * line - height);
        }
    }
    if best.is_finite() { best } else { 0.0 }
}
