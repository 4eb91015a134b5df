//! Codes and numbers said character by character, in groups with pauses:
//! Y B V，二 X F C，C N 八 W / "Y B V, 2 X F C, C N 8 W"; 一三八，一二三四，五六七八.

use super::numerals::zh_digit_char;
use super::words::{EN_GROUP_PAUSE, EN_LETTER_A_BEFORE_MORE, ZH_GROUP_PAUSE};
use super::{Form, SpokenError};
use crate::core::lang::Lang;

/// The longest group said without a pause.
const MAX_GROUP: usize = 4;

/// A code (verification code, case number, lookup code) character by character. Groups
/// are the code's own, split at `-` and whitespace (YBV-2XFC-CN8W → YBV | 2XFC | CN8W).
/// A group longer than four characters is split where letters and digits meet, and a run
/// still longer into near-equal parts of at most four (YB20261128000042 → YB | 2026 | 1128
/// | 000 | 042).
///
/// Chinese: letters stay Latin capitals, each its own word, which the Mandarin voice says
/// by its letter name (Y `w'uai51`, B `p'i51`); run together they are read as an English
/// word. Digits become 〇 一 二 …. English: letters and digits separated by spaces; an `A`
/// with more of its group after it is written `A-` (see [`EN_LETTER_A_BEFORE_MORE`]).
pub fn code(text: &str, lang: Lang) -> Result<String, SpokenError> {
    let groups = split_groups(text, Form::Code, |c| c.is_ascii_alphanumeric())?;
    let groups = groups.iter().flat_map(|g| split_long(g, true)).collect::<Vec<_>>();
    Ok(say_groups(&groups, lang))
}

/// A phone number digit by digit. A Chinese mobile number (11 digits starting with 1,
/// with or without `+86`) is grouped 3-4-4: 一三八，一二三四，五六七八. Other numbers keep the
/// groups they are written in (`010-6512-3456`), and runs longer than four digits are split
/// into near-equal parts.
pub fn phone(text: &str, lang: Lang) -> Result<String, SpokenError> {
    let trimmed = text.trim();
    let national = trimmed.strip_prefix("+86").unwrap_or(trimmed);
    let groups = split_groups(national, Form::Phone, |c| c.is_ascii_digit())?;
    let all: String = groups.concat();
    let groups = if all.len() == 11 && all.starts_with('1') {
        vec![all[..3].to_owned(), all[3..7].to_owned(), all[7..].to_owned()]
    } else {
        groups.iter().flat_map(|g| split_long(g, false)).collect()
    };
    Ok(say_groups(&groups, lang))
}

/// The last characters of an ID number, digit by digit, e.g. 1234 → 一二三四. The check
/// character X (last only) is said as the letter X in both languages, as in codes: one
/// printed shape, one sound. The alternative 叉 (`ts.h'A55`) differs from 八 (`p'A55`) only
/// in its first consonant; the letter (`'ai35ks`) sounds like no digit.
pub fn id_tail(text: &str, lang: Lang) -> Result<String, SpokenError> {
    let text = text.trim();
    let body = text.strip_suffix(['X', 'x']).unwrap_or(text);
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SpokenError::Malformed(Form::IdTail, "only digits and a final X are allowed"));
    }
    let upper = text.to_ascii_uppercase();
    let groups: Vec<String> = split_long(&upper, false);
    Ok(say_groups(&groups, lang))
}

/// Digits said one by one (an account's or a phone's last four: 八〇〇〇 / "8 0 0 0").
/// Spaces are ignored; more than four digits are grouped as in [`phone`].
pub fn digits(text: &str, lang: Lang) -> Result<String, SpokenError> {
    let all: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if all.is_empty() || !all.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SpokenError::Malformed(Form::Digits, "only digits are allowed"));
    }
    Ok(say_groups(&split_long(&all, false), lang))
}

/// The groups of `text` as written (split at `-`, `–` and whitespace). Every other
/// character must pass `allowed`.
fn split_groups(text: &str, form: Form, allowed: impl Fn(char) -> bool) -> Result<Vec<String>, SpokenError> {
    let is_separator = |c: char| c == '-' || c == '–' || c.is_whitespace();
    let groups: Vec<String> =
        text.split(is_separator).filter(|g| !g.is_empty()).map(str::to_ascii_uppercase).collect();
    if groups.is_empty() {
        return Err(SpokenError::Malformed(form, "nothing to say"));
    }
    if !groups.iter().all(|g| g.chars().all(&allowed)) {
        return Err(SpokenError::Malformed(form, "unexpected character"));
    }
    Ok(groups)
}

/// Splits a group longer than [`MAX_GROUP`]: first where letters and digits meet (if
/// `at_kind_changes`), then runs still too long into near-equal parts (14 → 4 4 3 3).
fn split_long(group: &str, at_kind_changes: bool) -> Vec<String> {
    let chars: Vec<char> = group.chars().collect();
    if chars.len() <= MAX_GROUP {
        return vec![group.to_owned()];
    }
    let mut runs: Vec<Vec<char>> = Vec::new();
    for &c in &chars {
        match runs.last_mut() {
            Some(run)
                if !at_kind_changes || run.last().map(char::is_ascii_digit) == Some(c.is_ascii_digit()) =>
            {
                run.push(c)
            }
            _ => runs.push(vec![c]),
        }
    }
    let mut out = Vec::new();
    for run in runs {
        let parts = run.len().div_ceil(MAX_GROUP);
        let (base, extra) = (run.len() / parts, run.len() % parts);
        let mut rest = run.as_slice();
        for i in 0..parts {
            let (part, tail) = rest.split_at(base + usize::from(i < extra));
            out.push(part.iter().collect());
            rest = tail;
        }
    }
    out
}

/// Says each group character by character, with a pause between groups.
fn say_groups(groups: &[String], lang: Lang) -> String {
    let said: Vec<String> = groups.iter().map(|g| say_group(g, lang)).collect();
    match lang {
        Lang::ZhCn => said.join(ZH_GROUP_PAUSE),
        Lang::EnUs => said.join(EN_GROUP_PAUSE),
    }
}

/// One group: Chinese digits run together (each is a syllable), a Latin letter always
/// stands as its own word; English separates everything by spaces.
fn say_group(group: &str, lang: Lang) -> String {
    let chars: Vec<char> = group.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let more = i + 1 < chars.len();
        match lang {
            Lang::ZhCn => {
                let latin = c.is_ascii_alphabetic();
                if i > 0 && (latin || chars[i - 1].is_ascii_alphabetic()) {
                    out.push(' ');
                }
                match zh_digit_char(c) {
                    Some(d) => out.push_str(d),
                    None => out.push(c),
                }
            }
            Lang::EnUs => {
                if i > 0 {
                    out.push(' ');
                }
                if c == 'A' && more {
                    out.push_str(EN_LETTER_A_BEFORE_MORE);
                } else {
                    out.push(c);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verification_codes_in_their_groups() {
        assert_eq!(code("YBV-2XFC-CN8W", Lang::ZhCn).unwrap(), "Y B V，二 X F C，C N 八 W");
        assert_eq!(code("YBV-2XFC-CN8W", Lang::EnUs).unwrap(), "Y B V, 2 X F C, C N 8 W");
        assert_eq!(code(" ybv-7kq2-m9tx ", Lang::ZhCn).unwrap(), "Y B V，七 K Q 二，M 九 T X");
    }

    #[test]
    fn english_letter_a_is_not_the_article() {
        assert_eq!(code("AB2A", Lang::EnUs).unwrap(), "A- B 2 A");
        assert_eq!(code("YBA-A2", Lang::EnUs).unwrap(), "Y B A, A- 2");
        assert_eq!(code("AB2A", Lang::ZhCn).unwrap(), "A B 二 A");
    }

    #[test]
    fn case_numbers_split_where_letters_meet_digits() {
        assert_eq!(code("YB20261128000042", Lang::ZhCn).unwrap(), "Y B，二〇二六，一一二八，〇〇〇，〇四二");
        assert_eq!(code("YB20261128000042", Lang::EnUs).unwrap(), "Y B, 2 0 2 6, 1 1 2 8, 0 0 0, 0 4 2");
        assert_eq!(code("AB12CD", Lang::EnUs).unwrap(), "A- B, 1 2, C D");
    }

    #[test]
    fn long_runs_split_evenly() {
        let sizes = |s: &str| split_long(s, false).iter().map(String::len).collect::<Vec<_>>();
        assert_eq!(sizes("1234"), [4]);
        assert_eq!(sizes("12345"), [3, 2]);
        assert_eq!(sizes("123456"), [3, 3]);
        assert_eq!(sizes("1234567"), [4, 3]);
        assert_eq!(sizes("123456789"), [3, 3, 3]);
        assert_eq!(sizes("12345678901234"), [4, 4, 3, 3]);
    }

    #[test]
    fn malformed_codes() {
        for bad in ["", " - ", "YBV_2XFC", "核验码", "YBV.2XFC"] {
            assert!(matches!(code(bad, Lang::ZhCn), Err(SpokenError::Malformed(Form::Code, _))), "{bad:?}");
        }
    }

    #[test]
    fn mobile_numbers_in_3_4_4() {
        assert_eq!(phone("13812345678", Lang::ZhCn).unwrap(), "一三八，一二三四，五六七八");
        assert_eq!(phone("138 1234 5678", Lang::ZhCn).unwrap(), "一三八，一二三四，五六七八");
        assert_eq!(phone("+86 138-1234-5678", Lang::ZhCn).unwrap(), "一三八，一二三四，五六七八");
        assert_eq!(phone("13812345678", Lang::EnUs).unwrap(), "1 3 8, 1 2 3 4, 5 6 7 8");
    }

    #[test]
    fn other_numbers_keep_their_groups() {
        assert_eq!(phone("010-6512-3456", Lang::ZhCn).unwrap(), "〇一〇，六五一二，三四五六");
        assert_eq!(phone("12345", Lang::ZhCn).unwrap(), "一二三，四五");
        assert_eq!(phone("01065123456", Lang::EnUs).unwrap(), "0 1 0 6, 5 1 2 3, 4 5 6");
        for bad in ["", "138-1234-567a", "138*1234", "+1 555"] {
            assert!(matches!(phone(bad, Lang::ZhCn), Err(SpokenError::Malformed(Form::Phone, _))), "{bad:?}");
        }
    }

    #[test]
    fn id_tails_with_the_letter_x() {
        assert_eq!(id_tail("1234", Lang::ZhCn).unwrap(), "一二三四");
        assert_eq!(id_tail("123X", Lang::ZhCn).unwrap(), "一二三 X");
        assert_eq!(id_tail("123x", Lang::ZhCn).unwrap(), "一二三 X");
        assert_eq!(id_tail("123X", Lang::EnUs).unwrap(), "1 2 3 X");
        for bad in ["", "X", "12X4", "12 34", "12-4", "１２３４"] {
            assert!(
                matches!(id_tail(bad, Lang::ZhCn), Err(SpokenError::Malformed(Form::IdTail, _))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn plain_digits() {
        assert_eq!(digits("8000", Lang::ZhCn).unwrap(), "八〇〇〇");
        assert_eq!(digits("8000", Lang::EnUs).unwrap(), "8 0 0 0");
        assert_eq!(digits("6222 0212", Lang::ZhCn).unwrap(), "六二二二，〇二一二");
        assert!(matches!(digits("80a0", Lang::ZhCn), Err(SpokenError::Malformed(Form::Digits, _))));
        assert!(matches!(digits(" ", Lang::EnUs), Err(SpokenError::Malformed(Form::Digits, _))));
    }
}
