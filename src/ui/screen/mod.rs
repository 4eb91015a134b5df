//! One module per screen. Each owns its state, its messages and its update,
//! lists its controls once, says what it speaks, and draws its content; the
//! frame around it (title, progress, 返回 / 首页 / 呼叫工作人员) is `ui::frame`.
//! This module routes the app's questions to the screen shown.

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
mod step_view;
pub mod waiting;
pub mod welcome;

use iced::Element;

use super::app::Message;
use super::context::Context;
use super::control::Control;
use super::widgets::body;

/// Which screen is shown, with the screen's own state.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Welcome(welcome::State),
    /// Colours and voice (the welcome screen's 颜色和声音).
    Settings,
    /// Waiting for the portal, with a way out.
    Waiting(waiting::State),
    Intro(intro::State),
    Identify(identify::State),
    Due,
    Step(step::State),
    Review(review::State),
    Result(result::State),
    QueryResult(query_result::State),
    Evaluate(evaluate::State),
    Goodbye,
    Failure(failure::State),
    /// A broken config: technicians only.
    Maintenance(String),
}

impl Screen {
    pub fn welcome() -> Screen {
        Screen::Welcome(welcome::State::default())
    }

    /// A stable name (for snapshots, assist-request context and logs).
    pub fn name(&self) -> &'static str {
        match self {
            Screen::Welcome(_) => "welcome",
            Screen::Settings => "settings",
            Screen::Waiting(w) if w.purpose == waiting::Purpose::Loading => "loading",
            Screen::Waiting(_) => "submitting",
            Screen::Intro(_) => "intro",
            Screen::Identify(_) => "identify",
            Screen::Due => "due",
            Screen::Step(_) => "step",
            Screen::Review(_) => "review",
            Screen::Result(_) => "result",
            Screen::QueryResult(_) => "query-result",
            Screen::Evaluate(_) => "evaluate",
            Screen::Goodbye => "goodbye",
            Screen::Failure(_) => "failure",
            Screen::Maintenance(_) => "maintenance",
        }
    }

    /// Names the screen (with the step of a form, the page of a paged
    /// screen), to tell when it changes.
    pub fn key(&self, cx: &Context<'_>) -> String {
        let paged = |name: &str, page: usize| {
            if page > 0 { format!("{name}-p{}", page + 1) } else { name.to_owned() }
        };
        match self {
            Screen::Step(s) => {
                let id = cx.journey.and_then(|j| j.step(s.at)).map_or("?", |st| st.id.as_str());
                format!("step-{id}")
            }
            Screen::QueryResult(s) => format!("query-result-p{}", s.page + 1),
            Screen::Review(s) => format!("review-p{}", s.page + 1),
            Screen::Intro(s) => paged("intro", s.page),
            Screen::Result(s) => paged("result", s.page),
            Screen::Welcome(s) => paged("welcome", s.page),
            Screen::Evaluate(s) if evaluate::asks_reasons(s) => paged("evaluate-reasons", s.page),
            other => other.name().to_owned(),
        }
    }

    /// The title (shown and spoken).
    pub fn title(&self, cx: &Context<'_>) -> String {
        match self {
            Screen::Welcome(_) => welcome::title(cx),
            Screen::Settings => settings::title(cx),
            Screen::Waiting(s) => waiting::title(s, cx),
            Screen::Intro(_) => intro::title(cx),
            Screen::Identify(_) => identify::title(cx),
            Screen::Due => due::title(cx),
            Screen::Step(s) => step::title(s, cx),
            Screen::Review(_) => review::title(cx),
            Screen::Result(_) => result::title(cx),
            Screen::QueryResult(_) => query_result::title(cx),
            Screen::Evaluate(_) => evaluate::title(cx),
            Screen::Goodbye => goodbye::title(cx),
            Screen::Failure(_) => failure::title(cx),
            Screen::Maintenance(_) => crate::i18n::t(cx.lang(), "maintenance-title"),
        }
    }

    /// The screen's controls, its main action (`ControlId::Primary`) among them.
    pub fn controls(&self, cx: &Context<'_>) -> Vec<Control<Message>> {
        match self {
            Screen::Welcome(s) => map(welcome::controls(s, cx), Message::Welcome),
            Screen::Settings => map(settings::controls(cx), Message::Settings),
            Screen::Waiting(_) => map(waiting::controls(cx), Message::Waiting),
            Screen::Intro(s) => map(intro::controls(s, cx), Message::Intro),
            Screen::Identify(s) => map(identify::controls(s, cx), Message::Identify),
            Screen::Due => map(due::controls(cx), Message::Due),
            Screen::Step(s) => map(step::controls(s, cx), Message::Step),
            Screen::Review(s) => map(review::controls(s, cx), Message::Review),
            Screen::Result(s) => map(result::controls(s, cx), Message::Result),
            Screen::QueryResult(s) => map(query_result::controls(s, cx), Message::QueryResult),
            Screen::Evaluate(s) => map(evaluate::controls(s, cx), Message::Evaluate),
            Screen::Goodbye => map(goodbye::controls(cx), Message::Goodbye),
            Screen::Failure(s) => map(failure::controls(s, cx), Message::Failure),
            Screen::Maintenance(_) => vec![],
        }
    }

    /// What the screen says after its title and progress (before its buttons).
    pub fn script(&self, cx: &Context<'_>) -> Vec<String> {
        match self {
            Screen::Welcome(s) => welcome::script(s, cx),
            Screen::Settings => settings::script(cx),
            Screen::Waiting(_) => waiting::script(cx),
            Screen::Intro(s) => intro::script(s, cx),
            Screen::Identify(s) => identify::script(s, cx),
            Screen::Due => due::script(cx),
            Screen::Step(s) => super::voice::step_lines(s, cx),
            Screen::Review(s) => review::script(s, cx),
            Screen::Result(s) => result::script(s, cx),
            Screen::QueryResult(s) => query_result::script(s, cx),
            Screen::Evaluate(s) => evaluate::script(s, cx),
            Screen::Goodbye => goodbye::script(cx),
            Screen::Failure(s) => failure::script(s, cx),
            Screen::Maintenance(_) => vec![],
        }
    }

    /// The problem shown on the screen now, as said.
    pub fn problem(&self, cx: &Context<'_>) -> Option<String> {
        match self {
            Screen::Step(s) => step::problem(s, cx),
            Screen::Identify(s) => identify::problem(s, cx),
            Screen::Evaluate(s) => evaluate::problem(s, cx),
            _ => None,
        }
    }

    /// What is chosen or typed on the screen now, as said.
    pub fn selection(&self, cx: &Context<'_>) -> Option<String> {
        match self {
            Screen::Step(s) => step::selection(s, cx),
            Screen::Identify(s) => identify::selection(s, cx),
            Screen::Evaluate(s) => evaluate::selection(s, cx),
            _ => None,
        }
    }

    /// Lays the screen out again for the window, text size, language and data (stored in its state).
    pub fn relayout(&mut self, cx: &Context<'_>) {
        match self {
            Screen::Welcome(s) => welcome::relayout(s, cx),
            Screen::Intro(s) => intro::relayout(s, cx),
            Screen::Identify(s) => identify::relayout(s, cx),
            Screen::Step(s) => step_fit::relayout(s, cx),
            Screen::Review(s) => review::relayout(s, cx),
            Screen::Result(s) => result::relayout(s, cx),
            Screen::QueryResult(s) => query_result::relayout(s, cx),
            Screen::Evaluate(s) => evaluate::relayout(s, cx),
            Screen::Settings
            | Screen::Waiting(_)
            | Screen::Due
            | Screen::Goodbye
            | Screen::Failure(_)
            | Screen::Maintenance(_) => {}
        }
    }

    pub fn view<'a>(&'a self, cx: &Context<'a>) -> Element<'a, Message> {
        match self {
            Screen::Welcome(s) => welcome::view(s, cx).map(Message::Welcome),
            Screen::Settings => settings::view(cx).map(Message::Settings),
            Screen::Waiting(_) => waiting::view(cx).map(Message::Waiting),
            Screen::Intro(s) => intro::view(s, cx).map(Message::Intro),
            Screen::Identify(s) => identify::view(s, cx).map(Message::Identify),
            Screen::Due => due::view(cx).map(Message::Due),
            Screen::Step(s) => step::view(s, cx).map(Message::Step),
            Screen::Review(s) => review::view(s, cx).map(Message::Review),
            Screen::Result(s) => result::view(s, cx).map(Message::Result),
            Screen::QueryResult(s) => query_result::view(s, cx).map(Message::QueryResult),
            Screen::Evaluate(s) => evaluate::view(s, cx).map(Message::Evaluate),
            Screen::Goodbye => goodbye::view(cx).map(Message::Goodbye),
            Screen::Failure(s) => failure::view(s, cx).map(Message::Failure),
            Screen::Maintenance(problem) => body(problem.clone(), &cx.look()),
        }
    }
}

fn map<M>(controls: Vec<Control<M>>, f: impl Fn(M) -> Message) -> Vec<Control<Message>> {
    controls.into_iter().map(|c| c.map(&f)).collect()
}
