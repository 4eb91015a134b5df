//! A headless kiosk: the real `App` driven through the real `view` with
//! iced_test's simulator, its effects carried out against a real portal.
//! Tests and `yiban snapshots` use it to click by visible text.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use iced_test::selector::Candidate;
use iced_test::simulator::Simulator;

use crate::core::config::Config;
use crate::core::model::FieldKind;

use super::app::{App, Message};
use super::effect::{Effect, Reply, Request, Services};
use super::embedded::EmbeddedPortal;
use super::screen::Screen;
use super::speech_link::Notice;
use super::voice::Purpose;

#[derive(Debug, thiserror::Error)]
pub enum DriverError {
    #[error("could not start: {0}")]
    Start(String),
    #[error("no visible text {wanted:?} on screen {screen}; visible: {visible:?}")]
    NotFound { wanted: String, screen: &'static str, visible: Vec<String> },
    #[error("snapshot failed: {0}")]
    Snapshot(String),
    #[error("the effect loop did not settle after {0} rounds")]
    Runaway(usize),
}

/// The longest chain of effects one message may start (guards against loops).
const MAX_ROUNDS: usize = 64;

pub struct Driver {
    pub app: App,
    runtime: tokio::runtime::Runtime,
    portal: Option<EmbeddedPortal>,
    _db_dir: Option<tempdir::Dir>,
    pub now: Instant,
    /// Everything the kiosk has said, in order.
    pub spoken: Vec<String>,
    /// Portal requests of these kinds wait in `held` until `release`.
    holding: Vec<Hold>,
    held: Vec<Effect>,
    /// The speech engine never reports the end of what it says.
    speech_never_ends: bool,
}

/// Kinds of portal request a test can hold in flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    Matters,
    Identity,
    Query,
    Submit,
}

/// A temporary folder for the portal's database, removed on drop.
mod tempdir {
    use std::path::PathBuf;

    pub struct Dir(pub PathBuf);

    impl Dir {
        pub fn new() -> std::io::Result<Dir> {
            let path = std::env::temp_dir().join(format!("yiban-driver-{}", uuid::Uuid::new_v4()));
            std::fs::create_dir_all(&path)?;
            Ok(Dir(path))
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

impl Driver {
    /// A kiosk with its own fresh reference portal (demo data) on loopback.
    pub fn with_fresh_portal(config: Config, today: time::Date) -> Result<Driver, DriverError> {
        Driver::fresh(config, today, None)
    }

    /// A kiosk with its own fresh portal that keeps the reference data in `cache`.
    pub fn with_fresh_portal_cached(
        config: Config,
        today: time::Date,
        cache: &Path,
    ) -> Result<Driver, DriverError> {
        Driver::fresh(config, today, Some(cache))
    }

    fn fresh(config: Config, today: time::Date, cache: Option<&Path>) -> Result<Driver, DriverError> {
        let dir = tempdir::Dir::new().map_err(|e| DriverError::Start(e.to_string()))?;
        let portal =
            EmbeddedPortal::start_fixed(&dir.0.join("portal.sqlite3"), today).map_err(DriverError::Start)?;
        let mut driver = Driver::with_portal_url(config, portal.url(), today, cache)?;
        driver.portal = Some(portal);
        driver._db_dir = Some(dir);
        Ok(driver)
    }

    /// A kiosk talking to the portal at `url` (which may be down).
    pub fn with_url(config: Config, url: String, today: time::Date) -> Result<Driver, DriverError> {
        Driver::with_portal_url(config, url, today, None)
    }

    /// A kiosk talking to the portal at `url` (which may be down) that keeps
    /// the portal's reference data in `cache`, as a terminal does.
    pub fn with_url_cached(
        config: Config,
        url: String,
        today: time::Date,
        cache: &Path,
    ) -> Result<Driver, DriverError> {
        Driver::with_portal_url(config, url, today, Some(cache))
    }

    /// Stops the kiosk's own portal (`with_fresh_portal`), as a network cut would.
    pub fn stop_portal(&mut self) {
        self.portal = None;
    }

    fn with_portal_url(
        config: Config,
        url: String,
        today: time::Date,
        cache: Option<&Path>,
    ) -> Result<Driver, DriverError> {
        let runtime = runtime()?;
        let mut services = Services::for_portal(&config, url).map_err(DriverError::Start)?;
        if let Some(cache) = cache {
            services = services.with_cache(cache);
        }
        let now = Instant::now();
        let (app, effects) = App::new(config, services, None, now, today);
        let mut driver = Driver {
            app,
            runtime,
            portal: None,
            _db_dir: None,
            now,
            spoken: vec![],
            holding: vec![],
            held: vec![],
            speech_never_ends: false,
        };
        driver.run(effects)?;
        Ok(driver)
    }

    pub fn portal_url(&self) -> Option<String> {
        self.portal.as_ref().map(EmbeddedPortal::url)
    }

    /// Sends a message as if the UI produced it, and carries out every effect.
    pub fn send(&mut self, message: Message) -> Result<(), DriverError> {
        let effects = self.app.update(message);
        self.run(effects)
    }

    fn run(&mut self, mut effects: Vec<Effect>) -> Result<(), DriverError> {
        for _ in 0..MAX_ROUNDS {
            if effects.is_empty() {
                return Ok(());
            }
            let mut next = vec![];
            for effect in effects {
                let Some(message) = self.carry_out(effect) else { continue };
                next.extend(self.app.update(message));
            }
            effects = next;
        }
        Err(DriverError::Runaway(MAX_ROUNDS))
    }

    /// Carries out one effect as the iced runtime would, and returns the
    /// message it answers with (None: no answer, or held).
    fn carry_out(&mut self, effect: Effect) -> Option<Message> {
        match effect {
            Effect::Speak { texts, purpose, session } => {
                self.spoken.extend(texts);
                // A read-back "ends" at once, as the recording engine's does, unless speech never ends.
                (purpose == Purpose::ReadBack && !self.speech_never_ends)
                    .then_some(Message::Speech(Notice::Heard(session)))
            }
            Effect::StopSpeech | Effect::SpeechSettings { .. } => None,
            Effect::Portal(ticket, request) => {
                if self.holding.iter().any(|h| holds(*h, &request)) {
                    self.held.push(Effect::Portal(ticket, request));
                    return None;
                }
                let reply =
                    self.runtime.block_on(super::effect::request(self.app.services.clone(), *request));
                Some(Message::Replied(ticket, Box::new(reply)))
            }
            Effect::Chore(chore) => {
                let loaded = self.runtime.block_on(super::effect::chore(self.app.services.clone(), chore));
                Some(Message::Loaded(loaded))
            }
        }
    }

    /// Holds portal requests of this kind in flight until `release`.
    pub fn hold(&mut self, kind: Hold) {
        self.holding.push(kind);
    }

    /// Lets the held requests reach the portal now and delivers their answers
    /// (whatever the kiosk did meanwhile); returns the answers delivered.
    pub fn release(&mut self) -> Result<Vec<Message>, DriverError> {
        self.holding.clear();
        let mut delivered = vec![];
        for effect in std::mem::take(&mut self.held) {
            let Some(message) = self.carry_out(effect) else { continue };
            delivered.push(message.clone());
            let effects = self.app.update(message);
            self.run(effects)?;
        }
        Ok(delivered)
    }

    /// The identity tokens among delivered answers.
    pub fn opened_tokens(delivered: &[Message]) -> Vec<String> {
        delivered
            .iter()
            .filter_map(|m| match m {
                Message::Replied(_, reply) => match reply.as_ref() {
                    Reply::IdentityOpened(Ok(s)) => Some(s.token.expose().to_owned()),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    }

    /// From now on the speech engine never reports the end of an utterance.
    pub fn speech_never_ends(&mut self) {
        self.speech_never_ends = true;
    }

    fn simulator(&self) -> Simulator<'_, Message> {
        let settings = super::fit::simulator_settings();
        let size =
            iced::Size::new(self.app.config.screen.width_px as f32, self.app.config.screen.height_px as f32);
        Simulator::with_size(settings, size, self.app.view())
    }

    /// Every text visible on the screen, in drawing order.
    pub fn texts(&self) -> Vec<String> {
        self.text_bounds().into_iter().map(|(t, _)| t).collect()
    }

    /// Every visible text with its bounds (logical pixels).
    pub fn text_bounds(&self) -> Vec<(String, iced::Rectangle)> {
        let mut found = vec![];
        let mut ui = self.simulator();
        let _ = ui.find(|c: Candidate<'_>| {
            if let Candidate::Text { content, bounds, .. } = c {
                found.push((content.to_owned(), bounds));
            }
            None::<()>
        });
        found
    }

    pub fn sees(&self, text: &str) -> bool {
        self.texts().iter().any(|t| t == text)
    }

    /// Whether some visible text contains `part`.
    pub fn sees_part(&self, part: &str) -> bool {
        self.texts().iter().any(|t| t.contains(part))
    }

    /// Clicks the widget showing exactly `text`, then handles what it sent.
    pub fn click(&mut self, text: &str) -> Result<(), DriverError> {
        let messages: Vec<Message> = {
            let mut ui = self.simulator();
            if ui.click(text).is_err() {
                return Err(DriverError::NotFound {
                    wanted: text.to_owned(),
                    screen: self.app.screen.name(),
                    visible: self.texts(),
                });
            }
            ui.into_messages().collect()
        };
        for m in messages {
            self.send(m)?;
        }
        Ok(())
    }

    /// Clicks the text of a Fluent message in the current language.
    pub fn click_t(&mut self, id: &str) -> Result<(), DriverError> {
        let text = crate::i18n::t(self.app.settings.lang, id);
        self.click(&text)
    }

    /// Types digits (and X) on the big keypad by clicking its keys. The keypad
    /// is drawn after what has been typed, so a key is the last text showing its digit.
    pub fn type_keys(&mut self, keys: &str) -> Result<(), DriverError> {
        for k in keys.chars() {
            self.click_last(&k.to_string())?;
        }
        Ok(())
    }

    /// Clicks the last widget showing exactly `text`.
    pub fn click_last(&mut self, text: &str) -> Result<(), DriverError> {
        let Some((_, bounds)) = self.text_bounds().into_iter().rev().find(|(t, _)| t == text) else {
            return Err(self.not_found(text.to_owned()));
        };
        let messages: Vec<Message> = {
            let mut ui = self.simulator();
            ui.point_at(bounds.center());
            let _ = ui.simulate(iced_test::simulator::click());
            ui.into_messages().collect()
        };
        for m in messages {
            self.send(m)?;
        }
        Ok(())
    }

    /// Chooses a choice of the current step by its value, clicking its visible label.
    pub fn choose(&mut self, field_id: &str, value: &str) -> Result<(), DriverError> {
        let lang = self.app.settings.lang;
        let label = {
            let Screen::Step(state) = &self.app.screen else {
                return Err(self.not_found(format!("{field_id}={value}")));
            };
            let journey = self.app.session.journey.as_ref();
            let field = journey
                .and_then(|j| j.step(state.at))
                .and_then(|s| s.fields.iter().find(|f| f.id == field_id))
                .cloned();
            match field {
                Some(f) if f.kind == FieldKind::Choice => {
                    let i = f.choices.iter().position(|c| c.value == value);
                    i.map(|i| crate::ui::screen::step::choice_label(lang, i, &f.choices[i]))
                }
                Some(f) if f.kind == FieldKind::YesNo => {
                    Some(crate::i18n::t(lang, if value == crate::core::model::YES { "yes" } else { "no" }))
                }
                Some(f) if f.kind == FieldKind::Commitment => Some(crate::i18n::t(lang, "commitment-agree")),
                _ => None,
            }
        };
        let Some(label) = label else { return Err(self.not_found(format!("{field_id}={value}"))) };
        // A long commitment shows 我已阅读并同意 on the statement's last page.
        let next = crate::i18n::t(lang, "page-next");
        while !self.sees(&label) && self.sees(&next) {
            self.click(&next)?;
        }
        self.click(&label)
    }

    fn not_found(&self, wanted: String) -> DriverError {
        DriverError::NotFound { wanted, screen: self.app.screen.name(), visible: self.texts() }
    }

    /// Presses a key of the keypad / accessible controller (as the kiosk's key listener reports it).
    pub fn press(&mut self, key: iced::keyboard::Key) -> Result<(), DriverError> {
        self.send(Message::KeyPressed(key, iced::keyboard::Modifiers::default(), self.now))
    }

    /// Presses a named key (Enter, Tab, arrows, Escape, F1…).
    pub fn press_named(&mut self, key: iced::keyboard::key::Named) -> Result<(), DriverError> {
        self.press(iced::keyboard::Key::Named(key))
    }

    /// Presses character keys one by one (digits, X).
    pub fn press_chars(&mut self, chars: &str) -> Result<(), DriverError> {
        for c in chars.chars() {
            self.press(iced::keyboard::Key::Character(c.to_string().into()))?;
        }
        Ok(())
    }

    /// Lets `seconds` pass on the kiosk's clock (one tick a second).
    pub fn wait(&mut self, seconds: u64) -> Result<(), DriverError> {
        for _ in 0..seconds {
            self.now += Duration::from_secs(1);
            self.send(Message::Tick(self.now))?;
        }
        Ok(())
    }

    /// Writes a PNG of the screen (at the simulator's scale 2) to `path`.
    pub fn snapshot_png(&self, path: &Path) -> Result<PathBuf, DriverError> {
        let theme = self.app.theme();
        let snap = self.simulator().snapshot(&theme).map_err(|e| DriverError::Snapshot(e.to_string()))?;
        let written = snapshot_path(path, "png");
        let _ = std::fs::remove_file(&written);
        snap.matches_image(path).map_err(|e| DriverError::Snapshot(e.to_string()))?;
        Ok(written)
    }

    /// Whether the screen still matches the committed hash baseline at `path`.
    /// A missing baseline is an error unless `bless` (then it is written).
    pub fn matches_baseline(&self, path: &Path, bless: bool) -> Result<bool, DriverError> {
        let file = snapshot_path(path, "sha256");
        if !file.exists() && !bless {
            return Err(DriverError::Snapshot(format!("missing baseline {}", file.display())));
        }
        if bless {
            let _ = std::fs::remove_file(&file);
        }
        let theme = self.app.theme();
        let snap = self.simulator().snapshot(&theme).map_err(|e| DriverError::Snapshot(e.to_string()))?;
        snap.matches_hash(path).map_err(|e| DriverError::Snapshot(e.to_string()))
    }
}

/// Where iced_test puts a snapshot file: `<stem>-<renderer>.<ext>`.
pub fn snapshot_path(path: &Path, ext: &str) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!("{stem}-tiny-skia")).with_extension(ext)
}

fn holds(kind: Hold, request: &Request) -> bool {
    matches!(
        (kind, request),
        (Hold::Matters, Request::LoadMatters(_))
            | (Hold::Identity, Request::OpenIdentity(_))
            | (Hold::Query, Request::Query { .. })
            | (Hold::Submit, Request::Submit { .. })
    )
}

fn runtime() -> Result<tokio::runtime::Runtime, DriverError> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| DriverError::Start(e.to_string()))
}
