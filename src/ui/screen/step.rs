//! One question a screen, generated from the matter's form schema: choices as
//! big buttons, numbers on the keypad, dates without a tiny calendar, a region
//! picker, and commitments to confirm.

use iced::widget::{Column, Row, column, container, row, text};
use iced::{Element, Length};
use time::Date;

use crate::core::journey::{Journey, StepRef};
use crate::core::model::{COMMITMENT_AGREED, Field, FieldKind, NO, YES};
use crate::core::validate::Problem;
use crate::i18n::{Lang, t, tw};
use crate::ui::app::{App, Message};
use crate::ui::look::Look;
use crate::ui::theme;
use crate::ui::widgets::{BOLD, Kind, action, body, glyph, message_box, small};

use super::keypad;
use super::step_region::region_view;
pub use super::step_region::{RegionPage, region_page};

/// The longest keypad entry (bank accounts: 19 digits).
pub const MAX_ENTRY: usize = 19;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub at: StepRef,
    /// What has been typed on the keypad.
    pub entry: String,
    pub date: Option<DateParts>,
    /// The province chosen in the region picker.
    pub province: Option<String>,
    /// The page of the region picker or of a long commitment statement.
    pub page: usize,
    /// A problem with a field's answer: (field id, problem).
    pub error: Option<(String, Problem)>,
    /// The portal refused the answer (Fluent id).
    pub portal_error: Option<&'static str>,
}

impl State {
    /// The step's screen, showing what was answered before.
    pub fn new(at: StepRef, journey: &Journey) -> State {
        let mut state = State {
            at,
            entry: String::new(),
            date: None,
            province: None,
            page: 0,
            error: None,
            portal_error: None,
        };
        for f in journey.step(at).map(|s| s.fields.as_slice()).unwrap_or_default() {
            let Some(v) = journey.value(at, &f.id) else { continue };
            match f.kind {
                k if uses_keypad(k) => state.entry = v.to_owned(),
                FieldKind::Date => state.date = crate::core::validate::date(v).ok().map(DateParts::from),
                FieldKind::Region => state.province = v.get(..2).map(|p| format!("{p}0000")),
                _ => {}
            }
        }
        state
    }
}

pub fn uses_keypad(kind: FieldKind) -> bool {
    matches!(kind, FieldKind::Number | FieldKind::Phone | FieldKind::IdNumber | FieldKind::BankAccount)
}

/// A date being picked, one part at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateParts {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl From<Date> for DateParts {
    fn from(d: Date) -> Self {
        DateParts { year: d.year(), month: d.month() as u8, day: d.day() }
    }
}

impl DateParts {
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A press on the date picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateChange {
    Year(i32),
    Month(i32),
    Day(i32),
    Today(Date),
}

impl DateChange {
    pub fn apply(self, d: DateParts) -> DateParts {
        let days_in = |y: i32, m: u8| time::Month::try_from(m).map_or(31, |m| m.length(y));
        let wrap = |v: i32, n: i32| (v - 1).rem_euclid(n) + 1;
        let mut out = match self {
            DateChange::Year(dy) => DateParts { year: d.year + dy, ..d },
            DateChange::Month(dm) => DateParts { month: wrap(i32::from(d.month) + dm, 12) as u8, ..d },
            DateChange::Day(dd) => {
                DateParts { day: wrap(i32::from(d.day) + dd, i32::from(days_in(d.year, d.month))) as u8, ..d }
            }
            DateChange::Today(today) => DateParts::from(today),
        };
        out.day = out.day.min(days_in(out.year, out.month));
        out
    }
}

/// Writes keypad and date entries into the journey before moving on.
pub fn commit(state: &State, journey: &mut Journey, today: Date) -> Result<(), (String, Problem)> {
    let fields: Vec<Field> = journey.step(state.at).map(|s| s.fields.clone()).unwrap_or_default();
    for f in fields {
        let raw = match f.kind {
            k if uses_keypad(k) => Some(state.entry.clone()),
            FieldKind::Date => state.date.map(DateParts::iso),
            _ => None,
        };
        if let Some(raw) = raw.filter(|r| !r.is_empty()) {
            journey.answer(state.at, &f.id, &raw, today).map_err(|p| (f.id.clone(), p))?;
        }
    }
    Ok(())
}

/// The question of the step (its title).
pub fn title(app: &App, state: &State) -> String {
    let code = app.settings.lang.code();
    app.session
        .journey
        .as_ref()
        .and_then(|j| j.step(state.at))
        .map(|s| s.title.get(code).to_owned())
        .unwrap_or_default()
}

pub fn view<'a>(app: &'a App, state: &'a State) -> Element<'a, Message> {
    let z = app.look();
    let lang = app.settings.lang;
    let Some(journey) = app.session.journey.as_ref() else { return column![].into() };
    let Some(step) = journey.step(state.at) else { return column![].into() };
    let mut content = Column::new().spacing(z.gap);
    let folded = super::step_fit::tip_folded(app, state);
    let beside = super::step_fit::tip_beside_applicant(app, state);
    let tip_button =
        || action(t(lang, "step-tip-open"), Some(glyph::TIP), Some(Message::ShowTip), Kind::Secondary, &z);
    if let Some(who) = super::review::applicant_line(app) {
        let mut top = row![container(small(who, &z)).width(Length::Fill)]
            .spacing(z.gap)
            .align_y(iced::Alignment::Center);
        if beside {
            // The folded tip's button sits beside the applicant, keeping the height for the question.
            top = top.push(tip_button());
        }
        if today_on_top(app, step) {
            top = top.push(today_button(app, &z));
        }
        content = content.push(top);
    }
    if let Some(tip) = super::step_fit::tip_text(app, state) {
        if folded && !beside {
            content = content.push(tip_button());
        } else if !folded {
            content = content.push(small(tip, &z));
        }
    }
    let mut keypad_kind = None;
    for field in &step.fields {
        if uses_keypad(field.kind) {
            keypad_kind = Some(field.kind);
        }
        let value = journey.value(state.at, &field.id);
        content = content.push(field_view(app, state, field, value, &z));
        if let Some((_, problem)) = state.error.as_ref().filter(|(id, _)| *id == field.id) {
            content =
                content.push(message_box(glyph::WARNING, problem_text(app, state.at, *problem, field), &z));
        }
    }
    if let Some(id) = state.portal_error {
        content = content.push(message_box(glyph::WARNING, t(lang, id), &z));
    }
    // Numbers: everything on the left, the keypad on the right, so the keypad
    // keeps the full height at large text sizes.
    match keypad_kind {
        Some(kind) => row![content.width(Length::Fill), keypad::view(lang, kind == FieldKind::IdNumber, &z)]
            .spacing(z.gap * 2.0)
            .into(),
        None => content.into(),
    }
}

/// 「2. 请工作人员当面核验」: choice `i` with its number (shown, spoken and pressed by it).
pub fn choice_label(lang: Lang, i: usize, choice: &crate::core::model::Choice) -> String {
    tw(lang, "choice-numbered", &[("n", (i + 1).into()), ("label", choice.label.get(lang.code()).into())])
}

/// Choices side by side in columns when there are many or the text is large.
pub fn choice_columns(choices: usize, text_step: u8) -> usize {
    if choices > CHOICES_ONE_COLUMN || text_step > 0 { 2 } else { 1 }
}

/// Up to this many choices are listed in one column at the default text size.
const CHOICES_ONE_COLUMN: usize = 4;

/// The polite sentence for a problem with a field of this step.
pub fn problem_text(app: &App, at: StepRef, problem: Problem, field: &Field) -> String {
    let lang = app.settings.lang;
    let code = lang.code();
    let mut args = vec![("field", field.label.get(code).into())];
    // The field this one must not precede, by its label.
    let other = field.validation.not_before.as_ref().and_then(|o| {
        let form = &app.session.journey.as_ref()?.members().get(at.member)?.form;
        form.field(o).map(|f| f.label.get(code).to_owned())
    });
    if let Some(other) = other {
        args.push(("other", other.into()));
    }
    if let Some(min) = field.validation.min {
        args.push(("min", min.into()));
    }
    if let Some(max) = field.validation.max {
        args.push(("max", max.into()));
    }
    tw(lang, problem.message_id(), &args)
}

fn field_view<'a>(
    app: &'a App,
    state: &'a State,
    field: &'a Field,
    value: Option<&'a str>,
    z: &Look,
) -> Element<'a, Message> {
    let lang = app.settings.lang;
    let code = lang.code();
    let choose = |v: &str| Message::Choose(field.id.clone(), v.to_owned());
    let pick = |label: String, v: &str| {
        let kind = if value == Some(v) { Kind::Selected } else { Kind::Secondary };
        let icon = (value == Some(v)).then_some(glyph::OK);
        action(label, icon, Some(choose(v)), kind, z).width(Length::Fill)
    };
    match field.kind {
        FieldKind::Choice => {
            let buttons: Vec<Element<'a, Message>> = field
                .choices
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let label = choice_label(lang, i, c);
                    pick(label, &c.value).into()
                })
                .collect();
            let per_row = choice_columns(buttons.len(), z.step);
            let mut col = Column::new().spacing(z.gap);
            let mut buttons = buttons.into_iter().peekable();
            while buttons.peek().is_some() {
                col = col.push(Row::with_children(buttons.by_ref().take(per_row)).spacing(z.gap));
            }
            col.into()
        }
        FieldKind::YesNo => row![pick(t(lang, "yes"), YES), pick(t(lang, "no"), NO)].spacing(z.gap).into(),
        FieldKind::Commitment => {
            let pages = super::step_fit::statement_pages(app, state, field);
            let page = state.page.min(pages.len() - 1);
            let shown = pages[page].clone();
            let mut col = Column::new().spacing(z.gap);
            if !shown.text.is_empty() {
                col = col.push(
                    container(body(shown.text, z)).padding(z.gap).style(theme::card).width(Length::Fill),
                );
            }
            // Agreeing comes after the whole statement has been shown.
            if shown.agree {
                col = col.push(pick(t(lang, "commitment-agree"), COMMITMENT_AGREED));
            }
            if pages.len() > 1 {
                col = col.push(crate::ui::widgets::pager(lang, page, pages.len(), Message::StepPage, z));
            }
            col.into()
        }
        k if uses_keypad(k) => {
            let shown =
                if state.entry.is_empty() { t(lang, "keypad-empty") } else { keypad::grouped(&state.entry) };
            column![
                body(field.label.get(code).to_owned(), z),
                text(shown).size(z.title).line_height(crate::ui::sizes::LINE_HEIGHT).font(BOLD)
            ]
            .spacing(z.gap)
            .into()
        }
        FieldKind::Date => date_view(app, state, z),
        FieldKind::Region => match app.reference.regions.as_ref() {
            Some(regions) => region_view(lang, regions, state, field, value, z),
            None => message_box(glyph::WARNING, t(lang, "error-offline"), z),
        },
        _ => body(field.label.get(code).to_owned(), z),
    }
}

/// The words of the date picker's buttons, up and down for year, month and day.
const DATE_BUTTONS: [(&str, &str); 3] = [
    ("date-year-up", "date-year-down"),
    ("date-month-up", "date-month-down"),
    ("date-day-up", "date-day-down"),
];

/// How the date picker fits: 选今天 as a fourth column or under the three,
/// and the ↑ ↓ symbols where the words leave room for them.
pub(super) fn date_layout(app: &App, z: &crate::ui::sizes::Sizes) -> (bool, bool) {
    let lang = app.settings.lang;
    let width = z.content_width();
    let widest = |symbols: bool| {
        DATE_BUTTONS
            .iter()
            .flat_map(|(up, down)| [up, down])
            .map(|id| z.button_width(&t(lang, id), crate::ui::widgets::FONT, symbols))
            .fold(0.0, f32::max)
    };
    let column = |n: f32| (width - (n - 1.0) * 2.0 * z.gap) / n;
    let today_beside = widest(false) <= column(4.0);
    let columns = if today_beside { 4.0 } else { 3.0 };
    (today_beside, widest(true) <= column(columns))
}

fn date_view<'a>(app: &'a App, state: &'a State, z: &Look) -> Element<'a, Message> {
    let lang = app.settings.lang;
    let d = state.date.unwrap_or_else(|| DateParts::from(app.today));
    let (today_beside, symbols) = date_layout(app, z);
    let part = |label: String, (up, down): (&str, &str), change: fn(i32) -> DateChange| {
        column![
            action(
                t(lang, up),
                symbols.then_some(glyph::UP),
                Some(Message::Date(change(1))),
                Kind::Secondary,
                z
            )
            .width(Length::Fill),
            text(label)
                .size(z.title)
                .line_height(crate::ui::sizes::LINE_HEIGHT)
                .font(BOLD)
                .width(Length::Fill)
                .center(),
            action(
                t(lang, down),
                symbols.then_some(glyph::DOWN),
                Some(Message::Date(change(-1))),
                Kind::Secondary,
                z
            )
            .width(Length::Fill),
        ]
        .spacing(z.gap)
        .width(Length::FillPortion(1))
    };
    let today = action(
        t(lang, "date-today"),
        None,
        Some(Message::Date(DateChange::Today(app.today))),
        Kind::Secondary,
        z,
    );
    let mut parts = row![
        part(tw(lang, "date-year", &[("n", d.year.into())]), DATE_BUTTONS[0], DateChange::Year),
        part(tw(lang, "date-month", &[("n", u32::from(d.month).into())]), DATE_BUTTONS[1], DateChange::Month),
        part(tw(lang, "date-day", &[("n", u32::from(d.day).into())]), DATE_BUTTONS[2], DateChange::Day),
    ]
    .spacing(z.gap * 2.0);
    if today_beside {
        parts = parts.push(column![today].width(Length::FillPortion(1)));
        parts.into()
    } else if super::review::applicant_line(app).is_some() {
        // 选今天 is on the applicant's line (see `today_on_top`).
        parts.into()
    } else {
        column![parts, today].spacing(z.gap).into()
    }
}

/// 选今天.
fn today_button<'a>(app: &App, z: &Look) -> Element<'a, Message> {
    let lang = app.settings.lang;
    action(t(lang, "date-today"), None, Some(Message::Date(DateChange::Today(app.today))), Kind::Secondary, z)
        .into()
}

/// Whether 选今天 sits on the applicant's line: where it does not fit beside
/// the date's three columns, so the columns keep the height.
fn today_on_top(app: &App, step: &crate::core::model::Step) -> bool {
    step.fields.iter().any(|f| f.kind == FieldKind::Date)
        && !date_layout(app, &app.sizes()).0
        && super::review::applicant_line(app).is_some()
}

/// The step's own controls in focus order (the keypad is operated by digit keys).
pub fn focus_items(app: &App, state: &State) -> Vec<crate::ui::focus::Item> {
    use crate::ui::focus::Item;
    let lang = app.settings.lang;
    let Some(step) = app.session.journey.as_ref().and_then(|j| j.step(state.at)) else { return vec![] };
    let value =
        |f: &Field| app.session.journey.as_ref().and_then(|j| j.value(state.at, &f.id)).map(str::to_owned);
    let mut out = vec![];
    if super::step_fit::tip_folded(app, state) {
        out.push(Item { label: t(lang, "step-tip-open"), message: Message::ShowTip });
    }
    for field in &step.fields {
        let choose = |v: &str| Message::Choose(field.id.clone(), v.to_owned());
        match field.kind {
            FieldKind::Choice => out.extend(
                field
                    .choices
                    .iter()
                    .enumerate()
                    .map(|(i, c)| Item { label: choice_label(lang, i, c), message: choose(&c.value) }),
            ),
            FieldKind::YesNo => {
                out.push(Item { label: t(lang, "yes"), message: choose(YES) });
                out.push(Item { label: t(lang, "no"), message: choose(NO) });
            }
            FieldKind::Commitment => {
                let pages = super::step_fit::statement_pages(app, state, field);
                let page = state.page.min(pages.len() - 1);
                if pages[page].agree {
                    out.push(Item { label: t(lang, "commitment-agree"), message: choose(COMMITMENT_AGREED) });
                }
                if page > 0 {
                    out.push(Item { label: t(lang, "page-prev"), message: Message::StepPage(-1) });
                }
                if page + 1 < pages.len() {
                    out.push(Item { label: t(lang, "page-next"), message: Message::StepPage(1) });
                }
            }
            FieldKind::Date => {
                for (id, change) in [
                    ("date-year-up", DateChange::Year(1)),
                    ("date-year-down", DateChange::Year(-1)),
                    ("date-month-up", DateChange::Month(1)),
                    ("date-month-down", DateChange::Month(-1)),
                    ("date-day-up", DateChange::Day(1)),
                    ("date-day-down", DateChange::Day(-1)),
                    ("date-today", DateChange::Today(app.today)),
                ] {
                    out.push(Item { label: t(lang, id), message: Message::Date(change) });
                }
            }
            FieldKind::Region => {
                if let Some(regions) = &app.reference.regions {
                    let v = value(field);
                    let page = region_page(lang, regions, state, field, v.as_deref());
                    out.extend(page.items.into_iter().map(|(label, message, _)| Item { label, message }));
                    if page.back {
                        out.push(Item {
                            label: t(lang, "region-provinces"),
                            message: Message::Province(None),
                        });
                    }
                    if page.page > 0 {
                        out.push(Item { label: t(lang, "page-prev"), message: Message::StepPage(-1) });
                    }
                    if page.page + 1 < page.pages {
                        out.push(Item { label: t(lang, "page-next"), message: Message::StepPage(1) });
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_parts_wrap_and_clamp() {
        let d = DateParts { year: 2026, month: 1, day: 31 };
        assert_eq!(DateChange::Month(1).apply(d), DateParts { year: 2026, month: 2, day: 28 });
        assert_eq!(DateChange::Month(-1).apply(d), DateParts { year: 2026, month: 12, day: 31 });
        assert_eq!(DateChange::Day(1).apply(d), DateParts { year: 2026, month: 1, day: 1 });
        assert_eq!(DateChange::Year(2).apply(DateParts { year: 2024, month: 2, day: 29 }).day, 28);
        assert_eq!(d.iso(), "2026-01-31");
    }
}
