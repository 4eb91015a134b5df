//! One question a screen, generated from the matter's form schema: choices as
//! big buttons, numbers on the keypad, dates without a tiny calendar, a region
//! picker, and commitments to confirm. The view is in `step_view.rs`, the
//! fitting in `step_fit.rs`.

use time::Date;

use crate::core::journey::{Journey, Next, StepRef};
use crate::core::model::{COMMITMENT_AGREED, Field, FieldKind, NO, YES};
use crate::core::validate::Problem;
use crate::i18n::{Lang, t, tw};
use crate::ui::context::Context;
use crate::ui::control::{Control, ControlId, DatePart};

use super::keypad::{self, Key};
pub use super::step_fit::Layout;
pub use super::step_region::{RegionPage, region_page};
pub use super::step_view::view;

/// The longest keypad entry (bank accounts: 19 digits).
pub const MAX_ENTRY: usize = 19;

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub at: StepRef,
    /// What has been typed on the keypad.
    pub entry: crate::core::personal::Typing,
    pub date: Option<DateParts>,
    /// The province chosen in the region picker.
    pub province: Option<String>,
    /// The page of the region picker or of a long commitment statement.
    pub page: usize,
    /// A problem with a field's answer: (field id, problem).
    pub error: Option<(String, Problem)>,
    /// The portal refused the answer (Fluent id).
    pub portal_error: Option<&'static str>,
    pub layout: Layout,
}

impl State {
    /// The step's screen, showing what was answered before.
    pub fn new(at: StepRef, journey: &Journey) -> State {
        let mut state = State {
            at,
            entry: Default::default(),
            date: None,
            province: None,
            page: 0,
            error: None,
            portal_error: None,
            layout: Layout::default(),
        };
        for f in journey.step(at).map(|s| s.fields.as_slice()).unwrap_or_default() {
            let Some(v) = journey.value(at, &f.id) else { continue };
            match f.kind {
                k if uses_keypad(k) => *state.entry = v.to_owned(),
                FieldKind::Date => state.date = crate::core::validate::date(v).ok().map(DateParts::from),
                FieldKind::Region => state.province = v.get(..2).map(|p| format!("{p}0000")),
                _ => {}
            }
        }
        state
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// Choose this value for this field.
    Choose(String, String),
    Date(DateChange),
    /// The region picker chose a province (code) or went back to the provinces (None).
    Province(Option<String>),
    /// Previous or next page of the region picker or of a long commitment statement.
    Page(i32),
    Key(Key),
    /// Open the folded tip.
    ShowTip,
    /// 下一步 (or 返回核对 when changing an answer from the review).
    Next,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    None,
    ShowTip,
    /// The answers are taken: go on to this step or to the review.
    Go(Next),
}

/// Handles a message of the step; the answers change in `journey`.
pub fn update(state: &mut State, message: Message, journey: &mut Journey, today: Date) -> Action {
    match message {
        Message::Choose(field, value) => {
            state.error = journey.answer(state.at, &field, &value, today).err().map(|p| (field, p));
        }
        Message::Date(change) => {
            state.date = Some(change.apply(state.date.unwrap_or_else(|| DateParts::from(today))));
            state.error = None;
        }
        Message::Province(code) => {
            state.province = code;
            state.page = 0;
        }
        Message::Page(delta) => state.page = state.page.saturating_add_signed(delta as isize),
        Message::Key(key) => {
            keypad::apply(&mut state.entry, key, MAX_ENTRY);
            state.error = None;
        }
        Message::ShowTip => return Action::ShowTip,
        Message::Next => {
            if let Err(e) = commit(state, journey, today) {
                state.error = Some(e);
                return Action::None;
            }
            match journey.next(today) {
                Ok(next) => return Action::Go(next),
                Err(p) => state.error = Some((p.field, p.problem)),
            }
        }
    }
    Action::None
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
fn commit(state: &State, journey: &mut Journey, today: Date) -> Result<(), (String, Problem)> {
    let fields: Vec<Field> = journey.step(state.at).map(|s| s.fields.clone()).unwrap_or_default();
    for f in fields {
        let raw = match f.kind {
            k if uses_keypad(k) => Some(state.entry.to_string()),
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
pub fn title(state: &State, cx: &Context<'_>) -> String {
    let code = cx.lang().code();
    cx.journey.and_then(|j| j.step(state.at)).map(|s| s.title.get(code).to_owned()).unwrap_or_default()
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
pub fn problem_text(cx: &Context<'_>, at: StepRef, problem: Problem, field: &Field) -> String {
    let lang = cx.lang();
    let code = lang.code();
    let mut args = vec![("field", field.label.get(code).into())];
    // The field this one must not precede, by its label.
    let other = field.validation.not_before.as_ref().and_then(|o| {
        let form = &cx.journey?.members().get(at.member)?.form;
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

/// The date picker's buttons: (id, Fluent id, change).
pub fn date_buttons(today: Date) -> [(ControlId, &'static str, DateChange); 7] {
    [
        (ControlId::DateUp(DatePart::Year), "date-year-up", DateChange::Year(1)),
        (ControlId::DateDown(DatePart::Year), "date-year-down", DateChange::Year(-1)),
        (ControlId::DateUp(DatePart::Month), "date-month-up", DateChange::Month(1)),
        (ControlId::DateDown(DatePart::Month), "date-month-down", DateChange::Month(-1)),
        (ControlId::DateUp(DatePart::Day), "date-day-up", DateChange::Day(1)),
        (ControlId::DateDown(DatePart::Day), "date-day-down", DateChange::Day(-1)),
        (ControlId::Today, "date-today", DateChange::Today(today)),
    ]
}

/// The step's controls in focus order: the folded tip, each field's, then 下一步.
pub fn controls(state: &State, cx: &Context<'_>) -> Vec<Control<Message>> {
    let lang = cx.lang();
    let mut out = vec![];
    let Some(journey) = cx.journey else { return out };
    let Some(step) = journey.step(state.at) else { return out };
    if state.layout.tip_folded {
        out.push(Control::action(ControlId::Tip, t(lang, "step-tip-open"), Message::ShowTip));
    }
    for field in &step.fields {
        let value = journey.value(state.at, &field.id);
        let choose = |v: &str| Message::Choose(field.id.clone(), v.to_owned());
        match field.kind {
            FieldKind::Choice => out.extend(field.choices.iter().enumerate().map(|(i, c)| {
                let on = value == Some(c.value.as_str());
                Control::option(ControlId::Choice(i), choice_label(lang, i, c), i + 1, on, choose(&c.value))
            })),
            FieldKind::YesNo => {
                out.push(Control::option(ControlId::Yes, t(lang, "yes"), 1, value == Some(YES), choose(YES)));
                out.push(Control::option(ControlId::No, t(lang, "no"), 2, value == Some(NO), choose(NO)));
            }
            FieldKind::Commitment => {
                let pages = &state.layout.statement;
                let page = state.page.min(pages.len().saturating_sub(1));
                if pages.get(page).is_some_and(|p| p.agree) {
                    let agreed = value == Some(COMMITMENT_AGREED);
                    let label = t(lang, "commitment-agree");
                    out.push(Control::option(ControlId::Agree, label, 1, agreed, choose(COMMITMENT_AGREED)));
                }
                out.extend(crate::ui::widgets::page_controls(lang, page, pages.len(), Message::Page));
            }
            k if uses_keypad(k) => out.extend(
                keypad::controls(lang, k == FieldKind::IdNumber).into_iter().map(|c| c.map(Message::Key)),
            ),
            FieldKind::Date => out.extend(
                date_buttons(cx.today)
                    .into_iter()
                    .map(|(id, label, change)| Control::action(id, t(lang, label), Message::Date(change))),
            ),
            FieldKind::Region => {
                if let Some(regions) = &cx.reference.regions {
                    let page = region_page(lang, regions, state, field, value);
                    out.extend(page.items.into_iter().enumerate().map(|(i, (label, message, selected))| {
                        Control::action(ControlId::Region(i), label, message).selected(selected)
                    }));
                    if page.back {
                        out.push(Control::action(
                            ControlId::Provinces,
                            t(lang, "region-provinces"),
                            Message::Province(None),
                        ));
                    }
                    out.extend(crate::ui::widgets::page_controls(lang, page.page, page.pages, Message::Page));
                }
            }
            _ => {}
        }
    }
    let returning = journey.is_returning_to_review();
    out.push(Control::action(
        ControlId::Primary,
        t(lang, if returning { "step-back-to-review" } else { "next" }),
        Message::Next,
    ));
    out
}

/// The problem shown on the step now, as said.
pub fn problem(state: &State, cx: &Context<'_>) -> Option<String> {
    let (id, problem) = state.error.as_ref()?;
    let field = cx.journey?.step(state.at)?.fields.iter().find(|f| &f.id == id)?;
    Some(problem_text(cx, state.at, *problem, field))
}

/// What is chosen or typed on the step now, as said (「已选：……」); a personal
/// number typed is said as a count on the open speaker.
pub fn selection(state: &State, cx: &Context<'_>) -> Option<String> {
    let lang = cx.lang();
    let j = cx.journey?;
    let field = j.step(state.at)?.fields.first()?;
    if uses_keypad(field.kind) {
        let personal = !cx.headset && field.kind != FieldKind::Number;
        let said = if personal {
            tw(lang, "identify-count", &[("n", state.entry.chars().count().into())])
        } else {
            crate::ui::voice::digits(&state.entry)
        };
        return Some(tw(lang, "speech-entry", &[("digits", said.into())]));
    }
    if field.kind == FieldKind::Date {
        return state.date.map(|d| crate::ui::voice::date_said(cx, &d.iso()));
    }
    let v = j.value(state.at, &field.id)?;
    let shown = super::review::display_value(lang, field, v, cx.reference.regions.as_ref(), true);
    Some(tw(lang, "speech-selected", &[("label", shown.into())]))
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
