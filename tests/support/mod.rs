//! Helpers of the contract tests: an in-process portal with a client whose every
//! answer is checked against `docs/openapi.yaml`, fixtures, raw TCP peers, and the
//! portal as a separate process.

#![allow(dead_code)]

pub mod fixtures;
pub mod golden;
pub mod net;
pub mod openapi;
pub mod process;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use tokio::net::TcpListener;
use yiban::client::{ClientConfig, Exchange, PortalClient};

/// Every answer seen, and every way one broke the contract.
#[derive(Default)]
pub struct Recorder {
    seen: Mutex<Vec<(String, String, u16)>>,
    violations: Mutex<Vec<String>>,
}

impl Recorder {
    pub fn observe(&self, ex: &Exchange) {
        self.seen.lock().expect("seen").push((ex.method.to_owned(), ex.path_template.to_owned(), ex.status));
        if let Err(e) = openapi::spec().check(ex) {
            self.violations.lock().expect("violations").push(e);
        }
    }

    pub fn seen(&self) -> Vec<(String, String, u16)> {
        self.seen.lock().expect("seen").clone()
    }

    pub fn statuses(&self, method: &str, path: &str) -> Vec<u16> {
        self.seen().into_iter().filter(|(m, p, _)| m == method && p == path).map(|(_, _, s)| s).collect()
    }

    pub fn violations(&self) -> Vec<String> {
        self.violations.lock().expect("violations").clone()
    }
}

/// A quick client config for tests: short timeouts, fast retries.
pub fn config(base: &str) -> ClientConfig {
    ClientConfig {
        base_url: base.to_owned(),
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(10),
        retries: 2,
        backoff: Duration::from_millis(10),
        ..ClientConfig::default()
    }
}

/// A client that checks every answer against the OpenAPI document.
pub fn checked_client(base: &str) -> (PortalClient, Arc<Recorder>) {
    let rec = Arc::new(Recorder::default());
    let r = rec.clone();
    let client = PortalClient::new(config(base))
        .expect("client")
        .with_observer(Arc::new(move |ex: &Exchange| r.observe(ex)));
    (client, rec)
}

/// The reference portal in-process on a fresh temporary database.
pub struct Harness {
    pub client: PortalClient,
    pub rec: Arc<Recorder>,
    pub base: String,
    portal: Option<yiban::portal::RunningPortal>,
    dir: tempfile::TempDir,
}

impl Harness {
    pub async fn start() -> Harness {
        Harness::start_with(None).await
    }

    /// With a fixed "today" (reproducible answers), or the portal's own clock.
    pub async fn start_with(clock: Option<yiban::portal::Clock>) -> Harness {
        let dir = tempfile::tempdir().expect("tempdir");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let db = dir.path().join("portal.db");
        let portal = match clock {
            Some(clock) => yiban::portal::spawn_with_clock(listener, &db, clock).await,
            None => yiban::portal::spawn(listener, &db).await,
        }
        .expect("portal starts");
        let base = format!("http://{}", portal.addr);
        let (client, rec) = checked_client(&base);
        Harness { client, rec, base, portal: Some(portal), dir }
    }

    /// A plain reqwest client and the portal's base URL, for requests the typed
    /// client cannot make; send them with [`Harness::raw`].
    pub fn http(&self) -> reqwest::Client {
        reqwest::Client::new()
    }

    /// Sends a hand-made request and checks the answer against the document as
    /// `method path_template`, like the client's observer does.
    pub async fn raw(
        &self,
        req: reqwest::RequestBuilder,
        method: &'static str,
        path_template: &'static str,
    ) -> (u16, Option<Value>) {
        let resp = req.send().await.expect("raw request answered");
        let status = resp.status().as_u16();
        let bytes = resp.bytes().await.expect("raw body");
        let body = serde_json::from_slice::<Value>(&bytes).ok();
        self.rec.observe(&Exchange { method, path_template, status, body: body.clone() });
        (status, body)
    }

    /// POSTs raw bytes as JSON to a path without parameters.
    pub async fn raw_post(
        &self,
        path: &'static str,
        body: Vec<u8>,
        bearer: Option<&str>,
    ) -> (u16, Option<Value>) {
        let mut req = self
            .http()
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body(body);
        if let Some(t) = bearer {
            req = req.bearer_auth(t);
        }
        self.raw(req, "POST", path).await
    }

    /// Panics with every contract violation seen so far.
    pub fn assert_contract(&self) {
        let v = self.rec.violations();
        assert!(v.is_empty(), "answers break docs/openapi.yaml:\n{}", v.join("\n"));
    }

    pub async fn stop(mut self) {
        self.assert_contract();
        if let Some(p) = self.portal.take() {
            p.shutdown().await.expect("portal shuts down");
        }
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        // A test that forgot `stop` still has its answers checked.
        if !std::thread::panicking() {
            self.assert_contract();
        }
    }
}
