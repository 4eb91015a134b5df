//! Identify: tap the ID card on the reader (simulated in demo mode) or type the number.

use iced::widget::{Column, row, text};
use iced::{Element, Length};

use crate::core::model::IdentityMethod;
use crate::core::validate::{ID_LEN, IdNumber, Problem};
use crate::i18n::{Lang, t, tw};
use crate::ui::context::Context;
use crate::ui::control::{Control, ControlId};
use crate::ui::fit;
use crate::ui::sizes::Sizes;
use crate::ui::widgets::{BOLD, FONT, Kind, body, glyph, message_box};

use super::keypad::{self, Key};

/// Demo cards offered on the identify screen (fewer where their buttons
/// would not fit one row beside the keypad).
pub const DEMO_CARDS_SHOWN: usize = 3;

/// Demo cards always offered (the scripted walks use the first two).
const DEMO_CARDS_MIN: usize = 2;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    pub entry: crate::core::personal::Typing,
    pub error: Option<Error>,
    /// Why identification is asked now, when not at the start (the Fluent id
    /// of a line said first and shown above the card reader): asked again
    /// because the portal no longer accepts it, or asked before submitting a
    /// form filled in while the portal was down. Either way the answers are kept.
    pub note: Option<&'static str>,
    pub layout: Layout,
}

impl State {
    /// The screen that asks a citizen to identify again, keeping their answers.
    pub fn again() -> State {
        State { note: Some("identify-again"), ..State::default() }
    }

    /// The screen that asks a citizen who filled in the form first to identify before it is sent.
    pub fn to_submit() -> State {
        State { note: Some("identify-to-submit"), ..State::default() }
    }
}

/// What the screen shows, for the window, text size and what has been typed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    pub parts: Parts,
    /// Demo cards offered (demo mode).
    pub cards: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    Problem(Problem),
    NotFound,
    Rejected,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// The simulated reader read demo card N.
    SimulateCard(usize),
    Key(Key),
    /// The typed number is complete: identify.
    Confirm,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    None,
    Identify { method: IdentityMethod, id_number: String, name: Option<String> },
}

pub fn update(state: &mut State, message: Message, cx: &Context<'_>) -> Action {
    match message {
        Message::SimulateCard(n) => {
            match cx.config.demo.cards.get(n).filter(|_| cx.config.terminal.demo_mode) {
                Some(card) => Action::Identify {
                    method: IdentityMethod::CardRead,
                    id_number: card.id_number.clone(),
                    name: Some(card.name.clone()),
                },
                None => Action::None,
            }
        }
        Message::Key(key) => {
            keypad::apply(&mut state.entry, key, ID_LEN);
            state.error = None;
            Action::None
        }
        Message::Confirm => match IdNumber::parse(&state.entry, cx.today) {
            Ok(id) => Action::Identify {
                method: IdentityMethod::TypedNumber,
                id_number: id.as_str().to_owned(),
                name: None,
            },
            Err(problem) => {
                state.error = Some(Error::Problem(problem));
                Action::None
            }
        },
    }
}

/// The words of an identification problem.
pub fn error_text(lang: Lang, error: Error) -> String {
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Parts {
    pub card: bool,
    pub entry: bool,
}

pub fn relayout(state: &mut State, cx: &Context<'_>) {
    let cards = cards_shown(cx);
    state.layout = Layout { cards, parts: parts(state, cx, cards) };
}

/// How many demo cards are offered: as many as fit one row, at least two
/// (their row wraps where two do not fit).
fn cards_shown(cx: &Context<'_>) -> usize {
    if !cx.config.terminal.demo_mode {
        return 0;
    }
    let z = cx.sizes;
    let lang = cx.lang();
    let room = z.content_width() - keypad::width(lang, &z) - 2.0 * z.gap;
    let available = cx.config.demo.cards.len().min(DEMO_CARDS_SHOWN);
    let mut used = 0.0;
    let mut n = 0;
    while n < available {
        let font = if n == 0 { BOLD } else { FONT };
        used += z.button_width(&card_label(lang, n), font, true) + if n > 0 { z.gap } else { 0.0 };
        if n >= DEMO_CARDS_MIN && used > room {
            break;
        }
        n += 1;
    }
    n
}

/// The label of the simulated reader's button for demo card `n`.
pub fn card_label(lang: Lang, n: usize) -> String {
    tw(lang, "identify-simulate", &[("n", (n + 1).into())])
}

fn parts(state: &State, cx: &Context<'_>, cards: usize) -> Parts {
    let z = cx.sizes;
    let lang = cx.lang();
    let width = z.content_width() - keypad::width(lang, &z) - 2.0 * z.gap;
    let body_h = |s: &str| fit::height(s, z.body, FONT, width);
    let card = body_h(&t(lang, "identify-card")) + cards_height(lang, cards, &z, width) + z.gap;
    let or_type = body_h(&t(lang, "identify-or-type"))
        + z.gap
        + if let Some(note) = state.note {
            fit::height(&t(lang, note), z.small, FONT, width - z.icon - z.gap).max(z.icon) + z.gap
        } else {
            0.0
        };
    let entry = fit::height(&shown_entry(lang, state), z.title, BOLD, width)
        + body_h(&count_line(lang, state))
        + z.gap
        + state.error.map_or(0.0, |e| {
            let words = width - 4.0 * z.button_padding - z.icon - z.gap;
            fit::height(&error_text(lang, e), z.body, FONT, words) + 4.0 * z.button_padding + z.gap
        });
    if card + or_type + entry <= cx.content_height() {
        return Parts { card: true, entry: true };
    }
    let typing = !state.entry.is_empty() || state.error.is_some();
    Parts { card: !typing, entry: typing }
}

/// The height of the demo cards' buttons (their row wraps), with the gap before them.
fn cards_height(lang: Lang, cards: usize, z: &Sizes, width: f32) -> f32 {
    if cards == 0 {
        return 0.0;
    }
    let mut rows = 1;
    let mut used = 0.0;
    for n in 0..cards {
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

/// The typed number as shown (grouped as an ID number is read), or 「还没有输入」.
fn shown_entry(lang: Lang, state: &State) -> String {
    if state.entry.is_empty() {
        t(lang, "identify-placeholder")
    } else {
        keypad::grouped(crate::core::model::FieldKind::IdNumber, &state.entry)
    }
}

/// 「已输入 5 位，共 18 位」.
fn count_line(lang: Lang, state: &State) -> String {
    tw(lang, "identify-count", &[("n", state.entry.chars().count().into())])
}

pub fn title(cx: &Context<'_>) -> String {
    t(cx.lang(), "identify-title")
}

/// The demo cards, the keypad's keys and 确认 (which says why it waits until the number is complete).
pub fn controls(state: &State, cx: &Context<'_>) -> Vec<Control<Message>> {
    let lang = cx.lang();
    let mut out: Vec<Control<Message>> = (0..state.layout.cards)
        .map(|n| Control::action(ControlId::DemoCard(n), card_label(lang, n), Message::SimulateCard(n)))
        .collect();
    out.extend(keypad::controls(lang, true).into_iter().map(|c| c.map(Message::Key)));
    let confirm = t(lang, "identify-confirm");
    out.push(if state.entry.chars().count() == ID_LEN {
        Control::action(ControlId::Primary, confirm, Message::Confirm)
    } else {
        Control::disabled(ControlId::Primary, confirm, count_line(lang, state))
    });
    out
}

pub fn script(state: &State, cx: &Context<'_>) -> Vec<String> {
    let lang = cx.lang();
    // Asked again (the identification expired): that first, then the usual.
    let mut out: Vec<String> = state.note.map(|note| t(lang, note)).into_iter().collect();
    out.extend([
        t(lang, "identify-card"),
        t(lang, "identify-or-type"),
        crate::ui::voice::keypad_line(lang, true),
    ]);
    if state.entry.is_empty() {
        out.push(t(lang, "identify-placeholder"));
    } else {
        out.push(crate::ui::voice::entry_line(
            cx,
            &state.entry,
            Some(crate::core::model::FieldKind::IdNumber),
        ));
    }
    out.push(count_line(lang, state));
    out.push(tw(lang, "speech-confirm-hint", &[("label", t(lang, "identify-confirm").into())]));
    out
}

pub fn problem(state: &State, cx: &Context<'_>) -> Option<String> {
    state.error.map(|e| error_text(cx.lang(), e))
}

/// What has been typed, as said (how many digits: the number itself is personal).
pub fn selection(state: &State, cx: &Context<'_>) -> Option<String> {
    Some(count_line(cx.lang(), state))
}

pub fn view<'a>(state: &'a State, cx: &Context<'a>) -> Element<'a, Message> {
    let z = cx.look();
    let lang = cx.lang();
    let parts = state.layout.parts;
    let controls = controls(state, cx);
    let mut left = Column::new().spacing(z.gap);
    if let Some(note) = state.note {
        left = left.push(crate::ui::widgets::message_line(glyph::WARNING, t(lang, note), &z));
    }
    if parts.card {
        left = left.push(body(t(lang, "identify-card"), &z));
    }
    if parts.card && state.layout.cards > 0 {
        let mut buttons = iced::widget::Row::new().spacing(z.gap);
        for c in controls.iter().filter(|c| matches!(c.id, ControlId::DemoCard(_))) {
            let kind = if c.id == ControlId::DemoCard(0) { Kind::Primary } else { Kind::Secondary };
            buttons = buttons.push(crate::ui::widgets::control(c, Some(glyph::CARD), kind, &z));
        }
        left = left.push(buttons.wrap());
    }
    left = left.push(body(t(lang, "identify-or-type"), &z));
    if parts.entry {
        left = left.push(
            text(shown_entry(lang, state))
                .size(z.title)
                .line_height(crate::ui::sizes::LINE_HEIGHT)
                .font(BOLD),
        );
        left = left.push(body(count_line(lang, state), &z));
    }
    if let Some(error) = state.error {
        left = left.push(message_box(glyph::WARNING, error_text(lang, error), &z));
    }
    row![left.width(Length::Fill), keypad::view(lang, true, &controls, &z)].spacing(z.gap * 2.0).into()
}
