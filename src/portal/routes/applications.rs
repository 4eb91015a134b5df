//! Applications (cases), receipts, staff status changes and evaluations.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};

use super::{ApiJson, bearer};
use crate::core::model::{
    Application, ApplicationRequest, Evaluation, EvaluationRequest, Receipt, StatusChange,
};
use crate::portal::error::ApiError;
use crate::portal::store::cases::{self, Outcome};
use crate::portal::store::{Store, case_view, evaluations};

/// The header that makes a create safe to retry.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

pub fn routes() -> Router<Store> {
    Router::new()
        .route("/v1/applications", post(submit))
        .route("/v1/applications/{case_no}", get(view))
        .route("/v1/applications/{case_no}/receipt", get(receipt))
        .route("/v1/applications/{case_no}/status", post(change_status))
        .route("/v1/evaluations", post(evaluate))
}

async fn submit(
    State(store): State<Store>,
    headers: HeaderMap,
    body: ApiJson<ApplicationRequest>,
) -> Result<(StatusCode, Json<Application>), ApiError> {
    let token = bearer(&headers);
    // A key that is not valid header text is treated like any malformed key.
    let key = headers.get(IDEMPOTENCY_KEY).map(|v| v.to_str().unwrap_or("\u{fffd}").to_owned());
    let ApiJson { value: req, canonical } = body;
    let (application, outcome) = store
        .run(move |conn, ctx| cases::submit(conn, ctx, token.as_deref(), key.as_deref(), &canonical, &req))
        .await?;
    let status = match outcome {
        Outcome::Created => StatusCode::CREATED,
        Outcome::Replayed => StatusCode::OK,
    };
    Ok((status, Json(application)))
}

fn lookup_code(params: &HashMap<String, String>) -> Option<String> {
    params.get("lookup_code").cloned()
}

async fn view(
    State(store): State<Store>,
    Path(case_no): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Json<Application>, ApiError> {
    let token = bearer(&headers);
    let code = lookup_code(&params);
    store
        .run(move |conn, ctx| case_view::view(conn, ctx, &case_no, token.as_deref(), code.as_deref()))
        .await
        .map(Json)
}

async fn receipt(
    State(store): State<Store>,
    Path(case_no): Path<String>,
    Query(params): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Result<Json<Receipt>, ApiError> {
    let token = bearer(&headers);
    let code = lookup_code(&params);
    store
        .run(move |conn, ctx| case_view::receipt(conn, ctx, &case_no, token.as_deref(), code.as_deref()))
        .await
        .map(Json)
}

async fn change_status(
    State(store): State<Store>,
    Path(case_no): Path<String>,
    headers: HeaderMap,
    body: ApiJson<StatusChange>,
) -> Result<Json<Application>, ApiError> {
    let token = bearer(&headers);
    let change = body.value;
    store
        .run(move |conn, ctx| case_view::change_status(conn, ctx, token.as_deref(), &case_no, &change))
        .await
        .map(Json)
}

async fn evaluate(
    State(store): State<Store>,
    headers: HeaderMap,
    body: ApiJson<EvaluationRequest>,
) -> Result<(StatusCode, Json<Evaluation>), ApiError> {
    let token = bearer(&headers);
    let req = body.value;
    let evaluation =
        store.run(move |conn, ctx| evaluations::evaluate(conn, ctx, token.as_deref(), &req)).await?;
    Ok((StatusCode::CREATED, Json(evaluation)))
}
