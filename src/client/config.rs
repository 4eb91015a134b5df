//! How the kiosk reaches the portal.

use std::time::Duration;

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
}

impl ClientConfig {
    /// The defaults with another portal address.
    pub fn new(base_url: impl Into<String>) -> Self {
        ClientConfig { base_url: base_url.into(), ..ClientConfig::default() }
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
}
