//! After identification: what the portal says is due for this citizen, offered first.

use iced::widget::{Row, column, container};
use iced::{Element, Length};

use crate::core::model::DueItem;
use crate::i18n::{t, tw};
use crate::ui::context::Context;
use crate::ui::control::{Control, ControlId, find};
use crate::ui::theme;
use crate::ui::widgets::{self, Kind, body, glyph};

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// 「现在就办」 of due item N.
    Take(usize),
    /// 先不办，继续.
    Skip,
}

fn items<'a>(cx: &Context<'a>) -> &'a [DueItem] {
    cx.citizen.identity.as_ref().map(|s| s.due.as_slice()).unwrap_or_default()
}

/// 「现在就办：养老认证」: the button of due item `i`, naming its matter.
fn take_label(cx: &Context<'_>, item: &DueItem) -> String {
    let lang = cx.lang();
    let matter = cx
        .reference
        .catalogue
        .as_ref()
        .and_then(|c| c.matters.iter().find(|m| m.id == item.matter_id))
        .map(|m| m.elder_name.get(lang.code()).to_owned())
        .unwrap_or_default();
    tw(lang, "due-take", &[("matter", matter.into())])
}

/// 「有 2 件事快到期了」: counted, so one item is not announced above two.
pub fn title(cx: &Context<'_>) -> String {
    tw(cx.lang(), "due-title", &[("n", items(cx).len().into())])
}

pub fn controls(cx: &Context<'_>) -> Vec<Control<Message>> {
    let mut out: Vec<Control<Message>> = items(cx)
        .iter()
        .enumerate()
        .map(|(i, d)| {
            Control::option(ControlId::TakeDue(i), take_label(cx, d), i + 1, false, Message::Take(i))
        })
        .collect();
    out.push(Control::action(ControlId::Primary, t(cx.lang(), "due-skip"), Message::Skip));
    out
}

/// Each item's message, then its button with the number that takes it.
pub fn script(cx: &Context<'_>) -> Vec<String> {
    let lang = cx.lang();
    let mut out = vec![];
    for (i, (item, c)) in items(cx).iter().zip(controls(cx)).enumerate() {
        out.push(item.message.said(lang.code()).to_owned());
        out.push(tw(lang, "speech-choice", &[("n", (i + 1).into()), ("label", c.label.into())]));
    }
    out
}

pub fn view<'a>(cx: &Context<'a>) -> Element<'a, Message> {
    let z = cx.look();
    let code = cx.lang().code();
    let controls = controls(cx);
    // One card per due item, side by side; "not now" is the main action below.
    let mut cards = Row::new().spacing(z.gap);
    for (i, due) in items(cx).iter().enumerate() {
        let Some(take) = find(&controls, ControlId::TakeDue(i)) else { continue };
        let card = column![
            body(due.message.get(code).to_owned(), &z),
            widgets::control(take, Some(glyph::NEXT), Kind::Offer, &z).width(Length::Fill),
        ]
        .spacing(z.gap);
        cards = cards.push(container(card).padding(z.gap).width(Length::FillPortion(1)).style(theme::card));
    }
    cards.width(Length::Fill).into()
}
