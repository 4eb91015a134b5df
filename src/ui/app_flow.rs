//! What each message does: the journey's transitions, the idle clock, help.

use crate::client::ClientError;
use crate::core::journey::{Back, Journey, Next, Place};
use crate::core::model::{
    ApplicationMode, ApplicationRequest, AssistRequestNew, EvaluationRequest, IdentityMethod,
    IdentityRequest, MatterKind, QueryRequest,
};
use crate::core::validate::IdNumber;

use super::app::{App, Message, Nav, Overlay};
use super::effect::Effect;
use super::screen::{Screen, evaluate, failure, identify, keypad, query_result, review, step};

/// The goodbye screen returns to the welcome screen after this long.
pub const GOODBYE_SECONDS: u64 = 15;

pub fn update(app: &mut App, message: Message) -> Vec<Effect> {
    let was = super::app_speech::before(app);
    let from_citizen = is_citizen_input(&message);
    // A fresh catalogue redraws the welcome screen: say it.
    let repeat = matches!(
        message,
        Message::Repeat | Message::Nav(Nav::Repeat) | Message::CatalogueLoaded(Ok(_))
    ) || matches!(&message, Message::KeyPressed(k, m) if super::keys::map(&app.config.keys, k, *m) == Some(Nav::Repeat));
    // Someone who put the headset on late hears the screen again at their first input.
    let first_input = from_citizen && app.awaiting_first_input;
    if from_citizen {
        app.awaiting_first_input = false;
    }
    let mut effects = dispatch(app, message);
    // Back on the welcome screen without a catalogue (the portal was down): ask again.
    if app.screen == Screen::Welcome
        && app.reference.catalogue.is_none()
        && !app.reference.catalogue_requested
    {
        app.reference.catalogue_requested = true;
        effects.push(Effect::LoadCatalogue);
    }
    effects.extend(super::app_speech::speech_after(app, &was, from_citizen, repeat || first_input));
    effects
}

/// Whether a message comes from the citizen's hands (an action that interrupts speech).
fn is_citizen_input(message: &Message) -> bool {
    !matches!(
        message,
        Message::CatalogueLoaded(_)
            | Message::MattersLoaded(_)
            | Message::RegionsLoaded(_)
            | Message::ReasonsLoaded(_)
            | Message::IdentityOpened(_)
            | Message::IdentityClosed(_)
            | Message::QueryAnswered(_)
            | Message::Submitted(..)
            | Message::Evaluated(_)
            | Message::StaffCalled(_)
            | Message::Tick(_)
            | Message::SpeechDone(_)
            | Message::SpeechCut
            | Message::HeadsetChanged(_)
    )
}

fn dispatch(app: &mut App, message: Message) -> Vec<Effect> {
    match message {
        Message::Tick(now) => {
            app.idle.now = app.idle.now.max(now);
            super::app_idle::tick(app, now)
        }
        Message::KeyPressed(..) => {
            app.idle.last_activity = app.idle.now;
            handle(app, message)
        }
        Message::Activity(now) => {
            app.idle.now = app.idle.now.max(now);
            if app.idle.warning_since.is_none() {
                app.idle.last_activity = app.idle.now;
            }
            vec![]
        }
        Message::StillHere => {
            super::app_idle::extend(app);
            vec![]
        }
        other => {
            // Any action of the citizen counts as activity (tests send no raw events).
            if app.idle.warning_since.is_none() {
                app.idle.last_activity = app.idle.now;
            }
            handle(app, other)
        }
    }
}

pub(super) fn handle(app: &mut App, message: Message) -> Vec<Effect> {
    match message {
        Message::CatalogueLoaded(Ok(c)) => {
            app.reference.catalogue_requested = false;
            app.reference.catalogue = Some(c);
            // A retry after a failed start waits on the loading screen: welcome now.
            if app.screen == Screen::Loading && app.session.target.is_empty() {
                app.screen = Screen::Welcome;
            }
            vec![]
        }
        Message::CatalogueLoaded(Err(e)) => {
            app.reference.catalogue_requested = false;
            fail(app, e, vec![Effect::LoadCatalogue])
        }
        Message::RegionsLoaded(r) => {
            app.reference.regions = r.ok();
            vec![]
        }
        Message::ReasonsLoaded(r) => {
            app.reference.reasons = r.ok();
            vec![]
        }
        Message::OpenMatter(id) => {
            app.session.target = vec![id.clone()];
            app.session.bundle_id = None;
            app.screen = Screen::Loading;
            vec![Effect::LoadMatters(vec![id])]
        }
        Message::OpenBundle(id) => {
            let members = app
                .reference
                .catalogue
                .as_ref()
                .and_then(|c| c.bundles.iter().find(|b| b.id == id))
                .map(|b| b.members.clone())
                .unwrap_or_default();
            if members.is_empty() {
                return vec![];
            }
            app.session.target = members.clone();
            app.session.bundle_id = Some(id);
            app.screen = Screen::Loading;
            vec![Effect::LoadMatters(members)]
        }
        Message::MattersLoaded(Ok(members)) => {
            app.session.members = members;
            app.screen = Screen::Intro { page: 0 };
            vec![]
        }
        Message::MattersLoaded(Err(e)) => {
            let retry = vec![Effect::LoadMatters(app.session.target.clone())];
            fail(app, e, retry)
        }
        Message::Start => {
            if app.session.identity.is_some() {
                begin_form(app);
            } else {
                app.screen = Screen::Identify(identify::State::default());
            }
            vec![]
        }
        Message::SimulateCard(i) => match identify::demo_cards().get(i) {
            Some(card) => {
                open_identity(app, IdentityMethod::CardRead, card.id_number.clone(), Some(card.name.clone()))
            }
            None => vec![],
        },
        Message::Key(key) => {
            match &mut app.screen {
                Screen::Identify(s) => {
                    keypad::apply(&mut s.entry, key, crate::core::validate::ID_LEN);
                    s.error = None;
                }
                Screen::Step(s) => {
                    keypad::apply(&mut s.entry, key, step::MAX_ENTRY);
                    s.error = None;
                }
                _ => {}
            }
            vec![]
        }
        Message::ConfirmIdNumber => {
            let Screen::Identify(s) = &mut app.screen else { return vec![] };
            match IdNumber::parse(&s.entry, app.today) {
                Ok(id) => open_identity(app, IdentityMethod::TypedNumber, id.as_str().to_owned(), None),
                Err(problem) => {
                    s.error = Some(identify::Error::Problem(problem));
                    vec![]
                }
            }
        }
        Message::IdentityOpened(Ok(identity)) => {
            let has_due = !identity.due.is_empty();
            app.session.identity = Some(identity);
            if has_due {
                app.screen = Screen::Due;
            } else {
                begin_form(app);
            }
            vec![]
        }
        Message::IdentityOpened(Err(e)) => {
            let error = match &e {
                ClientError::NotFound { .. } => Some(identify::Error::NotFound),
                ClientError::Rejected { .. } => Some(identify::Error::Rejected),
                _ => None,
            };
            match error {
                Some(error) => {
                    app.screen =
                        Screen::Identify(identify::State { entry: String::new(), error: Some(error) });
                    vec![]
                }
                None => {
                    app.screen = Screen::Identify(identify::State::default());
                    fail(app, e, vec![])
                }
            }
        }
        Message::IdentityClosed(_) => vec![],
        Message::TakeDue(i) => {
            let due = app.session.identity.as_ref().and_then(|s| s.due.get(i)).map(|d| d.matter_id.clone());
            match due {
                Some(id) if app.session.target != [id.clone()] => {
                    app.session.target = vec![id.clone()];
                    app.session.bundle_id = None;
                    app.screen = Screen::Loading;
                    vec![Effect::LoadMatters(vec![id])]
                }
                _ => {
                    begin_form(app);
                    vec![]
                }
            }
        }
        Message::SkipDue => {
            begin_form(app);
            vec![]
        }
        Message::Choose(field, value) => {
            if let (Screen::Step(s), Some(j)) = (&mut app.screen, app.session.journey.as_mut()) {
                s.error = j.answer(s.at, &field, &value, app.today).err().map(|p| (field, p));
            }
            vec![]
        }
        Message::Date(change) => {
            if let Screen::Step(s) = &mut app.screen {
                s.date = Some(change.apply(s.date.unwrap_or_else(|| step::DateParts::from(app.today))));
                s.error = None;
            }
            vec![]
        }
        Message::Province(code) => {
            if let Screen::Step(s) = &mut app.screen {
                s.province = code;
                s.page = 0;
            }
            vec![]
        }
        Message::StepPage(delta) => {
            if let Screen::Step(s) = &mut app.screen {
                s.page = s.page.saturating_add_signed(delta as isize);
            }
            vec![]
        }
        Message::Next => {
            next(app);
            vec![]
        }
        Message::Back => back(app),
        Message::Edit(at) => {
            if let Some(j) = app.session.journey.as_mut() {
                j.edit(at);
                app.screen = Screen::Step(step::State::new(at, j));
            }
            vec![]
        }
        Message::ConfirmSubmit => submit(app),
        Message::CancelSubmit => {
            if app.screen == Screen::Submitting {
                app.screen = Screen::Review;
            }
            vec![]
        }
        Message::Submitted(matter_id, Ok(case)) => {
            if !app.session.cases.iter().any(|c| c.case_no == case.case_no) {
                app.session.cases.push(case);
            }
            let done = app.session.target.iter().all(|m| app.session.cases.iter().any(|c| &c.matter_id == m));
            if done {
                app.screen = Screen::Result { page: 0 };
            }
            let _ = matter_id;
            vec![]
        }
        Message::Submitted(matter_id, Err(e)) => submit_failed(app, &matter_id, e),
        Message::QueryAnswered(Ok(result)) => {
            app.session.query = Some(result);
            app.screen = Screen::QueryResult { page: 0 };
            vec![]
        }
        Message::QueryAnswered(Err(e)) => submit_failed(app, "", e),
        Message::Page(delta) => {
            if app.screen == Screen::Welcome {
                let pages = super::screen::welcome::layout(app).pages;
                app.session.welcome_page =
                    app.session.welcome_page.saturating_add_signed(delta as isize).min(pages - 1);
            }
            if app.screen == Screen::Review {
                let pages = review::pages(app).len();
                app.session.review_page =
                    app.session.review_page.saturating_add_signed(delta as isize).min(pages - 1);
            }
            let pages = match &app.screen {
                Screen::QueryResult { .. } => query_result::pages(app).len(),
                Screen::Intro { .. } => super::screen::intro::pages(app).len(),
                Screen::Result { .. } => super::screen::result::page_count(app),
                Screen::Evaluate(s) => evaluate::reasons_page(app, s).2,
                _ => 1,
            };
            if let Screen::QueryResult { page }
            | Screen::Intro { page }
            | Screen::Result { page }
            | Screen::Evaluate(evaluate::State { page, .. }) = &mut app.screen
            {
                *page = page.saturating_add_signed(delta as isize).min(pages - 1);
            }
            vec![]
        }
        Message::ToEvaluation => {
            app.screen = if app.session.cases.is_empty() {
                Screen::Goodbye
            } else {
                Screen::Evaluate(evaluate::State::default())
            };
            vec![]
        }
        Message::Rate(level) => {
            if let Screen::Evaluate(s) = &mut app.screen {
                s.level = Some(level);
                s.error = None;
                if !level.is_bad() {
                    s.reasons.clear();
                }
            }
            vec![]
        }
        Message::ToggleReason(code) => {
            if let Screen::Evaluate(s) = &mut app.screen {
                if let Some(i) = s.reasons.iter().position(|r| *r == code) {
                    s.reasons.remove(i);
                } else {
                    s.reasons.push(code);
                }
                s.error = None;
            }
            vec![]
        }
        Message::SendEvaluation => send_evaluation(app),
        Message::Evaluated(Ok(e)) => {
            app.session.evaluation = Some(e);
            app.screen = Screen::Goodbye;
            vec![]
        }
        Message::Evaluated(Err(e)) => {
            if let Screen::Evaluate(s) = &mut app.screen {
                s.error = Some(evaluate::Error::Portal(failure::message_id(&e)));
            }
            vec![]
        }
        Message::Finish => {
            if app.screen == Screen::Goodbye {
                app.end_session(app.idle.now)
            } else {
                app.screen = Screen::Goodbye;
                vec![]
            }
        }
        Message::CallStaff => vec![Effect::CallStaff(AssistRequestNew {
            hall_id: app.services.hall_id.clone(),
            terminal_id: app.services.terminal_id.clone(),
            context: Some(app.screen.name().to_owned()),
        })],
        Message::StaffCalled(result) => {
            app.overlay = Some(match result {
                Ok(request) => {
                    app.session.staff_request = Some(request);
                    Overlay::StaffComing
                }
                Err(_) => Overlay::StaffCallFailed,
            });
            vec![]
        }
        Message::Home => {
            if app.screen == Screen::Settings {
                // The citizen's settings are theirs until the session ends.
                app.screen = Screen::Welcome;
                vec![]
            } else if app.has_unsaved_answers() {
                app.overlay = Some(Overlay::ConfirmHome);
                vec![]
            } else {
                app.end_session(app.idle.now)
            }
        }
        Message::HomeConfirmed => app.end_session(app.idle.now),
        Message::DismissOverlay => {
            if matches!(app.overlay, Some(Overlay::IdleWarning { .. })) {
                super::app_idle::extend(app);
            } else {
                app.overlay = None;
            }
            vec![]
        }
        Message::ToggleLanguage => {
            app.settings.lang = match app.settings.lang {
                crate::i18n::Lang::ZhCn => crate::i18n::Lang::EnUs,
                crate::i18n::Lang::EnUs => crate::i18n::Lang::ZhCn,
            };
            vec![]
        }
        Message::CycleTextSize => {
            app.settings.text_step = (app.settings.text_step + 1) % crate::core::config::TEXT_STEPS;
            vec![]
        }
        Message::ToggleVoice => {
            app.settings.voice = !app.settings.voice;
            vec![]
        }
        Message::Retry => {
            let Screen::Failure(f) = std::mem::replace(&mut app.screen, Screen::Loading) else {
                return vec![];
            };
            if f.retry.is_empty() {
                app.screen = *f.previous;
            }
            if f.retry.contains(&Effect::LoadCatalogue) {
                app.reference.catalogue_requested = true;
            }
            f.retry
        }
        Message::ShowTip => {
            if matches!(app.screen, Screen::Step(_)) {
                app.overlay = Some(Overlay::Tip);
            }
            vec![]
        }
        Message::OpenSettings => {
            app.screen = Screen::Settings;
            vec![]
        }
        Message::CycleTheme => {
            let all = super::theme::ThemeKind::ALL;
            let i = all.iter().position(|k| *k == app.settings.theme).unwrap_or(0);
            app.settings.theme = all[(i + 1) % all.len()];
            vec![]
        }
        Message::CycleRate => {
            app.settings.rate = (app.settings.rate + 1) % super::voice::RATE_IDS.len() as u8;
            vec![]
        }
        Message::CycleVolume => {
            app.settings.volume = (app.settings.volume + 1) % super::voice::VOLUME_IDS.len() as u8;
            vec![]
        }
        Message::Repeat => vec![],
        Message::HeadsetChanged(on) => {
            app.headset = on;
            vec![]
        }
        Message::SpeechDone(super::voice::Purpose::ReadBack) => {
            if app.screen == Screen::Review {
                app.session.read_back_heard = true;
            }
            vec![]
        }
        Message::SpeechDone(_) | Message::SpeechCut => vec![],
        Message::Nav(nav) => super::app_nav::navigate(app, nav),
        Message::KeyPressed(key, modifiers) => match super::keys::map(&app.config.keys, &key, modifiers) {
            Some(nav) => super::app_nav::navigate(app, nav),
            None => vec![],
        },
        Message::Tick(_) | Message::Activity(_) | Message::StillHere => vec![],
    }
}

fn open_identity(
    app: &mut App,
    method: IdentityMethod,
    id_number: String,
    name: Option<String>,
) -> Vec<Effect> {
    app.screen = Screen::Loading;
    vec![Effect::OpenIdentity(IdentityRequest {
        hall_id: app.services.hall_id.clone(),
        terminal_id: app.services.terminal_id.clone(),
        method,
        id_number,
        name,
    })]
}

/// Starts the form of the chosen matter (or bundle) after identification.
fn begin_form(app: &mut App) {
    let members = app.session.members.clone();
    let bundle = app.chosen_bundle().cloned();
    let journey = match bundle {
        Some(b) => Journey::bundle(b, members),
        None => match members.into_iter().next() {
            Some(m) => Journey::single(m),
            None => return,
        },
    };
    app.screen = match journey.place() {
        Place::Step(at) => Screen::Step(step::State::new(at, &journey)),
        Place::Review => Screen::Review,
    };
    app.session.journey = Some(journey);
}

fn next(app: &mut App) {
    let (Screen::Step(s), Some(j)) = (&mut app.screen, app.session.journey.as_mut()) else { return };
    if let Err(e) = step::commit(s, j, app.today) {
        s.error = Some(e);
        return;
    }
    match j.next(app.today) {
        Ok(Next::Step(at)) => app.screen = Screen::Step(step::State::new(at, j)),
        Ok(Next::Review) => {
            app.session.review_page = 0;
            app.screen = Screen::Review;
        }
        Err(p) => s.error = Some((p.field, p.problem)),
    }
}

fn back(app: &mut App) -> Vec<Effect> {
    match &app.screen {
        Screen::Step(_) | Screen::Review => {
            let Some(j) = app.session.journey.as_mut() else { return vec![] };
            match j.back() {
                Back::Step(at) => app.screen = Screen::Step(step::State::new(at, j)),
                Back::Leave => app.screen = Screen::Intro { page: 0 },
            }
            vec![]
        }
        Screen::Intro { .. } | Screen::Loading => {
            if app.session.identity.is_some() {
                app.overlay = Some(Overlay::ConfirmHome);
                vec![]
            } else {
                app.end_session(app.idle.now)
            }
        }
        Screen::Identify(_) | Screen::Due => {
            app.screen = Screen::Intro { page: 0 };
            vec![]
        }
        Screen::Evaluate(s) if evaluate::asks_reasons(s) => {
            // From the reasons back to the faces.
            app.screen = Screen::Evaluate(evaluate::State::default());
            vec![]
        }
        Screen::Evaluate(_) => {
            app.screen = Screen::Result { page: 0 };
            vec![]
        }
        Screen::Failure(f) => {
            app.screen = (*f.previous).clone();
            vec![]
        }
        Screen::Settings => {
            app.screen = Screen::Welcome;
            vec![]
        }
        Screen::Welcome
        | Screen::Submitting
        | Screen::Result { .. }
        | Screen::QueryResult { .. }
        | Screen::Goodbye
        | Screen::Maintenance(_) => vec![],
    }
}

fn submit(app: &mut App) -> Vec<Effect> {
    let (Some(j), Some(identity)) = (app.session.journey.as_ref(), app.session.identity.as_ref()) else {
        return vec![];
    };
    let token = identity.token.clone();
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
    let mut effects = vec![];
    for (member, answers) in submissions {
        let matter = &member.matter;
        if app.session.cases.iter().any(|c| c.matter_id == matter.id) {
            continue;
        }
        if matter.kind == MatterKind::Query {
            effects.push(Effect::Query {
                token: token.clone(),
                matter_id: matter.id.clone(),
                request: QueryRequest {
                    hall_id: app.services.hall_id.clone(),
                    terminal_id: app.services.terminal_id.clone(),
                    answers,
                },
            });
            continue;
        }
        let key = match app.session.keys.iter().find(|(m, _)| *m == matter.id) {
            Some((_, k)) => k.clone(),
            None => {
                let k = uuid::Uuid::new_v4().to_string();
                app.session.keys.push((matter.id.clone(), k.clone()));
                k
            }
        };
        effects.push(Effect::Submit {
            token: token.clone(),
            key,
            request: ApplicationRequest {
                matter_id: matter.id.clone(),
                schema_version: member.form.version,
                hall_id: app.services.hall_id.clone(),
                terminal_id: app.services.terminal_id.clone(),
                mode: ApplicationMode::SelfService,
                helper_staff_id: None,
                agent: None,
                bundle_id: app.session.bundle_id.clone(),
                answers,
            },
        });
    }
    app.screen = Screen::Submitting;
    effects
}

fn submit_failed(app: &mut App, matter_id: &str, e: ClientError) -> Vec<Effect> {
    // A field the portal refused: back to its step with the reason.
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
    app.screen = Screen::Review;
    let retry = submit_retry(app);
    fail(app, e, retry)
}

/// Resending is safe: each application carries the same idempotency key.
fn submit_retry(app: &mut App) -> Vec<Effect> {
    let effects = submit(app);
    app.screen = Screen::Review;
    effects
}

fn send_evaluation(app: &mut App) -> Vec<Effect> {
    let Screen::Evaluate(s) = &mut app.screen else { return vec![] };
    let Some(level) = s.level else {
        s.error = Some(evaluate::Error::NoLevel);
        return vec![];
    };
    if level.is_bad() && s.reasons.is_empty() {
        s.error = Some(evaluate::Error::NoReason);
        return vec![];
    }
    let (Some(case), Some(identity)) = (app.session.cases.first(), app.session.identity.as_ref()) else {
        return vec![];
    };
    vec![Effect::Evaluate {
        token: identity.token.clone(),
        request: EvaluationRequest {
            case_no: case.case_no.clone(),
            terminal_id: app.services.terminal_id.clone(),
            level,
            reasons: s.reasons.clone(),
            text: None,
            staff_id: case.helper_staff_id.clone(),
        },
    }]
}

fn fail(app: &mut App, error: ClientError, retry: Vec<Effect>) -> Vec<Effect> {
    let previous = std::mem::replace(&mut app.screen, Screen::Welcome);
    let previous = match previous {
        Screen::Loading | Screen::Submitting | Screen::Failure(_) => Screen::Welcome,
        other => other,
    };
    app.screen = Screen::Failure(failure::State {
        message: failure::message_id(&error),
        retry,
        previous: Box::new(previous),
    });
    vec![]
}
