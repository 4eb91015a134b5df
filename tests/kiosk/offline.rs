//! The portal down: the kiosk starts from the reference data it kept, the
//! citizen fills in an application, and identifies and sends it when the
//! portal is back; what needs the portal live says so and offers staff.

use yiban::ui::driver::Driver;
use yiban::ui::journeys::Act::*;

use crate::common::*;
use crate::own_portal::OwnPortal;
use crate::snapshots::{bless, check, snapshots};

/// A terminal's reference cache, filled the way a working day fills it: the
/// kiosk started against a live portal and the matter opened once.
fn cache_after_a_working_day(portal: &OwnPortal, cache: &std::path::Path) {
    let mut d = Driver::with_url_cached(config(), portal.url(), TODAY, cache).expect("kiosk");
    d.act(OpenMatter("sscard-replacement"));
    assert_eq!(d.screen(), "intro");
}

#[test]
fn with_the_portal_down_a_form_is_filled_in_and_sent_when_it_is_back() {
    let mut portal = OwnPortal::start();
    let cache = tempfile::tempdir().expect("temp dir");
    cache_after_a_working_day(&portal, cache.path());
    portal.stop();

    // The kiosk starts with the portal down: the welcome screen, from the cache.
    let mut d = Driver::with_url_cached(config(), portal.url(), TODAY, cache.path()).expect("kiosk");
    assert_eq!(d.key(), "welcome", "visible: {:?}", d.texts());
    d.act(OpenMatter("sscard-replacement"));
    assert_eq!(d.screen(), "intro", "the matter comes from the cache; visible: {:?}", d.texts());

    // Identification needs the portal: said politely, with staff and 先填写表格.
    d.acts(&[Tap("intro-start"), Card(1)]);
    assert_eq!(d.key(), "failure", "visible: {:?}", d.texts());
    d.must_see(&zh("error-offline"));
    d.must_see(&zh("failure-fill-first-note"));
    d.must_see("呼叫工作人员");
    let mut failures = vec![];
    d.send(yiban::ui::Message::Tick(d.now)).expect("tick");
    check(&d, &snapshots().join("other/failure-fill-first"), bless(), &mut failures);
    d.tap("failure-fill-first");
    d.acts(&card_replacement_to_review());
    assert_eq!(d.screen(), "review", "visible: {:?}", d.texts());
    let answers_shown = d.review();

    // 确认提交 asks who is sending it; still down: the failure, nothing lost.
    d.tap("review-submit");
    assert_eq!(d.key(), "identify");
    d.must_see(&zh("identify-to-submit"));
    d.send(yiban::ui::Message::Tick(d.now)).expect("tick");
    check(&d, &snapshots().join("other/identify-to-submit"), bless(), &mut failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    d.act(Card(1));
    assert_eq!(d.key(), "failure");
    d.must_not_see(&zh("failure-fill-first"));
    d.tap("back");
    d.tap("back");
    assert_eq!(d.review(), answers_shown, "back from identification is the review, as it was");

    // The portal is back: identify, and it is sent once.
    portal.restart();
    d.tap("review-submit");
    d.act(Card(1));
    assert_eq!(d.screen(), "review", "identified: back to the review; visible: {:?}", d.texts());
    assert_eq!(d.review(), answers_shown);
    d.tap("review-submit");
    assert_eq!(d.key(), "result", "visible: {:?}", d.texts());
    let cases = cases_on(&d.texts());
    assert_eq!(cases.len(), 1);
    let case = Portal::at(&portal.url()).case(&cases[0].0, &cases[0].1);
    assert_eq!(case.answers, card_replacement_stored());
}

#[test]
fn a_query_is_never_offered_to_be_filled_in_first() {
    let mut portal = OwnPortal::start();
    let cache = tempfile::tempdir().expect("temp dir");
    let mut d = Driver::with_url_cached(config(), portal.url(), TODAY, cache.path()).expect("kiosk");
    d.act(OpenMatter("pension-payments"));
    d.tap("back");
    drop(d);
    portal.stop();
    let mut d = Driver::with_url_cached(config(), portal.url(), TODAY, cache.path()).expect("kiosk");
    d.acts(&[OpenMatter("pension-payments"), Tap("intro-start"), Card(1)]);
    assert_eq!(d.key(), "failure", "visible: {:?}", d.texts());
    d.must_see(&zh("error-offline"));
    d.must_not_see(&zh("failure-fill-first"));
}

#[test]
fn without_a_cache_the_kiosk_still_says_why_it_cannot_start() {
    let mut portal = OwnPortal::start();
    portal.stop();
    let cache = tempfile::tempdir().expect("temp dir");
    let d = Driver::with_url_cached(config(), portal.url(), TODAY, cache.path()).expect("kiosk");
    assert_eq!(d.key(), "failure");
    d.must_see(&zh("error-offline"));
}
