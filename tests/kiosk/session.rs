//! The session's end: the idle warning and its countdown, 我还在, the wipe;
//! 首页 asking first when answers would be lost.

use yiban::i18n::Lang;
use yiban::ui::app::{Overlay, Settings};
use yiban::ui::driver::Driver;
use yiban::ui::journeys::Act::*;

use crate::common::*;

/// 刘长福 on the first step of the pension-payment query, one answer given.
fn mid_journey(d: &mut Driver) {
    begin(d, "pension-payments", 1);
    assert_eq!(d.key(), "step-months");
    d.pick("months", "6");
}

fn countdown(n: u32) -> String {
    zh_with("idle-countdown", &[("n", n.into())])
}

#[test]
fn idle_warning_counts_down_and_i_am_still_here_extends() {
    let mut d = kiosk();
    let session = config().session;
    assert_eq!((session.idle_seconds, session.warning_seconds), (120, 45));
    mid_journey(&mut d);

    d.wait(119).unwrap();
    assert_eq!(d.app.overlay, None);
    d.must_not_see("您还在吗？");
    d.wait(1).unwrap();
    assert_eq!(zh("idle-title"), "您还在吗？");
    d.must_see("您还在吗？");
    d.must_see(&countdown(45));
    d.must_see(&zh("idle-still-here"));
    d.wait(10).unwrap();
    d.must_see(&countdown(35));

    // 我还在, again and again: each time the journey goes on as it was.
    for round in 1..=10 {
        d.tap("idle-still-here");
        assert_eq!(d.app.overlay, None, "round {round}");
        assert_eq!(d.key(), "step-months", "round {round}");
        d.wait(119).unwrap();
        assert_eq!(d.app.overlay, None, "round {round}: warned early");
        d.wait(1).unwrap();
        d.must_see("您还在吗？");
    }
    // After the tenth extension the warning no longer offers 我还在: it says
    // so, offers 呼叫工作人员, and the countdown ends the session.
    d.must_not_see(&zh("idle-still-here"));
    d.must_see(&zh_with("idle-last", &[("n", 45.into())]));
    assert!(
        d.app.session.journey.as_ref().and_then(|j| j.answers(0)).is_some_and(|a| a.get("months").is_some())
    );
    d.wait(45).unwrap();
    assert_eq!(d.key(), "welcome");
    assert!(d.app.session.journey.is_none());
}

#[test]
fn touching_the_screen_restarts_the_idle_time() {
    let mut d = kiosk();
    mid_journey(&mut d);
    d.wait(100).unwrap();
    d.pick("months", "3");
    d.wait(100).unwrap();
    assert_eq!(d.app.overlay, None, "the choice was activity");
    d.tap("next");
    d.wait(119).unwrap();
    assert_eq!(d.app.overlay, None);
    assert_eq!(d.screen(), "review");
    d.wait(1).unwrap();
    d.must_see("您还在吗？");
}

#[test]
fn the_welcome_screen_never_warns() {
    let mut d = kiosk();
    d.wait(400).unwrap();
    assert_eq!(d.app.overlay, None);
    assert_eq!(d.key(), "welcome");
}

#[test]
fn countdown_run_out_wipes_everything() {
    let mut d = kiosk();
    let defaults = Settings::defaults(&config());
    // The citizen made the text larger and switched to English first.
    d.touch(&zh("text-size-large"));
    d.touch(&text(Lang::EnUs, "language-name"));
    assert_eq!(d.app.settings.text_step, 1);
    assert_eq!(d.app.settings.lang, Lang::EnUs);
    mid_journey(&mut d);
    let token = d.token();
    let p = Portal::of(&d);
    let (matter, probe) = probe_query();
    assert!(p.token_works(&token, matter, probe.clone()));

    d.wait(120).unwrap();
    d.must_see(&text(Lang::EnUs, "idle-title"));
    d.wait(44).unwrap();
    d.must_see(&text_with(Lang::EnUs, "idle-countdown", &[("n", 1.into())]));
    assert!(d.app.session.journey.is_some());
    d.wait(1).unwrap();

    assert_eq!(d.key(), "welcome");
    assert_eq!(d.app.overlay, None);
    assert!(d.app.session.citizen.identity.is_none(), "identity kept");
    assert!(d.app.session.journey.is_none(), "journey kept");
    assert!(d.app.session.citizen.members.is_empty() && d.app.session.citizen.target.is_empty());
    assert_eq!(d.app.settings, defaults);
    d.must_see(&zh("welcome-title"));
    d.must_see(&zh("text-size-large"));
    d.must_see(&text(Lang::EnUs, "language-name"));
    assert!(!p.token_works(&token, matter, probe), "the portal's identity session is still open");
    // And the kiosk is ready for the next citizen.
    d.wait(300).unwrap();
    assert_eq!(d.app.overlay, None);
}

#[test]
fn home_with_answers_asks_first() {
    let mut d = kiosk();
    mid_journey(&mut d);
    let token = d.token();
    d.tap("home");
    assert_eq!(d.app.overlay, Some(Overlay::ConfirmHome));
    d.must_see(&zh("home-confirm-title"));
    d.must_see("继续办理");
    d.must_see("回到首页");

    d.tap("home-confirm-no");
    assert_eq!(d.app.overlay, None);
    assert_eq!(d.key(), "step-months");
    d.tap("next");
    assert_eq!(d.review(), pairs(&[("查询月数", "最近6个月")]));

    d.tap("home");
    d.must_see(&zh("home-confirm-title"));
    d.tap("home-confirm-yes");
    assert_eq!(d.key(), "welcome");
    assert_eq!(d.app.overlay, None);
    assert!(d.app.session.citizen.identity.is_none() && d.app.session.journey.is_none());
    let (matter, probe) = probe_query();
    assert!(!Portal::of(&d).token_works(&token, matter, probe), "the identity session is still open");
    // A new start has nothing of the old answers.
    begin(&mut d, "pension-payments", 1);
    d.tap("next");
    assert_eq!(d.key(), "step-months", "no answer carried over");
}

#[test]
fn home_without_answers_goes_straight_home() {
    let mut d = kiosk();
    d.acts(&[OpenMatter("pension-payments")]);
    assert_eq!(d.key(), "intro");
    d.tap("home");
    assert_eq!(d.app.overlay, None);
    assert_eq!(d.key(), "welcome");
}

#[test]
fn goodbye_returns_to_welcome_by_itself() {
    let mut d = kiosk();
    mid_journey(&mut d);
    d.tap("next");
    let token = d.token();
    d.tap("review-submit");
    d.tap("query-done");
    assert_eq!(d.key(), "goodbye");
    d.wait(14).unwrap();
    assert_eq!(d.key(), "goodbye");
    d.wait(1).unwrap();
    assert_eq!(d.key(), "welcome");
    assert!(d.app.session.citizen.identity.is_none() && d.app.session.citizen.query.is_none());
    let (matter, probe) = probe_query();
    assert!(!Portal::of(&d).token_works(&token, matter, probe), "the identity session is still open");
}

/// Issue 10: a bundle whose first member was stored and whose second was
/// refused still holds the citizen's answers: 首页 asks first.
#[test]
fn home_after_a_bundle_half_sent_asks_first() {
    let mut d = kiosk();
    // 孙建民 (67) may replace his card but is not yet 80: the allowance is refused.
    d.acts(&[OpenBundle("elder-card-allowance"), Tap("intro-start"), Card(2)]);
    if d.key() == "due" {
        d.tap("due-skip");
    }
    d.acts(&[
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
        Tap("review-submit"),
    ]);
    assert_eq!(d.app.session.citizen.cases.len(), 1, "one member stored, one refused ({})", d.key());
    assert_ne!(d.key(), "result");
    d.tap("home");
    assert_eq!(
        d.app.overlay,
        Some(Overlay::ConfirmHome),
        "the refused member's answers would be lost silently"
    );
    d.tap("home-confirm-no");
    assert!(d.app.session.journey.is_some());
}

/// Issue 10: the portal's identification expires under a long session (我还在
/// ten times): 确认提交 then asks the citizen to identify again, and every
/// answer is still there.
#[test]
fn an_expired_identification_is_asked_again_and_the_answers_kept() {
    let mut d = kiosk();
    begin(&mut d, "sscard-replacement", 1);
    d.acts(&card_replacement_to_review());
    let before = d.review();
    // The portal ends the identity session (as its expiry would).
    let p = Portal::of(&d);
    p.run(p.client.close_identity(&d.token())).expect("closed");
    d.tap("review-submit");
    assert_eq!(d.screen(), "identify", "not asked to identify again");
    d.must_see(&zh("identify-again"));
    assert!(d.app.transcript.contains(&zh("identify-again")), "not said: {:?}", d.app.transcript);
    d.act(Card(1));
    assert_eq!(d.screen(), "review", "the same citizen is not back at the review");
    assert_eq!(d.review(), before, "answers lost");
    d.tap("review-submit");
    assert_eq!(d.screen(), "result");
    assert_eq!(d.app.session.citizen.cases.len(), 1);
}

/// Someone else who identifies instead gets none of the previous answers.
#[test]
fn another_citizen_identifying_instead_gets_none_of_the_answers() {
    let mut d = kiosk();
    begin(&mut d, "sscard-replacement", 1);
    d.acts(&card_replacement_to_review());
    let p = Portal::of(&d);
    p.run(p.client.close_identity(&d.token())).expect("closed");
    d.tap("review-submit");
    assert_eq!(d.screen(), "identify");
    d.act(Card(2));
    assert_eq!(d.key(), "step-report_type", "someone else starts from the first step");
    assert!(d.app.session.journey.as_ref().and_then(|j| j.answers(0)).is_none_or(|a| a.is_empty()));
}
