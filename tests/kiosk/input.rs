//! Bad input: said clearly, naming the field, on the screen where it was typed;
//! nothing is sent that the kiosk can tell is wrong.

use yiban::ui::journeys::Act::*;

use crate::common::*;

/// Opens a matter and stops on the identify screen.
fn to_identify(d: &mut yiban::ui::driver::Driver) {
    d.acts(&[OpenMatter("pension-payments"), Tap("intro-start")]);
    assert_eq!(d.key(), "identify");
}

#[test]
fn a_wrong_check_digit_is_named_and_nothing_is_sent() {
    let mut d = kiosk();
    to_identify(&mut d);
    let calls = record_calls(&mut d);
    // 张秀兰's number with the last digit wrong.
    d.keys("110105194403160288");
    d.must_see(&zh_with("identify-count", &[("n", 18.into())]));
    d.tap("identify-confirm");

    let field = zh("identify-field");
    assert_eq!(field, "身份证号码");
    let message = zh_with("problem-bad-check-digit", &[("field", field.as_str().into())]);
    assert!(message.contains("身份证号码"), "{message}");
    d.must_see(&message);
    assert_eq!(d.key(), "identify");
    assert!(d.app.session.citizen.identity.is_none());
    assert!(calls.lock().unwrap().is_empty(), "sent: {:?}", calls.lock().unwrap());
    // The number stays, to be corrected: one 删除 and the right digit.
    d.tap("keypad-delete");
    d.must_not_see(&message);
    d.keys("9");
    d.tap("identify-confirm");
    assert_ne!(d.key(), "identify", "the corrected number is accepted");
    assert!(d.app.session.citizen.identity.is_some());
}

#[test]
fn a_short_number_cannot_be_confirmed() {
    let mut d = kiosk();
    to_identify(&mut d);
    let calls = record_calls(&mut d);
    d.keys("11010519440316028");
    d.must_see(&zh_with("identify-count", &[("n", 17.into())]));
    d.tap("identify-confirm");
    assert_eq!(d.key(), "identify");
    assert!(calls.lock().unwrap().is_empty(), "sent: {:?}", calls.lock().unwrap());
}

#[test]
fn a_valid_number_of_nobody_is_not_found() {
    let mut d = kiosk();
    to_identify(&mut d);
    let stranger = with_check_char("11010519500101001");
    assert!(!(0..6).any(|n| card_id(n) == stranger));
    d.keys(&stranger);
    d.tap("identify-confirm");
    assert_eq!(d.key(), "identify");
    d.must_see(&zh("error-citizen-not-found"));
    assert!(d.app.session.citizen.identity.is_none());
    // The entry is cleared for the next try.
    d.must_see(&zh("identify-placeholder"));
}

#[test]
fn a_bad_phone_stays_on_its_step() {
    let mut d = kiosk();
    begin(&mut d, "sscard-replacement", 1);
    d.acts(CARD_REPLACEMENT_TO_PHONE);
    assert_eq!(d.key(), "step-phone");
    d.keys("12345678901");
    d.tap("next");
    assert_eq!(d.key(), "step-phone");
    d.must_see(&zh_with("problem-bad-phone", &[("field", "手机号码".into())]));
    // Cleared and typed again, it goes on to review.
    d.tap("keypad-clear");
    d.keys("13900139000");
    d.tap("next");
    assert_eq!(d.screen(), "review");
    assert!(d.review().contains(&("手机号码".to_owned(), "139 0013 9000".to_owned())));
}

/// End year before start year: the form schema says `end_year` must not come
/// before `start_year`, so the kiosk refuses it on that step, naming both
/// fields; corrected, the query runs. (The portal refuses the pair as well.)
#[test]
fn end_year_before_start_year_is_refused_on_its_step() {
    let mut d = kiosk();
    begin(&mut d, "insurance-record-print", 0);
    d.acts(&[
        Choose("insurance_type", "ALL"),
        Tap("next"),
        Keys("2000"),
        Tap("next"),
        Keys("1990"),
        Tap("next"),
    ]);
    assert_eq!(d.key(), "step-end_year", "visible: {:?}", d.texts());
    d.must_see(&zh_with(
        "problem-before-other",
        &[("field", "结束年份".into()), ("other", "开始年份".into())],
    ));
    d.tap("keypad-clear");
    d.keys("2004");
    d.tap("next");
    assert_eq!(d.screen(), "review");
    assert_eq!(d.review(), pairs(&[("险种", "全部险种"), ("开始年份", "2000"), ("结束年份", "2004")]));
    d.tap("review-submit");
    assert_eq!(d.key(), "query-result-p1", "visible: {:?}", d.texts());
}

#[test]
fn a_year_out_of_range_is_named() {
    let mut d = kiosk();
    begin(&mut d, "insurance-record-print", 0);
    d.acts(&[Choose("insurance_type", "ALL"), Tap("next"), Keys("1970"), Tap("next")]);
    assert_eq!(d.key(), "step-start_year");
    d.must_see(&zh_with(
        "problem-too-small",
        &[("field", "开始年份".into()), ("min", 1980.into()), ("max", 2026.into())],
    ));
}

#[test]
fn next_without_a_choice_says_what_is_missing() {
    let mut d = kiosk();
    begin(&mut d, "pension-payments", 1);
    assert_eq!(d.key(), "step-months");
    d.tap("next");
    assert_eq!(d.key(), "step-months");
    d.must_see(&zh_with("problem-missing", &[("field", "查询月数".into())]));
}

/// `Driver::type_keys` clicks the first text equal to the key; once the entry
/// shows just "1", that is the entry itself, not the key.
#[test]
fn driver_types_a_repeated_first_digit() {
    let mut d = kiosk();
    to_identify(&mut d);
    d.type_keys("11").unwrap();
    d.must_see(&zh_with("identify-count", &[("n", 2.into())]));
}
