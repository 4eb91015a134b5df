//! The reference portal's demo data, embedded from `assets/portal-seed/`.
//!
//! Loaded into SQLite on first start. Everything here is fictional: the ID
//! numbers are valid by GB 11643 but belong to nobody.

use serde::{Deserialize, Serialize};

use crate::core::model::{Bundle, FormSchema, Hall, Matter, ReasonList, Regions, Sex, TerminalConfig, Text};

/// A hall staff member (帮办) who can sign in at a terminal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedStaff {
    pub staff_id: String,
    pub name: String,
    pub pin: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedHall {
    pub hall: Hall,
    pub staff: Vec<SeedStaff>,
    pub terminals: Vec<TerminalConfig>,
}

/// A matter with its current form schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedMatter {
    pub matter: Matter,
    pub form: FormSchema,
}

/// The yearly pension eligibility check (养老保险待遇资格认证) of a retiree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedPension {
    /// ISO date of the last successful check.
    pub last_check: String,
    /// ISO date the next check is due.
    pub next_due: String,
}

/// One monthly pension payment (养老金发放).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedPayment {
    /// "YYYY-MM".
    pub month: String,
    pub amount_cny: String,
    pub bank: Text,
    pub bank_last4: String,
}

/// One year of one insurance type in the personal rights record (个人权益记录).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedInsuranceYear {
    pub year: i32,
    /// A choice value of the record-print form's insurance type field.
    pub insurance_type: String,
    pub months_paid: u32,
    pub base_cny: String,
    pub employer: Text,
}

/// A case opened before, e.g. waiting for supplementary material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedCase {
    pub case_no: String,
    pub matter_id: String,
    /// A `CaseStatus` name.
    pub status: String,
    pub submitted_at: String,
    /// What is missing, in plain words (for NEEDS_SUPPLEMENT).
    pub note: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedCitizen {
    pub id_number: String,
    pub name: String,
    pub sex: Sex,
    pub phone: Option<String>,
    /// GB/T 2260 code of the household registration.
    pub hukou_region: String,
    pub pension: Option<SeedPension>,
    pub payments: Vec<SeedPayment>,
    pub insurance_years: Vec<SeedInsuranceYear>,
    pub cases: Vec<SeedCase>,
}

/// All demo data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seed {
    pub hall: SeedHall,
    pub matters: Vec<SeedMatter>,
    pub bundles: Vec<Bundle>,
    pub regions: Regions,
    pub reasons: ReasonList,
    pub citizens: Vec<SeedCitizen>,
}

/// Why the embedded demo data could not be loaded.
#[derive(Debug, Clone, thiserror::Error)]
pub enum SeedError {
    #[error("seed file {file} is invalid: {message}")]
    Invalid { file: &'static str, message: String },
}

/// A seed file: its path under `assets/portal-seed/` and its text.
type SeedFile = (&'static str, &'static str);

macro_rules! seed_file {
    ($path:literal) => {
        ($path, include_str!(concat!("../../assets/portal-seed/", $path)))
    };
}

const HALL_FILE: SeedFile = seed_file!("hall.json");
const BUNDLES_FILE: SeedFile = seed_file!("bundles.json");
const REGIONS_FILE: SeedFile = seed_file!("regions.json");
const REASONS_FILE: SeedFile = seed_file!("reasons.json");
const CITIZENS_FILE: SeedFile = seed_file!("citizens.json");
/// One file per matter, named after its id; this order is the catalogue's.
const MATTER_FILES: [SeedFile; 6] = [
    seed_file!("matters/pension-eligibility.json"),
    seed_file!("matters/insurance-record-print.json"),
    seed_file!("matters/pension-payments.json"),
    seed_file!("matters/medical-relocation.json"),
    seed_file!("matters/sscard-replacement.json"),
    seed_file!("matters/old-age-allowance.json"),
];

impl Seed {
    /// The demo data compiled into the binary (every file of `assets/portal-seed/`).
    pub fn embedded() -> Result<Seed, SeedError> {
        let matters = MATTER_FILES
            .iter()
            .map(|&file| parse::<SeedMatter>(file).and_then(|m| check_matter(file.0, m)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Seed {
            hall: parse(HALL_FILE)?,
            matters,
            bundles: parse(BUNDLES_FILE)?,
            regions: parse(REGIONS_FILE)?,
            reasons: parse(REASONS_FILE)?,
            citizens: parse(CITIZENS_FILE)?,
        })
    }
}

fn parse<T: serde::de::DeserializeOwned>((file, text): SeedFile) -> Result<T, SeedError> {
    serde_json::from_str(text).map_err(|e| SeedError::Invalid { file, message: e.to_string() })
}

/// A matter's file is named after it and carries the form version the matter announces.
fn check_matter(file: &'static str, m: SeedMatter) -> Result<SeedMatter, SeedError> {
    let invalid = |message: String| Err(SeedError::Invalid { file, message });
    if file != format!("matters/{}.json", m.matter.id) {
        return invalid(format!("holds matter {:?}, not the one it is named after", m.matter.id));
    }
    if m.form.matter_id != m.matter.id {
        return invalid(format!("form is for matter {:?}", m.form.matter_id));
    }
    if m.form.version != m.matter.form_schema_version {
        return invalid(format!(
            "form version {} differs from form_schema_version {}",
            m.form.version, m.matter.form_schema_version
        ));
    }
    Ok(m)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
#[path = "seed_tests.rs"]
mod tests;
