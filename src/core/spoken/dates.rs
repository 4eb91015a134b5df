//! Years, months, dates and durations: 二〇二六年十一月, 十二月十五日, 二十个工作日.

use std::fmt;
use std::str::FromStr;

use time::{Date, Month};

use super::numerals::{Two, en_grouped, en_ordinal, zh_cardinal, zh_digit_char};
use super::words::{
    EN_BCE, EN_MONTHS, EN_WORKING_DAY, EN_WORKING_DAYS, ZH_BCE, ZH_DAY, ZH_MONTH, ZH_WORKING_DAYS, ZH_YEAR,
};
use super::{Form, SpokenError};
use crate::core::lang::Lang;

/// A calendar month of a year, as the portal writes it: `2026-11`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    pub month: Month,
}

impl YearMonth {
    /// Parses `YYYY-MM` (four-digit year, two-digit month); whitespace around is ignored.
    pub fn parse(text: &str) -> Result<YearMonth, SpokenError> {
        let malformed = SpokenError::Malformed(Form::YearMonth, "expected YYYY-MM, e.g. 2026-11");
        let (year, month) = text.trim().split_once('-').ok_or(malformed.clone())?;
        let year = fixed_digits(year, 4).ok_or(malformed.clone())?;
        let month = fixed_digits(month, 2).and_then(|m| Month::try_from(m as u8).ok()).ok_or(malformed)?;
        Ok(YearMonth { year: year as i32, month })
    }

    /// How the month is said: 二〇二六年十一月 / "November 2026".
    pub fn spoken(self, lang: Lang) -> String {
        match lang {
            Lang::ZhCn => format!("{}{}", year(self.year, lang), zh_month(self.month)),
            Lang::EnUs => format!("{} {}", en_month(self.month), year(self.year, lang)),
        }
    }
}

impl FromStr for YearMonth {
    type Err = SpokenError;

    fn from_str(s: &str) -> Result<YearMonth, SpokenError> {
        YearMonth::parse(s)
    }
}

/// The written form, `2026-11`.
impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, u8::from(self.month))
    }
}

/// `text` as a number if it is exactly `len` ASCII digits.
fn fixed_digits(text: &str, len: usize) -> Option<u32> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

/// A year, digit by digit in Chinese: 2026 → 二〇二六年 (espeak-ng reads `2026年` as
/// 二千二十六年). English: "2026", which the English voice reads "two thousand twenty-six".
/// Years before the common era: 公元前五百年 / "500 BC".
pub fn year(year: i32, lang: Lang) -> String {
    let digits = year.unsigned_abs().to_string();
    match lang {
        Lang::ZhCn => {
            let era = if year < 0 { ZH_BCE } else { "" };
            let said: String = digits.chars().filter_map(zh_digit_char).collect();
            format!("{era}{said}{ZH_YEAR}")
        }
        Lang::EnUs if year < 0 => format!("{digits} {EN_BCE}"),
        Lang::EnUs => digits,
    }
}

/// A month of a year: 二〇二六年十一月 / "November 2026".
pub fn year_month(month: YearMonth, lang: Lang) -> String {
    month.spoken(lang)
}

/// [`year_month`] from the portal's `YYYY-MM` text.
pub fn year_month_str(text: &str, lang: Lang) -> Result<String, SpokenError> {
    YearMonth::parse(text).map(|m| m.spoken(lang))
}

/// A date, with its year only when that is not `today`'s year: 十二月十五日 or
/// 二〇二五年十二月十五日; "December fifteenth" or "December fifteenth, 2025". English days
/// are ordinal words because the English voice reads "December 15" as "December fifteen".
pub fn date(date: Date, today: Date, lang: Lang) -> String {
    let same_year = date.year() == today.year();
    match lang {
        Lang::ZhCn => {
            let year = if same_year { String::new() } else { year(date.year(), lang) };
            let day = zh_cardinal(u64::from(date.day()), Two::Number);
            format!("{year}{}{day}{ZH_DAY}", zh_month(date.month()))
        }
        Lang::EnUs => {
            let day = format!("{} {}", en_month(date.month()), en_ordinal(date.day()));
            if same_year { day } else { format!("{day}, {}", year(date.year(), lang)) }
        }
    }
}

/// [`date`] from ISO text, `YYYY-MM-DD`.
pub fn date_str(text: &str, today: Date, lang: Lang) -> Result<String, SpokenError> {
    parse_date(text).map(|d| date(d, today, lang))
}

/// Parses `YYYY-MM-DD` (a real calendar date); whitespace around is ignored.
pub fn parse_date(text: &str) -> Result<Date, SpokenError> {
    let malformed =
        SpokenError::Malformed(Form::Date, "expected a calendar date as YYYY-MM-DD, e.g. 2026-12-15");
    let text = text.trim();
    let (month, day) = text.rsplit_once('-').ok_or(malformed.clone())?;
    let month = YearMonth::parse(month).map_err(|_| malformed.clone())?;
    let day = fixed_digits(day, 2).ok_or(malformed.clone())?;
    Date::from_calendar_date(month.year, month.month, day as u8).map_err(|_| malformed)
}

/// A duration in working days: 二十个工作日, 两个工作日 / "20 working days", "1 working day".
pub fn working_days(days: u32, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => format!("{}{ZH_WORKING_DAYS}", zh_cardinal(u64::from(days), Two::Quantity)),
        Lang::EnUs if days == 1 => format!("1 {EN_WORKING_DAY}"),
        Lang::EnUs => format!("{} {EN_WORKING_DAYS}", en_grouped(u64::from(days))),
    }
}

/// A count said as a number: 二十三 / "23". Chinese numerals, because a listener expects
/// 二十三 and espeak-ng misreads some written forms (`12345` as 十二千…).
pub fn number(n: u64, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => zh_cardinal(n, Two::Number),
        Lang::EnUs => en_grouped(n),
    }
}

/// A count directly before a Chinese measure word: 两 (两件材料), otherwise as [`number`].
pub fn quantity(n: u64, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => zh_cardinal(n, Two::Quantity),
        Lang::EnUs => en_grouped(n),
    }
}

fn zh_month(month: Month) -> String {
    format!("{}{ZH_MONTH}", zh_cardinal(u64::from(u8::from(month)), Two::Number))
}

fn en_month(month: Month) -> &'static str {
    EN_MONTHS.get(usize::from(u8::from(month)) - 1).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    const TODAY: Date = date!(2026 - 11 - 28);

    #[test]
    fn years_digit_by_digit() {
        assert_eq!(year(2026, Lang::ZhCn), "二〇二六年");
        assert_eq!(year(2000, Lang::ZhCn), "二〇〇〇年");
        assert_eq!(year(1998, Lang::ZhCn), "一九九八年");
        assert_eq!(year(-500, Lang::ZhCn), "公元前五〇〇年");
        assert_eq!(year(2026, Lang::EnUs), "2026");
        assert_eq!(year(-500, Lang::EnUs), "500 BC");
    }

    #[test]
    fn year_months() {
        assert_eq!(year_month_str("2026-11", Lang::ZhCn).unwrap(), "二〇二六年十一月");
        assert_eq!(year_month_str("2026-01", Lang::ZhCn).unwrap(), "二〇二六年一月");
        assert_eq!(year_month_str(" 2025-02 ", Lang::ZhCn).unwrap(), "二〇二五年二月");
        assert_eq!(year_month_str("2026-11", Lang::EnUs).unwrap(), "November 2026");
        let ym = YearMonth { year: 2026, month: Month::December };
        assert_eq!(year_month(ym, Lang::EnUs), "December 2026");
        assert_eq!(ym.to_string(), "2026-12");
        assert_eq!("2026-12".parse::<YearMonth>().unwrap(), ym);
    }

    #[test]
    fn malformed_year_months() {
        for bad in
            ["", "2026", "2026-13", "2026-00", "2026-1", "26-11", "2026/11", "2026-11-01", "二〇二六-11"]
        {
            assert!(
                matches!(YearMonth::parse(bad), Err(SpokenError::Malformed(Form::YearMonth, _))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn dates_carry_the_year_only_when_it_is_not_this_year() {
        assert_eq!(date(date!(2026 - 12 - 15), TODAY, Lang::ZhCn), "十二月十五日");
        assert_eq!(date(date!(2027 - 01 - 02), TODAY, Lang::ZhCn), "二〇二七年一月二日");
        assert_eq!(date(date!(2025 - 12 - 15), TODAY, Lang::ZhCn), "二〇二五年十二月十五日");
        assert_eq!(date(date!(2026 - 02 - 20), TODAY, Lang::ZhCn), "二月二十日");
        assert_eq!(date(date!(2026 - 12 - 15), TODAY, Lang::EnUs), "December fifteenth");
        assert_eq!(date(date!(2025 - 12 - 15), TODAY, Lang::EnUs), "December fifteenth, 2025");
        assert_eq!(date(date!(2026 - 03 - 31), TODAY, Lang::EnUs), "March thirty-first");
        assert_eq!(date(date!(2027 - 01 - 02), TODAY, Lang::EnUs), "January second, 2027");
    }

    #[test]
    fn dates_from_iso_text() {
        assert_eq!(date_str("2026-12-15", TODAY, Lang::ZhCn).unwrap(), "十二月十五日");
        assert_eq!(date_str("2025-12-15", TODAY, Lang::EnUs).unwrap(), "December fifteenth, 2025");
        assert_eq!(parse_date("2024-02-29").unwrap(), date!(2024 - 02 - 29));
        for bad in ["", "2026-02-30", "2025-02-29", "2026-12", "2026-12-5", "2026-12-15T00:00", "15/12/2026"]
        {
            assert!(matches!(parse_date(bad), Err(SpokenError::Malformed(Form::Date, _))), "{bad:?}");
        }
    }

    #[test]
    fn working_day_durations() {
        assert_eq!(working_days(20, Lang::ZhCn), "二十个工作日");
        assert_eq!(working_days(2, Lang::ZhCn), "两个工作日");
        assert_eq!(working_days(1, Lang::ZhCn), "一个工作日");
        assert_eq!(working_days(15, Lang::ZhCn), "十五个工作日");
        assert_eq!(working_days(20, Lang::EnUs), "20 working days");
        assert_eq!(working_days(1, Lang::EnUs), "1 working day");
        assert_eq!(working_days(0, Lang::EnUs), "0 working days");
    }

    #[test]
    fn counts() {
        assert_eq!(number(2, Lang::ZhCn), "二");
        assert_eq!(number(23, Lang::ZhCn), "二十三");
        assert_eq!(quantity(2, Lang::ZhCn), "两");
        assert_eq!(quantity(3, Lang::ZhCn), "三");
        assert_eq!(number(12_345, Lang::EnUs), "12,345");
        assert_eq!(quantity(2, Lang::EnUs), "2");
    }
}
