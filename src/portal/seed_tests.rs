//! Unit tests of `seed`: the demo data loads, is consistent, and is fully translated.

use std::collections::{BTreeMap, BTreeSet};

use time::macros::date;

use super::*;
use crate::core::model::{CaseStatus, DEMO_HALL, FieldKind, MatterKind, NO, YES};
use crate::core::validate::{self, IdNumber};

/// The day the demo ages are computed for.
const DEMO_TODAY: time::Date = date!(2026 - 11 - 28);

fn seed() -> Seed {
    Seed::embedded().unwrap_or_else(|e| panic!("{e}"))
}

fn all_files() -> Vec<SeedFile> {
    let mut files = vec![HALL_FILE, BUNDLES_FILE, REGIONS_FILE, REASONS_FILE, CITIZENS_FILE];
    files.extend(MATTER_FILES);
    files
}

fn is_snake(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn is_kebab(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[test]
fn every_file_parses() {
    let seed = seed();
    assert_eq!(seed.hall.hall.id, DEMO_HALL);
    assert_eq!(seed.hall.hall.district_code, "110105");
    let ids: Vec<_> = seed.matters.iter().map(|m| m.matter.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "pension-eligibility",
            "insurance-record-print",
            "pension-payments",
            "medical-relocation",
            "sscard-replacement",
            "old-age-allowance"
        ]
    );
    for (file, text) in all_files() {
        assert!(text.ends_with("}\n") || text.ends_with("]\n"), "{file}: not pretty-printed");
        assert!(text.contains("\n  "), "{file}: not pretty-printed");
    }
}

#[test]
fn a_bad_file_is_named() {
    let err = parse::<SeedHall>(("hall.json", "{\"hall\": 1}")).unwrap_err();
    assert!(err.to_string().starts_with("seed file hall.json is invalid: "), "{err}");
    let mut m = seed().matters.remove(0);
    m.form.version += 1;
    let err = check_matter("matters/pension-eligibility.json", m).unwrap_err();
    assert!(err.to_string().contains("form version"), "{err}");
}

/// Walks raw JSON: every object with a language key is a `Text` with exactly zh-CN and
/// en-US (and, where it has one, how each is said: zh-CN-spoken and en-US-spoken together).
fn check_texts(file: &str, path: &str, v: &serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            assert!(!map.is_empty(), "{file}{path}: empty object");
            let is_text = map.keys().any(|k| k.len() == 5 && k.as_bytes().get(2) == Some(&b'-'));
            if is_text {
                let keys: Vec<_> = map.keys().map(String::as_str).collect();
                let written = ["en-US", "zh-CN"];
                let with_spoken = ["en-US", "en-US-spoken", "zh-CN", "zh-CN-spoken"];
                assert!(keys == written || keys == with_spoken, "{file}{path}: {keys:?}");
                for s in map.values() {
                    assert!(s.as_str().is_some_and(|s| !s.trim().is_empty()), "{file}{path}: {s}");
                }
            } else {
                for (k, v) in map {
                    check_texts(file, &format!("{path}.{k}"), v);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_texts(file, &format!("{path}[{i}]"), v);
            }
        }
        _ => {}
    }
}

#[test]
fn every_text_has_chinese_and_english() {
    for (file, text) in all_files() {
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        check_texts(file, "", &value);
    }
}

#[test]
fn hall_staff_and_terminals() {
    let hall = seed().hall;
    let ids: Vec<_> = hall.staff.iter().map(|s| s.staff_id.as_str()).collect();
    assert_eq!(ids, ["S001", "S002", "S003"]);
    for s in &hall.staff {
        assert!(s.pin.len() == 4 && s.pin.bytes().all(|b| b.is_ascii_digit()), "{}", s.staff_id);
    }
    let terminals: Vec<_> = hall.terminals.iter().map(|t| t.terminal_id.as_str()).collect();
    assert_eq!(terminals, ["kiosk-01", "kiosk-02"]);
    for t in &hall.terminals {
        assert_eq!(t.hall_id, hall.hall.id);
        assert_eq!((t.idle_seconds, t.warning_seconds), (120, 45));
    }
}

#[test]
fn every_citizen_has_a_valid_id_number_and_the_age_in_the_readme() {
    let readme = include_str!("../../assets/portal-seed/README.md");
    let expected_ages = BTreeMap::from([
        ("张秀兰", 82),
        ("刘长福", 91),
        ("孙建民", 67),
        ("陈桂英", 75),
        ("阿依古丽·买买提", 80),
        ("黄𠮷平", 70),
    ]);
    let citizens = seed().citizens;
    assert_eq!(citizens.len(), expected_ages.len());
    for c in &citizens {
        let id = IdNumber::parse(&c.id_number, DEMO_TODAY).unwrap_or_else(|p| panic!("{}: {p}", c.name));
        assert_eq!(id.as_str(), c.id_number, "{}: not normalised", c.name);
        assert_eq!(id.is_male(), c.sex == Sex::Male, "{}: sex digit", c.name);
        assert_eq!(Some(&id.age_on(DEMO_TODAY)), expected_ages.get(c.name.as_str()), "{}", c.name);
        assert!(readme.contains(&c.id_number) && readme.contains(&c.name), "{} not in README", c.name);
        assert!(validate::region(&c.hukou_region).is_ok(), "{}", c.name);
        if let Some(phone) = &c.phone {
            assert_eq!(validate::phone(phone).as_ref(), Ok(phone), "{}", c.name);
        }
    }
    assert!(citizens.iter().any(|c| c.name.contains('·')));
    assert!(citizens.iter().any(|c| c.name.chars().any(|ch| u32::from(ch) > 0xFFFF)));
}

#[test]
fn citizen_records_are_consistent() {
    let seed = seed();
    let record = seed.matters.iter().find(|m| m.matter.id == "insurance-record-print").unwrap();
    let insurance_types: BTreeSet<_> =
        record.form.field("insurance_type").unwrap().choices.iter().map(|c| c.value.as_str()).collect();
    for c in &seed.citizens {
        if let Some(p) = &c.pension {
            let last = validate::date(&p.last_check).unwrap();
            let next = validate::date(&p.next_due).unwrap();
            assert!(last < next && last <= DEMO_TODAY, "{}", c.name);
        }
        for pay in &c.payments {
            let amount: f64 = pay.amount_cny.parse().unwrap();
            assert!((3000.0..=5000.0).contains(&amount), "{}: {}", c.name, pay.amount_cny);
            assert!(pay.amount_cny.split_once('.').is_some_and(|(_, f)| f.len() == 2));
            assert!(validate::date(&format!("{}-01", pay.month)).unwrap() <= DEMO_TODAY);
            assert!(pay.bank_last4.len() == 4 && pay.bank_last4.bytes().all(|b| b.is_ascii_digit()));
        }
        for y in &c.insurance_years {
            assert!(insurance_types.contains(y.insurance_type.as_str()) && y.insurance_type != "ALL");
            assert!((1980..=2026).contains(&y.year) && (1..=12).contains(&y.months_paid));
            assert!(y.base_cny.parse::<f64>().is_ok_and(|b| b > 0.0));
        }
        for case in &c.cases {
            let status: CaseStatus =
                serde_json::from_value(serde_json::Value::String(case.status.clone())).unwrap();
            assert!(seed.matters.iter().any(|m| m.matter.id == case.matter_id), "{}", case.case_no);
            let submitted = case.submitted_at.get(..10).unwrap();
            assert!(validate::date(submitted).unwrap() <= DEMO_TODAY, "{}", case.case_no);
            assert_eq!(case.note.is_some(), status == CaseStatus::NeedsSupplement, "{}", case.case_no);
        }
    }
    let zhang = seed.citizens.iter().find(|c| c.name == "张秀兰").unwrap();
    assert_eq!(zhang.pension.as_ref().map(|p| p.next_due.as_str()), Some("2026-12-15"));
    assert_eq!(zhang.payments.len(), 12);
}

#[test]
fn matters_carry_their_elder_names_pictograms_and_materials() {
    let material_pictograms =
        ["id-card", "household-register", "residence-proof", "photo", "power-of-attorney", "bank-card"];
    let seed = seed();
    let matter_pictograms: BTreeSet<_> = seed.matters.iter().map(|m| m.matter.pictogram.as_str()).collect();
    assert_eq!(matter_pictograms.len(), 6);
    for SeedMatter { matter, form } in &seed.matters {
        assert_eq!(form.matter_id, matter.id);
        assert_eq!(form.version, matter.form_schema_version);
        assert!(is_kebab(&matter.id) && is_kebab(&matter.pictogram), "{}", matter.id);
        let elder = matter.elder_name.get("zh-CN");
        assert!((1..=6).contains(&elder.chars().count()), "{}: {elder}", matter.id);
        assert!(matter.codes.catalog.len() <= 64 && matter.codes.implementation.len() <= 64);
        if matter.kind == MatterKind::Query {
            assert!(matter.fees.is_empty(), "{}: a query costs nothing", matter.id);
        }
        let codes: BTreeSet<_> = matter.materials.iter().map(|m| m.code.as_str()).collect();
        assert_eq!(codes.len(), matter.materials.len(), "{}: duplicate material", matter.id);
        for m in &matter.materials {
            let known = material_pictograms.contains(&m.pictogram.as_str())
                || matter_pictograms.contains(m.pictogram.as_str());
            assert!(known, "{}: {}", matter.id, m.pictogram);
            let conditional = m.required == crate::core::model::Requirement::Conditional;
            assert_eq!(conditional, m.condition.is_some(), "{}: {}", matter.id, m.code);
            assert_eq!(m.deficiency_tolerated, m.supplement_days.is_some(), "{}: {}", matter.id, m.code);
        }
        assert_eq!(matter.proxy.allowed, !matter.proxy.requires.is_empty(), "{}", matter.id);
        for fee in &matter.fees {
            assert!(fee.amount_cny.parse::<f64>().is_ok_and(|a| a > 0.0));
            assert_eq!(fee.waivable, fee.waiver.is_some());
        }
    }
}

#[test]
fn forms_are_well_formed() {
    for SeedMatter { matter, form } in &seed().matters {
        let mut seen: BTreeMap<&str, &crate::core::model::Field> = BTreeMap::new();
        let mut step_ids = BTreeSet::new();
        assert!(!form.steps.is_empty(), "{}", matter.id);
        for step in &form.steps {
            let at = format!("{}/{}", matter.id, step.id);
            assert!(is_snake(&step.id) && step_ids.insert(step.id.as_str()), "{at}: step id");
            assert_eq!(step.fields.len(), 1, "{at}: one question per step");
            let title = step.title.get("zh-CN");
            assert!(title.ends_with('？'), "{at}: the title is a question: {title}");
            if let Some(cond) = &step.show_if {
                let earlier = seen.get(cond.field.as_str());
                let earlier = earlier.unwrap_or_else(|| panic!("{at}: show_if on a later field"));
                assert!(!cond.one_of.is_empty(), "{at}");
                for v in &cond.one_of {
                    let offered = match earlier.kind {
                        FieldKind::Choice => earlier.choices.iter().any(|c| &c.value == v),
                        FieldKind::YesNo => v == YES || v == NO,
                        _ => false,
                    };
                    assert!(offered, "{at}: show_if value {v} is not an answer of {}", cond.field);
                }
            }
            for f in &step.fields {
                let at = format!("{at}.{}", f.id);
                assert!(is_snake(&f.id), "{at}: field id");
                assert!(seen.insert(f.id.as_str(), f).is_none(), "{at}: duplicate field");
                if f.kind == FieldKind::Choice {
                    let values: BTreeSet<_> = f.choices.iter().map(|c| c.value.as_str()).collect();
                    assert!(values.len() >= 2 && values.len() == f.choices.len(), "{at}: choices");
                } else {
                    assert!(f.choices.is_empty(), "{at}: choices on a non-choice field");
                }
                assert_eq!(f.kind == FieldKind::Commitment, f.statement.is_some(), "{at}: statement");
                if matches!(f.kind, FieldKind::Phone | FieldKind::BankAccount | FieldKind::IdNumber) {
                    assert!(f.sensitive, "{at}: personal data must be sensitive");
                }
                if let (Some(min), Some(max)) = (f.validation.min, f.validation.max) {
                    assert!(min <= max, "{at}");
                }
                assert!(f.read_back, "{at}");
            }
        }
    }
}

#[test]
fn face_check_always_has_a_staff_alternative() {
    let seed = seed();
    let pension = seed.matters.iter().find(|m| m.matter.id == "pension-eligibility").unwrap();
    let method = pension.form.field("check_method").unwrap();
    let values: Vec<_> = method.choices.iter().map(|c| c.value.as_str()).collect();
    assert!(values.contains(&"FACE") && values.contains(&"STAFF"));
}

#[test]
fn bundles_reference_real_matters_and_shared_fields() {
    let seed = seed();
    assert_eq!(seed.bundles.len(), 1);
    for b in &seed.bundles {
        assert!(b.members.len() >= 2, "{}", b.id);
        for member in &b.members {
            let m = seed.matters.iter().find(|m| &m.matter.id == member);
            let m = m.unwrap_or_else(|| panic!("{}: no matter {member}", b.id));
            assert_eq!(m.matter.kind, MatterKind::Application, "{}: {member}", b.id);
            for key in &b.shared_keys {
                let shared = m.form.fields().any(|(_, f)| f.shared_key.as_ref() == Some(key));
                assert!(shared, "{}: {member} has no field with shared_key {key}", b.id);
            }
        }
    }
}

#[test]
fn regions_are_gb_t_2260_codes() {
    let regions = seed().regions;
    assert_eq!(regions.provinces.len(), 34);
    let mut codes = BTreeSet::new();
    for p in &regions.provinces {
        assert!(p.code.len() == 6 && p.code.ends_with("0000"), "{}", p.code);
        assert!(validate::region(&p.code).is_ok(), "{}", p.code);
        assert!(codes.insert(p.code.as_str()), "{}: duplicate", p.code);
        assert!(!p.cities.is_empty() && p.cities.len() <= 6, "{}", p.code);
        for c in &p.cities {
            assert!(c.code.len() == 6 && c.code.bytes().all(|b| b.is_ascii_digit()), "{}", c.code);
            assert_eq!(c.code.get(..2), p.code.get(..2), "{} in {}", c.code, p.code);
            assert!(c.code == p.code || codes.insert(c.code.as_str()), "{}: duplicate", c.code);
            assert_eq!(regions.city(&c.code).map(|(q, _)| q.code.as_str()), Some(p.code.as_str()));
        }
    }
    for code in ["110100", "440300", "460200", "650100"] {
        assert!(regions.city(code).is_some(), "{code}");
    }
}

#[test]
fn reasons_are_unique_codes() {
    let reasons = seed().reasons;
    assert_eq!(reasons.version, 1);
    assert!((6..=8).contains(&reasons.reasons.len()));
    let codes: BTreeSet<_> = reasons.reasons.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes.len(), reasons.reasons.len());
    assert!(codes.contains("OTHER"));
    for code in codes {
        assert!(code.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'), "{code}");
    }
}
