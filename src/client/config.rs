//! How the kiosk reaches the portal.

use std::path::PathBuf;
use std::time::Duration;

use crate::core::config::PortalSection;

/// The largest answer the client reads by default (`[portal] max_answer_kib`).
pub const DEFAULT_MAX_ANSWER_BYTES: usize = 4 * 1024 * 1024;

/// Where the portal is and how patiently to talk to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// Origin (and optional path prefix) of the portal, e.g. `https://portal.example`;
    /// the client appends the contract's `/v1/...` paths.
    pub base_url: String,
    /// Longest wait for the TCP (and TLS) connection.
    pub connect_timeout: Duration,
    /// Longest wait for a whole exchange, connection included.
    pub request_timeout: Duration,
    /// Extra attempts after the first for idempotent calls (0 = no retry).
    pub retries: u32,
    /// Wait before the first retry; doubled before each further one.
    pub backoff: Duration,
    /// The longest body read from an answer; a longer one is a `Fault::TooLarge`,
    /// found while it streams in (never buffered whole).
    pub max_answer_bytes: usize,
    /// Talk plain `http://` to a portal that is not on this machine (the kiosk warns).
    /// Without it such a base URL is refused; loopback is always allowed.
    pub allow_plain_http: bool,
    /// PEM file of CA certificates trusted besides the system's roots, for a portal
    /// whose certificate chains to an authority the system does not know.
    pub ca_bundle: Option<PathBuf>,
}

impl ClientConfig {
    /// The defaults with another portal address.
    pub fn new(base_url: impl Into<String>) -> Self {
        ClientConfig { base_url: base_url.into(), ..ClientConfig::default() }
    }

    /// The client config of a `[portal]` section, for the portal at `base_url`.
    pub fn for_portal(section: &PortalSection, base_url: impl Into<String>) -> Self {
        ClientConfig {
            base_url: base_url.into(),
            connect_timeout: Duration::from_millis(section.connect_timeout_ms),
            request_timeout: Duration::from_millis(section.request_timeout_ms),
            retries: section.retries,
            max_answer_bytes: usize::try_from(section.max_answer_kib)
                .map_or(usize::MAX, |kib| kib.saturating_mul(1024)),
            allow_plain_http: section.allow_plain_http,
            ca_bundle: section.ca_bundle_path().map(PathBuf::from),
            ..ClientConfig::default()
        }
    }

    /// The wait before retry number `retry` (1-based): `backoff · 2^(retry-1)`, at most 30 s.
    pub fn backoff_for(&self, retry: u32) -> Duration {
        let factor = 1u32 << retry.saturating_sub(1).min(16);
        self.backoff.saturating_mul(factor).min(Duration::from_secs(30))
    }
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            base_url: "http://127.0.0.1:8080".to_owned(),
            connect_timeout: Duration::from_secs(3),
            request_timeout: Duration::from_secs(10),
            retries: 2,
            backoff: Duration::from_millis(250),
            max_answer_bytes: DEFAULT_MAX_ANSWER_BYTES,
            allow_plain_http: false,
            ca_bundle: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let c = ClientConfig { backoff: Duration::from_millis(100), ..ClientConfig::default() };
        assert_eq!(c.backoff_for(1), Duration::from_millis(100));
        assert_eq!(c.backoff_for(2), Duration::from_millis(200));
        assert_eq!(c.backoff_for(3), Duration::from_millis(400));
        assert_eq!(c.backoff_for(40), Duration::from_secs(30));
    }

    #[test]
    fn a_portal_section_carries_over() {
        let section = PortalSection {
            request_timeout_ms: 1_500,
            max_answer_kib: 512,
            allow_plain_http: true,
            ca_bundle: "/etc/yiban/ca.pem".into(),
            ..PortalSection::default()
        };
        let c = ClientConfig::for_portal(&section, "http://10.0.0.5");
        assert_eq!(c.request_timeout, Duration::from_millis(1_500));
        assert_eq!(c.max_answer_bytes, 512 * 1024);
        assert!(c.allow_plain_http);
        assert_eq!(c.ca_bundle, Some(PathBuf::from("/etc/yiban/ca.pem")));
        let plain = ClientConfig::for_portal(&PortalSection::default(), "https://portal.example");
        assert_eq!((plain.ca_bundle, plain.allow_plain_http), (None, false));
        assert_eq!(plain.max_answer_bytes, DEFAULT_MAX_ANSWER_BYTES);
    }
}
