//! The Atom feed routes: an actor's, a dyad's and a search's articles.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

use crate::{actor_code, atom, dyad, query_text, ApiError, ApiResult, Params, Shared};

fn feed_name<'a>(feed: &'a str, what: &str) -> ApiResult<&'a str> {
    feed.strip_suffix(".atom")
        .ok_or_else(|| ApiError::not_found(format!("{what} feeds end in .atom (e.g. CHN.atom)")))
}

fn atom_response(xml: String) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/atom+xml; charset=utf-8"),
        )],
        xml,
    )
        .into_response()
}

pub(crate) async fn feed_actor(
    State(app): State<Shared>,
    Path(feed): Path<String>,
) -> ApiResult<Response> {
    let code = actor_code("actor", feed_name(&feed, "actor")?)?;
    let base = app.base_url.clone();
    app.read(move |s, _, _| {
        let arts = shiju_store::api::feed_articles(
            s,
            &shiju_store::api::FeedSelect::Actor(code.clone()),
            100,
        )?;
        Ok(atom_response(atom::feed(
            &atom::FeedMeta {
                id: format!("urn:shiju:feed:actor:{code}"),
                title: format!("shiju: events of {code}"),
                self_url: format!("{base}/feeds/actor/{code}.atom"),
                base,
            },
            &arts,
        )))
    })
    .await
}

pub(crate) async fn feed_dyad(
    State(app): State<Shared>,
    Path(feed): Path<String>,
) -> ApiResult<Response> {
    let (a, b) = dyad("dyad", feed_name(&feed, "dyad")?)?;
    let base = app.base_url.clone();
    app.read(move |s, _, _| {
        let arts = shiju_store::api::feed_articles(
            s,
            &shiju_store::api::FeedSelect::Dyad(a.clone(), b.clone()),
            100,
        )?;
        Ok(atom_response(atom::feed(
            &atom::FeedMeta {
                id: format!("urn:shiju:feed:dyad:{a}-{b}"),
                title: format!("shiju: {a}–{b} relations"),
                self_url: format!("{base}/feeds/dyad/{a}-{b}.atom"),
                base,
            },
            &arts,
        )))
    })
    .await
}

/// Percent-encodes a query value.
fn encode_query(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub(crate) async fn feed_search(
    State(app): State<Shared>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q)?;
    let text = query_text(&p)?;
    let base = app.base_url.clone();
    app.read(move |s, pl, names| {
        // The same search as /api/search: several terms, OR, Latin names.
        let norm = |t: &str| pl.normalizer().normalize_str(t);
        let opts = shiju_store::find::FindOptions {
            limit: 100,
            ..Default::default()
        };
        let found = shiju_store::find::find(s, &text, names, &norm, &opts).map_err(|e| {
            let m = e.to_string();
            if m.contains("search terms") || m.contains("empty search") {
                ApiError::bad(m)
            } else {
                ApiError::from(e)
            }
        })?;
        let ids: Vec<i64> = found["hits"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|h| h["article"].as_i64())
            .collect();
        let arts =
            shiju_store::api::feed_articles(s, &shiju_store::api::FeedSelect::Ids(ids), 100)?;
        let enc = encode_query(&text);
        Ok(atom_response(atom::feed(
            &atom::FeedMeta {
                id: format!("urn:shiju:feed:search:{enc}"),
                title: format!("shiju: search «{text}»"),
                self_url: format!("{base}/feeds/search.atom?q={enc}"),
                base,
            },
            &arts,
        )))
    })
    .await
}
