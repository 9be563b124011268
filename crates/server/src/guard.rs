//! The request guard: what is answered before a handler runs.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::{ApiError, Shared};

/// How long one request may take, upload analysis included, before it is
/// answered 503.
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Answers at once what must not reach a handler: a body declared larger
/// than the limit (413, without reading it), and a request that takes longer
/// than [`REQUEST_TIMEOUT`] (503); both as JSON errors.
pub(crate) async fn guard(
    State(app): State<Shared>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u128>().ok());
    if declared.is_some_and(|n| n > app.max_body as u128) {
        return ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the body is larger than {} bytes", app.max_body),
        )
        .into_response();
    }
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the request took longer than {} s",
                REQUEST_TIMEOUT.as_secs()
            ),
        )
        .into_response(),
    }
}
