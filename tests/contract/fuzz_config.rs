//! The config parser fed what a technician's slip (or a broken disk) could leave in
//! `kiosk-config/`: arbitrary text, TOML made of the real sections and keys with
//! arbitrary values, the shipped `kiosk.toml` mutated line by line, and CA bundles
//! (the other kind of file the folder may hold) that are not quite PEM. It never
//! panics, and either loads (every value in its range, the transport rules kept,
//! every warning on a line of the file) or names a line of the file.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use yiban::core::config::{self as cfg, Config, ConfigError, PortalLocation};

use super::cases;

/// The file's lines, plus one: an error at the very end names the line after the last newline.
fn last_line(text: &str) -> usize {
    text.lines().count() + 1
}

fn check(text: &str) -> Result<(), TestCaseError> {
    match Config::parse(text, Path::new("kiosk.toml")) {
        Ok(loaded) => {
            let c = &loaded.config;
            prop_assert!(c.session.idle_seconds >= cfg::MIN_IDLE_SECONDS);
            prop_assert!(c.session.warning_seconds >= cfg::MIN_WARNING_SECONDS);
            prop_assert!(c.session.max_extensions >= cfg::MIN_EXTENSIONS);
            prop_assert!(c.defaults.text_step < cfg::TEXT_STEPS);
            prop_assert!((cfg::MIN_ANSWER_KIB..=cfg::MAX_ANSWER_KIB).contains(&c.portal.max_answer_kib));
            // The transport rules hold for whatever loads.
            if let PortalLocation::Remote(url) = c.portal_location() {
                let parsed = url::Url::parse(&url);
                prop_assert!(parsed.is_ok(), "{url:?} loaded");
                let parsed = parsed.expect("checked");
                let local = cfg::is_loopback(&parsed);
                match parsed.scheme() {
                    "https" => {}
                    "http" => {
                        prop_assert!(local || c.portal.allow_plain_http, "{url:?} loaded without the flag")
                    }
                    other => prop_assert!(false, "{url:?}: scheme {other} loaded"),
                }
            }
            if let Some(bundle) = c.portal.ca_bundle_path() {
                prop_assert!(cfg::load_ca_bundle(bundle).is_ok(), "{bundle:?} loaded but is unusable");
            }
            for a in &loaded.adjustments {
                prop_assert!((1..=last_line(text)).contains(&a.line), "{a:?} in {text:?}");
            }
        }
        Err(ConfigError::Invalid { line, message, .. }) => {
            prop_assert!((1..=last_line(text)).contains(&line), "line {line} ({message}) in {text:?}");
            prop_assert!(!message.is_empty());
        }
        Err(e @ ConfigError::Unreadable { .. }) => {
            return Err(TestCaseError::fail(format!("parse read a file: {e}")));
        }
    }
    Ok(())
}

const SECTIONS: &[&str] =
    &["[terminal]", "[portal]", "[screen]", "[session]", "[defaults]", "[keys]", "[[demo.cards]]", "[demo]"];

const KEYS: &[&str] = &[
    "id",
    "hall_id",
    "demo_mode",
    "url",
    "embedded_db",
    "connect_timeout_ms",
    "request_timeout_ms",
    "retries",
    "max_answer_kib",
    "allow_plain_http",
    "ca_bundle",
    "diagonal_inches",
    "width_px",
    "height_px",
    "viewing_distance_mm",
    "idle_seconds",
    "warning_seconds",
    "max_extensions",
    "language",
    "text_step",
    "theme",
    "voice",
    "repeat",
    "voice_on",
    "help",
    "id_number",
    "name",
    "cards",
];

/// A TOML value, well-formed or not. Strings hold no `/`: a `ca_bundle` is read
/// relative to the working directory, and must not name a device.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        (0u64..5000).prop_map(|n| n.to_string()),
        any::<f32>().prop_map(|x| format!("{x:?}")),
        any::<bool>().prop_map(|b| b.to_string()),
        "[a-zA-Z0-9 .:_-]{0,24}".prop_map(|s| format!("\"{s}\"")),
        Just("\"embedded\"".to_owned()),
        prop::sample::select(vec![
            "\"https://portal.example\"",
            "\"http://10.0.0.1\"",
            "\"http://127.0.0.1:8080\"",
            "\"http://[::1]\"",
            "\"zh-CN\"",
            "\"en-US\"",
            "\"white-on-black\"",
            "\"110105194403160289\"",
            "\"11010519350608013X\"",
        ])
        .prop_map(str::to_owned),
        "[0-9X]{17,19}".prop_map(|s| format!("\"{s}\"")),
        Just("[1, \"a\"]".to_owned()),
        Just("{ x = 1 }".to_owned()),
        "[^\n]{0,12}",
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(SECTIONS).prop_map(str::to_owned),
        (prop::sample::select(KEYS), value()).prop_map(|(k, v)| format!("{k} = {v}")),
        ("[a-z_]{1,10}", value()).prop_map(|(k, v)| format!("{k} = {v}")),
        "[^\n]{0,30}",
        Just(String::new()),
        Just("# comment".to_owned()),
    ]
}

/// The shipped `kiosk.toml`, and every other file of `kiosk-config/` (CA bundles).
fn shipped() -> &'static (String, Vec<PathBuf>) {
    static SHIPPED: OnceLock<(String, Vec<PathBuf>)> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("kiosk-config");
        let toml = std::fs::read_to_string(dir.join(cfg::CONFIG_FILE)).expect("kiosk.toml");
        let mut others: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("kiosk-config")
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.file_name().is_some_and(|n| n != cfg::CONFIG_FILE))
            .collect();
        others.sort();
        (toml, others)
    })
}

/// One change a slip could make to a file of lines.
#[derive(Clone, Debug)]
enum Edit {
    Delete(prop::sample::Index),
    Duplicate(prop::sample::Index),
    /// The value of a `key = value` line (or the whole line) replaced.
    Revalue(prop::sample::Index, String),
    Insert(prop::sample::Index, String),
    Swap(prop::sample::Index, prop::sample::Index),
    /// The file cut at this fraction of its bytes (a write that did not finish).
    Cut(f64),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = any::<prop::sample::Index>;
    prop_oneof![
        at().prop_map(Edit::Delete),
        at().prop_map(Edit::Duplicate),
        (at(), value()).prop_map(|(i, v)| Edit::Revalue(i, v)),
        (at(), line()).prop_map(|(i, l)| Edit::Insert(i, l)),
        (at(), at()).prop_map(|(i, j)| Edit::Swap(i, j)),
        (0.0f64..1.0).prop_map(Edit::Cut),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for e in edits {
        if lines.is_empty() {
            lines.push(String::new());
        }
        match e {
            Edit::Delete(i) => {
                lines.remove(i.index(lines.len()));
            }
            Edit::Duplicate(i) => {
                let n = i.index(lines.len());
                lines.insert(n, lines[n].clone());
            }
            Edit::Revalue(i, v) => {
                let n = i.index(lines.len());
                lines[n] = match lines[n].split_once('=') {
                    Some((key, _)) => format!("{key}= {v}"),
                    None => v.clone(),
                };
            }
            Edit::Insert(i, l) => lines.insert(i.index(lines.len() + 1), l.clone()),
            Edit::Swap(i, j) => {
                let (a, b) = (i.index(lines.len()), j.index(lines.len()));
                lines.swap(a, b);
            }
            Edit::Cut(at) => {
                let joined = lines.join("\n");
                let mut end = ((joined.len() as f64) * at) as usize;
                while !joined.is_char_boundary(end) {
                    end -= 1;
                }
                lines = joined[..end].lines().map(str::to_owned).collect();
            }
        }
    }
    lines.join("\n") + "\n"
}

/// A CA certificate (PEM) for the bundles to start from, made once.
fn ca_pem() -> &'static str {
    static PEM: OnceLock<String> = OnceLock::new();
    PEM.get_or_init(|| {
        let key = rcgen::KeyPair::generate().expect("key");
        let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
        params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        params.self_signed(&key).expect("certificate").pem()
    })
}

/// Bytes that are a CA bundle, nearly one, or not one at all.
fn bundle() -> impl Strategy<Value = Vec<u8>> {
    let pem = || {
        let mut seeds = vec![ca_pem().as_bytes().to_vec()];
        seeds.extend(shipped().1.iter().filter_map(|p| std::fs::read(p).ok()));
        prop::sample::select(seeds)
    };
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..2048),
        // A real bundle cut short, or with bytes changed.
        (pem(), 0.0f64..1.0).prop_map(|(b, at)| b[..((b.len() as f64) * at) as usize].to_vec()),
        (pem(), prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)).prop_map(
            |(mut b, flips)| {
                for (i, byte) in flips {
                    let n = i.index(b.len());
                    b[n] = byte;
                }
                b
            }
        ),
        // Two certificates, or one with text around it.
        pem().prop_map(|b| [b.clone(), b].concat()),
        pem().prop_map(|b| [b"# the hall's CA\n".to_vec(), b, b"trailing words\n".to_vec()].concat()),
    ]
}

proptest! {
    #![proptest_config(cases(256))]

    /// The shipped `kiosk.toml`, changed by a few slips.
    #[test]
    fn the_shipped_config_survives_slips(edits in prop::collection::vec(edit(), 1..6)) {
        check(&apply(&shipped().0, &edits))?;
    }

    /// A CA bundle that is not quite one: read, or refused naming the file; then the
    /// whole folder, whose `kiosk.toml` names it, loads or names the `ca_bundle` line.
    #[test]
    fn ca_bundles_are_read_or_refused(bytes in bundle()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let pem = dir.path().join("ca.pem");
        std::fs::write(&pem, &bytes).expect("bundle");
        match cfg::load_ca_bundle(&pem) {
            Ok(certs) => prop_assert!(!certs.is_empty()),
            Err(why) => prop_assert!(why.contains("ca.pem"), "{why}"),
        }
        let toml = "[portal]\nurl = \"https://portal.example\"\nca_bundle = \"ca.pem\"\n";
        std::fs::write(dir.path().join(cfg::CONFIG_FILE), toml).expect("config");
        match Config::load_dir(dir.path()) {
            Ok(loaded) => prop_assert_eq!(loaded.config.portal.ca_bundle_path(), Some(pem.as_path())),
            Err(ConfigError::Invalid { line, message, .. }) => {
                prop_assert_eq!(line, 3, "{}", message);
                prop_assert!(message.contains("ca.pem"), "{}", message);
            }
            Err(e) => return Err(TestCaseError::fail(format!("{e}"))),
        }
    }
}

#[test]
fn every_file_of_the_config_folder_is_fuzzed() {
    // kiosk.toml above; any other file must be a CA bundle (its seeds come from here).
    for other in &shipped().1 {
        let pem = other.extension().is_some_and(|x| x == "pem");
        assert!(pem, "{}: a new kind of config file needs its property test here", other.display());
        assert!(cfg::load_ca_bundle(other).is_ok(), "{}: a shipped bundle must load", other.display());
    }
    assert!(Config::parse(&shipped().0, Path::new("kiosk.toml")).is_ok());
}

proptest! {
    #![proptest_config(cases(256))]

    /// Any text at all.
    #[test]
    fn config_parse_survives_any_text(text in "(?s).{0,400}") {
        check(&text)?;
    }

    /// The real sections and keys, with values of every type and range.
    #[test]
    fn config_parse_survives_real_keys_with_any_values(lines in prop::collection::vec(line(), 0..40)) {
        check(&lines.join("\n"))?;
        check(&(lines.join("\r\n") + "\n"))?;
    }
}
