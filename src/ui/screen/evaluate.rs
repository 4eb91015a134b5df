//! 好差评: five faces with words; a bad rating asks for reasons.

use std::ops::Range;

use iced::widget::{Column, Row, column, row, text};
use iced::{Element, Length};

use crate::core::model::Level;
use crate::i18n::{t, tw};
use crate::ui::app::{App, Message};
use crate::ui::fit;
use crate::ui::widgets::{FONT, Kind, action, body, glyph, message_box, small};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub level: Option<Level>,
    pub reasons: Vec<String>,
    /// The page of the reasons (where they do not all fit).
    pub page: usize,
    pub error: Option<Error>,
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
fn face_words_size(app: &App) -> f32 {
    let z = app.sizes();
    let lang = app.settings.lang;
    let n = Level::ALL.len() as f32;
    let inner = (z.content_width() - z.gap * (n - 1.0)) / n - 2.0 * z.button_padding;
    let fits =
        Level::ALL.iter().all(|l| fit::measure(&t(lang, level_id(*l)), z.body, FONT, inner).width <= inner);
    if fits { z.body } else { z.small }
}

/// The reasons of a bad rating in pages that fit under the question: the
/// reasons shown (a range of the reason list), the page and the number of pages.
pub fn reasons_page(app: &App, state: &State) -> (Range<usize>, usize, usize) {
    let z = app.sizes();
    let lang = app.settings.lang;
    let reasons = app.reference.reasons.as_ref().map(|r| r.reasons.as_slice()).unwrap_or_default();
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
    let budget = crate::ui::frame::content_height(app) - question - z.gap - error;
    let pages = fit::pages(&rows, z.gap, budget, z.gap + z.button_height());
    let page = state.page.min(pages.len() - 1);
    let shown = pages[page].start * per_row..(pages[page].end * per_row).min(reasons.len());
    (shown, page, pages.len())
}

pub fn view<'a>(app: &'a App, state: &'a State) -> Element<'a, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    let mut content = Column::new().spacing(z.gap);
    if let Some(level) = state.level.filter(|_| asks_reasons(state)) {
        // A bad rating: one question on its own page — what went wrong. 不评价了
        // sits beside the question so the reasons keep the screen's height.
        let question = column![
            small(tw(lang, "evaluate-chosen", &[("level", t(lang, level_id(level)).into())]), &z),
            body(t(lang, "evaluate-reasons"), &z)
        ];
        content = content.push(
            row![question.width(Length::Fill), skip(lang, &z)]
                .spacing(z.gap)
                .align_y(iced::Alignment::Center),
        );
        let reasons = app.reference.reasons.as_ref().map(|r| r.reasons.as_slice()).unwrap_or_default();
        let (shown, page, pages) = reasons_page(app, state);
        let mut grid = Column::new().spacing(z.gap);
        for chunk in reasons.get(shown).unwrap_or_default().chunks(reasons_per_row(z.step)) {
            grid = grid.push(
                Row::with_children(chunk.iter().map(|r| {
                    let on = state.reasons.contains(&r.code);
                    let kind = if on { Kind::Selected } else { Kind::Secondary };
                    action(
                        r.label.get(lang.code()).to_owned(),
                        on.then_some(glyph::OK),
                        Some(Message::ToggleReason(r.code.clone())),
                        kind,
                        &z,
                    )
                    .width(Length::Fill)
                    .into()
                }))
                .spacing(z.gap),
            );
        }
        content = content.push(grid);
        if pages > 1 {
            content = content.push(crate::ui::widgets::pager(lang, page, pages, Message::Page, &z));
        }
    } else {
        let words = face_words_size(app);
        let faces = Row::with_children(Level::ALL.iter().map(|&level| {
            let kind = if state.level == Some(level) { Kind::Selected } else { Kind::Secondary };
            let focused = z.is_focused(&Message::Rate(level));
            let face = column![
                crate::ui::pictogram::view(level_face(level), z.tile_icon),
                text(t(lang, level_id(level))).size(words).line_height(crate::ui::sizes::LINE_HEIGHT)
            ]
            .align_x(iced::Alignment::Center)
            .spacing(z.gap / 2.0)
            .width(Length::Fill);
            let face = iced::widget::button(crate::ui::widgets::target_content(face))
                .padding((z.button_padding - crate::ui::theme::RING_ROOM).max(0.0))
                .width(Length::Fill)
                .style(move |t: &iced::Theme, s| match kind {
                    Kind::Selected => crate::ui::theme::selected(t, s),
                    _ => crate::ui::theme::secondary(t, s),
                })
                .on_press(Message::Rate(level));
            crate::ui::widgets::ringed(face, focused).width(Length::Fill).into()
        }))
        .spacing(z.gap);
        content = content.push(body(t(lang, "evaluate-ask"), &z)).push(faces);
    }
    if let Some(error) = state.error {
        content = content.push(message_box(glyph::WARNING, t(lang, error_id(error)), &z));
    }
    if !asks_reasons(state) {
        content = content.push(skip(lang, &z));
    }
    content.width(Length::Fill).into()
}

/// 不评价了: leave without rating.
fn skip<'a>(lang: crate::i18n::Lang, z: &crate::ui::look::Look) -> Element<'a, Message> {
    action(t(lang, "evaluate-skip"), None, Some(Message::Finish), Kind::Secondary, z).into()
}
