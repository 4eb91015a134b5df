//! The golden samples of `tests/golden/`: which Rust type and schema each file is,
//! how to check one, and how captured answers are made stable.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use yiban::core::model::*;

use super::openapi::spec;

pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn check<T: DeserializeOwned + Serialize>(file: &str, schema: &str) -> Result<(), String> {
    let path = dir().join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{file}: {e}"))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))?;
    spec().validate(schema, &value).map_err(|e| format!("{file}: {e}"))?;
    let typed: T =
        serde_json::from_value(value.clone()).map_err(|e| format!("{file}: not a {schema}: {e}"))?;
    let back = serde_json::to_value(&typed).map_err(|e| format!("{file}: {e}"))?;
    if back != value {
        return Err(format!("{file}: does not round-trip through the Rust type"));
    }
    Ok(())
}

macro_rules! goldens {
    ($($file:literal => $ty:ident),* $(,)?) => {
        pub const FILES: &[&str] = &[$($file),*];
        pub fn check_all() -> Vec<String> {
            let mut errors = Vec::new();
            $(if let Err(e) = check::<$ty>($file, stringify!($ty)) { errors.push(e); })*
            errors
        }
    };
}

goldens! {
    "health.json" => Health,
    "hall.json" => Hall,
    "catalogue.json" => Catalogue,
    "matter.json" => Matter,
    "form-schema.json" => FormSchema,
    "regions.json" => Regions,
    "evaluation-reasons.json" => ReasonList,
    "identity-request.json" => IdentityRequest,
    "identity-session.json" => IdentitySession,
    "query-request.json" => QueryRequest,
    "query-result.json" => QueryResult,
    "application-request.json" => ApplicationRequest,
    "application.json" => Application,
    "receipt.json" => Receipt,
    "status-change.json" => StatusChange,
    "evaluation-request.json" => EvaluationRequest,
    "evaluation.json" => Evaluation,
    "assist-request-new.json" => AssistRequestNew,
    "assist-request.json" => AssistRequest,
    "assist-request-list.json" => AssistRequestList,
    "assist-action.json" => AssistAction,
    "staff-sign-in.json" => StaffSignIn,
    "staff-session.json" => StaffSession,
    "heartbeat.json" => Heartbeat,
    "heartbeat-ack.json" => HeartbeatAck,
    "terminal-config.json" => TerminalConfig,
    "error-body.json" => ErrorBody,
}

/// Fixed tokens and times, so the samples do not change with every capture.
pub fn sanitize(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                match (k.as_str(), &x) {
                    ("token", Value::String(_)) => *x = "sample-token".into(),
                    ("expires_at", Value::String(_)) => *x = "2026-11-28T10:00:00+08:00".into(),
                    ("at" | "created_at" | "submitted_at" | "server_time", Value::String(_)) => {
                        *x = "2026-11-28T09:30:00+08:00".into()
                    }
                    _ => sanitize(x),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(sanitize),
        _ => {}
    }
}

pub mod erased {
    pub trait Ser {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).expect("serialisable")
        }
    }
}
