//! The kiosk's root: state, messages, and the routing of every message.
//! The journey's transitions live in `app_flow.rs`.

use std::time::{Duration, Instant};

use iced::{Element, Subscription, Task, Theme, event};

use crate::client::ClientError;
use crate::core::config::Config;
use crate::core::journey::{Journey, MatterForm, StepRef};
use crate::core::model::{
    Application, AssistRequest, Catalogue, Evaluation, IdentitySession, Level, QueryResult, ReasonList,
    Regions,
};
use crate::i18n::{Lang, t};

use super::effect::{self, Effect, Services};
use super::screen::{self, Screen};
use super::sizes::Sizes;
use super::theme::ThemeKind;

/// The citizen's own settings; back to the defaults after every session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub lang: Lang,
    pub text_step: u8,
    pub theme: ThemeKind,
    pub voice: bool,
    /// Index into `voice::RATE_IDS`.
    pub rate: u8,
    /// Index into `voice::VOLUME_IDS`.
    pub volume: u8,
}

impl Settings {
    pub fn defaults(config: &Config) -> Settings {
        Settings {
            lang: config.language(),
            text_step: config.defaults.text_step,
            theme: ThemeKind::from_config(&config.defaults.theme),
            voice: config.defaults.voice,
            rate: super::voice::DEFAULT_RATE,
            volume: super::voice::DEFAULT_VOLUME,
        }
    }
}

/// Loaded-once data that is not personal (kept across sessions).
#[derive(Debug, Clone, Default)]
pub struct Reference {
    pub catalogue: Option<Catalogue>,
    /// A catalogue request is on its way.
    pub catalogue_requested: bool,
    pub regions: Option<Regions>,
    pub reasons: Option<ReasonList>,
}

/// One citizen's session: everything here is wiped when it ends.
#[derive(Debug, Clone, Default)]
pub struct Session {
    /// The matter ids (one, or a bundle's members) being handled.
    pub target: Vec<String>,
    pub bundle_id: Option<String>,
    pub members: Vec<MatterForm>,
    pub journey: Option<Journey>,
    pub identity: Option<IdentitySession>,
    /// Idempotency keys per matter, made once at review so a retry cannot duplicate.
    pub keys: Vec<(String, String)>,
    pub cases: Vec<Application>,
    pub query: Option<QueryResult>,
    pub evaluation: Option<Evaluation>,
    pub staff_request: Option<AssistRequest>,
    /// The page of the review screen.
    pub review_page: usize,
    /// The page of the welcome screen's tiles (where they do not all fit).
    pub welcome_page: usize,
    /// Whether the spoken read-back of the review has been heard to the end.
    pub read_back_heard: bool,
}

/// The idle clock (ACCESSIBILITY.md row 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Idle {
    /// The latest time the kiosk has seen (from ticks and input events).
    pub now: Instant,
    pub last_activity: Instant,
    pub warning_since: Option<Instant>,
    pub extensions: u32,
}

/// A dialog over the current screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// 「您还在吗？」 with a countdown (seconds left).
    IdleWarning { seconds_left: u32 },
    /// Going home would lose answers: ask first.
    ConfirmHome,
    /// Staff have been called.
    StaffComing,
    /// Calling staff failed: say so and what to do.
    StaffCallFailed,
    /// The step's tip, opened from its 小贴士 button (where it is folded).
    Tip,
}

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
    /// The keypad focus: an index into `focus::items`, None until a key moves it.
    pub focus: Option<usize>,
    /// The private audio channel (headset) is in use: personal values may be spoken in full.
    pub headset: bool,
    /// Everything said since the screen last changed (for tests and snapshots).
    pub transcript: Vec<String>,
    /// No input since the session began: the first input starts the welcome speech again.
    pub awaiting_first_input: bool,
}

/// Every message of the kiosk. Results are past tense, intents imperative.
#[derive(Debug, Clone)]
pub enum Message {
    /// The hall's catalogue arrived (or failed).
    CatalogueLoaded(Result<Catalogue, ClientError>),
    /// A matter's (or a bundle's) details and form schemas arrived.
    MattersLoaded(Result<Vec<MatterForm>, ClientError>),
    /// The region list arrived.
    RegionsLoaded(Result<Regions, ClientError>),
    /// The evaluation reason list arrived.
    ReasonsLoaded(Result<ReasonList, ClientError>),
    /// The portal identified the citizen (or refused).
    IdentityOpened(Result<IdentitySession, ClientError>),
    /// The portal closed the identity session.
    IdentityClosed(Result<(), ClientError>),
    /// A query's result arrived.
    QueryAnswered(Result<QueryResult, ClientError>),
    /// An application of this matter was stored (or refused).
    Submitted(String, Result<Application, ClientError>),
    /// The evaluation was stored.
    Evaluated(Result<Evaluation, ClientError>),
    /// The staff request was created.
    StaffCalled(Result<AssistRequest, ClientError>),

    /// Ask hall staff to come (呼叫工作人员).
    CallStaff,
    /// Go back one screen (返回).
    Back,
    /// Go to the welcome screen (首页); asks first when answers would be lost.
    Home,
    /// Confirm going home.
    HomeConfirmed,
    /// Close a dialog and stay.
    DismissOverlay,
    /// Switch between Chinese and English.
    ToggleLanguage,
    /// Next text size (large → larger → largest → large).
    CycleTextSize,
    /// Voice on or off.
    ToggleVoice,
    /// Try the failed call again.
    Retry,

    /// The clock ticked.
    Tick(Instant),
    /// The citizen touched the screen or pressed a key.
    Activity(Instant),
    /// 「我还在」: extend the session.
    StillHere,

    /// Open a matter from the welcome screen.
    OpenMatter(String),
    /// Open a bundle from the welcome screen.
    OpenBundle(String),
    /// Intro read: go on to identification.
    Start,
    /// Identification: the simulated card reader read demo card N.
    SimulateCard(usize),
    /// Identification or a keypad field: a key of the big keypad.
    Key(screen::keypad::Key),
    /// Identification: the typed number is complete.
    ConfirmIdNumber,
    /// Accept what the portal says is due (its index).
    TakeDue(usize),
    /// Not now: carry on with what was chosen.
    SkipDue,
    /// A step: choose this value for this field.
    Choose(String, String),
    /// A step: the date picker changed.
    Date(screen::step::DateChange),
    /// A step: the region picker chose a province (code) or went back to provinces (None).
    Province(Option<String>),
    /// A step: previous or next page of the region picker or of a long commitment statement.
    StepPage(i32),
    /// Next step (下一步).
    Next,
    /// Review: change the answer of this step (修改).
    Edit(StepRef),
    /// Review: send it (确认提交).
    ConfirmSubmit,
    /// Submitting: stop waiting.
    CancelSubmit,
    /// Intro, review, result or query result: previous or next page.
    Page(i32),
    /// Result: go on to the evaluation.
    ToEvaluation,
    /// Evaluation: choose a level.
    Rate(Level),
    /// Evaluation: toggle a reason code.
    ToggleReason(String),
    /// Evaluation: send it.
    SendEvaluation,
    /// Finish: goodbye, then welcome.
    Finish,
    /// A step: open its folded tip.
    ShowTip,
    /// Welcome: open the colours and voice settings (颜色和声音).
    OpenSettings,
    /// Colours: next theme (default → black on white → white on black).
    CycleTheme,
    /// Speech rate: next step.
    CycleRate,
    /// Volume: next step.
    CycleVolume,
    /// Say the screen again (再听一遍).
    Repeat,
    /// A key of the keypad or accessible controller.
    Nav(Nav),
    /// A key was pressed (mapped to `Nav` with the configured key map).
    KeyPressed(iced::keyboard::Key, iced::keyboard::Modifiers),
    /// The headset (private audio channel) was plugged in or out.
    HeadsetChanged(bool),
    /// The speech engine finished saying something said for this purpose.
    SpeechDone(super::voice::Purpose),
    /// A newer script cut the read-back off before its end.
    SpeechCut,
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
    pub fn boot(config: Config, services: Services, config_problem: Option<String>) -> (App, Task<Message>) {
        let (app, effects) = App::new(config, services, config_problem, Instant::now(), today_utc8());
        let task = app.tasks(effects);
        (app, task)
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
            None => Screen::Welcome,
        };
        let app = App {
            config,
            services,
            settings,
            reference: Reference::default(),
            session: Session::default(),
            screen,
            overlay: None,
            idle: Idle { now, last_activity: now, warning_since: None, extensions: 0 },
            today,
            focus: None,
            headset: false,
            transcript: vec![],
            awaiting_first_input: true,
        };
        let speech = app.speech_settings();
        let mut app = app;
        app.reference.catalogue_requested = true;
        (app, vec![speech, Effect::LoadCatalogue, Effect::LoadRegions, Effect::LoadReasons])
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

    /// Sizes plus the keypad focus, for the views.
    pub fn look(&self) -> super::look::Look {
        super::look::Look { sizes: self.sizes(), focused: super::focus::focused_label(self) }
    }

    pub fn update_task(&mut self, message: Message) -> Task<Message> {
        let effects = self.update(message);
        self.tasks(effects)
    }

    fn tasks(&self, effects: Vec<Effect>) -> Task<Message> {
        let (speech, io): (Vec<Effect>, Vec<Effect>) = effects.into_iter().partition(Effect::is_speech);
        let mut tasks: Vec<Task<Message>> =
            io.into_iter().map(|e| Task::perform(effect::perform(self.services.clone(), e), |m| m)).collect();
        for e in speech {
            let purpose = match &e {
                Effect::Speak { purpose, .. } => Some(*purpose),
                _ => None,
            };
            match &self.services.speech {
                Some(link) => {
                    if let Some(pending) = link.apply(e) {
                        let link = link.clone();
                        tasks.push(Task::perform(async move { link.heard(pending).await }, move |heard| {
                            if heard {
                                Message::SpeechDone(super::voice::Purpose::ReadBack)
                            } else {
                                Message::SpeechCut
                            }
                        }));
                    }
                }
                // Without a speech engine nothing can be waited for.
                None => tasks.extend(purpose.map(|p| Task::done(Message::SpeechDone(p)))),
            }
        }
        Task::batch(tasks)
    }

    pub fn subscription(&self) -> Subscription<Message> {
        let activity = event::listen_with(|event, _status, _window| match event {
            iced::Event::Mouse(iced::mouse::Event::ButtonPressed(_))
            | iced::Event::Touch(iced::touch::Event::FingerPressed { .. }) => {
                Some(Message::Activity(Instant::now()))
            }
            iced::Event::Keyboard(iced::keyboard::Event::KeyPressed { key, modifiers, .. }) => {
                Some(Message::KeyPressed(key, modifiers))
            }
            _ => None,
        });
        Subscription::batch([activity, iced::time::every(Duration::from_secs(1)).map(Message::Tick)])
    }

    pub fn view(&self) -> Element<'_, Message> {
        super::frame::view(self)
    }

    /// Handles one message and returns what to do outside.
    pub fn update(&mut self, message: Message) -> Vec<Effect> {
        super::app_flow::update(self, message)
    }

    /// The bundle being handled, if the citizen chose one.
    pub fn chosen_bundle(&self) -> Option<&crate::core::model::Bundle> {
        let id = self.session.bundle_id.as_ref()?;
        self.reference.catalogue.as_ref()?.bundles.iter().find(|b| &b.id == id)
    }

    /// The short (elder-mode) name of a matter of this session.
    pub fn member_name(&self, matter_id: &str) -> String {
        let code = self.settings.lang.code();
        self.session
            .members
            .iter()
            .find(|m| m.matter.id == matter_id)
            .map(|m| m.matter.elder_name.get(code).to_owned())
            .unwrap_or_default()
    }

    /// Whether 「我还在」 may extend the session once more.
    pub fn can_extend(&self) -> bool {
        self.idle.extensions < self.config.session.max_extensions
    }

    /// Whether leaving now would lose something the citizen entered.
    pub fn has_unsaved_answers(&self) -> bool {
        self.session.journey.is_some() && self.session.cases.is_empty() && self.session.query.is_none()
    }

    /// Ends the session: personal data wiped, settings back to defaults.
    pub fn end_session(&mut self, now: Instant) -> Vec<Effect> {
        let effects = match self.session.identity.as_ref() {
            Some(identity) => vec![Effect::CloseIdentity(identity.token.clone())],
            None => vec![],
        };
        self.session = Session::default();
        self.settings = Settings::defaults(&self.config);
        self.overlay = None;
        self.idle = Idle { now, last_activity: now, warning_since: None, extensions: 0 };
        self.screen = Screen::Welcome;
        self.focus = None;
        self.awaiting_first_input = true;
        let mut effects = effects;
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

    /// Names the screen (and the step of a form), to tell when it changes.
    pub fn screen_key(&self) -> String {
        match &self.screen {
            Screen::Step(s) => {
                let id =
                    self.session.journey.as_ref().and_then(|j| j.step(s.at)).map_or("?", |st| st.id.as_str());
                format!("step-{id}")
            }
            Screen::QueryResult { page } => format!("query-result-p{}", page + 1),
            Screen::Intro { page } if *page > 0 => format!("intro-p{}", page + 1),
            Screen::Result { page } if *page > 0 => format!("result-p{}", page + 1),
            Screen::Review => format!("review-p{}", self.session.review_page + 1),
            Screen::Welcome if self.session.welcome_page > 0 => {
                format!("welcome-p{}", self.session.welcome_page + 1)
            }
            Screen::Evaluate(s) if super::screen::evaluate::asks_reasons(s) && s.page > 0 => {
                format!("evaluate-reasons-p{}", s.page + 1)
            }
            Screen::Evaluate(s) if super::screen::evaluate::asks_reasons(s) => "evaluate-reasons".to_owned(),
            other => other.name().to_owned(),
        }
    }
}

/// Today in China Standard Time (UTC+8), whatever the machine's zone.
pub fn today_utc8() -> time::Date {
    let offset = time::UtcOffset::from_hms(8, 0, 0).unwrap_or(time::UtcOffset::UTC);
    time::OffsetDateTime::now_utc().to_offset(offset).date()
}
