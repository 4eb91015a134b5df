//! The spoken forms through the real engine, at the phoneme level (`espeak-ng -x`) and by
//! audio length (`--stdout`). espeak-ng must be installed (`.ci/install-deps`); without it
//! these tests fail rather than pass unchecked.

use std::process::Command;

use time::macros::date;

use super::*;
use crate::core::lang::Lang;

const ZH: &str = "cmn-latn-pinyin";
const EN: &str = "en-us";

/// Phoneme spellings (stress marks and tones removed) found with `espeak-ng -x`.
const JIAO: &str = "tS;jAu"; // 角 jiǎo
const DIAN: &str = "tiEn"; // 点 diǎn
const YUAN: &str = "y&n"; // 元 yuán
const QIAN: &str = "tS;hiEn"; // 千 qiān
const LING: &str = "liN"; // 〇 / 零 líng

fn run(args: &[&str]) -> Vec<u8> {
    let output = Command::new("espeak-ng")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run espeak-ng ({e}): install espeak-ng (.ci/install-deps)"));
    assert!(output.status.success(), "espeak-ng {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

/// espeak-ng's phoneme transcription: one line per clause.
fn phonemes(voice: &str, text: &str) -> String {
    String::from_utf8_lossy(&run(&["-v", voice, "-q", "-x", text])).into_owned()
}

/// The transcription as clauses of words, without stress marks, tones and pause marks:
/// 一三八，一二 → [["ji", "san", "pA"], ["ji", "@r"]].
fn clauses(voice: &str, text: &str) -> Vec<Vec<String>> {
    phonemes(voice, text)
        .lines()
        .map(|line| {
            line.split(|c: char| c == '|' || c.is_whitespace())
                .map(|w| w.chars().filter(|c| !matches!(c, '\'' | ',' | '_' | '!') && !c.is_ascii_digit()))
                .map(String::from_iter)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|clause| !clause.is_empty())
        .collect()
}

fn words(voice: &str, text: &str) -> Vec<String> {
    clauses(voice, text).concat()
}

/// Spoken length in seconds, from the WAV espeak-ng writes to stdout.
fn seconds(voice: &str, text: &str) -> f64 {
    let wav = run(&["-v", voice, "--stdout", text]);
    assert!(wav.len() > 44 && &wav[..4] == b"RIFF", "not a WAV");
    let byte_rate = u32::from_le_bytes([wav[28], wav[29], wav[30], wav[31]]);
    (wav.len() - 44) as f64 / f64::from(byte_rate)
}

#[test]
fn the_phoneme_spellings_are_espeaks() {
    assert_eq!(words(ZH, "角"), [JIAO]);
    assert_eq!(words(ZH, "点"), [DIAN]);
    assert_eq!(words(ZH, "元"), [YUAN]);
    assert_eq!(words(ZH, "千"), [QIAN]);
    // 〇 and 零 read alike, so years take the standard 〇.
    assert_eq!(words(ZH, "〇"), [LING]);
    assert_eq!(phonemes(ZH, "二〇二六年"), phonemes(ZH, "二零二六年"));
}

#[test]
fn money_is_said_with_jiao_where_the_written_form_loses_the_point() {
    // The bug: the written amount is read without 点 or 角 (四千九百九十三 … 九零 元) …
    let written = words(ZH, "4993.90元");
    assert!(!written.iter().any(|w| w.contains(JIAO) || w.contains(DIAN)), "{written:?}");
    // … while the detector does see 点 where it is written out.
    assert!(words(ZH, "四千九百九十三点九零元").contains(&DIAN.to_owned()));

    let said = words(ZH, &money("4993.90", Lang::ZhCn).unwrap());
    let expected = ["si[", "tS;hiEn", "tS;iou", "pai", "tS;iou", "s.i.", "san", YUAN, "tS;iou", JIAO];
    assert_eq!(said, expected);
    assert!(!said.contains(&DIAN.to_owned()));
    assert_eq!(words(ZH, &money("0.05", Lang::ZhCn).unwrap()), ["wu", "f@n"]);
    assert_eq!(words(ZH, &money("29865.50", Lang::ZhCn).unwrap()).last().map(String::as_str), Some(JIAO));

    // English: one number with "point", then "yuan".
    let en = words(EN, &money("4993.90", Lang::EnUs).unwrap());
    assert_eq!(en.iter().filter(|w| *w == "TaUz@nd").count(), 1, "{en:?}");
    assert!(en.contains(&"pOInt".to_owned()), "{en:?}");
    assert_eq!(en.last().map(String::as_str), Some("ju:@n"), "{en:?}");
}

#[test]
fn years_are_said_digit_by_digit() {
    // The bug: 2026年 is a quantity, 二千二十六年.
    assert!(words(ZH, "2026年").concat().contains(QIAN));

    assert_eq!(words(ZH, &year(2026, Lang::ZhCn)), ["@r", LING, "@r", "liou", "niEn"]);
    let month = words(ZH, &year_month_str("2026-11", Lang::ZhCn).unwrap());
    assert_eq!(month, ["@r", LING, "@r", "liou", "niEn", "s.i.", "ji", "yE"]);
    assert!(!month.contains(&QIAN.to_owned()));

    let today = date!(2026 - 11 - 28);
    assert_eq!(
        words(ZH, &date(date!(2026 - 12 - 15), today, Lang::ZhCn)),
        ["s.i.", "@r", "yE", "s.i.", "wu", "z.i."]
    );
    // The English day is an ordinal: "fifteenth", not "fifteen".
    let en = words(EN, &date(date!(2025 - 12 - 15), today, Lang::EnUs));
    assert!(en.contains(&"fIfti:nT".to_owned()), "{en:?}");
}

#[test]
fn codes_are_said_character_by_character_in_groups() {
    // The bug: run together, the code is an English-ish word (a switch to English rules).
    assert!(phonemes(ZH, "YBV-2XFC-CN8W").contains("(en)"));

    let text = code("YBV-2XFC-CN8W", Lang::ZhCn).unwrap();
    assert!(!phonemes(ZH, &text).contains('('), "no language switch: {}", phonemes(ZH, &text));
    let said = clauses(ZH, &text);
    assert_eq!(said.len(), 3, "one clause per group: {said:?}");
    assert_eq!(said[0], ["wuai", "pi", "vei"]); // Y B V by their letter names
    assert_eq!(said[1], ["@r", "aiks", "aif", "sei"]); // 二 X F C
    assert_eq!(said[2].len(), 4);

    let en = clauses(EN, &code("YBV-2XFC-CN8W", Lang::EnUs).unwrap());
    assert_eq!(en.iter().map(Vec::len).collect::<Vec<_>>(), [3, 4, 4], "{en:?}");
    assert_eq!(en[0], ["waI", "bi:", "vi:"]);
}

#[test]
fn the_english_letter_a_is_said_as_a_letter() {
    // The bug: a lone "A" before another word is the article.
    assert_eq!(words(EN, "A B")[0], "a#");
    assert_eq!(words(EN, &code("AB2A", Lang::EnUs).unwrap()), ["eI", "bi:", "tu:", "eI"]);
}

#[test]
fn phone_numbers_and_id_tails_digit_by_digit() {
    let said = clauses(ZH, &phone("13812345678", Lang::ZhCn).unwrap());
    assert_eq!(said.iter().map(Vec::len).collect::<Vec<_>>(), [3, 4, 4], "{said:?}");
    // 一 keeps its level tone in a run of digits (no 一 sandhi).
    assert!(phonemes(ZH, &phone("13812345678", Lang::ZhCn).unwrap()).starts_with("j'i55"));

    let tail = words(ZH, &id_tail("123X", Lang::ZhCn).unwrap());
    assert_eq!(tail, ["ji", "@r", "san", "aiks"]);
    // 叉 would differ from 八 in its first consonant only.
    assert_eq!((words(ZH, "叉"), words(ZH, "八")), (vec!["ts.hA".to_owned()], vec!["pA".to_owned()]));

    let en = clauses(EN, &phone("13812345678", Lang::EnUs).unwrap());
    assert_eq!(en.iter().map(Vec::len).collect::<Vec<_>>(), [3, 4, 4], "{en:?}");
}

#[test]
fn the_group_pause_is_audible_and_a_space_is_not() {
    let grouped = seconds(ZH, &phone("13812345678", Lang::ZhCn).unwrap());
    let run_together = seconds(ZH, "一三八一二三四五六七八");
    assert!(grouped - run_together > 0.2, "，adds {:.3} s", grouped - run_together);
    let spaced = seconds(ZH, "一 三 八 一 二 三 四 五 六 七 八");
    assert!((spaced - run_together).abs() < 0.05, "a space adds {:.3} s", spaced - run_together);

    let en_grouped = seconds(EN, &code("YBV-2XFC-CN8W", Lang::EnUs).unwrap());
    let en_run = seconds(EN, "Y B V 2 X F C C N 8 W");
    assert!(en_grouped - en_run > 0.2, ", adds {:.3} s", en_grouped - en_run);
}
