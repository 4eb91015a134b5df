//! What the portal refuses, and how.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idempotent_replay_returns_the_same_case_and_a_changed_body_conflicts() {
    let h = Harness::start().await;
    let token = sign_in(&h, fx::ELDER).await.token.expose().to_owned();
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
    let token = sign_in(&h, fx::ELDER).await.token.expose().to_owned();
    let case =
        h.client.submit_application(&token, "eval-1", &fx::allowance("13800138000")).await.expect("submit");
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

    let token = sign_in(&h, fx::ELDER).await.token.expose().to_owned();
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
    let err =
        h.client.accept_assist(&asked.id, &fx::staff_action()).await.expect_err("accept a closed request");
    assert_eq!(err.code(), Some(ErrorCode::InvalidState));
    let list = h.client.assist_requests(fx::HALL, None).await.expect("list");
    assert_eq!(list.requests.iter().find(|r| r.id == asked.id), Some(&closed));

    // A refused status change leaves the case as it was.
    let token = sign_in(&h, fx::ELDER).await.token.expose().to_owned();
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
    let elder = sign_in(&h, fx::ELDER).await.token.expose().to_owned();
    let retiree = sign_in(&h, fx::RETIREE).await.token.expose().to_owned();
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
    let e = c.submit_application(&elder, "refusals-3", &fx::allowance("123")).await.expect_err("bad phone");
    assert_eq!(code(&e), (Some(422), Some(ErrorCode::ValidationFailed)));
    assert_eq!(e.field(), Some("phone"));
    let mut bad_query = fx::payments_query();
    bad_query.answers.insert("months".into(), "5".into());
    let e = c.query(&elder, fx::PAYMENTS, &bad_query).await.expect_err("bad choice");
    assert_eq!((e.status(), e.field()), (Some(422), Some("months")));

    // Cases belong to their citizen; someone else's case looks like no case at
    // all, so case numbers cannot be probed.
    let not_found = (Some(404), Some(ErrorCode::NotFound));
    let e =
        c.application(&case.case_no, CaseAccess::Citizen(&retiree)).await.expect_err("someone else's case");
    assert_eq!(code(&e), not_found);
    let e =
        c.receipt(&case.case_no, CaseAccess::LookupCode("WRONG123")).await.expect_err("wrong lookup code");
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
