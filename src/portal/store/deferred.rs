//! Materials that may be brought later (容缺受理) and the stored form of answers.

use time::Date;

use crate::core::mask;
use crate::core::model::{Answers, DeferredMaterial, FieldKind, FormSchema, Matter};
use crate::portal::clock::{add_days, iso_date};
use crate::portal::known;

/// The materials a submission defers: when a visible choice was answered "bring it
/// later", every deficiency-tolerated material the portal cannot fetch itself is
/// due `supplement_days` from today. A signed commitment (告知承诺) replaces the
/// material, so it defers nothing.
pub fn deferred_materials(
    matter: &Matter,
    form: &FormSchema,
    answers: &Answers,
    today: Date,
) -> Vec<DeferredMaterial> {
    let chose_later = form
        .visible_steps(answers)
        .flat_map(|s| s.fields.iter())
        .any(|f| f.kind == FieldKind::Choice && answers.get(&f.id).is_some_and(|v| v == known::CHOICE_LATER));
    if !chose_later {
        return Vec::new();
    }
    matter
        .materials
        .iter()
        .filter(|m| m.deficiency_tolerated && !m.obtainable_by_sharing)
        .map(|m| DeferredMaterial {
            code: m.code.clone(),
            name: m.name.clone(),
            due_by: iso_date(add_days(today, m.supplement_days.unwrap_or(0))),
        })
        .collect()
}

/// Answers as stored and shown back: personal values masked.
pub fn masked_answers(form: &FormSchema, answers: &Answers) -> Answers {
    answers
        .iter()
        .map(|(id, value)| {
            let masked = match form.field(id) {
                Some(f) => match f.kind {
                    FieldKind::BankAccount => mask::account(value),
                    FieldKind::IdNumber => mask::id_number(value),
                    FieldKind::Phone if f.sensitive => mask::phone(value),
                    FieldKind::Text if f.sensitive => mask::name(value),
                    _ => value.clone(),
                },
                None => value.clone(),
            };
            (id.clone(), masked)
        })
        .collect()
}
