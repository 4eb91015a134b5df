//! The portal over HTTPS with a certificate of its own authority: trusted when
//! that authority's certificate is in the configured CA bundle (extra roots beside
//! the system's), refused otherwise, and the citizen told the connection is not secure.
//!
//! The CA and the server certificate are made afresh by each run (`rcgen`), so
//! nothing expires and no key is committed.

use std::sync::Arc;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use yiban::client::{ClientConfig, ClientError, PortalClient, Unreachable};
use yiban::ui::screen::failure::message_id;

use super::peers::{self, Reply};
use super::support;

/// A CA, and a server certificate for 127.0.0.1 and localhost signed by it.
struct Pki {
    ca_pem: String,
    server: Arc<rustls::ServerConfig>,
}

fn ca() -> (rcgen::Issuer<'static, rcgen::KeyPair>, String) {
    let key = rcgen::KeyPair::generate().expect("CA key");
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("CA params");
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.distinguished_name.push(rcgen::DnType::CommonName, "Yiban test CA");
    let cert = params.self_signed(&key).expect("CA certificate");
    let pem = cert.pem();
    (rcgen::Issuer::new(params, key), pem)
}

fn pki() -> Pki {
    let (issuer, ca_pem) = ca();
    let key = rcgen::KeyPair::generate().expect("server key");
    let params =
        rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()]).expect("params");
    let cert = params.signed_by(&key, &issuer).expect("server certificate");
    let chain = vec![CertificateDer::from(cert.der().to_vec())];
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let server =
        rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .expect("protocols")
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .expect("server config");
    Pki { ca_pem, server: Arc::new(server) }
}

const HEALTH: &str = r#"{"status":"ok","version":"test","schema_version":1}"#;

fn client(base: &str, bundle: Option<&std::path::Path>) -> PortalClient {
    let config = ClientConfig { retries: 0, ca_bundle: bundle.map(Into::into), ..support::config(base) };
    PortalClient::new(config).expect("client")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_configured_ca_bundle_is_trusted_and_only_it() {
    let pki = pki();
    let base = peers::serve_tls(pki.server.clone(), Reply::json(200, HEALTH)).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let bundle = dir.path().join("ca.pem");
    std::fs::write(&bundle, &pki.ca_pem).expect("bundle");

    let health = client(&base, Some(&bundle)).health().await.expect("trusted through the bundle");
    assert_eq!(health.version, "test");
    let by_name = base.replace("127.0.0.1", "localhost");
    assert!(client(&by_name, Some(&bundle)).health().await.is_ok(), "by name too");

    // Without the bundle the system's roots do not know this CA.
    let err = client(&base, None).health().await.expect_err("unknown CA");
    assert!(matches!(err, ClientError::Offline(Unreachable::Tls(_))), "{err:?}");
    assert_eq!(message_id(&err), "error-insecure");
    // Another CA's bundle does not vouch for this one.
    let other = dir.path().join("other.pem");
    std::fs::write(&other, ca().1).expect("other bundle");
    let err = client(&base, Some(&other)).health().await.expect_err("another CA");
    assert!(matches!(err, ClientError::Offline(Unreachable::Tls(_))), "{err:?}");
    assert_eq!(message_id(&err), "error-insecure");
    // Plain HTTP to a TLS port: the peer's handshake refuses it; never a panic.
    let plain = client(&base.replace("https://", "http://"), None).health().await;
    assert!(plain.is_err(), "{plain:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_config_folder_with_a_bundle_reaches_the_portal() {
    // The whole path a technician takes: kiosk.toml names the bundle, the client uses it.
    let pki = pki();
    let base = peers::serve_tls(pki.server.clone(), Reply::json(200, HEALTH)).await;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("portal-ca.pem"), &pki.ca_pem).expect("bundle");
    let toml = format!("[portal]\nurl = \"{base}\"\nretries = 0\nca_bundle = \"portal-ca.pem\"\n");
    std::fs::write(dir.path().join("kiosk.toml"), toml).expect("config");
    let loaded = yiban::core::config::Config::load_dir(dir.path()).expect("config loads");
    let yiban::core::config::PortalLocation::Remote(url) = loaded.config.portal_location() else {
        panic!("a remote portal")
    };
    let client = PortalClient::new(ClientConfig::for_portal(&loaded.config.portal, url)).expect("client");
    assert_eq!(client.health().await.expect("health").status, "ok");
}
