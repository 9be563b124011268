//! The read routes of the API: events, relations, network, search,
//! articles, entities, outcomes, stats, names, timeline and map.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use shiju_store::query::{By, EventFilter};

use shiju_store::dash::Sort;
use shiju_store::find::FindOptions;
use shiju_store::names::Names;
use shiju_store::render::Rows;

use crate::{json_ok, query_text, ApiError, ApiResult, Params, Shared, OPENAPI};

/// Parameter `k`, an actor given by code or by name in any script or in
/// English (`CHN`, `中國`, `China`), resolved as the command line does; with
/// `people`, a person's name too (events keep the person's entity key).
fn actor_param(names: &Names, k: &str, v: &str, people: bool) -> ApiResult<String> {
    names
        .resolve_actor(v, people)
        .map_err(|e| ApiError::bad(format!("{k}: {e}")))
}

/// Parameter `k`, `SOURCE-TARGET` (codes or names).
fn dyad_param(names: &Names, k: &str, v: &str) -> ApiResult<(String, String)> {
    let (a, b) = v
        .split_once('-')
        .ok_or_else(|| ApiError::bad(format!("{k}={v:?}: expected SOURCE-TARGET, e.g. CHN-RUS")))?;
    Ok((
        actor_param(names, k, a, false)?,
        actor_param(names, k, b, false)?,
    ))
}

/// The filters of `/api/events`, checked.
fn event_filter(p: &Params, names: &Names) -> ApiResult<EventFilter> {
    Ok(EventFilter {
        span: p.span()?,
        actor: p
            .str("actor")
            .map(|a| actor_param(names, "actor", &a, true))
            .transpose()?,
        dyad: p
            .str("dyad")
            .map(|d| dyad_param(names, "dyad", &d))
            .transpose()?,
        root: match p.str("root") {
            Some(r) if r.len() <= 2 && shiju_store::query::is_root(&format!("{r:0>2}")) => {
                Some(format!("{r:0>2}"))
            }
            Some(r) => {
                return Err(ApiError::bad(format!(
                    "root={r:?}: a CAMEO root is 01 to 20"
                )))
            }
            None => None,
        },
        code: match p.str("code") {
            Some(c) if shiju_store::query::is_code(&c) => Some(c),
            Some(c) => return Err(ApiError::bad(format!("code={c:?} is not a CAMEO code"))),
            None => None,
        },
        quad: match p.num::<u8>("quad")? {
            Some(q) if !(1..=4).contains(&q) => {
                return Err(ApiError::bad(format!("quad={q}: quad classes are 1 to 4")))
            }
            q => q,
        },
        limit: None,
    })
}

pub(crate) async fn events(
    State(app): State<Shared>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q)?;
    let mut f = event_filter(&p, &app.names)?;
    let pair = p
        .str("pair")
        .map(|d| dyad_param(&app.names, "pair", &d))
        .transpose()?;
    let sort: Sort = match p.str("sort") {
        Some(s) => s.parse().map_err(ApiError::bad)?,
        None => Sort::default(),
    };
    let offset = p.num::<usize>("offset")?.unwrap_or(0).min(1 << 40);
    let csv = match p.str("format").as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(x) => return Err(ApiError::bad(format!("format={x:?}: expected json or csv"))),
    };
    f.limit = Some(if csv {
        p.num::<usize>("limit")?.unwrap_or(CSV_LIMIT).min(CSV_LIMIT)
    } else {
        p.limit(100)?
    });
    app.read(move |s, _, names| {
        let (total, rows) = shiju_store::dash::events_page(s, &f, &pair, sort, offset)?;
        if csv {
            return Ok(csv_response(&with_names(rows, names), "events.csv"));
        }
        let rows = with_names(rows, names);
        Ok(json_ok(json!({
            "total": total,
            "offset": offset,
            "limit": f.limit,
            "events": rows.to_json(),
        })))
    })
    .await
}

/// Most rows one CSV download holds.
const CSV_LIMIT: usize = 100_000;

/// `rows` with the English and Chinese names of their actors and codes.
fn with_names(mut rows: Rows, names: &Names) -> Rows {
    let col = |n: &str| rows.columns.iter().position(|c| c == n);
    let (src, tgt, code) = (col("source"), col("target"), col("code"));
    rows.columns.extend(
        [
            "source_en",
            "source_zh",
            "target_en",
            "target_zh",
            "code_en",
            "code_zh",
        ]
        .map(String::from),
    );
    for r in &mut rows.rows {
        let get = |i: Option<usize>| {
            i.and_then(|i| r.get(i))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let (s, t, c) = (get(src), get(tgt), get(code));
        let an = |a: &str| names.actor(a).cloned().unwrap_or_default();
        let (sn, tn, cn) = (an(&s), an(&t), names.cameo(&c));
        r.extend([sn.en, sn.zh, tn.en, tn.zh, cn.en, cn.zh].map(Value::String));
    }
    rows
}

fn csv_response(rows: &Rows, file: &str) -> Response {
    let mut buf = Vec::new();
    if let Err(e) = rows.write(shiju_store::render::Format::Csv, &mut buf) {
        return ApiError::from(anyhow::anyhow!("writing CSV: {e}")).into_response();
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        buf,
    )
        .into_response()
}

fn by_param(p: &Params, default: By) -> ApiResult<By> {
    match p.str("by") {
        Some(v) => v
            .parse()
            .map_err(|e: String| ApiError::bad(format!("by: {e}"))),
        None => Ok(default),
    }
}

pub(crate) async fn relations(
    State(app): State<Shared>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q)?;
    let a = actor_param(&app.names, "a", &p.required("a")?, false)?;
    let b = actor_param(&app.names, "b", &p.required("b")?, false)?;
    let by = by_param(&p, By::Month)?;
    let span = p.span()?;
    app.read(move |s, _, _| {
        Ok(json_ok(
            shiju_store::dash::relations(s, &a, &b, by, &span).map_err(bad_range)?,
        ))
    })
    .await
}

/// A range the charts cannot draw (too many periods) is the client's error.
fn bad_range(e: anyhow::Error) -> ApiError {
    let m = e.to_string();
    if m.contains("periods") || m.contains("not a date") {
        ApiError::bad(m)
    } else {
        ApiError::from(e)
    }
}

pub(crate) async fn timeline(
    State(app): State<Shared>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q)?;
    let actor = actor_param(&app.names, "actor", &p.required("actor")?, false)?;
    let by = by_param(&p, By::Week)?;
    let span = p.span()?;
    let top = p.num::<usize>("top")?.unwrap_or(10).clamp(1, 50);
    app.read(move |s, _, _| {
        Ok(json_ok(
            shiju_store::dash::timeline(s, &actor, by, &span, top).map_err(bad_range)?,
        ))
    })
    .await
}

pub(crate) async fn map(
    State(app): State<Shared>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q)?;
    let actor = p
        .str("actor")
        .map(|a| actor_param(&app.names, "actor", &a, false))
        .transpose()?;
    let span = p.span()?;
    app.read(move |s, _, names| {
        Ok(json_ok(shiju_store::dash::map(
            s,
            names,
            actor.as_deref(),
            &span,
        )?))
    })
    .await
}

pub(crate) async fn names(State(app): State<Shared>) -> ApiResult<Response> {
    app.read(|_, _, names| Ok(json_ok(names.to_json()))).await
}

pub(crate) async fn outlets(State(app): State<Shared>) -> ApiResult<Response> {
    app.read(|s, _, _| {
        let mut st = s
            .connection()
            .prepare(
                "SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL AND outlet <> ''
             GROUP BY outlet ORDER BY count(*) DESC, outlet LIMIT 500",
            )
            .map_err(anyhow::Error::from)?;
        let rows: Vec<Value> = st
            .query_map([], |r| {
                Ok(json!({"outlet": r.get::<_, String>(0)?, "articles": r.get::<_, i64>(1)?}))
            })
            .and_then(|m| m.collect())
            .map_err(anyhow::Error::from)?;
        Ok(json_ok(Value::Array(rows)))
    })
    .await
}

pub(crate) async fn network(
    State(app): State<Shared>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q)?;
    let span = p.span()?;
    let min = p.num::<usize>("min")?.unwrap_or(1);
    app.read(move |s, _, _| {
        Ok(json_ok(
            shiju_store::query::network(s, &span, min)?.to_json(),
        ))
    })
    .await
}

pub(crate) async fn search(
    State(app): State<Shared>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q)?;
    let text = query_text(&p)?;
    let opts = FindOptions {
        span: p.span()?,
        outlet: p.str("outlet"),
        by_date: match p.str("sort").as_deref() {
            None | Some("relevance") => false,
            Some("date") => true,
            Some(x) => {
                return Err(ApiError::bad(format!(
                    "sort={x:?}: expected relevance or date"
                )))
            }
        },
        offset: p.num::<usize>("offset")?.unwrap_or(0).min(1 << 40),
        limit: p.limit(20)?,
    };
    app.read(move |s, pl, names| {
        let norm = |t: &str| pl.normalizer().normalize_str(t);
        shiju_store::find::find(s, &text, names, &norm, &opts)
            .map(json_ok)
            .map_err(|e| {
                let m = e.to_string();
                if m.contains("search terms") || m.contains("empty search") {
                    ApiError::bad(m)
                } else {
                    ApiError::from(e)
                }
            })
    })
    .await
}

pub(crate) async fn article(
    State(app): State<Shared>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::bad(format!("{id:?} is not an article id")))?;
    app.read(
        move |s, pl, names| match shiju_store::api::article_json(s, id)? {
            Some(mut v) => {
                let norm = |t: &str| pl.normalizer().normalize_str(t);
                crate::article::enrich(&mut v, names, &norm);
                Ok(json_ok(v))
            }
            None => Err(ApiError::not_found(format!("no article {id}"))),
        },
    )
    .await
}

pub(crate) async fn entities(
    State(app): State<Shared>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q)?;
    let text = p.str("q");
    let limit = p.limit(100)?;
    app.read(move |s, _, _| {
        Ok(json_ok(
            shiju_store::api::entities(s, text.as_deref(), limit)?.to_json(),
        ))
    })
    .await
}

pub(crate) async fn outcomes(
    State(app): State<Shared>,
    q: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> ApiResult<Response> {
    let p = Params::from(q)?;
    let status = match p.str("status").as_deref() {
        None => None,
        Some(s @ ("article" | "rejected")) => Some(s.to_string()),
        Some(s) => {
            return Err(ApiError::bad(format!(
                "status={s:?}: expected article or rejected"
            )))
        }
    };
    let limit = p.limit(500)?;
    app.read(move |s, _, _| {
        Ok(json_ok(
            shiju_store::api::outcomes(s, status.as_deref(), limit)?.to_json(),
        ))
    })
    .await
}

pub(crate) async fn stats(State(app): State<Shared>) -> ApiResult<Response> {
    app.read(|s, _, _| Ok(json_ok(shiju_store::api::stats(s)?)))
        .await
}

pub(crate) async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        OPENAPI.to_string(),
    )
        .into_response()
}
