//! A lint for lines about to reach the Mandarin voice: written forms espeak-ng misreads.

use std::fmt;
use std::ops::Range;

/// A written form in a line that the engine would misread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// `4993.90`: the point is not said (四千九百九十三 … 九零). Use [`super::money`].
    DecimalNumber,
    /// `2026年`: said as a quantity, 二千二十六年. Use [`super::year`].
    YearBeforeNian,
    /// `2026-11`: said as two numbers, 二千二十六 十一. Use [`super::year_month_str`].
    DashBetweenDigits,
    /// `13812345678`: said as one big number. Use [`super::phone`], [`super::digits`] or
    /// [`super::code`].
    LongDigitRun,
    /// `2XFC`: read as one English-ish word. Use [`super::code`].
    LettersWithDigits,
    /// `10,000`: a grouping comma splits the number (十 千). Use [`super::number`].
    CommaBetweenDigits,
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProblemKind::DecimalNumber => "decimal number (the point is not said)",
            ProblemKind::YearBeforeNian => "four-digit year before 年 (said as a quantity)",
            ProblemKind::DashBetweenDigits => "dash between digits (said as two numbers)",
            ProblemKind::LongDigitRun => "five or more digits in a row (said as one big number)",
            ProblemKind::LettersWithDigits => "Latin letters run together with digits (read as a word)",
            ProblemKind::CommaBetweenDigits => "comma between digits (splits the number)",
        })
    }
}

/// One finding: what, where (byte offset into the line) and the offending text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Problem {
    pub kind: ProblemKind,
    pub at: usize,
    pub text: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: `{}` at byte {}", self.kind, self.text, self.at)
    }
}

/// Everything in `line` that the Mandarin voice would misread; empty when the line is fine.
/// Digits are ASCII or full-width; letters are ASCII. Meant for zh-CN lines: the English
/// forms ("4,993.90 yuan") are read correctly by the English voice and would be flagged.
pub fn problems(line: &str) -> Vec<Problem> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(line.len(), |&(b, _)| b);
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let is = |i: usize, test: fn(char) -> bool| char_at(i).is_some_and(test);
    let skip_spaces = |mut i: usize| {
        while is(i, char::is_whitespace) {
            i += 1;
        }
        i
    };
    let run_end = |mut i: usize, test: fn(char) -> bool| {
        while is(i, test) {
            i += 1;
        }
        i
    };

    let mut found = Vec::new();
    let mut push = |kind, range: Range<usize>| {
        let (start, end) = (byte(range.start), byte(range.end));
        found.push(Problem { kind, at: start, text: line[start..end].to_owned() });
    };
    let mut letters_seen_until = 0;
    let mut i = 0;
    while i < chars.len() {
        if !is(i, is_digit) {
            i += 1;
            continue;
        }
        let start = i;
        let end = run_end(i, is_digit);
        if is(end, is_point) && is(end + 1, is_digit) {
            push(ProblemKind::DecimalNumber, start..run_end(end + 1, is_digit));
        }
        if end - start >= 5 {
            push(ProblemKind::LongDigitRun, start..end);
        }
        let after = skip_spaces(end);
        if end - start == 4 && char_at(after) == Some('年') {
            push(ProblemKind::YearBeforeNian, start..after + 1);
        }
        let next = skip_spaces(after + 1);
        if is(after, is_dash) && is(next, is_digit) {
            push(ProblemKind::DashBetweenDigits, start..run_end(next, is_digit));
        }
        if char_at(end) == Some(',') && is(end + 1, is_digit) {
            push(ProblemKind::CommaBetweenDigits, start..run_end(end + 1, is_digit));
        }
        let touches_letter = (start > 0 && is(start - 1, is_latin)) || is(end, is_latin);
        if touches_letter && start >= letters_seen_until {
            let mut token_start = start;
            while token_start > 0 && is(token_start - 1, is_alphanumeric) {
                token_start -= 1;
            }
            let token_end = run_end(end, is_alphanumeric);
            push(ProblemKind::LettersWithDigits, token_start..token_end);
            letters_seen_until = token_end;
        }
        i = end;
    }
    found
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
}

fn is_alphanumeric(c: char) -> bool {
    is_digit(c) || is_latin(c)
}

fn is_point(c: char) -> bool {
    c == '.' || c == '．'
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–' | '—' | '−' | '－')
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProblemKind::*;

    fn kinds(line: &str) -> Vec<(ProblemKind, String)> {
        problems(line).into_iter().map(|p| (p.kind, p.text)).collect()
    }

    fn one(kind: ProblemKind, text: &str) -> Vec<(ProblemKind, String)> {
        vec![(kind, text.to_owned())]
    }

    #[test]
    fn the_issue_examples_are_flagged() {
        assert_eq!(
            kinds("一共29865.50元"),
            one(DecimalNumber, "29865.50").into_iter().chain(one(LongDigitRun, "29865")).collect::<Vec<_>>()
        );
        assert_eq!(kinds("应缴4993.90元。"), one(DecimalNumber, "4993.90"));
        assert_eq!(kinds("办结时间2026年12月15日"), one(YearBeforeNian, "2026年"));
        assert_eq!(kinds("最近一次是2026-11"), one(DashBetweenDigits, "2026-11"));
        assert_eq!(kinds("联系电话13912345678"), one(LongDigitRun, "13912345678"));
        assert_eq!(
            kinds("核验码：YBV-2XFC-CN8W"),
            vec![(LettersWithDigits, "2XFC".to_owned()), (LettersWithDigits, "CN8W".to_owned())]
        );
        assert_eq!(kinds("共10,000元"), one(CommaBetweenDigits, "10,000"));
    }

    #[test]
    fn variants_are_flagged_too() {
        assert_eq!(kinds("２０２６ 年"), one(YearBeforeNian, "２０２６ 年"));
        assert_eq!(kinds("1 – 2个工作日"), one(DashBetweenDigits, "1 – 2"));
        assert_eq!(kinds("金额０．５元"), one(DecimalNumber, "０．５"));
        assert_eq!(kinds("A1B2"), one(LettersWithDigits, "A1B2"));
        assert_eq!(kinds("第3B号"), one(LettersWithDigits, "3B"));
        let p = &problems("约 4.5 元")[0];
        assert_eq!(
            (p.at, p.to_string().as_str()),
            (4, "decimal number (the point is not said): `4.5` at byte 4")
        );
    }

    #[test]
    fn the_spoken_forms_pass() {
        for line in [
            "应缴四千九百九十三元九角。",
            "办结时间二〇二六年十二月十五日，约二十个工作日。",
            "最近一次是二〇二六年十一月。",
            "核验码：Y B V，二 X F C，C N 八 W。",
            "联系电话一三八，一二三四，五六七八。",
            "办件编号是：Y B 2 0 2 6 1 1 2 8 0 0 0 0 4 2。",
            "第2步，共5步。请在3个工作日内取件，费用20元。",
            "尾号 1234 的手机号码",
            "共3项，12.",
            "2026 is a year",
            "",
        ] {
            assert_eq!(problems(line), [], "{line}");
        }
    }
}
