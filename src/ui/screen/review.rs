//! Review: every answer, in pages that fit the window, 修改 on each; nothing
//! is sent before 确认提交. What the citizen typed here is shown in full (so a
//! wrong digit can be caught); who they are (from the card or the portal)
//! stays masked. The read-back is offered, not imposed: 确认提交 sends at once
//! once it was heard (or nothing can be heard); before that it asks the
//! citizen to confirm they checked the answers on screen (「我已核对，提交」).

use std::ops::Range;

use iced::widget::{Column, column, container, row, text};
use iced::{Element, Length};

use crate::core::journey::StepRef;
use crate::core::mask;
use crate::core::model::{COMMITMENT_AGREED, Field, FieldKind, NO, Regions, YES};
use crate::i18n::{Lang, t, tw};
use crate::ui::context::{Context, SpeechHealth};
use crate::ui::control::{Control, ControlId, find};
use crate::ui::fit;
use crate::ui::theme;
use crate::ui::widgets::{self, BOLD, FONT, Kind, small};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    pub page: usize,
    /// The answers on each page (ranges of `Journey::review`).
    pub pages: Vec<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// 修改 of the answer of this step.
    Edit(StepRef),
    Page(i32),
    /// 确认提交 (or 我已核对，提交).
    Submit,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    None,
    Edit(StepRef),
    Submit,
}

pub fn update(state: &mut State, message: Message) -> Action {
    match message {
        Message::Edit(at) => Action::Edit(at),
        Message::Page(delta) => {
            state.page = crate::ui::fit::turn(state.page, delta, state.pages.len());
            Action::None
        }
        Message::Submit => Action::Submit,
    }
}

pub fn relayout(state: &mut State, cx: &Context<'_>) {
    state.pages = pages(cx);
    state.page = crate::ui::fit::turn(state.page, 0, state.pages.len());
}

pub fn title(cx: &Context<'_>) -> String {
    t(cx.lang(), "review-title")
}

/// Whether the read-back has done its part: heard to its end, or nothing can
/// be heard (voice off, speech unavailable). Before that 确认提交 asks first.
pub fn read_back_done(cx: &Context<'_>) -> bool {
    cx.citizen.read_back_heard || !cx.settings.voice || cx.speech == SpeechHealth::Unavailable
}

/// 修改 of each answer on the page (said with the answer's label), the paging buttons, and submit.
pub fn controls(state: &State, cx: &Context<'_>) -> Vec<Control<Message>> {
    let lang = cx.lang();
    let code = lang.code();
    let shown = state.pages.get(state.page).cloned().unwrap_or(0..0);
    let mut out: Vec<Control<Message>> = vec![];
    if let Some(j) = cx.journey {
        for (i, item) in j.review().iter().enumerate().filter(|(i, _)| shown.contains(i)) {
            let said = format!("{}：{}", t(lang, "change"), item.field.label.get(code));
            out.push(
                Control::action(ControlId::Change(i), t(lang, "change"), Message::Edit(item.at)).spoken(said),
            );
        }
    }
    out.extend(widgets::page_controls(lang, state.page, state.pages.len(), Message::Page));
    out.push(Control::action(ControlId::Primary, t(lang, "review-submit"), Message::Submit));
    out
}

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

/// The pages of the review (ranges of `Journey::review`).
fn pages(cx: &Context<'_>) -> Vec<Range<usize>> {
    let z = cx.sizes;
    let lang = cx.lang();
    let Some(journey) = cx.journey else { return std::iter::once(0..0).collect() };
    let width = z.content_width();
    let mut fixed = fit::height(&t(lang, "review-check"), z.small, FONT, width) + z.gap;
    if let Some(who) = cx.applicant_line() {
        fixed += fit::height(&who, z.small, FONT, width - 2.0 * z.gap) + z.gap + z.gap / 2.0;
    }
    let words = words_width(cx, &z);
    let bundle = journey.members().len() > 1;
    let heights: Vec<f32> = journey
        .review()
        .iter()
        .map(|item| {
            let value = shown_value(cx, item);
            let label = item_label(lang, item, bundle);
            let h = if one_line(&z, &label, &value, words) {
                z.body * crate::ui::sizes::LINE_HEIGHT
            } else {
                fit::height(&label, z.small, FONT, words) + fit::height(&value, z.body, BOLD, words)
            };
            h.max(z.button_height()) + z.gap
        })
        .collect();
    let budget = cx.content_height() - fixed;
    fit::pages(&heights, z.gap / 2.0, budget, z.gap + z.button_height())
}

/// An answer as the review shows it: in full, grouped where it is a number
/// (the citizen typed it on this terminal in this session).
fn shown_value(cx: &Context<'_>, item: &crate::core::journey::ReviewItem<'_>) -> String {
    let shown = display_value(cx.lang(), item.field, item.value, cx.reference.regions.as_ref(), false);
    match item.field.kind {
        FieldKind::Phone | FieldKind::BankAccount | FieldKind::IdNumber => {
            super::keypad::grouped(item.field.kind, &shown)
        }
        _ => shown,
    }
}

/// The width an answer's words get beside its 修改.
fn words_width(cx: &Context<'_>, z: &crate::ui::sizes::Sizes) -> f32 {
    z.content_width() - 2.0 * z.gap - z.button_width(&t(cx.lang(), "change"), FONT, false) - z.gap
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

pub fn view<'a>(state: &'a State, cx: &Context<'a>) -> Element<'a, Message> {
    let z = cx.look();
    let lang = cx.lang();
    let Some(journey) = cx.journey else { return column![].into() };
    let controls = controls(state, cx);
    let mut items = Column::new().spacing(z.gap / 2.0);
    if let Some(who) = cx.applicant_line() {
        items = items.push(
            container(small(who, &z)).padding([z.gap / 2.0, z.gap]).width(Length::Fill).style(theme::card),
        );
    }
    let bundle = journey.members().len() > 1;
    let shown = state.pages.get(state.page).cloned().unwrap_or(0..0);
    let words = words_width(cx, &z);
    for (i, item) in journey.review().iter().enumerate().filter(|(i, _)| shown.contains(i)) {
        let value = shown_value(cx, item);
        let label = item_label(lang, item, bundle);
        // Label and value side by side where they fit, the value under its label where not.
        let side_by_side = one_line(&z, &label, &value, words);
        let label = text(label).size(z.small).line_height(crate::ui::sizes::LINE_HEIGHT);
        let value = text(value).size(z.body).line_height(crate::ui::sizes::LINE_HEIGHT).font(BOLD);
        let answer: Element<'a, Message> = if side_by_side {
            row![label, value].spacing(z.gap).align_y(iced::Alignment::Center).width(Length::Fill).into()
        } else {
            column![label, value].width(Length::Fill).into()
        };
        let change: Element<'a, Message> = match find(&controls, ControlId::Change(i)) {
            Some(c) => widgets::control(c, None, Kind::Secondary, &z).into(),
            None => iced::widget::Space::new().into(),
        };
        items = items.push(
            container(row![answer, change].spacing(z.gap).align_y(iced::Alignment::Center))
                .padding([z.gap / 2.0, z.gap])
                .width(Length::Fill)
                .style(theme::card),
        );
    }
    let mut content = column![small(t(lang, "review-check"), &z), items].spacing(z.gap);
    if state.pages.len() > 1 {
        content = content.push(widgets::pager(lang, &controls, state.page, state.pages.len(), &z));
    }
    content.spacing(z.gap).width(Length::Fill).into()
}

/// 语音确认: every answer read back (from the first page; a later page says
/// its own answers), personal values masked unless on the headset.
pub fn script(state: &State, cx: &Context<'_>) -> Vec<String> {
    let lang = cx.lang();
    let Some(journey) = cx.journey else { return vec![] };
    let mut out = vec![t(lang, "review-check")];
    if let Some(identity) = &cx.citizen.identity {
        out.push(crate::ui::voice::applicant_spoken(cx, identity));
    }
    let bundle = journey.members().len() > 1;
    let shown = state.pages.get(state.page).cloned().unwrap_or(0..0);
    for (i, item) in journey.review().iter().enumerate() {
        if state.page > 0 && !shown.contains(&i) {
            continue;
        }
        let label = item_label(lang, item, bundle);
        let value = if crate::ui::voice::is_personal(item.field.kind) && !cx.headset {
            crate::ui::voice::masked_spoken(lang, item.field.kind, item.value)
        } else if item.field.kind == FieldKind::Date {
            crate::ui::voice::date_said(cx, item.value)
        } else {
            display_value(lang, item.field, item.value, cx.reference.regions.as_ref(), false)
        };
        out.push(tw(lang, "speech-readback-item", &[("label", label.into()), ("value", value.into())]));
    }
    out.extend(crate::ui::voice::page_line(lang, state.page, state.pages.len()));
    // By the end of the read-back the main action says 确认提交.
    out.push(tw(lang, "speech-readback-done", &[("submit", t(lang, "review-submit").into())]));
    out
}
