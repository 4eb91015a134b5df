//! What the kiosk says. Decided in `update` (never in `view`): on entering a
//! screen its title, instruction and every choice with its number, then the
//! buttons it has (from the screen's own list of controls); on focus the
//! focused control; errors; the read-back on review; numbers digit by digit.

use crate::core::mask;
use crate::core::model::{Citizen, ColumnKind, FieldKind, IdentitySession};
use crate::core::spoken;
use crate::i18n::{Lang, t, tw};

use super::app::Message;
use super::context::Context;
use super::control::{Control, Role};
use super::screen::{review, step};

/// Steps of the speech rate, slowest first; the default is the second
/// (exactly one step is slower than the default).
pub const RATE_IDS: [&str; 5] = ["rate-slower", "rate-normal", "rate-faster", "rate-faster2", "rate-fastest"];
pub const DEFAULT_RATE: u8 = 1;
/// Steps of the volume, loudest first (6 dB apart: a 24 dB span).
pub const VOLUME_IDS: [&str; 5] = ["volume-0", "volume-1", "volume-2", "volume-3", "volume-4"];
pub const DEFAULT_VOLUME: u8 = 1;

pub fn rate_id(step: u8) -> &'static str {
    RATE_IDS[usize::from(step).min(RATE_IDS.len() - 1)]
}

pub fn volume_id(step: u8) -> &'static str {
    VOLUME_IDS[usize::from(step).min(VOLUME_IDS.len() - 1)]
}

/// Why something is said; a read-back reports when it was heard to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Screen,
    ReadBack,
    Focus,
    Error,
    Status,
}

/// 「可以按的按钮有：……」: every action of the screen that can be pressed,
/// in focus order (numbered options were read out with their numbers
/// already; one that cannot be pressed yet says why when it takes the focus).
pub fn buttons_line(lang: Lang, controls: &[Control<Message>]) -> String {
    let labels: Vec<&str> = controls
        .iter()
        .filter(|c| c.focusable() && c.role == Role::Action && c.on_press.is_some())
        .map(|c| c.said())
        .collect();
    tw(lang, "speech-buttons", &[("list", labels.join("、").into())])
}

/// What is said when the focus lands on a control: its words and what
/// pressing does, or why it cannot be pressed yet.
pub fn focus_line(lang: Lang, control: &Control<Message>) -> String {
    match (&control.on_press, &control.why_not) {
        (None, Some(why)) => tw(
            lang,
            "speech-focus-disabled",
            &[("label", control.said().into()), ("why", why.as_str().into())],
        ),
        _ => tw(lang, "speech-focus", &[("label", control.said().into())]),
    }
}

/// 「第 2 页，共 3 页」: page `page` (from 0) of `pages`, shown and said alike.
pub fn page_of(lang: Lang, page: usize, pages: usize) -> String {
    tw(lang, "page-of", &[("n", (page + 1).into()), ("total", pages.into())])
}

/// Where the reader is, said on a screen of more than one page.
pub fn page_line(lang: Lang, page: usize, pages: usize) -> Option<String> {
    (pages > 1).then(|| page_of(lang, page, pages))
}

/// The keys of the keypad, read out once so a blind citizen knows them.
pub fn keypad_line(lang: Lang, with_x: bool) -> String {
    let mut keys: Vec<String> = "1234567890".chars().map(String::from).collect();
    keys.push(if with_x { "X".into() } else { t(lang, "keypad-clear") });
    keys.push(t(lang, "keypad-delete"));
    tw(lang, "speech-keypad", &[("keys", keys.join(" ").into())])
}

/// What has been typed, digit by digit; personal values masked on the open speaker.
pub fn entry_line(cx: &Context<'_>, entry: &str, kind: Option<FieldKind>) -> String {
    let lang = cx.lang();
    let spoken = match kind {
        Some(k) if !cx.headset && is_personal(k) => masked_spoken(lang, k, entry),
        _ => digits(entry),
    };
    tw(lang, "speech-entry", &[("digits", spoken.into())])
}

pub fn is_personal(kind: FieldKind) -> bool {
    matches!(kind, FieldKind::IdNumber | FieldKind::Phone | FieldKind::BankAccount)
}

/// A personal value as said on the open speaker: only its last four characters.
pub fn masked_spoken(lang: Lang, kind: FieldKind, value: &str) -> String {
    let last4 = digits(&mask::last4(value));
    let id = match kind {
        FieldKind::IdNumber => "speech-id-masked",
        FieldKind::Phone => "speech-phone-masked",
        _ => "speech-account-masked",
    };
    tw(lang, id, &[("last4", last4.into())])
}

/// A code (case number, lookup or verification code) as said: character by
/// character in its groups; spaced characters where it has no spoken form.
pub fn code_said(lang: Lang, code: &str) -> String {
    spoken::code(code, lang).unwrap_or_else(|_| digits(code))
}

/// An ISO date as said (the year only where it is not this year); the
/// written form in words where it is no date.
pub fn date_said(cx: &Context<'_>, iso: &str) -> String {
    spoken::date_str(iso, cx.today, cx.lang()).unwrap_or_else(|_| review::format_date(cx.lang(), iso))
}

/// An amount of money as said (四千九百九十三元九角); the amount with its unit word where it has no spoken form.
pub fn money_said(lang: Lang, amount: &str) -> String {
    spoken::money(amount, lang)
        .unwrap_or_else(|_| tw(lang, "speech-amount-fallback", &[("amount", digits(amount).into())]))
}

/// A cell of a query result as said, by what its column holds.
pub fn cell_said(lang: Lang, kind: ColumnKind, value: &str) -> String {
    let said = match kind {
        ColumnKind::Money => Some(money_said(lang, value)),
        ColumnKind::YearMonth => spoken::year_month_str(value, lang).ok(),
        ColumnKind::Year => value.parse().ok().map(|y| spoken::year(y, lang)),
        ColumnKind::Count | ColumnKind::Text => None,
    };
    said.unwrap_or_else(|| value.to_owned())
}

/// Characters spaced so the synthesiser reads them one by one.
pub fn digits(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).map(String::from).collect::<Vec<_>>().join(" ")
}

/// What a step says after its title: who applies, the question, the tip,
/// each field's choices or keys, what is chosen, and any problem.
pub fn step_lines(s: &step::State, cx: &Context<'_>) -> Vec<String> {
    let lang = cx.lang();
    let code = lang.code();
    let Some(journey) = cx.journey else { return vec![] };
    let Some(st) = journey.step(s.at) else { return vec![] };
    let mut out = vec![];
    if let Some(identity) = &cx.citizen.identity {
        out.push(applicant_spoken(cx, identity));
    }
    out.push(st.spoken.get(code).to_owned());
    if let Some(tip) = &st.tip {
        out.push(tw(lang, "step-tip", &[("tip", tip.get(code).into())]));
    }
    for field in &st.fields {
        let value = journey.value(s.at, &field.id);
        match field.kind {
            FieldKind::Choice => {
                out.extend(field.choices.iter().enumerate().map(|(i, c)| step::choice_label(lang, i, c)));
                out.push(t(lang, "speech-choose-hint"));
            }
            FieldKind::YesNo => {
                out.push(tw(lang, "speech-choice", &[("n", 1.into()), ("label", t(lang, "yes").into())]));
                out.push(tw(lang, "speech-choice", &[("n", 2.into()), ("label", t(lang, "no").into())]));
            }
            FieldKind::Commitment => {
                // The whole statement is said; on a paged statement, where the reader is.
                out.push(field.statement.as_ref().map(|x| x.get(code).to_owned()).unwrap_or_default());
                let pages = s.layout.statement.len();
                out.extend(page_line(lang, s.page.min(pages.saturating_sub(1)), pages));
                out.push(tw(lang, "speech-press", &[("label", t(lang, "commitment-agree").into())]));
            }
            k if step::uses_keypad(k) => {
                out.push(field.label.get(code).to_owned());
                out.push(keypad_line(lang, k == FieldKind::IdNumber));
                if s.entry.is_empty() {
                    out.push(t(lang, "keypad-empty"));
                } else {
                    out.push(entry_line(cx, &s.entry, Some(k)));
                }
            }
            FieldKind::Date => {
                let d = s.date.unwrap_or_else(|| step::DateParts::from(cx.today));
                out.push(tw(lang, "date-year-said", &[("year", spoken::year(d.year, lang).into())]));
                out.push(tw(lang, "date-month", &[("n", u32::from(d.month).into())]));
                out.push(tw(lang, "date-day", &[("n", u32::from(d.day).into())]));
            }
            FieldKind::Region => {
                if let Some(regions) = &cx.reference.regions {
                    let page = step::region_page(lang, regions, s, field, value);
                    out.extend(page_line(lang, page.page, page.pages));
                }
            }
            _ => {}
        }
        if let Some(v) = value.filter(|_| !step::uses_keypad(field.kind)) {
            let said = match field.kind {
                FieldKind::Date => date_said(cx, v),
                _ => review::display_value(lang, field, v, cx.reference.regions.as_ref(), true),
            };
            out.push(tw(lang, "speech-selected", &[("label", said.into())]));
        }
        if let Some((_, problem)) = s.error.as_ref().filter(|(id, _)| *id == field.id) {
            out.push(step::problem_text(cx, s.at, *problem, field));
        }
    }
    if let Some(id) = s.portal_error {
        out.push(t(lang, id));
    }
    out
}

/// 「办理人：张女士，尾号 0 2 8 9 的身份证号码。」 (the full name on the headset).
pub fn applicant_spoken(cx: &Context<'_>, identity: &IdentitySession) -> String {
    let lang = cx.lang();
    // The full name only on the private channel (the headset).
    let name = if cx.headset {
        identity.citizen.name.expose().to_owned()
    } else {
        spoken_name(lang, &identity.citizen)
    };
    let id = masked_spoken(lang, FieldKind::IdNumber, &identity.citizen.id_number_masked);
    tw(lang, "speech-applicant", &[("name", name.into()), ("id", id.into())])
}

/// A name as said on the open speaker: the surname and a title (张女士).
fn spoken_name(lang: Lang, citizen: &Citizen) -> String {
    let surname: String = mask::name(citizen.name.expose()).chars().take_while(|c| *c != '*').collect();
    let title = match citizen.sex {
        crate::core::model::Sex::Female => "speech-ms",
        crate::core::model::Sex::Male => "speech-mr",
    };
    tw(lang, title, &[("surname", surname.into())])
}
