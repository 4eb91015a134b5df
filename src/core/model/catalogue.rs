use serde::{Deserialize, Serialize};

use super::Text;

/// What running a matter produces at the kiosk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MatterKind {
    /// Look something up and print it (`POST /v1/queries/{id}`).
    Query,
    /// A check with an immediate outcome, recorded as a case (`POST /v1/applications`).
    Verification,
    /// Creates a case (办件) that the back office handles (`POST /v1/applications`).
    Application,
}

/// A matter as listed in a hall's catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatterSummary {
    pub id: String,
    pub kind: MatterKind,
    pub name: Text,
    /// The short name shown on elder-mode tiles.
    pub elder_name: Text,
    /// Key of the pictogram in the kiosk's assets.
    pub pictogram: String,
    pub version: u32,
}

/// A bundle (一件事一次办): several matters whose shared fields are asked once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bundle {
    pub id: String,
    pub name: Text,
    pub elder_name: Text,
    pub pictogram: String,
    /// Matter ids, in the order they are handled.
    pub members: Vec<String>,
    /// `shared_key`s of fields asked once for all members.
    pub shared_keys: Vec<String>,
    pub intro_spoken: Text,
}

/// `GET /v1/halls/{hall_id}/matters`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    pub hall_id: String,
    pub hall_name: Text,
    pub channel: Channel,
    pub matters: Vec<MatterSummary>,
    pub bundles: Vec<Bundle>,
}

/// The channel a catalogue is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Channel {
    #[default]
    Kiosk,
    KioskElder,
    Window,
    Online,
}

/// GB/T 39046 codes; opaque strings of at most 64 characters, never parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatterCodes {
    pub catalog: String,
    pub implementation: String,
    #[serde(default)]
    pub situation: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CaseType {
    /// 即办件: decided at once.
    Immediate,
    /// 承诺件: decided within the promised time limit.
    Promised,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimeUnit {
    WorkingDay,
    Day,
    Minute,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeLimit {
    pub value: u32,
    pub unit: TimeUnit,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fee {
    pub name: Text,
    /// Decimal yuan as text, e.g. "20.00".
    pub amount_cny: String,
    pub waivable: bool,
    /// Who does not pay, in plain words.
    #[serde(default)]
    pub waiver: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProxyRule {
    pub allowed: bool,
    /// What a proxy (代办) must bring, in plain words.
    pub requires: Vec<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Requirement {
    Required,
    Optional,
    Conditional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MaterialForm {
    Original,
    Copy,
    Electronic,
    OriginalAndCopy,
}

/// A material (申请材料) of a matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    pub code: String,
    pub name: Text,
    pub required: Requirement,
    /// For `CONDITIONAL`: when it is needed, e.g. 「由他人代办时」.
    #[serde(default)]
    pub condition: Option<Text>,
    pub form: MaterialForm,
    /// 数据共享免提交: the portal fetches it; the kiosk does not ask.
    pub obtainable_by_sharing: bool,
    /// 容缺受理: may be supplied later within `supplement_days`.
    pub deficiency_tolerated: bool,
    #[serde(default)]
    pub supplement_days: Option<u32>,
    /// 告知承诺: a signed commitment may replace it.
    pub commitment_substitutable: bool,
    pub pictogram: String,
}

/// Where and how to reach the implementing body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub address: Text,
    pub hours: Text,
    pub phone: String,
}

/// `GET /v1/matters/{matter_id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matter {
    pub id: String,
    pub codes: MatterCodes,
    pub version: u32,
    pub kind: MatterKind,
    pub name: Text,
    pub elder_name: Text,
    pub pictogram: String,
    /// Plain words: what this does, what you need, how long it takes.
    pub intro_spoken: Text,
    pub implementing_body: Text,
    pub case_type: CaseType,
    pub time_limit: TimeLimit,
    /// Minutes it usually takes at the kiosk.
    pub kiosk_minutes: u32,
    pub fees: Vec<Fee>,
    pub proxy: ProxyRule,
    pub materials: Vec<Material>,
    pub contact: Contact,
    /// What happens after the kiosk is done, in plain words.
    pub next_steps: Text,
    /// The current form schema version (`GET /v1/matters/{id}/form-schema`).
    pub form_schema_version: u32,
}
