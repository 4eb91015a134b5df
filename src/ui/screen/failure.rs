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
    /// Identification could not reach the portal: the citizen may fill in the
    /// form now and identify before it is sent (applications only).
    pub fill_first: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Retry,
    FillFirst,
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

pub fn controls(state: &State, cx: &Context<'_>) -> Vec<Control<Message>> {
    let retry = Control::action(ControlId::Primary, t(cx.lang(), "retry"), Message::Retry);
    if state.fill_first {
        // Filling in is what the citizen can do now: it comes first.
        vec![
            Control::action(ControlId::FillFirst, t(cx.lang(), "failure-fill-first"), Message::FillFirst),
            retry,
        ]
    } else {
        vec![retry]
    }
}

pub fn script(state: &State, cx: &Context<'_>) -> Vec<String> {
    let mut out = vec![t(cx.lang(), state.message)];
    if state.fill_first {
        out.push(t(cx.lang(), "failure-fill-first-note"));
    }
    out
}

pub fn view<'a>(state: &'a State, cx: &Context<'a>) -> Element<'a, Message> {
    let z = cx.look();
    let mut page = column![message_box(glyph::WARNING, t(cx.lang(), state.message), &z)];
    if state.fill_first {
        page = page.push(crate::ui::widgets::body(t(cx.lang(), "failure-fill-first-note"), &z));
        page = page.push(crate::ui::widgets::control_of(
            &controls(state, cx),
            ControlId::FillFirst,
            None,
            crate::ui::widgets::Kind::Secondary,
            &z,
        ));
    }
    page.spacing(z.gap * 2.0).width(Length::Fill).into()
}
