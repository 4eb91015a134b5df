//! How bytes reach the client: which schemes and roots it trusts, and how much of
//! an answer it reads.

use std::path::Path;

use super::ClientError;
use crate::core::config::{is_loopback, load_ca_bundle};

/// Plain HTTP only to this machine, unless the config allows it (then a warning).
pub(super) fn check_scheme(base: &reqwest::Url, allow_plain_http: bool) -> Result<(), ClientError> {
    match base.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(base) => Ok(()),
        "http" if allow_plain_http => {
            tracing::warn!(
                host = base.host_str().unwrap_or_default(),
                "portal reached over plain HTTP (allow_plain_http = true): its traffic is not encrypted"
            );
            Ok(())
        }
        "http" => Err(ClientError::Config(format!(
            "plain http:// to {} (not this machine) is refused; use https://, or set \
             [portal] allow_plain_http = true on a network you trust",
            base.host_str().unwrap_or_default()
        ))),
        other => Err(ClientError::Config(format!("base URL scheme {other}: is not http or https"))),
    }
}

/// The platform's roots, and a CA bundle's as extra roots when one is configured (a
/// portal with a certificate of a government CA the platform does not know).
pub(super) fn trust(
    builder: reqwest::ClientBuilder,
    ca_bundle: Option<&Path>,
) -> Result<reqwest::ClientBuilder, ClientError> {
    let Some(path) = ca_bundle else { return Ok(builder) };
    let roots = load_ca_bundle(path)
        .map_err(ClientError::Config)?
        .iter()
        .map(|der| reqwest::Certificate::from_der(der))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ClientError::Config(format!("{}: {e}", path.display())))?;
    Ok(builder.tls_certs_merge(roots))
}

/// Why a body was not read whole.
#[derive(Debug)]
pub(super) enum BodyError {
    /// Longer than the cap (in bytes): announced so, or found while streaming.
    TooLarge(usize),
    /// The connection broke or the time ran out while reading.
    Transport(ClientError),
}

/// Reads the body chunk by chunk, stopping as soon as it passes `limit` bytes: a
/// portal (or anything in between) cannot make the kiosk buffer more than that.
pub(super) async fn read_body(resp: &mut reqwest::Response, limit: usize) -> Result<Vec<u8>, BodyError> {
    let announced = resp.content_length().and_then(|n| usize::try_from(n).ok());
    if announced.is_some_and(|n| n > limit) {
        return Err(BodyError::TooLarge(limit));
    }
    let mut body = Vec::with_capacity(announced.unwrap_or(0).min(64 * 1024));
    while let Some(chunk) =
        resp.chunk().await.map_err(|e| BodyError::Transport(ClientError::from_transport(e)))?
    {
        if chunk.len() > limit.saturating_sub(body.len()) {
            return Err(BodyError::TooLarge(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
