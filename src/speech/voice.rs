//! Choosing a voice from a synthesiser's list by configured name or language tag.

/// A voice as the synthesiser lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceInfo {
    /// The synthesiser's name, e.g. `"Chinese (Mandarin, latin as Pinyin)"`; espeak-ng's
    /// variants append `+variant`, e.g. `"English (America)+Andy"`.
    pub name: String,
    /// Language tag, e.g. `"cmn-LATN-PINYIN"` or `"en-US"`.
    pub language: String,
}

/// How a wanted voice was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoiceMatch {
    /// A voice of exactly that name.
    Name(usize),
    /// A voice of exactly that language tag.
    Language(usize),
    /// Nothing matched exactly; a voice of the same primary language (`zh` and `cmn`
    /// count as one). The caller should log a warning.
    Fallback(usize),
}

impl VoiceMatch {
    /// Index of the chosen voice in the list.
    pub fn index(self) -> usize {
        match self {
            VoiceMatch::Name(i) | VoiceMatch::Language(i) | VoiceMatch::Fallback(i) => i,
        }
    }
}

fn normalize(tag: &str) -> String {
    tag.trim().replace('_', "-").to_ascii_lowercase()
}

fn primary(tag: &str) -> String {
    let first = normalize(tag).split('-').next().unwrap_or_default().to_owned();
    if first == "zh" { "cmn".to_owned() } else { first }
}

/// Base voices (no `+variant`) first, then the shorter (more generic) language tag, then
/// list order.
fn best(voices: &[VoiceInfo], candidates: impl Iterator<Item = usize>) -> Option<usize> {
    candidates.min_by_key(|&i| {
        let v = &voices[i];
        (v.name.contains('+'), v.language.len(), i)
    })
}

/// Finds `wanted` in `voices`: by name, else by language tag, else by primary language.
/// Case and `_`/`-` do not matter.
pub fn choose_voice(voices: &[VoiceInfo], wanted: &str) -> Option<VoiceMatch> {
    let wanted_norm = normalize(wanted);
    if wanted_norm.is_empty() {
        return None;
    }
    if let Some(i) = voices.iter().position(|v| v.name.trim().eq_ignore_ascii_case(wanted.trim())) {
        return Some(VoiceMatch::Name(i));
    }
    let by_language = (0..voices.len()).filter(|&i| normalize(&voices[i].language) == wanted_norm);
    if let Some(i) = best(voices, by_language) {
        return Some(VoiceMatch::Language(i));
    }
    let wanted_primary = primary(wanted);
    let by_primary = (0..voices.len()).filter(|&i| primary(&voices[i].language) == wanted_primary);
    best(voices, by_primary).map(VoiceMatch::Fallback)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn voice(name: &str, language: &str) -> VoiceInfo {
        VoiceInfo { name: name.to_owned(), language: language.to_owned() }
    }

    /// As speech-dispatcher's espeak-ng module lists them (Debian 12), abridged.
    fn espeak() -> Vec<VoiceInfo> {
        vec![
            voice("Chinese (Cantonese)", "yue"),
            voice("Chinese (Mandarin, latin as English)", "cmn"),
            voice("Chinese (Mandarin, latin as English)+Andy", "cmn"),
            voice("Chinese (Mandarin, latin as Pinyin)+Adam", "cmn-LATN-PINYIN"),
            voice("Chinese (Mandarin, latin as Pinyin)", "cmn-LATN-PINYIN"),
            voice("English (Great Britain)", "en-GB"),
            voice("English (America)+Andy", "en-US"),
            voice("English (America)", "en-US"),
            voice("English (America, New York City)", "en-US-NYC"),
        ]
    }

    #[test]
    fn language_tag_picks_the_base_voice() {
        let voices = espeak();
        assert_eq!(choose_voice(&voices, "cmn-latn-pinyin"), Some(VoiceMatch::Language(4)));
        assert_eq!(choose_voice(&voices, "en-us"), Some(VoiceMatch::Language(7)));
        assert_eq!(choose_voice(&voices, "en_US"), Some(VoiceMatch::Language(7)));
    }

    #[test]
    fn exact_name_wins() {
        let voices = espeak();
        assert_eq!(
            choose_voice(&voices, "chinese (mandarin, latin as pinyin)+adam"),
            Some(VoiceMatch::Name(3))
        );
        assert_eq!(choose_voice(&voices, "English (America)"), Some(VoiceMatch::Name(7)));
    }

    #[test]
    fn falls_back_to_the_primary_language() {
        let mut voices = espeak();
        voices.retain(|v| !v.language.starts_with("cmn-"));
        assert_eq!(choose_voice(&voices, "cmn-latn-pinyin"), Some(VoiceMatch::Fallback(1)));
        assert_eq!(choose_voice(&voices, "zh"), Some(VoiceMatch::Fallback(1)));
        assert_eq!(choose_voice(&voices, "en-AU"), Some(VoiceMatch::Fallback(3)));
        assert_eq!(choose_voice(&voices, "fr"), None);
        assert_eq!(choose_voice(&voices, ""), None);
        assert_eq!(choose_voice(&[], "en"), None);
    }
}
