//! Waiting for the portal (a matter loading, the citizen being identified, a
//! submission or a query): progress, and a way out if the portal is slow.
//! Leaving drops the answer when it comes: the screen knows what it waits for.

use iced::widget::column;
use iced::{Element, Length};

use crate::i18n::t;
use crate::ui::context::Context;
use crate::ui::control::{Control, ControlId};
use crate::ui::session::Ticket;
use crate::ui::widgets::{self, Kind, body};

use super::Screen;

/// What is being waited for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A matter, the identification or the catalogue.
    Loading,
    /// Applications or a query being sent.
    Submitting,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub purpose: Purpose,
    /// The requests whose answers this screen waits for.
    pub tickets: Vec<Ticket>,
    /// Where 「不等了，回去看看」 goes.
    pub back_to: Box<Screen>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// 不等了，回去看看.
    Stop,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Stop waiting for these and go back.
    Stop { tickets: Vec<Ticket>, back_to: Screen },
}

pub fn update(state: &State, message: Message) -> Action {
    match message {
        Message::Stop => Action::Stop { tickets: state.tickets.clone(), back_to: (*state.back_to).clone() },
    }
}

pub fn title(state: &State, cx: &Context<'_>) -> String {
    t(cx.lang(), if state.purpose == Purpose::Loading { "loading-title" } else { "submitting-title" })
}

pub fn controls(cx: &Context<'_>) -> Vec<Control<Message>> {
    vec![Control::action(ControlId::StopWaiting, t(cx.lang(), "submitting-stop"), Message::Stop)]
}

pub fn script(cx: &Context<'_>) -> Vec<String> {
    vec![t(cx.lang(), "submitting-wait")]
}

pub fn view<'a>(cx: &Context<'a>) -> Element<'a, Message> {
    let z = cx.look();
    column![
        body(t(cx.lang(), "submitting-wait"), &z),
        widgets::control_of(&controls(cx), ControlId::StopWaiting, None, Kind::Secondary, &z),
    ]
    .spacing(z.gap * 2.0)
    .width(Length::Fill)
    .into()
}
