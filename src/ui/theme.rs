//! Colours and named styles. Every text/background pair is ≥ 7:1 and every
//! border and focus ring ≥ 3:1 against what it sits on (tested below).

use iced::widget::{button, container};
use iced::{Background, Border, Color, Shadow, Theme};

/// The themes a citizen or the config can choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeKind {
    #[default]
    Default,
    BlackOnWhite,
    WhiteOnBlack,
}

impl ThemeKind {
    pub const ALL: [ThemeKind; 3] = [ThemeKind::Default, ThemeKind::BlackOnWhite, ThemeKind::WhiteOnBlack];

    pub fn from_config(name: &str) -> ThemeKind {
        match name {
            "black-on-white" => ThemeKind::BlackOnWhite,
            "white-on-black" => ThemeKind::WhiteOnBlack,
            _ => ThemeKind::Default,
        }
    }

    pub fn palette(self) -> Palette {
        match self {
            ThemeKind::Default => DEFAULT,
            ThemeKind::BlackOnWhite => BLACK_ON_WHITE,
            ThemeKind::WhiteOnBlack => WHITE_ON_BLACK,
        }
    }

    pub fn iced_theme(self) -> Theme {
        let p = self.palette();
        Theme::custom(
            format!("yiban-{self:?}"),
            iced::theme::Palette {
                background: p.background,
                text: p.text,
                primary: p.primary,
                success: p.success,
                warning: p.help,
                danger: p.error,
            },
        )
    }
}

/// The colours of one theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub background: Color,
    pub surface: Color,
    pub text: Color,
    pub primary: Color,
    pub on_primary: Color,
    pub help: Color,
    pub on_help: Color,
    pub selected: Color,
    pub on_selected: Color,
    pub border: Color,
    pub focus: Color,
    pub error: Color,
    pub success: Color,
}

const fn rgb(hex: u32) -> Color {
    Color::from_rgb8((hex >> 16) as u8, (hex >> 8 & 0xff) as u8, (hex & 0xff) as u8)
}

pub const DEFAULT: Palette = Palette {
    background: rgb(0xFAF7F0),
    surface: rgb(0xFFFFFF),
    text: rgb(0x1A1A1A),
    primary: rgb(0x0B4A8F),
    on_primary: rgb(0xFFFFFF),
    help: rgb(0x8E1B12),
    on_help: rgb(0xFFFFFF),
    selected: rgb(0x0B4A8F),
    on_selected: rgb(0xFFFFFF),
    border: rgb(0x4D4D4D),
    focus: rgb(0xB35900),
    error: rgb(0x9B1C1C),
    success: rgb(0x1E5E2B),
};

pub const BLACK_ON_WHITE: Palette = Palette {
    background: rgb(0xFFFFFF),
    surface: rgb(0xFFFFFF),
    text: rgb(0x000000),
    primary: rgb(0x000000),
    on_primary: rgb(0xFFFFFF),
    help: rgb(0x000000),
    on_help: rgb(0xFFFFFF),
    selected: rgb(0x000000),
    on_selected: rgb(0xFFFFFF),
    border: rgb(0x000000),
    focus: rgb(0x0033CC),
    error: rgb(0x000000),
    success: rgb(0x000000),
};

pub const WHITE_ON_BLACK: Palette = Palette {
    background: rgb(0x000000),
    surface: rgb(0x000000),
    text: rgb(0xFFFFFF),
    primary: rgb(0xFFFFFF),
    on_primary: rgb(0x000000),
    help: rgb(0xFFFF00),
    on_help: rgb(0x000000),
    selected: rgb(0xFFFF00),
    on_selected: rgb(0x000000),
    border: rgb(0xFFFFFF),
    focus: rgb(0x00FFFF),
    error: rgb(0xFFFFFF),
    success: rgb(0xFFFFFF),
};

/// The palette of the theme iced hands a style function.
pub fn palette_of(theme: &Theme) -> Palette {
    let bg = theme.palette().background;
    ThemeKind::ALL
        .into_iter()
        .map(ThemeKind::palette)
        .find(|p| p.background == bg && p.text == theme.palette().text)
        .unwrap_or(DEFAULT)
}

/// Border width of controls, in logical pixels.
pub const BORDER_WIDTH: f32 = 3.0;
/// Width of the focus ring drawn around the focused control.
pub const FOCUS_WIDTH: f32 = 6.0;
/// Space between the focus ring and the control it surrounds.
pub const RING_GAP: f32 = 3.0;
/// Room the focus ring takes on each side of a control (kept when unfocused,
/// so nothing moves when the focus does).
pub const RING_ROOM: f32 = FOCUS_WIDTH + RING_GAP;
pub const RADIUS: f32 = 12.0;

fn solid(bg: Color, fg: Color, border: Color, width: f32) -> button::Style {
    button::Style {
        background: Some(Background::Color(bg)),
        text_color: fg,
        border: Border { color: border, width, radius: RADIUS.into() },
        shadow: Shadow::default(),
        snap: true,
    }
}

/// The main action of a screen (下一步, 确认提交).
pub fn primary(theme: &Theme, status: button::Status) -> button::Style {
    let p = palette_of(theme);
    with_status(solid(p.primary, p.on_primary, p.border, BORDER_WIDTH), p, status)
}

/// Secondary actions (返回, 首页, choices not selected).
pub fn secondary(theme: &Theme, status: button::Status) -> button::Style {
    let p = palette_of(theme);
    with_status(solid(p.surface, p.text, p.border, BORDER_WIDTH), p, status)
}

/// A choice the citizen has selected.
pub fn selected(theme: &Theme, status: button::Status) -> button::Style {
    let p = palette_of(theme);
    with_status(solid(p.selected, p.on_selected, p.border, BORDER_WIDTH), p, status)
}

/// 呼叫工作人员: always the same colour and place.
pub fn help(theme: &Theme, status: button::Status) -> button::Style {
    let p = palette_of(theme);
    with_status(solid(p.help, p.on_help, p.border, BORDER_WIDTH), p, status)
}

/// The band around a control that shows the keypad focus: a thick ring in
/// the focus colour just outside the control, on the screen's (or a card's)
/// background, so it contrasts with what it sits on whatever the control's
/// fill; transparent when the control is not focused.
pub fn ring(theme: &Theme, focused: bool) -> container::Style {
    let p = palette_of(theme);
    let color = if focused { p.focus } else { Color::TRANSPARENT };
    container::Style {
        border: Border { color, width: FOCUS_WIDTH, radius: (RADIUS + RING_ROOM).into() },
        ..container::Style::default()
    }
}

fn with_status(style: button::Style, p: Palette, status: button::Status) -> button::Style {
    match status {
        button::Status::Pressed => {
            button::Style { border: Border { color: p.focus, width: FOCUS_WIDTH, ..style.border }, ..style }
        }
        // Not possible yet: no fill, only its outline, the words still readable
        // (the screen says why next to it and when it takes the focus).
        button::Status::Disabled => button::Style {
            background: Some(Background::Color(p.background)),
            text_color: p.text,
            border: Border { color: p.border, width: BORDER_WIDTH / 2.0, ..style.border },
            ..style
        },
        button::Status::Active | button::Status::Hovered => style,
    }
}

/// The background of the whole screen.
pub fn screen(theme: &Theme) -> container::Style {
    let p = palette_of(theme);
    container::Style {
        background: Some(Background::Color(p.background)),
        text_color: Some(p.text),
        ..container::Style::default()
    }
}

/// A card: materials, review items, query rows.
pub fn card(theme: &Theme) -> container::Style {
    let p = palette_of(theme);
    container::Style {
        background: Some(Background::Color(p.surface)),
        text_color: Some(p.text),
        border: Border { color: p.border, width: BORDER_WIDTH / 2.0, radius: RADIUS.into() },
        ..container::Style::default()
    }
}

/// An error message box: colour plus an icon and words (never colour alone).
pub fn error_box(theme: &Theme) -> container::Style {
    let p = palette_of(theme);
    container::Style {
        background: Some(Background::Color(p.surface)),
        text_color: Some(p.text),
        border: Border { color: p.error, width: FOCUS_WIDTH, radius: RADIUS.into() },
        ..container::Style::default()
    }
}

/// A modal overlay's dimmed backdrop.
pub fn backdrop(theme: &Theme) -> container::Style {
    let p = palette_of(theme);
    container::Style {
        background: Some(Background::Color(Color { a: 0.85, ..p.background })),
        ..container::Style::default()
    }
}

/// WCAG relative luminance.
pub fn luminance(c: Color) -> f32 {
    let ch = |v: f32| if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) };
    0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b)
}

/// WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: Color, b: Color) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

impl Palette {
    /// Every (foreground, background) pair drawn as text, with its name.
    pub fn text_pairs(&self) -> [(&'static str, Color, Color); 7] {
        [
            ("text/background", self.text, self.background),
            ("text/surface", self.text, self.surface),
            ("on_primary/primary", self.on_primary, self.primary),
            ("on_help/help", self.on_help, self.help),
            ("on_selected/selected", self.on_selected, self.selected),
            ("error/surface", self.error, self.surface),
            ("success/surface", self.success, self.surface),
        ]
    }

    /// Every border or focus ring against what it sits on.
    pub fn border_pairs(&self) -> [(&'static str, Color, Color); 4] {
        [
            ("border/background", self.border, self.background),
            ("focus/background", self.focus, self.background),
            ("focus/surface", self.focus, self.surface),
            ("border/surface", self.border, self.surface),
        ]
    }
}

/// AAA text contrast.
pub const MIN_TEXT_CONTRAST: f32 = 7.0;
/// Non-text contrast of borders and focus rings.
pub const MIN_BORDER_CONTRAST: f32 = 3.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_meets_the_contrast_thresholds() {
        let mut failures = vec![];
        for kind in ThemeKind::ALL {
            let p = kind.palette();
            for (name, fg, bg) in p.text_pairs() {
                let c = contrast(fg, bg);
                if c < MIN_TEXT_CONTRAST {
                    failures.push(format!("{kind:?} {name}: {c:.2}"));
                }
            }
            for (name, fg, bg) in p.border_pairs() {
                let c = contrast(fg, bg);
                if c < MIN_BORDER_CONTRAST {
                    failures.push(format!("{kind:?} {name}: {c:.2}"));
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn contrast_matches_known_values() {
        assert!((contrast(Color::BLACK, Color::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color::WHITE, Color::WHITE) - 1.0).abs() < 0.01);
    }

    #[test]
    fn iced_theme_maps_back_to_its_palette() {
        for kind in ThemeKind::ALL {
            assert_eq!(palette_of(&kind.iced_theme()), kind.palette());
        }
    }
}
