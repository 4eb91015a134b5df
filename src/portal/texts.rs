//! Every citizen-facing wording the portal builds itself, in zh-CN and en-US.
//! (The catalogue's own wording is seed data.) The wording lives in the Fluent files
//! `locales/*/portal.ftl` (ids `portal-…`); this module only fills in the variables.
//! Numbers are passed as already formatted strings, so they print exactly as given.

use time::Date;

use crate::core::model::{ColumnKind, Text};
use crate::core::spoken;
use crate::i18n::{Arg, Lang, tw};

/// The message `id` in both languages, with the same arguments.
fn both(id: &str, args: &[(&str, Arg)]) -> Text {
    both_with(id, |_| args.to_vec())
}

/// The message `id` in both languages, with arguments that depend on the language
/// (dates, or wording taken from another [`Text`]).
fn both_with<'a>(id: &str, args: impl Fn(Lang) -> Vec<(&'a str, Arg)>) -> Text {
    let [zh, en] = Lang::ALL.map(|lang| tw(lang, id, &args(lang)));
    Text::from_pairs([(Lang::ZhCn.code(), zh.as_str()), (Lang::EnUs.code(), en.as_str())])
}

/// `text` with its spoken rendition in both languages: the message `id` with
/// the arguments as said (dates, years, money and codes in spoken forms, so the
/// synthesiser never guesses at a written number).
fn said_with<'a>(text: Text, id: &str, args: impl Fn(Lang) -> Vec<(&'a str, Arg)>) -> Text {
    Lang::ALL.into_iter().fold(text, |t, lang| t.with_said(lang.code(), tw(lang, id, &args(lang))))
}

/// A code said character by character in its groups (its written form if it has none).
fn code_said(code: &str, lang: Lang) -> String {
    spoken::code(code, lang).unwrap_or_else(|_| code.to_owned())
}

/// A year said as a listener expects it: digit by digit in Chinese (一九九〇), as written in English.
fn year_said(year: i64, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => spoken::digits(&year.to_string(), lang).unwrap_or_else(|_| year.to_string()),
        Lang::EnUs => year.to_string(),
    }
}

/// `date` in `lang`: 「2026年12月15日」 or `15 December 2026`.
fn date_in(lang: Lang, d: Date) -> String {
    tw(
        lang,
        "portal-date",
        &[
            ("year", d.year().to_string().into()),
            ("month", u32::from(u8::from(d.month())).into()),
            ("day", d.day().to_string().into()),
        ],
    )
}

/// `2026年12月15日`.
pub fn zh_date(d: Date) -> String {
    date_in(Lang::ZhCn, d)
}

/// `15 December 2026`.
pub fn en_date(d: Date) -> String {
    date_in(Lang::EnUs, d)
}

/// The wording of `text` in `lang`.
fn of(text: &Text, lang: Lang) -> Arg {
    text.get(lang.code()).into()
}

pub fn pension_check_due(due: Date, overdue: bool, today: Date) -> Text {
    let id = if overdue { "portal-pension-check-overdue" } else { "portal-pension-check-due" };
    let text = both_with(id, |lang| vec![("date", date_in(lang, due).into())]);
    said_with(text, id, |lang| vec![("date", spoken::date(due, today, lang).into())])
}

pub fn supplement_needed(matter: &Text, case_no: &str, note: Option<&Text>) -> Text {
    let note_in = |lang: Lang, said: bool| -> Arg {
        match note {
            Some(n) if said => n.said(lang.code()).into(),
            Some(n) => of(n, lang),
            None => tw(lang, "portal-supplement-ask-window", &[]).into(),
        }
    };
    let id = "portal-supplement-needed";
    let text = both_with(id, |lang| {
        vec![("matter", of(matter, lang)), ("case-no", case_no.into()), ("note", note_in(lang, false))]
    });
    said_with(text, id, |lang| {
        vec![
            ("matter", of(matter, lang)),
            ("case-no", code_said(case_no, lang).into()),
            ("note", note_in(lang, true)),
        ]
    })
}

pub fn newly_eligible_allowance(age: u32) -> Text {
    both("portal-newly-eligible-allowance", &[("age", age.to_string().into())])
}

pub fn verification_passed(next_due: Date, today: Date) -> Text {
    let id = "portal-verification-passed";
    let text = both_with(id, |lang| vec![("date", date_in(lang, next_due).into())]);
    said_with(text, id, |lang| vec![("date", spoken::date(next_due, today, lang).into())])
}

pub fn verification_timeline_note() -> Text {
    both("portal-verification-timeline-note", &[])
}

pub fn submitted_timeline_note() -> Text {
    both("portal-submitted-timeline-note", &[])
}

// Record print (参保缴费证明).

pub fn record_title() -> Text {
    both("portal-record-title", &[])
}

pub fn record_summary(rows: usize, start: i64, end: i64) -> Text {
    let id = if rows == 0 { "portal-record-summary-none" } else { "portal-record-summary" };
    let text = both(
        id,
        &[
            ("rows", rows.to_string().into()),
            ("start", start.to_string().into()),
            ("end", end.to_string().into()),
        ],
    );
    said_with(text, id, |lang| {
        vec![
            ("rows", rows.to_string().into()),
            ("start", year_said(start, lang).into()),
            ("end", year_said(end, lang).into()),
        ]
    })
}

pub fn record_columns() -> [(&'static str, Text, ColumnKind); 5] {
    [
        ("year", both("portal-record-column-year", &[]), ColumnKind::Year),
        ("type", both("portal-record-column-type", &[]), ColumnKind::Text),
        ("months", both("portal-record-column-months", &[]), ColumnKind::Count),
        ("base", both("portal-record-column-base", &[]), ColumnKind::Money),
        ("employer", both("portal-record-column-employer", &[]), ColumnKind::Text),
    ]
}

pub fn record_line(year: i64, insurance: &str, months: i64, base: &str, employer: &str) -> Text {
    both(
        "portal-record-line",
        &[
            ("year", year.to_string().into()),
            ("insurance", insurance.into()),
            ("months", months.to_string().into()),
            ("base", base.into()),
            ("employer", employer.into()),
        ],
    )
}

pub fn record_range_line(insurance: &Text, start: i64, end: i64) -> Text {
    both_with("portal-record-range-line", |lang| {
        vec![
            ("insurance", of(insurance, lang)),
            ("start", start.to_string().into()),
            ("end", end.to_string().into()),
        ]
    })
}

// Pension payments (养老金发放).

pub fn payments_title() -> Text {
    both("portal-payments-title", &[])
}

pub fn payments_summary(months: i64, count: usize, total: &str, latest: Option<(&str, &str)>) -> Text {
    let months = ("months", Arg::from(months.to_string()));
    match latest {
        Some((month, amount)) if count > 0 => {
            let text = both(
                "portal-payments-summary",
                &[
                    months.clone(),
                    ("count", count.to_string().into()),
                    ("total", total.into()),
                    ("month", month.into()),
                    ("amount", amount.into()),
                ],
            );
            // Money and the month as said (the spoken message has no 元 of its own: the amount says it).
            let money = |m: &str, lang| spoken::money(m, lang).unwrap_or_else(|_| m.to_owned());
            said_with(text, "portal-payments-summary-said", |lang| {
                vec![
                    months.clone(),
                    ("count", count.to_string().into()),
                    ("total", money(total, lang).into()),
                    (
                        "month",
                        spoken::year_month_str(month, lang).unwrap_or_else(|_| month.to_owned()).into(),
                    ),
                    ("amount", money(amount, lang).into()),
                ]
            })
        }
        _ => both("portal-payments-summary-none", &[months]),
    }
}

pub fn payments_columns() -> [(&'static str, Text, ColumnKind); 3] {
    [
        ("month", both("portal-payments-column-month", &[]), ColumnKind::YearMonth),
        ("amount", both("portal-payments-column-amount", &[]), ColumnKind::Money),
        ("bank", both("portal-payments-column-bank", &[]), ColumnKind::Text),
    ]
}

pub fn payment_line(month: &str, amount: &str, bank_zh: &str, bank_en: &str, last4: &str) -> Text {
    both_with("portal-payment-line", |lang| {
        let bank = if lang == Lang::ZhCn { bank_zh } else { bank_en };
        vec![
            ("month", month.into()),
            ("amount", amount.into()),
            ("bank", bank.into()),
            ("last4", last4.into()),
        ]
    })
}

/// The bank as shown in a row: name and last four digits only (the reference wording).
pub fn bank_cell(bank_zh: &str, last4: &str) -> String {
    tw(Lang::ZhCn, "portal-bank-cell", &[("bank", bank_zh.into()), ("last4", last4.into())])
}

// Lines every printed document starts with.

pub fn document_person_lines(name_masked: &str, id_masked: &str, issued: Date) -> Vec<Text> {
    vec![
        both("portal-document-name", &[("name", name_masked.into())]),
        both("portal-document-id-number", &[("id", id_masked.into())]),
        both_with("portal-document-printed-on", |lang| vec![("date", date_in(lang, issued).into())]),
    ]
}

pub fn document_verification_line(code: &str) -> Text {
    both("portal-document-verification", &[("code", code.into())])
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    // The Chinese wording itself is covered by the store tests and the golden files; here
    // only the date formats, with 「年月日」 escaped so this file has no Chinese literals.
    #[test]
    fn dates_keep_their_formats() {
        assert_eq!(zh_date(date!(2026 - 12 - 15)), "2026\u{5e74}12\u{6708}15\u{65e5}");
        assert_eq!(zh_date(date!(2027 - 01 - 05)), "2027\u{5e74}1\u{6708}5\u{65e5}");
        assert_eq!(en_date(date!(2026 - 12 - 15)), "15 December 2026");
        assert_eq!(en_date(date!(2027 - 01 - 05)), "5 January 2027");
    }

    #[test]
    fn english_wording_is_filled_in() {
        let t = pension_check_due(date!(2026 - 12 - 15), true, date!(2026 - 12 - 20));
        assert_eq!(
            t.get("en-US"),
            "Your yearly pension check was due on 15 December 2026. You can do it here today; it takes a few minutes."
        );
        let matter = Text::from_pairs([("zh-CN", "x"), ("en-US", "Pension check")]);
        let t = supplement_needed(&matter, "N1", None);
        assert_eq!(
            t.get("en-US"),
            "Your case \u{201c}Pension check\u{201d} (N1) needs more documents. Please ask at a window what is still missing."
        );
        let t = record_summary(12, 2020, 2025);
        assert_eq!(t.get("en-US"), "12 contribution records were found from 2020 to 2025.");
        let t = payment_line("2026-01", "3,210.00", "x", "ICBC", "1234");
        assert_eq!(t.get("en-US"), "2026-01  3,210.00 CNY  ICBC (ending 1234)");
    }

    // Every text with a written number carries how it is said: no written number reaches the engine.
    #[test]
    fn texts_with_numbers_carry_their_spoken_rendition() {
        let texts = [
            pension_check_due(date!(2026 - 12 - 15), false, date!(2026 - 11 - 28)),
            pension_check_due(date!(2026 - 10 - 31), true, date!(2026 - 11 - 28)),
            supplement_needed(&Text::from_pairs([("zh-CN", "x"), ("en-US", "x")]), "YB20261120000017", None),
            verification_passed(date!(2027 - 11 - 28), date!(2026 - 11 - 28)),
            record_summary(11, 1990, 2000),
            payments_summary(6, 6, "29865.50", Some(("2026-11", "4993.90"))),
        ];
        for t in texts {
            let said = t.said("zh-CN");
            assert_ne!(said, t.get("zh-CN"), "no spoken rendition: {}", t.get("zh-CN"));
            assert!(spoken::problems(said).is_empty(), "{said}: {:?}", spoken::problems(said));
            assert_ne!(t.said("en-US"), "", "no English");
        }
        // 十二月十五日: this year's date without its year.
        let due = pension_check_due(date!(2026 - 12 - 15), false, date!(2026 - 11 - 28));
        assert!(
            due.said("zh-CN").contains("\u{5341}\u{4e8c}\u{6708}\u{5341}\u{4e94}\u{65e5}"),
            "{}",
            due.said("zh-CN")
        );
    }
}
