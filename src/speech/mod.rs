//! Speech output: voice is a first-class output of every screen (ACCESSIBILITY.md rows
//! 9–12). UI-free: the UI decides what to say in `update` and sends [`Command`]s to a
//! [`SpeechService`], whose thread owns the [`Engine`].
//!
//! - [`DispatcherEngine`]: speech-dispatcher + espeak-ng through the `tts` crate (Linux).
//! - [`Recorder`]: records every call, for tests (compare a screen with what it said).
//!
//! Logs carry ids, counts and lengths, never the spoken text (it may hold personal
//! data). See `docs/speech.md` for the voice set-up and measured latencies.

mod config;
#[cfg(target_os = "linux")]
mod dispatcher;
mod engine;
mod recorder;
mod service;
mod steps;
mod voice;

#[cfg(test)]
mod tests;

pub use config::{DEFAULT_VOICE_EN, DEFAULT_VOICE_ZH, SpeechConfig};
#[cfg(target_os = "linux")]
pub use dispatcher::DispatcherEngine;
pub use engine::{Engine, Event, EventSink, SpeechError};
pub use recorder::{RecordLog, Recorded, Recorder};
pub use service::{Command, SpeechService};
pub use steps::{ESPEAK_MAX_WPM, ESPEAK_MIN_WPM, ESPEAK_NORMAL_WPM, RateStep, VolumeStep};
pub use voice::{VoiceInfo, VoiceMatch, choose_voice};
