//! The terminal's configuration: one folder (`kiosk-config/`) with `kiosk.toml`.
//!
//! Loading never panics. A missing file or key takes the default; a value out
//! of range is clamped and reported; an unknown key or a wrong type is an
//! error naming the file, the line and the fix, which `yiban check-config`
//! prints and the kiosk shows on a maintenance screen.

use std::path::{Path, PathBuf};

use serde::Deserialize;

mod portal;
#[cfg(test)]
mod tests;

pub use portal::{
    MAX_ANSWER_KIB, MIN_ANSWER_KIB, PortalLocation, PortalSection, is_loopback, load_ca_bundle,
};

/// The config file inside the config folder.
pub const CONFIG_FILE: &str = "kiosk.toml";
/// Elder mode never warns sooner than this (ACCESSIBILITY.md row 7: 2 × standard).
pub const MIN_IDLE_SECONDS: u32 = 120;
/// The idle warning is shown and spoken at least this long.
pub const MIN_WARNING_SECONDS: u32 = 20;
/// 「我还在」 extends a session at least this many times.
pub const MIN_EXTENSIONS: u32 = 10;
/// The number of text-size steps (0 = large … 2 = largest).
pub const TEXT_STEPS: u8 = 3;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read the file: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("{path}:{line}: {message}")]
    Invalid { path: PathBuf, line: usize, message: String },
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TerminalSection {
    pub id: String,
    pub hall_id: String,
    pub demo_mode: bool,
    /// Where the terminal keeps its data (outbox, caches, the embedded portal's
    /// database); "" = `$XDG_DATA_HOME/yiban` (`~/.local/share/yiban`).
    pub data_dir: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScreenSection {
    pub diagonal_inches: f32,
    pub width_px: u32,
    pub height_px: u32,
    pub viewing_distance_mm: f32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionSection {
    pub idle_seconds: u32,
    pub warning_seconds: u32,
    pub max_extensions: u32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DefaultsSection {
    pub language: String,
    pub text_step: u8,
    pub theme: String,
    pub voice: bool,
}

/// Keys of the keypad / accessible controller with a special meaning (key
/// names as iced names them: "F1", "r", "Insert", …). Arrows, Tab, Enter,
/// Backspace, Escape and digits are fixed.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KeysSection {
    /// Say the screen again (再听一遍).
    pub repeat: String,
    /// Switch speech on.
    pub voice_on: String,
    /// Call staff (呼叫工作人员).
    pub help: String,
}

impl Default for KeysSection {
    fn default() -> Self {
        KeysSection { repeat: "F1".into(), voice_on: "F2".into(), help: "F3".into() }
    }
}

/// A card the simulated ID-card reader can read (demo halls only): fictional
/// citizens of the demo portal, so a newcomer can try every matter.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoCard {
    pub id_number: String,
    pub name: String,
}

/// What a demo terminal offers besides the real devices.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DemoSection {
    /// The cards of the simulated reader (shown as 模拟刷卡 buttons when `demo_mode` is on).
    pub cards: Vec<DemoCard>,
}

/// The whole configuration, with defaults for everything.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub terminal: TerminalSection,
    pub portal: PortalSection,
    pub screen: ScreenSection,
    pub session: SessionSection,
    pub defaults: DefaultsSection,
    pub keys: KeysSection,
    pub demo: DemoSection,
}

impl Default for TerminalSection {
    fn default() -> Self {
        TerminalSection {
            id: "kiosk-01".into(),
            hall_id: crate::core::model::DEMO_HALL.into(),
            demo_mode: true,
            data_dir: String::new(),
        }
    }
}

impl Default for ScreenSection {
    fn default() -> Self {
        ScreenSection { diagonal_inches: 21.5, width_px: 1920, height_px: 1080, viewing_distance_mm: 600.0 }
    }
}

impl Default for SessionSection {
    fn default() -> Self {
        SessionSection { idle_seconds: MIN_IDLE_SECONDS, warning_seconds: 45, max_extensions: MIN_EXTENSIONS }
    }
}

impl Default for DefaultsSection {
    fn default() -> Self {
        DefaultsSection { language: "zh-CN".into(), text_step: 0, theme: "default".into(), voice: true }
    }
}

/// A value that was out of range and has been clamped; the kiosk still runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjustment {
    pub line: usize,
    pub message: String,
}

/// A loaded configuration and what had to be adjusted.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub config: Config,
    pub path: PathBuf,
    pub adjustments: Vec<Adjustment>,
}

impl Config {
    /// Loads `DIR/kiosk.toml`; a missing file means all defaults.
    pub fn load_dir(dir: &Path) -> Result<Loaded, ConfigError> {
        let path = dir.join(CONFIG_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(&text, &path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && dir.is_dir() => {
                Ok(Loaded { config: Config::default(), path, adjustments: vec![] })
            }
            Err(e) => Err(ConfigError::Unreadable { path, reason: e.to_string() }),
        }
    }

    /// The configuration compiled into the binary (the shipped `kiosk-config/`).
    pub fn embedded() -> Result<Loaded, ConfigError> {
        Config::parse(EMBEDDED, Path::new("kiosk-config/kiosk.toml"))
    }

    pub fn parse(text: &str, path: &Path) -> Result<Loaded, ConfigError> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            let message = e.message().trim();
            // A wrong value's message names its type, not its key: add the key.
            let message = match key_on_line(text, line) {
                Some(key) if !message.contains(key) => format!("{key}: {message}"),
                _ => message.to_owned(),
            };
            ConfigError::Invalid { path: path.to_owned(), line, message }
        })?;
        let mut adjustments = config.clamp(text);
        config.validate(text, path, &mut adjustments)?;
        Ok(Loaded { config, path: path.to_owned(), adjustments })
    }

    fn clamp(&mut self, text: &str) -> Vec<Adjustment> {
        let mut out = vec![];
        let mut at_least = |value: &mut u32, min: u32, key: &str, why: &str| {
            if *value < min {
                out.push(Adjustment {
                    line: line_of_key(text, key),
                    message: format!("{key} = {value} is below {min} ({why}); using {min}"),
                });
                *value = min;
            }
        };
        let s = &mut self.session;
        at_least(
            &mut s.idle_seconds,
            MIN_IDLE_SECONDS,
            "idle_seconds",
            "elder mode gives at least two minutes",
        );
        at_least(
            &mut s.warning_seconds,
            MIN_WARNING_SECONDS,
            "warning_seconds",
            "the warning must be heard in full",
        );
        at_least(&mut s.max_extensions, MIN_EXTENSIONS, "max_extensions", "a slow citizen may need many");
        if self.defaults.text_step >= TEXT_STEPS {
            out.push(Adjustment {
                line: line_of_key(text, "text_step"),
                message: format!(
                    "text_step = {} is above {}; using {}",
                    self.defaults.text_step,
                    TEXT_STEPS - 1,
                    TEXT_STEPS - 1
                ),
            });
            self.defaults.text_step = TEXT_STEPS - 1;
        }
        self.portal.clamp(text, &mut out);
        out
    }

    /// Refuses what cannot run; `warnings` gets what runs but deserves a look.
    fn validate(
        &mut self,
        text: &str,
        path: &Path,
        warnings: &mut Vec<Adjustment>,
    ) -> Result<(), ConfigError> {
        let invalid = |key: &str, message: String| ConfigError::Invalid {
            path: path.to_owned(),
            line: line_of_key(text, key),
            message,
        };
        self.portal.validate(text, path, warnings)?;
        if crate::core::lang::Lang::from_code(&self.defaults.language).is_none() {
            return Err(invalid(
                "language",
                format!(
                    "language = \"{}\" is not supported; use \"zh-CN\" or \"en-US\"",
                    self.defaults.language
                ),
            ));
        }
        if !KNOWN_THEMES.contains(&self.defaults.theme.as_str()) {
            return Err(invalid(
                "theme",
                format!(
                    "theme = \"{}\" is unknown; use one of {}",
                    self.defaults.theme,
                    KNOWN_THEMES.join(", ")
                ),
            ));
        }
        let s = &self.screen;
        if !(10.0..=100.0).contains(&s.diagonal_inches) {
            return Err(invalid(
                "diagonal_inches",
                format!("diagonal_inches = {} is not between 10 and 100", s.diagonal_inches),
            ));
        }
        if s.width_px < 640 || s.height_px < 480 {
            return Err(invalid("width_px", "width_px × height_px must be at least 640 × 480".into()));
        }
        if !(200.0..=2000.0).contains(&s.viewing_distance_mm) {
            return Err(invalid(
                "viewing_distance_mm",
                format!("viewing_distance_mm = {} is not between 200 and 2000", s.viewing_distance_mm),
            ));
        }
        if self.terminal.id.trim().is_empty() || self.terminal.hall_id.trim().is_empty() {
            return Err(invalid("id", "terminal id and hall_id must not be empty".into()));
        }
        for card in &self.demo.cards {
            let key = format!("\"{}\"", card.id_number);
            let line = text.lines().position(|l| l.contains(&key)).map_or(1, |i| i + 1);
            let bad = |message: String| ConfigError::Invalid { path: path.to_owned(), line, message };
            if crate::core::validate::IdNumber::parse(&card.id_number, time::Date::MAX).is_err() {
                // The number itself is not repeated: the line shows it, a log need not.
                return Err(bad("demo card id_number is not a valid resident ID number (18 characters, \
                     GB 11643 check character)"
                    .into()));
            }
            if card.name.trim().is_empty() {
                return Err(bad("a demo card needs a name".into()));
            }
        }
        Ok(())
    }

    pub fn portal_location(&self) -> PortalLocation {
        self.portal.location()
    }

    /// The terminal's data directory (see `TerminalSection::data_dir`).
    pub fn data_dir(&self) -> PathBuf {
        super::data_dir::resolve(&self.terminal.data_dir)
    }

    pub fn language(&self) -> crate::core::lang::Lang {
        crate::core::lang::Lang::from_code(&self.defaults.language).unwrap_or_default()
    }
}

/// Themes the kiosk ships.
pub const KNOWN_THEMES: [&str; 3] = ["default", "black-on-white", "white-on-black"];

const EMBEDDED: &str = include_str!("../../../kiosk-config/kiosk.toml");

fn line_of(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(1, |t| t.lines().count().max(1) + usize::from(t.ends_with('\n')))
}

/// The key set on line `line` (1-based), when that line is a `key = …`.
fn key_on_line(text: &str, line: usize) -> Option<&str> {
    let (key, _) = text.lines().nth(line.checked_sub(1)?)?.split_once('=')?;
    let key = key.trim();
    let bare = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    (!key.is_empty() && key.chars().all(bare)).then_some(key)
}

/// The line where `key = …` is set, or 1 when it is not in the file.
fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}
