//! What to say after each message: decided here, in `update`, by comparing
//! the screen before and after (never in `view`).

use crate::i18n::{t, tw};

use super::app::{App, Overlay};
use super::effect::Effect;
use super::screen::{Screen, evaluate, identify, step};

/// What the screen looked like before a message, to decide what to say after it.
pub(super) struct Before {
    key: String,
    overlay: Option<Overlay>,
    lang: crate::i18n::Lang,
    focus: Option<usize>,
    settings: super::app::Settings,
    problem: Option<String>,
    selected: Option<String>,
}

pub(super) fn before(app: &App) -> Before {
    Before {
        key: app.screen_key(),
        overlay: app.overlay.clone(),
        lang: app.settings.lang,
        focus: app.focus,
        settings: app.settings,
        problem: problem_text(app),
        selected: selection(app),
    }
}

/// Decides what to say after a message: a new screen speaks itself; a moved
/// focus says the control; a new problem says how to fix it; a changed rate or
/// volume is announced in the new setting; any other action stops speech.
pub(super) fn speech_after(app: &mut App, was: &Before, from_citizen: bool, again: bool) -> Vec<Effect> {
    use super::voice::{self, Purpose};
    let lang = app.settings.lang;
    // The idle countdown ticking is not a new screen (it is said once, then at the last seconds).
    let same_dialog =
        app.overlay.as_ref().map(std::mem::discriminant) == was.overlay.as_ref().map(std::mem::discriminant);
    let changed_screen = app.screen_key() != was.key || !same_dialog || lang != was.lang;
    if changed_screen {
        app.transcript.clear();
        app.focus = None;
        if app.screen == Screen::Review && app.overlay.is_none() {
            app.session.read_back_heard = !app.settings.voice;
        }
    }
    let (texts, purpose) = if changed_screen || again {
        let purpose = if app.screen == Screen::Review && app.overlay.is_none() {
            Purpose::ReadBack
        } else {
            Purpose::Screen
        };
        (voice::screen_script(app), purpose)
    } else if let Some(n) = last_seconds(app, was) {
        (vec![tw(lang, "idle-countdown", &[("n", n.into())])], Purpose::Status)
    } else if app.focus != was.focus && app.focus.is_some() {
        (voice::focus_line(app).into_iter().collect(), Purpose::Focus)
    } else if let Some(p) = problem_text(app).filter(|p| Some(p) != was.problem.as_ref()) {
        (vec![p], Purpose::Error)
    } else if let Some(said) = setting_announcement(&was.settings, &app.settings) {
        (vec![said], Purpose::Status)
    } else if let Some(s) = selection(app).filter(|s| Some(s) != was.selected.as_ref()) {
        (vec![s], Purpose::Status)
    } else if from_citizen {
        return vec![Effect::StopSpeech];
    } else {
        return vec![];
    };
    if texts.is_empty() {
        return vec![];
    }
    app.transcript.extend(texts.iter().cloned());
    let mut out = vec![];
    if app.settings != was.settings {
        out.push(app.speech_settings());
    }
    out.push(Effect::Speak { texts, purpose });
    out
}

/// The idle countdown reaching its last seconds: said once more then.
fn last_seconds(app: &App, was: &Before) -> Option<u32> {
    match (&app.overlay, &was.overlay) {
        (
            Some(Overlay::IdleWarning { seconds_left: now }),
            Some(Overlay::IdleWarning { seconds_left: before }),
        ) if *now <= IDLE_REMINDER_SECONDS && *before > IDLE_REMINDER_SECONDS => Some(*now),
        _ => None,
    }
}

/// Seconds left when the idle countdown is said again.
const IDLE_REMINDER_SECONDS: u32 = 10;

/// The new value of a setting the citizen just changed, said in the new
/// setting (the engine gets the new rate and volume first).
fn setting_announcement(was: &super::app::Settings, now: &super::app::Settings) -> Option<String> {
    use super::screen::welcome;
    use super::voice;
    let lang = now.lang;
    let id = if now.rate != was.rate {
        voice::rate_id(now.rate)
    } else if now.volume != was.volume {
        voice::volume_id(now.volume)
    } else if now.text_step != was.text_step {
        welcome::text_size_id(now.text_step)
    } else if now.theme != was.theme {
        super::screen::settings::theme_id(now.theme)
    } else if now.voice != was.voice {
        if now.voice { "voice-on" } else { "voice-off" }
    } else {
        return None;
    };
    Some(t(lang, id))
}

/// The problem shown on the screen now, as said.
fn problem_text(app: &App) -> Option<String> {
    let lang = app.settings.lang;
    match &app.screen {
        Screen::Step(s) => {
            let (id, problem) = s.error.as_ref()?;
            let field = app.session.journey.as_ref()?.step(s.at)?.fields.iter().find(|f| &f.id == id)?;
            Some(step::problem_text(app, s.at, *problem, field))
        }
        Screen::Identify(s) => s.error.map(|e| identify::error_text(lang, e)),
        Screen::Evaluate(s) => s.error.map(|e| t(lang, evaluate::error_id(e))),
        _ => None,
    }
}

/// What is selected or typed on the screen now, as said (「已选：……」).
fn selection(app: &App) -> Option<String> {
    let lang = app.settings.lang;
    match &app.screen {
        Screen::Step(s) => {
            let j = app.session.journey.as_ref()?;
            let step = j.step(s.at)?;
            let field = step.fields.first()?;
            if step::uses_keypad(field.kind) {
                let personal = !app.headset && !matches!(field.kind, crate::core::model::FieldKind::Number);
                let said = if personal {
                    tw(lang, "identify-count", &[("n", s.entry.chars().count().into())])
                } else {
                    super::voice::digits(&s.entry)
                };
                return Some(tw(lang, "speech-entry", &[("digits", said.into())]));
            }
            if field.kind == crate::core::model::FieldKind::Date {
                return s.date.map(|d| super::screen::review::format_date(lang, &d.iso()));
            }
            let v = j.value(s.at, &field.id)?;
            let shown =
                super::screen::review::display_value(lang, field, v, app.reference.regions.as_ref(), true);
            Some(tw(lang, "speech-selected", &[("label", shown.into())]))
        }
        Screen::Identify(s) => Some(tw(lang, "identify-count", &[("n", s.entry.chars().count().into())])),
        Screen::Evaluate(s) => {
            let mut said = vec![t(lang, evaluate::level_id(s.level?))];
            if let Some(r) = &app.reference.reasons {
                said.extend(
                    r.reasons
                        .iter()
                        .filter(|x| s.reasons.contains(&x.code))
                        .map(|x| x.label.get(lang.code()).to_owned()),
                );
            }
            Some(tw(lang, "speech-selected", &[("label", said.join("、").into())]))
        }
        _ => None,
    }
}
