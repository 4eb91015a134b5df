//! Ids of the seeded matters and form fields whose meaning the portal's own rules
//! depend on (queries, eligibility, deferred materials). Everything else is data.

/// 高龄津贴申领: needs age ≥ 80 and a local 户籍.
pub const OLD_AGE_ALLOWANCE: &str = "old-age-allowance";
/// 参保缴费证明打印 (query).
pub const RECORD_PRINT: &str = "insurance-record-print";
/// 养老金发放查询 (query).
pub const PENSION_PAYMENTS: &str = "pension-payments";

/// Record print: the insurance type choice (`ALL` = every type) and the year range.
pub const FIELD_INSURANCE_TYPE: &str = "insurance_type";
pub const INSURANCE_TYPE_ALL: &str = "ALL";
pub const FIELD_START_YEAR: &str = "start_year";
pub const FIELD_END_YEAR: &str = "end_year";
/// Pension payments: how many months back.
pub const FIELD_MONTHS: &str = "months";

/// Verification: the citizen confirms the identity shown (`YES`).
pub const FIELD_CONFIRM_IDENTITY: &str = "confirm_identity";
/// Old-age allowance: the citizen confirms the household registration (`YES`).
pub const FIELD_HUKOU_CONFIRM: &str = "hukou_confirm";
/// A choice value meaning "I will bring this material later" (容缺受理).
pub const CHOICE_LATER: &str = "LATER";
