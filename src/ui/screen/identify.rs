//! Identify: tap the ID card on the reader (simulated in demo mode) or type the number.

use iced::widget::{column, row, text};
use iced::{Element, Length};

use crate::core::validate::Problem;
use crate::i18n::{t, tw};
use crate::ui::app::{App, Message};
use crate::ui::widgets::{BOLD, Kind, action, body, glyph, message_box};

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

pub fn view<'a>(app: &'a App, state: &'a State) -> Element<'a, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    let mut left = column![body(t(lang, "identify-card"), &z)].spacing(z.gap);
    if app.config.terminal.demo_mode {
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
    let shown =
        if state.entry.is_empty() { t(lang, "identify-placeholder") } else { keypad::grouped(&state.entry) };
    left = left.push(text(shown).size(z.title).line_height(crate::ui::sizes::LINE_HEIGHT).font(BOLD));
    left = left.push(body(tw(lang, "identify-count", &[("n", state.entry.chars().count().into())]), &z));
    if let Some(error) = state.error {
        left = left.push(message_box(glyph::WARNING, error_text(lang, error), &z));
    }
    row![left.width(Length::Fill), keypad::view(lang, true, &z)].spacing(z.gap * 2.0).into()
}
