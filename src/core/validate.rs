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
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2025 - 06 - 15);

    #[test]
    fn hand_computed_check_digit() {
        // 11010519491231002X, computed by hand:
        // digits  1 1  0 1 0 5 1 9 4 9 1 2  3 1 0 0 2
        // weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
        // products 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167
        // 167 mod 11 = 2 -> "10X98765432"[2] = 'X'
        assert_eq!(167 % 11, 2);
        assert_eq!(id_check_char("11010519491231002"), Some('X'));
        let id = IdNumber::parse("11010519491231002X", TODAY).unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(id.birth_date(), date!(1949 - 12 - 31));
        assert_eq!(id.region_code(), "110105");
        assert!(!id.is_male()); // 17th digit 2 is even
        assert_eq!(id.age_on(TODAY), 75);
        assert_eq!(id.to_string(), "11010519491231002X");
    }

    #[test]
    fn independent_check_digit_computation() {
        // Independent reference: the standard formula 12 - (sum mod 11), mod 11,
        // with 10 rendered as 'X'.
        fn reference(first17: &str) -> char {
            let w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
            let sum: u32 = first17.chars().zip(w).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
            match (12 - sum % 11) % 11 {
                10 => 'X',
                n => char::from_digit(n, 10).unwrap(),
            }
        }
        for first17 in [
            "11010519491231002",
            "44030419900101123",
            "32010619850615345",
            "81000019991231001",
            "83000020000229002",
            "65010220101010999",
        ] {
            assert_eq!(id_check_char(first17), Some(reference(first17)), "{first17}");
        }
    }

    #[test]
    fn id_check_char_rejects_bad_input() {
        assert_eq!(id_check_char(""), None);
        assert_eq!(id_check_char("1101051949123100"), None);
        assert_eq!(id_check_char("110105194912310021"), None);
        assert_eq!(id_check_char("1101051949123100a"), None);
        assert_eq!(id_check_char("１１０１０５１９４９１２３１００２"), None);
    }

    #[test]
    fn lower_case_x_normalised_and_trimmed() {
        let id = IdNumber::parse("  11010519491231002x\n", TODAY).unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
    }

    #[test]
    fn demo_ids_are_valid() {
        let id = demo_id("440304", "19900101", "123");
        assert_eq!(id.len(), 18);
        let parsed = IdNumber::parse(&id, TODAY).unwrap();
        assert!(parsed.is_male()); // 3 is odd
        assert_eq!(parsed.birth_date(), date!(1990 - 01 - 01));
        assert_eq!(demo_id("110105", "19491231", "002"), "11010519491231002X");
        // Malformed parts are returned unchanged.
        assert_eq!(demo_id("11010", "1949", "1"), "1101019491");
    }

    #[test]
    fn id_problems_each_reachable() {
        let p = |s: &str| IdNumber::parse(s, TODAY).unwrap_err();
        assert_eq!(p(""), Problem::Missing);
        assert_eq!(p("   "), Problem::Missing);
        assert_eq!(p("11010519491231002"), Problem::WrongLength);
        assert_eq!(p("11010519491231002X1"), Problem::WrongLength);
        assert_eq!(p("1101051949123100X2"), Problem::NotDigits);
        assert_eq!(p("11010519491231002Y"), Problem::NotDigits);
        assert_eq!(p("1101051949123100２X"), Problem::NotDigits);
        assert_eq!(p("11010519491231002张"), Problem::NotDigits);
        // Region: 00, 16, 99 prefixes and 000000.
        assert_eq!(p(&demo_id("000000", "19491231", "002")), Problem::BadRegion);
        assert_eq!(p(&demo_id("160101", "19491231", "002")), Problem::BadRegion);
        assert_eq!(p(&demo_id("990101", "19491231", "002")), Problem::BadRegion);
        // Birth date problems.
        assert_eq!(p(&demo_id("110105", "19491332", "002")), Problem::BadBirthDate);
        assert_eq!(p(&demo_id("110105", "18991231", "002")), Problem::BadBirthDate);
        assert_eq!(p(&demo_id("110105", "20250616", "002")), Problem::BadBirthDate);
        // Check digit.
        assert_eq!(p("110105194912310021"), Problem::BadCheckDigit);
    }

    #[test]
    fn id_check_order() {
        // Bad region and bad check digit: region is reported first.
        assert_eq!(IdNumber::parse("990105194912310021", TODAY), Err(Problem::BadRegion));
        // Bad birth date and bad check digit: birth date first.
        assert_eq!(IdNumber::parse("110105194913310021", TODAY), Err(Problem::BadBirthDate));
    }

    #[test]
    fn residence_permit_prefixes_valid_in_ids() {
        for r in ["810000", "820000", "830000", "710101", "650102", "540101"] {
            let id = demo_id(r, "19991231", "001");
            assert!(IdNumber::parse(&id, TODAY).is_ok(), "{id}");
        }
    }

    #[test]
    fn feb_29_leap_and_non_leap() {
        let leap = demo_id("110105", "20000229", "002");
        let id = IdNumber::parse(&leap, TODAY).unwrap();
        assert_eq!(id.birth_date(), date!(2000 - 02 - 29));
        // Completes a year on 1 March in non-leap years.
        assert_eq!(id.age_on(date!(2001 - 02 - 28)), 0);
        assert_eq!(id.age_on(date!(2001 - 03 - 01)), 1);
        assert_eq!(id.age_on(date!(2004 - 02 - 28)), 3);
        assert_eq!(id.age_on(date!(2004 - 02 - 29)), 4);
        assert_eq!(id.age_on(date!(1999 - 01 - 01)), 0);

        let non_leap = demo_id("110105", "19000229", "002"); // 1900 is not a leap year
        assert_eq!(IdNumber::parse(&non_leap, TODAY), Err(Problem::BadBirthDate));
        let non_leap = demo_id("110105", "20230229", "002");
        assert_eq!(IdNumber::parse(&non_leap, TODAY), Err(Problem::BadBirthDate));
    }

    #[test]
    fn birth_today_ok_tomorrow_not() {
        let today = demo_id("110105", "20250615", "002");
        let id = IdNumber::parse(&today, TODAY).unwrap();
        assert_eq!(id.age_on(TODAY), 0);
        let tomorrow = demo_id("110105", "20250616", "002");
        assert_eq!(IdNumber::parse(&tomorrow, TODAY), Err(Problem::BadBirthDate));
        let year_1900 = demo_id("110105", "19000101", "002");
        assert!(IdNumber::parse(&year_1900, TODAY).is_ok());
    }

    #[test]
    fn age_completed_years() {
        let id = IdNumber::parse(&demo_id("320106", "19850615", "345"), TODAY).unwrap();
        assert!(id.is_male()); // 17th digit 5 is odd
        assert_eq!(id.age_on(date!(2025 - 06 - 14)), 39);
        assert_eq!(id.age_on(date!(2025 - 06 - 15)), 40);
        let f = IdNumber::parse(&demo_id("320106", "19850615", "344"), TODAY).unwrap();
        assert!(!f.is_male());
    }

    #[test]
    fn luhn() {
        assert!(luhn_ok("4111111111111111"));
        assert!(!luhn_ok("4111111111111112"));
        // 6222020200112233445 by hand, doubling every second digit from the right:
        // 5 + 8 + 4 + 6 + 3 + 4 + 2 + 2 + 1 + 0 + 0 + 4 + 0 + 4 + 0 + 4 + 2 + 4 + 6 = 59 -> invalid;
        // without the check digit the sum is 54, so the valid check digit is 6.
        assert!(!luhn_ok("6222020200112233445"));
        assert!(luhn_ok("6222020200112233446"));
        assert!(luhn_ok("79927398713"));
        assert!(luhn_ok("0"));
        assert!(!luhn_ok(""));
        assert!(!luhn_ok("4111 1111 1111 1111"));
        assert!(!luhn_ok("411111111111111a"));
    }

    #[test]
    fn bank_accounts() {
        assert_eq!(bank_account("4111 1111 1111 1111").unwrap(), "4111111111111111");
        assert_eq!(bank_account("6222020200112233446").unwrap(), "6222020200112233446");
        assert_eq!(bank_account(""), Err(Problem::Missing));
        assert_eq!(bank_account("  "), Err(Problem::Missing));
        assert_eq!(bank_account("4111-1111-1111-1111"), Err(Problem::NotDigits));
        assert_eq!(bank_account("79927398713"), Err(Problem::WrongLength));
        assert_eq!(bank_account("62220202001122334461"), Err(Problem::WrongLength));
        assert_eq!(bank_account("6222020200112233445"), Err(Problem::BadLuhn));
    }

    #[test]
    fn phones() {
        assert_eq!(phone("13800138000").unwrap(), "13800138000");
        assert_eq!(phone(" 138-0013-8000 ").unwrap(), "13800138000");
        assert_eq!(phone("199 1234 5678").unwrap(), "19912345678");
        assert_eq!(phone(""), Err(Problem::Missing));
        assert_eq!(phone(" - "), Err(Problem::Missing));
        assert_eq!(phone("1380013800a"), Err(Problem::NotDigits));
        assert_eq!(phone("+8613800138000"), Err(Problem::NotDigits));
        assert_eq!(phone("12800138000"), Err(Problem::BadPhone));
        assert_eq!(phone("23800138000"), Err(Problem::BadPhone));
        assert_eq!(phone("1380013800"), Err(Problem::BadPhone));
        assert_eq!(phone("138001380001"), Err(Problem::BadPhone));
    }

    #[test]
    fn regions() {
        assert_eq!(region("110105").unwrap(), "110105");
        assert_eq!(region(" 820000 ").unwrap(), "820000");
        for ok in ["150000", "210000", "230000", "370000", "460000", "500000"] {
            assert!(region(ok).is_ok(), "{ok}");
        }
        for ok in ["540000", "610000", "650000", "710000", "810000"] {
            assert!(region(ok).is_ok(), "{ok}");
        }
        for bad in ["000000", "100000", "160000", "240000", "470000", "550000"] {
            assert_eq!(region(bad), Err(Problem::BadRegion), "{bad}");
        }
        for bad in ["660000", "720000", "830000", "900000"] {
            assert_eq!(region(bad), Err(Problem::BadRegion), "{bad}");
        }
        assert_eq!(region(""), Err(Problem::Missing));
        assert_eq!(region("11010"), Err(Problem::WrongLength));
        assert_eq!(region("1101055"), Err(Problem::WrongLength));
        assert_eq!(region("11o105"), Err(Problem::NotDigits));
    }

    #[test]
    fn dates() {
        assert_eq!(date("2024-02-29").unwrap(), date!(2024 - 02 - 29));
        assert_eq!(date(" 1999-12-31 ").unwrap(), date!(1999 - 12 - 31));
        assert_eq!(date(""), Err(Problem::Missing));
        assert_eq!(date("2023-02-29"), Err(Problem::BadDate));
        assert_eq!(date("2024-13-01"), Err(Problem::BadDate));
        assert_eq!(date("2024-00-10"), Err(Problem::BadDate));
        assert_eq!(date("2024-04-31"), Err(Problem::BadDate));
        assert_eq!(date("2024-4-1"), Err(Problem::BadDate));
        assert_eq!(date("2024/04/01"), Err(Problem::BadDate));
        assert_eq!(date("20240401"), Err(Problem::BadDate));
        assert_eq!(date("+024-04-01"), Err(Problem::BadDate));
        assert_eq!(date("２０２４-04-01"), Err(Problem::BadDate));
    }

    #[test]
    fn dates_in_range() {
        let lo = Some(date!(2000 - 01 - 01));
        let hi = Some(TODAY);
        assert_eq!(date_in_range("2025-06-15", lo, hi).unwrap(), date!(2025 - 06 - 15));
        assert_eq!(date_in_range("2025-06-16", lo, hi), Err(Problem::FutureDate));
        assert_eq!(date_in_range("1999-12-31", lo, hi), Err(Problem::PastDate));
        assert_eq!(date_in_range("1999-02-30", lo, hi), Err(Problem::BadDate));
        assert!(date_in_range("1000-01-01", None, None).is_ok());
    }

    #[test]
    fn numbers() {
        assert_eq!(number("42", None, None), Ok(42));
        assert_eq!(number(" -7 ", Some(-10), Some(10)), Ok(-7));
        assert_eq!(number("+5", Some(5), Some(5)), Ok(5));
        assert_eq!(number("", None, None), Err(Problem::Missing));
        assert_eq!(number("4.2", None, None), Err(Problem::NotANumber));
        assert_eq!(number("abc", None, None), Err(Problem::NotANumber));
        assert_eq!(number("1 000", None, None), Err(Problem::NotANumber));
        assert_eq!(number("0", Some(1), None), Err(Problem::TooSmall));
        assert_eq!(number("11", None, Some(10)), Err(Problem::TooLarge));
        assert_eq!(number("99999999999999999999", None, None), Err(Problem::TooLarge));
        assert_eq!(number("-99999999999999999999", None, None), Err(Problem::TooSmall));
    }

    #[test]
    fn texts_choices_confirmations() {
        assert_eq!(text("  王小明  ", 4).unwrap(), "王小明");
        assert_eq!(text("𠮷野家", 3).unwrap(), "𠮷野家");
        assert_eq!(text("𠮷野家!", 3), Err(Problem::TooLong));
        assert_eq!(text("  ", 3), Err(Problem::Missing));
        assert_eq!(choice("b", &["a", "b"]).unwrap(), "b");
        assert_eq!(choice("c", &["a", "b"]), Err(Problem::NotAChoice));
        assert_eq!(choice("", &["a", "b"]), Err(Problem::Missing));
        assert_eq!(confirmed(true), Ok(()));
        assert_eq!(confirmed(false), Err(Problem::NotConfirmed));
    }

    #[test]
    fn problem_codes_and_message_ids() {
        assert_eq!(Problem::BadCheckDigit.code(), "bad_check_digit");
        assert_eq!(Problem::BadCheckDigit.message_id(), "problem-bad-check-digit");
        assert_eq!(Problem::NotANumber.code(), "not_a_number");
        assert_eq!(Problem::NotAChoice.message_id(), "problem-not-a-choice");
        let mut codes = std::collections::HashSet::new();
        for p in Problem::ALL {
            // The message id is the kebab-case form of the code.
            let kebab = format!("problem-{}", p.code().replace('_', "-"));
            assert_eq!(p.message_id(), kebab);
            // The code is the snake_case form of the variant name.
            let debug = format!("{p:?}");
            let mut snake = String::new();
            for (i, c) in debug.chars().enumerate() {
                if c.is_ascii_uppercase() {
                    if i > 0 {
                        snake.push('_');
                    }
                    snake.push(c.to_ascii_lowercase());
                } else {
                    snake.push(c);
                }
            }
            assert_eq!(p.code(), snake);
            assert!(codes.insert(p.code()));
            assert!(!p.to_string().is_empty());
        }
        assert_eq!(codes.len(), Problem::ALL.len());
    }
}
