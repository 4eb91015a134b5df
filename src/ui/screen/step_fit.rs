//! Whether a step's question fits the content area with its tip shown. Where
//! it does not (long tips in English at the largest text), the tip folds into
//! a 小贴士 button that opens it in a dialog, so every choice stays on screen.

use crate::core::model::{Field, FieldKind};
use crate::i18n::{t, tw};
use crate::ui::app::App;
use crate::ui::fit;
use crate::ui::sizes::Sizes;
use crate::ui::widgets::FONT;

use super::step::{State, choice_columns};

/// The tip of the step, as shown unfolded (「小贴士：……」).
pub fn tip_text(app: &App, state: &State) -> Option<String> {
    let lang = app.settings.lang;
    let step = app.session.journey.as_ref()?.step(state.at)?;
    let tip = step.tip.as_ref()?;
    Some(tw(lang, "step-tip", &[("tip", tip.get(lang.code()).into())]))
}

/// Whether the tip is folded into its button on this step.
pub fn tip_folded(app: &App, state: &State) -> bool {
    let Some(tip) = tip_text(app, state) else { return false };
    let z = app.sizes();
    let Some(step) = app.session.journey.as_ref().and_then(|j| j.step(state.at)) else { return false };
    let width = left_width(app, state, &z);
    let applicant = crate::ui::screen::review::applicant_line(app)
        .map_or(0.0, |who| fit::height(&who, z.small, FONT, width) + z.gap);
    let fields: f32 = step.fields.iter().map(|f| field_height(app, &z, f, state, width) + z.gap).sum();
    let tip = fit::height(&tip, z.small, FONT, width);
    applicant + tip + fields > crate::ui::frame::content_height(app)
}

/// The width of the step's words: the content's, less the keypad's where
/// the question takes a number (its words sit left of the keypad).
fn left_width(app: &App, state: &State, z: &Sizes) -> f32 {
    let step = app.session.journey.as_ref().and_then(|j| j.step(state.at));
    match step.and_then(|s| s.fields.iter().find(|f| super::step::uses_keypad(f.kind))) {
        Some(_) => z.content_width() - super::keypad::width(app.settings.lang, z) - 2.0 * z.gap,
        None => z.content_width(),
    }
}

/// Whether the folded tip's button sits beside the applicant line (where no
/// word of the line would then be cut), or under it.
pub fn tip_beside_applicant(app: &App, state: &State) -> bool {
    let Some(who) = crate::ui::screen::review::applicant_line(app) else { return false };
    if !tip_folded(app, state) {
        return false;
    }
    let z = app.sizes();
    let room = left_width(app, state, &z)
        - z.button_width(&t(app.settings.lang, "step-tip-open"), FONT, true)
        - z.gap;
    fit::measure(&who, z.small, FONT, room).width <= room
}

/// A button's height with `label` wrapped in `width` (room for a ✓ kept).
fn button_height(z: &Sizes, label: &str, width: f32) -> f32 {
    z.wrapped_button_height(label, width, true)
}

/// The height of a field's controls `width` wide (0 for the paged region picker).
fn field_height(app: &App, z: &Sizes, field: &Field, state: &State, width: f32) -> f32 {
    let lang = app.settings.lang;
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
                super::keypad::grouped(&state.entry)
            };
            fit::height(field.label.get(code), z.body, FONT, width)
                + z.gap
                + fit::height(&shown, z.title, crate::ui::widgets::BOLD, width)
        }
        FieldKind::Date => {
            let (today_beside, _) = super::step::date_layout(app, z);
            let picker = 2.0 * z.button_height() + z.title * crate::ui::sizes::LINE_HEIGHT + 2.0 * z.gap;
            let on_top = crate::ui::screen::review::applicant_line(app).is_some();
            if today_beside || on_top { picker } else { picker + z.gap + z.button_height() }
        }
        _ => 0.0,
    }
}

/// The height of the applicant line, with the folded tip's button beside it.
fn top_height(app: &App, state: &State, z: &Sizes) -> f32 {
    let width = left_width(app, state, z);
    let beside = tip_beside_applicant(app, state);
    let applicant = crate::ui::screen::review::applicant_line(app).map_or(0.0, |who| {
        let room = if beside {
            width - z.button_width(&t(app.settings.lang, "step-tip-open"), FONT, true) - z.gap
        } else {
            width
        };
        fit::height(&who, z.small, FONT, room)
    });
    let top = match tip_text(app, state) {
        Some(_) if beside => applicant.max(z.button_height()),
        Some(_) if tip_folded(app, state) => applicant + z.gap + z.button_height(),
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
pub fn statement_pages(app: &App, state: &State, field: &Field) -> Vec<StatementPage> {
    let lang = app.settings.lang;
    let statement = field.statement.as_ref().map(|s| s.get(lang.code()).to_owned()).unwrap_or_default();
    let z = app.sizes();
    let width = z.content_width();
    let inner = width - 2.0 * z.gap;
    let agree = button_height(&z, &t(lang, "commitment-agree"), width);
    let card = 2.0 * z.gap;
    let budget = crate::ui::frame::content_height(app) - top_height(app, state, &z) - card;
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
