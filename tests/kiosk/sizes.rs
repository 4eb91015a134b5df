//! Every journey can be done at every text size and in both languages: each
//! button a journey needs is on screen and can be pressed.

use yiban::i18n::Lang;
use yiban::ui::journeys;
use yiban::ui::screen::welcome::text_size_id;

use crate::common::*;

/// Walks every journey after choosing the language and text size on the
/// welcome screen; returns what could not be done.
fn walk_all(lang: Lang, steps: &[u8]) -> Vec<String> {
    let mut failures = vec![];
    for &step in steps {
        for w in journeys::all() {
            let mut d = kiosk();
            if lang != d.app.settings.lang {
                d.touch(&text(lang, "language-name"));
            }
            while d.app.settings.text_step != step {
                d.touch(&text(lang, text_size_id(d.app.settings.text_step)));
            }
            assert_eq!(d.app.settings.lang, lang);
            if let Err(e) = journeys::walk(&mut d, &w, |_, _, _| Ok(())) {
                failures.push(format!("text step {step}, {}: {} — {e}", lang.code(), w.name));
            }
        }
    }
    failures
}

#[test]
fn every_journey_in_english() {
    let failures = walk_all(Lang::EnUs, &[0]);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_journey_at_the_larger_text() {
    let mut failures = walk_all(Lang::ZhCn, &[1]);
    failures.extend(walk_all(Lang::EnUs, &[1]));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// At 文字：特大 (text step 2) on a 21.5" 1080p screen every Chinese journey
/// fits; two English steps with long tips still overflow into the scrolling
/// area ("3. No loss: replace the card", "3. I will sign a personal
/// commitment"), where the headless driver cannot scroll. Tracked with the
/// measured-accessibility work.
#[test]
fn every_chinese_journey_at_the_largest_text() {
    let failures = walk_all(Lang::ZhCn, &[2]);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_journey_at_the_largest_text() {
    let mut failures = walk_all(Lang::ZhCn, &[2]);
    failures.extend(walk_all(Lang::EnUs, &[2]));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
