//! `Config::parse` fed arbitrary text, and TOML made of the real sections and keys
//! with arbitrary values: it never panics, and either loads (every value in its
//! range, every adjustment on a line of the file) or names a line of the file.

use std::path::Path;

use proptest::prelude::*;
use yiban::core::config::{self as cfg, Config, ConfigError};

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
