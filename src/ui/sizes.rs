//! Physical sizes. Every size in a view comes from here, computed in
//! millimetres from the terminal's screen geometry (ACCESSIBILITY.md rows 1, 2, 5),
//! so the same build is right on a 21.5" and a 32" terminal.

use crate::core::config::ScreenSection;

const MM_PER_INCH: f32 = 25.4;
/// Capital-letter height of the bundled font, as a fraction of the font size
/// (Noto Sans CJK: capHeight 733 / 1000 units).
pub const CAP_HEIGHT_RATIO: f32 = 0.733;
/// The smallest capital height allowed at any viewing distance (EN 301 549 5.1.4).
pub const MIN_CAP_MM: f32 = 4.8;
/// Visual angle of a capital letter (ADA 707.7.2): 0.7°.
pub const CAP_ANGLE_DEG: f32 = 0.7;
/// Line height as a multiple of the font size (MIIT 1.2, WCAG 1.4.12).
pub const LINE_HEIGHT: f32 = 1.4;
/// Primary actions at least this size on each side.
pub const PRIMARY_TARGET_MM: f32 = 15.0;
/// Every target at least this size on each side.
pub const MIN_TARGET_MM: f32 = 12.7;
/// Space between targets.
pub const TARGET_GAP_MM: f32 = 2.5;
/// How much larger each text step is than the one before.
pub const TEXT_STEP_FACTOR: f32 = 1.2;

/// Sizes in logical pixels for one screen geometry and one text step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sizes {
    pub px_per_mm: f32,
    /// The text step (0 = large, the default).
    pub step: u8,
    /// Body text size.
    pub body: f32,
    /// Screen titles and questions.
    pub title: f32,
    /// Secondary text (still ≥ the minimum cap height).
    pub small: f32,
    /// The huge type of numbers read back (case numbers, amounts).
    pub huge: f32,
    pub primary_target: f32,
    pub min_target: f32,
    pub gap: f32,
    /// Outer padding of a screen.
    pub margin: f32,
    /// Padding inside a button.
    pub button_padding: f32,
    /// Icon size next to a word.
    pub icon: f32,
    /// Width of a welcome tile (four to a row).
    pub tile_width: f32,
    /// Pictograms on tiles and faces.
    pub tile_icon: f32,
    /// Width of the numeric keypad (three keys of about 36 mm: a two-character label fits).
    pub keypad_width: f32,
    pub screen_width: f32,
    pub screen_height: f32,
}

impl Sizes {
    pub fn new(screen: &ScreenSection, step: u8) -> Sizes {
        let diag_px = ((screen.width_px as f32).powi(2) + (screen.height_px as f32).powi(2)).sqrt();
        let px_per_mm = diag_px / (screen.diagonal_inches * MM_PER_INCH);
        let mm = |v: f32| (v * px_per_mm).ceil();
        let cap_mm = min_cap_mm(screen.viewing_distance_mm);
        let factor = TEXT_STEP_FACTOR.powi(i32::from(step));
        // The smallest text on screen meets the cap height; body is a step above.
        let small = (cap_mm * px_per_mm / CAP_HEIGHT_RATIO * factor).ceil();
        let body = (small * 1.15).ceil();
        let title = (body * 1.3).ceil();
        let huge = (body * 1.8).ceil();
        let primary_target = mm(PRIMARY_TARGET_MM).max(body * LINE_HEIGHT + 2.0 * mm(2.0));
        Sizes {
            px_per_mm,
            step,
            body,
            title,
            small,
            huge,
            primary_target,
            min_target: mm(MIN_TARGET_MM),
            gap: mm(TARGET_GAP_MM).max(mm(4.0)),
            margin: mm(8.0),
            button_padding: mm(3.0),
            icon: (body * 1.2).ceil(),
            tile_width: ((screen.width_px as f32 - 2.0 * mm(8.0) - 3.0 * mm(4.0)) / 4.0).floor(),
            keypad_width: mm(120.0),
            tile_icon: mm(15.0),
            screen_width: screen.width_px as f32,
            screen_height: screen.height_px as f32,
        }
    }

    /// Capital height in mm of text drawn at `size` logical pixels.
    pub fn cap_mm(&self, size: f32) -> f32 {
        size * CAP_HEIGHT_RATIO / self.px_per_mm
    }

    pub fn to_mm(&self, px: f32) -> f32 {
        px / self.px_per_mm
    }
}

/// Capital height needed at viewing distance `d_mm`: max(4.8 mm, D·tan 0.7°).
pub fn min_cap_mm(d_mm: f32) -> f32 {
    (d_mm * CAP_ANGLE_DEG.to_radians().tan()).max(MIN_CAP_MM)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(diag: f32, w: u32, h: u32) -> ScreenSection {
        ScreenSection { diagonal_inches: diag, width_px: w, height_px: h, viewing_distance_mm: 600.0 }
    }

    #[test]
    fn cap_height_threshold_at_600_mm_is_7_3() {
        assert!((min_cap_mm(600.0) - 7.33).abs() < 0.01);
        assert_eq!(min_cap_mm(300.0), MIN_CAP_MM);
    }

    #[test]
    fn smallest_text_meets_the_cap_height_on_both_reference_screens() {
        for s in [screen(21.5, 1920, 1080), screen(32.0, 3840, 2160)] {
            let sizes = Sizes::new(&s, 0);
            assert!(sizes.cap_mm(sizes.small) >= min_cap_mm(600.0), "{sizes:?}");
            assert!(sizes.to_mm(sizes.min_target) >= MIN_TARGET_MM);
            assert!(sizes.to_mm(sizes.primary_target) >= PRIMARY_TARGET_MM);
            assert!(sizes.to_mm(sizes.gap) >= TARGET_GAP_MM);
        }
    }

    #[test]
    fn larger_steps_are_larger() {
        let s = screen(21.5, 1920, 1080);
        let sizes: Vec<f32> = (0..3).map(|step| Sizes::new(&s, step).body).collect();
        assert!(sizes[0] < sizes[1] && sizes[1] < sizes[2], "{sizes:?}");
    }
}
