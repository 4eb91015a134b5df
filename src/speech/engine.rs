//! The engine interface the speech service drives, and the events engines report.

use std::sync::mpsc::Sender;

use super::steps::{RateStep, VolumeStep};

/// What an engine reports about its utterances. Ids are those of the engine's `speak`
/// calls: the n-th call on an engine has id n, counting from 1, whether it succeeded or
/// not. Events never carry the spoken text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The utterance started to sound.
    Began(u64),
    /// The utterance finished.
    Ended(u64),
    /// The utterance was cut off or dropped from the queue by a stop.
    Cancelled(u64),
    /// Something failed; the message names the failure, never the text.
    Failed(String),
}

/// Where an engine sends its [`Event`]s. Sending never blocks.
pub type EventSink = Sender<Event>;

/// Errors of the speech service and its engines. Messages never contain spoken text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpeechError {
    /// The synthesiser could not be reached or started.
    #[error("speech engine unavailable: {0}")]
    Unavailable(String),
    /// The synthesiser refused a request.
    #[error("speech engine failed: {0}")]
    Failed(String),
}

/// A speech synthesiser. Owned by the speech thread of a
/// [`SpeechService`](super::SpeechService); calls may block for a while (choosing a
/// voice takes seconds on speech-dispatcher) but never on the UI thread.
pub trait Engine: Send {
    /// Queues `text` after whatever is speaking or queued. Its id is the number of this
    /// call (see [`Event`]).
    fn speak(&mut self, text: &str) -> Result<(), SpeechError>;
    /// Cuts off the current utterance at once and drops the queue.
    fn stop(&mut self);
    /// Sets the rate for the following utterances.
    fn set_rate(&mut self, rate: RateStep);
    /// Sets the volume for the following utterances.
    fn set_volume(&mut self, volume: VolumeStep);
    /// Chooses a voice by name (engine-specific: a voice name or a language tag); an
    /// unknown name keeps the current voice and logs a warning.
    fn set_voice(&mut self, name: &str);
    /// Makes a later `set_voice(name)` fast, if the engine can (speech-dispatcher: a
    /// connection of its own with that voice chosen). The service calls it for the
    /// configured voices once it has been idle for a second. Default: nothing.
    fn prepare_voice(&mut self, name: &str) {
        let _ = name;
    }
}

impl<E: Engine + ?Sized> Engine for Box<E> {
    fn speak(&mut self, text: &str) -> Result<(), SpeechError> {
        (**self).speak(text)
    }

    fn stop(&mut self) {
        (**self).stop();
    }

    fn set_rate(&mut self, rate: RateStep) {
        (**self).set_rate(rate);
    }

    fn set_volume(&mut self, volume: VolumeStep) {
        (**self).set_volume(volume);
    }

    fn set_voice(&mut self, name: &str) {
        (**self).set_voice(name);
    }

    fn prepare_voice(&mut self, name: &str) {
        (**self).prepare_voice(name);
    }
}
