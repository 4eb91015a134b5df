//! Whether a step's question fits the content area with its tip shown. Where
//! it does not (long tips in English at the largest text), the tip folds into
//! a 小贴士 button that opens it in a dialog, so every choice stays on screen.

use crate::core::model::{Field, FieldKind};
use crate::i18n::{t, tw};
use crate::ui::context::Context;
use crate::ui::fit;
use crate::ui::sizes::Sizes;
use crate::ui::widgets::FONT;

use super::step::{State, choice_columns};

/// How the step fits the window at this text size and language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// The tip is folded into a 小贴士 button that opens it in a dialog.
    pub tip_folded: bool,
    /// The folded tip's button sits beside the applicant line.
    pub tip_beside: bool,
    /// 选今天 as a fourth column of the date picker (else under the three, or on the applicant's line).
    pub today_beside: bool,
    /// The date picker's ↑ ↓ symbols fit beside their words.
    pub date_symbols: bool,
    /// 选今天 sits on the applicant's line.
    pub today_on_top: bool,
    /// The pages of a commitment's statement (empty without one).
    pub statement: Vec<StatementPage>,
}

/// Lays the step out (stored in its state; the view, controls and speech read it).
pub fn relayout(state: &mut State, cx: &Context<'_>) {
    let z = cx.sizes;
    let (today_beside, date_symbols) = date_layout(cx, &z);
    let tip_folded = tip_folded(cx, state);
    let tip_beside = tip_folded && tip_beside_applicant(cx, state);
    let has_date = step_fields(cx, state).iter().any(|f| f.kind == FieldKind::Date);
    let today_on_top = has_date && !today_beside && cx.applicant_line().is_some();
    let mut layout =
        Layout { tip_folded, tip_beside, today_beside, date_symbols, today_on_top, statement: vec![] };
    if let Some(field) = step_fields(cx, state).iter().find(|f| f.kind == FieldKind::Commitment) {
        layout.statement = statement_pages(cx, state, &layout, field);
        state.page = state.page.min(layout.statement.len().saturating_sub(1));
    }
    state.layout = layout;
}

fn step_fields<'a>(cx: &Context<'a>, state: &State) -> &'a [Field] {
    cx.journey.and_then(|j| j.step(state.at)).map(|s| s.fields.as_slice()).unwrap_or_default()
}

/// The tip of the step, as shown unfolded (「小贴士：……」).
pub fn tip_text(cx: &Context<'_>, state: &State) -> Option<String> {
    let lang = cx.lang();
    let step = cx.journey?.step(state.at)?;
    let tip = step.tip.as_ref()?;
    Some(tw(lang, "step-tip", &[("tip", tip.get(lang.code()).into())]))
}

/// Whether the tip is folded into its button on this step.
fn tip_folded(cx: &Context<'_>, state: &State) -> bool {
    let Some(tip) = tip_text(cx, state) else { return false };
    let z = cx.sizes;
    let width = left_width(cx, state, &z);
    let applicant = cx.applicant_line().map_or(0.0, |who| fit::height(&who, z.small, FONT, width) + z.gap);
    let fields: f32 =
        step_fields(cx, state).iter().map(|f| field_height(cx, &z, f, state, width) + z.gap).sum();
    let tip = fit::height(&tip, z.small, FONT, width);
    applicant + tip + fields > cx.content_height()
}

/// The width of the step's words: the content's, less the keypad's where
/// the question takes a number (its words sit left of the keypad).
fn left_width(cx: &Context<'_>, state: &State, z: &Sizes) -> f32 {
    match step_fields(cx, state).iter().find(|f| super::step::uses_keypad(f.kind)) {
        Some(_) => z.content_width() - super::keypad::width(cx.lang(), z) - 2.0 * z.gap,
        None => z.content_width(),
    }
}

/// Whether the folded tip's button sits beside the applicant line (where no
/// word of the line would then be cut), or under it.
fn tip_beside_applicant(cx: &Context<'_>, state: &State) -> bool {
    let Some(who) = cx.applicant_line() else { return false };
    let z = cx.sizes;
    let room = left_width(cx, state, &z) - z.button_width(&t(cx.lang(), "step-tip-open"), FONT, true) - z.gap;
    fit::measure(&who, z.small, FONT, room).width <= room
}

/// The words of the date picker's buttons, up and down for year, month and day.
const DATE_BUTTONS: [(&str, &str); 3] = [
    ("date-year-up", "date-year-down"),
    ("date-month-up", "date-month-down"),
    ("date-day-up", "date-day-down"),
];

/// How the date picker fits: 选今天 as a fourth column or under the three,
/// and the ↑ ↓ symbols where the words leave room for them.
fn date_layout(cx: &Context<'_>, z: &Sizes) -> (bool, bool) {
    let lang = cx.lang();
    let width = z.content_width();
    let widest = |symbols: bool| {
        DATE_BUTTONS
            .iter()
            .flat_map(|(up, down)| [up, down])
            .map(|id| z.button_width(&t(lang, id), FONT, symbols))
            .fold(0.0, f32::max)
    };
    let column = |n: f32| (width - (n - 1.0) * 2.0 * z.gap) / n;
    let today_beside = widest(false) <= column(4.0);
    let columns = if today_beside { 4.0 } else { 3.0 };
    (today_beside, widest(true) <= column(columns))
}

/// A button's height with `label` wrapped in `width` (room for a ✓ kept).
fn button_height(z: &Sizes, label: &str, width: f32) -> f32 {
    z.wrapped_button_height(label, width, true)
}

/// The height of a field's controls `width` wide (0 for the paged region picker).
fn field_height(cx: &Context<'_>, z: &Sizes, field: &Field, state: &State, width: f32) -> f32 {
    let lang = cx.lang();
    let code = lang.code();
    match field.kind {
        FieldKind::Choice => {
            let per_row = choice_columns(field.choices.len(), z.step);
            let each = (width - z.gap * (per_row - 1) as f32) / per_row as f32;
            let heights: Vec<f32> = field
                .choices
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let label = super::step::choice_label(lang, i, c);
                    button_height(z, &label, each)
                })
                .collect();
            let rows: Vec<f32> =
                heights.chunks(per_row).map(|r| r.iter().copied().fold(0.0, f32::max)).collect();
            rows.iter().sum::<f32>() + z.gap * rows.len().saturating_sub(1) as f32
        }
        FieldKind::YesNo => button_height(z, &t(lang, "yes"), (width - z.gap) / 2.0),
        FieldKind::Commitment => {
            let statement = field.statement.as_ref().map(|s| s.get(code).to_owned()).unwrap_or_default();
            fit::height(&statement, z.body, FONT, width - 2.0 * z.gap)
                + 2.0 * z.gap
                + z.gap
                + button_height(z, &t(lang, "commitment-agree"), width)
        }
        k if super::step::uses_keypad(k) => {
            let shown = if state.entry.is_empty() {
                t(lang, "keypad-empty")
            } else {
                super::keypad::grouped(k, &state.entry)
            };
            fit::height(field.label.get(code), z.body, FONT, width)
                + z.gap
                + fit::height(&shown, z.title, crate::ui::widgets::BOLD, width)
        }
        FieldKind::Date => {
            let (today_beside, _) = date_layout(cx, z);
            let picker = 2.0 * z.button_height() + z.title * crate::ui::sizes::LINE_HEIGHT + 2.0 * z.gap;
            let on_top = cx.applicant_line().is_some();
            if today_beside || on_top { picker } else { picker + z.gap + z.button_height() }
        }
        _ => 0.0,
    }
}

/// The height of the applicant line, with the folded tip's button beside it.
fn top_height(cx: &Context<'_>, state: &State, layout: &Layout, z: &Sizes) -> f32 {
    let width = left_width(cx, state, z);
    let beside = layout.tip_beside;
    let applicant = cx.applicant_line().map_or(0.0, |who| {
        let room = if beside {
            width - z.button_width(&t(cx.lang(), "step-tip-open"), FONT, true) - z.gap
        } else {
            width
        };
        fit::height(&who, z.small, FONT, room)
    });
    let top = match tip_text(cx, state) {
        Some(_) if beside => applicant.max(z.button_height()),
        Some(_) if layout.tip_folded => applicant + z.gap + z.button_height(),
        Some(tip) => applicant + z.gap + fit::height(&tip, z.small, FONT, width),
        None => applicant,
    };
    if top > 0.0 { top + z.gap } else { 0.0 }
}

/// One page of a commitment's statement: its sentences, and whether
/// 我已阅读并同意 is on it (on the last page, after the whole statement).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementPage {
    pub text: String,
    pub agree: bool,
}

/// The statement of a commitment in pages (one page when the step fits):
/// whole sentences on each page, 我已阅读并同意 after the last of them (on a
/// page of its own if it does not fit under them).
fn statement_pages(cx: &Context<'_>, state: &State, layout: &Layout, field: &Field) -> Vec<StatementPage> {
    let lang = cx.lang();
    let statement = field.statement.as_ref().map(|s| s.get(lang.code()).to_owned()).unwrap_or_default();
    let z = cx.sizes;
    let width = z.content_width();
    let inner = width - 2.0 * z.gap;
    let agree = button_height(&z, &t(lang, "commitment-agree"), width);
    let card = 2.0 * z.gap;
    let budget = cx.content_height() - top_height(cx, state, layout, &z) - card;
    if fit::height(&statement, z.body, FONT, inner) + z.gap + agree <= budget {
        return vec![StatementPage { text: statement, agree: true }];
    }
    let sentences = fit::sentences(&statement);
    let mut heights: Vec<f32> = sentences.iter().map(|s| fit::height(s, z.body, FONT, inner)).collect();
    heights.push(agree);
    let pager = z.gap + z.button_height();
    fit::paginate(&heights, z.gap, budget - pager)
        .into_iter()
        .map(|r| StatementPage {
            agree: r.end > sentences.len(),
            text: sentences[r.start.min(sentences.len())..r.end.min(sentences.len())]
                .concat()
                .trim_end()
                .to_owned(),
        })
        .collect()
}
