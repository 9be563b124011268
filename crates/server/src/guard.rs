//! The request guard: what is answered before a handler runs.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::{ApiError, Shared};

/// How long one request may take, upload analysis included, before it is
/// answered 503.
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);
/// Longest request target (path and query) answered; longer is 414.
const MAX_URI: usize = 8 * 1024;
/// Most bytes of request headers answered; more is 431. (hyper itself cuts
/// a request whose head does not fit its read buffer, ~400 KB, with a bare
/// 431 before any of this runs.)
const MAX_HEADERS: usize = 32 * 1024;

/// Answers at once what must not reach a handler: an overlong request
/// target (414) or head (431), a body declared larger than the limit (413,
/// without reading it), and a request that takes longer than
/// [`REQUEST_TIMEOUT`] (503); all as JSON errors.
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
    // The request target as sent (origin form: path and query), measured
    // without building a string for every request.
    let uri = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len())
        + req.uri().authority().map_or(0, |a| a.as_str().len());
    if uri > MAX_URI {
        return ApiError::new(
            StatusCode::URI_TOO_LONG,
            format!("the request target is {uri} bytes long; at most {MAX_URI} are answered"),
        )
        .into_response();
    }
    let head: usize = req
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    if head > MAX_HEADERS {
        return ApiError::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            format!("the request headers are {head} bytes; at most {MAX_HEADERS} are answered"),
        )
        .into_response();
    }
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
