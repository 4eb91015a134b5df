//! Small building blocks shared by every screen: text at the physical sizes,
//! big buttons that always carry words, and the message box.

use iced::widget::{Button, Container, button, container, row, text};
use iced::{Element, Font, Length, font};

use super::control::{Control, ControlId, find};
use super::look::Look;
use super::sizes::LINE_HEIGHT;
use super::theme;

/// The bundled CJK face (assets/fonts), regular.
pub const FONT: Font = Font::with_name(crate::assets::FONT_FAMILY);
/// The bundled face, bold: titles and primary actions.
pub const BOLD: Font = Font { weight: font::Weight::Bold, ..FONT };

pub fn body<'a, M: 'a>(s: impl text::IntoFragment<'a>, z: &Look) -> Element<'a, M> {
    text(s).size(z.body).line_height(LINE_HEIGHT).into()
}

pub fn small<'a, M: 'a>(s: impl text::IntoFragment<'a>, z: &Look) -> Element<'a, M> {
    text(s).size(z.small).line_height(LINE_HEIGHT).into()
}

pub fn title<'a, M: 'a>(s: impl text::IntoFragment<'a>, z: &Look) -> Element<'a, M> {
    text(s).size(z.title).line_height(LINE_HEIGHT).font(BOLD).into()
}

pub fn huge<'a, M: 'a>(s: impl text::IntoFragment<'a>, z: &Look) -> Element<'a, M> {
    text(s).size(z.huge).line_height(LINE_HEIGHT).font(BOLD).into()
}

/// The id of the container right inside every button. A button reports its
/// bounds to widget operations just before its content, so the accessibility
/// audit finds every touch target as the widget just before this id.
pub const TARGET_CONTENT: &str = "yiban-target";

/// Wraps a button's content so the audit can find the button.
pub fn target_content<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(content).id(TARGET_CONTENT).into()
}

/// What a button looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The screen's main action (in the bar): its words never wrap.
    Primary,
    /// An action offered in the content with the main action's colours (现在就办): its words wrap.
    Offer,
    Secondary,
    Selected,
    Help,
}

/// A control inside the band of its focus ring (see `theme::ring`).
pub fn ringed<'a, M: 'a>(control: impl Into<Element<'a, M>>, focused: bool) -> Container<'a, M> {
    container(control).padding(theme::RING_ROOM).style(move |t: &iced::Theme| theme::ring(t, focused))
}

/// A button in its focus-ring band; `width` sizes both.
pub struct Action<'a, M> {
    button: Button<'a, M>,
    /// What pressing does (None: disabled); a tap on the ring's band does it too.
    on_press: Option<M>,
    focused: bool,
    width: Length,
}

impl<'a, M: 'a> Action<'a, M> {
    pub fn width(self, width: impl Into<Length>) -> Self {
        Action { width: width.into(), ..self }
    }
}

/// A control of the screen's list drawn as a button (disabled when it cannot be pressed now).
pub fn control<'a, M: Clone + 'a>(
    c: &Control<M>,
    icon: Option<&'static str>,
    kind: Kind,
    z: &Look,
) -> Action<'a, M> {
    let kind = if c.selected { Kind::Selected } else { kind };
    let icon = if c.selected { Some(glyph::OK) } else { icon };
    button_of(c.label.clone(), icon, c.on_press.clone(), kind, z, z.is_focused(c.id), false)
}

/// The control `id` of the list drawn as a button; nothing when the screen has no such control.
pub fn control_of<'a, M: Clone + 'a>(
    controls: &[Control<M>],
    id: ControlId,
    icon: Option<&'static str>,
    kind: Kind,
    z: &Look,
) -> Element<'a, M> {
    match find(controls, id) {
        Some(c) => control(c, icon, kind, z).into(),
        None => iced::widget::Space::new().into(),
    }
}

/// A key of the big keypad: its label in the middle of the key.
pub fn key<'a, M: Clone + 'a>(c: &Control<M>, z: &Look) -> Action<'a, M> {
    button_of(c.label.clone(), None, c.on_press.clone(), Kind::Secondary, z, z.is_focused(c.id), true)
}

impl<'a, M: Clone + 'a> From<Action<'a, M>> for Element<'a, M> {
    fn from(a: Action<'a, M>) -> Self {
        // A sized action: the button fills its band.
        let button = if a.width == Length::Shrink { a.button } else { a.button.width(Length::Fill) };
        let ringed = ringed(button, a.focused).width(a.width);
        // The band is part of the target: a finger that lands on it presses the button.
        match a.on_press {
            Some(m) => iced::widget::mouse_area(ringed).on_press(m).into(),
            None => ringed.into(),
        }
    }
}

/// A button with words (and an optional icon glyph before them), at least the
/// primary target size with its focus ring; `on_press` None draws it disabled;
/// `centred` puts the words in the middle of a wide button (keypad keys).
fn button_of<'a, M: Clone + 'a>(
    label: String,
    icon: Option<&'static str>,
    on_press: Option<M>,
    kind: Kind,
    z: &Look,
    focused: bool,
    centred: bool,
) -> Action<'a, M> {
    let font = if matches!(kind, Kind::Primary | Kind::Offer | Kind::Help) { BOLD } else { FONT };
    let words = text(label).size(z.body).line_height(LINE_HEIGHT).font(font);
    // The main action and the help button keep their words on one line (and their place).
    let words = if matches!(kind, Kind::Primary | Kind::Help) {
        words.wrapping(iced::widget::text::Wrapping::None)
    } else {
        words
    };
    // A button that cannot be pressed yet shows no symbol (an arrow would invite a press).
    let icon = icon.filter(|_| on_press.is_some());
    let content: Element<'a, M> = match icon {
        Some(glyph) => {
            row![symbol(glyph, kind, z), words].spacing(z.gap).align_y(iced::Alignment::Center).into()
        }
        None if centred => words.width(Length::Fill).align_x(iced::Alignment::Center).into(),
        None => words.into(),
    };
    let base = match kind {
        Kind::Primary | Kind::Offer => theme::primary,
        Kind::Secondary => theme::secondary,
        Kind::Selected => theme::selected,
        Kind::Help => theme::help,
    };
    // Padding makes a one-line button (with its ring) the primary target size;
    // longer words wrap and it grows.
    let pad_y = ((z.primary_target - z.body * LINE_HEIGHT) / 2.0).max(z.button_padding) - theme::RING_ROOM;
    let button = button(target_content(content))
        .padding([pad_y, z.button_padding * 2.0 - theme::RING_ROOM])
        .style(base)
        .on_press_maybe(on_press.clone());
    Action { button, on_press, focused, width: Length::Shrink }
}

/// 上一页 / 第 n 页，共 m 页 / 下一页: the paging controls of the list (only
/// those that can be pressed are there) around where the reader is.
pub fn pager<'a, M: Clone + 'a>(
    lang: crate::core::lang::Lang,
    controls: &[Control<M>],
    page: usize,
    pages: usize,
    z: &Look,
) -> Element<'a, M> {
    let mut r = row![].spacing(z.gap).align_y(iced::Alignment::Center);
    if let Some(prev) = find(controls, ControlId::PagePrev) {
        r = r.push(control(prev, Some(glyph::BACK), Kind::Secondary, z));
    }
    r = r.push(
        text(crate::ui::voice::page_of(lang, page, pages))
            .size(z.small)
            .line_height(crate::ui::sizes::LINE_HEIGHT),
    );
    if let Some(next) = find(controls, ControlId::PageNext) {
        r = r.push(control(next, Some(glyph::NEXT), Kind::Secondary, z));
    }
    r.into()
}

/// The paging controls of a paged screen (those that can be pressed on this page).
pub fn page_controls<M>(
    lang: crate::core::lang::Lang,
    page: usize,
    pages: usize,
    to: impl Fn(i32) -> M,
) -> Vec<Control<M>> {
    use crate::i18n::t;
    let mut out = vec![];
    if page > 0 {
        out.push(Control::action(ControlId::PagePrev, t(lang, "page-prev"), to(-1)));
    }
    if page + 1 < pages {
        out.push(Control::action(ControlId::PageNext, t(lang, "page-next"), to(1)));
    }
    out
}

/// The pictogram drawn for a symbol, in the button's text colour; the symbol
/// itself when no pictogram is drawn for it.
fn symbol<'a, M: 'a>(glyph: &'static str, kind: Kind, z: &Look) -> Element<'a, M> {
    let Some(key) = glyph::pictogram(glyph) else {
        return text(glyph).size(z.icon).line_height(LINE_HEIGHT).font(BOLD).into();
    };
    crate::ui::pictogram::view_with(key, z.icon, move |t: &iced::Theme| {
        let p = theme::palette_of(t);
        match kind {
            Kind::Primary | Kind::Offer => p.on_primary,
            Kind::Help => p.on_help,
            Kind::Selected => p.on_selected,
            Kind::Secondary => p.text,
        }
    })
}

/// A box that tells about a problem: a symbol, words and a coloured border.
pub fn message_box<'a, M: 'a>(symbol: &'static str, words: String, z: &Look) -> Element<'a, M> {
    container(
        row![
            crate::ui::pictogram::view(glyph::pictogram(symbol).unwrap_or("warning"), z.icon),
            text(words).size(z.body).line_height(LINE_HEIGHT)
        ]
        .spacing(z.gap)
        .align_y(iced::Alignment::Center),
    )
    .padding(z.button_padding * 2.0)
    .width(Length::Fill)
    .style(theme::error_box)
    .into()
}

/// A line that tells about a status: a symbol and words, without a box.
pub fn message_line<'a, M: 'a>(symbol: &'static str, words: String, z: &Look) -> Element<'a, M> {
    row![
        crate::ui::pictogram::view(glyph::pictogram(symbol).unwrap_or("warning"), z.icon),
        text(words).size(z.small).line_height(LINE_HEIGHT)
    ]
    .spacing(z.gap)
    .align_y(iced::Alignment::Center)
    .into()
}

/// Symbols drawn next to words (never alone).
pub mod glyph {
    pub const WARNING: &str = "⚠";
    pub const OK: &str = "✓";
    pub const HELP: &str = "☎";
    pub const BACK: &str = "←";
    pub const NEXT: &str = "→";
    pub const UP: &str = "↑";
    pub const SPEAK: &str = "♪";
    pub const DOWN: &str = "↓";
    pub const HOME: &str = "⌂";
    pub const CARD: &str = "▭";
    pub const LANGUAGE: &str = "🌐";
    pub const TEXT_SIZE: &str = "🔍";
    pub const COLOURS: &str = "◐";
    pub const VOICE: &str = "🗣";
    pub const RATE: &str = "⏩";
    pub const VOLUME: &str = "🔊";
    pub const TIP: &str = "💡";

    /// The pictogram (assets/pictograms) drawn for a symbol.
    pub fn pictogram(glyph: &str) -> Option<&'static str> {
        Some(match glyph {
            WARNING => "warning",
            OK => "ok",
            HELP => "call-staff",
            BACK => "back",
            NEXT => "next",
            HOME => "home",
            CARD => "card-reader",
            UP => "up",
            DOWN => "down",
            SPEAK => "repeat",
            LANGUAGE => "language",
            TEXT_SIZE => "text-size",
            COLOURS => "colours",
            VOICE => "voice",
            RATE => "rate",
            VOLUME => "volume",
            TIP => "tip",
            _ => return None,
        })
    }
}
