//! The user-interface languages (a core type: config and speech scripts name them).

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    /// Simplified Chinese, the reference locale.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en-US")]
    EnUs,
}

impl Lang {
    /// Every supported language, reference locale first.
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::EnUs];

    /// The BCP 47 code, also the name of the locale directory under `locales/`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::EnUs => "en-US",
        }
    }

    /// Parses `zh-CN` / `en-US`, case-insensitively, also with `_` and as bare `zh` / `en`.
    pub fn from_code(s: &str) -> Option<Lang> {
        let s = s.trim().replace('_', "-").to_ascii_lowercase();
        match s.as_str() {
            "zh-cn" | "zh" | "zh-hans" | "zh-hans-cn" => Some(Lang::ZhCn),
            "en-us" | "en" => Some(Lang::EnUs),
            _ => None,
        }
    }

    /// The other language (the language switch toggles between the two).
    pub fn other(self) -> Lang {
        match self {
            Lang::ZhCn => Lang::EnUs,
            Lang::EnUs => Lang::ZhCn,
        }
    }
}
