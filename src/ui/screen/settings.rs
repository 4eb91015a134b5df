//! 颜色和声音: the colours and the voice (on or off, rate, volume). Reached
//! from the welcome screen, which keeps the language and the text size; each
//! button shows the current choice and moves to the next when pressed.

use iced::widget::{Column, Row};
use iced::{Element, Length};

use crate::i18n::t;
use crate::ui::context::Context;
use crate::ui::control::{Control, ControlId};
use crate::ui::session::SettingChange;
use crate::ui::theme::ThemeKind;
use crate::ui::widgets::{self, Kind, body, glyph};

/// Buttons in one row of the settings grid.
const PER_ROW: usize = 2;

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Setting(SettingChange),
    /// 完成: back to the welcome screen.
    Done,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Setting(SettingChange),
    Done,
}

pub fn update(message: Message) -> Action {
    match message {
        Message::Setting(change) => Action::Setting(change),
        Message::Done => Action::Done,
    }
}

pub fn title(cx: &Context<'_>) -> String {
    t(cx.lang(), "settings-title")
}

/// The settings buttons, in focus order: colours, voice, rate, volume; then 完成.
pub fn controls(cx: &Context<'_>) -> Vec<Control<Message>> {
    let lang = cx.lang();
    let s = cx.settings;
    let setting = |id, label, change| Control::action(id, label, Message::Setting(change));
    vec![
        setting(ControlId::Theme, t(lang, theme_id(s.theme)), SettingChange::Theme),
        setting(
            ControlId::Voice,
            t(lang, if s.voice { "voice-on" } else { "voice-off" }),
            SettingChange::Voice,
        ),
        setting(ControlId::Rate, t(lang, crate::ui::voice::rate_id(s.rate)), SettingChange::Rate),
        setting(ControlId::Volume, t(lang, crate::ui::voice::volume_id(s.volume)), SettingChange::Volume),
        Control::action(ControlId::Primary, t(lang, "settings-done"), Message::Done),
    ]
}

pub fn script(cx: &Context<'_>) -> Vec<String> {
    vec![t(cx.lang(), "settings-hint")]
}

pub fn view<'a>(cx: &Context<'a>) -> Element<'a, Message> {
    let z = cx.look();
    let controls: Vec<Control<Message>> =
        controls(cx).into_iter().filter(|c| c.id != ControlId::Primary).collect();
    let mut grid = Column::new().spacing(z.gap);
    for chunk in controls.chunks(PER_ROW) {
        grid =
            grid.push(
                Row::with_children(chunk.iter().map(|c| {
                    widgets::control(c, symbol(c.id), Kind::Secondary, &z).width(Length::Fill).into()
                }))
                .spacing(z.gap),
            );
    }
    Column::new()
        .push(body(t(cx.lang(), "settings-hint"), &z))
        .push(grid)
        .spacing(z.gap * 2.0)
        .width(Length::Fill)
        .into()
}

/// The symbol (pictogram) beside a setting's words, here and on the welcome screen.
pub fn symbol(id: ControlId) -> Option<&'static str> {
    Some(match id {
        ControlId::Language => glyph::LANGUAGE,
        ControlId::TextSize => glyph::TEXT_SIZE,
        ControlId::OpenSettings | ControlId::Theme => glyph::COLOURS,
        ControlId::Voice => glyph::VOICE,
        ControlId::Rate => glyph::RATE,
        ControlId::Volume => glyph::VOLUME,
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
