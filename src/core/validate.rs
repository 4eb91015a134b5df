//! Input validation for kiosk forms.
//!
//! Everything here is pure: no UI types, no I/O, no clock access. Functions that
//! depend on "today" take it as a parameter so they are deterministic in tests.
//!
//! Errors are machine-readable [`Problem`] kinds. User-facing sentences live in
//! the Fluent locale files; the UI maps a problem to a message id with
//! [`Problem::message_id`], the portal to an error code with [`Problem::code`].

use std::num::IntErrorKind;

use time::{Date, Month};

/// Why a value was rejected. Stable, machine-readable; the UI maps each to a Fluent message id
/// via `Problem::message_id()`, the portal to an error code via `Problem::code()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// Nothing was entered.
    #[error("value is missing")]
    Missing,
    /// The value has the wrong number of characters.
    #[error("value has the wrong length")]
    WrongLength,
    /// The value contains characters that are not digits.
    #[error("value must contain only digits")]
    NotDigits,
    /// The resident ID check character does not match.
    #[error("check digit does not match")]
    BadCheckDigit,
    /// The birth date inside a resident ID is impossible.
    #[error("birth date is not valid")]
    BadBirthDate,
    /// The date lies after the latest allowed date.
    #[error("date is in the future")]
    FutureDate,
    /// The date lies before the earliest allowed date.
    #[error("date is too far in the past")]
    PastDate,
    /// The administrative region code is unknown.
    #[error("region code is not valid")]
    BadRegion,
    /// The value is not a mainland mobile phone number.
    #[error("phone number is not valid")]
    BadPhone,
    /// The bank account number fails the Luhn check.
    #[error("account number check failed")]
    BadLuhn,
    /// The value is not an integer.
    #[error("value is not a number")]
    NotANumber,
    /// The number is below the minimum.
    #[error("number is too small")]
    TooSmall,
    /// The number is above the maximum.
    #[error("number is too large")]
    TooLarge,
    /// The value is not a real calendar date in `YYYY-MM-DD` form.
    #[error("date is not valid")]
    BadDate,
    /// The text is longer than allowed.
    #[error("text is too long")]
    TooLong,
    /// The value is not one of the offered options.
    #[error("value is not one of the choices")]
    NotAChoice,
    /// A required confirmation was not given.
    #[error("confirmation is required")]
    NotConfirmed,
    /// The value comes before another answer it must not precede (an end year before the start year).
    #[error("value is before the one it must follow")]
    BeforeOther,
}

impl Problem {
    /// Every variant, in declaration order. Useful for checking that each
    /// problem has a translation in every locale.
    pub const ALL: [Problem; 18] = [
        Problem::Missing,
        Problem::WrongLength,
        Problem::NotDigits,
        Problem::BadCheckDigit,
        Problem::BadBirthDate,
        Problem::FutureDate,
        Problem::PastDate,
        Problem::BadRegion,
        Problem::BadPhone,
        Problem::BadLuhn,
        Problem::NotANumber,
        Problem::TooSmall,
        Problem::TooLarge,
        Problem::BadDate,
        Problem::TooLong,
        Problem::NotAChoice,
        Problem::NotConfirmed,
        Problem::BeforeOther,
    ];

    /// Stable snake_case error code, e.g. `"bad_check_digit"`.
    pub fn code(self) -> &'static str {
        match self {
            Problem::Missing => "missing",
            Problem::WrongLength => "wrong_length",
            Problem::NotDigits => "not_digits",
            Problem::BadCheckDigit => "bad_check_digit",
            Problem::BadBirthDate => "bad_birth_date",
            Problem::FutureDate => "future_date",
            Problem::PastDate => "past_date",
            Problem::BadRegion => "bad_region",
            Problem::BadPhone => "bad_phone",
            Problem::BadLuhn => "bad_luhn",
            Problem::NotANumber => "not_a_number",
            Problem::TooSmall => "too_small",
            Problem::TooLarge => "too_large",
            Problem::BadDate => "bad_date",
            Problem::TooLong => "too_long",
            Problem::NotAChoice => "not_a_choice",
            Problem::NotConfirmed => "not_confirmed",
            Problem::BeforeOther => "before_other",
        }
    }

    /// Fluent message id, e.g. `"problem-bad-check-digit"`.
    pub fn message_id(self) -> &'static str {
        match self {
            Problem::Missing => "problem-missing",
            Problem::WrongLength => "problem-wrong-length",
            Problem::NotDigits => "problem-not-digits",
            Problem::BadCheckDigit => "problem-bad-check-digit",
            Problem::BadBirthDate => "problem-bad-birth-date",
            Problem::FutureDate => "problem-future-date",
            Problem::PastDate => "problem-past-date",
            Problem::BadRegion => "problem-bad-region",
            Problem::BadPhone => "problem-bad-phone",
            Problem::BadLuhn => "problem-bad-luhn",
            Problem::NotANumber => "problem-not-a-number",
            Problem::TooSmall => "problem-too-small",
            Problem::TooLarge => "problem-too-large",
            Problem::BadDate => "problem-bad-date",
            Problem::TooLong => "problem-too-long",
            Problem::NotAChoice => "problem-not-a-choice",
            Problem::NotConfirmed => "problem-not-confirmed",
            Problem::BeforeOther => "problem-before-other",
        }
    }
}

/// A validated resident ID number (GB 11643-1999): 18 chars, normalised (x -> X).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdNumber(String);

/// The length of a resident ID number.
pub const ID_LEN: usize = 18;

impl IdNumber {
    /// Validate a resident ID number.
    ///
    /// Surrounding whitespace is trimmed. Checks run in this order: length,
    /// digits, region, birth date (real date, year >= 1900, not after `today`),
    /// check character. A lower-case `x` check character is normalised to `X`.
    pub fn parse(input: &str, today: Date) -> Result<IdNumber, Problem> {
        let s = input.trim();
        if s.is_empty() {
            return Err(Problem::Missing);
        }
        if s.chars().count() != 18 {
            return Err(Problem::WrongLength);
        }
        // 18 chars; if any is non-ASCII the digit checks below reject it, and
        // once they pass the string is pure ASCII so byte slicing is safe.
        let mut chars = s.chars();
        let first17: String = chars.by_ref().take(17).collect();
        if !first17.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Problem::NotDigits);
        }
        let last = match chars.next() {
            Some(c @ '0'..='9') => c,
            Some('x' | 'X') => 'X',
            _ => return Err(Problem::NotDigits),
        };
        if !id_region_ok(&first17[..6]) {
            return Err(Problem::BadRegion);
        }
        match birth_from_digits(&first17[6..14]) {
            Some(birth) if birth.year() >= 1900 && birth <= today => {}
            _ => return Err(Problem::BadBirthDate),
        }
        if id_check_char(&first17) != Some(last) {
            return Err(Problem::BadCheckDigit);
        }
        let mut normalised = first17;
        normalised.push(last);
        Ok(IdNumber(normalised))
    }

    /// The normalised 18-character number.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Birth date encoded in characters 7-14.
    pub fn birth_date(&self) -> Date {
        // Validated in `parse`, so the fallback is unreachable.
        self.0.get(6..14).and_then(birth_from_digits).unwrap_or(Date::MIN)
    }

    /// The 17th digit (sequence code) is odd for men and even for women.
    pub fn is_male(&self) -> bool {
        // ASCII '0' is even, so the byte's parity equals the digit's parity.
        self.0.as_bytes().get(16).is_some_and(|b| b % 2 == 1)
    }

    /// The six-digit administrative region code (first 6 characters).
    pub fn region_code(&self) -> &str {
        self.0.get(..6).unwrap_or("")
    }

    /// Age in completed years on `day`; 0 if `day` is before the birth date.
    ///
    /// Someone born on 29 February completes a year on 1 March in non-leap years.
    pub fn age_on(&self, day: Date) -> u32 {
        let birth = self.birth_date();
        if day <= birth {
            return 0;
        }
        let mut years = day.year() - birth.year();
        if (day.month() as u8, day.day()) < (birth.month() as u8, birth.day()) {
            years -= 1;
        }
        u32::try_from(years).unwrap_or(0)
    }
}

impl std::fmt::Display for IdNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for IdNumber {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// Check character for the first 17 digits of a resident ID number
/// (ISO 7064 MOD 11-2). `None` unless `first17` is exactly 17 ASCII digits.
pub fn id_check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17.bytes().zip(ID_WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    ID_CHECK_CHARS.get((sum % 11) as usize).copied()
}

/// Build a valid ID number from its leading parts: 6-digit region, 8-digit
/// birth date `YYYYMMDD` and 3-digit sequence code. The check character is
/// computed. If the parts do not form 17 digits the concatenation is returned
/// unchanged (and will fail [`IdNumber::parse`]).
pub fn demo_id(region: &str, birth: &str, seq: &str) -> String {
    let mut id = format!("{region}{birth}{seq}");
    if let Some(check) = id_check_char(&id) {
        id.push(check);
    }
    id
}

/// Validate a mainland mobile number: `1[3-9]` followed by 9 digits, after
/// removing spaces and dashes. Returns the bare 11 digits.
pub fn phone(input: &str) -> Result<String, Problem> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if digits.is_empty() {
        return Err(Problem::Missing);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::NotDigits);
    }
    let b = digits.as_bytes();
    if b.len() != 11 || b[0] != b'1' || !(b'3'..=b'9').contains(&b[1]) {
        return Err(Problem::BadPhone);
    }
    Ok(digits)
}

/// Validate a bank card / account number: 16-19 digits (spaces removed)
/// passing the Luhn check. Returns the bare digits.
pub fn bank_account(input: &str) -> Result<String, Problem> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Err(Problem::Missing);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::NotDigits);
    }
    if !(16..=19).contains(&digits.len()) {
        return Err(Problem::WrongLength);
    }
    if !luhn_ok(&digits) {
        return Err(Problem::BadLuhn);
    }
    Ok(digits)
}

/// Luhn (mod 10) check over a string of ASCII digits, the last being the
/// check digit. False for empty input or any non-digit.
pub fn luhn_ok(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let dd = d * 2;
                if dd > 9 { dd - 9 } else { dd }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Validate a six-digit GB/T 2260 administrative region code: the first two
/// digits must be a valid province-level code and the code is not `000000`.
pub fn region(input: &str) -> Result<String, Problem> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Problem::Missing);
    }
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(Problem::NotDigits);
    }
    if s.len() != 6 {
        return Err(Problem::WrongLength);
    }
    if !province_ok(s) {
        return Err(Problem::BadRegion);
    }
    Ok(s.to_owned())
}

/// Parse an ISO `YYYY-MM-DD` date that exists in the calendar.
pub fn date(input: &str) -> Result<Date, Problem> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Problem::Missing);
    }
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(Problem::BadDate);
    }
    let year = parse_u32(&s[..4]);
    let month = parse_u32(&s[5..7]);
    let day = parse_u32(&s[8..]);
    calendar_date(year, month, day).ok_or(Problem::BadDate)
}

/// Parse a date (see [`date`]) and check it lies within the optional bounds:
/// `PastDate` if before `earliest`, `FutureDate` if after `latest`.
pub fn date_in_range(input: &str, earliest: Option<Date>, latest: Option<Date>) -> Result<Date, Problem> {
    let d = date(input)?;
    if earliest.is_some_and(|e| d < e) {
        return Err(Problem::PastDate);
    }
    if latest.is_some_and(|l| d > l) {
        return Err(Problem::FutureDate);
    }
    Ok(d)
}

/// Parse a decimal integer (optional sign) and check it against the
/// optional inclusive bounds.
pub fn number(input: &str, min: Option<i64>, max: Option<i64>) -> Result<i64, Problem> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Problem::Missing);
    }
    let n: i64 = s.parse().map_err(|e: std::num::ParseIntError| match e.kind() {
        IntErrorKind::PosOverflow => Problem::TooLarge,
        IntErrorKind::NegOverflow => Problem::TooSmall,
        _ => Problem::NotANumber,
    })?;
    if min.is_some_and(|m| n < m) {
        return Err(Problem::TooSmall);
    }
    if max.is_some_and(|m| n > m) {
        return Err(Problem::TooLarge);
    }
    Ok(n)
}

/// Validate free text: trimmed, non-empty, at most `max_chars` characters
/// (counted as Unicode scalar values, not bytes).
pub fn text(input: &str, max_chars: usize) -> Result<String, Problem> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Problem::Missing);
    }
    if s.chars().count() > max_chars {
        return Err(Problem::TooLong);
    }
    Ok(s.to_owned())
}

/// Check that `input` (trimmed) is exactly one of `options`.
pub fn choice(input: &str, options: &[&str]) -> Result<String, Problem> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Problem::Missing);
    }
    options.iter().find(|o| **o == s).map(|o| (*o).to_owned()).ok_or(Problem::NotAChoice)
}

/// A required confirmation (e.g. a consent checkbox) must be given.
pub fn confirmed(checked: bool) -> Result<(), Problem> {
    if checked { Ok(()) } else { Err(Problem::NotConfirmed) }
}

/// Province-level prefixes for GB/T 2260 codes, as inclusive ranges.
const PROVINCES: [(u8, u8); 9] = [
    (11, 15),
    (21, 23),
    (31, 37),
    (41, 46),
    (50, 54),
    (61, 65),
    (71, 71),
    (81, 82),
    (83, 83), // only valid inside ID numbers (residence permits); see `id_region_ok`
];

/// GB/T 2260 rule for a 6-ASCII-digit code (caller guarantees the shape).
fn province_ok(code: &str) -> bool {
    code != "000000"
        && code.get(..2).and_then(|p| p.parse::<u8>().ok()).is_some_and(|p| p != 83 && in_provinces(p))
}

/// Region rule inside an ID number: as [`province_ok`], plus prefix 83
/// (residence permits for Taiwan residents; 81/82 cover HK/Macao).
fn id_region_ok(code: &str) -> bool {
    code != "000000" && code.get(..2).and_then(|p| p.parse::<u8>().ok()).is_some_and(in_provinces)
}

fn in_provinces(p: u8) -> bool {
    PROVINCES.iter().any(|&(lo, hi)| (lo..=hi).contains(&p))
}

/// Parse `YYYYMMDD` (8 ASCII digits) into a real calendar date.
fn birth_from_digits(s: &str) -> Option<Date> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    calendar_date(parse_u32(&s[..4]), parse_u32(&s[4..6]), parse_u32(&s[6..]))
}

fn calendar_date(year: u32, month: u32, day: u32) -> Option<Date> {
    let year = i32::try_from(year).ok()?;
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    let day = u8::try_from(day).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// Parse a short run of ASCII digits (caller guarantees the shape).
fn parse_u32(s: &str) -> u32 {
    s.bytes().fold(0u32, |acc, b| acc * 10 + u32::from(b.wrapping_sub(b'0')))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
#[path = "validate_tests.rs"]
mod tests;
