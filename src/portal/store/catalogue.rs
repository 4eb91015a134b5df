//! Halls, the matter catalogue, form schemas (all versions), regions and the
//! evaluation reason list: stored as JSON documents.

use rusqlite::{Connection, OptionalExtension, params};

use super::{from_json, parse_enum};
use crate::core::model::{
    Bundle, Catalogue, Channel, FormSchema, Hall, Matter, MatterKind, MatterSummary, ReasonList, Regions,
};
use crate::portal::error::ApiError;

/// Names of the singleton documents.
pub const DOC_REGIONS: &str = "regions";
pub const DOC_REASONS: &str = "evaluation_reasons";

pub fn hall(conn: &Connection, hall_id: &str) -> Result<Hall, ApiError> {
    let doc: Option<String> =
        conn.query_row("SELECT doc FROM halls WHERE id = ?1", [hall_id], |r| r.get(0)).optional()?;
    match doc {
        Some(doc) => from_json(&doc),
        None => Err(ApiError::not_found("hall")),
    }
}

pub fn hall_exists(conn: &Connection, hall_id: &str) -> Result<bool, ApiError> {
    Ok(conn.query_row("SELECT 1 FROM halls WHERE id = ?1", [hall_id], |_| Ok(())).optional()?.is_some())
}

/// The current version of a matter.
pub fn matter(conn: &Connection, matter_id: &str) -> Result<Matter, ApiError> {
    let doc: Option<String> = conn
        .query_row(
            "SELECT v.doc FROM matters m JOIN matter_versions v
               ON v.matter_id = m.id AND v.version = m.current_version
             WHERE m.id = ?1",
            [matter_id],
            |r| r.get(0),
        )
        .optional()?;
    match doc {
        Some(doc) => from_json(&doc),
        None => Err(ApiError::not_found("matter")),
    }
}

/// The kind of a matter, without reading its document.
pub fn matter_kind(conn: &Connection, matter_id: &str) -> Result<MatterKind, ApiError> {
    let kind: Option<String> = conn
        .query_row(
            "SELECT v.kind FROM matters m JOIN matter_versions v
               ON v.matter_id = m.id AND v.version = m.current_version
             WHERE m.id = ?1",
            [matter_id],
            |r| r.get(0),
        )
        .optional()?;
    match kind {
        Some(kind) => parse_enum(&kind),
        None => Err(ApiError::not_found("matter")),
    }
}

/// A form schema: the given version, else the matter's current one.
pub fn form_schema(conn: &Connection, matter_id: &str, version: Option<u32>) -> Result<FormSchema, ApiError> {
    let version = match version {
        Some(v) => v,
        None => matter(conn, matter_id)?.form_schema_version,
    };
    let doc: Option<String> = conn
        .query_row(
            "SELECT doc FROM form_schemas WHERE matter_id = ?1 AND version = ?2",
            params![matter_id, version],
            |r| r.get(0),
        )
        .optional()?;
    match doc {
        Some(doc) => from_json(&doc),
        None => Err(ApiError::not_found("form schema version")),
    }
}

pub fn catalogue(conn: &Connection, hall_id: &str, channel: Channel) -> Result<Catalogue, ApiError> {
    let hall = hall(conn, hall_id)?;
    let mut stmt = conn.prepare(
        "SELECT v.doc FROM hall_matters h
           JOIN matters m ON m.id = h.matter_id
           JOIN matter_versions v ON v.matter_id = m.id AND v.version = m.current_version
         WHERE h.hall_id = ?1
         ORDER BY h.position",
    )?;
    let docs = stmt.query_map([hall_id], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    let mut matters = Vec::with_capacity(docs.len());
    for doc in docs {
        let m: Matter = from_json(&doc)?;
        matters.push(MatterSummary {
            id: m.id,
            kind: m.kind,
            name: m.name,
            elder_name: m.elder_name,
            pictogram: m.pictogram,
            version: m.version,
        });
    }
    let bundles = bundles(conn)?
        .into_iter()
        .filter(|b| b.members.iter().all(|id| matters.iter().any(|m| &m.id == id)))
        .collect();
    Ok(Catalogue { hall_id: hall.id, hall_name: hall.name, channel, matters, bundles })
}

pub fn bundles(conn: &Connection) -> Result<Vec<Bundle>, ApiError> {
    let mut stmt = conn.prepare("SELECT doc FROM bundles ORDER BY position")?;
    let docs = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    docs.iter().map(|d| from_json(d)).collect()
}

pub fn bundle(conn: &Connection, bundle_id: &str) -> Result<Option<Bundle>, ApiError> {
    let doc: Option<String> =
        conn.query_row("SELECT doc FROM bundles WHERE id = ?1", [bundle_id], |r| r.get(0)).optional()?;
    doc.map(|d| from_json(&d)).transpose()
}

fn document<T: serde::de::DeserializeOwned>(conn: &Connection, name: &str) -> Result<T, ApiError> {
    let doc: Option<String> =
        conn.query_row("SELECT doc FROM documents WHERE name = ?1", [name], |r| r.get(0)).optional()?;
    match doc {
        Some(doc) => from_json(&doc),
        None => Err(ApiError::not_found(name)),
    }
}

pub fn regions(conn: &Connection) -> Result<Regions, ApiError> {
    document(conn, DOC_REGIONS)
}

pub fn reasons(conn: &Connection) -> Result<ReasonList, ApiError> {
    document(conn, DOC_REASONS)
}

/// Publishes a new version of an existing matter and its form schema; earlier
/// versions stay readable (`?version=`), and submissions on them become
/// `schema_outdated`.
pub fn publish(conn: &mut Connection, matter: &Matter, form: &FormSchema) -> Result<(), ApiError> {
    let current = self::matter(conn, &matter.id)?;
    if matter.version <= current.version
        || form.matter_id != matter.id
        || form.version != matter.form_schema_version
    {
        return Err(ApiError::invalid(
            "version",
            "a new matter version must be higher and carry its own form",
        ));
    }
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO matter_versions (matter_id, version, kind, form_schema_version, doc) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![matter.id, matter.version, super::enum_name(&matter.kind)?, matter.form_schema_version, super::to_json(matter)?],
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO form_schemas (matter_id, version, doc) VALUES (?1, ?2, ?3)",
        params![matter.id, form.version, super::to_json(form)?],
    )?;
    tx.execute("UPDATE matters SET current_version = ?1 WHERE id = ?2", params![matter.version, matter.id])?;
    tx.commit()?;
    Ok(())
}
