//! 颜色和声音: the colours and the voice (on or off, rate, volume). Reached
//! from the welcome screen, which keeps the language and the text size; each
//! button shows the current choice and moves to the next when pressed.

use iced::widget::{Column, Row};
use iced::{Element, Length};

use crate::i18n::t;
use crate::ui::app::{App, Message};
use crate::ui::focus::Item;
use crate::ui::theme::ThemeKind;
use crate::ui::widgets::{Kind, action, body, glyph};

/// Buttons in one row of the settings grid.
const PER_ROW: usize = 2;

/// The settings buttons, in focus order: colours, voice, rate, volume.
pub fn items(app: &App) -> Vec<Item> {
    let lang = app.settings.lang;
    let s = &app.settings;
    [
        (t(lang, theme_id(s.theme)), Message::CycleTheme),
        (t(lang, if s.voice { "voice-on" } else { "voice-off" }), Message::ToggleVoice),
        (t(lang, crate::ui::voice::rate_id(s.rate)), Message::CycleRate),
        (t(lang, crate::ui::voice::volume_id(s.volume)), Message::CycleVolume),
    ]
    .into_iter()
    .map(|(label, message)| Item { label, message })
    .collect()
}

pub fn view(app: &App) -> Element<'_, Message> {
    let z = app.look();
    let mut grid = Column::new().spacing(z.gap);
    let buttons: Vec<Item> = items(app);
    for chunk in buttons.chunks(PER_ROW) {
        grid = grid.push(
            Row::with_children(chunk.iter().map(|i| {
                action(i.label.clone(), symbol(&i.message), Some(i.message.clone()), Kind::Secondary, &z)
                    .width(Length::Fill)
                    .into()
            }))
            .spacing(z.gap),
        );
    }
    Column::new()
        .push(body(t(app.settings.lang, "settings-hint"), &z))
        .push(grid)
        .spacing(z.gap * 2.0)
        .width(Length::Fill)
        .into()
}

/// The symbol (pictogram) beside a setting's words, here and on the welcome screen.
pub fn symbol(message: &Message) -> Option<&'static str> {
    Some(match message {
        Message::ToggleLanguage => glyph::LANGUAGE,
        Message::CycleTextSize => glyph::TEXT_SIZE,
        Message::OpenSettings | Message::CycleTheme => glyph::COLOURS,
        Message::ToggleVoice => glyph::VOICE,
        Message::CycleRate => glyph::RATE,
        Message::CycleVolume => glyph::VOLUME,
        _ => return None,
    })
}

/// The label of the colours button for each theme.
pub fn theme_id(kind: ThemeKind) -> &'static str {
    match kind {
        ThemeKind::Default => "theme-default",
        ThemeKind::BlackOnWhite => "theme-black-on-white",
        ThemeKind::WhiteOnBlack => "theme-white-on-black",
    }
}
