//! The frame around every screen: the title and 「第 N 步，共 M 步」 on top; 返回,
//! 首页 and 呼叫工作人员 at the bottom, 呼叫工作人员 always in the same corner;
//! and the dialogs (idle warning, confirm home, staff coming) over it.

use iced::widget::{center, column, container, opaque, row, stack};
use iced::{Element, Length};

use crate::i18n::{t, tw};

use super::app::{App, Message, Overlay};
use super::look::Look;
use super::screen::{self, Screen};
use super::theme;
use super::widgets::{BOLD, FONT, Kind, action, body, glyph, small, title};

/// The title of the current screen (shown and spoken).
pub fn screen_title(app: &App) -> String {
    let lang = app.settings.lang;
    match &app.screen {
        Screen::Welcome => t(lang, "welcome-title"),
        Screen::Settings => t(lang, "settings-title"),
        Screen::Loading => t(lang, "loading-title"),
        Screen::Intro { .. } => screen::intro::title(app),
        Screen::Identify(_) => t(lang, "identify-title"),
        Screen::Due => t(lang, "due-title"),
        Screen::Step(s) => screen::step::title(app, s),
        Screen::Review => t(lang, "review-title"),
        Screen::Submitting => t(lang, "submitting-title"),
        Screen::Result { .. } => t(lang, "result-title"),
        Screen::QueryResult { .. } => {
            app.session.query.as_ref().map(|q| q.title.get(lang.code()).to_owned()).unwrap_or_default()
        }
        Screen::Evaluate(_) => t(lang, "evaluate-title"),
        Screen::Goodbye => t(lang, "goodbye-title"),
        Screen::Failure(_) => t(lang, "failure-title"),
        Screen::Maintenance(_) => t(lang, "maintenance-title"),
    }
}

/// 「第 N 步，共 M 步」 inside a matter's form and review.
pub fn progress(app: &App) -> Option<String> {
    let j = app.session.journey.as_ref()?;
    matches!(app.screen, Screen::Step(_) | Screen::Review).then(|| {
        let (n, total) = j.progress();
        tw(app.settings.lang, "step-of", &[("n", n.into()), ("total", total.into())])
    })
}

pub fn view(app: &App) -> Element<'_, Message> {
    let z = app.look();
    let content: Element<'_, Message> = match &app.screen {
        Screen::Welcome => screen::welcome::view(app),
        Screen::Settings => screen::settings::view(app),
        Screen::Loading => screen::submitting::view(app),
        Screen::Intro { page } => screen::intro::view(app, *page),
        Screen::Identify(s) => screen::identify::view(app, s),
        Screen::Due => screen::due::view(app),
        Screen::Step(s) => screen::step::view(app, s),
        Screen::Review => screen::review::view(app),
        Screen::Submitting => screen::submitting::view(app),
        Screen::Result { page } => screen::result::view(app, *page),
        Screen::QueryResult { page } => screen::query_result::view(app, *page),
        Screen::Evaluate(s) => screen::evaluate::view(app, s),
        Screen::Goodbye => screen::goodbye::view(app),
        Screen::Failure(s) => screen::failure::view(app, s),
        Screen::Maintenance(problem) => body(problem.clone(), &z),
    };
    // The title takes what the progress and the language button leave.
    let mut header = row![container(title(screen_title(app), &z)).width(Length::Fill)]
        .spacing(z.gap)
        .align_y(iced::Alignment::Center);
    if let Some(p) = progress(app) {
        header = header.push(small(p, &z));
    }
    if let Some((label, message)) = language_switch(app) {
        header = header.push(action(label, None, Some(message), Kind::Secondary, &z));
    }
    let page = column![
        container(header).height(Length::Shrink).width(Length::Fill),
        content_area(content, &z),
        bottom_bar(app, &z),
    ]
    .spacing(z.gap)
    .padding(z.margin);
    let base = container(page).width(Length::Fill).height(Length::Fill).style(theme::screen);
    match &app.overlay {
        None => base.into(),
        Some(overlay) => stack![base, dialog(app, overlay, &z)].into(),
    }
}

/// The language button in the header (on the welcome screen it sits with the other settings).
pub fn language_switch(app: &App) -> Option<(String, Message)> {
    (app.screen != Screen::Welcome && app.overlay.is_none())
        .then(|| (t(other_lang(app.settings.lang), "language-name"), Message::ToggleLanguage))
}

/// Whether 首页 shows: everywhere but on the welcome screen and its settings
/// (which 返回 and the main action leave).
pub fn shows_home(app: &App) -> bool {
    !matches!(app.screen, Screen::Welcome | Screen::Settings)
}

/// The height the frame leaves the screen's content: the window less the
/// margins, the header (the title may wrap beside the progress and the
/// language button) and the bottom bar. Screens that could be taller lay
/// themselves out in pages of this height.
pub fn content_height(app: &App) -> f32 {
    let z = app.sizes();
    let mut beside = 0.0;
    if let Some(p) = progress(app) {
        beside += super::fit::width(&p, z.small, FONT) + z.gap;
    }
    let switch = app.screen != Screen::Welcome;
    if switch {
        let label = t(other_lang(app.settings.lang), "language-name");
        beside += z.button_width(&label, FONT, false) + z.gap;
    }
    let title = super::fit::height(&screen_title(app), z.title, BOLD, z.content_width() - beside);
    let header = if switch { title.max(z.button_height()) } else { title };
    z.screen_height - 2.0 * z.margin - header - bar_height(app) - 2.0 * z.gap - super::fit::SLACK
}

fn other_lang(lang: crate::i18n::Lang) -> crate::i18n::Lang {
    match lang {
        crate::i18n::Lang::ZhCn => crate::i18n::Lang::EnUs,
        crate::i18n::Lang::EnUs => crate::i18n::Lang::ZhCn,
    }
}

/// The largest text step (the bar drops its symbols there).
const LARGEST_STEP: u8 = crate::core::config::TEXT_STEPS - 1;

/// Whether 返回 shows: not where going back would undo a submission.
pub fn can_go_back(app: &App) -> bool {
    !matches!(
        app.screen,
        Screen::Welcome
            | Screen::Submitting
            | Screen::Result { .. }
            | Screen::QueryResult { .. }
            | Screen::Goodbye
            | Screen::Maintenance(_)
    )
}

/// The screen's content. Screens lay themselves out in pages of
/// `content_height` (measured with `fit`), so nothing scrolls on the
/// configured screen; the scroll area stays as a safety net (an error box on
/// an already full page, a screen unlike any configured), with a scrollbar
/// wide enough to tap, so nothing is ever lost.
fn content_area<'a>(content: Element<'a, Message>, z: &super::look::Look) -> Element<'a, Message> {
    // Its room is `Sizes::scrollbar_room`.
    let bar = iced::widget::scrollable::Scrollbar::new()
        .width(z.min_target)
        .scroller_width(z.min_target)
        .spacing(z.gap);
    iced::widget::scrollable(content)
        .direction(iced::widget::scrollable::Direction::Vertical(bar))
        .height(Length::Fill)
        .width(Length::Fill)
        .into()
}

/// How the bottom bar fits the window's width: with the buttons' symbols or
/// without (at the largest text, or where the words need the room), and on
/// one row or, where even the words alone do not fit (long English words at
/// larger text), 返回 / 首页 / 再听一遍 on a row of their own above the main
/// action and 呼叫工作人员 (which keep their corner).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BarLayout {
    pub symbols: bool,
    pub two_rows: bool,
}

/// The words of the bar's buttons: (left ones, the main action's).
fn bar_words(app: &App) -> (Vec<String>, Option<String>) {
    let lang = app.settings.lang;
    let mut left = vec![];
    if can_go_back(app) {
        left.push(t(lang, "back"));
    }
    if shows_home(app) {
        left.push(t(lang, "home"));
    }
    left.push(t(lang, "repeat"));
    (left, primary_action(app).map(|(id, _, _)| t(lang, id)))
}

pub fn bar_layout(app: &App) -> BarLayout {
    let z = app.sizes();
    let (left, primary) = bar_words(app);
    let help = t(app.settings.lang, "call-staff");
    let help = z.button_width(&help, BOLD, help_symbol(&z));
    let width = |symbols: bool| {
        let left: f32 = left.iter().map(|w| z.button_width(w, FONT, symbols) + z.gap).sum();
        let primary = primary.as_ref().map_or(0.0, |w| z.button_width(w, BOLD, symbols) + z.gap);
        left + primary + help
    };
    let room = z.screen_width - 2.0 * z.margin;
    let symbols = z.step < LARGEST_STEP && width(true) <= room;
    BarLayout { symbols, two_rows: width(symbols) > room }
}

/// Whether 呼叫工作人员 shows its symbol: by the text size alone, so the
/// button is the same on every screen.
fn help_symbol(z: &super::sizes::Sizes) -> bool {
    z.step < LARGEST_STEP
}

/// The height of the bottom bar.
fn bar_height(app: &App) -> f32 {
    let z = app.sizes();
    if bar_layout(app).two_rows { 2.0 * z.button_height() + z.gap } else { z.button_height() }
}

fn bottom_bar<'a>(app: &App, z: &super::look::Look) -> Element<'a, Message> {
    let lang = app.settings.lang;
    let layout = bar_layout(app);
    let icon = |g: &'static str| layout.symbols.then_some(g);
    let mut left: Vec<Element<'a, Message>> = vec![];
    if can_go_back(app) {
        left.push(action(t(lang, "back"), icon(glyph::BACK), Some(Message::Back), Kind::Secondary, z).into());
    }
    if shows_home(app) {
        left.push(action(t(lang, "home"), icon(glyph::HOME), Some(Message::Home), Kind::Secondary, z).into());
    }
    left.push(
        action(t(lang, "repeat"), icon(glyph::SPEAK), Some(Message::Repeat), Kind::Secondary, z).into(),
    );
    // The main action and 呼叫工作人员 are laid out first, at their full size,
    // so they never wrap and the help button keeps its corner.
    let left = iced::widget::Row::with_children(left).spacing(z.gap).width(Length::Fill);
    let mut right = row![].spacing(z.gap).align_y(iced::Alignment::End);
    if let Some((id, symbol, on_press)) = primary_action(app) {
        right = right.push(action(t(lang, id), icon(symbol), on_press, Kind::Primary, z));
    }
    right = right.push(action(
        t(lang, "call-staff"),
        help_symbol(z).then_some(glyph::HELP),
        Some(Message::CallStaff),
        Kind::Help,
        z,
    ));
    if layout.two_rows {
        column![left, row![iced::widget::Space::new().width(Length::Fill), right]].spacing(z.gap).into()
    } else {
        row![left, right].spacing(z.gap).align_y(iced::Alignment::End).into()
    }
}

/// The screen's main action, always in the same place at the bottom: its
/// Fluent id, symbol and message (None: shown but not yet possible).
pub fn primary_action(app: &App) -> Option<(&'static str, &'static str, Option<Message>)> {
    Some(match &app.screen {
        Screen::Settings => ("settings-done", glyph::OK, Some(Message::Back)),
        Screen::Intro { .. } => ("intro-start", glyph::NEXT, Some(Message::Start)),
        Screen::Identify(s) => {
            let ready = s.entry.chars().count() == crate::core::validate::ID_LEN;
            ("identify-confirm", glyph::NEXT, ready.then_some(Message::ConfirmIdNumber))
        }
        Screen::Step(_) => {
            let returning = app.session.journey.as_ref().is_some_and(|j| j.is_returning_to_review());
            (if returning { "step-back-to-review" } else { "next" }, glyph::NEXT, Some(Message::Next))
        }
        Screen::Review => {
            ("review-submit", glyph::OK, app.session.read_back_heard.then_some(Message::ConfirmSubmit))
        }
        Screen::Result { .. } => ("result-continue", glyph::NEXT, Some(Message::ToEvaluation)),
        Screen::QueryResult { .. } => ("query-done", glyph::OK, Some(Message::ToEvaluation)),
        Screen::Evaluate(_) => ("evaluate-send", glyph::OK, Some(Message::SendEvaluation)),
        Screen::Goodbye => ("goodbye-done", glyph::OK, Some(Message::Finish)),
        Screen::Failure(_) => ("retry", glyph::NEXT, Some(Message::Retry)),
        Screen::Due => ("due-skip", glyph::NEXT, Some(Message::SkipDue)),
        Screen::Welcome | Screen::Loading | Screen::Submitting | Screen::Maintenance(_) => return None,
    })
}

/// The tip of the step shown (for its dialog).
pub fn tip(app: &App) -> String {
    match &app.screen {
        Screen::Step(s) => screen::step_fit::tip_text(app, s).unwrap_or_default(),
        _ => String::new(),
    }
}

fn dialog<'a>(app: &App, overlay: &Overlay, z: &Look) -> Element<'a, Message> {
    let lang = app.settings.lang;
    let content: Element<'a, Message> = match overlay {
        Overlay::IdleWarning { seconds_left } if app.can_extend() => column![
            title(t(lang, "idle-title"), z),
            body(tw(lang, "idle-countdown", &[("n", (*seconds_left).into())]), z),
            action(t(lang, "idle-still-here"), Some(glyph::OK), Some(Message::StillHere), Kind::Primary, z),
        ]
        .spacing(z.gap)
        .into(),
        Overlay::IdleWarning { seconds_left } => column![
            title(t(lang, "idle-title"), z),
            body(tw(lang, "idle-last", &[("n", (*seconds_left).into())]), z),
            action(t(lang, "call-staff"), Some(glyph::HELP), Some(Message::CallStaff), Kind::Help, z),
        ]
        .spacing(z.gap)
        .into(),
        Overlay::ConfirmHome => column![
            body(t(lang, "home-confirm-title"), z),
            row![
                action(t(lang, "home-confirm-no"), None, Some(Message::DismissOverlay), Kind::Primary, z),
                action(
                    t(lang, "home-confirm-yes"),
                    Some(glyph::HOME),
                    Some(Message::HomeConfirmed),
                    Kind::Secondary,
                    z
                ),
            ]
            .spacing(z.gap),
        ]
        .spacing(z.gap)
        .into(),
        Overlay::StaffComing => column![
            body(t(lang, "staff-coming"), z),
            action(t(lang, "confirm"), Some(glyph::OK), Some(Message::DismissOverlay), Kind::Primary, z),
        ]
        .spacing(z.gap)
        .into(),
        Overlay::Tip => column![
            body(tip(app), z),
            action(t(lang, "tip-close"), Some(glyph::OK), Some(Message::DismissOverlay), Kind::Primary, z),
        ]
        .spacing(z.gap)
        .into(),
        Overlay::StaffCallFailed => column![
            body(t(lang, "staff-call-failed"), z),
            action(t(lang, "confirm"), Some(glyph::OK), Some(Message::DismissOverlay), Kind::Primary, z),
        ]
        .spacing(z.gap)
        .into(),
    };
    opaque(
        container(center(
            container(content).padding(z.margin).max_width(z.screen_width * 0.7).style(theme::card),
        ))
        .width(Length::Fill)
        .height(Length::Fill)
        .style(theme::backdrop),
    )
}
