//! The portal's idea of "now": China Standard Time, with "today" fixable for tests
//! and demos through `YIBAN_PORTAL_TODAY=YYYY-MM-DD`.

use time::format_description::well_known::Rfc3339;
use time::macros::offset;
use time::{Date, Duration, Month, OffsetDateTime, UtcOffset, Weekday};

use super::error::PortalError;
use crate::core::validate;

/// The environment variable that fixes the portal's "today".
pub const TODAY_ENV: &str = "YIBAN_PORTAL_TODAY";

/// UTC+8, the time of every hall.
pub const CHINA: UtcOffset = offset!(+8);

/// Where the portal takes the date and time from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Clock {
    /// For a fixed date: (the fixed date at the real time of day, the real time)
    /// when the clock was made. Time then runs on from there, so it never jumps back.
    fixed: Option<(OffsetDateTime, OffsetDateTime)>,
}

impl Clock {
    /// The real date and time in UTC+8.
    pub fn system() -> Self {
        Clock { fixed: None }
    }

    /// Starts on a fixed date at the current time of day; time runs on from there.
    pub fn fixed(today: Date) -> Self {
        let real = real_now();
        Clock { fixed: Some((real.replace_date(today), real)) }
    }

    /// `YIBAN_PORTAL_TODAY` when set, else the real date.
    pub fn from_env() -> Result<Self, PortalError> {
        match std::env::var(TODAY_ENV) {
            Ok(v) if v.trim().is_empty() => Ok(Clock::system()),
            Ok(v) => validate::date(&v).map(Clock::fixed).map_err(|p| PortalError::Config {
                name: TODAY_ENV,
                message: format!("{p}; expected YYYY-MM-DD"),
            }),
            Err(std::env::VarError::NotPresent) => Ok(Clock::system()),
            Err(std::env::VarError::NotUnicode(_)) => {
                Err(PortalError::Config { name: TODAY_ENV, message: "not valid UTF-8".into() })
            }
        }
    }

    pub fn now(&self) -> OffsetDateTime {
        let real = real_now();
        match self.fixed {
            Some((start, real_start)) => start.checked_add(real - real_start).unwrap_or(start),
            None => real,
        }
    }

    pub fn today(&self) -> Date {
        self.now().date()
    }
}

fn real_now() -> OffsetDateTime {
    OffsetDateTime::now_utc().to_offset(CHINA)
}

/// RFC 3339 with offset, e.g. `2026-11-28T09:30:00+08:00`.
pub fn rfc3339(t: OffsetDateTime) -> String {
    let t = t.replace_nanosecond(0).unwrap_or(t);
    t.format(&Rfc3339).unwrap_or_default()
}

/// ISO `YYYY-MM-DD`.
pub fn iso_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// `yyyyMMdd`, as in case numbers.
pub fn compact_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day())
}

/// `days` calendar days after `d` (saturating at the calendar's end).
pub fn add_days(d: Date, days: u32) -> Date {
    d.checked_add(Duration::days(i64::from(days))).unwrap_or(d)
}

/// `days` working days (Monday–Friday) after `d`.
pub fn add_working_days(d: Date, days: u32) -> Date {
    let mut day = d;
    let mut left = days;
    while left > 0 {
        match day.next_day() {
            Some(next) => day = next,
            None => break,
        }
        if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            left -= 1;
        }
    }
    day
}

/// The same date a year later; 29 February becomes 28 February.
pub fn add_one_year(d: Date) -> Date {
    let year = d.year() + 1;
    Date::from_calendar_date(year, d.month(), d.day())
        .or_else(|_| Date::from_calendar_date(year, Month::February, 28))
        .unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn working_days_skip_weekends() {
        // 2026-11-27 is a Friday.
        assert_eq!(add_working_days(date!(2026 - 11 - 27), 1), date!(2026 - 11 - 30));
        assert_eq!(add_working_days(date!(2026 - 11 - 28), 5), date!(2026 - 12 - 04));
        assert_eq!(add_working_days(date!(2026 - 11 - 30), 0), date!(2026 - 11 - 30));
    }

    #[test]
    fn a_year_on() {
        assert_eq!(add_one_year(date!(2024 - 02 - 29)), date!(2025 - 02 - 28));
        assert_eq!(add_one_year(date!(2026 - 11 - 28)), date!(2027 - 11 - 28));
    }

    #[test]
    fn fixed_clock_keeps_the_date() {
        let clock = Clock::fixed(date!(2026 - 11 - 28));
        assert_eq!(clock.today(), date!(2026 - 11 - 28));
        assert!(rfc3339(clock.now()).starts_with("2026-11-28T"));
        assert!(rfc3339(clock.now()).ends_with("+08:00"));
        assert_eq!(iso_date(date!(2026 - 01 - 05)), "2026-01-05");
        assert_eq!(compact_date(date!(2026 - 01 - 05)), "20260105");
    }
}
