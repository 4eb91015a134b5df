//! A visible text as the kiosk should say it: its written numbers (dates,
//! money, months, years, codes, long digit runs) put in the spoken forms of
//! `yiban::core::spoken`, so the coverage test can find them in the
//! transcript. Test-side only: the kiosk builds its spoken forms from typed
//! values, never by rewriting strings.

use yiban::core::lang::Lang;
use yiban::core::spoken;

/// `squashed` (no whitespace) with every written number replaced by its spoken form in Chinese.
pub fn said(squashed: &str, today: time::Date) -> String {
    let chars: Vec<char> = squashed.chars().collect();
    let all_digits = |s: &[char]| !s.is_empty() && s.iter().all(char::is_ascii_digit);
    // A cell that is only a year.
    if chars.len() == 4 && all_digits(&chars) {
        return squashed.parse().map_or(squashed.to_owned(), |y| spoken::year(y, Lang::ZhCn));
    }
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_ascii_alphanumeric() {
            out.push(c);
            i += 1;
            continue;
        }
        // The token: letters, digits, and the dots and dashes inside it.
        let mut j = i;
        while j < chars.len()
            && (chars[j].is_ascii_alphanumeric()
                || (matches!(chars[j], '.' | '-')
                    && chars.get(j + 1).is_some_and(char::is_ascii_alphanumeric)))
        {
            j += 1;
        }
        let token: String = chars[i..j].iter().collect();
        let next = chars.get(j).copied();
        let (spoken, used) = token_said(&token, &chars[j..], next, today);
        out.push_str(&spoken);
        i = j + used;
    }
    out
}

/// A token as said, and how many characters after it it took in (a date's 年月日, money's 元).
fn token_said(token: &str, rest: &[char], next: Option<char>, today: time::Date) -> (String, usize) {
    let zh = Lang::ZhCn;
    let has_letter = token.chars().any(|c| c.is_ascii_alphabetic());
    let has_digit = token.chars().any(|c| c.is_ascii_digit());
    let capitals =
        token.len() >= 4 && token.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    if has_letter && (has_digit || token.contains('-') || capitals) {
        return (spoken::code(token, zh).unwrap_or_else(|_| token.to_owned()), 0);
    }
    if token.contains('.') {
        let yuan = usize::from(next == Some('元'));
        return (spoken::money(token, zh).unwrap_or_else(|_| token.to_owned()), yuan);
    }
    if token.len() == 7 && token.as_bytes().get(4) == Some(&b'-') {
        return (spoken::year_month_str(token, zh).unwrap_or_else(|_| token.to_owned()), 0);
    }
    if token.len() == 4 && next == Some('年') {
        // 2026年12月15日: a whole date.
        let tail: String = rest.iter().take(7).collect();
        if let Some((date, used)) = date_after(token, &tail) {
            return (spoken::date(date, today, zh), used);
        }
        return (spoken::digits(token, zh).unwrap_or_else(|_| token.to_owned()), 0);
    }
    if token.len() >= 5 && !has_letter {
        // A service number (12333) digit by digit.
        let one_by_one: String = token
            .chars()
            .map(|c| spoken::digits(&c.to_string(), zh).unwrap_or_else(|_| c.to_string()))
            .collect();
        return (one_by_one, 0);
    }
    (token.to_owned(), 0)
}

/// `年12月15日` after a year: the date and the characters it took.
fn date_after(year: &str, tail: &str) -> Option<(time::Date, usize)> {
    let rest = tail.strip_prefix('年')?;
    let (month, rest) = rest.split_once('月')?;
    let (day, _) = rest.split_once('日')?;
    let iso = format!("{year}-{month:0>2}-{day:0>2}");
    let date = spoken::parse_date(&iso).ok()?;
    Some((date, 1 + month.chars().count() + 1 + day.chars().count() + 1))
}
