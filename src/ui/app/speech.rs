//! What to say after each message: decided here, in `update`, by comparing
//! the screen before and after (never in `view`).

use crate::i18n::{t, tw};

use super::super::effect::Effect;
use super::super::frame;
use super::super::screen::{Screen, settings, welcome};
use super::super::session::{Overlay, Settings};
use super::super::voice::{self, Purpose};
use super::App;

/// What the screen looked like before a message, to decide what to say after it.
pub(super) struct Before {
    key: String,
    overlay: Option<Overlay>,
    lang: crate::core::lang::Lang,
    focus: Option<super::super::control::ControlId>,
    settings: Settings,
    problem: Option<String>,
    selected: Option<String>,
}

pub(super) fn before(app: &App) -> Before {
    let cx = app.context();
    Before {
        key: app.screen.key(&cx),
        overlay: app.overlay.clone(),
        lang: app.settings.lang,
        focus: app.focus,
        settings: app.settings,
        problem: app.screen.problem(&cx),
        selected: app.screen.selection(&cx),
    }
}

/// The full script of the screen (or of its dialog, which speaks only itself):
/// title, progress, content, then the buttons it has.
pub fn screen_script(app: &App) -> Vec<String> {
    let cx = app.context();
    if let Some(o) = &app.overlay {
        return frame::dialog::script(&app.screen, o, &cx);
    }
    let mut out = vec![app.screen.title(&cx)];
    out.extend(frame::progress(&app.screen, &cx));
    out.extend(app.screen.script(&cx));
    out.push(voice::buttons_line(cx.lang(), &app.focus_order()));
    out.retain(|s| !s.trim().is_empty());
    out
}

/// Decides what to say after a message: a new screen speaks itself; a moved
/// focus says the control; a new problem says how to fix it; a changed rate or
/// volume is announced in the new setting; any other action stops speech.
pub(super) fn after(app: &mut App, was: &Before, from_citizen: bool, again: bool) -> Vec<Effect> {
    let lang = app.settings.lang;
    // The idle countdown ticking is not a new screen (it is said once, then at the last seconds).
    let same_dialog =
        app.overlay.as_ref().map(std::mem::discriminant) == was.overlay.as_ref().map(std::mem::discriminant);
    let key = app.screen_key();
    let changed_screen = key != was.key || !same_dialog || lang != was.lang;
    if changed_screen {
        app.transcript.clear();
        app.focus = None;
    }
    let cx = app.context();
    let (texts, purpose) = if changed_screen || again {
        // The review's first page reads every answer back: the read-back the citizen may wait to hear.
        let read_back = matches!(&app.screen, Screen::Review(s) if s.page == 0) && app.overlay.is_none();
        (screen_script(app), if read_back { Purpose::ReadBack } else { Purpose::Screen })
    } else if let Some(n) = last_seconds(app, was) {
        (vec![tw(lang, "idle-countdown", &[("n", n.into())])], Purpose::Status)
    } else if let Some(line) = focus_line(app, was) {
        (vec![line], Purpose::Focus)
    } else if let Some(p) = app.screen.problem(&cx).filter(|p| Some(p) != was.problem.as_ref()) {
        (vec![p], Purpose::Error)
    } else if let Some(said) = setting_announcement(&was.settings, &app.settings) {
        (vec![said], Purpose::Status)
    } else if let Some(s) = app.screen.selection(&cx).filter(|s| Some(s) != was.selected.as_ref()) {
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
    out.push(Effect::Speak { texts, purpose, session: app.session.id });
    out
}

/// The focused control, said when the focus moved to it.
fn focus_line(app: &App, was: &Before) -> Option<String> {
    app.focus.filter(|f| Some(*f) != was.focus)?;
    app.focus_line()
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
fn setting_announcement(was: &Settings, now: &Settings) -> Option<String> {
    let lang = now.lang;
    let id = if now.rate != was.rate {
        voice::rate_id(now.rate)
    } else if now.volume != was.volume {
        voice::volume_id(now.volume)
    } else if now.text_step != was.text_step {
        welcome::text_size_id(now.text_step)
    } else if now.theme != was.theme {
        settings::theme_id(now.theme)
    } else if now.voice != was.voice {
        if now.voice { "voice-on" } else { "voice-off" }
    } else {
        return None;
    };
    Some(t(lang, id))
}
