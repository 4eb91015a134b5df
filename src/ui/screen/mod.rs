//! One module per screen. Each draws its content; the frame around it (title,
//! progress, 返回 / 首页 / 呼叫工作人员) is `ui::frame`.

pub mod due;
pub mod evaluate;
pub mod failure;
pub mod goodbye;
pub mod identify;
pub mod intro;
pub mod keypad;
pub mod query_result;
pub mod result;
pub mod review;
pub mod settings;
pub mod step;
pub mod step_fit;
pub mod step_region;
pub mod submitting;
pub mod welcome;

/// Which screen is shown, with the screen's own state.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Welcome,
    /// Colours and voice (the welcome screen's 颜色和声音).
    Settings,
    /// Waiting for the portal (matters, identity, query): progress with a way out.
    Loading,
    /// The matter's introduction; long ones have pages.
    Intro {
        page: usize,
    },
    Identify(identify::State),
    Due,
    Step(step::State),
    Review,
    Submitting,
    /// The case numbers; a bundle's cases on pages of their own where they do not fit side by side.
    Result {
        page: usize,
    },
    QueryResult {
        page: usize,
    },
    Evaluate(evaluate::State),
    Goodbye,
    Failure(failure::State),
    /// A broken config: technicians only.
    Maintenance(String),
}

impl Screen {
    /// A stable name (for snapshots, assist-request context and logs).
    pub fn name(&self) -> &'static str {
        match self {
            Screen::Welcome => "welcome",
            Screen::Settings => "settings",
            Screen::Loading => "loading",
            Screen::Intro { .. } => "intro",
            Screen::Identify(_) => "identify",
            Screen::Due => "due",
            Screen::Step(_) => "step",
            Screen::Review => "review",
            Screen::Submitting => "submitting",
            Screen::Result { .. } => "result",
            Screen::QueryResult { .. } => "query-result",
            Screen::Evaluate(_) => "evaluate",
            Screen::Goodbye => "goodbye",
            Screen::Failure(_) => "failure",
            Screen::Maintenance(_) => "maintenance",
        }
    }
}
