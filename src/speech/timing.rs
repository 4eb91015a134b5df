//! How long an utterance should take, and how long the watchdog lets it take.
//!
//! The figures are espeak-ng's at its normal rate (170 wpm), measured with
//! `espeak-ng -w` and through speech-dispatcher (`docs/speech.md`, "Watchdog"): a
//! Chinese character is about 0.3 s, a digit about 0.4 s (numbers are read as numbers:
//! 1234 is 一千二百三十四), a Latin letter or space about 0.06 s, and a clause
//! break about 0.12 s. The estimate runs about 10 % long on the kiosk's sentences.

use std::time::Duration;

use serde::Deserialize;

use super::steps::{ESPEAK_NORMAL_WPM, RateStep};

/// Seconds per unit at the normal rate.
const BASE_S: f64 = 0.2;
const HAN_S: f64 = 0.30;
const DIGIT_S: f64 = 0.42;
const BREAK_S: f64 = 0.12;
const OTHER_S: f64 = 0.06;

fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'   // radicals
        | '\u{3040}'..='\u{30FF}' // kana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{AC00}'..='\u{D7AF}' // Hangul syllables
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{20000}'..='\u{3FFFF}') // extensions B and later
}

fn is_break(c: char) -> bool {
    matches!(c, '，' | '。' | '！' | '？' | '、' | '；' | '：' | ',' | '.' | '!' | '?' | ';' | ':')
}

/// How long espeak-ng takes to say `text` at `rate` (an estimate, a little long rather
/// than short). The UI can use it to know how long a read-back lasts; the watchdog
/// allows [`WatchdogConfig::end_limit`] of it.
pub fn expected_duration(text: &str, rate: RateStep) -> Duration {
    let text = text.trim();
    if text.is_empty() {
        return Duration::ZERO;
    }
    let at_normal: f64 = BASE_S
        + text
            .chars()
            .map(|c| match c {
                c if is_wide(c) => HAN_S,
                c if c.is_ascii_digit() => DIGIT_S,
                c if is_break(c) => BREAK_S,
                _ => OTHER_S,
            })
            .sum::<f64>();
    let scale = f64::from(ESPEAK_NORMAL_WPM) / f64::from(rate.wpm());
    Duration::from_secs_f64(at_normal * scale)
}

/// The speech service's watchdog: an utterance must begin within `begin_within_ms` of
/// its turn (it was sent with nothing before it, or the one before it finished) and end
/// within `end_percent` % of its expected length plus `end_slack_ms` after it began.
/// Otherwise the service reports [`Report::Unavailable`](super::Report::Unavailable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WatchdogConfig {
    /// How long an utterance may take to begin, in ms (default 3000: speech-dispatcher
    /// begins in 3–40 ms, the first utterance after start in about 0.1 s).
    pub begin_within_ms: u64,
    /// How much of its expected length an utterance may take, in % (default 150).
    pub end_percent: u32,
    /// Added to that, in ms (default 2000).
    pub end_slack_ms: u64,
}

impl Default for WatchdogConfig {
    fn default() -> Self {
        Self { begin_within_ms: 3000, end_percent: 150, end_slack_ms: 2000 }
    }
}

impl WatchdogConfig {
    /// How long an utterance may take to begin.
    pub fn begin_within(&self) -> Duration {
        Duration::from_millis(self.begin_within_ms)
    }

    /// How long an utterance of `expected` length may speak before the watchdog gives
    /// up on it.
    pub fn end_limit(&self, expected: Duration) -> Duration {
        expected.mul_f64(f64::from(self.end_percent) / 100.0) + Duration::from_millis(self.end_slack_ms)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// Measured with `espeak-ng -v <voice> -s 170 -w` (seconds of audio).
    const MEASURED: [(&str, f64); 9] = [
        ("请您刷身份证", 2.27),
        ("欢迎使用政务服务自助终端，请选择您要办理的事项。", 6.56),
        ("请输入您的手机号码，输入完成后请按确认。", 5.48),
        ("办理成功，请取走您的证件和回执。", 4.61),
        ("您的手机号码是139 1234 5678。", 6.73),
        ("办件编号 2026112800123，查询码 4821。", 8.95),
        ("好的", 0.75),
        ("Please place your ID card on the reader.", 2.32),
        ("Your phone number is 139 1234 5678.", 6.92),
    ];

    #[test]
    fn estimates_are_within_a_third_of_measured_lengths() {
        for (text, seconds) in MEASURED {
            let got = expected_duration(text, RateStep::Normal).as_secs_f64();
            let ratio = got / seconds;
            assert!((0.75..=1.35).contains(&ratio), "{text}: estimated {got:.2} s, measured {seconds} s");
        }
        // The watchdog's limit covers every measured length with room to spare.
        let watchdog = WatchdogConfig::default();
        for (text, seconds) in MEASURED {
            let limit = watchdog.end_limit(expected_duration(text, RateStep::Normal));
            assert!(limit.as_secs_f64() > seconds * 1.4, "{text}");
        }
    }

    #[test]
    fn slower_rates_take_longer() {
        let text = "欢迎使用政务服务自助终端，请选择您要办理的事项。";
        let lengths: Vec<Duration> = RateStep::ALL.iter().map(|&r| expected_duration(text, r)).collect();
        assert!(lengths.windows(2).all(|w| w[0] > w[1]), "{lengths:?}");
        // 7.58 s measured at 150 wpm, 4.39 s at 240.
        assert!((6.5..9.0).contains(&lengths[0].as_secs_f64()), "{lengths:?}");
        assert!((3.8..5.3).contains(&lengths[4].as_secs_f64()), "{lengths:?}");
        assert_eq!(expected_duration("  ", RateStep::Normal), Duration::ZERO);
    }

    #[test]
    fn watchdog_limits() {
        let watchdog = WatchdogConfig::default();
        assert_eq!(watchdog.begin_within(), Duration::from_secs(3));
        assert_eq!(watchdog.end_limit(Duration::from_secs(4)), Duration::from_secs(8));
        let parsed: WatchdogConfig = toml::from_str("begin_within_ms = 500").unwrap();
        assert_eq!(parsed, WatchdogConfig { begin_within_ms: 500, ..WatchdogConfig::default() });
        assert!(toml::from_str::<WatchdogConfig>("begin_ms = 5").is_err());
    }
}
