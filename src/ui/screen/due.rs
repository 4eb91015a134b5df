//! After identification: what the portal says is due for this citizen, offered first.

use iced::widget::{Column, column};
use iced::{Element, Length};

use crate::i18n::t;
use crate::ui::app::{App, Message};
use crate::ui::widgets::{Kind, action, body, glyph};

pub fn view(app: &App) -> Element<'_, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    let mut items = Column::new().spacing(z.gap);
    if let Some(identity) = &app.session.identity {
        for (i, due) in identity.due.iter().enumerate() {
            items = items.push(body(due.message.get(lang.code()).to_owned(), &z));
            items = items.push(action(t(lang, "due-take"), Some(glyph::NEXT), Some(Message::TakeDue(i)), Kind::Primary, &z));
        }
    }
    column![items, action(t(lang, "due-skip"), None, Some(Message::SkipDue), Kind::Secondary, &z)]
        .spacing(z.gap * 2.0)
        .width(Length::Fill)
        .into()
}
