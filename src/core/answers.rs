//! Checking a form's answers against its schema. The reference portal and the
//! kiosk run the same rules, so a citizen hears about a problem on the step
//! where it is, and the portal still never trusts the kiosk.

use time::Date;

use super::model::{Answers, COMMITMENT_AGREED, Field, FieldKind, FormSchema, NO, YES};
use super::validate::{self, Problem};

/// A problem with one field's answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("field {field}: {problem:?}")]
pub struct FieldProblem {
    pub field: String,
    pub problem: Problem,
}

/// Checks one answer and returns it normalised (e.g. `x` → `X`, spaces removed).
pub fn check_value(field: &Field, raw: &str, today: Date) -> Result<String, Problem> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(Problem::Missing);
    }
    let rules = &field.validation;
    match field.kind {
        FieldKind::Choice => field
            .choices
            .iter()
            .find(|c| c.value == value)
            .map(|c| c.value.clone())
            .ok_or(Problem::NotAChoice),
        FieldKind::YesNo => match value {
            YES | NO => Ok(value.to_owned()),
            _ => Err(Problem::NotAChoice),
        },
        FieldKind::Number => validate::number(value, rules.min, rules.max).map(|n| n.to_string()),
        FieldKind::Date => {
            let date = validate::date(value)?;
            if rules.not_future && date > today {
                return Err(Problem::FutureDate);
            }
            if rules.not_past && date < today {
                return Err(Problem::PastDate);
            }
            Ok(value.to_owned())
        }
        FieldKind::Phone => validate::phone(value),
        FieldKind::IdNumber => validate::IdNumber::parse(value, today).map(|id| id.as_str().to_owned()),
        FieldKind::Region => validate::region(value),
        FieldKind::BankAccount => validate::bank_account(value),
        FieldKind::Commitment => {
            if value == COMMITMENT_AGREED {
                Ok(value.to_owned())
            } else {
                Err(Problem::NotConfirmed)
            }
        }
        FieldKind::Text => {
            let max = rules.max_len.unwrap_or(DEFAULT_TEXT_MAX_CHARS);
            if value.chars().count() > max as usize { Err(Problem::TooLong) } else { Ok(value.to_owned()) }
        }
    }
}

/// `not_before`: a number or ISO date must not come before the other answer
/// (both compare as numbers or, for dates, as text, which orders ISO dates).
pub fn check_order(field: &Field, value: &str, answers: &Answers) -> Result<(), Problem> {
    let Some(other) = field.validation.not_before.as_ref().and_then(|o| answers.get(o)) else {
        return Ok(());
    };
    let before = match (value.trim().parse::<i64>(), other.trim().parse::<i64>()) {
        (Ok(a), Ok(b)) => a < b,
        _ => value.trim() < other.trim(),
    };
    if before { Err(Problem::BeforeOther) } else { Ok(()) }
}

/// The longest free-text answer when a schema sets no limit.
pub const DEFAULT_TEXT_MAX_CHARS: u32 = 200;

/// Checks every answer of the steps visible for these answers; answers to
/// hidden steps and unknown fields are dropped. Returns the normalised answers,
/// or the first problem in form order.
pub fn check_all(schema: &FormSchema, answers: &Answers, today: Date) -> Result<Answers, FieldProblem> {
    let mut clean = Answers::new();
    for step in schema.visible_steps(answers) {
        for field in &step.fields {
            match answers.get(&field.id).filter(|v| !v.trim().is_empty()) {
                Some(raw) => {
                    let value = check_value(field, raw, today)
                        .and_then(|v| check_order(field, &v, answers).map(|()| v))
                        .map_err(|problem| FieldProblem { field: field.id.clone(), problem })?;
                    clean.insert(field.id.clone(), value);
                }
                None if field.required => {
                    return Err(FieldProblem { field: field.id.clone(), problem: Problem::Missing });
                }
                None => {}
            }
        }
    }
    Ok(clean)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Choice, Condition, Step, Text, Validation};

    fn field(id: &str, kind: FieldKind) -> Field {
        Field {
            id: id.into(),
            kind,
            label: Text::default(),
            required: true,
            choices: vec![],
            validation: Validation::default(),
            read_back: true,
            sensitive: false,
            shared_key: None,
            statement: None,
        }
    }

    fn schema() -> FormSchema {
        let mut kind = field("kind", FieldKind::Choice);
        kind.choices =
            ["A", "B"].iter().map(|v| Choice { value: (*v).into(), label: Text::default() }).collect();
        let step = |id: &str, f: Field, show_if: Option<Condition>| Step {
            id: id.into(),
            title: Text::default(),
            spoken: Text::default(),
            tip: None,
            fields: vec![f],
            show_if,
        };
        FormSchema {
            matter_id: "m".into(),
            version: 1,
            steps: vec![
                step("s1", kind, None),
                step(
                    "s2",
                    field("phone", FieldKind::Phone),
                    Some(Condition { field: "kind".into(), one_of: vec!["B".into()] }),
                ),
            ],
        }
    }

    fn today() -> Date {
        Date::from_calendar_date(2026, time::Month::November, 28).unwrap_or(Date::MIN)
    }

    #[test]
    fn hidden_steps_are_not_required_and_their_answers_dropped() {
        let answers: Answers = [("kind".into(), "A".into()), ("phone".into(), "bad".into())].into();
        let clean = check_all(&schema(), &answers, today()).map_err(|e| e.problem);
        assert_eq!(clean, Ok([("kind".to_string(), "A".to_string())].into()));
    }

    #[test]
    fn visible_required_field_must_be_answered_and_valid() {
        let only_kind: Answers = [("kind".into(), "B".into())].into();
        let err = check_all(&schema(), &only_kind, today()).err();
        assert_eq!(err.map(|e| (e.field, e.problem)), Some(("phone".into(), Problem::Missing)));
        let bad: Answers = [("kind".into(), "B".into()), ("phone".into(), "12345".into())].into();
        let err = check_all(&schema(), &bad, today()).err();
        assert_eq!(err.map(|e| e.problem), Some(Problem::BadPhone));
    }

    #[test]
    fn choice_outside_the_list_is_refused() {
        let answers: Answers = [("kind".into(), "C".into())].into();
        let err = check_all(&schema(), &answers, today()).err();
        assert_eq!(err.map(|e| e.problem), Some(Problem::NotAChoice));
    }

    #[test]
    fn dates_respect_future_and_past_rules() {
        let mut f = field("d", FieldKind::Date);
        f.validation.not_past = true;
        assert_eq!(check_value(&f, "2026-11-27", today()), Err(Problem::PastDate));
        assert_eq!(check_value(&f, "2026-11-28", today()), Ok("2026-11-28".into()));
        assert_eq!(check_value(&f, "2026-02-30", today()), Err(Problem::BadDate));
    }
}
