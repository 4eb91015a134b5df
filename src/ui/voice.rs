//! What the kiosk says. Decided in `update` (never in `view`): on entering a
//! screen its title, instruction and every choice with its number; on focus
//! the focused control; errors; the read-back on review; the case number
//! digit by digit. Built from the same messages and data as the screen.

use crate::core::mask;
use crate::core::model::FieldKind;
use crate::i18n::{Lang, t, tw};

use super::app::{App, Message};
use super::focus;
use super::frame;
use super::screen::{Screen, intro, query_result, review, step};

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

/// Why something is said; the read-back must be heard in full before submitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Screen,
    ReadBack,
    Focus,
    Error,
    Status,
}

/// The full script of the current screen (and its dialog, if one is open).
pub fn screen_script(app: &App) -> Vec<String> {
    let lang = app.settings.lang;
    let mut out = vec![frame::screen_title(app)];
    if let Some(p) = frame::progress(app) {
        out.push(p);
    }
    out.extend(content(app, lang));
    out.push(buttons_line(app, lang));
    if let Some(o) = &app.overlay {
        out = overlay_script(app, o);
    }
    out.retain(|s| !s.trim().is_empty());
    out
}

/// A dialog speaks only itself.
pub fn overlay_script(app: &App, overlay: &super::app::Overlay) -> Vec<String> {
    use super::app::Overlay;
    let lang = app.settings.lang;
    match overlay {
        Overlay::IdleWarning { seconds_left } if app.can_extend() => vec![
            t(lang, "idle-title"),
            tw(lang, "idle-countdown", &[("n", (*seconds_left).into())]),
            tw(lang, "speech-press", &[("label", t(lang, "idle-still-here").into())]),
        ],
        Overlay::IdleWarning { seconds_left } => vec![
            t(lang, "idle-title"),
            tw(lang, "idle-last", &[("n", (*seconds_left).into())]),
            tw(lang, "speech-press", &[("label", t(lang, "call-staff").into())]),
        ],
        Overlay::ConfirmHome => vec![
            t(lang, "home-confirm-title"),
            tw(
                lang,
                "speech-buttons",
                &[("list", [t(lang, "home-confirm-no"), t(lang, "home-confirm-yes")].join("、").into())],
            ),
        ],
        Overlay::StaffComing => {
            vec![t(lang, "staff-coming"), tw(lang, "speech-press", &[("label", t(lang, "confirm").into())])]
        }
        Overlay::Tip => {
            vec![frame::tip(app), tw(lang, "speech-press", &[("label", t(lang, "tip-close").into())])]
        }
        Overlay::StaffCallFailed => {
            vec![
                t(lang, "staff-call-failed"),
                tw(lang, "speech-press", &[("label", t(lang, "confirm").into())]),
            ]
        }
    }
}

/// 「可以按的按钮有：……」: every control of the screen, in focus order.
fn buttons_line(app: &App, lang: Lang) -> String {
    // Choices were read out with their numbers already.
    let labels: Vec<String> = focus::items(app)
        .into_iter()
        .filter(|i| {
            !matches!(i.message, Message::Choose(..) | Message::OpenMatter(_) | Message::OpenBundle(_))
        })
        .map(|i| i.label)
        .collect();
    tw(lang, "speech-buttons", &[("list", labels.join("、").into())])
}

fn content(app: &App, lang: Lang) -> Vec<String> {
    let code = lang.code();
    match &app.screen {
        Screen::Welcome => {
            let mut out = vec![t(lang, "welcome-prompt")];
            if app.reference.catalogue.is_some() {
                let (shown, page, pages) = super::screen::welcome::page_tiles(app);
                out.extend(shown.into_iter().map(|(n, tile)| {
                    tw(lang, "speech-choice", &[("n", n.into()), ("label", tile.name.into())])
                }));
                if pages > 1 {
                    out.push(tw(lang, "page-of", &[("n", (page + 1).into()), ("total", pages.into())]));
                }
            } else {
                out.push(t(lang, "welcome-loading"));
            }
            out
        }
        Screen::Settings => vec![t(lang, "settings-hint")],
        Screen::Loading => vec![t(lang, "submitting-wait")],
        Screen::Intro { page } => {
            let (shown, page, pages) = intro::page_of(app, *page);
            let mut out = intro::page_lines(app, &shown);
            if pages > 1 {
                out.push(tw(lang, "page-of", &[("n", (page + 1).into()), ("total", pages.into())]));
            }
            out
        }
        Screen::Identify(s) => {
            let mut out =
                vec![t(lang, "identify-card"), t(lang, "identify-or-type"), keypad_line(lang, true)];
            if s.entry.is_empty() {
                out.push(t(lang, "identify-placeholder"));
            } else {
                out.push(entry_line(app, lang, &s.entry, Some(FieldKind::IdNumber)));
            }
            out.push(tw(lang, "identify-count", &[("n", s.entry.chars().count().into())]));
            out.push(tw(lang, "speech-confirm-hint", &[("label", t(lang, "identify-confirm").into())]));
            out
        }
        Screen::Due => app
            .session
            .identity
            .as_ref()
            .map(|s| s.due.iter().map(|d| d.message.get(code).to_owned()).collect())
            .unwrap_or_default(),
        Screen::Step(s) => step_lines(app, lang, s),
        Screen::Review => read_back(app),
        Screen::Submitting => vec![t(lang, "submitting-wait")],
        Screen::Result { page } => result_lines(app, lang, *page),
        Screen::QueryResult { page } => query_lines(app, lang, *page),
        Screen::Evaluate(s) => match s.level.filter(|_| super::screen::evaluate::asks_reasons(s)) {
            Some(level) => {
                let mut out = vec![
                    tw(
                        lang,
                        "evaluate-chosen",
                        &[("level", t(lang, super::screen::evaluate::level_id(level)).into())],
                    ),
                    t(lang, "evaluate-reasons"),
                ];
                let (_, page, pages) = super::screen::evaluate::reasons_page(app, s);
                if pages > 1 {
                    out.push(tw(lang, "page-of", &[("n", (page + 1).into()), ("total", pages.into())]));
                }
                out
            }
            None => {
                let mut out = vec![t(lang, "evaluate-ask")];
                out.extend(crate::core::model::Level::ALL.iter().enumerate().map(|(i, l)| {
                    tw(
                        lang,
                        "speech-choice",
                        &[
                            ("n", (i + 1).into()),
                            ("label", t(lang, super::screen::evaluate::level_id(*l)).into()),
                        ],
                    )
                }));
                out
            }
        },
        Screen::Goodbye => vec![t(lang, "goodbye-card"), t(lang, "goodbye-wiped")],
        Screen::Failure(f) => vec![t(lang, f.message)],
        Screen::Maintenance(_) => vec![],
    }
}

/// The keys of the keypad, read out once so a blind citizen knows them.
fn keypad_line(lang: Lang, with_x: bool) -> String {
    let mut keys: Vec<String> = "1234567890".chars().map(String::from).collect();
    keys.push(if with_x { "X".into() } else { t(lang, "keypad-clear") });
    keys.push(t(lang, "keypad-delete"));
    tw(lang, "speech-keypad", &[("keys", keys.join(" ").into())])
}

/// What has been typed, digit by digit; personal values masked on the open speaker.
fn entry_line(app: &App, lang: Lang, entry: &str, kind: Option<FieldKind>) -> String {
    let spoken = match kind {
        Some(k) if !app.headset && is_personal(k) => masked_spoken(lang, k, entry),
        _ => digits(entry),
    };
    tw(lang, "speech-entry", &[("digits", spoken.into())])
}

fn is_personal(kind: FieldKind) -> bool {
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

/// Characters spaced so the synthesiser reads them one by one.
pub fn digits(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).map(String::from).collect::<Vec<_>>().join(" ")
}

fn step_lines(app: &App, lang: Lang, s: &step::State) -> Vec<String> {
    let code = lang.code();
    let Some(journey) = app.session.journey.as_ref() else { return vec![] };
    let Some(st) = journey.step(s.at) else { return vec![] };
    let mut out = vec![];
    if let Some(identity) = &app.session.identity {
        out.push(applicant_spoken(app, lang, identity));
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
                let pages = super::screen::step_fit::statement_pages(app, s, field).len();
                if pages > 1 {
                    let n = s.page.min(pages - 1) + 1;
                    out.push(tw(lang, "page-of", &[("n", n.into()), ("total", pages.into())]));
                }
                out.push(tw(lang, "speech-press", &[("label", t(lang, "commitment-agree").into())]));
            }
            k if step::uses_keypad(k) => {
                out.push(field.label.get(code).to_owned());
                out.push(keypad_line(lang, k == FieldKind::IdNumber));
                if s.entry.is_empty() {
                    out.push(t(lang, "keypad-empty"));
                } else {
                    out.push(entry_line(app, lang, &s.entry, Some(k)));
                }
            }
            FieldKind::Date => {
                let d = s.date.unwrap_or_else(|| step::DateParts::from(app.today));
                out.push(tw(lang, "date-year", &[("n", d.year.into())]));
                out.push(tw(lang, "date-month", &[("n", u32::from(d.month).into())]));
                out.push(tw(lang, "date-day", &[("n", u32::from(d.day).into())]));
            }
            FieldKind::Region => {
                if let Some(regions) = &app.reference.regions {
                    let page = step::region_page(lang, regions, s, field, value);
                    if page.pages > 1 {
                        out.push(tw(
                            lang,
                            "page-of",
                            &[("n", (page.page + 1).into()), ("total", page.pages.into())],
                        ));
                    }
                }
            }
            _ => {}
        }
        if let Some(v) = value.filter(|_| !step::uses_keypad(field.kind)) {
            let shown = review::display_value(lang, field, v, app.reference.regions.as_ref(), true);
            out.push(tw(lang, "speech-selected", &[("label", shown.into())]));
        }
        if let Some((_, problem)) = s.error.as_ref().filter(|(id, _)| *id == field.id) {
            out.push(step::problem_text(app, s.at, *problem, field));
        }
    }
    if let Some(id) = s.portal_error {
        out.push(t(lang, id));
    }
    out
}

/// 语音确认: every answer read back, personal values masked unless on the headset.
pub fn read_back(app: &App) -> Vec<String> {
    let lang = app.settings.lang;
    let Some(journey) = app.session.journey.as_ref() else { return vec![] };
    let mut out = vec![t(lang, "review-check")];
    if let Some(identity) = &app.session.identity {
        out.push(applicant_spoken(app, lang, identity));
    }
    let bundle = journey.members().len() > 1;
    for item in journey.review() {
        let label = review::item_label(lang, &item, bundle);
        let value = if is_personal(item.field.kind) && !app.headset {
            masked_spoken(lang, item.field.kind, item.value)
        } else {
            review::display_value(lang, item.field, item.value, app.reference.regions.as_ref(), false)
        };
        out.push(tw(lang, "speech-readback-item", &[("label", label.into()), ("value", value.into())]));
    }
    let (_, page, pages) = review::page_of(app);
    if pages > 1 {
        out.push(tw(lang, "page-of", &[("n", (page + 1).into()), ("total", pages.into())]));
    }
    out.push(tw(lang, "speech-readback-done", &[("submit", t(lang, "review-submit").into())]));
    out
}

/// 「办理人：张女士，尾号 0 2 8 9 的身份证号码。」 (the full name on the headset).
fn applicant_spoken(app: &App, lang: Lang, identity: &crate::core::model::IdentitySession) -> String {
    let name = if app.headset { identity.citizen.name.clone() } else { spoken_name(lang, &identity.citizen) };
    tw(lang, "speech-applicant", &[("name", name.into()), ("id", masked_id(app, lang).into())])
}

/// A name as said on the open speaker: the surname and a title (张女士).
fn spoken_name(lang: Lang, citizen: &crate::core::model::Citizen) -> String {
    let surname: String = mask::name(&citizen.name).chars().take_while(|c| *c != '*').collect();
    let title = match citizen.sex {
        crate::core::model::Sex::Female => "speech-ms",
        crate::core::model::Sex::Male => "speech-mr",
    };
    tw(lang, title, &[("surname", surname.into())])
}

fn masked_id(app: &App, lang: Lang) -> String {
    let masked =
        app.session.identity.as_ref().map(|s| s.citizen.id_number_masked.clone()).unwrap_or_default();
    masked_spoken(lang, FieldKind::IdNumber, &masked)
}

fn result_lines(app: &App, lang: Lang, page: usize) -> Vec<String> {
    let (shown, page, pages) = super::screen::result::page_of(app, page);
    let mut out = super::screen::result::spoken(app, &shown);
    if pages > 1 {
        out.push(tw(lang, "page-of", &[("n", (page + 1).into()), ("total", pages.into())]));
    }
    out
}

fn query_lines(app: &App, lang: Lang, page: usize) -> Vec<String> {
    let code = lang.code();
    let Some(result) = app.session.query.as_ref() else { return vec![] };
    let (shown, page, total) = query_result::page_of(app, page);
    let mut out = vec![result.summary.get(code).to_owned()];
    for row in result.rows.get(shown).unwrap_or_default() {
        let cells: Vec<String> = result
            .columns
            .iter()
            .map(|c| format!("{} {}", c.label.get(code), row.get(&c.key).cloned().unwrap_or_default()))
            .collect();
        out.push(cells.join("，"));
    }
    if result.rows.is_empty() {
        out.push(t(lang, "query-empty"));
    }
    out.push(tw(lang, "page-of", &[("n", (page + 1).into()), ("total", total.into())]));
    out.push(tw(lang, "query-printed", &[("code", result.document.verification_code.as_str().into())]));
    out
}

/// What is said when the focus lands on a control: its words and what pressing does.
pub fn focus_line(app: &App) -> Option<String> {
    let i = app.focus?;
    let item = focus::items(app).into_iter().nth(i)?;
    Some(tw(app.settings.lang, "speech-focus", &[("label", item.label.into())]))
}
