use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The language the reference wording is in; used when a translation is missing.
pub const REFERENCE_LANG: &str = "zh-CN";

/// Text the portal supplies in several languages: `{"zh-CN": "…", "en-US": "…"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, else in the reference language, else any, else "".
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get(REFERENCE_LANG))
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
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
}
