//! The kiosk's client of the portal contract (`docs/portal-api.md`, `docs/openapi.yaml`).
//!
//! UI-free: async methods returning `Result<_, ClientError>`, one per endpoint
//! (see `endpoints.rs`). Idempotent calls — GETs, the logout DELETE and the
//! application submit, which carries an `Idempotency-Key` — are retried with
//! exponential backoff on offline, timeout and 5xx; nothing is retried on a 4xx.
//! Nothing personal is logged: only the method, the path template, the status.
//!
//! Every answer is read through one gate (`read_body`: a size cap checked while the
//! body streams in) and one decoder (`decode.rs`: status, content type, syntax, shape),
//! so a slow, broken or hostile portal yields a specific [`ClientError`], never a panic.

mod config;
mod decode;
mod endpoints;
mod error;
mod transport;

use std::fmt;
use std::sync::{Arc, Once};

use reqwest::header::{ACCEPT, CONTENT_TYPE};
use serde::de::DeserializeOwned;
use serde_json::Value;

pub use config::{ClientConfig, DEFAULT_MAX_ANSWER_BYTES};
pub use decode::Answer;
pub use endpoints::CaseAccess;
pub use error::{BadAnswer, ClientError, Fault, Unreachable};

/// One answer of the portal, as the observer sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    /// `GET`, `POST` or `DELETE`.
    pub method: &'static str,
    /// The contract's path, e.g. `/v1/matters/{matter_id}`.
    pub path_template: &'static str,
    pub status: u16,
    /// The decoded JSON body; `None` when empty or not JSON.
    pub body: Option<Value>,
}

/// Called with every answer (contract tests check each against the OpenAPI document).
pub type Observer = Arc<dyn Fn(&Exchange) + Send + Sync>;

/// A client of one portal. Cheap to clone: clones share the connection pool.
#[derive(Clone)]
pub struct PortalClient {
    http: reqwest::Client,
    config: Arc<ClientConfig>,
    observer: Option<Observer>,
}

impl fmt::Debug for PortalClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PortalClient")
            .field("config", &self.config)
            .field("observer", &self.observer.is_some())
            .finish()
    }
}

/// rustls needs one process-wide crypto provider; ours is ring.
fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Err means another part of the process installed one first: that one is used.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Get,
    Post,
    Delete,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }

    fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

/// One call to make, described before it is sent (possibly several times).
struct Call<'a> {
    method: Method,
    template: &'static str,
    /// The concrete path, segments already percent-encoded.
    path: String,
    query: Vec<(&'static str, String)>,
    bearer: Option<&'a str>,
    idempotency_key: Option<&'a str>,
    body: Option<Vec<u8>>,
    /// Safe to send again: the portal will not act twice.
    idempotent: bool,
}

impl<'a> Call<'a> {
    fn new(method: Method, template: &'static str, path: String) -> Self {
        Call {
            method,
            template,
            path,
            query: Vec::new(),
            bearer: None,
            idempotency_key: None,
            body: None,
            idempotent: method != Method::Post,
        }
    }

    fn query(mut self, name: &'static str, value: String) -> Self {
        self.query.push((name, value));
        self
    }

    fn bearer(mut self, token: &'a str) -> Self {
        self.bearer = Some(token);
        self
    }

    fn idempotency_key(mut self, key: &'a str) -> Self {
        self.idempotency_key = Some(key);
        self.idempotent = true;
        self
    }

    fn json<B: serde::Serialize + ?Sized>(mut self, body: &B) -> Result<Self, ClientError> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| ClientError::Config(format!("request body not serialisable: {e}")))?;
        self.body = Some(bytes);
        Ok(self)
    }
}

impl PortalClient {
    /// Builds a client; installs the ring crypto provider for rustls if none is.
    ///
    /// Refuses plain `http://` to a host off this machine unless
    /// `config.allow_plain_http` (then warns), and a CA bundle that cannot be used.
    pub fn new(config: ClientConfig) -> Result<Self, ClientError> {
        install_crypto_provider();
        let base = reqwest::Url::parse(&config.base_url)
            // The URL is not quoted: it may carry credentials.
            .map_err(|e| ClientError::Config(format!("the portal's base URL is not a URL: {e}")))?;
        transport::check_scheme(&base, config.allow_plain_http)?;
        let builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("yiban/", env!("CARGO_PKG_VERSION")));
        let http = transport::trust(builder, config.ca_bundle.as_deref())?
            .build()
            .map_err(|e| ClientError::Config(e.to_string()))?;
        Ok(PortalClient { http, config: Arc::new(config), observer: None })
    }

    /// Calls `observer` with every answer the portal gives.
    pub fn with_observer(mut self, observer: Observer) -> Self {
        self.observer = Some(observer);
        self
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    fn url(&self, call: &Call<'_>) -> Result<reqwest::Url, ClientError> {
        let base = self.config.base_url.trim_end_matches('/');
        let mut url = reqwest::Url::parse(&format!("{base}{}", call.path))
            .map_err(|e| ClientError::Config(format!("bad URL for {}: {e}", call.template)))?;
        if !call.query.is_empty() {
            url.query_pairs_mut().extend_pairs(call.query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        Ok(url)
    }

    /// Sends `call` (with retries when idempotent) and decodes a 2xx answer into `T`.
    async fn send<T: DeserializeOwned>(&self, call: Call<'_>) -> Result<T, ClientError> {
        let url = self.url(&call)?;
        let attempts = if call.idempotent { self.config.retries.saturating_add(1) } else { 1 };
        let mut attempt = 1;
        loop {
            match self.attempt(&call, url.clone()).await {
                Err(e) if e.is_retryable() && attempt < attempts => {
                    tracing::debug!(
                        method = call.method.as_str(),
                        path = call.template,
                        attempt,
                        error = %e,
                        "portal call failed; retrying"
                    );
                    tokio::time::sleep(self.config.backoff_for(attempt)).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    /// One try: the decoded 2xx answer, or the error the answer means.
    async fn attempt<T: DeserializeOwned>(
        &self,
        call: &Call<'_>,
        url: reqwest::Url,
    ) -> Result<T, ClientError> {
        let mut req = self.http.request(call.method.to_reqwest(), url).header(ACCEPT, "application/json");
        if let Some(token) = call.bearer {
            req = req.bearer_auth(token);
        }
        if let Some(key) = call.idempotency_key {
            req = req.header("Idempotency-Key", key);
        }
        if let Some(body) = &call.body {
            req = req.header(CONTENT_TYPE, "application/json").body(body.clone());
        }
        let mut resp = req.send().await.map_err(ClientError::from_transport)?;
        let status = resp.status().as_u16();
        let content_type = resp.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let read = transport::read_body(&mut resp, self.config.max_answer_bytes).await;
        tracing::debug!(method = call.method.as_str(), path = call.template, status, "portal answered");
        let bytes = match read {
            Ok(bytes) => bytes,
            // A failing portal's page may be huge: its status says enough.
            Err(_) if (500..=599).contains(&status) => return Err(ClientError::Server { status }),
            Err(transport::BodyError::TooLarge(limit)) => {
                return Err(ClientError::BadResponse(BadAnswer {
                    method: call.method.as_str(),
                    path_template: call.template,
                    status,
                    fault: Fault::TooLarge { limit },
                }));
            }
            Err(transport::BodyError::Transport(e)) => return Err(e),
        };
        let answer = Answer {
            method: call.method.as_str(),
            path_template: call.template,
            status,
            content_type: content_type.as_deref(),
            body: &bytes,
        };
        if let Some(observer) = &self.observer {
            observer(&Exchange {
                method: call.method.as_str(),
                path_template: call.template,
                status,
                body: answer.json(),
            });
        }
        let decoded = answer.decode::<T>();
        if let Err(e @ ClientError::BadResponse(_)) = &decoded {
            tracing::warn!(error = %e, "unreadable portal answer");
        }
        decoded
    }
}

/// Percent-encodes one path segment (everything but RFC 3986 unreserved characters).
fn seg(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The wire name of a unit enum value (`Channel::KioskElder` → `KIOSK_ELDER`).
fn wire_name<T: serde::Serialize>(value: &T) -> Result<String, ClientError> {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => Ok(s),
        _ => Err(ClientError::Config("value has no wire name".to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Channel;

    #[test]
    fn segments_are_encoded() {
        assert_eq!(seg("demo-hall"), "demo-hall");
        assert_eq!(seg("a/b c"), "a%2Fb%20c");
        assert_eq!(seg("办"), "%E5%8A%9E");
    }

    #[test]
    fn enums_use_wire_names() {
        assert_eq!(wire_name(&Channel::KioskElder).ok().as_deref(), Some("KIOSK_ELDER"));
    }

    #[test]
    fn builds_for_http_and_https() {
        for base in ["http://127.0.0.1:8080", "https://portal.example/gov/"] {
            let c = PortalClient::new(ClientConfig::new(base));
            assert!(c.is_ok(), "{base}: {c:?}");
        }
    }

    #[test]
    fn plain_http_off_this_machine_needs_the_flag() {
        for base in ["http://portal.example", "http://10.0.0.5:8080", "http://127.0.0.1@portal.example"] {
            let refused = PortalClient::new(ClientConfig::new(base));
            assert!(matches!(refused, Err(ClientError::Config(_))), "{base}: {refused:?}");
            let allowed =
                PortalClient::new(ClientConfig { allow_plain_http: true, ..ClientConfig::new(base) });
            assert!(allowed.is_ok(), "{base}: {allowed:?}");
        }
        for base in ["http://localhost:8080", "http://[::1]:1", "http://127.3.2.1"] {
            assert!(PortalClient::new(ClientConfig::new(base)).is_ok(), "{base}");
        }
    }

    #[test]
    fn an_unusable_ca_bundle_is_a_config_error() {
        let config = ClientConfig {
            ca_bundle: Some("/nonexistent/yiban-ca.pem".into()),
            ..ClientConfig::new("https://portal.example")
        };
        let Err(ClientError::Config(why)) = PortalClient::new(config) else { panic!("bundle accepted") };
        assert!(why.contains("yiban-ca.pem"), "{why}");
    }

    #[test]
    fn bad_base_url_is_a_config_error() {
        let r = PortalClient::new(ClientConfig::new("not a url"));
        assert!(matches!(r, Err(ClientError::Config(_))));
    }
}
