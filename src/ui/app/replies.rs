//! The portal's answers. A session's answer is taken only by that session,
//! and only while it waits for it: an answer for a session that has ended (or
//! one the citizen stopped waiting for) is dropped, and an identity token it
//! brings is closed at once, so nothing reaches the next citizen.

use crate::client::ClientError;
use crate::core::model::ErrorCode;

use super::super::context::SpeechHealth;
use super::super::effect::{Chore, Effect, Loaded, Reply};
use super::super::screen::failure::Retry;
use super::super::screen::{Screen, identify, intro, query_result, result, waiting};
use super::super::session::{Overlay, Ticket};
use super::super::speech_link::Notice;
use super::{App, flow};

pub(super) fn replied(app: &mut App, ticket: Ticket, reply: Reply) -> Vec<Effect> {
    if !app.session.settle(ticket) {
        return unawaited(app, ticket, reply);
    }
    let citizen = &mut app.session.citizen;
    match reply {
        Reply::MattersLoaded(Ok(members)) => {
            citizen.members = members;
            app.screen = Screen::Intro(intro::State::default());
            vec![]
        }
        Reply::MattersLoaded(Err(e)) => {
            flow::fail(app, &e, Retry::Matters);
            vec![]
        }
        Reply::IdentityOpened(Ok(identity)) => {
            if let Some(before) = citizen.reidentifying.take() {
                let same = before.citizen.id_number_masked == identity.citizen.id_number_masked
                    && before.citizen.name == identity.citizen.name;
                citizen.identity = Some(identity);
                if same && app.session.journey.is_some() {
                    // The same citizen again: back to the review, every answer kept.
                    app.screen = Screen::Review(Default::default());
                } else {
                    // Someone else: nothing of the previous answers is theirs.
                    app.session.journey = None;
                    flow::begin_form(app);
                }
                return vec![];
            }
            if app.session.journey.is_some() {
                // The form was filled in first (the portal was down): to its review, to be sent.
                citizen.identity = Some(identity);
                app.screen = Screen::Review(Default::default());
                return vec![];
            }
            let has_due = !identity.due.is_empty();
            citizen.identity = Some(identity);
            if has_due {
                app.screen = Screen::Due;
            } else {
                flow::begin_form(app);
            }
            vec![]
        }
        Reply::IdentityOpened(Err(e)) => {
            let error = match &e {
                ClientError::NotFound { code } if code == ErrorCode::CitizenNotFound.as_str() => {
                    Some(identify::Error::NotFound)
                }
                ClientError::NotFound { .. } => Some(identify::Error::NotFound),
                ClientError::Rejected { .. } => Some(identify::Error::Rejected),
                _ => None,
            };
            match error {
                Some(error) => {
                    app.screen =
                        Screen::Identify(identify::State { error: Some(error), ..Default::default() })
                }
                None => flow::identify_failed(app, &e),
            }
            vec![]
        }
        Reply::QueryAnswered(Ok(result)) => {
            citizen.query = Some(result);
            app.screen = Screen::QueryResult(query_result::State::default());
            vec![]
        }
        Reply::QueryAnswered(Err(e)) => flow::submit_failed(app, "", e),
        Reply::Submitted(_, Ok(case)) => {
            if !citizen.cases.iter().any(|c| c.case_no == case.case_no) {
                citizen.cases.push(case);
            }
            let done = citizen.target.iter().all(|m| citizen.cases.iter().any(|c| &c.matter_id == m));
            if done && !citizen.target.is_empty() {
                app.screen = Screen::Result(result::State::default());
            }
            vec![]
        }
        Reply::Submitted(matter_id, Err(e)) => flow::submit_failed(app, &matter_id, e),
        Reply::Evaluated(Ok(e)) => {
            citizen.evaluation = Some(e);
            app.screen = Screen::Goodbye;
            vec![]
        }
        Reply::Evaluated(Err(e)) => {
            if let Screen::Evaluate(s) = &mut app.screen {
                s.error = Some(super::super::screen::evaluate::Error::Portal(
                    super::super::screen::failure::message_id(&e),
                ));
            }
            vec![]
        }
        Reply::StaffCalled(result) => {
            app.overlay = Some(match result {
                Ok(request) => {
                    citizen.staff_request = Some(request);
                    Overlay::StaffComing
                }
                Err(_) => Overlay::StaffCallFailed,
            });
            vec![]
        }
    }
}

/// An answer nobody waits for: dropped. A token it brings is closed; a case
/// the same citizen stopped waiting for is kept (it exists at the portal: a
/// second 确认提交 shows it instead of sending again).
fn unawaited(app: &mut App, ticket: Ticket, reply: Reply) -> Vec<Effect> {
    match reply {
        Reply::IdentityOpened(Ok(identity)) => {
            tracing::info!(session = ticket.session.0, "late identity answer dropped; its session is closed");
            vec![Effect::Chore(Chore::CloseIdentity(identity.token))]
        }
        Reply::Submitted(_, Ok(case)) if ticket.session == app.session.id => {
            let cases = &mut app.session.citizen.cases;
            if !cases.iter().any(|c| c.case_no == case.case_no) {
                cases.push(case);
            }
            vec![]
        }
        _ => {
            tracing::debug!(session = ticket.session.0, current = app.session.id.0, "late answer dropped");
            vec![]
        }
    }
}

/// Kiosk-wide data.
pub(super) fn loaded(app: &mut App, loaded: Loaded) -> Vec<Effect> {
    match loaded {
        Loaded::Catalogue(Ok(c)) => {
            app.reference.catalogue_requested = false;
            app.reference.catalogue = Some(c);
            // A retry after a failed start waits on the loading screen: welcome now.
            if let Screen::Waiting(w) = &app.screen
                && w.tickets.is_empty()
                && w.purpose == waiting::Purpose::Loading
            {
                app.screen = Screen::welcome();
            }
            vec![]
        }
        Loaded::Catalogue(Err(e)) => {
            app.reference.catalogue_requested = false;
            // Only the welcome screen (or its retry) needs the catalogue: never take a citizen off their form.
            if matches!(app.screen, Screen::Welcome(_) | Screen::Waiting(_) | Screen::Failure(_))
                && app.session.journey.is_none()
            {
                flow::fail(app, &e, Retry::Catalogue);
            }
            vec![]
        }
        Loaded::Regions(r) => {
            app.reference.regions = r.ok();
            vec![]
        }
        Loaded::Reasons(r) => {
            app.reference.reasons = r.ok();
            vec![]
        }
        Loaded::IdentityClosed(_) => vec![],
    }
}

/// What the speech service reported.
pub(super) fn speech(app: &mut App, notice: Notice) -> Vec<Effect> {
    match notice {
        Notice::Heard(session) => {
            app.speech = SpeechHealth::Working;
            // Heard to its end by the citizen who is at the review now.
            if session == app.session.id && matches!(app.screen, Screen::Review(_)) {
                app.session.citizen.read_back_heard = true;
            }
        }
        Notice::Cut => {}
        Notice::Unavailable => app.speech = SpeechHealth::Unavailable,
        Notice::Available => app.speech = SpeechHealth::Working,
    }
    vec![]
}
