//! Routes each message to the screen shown (a message for another screen is
//! a stale press and does nothing) and performs the action it returns.

use crate::core::journey::Next;

use super::super::effect::Effect;
use super::super::frame;
use super::super::screen::{
    Screen, due, evaluate, failure, goodbye, identify, intro, query_result, result, review, settings, step,
    waiting, welcome,
};
use super::super::session::{Overlay, SettingChange};
use super::{App, Message, flow, idle, nav, replies};

pub(super) fn handle(app: &mut App, message: Message) -> Vec<Effect> {
    match message {
        Message::Welcome(m) => {
            let action = app.with_screen(|screen, cx| match screen {
                Screen::Welcome(s) => welcome::update(s, m, cx),
                _ => welcome::Action::None,
            });
            match action {
                welcome::Action::None => vec![],
                welcome::Action::OpenMatter(id) => flow::open(app, vec![id], None),
                welcome::Action::OpenBundle(id) => {
                    let members = app
                        .reference
                        .catalogue
                        .as_ref()
                        .and_then(|c| c.bundles.iter().find(|b| b.id == id))
                        .map(|b| b.members.clone())
                        .unwrap_or_default();
                    if members.is_empty() { vec![] } else { flow::open(app, members, Some(id)) }
                }
                welcome::Action::Setting(change) => {
                    app.settings.apply(change);
                    vec![]
                }
                welcome::Action::OpenSettings => {
                    app.screen = Screen::Settings;
                    vec![]
                }
            }
        }
        Message::Settings(m) if app.screen == Screen::Settings => {
            match settings::update(m) {
                settings::Action::Setting(change) => app.settings.apply(change),
                // The citizen's settings are theirs until the session ends.
                settings::Action::Done => app.screen = Screen::welcome(),
            }
            vec![]
        }
        Message::Waiting(m) => {
            let Screen::Waiting(s) = &app.screen else { return vec![] };
            let waiting::Action::Stop { tickets, back_to } = waiting::update(s, m);
            // The answers still on their way are dropped when they come (a token closed).
            app.session.cancel(&tickets);
            app.screen = back_to;
            vec![]
        }
        Message::Intro(m) => {
            let Screen::Intro(s) = &mut app.screen else { return vec![] };
            match intro::update(s, m) {
                intro::Action::None => vec![],
                intro::Action::Start => {
                    if app.session.citizen.identity.is_some() {
                        flow::begin_form(app);
                    } else {
                        app.screen = Screen::Identify(identify::State::default());
                    }
                    vec![]
                }
            }
        }
        Message::Identify(m) => {
            let action = app.with_screen(|screen, cx| match screen {
                Screen::Identify(s) => identify::update(s, m, cx),
                _ => identify::Action::None,
            });
            match action {
                identify::Action::None => vec![],
                identify::Action::Identify { method, id_number, name } => {
                    flow::open_identity(app, method, id_number, name)
                }
            }
        }
        Message::Due(m) if app.screen == Screen::Due => match m {
            due::Message::Take(i) => flow::take_due(app, i),
            due::Message::Skip => {
                flow::begin_form(app);
                vec![]
            }
        },
        Message::Step(m) => {
            let (Screen::Step(s), Some(journey)) = (&mut app.screen, app.session.journey.as_mut()) else {
                return vec![];
            };
            match step::update(s, m, journey, app.today) {
                step::Action::None => {}
                step::Action::ShowTip => app.overlay = Some(Overlay::Tip),
                step::Action::Go(Next::Step(at)) => app.screen = Screen::Step(step::State::new(at, journey)),
                step::Action::Go(Next::Review) => app.screen = Screen::Review(review::State::default()),
            }
            vec![]
        }
        Message::Review(m) => {
            let Screen::Review(s) = &mut app.screen else { return vec![] };
            match review::update(s, m) {
                review::Action::None => vec![],
                review::Action::Edit(at) => {
                    if let Some(j) = app.session.journey.as_mut() {
                        j.edit(at);
                        app.screen = Screen::Step(step::State::new(at, j));
                        // A changed answer is read back again.
                        app.session.citizen.read_back_heard = false;
                    }
                    vec![]
                }
                review::Action::Submit if review::read_back_done(&app.context()) => flow::submit(app),
                // The read-back is still going (or was cut): checked on screen? Ask first.
                review::Action::Submit => {
                    app.overlay = Some(Overlay::ConfirmSubmit);
                    vec![]
                }
            }
        }
        Message::Result(m) => {
            let Screen::Result(s) = &mut app.screen else { return vec![] };
            match result::update(s, m) {
                result::Action::None => {}
                result::Action::Continue => flow::to_evaluation(app),
            }
            vec![]
        }
        Message::QueryResult(m) => {
            let Screen::QueryResult(s) = &mut app.screen else { return vec![] };
            match query_result::update(s, m) {
                query_result::Action::None => {}
                query_result::Action::Done => flow::to_evaluation(app),
            }
            vec![]
        }
        Message::Evaluate(m) => {
            let Screen::Evaluate(s) = &mut app.screen else { return vec![] };
            match evaluate::update(s, m) {
                evaluate::Action::None => vec![],
                evaluate::Action::Send { level, reasons } => flow::evaluate(app, level, reasons),
                evaluate::Action::Skip => {
                    app.screen = Screen::Goodbye;
                    vec![]
                }
            }
        }
        Message::Goodbye(goodbye::Message::Done) if app.screen == Screen::Goodbye => {
            app.end_session(app.idle.now)
        }
        Message::Failure(failure::Message::Retry) => flow::retry(app),
        Message::Failure(failure::Message::FillFirst) => {
            flow::begin_form(app);
            vec![]
        }
        Message::Frame(m) => frame_message(app, m),
        Message::Replied(ticket, reply) => replies::replied(app, ticket, *reply),
        Message::Loaded(loaded) => replies::loaded(app, loaded),
        Message::Speech(notice) => replies::speech(app, notice),
        Message::HeadsetChanged(on) => {
            app.headset = on;
            vec![]
        }
        Message::Nav(n) => nav::navigate(app, n),
        Message::KeyPressed(key, modifiers, _) => {
            match super::super::keys::map(&app.config.keys, &key, modifiers) {
                Some(n) => nav::navigate(app, n),
                None => vec![],
            }
        }
        // Shutdown is handled before `update` (it ends the program).
        Message::Settings(_)
        | Message::Due(_)
        | Message::Goodbye(_)
        | Message::Tick(_)
        | Message::Activity(_)
        | Message::Shutdown => vec![],
    }
}

fn frame_message(app: &mut App, message: frame::Message) -> Vec<Effect> {
    match message {
        frame::Message::Back => flow::back(app),
        frame::Message::Home => {
            if app.screen == Screen::Settings {
                // The citizen's settings are theirs until the session ends.
                app.screen = Screen::welcome();
                vec![]
            } else if app.session.has_unsaved_answers() {
                app.overlay = Some(Overlay::ConfirmHome);
                vec![]
            } else {
                app.end_session(app.idle.now)
            }
        }
        frame::Message::LeaveHome => app.end_session(app.idle.now),
        frame::Message::SubmitChecked => {
            app.overlay = None;
            if matches!(app.screen, Screen::Review(_)) { flow::submit(app) } else { vec![] }
        }
        frame::Message::Repeat => vec![],
        frame::Message::Language => {
            app.settings.apply(SettingChange::Language);
            vec![]
        }
        frame::Message::CallStaff => flow::call_staff(app),
        frame::Message::StillHere => {
            idle::extend(app);
            vec![]
        }
        frame::Message::Dismiss => {
            if matches!(app.overlay, Some(Overlay::IdleWarning { .. })) {
                idle::extend(app);
            } else {
                app.overlay = None;
            }
            vec![]
        }
    }
}
