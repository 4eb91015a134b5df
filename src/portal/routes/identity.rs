//! Identity sessions, staff sign-in and queries.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{delete, post};
use axum::{Json, Router};

use super::{ApiJson, bearer};
use crate::core::model::{
    IdentityRequest, IdentitySession, QueryRequest, QueryResult, StaffSession, StaffSignIn,
};
use crate::portal::error::ApiError;
use crate::portal::store::{Store, identity, queries};

pub fn routes() -> Router<Store> {
    Router::new()
        .route("/v1/identity/sessions", post(open_session))
        .route("/v1/identity/sessions/{token}", delete(close_session))
        .route("/v1/staff/sessions", post(staff_sign_in))
        .route("/v1/queries/{matter_id}", post(query))
}

async fn open_session(
    State(store): State<Store>,
    body: ApiJson<IdentityRequest>,
) -> Result<(StatusCode, Json<IdentitySession>), ApiError> {
    let req = body.value;
    let session = store.run(move |conn, ctx| identity::create_session(conn, ctx, &req)).await?;
    Ok((StatusCode::CREATED, Json(session)))
}

async fn close_session(
    State(store): State<Store>,
    Path(token): Path<String>,
) -> Result<StatusCode, ApiError> {
    store.run(move |conn, _| identity::logout(conn, &token)).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn staff_sign_in(
    State(store): State<Store>,
    body: ApiJson<StaffSignIn>,
) -> Result<(StatusCode, Json<StaffSession>), ApiError> {
    let req = body.value;
    let session = store.run(move |conn, ctx| identity::staff_sign_in(conn, ctx, &req)).await?;
    Ok((StatusCode::CREATED, Json(session)))
}

async fn query(
    State(store): State<Store>,
    Path(matter_id): Path<String>,
    headers: HeaderMap,
    body: ApiJson<QueryRequest>,
) -> Result<Json<QueryResult>, ApiError> {
    let token = bearer(&headers);
    let req = body.value;
    store
        .run(move |conn, ctx| queries::run_query(conn, ctx, token.as_deref(), &matter_id, &req))
        .await
        .map(Json)
}
