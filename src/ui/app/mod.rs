//! The kiosk's root: its state, the root message, and the routing of every
//! message to the screen shown or to the frame. Screens decide what their
//! messages mean and return actions; the app performs them (`route.rs`), moves
//! the journey on (`flow.rs`), takes the portal's answers for the session that
//! asked only (`replies.rs`), keeps the idle clock (`idle.rs`), moves the
//! keypad focus (`nav.rs`) and decides what to say (`speech.rs`).

mod flow;
mod idle;
mod nav;
mod replies;
mod route;
mod speech;
mod subscription;

use std::time::Instant;

use iced::{Element, Task, Theme};

use crate::core::config::Config;
use crate::i18n::t;

use super::context::{Context, SpeechHealth};
use super::control::ControlId;
use super::effect::{Chore, Effect, Loaded, Reply, Services};
use super::frame::{self, FrameLayout};
use super::screen::{
    Screen, due, evaluate, failure, goodbye, identify, intro, query_result, result, review, settings, step,
    waiting, welcome,
};
use super::session::{Idle, Reference, Session, Ticket};
use super::sizes::Sizes;
use super::speech_link::Notice;

pub use super::session::{Overlay, Settings};
pub use flow::GOODBYE_SECONDS;

pub struct App {
    pub config: Config,
    pub services: Services,
    pub settings: Settings,
    pub reference: Reference,
    pub session: Session,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub idle: Idle,
    /// Today's date as the kiosk sees it (fixed in tests).
    pub today: time::Date,
    /// The keypad focus, None until a key moves it.
    pub focus: Option<ControlId>,
    /// The private audio channel (headset) is in use: personal values may be spoken in full.
    pub headset: bool,
    /// Everything said since the screen last changed (for tests and snapshots).
    pub transcript: Vec<String>,
    /// No input since the session began: the first input starts the welcome speech again.
    pub awaiting_first_input: bool,
    /// The frame's layout for the screen shown.
    pub frame: FrameLayout,
    /// The speech engine's watchdog verdict.
    pub speech: SpeechHealth,
    /// Portal reads of citizen sessions in flight, aborted once no session waits for them.
    in_flight: Vec<(Ticket, iced::task::Handle)>,
}

/// Every message of the kiosk. Results are past tense, intents imperative.
#[derive(Debug, Clone)]
pub enum Message {
    /// The welcome screen's tiles, pages and settings.
    Welcome(welcome::Message),
    /// The colours and voice screen.
    Settings(settings::Message),
    /// The waiting screen's way out.
    Waiting(waiting::Message),
    /// The matter's introduction.
    Intro(intro::Message),
    /// Identification.
    Identify(identify::Message),
    /// What is due for the citizen.
    Due(due::Message),
    /// A step of the form.
    Step(step::Message),
    /// The review.
    Review(review::Message),
    /// The case numbers.
    Result(result::Message),
    /// A query's result.
    QueryResult(query_result::Message),
    /// 好差评.
    Evaluate(evaluate::Message),
    /// Goodbye.
    Goodbye(goodbye::Message),
    /// A failed call: try again.
    Failure(failure::Message),
    /// The frame's buttons and the dialogs.
    Frame(frame::Message),
    /// The portal answered a session's request.
    Replied(Ticket, Box<Reply>),
    /// Kiosk-wide data arrived (or an identity session was closed).
    Loaded(Loaded),
    /// The speech service reported (a read-back heard, speech broken or back).
    Speech(Notice),
    /// The clock ticked.
    Tick(Instant),
    /// The citizen touched the screen.
    Activity(Instant),
    /// A key was pressed (mapped to `Nav` with the configured key map), and when.
    KeyPressed(iced::keyboard::Key, iced::keyboard::Modifiers, Instant),
    /// A key of the keypad or accessible controller.
    Nav(Nav),
    /// The headset (private audio channel) was plugged in or out.
    HeadsetChanged(bool),
    /// The system asks the kiosk to stop (SIGTERM, SIGINT): end cleanly.
    Shutdown,
}

/// What a key of the keypad / accessible controller means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Next,
    Previous,
    Activate,
    Back,
    Delete,
    Digit(char),
    X,
    Repeat,
    VoiceOn,
    Help,
}

impl App {
    pub fn boot(
        config: Config,
        services: Services,
        config_problem: Option<String>,
        catalogue: Option<(crate::core::model::Catalogue, bool)>,
    ) -> (App, Task<Message>) {
        let (mut app, mut effects) = App::new(config, services, config_problem, Instant::now(), today_utc8());
        if let Some((catalogue, fresh)) = catalogue {
            app.preload(catalogue, fresh, &mut effects);
        }
        let task = app.tasks(effects);
        (app, task)
    }

    /// The catalogue, loaded before the window opened: the first frame shows the
    /// tiles, and the start's effects no longer ask for it, unless it came
    /// from the cache (not `fresh`): then the portal is asked again.
    pub fn preload(
        &mut self,
        catalogue: crate::core::model::Catalogue,
        fresh: bool,
        effects: &mut Vec<Effect>,
    ) {
        self.reference.catalogue = Some(catalogue);
        if fresh {
            self.reference.catalogue_requested = false;
            effects.retain(|e| *e != Effect::Chore(Chore::LoadCatalogue));
        }
        self.relayout();
    }

    /// Whether the one-second clock runs: while a session is in use, on the
    /// goodbye screen and during the idle warning (an idle welcome screen sleeps).
    pub fn needs_ticks(&self) -> bool {
        idle::needs_ticks(self)
    }

    /// The state at start and the effects to run (tests call this directly).
    pub fn new(
        config: Config,
        services: Services,
        config_problem: Option<String>,
        now: Instant,
        today: time::Date,
    ) -> (App, Vec<Effect>) {
        let settings = Settings::defaults(&config);
        let screen = match config_problem {
            Some(problem) => Screen::Maintenance(problem),
            None => Screen::welcome(),
        };
        let mut app = App {
            config,
            services,
            settings,
            reference: Reference { catalogue_requested: true, ..Reference::default() },
            session: Session::default(),
            screen,
            overlay: None,
            idle: Idle::new(now),
            today,
            focus: None,
            headset: false,
            transcript: vec![],
            awaiting_first_input: true,
            frame: FrameLayout::default(),
            speech: SpeechHealth::Working,
            in_flight: vec![],
        };
        app.relayout();
        let effects = vec![
            app.speech_settings(),
            Effect::Chore(Chore::LoadCatalogue),
            Effect::Chore(Chore::LoadRegions),
            Effect::Chore(Chore::LoadReasons),
        ];
        (app, effects)
    }

    pub fn title(&self) -> String {
        t(self.settings.lang, "app-name")
    }

    pub fn theme(&self) -> Theme {
        self.settings.theme.iced_theme()
    }

    pub fn sizes(&self) -> Sizes {
        Sizes::new(&self.config.screen, self.settings.text_step)
    }

    /// What the screens may read of the kiosk now.
    pub fn context(&self) -> Context<'_> {
        Context {
            config: &self.config,
            settings: &self.settings,
            reference: &self.reference,
            citizen: &self.session.citizen,
            journey: self.session.journey.as_ref(),
            today: self.today,
            headset: self.headset,
            sizes: self.sizes(),
            frame: self.frame,
            focus: self.focus,
            printer: self.services.printer,
            speech: self.speech,
            can_extend: self.idle.extensions < self.config.session.max_extensions,
        }
    }

    /// Runs `f` on the screen shown with the context (the screen is lent out meanwhile).
    fn with_screen<R>(&mut self, f: impl FnOnce(&mut Screen, &Context<'_>) -> R) -> R {
        let mut screen = std::mem::replace(&mut self.screen, Screen::Goodbye);
        let out = f(&mut screen, &self.context());
        self.screen = screen;
        out
    }

    /// Measures the frame and lays the screen out again: after every change,
    /// so views, controls and speech read a layout that matches what is shown.
    pub fn relayout(&mut self) {
        let primary = self.with_screen(|screen, cx| primary_words(screen, cx));
        self.frame = self.with_screen(|screen, cx| frame::measure(screen, cx, &primary));
        self.with_screen(|screen, cx| screen.relayout(cx));
    }

    pub fn update_task(&mut self, message: Message) -> Task<Message> {
        if matches!(message, Message::Shutdown) {
            // The citizen's identity session is closed on the way out; then the window
            // closes, and the embedded portal removes the database it made for this run.
            let effects = self.end_session(self.idle.now);
            tracing::info!("stopping on request");
            return self.tasks(effects).chain(iced::exit());
        }
        let effects = self.update(message);
        let task = self.tasks(effects);
        // Abort the reads no session waits for any more (the session ended, or the citizen stopped waiting).
        let session = &self.session;
        self.in_flight.retain(|(ticket, handle)| {
            let keep = session.awaits(*ticket);
            if !keep {
                handle.abort();
            }
            keep
        });
        task
    }

    fn tasks(&mut self, effects: Vec<Effect>) -> Task<Message> {
        let mut tasks: Vec<Task<Message>> = vec![];
        for effect in effects {
            match effect {
                Effect::Portal(ticket, request) => {
                    let abortable = request.abortable();
                    let work = super::effect::request(self.services.clone(), *request);
                    let task = Task::perform(work, move |reply| Message::Replied(ticket, Box::new(reply)));
                    if abortable {
                        let (task, handle) = task.abortable();
                        self.in_flight.push((ticket, handle));
                        tasks.push(task);
                    } else {
                        tasks.push(task);
                    }
                }
                Effect::Chore(chore) => {
                    tasks.push(Task::perform(
                        super::effect::chore(self.services.clone(), chore),
                        Message::Loaded,
                    ));
                }
                // Speech goes to the speech service at once (headless runs have none).
                speech => {
                    if let Some(link) = &self.services.speech {
                        link.apply(speech);
                    }
                }
            }
        }
        Task::batch(tasks)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let cx = self.context();
        let content = self.screen.view(&cx);
        frame::view(&self.screen, self.overlay.as_ref(), &cx, content)
    }

    /// Handles one message and returns what to do outside.
    pub fn update(&mut self, message: Message) -> Vec<Effect> {
        // Most ticks change nothing the citizen sees: only the clock moves.
        if let Message::Tick(now) = message
            && idle::quiet(self, now)
        {
            self.idle.now = self.idle.now.max(now);
            return idle::tick(self, now);
        }
        let was = speech::before(self);
        let from_citizen = is_citizen_input(&message);
        // A fresh catalogue redraws the welcome screen: say it.
        let repeat = match &message {
            Message::Frame(frame::Message::Repeat) | Message::Nav(Nav::Repeat) => true,
            Message::Loaded(Loaded::Catalogue(Ok(_))) => true,
            Message::KeyPressed(k, m, _) => super::keys::map(&self.config.keys, k, *m) == Some(Nav::Repeat),
            _ => false,
        };
        // Someone who put the headset on late hears the screen again at their first input.
        let first_input = from_citizen && self.awaiting_first_input;
        if from_citizen {
            self.awaiting_first_input = false;
        }
        let mut effects = self.dispatch(message);
        // Back on the welcome screen without a catalogue (the portal was down): ask again.
        if matches!(self.screen, Screen::Welcome(_))
            && self.reference.catalogue.is_none()
            && !self.reference.catalogue_requested
        {
            self.reference.catalogue_requested = true;
            effects.push(Effect::Chore(Chore::LoadCatalogue));
        }
        self.relayout();
        effects.extend(speech::after(self, &was, from_citizen, repeat || first_input));
        effects
    }

    fn dispatch(&mut self, message: Message) -> Vec<Effect> {
        match message {
            Message::Tick(now) => {
                self.idle.now = self.idle.now.max(now);
                idle::tick(self, now)
            }
            Message::Activity(now) => {
                self.idle.now = self.idle.now.max(now);
                if self.idle.warning_since.is_none() {
                    self.idle.last_activity = self.idle.now;
                }
                vec![]
            }
            Message::Frame(frame::Message::StillHere) => {
                idle::extend(self);
                vec![]
            }
            Message::KeyPressed(_, _, at) => {
                // Ticks stop on an idle welcome screen: the key brings the clock up to date.
                self.idle.now = self.idle.now.max(at);
                self.idle.last_activity = self.idle.now;
                route::handle(self, message)
            }
            other => {
                // Any action of the citizen counts as activity (tests send no raw events).
                if self.idle.warning_since.is_none() && is_citizen_input(&other) {
                    self.idle.last_activity = self.idle.now;
                }
                route::handle(self, other)
            }
        }
    }

    /// Ends the session: personal data wiped, settings back to defaults, its
    /// requests in flight abandoned (their answers will be dropped).
    pub fn end_session(&mut self, now: Instant) -> Vec<Effect> {
        let mut effects = vec![];
        if let Some(identity) = self.session.citizen.identity.as_ref() {
            effects.push(Effect::Chore(Chore::CloseIdentity(identity.token.clone())));
        }
        self.session = Session::after(self.session.id);
        self.settings = Settings::defaults(&self.config);
        self.overlay = None;
        self.idle = Idle::new(now);
        self.screen = Screen::welcome();
        self.focus = None;
        self.awaiting_first_input = true;
        self.transcript.clear();
        // The texts measured for the citizen's screens go with the session.
        super::fit::forget();
        self.relayout();
        effects.push(self.speech_settings());
        effects
    }

    /// The speech engine's settings for the citizen's choices.
    pub fn speech_settings(&self) -> Effect {
        Effect::SpeechSettings {
            enabled: self.settings.voice,
            rate: self.settings.rate,
            volume: self.settings.volume,
            lang: self.settings.lang,
        }
    }

    /// Names the screen (and the step of a form, the page of a paged screen), to tell when it changes.
    pub fn screen_key(&self) -> String {
        self.screen.key(&self.context())
    }

    /// What is said for the focused control (None until a key moves the focus).
    pub fn focus_line(&self) -> Option<String> {
        let id = self.focus?;
        let order = self.focus_order();
        order.iter().find(|c| c.id == id).map(|c| super::voice::focus_line(self.settings.lang, c))
    }

    /// Every control that can take the focus now: the screen's (its main
    /// action last), then the frame's; a dialog's own, then 呼叫工作人员.
    pub fn focus_order(&self) -> Vec<super::control::Control<Message>> {
        let cx = self.context();
        let all: Vec<super::control::Control<Message>> = match &self.overlay {
            Some(overlay) => {
                let mut out = frame::dialog::controls(overlay, &cx);
                out.extend(
                    frame::controls(&self.screen, &cx).into_iter().filter(|c| c.id == ControlId::CallStaff),
                );
                out
            }
            None => {
                let mut screen = self.screen.controls(&cx);
                // The main action comes after the screen's own controls.
                screen.sort_by_key(|c| c.id == ControlId::Primary);
                screen.extend(frame::controls(&self.screen, &cx));
                screen
            }
        };
        all.into_iter().filter(|c| c.focusable()).collect()
    }
}

/// The words of the screen's main action (the bar is laid out for them).
fn primary_words(screen: &Screen, cx: &Context<'_>) -> Vec<String> {
    screen.controls(cx).into_iter().filter(|c| c.id == ControlId::Primary).map(|c| c.label).collect()
}

/// Whether a message comes from the citizen's hands (an action that interrupts speech).
fn is_citizen_input(message: &Message) -> bool {
    !matches!(
        message,
        Message::Replied(..)
            | Message::Loaded(_)
            | Message::Speech(_)
            | Message::Tick(_)
            | Message::HeadsetChanged(_)
    )
}

/// Today in China Standard Time (UTC+8), whatever the machine's zone.
pub fn today_utc8() -> time::Date {
    let offset = time::UtcOffset::from_hms(8, 0, 0).unwrap_or(time::UtcOffset::UTC);
    time::OffsetDateTime::now_utc().to_offset(offset).date()
}

#[cfg(test)]
#[path = "start_tests.rs"]
mod tests;
