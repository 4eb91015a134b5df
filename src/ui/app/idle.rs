//! The idle clock: 「您还在吗？」 after the idle time, a countdown, 「我还在」
//! extends, and the session is wiped when the countdown runs out.

use std::time::{Duration, Instant};

use super::super::effect::Effect;
use super::super::screen::Screen;
use super::super::session::{Overlay, Settings};
use super::{App, GOODBYE_SECONDS};

/// Whether the clock matters now: a session in use (its idle time runs), the
/// goodbye screen (it returns home by itself). An idle welcome screen needs no
/// ticks at all, so the kiosk sleeps there.
pub(super) fn needs_ticks(app: &App) -> bool {
    in_use(app) || app.screen == Screen::Goodbye || app.idle.warning_since.is_some()
}

/// Whether a tick at `now` would change nothing the citizen sees (most ticks).
pub(super) fn quiet(app: &App, now: Instant) -> bool {
    if app.screen == Screen::Goodbye {
        return now.duration_since(app.idle.last_activity) < Duration::from_secs(GOODBYE_SECONDS);
    }
    if !in_use(app) || matches!(app.screen, Screen::Maintenance(_)) {
        return true;
    }
    app.idle.warning_since.is_none()
        && now.duration_since(app.idle.last_activity)
            < Duration::from_secs(u64::from(app.config.session.idle_seconds))
}

/// The session is "in use" when anything would need wiping.
fn in_use(app: &App) -> bool {
    !matches!(app.screen, Screen::Welcome(_))
        || app.session.citizen.identity.is_some()
        || app.settings != Settings::defaults(&app.config)
}

pub(super) fn tick(app: &mut App, now: Instant) -> Vec<Effect> {
    if app.screen == Screen::Goodbye
        && now.duration_since(app.idle.last_activity) >= Duration::from_secs(GOODBYE_SECONDS)
    {
        return app.end_session(now);
    }
    if !in_use(app) || matches!(app.screen, Screen::Maintenance(_)) {
        app.idle.last_activity = now;
        return vec![];
    }
    let session = &app.config.session;
    match app.idle.warning_since {
        None => {
            if now.duration_since(app.idle.last_activity)
                >= Duration::from_secs(u64::from(session.idle_seconds))
            {
                app.idle.warning_since = Some(now);
                app.overlay = Some(Overlay::IdleWarning { seconds_left: session.warning_seconds });
            }
            vec![]
        }
        Some(since) => {
            let elapsed = now.duration_since(since).as_secs();
            let total = u64::from(session.warning_seconds);
            if elapsed >= total {
                app.end_session(now)
            } else {
                app.overlay = Some(Overlay::IdleWarning { seconds_left: (total - elapsed) as u32 });
                vec![]
            }
        }
    }
}

/// 「我还在」: the warning closes and the idle time starts again.
pub(super) fn extend(app: &mut App) {
    if app.idle.warning_since.is_none() {
        return;
    }
    if app.idle.extensions < app.config.session.max_extensions {
        app.idle.extensions += 1;
        app.idle.warning_since = None;
        app.idle.last_activity = app.idle.now;
        app.overlay = None;
    }
}
