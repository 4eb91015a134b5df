//! Speech rate and volume steps a citizen can choose (ACCESSIBILITY.md row 10).
//!
//! Both step types are ordered from "less" to "more": `next()` is faster or louder,
//! `prev()` slower or softer, and both saturate at the ends. `ALL` lists the steps in
//! that order and `index()` is a step's position in `ALL`.

use serde::{Deserialize, Serialize};

/// The espeak-ng speech-dispatcher module's rate scale in words per minute
/// (`EspeakMinRate`, `EspeakNormalRate`, `EspeakMaxRate` in
/// `/etc/speech-dispatcher/modules/espeak-ng.conf`, Debian defaults). The module maps
/// speech-dispatcher's rate −100 … 0 linearly onto 80 … 170 wpm and 0 … +100 onto
/// 170 … 449 wpm; [`RateStep::normalized`] inverts that mapping.
pub const ESPEAK_MIN_WPM: f32 = 80.0;
/// See [`ESPEAK_MIN_WPM`].
pub const ESPEAK_NORMAL_WPM: f32 = 170.0;
/// See [`ESPEAK_MIN_WPM`].
pub const ESPEAK_MAX_WPM: f32 = 449.0;

/// Speech rate. 150–200 words a minute is the most comfortable synthetic rate for older
/// listeners (Sutton et al. 1995) and slowing further hurts recognition (Roring et al.
/// 2007), so the default is the synthesiser's normal 170 wpm and the one slower step
/// stays at 150 wpm.
///
/// "Words per minute" is espeak-ng's speed parameter; for Mandarin it scales syllables
/// per second the same way: at 170 the Mandarin voice reads a 22-syllable prompt in
/// 6.4 s (3.4 syllables/s with its pause), at 150 in 7.3 s, at 240 in 4.3 s (measured,
/// `docs/speech.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateStep {
    /// ≈ 150 wpm: the one step slower than the default.
    Slower,
    /// ≈ 170 wpm: the synthesiser's normal rate (default).
    #[default]
    Normal,
    /// ≈ 190 wpm.
    Faster,
    /// ≈ 215 wpm.
    Faster2,
    /// ≈ 240 wpm.
    Fastest,
}

impl RateStep {
    /// Every step, slowest first.
    pub const ALL: [RateStep; 5] =
        [RateStep::Slower, RateStep::Normal, RateStep::Faster, RateStep::Faster2, RateStep::Fastest];

    /// The step's nominal rate in words per minute.
    pub const fn wpm(self) -> u32 {
        match self {
            RateStep::Slower => 150,
            RateStep::Normal => 170,
            RateStep::Faster => 190,
            RateStep::Faster2 => 215,
            RateStep::Fastest => 240,
        }
    }

    /// Position in [`RateStep::ALL`].
    pub const fn index(self) -> usize {
        match self {
            RateStep::Slower => 0,
            RateStep::Normal => 1,
            RateStep::Faster => 2,
            RateStep::Faster2 => 3,
            RateStep::Fastest => 4,
        }
    }

    /// One step faster, or the same step at the fastest.
    pub fn next(self) -> Self {
        Self::ALL.get(self.index() + 1).copied().unwrap_or(self)
    }

    /// One step slower, or the same step at the slowest.
    pub fn prev(self) -> Self {
        self.index().checked_sub(1).and_then(|i| Self::ALL.get(i).copied()).unwrap_or(self)
    }

    /// The rate on a normalized scale: −1.0 is the engine's slowest, 0.0 its normal and
    /// +1.0 its fastest rate, using the espeak-ng module's wpm scale
    /// ([`ESPEAK_MIN_WPM`] … [`ESPEAK_MAX_WPM`]).
    pub fn normalized(self) -> f32 {
        let wpm = self.wpm() as f32;
        let n = if wpm < ESPEAK_NORMAL_WPM {
            (wpm - ESPEAK_NORMAL_WPM) / (ESPEAK_NORMAL_WPM - ESPEAK_MIN_WPM)
        } else {
            (wpm - ESPEAK_NORMAL_WPM) / (ESPEAK_MAX_WPM - ESPEAK_NORMAL_WPM)
        };
        n.clamp(-1.0, 1.0)
    }

    /// The value on an engine's rate scale, given its slowest, normal and fastest rate
    /// (speech-dispatcher: −100, 0, 100). Always within `min ..= max`.
    pub fn tts_rate(self, min: f32, normal: f32, max: f32) -> f32 {
        let n = self.normalized();
        let value = if n < 0.0 { normal + n * (normal - min) } else { normal + n * (max - normal) };
        value.clamp(min.min(max), max.max(min))
    }
}

/// Speech volume in steps of 6 dB spanning 24 dB (ACCESSIBILITY.md row 10 asks for at
/// least 18 dB). The default is one step below the loudest, so a citizen can still turn
/// it up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VolumeStep {
    /// −24 dB.
    Softest,
    /// −18 dB.
    Soft,
    /// −12 dB.
    Medium,
    /// −6 dB (default).
    #[default]
    Loud,
    /// 0 dB: the engine's maximum.
    Loudest,
}

impl VolumeStep {
    /// Every step, softest first.
    pub const ALL: [VolumeStep; 5] =
        [VolumeStep::Softest, VolumeStep::Soft, VolumeStep::Medium, VolumeStep::Loud, VolumeStep::Loudest];

    /// Gain relative to the engine's maximum, in decibels (≤ 0).
    pub const fn db(self) -> f32 {
        match self {
            VolumeStep::Softest => -24.0,
            VolumeStep::Soft => -18.0,
            VolumeStep::Medium => -12.0,
            VolumeStep::Loud => -6.0,
            VolumeStep::Loudest => 0.0,
        }
    }

    /// Amplitude factor `10^(dB/20)` relative to the maximum (0 < factor ≤ 1).
    pub fn amplitude(self) -> f32 {
        10f32.powf(self.db() / 20.0)
    }

    /// Position in [`VolumeStep::ALL`].
    pub const fn index(self) -> usize {
        match self {
            VolumeStep::Softest => 0,
            VolumeStep::Soft => 1,
            VolumeStep::Medium => 2,
            VolumeStep::Loud => 3,
            VolumeStep::Loudest => 4,
        }
    }

    /// One step louder, or the same step at the loudest.
    pub fn next(self) -> Self {
        Self::ALL.get(self.index() + 1).copied().unwrap_or(self)
    }

    /// One step softer, or the same step at the softest.
    pub fn prev(self) -> Self {
        self.index().checked_sub(1).and_then(|i| Self::ALL.get(i).copied()).unwrap_or(self)
    }

    /// The value on an engine's volume scale, given its softest and loudest volume
    /// (speech-dispatcher: −100 and 100): `min + amplitude × (max − min)`.
    ///
    /// This assumes the engine's output amplitude is proportional to `volume − min`,
    /// which holds for speech-dispatcher's espeak-ng module (measured: see
    /// `docs/speech.md`, −5.8/−12.0/−18.6/−24.3 dB for the −6/−12/−18/−24 dB steps).
    pub fn tts_volume(self, min: f32, max: f32) -> f32 {
        let value = min + self.amplitude() * (max - min);
        value.clamp(min.min(max), max.max(min))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn at_least_five_rate_steps_and_exactly_one_slower_than_default() {
        assert!(RateStep::ALL.len() >= 5);
        let default = RateStep::default();
        let slower = RateStep::ALL.iter().filter(|s| s.wpm() < default.wpm()).count();
        assert_eq!(slower, 1, "exactly one step slower than the default");
        assert_eq!(default, RateStep::Normal);
        assert!((150..=200).contains(&default.wpm()), "default within the comfortable 150–200 wpm");
        assert!(RateStep::Slower.wpm() >= 150, "the slower step does not drop below 150 wpm");
    }

    #[test]
    fn rate_steps_are_ordered_and_indexed() {
        for (i, step) in RateStep::ALL.iter().enumerate() {
            assert_eq!(step.index(), i);
        }
        for pair in RateStep::ALL.windows(2) {
            assert!(pair[0].wpm() < pair[1].wpm());
            assert!(pair[0].normalized() < pair[1].normalized());
            assert_eq!(pair[0].next(), pair[1]);
            assert_eq!(pair[1].prev(), pair[0]);
        }
        assert_eq!(RateStep::Fastest.next(), RateStep::Fastest);
        assert_eq!(RateStep::Slower.prev(), RateStep::Slower);
    }

    #[test]
    fn rate_maps_onto_the_tts_range() {
        // speech-dispatcher's range.
        assert_eq!(RateStep::Normal.tts_rate(-100.0, 0.0, 100.0), 0.0);
        for step in RateStep::ALL {
            let v = step.tts_rate(-100.0, 0.0, 100.0);
            assert!((-100.0..=100.0).contains(&v));
            // Map back through the espeak-ng module's formula: the nominal wpm again.
            let wpm = if v < 0.0 {
                ESPEAK_NORMAL_WPM + (ESPEAK_NORMAL_WPM - ESPEAK_MIN_WPM) * v / 100.0
            } else {
                ESPEAK_NORMAL_WPM + (ESPEAK_MAX_WPM - ESPEAK_NORMAL_WPM) * v / 100.0
            };
            assert!((wpm - step.wpm() as f32).abs() < 0.5, "{step:?}: {wpm}");
        }
        // Another engine's range (e.g. 0.1 … 1 … 10) stays within bounds.
        for step in RateStep::ALL {
            let v = step.tts_rate(0.1, 1.0, 10.0);
            assert!((0.1..=10.0).contains(&v));
        }
        assert!(RateStep::Slower.tts_rate(0.1, 1.0, 10.0) < 1.0);
    }

    #[test]
    fn volume_spans_at_least_18_db() {
        let max = VolumeStep::ALL.iter().map(|s| s.db()).fold(f32::MIN, f32::max);
        let min = VolumeStep::ALL.iter().map(|s| s.db()).fold(f32::MAX, f32::min);
        assert!(max - min >= 18.0, "span {} dB", max - min);
        assert!(VolumeStep::ALL.len() >= 5);
        let default = VolumeStep::default();
        assert!(default == VolumeStep::Loudest || default.next() == VolumeStep::Loudest);
    }

    #[test]
    fn volume_steps_are_ordered_and_map_onto_the_tts_range() {
        for (i, step) in VolumeStep::ALL.iter().enumerate() {
            assert_eq!(step.index(), i);
            let expected = 10f32.powf(step.db() / 20.0);
            assert!((step.amplitude() - expected).abs() < 1e-6);
            let v = step.tts_volume(-100.0, 100.0);
            assert!((-100.0..=100.0).contains(&v));
            // Amplitude ∝ volume − min: the ratio to the maximum is the step's factor.
            assert!(((v + 100.0) / 200.0 - expected).abs() < 1e-4);
        }
        for pair in VolumeStep::ALL.windows(2) {
            assert!(pair[0].db() < pair[1].db());
            assert_eq!(pair[0].next(), pair[1]);
            assert_eq!(pair[1].prev(), pair[0]);
        }
        assert_eq!(VolumeStep::Loudest.next(), VolumeStep::Loudest);
        assert_eq!(VolumeStep::Softest.prev(), VolumeStep::Softest);
        assert_eq!(VolumeStep::Loudest.tts_volume(-100.0, 100.0), 100.0);
        // −6 dB is speech-dispatcher's volume 0, espeak-ng's normal amplitude.
        assert!(VolumeStep::Loud.tts_volume(-100.0, 100.0).abs() < 0.5);
    }
}
