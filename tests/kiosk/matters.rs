//! Each seeded matter and the bundle, end to end, clicking by visible text:
//! what the review showed is what the portal stored.

use yiban::client::ClientError;
use yiban::core::model::{ApplicationMode, CaseStatus, EvaluationKind, Level};
use yiban::ui::driver::Driver;
use yiban::ui::journeys::Act::{self, *};

use crate::common::*;

/// The kiosk's evaluation of `case_no` exists: one more is a follow-up, the next is refused.
#[track_caller]
fn assert_evaluated_once(p: &Portal, id_number: &str, case_no: &str) {
    let s = p.sign_in(id_number);
    let second = p.evaluate(s.token.expose(), case_no, Level::Satisfied).expect("a follow-up evaluation");
    assert_eq!(second.kind, EvaluationKind::FollowUp, "the kiosk's evaluation of {case_no} is missing");
    match p.evaluate(s.token.expose(), case_no, Level::Satisfied) {
        Err(ClientError::Conflict { code, .. }) => assert_eq!(code, "evaluation_limit"),
        other => panic!("a third evaluation of {case_no} must be refused: {other:?}"),
    }
}

/// After 我拿好了 the kiosk is back on welcome and the portal closed its session.
#[track_caller]
fn assert_signed_out(d: &Driver, p: &Portal, seen: &Seen) {
    assert_eq!(d.key(), "welcome");
    assert!(d.app.session.citizen.identity.is_none() && d.app.session.journey.is_none());
    let token = seen.token.as_deref().expect("the walk was identified");
    let (matter, answers) = probe_query();
    assert!(!p.token_works(token, matter, answers), "the identity session is still open after goodbye");
}

fn applicant(name: &str, id: &str) -> String {
    zh_with("review-applicant", &[("name", name.into()), ("id", id.into())])
}

const ZHANG: (&str, &str) = ("张*兰", "110105********0289");
const LIU: (&str, &str) = ("刘*福", "110105********013X");

fn start(matter: &'static str, card: usize) -> Vec<Act> {
    vec![OpenMatter(matter), Tap("intro-start"), Card(card), Tap("due-skip")]
}

fn finish(level: Level) -> Vec<Act> {
    vec![Tap("review-submit"), Tap("result-continue"), Rate(level), Tap("evaluate-send"), Tap("goodbye-done")]
}

#[test]
fn pension_eligibility() {
    let mut d = kiosk();
    let mut acts = start("pension-eligibility", 0);
    acts.extend([
        Choose("confirm_identity", "YES"),
        Tap("next"),
        Choose("check_method", "STAFF"),
        Tap("next"),
    ]);
    acts.extend(finish(Level::VerySatisfied));
    let seen = walk(&mut d, &acts);

    assert!(seen.at("review").contains(&applicant(ZHANG.0, ZHANG.1)), "{:?}", seen.at("review"));
    assert_eq!(seen.review, pairs(&[("这是您本人吗", "是"), ("认证方式", "请工作人员当面核验")]));
    let cases = seen.cases();
    assert_eq!(cases.len(), 1, "{:?}", seen.at("result"));
    let p = Portal::of(&d);
    let case = p.case(&cases[0].0, &cases[0].1);
    assert_eq!(case.matter_id, "pension-eligibility");
    assert_eq!(case.answers, answers(&[("confirm_identity", "YES"), ("check_method", "STAFF")]));
    assert_eq!(case.status, CaseStatus::Completed);
    assert_eq!(case.mode, ApplicationMode::SelfService);
    assert_eq!(case.bundle_id, None);
    assert_evaluated_once(&p, &card_id(0), &case.case_no);
    assert_signed_out(&d, &p, &seen);
}

#[test]
fn medical_relocation() {
    let mut d = kiosk();
    let mut acts = start("medical-relocation", 0);
    acts.extend([
        Choose("relocation_type", "LONG_TERM_RESIDENT"),
        Tap("next"),
        Region("460000", "460200"),
        Tap("next"),
        Tap("date-today"),
        Tap("next"),
        Keys("13800138000"),
        Tap("next"),
        Choose("proof_choice", "COMMITMENT"),
        Tap("next"),
        Choose("commitment", "AGREED"),
        Tap("next"),
        Tap("review-submit"),
        Tap("result-continue"),
        Rate(Level::Dissatisfied),
        Reason("WAIT_TOO_LONG"),
        Tap("evaluate-send"),
        Tap("goodbye-done"),
    ]);
    let seen = walk(&mut d, &acts);

    assert!(seen.at("review").contains(&applicant(ZHANG.0, ZHANG.1)), "{:?}", seen.at("review"));
    assert_eq!(
        seen.review,
        pairs(&[
            ("备案类型", "异地长期居住"),
            ("就医地", "海南省 三亚市"),
            ("开始日期", "2026 年 11 月 28 日"),
            ("手机号码", "138 0013 8000"),
            ("居住证明", "我签个人承诺"),
            ("个人承诺", "已承诺"),
        ])
    );
    assert!(!seen.at("review").iter().any(|t| t.contains("13800138000")), "the phone is shown unmasked");
    let cases = seen.cases();
    assert_eq!(cases.len(), 1, "{:?}", seen.at("result"));
    let p = Portal::of(&d);
    let case = p.case(&cases[0].0, &cases[0].1);
    assert_eq!(case.matter_id, "medical-relocation");
    assert_eq!(
        case.answers,
        answers(&[
            ("relocation_type", "LONG_TERM_RESIDENT"),
            ("destination", "460200"),
            ("start_date", "2026-11-28"),
            ("phone", "138****8000"),
            ("proof_choice", "COMMITMENT"),
            ("commitment", "AGREED"),
        ])
    );
    assert_eq!(case.status, CaseStatus::Submitted);
    assert!(
        case.deferred_materials.is_empty(),
        "a commitment replaces the proof: {:?}",
        case.deferred_materials
    );
    assert_evaluated_once(&p, &card_id(0), &case.case_no);
    assert_signed_out(&d, &p, &seen);
}

#[test]
fn sscard_replacement() {
    let mut d = kiosk();
    let mut acts = start("sscard-replacement", 1);
    acts.extend(card_replacement_to_review());
    acts.extend(finish(Level::Satisfied));
    let seen = walk(&mut d, &acts);

    assert!(seen.at("review").contains(&applicant(LIU.0, LIU.1)), "{:?}", seen.at("review"));
    assert_eq!(
        seen.review,
        pairs(&[
            ("办理类型", "不用挂失，换新卡"),
            ("换卡原因", "卡坏了"),
            ("照片", "用原来的照片"),
            ("领卡方式", "到大厅领取"),
            ("手机号码", "139 0013 9000"),
        ])
    );
    let cases = seen.cases();
    assert_eq!(cases.len(), 1, "{:?}", seen.at("result"));
    let p = Portal::of(&d);
    let case = p.case(&cases[0].0, &cases[0].1);
    assert_eq!(case.matter_id, "sscard-replacement");
    assert_eq!(case.answers, card_replacement_stored());
    assert_eq!(case.status, CaseStatus::Submitted);
    assert_evaluated_once(&p, &card_id(1), &case.case_no);
    assert_signed_out(&d, &p, &seen);
}

#[test]
fn old_age_allowance() {
    let mut d = kiosk();
    let mut acts = start("old-age-allowance", 1);
    acts.extend([
        Choose("hukou_confirm", "YES"),
        Tap("next"),
        Choose("payout", "BANK"),
        Tap("next"),
        Keys("6222020200112233446"),
        Tap("next"),
        Keys("13700137000"),
        Tap("next"),
    ]);
    acts.extend(finish(Level::BasicallySatisfied));
    let seen = walk(&mut d, &acts);

    assert!(seen.at("review").contains(&applicant(LIU.0, LIU.1)), "{:?}", seen.at("review"));
    assert_eq!(
        seen.review,
        pairs(&[
            ("户籍在本区", "是"),
            ("发放方式", "发到银行卡"),
            ("银行卡号", "6222 0202 0011 2233 446"),
            ("手机号码", "137 0013 7000"),
        ])
    );
    let cases = seen.cases();
    assert_eq!(cases.len(), 1, "{:?}", seen.at("result"));
    let p = Portal::of(&d);
    let case = p.case(&cases[0].0, &cases[0].1);
    assert_eq!(case.matter_id, "old-age-allowance");
    assert_eq!(
        case.answers,
        answers(&[
            ("hukou_confirm", "YES"),
            ("payout", "BANK"),
            ("bank_account", "**** 3446"),
            ("phone", "137****7000"),
        ])
    );
    assert_eq!(case.status, CaseStatus::Submitted);
    assert_evaluated_once(&p, &card_id(1), &case.case_no);
    assert_signed_out(&d, &p, &seen);
}

#[test]
fn bundle_elder_card_allowance() {
    let mut d = kiosk();
    let mut acts = vec![OpenBundle("elder-card-allowance"), Tap("intro-start"), Card(1), Tap("due-skip")];
    acts.extend([
        Choose("report_type", "FORMAL_LOSS"),
        Tap("next"),
        Choose("photo_source", "NEW"),
        Tap("next"),
        Choose("delivery", "MAIL"),
        Tap("next"),
        Keys("13600136000"),
        Tap("next"),
        Choose("hukou_confirm", "YES"),
        Tap("next"),
        Choose("payout", "SSCARD"),
        Tap("next"),
    ]);
    acts.extend(finish(Level::VerySatisfied));
    let seen = walk(&mut d, &acts);

    // The phone is asked once (shared), the other items carry their matter's name.
    assert_eq!(seen.keys().iter().filter(|k| **k == "step-phone").count(), 1, "{:?}", seen.keys());
    assert!(seen.at("review").contains(&applicant(LIU.0, LIU.1)), "{:?}", seen.at("review"));
    assert_eq!(
        seen.review,
        pairs(&[
            ("补办社保卡 · 办理类型", "正式挂失并补卡"),
            ("补办社保卡 · 照片", "现场拍新照片"),
            ("补办社保卡 · 领卡方式", "邮寄到家"),
            ("手机号码", "136 0013 6000"),
            ("领高龄津贴 · 户籍在本区", "是"),
            ("领高龄津贴 · 发放方式", "发到社保卡"),
        ])
    );
    let cases = seen.cases();
    assert_eq!(cases.len(), 2, "{:?}", seen.at("result"));
    let p = Portal::of(&d);
    let card = p.case(&cases[0].0, &cases[0].1);
    let allowance = p.case(&cases[1].0, &cases[1].1);
    assert_eq!(card.matter_id, "sscard-replacement");
    assert_eq!(
        card.answers,
        answers(&[
            ("report_type", "FORMAL_LOSS"),
            ("photo_source", "NEW"),
            ("delivery", "MAIL"),
            ("phone", "136****6000"),
        ])
    );
    assert_eq!(allowance.matter_id, "old-age-allowance");
    assert_eq!(
        allowance.answers,
        answers(&[("hukou_confirm", "YES"), ("payout", "SSCARD"), ("phone", "136****6000")])
    );
    for case in [&card, &allowance] {
        assert_eq!(case.bundle_id.as_deref(), Some("elder-card-allowance"));
        assert_eq!(case.status, CaseStatus::Submitted);
    }
    // The kiosk evaluates the bundle once, on its first case.
    assert_evaluated_once(&p, &card_id(1), &card.case_no);
    assert_signed_out(&d, &p, &seen);
}

/// Reads every page of a query result: (all texts of all pages, page count).
fn read_pages(d: &mut Driver) -> (Vec<String>, usize) {
    let mut texts = vec![];
    let mut pages = 0;
    loop {
        assert_eq!(d.screen(), "query-result", "visible: {:?}", d.texts());
        texts.extend(d.texts());
        pages += 1;
        if pages > 20 || !turn_page(d, "page-next") {
            return (texts, pages);
        }
    }
}

/// The rows on screen are the portal's answer to the same query, every one of them.
#[track_caller]
fn assert_rows_shown(shown: &[String], pages: usize, result: &yiban::core::model::QueryResult) {
    let code = "zh-CN";
    assert!(shown.contains(&result.summary.get(code).to_owned()), "summary missing: {shown:?}");
    let mut rest = shown.iter();
    for (i, row) in result.rows.iter().enumerate() {
        for c in &result.columns {
            let want = row.get(&c.key).cloned().unwrap_or_default();
            assert!(rest.any(|t| *t == want), "row {i}: {want:?} missing or out of order; shown: {shown:?}");
        }
    }
    // The column labels head the table once on every page.
    for c in &result.columns {
        let label = c.label.get(code).to_owned();
        assert_eq!(shown.iter().filter(|t| **t == label).count(), pages, "{label:?} over {pages} pages");
    }
    let last_page = zh_with("page-of", &[("n", pages.into()), ("total", pages.into())]);
    assert!(shown.contains(&last_page), "expected {last_page:?}: {shown:?}");
}

#[test]
fn insurance_record_print() {
    let mut d = kiosk();
    begin(&mut d, "insurance-record-print", 0);
    d.pick("insurance_type", "PENSION");
    d.tap("next");
    d.keys("1990");
    d.tap("next");
    d.keys("2000");
    d.tap("next");
    d.must_see(&applicant(ZHANG.0, ZHANG.1));
    assert_eq!(d.review(), pairs(&[("险种", "养老保险"), ("开始年份", "1990"), ("结束年份", "2000")]));
    let token = d.token();
    d.tap("review-submit");
    let (shown, pages) = read_pages(&mut d);

    let p = Portal::of(&d);
    let asked = answers(&[("insurance_type", "PENSION"), ("start_year", "1990"), ("end_year", "2000")]);
    let result = p.query(&token, "insurance-record-print", asked).expect("the portal answers the query");
    assert_eq!(result.rows.len(), 11, "1990 to 2000 inclusive");
    assert!(shown.contains(&result.title.get("zh-CN").to_owned()));
    assert_rows_shown(&shown, pages, &result);

    d.tap("query-done");
    assert_eq!(d.key(), "goodbye", "a query has nothing to evaluate");
    d.tap("goodbye-done");
    assert_eq!(d.key(), "welcome");
    let (matter, probe) = probe_query();
    assert!(!p.token_works(&token, matter, probe), "the identity session is still open after goodbye");
}

#[test]
fn pension_payments() {
    let mut d = kiosk();
    begin(&mut d, "pension-payments", 1);
    d.pick("months", "6");
    d.tap("next");
    d.must_see(&applicant(LIU.0, LIU.1));
    assert_eq!(d.review(), pairs(&[("查询月数", "最近6个月")]));
    let token = d.token();
    d.tap("review-submit");
    let (shown, pages) = read_pages(&mut d);

    let p = Portal::of(&d);
    let result =
        p.query(&token, "pension-payments", answers(&[("months", "6")])).expect("the portal answers");
    assert_eq!(result.rows.len(), 6);
    assert_rows_shown(&shown, pages, &result);
    assert!(shown.iter().any(|t| t.contains("0417")), "the bank's last digits are shown: {shown:?}");

    d.tap("query-done");
    d.tap("goodbye-done");
    assert_eq!(d.key(), "welcome");
}
