//! `docs/openapi.yaml` as a checker: every answer the client sees must be documented
//! for its (path, method, status) and validate against the schema given there.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use jsonschema::{Draft, Validator};
use serde_json::{Value, json};
use yiban::client::Exchange;

const SPEC_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/openapi.yaml");
const SCHEMA_PREFIX: &str = "#/components/schemas/";
const RESPONSE_PREFIX: &str = "#/components/responses/";

pub struct Spec {
    doc: Value,
    validators: Mutex<HashMap<String, Arc<Validator>>>,
}

/// The document, loaded once per test binary.
pub fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let text = std::fs::read_to_string(SPEC_PATH).expect("read docs/openapi.yaml");
        let doc: Value = serde_norway::from_str(&text).expect("docs/openapi.yaml is YAML");
        Spec { doc, validators: Mutex::new(HashMap::new()) }
    })
}

impl Spec {
    pub fn doc(&self) -> &Value {
        &self.doc
    }

    /// Every (METHOD, path) the document describes.
    pub fn operations(&self) -> BTreeSet<(String, String)> {
        let mut ops = BTreeSet::new();
        for (path, item) in self.doc["paths"].as_object().expect("paths") {
            for method in ["get", "post", "put", "patch", "delete"] {
                if item.get(method).is_some() {
                    ops.insert((method.to_uppercase(), path.clone()));
                }
            }
        }
        ops
    }

    /// The documented response, `$ref`s to `components/responses` followed.
    fn response(&self, method: &str, path: &str, status: u16) -> Result<&Value, String> {
        let op = self.doc["paths"]
            .get(path)
            .and_then(|p| p.get(method.to_lowercase()))
            .ok_or_else(|| format!("{method} {path} is not in docs/openapi.yaml"))?;
        let resp = op["responses"]
            .get(status.to_string())
            .ok_or_else(|| format!("{method} {path} answered {status}, which is undocumented"))?;
        match resp.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name =
                    r.strip_prefix(RESPONSE_PREFIX).ok_or_else(|| format!("unexpected response $ref {r}"))?;
                self.doc["components"]["responses"].get(name).ok_or_else(|| format!("dangling $ref {r}"))
            }
            None => Ok(resp),
        }
    }

    /// The schema name of a documented response body; `None` for a documented empty answer.
    pub fn response_schema(&self, method: &str, path: &str, status: u16) -> Result<Option<String>, String> {
        let resp = self.response(method, path, status)?;
        let Some(schema) = resp.pointer("/content/application~1json/schema") else {
            return Ok(None);
        };
        let r = schema["$ref"]
            .as_str()
            .ok_or_else(|| format!("{method} {path} {status}: schema is not a $ref"))?;
        r.strip_prefix(SCHEMA_PREFIX)
            .map(|n| Some(n.to_owned()))
            .ok_or_else(|| format!("{method} {path} {status}: unexpected $ref {r}"))
    }

    /// The schema name of an operation's request body.
    pub fn request_schema(&self, method: &str, path: &str) -> Option<String> {
        let op = self.doc["paths"].get(path)?.get(method.to_lowercase())?;
        let r = op.pointer("/requestBody/content/application~1json/schema/$ref")?.as_str()?;
        r.strip_prefix(SCHEMA_PREFIX).map(str::to_owned)
    }

    fn validator(&self, name: &str) -> Arc<Validator> {
        let mut cache = self.validators.lock().expect("validator cache");
        if let Some(v) = cache.get(name) {
            return v.clone();
        }
        assert!(
            self.doc["components"]["schemas"].get(name).is_some(),
            "no schema {name} in docs/openapi.yaml"
        );
        let root = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$ref": format!("{SCHEMA_PREFIX}{name}"),
            "components": self.doc["components"],
        });
        let v = jsonschema::options()
            .with_draft(Draft::Draft202012)
            .should_validate_formats(true)
            .build(&root)
            .unwrap_or_else(|e| panic!("schema {name} does not compile: {e}"));
        let v = Arc::new(v);
        cache.insert(name.to_owned(), v.clone());
        v
    }

    /// Validates `value` against `components/schemas/{name}`; all problems in one message.
    pub fn validate(&self, name: &str, value: &Value) -> Result<(), String> {
        let validator = self.validator(name);
        let problems: Vec<String> =
            validator.iter_errors(value).map(|e| format!("  at {}: {e}", e.instance_path)).collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!("does not match {name}:\n{}", problems.join("\n")))
        }
    }

    /// Checks one answer against the document.
    pub fn check(&self, ex: &Exchange) -> Result<(), String> {
        let ctx = format!("{} {} → {}", ex.method, ex.path_template, ex.status);
        match (self.response_schema(ex.method, ex.path_template, ex.status)?, &ex.body) {
            (None, None) => Ok(()),
            (None, Some(_)) => Err(format!("{ctx}: documented without a body, got one")),
            (Some(name), None) => Err(format!("{ctx}: expected a {name} body, got none")),
            (Some(name), Some(body)) => self.validate(&name, body).map_err(|e| format!("{ctx}: {e}")),
        }
    }
}
