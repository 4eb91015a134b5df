//! When things go wrong: an unreachable portal, a portal that goes down
//! mid-journey, and 呼叫工作人员.

use yiban::core::model::AssistStatus;
use yiban::ui::app::Overlay;
use yiban::ui::driver::Driver;
use yiban::ui::journeys::Act::*;

use crate::common::*;
use crate::own_portal::OwnPortal;

#[test]
fn unreachable_portal_is_said_politely() {
    let mut d =
        Driver::with_url(config(), "http://127.0.0.1:9".to_owned(), TODAY).expect("the kiosk starts anyway");
    assert_eq!(d.key(), "failure");
    d.must_see(&zh("error-offline"));
    assert_eq!(zh("retry"), "再试一次");
    d.must_see("再试一次");
    d.must_see("呼叫工作人员");

    d.tap("retry");
    assert_eq!(d.key(), "failure");
    d.must_see(&zh("error-offline"));

    d.tap("call-staff");
    assert_eq!(d.app.overlay, Some(Overlay::StaffCallFailed));
    d.must_see(&zh("staff-call-failed"));
    d.tap("confirm");
    assert_eq!(d.app.overlay, None);
    assert_eq!(d.key(), "failure");
}

#[test]
fn portal_down_mid_journey_keeps_the_answers() {
    let mut portal = OwnPortal::start();
    let mut d = Driver::with_url(config(), portal.url(), TODAY).expect("kiosk");
    begin(&mut d, "sscard-replacement", 1);
    d.acts(&card_replacement_to_review());
    let answers_shown = d.review();

    portal.stop();
    d.tap("review-submit");
    assert_eq!(d.key(), "failure", "visible: {:?}", d.texts());
    d.must_see(&zh("error-offline"));
    d.must_see("再试一次");
    d.must_see("呼叫工作人员");

    // 返回: the review, answers as they were.
    d.tap("back");
    assert_eq!(d.review(), answers_shown);
    d.tap("review-submit");
    d.must_see(&zh("error-offline"));
    // 再试一次 while still down: the same failure, nothing lost.
    d.tap("retry");
    assert_eq!(d.key(), "failure");
    d.tap("back");
    assert_eq!(d.review(), answers_shown);
    d.tap("review-submit");
    assert_eq!(d.key(), "failure");

    // The portal is back: 再试一次 sends it, once.
    portal.restart();
    d.tap("retry");
    assert_eq!(d.key(), "result", "visible: {:?}", d.texts());
    let cases = cases_on(&d.texts());
    assert_eq!(cases.len(), 1);
    let p = Portal::at(&portal.url());
    let case = p.case(&cases[0].0, &cases[0].1);
    assert_eq!(case.answers, card_replacement_stored());
    assert_eq!(case.case_no, "YB20261128000001", "one case only");
}

#[test]
fn calling_staff_from_several_screens() {
    let mut d = kiosk();
    let mut called = vec![];
    let mut call = |d: &mut Driver| {
        let key = d.key();
        called.push(d.app.screen.name().to_owned());
        d.tap("call-staff");
        assert_eq!(d.app.overlay, Some(Overlay::StaffComing), "on {key}");
        d.must_see(&zh("staff-coming"));
        d.tap("confirm");
        assert_eq!(d.app.overlay, None);
        assert_eq!(d.key(), key, "calling staff keeps the screen");
    };
    call(&mut d);
    d.act(OpenMatter("pension-payments"));
    call(&mut d);
    d.tap("intro-start");
    call(&mut d);
    d.act(Card(1));
    d.tap("due-skip");
    call(&mut d);
    d.pick("months", "6");
    d.tap("next");
    call(&mut d);
    assert_eq!(d.review(), pairs(&[("查询月数", "最近6个月")]), "answers kept");

    let requests = Portal::of(&d).assist_requests();
    let mut contexts: Vec<String> = requests
        .iter()
        .filter(|r| r.terminal_id == TERMINAL)
        .inspect(|r| {
            assert_eq!(r.hall_id, HALL);
            assert_eq!(r.status, AssistStatus::Open);
        })
        .filter_map(|r| r.context.clone())
        .collect();
    contexts.sort();
    called.sort();
    assert_eq!(contexts, called);
    assert_eq!(called, ["identify", "intro", "review", "step", "welcome"]);
}

/// Started while the portal is down, the kiosk shows the failure; 返回 asks
/// the portal again (and, while it is still down, says so again with
/// 再试一次); once the portal is back, 再试一次 brings the tiles.
#[test]
fn welcome_recovers_when_the_portal_comes_back() {
    let mut portal = OwnPortal::start();
    portal.stop();
    let mut d = Driver::with_url(config(), portal.url(), TODAY).expect("kiosk");
    assert_eq!(d.key(), "failure");
    d.tap("back");
    assert_eq!(d.key(), "failure", "the portal is still down: said again, with 再试一次");
    d.must_see(&zh("retry"));
    portal.restart();
    d.tap("retry");
    let name = d.app.reference.catalogue.as_ref().map(|c| c.matters[0].elder_name.get("zh-CN").to_owned());
    assert!(
        name.is_some_and(|n| d.sees(&n)) || d.sees(&zh("retry")),
        "no tiles and no 再试一次 a minute after the portal came back; visible: {:?}",
        d.texts()
    );
}
