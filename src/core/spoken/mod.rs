//! How values are SAID: the spoken forms of money, years, dates, durations, codes and phone
//! numbers, in both languages, built from typed values (issue 14). See
//! `docs/speech.md` (Spoken forms) for the forms and the reasons behind them.
//!
//! The screens keep their written forms (2026-11, 4993.90); speech scripts put these forms
//! where a value is said, because espeak-ng guesses at written numbers: it drops a decimal
//! point, reads 2026年 as 二千二十六年 and YBV-2XFC as one English-ish word. [`problems`]
//! finds such written forms in a line before it reaches the engine.
//!
//! UI-free: no iced, no Fluent. The few words the forms need are constants in `words`.

mod codes;
mod dates;
mod lint;
mod money;
mod numerals;
mod words;

#[cfg(test)]
mod engine_tests;

pub use codes::{code, digits, id_tail, phone};
pub use dates::{
    YearMonth, date, date_str, number, parse_date, quantity, working_days, year, year_month, year_month_str,
};
pub use lint::{Problem, ProblemKind, problems};
pub use money::{Money, money};

use std::fmt;

/// Which kind of value could not be said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    Money,
    YearMonth,
    Date,
    Code,
    Phone,
    IdTail,
    Digits,
}

impl fmt::Display for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Form::Money => "amount of money",
            Form::YearMonth => "year-month",
            Form::Date => "date",
            Form::Code => "code",
            Form::Phone => "phone number",
            Form::IdTail => "ID number tail",
            Form::Digits => "digit string",
        })
    }
}

/// A value that has no spoken form. The input is not kept: it may be personal data (a phone
/// number) and errors get logged. The caller says a fallback of its own (e.g. "see the
/// screen"), never the raw text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpokenError {
    #[error("malformed {0}: {1}")]
    Malformed(Form, &'static str),
    #[error("{0} too large to say")]
    TooLarge(Form),
}
