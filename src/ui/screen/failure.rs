//! A portal call failed: say what happened, politely, and offer the next step.

use iced::widget::column;
use iced::{Element, Length};

use crate::client::{ClientError, Fault, Unreachable};
use crate::core::model::ErrorCode;
use crate::i18n::t;
use crate::ui::context::Context;
use crate::ui::control::{Control, ControlId};
use crate::ui::widgets::{glyph, message_box};

use super::Screen;

/// What 「再试一次」 does again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Nothing to send again: back to where the citizen was.
    Return,
    /// Load the hall's catalogue.
    Catalogue,
    /// Load the chosen matter (or bundle).
    Matters,
    /// Send the applications (or the query) again, with the same idempotency keys.
    Submit,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The Fluent id of what to say.
    pub message: &'static str,
    pub retry: Retry,
    /// The screen the citizen was on (where 返回 goes).
    pub previous: Box<Screen>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Retry,
}

/// The message that explains a failed call to a citizen: what happened, in words
/// that tell what to do (try again, or call staff), never the portal's own words.
pub fn message_id(e: &ClientError) -> &'static str {
    match e {
        ClientError::Offline(Unreachable::Tls(_)) => "error-insecure",
        ClientError::Offline(Unreachable::Cut) => "error-cut",
        ClientError::Offline(_) => "error-offline",
        ClientError::Config(_) => "error-setup",
        ClientError::Timeout => "error-timeout",
        ClientError::Server { .. } => "error-server",
        ClientError::BadResponse(bad) => match bad.fault {
            Fault::Truncated => "error-cut",
            // A page where the portal's answer should be: a proxy or a network login.
            Fault::NotJsonContentType(_) => "error-not-portal",
            Fault::Empty
            | Fault::NotJson { .. }
            | Fault::WrongShape { .. }
            | Fault::TooLarge { .. }
            | Fault::UnexpectedStatus => "error-bad-answer",
        },
        ClientError::Unauthorized => "error-session-expired",
        ClientError::NotFound { code } if code == ErrorCode::CitizenNotFound.as_str() => {
            "error-citizen-not-found"
        }
        ClientError::NotFound { .. } => "error-not-found",
        ClientError::Conflict { .. } => "error-conflict",
        ClientError::Rejected { .. } => "error-rejected",
    }
}

pub fn title(cx: &Context<'_>) -> String {
    t(cx.lang(), "failure-title")
}

pub fn controls(cx: &Context<'_>) -> Vec<Control<Message>> {
    vec![Control::action(ControlId::Primary, t(cx.lang(), "retry"), Message::Retry)]
}

pub fn script(state: &State, cx: &Context<'_>) -> Vec<String> {
    vec![t(cx.lang(), state.message)]
}

pub fn view<'a>(state: &'a State, cx: &Context<'a>) -> Element<'a, Message> {
    let z = cx.look();
    column![message_box(glyph::WARNING, t(cx.lang(), state.message), &z)]
        .spacing(z.gap * 2.0)
        .width(Length::Fill)
        .into()
}
