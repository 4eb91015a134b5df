//! The config parser: defaults, clamps, errors that name their line, the portal's transport.

use super::*;

fn parse(text: &str) -> Result<Loaded, ConfigError> {
    Config::parse(text, Path::new("kiosk.toml"))
}

#[test]
fn shipped_config_loads_without_adjustments() {
    let loaded = Config::embedded().expect("shipped config loads");
    assert!(loaded.adjustments.is_empty(), "{:?}", loaded.adjustments);
    assert_eq!(loaded.config.portal_location(), PortalLocation::Embedded { db: None });
    assert_eq!(loaded.config.session.idle_seconds, 120);
}

#[test]
fn empty_file_means_defaults() {
    assert_eq!(parse("").map(|l| l.config), Ok(Config::default()));
}

#[test]
fn unknown_key_names_its_line() {
    let err = parse("[session]\nidle_seconds = 200\nidle_secs = 3\n").err();
    match err {
        Some(ConfigError::Invalid { line, message, .. }) => {
            assert_eq!(line, 3);
            assert!(message.contains("idle_secs"), "{message}");
        }
        other => panic!("expected an invalid-key error, got {other:?}"),
    }
}

#[test]
fn wrong_type_names_its_line() {
    let err = parse("[screen]\n\ndiagonal_inches = \"big\"\n").err();
    assert!(matches!(err, Some(ConfigError::Invalid { line: 3, .. })), "{err:?}");
}

#[test]
fn short_times_are_clamped_and_reported() {
    let loaded =
        parse("[session]\nidle_seconds = 30\nwarning_seconds = 5\nmax_extensions = 2\n").expect("loads");
    assert_eq!(loaded.config.session.idle_seconds, MIN_IDLE_SECONDS);
    assert_eq!(loaded.config.session.warning_seconds, MIN_WARNING_SECONDS);
    assert_eq!(loaded.config.session.max_extensions, MIN_EXTENSIONS);
    let lines: Vec<usize> = loaded.adjustments.iter().map(|a| a.line).collect();
    assert_eq!(lines, vec![2, 3, 4]);
}

#[test]
fn bad_values_are_errors_with_lines() {
    let err = parse("[portal]\nurl = \"ftp://x\"\n").err();
    assert!(matches!(err, Some(ConfigError::Invalid { line: 2, .. })), "{err:?}");
    let err = parse("[defaults]\nlanguage = \"fr\"\n").err();
    assert!(matches!(err, Some(ConfigError::Invalid { line: 2, .. })), "{err:?}");
    let err = parse("[screen]\nviewing_distance_mm = 5\n").err();
    assert!(matches!(err, Some(ConfigError::Invalid { line: 2, .. })), "{err:?}");
}

#[test]
fn remote_portal_url_is_trimmed() {
    let loaded = parse("[portal]\nurl = \"https://portal.example/\"\n").expect("loads");
    assert_eq!(loaded.config.portal_location(), PortalLocation::Remote("https://portal.example".into()));
}

#[test]
fn a_bad_demo_card_names_its_line() {
    let (line, message) = refusal("[[demo.cards]]\nid_number = \"110105194403160280\"\nname = \"张秀兰\"\n");
    assert_eq!(line, 2);
    assert!(!message.contains("110105194403160280"), "the number is not repeated: {message}");
    let ok = parse("[[demo.cards]]\nid_number = \"110105194403160289\"\nname = \"张秀兰\"\n");
    assert_eq!(ok.map(|l| l.config.demo.cards.len()), Ok(1));
}

#[test]
fn missing_folder_is_unreadable() {
    let err = Config::load_dir(Path::new("/nonexistent/yiban-config")).err();
    assert!(matches!(err, Some(ConfigError::Unreadable { .. })), "{err:?}");
}

/// The line and message of an invalid config.
fn refusal(text: &str) -> (usize, String) {
    match parse(text) {
        Err(ConfigError::Invalid { line, message, .. }) => (line, message),
        other => panic!("expected an invalid config, got {other:?}"),
    }
}

#[test]
fn plain_http_off_this_machine_is_refused_without_the_flag() {
    for url in ["http://portal.example.gov.cn", "http://10.1.2.3:8080/gov", "HTTP://192.168.0.9"] {
        let (line, message) = refusal(&format!("[portal]\nretries = 1\nurl = \"{url}\"\n"));
        assert_eq!(line, 3, "{url}");
        assert!(message.contains("allow_plain_http"), "{message}");
    }
    // A host hidden behind user info or a backslash is still the host the client would reach.
    for url in ["http://127.0.0.1@evil.example/", "http://evil.example\\@127.0.0.1/"] {
        let (line, _) = refusal(&format!("[portal]\nurl = \"{}\"\n", url.replace('\\', "\\\\")));
        assert_eq!(line, 2, "{url}");
    }
}

#[test]
fn plain_http_with_the_flag_loads_with_a_warning() {
    let loaded = parse("[portal]\nurl = \"http://10.1.2.3\"\n\nallow_plain_http = true\n").expect("loads");
    assert_eq!(loaded.config.portal_location(), PortalLocation::Remote("http://10.1.2.3".into()));
    let [warning] = loaded.adjustments.as_slice() else { panic!("{:?}", loaded.adjustments) };
    assert_eq!(warning.line, 4);
    assert!(warning.message.contains("without encryption"), "{}", warning.message);
}

#[test]
fn loopback_and_https_need_no_flag() {
    for url in [
        "http://127.0.0.1:8080",
        "http://127.8.9.10",
        "http://[::1]:8787/",
        "http://localhost:8787",
        "http://LOCALHOST",
        "https://portal.example.gov.cn",
        "embedded",
    ] {
        let loaded = parse(&format!("[portal]\nurl = \"{url}\"\n"));
        assert!(loaded.as_ref().is_ok_and(|l| l.adjustments.is_empty()), "{url}: {loaded:?}");
    }
}

#[test]
fn other_addresses_are_refused() {
    for url in ["ftp://portal.example", "portal.example", "https://", "file:///etc/passwd"] {
        let (line, message) = refusal(&format!("[portal]\nurl = \"{url}\"\n"));
        assert_eq!(line, 2, "{url}: {message}");
    }
}

#[test]
fn the_answer_cap_is_clamped() {
    let loaded = parse("[portal]\nmax_answer_kib = 1\n").expect("loads");
    assert_eq!(loaded.config.portal.max_answer_kib, MIN_ANSWER_KIB);
    assert_eq!(loaded.adjustments.iter().map(|a| a.line).collect::<Vec<_>>(), [2]);
    let loaded = parse("[portal]\nmax_answer_kib = 99999999\n").expect("loads");
    assert_eq!(loaded.config.portal.max_answer_kib, MAX_ANSWER_KIB);
}

/// A config folder with `kiosk.toml` (`text`) and, when given, `ca.pem`.
fn folder(text: &str, pem: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join(CONFIG_FILE), text).expect("config");
    if let Some(pem) = pem {
        std::fs::write(dir.path().join("ca.pem"), pem).expect("bundle");
    }
    dir
}

fn test_ca_pem() -> String {
    let key = rcgen::KeyPair::generate().expect("key");
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.self_signed(&key).expect("self-signed").pem()
}

const WITH_BUNDLE: &str = "[portal]\nurl = \"https://portal.example\"\nca_bundle = \"ca.pem\"\n";

#[test]
fn a_ca_bundle_is_read_from_the_config_folder() {
    let dir = folder(WITH_BUNDLE, Some(&test_ca_pem()));
    let loaded = Config::load_dir(dir.path()).expect("loads");
    let resolved = dir.path().join("ca.pem");
    assert_eq!(loaded.config.portal.ca_bundle_path(), Some(resolved.as_path()));
    assert_eq!(load_ca_bundle(&resolved).map(|c| c.len()), Ok(1));
    assert!(loaded.adjustments.is_empty());
}

#[test]
fn a_missing_or_bad_ca_bundle_names_the_file_and_line() {
    let not_a_cert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    for pem in [None, Some(""), Some("hello"), Some(not_a_cert)] {
        let dir = folder(WITH_BUNDLE, pem);
        match Config::load_dir(dir.path()) {
            Err(ConfigError::Invalid { line: 3, message, .. }) => {
                assert!(message.contains("ca.pem"), "{pem:?}: {message}");
            }
            other => panic!("{pem:?}: expected an error on line 3, got {other:?}"),
        }
    }
}

#[test]
fn a_wrong_value_names_its_key() {
    let (line, message) = refusal("[portal]\nretries = 1\nmax_answer_kib = -5\n");
    assert_eq!(line, 3);
    assert!(message.starts_with("max_answer_kib: "), "{message}");
    let (line, message) = refusal("[portal]\nallow_plain_http = \"yes\"\n");
    assert_eq!(line, 2);
    assert!(message.starts_with("allow_plain_http: "), "{message}");
    // An unknown key is named by toml itself, once.
    let (_, message) = refusal("[portal]\nallow_http = true\n");
    assert_eq!(message.matches("allow_http").count(), 1, "{message}");
}
