//! Welcome: big tiles for the hall's matters and bundles, and the citizen's settings.

use iced::widget::{Row, button, column, container, row, text};
use iced::{Alignment, Element, Length};

use crate::i18n::t;
use crate::ui::app::{App, Message};
use crate::ui::sizes::{LINE_HEIGHT, Sizes};
use crate::ui::theme;
use crate::ui::widgets::{BOLD, Kind, action, body, glyph, message_box};

/// Tiles in one row of the welcome grid.
pub const TILES_PER_ROW: usize = 4;

pub fn view(app: &App) -> Element<'_, Message> {
    let z = app.sizes();
    let lang = app.settings.lang;
    let code = lang.code();
    let Some(catalogue) = app.reference.catalogue.as_ref() else {
        return message_box(glyph::WARNING, t(lang, "welcome-loading"), &z);
    };
    let mut tiles: Vec<Element<'_, Message>> = catalogue
        .matters
        .iter()
        .map(|m| tile(pictogram(&m.pictogram), m.elder_name.get(code).to_owned(), Message::OpenMatter(m.id.clone()), &z))
        .collect();
    tiles.extend(catalogue.bundles.iter().map(|b| {
        tile(pictogram(&b.pictogram), b.elder_name.get(code).to_owned(), Message::OpenBundle(b.id.clone()), &z)
    }));
    let mut grid = column![].spacing(z.gap);
    let mut tiles = tiles.into_iter().peekable();
    while tiles.peek().is_some() {
        let r: Row<'_, Message> = Row::with_children(tiles.by_ref().take(TILES_PER_ROW)).spacing(z.gap);
        grid = grid.push(r);
    }
    column![body(t(lang, "welcome-prompt"), &z), grid, settings(app, &z)].spacing(z.gap * 2.0).into()
}

fn tile<'a>(icon: &'static str, name: String, on_press: Message, z: &Sizes) -> Element<'a, Message> {
    button(
        column![
            text(icon).size(z.huge).font(BOLD),
            text(name).size(z.body).line_height(LINE_HEIGHT).font(BOLD).align_x(Alignment::Center)
        ]
        .width(Length::Fill)
        .align_x(Alignment::Center)
        .spacing(z.gap / 2.0),
    )
    .width(z.tile_width)
    .height(z.tile_height)
    .padding(z.button_padding)
    .style(theme::secondary)
    .on_press(on_press)
    .into()
}

fn settings<'a>(app: &App, z: &Sizes) -> Element<'a, Message> {
    let lang = app.settings.lang;
    let other = match lang {
        crate::i18n::Lang::ZhCn => crate::i18n::Lang::EnUs,
        crate::i18n::Lang::EnUs => crate::i18n::Lang::ZhCn,
    };
    let size_label = t(lang, text_size_id(app.settings.text_step));
    let voice = t(lang, if app.settings.voice { "voice-on" } else { "voice-off" });
    container(
        row![
            action(t(other, "language-name"), None, Some(Message::ToggleLanguage), Kind::Secondary, z),
            action(size_label, None, Some(Message::CycleTextSize), Kind::Secondary, z),
            action(voice, None, Some(Message::ToggleVoice), Kind::Secondary, z),
        ]
        .spacing(z.gap),
    )
    .width(Length::Fill)
    .into()
}

/// The label of the text-size button for each step.
pub fn text_size_id(step: u8) -> &'static str {
    match step {
        0 => "text-size-large",
        1 => "text-size-larger",
        _ => "text-size-largest",
    }
}

/// The glyph drawn for a pictogram key (always next to the words).
pub fn pictogram(key: &str) -> &'static str {
    match key {
        "pension-check" => "✔",
        "record-print" => "▤",
        "pension-payments" => "¥",
        "medical-transfer" => "✚",
        "social-card" => "▭",
        "old-age-allowance" => "★",
        "elder-bundle" => "◎",
        _ => "●",
    }
}
