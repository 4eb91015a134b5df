//! The review: 修改 goes to the step and straight back; switching language
//! keeps every answer.

use yiban::i18n::Lang;
use yiban::ui::driver::Driver;
use yiban::ui::journeys::Act::*;

use crate::common::*;

/// 刘长福 replacing a damaged card, on the review.
fn card_replacement_at_review() -> Driver {
    let mut d = kiosk();
    begin(&mut d, "sscard-replacement", 1);
    d.acts(&card_replacement_to_review());
    assert_eq!(d.screen(), "review");
    d
}

/// Submits from review and returns the case the portal stored.
fn submit(d: &mut Driver) -> yiban::core::model::Application {
    d.tap("review-submit");
    assert_eq!(d.key(), "result", "visible: {:?}", d.texts());
    let cases = cases_on(&d.texts());
    assert_eq!(cases.len(), 1, "{:?}", d.texts());
    Portal::of(d).case(&cases[0].0, &cases[0].1)
}

#[test]
fn change_from_review_goes_straight_back() {
    let mut d = card_replacement_at_review();
    let before = d.review();
    assert!(before.contains(&("领卡方式".to_owned(), "到大厅领取".to_owned())), "{before:?}");

    d.change("领卡方式");
    assert_eq!(d.key(), "step-delivery");
    d.must_see(&zh("step-back-to-review"));
    assert_eq!(zh("step-back-to-review"), "改好了，回去核对");
    d.must_not_see(&zh("next"));
    d.pick("delivery", "MAIL");
    d.tap("step-back-to-review");

    assert_eq!(d.screen(), "review", "straight back, past the phone step");
    let after = d.review();
    let expected: Vec<(String, String)> = before
        .iter()
        .map(|(l, v)| (l.clone(), if l == "领卡方式" { "邮寄到家".to_owned() } else { v.clone() }))
        .collect();
    assert_eq!(after, expected);

    let case = submit(&mut d);
    assert_eq!(case.answers.get("delivery").map(String::as_str), Some("MAIL"));
    assert_eq!(case.answers.get("reason").map(String::as_str), Some("DAMAGED"));
}

#[test]
fn change_of_a_later_item_keeps_the_others() {
    let mut d = card_replacement_at_review();
    d.change("手机号码");
    assert_eq!(d.key(), "step-phone");
    d.must_see(&zh("step-back-to-review"));
    // The number typed before is there to correct.
    d.must_see("139 0013 9000");
    d.tap("keypad-clear");
    d.keys("13800138000");
    d.tap("step-back-to-review");
    assert_eq!(d.screen(), "review");
    assert!(d.review().contains(&("手机号码".to_owned(), "138 0013 8000".to_owned())));
    let case = submit(&mut d);
    assert_eq!(case.answers.get("phone").map(String::as_str), Some("138****8000"));
    assert_eq!(case.answers.get("delivery").map(String::as_str), Some("PICKUP"));
}

/// A change that opens new questions asks them before going back to review.
#[test]
fn change_that_opens_steps_asks_them_first() {
    let mut d = kiosk();
    begin(&mut d, "sscard-replacement", 1);
    d.acts(&[Choose("report_type", "TEMPORARY_LOSS"), Tap("next"), Keys("13900139000"), Tap("next")]);
    assert_eq!(
        d.review(),
        pairs(&[("办理类型", "临时挂失（先冻结，暂不补卡）"), ("手机号码", "139 0013 9000")])
    );

    d.change("办理类型");
    assert_eq!(d.key(), "step-report_type");
    d.pick("report_type", "REPLACE");
    d.tap("step-back-to-review");
    assert_eq!(d.key(), "step-reason", "the new question comes first");
    d.pick("reason", "EXPIRED");
    d.tap("step-back-to-review");
    assert_eq!(d.key(), "step-photo_source");
    d.pick("photo_source", "NEW");
    d.tap("step-back-to-review");
    assert_eq!(d.key(), "step-delivery");
    d.pick("delivery", "MAIL");
    d.tap("step-back-to-review");
    assert_eq!(d.screen(), "review");
    assert_eq!(
        d.review(),
        pairs(&[
            ("办理类型", "不用挂失，换新卡"),
            ("换卡原因", "卡过期了"),
            ("照片", "现场拍新照片"),
            ("领卡方式", "邮寄到家"),
            ("手机号码", "139 0013 9000"),
        ])
    );
    let case = submit(&mut d);
    assert_eq!(
        case.answers,
        answers(&[
            ("report_type", "REPLACE"),
            ("reason", "EXPIRED"),
            ("photo_source", "NEW"),
            ("delivery", "MAIL"),
            ("phone", "139****9000"),
        ])
    );
}

/// The language button (the other language's name) is on every screen,
/// the review too: switching there keeps every answer.
#[test]
fn language_switch_keeps_the_answers() {
    let mut d = card_replacement_at_review();
    let zh_items = d.review();
    d.touch(&text(Lang::EnUs, "language-name"));
    assert_eq!(d.app.settings.lang, Lang::EnUs);
    d.must_see(&text(Lang::EnUs, "review-title"));
    let en_items = d.review();

    // Each item in English: the schema's English label and value for the same answer.
    let form = d.app.session.citizen.members[0].form.clone();
    let english = |zh: &(String, String)| -> (String, String) {
        let field = form
            .steps
            .iter()
            .flat_map(|s| &s.fields)
            .find(|f| f.label.get("zh-CN") == zh.0)
            .unwrap_or_else(|| panic!("no field labelled {:?}", zh.0));
        let value = field
            .choices
            .iter()
            .find(|c| c.label.get("zh-CN") == zh.1)
            .map_or_else(|| zh.1.clone(), |c| c.label.get("en-US").to_owned());
        (field.label.get("en-US").to_owned(), value)
    };
    assert_eq!(en_items, zh_items.iter().map(english).collect::<Vec<_>>());
    assert!(en_items.contains(&("Mobile number".to_owned(), "139 0013 9000".to_owned())), "{en_items:?}");
    d.must_see(&text_with(
        Lang::EnUs,
        "review-applicant",
        &[("name", "刘*福".into()), ("id", "110105********013X".into())],
    ));

    // Submitted in English, the portal stores the same answers.
    d.tap("review-submit");
    assert_eq!(d.key(), "result");
    let case_label = text_with(Lang::EnUs, "result-lookup", &[("code", "".into())]);
    let lookup =
        d.texts().iter().find_map(|t| t.strip_prefix(&case_label).map(str::to_owned)).expect("lookup code");
    let case_no = d.app.session.citizen.cases[0].case_no.clone();
    d.must_see(&case_no);
    let case = Portal::of(&d).case(&case_no, &lookup);
    assert_eq!(case.answers, card_replacement_stored());
}

/// The welcome screen's language button: then the journey runs in English.
#[test]
fn english_from_the_welcome_screen() {
    let mut d = kiosk();
    d.touch(&text(Lang::EnUs, "language-name"));
    assert_eq!(d.app.settings.lang, Lang::EnUs);
    d.must_see(&text(Lang::EnUs, "welcome-title"));
    d.must_see(&text(Lang::ZhCn, "language-name"));
    begin(&mut d, "pension-payments", 1);
    d.pick("months", "3");
    d.tap("next");
    assert_eq!(d.review(), pairs(&[("Months", "Last 3 months")]));
}
