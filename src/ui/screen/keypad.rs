//! The big numeric keypad used for ID numbers, phones, accounts and numbers.

use iced::widget::{column, row};
use iced::{Element, Length};

use crate::i18n::{Lang, t};
use crate::ui::app::Message;
use crate::ui::look::Look;
use crate::ui::sizes::Sizes;
use crate::ui::widgets::{FONT, Kind, action};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Digit(char),
    /// The ID number's check character X.
    X,
    Delete,
    Clear,
}

/// Applies a key to an entry of at most `max` characters.
pub fn apply(entry: &mut String, key: Key, max: usize) {
    match key {
        Key::Digit(d) if entry.chars().count() < max && d.is_ascii_digit() => entry.push(d),
        Key::X if entry.chars().count() < max => entry.push('X'),
        Key::Delete => {
            entry.pop();
        }
        Key::Clear => entry.clear(),
        Key::Digit(_) | Key::X => {}
    }
}

/// Groups digits in fours so a long number is easy to check by eye.
pub fn grouped(entry: &str) -> String {
    let chars: Vec<char> = entry.chars().collect();
    chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

/// The keypad's width: three keys of about 36 mm, wider where the words of
/// 清空 and 删除 need it at the larger text sizes.
pub fn width(lang: Lang, z: &Sizes) -> f32 {
    let widest = [t(lang, "keypad-clear"), t(lang, "keypad-delete")]
        .iter()
        .map(|w| z.button_width(w, FONT, false))
        .fold(0.0, f32::max);
    z.keypad_width.max(3.0 * widest + 2.0 * z.gap).ceil()
}

pub fn view<'a>(lang: Lang, with_x: bool, z: &Look) -> Element<'a, Message> {
    let key = |label: String, k: Key| {
        action(label, None, Some(Message::Key(k)), Kind::Secondary, z).width(Length::Fill)
    };
    let digit = |d: char| key(d.to_string(), Key::Digit(d));
    let rows = [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9']];
    let mut col = column![].spacing(z.gap).width(width(lang, z));
    for r in rows {
        col = col.push(row(r.map(|d| digit(d).into())).spacing(z.gap));
    }
    let corner: Element<'a, Message> =
        if with_x { key("X".into(), Key::X).into() } else { key(t(lang, "keypad-clear"), Key::Clear).into() };
    col.push(row![corner, digit('0'), key(t(lang, "keypad-delete"), Key::Delete)].spacing(z.gap)).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_respects_its_length_and_keys() {
        let mut e = String::new();
        for d in "1234".chars() {
            apply(&mut e, Key::Digit(d), 3);
        }
        assert_eq!(e, "123");
        apply(&mut e, Key::Delete, 3);
        apply(&mut e, Key::X, 3);
        assert_eq!(e, "12X");
        apply(&mut e, Key::Clear, 3);
        assert_eq!(e, "");
        assert_eq!(grouped("110105194912310021"), "1101 0519 4912 3100 21");
    }
}
