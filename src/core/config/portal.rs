//! `[portal]`: where the portal is, how patiently to talk to it, and how its
//! transport is secured: plain HTTP only on this machine unless explicitly
//! allowed, and optionally a CA bundle of its own.

use std::io::Read;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;
use serde::Deserialize;

use super::{Adjustment, ConfigError, line_of_key};

/// The smallest and largest answer cap a technician can set (`max_answer_kib`).
pub const MIN_ANSWER_KIB: u64 = 256;
pub const MAX_ANSWER_KIB: u64 = 64 * 1024;
/// A CA bundle larger than this is not a CA bundle (and is not read whole).
const MAX_BUNDLE_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PortalSection {
    pub url: String,
    pub embedded_db: String,
    pub connect_timeout_ms: u64,
    pub request_timeout_ms: u64,
    pub retries: u32,
    /// The longest answer the client reads, in KiB.
    pub max_answer_kib: u64,
    /// Plain `http://` to a portal off this machine (loopback never needs it).
    pub allow_plain_http: bool,
    /// PEM file of CA certificates trusted besides the system's roots, relative to the
    /// config folder; empty = the system's roots only. After loading, the resolved path.
    pub ca_bundle: PathBuf,
}

impl Default for PortalSection {
    fn default() -> Self {
        PortalSection {
            url: "embedded".into(),
            embedded_db: String::new(),
            connect_timeout_ms: 3_000,
            request_timeout_ms: 10_000,
            retries: 2,
            max_answer_kib: 4 * 1024,
            allow_plain_http: false,
            ca_bundle: PathBuf::new(),
        }
    }
}

/// Where the kiosk's portal is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortalLocation {
    /// Start the reference portal in-process, on loopback, with demo data.
    Embedded {
        db: Option<PathBuf>,
    },
    Remote(String),
}

impl PortalSection {
    /// The CA bundle to trust, if one is configured.
    pub fn ca_bundle_path(&self) -> Option<&Path> {
        (!self.ca_bundle.as_os_str().is_empty()).then_some(self.ca_bundle.as_path())
    }

    pub fn location(&self) -> PortalLocation {
        let url = self.url.trim();
        if url == "embedded" {
            let db = self.embedded_db.trim();
            PortalLocation::Embedded { db: (!db.is_empty()).then(|| PathBuf::from(db)) }
        } else {
            PortalLocation::Remote(url.trim_end_matches('/').to_owned())
        }
    }

    pub(super) fn clamp(&mut self, text: &str, out: &mut Vec<Adjustment>) {
        let kib = self.max_answer_kib.clamp(MIN_ANSWER_KIB, MAX_ANSWER_KIB);
        if kib != self.max_answer_kib {
            out.push(Adjustment {
                line: line_of_key(text, "max_answer_kib"),
                message: format!(
                    "max_answer_kib = {} is not between {MIN_ANSWER_KIB} and {MAX_ANSWER_KIB}; using {kib}",
                    self.max_answer_kib
                ),
            });
            self.max_answer_kib = kib;
        }
    }

    /// Checks the address and the transport; resolves `ca_bundle` against the config
    /// folder. Plain HTTP off this machine with `allow_plain_http` is a warning.
    pub(super) fn validate(
        &mut self,
        text: &str,
        path: &Path,
        warnings: &mut Vec<Adjustment>,
    ) -> Result<(), ConfigError> {
        let invalid = |key: &str, message: String| ConfigError::Invalid {
            path: path.to_owned(),
            line: line_of_key(text, key),
            message,
        };
        let url = self.url.trim();
        if url != "embedded" {
            let parsed = url::Url::parse(url).map_err(|e| {
                invalid("url", format!("url = \"{url}\" is neither \"embedded\" nor a portal address: {e}"))
            })?;
            match parsed.scheme() {
                "https" => {}
                "http" if is_loopback(&parsed) => {}
                "http" if self.allow_plain_http => warnings.push(Adjustment {
                    line: line_of_key(text, "allow_plain_http"),
                    message: format!(
                        "allow_plain_http = true: the portal at {} is reached without encryption; \
                         citizens' data crosses the network readable by anyone on it",
                        parsed.host_str().unwrap_or_default()
                    ),
                }),
                "http" => {
                    return Err(invalid(
                        "url",
                        format!(
                            "url = \"{url}\" is plain HTTP to a host off this machine: citizens' data \
                             would cross the network unencrypted; use https://, or set \
                             allow_plain_http = true in [portal] on a network you trust"
                        ),
                    ));
                }
                other => {
                    return Err(invalid(
                        "url",
                        format!("url = \"{url}\" uses {other}:, not http:// or https://"),
                    ));
                }
            }
        }
        if self.ca_bundle_path().is_some() {
            let resolved = path.parent().unwrap_or(Path::new("")).join(&self.ca_bundle);
            load_ca_bundle(&resolved).map_err(|why| {
                invalid("ca_bundle", format!("ca_bundle = {}: {why}", self.ca_bundle.display()))
            })?;
            self.ca_bundle = resolved;
        }
        Ok(())
    }
}

/// Whether the URL's host is this machine: 127.0.0.0/8, ::1 or `localhost`.
pub fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Reads a PEM bundle of CA certificates: at least one, each a certificate rustls accepts
/// as a trust anchor. The error says what is wrong with the file, naming it.
pub fn load_ca_bundle(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let shown = path.display();
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_BUNDLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    if bytes.len() as u64 > MAX_BUNDLE_BYTES {
        return Err(format!("{shown} is over {} KiB: not a CA bundle", MAX_BUNDLE_BYTES / 1024));
    }
    let certs = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("{shown} is not a PEM file of certificates: {e}"))?;
    if certs.is_empty() {
        return Err(format!("{shown} holds no \"BEGIN CERTIFICATE\" block"));
    }
    let mut roots = rustls::RootCertStore::empty();
    for (n, cert) in certs.iter().enumerate() {
        roots
            .add(cert.clone())
            .map_err(|e| format!("certificate {} of {shown} is not usable as a CA: {e}", n + 1))?;
    }
    Ok(certs)
}
