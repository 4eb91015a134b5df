use serde::{Deserialize, Serialize};

use super::Text;

/// `GET /v1/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
    /// The storage schema (migration) version.
    pub schema_version: u32,
}

/// `POST /v1/assist-requests`: call staff (呼叫工作人员).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssistRequestNew {
    pub hall_id: String,
    pub terminal_id: String,
    /// Where in the journey the citizen asked, e.g. the screen name. No personal data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AssistStatus {
    Open,
    Accepted,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssistRequest {
    pub id: String,
    pub hall_id: String,
    pub terminal_id: String,
    pub status: AssistStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_id: Option<String>,
}

/// `POST /v1/assist-requests/{id}/accept` and `/close`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssistAction {
    pub staff_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssistRequestList {
    pub requests: Vec<AssistRequest>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TerminalStatus {
    Ok,
    Degraded,
    Maintenance,
}

/// `POST /v1/terminals/{terminal_id}/heartbeat`. No personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heartbeat {
    pub hall_id: String,
    pub status: TerminalStatus,
    pub app_version: String,
    /// Submissions waiting in the kiosk's outbox.
    pub outbox_depth: u32,
    pub uptime_s: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeartbeatAck {
    pub server_time: String,
    pub config_version: u32,
}

/// `GET /v1/terminals/{terminal_id}/config`: what the portal sets for a terminal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminalConfig {
    pub terminal_id: String,
    pub hall_id: String,
    pub version: u32,
    /// Idle seconds before the "are you still there?" warning (elder mode).
    pub idle_seconds: u32,
    /// Seconds the warning counts down before the session ends.
    pub warning_seconds: u32,
    pub welcome_notice: Option<Text>,
}

/// `POST /v1/staff/sessions`: a helper (帮办) signs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSignIn {
    pub hall_id: String,
    pub staff_id: String,
    pub pin: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSession {
    pub token: String,
    pub staff_id: String,
    pub name: String,
    pub expires_at: String,
}

/// `GET /v1/halls/{hall_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hall {
    pub id: String,
    pub name: Text,
    pub address: Text,
    pub district_code: String,
}
