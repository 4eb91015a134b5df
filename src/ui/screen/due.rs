//! After identification: what the portal says is due for this citizen, offered first.

use iced::widget::{Column, column};
use iced::{Element, Length};

use crate::i18n::{t, tw};
use crate::ui::app::{App, Message};
use crate::ui::widgets::{Kind, action, body, glyph};

/// "现在就办：养老认证": the button of due item `i`, naming its matter.
pub fn take_label(app: &App, i: usize) -> String {
    let lang = app.settings.lang;
    let matter = app
        .session
        .identity
        .as_ref()
        .and_then(|s| s.due.get(i))
        .and_then(|d| app.reference.catalogue.as_ref()?.matters.iter().find(|m| m.id == d.matter_id))
        .map(|m| m.elder_name.get(lang.code()).to_owned())
        .unwrap_or_default();
    tw(lang, "due-take", &[("matter", matter.into())])
}

pub fn view(app: &App) -> Element<'_, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    let mut items = Column::new().spacing(z.gap);
    if let Some(identity) = &app.session.identity {
        for (i, due) in identity.due.iter().enumerate() {
            items = items.push(body(due.message.get(lang.code()).to_owned(), &z));
            items = items.push(action(take_label(app, i), Some(glyph::NEXT), Some(Message::TakeDue(i)), Kind::Primary, &z));
        }
    }
    column![items, action(t(lang, "due-skip"), None, Some(Message::SkipDue), Kind::Secondary, &z)]
        .spacing(z.gap * 2.0)
        .width(Length::Fill)
        .into()
}
