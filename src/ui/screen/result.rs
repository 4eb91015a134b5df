//! Result: the case number (办件编号), what happens next and by when. A
//! bundle's cases stand side by side when they fit, else one to a page.

use iced::widget::{Column, Row, container};
use iced::{Element, Length};

use crate::core::model::Application;
use crate::i18n::{t, tw};
use crate::ui::context::Context;
use crate::ui::control::{Control, ControlId};
use crate::ui::fit;
use crate::ui::look::Look;
use crate::ui::sizes::Sizes;
use crate::ui::theme;
use crate::ui::voice::{code_said, date_said};
use crate::ui::widgets::{BOLD, FONT, body, huge, small};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    pub page: usize,
    pub layout: Layout,
}

/// The cases laid out for the window: side by side (one page) or one after the other in pages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub side_by_side: bool,
    pub pages: Vec<Vec<Block>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Page(i32),
    /// 继续: on to the evaluation.
    Continue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    None,
    Continue,
}

pub fn update(state: &mut State, message: Message) -> Action {
    match message {
        Message::Page(delta) => {
            state.page = crate::ui::fit::turn(state.page, delta, state.layout.pages.len());
            Action::None
        }
        Message::Continue => Action::Continue,
    }
}

pub fn relayout(state: &mut State, cx: &Context<'_>) {
    let (side_by_side, pages) = layout(cx);
    state.page = crate::ui::fit::turn(state.page, 0, pages.len());
    state.layout = Layout { side_by_side, pages };
}

pub fn title(cx: &Context<'_>) -> String {
    t(cx.lang(), "result-title")
}

pub fn controls(state: &State, cx: &Context<'_>) -> Vec<Control<Message>> {
    let mut out =
        crate::ui::widgets::page_controls(cx.lang(), state.page, state.layout.pages.len(), Message::Page);
    out.push(Control::action(ControlId::Primary, t(cx.lang(), "result-continue"), Message::Continue));
    out
}

/// What the page says: its case lines (numbers character by character) and the receipt line.
pub fn script(state: &State, cx: &Context<'_>) -> Vec<String> {
    let shown = state.layout.pages.get(state.page).cloned().unwrap_or_default();
    let mut out = spoken(cx, &shown);
    out.extend(crate::ui::voice::page_line(cx.lang(), state.page, state.layout.pages.len()));
    out
}

/// One block of the result screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    /// Line N of the card of case C: (C, N).
    Line(usize, usize),
    /// What to do about the receipt: take it from the printer, or note the number.
    Receipt,
}

/// The receipt line: printing where a printer took the job, else how to keep the number.
fn receipt_line(cx: &Context<'_>) -> String {
    t(cx.lang(), if cx.printer { "result-receipt" } else { "result-no-printer" })
}

/// How big a line of a case card is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Size {
    Small,
    Body,
    Huge,
}

/// A line of a case card: its size, its words as shown and as said (the
/// case number and the lookup code digit by digit).
struct Line {
    size: Size,
    shown: String,
    spoken: String,
}

fn line(size: Size, shown: String) -> Line {
    Line { size, spoken: shown.clone(), shown }
}

/// The lines of a case card: what it is, its number and lookup code, then what happens next.
fn card_lines(cx: &Context<'_>, case: &Application) -> Vec<Line> {
    let lang = cx.lang();
    let code = lang.code();
    let name = cx.member_name(&case.matter_id);
    let mut out = vec![
        line(Size::Small, tw(lang, "result-case-no", &[("matter", name.into())])),
        Line {
            size: Size::Huge,
            shown: case.case_no.clone(),
            spoken: tw(lang, "speech-case-no", &[("digits", code_said(lang, &case.case_no).into())]),
        },
        // The lookup code stays with the case number, on the same page.
        Line {
            size: Size::Small,
            shown: tw(lang, "result-lookup", &[("code", case.lookup_code.as_str().into())]),
            spoken: tw(lang, "result-lookup", &[("code", code_said(lang, &case.lookup_code).into())]),
        },
    ];
    let portal = |size, text: &crate::core::model::Text| Line {
        size,
        shown: text.get(code).to_owned(),
        spoken: text.said(code).to_owned(),
    };
    if let Some(outcome) = &case.outcome {
        out.push(portal(Size::Body, outcome));
    }
    out.push(portal(Size::Body, &case.next_steps));
    if let Some(by) = &case.promised_by {
        let shown = super::review::format_date(lang, by);
        out.push(Line {
            size: Size::Small,
            shown: tw(lang, "result-promised-by", &[("date", shown.into())]),
            spoken: tw(lang, "result-promised-by", &[("date", date_said(cx, by).into())]),
        });
    }
    for d in &case.deferred_materials {
        let shown = super::review::format_date(lang, &d.due_by);
        let name = d.name.get(code);
        out.push(Line {
            size: Size::Small,
            shown: tw(lang, "result-deferred", &[("name", name.into()), ("date", shown.into())]),
            spoken: tw(
                lang,
                "result-deferred",
                &[("name", name.into()), ("date", date_said(cx, &d.due_by).into())],
            ),
        });
    }
    out
}

fn px(z: &Sizes, size: Size) -> (f32, iced::Font) {
    match size {
        Size::Small => (z.small, FONT),
        Size::Body => (z.body, FONT),
        Size::Huge => (z.huge, BOLD),
    }
}

/// The heights of a case card's lines `inner` wide, or None when its case
/// number does not fit on one line.
fn line_heights(cx: &Context<'_>, z: &Sizes, case: &Application, inner: f32) -> Option<Vec<f32>> {
    card_lines(cx, case)
        .iter()
        .map(|l| {
            let (s, font) = px(z, l.size);
            let fits = l.size != Size::Huge || fit::width(&l.shown, s, font) <= inner;
            fits.then(|| fit::height(&l.shown, s, font, inner))
        })
        .collect()
}

/// A card's height: its lines, half a gap apart, and its padding.
fn card_height(z: &Sizes, lines: &[f32]) -> f32 {
    lines.iter().sum::<f32>() + z.gap / 2.0 * lines.len().saturating_sub(1) as f32 + 2.0 * z.gap
}

/// Whether the cases stand side by side, and the blocks of each page.
fn layout(cx: &Context<'_>) -> (bool, Vec<Vec<Block>>) {
    let z = cx.sizes;
    let cases = &cx.citizen.cases;
    let n = cases.len();
    let width = z.content_width();
    let budget = cx.content_height();
    let receipt = fit::height(&receipt_line(cx), z.small, FONT, width);
    let all_lines = |c: usize| (0..card_lines(cx, &cases[c]).len()).map(move |l| Block::Line(c, l));
    if n > 0 {
        let each = (width - z.gap * (n - 1) as f32) / n as f32;
        let row = cases
            .iter()
            .map(|c| line_heights(cx, &z, c, each - 2.0 * z.gap).map(|h| card_height(&z, &h)))
            .try_fold(0.0_f32, |m, h| h.map(|h| m.max(h)));
        if row.is_some_and(|h| h + z.gap + receipt <= budget) {
            let mut blocks: Vec<Block> = (0..n).flat_map(all_lines).collect();
            blocks.push(Block::Receipt);
            return (true, vec![blocks]);
        }
    }
    // One card after the other, full width, split between lines where a page ends.
    let page_budget = budget - z.button_height() - z.gap;
    let inner = width - 2.0 * z.gap;
    let mut pages = vec![];
    let mut page: Vec<Block> = vec![];
    let mut used = 0.0;
    for (c, case) in cases.iter().enumerate() {
        let heights = line_heights(cx, &z, case, inner).unwrap_or_else(|| vec![page_budget; 2]);
        let mut card_open = false;
        for (l, h) in heights.into_iter().enumerate() {
            // A new card on this page costs its padding and a gap before it.
            let extra =
                if card_open { z.gap / 2.0 } else { 2.0 * z.gap + if page.is_empty() { 0.0 } else { z.gap } };
            if !page.is_empty() && used + extra + h > page_budget {
                pages.push(std::mem::take(&mut page));
                used = 2.0 * z.gap + h;
            } else {
                used += extra + h;
            }
            card_open = true;
            page.push(Block::Line(c, l));
        }
    }
    if !page.is_empty() && used + z.gap + receipt > page_budget {
        pages.push(std::mem::take(&mut page));
    }
    page.push(Block::Receipt);
    pages.push(page);
    (false, pages)
}

/// What the blocks on a page say.
fn spoken(cx: &Context<'_>, blocks: &[Block]) -> Vec<String> {
    let mut lines: Vec<(usize, Vec<Line>)> = vec![];
    let mut out = vec![];
    for block in blocks {
        match *block {
            Block::Line(c, l) => {
                if !lines.iter().any(|(i, _)| *i == c) {
                    lines.push((
                        c,
                        cx.citizen.cases.get(c).map(|case| card_lines(cx, case)).unwrap_or_default(),
                    ));
                }
                if let Some(line) = lines.iter().find(|(i, _)| *i == c).and_then(|(_, ls)| ls.get(l)) {
                    out.push(line.spoken.clone());
                }
            }
            Block::Receipt => out.push(receipt_line(cx)),
        }
    }
    out
}

pub fn view<'a>(state: &'a State, cx: &Context<'a>) -> Element<'a, Message> {
    let z = cx.look();
    let lang = cx.lang();
    let side_by_side = state.layout.side_by_side;
    let pages = state.layout.pages.len();
    let page = state.page;
    let shown = state.layout.pages.get(page).cloned().unwrap_or_default();
    // Consecutive lines of a case share one card.
    let mut cards: Vec<(usize, Vec<Line>)> = vec![];
    let mut receipt = false;
    for block in shown {
        match block {
            Block::Line(c, l) => {
                let Some(case) = cx.citizen.cases.get(c) else { continue };
                let Some(line) = card_lines(cx, case).into_iter().nth(l) else { continue };
                match cards.last_mut() {
                    Some((last, lines)) if *last == c => lines.push(line),
                    _ => cards.push((c, vec![line])),
                }
            }
            Block::Receipt => receipt = true,
        }
    }
    let cards: Vec<Element<'a, Message>> = cards.into_iter().map(|(_, lines)| card(lines, &z)).collect();
    let cards: Element<'a, Message> = if side_by_side {
        Row::with_children(cards).spacing(z.gap).into()
    } else {
        Column::with_children(cards).spacing(z.gap).into()
    };
    let mut content = Column::new().push(cards).spacing(z.gap).width(Length::Fill);
    if receipt {
        content = content.push(small(receipt_line(cx), &z));
    }
    if pages > 1 {
        content = content.push(crate::ui::widgets::pager(lang, &controls(state, cx), page, pages, &z));
    }
    content.into()
}

fn card<'a>(lines: Vec<Line>, z: &Look) -> Element<'a, Message> {
    let lines = lines.into_iter().map(|l| match l.size {
        Size::Small => small(l.shown, z),
        Size::Body => body(l.shown, z),
        Size::Huge => huge(l.shown, z),
    });
    container(Column::with_children(lines).spacing(z.gap / 2.0))
        .padding(z.gap)
        .width(Length::FillPortion(1))
        .style(theme::card)
        .into()
}
