//! Masking of personal data for display on screen, receipts and logs.
//!
//! All functions work on Unicode scalar values (`char`), never bytes, so rare
//! characters outside the BMP (e.g. U+20BB7) count as one character.

/// The character used to hide data.
const MASK: char = '*';

/// Separators used inside transliterated minority / foreign names; they are
/// kept visible so the name's shape is recognisable.
const NAME_SEPARATORS: [char; 4] = ['\u{00B7}', '\u{30FB}', '\u{2022}', '\u{2027}'];

/// Mask an ID number: keep the first 6 and last 4 characters, mask the rest,
/// e.g. `110105********1234`. Inputs shorter than 15 characters (the old
/// 15-digit format) are fully masked so that most of the number never shows.
pub fn id_number(id: &str) -> String {
    let chars: Vec<char> = id.trim().chars().collect();
    if chars.len() < 15 {
        return mask_all(chars.len());
    }
    keep_ends(&chars, 6, 4)
}

/// Mask a personal name: 2 chars -> first + `*`; 3+ chars -> first + `*`s +
/// last (`A*C`, `A**D`). Name separators such as U+00B7 (middle dot) stay
/// visible; every other character except the first and last is masked. A
/// single character is fully masked.
pub fn name(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.as_slice() {
        [] => String::new(),
        [_] => MASK.to_string(),
        [first, _] => [*first, MASK].iter().collect(),
        [first, middle @ .., last] => {
            let mut out = String::with_capacity(name.len());
            out.push(*first);
            out.extend(middle.iter().map(|c| if NAME_SEPARATORS.contains(c) { *c } else { MASK }));
            out.push(*last);
            out
        }
    }
}

/// Mask a phone number: keep the first 3 and last 4 digits, e.g.
/// `138****8000`. Spaces and dashes are dropped first. Numbers shorter than
/// 11 characters are fully masked.
pub fn phone(p: &str) -> String {
    let chars: Vec<char> = p.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if chars.len() < 11 {
        return mask_all(chars.len());
    }
    keep_ends(&chars, 3, 4)
}

/// Mask a bank account: only the last 4 characters are shown, as
/// `**** 1234`. Whitespace is ignored. Inputs of 4 characters or fewer show
/// nothing (`****`); empty input gives an empty string.
pub fn account(a: &str) -> String {
    let chars: Vec<char> = a.chars().filter(|c| !c.is_whitespace()).collect();
    match chars.len() {
        0 => String::new(),
        1..=4 => mask_all(4),
        _ => format!("{} {}", mask_all(4), last4(a)),
    }
}

/// The last 4 non-whitespace characters (all of them if fewer).
pub fn last4(a: &str) -> String {
    let chars: Vec<char> = a.chars().filter(|c| !c.is_whitespace()).collect();
    let start = chars.len().saturating_sub(4);
    chars[start..].iter().collect()
}

fn mask_all(n: usize) -> String {
    std::iter::repeat_n(MASK, n).collect()
}

/// Keep `head` leading and `tail` trailing chars, mask the rest.
/// Caller guarantees `chars.len() >= head + tail`.
fn keep_ends(chars: &[char], head: usize, tail: usize) -> String {
    let tail_start = chars.len().saturating_sub(tail);
    chars.iter().enumerate().map(|(i, c)| if i < head || i >= tail_start { *c } else { MASK }).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn id_numbers() {
        assert_eq!(id_number("110105194912311234"), "110105********1234");
        assert_eq!(id_number("11010519491231002X"), "110105********002X");
        assert_eq!(id_number(" 11010519491231002X "), "110105********002X");
        assert_eq!(id_number("110105491231123"), "110105*****1123");
        assert_eq!(id_number("12345678901234"), "**************");
        assert_eq!(id_number("1234"), "****");
        assert_eq!(id_number(""), "");
    }

    #[test]
    fn names() {
        assert_eq!(name("张三明"), "张*明");
        assert_eq!(name("张三"), "张*");
        assert_eq!(name("欧阳小明"), "欧**明");
        assert_eq!(name("司马相如啊"), "司***啊");
        assert_eq!(name("张"), "*");
        assert_eq!(name(""), "");
        assert_eq!(name("  李四  "), "李*");
    }

    #[test]
    fn rare_characters_outside_gb2312() {
        // U+20BB7 is a 4-byte UTF-8 character outside the BMP.
        assert_eq!("𠮷".len(), 4);
        assert_eq!(name("𠮷"), "*");
        assert_eq!(name("𠮷明"), "𠮷*");
        assert_eq!(name("王𠮷"), "王*");
        assert_eq!(name("𠮷小明"), "𠮷*明");
        assert_eq!(name("王𠮷明"), "王*明");
        assert_eq!(name("王小𠮷"), "王*𠮷");
        assert_eq!(name("䶮𠮷𪚥龘"), "䶮**龘");
    }

    #[test]
    fn minority_names_with_separators() {
        assert_eq!(name("买买提·艾力"), "买**·*力");
        assert_eq!(name("阿依古丽·买买提"), "阿***·**提");
        assert_eq!(name("爱新觉罗·溥仪"), "爱***·*仪");
        assert_eq!(name("A·B"), "A·B");
        assert_eq!(name("阿·𠮷提"), "阿·*提");
        // Katakana middle dot and multiple separators.
        assert_eq!(name("艾力・买买提・阿不都"), "艾*・***・**都");
        // Character counts are preserved.
        let masked = name("阿依古丽·买买提");
        assert_eq!(masked.chars().count(), "阿依古丽·买买提".chars().count());
    }

    #[test]
    fn phones() {
        assert_eq!(phone("13800138000"), "138****8000");
        assert_eq!(phone("138-0013-8000"), "138****8000");
        assert_eq!(phone("138 0013 8000"), "138****8000");
        assert_eq!(phone("010-12345678"), "010****5678");
        assert_eq!(phone("12345"), "*****");
        assert_eq!(phone(""), "");
    }

    #[test]
    fn accounts() {
        assert_eq!(account("6222020200112233446"), "**** 3446");
        assert_eq!(account("4111 1111 1111 1234"), "**** 1234");
        assert_eq!(account("12345"), "**** 2345");
        assert_eq!(account("1234"), "****");
        assert_eq!(account("12"), "****");
        assert_eq!(account(""), "");
    }

    #[test]
    fn last_four() {
        assert_eq!(last4("6222020200112233446"), "3446");
        assert_eq!(last4("4111 1111 1111 1234 "), "1234");
        assert_eq!(last4("12"), "12");
        assert_eq!(last4(""), "");
        assert_eq!(last4("账户𠮷𠮷𠮷𠮷"), "𠮷𠮷𠮷𠮷");
    }
}
