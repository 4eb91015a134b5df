use serde::{Deserialize, Serialize};

use super::Text;

/// What kind of answer a field takes; decides the kiosk's input screen and the validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One of `choices`, shown as big buttons.
    Choice,
    /// "YES" or "NO".
    YesNo,
    /// A whole number, typed on a keypad; `validation.min` / `max` apply.
    Number,
    /// An ISO date `YYYY-MM-DD`, picked without a tiny calendar.
    Date,
    /// A mainland mobile number.
    Phone,
    /// A resident ID number (GB 11643).
    IdNumber,
    /// A 6-digit GB/T 2260 region code (city level), from `GET /v1/regions`.
    Region,
    /// A bank or social-security card account, Luhn-checked.
    BankAccount,
    /// A commitment (告知承诺) the citizen confirms: value "AGREED".
    Commitment,
    /// Free text (a name, a short reason).
    Text,
}

/// The only value a confirmed commitment field takes.
pub const COMMITMENT_AGREED: &str = "AGREED";
/// Values of a yes/no field.
pub const YES: &str = "YES";
pub const NO: &str = "NO";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: Text,
}

/// Validation rules beyond what the kind implies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// Dates: not after today.
    #[serde(default)]
    pub not_future: bool,
    /// Dates: not before today.
    #[serde(default)]
    pub not_past: bool,
    /// Numbers and dates: the answer must not come before this other field's answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_before: Option<String>,
    /// Text: the longest answer accepted, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_len: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub id: String,
    pub kind: FieldKind,
    pub label: Text,
    pub required: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    #[serde(default)]
    pub validation: Validation,
    /// Whether the review screen and the spoken confirmation repeat this answer.
    pub read_back: bool,
    /// Personal data: masked on screen and on the open speaker.
    pub sensitive: bool,
    /// Bundles: fields with the same key are asked once for all member matters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_key: Option<String>,
    /// Commitment fields: the full text the citizen agrees to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<Text>,
}

/// Show a step only when an earlier answer has one of some values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub field: String,
    pub one_of: Vec<String>,
}

impl Condition {
    pub fn holds(&self, answers: &super::Answers) -> bool {
        answers.get(&self.field).is_some_and(|v| self.one_of.iter().any(|o| o == v))
    }
}

/// One screen of the kiosk's wizard: one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub id: String,
    pub title: Text,
    /// Plain-language words spoken when the step opens.
    pub spoken: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tip: Option<Text>,
    pub fields: Vec<Field>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
}

/// `GET /v1/matters/{matter_id}/form-schema`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSchema {
    pub matter_id: String,
    pub version: u32,
    pub steps: Vec<Step>,
}

impl FormSchema {
    pub fn fields(&self) -> impl Iterator<Item = (&Step, &Field)> {
        self.steps.iter().flat_map(|s| s.fields.iter().map(move |f| (s, f)))
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields().map(|(_, f)| f).find(|f| f.id == id)
    }

    /// Steps shown for these answers (their `show_if` holds or is absent).
    pub fn visible_steps<'a>(&'a self, answers: &'a super::Answers) -> impl Iterator<Item = &'a Step> + 'a {
        self.steps.iter().filter(move |s| s.show_if.as_ref().is_none_or(|c| c.holds(answers)))
    }
}

/// A city of the region picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct City {
    pub code: String,
    pub name: Text,
}

/// A province with its cities, `GET /v1/regions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Province {
    pub code: String,
    pub name: Text,
    pub cities: Vec<City>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regions {
    pub provinces: Vec<Province>,
}

impl Regions {
    pub fn city(&self, code: &str) -> Option<(&Province, &City)> {
        self.provinces.iter().find_map(|p| p.cities.iter().find(|c| c.code == code).map(|c| (p, c)))
    }
}
