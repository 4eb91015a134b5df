//! Pictograms drawn for Yiban: one hand-written 48×48 SVG per seeded matter,
//! material and bundle, per control and per evaluation face, in
//! `assets/pictograms/<key>.svg` (see its `README.md`).
//!
//! They are drawn in plain black and tinted when shown, so they always take
//! the colour of the words beside them. A pictogram is never shown alone: the
//! words carry the meaning, the picture helps to find and recognise it.

use std::collections::HashMap;
use std::sync::OnceLock;

use iced::widget::{Space, svg};
use iced::{Color, Element, Theme};

macro_rules! pictograms {
    ($($key:literal),* $(,)?) => {
        /// Every pictogram key, each with a file `assets/pictograms/<key>.svg`.
        pub const KEYS: &[&str] = &[$($key),*];

        /// The SVG bytes of every key, compiled into the binary.
        const FILES: &[(&str, &[u8])] =
            &[$(($key, include_bytes!(concat!("../../assets/pictograms/", $key, ".svg")))),*];
    };
}

pictograms![
    // Matters and bundles.
    "pension-check",
    "record-print",
    "pension-payments",
    "medical-transfer",
    "social-card",
    "old-age-allowance",
    "elder-bundle",
    // Materials.
    "id-card",
    "household-register",
    "residence-proof",
    "photo",
    "power-of-attorney",
    "bank-card",
    // Controls.
    "back",
    "home",
    "next",
    "ok",
    "call-staff",
    "repeat",
    "warning",
    "card-reader",
    "up",
    "down",
    "language",
    "text-size",
    "voice",
    "rate",
    "volume",
    "colours",
    "tip",
    // Evaluation faces.
    "face-very-satisfied",
    "face-satisfied",
    "face-basically-satisfied",
    "face-dissatisfied",
    "face-very-dissatisfied",
];

/// The SVG handle of `key`, or `None` for an unknown key. Handles are made
/// once; cloning one is cheap.
pub fn handle(key: &str) -> Option<svg::Handle> {
    static HANDLES: OnceLock<HashMap<&'static str, svg::Handle>> = OnceLock::new();
    HANDLES
        .get_or_init(|| FILES.iter().map(|&(k, bytes)| (k, svg::Handle::from_memory(bytes))).collect())
        .get(key)
        .cloned()
}

/// The pictogram `key` as a `size`×`size` square in the theme's text colour;
/// an empty square of the same size for an unknown key.
pub fn view<'a, M: 'a>(key: &str, size: f32) -> Element<'a, M> {
    shown(key, size, |theme: &Theme| theme.palette().text)
}

/// The pictogram `key` in `color`, for words that are not in the theme's text
/// colour (a primary button's label, say); otherwise like [`view`].
pub fn view_tinted<'a, M: 'a>(key: &str, size: f32, color: Color) -> Element<'a, M> {
    shown(key, size, move |_: &Theme| color)
}

/// The pictogram `key` in a colour taken from the theme (a button's text colour).
pub fn view_with<'a, M: 'a>(key: &str, size: f32, color: impl Fn(&Theme) -> Color + 'a) -> Element<'a, M> {
    shown(key, size, color)
}

fn shown<'a, M: 'a>(key: &str, size: f32, color: impl Fn(&Theme) -> Color + 'a) -> Element<'a, M> {
    match handle(key) {
        Some(h) => svg(h)
            .width(size)
            .height(size)
            .style(move |theme: &Theme, _| svg::Style { color: Some(color(theme)) })
            .into(),
        None => Space::new().width(size).height(size).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn svg_text(key: &str) -> &'static str {
        let bytes = FILES.iter().find(|(k, _)| *k == key).map(|(_, b)| *b).unwrap_or_default();
        std::str::from_utf8(bytes).unwrap_or_default()
    }

    /// The tag names of `doc` in order, `/name` for closing tags; `Err` on a
    /// malformed tag. Self-closing tags yield an opening and a closing name.
    fn tags(doc: &str) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        let mut rest = doc;
        while let Some(start) = rest.find('<') {
            let end = rest[start..].find('>').ok_or("unterminated tag")? + start;
            let inner = &rest[start + 1..end];
            if inner.contains('<') {
                return Err(format!("'<' inside a tag: {inner}"));
            }
            if !inner.matches('"').count().is_multiple_of(2) {
                return Err(format!("unbalanced quotes: {inner}"));
            }
            let closing = inner.starts_with('/');
            let self_closing = inner.ends_with('/');
            let name: String = inner
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == ':' || *c == '-')
                .collect();
            if name.is_empty() {
                return Err(format!("tag without a name: <{inner}>"));
            }
            if closing {
                out.push(format!("/{name}"));
            } else {
                out.push(name.clone());
                if self_closing {
                    out.push(format!("/{name}"));
                }
            }
            rest = &rest[end + 1..];
        }
        if !rest.trim().is_empty() {
            return Err(format!("text after the root element: {rest}"));
        }
        Ok(out)
    }

    fn balanced(tags: &[String]) -> Result<(), String> {
        let mut stack: Vec<&str> = Vec::new();
        for (i, tag) in tags.iter().enumerate() {
            if let Some(name) = tag.strip_prefix('/') {
                if stack.pop() != Some(name) {
                    return Err(format!("unexpected </{name}>"));
                }
                if stack.is_empty() && i + 1 != tags.len() {
                    return Err("more than one root element".into());
                }
            } else {
                stack.push(tag);
            }
        }
        if stack.is_empty() { Ok(()) } else { Err(format!("unclosed {stack:?}")) }
    }

    /// Every value of attribute `name` in `doc`.
    fn attribute_values<'d>(doc: &'d str, name: &str) -> Vec<&'d str> {
        let pattern = format!(" {name}=\"");
        doc.match_indices(&pattern)
            .filter_map(|(at, _)| {
                let value = &doc[at + pattern.len()..];
                value.find('"').map(|end| &value[..end])
            })
            .collect()
    }

    #[test]
    fn every_key_has_one_well_formed_small_svg() {
        let mut seen = std::collections::HashSet::new();
        for key in KEYS {
            assert!(seen.insert(key), "{key} listed twice");
            let doc = svg_text(key);
            assert!(
                doc.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" "#),
                "{key}: must start with an SVG root element"
            );
            assert!(doc.contains(r#" viewBox="0 0 48 48""#), "{key}: viewBox must be 48×48");
            assert!(doc.contains(r#" width="48" height="48""#), "{key}: must be 48×48");
            let tags = tags(doc).unwrap_or_else(|e| panic!("{key}: {e}"));
            balanced(&tags).unwrap_or_else(|e| panic!("{key}: {e}"));
            assert_eq!(tags.first().map(String::as_str), Some("svg"), "{key}");
            assert!(doc.len() < 1024, "{key}: {} bytes is not small", doc.len());
            assert!(handle(key).is_some(), "{key} has no handle");
        }
        assert_eq!(FILES.len(), KEYS.len());
    }

    #[test]
    fn only_simple_shapes_in_black_no_text() {
        const ALLOWED: &[&str] = &["svg", "g", "path", "circle", "ellipse", "rect"];
        for key in KEYS {
            let doc = svg_text(key);
            assert!(!doc.contains("<text"), "{key}: words go beside the pictogram, not in it");
            assert!(!doc.to_ascii_lowercase().contains("currentcolor"), "{key}: use plain #000");
            for tag in tags(doc).unwrap_or_default() {
                let name = tag.trim_start_matches('/');
                assert!(ALLOWED.contains(&name), "{key}: <{name}> is not a plain shape");
            }
            for attr in ["fill", "stroke"] {
                for value in attribute_values(doc, attr) {
                    assert!(["#000", "none"].contains(&value), "{key}: {attr}=\"{value}\"");
                }
            }
            for width in attribute_values(doc, "stroke-width") {
                let w: f32 = width.parse().unwrap_or(0.0);
                assert!(w >= 3.0, "{key}: stroke-width {width} is too thin for older eyes");
            }
        }
    }

    fn manifest_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    fn collect_pictogram_keys(value: &serde_json::Value, into: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    if k == "pictogram" {
                        into.push(v.as_str().map(str::to_owned).unwrap_or_else(|| format!("{v}")));
                    } else {
                        collect_pictogram_keys(v, into);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect_pictogram_keys(v, into)),
            _ => {}
        }
    }

    fn json_files(dir: &Path, into: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                json_files(&path, into);
            } else if path.extension().is_some_and(|e| e == "json") {
                into.push(path);
            }
        }
    }

    #[test]
    fn every_seeded_pictogram_key_is_drawn() {
        let mut files = Vec::new();
        json_files(&manifest_dir().join("assets/portal-seed"), &mut files);
        assert!(files.len() >= 7, "seed JSON not found: {files:?}");
        let mut used = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            let value: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            collect_pictogram_keys(&value, &mut used);
        }
        assert!(used.len() >= 13, "too few pictogram keys in the seed: {used:?}");
        for key in &used {
            assert!(KEYS.contains(&key.as_str()), "seed uses pictogram {key:?}, which is not drawn");
        }
    }

    #[test]
    fn the_directory_holds_exactly_the_keys() {
        let dir = manifest_dir().join("assets/pictograms");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|e| {
                        e.file_name().to_str().and_then(|n| n.strip_suffix(".svg")).map(str::to_owned)
                    })
                    .collect()
            })
            .unwrap_or_default();
        on_disk.sort();
        let mut keys: Vec<String> = KEYS.iter().map(|k| (*k).to_owned()).collect();
        keys.sort();
        assert_eq!(on_disk, keys);
        assert!(dir.join("README.md").exists());
    }

    #[test]
    fn unknown_keys_have_no_handle() {
        assert!(handle("no-such-pictogram").is_none());
        assert!(handle("").is_none());
    }

    /// Renders every pictogram through iced (resvg), tinted with a light
    /// text colour on a dark theme, and checks each cell has a fair amount of
    /// ink in that colour — so every file parses, draws, and takes the tint.
    #[test]
    fn every_pictogram_renders_and_takes_the_text_colour() {
        use iced::widget::{column, container, row};

        const CELL: f32 = 64.0;
        const COLS: usize = 8;
        let rows = KEYS.len().div_ceil(COLS);
        let grid = column(KEYS.chunks(COLS).map(|keys| {
            row(keys.iter().map(|key| container(view::<()>(key, 48.0)).center(CELL).into())).into()
        }));
        let size = iced::Size::new(CELL * COLS as f32, CELL * rows as f32);
        let theme = Theme::Dark;
        let text = theme.palette().text;
        let mut ui = iced_test::simulator::Simulator::with_size(iced::Settings::default(), size, grid);
        let snapshot = ui.snapshot(&theme).unwrap_or_else(|e| panic!("snapshot: {e}"));
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let path = dir.path().join("pictograms.png");
        snapshot.matches_image(&path).unwrap_or_else(|e| panic!("writing the snapshot: {e}"));
        let written = std::fs::read_dir(dir.path())
            .ok()
            .and_then(|mut entries| entries.next())
            .and_then(Result::ok)
            .map(|e| e.path())
            .unwrap_or_else(|| panic!("no snapshot written"));
        let image = image::open(&written).unwrap_or_else(|e| panic!("{e}")).to_rgba8();
        let scale = image.width() as f32 / size.width;
        let target = [text.r, text.g, text.b].map(|c| (c * 255.0).round() as i32);
        for (i, key) in KEYS.iter().enumerate() {
            let (x0, y0) = ((i % COLS) as f32 * CELL * scale, (i / COLS) as f32 * CELL * scale);
            let side = (CELL * scale) as u32;
            let mut inked = 0u32;
            for y in y0 as u32..y0 as u32 + side {
                for x in x0 as u32..x0 as u32 + side {
                    let p = image.get_pixel(x, y).0;
                    if (0..3).all(|c| (i32::from(p[c]) - target[c]).abs() <= 8) {
                        inked += 1;
                    }
                }
            }
            let share = inked as f32 / (side * side) as f32;
            assert!(
                (0.04..0.6).contains(&share),
                "{key}: {:.1}% of its cell in the text colour",
                share * 100.0
            );
        }
    }
}
