//! Every client call against every way a portal (or the network, or a proxy in
//! between) can fail: each gives its specific error, none panics.
//!
//! Each test starts one scripted peer (`peers.rs`) answering every request with
//! one fault, runs all 22 calls of the contract against it at once, and checks
//! what each call made of it: the specific error, and the message the citizen is
//! shown for it (its Fluent id, `ui::screen::failure::message_id`).

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use super::peers::{self, Reply};
use super::support::{self, fixtures as fx};
use yiban::client::{CaseAccess, ClientConfig, ClientError, Fault, PortalClient, Unreachable};
use yiban::core::model::{AssistStatus, Channel, Level};
use yiban::i18n::{Lang, Locales};
use yiban::ui::screen::failure::message_id;

type Outcome = Result<(), ClientError>;

/// The personal values the calls send: no error may carry one of them.
const NAME: &str = "张秀兰";
const PHONE: &str = "13800138000";
const TOKEN: &str = "tok-2f9c7d1e5a";
const LOOKUP: &str = "LK-7Q4M2P";
const PERSONAL: [&str; 5] = [fx::ELDER, NAME, PHONE, TOKEN, LOOKUP];

/// The identification of the elder, with the name a card reader gives.
fn named(id_number: &str) -> yiban::core::model::IdentityRequest {
    yiban::core::model::IdentityRequest { name: Some(NAME.into()), ..fx::identity(id_number) }
}
type Pending = Pin<Box<dyn Future<Output = Outcome> + Send>>;

/// Runs `f` on its own client clone, dropping what it returns on success.
fn call<T, F, Fut>(c: &PortalClient, f: F) -> Pending
where
    F: FnOnce(PortalClient) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, ClientError>> + Send + 'static,
{
    let c = c.clone();
    Box::pin(async move { f(c).await.map(drop) })
}

/// Every endpoint of the contract once, concurrently; (name, outcome) in table order.
async fn every_call(c: &PortalClient) -> Vec<(&'static str, Outcome)> {
    let calls: Vec<(&'static str, Pending)> = vec![
        ("health", call(c, |c| async move { c.health().await })),
        ("hall", call(c, |c| async move { c.hall(fx::HALL).await })),
        ("catalogue", call(c, |c| async move { c.catalogue(fx::HALL, Channel::KioskElder).await })),
        ("matter", call(c, |c| async move { c.matter(fx::ALLOWANCE).await })),
        ("form_schema", call(c, |c| async move { c.form_schema(fx::ALLOWANCE, Some(1)).await })),
        ("regions", call(c, |c| async move { c.regions().await })),
        ("evaluation_reasons", call(c, |c| async move { c.evaluation_reasons().await })),
        ("open_identity", call(c, |c| async move { c.open_identity(&named(fx::ELDER)).await })),
        ("close_identity", call(c, |c| async move { c.close_identity(TOKEN).await })),
        ("query", call(c, |c| async move { c.query(TOKEN, fx::PAYMENTS, &fx::payments_query()).await })),
        (
            "submit_application",
            call(c, |c| async move { c.submit_application(TOKEN, "k-1", &fx::allowance(PHONE)).await }),
        ),
        ("application", call(c, |c| async move { c.application("YB1", CaseAccess::Citizen(TOKEN)).await })),
        ("receipt", call(c, |c| async move { c.receipt("YB1", CaseAccess::LookupCode(LOOKUP)).await })),
        ("set_status", call(c, |c| async move { c.set_status("s", "YB1", &fx::accept_case()).await })),
        (
            "evaluate",
            call(
                c,
                |c| async move { c.evaluate(TOKEN, &fx::evaluation("YB1", Level::Satisfied, &[])).await },
            ),
        ),
        ("request_assist", call(c, |c| async move { c.request_assist(&fx::assist("menu")).await })),
        (
            "assist_requests",
            call(c, |c| async move { c.assist_requests(fx::HALL, Some(AssistStatus::Open)).await }),
        ),
        ("accept_assist", call(c, |c| async move { c.accept_assist("a1", &fx::staff_action()).await })),
        ("close_assist", call(c, |c| async move { c.close_assist("a1", &fx::staff_action()).await })),
        ("staff_sign_in", call(c, |c| async move { c.staff_sign_in(&fx::staff()).await })),
        ("heartbeat", call(c, |c| async move { c.heartbeat(fx::TERMINAL, &fx::heartbeat()).await })),
        ("terminal_config", call(c, |c| async move { c.terminal_config(fx::TERMINAL).await })),
    ];
    let handles: Vec<_> = calls.into_iter().map(|(name, f)| (name, tokio::spawn(f))).collect();
    let mut out = Vec::new();
    for (name, h) in handles {
        // A panic inside the client would surface here as a JoinError.
        out.push((name, h.await.unwrap_or_else(|e| panic!("{name} panicked: {e}"))));
    }
    assert_eq!(out.len(), 22, "the contract's endpoints, one call each");
    out
}

/// A client of `base` that tries once, waits `timeout`, reads at most 64 KiB.
fn client(base: &str, timeout: Duration) -> PortalClient {
    let config = ClientConfig {
        request_timeout: timeout,
        retries: 0,
        max_answer_bytes: 64 * 1024,
        ..support::config(base)
    };
    PortalClient::new(config).expect("client")
}

/// Checks one outcome: the error `expect` wants, shown to the citizen as `key`,
/// and quoting none of the personal values sent.
fn assert_outcome(what: &str, o: &Outcome, key: &str, expect: impl Fn(&Outcome) -> bool) {
    assert!(expect(o), "{what}: {o:?}");
    if let Err(e) = o {
        assert_eq!(message_id(e), key, "{what}: {e:?}");
        assert_masked(what, e);
    }
}

/// Neither the error's text nor its `Debug` holds a personal value of the request.
fn assert_masked(what: &str, e: &ClientError) {
    let text = format!("{e} {e:?}");
    for value in PERSONAL {
        assert!(!text.contains(value), "{what}: the error quotes {value:?}: {text}");
    }
}

/// Every call against `reply`: each must give what `expect` wants, shown as `key`
/// (the logout, which reads no data, as `logout` wants when given).
async fn check(
    reply: Reply,
    key: &str,
    expect: impl Fn(&Outcome) -> bool,
    logout: Option<fn(&Outcome) -> bool>,
) {
    let base = peers::serve(reply.clone()).await;
    let outcomes = every_call(&client(&base, Duration::from_secs(5))).await;
    for (name, outcome) in &outcomes {
        let what = format!("{reply:?}: {name}");
        match (name, logout) {
            (&"close_identity", Some(logout)) => assert!(logout(outcome), "{what}: {outcome:?}"),
            _ => assert_outcome(&what, outcome, key, &expect),
        }
    }
}

fn fault(o: &Outcome) -> Option<&Fault> {
    o.as_ref().err().and_then(ClientError::fault)
}

fn status(o: &Outcome) -> Option<u16> {
    o.as_ref().err().and_then(ClientError::status)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_connection_is_offline_refused() {
    let base = super::support::net::dead_address().await;
    for (name, o) in every_call(&client(&base, Duration::from_secs(5))).await {
        let refused = |o: &Outcome| matches!(o, Err(ClientError::Offline(Unreachable::Refused)));
        assert_outcome(name, &o, "error-offline", refused);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_portal_times_out() {
    // Silent after the request, or a body that trickles in slower than the time allowed.
    let silent = super::support::net::silent_server().await;
    let body = br#"{"status":"ok","version":"1","schema_version":1}"#.to_vec();
    let trickle = peers::serve(Reply::Trickle { body, every: Duration::from_millis(100) }).await;
    for base in [silent, trickle] {
        let started = Instant::now();
        for (name, o) in every_call(&client(&base, Duration::from_millis(400))).await {
            let timeout = |o: &Outcome| matches!(o, Err(ClientError::Timeout));
            assert_outcome(&format!("{base} {name}"), &o, "error-timeout", timeout);
        }
        assert!(started.elapsed() < Duration::from_secs(4), "calls run at once, each within its time");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_are_server_whatever_their_body() {
    // A page far over the cap says no more than its status.
    let huge = b"HTTP/1.1 500 Oops\r\ncontent-type: text/html\r\ncontent-length: 52428800\r\n\r\n<html>";
    for (status, reply) in [
        (500, Reply::json(500, r#"{"code":"internal","message":"m"}"#)),
        (502, Reply::html(502)),
        (503, Reply::Whole { status: 503, content_type: None, body: vec![] }),
        (500, Reply::Raw(huge.to_vec())),
    ] {
        let want = move |o: &Outcome| matches!(o, Err(ClientError::Server { status: s }) if *s == status);
        check(reply, "error-server", want, None).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_json_is_not_json() {
    for body in ["{not json", "<html></html>", "{\"a\":1} trailing", "\u{feff}{}", "[1,,2]"] {
        let want = |o: &Outcome| matches!(fault(o), Some(Fault::NotJson { .. }));
        check(Reply::json(200, body), "error-bad-answer", want, None).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cut_answer_is_truncated_or_cut() {
    // Whole as HTTP, but the JSON stops half-way: the portal itself sent it short.
    let want = |o: &Outcome| fault(o) == Some(&Fault::Truncated);
    check(Reply::json(200, r#"{"id":"demo-hall","name":{"zh-CN":"演示"#), "error-cut", want, None).await;
    // Shorter than announced, or nothing at all after the request: the connection broke.
    let cut = |o: &Outcome| matches!(o, Err(ClientError::Offline(Unreachable::Cut)));
    check(Reply::CutShort { length: 4000, sent: b"{\"status\":".to_vec() }, "error-cut", cut, None).await;
    check(Reply::Hangup, "error-cut", cut, None).await;
    check(Reply::Raw(b"HTTP/1.1 200 OK\r\ncontent-ty".to_vec()), "error-cut", cut, None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_that_is_not_json_is_the_wrong_content_type() {
    let html = |o: &Outcome| {
        matches!(fault(o), Some(Fault::NotJsonContentType(Some(t))) if &**t == "text/html")
            && status(o).is_some()
    };
    // A login page of a captive portal with 200, a proxy's 404 page.
    check(Reply::html(200), "error-not-portal", html, None).await;
    check(Reply::html(404), "error-not-portal", html, None).await;
    let unlabelled = |o: &Outcome| fault(o) == Some(&Fault::NotJsonContentType(None));
    let body = b"{}".to_vec();
    check(Reply::Whole { status: 200, content_type: None, body }, "error-not-portal", unlabelled, None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_is_refused_while_it_streams() {
    let too_large = |o: &Outcome| fault(o) == Some(&Fault::TooLarge { limit: 64 * 1024 });
    // Announced too long: refused before a byte of the body is read.
    check(Reply::Announced(100 * 1024 * 1024), "error-bad-answer", too_large, None).await;
    // No length, a body without end: refused once past the cap (the peer stops at 8 MiB).
    let started = Instant::now();
    check(Reply::Endless(8 * 1024 * 1024), "error-bad-answer", too_large, None).await;
    assert!(started.elapsed() < Duration::from_secs(10));
    // Just under the cap is read (and is then merely not JSON of the right shape).
    let mut body = vec![b' '; 64 * 1024 - 2];
    body.splice(0..2, *b"[]");
    let shape = |o: &Outcome| matches!(fault(o), Some(Fault::WrongShape { .. }));
    let reply = Reply::Whole { status: 200, content_type: Some("application/json"), body };
    check(reply, "error-bad-answer", shape, Some(|o| o.is_ok())).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_body_is_empty_except_where_none_is_due() {
    let empty = |o: &Outcome| fault(o) == Some(&Fault::Empty);
    let logout_ok: fn(&Outcome) -> bool = |o| o.is_ok();
    let json = Some("application/json");
    let reply = Reply::Whole { status: 200, content_type: json, body: vec![] };
    check(reply, "error-bad-answer", empty, Some(logout_ok)).await;
    let reply = Reply::Whole { status: 204, content_type: None, body: vec![] };
    check(reply, "error-bad-answer", empty, Some(logout_ok)).await;
    // A refusal without its error body.
    let bare_422 = |o: &Outcome| fault(o) == Some(&Fault::Empty) && status(o) == Some(422);
    let reply = Reply::Whole { status: 422, content_type: None, body: vec![] };
    check(reply, "error-bad-answer", bare_422, None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_of_the_wrong_shape_is_the_wrong_shape() {
    let shape = |o: &Outcome| matches!(fault(o), Some(Fault::WrongShape { .. }));
    let logout_ok: fn(&Outcome) -> bool = |o| o.is_ok();
    for body in
        [r#"{"unexpected":[1,2,3]}"#, "[]", "null", "42", r#""ok""#, r#"{"code":"internal","message":"m"}"#]
    {
        check(Reply::json(200, body), "error-bad-answer", shape, Some(logout_ok)).await;
    }
    // An error body of the wrong shape: still a 422, still unreadable.
    let bad_refusal =
        |o: &Outcome| matches!(fault(o), Some(Fault::WrongShape { .. })) && status(o) == Some(422);
    let reply = Reply::json(422, r#"{"error":{"id_number":"11010519350608013X"}}"#);
    check(reply, "error-bad-answer", bad_refusal, None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unexpected_statuses_are_not_followed() {
    let redirect = Reply::Raw(
        b"HTTP/1.1 302 Found\r\nlocation: http://portal.example/\r\nconnection: close\r\ncontent-length: 0\r\n\r\n".to_vec(),
    );
    let want = |o: &Outcome| fault(o) == Some(&Fault::UnexpectedStatus);
    check(redirect, "error-bad-answer", want, None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreadable_answer_is_not_retried() {
    // A malformed body is the portal's answer, not bad luck: asking again would get it again.
    let base = peers::serve(Reply::json(200, "{not json")).await;
    let started = Instant::now();
    let err = PortalClient::new(ClientConfig { backoff: Duration::from_secs(2), ..support::config(&base) })
        .expect("client")
        .health()
        .await
        .expect_err("not json");
    assert!(matches!(err.fault(), Some(Fault::NotJson { .. })), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2), "not retried: no backoff was waited");
}

/// JSON holding `request` as a string.
fn quoted(request: &str) -> String {
    serde_json::to_string(request).expect("a string")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_error_quotes_what_was_sent() {
    // A portal (or proxy) that echoes the request — its path, its bearer token, the ID
    // number, name and phone of its body — in every place an answer has.
    let refusal: fn(&str) -> String =
        |r| format!(r#"{{"code":"validation_failed","message":{},"field":"phone"}}"#, quoted(r));
    let odd_code: fn(&str) -> String = |r| format!(r#"{{"code":{},"message":{}}}"#, quoted(r), quoted(r));
    let misplaced: fn(&str) -> String =
        |r| format!(r#"{{"status":7,"version":{},"id":{}}}"#, quoted(r), quoted(r));
    let page: fn(&str) -> String = |r| format!("<html><body><pre>{r}</pre></body></html>");
    for (status, content_type, body) in [
        (422, "application/json", refusal),
        (400, "application/json", odd_code),
        (404, "application/json", odd_code),
        (409, "application/json", odd_code),
        (200, "application/json", misplaced),
        (200, "application/json", |r: &str| quoted(r)),
        (200, "text/html; charset=utf-8", page),
        (502, "text/html; charset=utf-8", page),
    ] {
        let base = peers::serve(Reply::Echo { status, content_type, body }).await;
        for (name, o) in every_call(&client(&base, Duration::from_secs(5))).await {
            if let Err(e) = &o {
                assert_masked(&format!("{status} {name}"), e);
            }
        }
    }
}

#[test]
fn each_fault_has_its_own_words_in_both_languages() {
    // The messages the tests above expect, each said differently from the others.
    let keys = [
        "error-offline",
        "error-timeout",
        "error-server",
        "error-cut",
        "error-bad-answer",
        "error-not-portal",
        "error-insecure",
        "error-setup",
    ];
    let locales = Locales::embedded();
    for lang in Lang::ALL {
        let mut texts: Vec<String> = keys.iter().map(|k| locales.text(lang, k)).collect();
        for (key, text) in keys.iter().zip(&texts) {
            assert!(locales.has(lang, key) && text != key, "{lang:?} lacks {key}");
        }
        texts.sort();
        texts.dedup();
        assert_eq!(texts.len(), keys.len(), "{lang:?}: two faults share their words");
    }
}
