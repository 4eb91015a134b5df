//! Speech output: voice is a first-class output of every screen (ACCESSIBILITY.md rows
//! 9–12). UI-free: the UI decides what to say in `update` and sends [`Command`]s to a
//! [`SpeechService`], whose engine thread owns the [`Engine`] and whose watchdog
//! reports speech that does not begin or end in time as [`Report::Unavailable`].
//!
//! - [`DispatcherEngine`]: speech-dispatcher + espeak-ng through libspeechd (Linux).
//! - [`Recorder`]: records every call, for tests (compare a screen with what it said).
//!
//! Logs carry ids, counts and lengths, never the spoken text (it may hold personal
//! data). See `docs/speech.md` for the voice set-up, the watchdog and measured costs.

mod config;
#[cfg(target_os = "linux")]
mod daemon;
#[cfg(target_os = "linux")]
mod dispatcher;
mod engine;
mod recorder;
mod service;
mod steps;
mod timing;
mod voice;
mod watch;
mod worker;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod watchdog_tests;

pub use config::{DEFAULT_VOICE_EN, DEFAULT_VOICE_ZH, DaemonMode, SpeechConfig};
#[cfg(target_os = "linux")]
pub use daemon::{Launch, default_socket, ensure as ensure_daemon};
#[cfg(target_os = "linux")]
pub use dispatcher::DispatcherEngine;
pub use engine::{Engine, Event, EventSink, Outage, Report, SpeechError};
pub use recorder::{RecordLog, Recorded, Recorder};
pub use service::{Command, SpeechService};
pub use steps::{ESPEAK_MAX_WPM, ESPEAK_MIN_WPM, ESPEAK_NORMAL_WPM, RateStep, VolumeStep};
pub use timing::{WatchdogConfig, expected_duration};
pub use voice::{VoiceInfo, VoiceMatch, choose_voice};
