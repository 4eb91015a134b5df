//! The transport rules as a technician meets them: plain HTTP only to this machine
//! unless `[portal] allow_plain_http = true` (then a warning), a CA bundle from the
//! config folder, and `yiban check-config` naming the line of a bad value.
//!
//! No traffic leaves the machine: a client for an outside host is only built.

use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};

use yiban::client::{ClientConfig, ClientError, PortalClient};
use yiban::ui::screen::failure::message_id;

/// A tracing writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What `f` logged at warn and above.
fn warnings_of<T>(f: impl FnOnce() -> T) -> (T, String) {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::WARN)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let out = tracing::subscriber::with_default(subscriber, f);
    let text = String::from_utf8_lossy(&captured.0.lock().expect("log buffer")).into_owned();
    (out, text)
}

#[test]
fn plain_http_off_this_machine_needs_the_flag_and_then_warns() {
    let base = "http://portal.example:8080";
    let (refused, logged) = warnings_of(|| PortalClient::new(ClientConfig::new(base)));
    let Err(e @ ClientError::Config(_)) = &refused else { panic!("plain HTTP accepted: {refused:?}") };
    assert!(e.to_string().contains("allow_plain_http"), "{e}");
    assert_eq!(message_id(e), "error-setup", "the citizen is told the machine's settings are wrong");
    assert!(logged.is_empty(), "{logged}");

    let config = ClientConfig { allow_plain_http: true, ..ClientConfig::new(base) };
    let (allowed, logged) = warnings_of(|| PortalClient::new(config));
    assert!(allowed.is_ok(), "{allowed:?}");
    assert!(logged.contains("WARN") && logged.contains("plain HTTP"), "{logged:?}");

    // This machine needs no flag, and no warning.
    for base in ["http://127.0.0.1:8787", "http://localhost:8787", "http://[::1]:8787"] {
        let (ok, logged) = warnings_of(|| PortalClient::new(ClientConfig::new(base)));
        assert!(ok.is_ok() && logged.is_empty(), "{base}: {ok:?} {logged}");
    }
}

/// `yiban check-config DIR` on a folder with this `kiosk.toml` (and files): exit code,
/// stdout, stderr.
fn check_config(toml: &str, files: &[(&str, &str)]) -> (i32, String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("kiosk.toml"), toml).expect("kiosk.toml");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("file");
    }
    check_config_dir(dir.path())
}

fn check_config_dir(dir: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yiban"))
        .arg("check-config")
        .arg(dir)
        .env("RUST_LOG", "off")
        .output()
        .expect("yiban runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

/// A self-signed CA certificate, PEM.
fn ca_pem() -> String {
    let key = rcgen::KeyPair::generate().expect("key");
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.self_signed(&key).expect("certificate").pem()
}

#[test]
fn check_config_names_the_line_of_a_bad_transport_value() {
    const HEAD: &str = "[terminal]\nid = \"k1\"\n\n[portal]\n";
    // (the [portal] lines, the line named, a word of the message)
    let refused: [(&str, usize, &str); 7] = [
        ("url = \"http://portal.example\"\n", 5, "allow_plain_http"),
        ("url = \"ftp://portal.example\"\n", 5, "ftp"),
        ("url = \"portal.example\"\n", 5, "url"),
        ("url = \"https://portal.example\"\nallow_plain_http = \"yes\"\n", 6, "bool"),
        ("url = \"https://portal.example\"\nca_bundle = \"missing.pem\"\n", 6, "missing.pem"),
        ("url = \"https://portal.example\"\nca_bundle = \"bad.pem\"\n", 6, "bad.pem"),
        ("retries = 1\nmax_answer_kib = -5\n", 6, "max_answer_kib"),
    ];
    for (lines, line, word) in refused {
        let (code, _, err) = check_config(&format!("{HEAD}{lines}"), &[("bad.pem", "not a certificate\n")]);
        assert_eq!(code, 2, "{lines}: {err}");
        assert!(err.contains(&format!("kiosk.toml:{line}:")), "{lines}: line {line} not named: {err}");
        assert!(err.contains(word), "{lines}: {word:?} not said: {err}");
    }
    // Loads, with a warning on its line.
    let warned: [(&str, usize, &str); 2] = [
        ("url = \"http://10.1.2.3\"\n\nallow_plain_http = true\n", 7, "without encryption"),
        ("max_answer_kib = 1\n", 5, "max_answer_kib = 1"),
    ];
    for (lines, line, word) in warned {
        let (code, out, err) = check_config(&format!("{HEAD}{lines}"), &[]);
        assert_eq!(code, 0, "{lines}: {err}");
        assert!(
            out.contains(&format!("kiosk.toml:{line}: warning:")) && out.contains(word),
            "{lines}: {out}"
        );
    }
    // A good bundle, and the shipped folder: OK, no warning.
    let good = format!("{HEAD}url = \"https://portal.example\"\nca_bundle = \"ca.pem\"\n");
    let (code, out, err) = check_config(&good, &[("ca.pem", &ca_pem())]);
    assert_eq!((code, out.contains("warning")), (0, false), "{out}{err}");
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("kiosk-config");
    let (code, out, err) = check_config_dir(&shipped);
    assert_eq!((code, out.contains("warning")), (0, false), "{out}{err}");
}
