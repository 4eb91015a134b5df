//! Matter intro: what this does, what you need, how long it takes, what it costs.

use std::ops::Range;

use iced::widget::{Column, Row, column, container, text};
use iced::{Element, Length};

use crate::core::model::{Material, Requirement};
use crate::i18n::{Lang, t, tw};
use crate::ui::app::{App, Message};
use crate::ui::fit;
use crate::ui::look::Look;
use crate::ui::sizes::Sizes;
use crate::ui::theme;
use crate::ui::widgets::{BOLD, FONT, body, small};

/// Material cards in one row of the intro.
const MATERIALS_PER_ROW: usize = 2;

/// Material cards in a row: two, or one where a row of two would not fit a
/// page (long names at the largest text).
pub fn per_row(app: &App) -> usize {
    let z = app.sizes();
    let rows = materials(app).len().div_ceil(MATERIALS_PER_ROW);
    let room = page_room(app, &z);
    let fits = (0..rows).all(|r| materials_height(app, &z, r, MATERIALS_PER_ROW) <= room);
    if fits { MATERIALS_PER_ROW } else { 1 }
}

/// The height a page leaves its blocks when it has a pager.
fn page_room(app: &App, z: &Sizes) -> f32 {
    crate::ui::frame::content_height(app) - z.button_height() - z.gap
}

/// The title: the bundle's or the matter's name.
pub fn title(app: &App) -> String {
    let code = app.settings.lang.code();
    if let Some(b) = app.chosen_bundle() {
        return b.name.get(code).to_owned();
    }
    app.session.members.first().map(|m| m.matter.name.get(code).to_owned()).unwrap_or_default()
}

/// The plain-language introduction (also what is spoken first).
pub fn intro_text(app: &App) -> String {
    let code = app.settings.lang.code();
    match app.chosen_bundle() {
        Some(b) => b.intro_spoken.get(code).to_owned(),
        None => app
            .session
            .members
            .first()
            .map(|m| m.matter.intro_spoken.get(code).to_owned())
            .unwrap_or_default(),
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

/// The time and fee lines of the intro.
pub fn facts(app: &App) -> (String, String) {
    let lang = app.settings.lang;
    let mut minutes = 0;
    let mut fees = vec![];
    for m in &app.session.members {
        minutes += m.matter.kiosk_minutes;
        for f in &m.matter.fees {
            fees.push(tw(
                lang,
                "intro-fee",
                &[("name", f.name.get(lang.code()).into()), ("amount", f.amount_cny.as_str().into())],
            ));
            if let Some(w) = &f.waiver {
                fees.push(w.get(lang.code()).to_owned());
            }
        }
    }
    if fees.is_empty() {
        fees.push(t(lang, "intro-free"));
    }
    (tw(lang, "intro-minutes", &[("minutes", minutes.into())]), fees.join(" "))
}

/// Every material of the matter (or bundle) once.
pub fn materials(app: &App) -> Vec<&Material> {
    let mut out: Vec<&Material> = vec![];
    for m in &app.session.members {
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
pub fn blocks(app: &App) -> Vec<Block> {
    let rows = materials(app).len().div_ceil(per_row(app));
    let mut out: Vec<Block> = (0..fit::sentences(&intro_text(app)).len()).map(Block::Text).collect();
    out.extend((0..rows).map(Block::Materials));
    out.push(Block::Facts);
    out
}

/// The blocks on each page: one page when everything fits the content area.
pub fn pages(app: &App) -> Vec<Range<usize>> {
    let z = app.sizes();
    let all = blocks(app);
    if page_height(app, &z, &all) <= crate::ui::frame::content_height(app) {
        return std::iter::once(0..all.len()).collect();
    }
    // Greedy: each page takes blocks while they fit above the pager.
    let room = page_room(app, &z);
    let mut pages = vec![];
    let mut start = 0;
    for end in 1..=all.len() {
        if end - start > 1 && page_height(app, &z, &all[start..end]) > room {
            pages.push(start..end - 1);
            start = end - 1;
        }
    }
    pages.push(start..all.len());
    pages
}

/// The height of a page of these blocks: its sentences as one paragraph,
/// then the other blocks, a gap apart.
fn page_height(app: &App, z: &Sizes, blocks: &[Block]) -> f32 {
    let mut parts: Vec<f32> =
        blocks.iter().filter(|b| !matches!(b, Block::Text(_))).map(|b| block_height(app, z, *b)).collect();
    if let Some(paragraph) = paragraph(app, blocks) {
        parts.push(fit::height(&paragraph, z.body, FONT, z.content_width()));
    }
    parts.iter().sum::<f32>() + z.gap * parts.len().saturating_sub(1) as f32
}

/// The sentences of the intro among `blocks`, joined into one paragraph.
fn paragraph(app: &App, blocks: &[Block]) -> Option<String> {
    let said = fit::sentences(&intro_text(app));
    let joined: String = blocks
        .iter()
        .filter_map(|b| if let Block::Text(i) = b { said.get(*i).cloned() } else { None })
        .collect();
    let joined = joined.trim_end();
    (!joined.is_empty()).then(|| joined.to_owned())
}

/// The height a block takes at these sizes.
fn block_height(app: &App, z: &Sizes, block: Block) -> f32 {
    let width = z.content_width();
    match block {
        Block::Text(i) => fit::height(
            fit::sentences(&intro_text(app)).get(i).map_or("", String::as_str),
            z.body,
            FONT,
            width,
        ),
        Block::Facts => {
            let (minutes, fees) = facts(app);
            fit::height(&format!("{minutes} {fees}"), z.small, FONT, width)
        }
        Block::Materials(row) => materials_height(app, z, row, per_row(app)),
    }
}

/// The height of row `row` of the material cards, `per_row` to a row.
fn materials_height(app: &App, z: &Sizes, row: usize, per_row: usize) -> f32 {
    let lang = app.settings.lang;
    let width = z.content_width();
    let card_width = (width - z.gap / 2.0 * (per_row - 1) as f32) / per_row as f32;
    let words = card_width - 2.0 * z.gap - z.icon - z.gap;
    let card = materials(app)
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

/// What the blocks of a page say, as shown: the page's sentences of the
/// intro as one paragraph, then the other blocks.
pub fn page_lines(app: &App, shown: &[Block]) -> Vec<String> {
    let mut out: Vec<String> = paragraph(app, shown).into_iter().collect();
    out.extend(shown.iter().filter(|b| !matches!(b, Block::Text(_))).flat_map(|b| block_lines(app, *b)));
    out
}

/// What a block says (shown and spoken alike).
fn block_lines(app: &App, block: Block) -> Vec<String> {
    let lang = app.settings.lang;
    match block {
        Block::Text(i) => fit::sentences(&intro_text(app)).get(i).cloned().into_iter().collect(),
        Block::Facts => {
            let (minutes, fees) = facts(app);
            vec![format!("{minutes} {fees}")]
        }
        Block::Materials(row) => {
            let mut out = if row == 0 { vec![t(lang, "intro-materials")] } else { vec![] };
            let n = per_row(app);
            out.extend(materials(app).into_iter().skip(row * n).take(n).map(|m| {
                let (name, note) = material_line(lang, m);
                format!("{name}：{note}")
            }));
            out
        }
    }
}

/// The page shown (clamped to the pages there are) and the number of pages.
pub fn page_of(app: &App, page: usize) -> (Vec<Block>, usize, usize) {
    let all = blocks(app);
    let pages = pages(app);
    let page = page.min(pages.len() - 1);
    (all[pages[page].clone()].to_vec(), page, pages.len())
}

pub fn view(app: &App, page: usize) -> Element<'_, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    let (shown, page, pages) = page_of(app, page);
    let mut content = Column::new().spacing(z.gap).width(Length::Fill);
    if let Some(paragraph) = paragraph(app, &shown) {
        content = content.push(body(paragraph, &z));
    }
    for block in shown.into_iter().filter(|b| !matches!(b, Block::Text(_))) {
        content = content.push(block_view(app, block, &z));
    }
    if pages > 1 {
        content = content.push(crate::ui::widgets::pager(lang, page, pages, Message::Page, &z));
    }
    content.into()
}

fn block_view<'a>(app: &'a App, block: Block, z: &Look) -> Element<'a, Message> {
    let lang = app.settings.lang;
    match block {
        Block::Text(i) => {
            body(fit::sentences(&intro_text(app)).get(i).map_or("", |s| s.trim_end()).to_owned(), z)
        }
        Block::Facts => {
            let (minutes, fees) = facts(app);
            small(format!("{minutes} {fees}"), z)
        }
        Block::Materials(row) => {
            let n = per_row(app);
            let cards: Vec<Element<'_, Message>> =
                materials(app).into_iter().skip(row * n).take(n).map(|m| material_row(lang, m, z)).collect();
            let mut cards: Vec<Element<'_, Message>> = cards;
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
