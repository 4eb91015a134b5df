//! The key map of the keypad / accessible controller.

use iced::keyboard::key::Named;
use iced::keyboard::{Key, Modifiers};

use crate::core::config::KeysSection;

use super::app::Nav;

/// What a key means, or None for keys without a meaning.
pub fn map(keys: &KeysSection, key: &Key, modifiers: Modifiers) -> Option<Nav> {
    if matches_name(key, &keys.repeat) {
        return Some(Nav::Repeat);
    }
    if matches_name(key, &keys.voice_on) {
        return Some(Nav::VoiceOn);
    }
    if matches_name(key, &keys.help) {
        return Some(Nav::Help);
    }
    match key {
        Key::Named(Named::Tab) if modifiers.shift() => Some(Nav::Previous),
        Key::Named(Named::Tab | Named::ArrowDown | Named::ArrowRight) => Some(Nav::Next),
        Key::Named(Named::ArrowUp | Named::ArrowLeft) => Some(Nav::Previous),
        Key::Named(Named::Enter | Named::Space) => Some(Nav::Activate),
        Key::Named(Named::Escape) => Some(Nav::Back),
        Key::Named(Named::Backspace | Named::Delete) => Some(Nav::Delete),
        Key::Character(c) => {
            let mut chars = c.chars();
            match (chars.next(), chars.next()) {
                (Some(d), None) if d.is_ascii_digit() => Some(Nav::Digit(d)),
                (Some('x' | 'X'), None) => Some(Nav::X),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether `key` is the key named `name` in the config ("F1", "r", "Insert").
fn matches_name(key: &Key, name: &str) -> bool {
    match key {
        Key::Named(named) => format!("{named:?}").eq_ignore_ascii_case(name),
        Key::Character(c) => c.as_str().eq_ignore_ascii_case(name),
        Key::Unidentified => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_map() {
        let k = KeysSection::default();
        let none = Modifiers::default();
        assert_eq!(map(&k, &Key::Named(Named::F1), none), Some(Nav::Repeat));
        assert_eq!(map(&k, &Key::Named(Named::F2), none), Some(Nav::VoiceOn));
        assert_eq!(map(&k, &Key::Named(Named::Tab), Modifiers::SHIFT), Some(Nav::Previous));
        assert_eq!(map(&k, &Key::Named(Named::ArrowDown), none), Some(Nav::Next));
        assert_eq!(map(&k, &Key::Character("7".into()), none), Some(Nav::Digit('7')));
        assert_eq!(map(&k, &Key::Character("x".into()), none), Some(Nav::X));
        assert_eq!(map(&k, &Key::Character("q".into()), none), None);
    }

    #[test]
    fn configured_key() {
        let k = KeysSection { repeat: "r".into(), ..KeysSection::default() };
        assert_eq!(map(&k, &Key::Character("R".into()), Modifiers::default()), Some(Nav::Repeat));
        assert_eq!(map(&k, &Key::Named(Named::F1), Modifiers::default()), None);
    }
}
