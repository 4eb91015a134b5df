//! Matter intro: what this does, what you need, how long it takes, what it costs.

use std::ops::Range;

use iced::widget::{Column, Row, column, container, text};
use iced::{Element, Length};

use crate::core::model::{Material, Requirement};
use crate::i18n::{Lang, t, tw};
use crate::ui::context::Context;
use crate::ui::control::{Control, ControlId};
use crate::ui::fit;
use crate::ui::look::Look;
use crate::ui::sizes::Sizes;
use crate::ui::theme;
use crate::ui::widgets::{BOLD, FONT, body, small};

/// Material cards in one row of the intro.
const MATERIALS_PER_ROW: usize = 2;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    pub page: usize,
    pub layout: Layout,
}

/// The intro laid out for the window, text size and language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// Material cards in a row.
    pub per_row: usize,
    pub blocks: Vec<Block>,
    /// The blocks on each page.
    pub pages: Vec<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Page(i32),
    /// 开始办理.
    Start,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    None,
    Start,
}

pub fn update(state: &mut State, message: Message) -> Action {
    match message {
        Message::Page(delta) => {
            state.page = crate::ui::fit::turn(state.page, delta, state.layout.pages.len());
            Action::None
        }
        Message::Start => Action::Start,
    }
}

pub fn relayout(state: &mut State, cx: &Context<'_>) {
    let per_row = per_row(cx);
    let blocks = blocks(cx, per_row);
    let pages = pages(cx, per_row, &blocks);
    state.page = crate::ui::fit::turn(state.page, 0, pages.len());
    state.layout = Layout { per_row, blocks, pages };
}

/// Material cards in a row: two, or one where a row of two would not fit a
/// page (long names at the largest text).
fn per_row(cx: &Context<'_>) -> usize {
    let z = cx.sizes;
    let rows = materials(cx).len().div_ceil(MATERIALS_PER_ROW);
    let room = page_room(cx, &z);
    let fits = (0..rows).all(|r| materials_height(cx, &z, r, MATERIALS_PER_ROW) <= room);
    if fits { MATERIALS_PER_ROW } else { 1 }
}

/// The height a page leaves its blocks when it has a pager.
fn page_room(cx: &Context<'_>, z: &Sizes) -> f32 {
    cx.content_height() - z.button_height() - z.gap
}

/// The title: the bundle's or the matter's name.
pub fn title(cx: &Context<'_>) -> String {
    let code = cx.lang().code();
    if let Some(b) = cx.chosen_bundle() {
        return b.name.get(code).to_owned();
    }
    cx.citizen.members.first().map(|m| m.matter.name.get(code).to_owned()).unwrap_or_default()
}

/// The plain-language introduction (also what is spoken first).
pub fn intro_text(cx: &Context<'_>) -> String {
    let code = cx.lang().code();
    match cx.chosen_bundle() {
        Some(b) => b.intro_spoken.get(code).to_owned(),
        None => {
            cx.citizen.members.first().map(|m| m.matter.intro_spoken.get(code).to_owned()).unwrap_or_default()
        }
    }
}

/// Each material's line: its name and what the citizen needs to do about it.
pub fn material_line(lang: Lang, m: &Material) -> (String, String) {
    let code = lang.code();
    let note = if m.obtainable_by_sharing {
        t(lang, "material-shared")
    } else if m.deficiency_tolerated {
        tw(lang, "material-later", &[("days", m.supplement_days.unwrap_or_default().into())])
    } else if m.commitment_substitutable {
        t(lang, "material-commitment")
    } else {
        match m.required {
            Requirement::Required => t(lang, "material-required"),
            Requirement::Optional => t(lang, "material-optional"),
            Requirement::Conditional => {
                m.condition.as_ref().map(|c| c.get(code).to_owned()).unwrap_or_default()
            }
        }
    };
    (m.name.get(code).to_owned(), note)
}

/// The time and fee lines of the intro, as shown.
pub fn facts(cx: &Context<'_>) -> (String, String) {
    facts_as(cx, false)
}

/// The time and fee lines, as shown or (`said`) with the fees in spoken forms (二十元).
fn facts_as(cx: &Context<'_>, said: bool) -> (String, String) {
    let lang = cx.lang();
    let mut minutes = 0;
    let mut fees = vec![];
    for m in &cx.citizen.members {
        minutes += m.matter.kiosk_minutes;
        for f in &m.matter.fees {
            let name = ("name", f.name.get(lang.code()).into());
            fees.push(if said {
                let amount = crate::ui::voice::money_said(lang, &f.amount_cny);
                tw(lang, "intro-fee-said", &[name, ("amount", amount.into())])
            } else {
                tw(lang, "intro-fee", &[name, ("amount", f.amount_cny.as_str().into())])
            });
            if let Some(w) = &f.waiver {
                fees.push(if said { w.said(lang.code()) } else { w.get(lang.code()) }.to_owned());
            }
        }
    }
    if fees.is_empty() {
        fees.push(t(lang, "intro-free"));
    }
    (tw(lang, "intro-minutes", &[("minutes", minutes.into())]), fees.join(" "))
}

/// Every material of the matter (or bundle) once.
pub fn materials<'a>(cx: &Context<'a>) -> Vec<&'a Material> {
    let mut out: Vec<&Material> = vec![];
    for m in &cx.citizen.members {
        for material in &m.matter.materials {
            if !out.iter().any(|x| x.code == material.code) {
                out.push(material);
            }
        }
    }
    out
}

/// One block of the intro, in reading order. Blocks are kept whole; a long
/// intro is split between blocks into pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    /// Sentence N of what the matter does (sentences on one page make one paragraph).
    Text(usize),
    /// Row N of the material cards (the first under 「您需要准备的材料：」).
    Materials(usize),
    /// How long it takes and what it costs.
    Facts,
}

/// The intro's blocks.
fn blocks(cx: &Context<'_>, per_row: usize) -> Vec<Block> {
    let rows = materials(cx).len().div_ceil(per_row);
    let mut out: Vec<Block> = (0..fit::sentences(&intro_text(cx)).len()).map(Block::Text).collect();
    out.extend((0..rows).map(Block::Materials));
    out.push(Block::Facts);
    out
}

/// The blocks on each page: one page when everything fits the content area.
fn pages(cx: &Context<'_>, per_row: usize, all: &[Block]) -> Vec<Range<usize>> {
    let z = cx.sizes;
    if page_height(cx, &z, all, per_row) <= cx.content_height() {
        return std::iter::once(0..all.len()).collect();
    }
    // Greedy: each page takes blocks while they fit above the pager.
    let room = page_room(cx, &z);
    let mut pages = vec![];
    let mut start = 0;
    for end in 1..=all.len() {
        if end - start > 1 && page_height(cx, &z, &all[start..end], per_row) > room {
            pages.push(start..end - 1);
            start = end - 1;
        }
    }
    pages.push(start..all.len());
    pages
}

/// The height of a page of these blocks: its sentences as one paragraph,
/// then the other blocks, a gap apart.
fn page_height(cx: &Context<'_>, z: &Sizes, blocks: &[Block], per_row: usize) -> f32 {
    let mut parts: Vec<f32> = blocks
        .iter()
        .filter(|b| !matches!(b, Block::Text(_)))
        .map(|b| block_height(cx, z, *b, per_row))
        .collect();
    if let Some(paragraph) = paragraph(cx, blocks) {
        parts.push(fit::height(&paragraph, z.body, FONT, z.content_width()));
    }
    parts.iter().sum::<f32>() + z.gap * parts.len().saturating_sub(1) as f32
}

/// The sentences of the intro among `blocks`, joined into one paragraph.
fn paragraph(cx: &Context<'_>, blocks: &[Block]) -> Option<String> {
    let said = fit::sentences(&intro_text(cx));
    let joined: String = blocks
        .iter()
        .filter_map(|b| if let Block::Text(i) = b { said.get(*i).cloned() } else { None })
        .collect();
    let joined = joined.trim_end();
    (!joined.is_empty()).then(|| joined.to_owned())
}

/// The height a block takes at these sizes.
fn block_height(cx: &Context<'_>, z: &Sizes, block: Block, per_row: usize) -> f32 {
    let width = z.content_width();
    match block {
        Block::Text(i) => fit::height(
            fit::sentences(&intro_text(cx)).get(i).map_or("", String::as_str),
            z.body,
            FONT,
            width,
        ),
        Block::Facts => {
            let (minutes, fees) = facts(cx);
            fit::height(&format!("{minutes} {fees}"), z.small, FONT, width)
        }
        Block::Materials(row) => materials_height(cx, z, row, per_row),
    }
}

/// The height of row `row` of the material cards, `per_row` to a row.
fn materials_height(cx: &Context<'_>, z: &Sizes, row: usize, per_row: usize) -> f32 {
    let lang = cx.lang();
    let width = z.content_width();
    let card_width = (width - z.gap / 2.0 * (per_row - 1) as f32) / per_row as f32;
    let words = card_width - 2.0 * z.gap - z.icon - z.gap;
    let card = materials(cx)
        .into_iter()
        .skip(row * per_row)
        .take(per_row)
        .map(|m| {
            let (name, note) = material_line(lang, m);
            let h = fit::height(&name, z.small, BOLD, words) + fit::height(&note, z.small, FONT, words);
            h.max(z.icon) + z.gap
        })
        .fold(0.0, f32::max);
    let heading =
        if row == 0 { fit::height(&t(lang, "intro-materials"), z.small, FONT, width) + z.gap } else { 0.0 };
    heading + card
}

/// The blocks of the page shown.
fn shown(state: &State) -> Vec<Block> {
    let l = &state.layout;
    l.pages.get(state.page).map(|r| l.blocks.get(r.clone()).unwrap_or_default().to_vec()).unwrap_or_default()
}

/// What the blocks of a page say, as shown: the page's sentences of the
/// intro as one paragraph, then the other blocks.
fn page_lines(state: &State, cx: &Context<'_>, shown: &[Block]) -> Vec<String> {
    let mut out: Vec<String> = paragraph(cx, shown).into_iter().collect();
    out.extend(
        shown.iter().filter(|b| !matches!(b, Block::Text(_))).flat_map(|b| block_lines(state, cx, *b)),
    );
    out
}

/// What a block says (as shown, with amounts in spoken forms).
fn block_lines(state: &State, cx: &Context<'_>, block: Block) -> Vec<String> {
    let lang = cx.lang();
    match block {
        Block::Text(i) => fit::sentences(&intro_text(cx)).get(i).cloned().into_iter().collect(),
        Block::Facts => {
            let (minutes, fees) = facts_as(cx, true);
            vec![format!("{minutes} {fees}")]
        }
        Block::Materials(row) => {
            let mut out = if row == 0 { vec![t(lang, "intro-materials")] } else { vec![] };
            let n = state.layout.per_row.max(1);
            out.extend(materials(cx).into_iter().skip(row * n).take(n).map(|m| {
                let (name, note) = material_line(lang, m);
                format!("{name}：{note}")
            }));
            out
        }
    }
}

pub fn controls(state: &State, cx: &Context<'_>) -> Vec<Control<Message>> {
    let mut out =
        crate::ui::widgets::page_controls(cx.lang(), state.page, state.layout.pages.len(), Message::Page);
    out.push(Control::action(ControlId::Primary, t(cx.lang(), "intro-start"), Message::Start));
    out
}

pub fn script(state: &State, cx: &Context<'_>) -> Vec<String> {
    let mut out = page_lines(state, cx, &shown(state));
    out.extend(crate::ui::voice::page_line(cx.lang(), state.page, state.layout.pages.len()));
    out
}

pub fn view<'a>(state: &'a State, cx: &Context<'a>) -> Element<'a, Message> {
    let z = cx.look();
    let lang = cx.lang();
    let shown = shown(state);
    let pages = state.layout.pages.len();
    let mut content = Column::new().spacing(z.gap).width(Length::Fill);
    if let Some(paragraph) = paragraph(cx, &shown) {
        content = content.push(body(paragraph, &z));
    }
    for block in shown.into_iter().filter(|b| !matches!(b, Block::Text(_))) {
        content = content.push(block_view(state, cx, block, &z));
    }
    if pages > 1 {
        content = content.push(crate::ui::widgets::pager(lang, &controls(state, cx), state.page, pages, &z));
    }
    content.into()
}

fn block_view<'a>(state: &State, cx: &Context<'a>, block: Block, z: &Look) -> Element<'a, Message> {
    let lang = cx.lang();
    match block {
        Block::Text(i) => {
            body(fit::sentences(&intro_text(cx)).get(i).map_or("", |s| s.trim_end()).to_owned(), z)
        }
        Block::Facts => {
            let (minutes, fees) = facts(cx);
            small(format!("{minutes} {fees}"), z)
        }
        Block::Materials(row) => {
            let n = state.layout.per_row.max(1);
            let mut cards: Vec<Element<'a, Message>> =
                materials(cx).into_iter().skip(row * n).take(n).map(|m| material_row(lang, m, z)).collect();
            // A lone card in the last row keeps the width of the others.
            while cards.len() < n {
                cards.push(iced::widget::Space::new().width(Length::FillPortion(1)).into());
            }
            let cards = Row::with_children(cards).spacing(z.gap / 2.0);
            if row == 0 {
                column![small(t(lang, "intro-materials"), z), cards].spacing(z.gap).into()
            } else {
                cards.into()
            }
        }
    }
}
fn material_row<'a>(lang: Lang, m: &Material, z: &Look) -> Element<'a, Message> {
    let (name, note) = material_line(lang, m);
    let words = column![
        text(name).size(z.small).line_height(crate::ui::sizes::LINE_HEIGHT).font(BOLD),
        text(note).size(z.small).line_height(crate::ui::sizes::LINE_HEIGHT)
    ];
    container(
        iced::widget::row![crate::ui::pictogram::view(&m.pictogram, z.icon), words]
            .spacing(z.gap)
            .align_y(iced::Alignment::Center),
    )
    .padding([z.gap / 2.0, z.gap])
    .width(Length::FillPortion(1))
    .style(theme::card)
    .into()
}
