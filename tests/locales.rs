//! Consistency checks of the Fluent files under `locales/`.
//!
//! Fails, listing every offender, when
//! (a) a message, term or attribute exists in one locale and not in the other,
//! (b) a locale file does not parse, defines an id twice, or a message does not format,
//! (c) a message id never appears as a string literal `"id"` (or `"id.attr"`) under `src/`,
//!     unless it is listed in `tests/locale-dynamic-ids.txt`,
//! (d) a message (or attribute) uses different `$variables` in the two locales,
//! and when the set of files on disk differs from `yiban::i18n::LOCALE_FILES`.
//!
//! The files are read from disk, independently of the copies embedded in the library.
//! `fluent-syntax`'s AST types are not re-exported by `fluent-bundle`, so variables and
//! references are read from the AST's derived `Debug` output, which is exact (identifiers
//! are printed verbatim and text is printed escaped, so text cannot fake a reference).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use yiban::i18n::{LOCALE_FILES, Lang};

// ---- helpers ----------------------------------------------------------------------------------

/// What one locale defines.
#[derive(Debug, Default)]
struct LocaleInfo {
    /// `id`, `id.attr` (messages) and `-id` (terms).
    keys: BTreeSet<String>,
    /// Message ids only, for the usage check.
    messages: BTreeSet<String>,
    /// `id` / `id.attr` → `$variables` used, including through message references.
    vars: BTreeMap<String, BTreeSet<String>>,
    /// Parse, duplicate-id and formatting problems, one line each.
    errors: Vec<String>,
}

/// Every name following `marker` up to the next `"` in `debug`.
fn names_after(debug: &str, marker: &str) -> Vec<String> {
    debug
        .match_indices(marker)
        .filter_map(|(at, _)| {
            let rest = &debug[at + marker.len()..];
            rest.find('"').map(|end| rest[..end].to_owned())
        })
        .collect()
}

const VAR: &str = "VariableReference { id: Identifier { name: \"";
const MSG_REF: &str = "MessageReference { id: Identifier { name: \"";
const ATTR_OF_REF: &str = "\" }, attribute: Some(Identifier { name: \"";

/// `$variables` used directly in the `Debug` text of a pattern.
fn direct_vars(debug: &str) -> BTreeSet<String> {
    names_after(debug, VAR).into_iter().collect()
}

/// Messages (`id` or `id.attr`) referenced in the `Debug` text of a pattern.
fn message_refs(debug: &str) -> BTreeSet<String> {
    debug
        .match_indices(MSG_REF)
        .filter_map(|(at, _)| {
            let rest = &debug[at + MSG_REF.len()..];
            let end = rest.find('"')?;
            let id = &rest[..end];
            match rest[end..].strip_prefix(ATTR_OF_REF) {
                Some(attr) => Some(format!("{id}.{}", &attr[..attr.find('"')?])),
                None => Some(id.to_owned()),
            }
        })
        .collect()
}

/// 1-based line of byte offset `pos` in `source`.
fn line_of(source: &str, pos: usize) -> usize {
    source[..pos.min(source.len())].matches('\n').count() + 1
}

/// Parses the `(file name, source)` list of one locale.
fn analyse(label: &str, files: &[(String, String)]) -> LocaleInfo {
    let mut info = LocaleInfo::default();
    let mut bundle = FluentBundle::new(vec![]);
    bundle.set_use_isolating(false);
    let mut direct: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();

    for (file, source) in files {
        let resource = match FluentResource::try_new(source.clone()) {
            Ok(r) => r,
            Err((r, errors)) => {
                for e in errors {
                    info.errors.push(format!(
                        "{label}/{file}:{}: does not parse: {e}",
                        line_of(source, e.pos.start)
                    ));
                }
                r
            }
        };
        for entry in resource.entries() {
            let debug = format!("{entry:?}");
            if debug.starts_with("Term(") {
                let marker = "Term(Term { id: Identifier { name: \"";
                if let Some(id) = names_after(&debug, marker).into_iter().next() {
                    info.keys.insert(format!("-{id}"));
                }
            }
        }
        if let Err(errors) = bundle.add_resource(resource) {
            for e in errors {
                info.errors.push(format!("{label}/{file}: {e}"));
            }
        }
        for id in message_ids(source) {
            let Some(msg) = bundle.get_message(&id) else {
                continue;
            };
            info.messages.insert(id.clone());
            info.keys.insert(id.clone());
            if let Some(value) = msg.value() {
                let d = format!("{value:?}");
                direct.insert(id.clone(), (direct_vars(&d), message_refs(&d)));
            }
            for attr in msg.attributes() {
                let key = format!("{id}.{}", attr.id());
                let d = format!("{:?}", attr.value());
                info.keys.insert(key.clone());
                direct.insert(key, (direct_vars(&d), message_refs(&d)));
            }
        }
    }

    for key in direct.keys() {
        info.vars.insert(key.clone(), transitive_vars(key, &direct));
    }

    // Every message must format without errors when given all of its variables.
    for (key, vars) in &info.vars {
        let mut args = FluentArgs::new();
        for v in vars {
            args.set(v.as_str(), FluentValue::from(1));
        }
        let (id, attr) = match key.split_once('.') {
            Some((id, attr)) => (id, Some(attr)),
            None => (key.as_str(), None),
        };
        let Some(msg) = bundle.get_message(id) else {
            continue;
        };
        let pattern = match attr {
            Some(a) => msg.get_attribute(a).map(|a| a.value()),
            None => msg.value(),
        };
        if let Some(pattern) = pattern {
            let mut errors = vec![];
            let _ = bundle.format_pattern(pattern, Some(&args), &mut errors);
            for e in errors {
                info.errors.push(format!("{label}: {key}: does not format: {e}"));
            }
        }
    }
    info
}

/// Variables of `key`, following message references (cycles are cut; Fluent reports them).
fn transitive_vars(
    key: &str,
    direct: &BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut todo = vec![key.to_owned()];
    while let Some(k) = todo.pop() {
        if !seen.insert(k.clone()) {
            continue;
        }
        if let Some((vars, refs)) = direct.get(&k) {
            out.extend(vars.iter().cloned());
            todo.extend(refs.iter().cloned());
        }
    }
    out
}

/// Candidate message ids: lines starting in column 0 with `identifier =`.
/// (Only ids the bundle accepted are kept by the caller.)
fn message_ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|line| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end_matches([' ', '\t']);
            let mut chars = id.chars();
            let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            ok.then(|| id.to_owned())
        })
        .collect()
}

/// (a): keys present in one locale only.
fn parity_problems(a: (&str, &LocaleInfo), b: (&str, &LocaleInfo)) -> Vec<String> {
    let mut out = vec![];
    for (x, y) in [(a, b), (b, a)] {
        for key in x.1.keys.difference(&y.1.keys) {
            out.push(format!("{key}: in {} but not in {}", x.0, y.0));
        }
    }
    out
}

/// (d): keys whose variables differ between the locales.
fn variable_problems(a: (&str, &LocaleInfo), b: (&str, &LocaleInfo)) -> Vec<String> {
    let show = |s: &BTreeSet<String>| s.iter().map(|v| format!("${v}")).collect::<Vec<_>>().join(", ");
    a.1.vars
        .iter()
        .filter_map(|(key, va)| {
            let vb = b.1.vars.get(key)?;
            (va != vb).then(|| format!("{key}: {} uses [{}], {} uses [{}]", a.0, show(va), b.0, show(vb)))
        })
        .collect()
}

/// Ids listed in the dynamic-ids file: first word of each line, `#` starts a comment.
fn parse_dynamic_ids(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(|l| l.split_whitespace().next().unwrap_or(l).to_owned())
        .collect()
}

/// (c): message ids that appear nowhere in `src_text` as `"id"` or `"id.attr…"`, and
/// dynamic ids that are not messages at all (stale entries).
fn unused_problems(messages: &BTreeSet<String>, src_text: &str, dynamic: &BTreeSet<String>) -> Vec<String> {
    let mut out: Vec<String> = messages
        .iter()
        .filter(|id| !dynamic.contains(*id))
        .filter(|id| !src_text.contains(&format!("\"{id}\"")) && !src_text.contains(&format!("\"{id}.")))
        .map(|id| format!("{id}: never used as a string literal under src/"))
        .collect();
    out.extend(
        dynamic
            .difference(messages)
            .map(|id| format!("{id}: listed in tests/locale-dynamic-ids.txt but not a message")),
    );
    out
}

// ---- reading the project -------------------------------------------------------------------

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `.ftl` files of one locale: the embedded list first, then any other file on disk.
fn locale_files(lang: Lang) -> Vec<(String, String)> {
    let dir = root().join("locales").join(lang.code());
    let mut names: Vec<String> = LOCALE_FILES.iter().map(|s| (*s).to_owned()).collect();
    let mut extra: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ftl") && !names.contains(n))
        .collect();
    extra.sort();
    names.extend(extra);
    names
        .into_iter()
        .filter_map(|n| {
            let text = std::fs::read_to_string(dir.join(&n)).ok()?;
            Some((n, text))
        })
        .collect()
}

fn both() -> [(&'static str, LocaleInfo); 2] {
    Lang::ALL.map(|lang| (lang.code(), analyse(lang.code(), &locale_files(lang))))
}

fn rust_sources(dir: &Path, out: &mut String) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            out.push_str(&text);
            out.push('\n');
        }
    }
}

fn report(what: &str, problems: &[String]) {
    if !problems.is_empty() {
        let list = problems.join("\n  ");
        panic!("{what} ({}):\n  {list}", problems.len());
    }
}

// ---- the checks ------------------------------------------------------------------------------

#[test]
fn locale_files_on_disk_match_the_embedded_list() {
    let mut problems = vec![];
    let locales = root().join("locales");
    for lang in Lang::ALL {
        let dir = locales.join(lang.code());
        for file in LOCALE_FILES {
            if !dir.join(file).is_file() {
                problems.push(format!("{}/{file}: missing", lang.code()));
            }
        }
        for (name, _) in locale_files(lang) {
            if !LOCALE_FILES.contains(&name.as_str()) {
                problems.push(format!(
                    "{}/{name}: not in yiban::i18n::LOCALE_FILES, so never loaded",
                    lang.code()
                ));
            }
        }
    }
    for entry in std::fs::read_dir(&locales).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && Lang::from_code(&name).map(Lang::code) != Some(name.as_str()) {
            problems.push(format!("locales/{name}: not a supported language"));
        }
    }
    report("locale files", &problems);
}

#[test]
fn every_message_parses_and_formats() {
    let problems: Vec<String> = both().into_iter().flat_map(|(_, i)| i.errors).collect();
    report("locale syntax or formatting errors", &problems);
}

#[test]
fn both_locales_have_the_same_ids_and_attributes() {
    let [a, b] = both();
    report("ids present in one locale only", &parity_problems((a.0, &a.1), (b.0, &b.1)));
}

#[test]
fn both_locales_use_the_same_variables() {
    let [a, b] = both();
    report("messages whose variables differ", &variable_problems((a.0, &a.1), (b.0, &b.1)));
}

#[test]
fn every_message_is_used_under_src() {
    let [a, b] = both();
    let messages: BTreeSet<String> = a.1.messages.union(&b.1.messages).cloned().collect();
    let mut src = String::new();
    rust_sources(&root().join("src"), &mut src);
    let dynamic_file = root().join("tests").join("locale-dynamic-ids.txt");
    let dynamic = parse_dynamic_ids(&std::fs::read_to_string(dynamic_file).unwrap_or_default());
    report("unused locale messages", &unused_problems(&messages, &src, &dynamic));
}

// ---- the helpers themselves, on small inputs -------------------------------------------------

fn files(src: &str) -> Vec<(String, String)> {
    vec![("t.ftl".to_owned(), src.to_owned())]
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

const ZH: &str = "\
# comment = not a message
-brand = 易办
hello = 你好，{ $name }，欢迎使用{ -brand }。
count = { $n ->
   *[other] 共 { $n } 项
}
    .label = { $what }数量
nested = { hello }
attr-ref = { count.label }
text-dollar = 价格 $5 不是变量，\"{ $quoted }\" 是
";

const EN: &str = "\
-brand = Yiban
hello = Hello, { $name }!
count = { $n ->
    [one] one item
   *[other] { $n } items
}
nested = { hello } { $extra }
attr-ref = { count.label }
only-en = x
text-dollar = price $5, \"{ $quoted }\"
";

#[test]
fn helper_extracts_ids_attributes_and_terms() {
    let zh = analyse("zh", &files(ZH));
    assert!(zh.errors.is_empty(), "{:?}", zh.errors);
    assert_eq!(
        zh.keys,
        set(&["-brand", "attr-ref", "count", "count.label", "hello", "nested", "text-dollar"])
    );
    assert_eq!(zh.messages, set(&["attr-ref", "count", "hello", "nested", "text-dollar"]));
}

#[test]
fn helper_collects_variables_through_selectors_attributes_and_references() {
    let zh = analyse("zh", &files(ZH));
    assert_eq!(zh.vars["hello"], set(&["name"]));
    assert_eq!(zh.vars["count"], set(&["n"]));
    assert_eq!(zh.vars["count.label"], set(&["what"]));
    assert_eq!(zh.vars["nested"], set(&["name"]));
    assert_eq!(zh.vars["attr-ref"], set(&["what"]));
    assert_eq!(zh.vars["text-dollar"], set(&["quoted"]));
    // Variables only in a non-default variant are still found.
    let en = analyse("en", &files("m = { $a ->\n    [x] { $b }\n   *[other] c\n}\n"));
    assert_eq!(en.vars["m"], set(&["a", "b"]));
}

#[test]
fn helper_reports_parity_and_variable_differences() {
    let zh = analyse("zh", &files(ZH));
    let en = analyse("en", &files(EN));
    assert_eq!(
        parity_problems(("zh", &zh), ("en", &en)),
        ["count.label: in zh but not in en", "only-en: in en but not in zh"]
    );
    assert_eq!(
        variable_problems(("zh", &zh), ("en", &en)),
        ["attr-ref: zh uses [$what], en uses []", "nested: zh uses [$name], en uses [$extra, $name]"]
    );
}

#[test]
fn helper_reports_parse_duplicate_and_format_errors() {
    let bad = vec![
        ("a.ftl".to_owned(), "ok = fine\nbroken = { $\nmissing-ref = { nope }\n".to_owned()),
        ("b.ftl".to_owned(), "ok = again\n".to_owned()),
    ];
    let info = analyse("xx", &bad);
    let joined = info.errors.join("\n");
    assert!(joined.contains("xx/a.ftl:2: does not parse"), "{joined}");
    assert!(joined.contains("xx/b.ftl:"), "duplicate id not reported: {joined}");
    assert!(joined.contains("missing-ref: does not format"), "{joined}");
    assert_eq!(info.errors.len(), 3, "{joined}");
}

#[test]
fn helper_finds_unused_ids_and_stale_dynamic_entries() {
    let messages = set(&["used", "used-attr", "unused", "built", "unused-prefix"]);
    let src = r#"t(lang, "used"); t(lang, "used-attr.label"); t(lang, "unused-prefix-more");"#;
    let dynamic = parse_dynamic_ids("# header\nbuilt   # made with format!\n\nstale # gone\n");
    assert_eq!(dynamic, set(&["built", "stale"]));
    assert_eq!(
        unused_problems(&messages, src, &dynamic),
        [
            "unused: never used as a string literal under src/",
            "unused-prefix: never used as a string literal under src/",
            "stale: listed in tests/locale-dynamic-ids.txt but not a message",
        ]
    );
}

#[test]
fn helper_message_ids_ignores_comments_terms_and_continuations() {
    let src = "# a = b\n-term = x\nid-1 = y\n    .attr = z\n  cont = w\nid_2=v\n";
    assert_eq!(message_ids(src), ["id-1", "id_2"]);
}
