//! The iced layer: one module per screen (its state, messages, update,
//! controls, speech and view), a shared frame, one theme.
//!
//! `App::update` routes each message to the screen shown and performs the
//! action it returns — the next screen, what to fetch, what to say — as
//! [`Effect`]s; `run` turns them into iced tasks, tests run them directly
//! against the reference portal. Every request of a citizen carries the
//! ticket of their session, so an answer reaches only the citizen who asked.

pub mod app;
pub mod context;
pub mod control;
pub mod driver;
pub mod effect;
mod embedded;
pub mod fit;
pub mod frame;
pub mod journeys;
pub mod keys;
pub mod look;
pub mod pictogram;
pub mod screen;
pub mod session;
pub mod sizes;
pub mod speech_link;
pub mod theme;
pub mod voice;
pub mod widgets;

use crate::core::config::{ConfigError, Loaded};

pub use app::{App, Message};
pub use effect::{Effect, Services};

/// Why the kiosk could not start.
#[derive(Debug, thiserror::Error)]
pub enum UiError {
    #[error("the window system failed: {0}")]
    Window(#[from] iced::Error),
    #[error("the portal could not be started: {0}")]
    Portal(String),
}

/// How long the kiosk waits for the catalogue before opening its window.
const CATALOGUE_WAIT: std::time::Duration = std::time::Duration::from_millis(300);

/// Runs the kiosk until the process is stopped. A broken config shows the
/// maintenance screen instead of crashing.
pub fn run(loaded: Result<Loaded, ConfigError>, windowed: bool) -> Result<(), UiError> {
    let (config, config_problem) = match loaded {
        Ok(l) => (l.config, None),
        Err(e) => (crate::core::config::Config::default(), Some(e.to_string())),
    };
    // The bundled faces, read in place from the binary, before the first text is shaped.
    fit::ensure_fonts();
    let (services, config_problem) = match Services::start(&config) {
        Ok(services) => (services, config_problem),
        // The config loaded, but its portal cannot be reached as it says (a CA bundle
        // gone since, a client refused): the maintenance screen, as for a broken config.
        Err(problem) if config_problem.is_none() => {
            tracing::error!(%problem, "the configured portal cannot be used; maintenance screen");
            let fallback = crate::core::config::Config::default();
            (Services::start(&fallback).map_err(UiError::Portal)?, Some(problem))
        }
        Err(problem) => return Err(UiError::Portal(problem)),
    };
    // The hall's catalogue before the window opens, so the first frame is the
    // whole welcome screen (a few ms from the embedded portal; a slow or absent
    // portal costs at most the wait, then the catalogue loads as usual).
    let catalogue = services.preload_catalogue(CATALOGUE_WAIT);
    let boot_config = config.clone();
    let window = iced::window::Settings {
        fullscreen: !windowed,
        decorations: windowed,
        exit_on_close_request: windowed,
        size: iced::Size::new(config.screen.width_px as f32, config.screen.height_px as f32),
        ..iced::window::Settings::default()
    };
    iced::application(
        move || App::boot(boot_config.clone(), services.clone(), config_problem.clone(), catalogue.clone()),
        App::update_task,
        App::view,
    )
    .title(App::title)
    .subscription(App::subscription)
    .theme(App::theme)
    .default_font(widgets::FONT)
    .window(window)
    .run()?;
    Ok(())
}
