//! Fluent localisation (zh-CN reference wording, en-US translation).
//!
//! All locale files are compiled in (`include_str!`), so the kiosk never depends on files at
//! run time. Lookups never panic: a missing message or a formatting error is logged once per
//! message id (never with its arguments, which may be personal data) and the id itself is
//! returned so the screen still shows something a member of staff can report.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentError, FluentResource, FluentValue};
use unic_langid::{LanguageIdentifier, langid};

pub use crate::core::lang::Lang;

/// What Fluent needs of a language.
trait Locale {
    fn langid(self) -> LanguageIdentifier;
    fn index(self) -> usize;
}

impl Locale for Lang {
    fn langid(self) -> LanguageIdentifier {
        match self {
            Lang::ZhCn => langid!("zh-CN"),
            Lang::EnUs => langid!("en-US"),
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::ZhCn => 0,
            Lang::EnUs => 1,
        }
    }
}

/// The locale files every language has, in load order, under `locales/<code>/`.
pub const LOCALE_FILES: [&str; 6] =
    ["common.ftl", "problems.ftl", "errors.ftl", "screens.ftl", "speech.ftl", "portal.ftl"];

macro_rules! embed {
    ($lang:expr, $dir:literal, $file:literal) => {
        ($lang, $file, include_str!(concat!("../locales/", $dir, "/", $file)))
    };
}

/// `(language, file name, FTL source)` of every compiled-in locale file.
const EMBEDDED: [(Lang, &str, &str); 12] = [
    embed!(Lang::ZhCn, "zh-CN", "common.ftl"),
    embed!(Lang::ZhCn, "zh-CN", "problems.ftl"),
    embed!(Lang::ZhCn, "zh-CN", "errors.ftl"),
    embed!(Lang::ZhCn, "zh-CN", "screens.ftl"),
    embed!(Lang::ZhCn, "zh-CN", "speech.ftl"),
    embed!(Lang::ZhCn, "zh-CN", "portal.ftl"),
    embed!(Lang::EnUs, "en-US", "common.ftl"),
    embed!(Lang::EnUs, "en-US", "problems.ftl"),
    embed!(Lang::EnUs, "en-US", "errors.ftl"),
    embed!(Lang::EnUs, "en-US", "screens.ftl"),
    embed!(Lang::EnUs, "en-US", "speech.ftl"),
    embed!(Lang::EnUs, "en-US", "portal.ftl"),
];

/// A value passed to a Fluent placeable such as `{ $field }` or `{ $n }`.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Num(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Str(s.clone())
    }
}

impl From<f64> for Arg {
    fn from(n: f64) -> Self {
        Arg::Num(n)
    }
}

/// Integer literals (`3.into()`) default to `i32`.
impl From<i32> for Arg {
    fn from(n: i32) -> Self {
        Arg::Num(f64::from(n))
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        // Counts and limits shown on a kiosk are far below 2^53.
        Arg::Num(n as f64)
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Num(f64::from(n))
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Num(n as f64)
    }
}

struct LangBundle {
    bundle: FluentBundle<FluentResource>,
    /// Sorted message ids (without attributes).
    ids: Vec<String>,
}

/// One Fluent bundle per [`Lang`].
pub struct Locales {
    bundles: [LangBundle; 2],
    /// `(lang, id)` pairs already warned about, so a redraw loop does not flood the log.
    warned: Mutex<HashSet<(Lang, String)>>,
}

impl std::fmt::Debug for Locales {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locales")
            .field("zh-CN", &self.bundles[0].ids.len())
            .field("en-US", &self.bundles[1].ids.len())
            .finish_non_exhaustive()
    }
}

impl Locales {
    /// The compiled-in locales, built on first use.
    pub fn embedded() -> &'static Locales {
        static LOCALES: OnceLock<Locales> = OnceLock::new();
        LOCALES.get_or_init(|| Locales::from_sources(&EMBEDDED))
    }

    /// Builds bundles from `(language, file name, FTL source)` triples. Syntax errors and
    /// duplicate ids are logged; everything that parses is still loaded.
    pub fn from_sources(sources: &[(Lang, &str, &str)]) -> Locales {
        let bundles = Lang::ALL.map(|lang| {
            let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
            bundle.set_use_isolating(false);
            let mut ids = Vec::new();
            for &(_, file, source) in sources.iter().filter(|(l, _, _)| *l == lang) {
                let resource = match FluentResource::try_new(source.to_owned()) {
                    Ok(resource) => resource,
                    Err((resource, errors)) => {
                        for error in &errors {
                            tracing::warn!(lang = lang.code(), file, %error, "locale file does not parse");
                        }
                        resource
                    }
                };
                ids.extend(message_ids(source).map(str::to_owned));
                if let Err(errors) = bundle.add_resource(resource) {
                    for error in &errors {
                        tracing::warn!(lang = lang.code(), file, %error, "locale message defined twice");
                    }
                }
            }
            ids.retain(|id| bundle.has_message(id));
            ids.sort();
            ids.dedup();
            LangBundle { bundle, ids }
        });
        Locales { bundles, warned: Mutex::new(HashSet::new()) }
    }

    /// The message `id` (or attribute `id.attr`) in `lang`, or `id` itself if it is missing.
    pub fn text(&self, lang: Lang, id: &str) -> String {
        self.format(lang, id, None)
    }

    /// Like [`Locales::text`], with arguments for the message's `$variables`.
    pub fn text_with(&self, lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
        let mut fluent_args = FluentArgs::with_capacity(args.len());
        for (name, value) in args {
            let value = match value {
                Arg::Str(s) => FluentValue::from(s.as_str()),
                Arg::Num(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        self.format(lang, id, Some(&fluent_args))
    }

    /// Whether `lang` has the message `id` (or attribute `id.attr`) with a value.
    pub fn has(&self, lang: Lang, id: &str) -> bool {
        let bundle = &self.bundles[lang.index()].bundle;
        let (msg_id, attr) = split_id(id);
        bundle.get_message(msg_id).is_some_and(|msg| match attr {
            None => msg.value().is_some(),
            Some(attr) => msg.get_attribute(attr).is_some(),
        })
    }

    /// All message ids of `lang`, sorted (attributes not included).
    pub fn ids(&self, lang: Lang) -> Vec<String> {
        self.bundles[lang.index()].ids.clone()
    }

    fn format(&self, lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = &self.bundles[lang.index()].bundle;
        let (msg_id, attr) = split_id(id);
        let pattern = bundle.get_message(msg_id).and_then(|msg| match attr {
            None => msg.value(),
            Some(attr) => msg.get_attribute(attr).map(|a| a.value()),
        });
        let Some(pattern) = pattern else {
            self.warn_once(lang, id, "missing locale message", &[]);
            return id.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if errors.is_empty() {
            text.into_owned()
        } else {
            self.warn_once(lang, id, "locale message did not format", &errors);
            id.to_owned()
        }
    }

    fn warn_once(&self, lang: Lang, id: &str, what: &str, errors: &[FluentError]) {
        let first = match self.warned.lock() {
            Ok(mut warned) => warned.insert((lang, id.to_owned())),
            Err(poisoned) => poisoned.into_inner().insert((lang, id.to_owned())),
        };
        if first {
            // Fluent errors name variables and messages, never argument values.
            let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
            tracing::warn!(lang = lang.code(), id, ?errors, "{what}");
        }
    }
}

/// `"id.attr"` → `("id", Some("attr"))`; `"id"` → `("id", None)`.
fn split_id(id: &str) -> (&str, Option<&str>) {
    match id.split_once('.') {
        Some((msg, attr)) => (msg, Some(attr)),
        None => (id, None),
    }
}

/// Ids of the messages defined in an FTL source: lines starting in column 0 with an
/// identifier followed by `=`. (Continuation lines are always indented; terms start with
/// `-`, comments with `#`.) Callers keep only the ids the bundle actually accepted.
fn message_ids(source: &str) -> impl Iterator<Item = &str> {
    source.lines().filter_map(|line| {
        let first = line.chars().next()?;
        if !first.is_ascii_alphabetic() {
            return None;
        }
        let end =
            line.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(line.len());
        let (id, rest) = line.split_at(end);
        rest.trim_start_matches([' ', '\t']).starts_with('=').then_some(id)
    })
}

/// `t(lang, "id")`: the message `id` in `lang` from the embedded locales.
pub fn t(lang: Lang, id: &str) -> String {
    Locales::embedded().text(lang, id)
}

/// `tw(lang, "id", &[("n", 3.into())])`: the message `id` with arguments.
pub fn tw(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    Locales::embedded().text_with(lang, id, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Locales {
        Locales::from_sources(&[
            (Lang::ZhCn, "a.ftl", "hello = 你好，{ $name }！\ncount = 共 { $n } 项\n    .label = 数量\n"),
            (Lang::ZhCn, "b.ftl", "-term = 易办\nbrand = { -term }\n"),
            (
                Lang::EnUs,
                "a.ftl",
                "hello = Hello, { $name }!\ncount = { $n ->\n    [one] { $n } item\n   *[other] { $n } items\n}\n    .label = Count\n",
            ),
            (Lang::EnUs, "b.ftl", "broken = { $\nbrand = Yiban\n"),
        ])
    }

    #[test]
    fn lang_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("zh_cn"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_code("EN"), Some(Lang::EnUs));
        assert_eq!(Lang::from_code("fr-FR"), None);
        assert_eq!(Lang::default(), Lang::ZhCn);
    }

    #[test]
    fn lang_serde_uses_codes() {
        assert_eq!(serde_json::to_string(&Lang::ZhCn).ok().as_deref(), Some("\"zh-CN\""));
        let parsed: Option<Lang> = serde_json::from_str("\"en-US\"").ok();
        assert_eq!(parsed, Some(Lang::EnUs));
    }

    #[test]
    fn formats_without_isolation_marks() {
        let l = small();
        assert_eq!(l.text_with(Lang::ZhCn, "hello", &[("name", "王芳".into())]), "你好，王芳！");
        assert_eq!(l.text_with(Lang::ZhCn, "count", &[("n", 3.into())]), "共 3 项");
        assert_eq!(l.text_with(Lang::EnUs, "count", &[("n", 1.into())]), "1 item");
        assert_eq!(l.text_with(Lang::EnUs, "count", &[("n", 2_usize.into())]), "2 items");
        assert_eq!(l.text_with(Lang::EnUs, "count", &[("n", 2.5.into())]), "2.5 items");
        assert_eq!(l.text(Lang::ZhCn, "brand"), "易办");
        assert_eq!(l.text(Lang::EnUs, "count.label"), "Count");
    }

    #[test]
    fn missing_or_broken_returns_the_id() {
        let l = small();
        assert_eq!(l.text(Lang::ZhCn, "no-such-message"), "no-such-message");
        assert_eq!(l.text(Lang::ZhCn, "hello"), "hello", "missing argument");
        assert_eq!(l.text(Lang::EnUs, "count.nope"), "count.nope");
        // Twice: the second call must not warn again (and must not deadlock).
        assert_eq!(l.text(Lang::ZhCn, "hello"), "hello");
        // The unparsable message is skipped, the rest of its file still loads.
        assert_eq!(l.text(Lang::EnUs, "broken"), "broken");
        assert_eq!(l.text(Lang::EnUs, "brand"), "Yiban");
    }

    #[test]
    fn has_and_ids() {
        let l = small();
        assert!(l.has(Lang::ZhCn, "hello"));
        assert!(l.has(Lang::ZhCn, "count.label"));
        assert!(!l.has(Lang::ZhCn, "count.nope"));
        assert!(!l.has(Lang::ZhCn, "term"));
        assert!(!l.has(Lang::EnUs, "broken"));
        assert_eq!(l.ids(Lang::ZhCn), ["brand", "count", "hello"]);
        assert_eq!(l.ids(Lang::EnUs), ["brand", "count", "hello"]);
    }

    #[test]
    fn message_ids_scans_column_zero_only() {
        let src =
            "# c\nab-c = x\n    .attr = y\n-term = z\n  indented = no\nx_1 =\n    multi\nnot an id = 1\n";
        let ids: Vec<&str> = message_ids(src).collect();
        assert_eq!(ids, ["ab-c", "x_1"]);
    }

    #[test]
    fn embedded_list_matches_locale_files() {
        for lang in Lang::ALL {
            let files: Vec<&str> =
                EMBEDDED.iter().filter(|(l, _, _)| *l == lang).map(|(_, f, _)| *f).collect();
            assert_eq!(files, LOCALE_FILES);
        }
    }

    #[test]
    fn embedded_locales_load() {
        let l = Locales::embedded();
        for lang in Lang::ALL {
            assert!(l.ids(lang).len() >= 40, "{lang:?}: {:?}", l.ids(lang));
            for id in l.ids(lang) {
                assert!(l.has(lang, &id));
            }
        }
        assert_eq!(t(Lang::ZhCn, "app-name"), "易办");
        assert_eq!(t(Lang::EnUs, "app-name"), "Yiban");
        let step = [("n", Arg::from(2)), ("total", Arg::from(5_u32))];
        assert_eq!(tw(Lang::ZhCn, "step-of", &step), "第 2 步，共 5 步");
        assert_eq!(tw(Lang::EnUs, "step-of", &step), "Step 2 of 5");
        assert_eq!(
            tw(Lang::ZhCn, "problem-bad-check-digit", &[("field", "公民身份号码".into())]),
            "「公民身份号码」的最后一位对不上，请您再核对一下身份证上的号码。"
        );
        assert_eq!(
            tw(Lang::EnUs, "problem-too-long", &[("field", "Address".into()), ("max", 50_i64.into())]),
            "“Address” is too long. It can have at most 50 characters. Please remove some."
        );
    }
}
