//! Identify: tap the ID card on the reader (simulated in demo mode) or type the number.

use iced::widget::{Column, row, text};
use iced::{Element, Length};

use crate::core::validate::Problem;
use crate::i18n::{t, tw};
use crate::ui::app::{App, Message};
use crate::ui::fit;
use crate::ui::widgets::{BOLD, FONT, Kind, action, body, glyph, message_box};

use super::keypad;

/// A card the simulated reader (demo mode only) can read: the seeded,
/// fictional demo citizens, so a newcomer can try every matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoCard {
    pub id_number: String,
    pub name: String,
}

/// The cards of the simulated reader, in the order of the demo data.
pub fn demo_cards() -> &'static [DemoCard] {
    static CARDS: std::sync::OnceLock<Vec<DemoCard>> = std::sync::OnceLock::new();
    CARDS.get_or_init(|| {
        crate::portal::seed::Seed::embedded()
            .map(|s| {
                s.citizens.into_iter().map(|c| DemoCard { id_number: c.id_number, name: c.name }).collect()
            })
            .unwrap_or_default()
    })
}

/// Demo cards offered on the identify screen (fewer where their buttons
/// would not fit one row beside the keypad).
pub const DEMO_CARDS_SHOWN: usize = 3;

/// Demo cards always offered (the scripted walks use the first two).
const DEMO_CARDS_MIN: usize = 2;

/// How many demo cards are offered: as many as fit one row, at least two
/// (their row wraps where two do not fit).
pub fn cards_shown(app: &App) -> usize {
    let z = app.sizes();
    let lang = app.settings.lang;
    let room = z.content_width() - keypad::width(lang, &z) - 2.0 * z.gap;
    let mut used = 0.0;
    let mut n = 0;
    while n < demo_cards().len().min(DEMO_CARDS_SHOWN) {
        let font = if n == 0 { BOLD } else { crate::ui::widgets::FONT };
        used += z.button_width(&card_label(lang, n), font, true) + if n > 0 { z.gap } else { 0.0 };
        if n >= DEMO_CARDS_MIN && used > room {
            break;
        }
        n += 1;
    }
    n
}

/// The label of the simulated reader's button for demo card `n`.
pub fn card_label(lang: crate::i18n::Lang, n: usize) -> String {
    tw(lang, "identify-simulate", &[("n", (n + 1).into())])
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub entry: String,
    pub error: Option<Error>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    Problem(Problem),
    NotFound,
    Rejected,
}

/// The words of an identification problem.
pub fn error_text(lang: crate::i18n::Lang, error: Error) -> String {
    match error {
        Error::Problem(p) => tw(lang, p.message_id(), &[("field", t(lang, "identify-field").into())]),
        Error::NotFound => t(lang, "error-citizen-not-found"),
        Error::Rejected => t(lang, "identify-rejected"),
    }
}

/// What the left of the identify screen shows: the card reader's part, the
/// typed number's part, or (where both fit beside the keypad) both. With the
/// largest text on a small screen the card's part shows until the citizen
/// types, then the number's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    pub card: bool,
    pub entry: bool,
}

pub fn parts(app: &App, state: &State) -> Parts {
    let z = app.sizes();
    let lang = app.settings.lang;
    let width = z.content_width() - keypad::width(lang, &z) - 2.0 * z.gap;
    let body_h = |s: &str| fit::height(s, z.body, FONT, width);
    let card = body_h(&t(lang, "identify-card")) + cards_height(app, &z, width) + z.gap;
    let or_type = body_h(&t(lang, "identify-or-type")) + z.gap;
    let entry = fit::height(&shown_entry(lang, state), z.title, BOLD, width)
        + body_h(&tw(lang, "identify-count", &[("n", state.entry.chars().count().into())]))
        + z.gap
        + state.error.map_or(0.0, |e| {
            let words = width - 4.0 * z.button_padding - z.icon - z.gap;
            fit::height(&error_text(lang, e), z.body, FONT, words) + 4.0 * z.button_padding + z.gap
        });
    if card + or_type + entry <= crate::ui::frame::content_height(app) {
        return Parts { card: true, entry: true };
    }
    let typing = !state.entry.is_empty() || state.error.is_some();
    Parts { card: !typing, entry: typing }
}

/// The height of the demo cards' buttons (their row wraps), with the gap before them.
fn cards_height(app: &App, z: &crate::ui::sizes::Sizes, width: f32) -> f32 {
    if !app.config.terminal.demo_mode {
        return 0.0;
    }
    let lang = app.settings.lang;
    let mut rows = 1;
    let mut used = 0.0;
    for n in 0..cards_shown(app) {
        let w = z.button_width(&card_label(lang, n), BOLD, true);
        if used > 0.0 && used + z.gap + w > width {
            rows += 1;
            used = w;
        } else {
            used += if used > 0.0 { z.gap + w } else { w };
        }
    }
    z.gap + rows as f32 * z.button_height() + (rows - 1) as f32 * z.gap
}

/// The typed number as shown (in groups of four), or 「还没有输入」.
fn shown_entry(lang: crate::i18n::Lang, state: &State) -> String {
    if state.entry.is_empty() { t(lang, "identify-placeholder") } else { keypad::grouped(&state.entry) }
}

pub fn view<'a>(app: &'a App, state: &'a State) -> Element<'a, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    let parts = parts(app, state);
    let mut left = Column::new().spacing(z.gap);
    if parts.card {
        left = left.push(body(t(lang, "identify-card"), &z));
    }
    if parts.card && app.config.terminal.demo_mode {
        let cards = cards_shown(app);
        let mut buttons = iced::widget::Row::new().spacing(z.gap);
        for n in 0..cards {
            let kind = if n == 0 { Kind::Primary } else { Kind::Secondary };
            buttons = buttons.push(action(
                card_label(lang, n),
                Some(glyph::CARD),
                Some(Message::SimulateCard(n)),
                kind,
                &z,
            ));
        }
        left = left.push(buttons.wrap());
    }
    left = left.push(body(t(lang, "identify-or-type"), &z));
    if parts.entry {
        let shown = shown_entry(lang, state);
        left = left.push(text(shown).size(z.title).line_height(crate::ui::sizes::LINE_HEIGHT).font(BOLD));
        left = left.push(body(tw(lang, "identify-count", &[("n", state.entry.chars().count().into())]), &z));
    }
    if let Some(error) = state.error {
        left = left.push(message_box(glyph::WARNING, error_text(lang, error), &z));
    }
    row![left.width(Length::Fill), keypad::view(lang, true, &z)].spacing(z.gap * 2.0).into()
}
