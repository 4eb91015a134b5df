//! The frame around every screen: the title and 「第 N 步，共 M 步」 on top; 返回,
//! 首页, 再听一遍, the main action and 呼叫工作人员 at the bottom, 呼叫工作人员
//! always in the same corner (above dialogs too); and the dialogs.

mod bar;
pub mod dialog;

use iced::widget::{column, container, row, stack, text};
use iced::{Element, Length};

use crate::i18n::{t, tw};

use super::app::Message as AppMessage;
use super::context::{Context, SpeechHealth};
use super::control::{Control, ControlId};
use super::screen::Screen;
use super::session::Overlay;
use super::theme;
use super::widgets::{BOLD, FONT, Kind, glyph, title};

pub use bar::{BarLayout, bar_layout};

/// What the frame's buttons and dialogs send.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// 返回.
    Back,
    /// 首页: asks first when answers would be lost.
    Home,
    /// 再听一遍.
    Repeat,
    /// The language button in the header.
    Language,
    /// 呼叫工作人员.
    CallStaff,
    /// 「我还在」: extend the session.
    StillHere,
    /// Close a dialog and stay.
    Dismiss,
    /// 回到首页 in the dialog that asks first.
    LeaveHome,
    /// 我已核对，提交: submit without waiting for the read-back.
    SubmitChecked,
}

/// How the frame takes the window: what it leaves the screen's content, and
/// how its bottom bar fits. Measured when the screen, text size or language
/// changes (`App::relayout`), stored, and read by screens and views.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FrameLayout {
    pub content_height: f32,
    pub bar: BarLayout,
}

/// 「第 N 步，共 M 步」 inside a matter's form and review.
pub fn progress(screen: &Screen, cx: &Context<'_>) -> Option<String> {
    let j = cx.journey?;
    matches!(screen, Screen::Step(_) | Screen::Review(_)).then(|| {
        let (n, total) = j.progress();
        tw(cx.lang(), "step-of", &[("n", n.into()), ("total", total.into())])
    })
}

/// Whether the header has the language button (on the welcome screen it sits with the other settings).
pub fn shows_language(screen: &Screen) -> bool {
    !matches!(screen, Screen::Welcome(_))
}

/// Whether 首页 shows: everywhere but on the welcome screen and its settings
/// (which 返回 and the main action leave).
pub fn shows_home(screen: &Screen) -> bool {
    !matches!(screen, Screen::Welcome(_) | Screen::Settings)
}

/// Whether 返回 shows: not where going back would undo a submission.
pub fn can_go_back(screen: &Screen) -> bool {
    !matches!(
        screen,
        Screen::Welcome(_)
            | Screen::Result(_)
            | Screen::QueryResult(_)
            | Screen::Goodbye
            | Screen::Maintenance(_)
    ) && !matches!(screen, Screen::Waiting(w) if w.purpose == super::screen::waiting::Purpose::Submitting)
}

/// The frame's own controls, in focus order after the screen's: 返回, 首页,
/// 再听一遍, the language, 呼叫工作人员.
pub fn controls(screen: &Screen, cx: &Context<'_>) -> Vec<Control<AppMessage>> {
    let lang = cx.lang();
    let frame = |id, label, m| Control::action(id, label, AppMessage::Frame(m));
    let mut out = vec![];
    if can_go_back(screen) {
        out.push(frame(ControlId::Back, t(lang, "back"), Message::Back));
    }
    if shows_home(screen) {
        out.push(frame(ControlId::Home, t(lang, "home"), Message::Home));
    }
    out.push(frame(ControlId::Repeat, t(lang, "repeat"), Message::Repeat));
    if shows_language(screen) {
        out.push(frame(ControlId::Language, t(lang.other(), "language-name"), Message::Language));
    }
    out.push(frame(ControlId::CallStaff, t(lang, "call-staff"), Message::CallStaff));
    out
}

/// Measures the frame for this screen: the title beside the progress and
/// the language button, the speech notice, and the bottom bar (room kept for
/// the longest words the main action can have on this screen).
pub fn measure(screen: &Screen, cx: &Context<'_>, primary: &[String]) -> FrameLayout {
    let z = cx.sizes;
    let lang = cx.lang();
    let mut beside = 0.0;
    if let Some(p) = progress(screen, cx) {
        beside += super::fit::width(&p, z.small, FONT) + z.gap;
    }
    let switch = shows_language(screen);
    if switch {
        beside += z.button_width(&t(lang.other(), "language-name"), FONT, false) + z.gap;
    }
    let title = super::fit::height(&screen.title(cx), z.title, BOLD, z.content_width() - beside);
    let header = if switch { title.max(z.button_height()) } else { title };
    let notice = match speech_notice(cx) {
        Some(words) => super::fit::height(&words, z.small, FONT, z.content_width()) + z.gap,
        None => 0.0,
    };
    let bar = bar_layout(screen, cx, primary);
    let bar_height = if bar.two_rows { 2.0 * z.button_height() + z.gap } else { z.button_height() };
    let content_height =
        z.screen_height - 2.0 * z.margin - header - notice - bar_height - 2.0 * z.gap - super::fit::SLACK;
    FrameLayout { content_height, bar }
}

/// 「语音暂时不能用……」 while the speech engine's watchdog finds it broken (voice on).
fn speech_notice(cx: &Context<'_>) -> Option<String> {
    (cx.speech == SpeechHealth::Unavailable && cx.settings.voice).then(|| t(cx.lang(), "speech-unavailable"))
}

/// The whole window: header, the screen's content, the bar; a dialog over it
/// with 呼叫工作人员 still in its corner above the dialog.
pub fn view<'a>(
    screen: &'a Screen,
    overlay: Option<&'a Overlay>,
    cx: &Context<'a>,
    content: Element<'a, AppMessage>,
) -> Element<'a, AppMessage> {
    let z = cx.look();
    let screen_controls = screen.controls(cx);
    let frame_controls = controls(screen, cx);
    // The title takes what the progress and the language button leave.
    let mut header = row![container(title(screen.title(cx), &z)).width(Length::Fill)]
        .spacing(z.gap)
        .align_y(iced::Alignment::Center);
    if let Some(p) = progress(screen, cx) {
        header = header.push(text(p).size(z.small).line_height(super::sizes::LINE_HEIGHT));
    }
    if overlay.is_none() {
        header = header.push(super::widgets::control_of(
            &frame_controls,
            ControlId::Language,
            None,
            Kind::Secondary,
            &z,
        ));
    }
    let mut page = column![container(header).height(Length::Shrink).width(Length::Fill)].spacing(z.gap);
    if let Some(words) = speech_notice(cx) {
        page = page.push(super::widgets::message_line(glyph::WARNING, words, &z));
    }
    let page = page
        .push(content_area(content, &z))
        .push(bar::view(screen, cx, &screen_controls, &frame_controls))
        .padding(z.margin);
    let base = container(page).width(Length::Fill).height(Length::Fill).style(theme::screen);
    match overlay {
        None => base.into(),
        Some(overlay) => {
            stack![base, dialog::view(screen, overlay, cx), bar::help_layer(cx, &frame_controls)].into()
        }
    }
}

/// The screen's content. Screens lay themselves out in pages of
/// `content_height` (measured with `fit`), so nothing scrolls on the
/// configured screen; the scroll area stays as a safety net (an error box on
/// an already full page, a screen unlike any configured), with a scrollbar
/// wide enough to tap, so nothing is ever lost.
fn content_area<'a>(content: Element<'a, AppMessage>, z: &super::look::Look) -> Element<'a, AppMessage> {
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
