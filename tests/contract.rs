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
        let token = session.token.expose();
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

#[path = "contract/rules.rs"]
mod rules;

#[path = "contract/peers.rs"]
mod peers;

#[path = "contract/faults.rs"]
mod faults;

#[path = "contract/tls.rs"]
mod tls;

#[path = "contract/transport.rs"]
mod transport;

#[path = "contract/fuzz.rs"]
mod fuzz;

mod network {
    use std::time::Duration;

    use super::*;
    use support::net;
    use yiban::client::{PortalClient, Unreachable};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn nobody_listening_is_offline() {
        let base = net::dead_address().await;
        let client = PortalClient::new(support::config(&base)).expect("client");
        let err = client.health().await.expect_err("nobody there");
        assert!(matches!(err, ClientError::Offline(Unreachable::Refused)), "{err:?}");
        assert!(err.is_retryable());
        let dns = PortalClient::new(yiban::client::ClientConfig {
            allow_plain_http: true,
            ..support::config("http://no-such-host.invalid")
        })
        .expect("client");
        let err = dns.hall(fx::HALL).await.expect_err("no such host");
        assert!(matches!(err, ClientError::Offline(Unreachable::UnknownHost)), "{err:?}");
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
        let token =
            client.open_identity(&fx::identity(fx::ELDER)).await.expect("identity").token.expose().to_owned();
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
        let t = session.token.expose();
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
