//! Speech settings of a terminal.

use serde::Deserialize;

use super::steps::{RateStep, VolumeStep};
use super::timing::WatchdogConfig;

/// The Mandarin voice used unless configured otherwise: espeak-ng's
/// "Chinese (Mandarin, latin as Pinyin)" (language `cmn-latn-pinyin`), which pronounces
/// characters. The plain `cmn`/`zh` voice of Debian's espeak-ng 1.51 reads many
/// characters as pinyin spelled with English rules.
pub const DEFAULT_VOICE_ZH: &str = "cmn-latn-pinyin";
/// The English voice used unless configured otherwise: espeak-ng's "English (America)".
pub const DEFAULT_VOICE_EN: &str = "en-us";

/// Speech settings. A voice is named by its speech-dispatcher name (e.g.
/// `"Chinese (Mandarin, latin as Pinyin)"`) or language tag (e.g. `"cmn-latn-pinyin"`),
/// compared without regard to case. Missing fields take their defaults.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SpeechConfig {
    /// Speak at all (a hall may switch speech off for a terminal).
    pub enabled: bool,
    /// Voice for Chinese.
    pub voice_zh: String,
    /// Voice for English.
    pub voice_en: String,
    /// Starting rate; a session returns to it on reset.
    pub rate: RateStep,
    /// Starting volume; a session returns to it on reset.
    pub volume: VolumeStep,
    /// Which speech-dispatcher daemon to use when none is running (Linux).
    pub daemon: DaemonMode,
    /// When speech counts as unavailable.
    pub watchdog: WatchdogConfig,
}

/// Which speech-dispatcher daemon the kiosk uses when none is running (Linux).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DaemonMode {
    /// Start a lean daemon for the kiosk: espeak-ng only, seeing only the configured
    /// voices (`docs/speech.md`, "Start-up").
    #[default]
    Kiosk,
    /// Let libspeechd autospawn the daemon with the system's (or the kiosk user's)
    /// configuration: for a hall that installed another output module.
    System,
}

impl Default for SpeechConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            voice_zh: DEFAULT_VOICE_ZH.to_owned(),
            voice_en: DEFAULT_VOICE_EN.to_owned(),
            rate: RateStep::default(),
            volume: VolumeStep::default(),
            daemon: DaemonMode::default(),
            watchdog: WatchdogConfig::default(),
        }
    }
}

impl SpeechConfig {
    /// The configured voice for a language code (`zh`, `zh-CN`, `cmn`, `en`, `en-US`, …),
    /// or `None` for a language without one.
    pub fn voice_for(&self, language: &str) -> Option<&str> {
        let primary = language.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "zh" | "cmn" => Some(&self.voice_zh),
            "en" => Some(&self.voice_en),
            _ => None,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_partial_toml() {
        let config = SpeechConfig::default();
        assert!(config.enabled);
        assert_eq!(config.voice_zh, "cmn-latn-pinyin");
        assert_eq!(config.rate, RateStep::Normal);
        assert_eq!(config.volume, VolumeStep::Loud);

        let parsed: SpeechConfig = toml::from_str("rate = \"slower\"\nvolume = \"loudest\"").unwrap();
        assert_eq!(parsed.rate, RateStep::Slower);
        assert_eq!(parsed.volume, VolumeStep::Loudest);
        assert_eq!(parsed.voice_en, "en-us");
        assert!(toml::from_str::<SpeechConfig>("rate = \"ludicrous\"").is_err());
        assert!(toml::from_str::<SpeechConfig>("voice = \"x\"").is_err());
        assert_eq!(config.daemon, DaemonMode::Kiosk);
        let parsed: SpeechConfig =
            toml::from_str("daemon = \"system\"\n[watchdog]\nend_slack_ms = 500").unwrap();
        assert_eq!(parsed.daemon, DaemonMode::System);
        assert_eq!(parsed.watchdog.end_slack_ms, 500);
        assert_eq!(parsed.watchdog.begin_within_ms, 3000);
    }

    #[test]
    fn voice_for_language_codes() {
        let config = SpeechConfig::default();
        for code in ["zh", "zh-CN", "zh_CN", "ZH-Hans-CN", "cmn"] {
            assert_eq!(config.voice_for(code), Some("cmn-latn-pinyin"), "{code}");
        }
        for code in ["en", "en-US", "en-GB"] {
            assert_eq!(config.voice_for(code), Some("en-us"), "{code}");
        }
        assert_eq!(config.voice_for("fr"), None);
        assert_eq!(config.voice_for(""), None);
    }
}
