use serde::{Deserialize, Serialize};

use crate::core::personal::Personal;

use super::Text;

/// How the citizen identified themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum IdentityMethod {
    /// Read from the ID card reader (the kiosk sends the number and name the card gave).
    CardRead,
    /// Typed on the keypad; the portal verifies against its records only.
    TypedNumber,
}

/// `POST /v1/identity/sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityRequest {
    pub hall_id: String,
    pub terminal_id: String,
    pub method: IdentityMethod,
    pub id_number: Personal,
    /// The name the card reader returned, for `CARD_READ`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Personal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Sex {
    Male,
    Female,
}

/// The identified citizen. Personal values: the kiosk masks them on screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citizen {
    pub name: Personal,
    pub id_number_masked: String,
    pub sex: Sex,
    pub birth_date: String,
    pub age: u32,
    /// GB/T 2260 code of the household registration (户籍).
    pub hukou_region: String,
    /// Whether the citizen's 户籍 is in the hall's district.
    pub local_hukou: bool,
    /// Masked mobile number on file, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_masked: Option<String>,
}

/// What is due for the citizen, offered first after identification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DueKind {
    /// The yearly pension eligibility check is coming due (or overdue).
    PensionCheckDue,
    /// A case is waiting for supplementary material.
    SupplementNeeded,
    /// The citizen has become eligible for a benefit (e.g. turned 80).
    NewlyEligible,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueItem {
    pub kind: DueKind,
    pub matter_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_no: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
    /// Plain words the kiosk shows and speaks.
    pub message: Text,
}

/// `201` of `POST /v1/identity/sessions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentitySession {
    pub token: Personal,
    /// RFC 3339.
    pub expires_at: String,
    pub citizen: Citizen,
    pub due: Vec<DueItem>,
}
