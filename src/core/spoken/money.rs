//! Amounts of money: 四千九百九十三元九角 / "4,993.90 yuan".

use std::fmt;
use std::str::FromStr;

use super::numerals::{Two, en_grouped, zh_cardinal};
use super::words::{EN_NEGATIVE, EN_YUAN, ZH_FEN, ZH_JIAO, ZH_NEGATIVE, ZH_YUAN, ZH_ZERO};
use super::{Form, SpokenError};
use crate::core::lang::Lang;

/// An amount of money in fen (hundredths of a yuan), parsed without floating point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    negative: bool,
    fen: u64,
}

impl Money {
    /// From a count of fen (the portal's cents), e.g. `499_390` for 4993.90.
    pub fn from_fen(fen: i64) -> Money {
        Money { negative: fen < 0, fen: fen.unsigned_abs() }
    }

    /// Parses the portal's decimal text: `"4993.90"`, `"20"`, `"0.5"`, `"-12.00"`. Digits with
    /// at most two decimals and an optional leading `-`; surrounding whitespace is ignored.
    /// No grouping separators, no currency sign, no exponent.
    pub fn parse(text: &str) -> Result<Money, SpokenError> {
        let malformed = |why| SpokenError::Malformed(Form::Money, why);
        let text = text.trim();
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, decimals) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        if whole.is_empty() {
            return Err(malformed("no digits before the decimal point"));
        }
        if !whole.bytes().chain(decimals.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(malformed("only digits, one decimal point and a leading minus are allowed"));
        }
        if decimals.len() > 2 {
            return Err(malformed("more than two decimals (smaller than a fen)"));
        }
        let too_large = SpokenError::TooLarge(Form::Money);
        let yuan: u64 = whole.parse().map_err(|_| too_large.clone())?;
        let fraction = decimals.bytes().map(|b| u64::from(b - b'0'));
        let fen_part = fraction.chain(std::iter::repeat(0)).take(2).fold(0, |acc, d| acc * 10 + d);
        let fen = yuan.checked_mul(100).and_then(|f| f.checked_add(fen_part)).ok_or(too_large)?;
        Ok(Money { negative: negative && fen > 0, fen })
    }

    /// Whole yuan.
    pub fn yuan(self) -> u64 {
        self.fen / 100
    }

    /// The fen below a yuan (0–99).
    pub fn cents(self) -> u8 {
        (self.fen % 100) as u8
    }

    /// Below zero (a refund). `-0.00` is zero.
    pub fn is_negative(self) -> bool {
        self.negative
    }

    /// How the amount is said.
    ///
    /// Chinese counts yuan, jiao and fen, and leaves out units that are zero:
    /// 4993.90 → 四千九百九十三元九角, 0.05 → 五分, 20.00 → 二十元, 1.05 → 一元零五分,
    /// 2.20 → 两元两角, 0 → 零元, −12.00 → 负十二元. espeak-ng reads a decimal point inside
    /// Chinese text as nothing (29865.50 → 二千九百八十六十五 … 五零), so no point is said.
    ///
    /// English writes the amount as English text shows it, which the English voice reads
    /// as one number with "point": "4,993.90 yuan", "0.05 yuan", "20 yuan" (whole amounts
    /// drop ".00": "twenty point zero zero" helps nobody), "minus 12 yuan".
    pub fn spoken(self, lang: Lang) -> String {
        match lang {
            Lang::ZhCn => self.zh(),
            Lang::EnUs => self.en(),
        }
    }

    fn zh(self) -> String {
        let (yuan, jiao, fen) = (self.yuan(), u64::from(self.cents() / 10), u64::from(self.cents() % 10));
        let mut out = String::new();
        if self.negative {
            out.push_str(ZH_NEGATIVE);
        }
        if yuan > 0 {
            out.push_str(&zh_cardinal(yuan, Two::Quantity));
            out.push_str(ZH_YUAN);
        }
        if jiao > 0 {
            out.push_str(&zh_cardinal(jiao, Two::Quantity));
            out.push_str(ZH_JIAO);
        }
        if fen > 0 {
            if yuan > 0 && jiao == 0 {
                out.push_str(ZH_ZERO);
            }
            out.push_str(&zh_cardinal(fen, Two::Quantity));
            out.push_str(ZH_FEN);
        }
        if self.fen == 0 {
            out.push_str(ZH_ZERO);
            out.push_str(ZH_YUAN);
        }
        out
    }

    fn en(self) -> String {
        let sign = if self.negative { EN_NEGATIVE } else { "" };
        let yuan = en_grouped(self.yuan());
        match self.cents() {
            0 => format!("{sign}{yuan} {EN_YUAN}"),
            cents => format!("{sign}{yuan}.{cents:02} {EN_YUAN}"),
        }
    }
}

impl FromStr for Money {
    type Err = SpokenError;

    fn from_str(s: &str) -> Result<Money, SpokenError> {
        Money::parse(s)
    }
}

/// The written form, as the portal sends it (`4993.90`, `-12.00`): for screens and logs, not
/// for the engine.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.negative { "-" } else { "" };
        write!(f, "{sign}{}.{:02}", self.yuan(), self.cents())
    }
}

/// How the portal's amount text is said (see [`Money::spoken`]). On malformed input the
/// caller says its own fallback (e.g. "the amount is on the screen"), never the raw text.
pub fn money(amount: &str, lang: Lang) -> Result<String, SpokenError> {
    Money::parse(amount).map(|m| m.spoken(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(s: &str) -> String {
        money(s, Lang::ZhCn).unwrap()
    }

    fn en(s: &str) -> String {
        money(s, Lang::EnUs).unwrap()
    }

    #[test]
    fn chinese_counts_yuan_jiao_fen() {
        assert_eq!(zh("4993.90"), "四千九百九十三元九角");
        assert_eq!(zh("29865.50"), "两万九千八百六十五元五角");
        assert_eq!(zh("0.05"), "五分");
        assert_eq!(zh("0.50"), "五角");
        assert_eq!(zh("0.55"), "五角五分");
        assert_eq!(zh("20.00"), "二十元");
        assert_eq!(zh("20"), "二十元");
        assert_eq!(zh("0.5"), "五角");
        assert_eq!(zh("1.05"), "一元零五分");
        assert_eq!(zh("10.05"), "十元零五分");
        assert_eq!(zh("1.25"), "一元两角五分");
        assert_eq!(zh("2.22"), "两元两角两分");
        assert_eq!(zh("12.00"), "十二元");
        assert_eq!(zh("1005.00"), "一千零五元");
        assert_eq!(zh("2000.00"), "两千元");
        assert_eq!(zh("0.00"), "零元");
        assert_eq!(zh("007.10"), "七元一角");
        assert_eq!(zh(" 386.00 "), "三百八十六元");
    }

    #[test]
    fn english_as_written_with_grouping() {
        assert_eq!(en("4993.90"), "4,993.90 yuan");
        assert_eq!(en("29865.50"), "29,865.50 yuan");
        assert_eq!(en("0.05"), "0.05 yuan");
        assert_eq!(en("0.5"), "0.50 yuan");
        assert_eq!(en("20.00"), "20 yuan");
        assert_eq!(en("1"), "1 yuan");
        assert_eq!(en("1234567.05"), "1,234,567.05 yuan");
    }

    #[test]
    fn negative_amounts_say_minus() {
        assert_eq!(zh("-12.00"), "负十二元");
        assert_eq!(zh("-0.05"), "负五分");
        assert_eq!(en("-4993.90"), "minus 4,993.90 yuan");
        // Minus zero is zero.
        assert_eq!(zh("-0.00"), "零元");
        assert_eq!(en("-0"), "0 yuan");
        assert_eq!(Money::from_fen(-1_200).spoken(Lang::ZhCn), "负十二元");
    }

    #[test]
    fn typed_values() {
        let m = Money::parse("4993.9").unwrap();
        assert_eq!((m.yuan(), m.cents(), m.is_negative()), (4993, 90, false));
        assert_eq!(m, Money::from_fen(499_390));
        assert_eq!("4993.90".parse::<Money>().unwrap(), m);
        assert_eq!(m.to_string(), "4993.90");
        assert_eq!(Money::from_fen(-5).to_string(), "-0.05");
    }

    #[test]
    fn malformed_input_is_an_error_not_a_guess() {
        for bad in
            ["", " ", "-", ".5", "4,993.90", "4993.905", "¥20", "20元", "1e3", "--1", "+5", "1.2.3", "四十"]
        {
            assert!(
                matches!(Money::parse(bad), Err(SpokenError::Malformed(Form::Money, _))),
                "{bad:?} → {:?}",
                Money::parse(bad)
            );
        }
        let huge = "184467440737095516.16";
        assert_eq!(Money::parse(huge), Err(SpokenError::TooLarge(Form::Money)));
        assert_eq!(Money::parse("99999999999999999999999"), Err(SpokenError::TooLarge(Form::Money)));
        assert!(Money::parse("184467440737095516.15").is_ok());
    }

    #[test]
    fn the_error_does_not_carry_the_input() {
        let error = money("4,993.90", Lang::ZhCn).unwrap_err().to_string();
        assert!(!error.contains("993"), "{error}");
    }
}
