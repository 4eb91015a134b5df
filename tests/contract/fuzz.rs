//! Property tests: every portal decoder, and the config parser, fed what a broken
//! or hostile peer could send. None may panic (proptest catches a panic and shrinks
//! it to a minimal input); each must answer with the specific error the input is.
//!
//! Short run (the suite: 256 cases a property, a few seconds): `cargo test --test
//! contract fuzz`. Long run (docs/robustness.md):
//! `PROPTEST_CASES=100000 cargo test --release --test contract fuzz`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, OnceLock};

use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::{Map, Value};
use yiban::client::{Answer, ClientError, Fault};
use yiban::core::model::*;

use super::support::golden;

#[path = "fuzz_config.rs"]
mod config;

/// `short` cases in the suite; `PROPTEST_CASES` when set (the long run).
fn cases(short: u32) -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = short;
    }
    // A failure prints its shrunk input; nothing is written into the source tree.
    c.failure_persistence = None;
    c
}

/// One decoder of the client: a response type (on a 2xx) or the error body (on a 422).
struct Decoder {
    name: &'static str,
    golden: &'static str,
    /// Decodes `body` as the portal's answer; `Ok` when it was read as what it should be.
    decode: fn(&[u8], Option<&str>) -> Result<(), ClientError>,
    /// Whether this JSON has the decoder's shape (serde's own judgement, the oracle).
    fits: fn(&Value) -> bool,
}

const JSON: Option<&str> = Some("application/json");

fn answer<'a>(status: u16, content_type: Option<&'a str>, body: &'a [u8]) -> Answer<'a> {
    Answer { method: "GET", path_template: "/v1/fuzz", status, content_type, body }
}

fn as_type<T: DeserializeOwned>(body: &[u8], content_type: Option<&str>) -> Result<(), ClientError> {
    answer(200, content_type, body).decode::<T>().map(drop)
}

fn as_refusal(body: &[u8], content_type: Option<&str>) -> Result<(), ClientError> {
    match answer(422, content_type, body).decode::<IgnoredAny>() {
        Err(ClientError::Rejected { status: 422, .. }) => Ok(()),
        Err(e) => Err(e),
        Ok(_) => panic!("a 422 was read as a success"),
    }
}

fn fits<T: DeserializeOwned>(v: &Value) -> bool {
    serde_json::from_value::<T>(v.clone()).is_ok()
}

macro_rules! decoders {
    ($($ty:ty => $file:literal),* $(,)?) => {
        vec![
            $(Decoder { name: stringify!($ty), golden: $file, decode: as_type::<$ty>, fits: fits::<$ty> },)*
            Decoder { name: "ErrorBody", golden: "error-body.json", decode: as_refusal, fits: fits::<ErrorBody> },
        ]
    };
}

/// Every type the client decodes, with its golden sample.
fn decoders() -> Vec<Decoder> {
    decoders![
        Health => "health.json",
        Hall => "hall.json",
        Catalogue => "catalogue.json",
        Matter => "matter.json",
        FormSchema => "form-schema.json",
        Regions => "regions.json",
        ReasonList => "evaluation-reasons.json",
        IdentitySession => "identity-session.json",
        QueryResult => "query-result.json",
        Application => "application.json",
        Receipt => "receipt.json",
        Evaluation => "evaluation.json",
        AssistRequest => "assist-request.json",
        AssistRequestList => "assist-request-list.json",
        StaffSession => "staff-session.json",
        HeartbeatAck => "heartbeat-ack.json",
        TerminalConfig => "terminal-config.json",
    ]
}

/// A golden sample, read once.
fn golden_value(file: &str) -> Value {
    static READ: OnceLock<Mutex<BTreeMap<String, Value>>> = OnceLock::new();
    let mut read = READ.get_or_init(Mutex::default).lock().expect("golden cache");
    read.entry(file.to_owned())
        .or_insert_with(|| {
            let text = std::fs::read_to_string(golden::dir().join(file)).expect("golden file");
            serde_json::from_str(&text).expect("golden JSON")
        })
        .clone()
}

fn fault(r: &Result<(), ClientError>) -> Option<&Fault> {
    r.as_ref().err().and_then(ClientError::fault)
}

/// Checks one decoder on valid JSON: read iff it fits, and otherwise the wrong shape.
fn check_json(d: &Decoder, v: &Value) -> Result<(), TestCaseError> {
    let bytes = serde_json::to_vec(v).expect("serialises");
    let r = (d.decode)(&bytes, JSON);
    if (d.fits)(v) {
        prop_assert!(r.is_ok(), "{}: fitting JSON refused: {:?}", d.name, r);
    } else {
        prop_assert!(matches!(fault(&r), Some(Fault::WrongShape { .. })), "{}: {:?}", d.name, r);
    }
    Ok(())
}

/// JSON values of every kind, nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        "[a-zA-Z0-9_ 年月日-]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// The nodes of a JSON tree in pre-order, as paths of keys and indices.
fn paths(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                here.push(Step::Key(k.clone()));
                paths(child, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                here.push(Step::Index(i));
                paths(child, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn node<'a>(v: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

/// A value of another JSON kind than `v`'s.
fn other_kind(v: &Value, pick: u8) -> Value {
    let options = [
        Value::Null,
        Value::Bool(pick.is_multiple_of(2)),
        Value::from(i64::from(pick) - 128),
        Value::String("110105194403160289".into()),
        Value::Array(vec![Value::from(1)]),
        Value::Object(Map::new()),
    ];
    let kind = |x: &Value| std::mem::discriminant(x);
    let others: Vec<_> = options.into_iter().filter(|o| kind(o) != kind(v)).collect();
    others[usize::from(pick) % others.len()].clone()
}

proptest! {
    #![proptest_config(cases(256))]

    /// Arbitrary bytes: never a panic, never a success unless they are JSON of the
    /// shape; bytes that are not JSON are told as such.
    #[test]
    fn decoders_survive_arbitrary_bytes(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..512),
            r#"[\[\]{}",:0-9a-z .\\eE+-]{0,80}"#.prop_map(String::into_bytes),
        ],
    ) {
        // JSON's grammar (a number out of f64's range, like 1E310, is JSON all the same),
        // then its value.
        let syntax = serde_json::from_slice::<IgnoredAny>(&bytes);
        let parsed = serde_json::from_slice::<Value>(&bytes);
        for d in decoders() {
            let r = (d.decode)(&bytes, JSON);
            match (&syntax, &parsed) {
                _ if bytes.is_empty() => prop_assert_eq!(fault(&r), Some(&Fault::Empty), "{}", d.name),
                (Err(_), _) => prop_assert!(
                    matches!(fault(&r), Some(Fault::NotJson { .. } | Fault::Truncated)),
                    "{}: {:?}", d.name, r
                ),
                (Ok(_), Ok(v)) => check_json(&d, v)?,
                // JSON no type of the contract can hold.
                (Ok(_), Err(_)) => prop_assert!(
                    matches!(fault(&r), Some(Fault::WrongShape { .. })),
                    "{}: {:?}", d.name, r
                ),
            }
        }
    }

    /// Any JSON: read iff serde reads it as the type, else the wrong shape.
    #[test]
    fn decoders_judge_any_json_by_its_shape(v in any_json()) {
        for d in decoders() {
            check_json(&d, &v)?;
        }
    }

    /// A golden sample cut anywhere before its end is always `Truncated`.
    #[test]
    fn a_cut_sample_is_truncated(at in 0.0f64..1.0) {
        for d in decoders() {
            let text = serde_json::to_string(&golden_value(d.golden)).expect("json");
            // Byte cuts: a character split in two is cut short too.
            let end = (((text.len() as f64) * at) as usize).max(1);
            let r = (d.decode)(&text.as_bytes()[..end], JSON);
            prop_assert_eq!(fault(&r), Some(&Fault::Truncated), "{} cut at {}", d.name, end);
        }
    }

    /// A golden sample with one node replaced, by a value of another kind or by any JSON,
    /// or with one member removed: never a panic, read iff it still fits.
    #[test]
    fn a_mutated_sample_is_read_or_the_wrong_shape(
        which in any::<prop::sample::Index>(),
        pick in any::<u8>(),
        how in 0u8..3,
        replacement in any_json(),
    ) {
        for d in decoders() {
            let mut v = golden_value(d.golden);
            let mut all = Vec::new();
            paths(&v, &mut Vec::new(), &mut all);
            let path = which.get(&all).clone();
            match (how, path.split_last()) {
                (0, Some((Step::Key(k), parent))) => {
                    if let Value::Object(m) = node(&mut v, parent) { m.remove(k); }
                }
                (1, _) => { let n = node(&mut v, &path); *n = other_kind(n, pick); }
                _ => *node(&mut v, &path) = replacement.clone(),
            }
            check_json(&d, &v)?;
            // Whatever was put in, the error never quotes it.
            if let Err(e) = (d.decode)(&serde_json::to_vec(&v).expect("json"), JSON) {
                let text = format!("{e} {e:?}");
                prop_assert!(!text.contains("110105194403160289"), "{}: {}", d.name, text);
            }
        }
    }

    /// A member the type requires, removed: the wrong shape, naming that member.
    #[test]
    fn a_missing_member_is_named(which in any::<prop::sample::Index>()) {
        for d in decoders() {
            let full = golden_value(d.golden);
            let Value::Object(members) = &full else { panic!("{}: golden is an object", d.name) };
            let without = |key: &str| {
                let mut less = members.clone();
                less.remove(key);
                Value::Object(less)
            };
            let required: Vec<&String> = members.keys().filter(|k| !(d.fits)(&without(k))).collect();
            prop_assert!(!required.is_empty(), "{} requires nothing", d.name);
            let key = which.get(&required);
            let less = without(key);
            let r = (d.decode)(&serde_json::to_vec(&less).expect("json"), JSON);
            let Some(Fault::WrongShape { missing, .. }) = fault(&r) else {
                return Err(TestCaseError::fail(format!("{}: {r:?}", d.name)));
            };
            prop_assert_eq!(missing.as_deref(), Some(key.as_str()), "{}", d.name);
        }
    }

    /// Not labelled JSON: refused before the body is looked at, whatever it holds.
    #[test]
    fn only_json_is_read(content_type in "[a-z]{1,8}/[a-z+.-]{1,12}", empty_type in any::<bool>()) {
        prop_assume!(!content_type.starts_with("application/"));
        let shown = if empty_type { None } else { Some(content_type.as_str()) };
        for d in decoders() {
            let body = serde_json::to_vec(&golden_value(d.golden)).expect("json");
            prop_assert!((d.decode)(&body, JSON).is_ok(), "{}: its golden sample reads", d.name);
            let r = (d.decode)(&body, shown);
            prop_assert!(matches!(fault(&r), Some(Fault::NotJsonContentType(_))), "{}: {:?}", d.name, r);
        }
    }

    /// The logout reads no data: nothing, or any JSON, is as good; anything else labelled
    /// JSON is not JSON; a page is the wrong content type.
    #[test]
    fn the_logout_reads_any_json_or_nothing(
        bytes in prop::collection::vec(any::<u8>(), 0..256),
        v in any_json(),
        status in prop::sample::select(vec![200u16, 204]),
    ) {
        let logout = |body: &[u8], content_type| answer(status, content_type, body).decode::<IgnoredAny>();
        let json = serde_json::to_vec(&v).expect("json");
        prop_assert!(logout(&json, JSON).is_ok());
        prop_assert!(logout(b"", None).is_ok());
        let r = logout(&bytes, JSON).map(drop);
        match serde_json::from_slice::<IgnoredAny>(&bytes) {
            _ if bytes.is_empty() => prop_assert!(r.is_ok()),
            Ok(_) => prop_assert!(r.is_ok(), "{:?}", r),
            Err(_) => prop_assert!(matches!(fault(&r), Some(Fault::NotJson { .. } | Fault::Truncated)), "{:?}", r),
        }
        let page = logout(b"<html></html>", Some("text/html")).map(drop);
        prop_assert!(matches!(fault(&page), Some(Fault::NotJsonContentType(_))));
    }

    /// Any status with any body: 401, 5xx and 1xx/3xx are decided by the status alone.
    #[test]
    fn statuses_are_sorted(status in 100u16..600, body in prop::collection::vec(any::<u8>(), 0..64)) {
        let r = answer(status, JSON, &body).decode::<Health>();
        match status {
            401 => prop_assert!(matches!(r, Err(ClientError::Unauthorized))),
            500..=599 => {
                let server = matches!(r, Err(ClientError::Server { status: s }) if s == status);
                prop_assert!(server, "{status}: {r:?}");
            }
            200..=299 | 400..=499 => prop_assert!(r.is_err() && r.as_ref().err().and_then(ClientError::status) == Some(status)),
            _ => prop_assert!(matches!(r.as_ref().err().and_then(ClientError::fault), Some(Fault::UnexpectedStatus))),
        }
    }
}

#[test]
fn every_decoder_reads_its_golden_sample() {
    // The properties above are only as good as their samples: each must read as-is.
    for d in decoders() {
        let body = serde_json::to_vec(&golden_value(d.golden)).expect("json");
        assert!((d.decode)(&body, JSON).is_ok(), "{}", d.name);
    }
}

/// The golden samples of what the kiosk sends (the rest are answers).
const REQUESTS: [&str; 9] = [
    "application-request.json",
    "assist-action.json",
    "assist-request-new.json",
    "evaluation-request.json",
    "heartbeat.json",
    "identity-request.json",
    "query-request.json",
    "staff-sign-in.json",
    "status-change.json",
];

#[test]
fn every_answer_of_the_contract_is_fuzzed() {
    // A new answer type comes with a golden sample: it must get a decoder above too.
    let answers: BTreeSet<String> = std::fs::read_dir(golden::dir())
        .expect("tests/golden")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json") && !REQUESTS.contains(&name.as_str()))
        .collect();
    let fuzzed: BTreeSet<String> = decoders().iter().map(|d| d.golden.to_owned()).collect();
    assert_eq!(answers, fuzzed, "golden answers without a decoder here, or the other way round");
}

#[test]
fn json_no_type_can_hold_is_the_wrong_shape() {
    // Found by a long run: a number past f64's range is valid JSON, not a syntax error.
    for d in decoders() {
        let r = (d.decode)(b"1E310", JSON);
        assert!(matches!(fault(&r), Some(Fault::WrongShape { .. })), "{}: {r:?}", d.name);
    }
}
