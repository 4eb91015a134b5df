//! The dialogs over a screen: 「您还在吗？」 with its countdown, the question
//! before going home, staff coming, a failed staff call, and a folded tip.
//! Each lists its controls once (drawn, focused and spoken from the list);
//! 呼叫工作人员 stays reachable above every one of them.

use iced::widget::{Column, Row, center, container, opaque};
use iced::{Element, Length};

use crate::i18n::{t, tw};

use super::super::app::Message as AppMessage;
use super::super::context::Context;
use super::super::control::{Control, ControlId};
use super::super::screen::{Screen, step_fit};
use super::super::session::Overlay;
use super::super::theme;
use super::super::widgets::{self, Kind, body, glyph, title};
use super::Message;

/// The words of a dialog: (title, body lines).
fn words(screen: &Screen, overlay: &Overlay, cx: &Context<'_>) -> (Option<String>, String) {
    let lang = cx.lang();
    match overlay {
        Overlay::IdleWarning { seconds_left } if cx.can_extend => {
            (Some(t(lang, "idle-title")), tw(lang, "idle-countdown", &[("n", (*seconds_left).into())]))
        }
        Overlay::IdleWarning { seconds_left } => {
            (Some(t(lang, "idle-title")), tw(lang, "idle-last", &[("n", (*seconds_left).into())]))
        }
        Overlay::ConfirmHome => (None, t(lang, "home-confirm-title")),
        Overlay::ConfirmSubmit => (None, t(lang, "review-confirm-checked")),
        Overlay::StaffComing => (None, t(lang, "staff-coming")),
        Overlay::StaffCallFailed => (None, t(lang, "staff-call-failed")),
        Overlay::Tip => (None, tip(screen, cx)),
    }
}

/// The tip of the step shown (for its dialog).
fn tip(screen: &Screen, cx: &Context<'_>) -> String {
    match screen {
        Screen::Step(s) => step_fit::tip_text(cx, s).unwrap_or_default(),
        _ => String::new(),
    }
}

/// The dialog's own controls (呼叫工作人员 comes from the frame, above it).
pub fn controls(overlay: &Overlay, cx: &Context<'_>) -> Vec<Control<AppMessage>> {
    let lang = cx.lang();
    let c = |id, label_id: &str, m| Control::action(id, t(lang, label_id), AppMessage::Frame(m));
    match overlay {
        Overlay::IdleWarning { .. } if cx.can_extend => {
            vec![c(ControlId::StillHere, "idle-still-here", Message::StillHere)]
        }
        Overlay::IdleWarning { .. } => vec![],
        Overlay::ConfirmHome => vec![
            c(ControlId::Stay, "home-confirm-no", Message::Dismiss),
            c(ControlId::LeaveHome, "home-confirm-yes", Message::LeaveHome),
        ],
        Overlay::ConfirmSubmit => vec![
            c(ControlId::SubmitChecked, "review-submit-checked", Message::SubmitChecked),
            c(ControlId::Stay, "review-keep-listening", Message::Dismiss),
        ],
        Overlay::StaffComing | Overlay::StaffCallFailed => {
            vec![c(ControlId::Stay, "confirm", Message::Dismiss)]
        }
        Overlay::Tip => vec![c(ControlId::Stay, "tip-close", Message::Dismiss)],
    }
}

/// A dialog speaks only itself: its title and words, then what to press.
pub fn script(screen: &Screen, overlay: &Overlay, cx: &Context<'_>) -> Vec<String> {
    let lang = cx.lang();
    let (heading, said) = words(screen, overlay, cx);
    let mut out: Vec<String> = heading.into_iter().collect();
    out.push(said);
    let mut labels: Vec<String> = controls(overlay, cx).into_iter().map(|c| c.label).collect();
    if matches!(overlay, Overlay::IdleWarning { .. }) && labels.is_empty() {
        labels.push(t(lang, "call-staff"));
    }
    match labels.len() {
        0 => {}
        1 => out.push(tw(lang, "speech-press", &[("label", labels.remove(0).into())])),
        _ => out.push(tw(lang, "speech-buttons", &[("list", labels.join("、").into())])),
    }
    out.retain(|s| !s.trim().is_empty());
    out
}

pub fn view<'a>(screen: &'a Screen, overlay: &'a Overlay, cx: &Context<'a>) -> Element<'a, AppMessage> {
    let z = cx.look();
    let (heading, said) = words(screen, overlay, cx);
    let mut content = Column::new().spacing(z.gap);
    if let Some(heading) = heading {
        content = content.push(title(heading, &z));
    }
    content = content.push(body(said, &z));
    let mut buttons = Row::new().spacing(z.gap);
    for c in &controls(overlay, cx) {
        // The safe choice (stay, I am still here) in the main colours.
        let (kind, symbol) = match (overlay, c.id) {
            (Overlay::ConfirmHome, ControlId::Stay) => (Kind::Primary, None),
            (Overlay::ConfirmSubmit, ControlId::Stay) => (Kind::Secondary, Some(glyph::SPEAK)),
            (_, ControlId::LeaveHome) => (Kind::Secondary, Some(glyph::HOME)),
            _ => (Kind::Primary, Some(glyph::OK)),
        };
        buttons = buttons.push(widgets::control(c, symbol, kind, &z));
    }
    content = content.push(buttons);
    opaque(
        container(center(
            container(content).padding(z.margin).max_width(z.screen_width * 0.7).style(theme::card),
        ))
        .width(Length::Fill)
        .height(Length::Fill)
        .style(theme::backdrop),
    )
}
