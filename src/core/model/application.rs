use serde::{Deserialize, Serialize};

use crate::core::personal::Personal;

use super::{Answers, Text};

/// Who is at the kiosk for whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ApplicationMode {
    /// The citizen alone.
    #[default]
    SelfService,
    /// Hall staff helping at the kiosk (帮办).
    Assisted,
    /// Someone applying on the citizen's behalf (代办).
    Proxy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Relationship {
    Spouse,
    Child,
    Parent,
    Sibling,
    OtherRelative,
    HallStaff,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuthorizationKind {
    /// A signed power of attorney (授权委托书).
    WrittenPowerOfAttorney,
    /// Given verbally on site, witnessed by staff.
    OnSiteVerbalWitnessed,
}

/// The agent (代办人) of a proxy application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    pub name: Personal,
    pub id_number: Personal,
    pub relationship: Relationship,
    pub authorization: AuthorizationKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Personal>,
}

/// `POST /v1/applications` (bearer token, `Idempotency-Key` header). Its
/// `Debug` prints the answers' lengths, never their values.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRequest {
    pub matter_id: String,
    pub schema_version: u32,
    pub hall_id: String,
    pub terminal_id: String,
    pub mode: ApplicationMode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helper_staff_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<Agent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle_id: Option<String>,
    pub answers: Answers,
}

impl std::fmt::Debug for ApplicationRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApplicationRequest")
            .field("matter_id", &self.matter_id)
            .field("schema_version", &self.schema_version)
            .field("hall_id", &self.hall_id)
            .field("terminal_id", &self.terminal_id)
            .field("mode", &self.mode)
            .field("helper_staff_id", &self.helper_staff_id)
            .field("agent", &self.agent)
            .field("bundle_id", &self.bundle_id)
            .field("answers", &crate::core::personal::MaskedAnswers(&self.answers))
            .finish()
    }
}

/// The lifecycle of a case (办件).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CaseStatus {
    Submitted,
    Accepted,
    Rejected,
    InProgress,
    NeedsSupplement,
    Completed,
}

impl CaseStatus {
    /// Whether the lifecycle allows moving from `self` to `to`.
    pub fn can_move_to(self, to: CaseStatus) -> bool {
        use CaseStatus::*;
        matches!(
            (self, to),
            (Submitted, Accepted | Rejected)
                | (Accepted, InProgress | NeedsSupplement | Completed)
                | (InProgress, NeedsSupplement | Completed)
                | (NeedsSupplement, InProgress | Rejected)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub status: CaseStatus,
    /// RFC 3339.
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A material that may be brought later (容缺受理), with its deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeferredMaterial {
    pub code: String,
    pub name: Text,
    /// ISO date.
    pub due_by: String,
}

/// A case as the portal holds it. `201` of `POST /v1/applications`, `GET /v1/applications/{case_no}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    /// 办件编号, allocated by the portal.
    pub case_no: String,
    pub matter_id: String,
    pub status: CaseStatus,
    pub mode: ApplicationMode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helper_staff_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_name_masked: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle_id: Option<String>,
    /// RFC 3339.
    pub submitted_at: String,
    /// ISO date by which the case is promised to be decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised_by: Option<String>,
    /// For verifications: the outcome in plain words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Text>,
    pub next_steps: Text,
    pub deferred_materials: Vec<DeferredMaterial>,
    /// The answers as stored (sensitive ones masked).
    pub answers: super::Answers,
    pub timeline: Vec<TimelineEntry>,
    /// Short code printed on the receipt to look the case up without an ID card.
    pub lookup_code: String,
}

/// `POST /v1/applications/{case_no}/status` (staff): move a case along its lifecycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: CaseStatus,
    pub staff_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// `GET /v1/applications/{case_no}/receipt`: everything on the printed receipt, masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub case_no: String,
    pub matter_name: Text,
    pub hall_name: Text,
    pub applicant_name_masked: String,
    pub id_number_masked: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_name_masked: Option<String>,
    pub submitted_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised_by: Option<String>,
    pub next_steps: Text,
    pub deferred_materials: Vec<DeferredMaterial>,
    pub lookup_code: String,
    /// What the receipt's QR code encodes.
    pub qr_payload: String,
}
