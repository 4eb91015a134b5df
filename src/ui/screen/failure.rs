//! A portal call failed: say what happened, politely, and offer the next step.

use iced::widget::column;
use iced::{Element, Length};

use crate::client::ClientError;
use crate::core::model::ErrorCode;
use crate::i18n::t;
use crate::ui::app::{App, Message};
use crate::ui::effect::Effect;
use crate::ui::widgets::{glyph, message_box};

use super::Screen;

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The Fluent id of what to say.
    pub message: &'static str,
    /// What 「再试一次」 does again (nothing: back to the previous screen).
    pub retry: Vec<Effect>,
    pub previous: Box<Screen>,
}

/// The message that explains a failed call to a citizen.
pub fn message_id(e: &ClientError) -> &'static str {
    match e {
        ClientError::Offline(_) | ClientError::Config(_) => "error-offline",
        ClientError::Timeout => "error-timeout",
        ClientError::Server { .. } | ClientError::BadResponse(_) => "error-server",
        ClientError::Unauthorized => "error-session-expired",
        ClientError::NotFound { code } if code == ErrorCode::CitizenNotFound.as_str() => {
            "error-citizen-not-found"
        }
        ClientError::NotFound { .. } => "error-not-found",
        ClientError::Conflict { .. } => "error-conflict",
        ClientError::Rejected { .. } => "error-rejected",
    }
}

pub fn view(app: &App, state: &State) -> Element<'static, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    column![message_box(glyph::WARNING, t(lang, state.message), &z),]
        .spacing(z.gap * 2.0)
        .width(Length::Fill)
        .into()
}
