use super::*;
use crate::core::model::{Bundle, FormSchema};

/// The demo matters and bundles, read from the portal's demo data files as
/// plain contract types (the core knows nothing of the portal).
struct Seed {
    matters: Vec<MatterForm>,
    bundles: Vec<Bundle>,
}

#[derive(serde::Deserialize)]
struct SeedMatter {
    matter: Matter,
    form: FormSchema,
}

impl Seed {
    fn embedded() -> Result<Seed, serde_json::Error> {
        let files = [
            include_str!("../../assets/portal-seed/matters/insurance-record-print.json"),
            include_str!("../../assets/portal-seed/matters/medical-relocation.json"),
            include_str!("../../assets/portal-seed/matters/old-age-allowance.json"),
            include_str!("../../assets/portal-seed/matters/pension-eligibility.json"),
            include_str!("../../assets/portal-seed/matters/pension-payments.json"),
            include_str!("../../assets/portal-seed/matters/sscard-replacement.json"),
        ];
        let matters = files
            .iter()
            .map(|f| {
                serde_json::from_str::<SeedMatter>(f).map(|m| MatterForm { matter: m.matter, form: m.form })
            })
            .collect::<Result<_, _>>()?;
        let bundles = serde_json::from_str(include_str!("../../assets/portal-seed/bundles.json"))?;
        Ok(Seed { matters, bundles })
    }
}

fn today() -> Date {
    Date::from_calendar_date(2026, time::Month::November, 28).expect("valid date")
}

fn member(seed: &Seed, id: &str) -> MatterForm {
    seed.matters.iter().find(|m| m.matter.id == id).expect("seeded matter").clone()
}

fn field_ids(j: &Journey, at: StepRef) -> Vec<String> {
    j.step(at).map(|s| s.fields.iter().map(|f| f.id.clone()).collect()).unwrap_or_default()
}

/// Answers every step with the first valid value for its kind until review.
fn answer_current(j: &mut Journey, values: &[(&str, &str)]) {
    let Place::Step(at) = j.place() else { return };
    for id in field_ids(j, at) {
        let v = values
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, v)| *v)
            .unwrap_or_else(|| panic!("no value for {id}"));
        j.answer(at, &id, v, today()).unwrap_or_else(|p| panic!("{id}={v}: {p:?}"));
    }
}

#[test]
fn bundle_asks_a_shared_field_once_and_fills_it_for_every_member() {
    let seed = Seed::embedded().expect("seed");
    let bundle = seed.bundles.iter().find(|b| b.id == "elder-card-allowance").expect("bundle").clone();
    let members = bundle.members.iter().map(|id| member(&seed, id)).collect();
    let mut j = Journey::bundle(bundle, members);
    let phone_steps =
        j.steps().into_iter().filter(|s| field_ids(&j, *s).contains(&"phone".to_string())).count();
    assert_eq!(phone_steps, 1, "the shared phone is asked once");
    let values = [
        ("report_type", "FORMAL_LOSS"),
        ("reason", "LOST"),
        ("photo_source", "EXISTING"),
        ("delivery", "PICKUP"),
        ("phone", "13800138000"),
        ("hukou_confirm", "YES"),
        ("payout", "SSCARD"),
    ];
    for _ in 0..20 {
        if j.place() == Place::Review {
            break;
        }
        answer_current(&mut j, &values);
        j.next(today()).expect("step complete");
    }
    assert_eq!(j.place(), Place::Review);
    for m in 0..2 {
        assert_eq!(j.answers(m).and_then(|a| a.get("phone")).map(String::as_str), Some("13800138000"));
    }
    let subs = j.submissions(today()).expect("complete");
    assert_eq!(subs.len(), 2);
    let phones = j.review().iter().filter(|i| i.field.id == "phone").count();
    assert_eq!(phones, 1, "review reads the shared answer once");
}

#[test]
fn hidden_step_appears_when_its_condition_holds() {
    let seed = Seed::embedded().expect("seed");
    let mut j = Journey::single(member(&seed, "medical-relocation"));
    let has_commitment =
        |j: &Journey| j.steps().iter().any(|s| field_ids(j, *s).contains(&"commitment".to_string()));
    assert!(!has_commitment(&j));
    let at = j
        .steps()
        .into_iter()
        .find(|s| field_ids(&j, *s).contains(&"proof_choice".to_string()))
        .expect("step");
    j.answer(at, "proof_choice", "COMMITMENT", today()).expect("valid");
    assert!(has_commitment(&j));
    j.answer(at, "proof_choice", "PROOF", today()).expect("valid");
    assert!(!has_commitment(&j));
}

#[test]
fn next_refuses_an_unanswered_required_field_and_back_leaves_from_the_first_step() {
    let seed = Seed::embedded().expect("seed");
    let mut j = Journey::single(member(&seed, "pension-payments"));
    let err = j.next(today()).expect_err("unanswered");
    assert_eq!(err.problem, Problem::Missing);
    assert_eq!(j.back(), Back::Leave);
    assert_eq!(j.progress(), (1, j.steps().len() + 1));
}

#[test]
fn change_from_review_returns_to_review() {
    let seed = Seed::embedded().expect("seed");
    let mut j = Journey::single(member(&seed, "insurance-record-print"));
    let values = [("insurance_type", "PENSION"), ("start_year", "1990"), ("end_year", "2000")];
    while j.place() != Place::Review {
        answer_current(&mut j, &values);
        j.next(today()).expect("step complete");
    }
    let first = j.steps()[0];
    j.edit(first);
    assert_eq!(j.place(), Place::Step(first));
    j.answer(first, "insurance_type", "MEDICAL", today()).expect("valid");
    assert_eq!(j.next(today()), Ok(Next::Review));
    let item = j.review().into_iter().find(|i| i.field.id == "insurance_type").map(|i| i.value.to_owned());
    assert_eq!(item.as_deref(), Some("MEDICAL"));
}

#[test]
fn invalid_answer_is_refused_and_nothing_stored() {
    let seed = Seed::embedded().expect("seed");
    let mut j = Journey::single(member(&seed, "medical-relocation"));
    let at =
        j.steps().into_iter().find(|s| field_ids(&j, *s).contains(&"phone".to_string())).expect("phone step");
    assert_eq!(j.answer(at, "phone", "12345", today()), Err(Problem::BadPhone));
    assert_eq!(j.value(at, "phone"), None);
}
