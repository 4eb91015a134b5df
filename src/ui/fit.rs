//! Fitting screens to the window without scrolling: text measured with the
//! same shaper iced draws with, the height the frame leaves a screen's
//! content, and splitting a list of blocks into pages of that height.
//!
//! Views and `update` both use it (what is on a page is also what is said and
//! what the keypad reaches), so it depends only on the app state and the
//! physical sizes, never on a layout pass.

use std::ops::Range;

use iced::advanced::graphics::text::{Paragraph, font_system};
use iced::advanced::text::{self, Paragraph as _};
use iced::{Font, Pixels, Size};

use super::sizes::{LINE_HEIGHT, Sizes};
use super::widgets::FONT;

/// Loads the bundled faces into iced's global font system, once, before any
/// text is shaped (the kiosk calls it before its window opens; the views, the
/// measurements and the headless simulator all use that one font system).
/// The faces are read in place from the binary: iced's `load_font` would copy
/// them to the heap (3.5 MB) and touch every page of them doing so.
pub fn ensure_fonts() {
    static LOADED: std::sync::Once = std::sync::Once::new();
    LOADED.call_once(|| {
        if let Ok(mut fonts) = font_system().write() {
            let db = fonts.raw().db_mut();
            for face in [crate::assets::FONT_REGULAR, crate::assets::FONT_BOLD] {
                let _ = db.load_font_source(cosmic_text_source(face));
            }
        }
    });
}

/// The iced settings of a headless simulator of the kiosk's views: the bundled
/// faces (loaded into the global font system here) as the default font.
pub fn simulator_settings() -> iced::Settings {
    ensure_fonts();
    iced::Settings { fonts: vec![], default_font: super::widgets::FONT, ..iced::Settings::default() }
}

/// A font source reading the face where it is (a `&'static` slice of the binary).
fn cosmic_text_source(face: &'static [u8]) -> iced::advanced::graphics::text::cosmic_text::fontdb::Source {
    iced::advanced::graphics::text::cosmic_text::fontdb::Source::Binary(std::sync::Arc::new(face))
}

/// The size `content` takes at font `size`, wrapped to `max_width` (one line
/// when `max_width` is infinite), at the app's line height.
pub fn measure(content: &str, size: f32, font: Font, max_width: f32) -> Size {
    let key: Key = (content.to_owned(), size.to_bits(), max_width.to_bits(), font);
    if let Some(size) = MEASURED.with_borrow(|m| m.get(&key).copied()) {
        return size;
    }
    let measured = shape(content, size, font, max_width);
    MEASURED.with_borrow_mut(|m| {
        if m.len() >= MEASURED_KEPT {
            m.clear();
        }
        m.insert(key, measured);
    });
    measured
}

// Views and `update` ask for the same few texts again and again: remembered.
type Key = (String, u32, u32, Font);
thread_local! {
    static MEASURED: std::cell::RefCell<std::collections::HashMap<Key, Size>> = Default::default();
}

/// Forgets every text measured (a session's texts may hold the citizen's
/// values, masked or not): called when a session ends.
pub fn forget() {
    MEASURED.with_borrow_mut(|m| *m = Default::default());
}

/// Whether a remembered text contains `part`, spaces aside (digits are shown in groups) (tests).
pub fn remembers(part: &str) -> bool {
    MEASURED.with_borrow(|m| {
        m.keys()
            .any(|(text, ..)| text.chars().filter(|c| !c.is_whitespace()).collect::<String>().contains(part))
    })
}

/// The page after turning `delta` pages from `page`, kept within `pages` (at least one).
pub fn turn(page: usize, delta: i32, pages: usize) -> usize {
    page.saturating_add_signed(delta as isize).min(pages.max(1) - 1)
}

/// Measurements remembered per thread before the memory starts afresh.
const MEASURED_KEPT: usize = 2048;

fn shape(content: &str, size: f32, font: Font, max_width: f32) -> Size {
    ensure_fonts();
    let p = Paragraph::with_text(text::Text {
        content,
        bounds: Size::new(max_width, f32::INFINITY),
        size: Pixels(size),
        line_height: text::LineHeight::Relative(LINE_HEIGHT),
        font,
        align_x: text::Alignment::Default,
        align_y: iced::alignment::Vertical::Top,
        shaping: text::Shaping::default(),
        wrapping: text::Wrapping::default(),
    });
    p.min_bounds()
}

/// Height of `content` wrapped to `width`.
pub fn height(content: &str, size: f32, font: Font, width: f32) -> f32 {
    measure(content, size, font, width).height
}

/// Width of `content` on one line.
pub fn width(content: &str, size: f32, font: Font) -> f32 {
    measure(content, size, font, f32::INFINITY).width
}

impl Sizes {
    /// The height of a button with one line of words (see `widgets::action`).
    pub fn button_height(&self) -> f32 {
        let line = self.body * LINE_HEIGHT;
        line + 2.0 * ((self.primary_target - line) / 2.0).max(self.button_padding)
    }

    /// The width of a button with `label` on one line (and a symbol before it).
    pub fn button_width(&self, label: &str, font: Font, with_icon: bool) -> f32 {
        let icon = if with_icon { self.icon + self.gap } else { 0.0 };
        width(label, self.body, font) + icon + 4.0 * self.button_padding
    }

    /// The height of a button `width` wide whose words wrap (room kept for a
    /// symbol before them when `with_icon`).
    pub fn wrapped_button_height(&self, label: &str, width: f32, with_icon: bool) -> f32 {
        let icon = if with_icon { self.icon + self.gap } else { 0.0 };
        let words = width - 4.0 * self.button_padding - icon;
        (height(label, self.body, FONT, words) + 2.0 * self.button_padding).max(self.button_height())
    }

    /// The width the frame leaves a screen's content, less the room of the
    /// content area's scrollbar: iced lays the content out with that room
    /// kept before it knows the scrollbar is not needed, so what fits this
    /// width fits either way.
    pub fn content_width(&self) -> f32 {
        self.screen_width - 2.0 * self.margin - self.scrollbar_room()
    }

    /// The width the scrollbar of the content area takes when shown.
    pub fn scrollbar_room(&self) -> f32 {
        self.min_target + self.gap
    }
}

/// Splits blocks of the given heights, `spacing` apart, into pages no taller
/// than `budget`. A block taller than a page gets a page of its own.
pub fn paginate(heights: &[f32], spacing: f32, budget: f32) -> Vec<Range<usize>> {
    let mut pages = vec![];
    let mut start = 0;
    let mut used = 0.0;
    for (i, h) in heights.iter().enumerate() {
        let needed = if i == start { *h } else { used + spacing + h };
        if i > start && needed > budget {
            pages.push(start..i);
            start = i;
            used = *h;
        } else {
            used = needed;
        }
    }
    if start < heights.len() || pages.is_empty() {
        pages.push(start..heights.len());
    }
    pages
}

/// A text cut into sentences (each keeps its closing mark and the space
/// after it), so a long intro can continue on the next page.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = vec![];
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        let ends = match c {
            '。' | '！' | '？' | '；' => true,
            '.' | '!' | '?' | ';' => chars.peek().is_none_or(|n| n.is_whitespace()),
            _ => false,
        };
        if ends {
            while let Some(space) = chars.next_if(|n| n.is_whitespace()) {
                current.push(space);
            }
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}

/// One page when the blocks fit `budget` together; else pages of the room
/// left above a pager `pager` tall.
pub fn pages(heights: &[f32], spacing: f32, budget: f32, pager: f32) -> Vec<Range<usize>> {
    let total = heights.iter().sum::<f32>() + spacing * heights.len().saturating_sub(1) as f32;
    if total <= budget {
        return std::iter::once(0..heights.len()).collect();
    }
    paginate(heights, spacing, budget - pager)
}

/// Slack kept below the measured heights, for rounding in the layout.
pub const SLACK: f32 = 4.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measured_text_wraps_to_its_width() {
        let one = measure("请把身份证放在读卡区上", 40.0, FONT, f32::INFINITY);
        assert!((one.height - 40.0 * LINE_HEIGHT).abs() < 1.0, "{one:?}");
        // Eleven CJK characters are about eleven ems wide with the bundled face.
        assert!((one.width - 440.0).abs() < 20.0, "{one:?}");
        // Six characters to a line: two lines.
        let wrapped = measure("请把身份证放在读卡区上", 40.0, FONT, 6.0 * 40.0 + 1.0);
        assert!((wrapped.height - 2.0 * 40.0 * LINE_HEIGHT).abs() < 1.0, "{wrapped:?}");
    }

    #[test]
    fn blocks_are_packed_into_pages() {
        assert_eq!(paginate(&[10.0, 10.0, 10.0], 5.0, 25.0), vec![0..2, 2..3]);
        assert_eq!(paginate(&[10.0, 10.0, 10.0], 5.0, 40.0), std::iter::once(0..3).collect::<Vec<_>>());
        // A block taller than a page still gets shown, alone.
        assert_eq!(paginate(&[50.0, 10.0], 5.0, 40.0), vec![0..1, 1..2]);
        assert_eq!(paginate(&[], 5.0, 40.0), std::iter::once(0..0).collect::<Vec<_>>());
    }

    #[test]
    fn text_is_cut_into_sentences_that_join_back() {
        let zh = "年满八十岁的老人，可以办。请带上身份证！大约十分钟";
        assert_eq!(sentences(zh), vec!["年满八十岁的老人，可以办。", "请带上身份证！", "大约十分钟"]);
        let en = "Bring your ID card. It takes 8 min. (about 3.5 km away)";
        let parts = sentences(en);
        assert_eq!(parts, vec!["Bring your ID card. ", "It takes 8 min. ", "(about 3.5 km away)"]);
        assert_eq!(parts.concat(), en);
    }
}
