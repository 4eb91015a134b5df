//! The big numeric keypad used for ID numbers, phones, accounts and numbers.

use iced::widget::{column, row};
use iced::{Element, Length};

use crate::core::model::FieldKind;
use crate::i18n::{Lang, t};
use crate::ui::control::{Control, ControlId, find};
use crate::ui::look::Look;
use crate::ui::sizes::Sizes;
use crate::ui::widgets::FONT;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

/// Groups a number as it is read aloud in China, so it is easy to check by
/// eye: a mobile number 3-4-4 (139 1234 5678), an ID number 6-8-4 (region,
/// birth date, the rest), anything else in fours.
pub fn grouped(kind: FieldKind, entry: &str) -> String {
    let sizes: &[usize] = match kind {
        FieldKind::Phone => &[3, 4, 4],
        FieldKind::IdNumber => &[6, 8, 4],
        _ => &[],
    };
    let chars: Vec<char> = entry.chars().filter(|c| !c.is_whitespace()).collect();
    let mut groups: Vec<String> = vec![];
    let mut at = 0;
    for size in sizes.iter().copied().chain(std::iter::repeat(4)) {
        if at >= chars.len() {
            break;
        }
        let end = (at + size).min(chars.len());
        groups.push(chars[at..end].iter().collect());
        at = end;
    }
    groups.join(" ")
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

/// The keys, in reading order: 1–9, then X (or 清空), 0, 删除.
pub fn keys(with_x: bool) -> [Key; 12] {
    let d = Key::Digit;
    let corner = if with_x { Key::X } else { Key::Clear };
    [d('1'), d('2'), d('3'), d('4'), d('5'), d('6'), d('7'), d('8'), d('9'), corner, d('0'), Key::Delete]
}

/// The words on a key.
pub fn label(lang: Lang, key: Key) -> String {
    match key {
        Key::Digit(d) => d.to_string(),
        Key::X => "X".into(),
        Key::Clear => t(lang, "keypad-clear"),
        Key::Delete => t(lang, "keypad-delete"),
    }
}

/// The keypad's controls (typed with the keys of a hardware keypad, so not in the focus order).
pub fn controls(lang: Lang, with_x: bool) -> Vec<Control<Key>> {
    keys(with_x).into_iter().map(|k| Control::key(ControlId::Key(k), label(lang, k), k)).collect()
}

/// Draws the keys of `controls` (the screen's list) in a 3 × 4 grid.
pub fn view<'a, M: Clone + 'a>(
    lang: Lang,
    with_x: bool,
    controls: &[Control<M>],
    z: &Look,
) -> Element<'a, M> {
    let key = |k: Key| -> Element<'a, M> {
        match find(controls, ControlId::Key(k)) {
            Some(c) => crate::ui::widgets::key(c, z).width(Length::Fill).into(),
            None => iced::widget::Space::new().width(Length::Fill).into(),
        }
    };
    let keys = keys(with_x);
    let mut col = column![].spacing(z.gap).width(width(lang, z));
    for r in keys.chunks(3) {
        col = col.push(row(r.iter().map(|k| key(*k))).spacing(z.gap));
    }
    col.into()
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
    }

    #[test]
    fn numbers_are_grouped_as_they_are_read() {
        assert_eq!(grouped(FieldKind::Phone, "13912345678"), "139 1234 5678");
        assert_eq!(grouped(FieldKind::Phone, "1391"), "139 1");
        assert_eq!(grouped(FieldKind::IdNumber, "110105194912310021"), "110105 19491231 0021");
        assert_eq!(grouped(FieldKind::BankAccount, "6222020200112233445"), "6222 0202 0011 2233 445");
        assert_eq!(grouped(FieldKind::Number, ""), "");
    }
}
