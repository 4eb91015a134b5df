//! The layers hold: a test reads the sources and fails on a use that crosses
//! a layer the wrong way, and on a source file past the size we keep to.
//!
//! - `core` (config, contract types, validation, the flow engine, spoken
//!   forms) knows nothing of the UI, Fluent, the portal, the client or speech;
//! - `client`, `speech`, `portal` and `outbox` know nothing of the UI;
//! - the UI reaches the reference portal only through `ui/embedded.rs` (the
//!   start-up seam), and never reads its demo data.

use std::path::{Path, PathBuf};

/// No source file is longer than this (STYLE.md: small files).
const MAX_LINES: usize = 500;

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// (file, line) of every use in `dir` of one of `forbidden`, except in
/// `allowed` files and in test modules (which end a file, after `#[cfg(test)]`).
fn crossings(dir: &str, forbidden: &[&str], allowed: &[&str]) -> Vec<String> {
    let mut out = vec![];
    for file in sources(&root().join(dir)) {
        let rel = file.strip_prefix(root()).unwrap_or(&file).to_string_lossy().into_owned();
        if allowed.contains(&rel.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            if line.trim() == "#[cfg(test)]" {
                break;
            }
            let code = line.split("//").next().unwrap_or_default();
            if forbidden.iter().any(|f| code.contains(f)) {
                out.push(format!("{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    out
}

#[test]
fn the_core_knows_nothing_of_the_layers_above() {
    let above = [
        "crate::ui",
        "crate::i18n",
        "crate::portal",
        "crate::client",
        "crate::speech",
        "crate::a11y",
        "iced::",
        "fluent",
    ];
    let found = crossings("src/core", &above, &[]);
    assert!(found.is_empty(), "the core reaches up:\n{}", found.join("\n"));
}

#[test]
fn client_speech_portal_and_outbox_know_nothing_of_the_ui() {
    let ui = ["crate::ui", "crate::a11y", "iced::"];
    let mut found = crossings("src/client", &ui, &[]);
    found.extend(crossings("src/speech", &ui, &[]));
    found.extend(crossings("src/portal", &ui, &[]));
    found.extend(crossings("src/outbox", &ui, &[]));
    assert!(found.is_empty(), "a lower layer reaches the UI:\n{}", found.join("\n"));
}

#[test]
fn the_ui_reaches_the_portal_only_through_its_start_up_seam() {
    let found = crossings("src/ui", &["crate::portal", "portal-seed", "Seed::"], &["src/ui/embedded.rs"]);
    assert!(found.is_empty(), "the UI reaches into the portal:\n{}", found.join("\n"));
}

#[test]
fn no_source_file_is_over_the_limit() {
    let mut long = vec![];
    for dir in ["src", "tests", "benches"] {
        for file in sources(&root().join(dir)) {
            let lines = std::fs::read_to_string(&file).map(|t| t.lines().count()).unwrap_or(0);
            if lines > MAX_LINES {
                long.push(format!("{}: {lines} lines", file.display()));
            }
        }
    }
    assert!(long.is_empty(), "files over {MAX_LINES} lines:\n{}", long.join("\n"));
}

#[test]
fn a_crossing_is_found() {
    // The check itself can fail: this file names the forbidden paths.
    assert!(!crossings("src", &["crate::ui::embedded"], &[]).is_empty());
}
