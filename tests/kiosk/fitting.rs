//! Screens fit the window at every text size: long ones come in pages (each
//! page said when it shows), long tips fold into a dialog, long commitments
//! are read page by page before 我已阅读并同意, and the colours and voice
//! settings have a screen of their own.

use yiban::i18n::Lang;
use yiban::ui::app::Overlay;
use yiban::ui::journeys::{self, Act};
use yiban::ui::theme::ThemeKind;

use crate::common::*;

/// A kiosk at the largest text (文字：特大), chosen on the welcome screen.
fn largest(lang: Lang) -> yiban::ui::driver::Driver {
    let mut d = kiosk();
    if d.app.settings.lang != lang {
        d.touch(&text(lang, "language-name"));
    }
    d.touch(&text(lang, "text-size-large"));
    d.touch(&text(lang, "text-size-larger"));
    assert_eq!(d.app.settings.text_step, 2);
    d
}

#[test]
fn colours_and_voice_have_their_own_screen_and_are_kept() {
    let mut d = kiosk();
    for id in ["theme-default", "voice-on", "rate-normal", "volume-1"] {
        d.must_not_see(&zh(id));
    }
    d.tap("settings-title");
    assert_eq!(d.key(), "settings");
    assert!(d.app.transcript.contains(&zh("settings-hint")), "{:?}", d.app.transcript);
    d.tap("theme-default");
    assert_eq!(d.app.settings.theme, ThemeKind::BlackOnWhite);
    d.must_see(&zh("theme-black-on-white"));
    d.tap("voice-on");
    assert!(!d.app.settings.voice);
    d.tap("back");
    assert_eq!(d.key(), "welcome");
    assert_eq!(d.app.settings.theme, ThemeKind::BlackOnWhite, "返回 keeps the choice");
    d.tap("settings-title");
    d.tap("rate-normal");
    d.tap("settings-done");
    assert_eq!(d.key(), "welcome");
    assert_eq!(d.app.settings.rate, 2);
    assert!(!d.app.settings.voice);
    // 首页 (a key of the keypad) from the settings keeps them too.
    d.tap("settings-title");
    d.send(yiban::ui::Message::Frame(yiban::ui::frame::Message::Home)).unwrap();
    assert_eq!(d.key(), "welcome");
    assert_eq!(d.app.settings.theme, ThemeKind::BlackOnWhite);
}

#[test]
fn a_long_intro_comes_in_pages_each_said_when_shown() {
    let mut d = largest(Lang::ZhCn);
    d.act(Act::OpenBundle("elder-card-allowance"));
    assert_eq!(d.key(), "intro");
    d.must_see(&zh_with("page-of", &[("n", 1.into()), ("total", 2.into())]));
    let materials: Vec<String> = d
        .app
        .session
        .citizen
        .members
        .iter()
        .flat_map(|m| m.matter.materials.iter().map(|x| x.name.get("zh-CN").to_owned()))
        .collect();
    let mut shown = d.texts();
    d.tap("page-next");
    assert_eq!(d.key(), "intro-p2");
    let page_two = zh_with("page-of", &[("n", 2.into()), ("total", 2.into())]);
    assert!(d.app.transcript.contains(&page_two), "page 2 said: {:?}", d.app.transcript);
    shown.extend(d.texts());
    for m in &materials {
        assert!(shown.contains(m), "{m} on no page: {shown:?}");
    }
    // 开始办理 works from any page.
    d.tap("intro-start");
    assert_eq!(d.screen(), "identify");
}

#[test]
fn each_case_number_stays_on_a_page_with_its_lookup_code() {
    let mut d = largest(Lang::ZhCn);
    let walk = journeys::all().into_iter().find(|w| w.name == "bundle-elder-card-allowance").expect("walk");
    let mut pages: Vec<(String, Vec<String>)> = vec![];
    journeys::walk(&mut d, &walk, |d, _, key| {
        if key.starts_with("result") {
            pages.push((key.to_owned(), d.texts()));
        }
        Ok(())
    })
    .expect("the bundle at the largest text");
    assert!(pages.len() > 1, "the bundle's result fits one page at the largest text: {pages:?}");
    let cases: Vec<(String, String)> = pages.iter().flat_map(|(_, texts)| cases_on(texts)).collect();
    assert_eq!(cases.len(), 2, "{pages:?}");
    for (case_no, lookup) in cases {
        assert!(case_no.starts_with("YB") && !lookup.is_empty(), "{case_no} without its lookup code");
    }
}

#[test]
fn a_long_tip_folds_into_a_dialog_that_is_said() {
    let mut d = largest(Lang::EnUs);
    let walk = journeys::all().into_iter().find(|w| w.name == "medical-relocation").expect("walk");
    for a in walk.acts.iter().take_while(|a| **a != Act::Choose("proof_choice", "COMMITMENT")) {
        d.act(*a);
    }
    assert_eq!(d.key(), "step-proof_choice");
    let open = text(Lang::EnUs, "step-tip-open");
    d.must_see(&open);
    let tip = d.texts().into_iter().find(|t| t.starts_with("Tip: "));
    assert_eq!(tip, None, "the tip is folded");
    d.touch(&open);
    assert_eq!(d.app.overlay, Some(Overlay::Tip));
    let said = d.app.transcript.join(" ");
    assert!(said.contains("personal commitment"), "the tip is said: {said}");
    assert!(d.texts().iter().any(|t| t.starts_with("Tip: ") && t.contains("personal commitment")));
    d.touch(&text(Lang::EnUs, "tip-close"));
    assert_eq!(d.app.overlay, None);
    assert_eq!(d.key(), "step-proof_choice");
}

#[test]
fn a_long_commitment_is_shown_in_full_before_it_can_be_agreed() {
    let mut d = largest(Lang::EnUs);
    let walk = journeys::all().into_iter().find(|w| w.name == "medical-relocation").expect("walk");
    for a in walk.acts.iter().take_while(|a| !matches!(a, Act::Choose("commitment", _))) {
        d.act(*a);
    }
    assert_eq!(d.key(), "step-commitment");
    let agree = text(Lang::EnUs, "commitment-agree");
    let mut statement = String::new();
    let mut pages = 1;
    while !d.sees(&agree) {
        statement.push_str(&d.texts().join(" "));
        assert!(turn_page(&mut d, "page-next"), "no way on to 我已阅读并同意");
        pages += 1;
    }
    statement.push_str(&d.texts().join(" "));
    assert!(pages > 1, "the commitment fits one page in English at the largest text");
    for part in ["I promise that I really live", "repay any medical costs"] {
        assert!(statement.contains(part), "“{part}” on no page");
    }
    d.touch(&agree);
    d.tap("next");
    assert_ne!(d.key(), "step-commitment");
}

#[test]
fn typing_an_id_number_at_the_largest_text_shows_it_in_place_of_the_card_reader() {
    let mut d = largest(Lang::EnUs);
    d.act(Act::OpenMatter("pension-eligibility"));
    d.tap("intro-start");
    assert_eq!(d.screen(), "identify");
    let card = text(Lang::EnUs, "identify-card");
    d.must_see(&card);
    d.must_see(&yiban::ui::screen::identify::card_label(Lang::EnUs, 1));
    d.keys("1101");
    d.must_not_see(&card);
    d.must_see("1101");
    d.must_see(&text_with(Lang::EnUs, "identify-count", &[("n", 4.into())]));
    for _ in 0..4 {
        d.touch(&text(Lang::EnUs, "keypad-delete"));
    }
    d.must_see(&card);
}

#[test]
fn the_bar_keeps_every_word_whole_in_english_at_larger_text() {
    use yiban::a11y::{self, measure, rows::Row};
    for step in [1, 2] {
        let mut d = kiosk();
        d.touch(&text(Lang::EnUs, "language-name"));
        while d.app.settings.text_step != step {
            d.touch(&text(Lang::EnUs, yiban::ui::screen::welcome::text_size_id(d.app.settings.text_step)));
        }
        // The identify and due screens have the longest main actions (Confirm number, Not now, carry on).
        d.acts(&[Act::OpenMatter("pension-eligibility"), Act::Tap("intro-start")]);
        for (key, next) in [("identify", Some(Act::Card(0))), ("due", None)] {
            assert_eq!(d.screen(), key);
            let layout = a11y::screen_layout(&d);
            let cut: Vec<_> = measure::screen(&layout, &a11y::context(&d))
                .into_iter()
                .filter(|s| s.row == Row::TextCutOff && s.value > 0.2)
                .collect();
            assert!(cut.is_empty(), "step {step}, {key}: {cut:#?}");
            if let Some(a) = next {
                d.act(a);
            }
        }
    }
}

#[test]
fn a_tap_on_the_focus_ring_band_presses_the_button() {
    use yiban::a11y;
    let mut d = kiosk();
    let layout = a11y::screen_layout(&d);
    let label = zh("settings-title");
    let target = layout.targets.iter().find(|t| t.label(&layout) == label).expect("the 颜色和声音 button");
    // Just left of the button, inside the band its focus ring is drawn in.
    let band = yiban::ui::theme::RING_ROOM / 2.0;
    let at = iced::Point::new(target.bounds.x - band, target.bounds.center_y());
    d.touch_at(at);
    assert_eq!(d.key(), "settings");
}
