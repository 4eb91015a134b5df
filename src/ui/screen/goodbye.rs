//! Goodbye: remember your card; the session is wiped and the welcome screen returns.

use iced::widget::column;
use iced::{Element, Length};

use crate::i18n::t;
use crate::ui::context::Context;
use crate::ui::control::{Control, ControlId};
use crate::ui::widgets::{body, huge};

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// 完成: end the session now.
    Done,
}

pub fn title(cx: &Context<'_>) -> String {
    t(cx.lang(), "goodbye-title")
}

pub fn controls(cx: &Context<'_>) -> Vec<Control<Message>> {
    vec![Control::action(ControlId::Primary, t(cx.lang(), "goodbye-done"), Message::Done)]
}

pub fn script(cx: &Context<'_>) -> Vec<String> {
    vec![t(cx.lang(), "goodbye-card"), t(cx.lang(), "goodbye-wiped")]
}

pub fn view<'a>(cx: &Context<'a>) -> Element<'a, Message> {
    let z = cx.look();
    let lang = cx.lang();
    column![huge(t(lang, "goodbye-card"), &z), body(t(lang, "goodbye-wiped"), &z)]
        .spacing(z.gap * 2.0)
        .width(Length::Fill)
        .into()
}
