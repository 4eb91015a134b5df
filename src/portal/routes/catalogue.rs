//! Read-only catalogue endpoints: health, halls, matters, form schemas, regions, reasons.

use std::collections::HashMap;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;

use crate::core::model::{Catalogue, Channel, FormSchema, Hall, Health, Matter, ReasonList, Regions};
use crate::portal::error::ApiError;
use crate::portal::store::{Store, catalogue, parse_enum, terminals};

pub fn routes() -> Router<Store> {
    Router::new()
        .route("/v1/health", get(health))
        .route("/v1/halls/{hall_id}", get(hall))
        .route("/v1/halls/{hall_id}/matters", get(hall_matters))
        .route("/v1/matters/{matter_id}", get(matter))
        .route("/v1/matters/{matter_id}/form-schema", get(form_schema))
        .route("/v1/regions", get(regions))
        .route("/v1/evaluation-reasons", get(reasons))
}

async fn health(State(store): State<Store>) -> Result<Json<Health>, ApiError> {
    store.run(|conn, _| terminals::health(conn)).await.map(Json)
}

async fn hall(State(store): State<Store>, Path(hall_id): Path<String>) -> Result<Json<Hall>, ApiError> {
    store.run(move |conn, _| catalogue::hall(conn, &hall_id)).await.map(Json)
}

async fn hall_matters(
    State(store): State<Store>,
    Path(hall_id): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<Catalogue>, ApiError> {
    let channel = match params.get("channel").map(|c| c.trim()).filter(|c| !c.is_empty()) {
        Some(c) => parse_enum::<Channel>(c).map_err(|_| ApiError::invalid("channel", "unknown channel"))?,
        None => Channel::default(),
    };
    store.run(move |conn, _| catalogue::catalogue(conn, &hall_id, channel)).await.map(Json)
}

async fn matter(State(store): State<Store>, Path(matter_id): Path<String>) -> Result<Json<Matter>, ApiError> {
    store.run(move |conn, _| catalogue::matter(conn, &matter_id)).await.map(Json)
}

async fn form_schema(
    State(store): State<Store>,
    Path(matter_id): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<FormSchema>, ApiError> {
    let version = match params.get("version").map(|v| v.trim()).filter(|v| !v.is_empty()) {
        Some(v) => Some(
            v.parse::<u32>().map_err(|_| ApiError::invalid("version", "version must be a whole number"))?,
        ),
        None => None,
    };
    store.run(move |conn, _| catalogue::form_schema(conn, &matter_id, version)).await.map(Json)
}

async fn regions(State(store): State<Store>) -> Result<Json<Regions>, ApiError> {
    store.run(|conn, _| catalogue::regions(conn)).await.map(Json)
}

async fn reasons(State(store): State<Store>) -> Result<Json<ReasonList>, ApiError> {
    store.run(|conn, _| catalogue::reasons(conn)).await.map(Json)
}
