//! The portal's HTTP server: the router with its error and logging layers, and
//! running it (until the process ends, or until shut down).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower_http::limit::RequestBodyLimitLayer;

use super::clock::Clock;
use super::db;
use super::error::{ApiError, PortalError, code_of};
use super::routes;
use super::store::Store;
use crate::core::model::{ErrorBody, ErrorCode};

/// The largest request body accepted (64 KiB).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The portal's routes over `store`, with every error answered as an `ErrorBody`.
pub fn router(store: Store) -> Router {
    Router::new()
        .merge(routes::catalogue::routes())
        .merge(routes::identity::routes())
        .merge(routes::applications::routes())
        .merge(routes::terminals::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(middleware::map_response(json_errors))
        .layer(middleware::from_fn(log_request))
        .with_state(store)
}

async fn not_found() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "no such endpoint")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "this method is not allowed on this endpoint")
        .with_status(StatusCode::METHOD_NOT_ALLOWED)
}

/// Replaces any error answer that is not already JSON (axum's and tower's own
/// refusals: 405, 413, bad path encodings…) with the contract's error body.
async fn json_errors(response: Response) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return response;
    }
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => "the body is larger than 64 KiB".to_owned(),
        StatusCode::METHOD_NOT_ALLOWED => "this method is not allowed on this endpoint".to_owned(),
        StatusCode::BAD_REQUEST => "the request is malformed".to_owned(),
        s => s.canonical_reason().unwrap_or("request refused").to_owned(),
    };
    let body = ErrorBody { code: code_of(status).as_str().to_owned(), message, field: None };
    let bytes = serde_json::to_vec(&body).unwrap_or_default();
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(CONTENT_LENGTH);
    parts.headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Response::from_parts(parts, Body::from(bytes))
}

/// Logs the route template (never the path's values: tokens, case numbers), the status and the time.
async fn log_request(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let route = req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
    let started = Instant::now();
    let response = next.run(req).await;
    tracing::info!(
        %method,
        route = route.as_deref().unwrap_or("<unmatched>"),
        status = response.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "portal request"
    );
    response.into_response()
}

/// Opens (creating and seeding when new) the database at `db_path`.
pub async fn open_store(db_path: &Path, clock: Clock) -> Result<Store, PortalError> {
    let path: PathBuf = db_path.to_owned();
    let conn = tokio::task::spawn_blocking(move || db::open(&path))
        .await
        .map_err(|e| PortalError::Task(e.to_string()))??;
    Ok(Store::new(conn, clock))
}

/// Serves the portal on `listener` until the process ends. "Today" comes from
/// `YIBAN_PORTAL_TODAY` when set.
pub async fn serve(listener: TcpListener, db_path: &Path) -> Result<(), PortalError> {
    let store = open_store(db_path, Clock::from_env()?).await?;
    tracing::info!(addr = ?listener.local_addr().ok(), "portal listening");
    axum::serve(listener, router(store)).await?;
    Ok(())
}

/// A portal running in the background (the kiosk's embedded portal, tests).
/// Dropping it also stops the server.
#[derive(Debug)]
pub struct RunningPortal {
    pub addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl RunningPortal {
    /// Stops accepting connections, lets requests in flight finish, and waits.
    pub async fn shutdown(self) -> Result<(), PortalError> {
        // The server may already have stopped; then there is nobody to tell.
        let _ = self.stop.send(());
        self.task.await.map_err(|e| PortalError::Task(e.to_string()))??;
        Ok(())
    }
}

/// Starts the portal in the background; "today" from `YIBAN_PORTAL_TODAY` when set.
pub async fn spawn(listener: TcpListener, db_path: &Path) -> Result<RunningPortal, PortalError> {
    spawn_with_clock(listener, db_path, Clock::from_env()?).await
}

/// Starts the portal in the background with the given clock.
pub async fn spawn_with_clock(
    listener: TcpListener,
    db_path: &Path,
    clock: Clock,
) -> Result<RunningPortal, PortalError> {
    let store = open_store(db_path, clock).await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let app = router(store);
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                // Either an explicit shutdown or the handle being dropped.
                let _ = stopped.await;
            })
            .await
    });
    tracing::info!(%addr, "portal started");
    Ok(RunningPortal { addr, stop, task })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use serde_json::{Value, json};
    use time::macros::date;

    use super::*;

    async fn start() -> (tempfile::TempDir, RunningPortal, reqwest::Client, String) {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let dir = tempfile::tempdir().unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let portal =
            spawn_with_clock(listener, &dir.path().join("p.sqlite3"), Clock::fixed(date!(2026 - 11 - 28)))
                .await
                .unwrap();
        let base = format!("http://{}", portal.addr);
        (dir, portal, reqwest::Client::new(), base)
    }

    async fn body(resp: reqwest::Response) -> (u16, Value) {
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text:?}")))
    }

    #[tokio::test]
    async fn every_refusal_is_a_json_error_body() {
        let (_dir, portal, http, base) = start().await;
        let (status, health) = body(http.get(format!("{base}/v1/health")).send().await.unwrap()).await;
        assert_eq!((status, health["schema_version"].as_u64()), (200, Some(1)));

        let cases: Vec<(reqwest::RequestBuilder, u16, &str)> = vec![
            (http.get(format!("{base}/v1/nope")), 404, "not_found"),
            (http.get(format!("{base}/v1/halls/nowhere/matters")), 404, "not_found"),
            (http.delete(format!("{base}/v1/health")), 405, "not_found"),
            (
                http.post(format!("{base}/v1/identity/sessions"))
                    .header("content-type", "application/json")
                    .body("{"),
                400,
                "invalid_json",
            ),
            (http.post(format!("{base}/v1/identity/sessions")).body("{}"), 415, "invalid_json"),
            (
                http.post(format!("{base}/v1/identity/sessions"))
                    .header("content-type", "application/json")
                    .body(format!("\"{}\"", "x".repeat(70_000))),
                413,
                "body_too_large",
            ),
            (
                http.post(format!("{base}/v1/applications"))
                    .header("content-type", "application/json")
                    .body("{}"),
                400,
                "invalid_json",
            ),
        ];
        for (request, want_status, want_code) in cases {
            let (status, err) = body(request.send().await.unwrap()).await;
            assert_eq!((status, err["code"].as_str()), (want_status, Some(want_code)), "{err}");
            assert!(err["message"].is_string());
        }
        portal.shutdown().await.unwrap();
    }

    #[tokio::test]
    async fn a_citizen_applies_once_and_evaluates() {
        let (_dir, portal, http, base) = start().await;
        let (status, catalogue) = body(
            http.get(format!("{base}/v1/halls/demo-hall/matters?channel=KIOSK_ELDER")).send().await.unwrap(),
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(catalogue["matters"].as_array().map(Vec::len), Some(6));

        let identify = json!({"hall_id": "demo-hall", "terminal_id": "kiosk-01", "method": "TYPED_NUMBER",
                              "id_number": "110105194403160289"});
        let (status, session) =
            body(http.post(format!("{base}/v1/identity/sessions")).json(&identify).send().await.unwrap())
                .await;
        assert_eq!(status, 201);
        let token = session["token"].as_str().unwrap().to_owned();

        let apply = json!({"matter_id": "sscard-replacement", "schema_version": 1, "hall_id": "demo-hall",
            "terminal_id": "kiosk-01", "mode": "SELF_SERVICE",
            "answers": {"report_type": "TEMPORARY_LOSS", "phone": "13800000001"}});
        let send = |key: Option<&str>, b: &Value| {
            let mut r = http.post(format!("{base}/v1/applications")).bearer_auth(&token).json(b);
            if let Some(k) = key {
                r = r.header("Idempotency-Key", k);
            }
            r.send()
        };
        let (status, err) = body(send(None, &apply).await.unwrap()).await;
        assert_eq!((status, err["code"].as_str()), (400, Some("missing_idempotency_key")));
        let (status, case) = body(send(Some("k-1"), &apply).await.unwrap()).await;
        assert_eq!(status, 201, "{case}");
        let (status, replay) = body(send(Some("k-1"), &apply).await.unwrap()).await;
        assert_eq!((status, &replay["case_no"]), (200, &case["case_no"]));
        let case_no = case["case_no"].as_str().unwrap();

        let (status, receipt) = body(
            http.get(format!(
                "{base}/v1/applications/{case_no}/receipt?lookup_code={}",
                case["lookup_code"].as_str().unwrap()
            ))
            .send()
            .await
            .unwrap(),
        )
        .await;
        assert_eq!((status, receipt["applicant_name_masked"].as_str()), (200, Some("张*兰")));
        let (status, _) =
            body(http.get(format!("{base}/v1/applications/{case_no}")).send().await.unwrap()).await;
        assert_eq!(status, 401);

        let evaluation = json!({"case_no": case_no, "terminal_id": "kiosk-01", "level": "SATISFIED"});
        let (status, eval) = body(
            http.post(format!("{base}/v1/evaluations"))
                .bearer_auth(&token)
                .json(&evaluation)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(
            (status, eval["kind"].as_str(), eval["level_code"].as_u64()),
            (201, Some("FIRST"), Some(2))
        );

        let resp = http.delete(format!("{base}/v1/identity/sessions/{token}")).send().await.unwrap();
        assert_eq!(resp.status().as_u16(), 204);
        let (status, _) = body(send(Some("k-2"), &apply).await.unwrap()).await;
        assert_eq!(status, 401);
        portal.shutdown().await.unwrap();
    }
}
