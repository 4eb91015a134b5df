//! How a step looks: drawn from its controls and its stored layout.

use iced::widget::{Column, Row, column, container, row, text};
use iced::{Element, Length};

use crate::core::model::{Field, FieldKind};
use crate::i18n::{t, tw};
use crate::ui::context::Context;
use crate::ui::control::{Control, ControlId, DatePart, find};
use crate::ui::look::Look;
use crate::ui::theme;
use crate::ui::widgets::{self, BOLD, Kind, body, control, control_of, glyph, message_box, small};

use super::keypad;
use super::step::{DateParts, Message, State, choice_columns, controls, problem_text, uses_keypad};
use super::step_region::REGIONS_PER_ROW;

pub fn view<'a>(state: &'a State, cx: &Context<'a>) -> Element<'a, Message> {
    let z = cx.look();
    let lang = cx.lang();
    let Some(step) = cx.journey.and_then(|j| j.step(state.at)) else { return column![].into() };
    let controls = controls(state, cx);
    let l = &state.layout;
    let mut content = Column::new().spacing(z.gap);
    let tip_button = || control_of(&controls, ControlId::Tip, Some(glyph::TIP), Kind::Secondary, &z);
    if let Some(who) = cx.applicant_line() {
        let mut top = row![container(small(who, &z)).width(Length::Fill)]
            .spacing(z.gap)
            .align_y(iced::Alignment::Center);
        if l.tip_beside {
            // The folded tip's button sits beside the applicant, keeping the height for the question.
            top = top.push(tip_button());
        }
        if l.today_on_top {
            top = top.push(control_of(&controls, ControlId::Today, None, Kind::Secondary, &z));
        }
        content = content.push(top);
    }
    if let Some(tip) = super::step_fit::tip_text(cx, state) {
        if l.tip_folded && !l.tip_beside {
            content = content.push(tip_button());
        } else if !l.tip_folded {
            content = content.push(small(tip, &z));
        }
    }
    let mut keypad_kind = None;
    for field in &step.fields {
        if uses_keypad(field.kind) {
            keypad_kind = Some(field.kind);
        }
        content = content.push(field_view(state, cx, field, &controls, &z));
        if let Some((_, problem)) = state.error.as_ref().filter(|(id, _)| *id == field.id) {
            content =
                content.push(message_box(glyph::WARNING, problem_text(cx, state.at, *problem, field), &z));
        }
    }
    if let Some(id) = state.portal_error {
        content = content.push(message_box(glyph::WARNING, t(lang, id), &z));
    }
    // Numbers: everything on the left, the keypad on the right, so the keypad
    // keeps the full height at large text sizes.
    match keypad_kind {
        Some(kind) => {
            row![content.width(Length::Fill), keypad::view(lang, kind == FieldKind::IdNumber, &controls, &z)]
                .spacing(z.gap * 2.0)
                .into()
        }
        None => content.into(),
    }
}

/// Controls in rows of `per_row`, each as wide as its share.
fn grid<'a>(controls: &[&Control<Message>], per_row: usize, z: &Look) -> Element<'a, Message> {
    let mut col = Column::new().spacing(z.gap);
    for chunk in controls.chunks(per_row.max(1)) {
        col = col.push(
            Row::with_children(
                chunk.iter().map(|c| control(c, None, Kind::Secondary, z).width(Length::Fill).into()),
            )
            .spacing(z.gap),
        );
    }
    col.into()
}

fn field_view<'a>(
    state: &'a State,
    cx: &Context<'a>,
    field: &'a Field,
    controls: &[Control<Message>],
    z: &Look,
) -> Element<'a, Message> {
    let lang = cx.lang();
    let code = lang.code();
    match field.kind {
        FieldKind::Choice => {
            let choices: Vec<&Control<Message>> =
                controls.iter().filter(|c| matches!(c.id, ControlId::Choice(_))).collect();
            grid(&choices, choice_columns(choices.len(), z.step), z)
        }
        FieldKind::YesNo => {
            let answers: Vec<&Control<Message>> =
                controls.iter().filter(|c| matches!(c.id, ControlId::Yes | ControlId::No)).collect();
            grid(&answers, 2, z)
        }
        FieldKind::Commitment => {
            let pages = &state.layout.statement;
            let page = state.page.min(pages.len().saturating_sub(1));
            let mut col = Column::new().spacing(z.gap);
            if let Some(shown) = pages.get(page).filter(|p| !p.text.is_empty()) {
                col = col.push(
                    container(body(shown.text.clone(), z))
                        .padding(z.gap)
                        .style(theme::card)
                        .width(Length::Fill),
                );
            }
            // Agreeing comes after the whole statement has been shown.
            if let Some(agree) = find(controls, ControlId::Agree) {
                col = col.push(control(agree, None, Kind::Secondary, z).width(Length::Fill));
            }
            if pages.len() > 1 {
                col = col.push(widgets::pager(lang, controls, page, pages.len(), z));
            }
            col.into()
        }
        k if uses_keypad(k) => {
            let shown = if state.entry.is_empty() {
                t(lang, "keypad-empty")
            } else {
                keypad::grouped(k, &state.entry)
            };
            column![
                body(field.label.get(code).to_owned(), z),
                text(shown).size(z.title).line_height(crate::ui::sizes::LINE_HEIGHT).font(BOLD)
            ]
            .spacing(z.gap)
            .into()
        }
        FieldKind::Date => date_view(state, cx, controls, z),
        FieldKind::Region => match cx.reference.regions.as_ref() {
            Some(_) => region_view(state, cx, controls, z),
            None => message_box(glyph::WARNING, t(lang, "error-offline"), z),
        },
        _ => body(field.label.get(code).to_owned(), z),
    }
}

fn date_view<'a>(
    state: &'a State,
    cx: &Context<'a>,
    controls: &[Control<Message>],
    z: &Look,
) -> Element<'a, Message> {
    let lang = cx.lang();
    let d = state.date.unwrap_or_else(|| DateParts::from(cx.today));
    let l = &state.layout;
    let symbol = |g| l.date_symbols.then_some(g);
    // The up and down buttons fill their column.
    let button = |id, g| -> Element<'a, Message> {
        match find(controls, id) {
            Some(c) => control(c, symbol(g), Kind::Secondary, z).width(Length::Fill).into(),
            None => iced::widget::Space::new().into(),
        }
    };
    let part = |label: String, part: DatePart| {
        column![
            button(ControlId::DateUp(part), glyph::UP),
            text(label)
                .size(z.title)
                .line_height(crate::ui::sizes::LINE_HEIGHT)
                .font(BOLD)
                .width(Length::Fill)
                .center(),
            button(ControlId::DateDown(part), glyph::DOWN),
        ]
        .spacing(z.gap)
        .width(Length::FillPortion(1))
    };
    let mut parts = row![
        part(tw(lang, "date-year", &[("n", d.year.into())]), DatePart::Year),
        part(tw(lang, "date-month", &[("n", u32::from(d.month).into())]), DatePart::Month),
        part(tw(lang, "date-day", &[("n", u32::from(d.day).into())]), DatePart::Day),
    ]
    .spacing(z.gap * 2.0);
    let today = control_of(controls, ControlId::Today, None, Kind::Secondary, z);
    if l.today_beside {
        parts = parts.push(column![today].width(Length::FillPortion(1)));
        parts.into()
    } else if l.today_on_top {
        // 选今天 is on the applicant's line.
        parts.into()
    } else {
        column![parts, today].spacing(z.gap).into()
    }
}

fn region_view<'a>(
    state: &'a State,
    cx: &Context<'a>,
    controls: &[Control<Message>],
    z: &Look,
) -> Element<'a, Message> {
    let regions: Vec<&Control<Message>> =
        controls.iter().filter(|c| matches!(c.id, ControlId::Region(_))).collect();
    let mut nav = Row::new().spacing(z.gap);
    if let Some(back) = find(controls, ControlId::Provinces) {
        nav = nav.push(control(back, Some(glyph::BACK), Kind::Secondary, z));
    }
    let field = cx
        .journey
        .and_then(|j| j.step(state.at))
        .and_then(|s| s.fields.iter().find(|f| f.kind == FieldKind::Region));
    if let (Some(all), Some(field)) = (cx.reference.regions.as_ref(), field) {
        let value = cx.journey.and_then(|j| j.value(state.at, &field.id));
        let page = super::step_region::region_page(cx.lang(), all, state, field, value);
        if page.pages > 1 {
            nav = nav.push(widgets::pager(cx.lang(), controls, page.page, page.pages, z));
        }
    }
    column![grid(&regions, REGIONS_PER_ROW, z), nav].spacing(z.gap).into()
}
