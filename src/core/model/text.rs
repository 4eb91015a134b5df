use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The language the reference wording is in; used when a translation is missing.
pub const REFERENCE_LANG: &str = "zh-CN";

/// The BCP 47 variant subtag of a text's spoken rendition: `zh-CN-spoken`
/// holds how the `zh-CN` text is said where its written form has values a
/// synthesiser misreads (2026年, 4993.90元, 12333, YBV-2XFC), built from the
/// typed values with `core::spoken`.
pub const SPOKEN_VARIANT: &str = "spoken";

/// Text the portal supplies in several languages: `{"zh-CN": "…", "en-US": "…"}`,
/// optionally with spoken renditions (`{"zh-CN-spoken": "…"}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

fn spoken_key(lang: &str) -> String {
    format!("{lang}-{SPOKEN_VARIANT}")
}

impl Text {
    /// The text in `lang`, else in the reference language, else any written one, else "".
    pub fn get(&self, lang: &str) -> &str {
        let suffix = format!("-{SPOKEN_VARIANT}");
        self.0
            .get(lang)
            .or_else(|| self.0.get(REFERENCE_LANG))
            .or_else(|| self.0.iter().find(|(k, _)| !k.ends_with(&suffix)).map(|(_, v)| v))
            .map_or("", String::as_str)
    }

    /// How the text is said in `lang`: its spoken rendition where it has one, else the text.
    pub fn said(&self, lang: &str) -> &str {
        match self.0.get(&spoken_key(lang)) {
            Some(said) if self.0.contains_key(lang) || lang == REFERENCE_LANG => said,
            _ => self.get(lang),
        }
    }

    /// The same text with its spoken rendition in `lang`.
    pub fn with_said(mut self, lang: &str, said: impl Into<String>) -> Self {
        self.0.insert(spoken_key(lang), said.into());
        self
    }

    /// Builds a text from (language, wording) pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Text(pairs.into_iter().map(|(l, s)| (l.to_owned(), s.to_owned())).collect())
    }

    pub fn is_empty(&self) -> bool {
        self.0.values().all(String::is_empty)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_reference_language() {
        let t = Text::from_pairs([("zh-CN", "甲"), ("en-US", "A")]);
        assert_eq!(t.get("en-US"), "A");
        assert_eq!(t.get("fr-FR"), "甲");
        let only_en = Text::from_pairs([("en-US", "A")]);
        assert_eq!(only_en.get("zh-CN"), "A");
        assert_eq!(Text::default().get("zh-CN"), "");
    }

    #[test]
    fn a_spoken_rendition_is_said_and_never_shown() {
        let t = Text::from_pairs([("zh-CN", "2026年"), ("en-US", "2026")]).with_said("zh-CN", "二〇二六年");
        assert_eq!(t.get("zh-CN"), "2026年");
        assert_eq!(t.said("zh-CN"), "二〇二六年");
        assert_eq!(t.said("en-US"), "2026");
        let only_spoken = Text::default().with_said("zh-CN", "二〇二六年");
        assert_eq!(only_spoken.get("zh-CN"), "", "a spoken rendition is never shown");
    }
}
