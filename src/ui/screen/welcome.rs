//! Welcome: big tiles for the hall's matters and bundles, and the citizen's settings.

use iced::widget::{Row, button, column, container, text};
use iced::{Alignment, Element, Length};

use crate::i18n::t;
use crate::ui::app::{App, Message};
use crate::ui::look::Look;
use crate::ui::sizes::LINE_HEIGHT;
use crate::ui::theme;
use crate::ui::widgets::{BOLD, Kind, action, body, glyph, message_box};

/// Tiles in one row of the welcome grid.
pub const TILES_PER_ROW: usize = 4;

pub fn view(app: &App) -> Element<'_, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    let code = lang.code();
    let Some(catalogue) = app.reference.catalogue.as_ref() else {
        return message_box(glyph::WARNING, t(lang, "welcome-loading"), &z);
    };
    let entries: Vec<(&str, String, Message)> = catalogue
        .matters
        .iter()
        .map(|m| (m.pictogram.as_str(), m.elder_name.get(code).to_owned(), Message::OpenMatter(m.id.clone())))
        .chain(catalogue.bundles.iter().map(|b| {
            (b.pictogram.as_str(), b.elder_name.get(code).to_owned(), Message::OpenBundle(b.id.clone()))
        }))
        .collect();
    let names: Vec<String> = entries.iter().map(|(_, n, _)| n.clone()).collect();
    let height = tile_height(&names, &z);
    let tiles: Vec<Element<'_, Message>> =
        entries.into_iter().map(|(p, name, message)| tile(p, name, message, height, &z)).collect();
    let mut grid = column![].spacing(z.gap);
    let mut tiles = tiles.into_iter().peekable();
    while tiles.peek().is_some() {
        let r: Row<'_, Message> = Row::with_children(tiles.by_ref().take(TILES_PER_ROW)).spacing(z.gap);
        grid = grid.push(r);
    }
    column![body(t(lang, "welcome-prompt"), &z), grid, settings(app, &z)].spacing(z.gap * 2.0).into()
}

/// Lines a tile's name takes (estimated: a CJK character is one em wide, other
/// characters about 0.6 em), so that every tile of the grid gets the height of the longest.
fn name_lines(name: &str, z: &Look) -> usize {
    // The button's padding and the centred column's margins (measured: about four gaps).
    let inner = z.tile_width - 2.0 * z.button_padding - 4.0 * z.gap;
    let width: f32 = name.chars().map(|c| if c.is_ascii() { LATIN_EM * z.body } else { z.body }).sum();
    (width / inner).ceil().max(1.0) as usize
}

/// Width of a Latin character, in ems.
const LATIN_EM: f32 = 0.6;

/// The height of the tiles: the pictogram and the longest name, never below the primary target.
pub fn tile_height(names: &[String], z: &Look) -> f32 {
    let lines = names.iter().map(|n| name_lines(n, z)).max().unwrap_or(1) as f32;
    (z.tile_icon + z.gap / 2.0 + lines * z.body * LINE_HEIGHT + 2.0 * z.button_padding).max(z.primary_target)
}

fn tile<'a>(pictogram: &str, name: String, on_press: Message, height: f32, z: &Look) -> Element<'a, Message> {
    let focused = z.is_focused(&on_press);
    button(crate::ui::widgets::target_content(
        column![
            crate::ui::pictogram::view(pictogram, z.tile_icon),
            text(name).size(z.body).line_height(LINE_HEIGHT).font(BOLD).align_x(Alignment::Center)
        ]
        .width(Length::Fill)
        .align_x(Alignment::Center)
        .spacing(z.gap / 2.0),
    ))
    .width(z.tile_width)
    .height(height)
    .padding(z.button_padding)
    .style(
        move |t: &iced::Theme, s| {
            if focused { theme::focused(theme::secondary(t, s), t) } else { theme::secondary(t, s) }
        },
    )
    .on_press(on_press)
    .into()
}

/// The citizen's settings buttons: language, text size, voice, speech rate, volume.
pub fn settings_items(app: &App) -> Vec<crate::ui::focus::Item> {
    let lang = app.settings.lang;
    let other = match lang {
        crate::i18n::Lang::ZhCn => crate::i18n::Lang::EnUs,
        crate::i18n::Lang::EnUs => crate::i18n::Lang::ZhCn,
    };
    let s = &app.settings;
    [
        (t(other, "language-name"), Message::ToggleLanguage),
        (t(lang, text_size_id(s.text_step)), Message::CycleTextSize),
        (t(lang, theme_id(s.theme)), Message::CycleTheme),
        (t(lang, if s.voice { "voice-on" } else { "voice-off" }), Message::ToggleVoice),
        (t(lang, crate::ui::voice::rate_id(s.rate)), Message::CycleRate),
        (t(lang, crate::ui::voice::volume_id(s.volume)), Message::CycleVolume),
    ]
    .into_iter()
    .map(|(label, message)| crate::ui::focus::Item { label, message })
    .collect()
}

fn settings<'a>(app: &App, z: &Look) -> Element<'a, Message> {
    let buttons = settings_items(app)
        .into_iter()
        .map(|i| action(i.label, None, Some(i.message), Kind::Secondary, z).into());
    container(Row::with_children(buttons).spacing(z.gap).wrap()).width(Length::Fill).into()
}

/// The label of the colours button for each theme.
pub fn theme_id(kind: crate::ui::theme::ThemeKind) -> &'static str {
    match kind {
        crate::ui::theme::ThemeKind::Default => "theme-default",
        crate::ui::theme::ThemeKind::BlackOnWhite => "theme-black-on-white",
        crate::ui::theme::ThemeKind::WhiteOnBlack => "theme-white-on-black",
    }
}

/// The label of the text-size button for each step.
pub fn text_size_id(step: u8) -> &'static str {
    match step {
        0 => "text-size-large",
        1 => "text-size-larger",
        _ => "text-size-largest",
    }
}
