//! Terminals: assist requests, heartbeats, configuration.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};

use super::ApiJson;
use crate::core::model::{
    AssistAction, AssistRequest, AssistRequestList, AssistRequestNew, AssistStatus, Heartbeat, HeartbeatAck,
    TerminalConfig,
};
use crate::portal::error::ApiError;
use crate::portal::store::{Store, parse_enum, terminals};

pub fn routes() -> Router<Store> {
    Router::new()
        .route("/v1/assist-requests", post(create_assist))
        .route("/v1/halls/{hall_id}/assist-requests", get(list_assist))
        .route("/v1/assist-requests/{id}/accept", post(accept_assist))
        .route("/v1/assist-requests/{id}/close", post(close_assist))
        .route("/v1/terminals/{terminal_id}/heartbeat", post(heartbeat))
        .route("/v1/terminals/{terminal_id}/config", get(config))
}

async fn create_assist(
    State(store): State<Store>,
    body: ApiJson<AssistRequestNew>,
) -> Result<(StatusCode, Json<AssistRequest>), ApiError> {
    let req = body.value;
    let created = store.run(move |conn, ctx| terminals::create_assist(conn, ctx, &req)).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn list_assist(
    State(store): State<Store>,
    Path(hall_id): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Json<AssistRequestList>, ApiError> {
    let status = match params.get("status").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        Some(s) => Some(
            parse_enum::<AssistStatus>(s)
                .map_err(|_| ApiError::invalid("status", "unknown assist status"))?,
        ),
        None => None,
    };
    store.run(move |conn, _| terminals::list_assist(conn, &hall_id, status)).await.map(Json)
}

async fn accept_assist(
    State(store): State<Store>,
    Path(id): Path<String>,
    body: ApiJson<AssistAction>,
) -> Result<Json<AssistRequest>, ApiError> {
    let action = body.value;
    store
        .run(move |conn, ctx| terminals::move_assist(conn, ctx, &id, &action, AssistStatus::Accepted))
        .await
        .map(Json)
}

async fn close_assist(
    State(store): State<Store>,
    Path(id): Path<String>,
    body: ApiJson<AssistAction>,
) -> Result<Json<AssistRequest>, ApiError> {
    let action = body.value;
    store
        .run(move |conn, ctx| terminals::move_assist(conn, ctx, &id, &action, AssistStatus::Closed))
        .await
        .map(Json)
}

async fn heartbeat(
    State(store): State<Store>,
    Path(terminal_id): Path<String>,
    body: ApiJson<Heartbeat>,
) -> Result<Json<HeartbeatAck>, ApiError> {
    let hb = body.value;
    store.run(move |conn, ctx| terminals::heartbeat(conn, ctx, &terminal_id, &hb)).await.map(Json)
}

async fn config(
    State(store): State<Store>,
    Path(terminal_id): Path<String>,
) -> Result<Json<TerminalConfig>, ApiError> {
    store.run(move |conn, _| terminals::terminal_config(conn, &terminal_id)).await.map(Json)
}
