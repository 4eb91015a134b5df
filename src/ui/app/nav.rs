//! Keypad / accessible-controller operation: the focus moves over the
//! controls the screen lists (the same ones it draws and says), Enter presses
//! the focused one (or the main action), digits pick the numbered option or
//! type on the keypad, Backspace deletes or goes back.

use super::super::control::{ControlId, Role};
use super::super::effect::Effect;
use super::super::frame;
use super::super::screen::Screen;
use super::super::screen::keypad::Key;
use super::{App, Message, Nav, route};

pub(super) fn navigate(app: &mut App, nav: Nav) -> Vec<Effect> {
    let order = app.focus_order();
    let n = order.len();
    let at = app.focus.and_then(|id| order.iter().position(|c| c.id == id));
    match nav {
        Nav::Next if n > 0 => {
            app.focus = Some(order[at.map_or(0, |i| (i + 1) % n)].id);
            vec![]
        }
        Nav::Previous if n > 0 => {
            app.focus = Some(order[at.map_or(n - 1, |i| (i + n - 1) % n)].id);
            vec![]
        }
        Nav::Activate => {
            let focused = at.map(|i| &order[i]);
            let pressed = match focused {
                Some(c) => c.on_press.clone(),
                // Nothing focused: Enter is the main action.
                None if app.overlay.is_none() => app
                    .screen
                    .controls(&app.context())
                    .into_iter()
                    .find(|c| c.id == ControlId::Primary)
                    .and_then(|c| c.on_press),
                None => None,
            };
            match pressed {
                Some(m) => route::handle(app, m),
                None => vec![],
            }
        }
        Nav::Digit(d) => match digit_message(app, d) {
            Some(m) => route::handle(app, m),
            None => vec![],
        },
        Nav::X => key(app, Key::X),
        Nav::Delete => {
            let typing = match &app.screen {
                Screen::Identify(s) => !s.entry.is_empty(),
                Screen::Step(s) => !s.entry.is_empty(),
                _ => false,
            };
            if typing {
                key(app, Key::Delete)
            } else {
                route::handle(app, Message::Frame(frame::Message::Back))
            }
        }
        Nav::Back => match app.overlay {
            Some(_) => route::handle(app, Message::Frame(frame::Message::Dismiss)),
            None => route::handle(app, Message::Frame(frame::Message::Back)),
        },
        Nav::VoiceOn => {
            app.settings.voice = true;
            vec![app.speech_settings()]
        }
        Nav::Help => route::handle(app, Message::Frame(frame::Message::CallStaff)),
        Nav::Repeat | Nav::Next | Nav::Previous => vec![],
    }
}

/// Presses the keypad key `k` of the screen, if it has one.
fn key(app: &mut App, k: Key) -> Vec<Effect> {
    let pressed = app
        .screen
        .controls(&app.context())
        .into_iter()
        .find(|c| c.id == ControlId::Key(k))
        .and_then(|c| c.on_press);
    match pressed {
        Some(m) => route::handle(app, m),
        None => vec![],
    }
}

/// What a digit key does on this screen: type on its keypad, or pick the
/// option with that number (a tile, a choice, a face, a due item).
fn digit_message(app: &App, d: char) -> Option<Message> {
    if app.overlay.is_some() {
        return None;
    }
    let n = d.to_digit(10)? as usize;
    let controls = app.screen.controls(&app.context());
    if let Some(k) = controls.iter().find(|c| c.id == ControlId::Key(Key::Digit(d))) {
        return k.on_press.clone();
    }
    controls.into_iter().find(|c| c.role == Role::Option { number: n }).and_then(|c| c.on_press)
}
