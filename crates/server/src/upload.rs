//! `POST /api/documents`: uploads, behind the token.

use std::collections::HashMap;

use axum::body::Body;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::{ApiError, ApiResult, App, Params, Shared, TOKEN_ENV};

/// Byte-wise comparison whose time does not depend on where they differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn check_token(app: &App, headers: &HeaderMap) -> ApiResult<()> {
    let Some(expected) = &app.token else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("uploads are disabled: start shiju serve with --token or {TOKEN_ENV}"),
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .or_else(|| headers.get("x-shiju-token").and_then(|v| v.to_str().ok()));
    match given {
        Some(t) if same_secret(t.trim().as_bytes(), expected.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(StatusCode::UNAUTHORIZED, "wrong token")),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "missing token: send Authorization: Bearer <token>",
        )),
    }
}

/// A safe document name from `?name=`: its last path component, printable.
fn upload_name(raw: Option<String>) -> String {
    let n = raw.unwrap_or_default();
    let last = n.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last.chars().filter(|c| !c.is_control()).take(200).collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    if clean.is_empty() {
        "upload".to_string()
    } else {
        clean
    }
}

pub(crate) async fn upload(
    State(app): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
    body: Body,
) -> ApiResult<Response> {
    // The token is checked before a byte of the body is read.
    check_token(&app, &headers)?;
    let p = Params::from(q)?;
    let name = upload_name(p.str("name"));
    let bytes = axum::body::to_bytes(body, app.max_body)
        .await
        .map_err(|e| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "request body over the limit of {} bytes ({e})",
                    app.max_body
                ),
            )
        })?;
    if bytes.is_empty() {
        return Err(ApiError::bad("empty body: send the raw document bytes"));
    }
    let app2 = app.clone();
    tokio::task::spawn_blocking(move || -> ApiResult<Response> {
        use sha2::Digest as _;
        let sha: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let mut store = app2
            .writer
            .lock()
            .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "writer poisoned"))?;
        if store.is_read_only() {
            return Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "the store is read-only here: uploads cannot be stored",
            ));
        }
        let mut rejections = Vec::new();
        let summary = shiju_store::ingest(
            &mut store,
            &app2.pipeline,
            vec![shiju_store::Input::Bytes {
                name: name.clone(),
                path: format!("upload:{name}"),
                bytes: bytes.to_vec(),
            }],
            app2.threads,
            &mut |p| {
                rejections.extend(
                    p.rejections
                        .iter()
                        .map(|(w, r)| json!({"item": w, "reason": r})),
                )
            },
        )?;
        let doc = shiju_store::api::document_by_sha(&store, &sha)?;
        let (status, code) = if summary.ingested > 0 {
            ("ingested", StatusCode::CREATED)
        } else if summary.duplicate > 0 {
            ("duplicate", StatusCode::OK)
        } else {
            ("rejected", StatusCode::UNPROCESSABLE_ENTITY)
        };
        let mut v = json!({
            "status": status,
            "name": name,
            "sha256": sha,
            "document": doc.as_ref().map(|d| d.0),
            "articles": doc.map(|d| d.2).unwrap_or_default(),
            "rejections": rejections,
            "summary": {
                "ingested": summary.ingested,
                "duplicate": summary.duplicate,
                "rejected": summary.rejected,
                "articles": summary.articles,
                "event_mentions": summary.event_mentions,
                "new_events": summary.new_events,
            },
        });
        if status == "rejected" {
            v["error"] = json!("the document was rejected: no article could be extracted");
        }
        Ok((code, Json(v)).into_response())
    })
    .await
    .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
}
