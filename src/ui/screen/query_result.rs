//! A query's result in large type, paged with big 上一页 / 下一页 (no scrolling).

use std::ops::Range;

use iced::widget::{Column, Row, column, container, text};
use iced::{Element, Length};

use crate::core::model::QueryResult;
use crate::i18n::{t, tw};
use crate::ui::context::Context;
use crate::ui::control::{Control, ControlId};
use crate::ui::fit;
use crate::ui::theme;
use crate::ui::widgets::{BOLD, FONT, body, small};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    pub page: usize,
    /// The rows on each page.
    pub pages: Vec<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Page(i32),
    /// 看完了.
    Done,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    None,
    Done,
}

pub fn update(state: &mut State, message: Message) -> Action {
    match message {
        Message::Page(delta) => {
            state.page = crate::ui::fit::turn(state.page, delta, state.pages.len());
            Action::None
        }
        Message::Done => Action::Done,
    }
}

/// As many rows to a page as fit under the summary, above the pager and the print line.
pub fn relayout(state: &mut State, cx: &Context<'_>) {
    state.pages = pages(cx);
    state.page = crate::ui::fit::turn(state.page, 0, state.pages.len());
}

pub fn title(cx: &Context<'_>) -> String {
    cx.citizen.query.as_ref().map(|q| q.title.get(cx.lang().code()).to_owned()).unwrap_or_default()
}

pub fn controls(state: &State, cx: &Context<'_>) -> Vec<Control<Message>> {
    let mut out = crate::ui::widgets::page_controls(cx.lang(), state.page, state.pages.len(), Message::Page);
    out.push(Control::action(ControlId::Primary, t(cx.lang(), "query-done"), Message::Done));
    out
}

/// The print line: printed where a printer took the job, else how to keep the page.
fn print_line(cx: &Context<'_>, result: &QueryResult) -> String {
    tw(cx.lang(), print_id(cx), &[("code", result.document.verification_code.as_str().into())])
}

fn print_id(cx: &Context<'_>) -> &'static str {
    if cx.printer { "query-printed" } else { "query-no-printer" }
}

/// The summary, each row of the page with its column labels, where the reader is, and the print line.
pub fn script(state: &State, cx: &Context<'_>) -> Vec<String> {
    let lang = cx.lang();
    let code = lang.code();
    let Some(result) = cx.citizen.query.as_ref() else { return vec![] };
    let shown = state.pages.get(state.page).cloned().unwrap_or(0..0);
    let mut out = vec![result.summary.said(code).to_owned()];
    for row in result.rows.get(shown).unwrap_or_default() {
        let cells: Vec<String> = result
            .columns
            .iter()
            .map(|c| {
                let value =
                    row.get(&c.key).map_or(String::new(), |v| crate::ui::voice::cell_said(lang, c.kind, v));
                format!("{} {value}", c.label.get(code))
            })
            .collect();
        out.push(cells.join("，"));
    }
    if result.rows.is_empty() {
        out.push(t(lang, "query-empty"));
    }
    // Always said here: the pager is always shown (it tells how many pages there are).
    out.push(crate::ui::voice::page_of(lang, state.page, state.pages.len().max(1)));
    let said = crate::ui::voice::code_said(lang, &result.document.verification_code);
    out.push(tw(lang, print_id(cx), &[("code", said.into())]));
    out
}

/// The pages of the result (ranges of its rows).
fn pages(cx: &Context<'_>) -> Vec<Range<usize>> {
    let Some(result) = cx.citizen.query.as_ref() else { return std::iter::once(0..0).collect() };
    let z = cx.sizes;
    let lang = cx.lang();
    let code = lang.code();
    let width = z.content_width();
    let printed = print_line(cx, result);
    let widths = cell_widths(result.columns.len(), width, &z);
    let header = result
        .columns
        .iter()
        .zip(&widths)
        .map(|(c, w)| fit::height(c.label.get(code), z.small, FONT, *w))
        .fold(0.0, f32::max);
    let fixed = fit::height(result.summary.get(code), z.body, FONT, width)
        + header
        + fit::height(&printed, z.small, FONT, width)
        + z.button_height()
        + 3.0 * z.gap
        + z.gap / 2.0;
    let heights: Vec<f32> = result
        .rows
        .iter()
        .map(|r| {
            let cell = |(c, w): (&crate::core::model::Column, &f32)| {
                fit::height(&r.get(&c.key).cloned().unwrap_or_default(), z.body, BOLD, *w)
            };
            result.columns.iter().zip(&widths).map(cell).fold(0.0, f32::max) + z.gap
        })
        .collect();
    let budget = cx.content_height() - fixed;
    // The pager is always shown (it tells how many pages there are): no room to keep for it.
    let mut out = fit::paginate(&heights, z.gap / 2.0, budget);
    if out.is_empty() {
        out.push(0..0);
    }
    out
}

/// The width of each cell of a row card `width` wide (its padding and
/// spacing taken off, the rest shared by the columns' portions).
fn cell_widths(n: usize, width: f32, z: &crate::ui::sizes::Sizes) -> Vec<f32> {
    let inner = width - 2.0 * z.gap - z.gap * n.saturating_sub(1) as f32;
    let shares: u16 = (0..n).map(|i| portion(i, n)).sum();
    (0..n).map(|i| inner * f32::from(portion(i, n)) / f32::from(shares.max(1))).collect()
}

/// Width share of a column: the last (usually a name) gets more room.
fn portion(i: usize, n: usize) -> u16 {
    if i + 1 == n { 2 } else { 1 }
}

pub fn view<'a>(state: &'a State, cx: &Context<'a>) -> Element<'a, Message> {
    let z = cx.look();
    let lang = cx.lang();
    let code = lang.code();
    let Some(result) = cx.citizen.query.as_ref() else { return column![].into() };
    let (shown, page, total) =
        (state.pages.get(state.page).cloned().unwrap_or(0..0), state.page, state.pages.len().max(1));
    let n = result.columns.len();
    let cells = |words: Vec<Element<'a, Message>>| {
        Row::with_children(
            words
                .into_iter()
                .enumerate()
                .map(|(i, w)| container(w).width(Length::FillPortion(portion(i, n))).into()),
        )
        .spacing(z.gap)
    };
    // The column labels once, over the rows (which show the values only).
    let header = cells(result.columns.iter().map(|c| small(c.label.get(code).to_owned(), &z)).collect());
    let mut rows = Column::new().spacing(z.gap / 2.0).push(container(header).padding([0.0, z.gap]));
    for r in result.rows.get(shown).unwrap_or_default() {
        let values = result
            .columns
            .iter()
            .map(|c| {
                text(r.get(&c.key).cloned().unwrap_or_default())
                    .size(z.body)
                    .line_height(crate::ui::sizes::LINE_HEIGHT)
                    .font(BOLD)
                    .into()
            })
            .collect();
        rows = rows.push(
            container(cells(values)).padding([z.gap / 2.0, z.gap]).width(Length::Fill).style(theme::card),
        );
    }
    if result.rows.is_empty() {
        rows = rows.push(body(t(lang, "query-empty"), &z));
    }
    column![
        body(result.summary.get(code).to_owned(), &z),
        rows,
        crate::ui::widgets::pager(lang, &controls(state, cx), page, total, &z),
        small(print_line(cx, result), &z),
    ]
    .spacing(z.gap)
    .width(Length::Fill)
    .into()
}
