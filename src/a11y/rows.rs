//! The rows of the audit: which ACCESSIBILITY.md requirement each checks,
//! its threshold, and whether a larger measured value is better.

use crate::core::config::{Config, MIN_EXTENSIONS, MIN_IDLE_SECONDS, MIN_WARNING_SECONDS};
use crate::ui::sizes::{self, MIN_TARGET_MM, PRIMARY_TARGET_MM, TARGET_GAP_MM};
use crate::ui::theme::{MIN_BORDER_CONTRAST, MIN_TEXT_CONTRAST};

/// Line heights no smaller than this (MIIT 1.2, WCAG 1.4.12).
pub const MIN_LINE_HEIGHT: f32 = 1.3;
/// How far the help button may move between screens.
pub const HELP_DRIFT_MM: f32 = 0.5;
/// How far a text or target may stick out (sub-pixel rounding).
pub const OVERFLOW_MM: f32 = 0.2;

/// One thing the audit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Row {
    CapHeight,
    LineHeightSetting,
    LineHeightMeasured,
    TextInWindow,
    TextInTarget,
    TextCutOff,
    TextContrast,
    BorderContrast,
    TargetSize,
    PrimarySize,
    TargetGap,
    TargetInWindow,
    WarningTime,
    Extensions,
    IdleTime,
    HelpPosition,
    /// Journeys that could not be walked to the end (their later screens go unmeasured).
    Walked,
}

impl Row {
    pub const ALL: [Row; 17] = [
        Row::CapHeight,
        Row::LineHeightSetting,
        Row::LineHeightMeasured,
        Row::TextInWindow,
        Row::TextInTarget,
        Row::TextCutOff,
        Row::TextContrast,
        Row::BorderContrast,
        Row::TargetSize,
        Row::PrimarySize,
        Row::TargetGap,
        Row::TargetInWindow,
        Row::WarningTime,
        Row::Extensions,
        Row::IdleTime,
        Row::HelpPosition,
        Row::Walked,
    ];

    /// The row of ACCESSIBILITY.md.
    pub fn requirement(self) -> u8 {
        match self {
            Row::CapHeight | Row::TextInWindow | Row::TextInTarget | Row::TextCutOff => 1,
            Row::LineHeightSetting | Row::LineHeightMeasured => 2,
            Row::TextContrast | Row::BorderContrast => 3,
            Row::TargetSize | Row::PrimarySize | Row::TargetGap | Row::TargetInWindow | Row::Walked => 5,
            Row::WarningTime | Row::Extensions | Row::IdleTime => 7,
            Row::HelpPosition => 13,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Row::CapHeight => "text cap height",
            Row::LineHeightSetting => "line height (setting)",
            Row::LineHeightMeasured => "line height (measured)",
            Row::TextInWindow => "text inside the window",
            Row::TextInTarget => "text inside its target",
            Row::TextCutOff => "text shown in full",
            Row::TextContrast => "text contrast",
            Row::BorderContrast => "border and focus contrast",
            Row::TargetSize => "target size",
            Row::PrimarySize => "primary action size",
            Row::TargetGap => "space between targets",
            Row::TargetInWindow => "targets inside the window",
            Row::WarningTime => "idle warning time",
            Row::Extensions => "extensions",
            Row::IdleTime => "elder idle time",
            Row::HelpPosition => "help button position",
            Row::Walked => "journeys that cannot be finished",
        }
    }

    pub fn unit(self) -> &'static str {
        match self {
            Row::LineHeightSetting | Row::LineHeightMeasured => "× size",
            Row::TextContrast | Row::BorderContrast => ":1",
            Row::WarningTime | Row::IdleTime => "s",
            Row::Extensions | Row::Walked => "",
            _ => "mm",
        }
    }

    /// Whether larger values are better (the threshold is a minimum).
    pub fn higher_is_better(self) -> bool {
        !matches!(
            self,
            Row::TextInWindow
                | Row::TextInTarget
                | Row::TextCutOff
                | Row::TargetInWindow
                | Row::HelpPosition
                | Row::Walked
        )
    }

    /// The limit under `config` (a minimum or a maximum, see [`Row::higher_is_better`]).
    pub fn limit(self, config: &Config) -> f32 {
        match self {
            Row::CapHeight => sizes::min_cap_mm(config.screen.viewing_distance_mm),
            Row::LineHeightSetting | Row::LineHeightMeasured => MIN_LINE_HEIGHT,
            Row::TextContrast => MIN_TEXT_CONTRAST,
            Row::BorderContrast => MIN_BORDER_CONTRAST,
            Row::TargetSize => MIN_TARGET_MM,
            Row::PrimarySize => PRIMARY_TARGET_MM,
            Row::TargetGap => TARGET_GAP_MM,
            Row::TextInWindow | Row::TextInTarget | Row::TextCutOff | Row::TargetInWindow => OVERFLOW_MM,
            Row::WarningTime => MIN_WARNING_SECONDS as f32,
            Row::Extensions => MIN_EXTENSIONS as f32,
            Row::IdleTime => MIN_IDLE_SECONDS as f32,
            Row::HelpPosition => HELP_DRIFT_MM,
            Row::Walked => 0.0,
        }
    }

    /// Whether `value` meets the limit (with a little float slack).
    pub fn passes(self, value: f32, limit: f32) -> bool {
        if self.higher_is_better() { value >= limit - 1e-3 } else { value <= limit + 1e-3 }
    }

    /// Whether `a` is worse than `b`.
    pub fn worse(self, a: f32, b: f32) -> bool {
        if self.higher_is_better() { a < b } else { a > b }
    }

    /// The threshold as the report states it.
    pub fn threshold(self, config: &Config) -> String {
        let limit = self.limit(config);
        match self {
            Row::CapHeight => {
                format!("≥ {limit:.2} mm = max(4.8, {:.0}·tan 0.7°)", config.screen.viewing_distance_mm)
            }
            Row::LineHeightSetting | Row::LineHeightMeasured => format!("≥ {limit:.1} × size"),
            Row::TextContrast | Row::BorderContrast => format!("≥ {limit:.0}:1"),
            Row::TextInWindow | Row::TextInTarget | Row::TargetInWindow => {
                format!("overflow ≤ {limit:.1} mm")
            }
            Row::TextCutOff => format!("cut off ≤ {limit:.1} mm"),
            Row::HelpPosition => format!("moves ≤ {limit:.1} mm"),
            Row::WarningTime | Row::IdleTime => format!("≥ {limit:.0} s"),
            Row::Extensions => format!("≥ {limit:.0}"),
            Row::Walked => "none (every button a journey needs can be pressed)".to_owned(),
            Row::TargetSize | Row::PrimarySize | Row::TargetGap => format!("≥ {limit:.1} mm"),
        }
    }

    /// The value as the report states it.
    pub fn format(self, value: f32) -> String {
        if value.is_infinite() {
            return "missing".to_owned();
        }
        match self {
            Row::WarningTime | Row::IdleTime | Row::Extensions | Row::Walked => format!("{value:.0}"),
            _ => format!("{value:.2}"),
        }
    }
}
