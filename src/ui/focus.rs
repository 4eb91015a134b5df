//! Keypad operation: every screen's controls in an explicit focus order, the
//! same controls (and words) the screen draws. Arrows / Tab move, Enter
//! presses, digits pick numbered choices or type, Backspace / Escape go back.

use crate::core::model::{FieldKind, Level};
use crate::i18n::{Lang, t};

use super::app::{App, Message};
use super::frame;
use super::screen::{Screen, evaluate, identify, query_result, review, step, welcome};

/// A control that can take the focus: its words (spoken on focus) and what pressing it does.
#[derive(Debug, Clone)]
pub struct Item {
    pub label: String,
    pub message: Message,
}

fn item(label: String, message: Message) -> Item {
    Item { label, message }
}

/// The controls of the current screen, in focus order: the screen's own,
/// then its main action, then 返回, 首页, 再听一遍 and 呼叫工作人员.
pub fn items(app: &App) -> Vec<Item> {
    let lang = app.settings.lang;
    let mut out = screen_items(app, lang);
    if let Some((id, _, Some(message))) = frame::primary_action(app) {
        out.push(item(t(lang, id), message));
    }
    if frame::can_go_back(app) {
        out.push(item(t(lang, "back"), Message::Back));
    }
    if frame::shows_home(app) {
        out.push(item(t(lang, "home"), Message::Home));
    }
    out.push(item(t(lang, "repeat"), Message::Repeat));
    if let Some((label, message)) = frame::language_switch(app) {
        out.push(item(label, message));
    }
    out.push(item(t(lang, "call-staff"), Message::CallStaff));
    out
}

fn screen_items(app: &App, lang: Lang) -> Vec<Item> {
    let code = lang.code();
    match &app.screen {
        Screen::Welcome => {
            let (shown, page, pages) = welcome::page_tiles(app);
            let mut out: Vec<Item> = shown.into_iter().map(|(_, t)| item(t.name, t.message)).collect();
            out.extend(page_items(lang, page, pages));
            out.extend(welcome::settings_items(app));
            out
        }
        Screen::Settings => super::screen::settings::items(app),
        Screen::Identify(_) if app.config.terminal.demo_mode => (0..identify::cards_shown(app))
            .map(|n| item(identify::card_label(lang, n), Message::SimulateCard(n)))
            .collect(),
        Screen::Due => {
            let n = app.session.identity.as_ref().map_or(0, |s| s.due.len());
            (0..n).map(|i| item(super::screen::due::take_label(app, i), Message::TakeDue(i))).collect()
        }
        Screen::Step(s) => step::focus_items(app, s),
        Screen::Review => {
            let (shown, page, pages) = review::page_of(app);
            let mut out: Vec<Item> = app
                .session
                .journey
                .as_ref()
                .map(|j| {
                    j.review()
                        .get(shown)
                        .unwrap_or_default()
                        .iter()
                        .map(|i| {
                            item(
                                format!("{}：{}", t(lang, "change"), i.field.label.get(code)),
                                Message::Edit(i.at),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            out.extend(page_items(lang, page, pages));
            out
        }
        Screen::Intro { page } => {
            let (_, page, pages) = super::screen::intro::page_of(app, *page);
            page_items(lang, page, pages)
        }
        Screen::Result { page } => {
            let (_, page, pages) = super::screen::result::page_of(app, *page);
            page_items(lang, page, pages)
        }
        Screen::QueryResult { page } => {
            let (_, page, pages) = query_result::page_of(app, *page);
            page_items(lang, page, pages)
        }
        Screen::Evaluate(s) => {
            let mut out: Vec<Item> = match (&app.reference.reasons, evaluate::asks_reasons(s)) {
                (Some(r), true) => {
                    let (shown, page, pages) = evaluate::reasons_page(app, s);
                    let mut out: Vec<Item> = r
                        .reasons
                        .get(shown)
                        .unwrap_or_default()
                        .iter()
                        .map(|r| item(r.label.get(code).to_owned(), Message::ToggleReason(r.code.clone())))
                        .collect();
                    out.extend(page_items(lang, page, pages));
                    out
                }
                _ => Level::ALL
                    .iter()
                    .map(|l| item(t(lang, evaluate::level_id(*l)), Message::Rate(*l)))
                    .collect(),
            };
            out.push(item(t(lang, "evaluate-skip"), Message::Finish));
            out
        }
        Screen::Submitting | Screen::Loading => vec![item(t(lang, "submitting-stop"), Message::CancelSubmit)],
        Screen::Identify(_) | Screen::Goodbye | Screen::Failure(_) | Screen::Maintenance(_) => {
            vec![]
        }
    }
}

/// The paging buttons that can be pressed on this page.
fn page_items(lang: Lang, page: usize, pages: usize) -> Vec<Item> {
    let mut out = vec![];
    if page > 0 {
        out.push(item(t(lang, "page-prev"), Message::Page(-1)));
    }
    if page + 1 < pages {
        out.push(item(t(lang, "page-next"), Message::Page(1)));
    }
    out
}

/// The focused control's message as the views compare it.
pub fn focused_label(app: &App) -> Option<String> {
    let i = app.focus?;
    items(app).get(i).map(|it| format!("{:?}", it.message))
}

/// What a digit key does on this screen: pick the numbered tile, choice or
/// level, or type on the keypad.
pub fn digit_message(app: &App, d: char) -> Option<Message> {
    let n = d.to_digit(10)? as usize;
    match &app.screen {
        Screen::Identify(_) => Some(Message::Key(super::screen::keypad::Key::Digit(d))),
        Screen::Step(s) => {
            let journey = app.session.journey.as_ref()?;
            let field = journey.step(s.at)?.fields.first()?;
            match field.kind {
                k if step::uses_keypad(k) => Some(Message::Key(super::screen::keypad::Key::Digit(d))),
                FieldKind::Choice => {
                    let c = field.choices.get(n.checked_sub(1)?)?;
                    Some(Message::Choose(field.id.clone(), c.value.clone()))
                }
                FieldKind::YesNo => match n {
                    1 => Some(Message::Choose(field.id.clone(), crate::core::model::YES.into())),
                    2 => Some(Message::Choose(field.id.clone(), crate::core::model::NO.into())),
                    _ => None,
                },
                _ => None,
            }
        }
        Screen::Welcome => {
            let c = app.reference.catalogue.as_ref()?;
            let i = n.checked_sub(1)?;
            match c.matters.get(i) {
                Some(m) => Some(Message::OpenMatter(m.id.clone())),
                None => c.bundles.get(i - c.matters.len()).map(|b| Message::OpenBundle(b.id.clone())),
            }
        }
        Screen::Evaluate(_) => Level::ALL.get(n.checked_sub(1)?).map(|l| Message::Rate(*l)),
        Screen::Due => {
            let i = n.checked_sub(1)?;
            (i < app.session.identity.as_ref()?.due.len()).then_some(Message::TakeDue(i))
        }
        _ => None,
    }
}
