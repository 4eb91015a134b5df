//! The flow engine: a citizen's way through one matter or a bundle, one
//! question a screen, with a review before anything is sent.
//!
//! UI-free. The kiosk's screens ask it what to show and tell it what was
//! answered; it decides the order of steps, skips hidden steps and questions
//! a bundle already asked, and returns to review after a change.

use time::Date;

use super::answers::{FieldProblem, check_all, check_order, check_value};
use super::model::{Answers, Bundle, Field, FormSchema, Matter, Step};
use super::validate::Problem;

/// A matter together with the form schema the journey uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatterForm {
    pub matter: Matter,
    pub form: FormSchema,
}

/// A step of the journey: which member matter, which step of its form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StepRef {
    pub member: usize,
    pub step: usize,
}

/// Where the citizen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Step(StepRef),
    Review,
}

/// What `next` leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Step(StepRef),
    Review,
}

/// What `back` leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Back {
    Step(StepRef),
    /// Back from the first step: leave the form (to the intro).
    Leave,
}

/// One line of the review screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem<'a> {
    pub at: StepRef,
    pub matter: &'a Matter,
    pub field: &'a Field,
    pub value: &'a str,
}

/// The citizen's answers to a matter's (or a bundle's) form. Its `Debug`
/// prints the answers' lengths only, and the answers are zeroed when it is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Journey {
    bundle: Option<Bundle>,
    members: Vec<MatterForm>,
    answers: Vec<Answers>,
    place: Place,
    /// Set by `edit`: after the changed step, go straight back to review.
    returning_to_review: bool,
}

impl std::fmt::Debug for Journey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        struct Masked<'a>(&'a [Answers]);
        impl std::fmt::Debug for Masked<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut list = f.debug_list();
                for answers in self.0 {
                    list.entry(&crate::core::personal::MaskedAnswers(answers));
                }
                list.finish()
            }
        }
        let matters: Vec<&str> = self.members.iter().map(|m| m.matter.id.as_str()).collect();
        f.debug_struct("Journey")
            .field("matters", &matters)
            .field("answers", &Masked(&self.answers))
            .field("place", &self.place)
            .finish()
    }
}

impl Drop for Journey {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        for answers in &mut self.answers {
            for value in answers.values_mut() {
                value.zeroize();
            }
        }
    }
}

impl Journey {
    pub fn single(member: MatterForm) -> Journey {
        Journey::new(None, vec![member])
    }

    pub fn bundle(bundle: Bundle, members: Vec<MatterForm>) -> Journey {
        Journey::new(Some(bundle), members)
    }

    fn new(bundle: Option<Bundle>, members: Vec<MatterForm>) -> Journey {
        let answers = vec![Answers::new(); members.len()];
        let mut journey =
            Journey { bundle, members, answers, place: Place::Review, returning_to_review: false };
        journey.place = journey.steps().first().map_or(Place::Review, |s| Place::Step(*s));
        journey
    }

    pub fn bundle_info(&self) -> Option<&Bundle> {
        self.bundle.as_ref()
    }

    pub fn members(&self) -> &[MatterForm] {
        &self.members
    }

    pub fn answers(&self, member: usize) -> Option<&Answers> {
        self.answers.get(member)
    }

    pub fn place(&self) -> Place {
        self.place
    }

    pub fn is_returning_to_review(&self) -> bool {
        self.returning_to_review
    }

    /// The steps shown, in order: visible by `show_if`, and without a bundle's
    /// steps whose every field is shared with a question an earlier member asked.
    pub fn steps(&self) -> Vec<StepRef> {
        let mut asked_keys: Vec<&str> = vec![];
        let mut out = vec![];
        for (m, member) in self.members.iter().enumerate() {
            let answers = &self.answers[m];
            for (s, step) in member.form.steps.iter().enumerate() {
                if step.show_if.as_ref().is_some_and(|c| !c.holds(answers)) {
                    continue;
                }
                let shared: Vec<&str> = step.fields.iter().filter_map(|f| self.shared_key(f)).collect();
                let all_asked = !step.fields.is_empty()
                    && shared.len() == step.fields.len()
                    && shared.iter().all(|k| asked_keys.contains(k));
                if !all_asked {
                    out.push(StepRef { member: m, step: s });
                }
                asked_keys.extend(shared);
            }
        }
        out
    }

    /// A field's shared key, when the journey is a bundle that shares it.
    fn shared_key<'a>(&'a self, field: &'a Field) -> Option<&'a str> {
        let bundle = self.bundle.as_ref()?;
        let key = field.shared_key.as_deref()?;
        bundle.shared_keys.iter().any(|k| k == key).then_some(key)
    }

    pub fn step(&self, at: StepRef) -> Option<&Step> {
        self.members.get(at.member)?.form.steps.get(at.step)
    }

    pub fn matter(&self, at: StepRef) -> Option<&Matter> {
        self.members.get(at.member).map(|m| &m.matter)
    }

    /// 「第 n 步，共 total 步」 of the current place (review is the last step).
    pub fn progress(&self) -> (usize, usize) {
        let steps = self.steps();
        let total = steps.len() + 1;
        match self.place {
            Place::Step(at) => (steps.iter().position(|s| *s == at).map_or(1, |i| i + 1), total),
            Place::Review => (total, total),
        }
    }

    pub fn value(&self, at: StepRef, field_id: &str) -> Option<&str> {
        self.answers.get(at.member)?.get(field_id).map(String::as_str)
    }

    /// Checks and stores an answer of a field of step `at`; a bundle's shared
    /// field is stored for every member that has it.
    pub fn answer(&mut self, at: StepRef, field_id: &str, raw: &str, today: Date) -> Result<(), Problem> {
        let field = self
            .step(at)
            .and_then(|s| s.fields.iter().find(|f| f.id == field_id))
            .ok_or(Problem::NotAChoice)?;
        let value = check_value(field, raw, today)?;
        let key = self.shared_key(field).map(str::to_owned);
        self.answers[at.member].insert(field_id.to_owned(), value.clone());
        if let Some(key) = key {
            for (m, member) in self.members.iter().enumerate() {
                for (_, f) in member.form.fields() {
                    if f.shared_key.as_deref() == Some(key.as_str()) {
                        self.answers[m].insert(f.id.clone(), value.clone());
                    }
                }
            }
        }
        Ok(())
    }

    /// Moves on from the current step when its required fields are answered.
    pub fn next(&mut self, today: Date) -> Result<Next, FieldProblem> {
        let Place::Step(at) = self.place else {
            return Ok(Next::Review);
        };
        if let Some(step) = self.step(at) {
            for field in &step.fields {
                match self.value(at, &field.id) {
                    Some(v) => {
                        let answers = &self.answers[at.member];
                        check_value(field, v, today)
                            .and_then(|v| check_order(field, &v, answers))
                            .map_err(|problem| FieldProblem { field: field.id.clone(), problem })?;
                    }
                    None if field.required => {
                        return Err(FieldProblem { field: field.id.clone(), problem: Problem::Missing });
                    }
                    None => {}
                }
            }
        }
        let steps = self.steps();
        let following = steps.iter().skip_while(|s| **s != at).nth(1).copied();
        let unanswered = |s: &StepRef| {
            self.step(*s)
                .is_some_and(|step| step.fields.iter().any(|f| f.required && self.value(*s, &f.id).is_none()))
        };
        // After a change from review, go back to review unless the change
        // opened a step that still needs an answer.
        let next = if self.returning_to_review {
            match steps.iter().find(|s| unanswered(s)) {
                Some(s) => Next::Step(*s),
                None => Next::Review,
            }
        } else {
            following.map_or(Next::Review, Next::Step)
        };
        self.place = match next {
            Next::Step(s) => Place::Step(s),
            Next::Review => {
                self.returning_to_review = false;
                Place::Review
            }
        };
        Ok(next)
    }

    pub fn back(&mut self) -> Back {
        let steps = self.steps();
        let previous = match self.place {
            Place::Review => steps.last().copied(),
            Place::Step(at) => {
                let i = steps.iter().position(|s| *s == at).unwrap_or(0);
                i.checked_sub(1).and_then(|i| steps.get(i)).copied()
            }
        };
        self.returning_to_review = false;
        match previous {
            Some(s) => {
                self.place = Place::Step(s);
                Back::Step(s)
            }
            None => Back::Leave,
        }
    }

    /// 修改 from review: open that step; after it, return to review.
    pub fn edit(&mut self, at: StepRef) {
        self.place = Place::Step(at);
        self.returning_to_review = true;
    }

    /// Every answer read back, in journey order (shared ones once).
    pub fn review(&self) -> Vec<ReviewItem<'_>> {
        let mut out = vec![];
        for at in self.steps() {
            let (Some(step), Some(matter)) = (self.step(at), self.matter(at)) else { continue };
            for field in step.fields.iter().filter(|f| f.read_back) {
                if let Some(value) = self.value(at, &field.id) {
                    out.push(ReviewItem { at, matter, field, value });
                }
            }
        }
        out
    }

    /// The checked answers of every member, ready to send; the first problem otherwise.
    pub fn submissions(&self, today: Date) -> Result<Vec<(&MatterForm, Answers)>, FieldProblem> {
        self.members
            .iter()
            .zip(&self.answers)
            .map(|(m, a)| check_all(&m.form, a, today).map(|clean| (m, clean)))
            .collect()
    }
}

#[cfg(test)]
#[path = "journey_tests.rs"]
mod tests;
