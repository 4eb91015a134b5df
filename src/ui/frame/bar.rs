//! The bottom bar: 返回, 首页, 再听一遍 on the left; the main action and
//! 呼叫工作人员 on the right, 呼叫工作人员 always in the same corner.

use iced::widget::{column, container, row};
use iced::{Element, Length};

use crate::i18n::t;

use super::super::app::Message as AppMessage;
use super::super::context::Context;
use super::super::control::{Control, ControlId, find};
use super::super::screen::Screen;
use super::super::sizes::Sizes;
use super::super::widgets::{self, BOLD, FONT, Kind, glyph};
use super::{can_go_back, shows_home};

/// How the bottom bar fits the window's width: with the buttons' symbols or
/// without (at the largest text, or where the words need the room), and on
/// one row or, where even the words alone do not fit (long English words at
/// larger text), 返回 / 首页 / 再听一遍 on a row of their own above the main
/// action and 呼叫工作人员 (which keep their corner).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BarLayout {
    pub symbols: bool,
    pub two_rows: bool,
}

/// The largest text step (the bar drops its symbols there).
const LARGEST_STEP: u8 = crate::core::config::TEXT_STEPS - 1;

/// Lays the bar out for the words it will show; `primary` are the words the
/// main action can have on this screen (the longest is kept room for).
pub fn bar_layout(screen: &Screen, cx: &Context<'_>, primary: &[String]) -> BarLayout {
    let z = cx.sizes;
    let lang = cx.lang();
    let mut left = vec![];
    if can_go_back(screen) {
        left.push(t(lang, "back"));
    }
    if shows_home(screen) {
        left.push(t(lang, "home"));
    }
    left.push(t(lang, "repeat"));
    let help = t(lang, "call-staff");
    let help = z.button_width(&help, BOLD, help_symbol(&z));
    let width = |symbols: bool| {
        let left: f32 = left.iter().map(|w| z.button_width(w, FONT, symbols) + z.gap).sum();
        let primary = primary.iter().map(|w| z.button_width(w, BOLD, symbols) + z.gap).fold(0.0, f32::max);
        left + primary + help
    };
    let room = z.screen_width - 2.0 * z.margin;
    let symbols = z.step < LARGEST_STEP && width(true) <= room;
    BarLayout { symbols, two_rows: width(symbols) > room }
}

/// Whether 呼叫工作人员 shows its symbol: by the text size alone, so the
/// button is the same on every screen.
fn help_symbol(z: &Sizes) -> bool {
    z.step < LARGEST_STEP
}

/// The symbol of the main action.
fn primary_symbol(screen: &Screen) -> &'static str {
    match screen {
        Screen::Settings
        | Screen::Review(_)
        | Screen::QueryResult(_)
        | Screen::Evaluate(_)
        | Screen::Goodbye => glyph::OK,
        _ => glyph::NEXT,
    }
}

/// 呼叫工作人员, the same button on every screen and over every dialog.
fn help_button<'a>(cx: &Context<'a>, frame: &[Control<AppMessage>]) -> Element<'a, AppMessage> {
    let z = cx.look();
    match find(frame, ControlId::CallStaff) {
        Some(c) => widgets::control(c, help_symbol(&z).then_some(glyph::HELP), Kind::Help, &z).into(),
        None => iced::widget::Space::new().into(),
    }
}

pub fn view<'a>(
    shown: &Screen,
    cx: &Context<'a>,
    screen: &[Control<AppMessage>],
    frame: &[Control<AppMessage>],
) -> Element<'a, AppMessage> {
    let z = cx.look();
    let layout = cx.frame.bar;
    let icon = |g: &'static str| layout.symbols.then_some(g);
    let mut left: Vec<Element<'a, AppMessage>> = vec![];
    for (id, g) in
        [(ControlId::Back, glyph::BACK), (ControlId::Home, glyph::HOME), (ControlId::Repeat, glyph::SPEAK)]
    {
        if let Some(c) = find(frame, id) {
            left.push(widgets::control(c, icon(g), Kind::Secondary, &z).into());
        }
    }
    // The main action and 呼叫工作人员 are laid out first, at their full size,
    // so they never wrap and the help button keeps its corner.
    let left = iced::widget::Row::with_children(left).spacing(z.gap).width(Length::Fill);
    let mut right = row![].spacing(z.gap).align_y(iced::Alignment::End);
    if let Some(primary) = find(screen, ControlId::Primary) {
        right = right.push(widgets::control(primary, icon(primary_symbol(shown)), Kind::Primary, &z));
    }
    right = right.push(help_button(cx, frame));
    if layout.two_rows {
        column![left, row![iced::widget::Space::new().width(Length::Fill), right]].spacing(z.gap).into()
    } else {
        row![left, right].spacing(z.gap).align_y(iced::Alignment::End).into()
    }
}

/// 呼叫工作人员 above a dialog, exactly where it is in the bar: a dialog
/// never takes help away.
pub fn help_layer<'a>(cx: &Context<'a>, frame: &[Control<AppMessage>]) -> Element<'a, AppMessage> {
    let z = cx.look();
    container(help_button(cx, frame))
        .width(Length::Fill)
        .height(Length::Fill)
        .align_right(Length::Fill)
        .align_bottom(Length::Fill)
        .padding(z.margin)
        .into()
}
