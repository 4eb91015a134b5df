//! Review: every answer on one screen, personal values masked, 修改 on each;
//! nothing is sent before 确认提交.

use iced::widget::{Column, column, container, row, text};
use iced::{Element, Length};

use crate::core::mask;
use crate::core::model::{COMMITMENT_AGREED, Field, FieldKind, NO, Regions, YES};
use crate::i18n::{Lang, t, tw};
use crate::ui::app::{App, Message};
use crate::ui::sizes::{LINE_HEIGHT, Sizes};
use crate::ui::theme;
use crate::ui::widgets::{BOLD, Kind, action, small};

/// An answer as a citizen reads it: labels for choices, names for regions,
/// personal values masked when `masked`.
pub fn display_value(
    lang: Lang,
    field: &Field,
    value: &str,
    regions: Option<&Regions>,
    masked: bool,
) -> String {
    let code = lang.code();
    match field.kind {
        FieldKind::Choice => field
            .choices
            .iter()
            .find(|c| c.value == value)
            .map_or_else(|| value.to_owned(), |c| c.label.get(code).to_owned()),
        FieldKind::YesNo => match value {
            YES => t(lang, "yes"),
            NO => t(lang, "no"),
            other => other.to_owned(),
        },
        FieldKind::Commitment if value == COMMITMENT_AGREED => t(lang, "commitment-agreed"),
        FieldKind::Region => regions
            .and_then(|r| r.city(value))
            .map_or_else(|| value.to_owned(), |(p, c)| format!("{} {}", p.name.get(code), c.name.get(code))),
        FieldKind::Date => format_date(lang, value),
        FieldKind::Phone if masked => mask::phone(value),
        FieldKind::BankAccount if masked => mask::account(value),
        FieldKind::IdNumber if masked => mask::id_number(value),
        _ if masked && field.sensitive => mask::account(value),
        _ => value.to_owned(),
    }
}

/// Answers that fit on one page of the review at these sizes.
pub fn items_per_page(z: &Sizes) -> usize {
    let line = |size: f32| size * LINE_HEIGHT;
    let fixed =
        2.0 * z.margin + line(z.title) + 2.0 * line(z.small) + z.primary_target + z.bar_height + 8.0 * z.gap;
    let item = line(z.small) + line(z.body) + 2.0 * z.gap;
    ((z.screen_height - fixed) / item).floor().max(1.0) as usize
}

/// Pages of the review.
pub fn pages(app: &App, z: &Sizes) -> usize {
    let items = app.session.journey.as_ref().map_or(0, |j| j.review().len());
    items.div_ceil(items_per_page(z)).max(1)
}

/// An ISO date in words (「2026 年 12 月 1 日」); anything else as it is.
pub fn format_date(lang: Lang, iso: &str) -> String {
    crate::core::validate::date(iso).map_or_else(
        |_| iso.to_owned(),
        |d| {
            tw(
                lang,
                "date-full",
                &[
                    ("y", d.year().into()),
                    ("m", u32::from(d.month() as u8).into()),
                    ("d", u32::from(d.day()).into()),
                ],
            )
        },
    )
}

/// 「办理人：张*兰，身份证：110105********0289」: who is applying, masked.
pub fn applicant_line(app: &App) -> Option<String> {
    let identity = app.session.identity.as_ref()?;
    Some(tw(
        app.settings.lang,
        "review-applicant",
        &[
            ("name", mask::name(&identity.citizen.name).into()),
            ("id", identity.citizen.id_number_masked.clone().into()),
        ],
    ))
}

/// The words naming a review line: in a bundle, the member matter too
/// (unless the answer is shared by all of them).
pub fn item_label(lang: Lang, item: &crate::core::journey::ReviewItem<'_>, bundle: bool) -> String {
    let code = lang.code();
    if bundle && item.field.shared_key.is_none() {
        format!("{} · {}", item.matter.elder_name.get(code), item.field.label.get(code))
    } else {
        item.field.label.get(code).to_owned()
    }
}

pub fn view(app: &App) -> Element<'_, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    let Some(journey) = app.session.journey.as_ref() else { return column![].into() };
    let mut items = Column::new().spacing(z.gap / 2.0);
    if let Some(who) = applicant_line(app) {
        items = items.push(
            container(small(who, &z)).padding([z.gap / 2.0, z.gap]).width(Length::Fill).style(theme::card),
        );
    }
    let bundle = journey.members().len() > 1;
    let per = items_per_page(&z);
    let total = pages(app, &z);
    let page = app.session.review_page.min(total - 1);
    for item in journey.review().iter().skip(page * per).take(per) {
        let value = display_value(lang, item.field, item.value, app.reference.regions.as_ref(), true);
        let label = item_label(lang, item, bundle);
        items = items.push(
            container(
                row![
                    column![
                        text(label).size(z.small).line_height(crate::ui::sizes::LINE_HEIGHT),
                        text(value).size(z.body).line_height(crate::ui::sizes::LINE_HEIGHT).font(BOLD)
                    ]
                    .width(Length::Fill),
                    action(t(lang, "change"), None, Some(Message::Edit(item.at)), Kind::Secondary, &z),
                ]
                .spacing(z.gap)
                .align_y(iced::Alignment::Center),
            )
            .padding([z.gap / 2.0, z.gap])
            .width(Length::Fill)
            .style(theme::card),
        );
    }
    let mut content = column![small(t(lang, "review-check"), &z), items].spacing(z.gap);
    if total > 1 {
        content = content.push(crate::ui::widgets::pager(lang, page, total, Message::Page, &z));
    }
    content.spacing(z.gap).width(Length::Fill).into()
}
