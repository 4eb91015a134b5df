//! 好差评: five faces with words; a bad rating asks for reasons.

use iced::widget::{Column, Row, column};
use iced::{Element, Length};

use crate::core::model::Level;
use crate::i18n::t;
use crate::ui::app::{App, Message};
use crate::ui::widgets::{Kind, action, body, glyph, message_box};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub level: Option<Level>,
    pub reasons: Vec<String>,
    pub error: Option<Error>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    NoLevel,
    NoReason,
    /// The portal refused or failed (Fluent id).
    Portal(&'static str),
}

/// Reason buttons in one row.
const REASONS_PER_ROW: usize = 2;

/// The Fluent id of each level's words.
pub fn level_id(level: Level) -> &'static str {
    match level {
        Level::VerySatisfied => "level-very-satisfied",
        Level::Satisfied => "level-satisfied",
        Level::BasicallySatisfied => "level-basically-satisfied",
        Level::Dissatisfied => "level-dissatisfied",
        Level::VeryDissatisfied => "level-very-dissatisfied",
    }
}

/// The Fluent id of an evaluation problem.
pub fn error_id(error: Error) -> &'static str {
    match error {
        Error::NoLevel => "evaluate-no-level",
        Error::NoReason => "evaluate-no-reason",
        Error::Portal(id) => id,
    }
}

pub fn view<'a>(app: &'a App, state: &'a State) -> Element<'a, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    let faces = Row::with_children(Level::ALL.iter().map(|&level| {
        let id = level_id(level);
        let kind = if state.level == Some(level) { Kind::Selected } else { Kind::Secondary };
        action(t(lang, id), None, Some(Message::Rate(level)), kind, &z).width(Length::Fill).into()
    }))
    .spacing(z.gap);
    let mut content = column![body(t(lang, "evaluate-ask"), &z), faces].spacing(z.gap);
    if state.level.is_some_and(Level::is_bad) {
        content = content.push(body(t(lang, "evaluate-reasons"), &z));
        let reasons = app.reference.reasons.as_ref().map(|r| r.reasons.as_slice()).unwrap_or_default();
        let mut grid = Column::new().spacing(z.gap);
        for chunk in reasons.chunks(REASONS_PER_ROW) {
            grid = grid.push(
                Row::with_children(chunk.iter().map(|r| {
                    let on = state.reasons.contains(&r.code);
                    let kind = if on { Kind::Selected } else { Kind::Secondary };
                    action(r.label.get(lang.code()).to_owned(), on.then_some(glyph::OK), Some(Message::ToggleReason(r.code.clone())), kind, &z)
                        .width(Length::Fill)
                        .into()
                }))
                .spacing(z.gap),
            );
        }
        content = content.push(grid);
    }
    if let Some(error) = state.error {
        content = content.push(message_box(glyph::WARNING, t(lang, error_id(error)), &z));
    }
    content
        .push(
            action(t(lang, "evaluate-skip"), None, Some(Message::Finish), Kind::Secondary, &z),
        )
        .width(Length::Fill)
        .into()
}
