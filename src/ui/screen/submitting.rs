//! Submitting: progress, and a way out if the portal is slow.

use iced::widget::column;
use iced::{Element, Length};

use crate::i18n::t;
use crate::ui::app::{App, Message};
use crate::ui::widgets::{Kind, action, body};

pub fn view(app: &App) -> Element<'_, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    column![
        body(t(lang, "submitting-wait"), &z),
        action(t(lang, "submitting-stop"), None, Some(Message::CancelSubmit), Kind::Secondary, &z)
    ]
    .spacing(z.gap * 2.0)
    .width(Length::Fill)
    .into()
}
