//! The portal contract, end to end: the reference portal (`yiban::portal`) against
//! the client (`yiban::client`), every answer checked against `docs/openapi.yaml`.
//!
//! One test binary on purpose (build time); groups are modules.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::collections::BTreeSet;

use support::Harness;
use support::fixtures::{self as fx};
use yiban::client::{CaseAccess, ClientError};
use yiban::core::model::{
    AssistStatus, CaseStatus, Channel, ErrorCode, EvaluationKind, IdentitySession, Level,
};

async fn sign_in(h: &Harness, id_number: &str) -> IdentitySession {
    h.client.open_identity(&fx::identity(id_number)).await.expect("identity session")
}

mod endpoints {
    use super::*;

    /// Every endpoint of the table once, in a kiosk's order; then every documented
    /// operation must have been answered with a success.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_endpoint_answers_as_documented() {
        let h = Harness::start().await;
        let c = &h.client;

        let health = c.health().await.expect("health");
        assert_eq!(health.status, "ok");
        let hall = c.hall(fx::HALL).await.expect("hall");
        assert_eq!(hall.id, fx::HALL);
        let cat = c.catalogue(fx::HALL, Channel::KioskElder).await.expect("catalogue");
        assert_eq!(cat.channel, Channel::KioskElder);
        assert!(cat.matters.iter().any(|m| m.id == fx::ALLOWANCE));
        let matter = c.matter(fx::ALLOWANCE).await.expect("matter");
        let form = c.form_schema(fx::ALLOWANCE, None).await.expect("form");
        assert_eq!(form.version, matter.form_schema_version);
        let same = c.form_schema(fx::ALLOWANCE, Some(form.version)).await.expect("form by version");
        assert_eq!(same, form);
        assert!(!c.regions().await.expect("regions").provinces.is_empty());
        assert!(!c.evaluation_reasons().await.expect("reasons").reasons.is_empty());
        let tc = c.terminal_config(fx::TERMINAL).await.expect("terminal config");
        let ack = c.heartbeat(fx::TERMINAL, &fx::heartbeat()).await.expect("heartbeat");
        assert_eq!(ack.config_version, tc.version);

        let session = sign_in(&h, fx::ELDER).await;
        let token = session.token.as_str();
        assert!(!session.citizen.id_number_masked.contains("0608"));
        let q = c.query(token, fx::PAYMENTS, &fx::payments_query()).await.expect("query");
        assert_eq!(q.matter_id, fx::PAYMENTS);

        let req = fx::allowance("13800138000");
        let case = c.submit_application(token, "contract-every-1", &req).await.expect("submit");
        assert_eq!(case.status, CaseStatus::Submitted);
        let by_owner = c.application(&case.case_no, CaseAccess::Citizen(token)).await.expect("case by owner");
        assert_eq!(by_owner.case_no, case.case_no);
        let by_code = c
            .application(&case.case_no, CaseAccess::LookupCode(&case.lookup_code))
            .await
            .expect("case by lookup code");
        assert_eq!(by_code.case_no, case.case_no);
        let receipt = c.receipt(&case.case_no, CaseAccess::Citizen(token)).await.expect("receipt");
        assert_eq!(receipt.lookup_code, case.lookup_code);
        assert!(!receipt.id_number_masked.contains("0608"));

        let staff = c.staff_sign_in(&fx::staff()).await.expect("staff sign-in");
        let moved =
            c.set_status(&staff.token, &case.case_no, &fx::accept_case()).await.expect("status change");
        assert_eq!(moved.status, CaseStatus::Accepted);

        let first = c
            .evaluate(token, &fx::evaluation(&case.case_no, Level::Satisfied, &[]))
            .await
            .expect("evaluation");
        assert_eq!((first.kind, first.level_code, first.channel), (EvaluationKind::First, 2, 5));

        let asked = c.request_assist(&fx::assist("review")).await.expect("assist");
        assert_eq!(asked.status, AssistStatus::Open);
        let open = c.assist_requests(fx::HALL, Some(AssistStatus::Open)).await.expect("assist list");
        assert!(open.requests.iter().any(|r| r.id == asked.id));
        let taken = c.accept_assist(&asked.id, &fx::staff_action()).await.expect("accept");
        assert_eq!(taken.status, AssistStatus::Accepted);
        let done = c.close_assist(&asked.id, &fx::staff_action()).await.expect("close");
        assert_eq!(done.status, AssistStatus::Closed);

        c.close_identity(token).await.expect("logout");
        c.close_identity(token).await.expect("logout is idempotent");
        let after = c.query(token, fx::PAYMENTS, &fx::payments_query()).await;
        assert!(matches!(after, Err(ClientError::Unauthorized)), "{after:?}");

        let answered: BTreeSet<(String, String)> = h
            .rec
            .seen()
            .into_iter()
            .filter(|(_, _, s)| (200..300).contains(s))
            .map(|(m, p, _)| (m, p))
            .collect();
        let missing: Vec<_> = support::openapi::spec().operations().difference(&answered).cloned().collect();
        assert!(missing.is_empty(), "operations never answered with success: {missing:?}");
        h.stop().await;
    }
}

mod rules {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn idempotent_replay_returns_the_same_case_and_a_changed_body_conflicts() {
        let h = Harness::start().await;
        let token = sign_in(&h, fx::ELDER).await.token;
        let req = fx::allowance("13800138000");
        let first = h.client.submit_application(&token, "replay-1", &req).await.expect("first submit");
        let again = h.client.submit_application(&token, "replay-1", &req).await.expect("replay");
        assert_eq!(again, first);
        let path = "/v1/applications";
        assert_eq!(h.rec.statuses("POST", path), [201, 200]);

        let other = fx::allowance("13900139000");
        let err =
            h.client.submit_application(&token, "replay-1", &other).await.expect_err("same key, other body");
        assert!(matches!(err, ClientError::Conflict { .. }), "{err:?}");
        assert_eq!(err.code(), Some(ErrorCode::IdempotencyConflict));
        // Refused, so nothing changed: the case still has the first answers.
        let stored = h.client.application(&first.case_no, CaseAccess::Citizen(&token)).await.expect("case");
        assert_eq!(stored.answers, first.answers);
        h.stop().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_case_takes_one_evaluation_and_one_follow_up() {
        let h = Harness::start().await;
        let token = sign_in(&h, fx::ELDER).await.token;
        let case = h
            .client
            .submit_application(&token, "eval-1", &fx::allowance("13800138000"))
            .await
            .expect("submit");
        let bad = h
            .client
            .evaluate(&token, &fx::evaluation(&case.case_no, Level::Dissatisfied, &[]))
            .await
            .expect_err("bad rating without reason");
        assert_eq!(bad.status(), Some(422));
        assert_eq!(bad.code(), Some(ErrorCode::ReasonRequired));
        assert_eq!(bad.field(), Some("reasons"));

        let first = h
            .client
            .evaluate(&token, &fx::evaluation(&case.case_no, Level::VerySatisfied, &[]))
            .await
            .expect("first evaluation (the refused one did not count)");
        assert_eq!(first.kind, EvaluationKind::First);
        let follow = fx::evaluation(&case.case_no, Level::Dissatisfied, &["WAIT_TOO_LONG"]);
        let second = h.client.evaluate(&token, &follow).await.expect("follow-up");
        assert_eq!((second.kind, second.level_code), (EvaluationKind::FollowUp, 4));
        let third = h
            .client
            .evaluate(&token, &fx::evaluation(&case.case_no, Level::Satisfied, &[]))
            .await
            .expect_err("third evaluation");
        assert!(matches!(third, ClientError::Conflict { .. }), "{third:?}");
        assert_eq!(third.code(), Some(ErrorCode::EvaluationLimit));
        h.stop().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn refusals_carry_their_code_and_field() {
        let h = Harness::start().await;
        let bad_id =
            h.client.open_identity(&fx::identity(fx::BAD_CHECK_DIGIT)).await.expect_err("bad check digit");
        assert_eq!(bad_id.status(), Some(422));
        assert_eq!(bad_id.code(), Some(ErrorCode::ValidationFailed));
        assert_eq!(bad_id.field(), Some("id_number"));
        assert!(!bad_id.is_retryable());

        let unknown = h.client.matter("no-such-matter").await.expect_err("unknown");
        assert!(matches!(&unknown, ClientError::NotFound { code } if code == "not_found"));
        let unknown_form = h.client.form_schema("no-such-matter", None).await;
        assert!(matches!(unknown_form, Err(ClientError::NotFound { .. })));
        let unknown_hall = h.client.catalogue("no-such-hall", Channel::Kiosk).await;
        assert!(matches!(unknown_hall, Err(ClientError::NotFound { .. })));

        let no_token = h.client.query("not-a-token", fx::PAYMENTS, &fx::payments_query()).await;
        assert!(matches!(no_token, Err(ClientError::Unauthorized)), "{no_token:?}");

        let token = sign_in(&h, fx::ELDER).await.token;
        let wrong_kind = h
            .client
            .query(&token, fx::ALLOWANCE, &fx::payments_query())
            .await
            .expect_err("an application run as a query");
        assert_eq!(wrong_kind.code(), Some(ErrorCode::WrongKind));

        let (status, body) =
            h.raw_post("/v1/identity/sessions", b"{\"hall_id\": \"demo-hall\",".to_vec(), None).await;
        assert_eq!(status, 400);
        assert_eq!(body.as_ref().map(|b| b["code"].clone()), Some("invalid_json".into()));
        h.stop().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn rejected_requests_change_nothing() {
        let h = Harness::start().await;
        let before = h.client.assist_requests(fx::HALL, None).await.expect("list");

        // Over 64 KiB: refused before it is read.
        let huge = h.client.request_assist(&fx::assist(&"x".repeat(70 * 1024))).await;
        let Err(ClientError::Rejected { status: 413, code, .. }) = huge else {
            panic!("oversized body answered {huge:?}");
        };
        assert_eq!(ErrorCode::parse(&code), Some(ErrorCode::BodyTooLarge));
        let (status, _) = h.raw_post("/v1/assist-requests", b"{\"hall_id\": 7}".to_vec(), None).await;
        assert!(matches!(status, 400 | 422), "wrong shape answered {status}");
        let mut unknown_hall = fx::assist("menu");
        unknown_hall.hall_id = "no-such-hall".into();
        let err = h.client.request_assist(&unknown_hall).await.expect_err("unknown hall");
        assert!(matches!(err.status(), Some(404 | 422)), "{err:?}");

        let after = h.client.assist_requests(fx::HALL, None).await.expect("list");
        assert_eq!(after, before);

        // A closed request cannot be accepted, and stays closed.
        let asked = h.client.request_assist(&fx::assist("menu")).await.expect("assist");
        let closed = h.client.close_assist(&asked.id, &fx::staff_action()).await.expect("close");
        let err = h
            .client
            .accept_assist(&asked.id, &fx::staff_action())
            .await
            .expect_err("accept a closed request");
        assert_eq!(err.code(), Some(ErrorCode::InvalidState));
        let list = h.client.assist_requests(fx::HALL, None).await.expect("list");
        assert_eq!(list.requests.iter().find(|r| r.id == asked.id), Some(&closed));

        // A refused status change leaves the case as it was.
        let token = sign_in(&h, fx::ELDER).await.token;
        let case = h
            .client
            .submit_application(&token, "nochange-1", &fx::allowance("13800138000"))
            .await
            .expect("submit");
        let staff = h.client.staff_sign_in(&fx::staff()).await.expect("staff");
        let mut jump = fx::accept_case();
        jump.status = CaseStatus::Completed;
        let err =
            h.client.set_status(&staff.token, &case.case_no, &jump).await.expect_err("SUBMITTED → COMPLETED");
        assert_eq!(err.code(), Some(ErrorCode::InvalidTransition));
        let stored = h.client.application(&case.case_no, CaseAccess::Citizen(&token)).await.expect("case");
        assert_eq!(stored, case);
        let mut wrong_pin = fx::staff();
        wrong_pin.pin = "0000".into();
        let err = h.client.staff_sign_in(&wrong_pin).await.expect_err("wrong PIN");
        assert!(matches!(err, ClientError::Unauthorized), "{err:?}");
        h.stop().await;
    }
    /// The refusals of the table and the error-code list, one by one.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_refusal_is_as_documented() {
        let h = Harness::start().await;
        let c = &h.client;
        let elder = sign_in(&h, fx::ELDER).await.token;
        let retiree = sign_in(&h, fx::RETIREE).await.token;
        let case =
            c.submit_application(&elder, "refusals-1", &fx::allowance("13800138000")).await.expect("submit");
        let code = |e: &ClientError| (e.status(), e.code());

        // Identity: a valid number nobody has.
        let nobody = yiban::core::validate::demo_id("110105", "19400101", "987");
        let e = c.open_identity(&fx::identity(&nobody)).await.expect_err("unknown citizen");
        assert_eq!(code(&e), (Some(404), Some(ErrorCode::CitizenNotFound)));

        // Applications: header, schema version, answers.
        let body = serde_json::to_vec(&fx::allowance("13800138000")).expect("json");
        let (status, err) = h.raw_post("/v1/applications", body, Some(&elder)).await;
        assert_eq!(status, 400);
        assert_eq!(err.map(|b| b["code"].clone()), Some("missing_idempotency_key".into()));
        let mut old = fx::allowance("13800138000");
        old.schema_version = 0;
        let e = c.submit_application(&elder, "refusals-2", &old).await.expect_err("old schema");
        assert_eq!(code(&e), (Some(409), Some(ErrorCode::SchemaOutdated)));
        let e =
            c.submit_application(&elder, "refusals-3", &fx::allowance("123")).await.expect_err("bad phone");
        assert_eq!(code(&e), (Some(422), Some(ErrorCode::ValidationFailed)));
        assert_eq!(e.field(), Some("phone"));
        let mut bad_query = fx::payments_query();
        bad_query.answers.insert("months".into(), "5".into());
        let e = c.query(&elder, fx::PAYMENTS, &bad_query).await.expect_err("bad choice");
        assert_eq!((e.status(), e.field()), (Some(422), Some("months")));

        // Cases belong to their citizen; someone else's case looks like no case at
        // all, so case numbers cannot be probed.
        let not_found = (Some(404), Some(ErrorCode::NotFound));
        let e = c
            .application(&case.case_no, CaseAccess::Citizen(&retiree))
            .await
            .expect_err("someone else's case");
        assert_eq!(code(&e), not_found);
        let e = c
            .receipt(&case.case_no, CaseAccess::LookupCode("WRONG123"))
            .await
            .expect_err("wrong lookup code");
        assert_eq!(code(&e), not_found);
        let e = c
            .evaluate(&retiree, &fx::evaluation(&case.case_no, Level::Satisfied, &[]))
            .await
            .expect_err("rating someone else's case");
        assert_eq!(code(&e), not_found);
        let e = c
            .set_status(&elder, &case.case_no, &fx::accept_case())
            .await
            .expect_err("a citizen token is not a staff token");
        assert!(matches!(e.status(), Some(401 | 403)), "{e:?}");
        let e = c.application("YB00000000000000", CaseAccess::Citizen(&elder)).await;
        assert!(matches!(e, Err(ClientError::NotFound { .. })), "{e:?}");

        // Unknown things.
        let e = c.form_schema(fx::ALLOWANCE, Some(99)).await;
        assert!(matches!(e, Err(ClientError::NotFound { .. })), "{e:?}");
        let e = c.accept_assist("no-such-request", &fx::staff_action()).await;
        assert!(matches!(e, Err(ClientError::NotFound { .. })), "{e:?}");
        let e = c.terminal_config("kiosk-99").await;
        assert!(matches!(e, Err(ClientError::NotFound { .. })), "{e:?}");
        // A terminal not configured yet may still report in; it has config version 0.
        let ack = c.heartbeat("kiosk-99", &fx::heartbeat()).await.expect("new terminal");
        assert_eq!(ack.config_version, 0);
        let mut elsewhere = fx::heartbeat();
        elsewhere.hall_id = "no-such-hall".into();
        let e = c.heartbeat(fx::TERMINAL, &elsewhere).await;
        assert!(matches!(e, Err(ClientError::NotFound { .. })), "{e:?}");
        let e = c.hall("no-such-hall").await;
        assert!(matches!(e, Err(ClientError::NotFound { .. })), "{e:?}");

        // Not JSON, or not a known enum value in the query.
        let req = h
            .http()
            .post(format!("{}/v1/assist-requests", h.base))
            .header("content-type", "text/plain")
            .body("hello");
        let (status, _) = h.raw(req, "POST", "/v1/assist-requests").await;
        assert_eq!(status, 415);
        let req = h.http().get(format!("{}/v1/halls/{}/matters?channel=BOGUS", h.base, fx::HALL));
        let (status, _) = h.raw(req, "GET", "/v1/halls/{hall_id}/matters").await;
        assert!(matches!(status, 400 | 422), "bad channel answered {status}");
        h.stop().await;
    }
}

mod network {
    use std::time::Duration;

    use super::*;
    use support::net;
    use yiban::client::PortalClient;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn nobody_listening_is_offline() {
        let base = net::dead_address().await;
        let client = PortalClient::new(support::config(&base)).expect("client");
        let err = client.health().await.expect_err("nobody there");
        assert!(matches!(err, ClientError::Offline(_)), "{err:?}");
        assert!(err.is_retryable());
        let dns = PortalClient::new(support::config("http://no-such-host.invalid")).expect("client");
        let err = dns.hall(fx::HALL).await.expect_err("no such host");
        assert!(matches!(err, ClientError::Offline(_)), "{err:?}");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_portal_that_never_answers_times_out() {
        let base = net::silent_server().await;
        let mut cfg = support::config(&base);
        cfg.request_timeout = Duration::from_millis(300);
        cfg.retries = 0;
        let client = PortalClient::new(cfg).expect("client");
        let started = std::time::Instant::now();
        let err = client.health().await.expect_err("no answer");
        assert!(matches!(err, ClientError::Timeout), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn only_idempotent_calls_are_retried() {
        let server = net::Unavailable::start().await;
        let client = PortalClient::new(support::config(&server.base)).expect("client");
        let retries = client.config().retries as usize;

        let err = client.health().await.expect_err("503");
        assert!(matches!(err, ClientError::Server { status: 503 }), "{err:?}");
        assert_eq!(server.take(), 1 + retries, "GET is retried");
        let _ = client.close_identity("t").await;
        assert_eq!(server.take(), 1 + retries, "DELETE is retried");
        let _ = client.submit_application("t", "k-1", &fx::allowance("13800138000")).await;
        assert_eq!(server.take(), 1 + retries, "keyed submit is retried");

        let _ = client.evaluate("t", &fx::evaluation("YB1", Level::Satisfied, &[])).await;
        assert_eq!(server.take(), 1, "evaluation is not retried");
        let _ = client.request_assist(&fx::assist("menu")).await;
        assert_eq!(server.take(), 1, "assist request is not retried");
        let _ = client.open_identity(&fx::identity(fx::ELDER)).await;
        assert_eq!(server.take(), 1, "identity is not retried");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn four_hundreds_are_never_retried() {
        let h = Harness::start().await;
        let err = h.client.matter("no-such-matter").await.expect_err("404");
        assert!(!err.is_retryable());
        assert_eq!(h.rec.statuses("GET", "/v1/matters/{matter_id}"), [404]);
        h.stop().await;
    }
}

mod durability {
    use super::*;
    use support::process::{PortalProcess, free_port};
    use yiban::client::PortalClient;

    /// An acknowledged application survives SIGKILL of the portal process.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn acknowledged_case_survives_sigkill() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("portal.db");
        let port = free_port();
        let mut portal = PortalProcess::start(port, &db).await;
        let client = PortalClient::new(support::config(&portal.base)).expect("client");
        let token = client.open_identity(&fx::identity(fx::ELDER)).await.expect("identity").token;
        let req = fx::allowance("13800138000");
        let case = client.submit_application(&token, "sigkill-1", &req).await.expect("acknowledged");
        portal.kill();

        let _portal = PortalProcess::start(port, &db).await;
        let found = client
            .application(&case.case_no, CaseAccess::LookupCode(&case.lookup_code))
            .await
            .expect("case after restart");
        assert_eq!(found, case);
        // The idempotency record survived too: the outbox's retry gets the same case.
        let replay =
            client.submit_application(&token, "sigkill-1", &req).await.expect("replay after restart");
        assert_eq!(replay.case_no, case.case_no);
    }
}

mod golden {
    //! One committed sample per payload type: each must parse into its Rust type,
    //! serialise back to the same JSON, and validate against its OpenAPI schema.

    use serde_json::Value;

    use super::*;
    use support::golden::{FILES, check_all, dir, erased, sanitize};

    #[test]
    fn golden_payloads_parse_and_match_the_schema() {
        let errors = check_all();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        let on_disk: BTreeSet<String> = std::fs::read_dir(dir())
            .expect("tests/golden")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            // Only the wire payloads at the top; sub-folders belong to other tests.
            .filter(|name| name.ends_with(".json"))
            .collect();
        let listed: BTreeSet<String> = FILES.iter().map(|f| (*f).to_owned()).collect();
        assert_eq!(on_disk, listed, "every golden payload is checked, every checked one exists");
    }

    /// Writes real answers of the portal to `tests/golden/` (then review them by hand):
    /// `cargo test --test contract capture_golden -- --ignored`.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "rewrites tests/golden"]
    async fn capture_golden() {
        let today = time::macros::date!(2026 - 11 - 28);
        let h = Harness::start_with(Some(yiban::portal::Clock::fixed(today))).await;
        let c = &h.client;
        let mut out: Vec<(&str, Value)> = Vec::new();
        let mut put = |file: &'static str, v: &dyn erased::Ser| out.push((file, v.json()));
        put("health.json", &c.health().await.expect("health"));
        put("hall.json", &c.hall(fx::HALL).await.expect("hall"));
        let cat = c.catalogue(fx::HALL, Channel::KioskElder).await.expect("catalogue");
        put("catalogue.json", &cat);
        put("matter.json", &c.matter(fx::ALLOWANCE).await.expect("matter"));
        put("form-schema.json", &c.form_schema(fx::ALLOWANCE, None).await.expect("form"));
        put("regions.json", &c.regions().await.expect("regions"));
        put("evaluation-reasons.json", &c.evaluation_reasons().await.expect("reasons"));
        let ident = fx::identity(fx::ELDER);
        put("identity-request.json", &ident);
        let session = c.open_identity(&ident).await.expect("identity");
        put("identity-session.json", &session);
        let t = session.token.as_str();
        put("query-request.json", &fx::payments_query());
        let q = c.query(t, fx::PAYMENTS, &fx::payments_query()).await.expect("query");
        put("query-result.json", &q);
        let req = fx::allowance("13800138000");
        put("application-request.json", &req);
        let case = c.submit_application(t, "golden-1", &req).await.expect("submit");
        let staff = c.staff_sign_in(&fx::staff()).await.expect("staff");
        put("staff-sign-in.json", &fx::staff());
        put("staff-session.json", &staff);
        put("status-change.json", &fx::accept_case());
        let moved = c.set_status(&staff.token, &case.case_no, &fx::accept_case()).await.expect("status");
        put("application.json", &moved);
        let access = CaseAccess::LookupCode(&case.lookup_code);
        put("receipt.json", &c.receipt(&case.case_no, access).await.expect("receipt"));
        let eval = fx::evaluation(&case.case_no, Level::Dissatisfied, &["WAIT_TOO_LONG"]);
        put("evaluation-request.json", &eval);
        put("evaluation.json", &c.evaluate(t, &eval).await.expect("evaluate"));
        put("assist-request-new.json", &fx::assist("matter-list"));
        let a = c.request_assist(&fx::assist("matter-list")).await.expect("assist");
        put("assist-action.json", &fx::staff_action());
        let a = c.accept_assist(&a.id, &fx::staff_action()).await.expect("accept");
        put("assist-request.json", &a);
        let list = c.assist_requests(fx::HALL, None).await.expect("list");
        put("assist-request-list.json", &list);
        put("heartbeat.json", &fx::heartbeat());
        let ack = c.heartbeat(fx::TERMINAL, &fx::heartbeat()).await.expect("beat");
        put("heartbeat-ack.json", &ack);
        put("terminal-config.json", &c.terminal_config(fx::TERMINAL).await.expect("cfg"));
        let bad_id = serde_json::to_vec(&fx::identity(fx::BAD_CHECK_DIGIT)).expect("json");
        let err = h.raw_post("/v1/identity/sessions", bad_id, None).await.1.expect("error body");
        out.push(("error-body.json", err));
        for (file, mut value) in out {
            sanitize(&mut value);
            let text = serde_json::to_string_pretty(&value).expect("json") + "\n";
            std::fs::write(dir().join(file), text).expect("write golden");
        }
        h.stop().await;
    }
}
