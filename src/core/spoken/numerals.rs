//! Numbers as numbers: Chinese cardinal numerals, English digit grouping, English ordinals.

use super::words::{
    EN_ORDINALS, EN_TENS_ORDINAL, EN_TENS_PREFIX, ZH_DIGITS, ZH_PLACES, ZH_TWO_QUANTITY, ZH_WAN, ZH_YI,
    ZH_ZERO,
};

/// How a Chinese `2` is said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Two {
    /// A number on its own, or a month or day: 二, 十二, 二十, 二百.
    Number,
    /// A quantity directly before a measure word: 两 (两元, 两个工作日).
    Quantity,
}

/// `n` in Chinese numerals (4993 → 四千九百九十三, 29865 → 两万九千八百六十五,
/// 1005 → 一千零五, 10 → 十). A leading 2 before 千, 万 or 亿 is 两 (两千, 两万); a lone 2 is
/// 两 only as a [`Two::Quantity`].
pub(crate) fn zh_cardinal(n: u64, two: Two) -> String {
    if n == 0 {
        return ZH_ZERO.to_owned();
    }
    if n == 2 && two == Two::Quantity {
        return ZH_TWO_QUANTITY.to_owned();
    }
    let mut out = String::new();
    zh_large(&mut out, n, true, false);
    out
}

const WAN: u64 = 10_000;
const YI: u64 = 100_000_000;

/// `n` (> 0) counted in 亿 and 万. `leading`: it starts the number (一十 becomes 十, a first
/// 2 before a unit becomes 两); `has_unit`: a larger unit follows it.
fn zh_large(out: &mut String, n: u64, leading: bool, has_unit: bool) {
    let (unit, size) = if n >= YI {
        (ZH_YI, YI)
    } else if n >= WAN {
        (ZH_WAN, WAN)
    } else {
        zh_section(out, n, leading, has_unit);
        return;
    };
    zh_large(out, n / size, leading, true);
    out.push_str(unit);
    let low = n % size;
    if low > 0 {
        // 一万零五, 一亿零一十万: a gap below the unit is said as one 零.
        if low < size / 10 {
            out.push_str(ZH_ZERO);
        }
        zh_large(out, low, false, has_unit);
    }
}

/// One number below ten thousand; see [`zh_large`] for the flags.
fn zh_section(out: &mut String, section: u64, leading: bool, has_unit: bool) {
    let mut emitted = false;
    let mut pending_zero = false;
    for place in (0..4).rev() {
        let digit = (section / 10u64.pow(place as u32)) % 10;
        if digit == 0 {
            pending_zero |= emitted;
            continue;
        }
        if pending_zero {
            out.push_str(ZH_ZERO);
            pending_zero = false;
        }
        let first = leading && !emitted;
        let is_ten_one = first && place == 1 && digit == 1;
        let is_liang = first && digit == 2 && (place == 3 || (place == 0 && has_unit));
        if is_liang {
            out.push_str(ZH_TWO_QUANTITY);
        } else if !is_ten_one {
            out.push_str(zh_digit(digit));
        }
        out.push_str(ZH_PLACES[place]);
        emitted = true;
    }
}

/// The digit name of `d` (0–9) for digit-by-digit reading: 〇 一 二 … 九.
pub(crate) fn zh_digit(d: u64) -> &'static str {
    ZH_DIGITS.get(d as usize).copied().unwrap_or_default()
}

/// The digit name of an ASCII digit character, if it is one.
pub(crate) fn zh_digit_char(c: char) -> Option<&'static str> {
    c.to_digit(10).map(|d| zh_digit(u64::from(d)))
}

/// `n` with thousands separators, as English text writes it: 4993 → "4,993". espeak-ng's
/// English voice reads the separated form as one number.
pub(crate) fn en_grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A day of the month (1–31) as an English ordinal word: 15 → "fifteenth", 21 →
/// "twenty-first". Other values fall back to the digits.
pub(crate) fn en_ordinal(day: u8) -> String {
    match day {
        1..=19 => EN_ORDINALS[usize::from(day)].to_owned(),
        20..=39 => {
            let tens = usize::from(day / 10 - 2);
            match day % 10 {
                0 => EN_TENS_ORDINAL[tens].to_owned(),
                ones => format!("{}{}", EN_TENS_PREFIX[tens], EN_ORDINALS[usize::from(ones)]),
            }
        }
        _ => day.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_cardinals() {
        let cases: &[(u64, &str)] = &[
            (0, "零"),
            (1, "一"),
            (2, "二"),
            (10, "十"),
            (11, "十一"),
            (12, "十二"),
            (20, "二十"),
            (101, "一百零一"),
            (110, "一百一十"),
            (200, "二百"),
            (1005, "一千零五"),
            (1050, "一千零五十"),
            (2000, "两千"),
            (2200, "两千二百"),
            (4993, "四千九百九十三"),
            (10_005, "一万零五"),
            (10_010, "一万零一十"),
            (12_000, "一万二千"),
            (20_000, "两万"),
            (29_865, "两万九千八百六十五"),
            (100_000, "十万"),
            (100_500, "十万零五百"),
            (110_000, "十一万"),
            (220_000, "二十二万"),
            (1_000_100, "一百万零一百"),
            (100_000_005, "一亿零五"),
            (100_100_000, "一亿零一十万"),
            (200_000_000, "两亿"),
            (1_234_500_006_789, "一万二千三百四十五亿零六千七百八十九"),
        ];
        for &(n, said) in cases {
            assert_eq!(zh_cardinal(n, Two::Number), said, "{n}");
        }
        assert_eq!(
            zh_cardinal(u64::MAX, Two::Number),
            "一千八百四十四亿六千七百四十四万零七百三十七亿零九百五十五万一千六百一十五"
        );
    }

    #[test]
    fn two_before_a_measure_word_is_liang() {
        assert_eq!(zh_cardinal(2, Two::Quantity), "两");
        assert_eq!(zh_cardinal(12, Two::Quantity), "十二");
        assert_eq!(zh_cardinal(22, Two::Quantity), "二十二");
        assert_eq!(zh_cardinal(2000, Two::Quantity), "两千");
    }

    #[test]
    fn digit_names() {
        let all: String = "0123456789".chars().filter_map(zh_digit_char).collect();
        assert_eq!(all, "〇一二三四五六七八九");
        assert_eq!(zh_digit_char('x'), None);
    }

    #[test]
    fn english_grouping() {
        assert_eq!(en_grouped(0), "0");
        assert_eq!(en_grouped(999), "999");
        assert_eq!(en_grouped(4993), "4,993");
        assert_eq!(en_grouped(29_865), "29,865");
        assert_eq!(en_grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn english_ordinals() {
        assert_eq!(en_ordinal(1), "first");
        assert_eq!(en_ordinal(2), "second");
        assert_eq!(en_ordinal(12), "twelfth");
        assert_eq!(en_ordinal(15), "fifteenth");
        assert_eq!(en_ordinal(20), "twentieth");
        assert_eq!(en_ordinal(21), "twenty-first");
        assert_eq!(en_ordinal(30), "thirtieth");
        assert_eq!(en_ordinal(31), "thirty-first");
        assert_eq!(en_ordinal(0), "0");
    }
}
