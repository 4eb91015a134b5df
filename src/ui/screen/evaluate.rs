//! 好差评: five faces with words; a bad rating asks for reasons.

use std::ops::Range;

use iced::widget::{Column, Row, column, row, text};
use iced::{Element, Length};

use crate::core::model::{Level, Reason};
use crate::i18n::{t, tw};
use crate::ui::context::Context;
use crate::ui::control::{Control, ControlId, find};
use crate::ui::fit;
use crate::ui::widgets::{self, FONT, Kind, body, glyph, message_box, small};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    pub level: Option<Level>,
    pub reasons: Vec<String>,
    /// The page of the reasons (where they do not all fit).
    pub page: usize,
    pub error: Option<Error>,
    pub layout: Layout,
}

/// The faces' word size and the reasons' pages, for the window and text size.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub face_words: f32,
    /// The reasons on each page (ranges of the reason list).
    pub reason_pages: Vec<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Rate(Level),
    ToggleReason(String),
    Page(i32),
    /// 提交评价.
    Send,
    /// 不评价了.
    Skip,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    None,
    Send { level: Level, reasons: Vec<String> },
    Skip,
}

pub fn update(state: &mut State, message: Message) -> Action {
    match message {
        Message::Rate(level) => {
            state.level = Some(level);
            state.error = None;
            if !level.is_bad() {
                state.reasons.clear();
            }
        }
        Message::ToggleReason(code) => {
            if let Some(i) = state.reasons.iter().position(|r| *r == code) {
                state.reasons.remove(i);
            } else {
                state.reasons.push(code);
            }
            state.error = None;
        }
        Message::Page(delta) => {
            state.page = crate::ui::fit::turn(state.page, delta, state.layout.reason_pages.len());
        }
        Message::Send => match state.level {
            None => state.error = Some(Error::NoLevel),
            Some(level) if level.is_bad() && state.reasons.is_empty() => state.error = Some(Error::NoReason),
            Some(level) => return Action::Send { level, reasons: state.reasons.clone() },
        },
        Message::Skip => return Action::Skip,
    }
    Action::None
}

/// 返回 from the reasons goes back to the faces (true); from the faces it leaves the screen.
pub fn back(state: &mut State) -> bool {
    if asks_reasons(state) {
        *state = State { layout: std::mem::take(&mut state.layout), ..State::default() };
        true
    } else {
        false
    }
}

pub fn relayout(state: &mut State, cx: &Context<'_>) {
    let face_words = face_words_size(cx);
    let reason_pages = reason_pages(state, cx);
    state.page = crate::ui::fit::turn(state.page, 0, reason_pages.len());
    state.layout = Layout { face_words, reason_pages };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    NoLevel,
    NoReason,
    /// The portal refused or failed (Fluent id).
    Portal(&'static str),
}

/// Reason buttons in one row: more, narrower columns at larger text so the
/// list keeps to the screen's height.
fn reasons_per_row(text_step: u8) -> usize {
    if text_step == 0 { 2 } else { 3 }
}

/// The Fluent id of each level's words.
pub fn level_id(level: Level) -> &'static str {
    match level {
        Level::VerySatisfied => "level-very-satisfied",
        Level::Satisfied => "level-satisfied",
        Level::BasicallySatisfied => "level-basically-satisfied",
        Level::Dissatisfied => "level-dissatisfied",
        Level::VeryDissatisfied => "level-very-dissatisfied",
    }
}

/// The Fluent id of an evaluation problem.
pub fn error_id(error: Error) -> &'static str {
    match error {
        Error::NoLevel => "evaluate-no-level",
        Error::NoReason => "evaluate-no-reason",
        Error::Portal(id) => id,
    }
}

/// The pictogram of each level: five faces whose mouths differ.
pub fn level_face(level: Level) -> &'static str {
    match level {
        Level::VerySatisfied => "face-very-satisfied",
        Level::Satisfied => "face-satisfied",
        Level::BasicallySatisfied => "face-basically-satisfied",
        Level::Dissatisfied => "face-dissatisfied",
        Level::VeryDissatisfied => "face-very-dissatisfied",
    }
}

/// Whether the screen now asks for the reasons of a bad rating (its second page).
pub fn asks_reasons(state: &State) -> bool {
    state.level.is_some_and(Level::is_bad)
}

/// The size of the faces' words: body text, or the smaller size where a word
/// would not fit the width of a face (long English words at the largest text).
fn face_words_size(cx: &Context<'_>) -> f32 {
    let z = cx.sizes;
    let lang = cx.lang();
    let n = Level::ALL.len() as f32;
    let inner = (z.content_width() - z.gap * (n - 1.0)) / n - 2.0 * z.button_padding;
    let fits =
        Level::ALL.iter().all(|l| fit::measure(&t(lang, level_id(*l)), z.body, FONT, inner).width <= inner);
    if fits { z.body } else { z.small }
}

fn all_reasons<'a>(cx: &Context<'a>) -> &'a [Reason] {
    cx.reference.reasons.as_ref().map(|r| r.reasons.as_slice()).unwrap_or_default()
}

/// The reasons of a bad rating in pages that fit under the question (ranges of the reason list).
fn reason_pages(state: &State, cx: &Context<'_>) -> Vec<Range<usize>> {
    let z = cx.sizes;
    let lang = cx.lang();
    let reasons = all_reasons(cx);
    let per_row = reasons_per_row(z.step);
    let width = z.content_width();
    let column = (width - z.gap * (per_row - 1) as f32) / per_row as f32;
    let rows: Vec<f32> = reasons
        .chunks(per_row)
        .map(|chunk| {
            chunk
                .iter()
                .map(|r| z.wrapped_button_height(r.label.get(lang.code()), column, true))
                .fold(0.0, f32::max)
        })
        .collect();
    let question = {
        let words = width - z.button_width(&t(lang, "evaluate-skip"), FONT, false) - z.gap;
        let level = state.level.map(|l| t(lang, level_id(l))).unwrap_or_default();
        let chosen = tw(lang, "evaluate-chosen", &[("level", level.into())]);
        (fit::height(&chosen, z.small, FONT, words)
            + fit::height(&t(lang, "evaluate-reasons"), z.body, FONT, words))
        .max(z.button_height())
    };
    let error = state.error.map_or(0.0, |e| {
        let words = width - 4.0 * z.button_padding - z.icon - z.gap;
        fit::height(&t(lang, error_id(e)), z.body, FONT, words) + 4.0 * z.button_padding + z.gap
    });
    let budget = cx.content_height() - question - z.gap - error;
    fit::pages(&rows, z.gap, budget, z.gap + z.button_height())
        .into_iter()
        .map(|p| p.start * per_row..(p.end * per_row).min(reasons.len()))
        .collect()
}

pub fn title(cx: &Context<'_>) -> String {
    t(cx.lang(), "evaluate-title")
}

/// The faces (or, after a bad rating, the reasons of the page), 不评价了 and 提交评价.
pub fn controls(state: &State, cx: &Context<'_>) -> Vec<Control<Message>> {
    let lang = cx.lang();
    let mut out: Vec<Control<Message>> = if asks_reasons(state) {
        let shown = state.layout.reason_pages.get(state.page).cloned().unwrap_or(0..0);
        let mut out: Vec<Control<Message>> = all_reasons(cx)
            .iter()
            .enumerate()
            .filter(|(i, _)| shown.contains(i))
            .map(|(i, r)| {
                let label = r.label.get(lang.code()).to_owned();
                Control::action(ControlId::Reason(i), label, Message::ToggleReason(r.code.clone()))
                    .selected(state.reasons.contains(&r.code))
            })
            .collect();
        out.extend(widgets::page_controls(lang, state.page, state.layout.reason_pages.len(), Message::Page));
        out
    } else {
        Level::ALL
            .iter()
            .enumerate()
            .map(|(i, l)| {
                Control::option(
                    ControlId::Face(*l),
                    t(lang, level_id(*l)),
                    i + 1,
                    state.level == Some(*l),
                    Message::Rate(*l),
                )
            })
            .collect()
    };
    out.push(Control::action(ControlId::Skip, t(lang, "evaluate-skip"), Message::Skip));
    out.push(Control::action(ControlId::Primary, t(lang, "evaluate-send"), Message::Send));
    out
}

pub fn script(state: &State, cx: &Context<'_>) -> Vec<String> {
    let lang = cx.lang();
    match state.level.filter(|_| asks_reasons(state)) {
        Some(level) => {
            let mut out = vec![
                tw(lang, "evaluate-chosen", &[("level", t(lang, level_id(level)).into())]),
                t(lang, "evaluate-reasons"),
            ];
            out.extend(crate::ui::voice::page_line(lang, state.page, state.layout.reason_pages.len()));
            out
        }
        None => {
            let mut out = vec![t(lang, "evaluate-ask")];
            out.extend(Level::ALL.iter().enumerate().map(|(i, l)| {
                tw(lang, "speech-choice", &[("n", (i + 1).into()), ("label", t(lang, level_id(*l)).into())])
            }));
            out
        }
    }
}

pub fn problem(state: &State, cx: &Context<'_>) -> Option<String> {
    state.error.map(|e| t(cx.lang(), error_id(e)))
}

/// The rating and the reasons ticked, as said (「已选：不满意、等太久」).
pub fn selection(state: &State, cx: &Context<'_>) -> Option<String> {
    let lang = cx.lang();
    let mut said = vec![t(lang, level_id(state.level?))];
    said.extend(
        all_reasons(cx)
            .iter()
            .filter(|x| state.reasons.contains(&x.code))
            .map(|x| x.label.get(lang.code()).to_owned()),
    );
    Some(tw(lang, "speech-selected", &[("label", said.join("、").into())]))
}

pub fn view<'a>(state: &'a State, cx: &Context<'a>) -> Element<'a, Message> {
    let z = cx.look();
    let lang = cx.lang();
    let controls = controls(state, cx);
    let mut content = Column::new().spacing(z.gap);
    if let Some(level) = state.level.filter(|_| asks_reasons(state)) {
        // A bad rating: one question on its own page — what went wrong. 不评价了
        // sits beside the question so the reasons keep the screen's height.
        let question = column![
            small(tw(lang, "evaluate-chosen", &[("level", t(lang, level_id(level)).into())]), &z),
            body(t(lang, "evaluate-reasons"), &z)
        ];
        content = content.push(
            row![
                question.width(Length::Fill),
                widgets::control_of(&controls, ControlId::Skip, None, Kind::Secondary, &z)
            ]
            .spacing(z.gap)
            .align_y(iced::Alignment::Center),
        );
        let reasons: Vec<&Control<Message>> =
            controls.iter().filter(|c| matches!(c.id, ControlId::Reason(_))).collect();
        let mut grid = Column::new().spacing(z.gap);
        for chunk in reasons.chunks(reasons_per_row(z.step)) {
            grid = grid.push(
                Row::with_children(
                    chunk
                        .iter()
                        .map(|c| widgets::control(c, None, Kind::Secondary, &z).width(Length::Fill).into()),
                )
                .spacing(z.gap),
            );
        }
        content = content.push(grid);
        let pages = state.layout.reason_pages.len();
        if pages > 1 {
            content = content.push(widgets::pager(lang, &controls, state.page, pages, &z));
        }
    } else {
        let faces = Row::with_children(Level::ALL.iter().filter_map(|&level| {
            let c = find(&controls, ControlId::Face(level))?;
            let kind = if c.selected { Kind::Selected } else { Kind::Secondary };
            let face = column![
                crate::ui::pictogram::view(level_face(level), z.tile_icon),
                text(c.label.clone())
                    .size(state.layout.face_words)
                    .line_height(crate::ui::sizes::LINE_HEIGHT)
            ]
            .align_x(iced::Alignment::Center)
            .spacing(z.gap / 2.0)
            .width(Length::Fill);
            let face = iced::widget::button(widgets::target_content(face))
                .padding((z.button_padding - crate::ui::theme::RING_ROOM).max(0.0))
                .width(Length::Fill)
                .style(move |t: &iced::Theme, s| match kind {
                    Kind::Selected => crate::ui::theme::selected(t, s),
                    _ => crate::ui::theme::secondary(t, s),
                })
                .on_press_maybe(c.on_press.clone());
            Some(widgets::ringed(face, z.is_focused(c.id)).width(Length::Fill).into())
        }))
        .spacing(z.gap);
        content = content.push(body(t(lang, "evaluate-ask"), &z)).push(faces);
    }
    if let Some(error) = state.error {
        content = content.push(message_box(glyph::WARNING, t(lang, error_id(error)), &z));
    }
    if !asks_reasons(state) {
        content = content.push(widgets::control_of(&controls, ControlId::Skip, None, Kind::Secondary, &z));
    }
    content.width(Length::Fill).into()
}
