//! Review: every answer, in pages that fit the window, personal values
//! masked, 修改 on each; nothing is sent before 确认提交.

use std::ops::Range;

use iced::widget::{Column, column, container, row, text};
use iced::{Element, Length};

use crate::core::mask;
use crate::core::model::{COMMITMENT_AGREED, Field, FieldKind, NO, Regions, YES};
use crate::i18n::{Lang, t, tw};
use crate::ui::app::{App, Message};
use crate::ui::fit;
use crate::ui::theme;
use crate::ui::widgets::{BOLD, FONT, Kind, action, small};

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

/// The review's answers in pages that fit the content area: the answers on
/// the page shown (as a range of `Journey::review`), the page and the number of pages.
pub fn page_of(app: &App) -> (Range<usize>, usize, usize) {
    let pages = pages(app);
    let page = app.session.review_page.min(pages.len() - 1);
    (pages[page].clone(), page, pages.len())
}

/// The pages of the review (ranges of `Journey::review`).
pub fn pages(app: &App) -> Vec<Range<usize>> {
    let z = app.sizes();
    let lang = app.settings.lang;
    let Some(journey) = app.session.journey.as_ref() else { return std::iter::once(0..0).collect() };
    let width = z.content_width();
    let mut fixed = fit::height(&t(lang, "review-check"), z.small, FONT, width) + z.gap;
    if let Some(who) = applicant_line(app) {
        fixed += fit::height(&who, z.small, FONT, width - 2.0 * z.gap) + z.gap + z.gap / 2.0;
    }
    let words = words_width(app, &z);
    let bundle = journey.members().len() > 1;
    let heights: Vec<f32> = journey
        .review()
        .iter()
        .map(|item| {
            let value = display_value(lang, item.field, item.value, app.reference.regions.as_ref(), true);
            let label = item_label(lang, item, bundle);
            let h = if one_line(&z, &label, &value, words) {
                z.body * crate::ui::sizes::LINE_HEIGHT
            } else {
                fit::height(&label, z.small, FONT, words) + fit::height(&value, z.body, BOLD, words)
            };
            h.max(z.button_height()) + z.gap
        })
        .collect();
    let budget = crate::ui::frame::content_height(app) - fixed;
    fit::pages(&heights, z.gap / 2.0, budget, z.gap + z.button_height())
}

/// The width an answer's words get beside its 修改.
fn words_width(app: &App, z: &crate::ui::sizes::Sizes) -> f32 {
    z.content_width() - 2.0 * z.gap - z.button_width(&t(app.settings.lang, "change"), FONT, false) - z.gap
}

/// Whether an answer's label and value fit on one line (they are then side by side).
fn one_line(z: &crate::ui::sizes::Sizes, label: &str, value: &str, words: f32) -> bool {
    fit::width(label, z.small, FONT) + z.gap + fit::width(value, z.body, BOLD) <= words
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
    let (shown, page, total) = page_of(app);
    let words = words_width(app, &z);
    for item in journey.review().get(shown).unwrap_or_default() {
        let value = display_value(lang, item.field, item.value, app.reference.regions.as_ref(), true);
        let label = item_label(lang, item, bundle);
        // Label and value side by side where they fit, the value under its label where not.
        let side_by_side = one_line(&z, &label, &value, words);
        let label = text(label).size(z.small).line_height(crate::ui::sizes::LINE_HEIGHT);
        let value = text(value).size(z.body).line_height(crate::ui::sizes::LINE_HEIGHT).font(BOLD);
        let answer: Element<'_, Message> = if side_by_side {
            row![label, value].spacing(z.gap).align_y(iced::Alignment::Center).width(Length::Fill).into()
        } else {
            column![label, value].width(Length::Fill).into()
        };
        items = items.push(
            container(
                row![
                    answer,
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
