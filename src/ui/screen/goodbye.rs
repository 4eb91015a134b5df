//! Goodbye: remember your card; the session is wiped and the welcome screen returns.

use iced::widget::column;
use iced::{Element, Length};

use crate::i18n::t;
use crate::ui::app::{App, Message};
use crate::ui::widgets::{body, huge};

pub fn view(app: &App) -> Element<'_, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    column![huge(t(lang, "goodbye-card"), &z), body(t(lang, "goodbye-wiped"), &z),]
        .spacing(z.gap * 2.0)
        .width(Length::Fill)
        .into()
}
