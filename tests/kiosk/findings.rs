//! The defects a walk through the kiosk found (issue 9), each held down by a
//! test: answers that arrive after their citizen left, a way out of waiting
//! that did nothing, speech that never ends, the review hiding what was just
//! typed, and the smaller ones (due title, phone grouping, help under
//! dialogs, keypad digits, a receipt said to print without a printer).

use yiban::i18n::{self, Lang};
use yiban::ui::driver::{Driver, Hold};
use yiban::ui::journeys::Act::*;

use crate::common::*;

/// The first screen of a citizen who has just walked up: B opens a matter and must be asked who they are.
#[track_caller]
fn next_citizen_is_asked_who_they_are(d: &mut Driver) {
    assert_eq!(d.key(), "welcome");
    assert!(d.app.session.citizen.identity.is_none(), "the next citizen starts identified");
    assert!(d.app.session.citizen.cases.is_empty(), "the next citizen holds a case");
    assert!(d.app.session.citizen.query.is_none(), "the next citizen holds a query result");
    d.acts(&[OpenMatter("pension-payments"), Tap("intro-start")]);
    assert_eq!(d.screen(), "identify", "the next citizen was not asked who they are");
    d.must_not_see(&zh("due-title"));
}

#[test]
fn a_late_identity_reaches_nobody_and_its_token_is_closed() {
    let mut d = kiosk();
    d.acts(&[OpenMatter("pension-payments"), Tap("intro-start")]);
    d.hold(Hold::Identity);
    d.act(Card(0));
    assert_eq!(d.screen(), "loading");
    d.tap("home");
    assert_eq!(d.key(), "welcome");

    let delivered = d.release().unwrap();
    let tokens = Driver::opened_tokens(&delivered);
    assert_eq!(tokens.len(), 1, "the held identification was answered");
    assert_eq!(d.key(), "welcome", "A's late answer moved the kiosk on");
    next_citizen_is_asked_who_they_are(&mut d);
    let (matter, probe) = probe_query();
    assert!(!Portal::of(&d).token_works(&tokens[0], matter, probe), "A's late token is still open");
}

#[test]
fn a_late_submission_reaches_nobody() {
    let mut d = kiosk();
    begin(&mut d, "sscard-replacement", 1);
    d.acts(&card_replacement_to_review());
    d.hold(Hold::Submit);
    submit(&mut d);
    assert_eq!(d.screen(), "submitting");
    d.tap("home");
    d.tap("home-confirm-yes");
    assert_eq!(d.key(), "welcome");

    d.release().unwrap();
    assert_eq!(d.key(), "welcome", "A's late case moved the kiosk on");
    for text in d.texts() {
        assert!(!text.starts_with("YB"), "a case number on the next citizen's screen: {text}");
    }
    next_citizen_is_asked_who_they_are(&mut d);
}

#[test]
fn a_late_query_result_reaches_nobody() {
    let mut d = kiosk();
    begin(&mut d, "pension-payments", 1);
    d.pick("months", "6");
    d.tap("next");
    d.hold(Hold::Query);
    submit(&mut d);
    assert_eq!(d.screen(), "submitting");
    d.tap("home");
    d.tap("home-confirm-yes");

    d.release().unwrap();
    assert_eq!(d.key(), "welcome", "A's late query result moved the kiosk on");
    next_citizen_is_asked_who_they_are(&mut d);
}

#[test]
fn stop_waiting_while_a_matter_loads_goes_back() {
    let mut d = kiosk();
    d.hold(Hold::Matters);
    d.act(OpenMatter("pension-payments"));
    assert_eq!(d.screen(), "loading");
    d.tap("submitting-stop");
    assert_eq!(d.key(), "welcome", "不等了 did nothing");
    d.release().unwrap();
    assert_eq!(d.key(), "welcome", "the abandoned load still opened the matter");
}

#[test]
fn stop_waiting_while_identifying_goes_back_and_closes_the_late_token() {
    let mut d = kiosk();
    d.acts(&[OpenMatter("pension-payments"), Tap("intro-start")]);
    d.hold(Hold::Identity);
    d.act(Card(0));
    assert_eq!(d.screen(), "loading");
    d.tap("submitting-stop");
    assert_eq!(d.screen(), "identify", "不等了 did nothing");
    let tokens = Driver::opened_tokens(&d.release().unwrap());
    assert_eq!(d.screen(), "identify", "the abandoned identification still went on");
    assert!(d.app.session.citizen.identity.is_none());
    let (matter, probe) = probe_query();
    assert!(!Portal::of(&d).token_works(&tokens[0], matter, probe), "the abandoned token is still open");
}

/// 确认提交; where it asks whether the answers were checked on screen (the
/// read-back was not heard to its end), 我已核对，提交.
fn submit(d: &mut Driver) {
    d.tap("review-submit");
    let checked = i18n::t(Lang::ZhCn, "review-submit-checked");
    if d.sees(&checked) {
        d.touch(&checked);
    }
}

#[test]
fn speech_that_never_ends_does_not_lock_submission() {
    let mut d = kiosk();
    d.speech_never_ends();
    begin(&mut d, "pension-payments", 1);
    d.pick("months", "6");
    d.tap("next");
    assert_eq!(d.screen(), "review");
    // The read-back never ends: 确认提交 asks whether the answers were checked on screen.
    d.tap("review-submit");
    d.must_see(&zh("review-confirm-checked"));
    d.must_see("呼叫工作人员");
    d.touch(&zh("review-submit-checked"));
    assert_eq!(d.screen(), "query-result", "the citizen could not submit");
}

#[test]
fn the_review_shows_the_phone_just_typed_in_full() {
    let mut d = kiosk();
    begin(&mut d, "sscard-replacement", 1);
    d.acts(&card_replacement_to_review());
    let review = d.review();
    let phone = review.iter().find(|(label, _)| label == "手机号码").map(|(_, v)| v.as_str());
    assert_eq!(phone, Some("139 0013 9000"), "{review:?}");
    // What came from the card stays masked.
    assert!(d.texts().iter().any(|t| t.contains("110105********013X")), "{:?}", d.texts());
}

#[test]
fn the_due_screen_counts_its_items() {
    let mut d = kiosk();
    d.acts(&[OpenMatter("pension-payments"), Tap("intro-start"), Card(0)]);
    assert_eq!(d.key(), "due");
    let n = d.app.session.citizen.identity.as_ref().map_or(0, |s| s.due.len());
    assert_eq!(n, 2, "张秀兰 has the pension check and the allowance due");
    d.must_see(&zh_with("due-title", &[("n", 2.into())]));
    d.must_not_see("有一件事快到期了");
}

#[test]
fn a_phone_number_is_grouped_three_four_four() {
    let mut d = kiosk();
    begin(&mut d, "sscard-replacement", 1);
    d.acts(CARD_REPLACEMENT_TO_PHONE);
    d.keys("13912345678");
    d.must_see("139 1234 5678");
}

#[test]
fn call_staff_works_under_a_dialog() {
    let mut d = kiosk();
    begin(&mut d, "pension-payments", 1);
    d.pick("months", "6");
    d.tap("home");
    d.must_see(&zh("home-confirm-title"));
    let before = Portal::of(&d).assist_requests().len();
    d.tap("call-staff");
    assert_eq!(
        Portal::of(&d).assist_requests().len(),
        before + 1,
        "呼叫工作人员 under the dialog did nothing"
    );
    d.must_see(&zh("staff-coming"));
}

#[test]
fn keypad_digits_sit_in_the_middle_of_their_keys() {
    let mut d = kiosk();
    d.acts(&[OpenMatter("pension-payments"), Tap("intro-start")]);
    let layout = yiban::a11y::screen_layout(&d);
    for digit in ["1", "5", "0", "X"] {
        let (i, text) =
            layout.texts.iter().enumerate().rev().find(|(_, t)| t.content == digit).expect("the key's digit");
        let key = text.target.map(|t| layout.targets[t].bounds).expect("the digit is on a key");
        let off = (text.bounds.center_x() - key.center_x()).abs();
        assert!(off <= 2.0, "key {digit} (text {i}) is {off} px off its key's centre");
    }
}

#[test]
fn without_a_printer_the_result_says_to_note_the_number() {
    let mut d = kiosk();
    let seen = walk(&mut d, &yiban::ui::journeys::by_name("pension-eligibility").acts);
    let result = seen.at("result");
    assert!(!result.contains(&zh("result-receipt")), "says a receipt prints: {result:?}");
    assert!(result.contains(&zh("result-no-printer")), "{result:?}");
}

#[test]
fn speech_found_broken_is_said_on_screen_and_nothing_waits_for_it() {
    let mut d = kiosk();
    d.speech_never_ends();
    begin(&mut d, "pension-payments", 1);
    d.pick("months", "6");
    d.tap("next");
    d.must_not_see(&zh("speech-unavailable"));
    // The speech link's watchdog: the read-back did not end within its expected length.
    d.send(yiban::ui::Message::Speech(yiban::ui::speech_link::Notice::Unavailable)).unwrap();
    d.must_see(&zh("speech-unavailable"));
    // Nothing can be heard, so nothing is waited for: 确认提交 sends at once.
    d.tap("review-submit");
    assert_eq!(d.screen(), "query-result");
    d.must_see(&zh("speech-unavailable"));
    // Speech heard again later takes the notice away.
    let session = d.app.session.id;
    d.send(yiban::ui::Message::Speech(yiban::ui::speech_link::Notice::Heard(session))).unwrap();
    d.must_not_see(&zh("speech-unavailable"));
}
