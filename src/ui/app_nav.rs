//! Keypad / accessible-controller operation: focus moves, presses, digits.

use super::app::{App, Message, Nav};
use super::app_flow::handle;
use super::effect::Effect;
use super::screen::{Screen, keypad};

/// A key of the keypad / accessible controller.
pub(super) fn navigate(app: &mut App, nav: Nav) -> Vec<Effect> {
    let items = super::focus::items(app);
    let n = items.len();
    let press = |app: &mut App, m: Message| handle(app, m);
    match nav {
        Nav::Next if n > 0 => {
            app.focus = Some(app.focus.map_or(0, |i| (i + 1) % n));
            vec![]
        }
        Nav::Previous if n > 0 => {
            app.focus = Some(app.focus.map_or(n - 1, |i| (i + n - 1) % n));
            vec![]
        }
        Nav::Activate => match app.focus.and_then(|i| items.into_iter().nth(i)) {
            Some(item) => press(app, item.message),
            None => match super::frame::primary_action(app) {
                Some((_, _, Some(m))) => press(app, m),
                _ => vec![],
            },
        },
        Nav::Digit(d) => match super::focus::digit_message(app, d) {
            Some(m) => press(app, m),
            None => vec![],
        },
        Nav::X => press(app, Message::Key(keypad::Key::X)),
        Nav::Delete => {
            let typing = match &app.screen {
                Screen::Identify(s) => !s.entry.is_empty(),
                Screen::Step(s) => !s.entry.is_empty(),
                _ => false,
            };
            if typing { press(app, Message::Key(keypad::Key::Delete)) } else { press(app, Message::Back) }
        }
        Nav::Back => match app.overlay {
            Some(_) => press(app, Message::DismissOverlay),
            None => press(app, Message::Back),
        },
        Nav::VoiceOn => {
            app.settings.voice = true;
            vec![app.speech_settings()]
        }
        Nav::Help => press(app, Message::CallStaff),
        Nav::Repeat | Nav::Next | Nav::Previous => vec![],
    }
}
