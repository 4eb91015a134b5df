//! After identification: what the portal says is due for this citizen, offered first.

use iced::widget::{Row, column, container};
use iced::{Element, Length};

use crate::i18n::tw;
use crate::ui::app::{App, Message};
use crate::ui::theme;
use crate::ui::widgets::{Kind, action, body, glyph};

/// 「现在就办：养老认证」: the button of due item `i`, naming its matter.
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
    // One card per due item, side by side; "not now" is the main action below.
    let mut cards = Row::new().spacing(z.gap);
    if let Some(identity) = &app.session.identity {
        for (i, due) in identity.due.iter().enumerate() {
            let card = column![
                body(due.message.get(lang.code()).to_owned(), &z),
                action(take_label(app, i), Some(glyph::NEXT), Some(Message::TakeDue(i)), Kind::Offer, &z)
                    .width(Length::Fill),
            ]
            .spacing(z.gap);
            cards =
                cards.push(container(card).padding(z.gap).width(Length::FillPortion(1)).style(theme::card));
        }
    }
    cards.width(Length::Fill).into()
}
