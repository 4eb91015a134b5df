//! The journey's transitions: opening a matter, identifying, the form, going
//! back, submitting, the evaluation, retrying after a failure. Every portal
//! request is made with a ticket of the current session.

use crate::client::ClientError;
use crate::core::journey::{Back, Journey, Place};
use crate::core::model::{
    ApplicationMode, ApplicationRequest, AssistRequestNew, EvaluationRequest, IdentityMethod,
    IdentityRequest, Level, MatterKind, QueryRequest,
};

use super::super::effect::{Chore, Effect, Request};
use super::super::screen::failure::{self, Retry};
use super::super::screen::waiting::{self, Purpose};
use super::super::screen::{Screen, evaluate, identify, intro, review, step};
use super::super::session::Overlay;
use super::App;

/// The goodbye screen returns to the welcome screen after this long.
pub const GOODBYE_SECONDS: u64 = 15;

/// Sends `requests` for the current session and waits for them on a screen
/// with a way back to `back_to`.
fn wait(app: &mut App, purpose: Purpose, requests: Vec<Request>, back_to: Screen) -> Vec<Effect> {
    let mut tickets = vec![];
    let mut effects = vec![];
    for request in requests {
        let ticket = app.session.ticket();
        tickets.push(ticket);
        effects.push(Effect::Portal(ticket, Box::new(request)));
    }
    app.screen = Screen::Waiting(waiting::State { purpose, tickets, back_to: Box::new(back_to) });
    effects
}

/// Opens a matter, or a bundle's members: their details first.
pub(super) fn open(app: &mut App, target: Vec<String>, bundle: Option<String>) -> Vec<Effect> {
    app.session.citizen.target = target.clone();
    app.session.citizen.bundle_id = bundle;
    let back_to = app.screen.clone();
    wait(app, Purpose::Loading, vec![Request::LoadMatters(target)], back_to)
}

pub(super) fn open_identity(
    app: &mut App,
    method: IdentityMethod,
    id_number: String,
    name: Option<String>,
) -> Vec<Effect> {
    let request = IdentityRequest {
        hall_id: app.services.hall_id.clone(),
        terminal_id: app.services.terminal_id.clone(),
        method,
        id_number: id_number.into(),
        name: name.map(Into::into),
    };
    wait(
        app,
        Purpose::Loading,
        vec![Request::OpenIdentity(request)],
        Screen::Identify(identify::State::default()),
    )
}

/// 「现在就办」: the due item's matter instead of the one chosen (or the form, when it is that one).
pub(super) fn take_due(app: &mut App, i: usize) -> Vec<Effect> {
    let citizen = &app.session.citizen;
    let due = citizen.identity.as_ref().and_then(|s| s.due.get(i)).map(|d| d.matter_id.clone());
    match due {
        Some(id) if citizen.target != [id.clone()] => {
            app.session.citizen.target = vec![id.clone()];
            app.session.citizen.bundle_id = None;
            wait(app, Purpose::Loading, vec![Request::LoadMatters(vec![id])], Screen::Due)
        }
        _ => {
            begin_form(app);
            vec![]
        }
    }
}

/// Starts the form of the chosen matter (or bundle) after identification.
pub(super) fn begin_form(app: &mut App) {
    let members = app.session.citizen.members.clone();
    let bundle = app.context().chosen_bundle().cloned();
    let journey = match bundle {
        Some(b) => Journey::bundle(b, members),
        None => match members.into_iter().next() {
            Some(m) => Journey::single(m),
            None => return,
        },
    };
    app.screen = match journey.place() {
        Place::Step(at) => Screen::Step(step::State::new(at, &journey)),
        Place::Review => Screen::Review(review::State::default()),
    };
    app.session.journey = Some(journey);
}

pub(super) fn back(app: &mut App) -> Vec<Effect> {
    match &mut app.screen {
        Screen::Step(_) | Screen::Review(_) => {
            let Some(j) = app.session.journey.as_mut() else { return vec![] };
            app.screen = match j.back() {
                Back::Step(at) => Screen::Step(step::State::new(at, j)),
                Back::Leave => Screen::Intro(intro::State::default()),
            };
            vec![]
        }
        Screen::Intro(_) => {
            if app.session.citizen.identity.is_some() {
                app.overlay = Some(Overlay::ConfirmHome);
                vec![]
            } else {
                app.end_session(app.idle.now)
            }
        }
        Screen::Waiting(w) => {
            // 返回 while waiting is 「不等了」.
            let (tickets, back_to) = (w.tickets.clone(), (*w.back_to).clone());
            app.session.cancel(&tickets);
            app.screen = back_to;
            vec![]
        }
        // Asked for identification with a form filled in: back to its review.
        Screen::Identify(_) if app.session.journey.is_some() => {
            app.screen = Screen::Review(review::State::default());
            vec![]
        }
        Screen::Identify(_) | Screen::Due => {
            app.screen = Screen::Intro(intro::State::default());
            vec![]
        }
        Screen::Evaluate(s) => {
            if !evaluate::back(s) {
                app.screen = Screen::Result(Default::default());
            }
            vec![]
        }
        Screen::Failure(f) => {
            app.screen = (*f.previous).clone();
            vec![]
        }
        Screen::Settings => {
            app.screen = Screen::welcome();
            vec![]
        }
        Screen::Welcome(_)
        | Screen::Result(_)
        | Screen::QueryResult(_)
        | Screen::Goodbye
        | Screen::Maintenance(_) => {
            vec![]
        }
    }
}

/// 确认提交: the applications (with their idempotency keys, made once) or the query.
pub(super) fn submit(app: &mut App) -> Vec<Effect> {
    let Some(token) = app.session.citizen.identity.as_ref().map(|i| i.token.clone()) else {
        // Filled in while the portal was down: identify now, then it is sent.
        app.screen = Screen::Identify(identify::State::to_submit());
        return vec![];
    };
    let Some(j) = app.session.journey.as_ref() else { return vec![] };
    let submissions = match j.submissions(app.today) {
        Ok(s) => s,
        Err(p) => {
            // Go to the step with the problem; it tells what to fix.
            let at = j
                .steps()
                .into_iter()
                .find(|at| j.step(*at).is_some_and(|s| s.fields.iter().any(|f| f.id == p.field)));
            if let (Some(at), Some(j)) = (at, app.session.journey.as_mut()) {
                j.edit(at);
                let mut state = step::State::new(at, j);
                state.error = Some((p.field, p.problem));
                app.screen = Screen::Step(state);
            }
            return vec![];
        }
    };
    let (hall_id, terminal_id) = (app.services.hall_id.clone(), app.services.terminal_id.clone());
    let citizen = &mut app.session.citizen;
    let mut requests = vec![];
    for (member, answers) in submissions {
        let matter = &member.matter;
        if citizen.cases.iter().any(|c| c.matter_id == matter.id) {
            continue;
        }
        if matter.kind == MatterKind::Query {
            let request =
                QueryRequest { hall_id: hall_id.clone(), terminal_id: terminal_id.clone(), answers };
            requests.push(Request::Query { token: token.clone(), matter_id: matter.id.clone(), request });
            continue;
        }
        let key = match citizen.keys.iter().find(|(m, _)| *m == matter.id) {
            Some((_, k)) => k.clone(),
            None => {
                let k = uuid::Uuid::new_v4().to_string();
                citizen.keys.push((matter.id.clone(), k.clone()));
                k
            }
        };
        let request = ApplicationRequest {
            matter_id: matter.id.clone(),
            schema_version: member.form.version,
            hall_id: hall_id.clone(),
            terminal_id: terminal_id.clone(),
            mode: ApplicationMode::SelfService,
            helper_staff_id: None,
            agent: None,
            bundle_id: citizen.bundle_id.clone(),
            answers,
        };
        requests.push(Request::Submit { token: token.clone(), key, request });
    }
    if requests.is_empty() {
        // Everything was stored already (an answer that came after the citizen stopped waiting).
        app.screen = Screen::Result(Default::default());
        return vec![];
    }
    let back_to = app.screen.clone();
    wait(app, Purpose::Submitting, requests, back_to)
}

/// A submission or query failed: identify again where the portal no longer
/// accepts the identification (the answers are kept); back to the step of a
/// refused field; else a failure screen.
pub(super) fn submit_failed(app: &mut App, matter_id: &str, e: ClientError) -> Vec<Effect> {
    if matches!(e, ClientError::Unauthorized) && app.session.journey.is_some() {
        identify_again(app);
        return vec![];
    }
    if let (Some(field), Some(j)) = (e.field().map(str::to_owned), app.session.journey.as_mut()) {
        let member = j.members().iter().position(|m| m.matter.id == matter_id).unwrap_or(0);
        let at = j.steps().into_iter().find(|at| {
            at.member == member && j.step(*at).is_some_and(|s| s.fields.iter().any(|f| f.id == field))
        });
        if let Some(at) = at {
            j.edit(at);
            let mut state = step::State::new(at, j);
            state.portal_error = Some(failure::message_id(&e));
            app.screen = Screen::Step(state);
            return vec![];
        }
    }
    app.screen = Screen::Review(review::State::default());
    fail(app, &e, Retry::Submit);
    vec![]
}

/// The portal no longer accepts the citizen's identification (it expired: a
/// session may outlive it through 我还在): ask for it again, keeping every answer.
pub(super) fn identify_again(app: &mut App) {
    tracing::info!(session = app.session.id.0, "identification expired; asked again, answers kept");
    app.session.citizen.reidentifying = app.session.citizen.identity.take();
    app.screen = Screen::Identify(identify::State::again());
}

/// Shows the failure screen over the screen the citizen was on.
pub(super) fn fail(app: &mut App, error: &ClientError, retry: Retry) {
    let previous = std::mem::replace(&mut app.screen, Screen::welcome());
    let previous = match previous {
        Screen::Waiting(w) => *w.back_to,
        Screen::Failure(f) => *f.previous,
        other => other,
    };
    app.screen = Screen::Failure(failure::State {
        message: failure::message_id(error),
        retry,
        previous: Box::new(previous),
        fill_first: false,
    });
}

/// Identification failed for want of the portal: the failure screen, and
/// where the chosen matters are applications not yet begun, the offer to fill
/// in the form now and identify before it is sent.
pub(super) fn identify_failed(app: &mut App, error: &ClientError) {
    let citizen = &app.session.citizen;
    let applications = !citizen.members.is_empty()
        && citizen.members.iter().all(|m| m.matter.kind != MatterKind::Query)
        && citizen.target.len() == citizen.members.len();
    let offer = error.is_retryable() && applications && app.session.journey.is_none();
    fail(app, error, Retry::Return);
    if let Screen::Failure(f) = &mut app.screen {
        f.fill_first = offer;
    }
}

/// 再试一次.
pub(super) fn retry(app: &mut App) -> Vec<Effect> {
    let Screen::Failure(f) = &app.screen else { return vec![] };
    let (retry, previous) = (f.retry, (*f.previous).clone());
    app.screen = previous;
    match retry {
        Retry::Return => vec![],
        Retry::Catalogue => {
            app.reference.catalogue_requested = true;
            app.screen = Screen::Waiting(waiting::State {
                purpose: Purpose::Loading,
                tickets: vec![],
                back_to: Box::new(Screen::welcome()),
            });
            vec![Effect::Chore(Chore::LoadCatalogue)]
        }
        Retry::Matters => {
            let target = app.session.citizen.target.clone();
            let back_to = app.screen.clone();
            wait(app, Purpose::Loading, vec![Request::LoadMatters(target)], back_to)
        }
        // Resending is safe: each application carries the same idempotency key.
        Retry::Submit => submit(app),
    }
}

/// After the result: the evaluation (when a case was made), else goodbye.
pub(super) fn to_evaluation(app: &mut App) {
    app.screen = if app.session.citizen.cases.is_empty() {
        Screen::Goodbye
    } else {
        Screen::Evaluate(evaluate::State::default())
    };
}

pub(super) fn evaluate(app: &mut App, level: Level, reasons: Vec<String>) -> Vec<Effect> {
    let citizen = &app.session.citizen;
    let (Some(case), Some(identity)) = (citizen.cases.first(), citizen.identity.as_ref()) else {
        return vec![];
    };
    let request = Request::Evaluate {
        token: identity.token.clone(),
        request: EvaluationRequest {
            case_no: case.case_no.clone(),
            terminal_id: app.services.terminal_id.clone(),
            level,
            reasons,
            text: None,
            staff_id: case.helper_staff_id.clone(),
        },
    };
    let ticket = app.session.ticket();
    vec![Effect::Portal(ticket, Box::new(request))]
}

/// 呼叫工作人员: a staff request for this terminal, naming the screen.
pub(super) fn call_staff(app: &mut App) -> Vec<Effect> {
    let request = AssistRequestNew {
        hall_id: app.services.hall_id.clone(),
        terminal_id: app.services.terminal_id.clone(),
        context: Some(app.screen.name().to_owned()),
    };
    let ticket = app.session.ticket();
    vec![Effect::Portal(ticket, Box::new(Request::CallStaff(request)))]
}
