use serde::{Deserialize, Serialize};

use super::Text;

/// The five levels of 好差评, stored by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Level {
    VerySatisfied,
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
    VeryDissatisfied,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::VerySatisfied,
        Level::Satisfied,
        Level::BasicallySatisfied,
        Level::Dissatisfied,
        Level::VeryDissatisfied,
    ];

    /// 差评: needs at least one reason.
    pub fn is_bad(self) -> bool {
        matches!(self, Level::Dissatisfied | Level::VeryDissatisfied)
    }

    /// GB/T 39046 code: 1 = 非常满意 … 5 = 非常不满意. Converted only at the edge.
    pub fn gb_code(self) -> u8 {
        match self {
            Level::VerySatisfied => 1,
            Level::Satisfied => 2,
            Level::BasicallySatisfied => 3,
            Level::Dissatisfied => 4,
            Level::VeryDissatisfied => 5,
        }
    }
}

/// The channel code of a hall terminal (政务大厅其他终端).
pub const CHANNEL_HALL_TERMINAL: u8 = 5;

/// `POST /v1/evaluations` (bearer token of the case's citizen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationRequest {
    pub case_no: String,
    pub terminal_id: String,
    pub level: Level,
    /// Codes from `GET /v1/evaluation-reasons`; required for a bad rating.
    #[serde(default)]
    pub reasons: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The helper staff being evaluated, when the matter was assisted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EvaluationKind {
    First,
    FollowUp,
}

/// `201` of `POST /v1/evaluations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub id: String,
    pub case_no: String,
    pub kind: EvaluationKind,
    pub level: Level,
    /// GB/T 39046 numeric code of the level.
    pub level_code: u8,
    /// Always 5: hall terminal.
    pub channel: u8,
    pub terminal_id: String,
    pub reasons: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_id: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub code: String,
    pub label: Text,
}

/// `GET /v1/evaluation-reasons`: the provincial, versioned reason list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonList {
    pub version: u32,
    pub reasons: Vec<Reason>,
}
