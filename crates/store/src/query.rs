//! Queries over the store: events, relations between two actors, the actor
//! network, full-text search and rejections.

use std::collections::BTreeMap;

use anyhow::{bail, Result};
use rusqlite::types::Value as Sql;
use rusqlite::OptionalExtension as _;
use serde_json::{json, Value};

use crate::render::Rows;
use crate::Store;

/// An inclusive date range on event days. Bounds may be `YYYY-MM-DD`,
/// `YYYY-MM` or `YYYY` (`--to 2024-05` takes all of May).
#[derive(Debug, Clone, Default)]
pub struct Span {
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Span {
    /// Both bounds are real dates at one of the three precisions
    /// ([`is_date`]); the CLI and the API reject the same values.
    pub fn check(&self) -> Result<()> {
        for b in [&self.from, &self.to].into_iter().flatten() {
            if !is_date(b) {
                bail!("{b:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date)");
            }
        }
        Ok(())
    }

    /// SQL conditions on column `col` and their parameters.
    pub(crate) fn sql(&self, col: &str, conds: &mut Vec<String>, args: &mut Vec<Sql>) {
        if let Some(f) = &self.from {
            args.push(Sql::Text(f.clone()));
            conds.push(format!("{col} >= ?{}", args.len()));
        }
        if let Some(t) = &self.to {
            args.push(Sql::Text(t.clone()));
            let n = args.len();
            conds.push(format!("substr({col}, 1, length(?{n})) <= ?{n}"));
        }
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day
/// (`2023-13-01` and `2023-02-30` are not dates).
pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse().unwrap_or(0)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        }
        _ => false,
    }
}

/// A CAMEO root: two digits, 01–20.
pub fn is_root(s: &str) -> bool {
    s.len() == 2
        && s.bytes().all(|b| b.is_ascii_digit())
        && (1..=20).contains(&s.parse().unwrap_or(0))
}

/// A CAMEO code or code prefix: a root followed by at most two digits.
pub fn is_code(s: &str) -> bool {
    (2..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) && is_root(&s[..2])
}

/// Checks the filters the CLI and the API share: dates, root, code, quad.
pub fn check_filter(f: &EventFilter) -> Result<()> {
    f.span.check()?;
    if let Some(r) = f.root.as_deref().filter(|r| !is_root(r)) {
        bail!("root {r:?} is not a CAMEO root (01-20)");
    }
    if let Some(c) = f.code.as_deref().filter(|c| !is_code(c)) {
        bail!("code {c:?} is not a CAMEO code (2-4 digits starting with a root 01-20)");
    }
    if let Some(q) = f.quad.filter(|q| !(1..=4).contains(q)) {
        bail!("quad {q} is not a quad class (1-4)");
    }
    Ok(())
}

/// Filters of `shiju events`.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub span: Span,
    /// Either side is this actor: a code (`RUS`), or an entity key
    /// (`person:putin`) matched on the entities behind the codes.
    pub actor: Option<String>,
    /// Directed: source and target.
    pub dyad: Option<(String, String)>,
    /// Two-digit CAMEO root.
    pub root: Option<String>,
    /// CAMEO code; events whose code starts with it.
    pub code: Option<String>,
    pub quad: Option<u8>,
    pub limit: Option<usize>,
}

fn sql_to_json(v: Sql) -> Value {
    match v {
        Sql::Null => Value::Null,
        Sql::Integer(i) => json!(i),
        Sql::Real(f) => json!(f),
        Sql::Text(s) => Value::String(s),
        Sql::Blob(b) => Value::String(format!("<{} bytes>", b.len())),
    }
}

fn run(store: &Store, sql: &str, args: &[Sql], columns: &[&str]) -> Result<Rows> {
    let mut st = store.conn.prepare(sql)?;
    let n = st.column_count();
    let mut out = Rows::new(columns);
    let mut rows = st.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        let mut row = Vec::with_capacity(n);
        for i in 0..n {
            row.push(sql_to_json(r.get::<_, Sql>(i)?));
        }
        out.rows.push(row);
    }
    Ok(out)
}

/// Two actors in either direction (the dashboard's dyad view).
pub type Pair = Option<(String, String)>;

/// The `WHERE` clause (possibly empty) and parameters of `f` (and `pair`)
/// on `events e`.
pub(crate) fn event_conditions(f: &EventFilter, pair: &Pair) -> Result<(String, Vec<Sql>)> {
    check_filter(f)?;
    let mut conds = Vec::new();
    let mut args = Vec::new();
    if let Some((a, b)) = pair {
        args.push(Sql::Text(a.to_uppercase()));
        args.push(Sql::Text(b.to_uppercase()));
        let (x, y) = (args.len() - 1, args.len());
        conds.push(format!(
            "((e.source = ?{x} AND e.target = ?{y}) OR (e.source = ?{y} AND e.target = ?{x}))"
        ));
    }
    f.span.sql("e.day", &mut conds, &mut args);
    if let Some(a) = &f.actor {
        // A person (`person:putin`): the entity behind either side.
        let (key, source, target) = if a.contains(':') {
            (a.clone(), "e.source_entity", "e.target_entity")
        } else {
            (a.to_uppercase(), "e.source", "e.target")
        };
        args.push(Sql::Text(key));
        let n = args.len();
        conds.push(format!("({source} = ?{n} OR {target} = ?{n})"));
    }
    if let Some((s, t)) = &f.dyad {
        args.push(Sql::Text(s.to_uppercase()));
        conds.push(format!("e.source = ?{}", args.len()));
        args.push(Sql::Text(t.to_uppercase()));
        conds.push(format!("e.target = ?{}", args.len()));
    }
    if let Some(r) = &f.root {
        args.push(Sql::Text(format!("{r:0>2}")));
        conds.push(format!("e.root = ?{}", args.len()));
    }
    if let Some(c) = &f.code {
        args.push(Sql::Text(c.clone()));
        conds.push(format!(
            "substr(e.code, 1, length(?{0})) = ?{0}",
            args.len()
        ));
    }
    if let Some(q) = f.quad {
        args.push(Sql::Integer(i64::from(q)));
        conds.push(format!("e.quad_class = ?{}", args.len()));
    }
    let wh = if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    };
    Ok((wh, args))
}

/// The columns of [`events`] and [`events_ordered`].
pub(crate) const EVENT_COLUMNS: &[&str] = &[
    "id",
    "date",
    "source",
    "target",
    "code",
    "root",
    "quad",
    "goldstein",
    "plover",
    "mentions",
    "articles",
    "sources",
    "evidence",
    "first_article",
];

/// `shiju events`: one row per event, by day.
pub fn events(store: &Store, f: &EventFilter) -> Result<Rows> {
    events_ordered(store, f, &None, "e.day, e.id", 0)
}

/// The events of `f` in `order` (an `ORDER BY` list over `events e`),
/// skipping `offset` rows and keeping `f.limit`.
pub(crate) fn events_ordered(
    store: &Store,
    f: &EventFilter,
    pair: &Pair,
    order: &str,
    offset: usize,
) -> Result<Rows> {
    let (wh, args) = event_conditions(f, pair)?;
    let limit = match (f.limit, offset) {
        (Some(l), 0) => format!("LIMIT {l}"),
        (Some(l), o) => format!("LIMIT {l} OFFSET {o}"),
        (None, 0) => String::new(),
        (None, o) => format!("LIMIT -1 OFFSET {o}"),
    };
    let sql = format!(
        "SELECT e.id, e.date, e.source, e.target, e.code, e.root, e.quad_class, e.goldstein, e.plover,
                e.num_mentions, e.num_articles, e.num_sources,
                (SELECT {evidence} FROM event_mentions m JOIN articles a ON a.id = m.article_id
                 WHERE m.event_id = e.id ORDER BY m.id LIMIT 1),
                (SELECT coalesce(a.title, a.item) FROM articles a WHERE a.id = e.first_article)
         FROM events e {wh} ORDER BY {order} {limit}",
        evidence = crate::EVIDENCE
    );
    run(store, &sql, &args, EVENT_COLUMNS)
}

/// How many events match `f` (its limit ignored).
pub fn count_events(store: &Store, f: &EventFilter, pair: &Pair) -> Result<i64> {
    let (wh, args) = event_conditions(f, pair)?;
    Ok(store.conn.query_row(
        &format!("SELECT count(*) FROM events e {wh}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?)
}

/// Period granularity of `shiju relations`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum By {
    Day,
    Week,
    #[default]
    Month,
}

impl std::str::FromStr for By {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "day" => Ok(By::Day),
            "week" => Ok(By::Week),
            "month" => Ok(By::Month),
            _ => Err(format!(
                "unknown period {s:?} (expected day, week or month)"
            )),
        }
    }
}

fn period(day: chrono::NaiveDate, by: By) -> String {
    use chrono::Datelike;
    match by {
        By::Day => day.format("%Y-%m-%d").to_string(),
        By::Month => day.format("%Y-%m").to_string(),
        By::Week => {
            let w = day.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Agg {
    n: i64,
    quad: [i64; 4],
    gsum: f64,
    gn: i64,
}

impl Agg {
    fn add(&mut self, quad: i64, g: Option<f64>) {
        self.n += 1;
        if (1..=4).contains(&quad) {
            self.quad[(quad - 1) as usize] += 1;
        }
        if let Some(g) = g {
            self.gsum += g;
            self.gn += 1;
        }
    }
    fn mean(&self) -> Option<f64> {
        (self.gn > 0).then(|| self.gsum / self.gn as f64)
    }
}

/// The result of `shiju relations`.
#[derive(Debug, Clone)]
pub struct Relations {
    /// One row per period and direction (`A→B`, `B→A`, `both`).
    pub rows: Rows,
    /// Every period from the first to the last with events (gaps included).
    pub periods: Vec<String>,
    /// Combined Goldstein mean per period (`None`: no events).
    pub means: Vec<Option<f64>>,
}

/// `shiju relations A B`: per period, events per quad class and Goldstein
/// sum and mean, for A→B, B→A and both directions. Events dated less
/// precisely than the period (a year-only date by month, a month-only date
/// by week) are not put in the period their date starts: they come after
/// the periods, under their date and precision (`2022 (year only)`), and
/// stay out of the periods' range and Goldstein means.
pub fn relations(store: &Store, a: &str, b: &str, by: By, span: &Span) -> Result<Relations> {
    span.check()?;
    let (a, b) = (a.to_uppercase(), b.to_uppercase());
    let mut conds = vec!["day IS NOT NULL".to_string()];
    let mut args = vec![Sql::Text(a.clone()), Sql::Text(b.clone())];
    conds.push("((source = ?1 AND target = ?2) OR (source = ?2 AND target = ?1))".into());
    span.sql("day", &mut conds, &mut args);
    let sql = format!(
        "SELECT source, day, quad_class, goldstein, date FROM events WHERE {} ORDER BY day",
        conds.join(" AND ")
    );
    let mut st = store.conn.prepare(&sql)?;
    let mut rows = st.query(rusqlite::params_from_iter(args.iter()))?;
    let mut by_period: BTreeMap<String, [Agg; 3]> = BTreeMap::new();
    // Events dated less precisely than a period, apart: (first day, label).
    let mut apart: BTreeMap<(String, String), [Agg; 3]> = BTreeMap::new();
    let (mut first, mut last) = (None, None);
    while let Some(r) = rows.next()? {
        let source: String = r.get(0)?;
        let day: String = r.get(1)?;
        let quad: i64 = r.get(2)?;
        let g: Option<f64> = r.get(3)?;
        let date: String = r.get(4)?;
        let Ok(d) = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d") else {
            continue;
        };
        if let Some(label) = too_coarse(&date, by) {
            let aggs = apart.entry((day, label)).or_default();
            aggs[if source == a { 0 } else { 1 }].add(quad, g);
            aggs[2].add(quad, g);
            continue;
        }
        first = Some(first.map_or(d, |f: chrono::NaiveDate| f.min(d)));
        last = Some(last.map_or(d, |l: chrono::NaiveDate| l.max(d)));
        let aggs = by_period.entry(period(d, by)).or_default();
        aggs[if source == a { 0 } else { 1 }].add(quad, g);
        aggs[2].add(quad, g);
    }
    let mut periods = Vec::new();
    if let (Some(mut d), Some(l)) = (first, last) {
        let mut steps = 0;
        while d <= l && steps < 366 * 100 {
            let p = period(d, by);
            if periods.last() != Some(&p) {
                periods.push(p);
            }
            d = match d.succ_opt() {
                Some(n) => n,
                None => break,
            };
            steps += 1;
        }
    }
    let mut out = Rows::new(&[
        "period",
        "direction",
        "events",
        "q1_verbal_coop",
        "q2_material_coop",
        "q3_verbal_conflict",
        "q4_material_conflict",
        "goldstein_sum",
        "goldstein_mean",
    ]);
    let dirs = [format!("{a}→{b}"), format!("{b}→{a}"), "both".to_string()];
    let mut means = Vec::new();
    for p in &periods {
        let Some(aggs) = by_period.get(p) else {
            means.push(None);
            continue;
        };
        means.push(aggs[2].mean());
        for (agg, dir) in aggs.iter().zip(&dirs) {
            if agg.n > 0 {
                out.rows.push(agg_row(p, dir, agg));
            }
        }
    }
    for ((_, label), aggs) in &apart {
        for (agg, dir) in aggs.iter().zip(&dirs) {
            if agg.n > 0 {
                out.rows.push(agg_row(label, dir, agg));
            }
        }
    }
    Ok(Relations {
        rows: out,
        periods,
        means,
    })
}

fn agg_row(period: &str, dir: &str, agg: &Agg) -> Vec<Value> {
    vec![
        json!(period),
        json!(dir),
        json!(agg.n),
        json!(agg.quad[0]),
        json!(agg.quad[1]),
        json!(agg.quad[2]),
        json!(agg.quad[3]),
        json!((agg.gsum * 100.0).round() / 100.0),
        agg.mean()
            .map_or(Value::Null, |m| json!((m * 100.0).round() / 100.0)),
    ]
}

/// The label under which an event dated `date` is shown apart when no one
/// period of `by` holds it (`2022 (year only)`, `2022-03 (month only)`,
/// `2022-W05 (week across two months)`), or `None` when one does.
fn too_coarse(date: &str, by: By) -> Option<String> {
    use crate::dash::Precision;
    let p = Precision::of(date)?;
    if p.bucket(by).is_some() {
        return None;
    }
    let what = match (p, by) {
        (Precision::Week(_), By::Month) => "week across two months".to_string(),
        _ => format!("{} only", p.name()),
    };
    Some(format!("{} ({what})", date.trim()))
}

/// `shiju network`: directed actor-to-actor edges weighted by event count
/// and Goldstein sum, heaviest first.
pub fn network(store: &Store, span: &Span, min_count: usize) -> Result<Rows> {
    span.check()?;
    let mut conds = vec!["source <> ''".to_string(), "target <> ''".to_string()];
    let mut args = Vec::new();
    span.sql("day", &mut conds, &mut args);
    args.push(Sql::Integer(i64::try_from(min_count).unwrap_or(i64::MAX)));
    let sql = format!(
        "SELECT source, target, count(*) AS n, sum(num_mentions), round(coalesce(sum(goldstein), 0), 2),
                round(avg(goldstein), 2)
         FROM events WHERE {} GROUP BY source, target HAVING n >= ?{} ORDER BY n DESC, source, target",
        conds.join(" AND "),
        args.len()
    );
    run(
        store,
        &sql,
        &args,
        &[
            "source",
            "target",
            "events",
            "mentions",
            "goldstein_sum",
            "goldstein_mean",
        ],
    )
}

fn like_escape(q: &str) -> String {
    q.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Up to `radius` characters either side of the first occurrence of `q` in
/// `text`, with the hit between « and ».
fn snippet(text: &str, q: &str, radius: usize) -> Option<String> {
    let at = text.find(q)?;
    let mut before: Vec<char> = text[..at].chars().rev().take(radius + 1).collect();
    let mut after: Vec<char> = text[at + q.len()..].chars().take(radius + 1).collect();
    let cut_before = before.len() > radius;
    let cut_after = after.len() > radius;
    before.truncate(radius);
    after.truncate(radius);
    let lead: String = before.iter().rev().collect();
    let tail: String = after.iter().collect();
    Some(format!(
        "{}{lead}«{q}»{tail}{}",
        if cut_before { "…" } else { "" },
        if cut_after { "…" } else { "" }
    ))
}

/// `shiju search`: articles matching `query` (substring, any script when
/// `normalized` gives its simplified form), best first, with a highlighted
/// snippet. The full-text index answers (BM25, see `search`); a query it
/// cannot look up (one with a CJK character standing alone, 美、日) scans
/// the articles instead.
pub fn search(
    store: &Store,
    query: &str,
    normalized: Option<&str>,
    span: &Span,
    limit: usize,
) -> Result<Rows> {
    span.check()?;
    let q = query.trim();
    if q.is_empty() {
        bail!("empty search query");
    }
    let nq = normalized
        .map(str::trim)
        .filter(|n| !n.is_empty() && *n != q);
    let mut out = Rows::new(&[
        "article",
        "doc",
        "item",
        "title",
        "published",
        "score",
        "snippet",
        "copies",
    ]);
    let terms: Vec<&str> = std::iter::once(q).chain(nq).collect();
    // Near-duplicates collapse into their best-ranked copy: fetch extra.
    let lim = limit.max(1).saturating_mul(20);
    store.sync_search()?;
    let index = store.search_index()?;
    // An index still numbered as before a `reanalyze` (another process holds
    // its lock and has not rebuilt it yet) would name the wrong articles.
    let ranked = if index.same_generation(&store.conn)? {
        index.search(q, nq, span.from.as_deref(), span.to.as_deref(), lim)?
    } else {
        None
    };
    let hits = match ranked {
        Some(ranked) => {
            let mut st = store.conn.prepare_cached(
                "SELECT a.doc_id, a.item, a.title, a.published, a.body, a.norm,
                        coalesce(a.duplicate_of, a.id)
                 FROM articles a WHERE a.id = ?1",
            )?;
            let mut hits = Vec::with_capacity(ranked.len());
            for (id, score) in ranked {
                let row = st
                    .query_row([id], |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, Option<String>>(2)?,
                            r.get::<_, Option<String>>(3)?,
                            r.get::<_, String>(4)?,
                            r.get::<_, Option<String>>(5)?,
                            r.get::<_, i64>(6)?,
                        ))
                    })
                    .optional()?;
                // An id the store no longer has (the index is being rebuilt).
                let Some((doc, item, title, published, body, norm, group)) = row else {
                    continue;
                };
                let snip = snippet_of(&terms, title.as_deref(), &body, norm.as_deref());
                let score = (f64::from(score) * 1000.0).round() / 1000.0;
                hits.push((json!(score), id, doc, item, title, published, snip, group));
            }
            hits
        }
        None => scan(store, &terms, span)?,
    };
    let rows = hits
        .into_iter()
        .map(|(score, id, doc, item, title, published, snip, group)| {
            vec![
                json!(id),
                json!(doc),
                json!(item),
                json!(title),
                json!(published),
                score,
                json!(snip),
                json!(group),
            ]
        })
        .collect();
    out.rows = collapse(rows, limit);
    Ok(out)
}

/// The first hit of any of `terms` in the body, else the title, else the
/// simplified body.
fn snippet_of(terms: &[&str], title: Option<&str>, body: &str, norm: Option<&str>) -> String {
    terms
        .iter()
        .find_map(|t| snippet(body, t, 24).or_else(|| title.and_then(|ti| snippet(ti, t, 24))))
        .or_else(|| norm.and_then(|n| terms.iter().find_map(|t| snippet(n, t, 24))))
        .unwrap_or_default()
}

type Hit = (
    Value,
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
    String,
    i64,
);

/// Every article containing one of `terms`, scored by occurrences (title
/// three times): for queries the index cannot look up.
fn scan(store: &Store, terms: &[&str], span: &Span) -> Result<Vec<Hit>> {
    let mut conds = Vec::new();
    let mut args = Vec::new();
    span.sql("a.published", &mut conds, &mut args);
    let mut like = Vec::new();
    for t in terms {
        args.push(Sql::Text(format!("%{}%", like_escape(t))));
        let n = args.len();
        like.push(format!(
            "a.title LIKE ?{n} ESCAPE '\\' OR a.body LIKE ?{n} ESCAPE '\\' OR a.norm LIKE ?{n} ESCAPE '\\'"
        ));
    }
    conds.push(format!("({})", like.join(" OR ")));
    let sql = format!(
        "SELECT a.id, a.doc_id, a.item, a.title, a.published, a.body, a.norm,
                coalesce(a.duplicate_of, a.id)
         FROM articles a WHERE {}",
        conds.join(" AND ")
    );
    let mut st = store.conn.prepare(&sql)?;
    let mut rows = st.query(rusqlite::params_from_iter(args.iter()))?;
    let mut hits = Vec::new();
    while let Some(r) = rows.next()? {
        let title: Option<String> = r.get(3)?;
        let body: String = r.get(5)?;
        let norm: Option<String> = r.get(6)?;
        let ft = title.as_deref().unwrap_or_default();
        let score: usize = terms
            .iter()
            .map(|t| {
                ft.matches(t).count() * 3
                    + body
                        .matches(t)
                        .count()
                        .max(norm.as_deref().map_or(0, |n| n.matches(t).count()))
            })
            .sum();
        let snip = snippet_of(terms, title.as_deref(), &body, norm.as_deref());
        hits.push((
            json!(score),
            r.get::<_, i64>(0)?,
            r.get(1)?,
            r.get(2)?,
            title,
            r.get(4)?,
            snip,
            r.get(7)?,
        ));
    }
    hits.sort_by(|x, y| y.0.as_u64().cmp(&x.0.as_u64()).then(x.1.cmp(&y.1)));
    Ok(hits)
}

/// Keeps the first (best-ranked) row of each near-duplicate group (the
/// last cell), replacing that cell by the number of copies matched.
fn collapse(rows: Vec<Vec<Value>>, limit: usize) -> Vec<Vec<Value>> {
    let mut order: Vec<Vec<Value>> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for mut r in rows {
        let key = r.last().map(|v| v.to_string()).unwrap_or_default();
        match at.get(&key) {
            Some(&i) => {
                if let Some(c) = order[i].last_mut() {
                    *c = json!(c.as_i64().unwrap_or(1) + 1);
                }
            }
            None => {
                if let Some(c) = r.last_mut() {
                    *c = json!(1);
                }
                at.insert(key, order.len());
                order.push(r);
            }
        }
    }
    order.truncate(limit.max(1));
    order
}

/// `shiju rejects`: every rejected input or feed item with its file and
/// reason (`span` filters on the time it was recorded).
pub fn rejects(store: &Store, span: &Span) -> Result<Rows> {
    span.check()?;
    let mut conds = vec!["o.status = 'rejected'".to_string()];
    let mut args = Vec::new();
    span.sql("o.at", &mut conds, &mut args);
    let sql = format!(
        "SELECT o.id, o.doc_id, o.source_path, o.item, o.reason, o.at FROM outcomes o
         WHERE {} ORDER BY o.id",
        conds.join(" AND ")
    );
    run(
        store,
        &sql,
        &args,
        &["id", "doc", "path", "item", "reason", "recorded"],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_cut_on_chars() {
        assert_eq!(
            snippet("中国外交部表示", "外交", 2).as_deref(),
            Some("中国«外交»部表…")
        );
        assert_eq!(snippet("abc", "z", 2), None);
    }

    #[test]
    fn periods() {
        let d = chrono::NaiveDate::from_ymd_opt(2024, 12, 30).unwrap();
        assert_eq!(period(d, By::Week), "2025-W01");
        assert_eq!(period(d, By::Month), "2024-12");
        assert_eq!(period(d, By::Day), "2024-12-30");
    }

    #[test]
    fn coarse_dates_are_shown_apart() {
        assert_eq!(too_coarse("2022", By::Month).unwrap(), "2022 (year only)");
        assert_eq!(too_coarse("2022", By::Week).unwrap(), "2022 (year only)");
        assert_eq!(
            too_coarse("2022-03", By::Week).unwrap(),
            "2022-03 (month only)"
        );
        assert_eq!(too_coarse("2022-03", By::Month), None);
        assert_eq!(too_coarse("2022-03-05", By::Day), None);
        // ISO week 2024-W05 runs from 29 January to 4 February.
        assert_eq!(
            too_coarse("2024-W05", By::Month).unwrap(),
            "2024-W05 (week across two months)"
        );
        assert_eq!(too_coarse("2024-W10", By::Month), None);
        assert_eq!(too_coarse("2024-W10", By::Week), None);
    }

    #[test]
    fn relations_keep_year_only_events_out_of_january() {
        let t = tempfile::tempdir().unwrap();
        let store = Store::open(t.path()).unwrap();
        for (i, (date, day, g)) in [
            ("2022", "2022-01-01", -5.0),
            ("2022-01-20", "2022-01-20", 3.0),
            ("2022-03-02", "2022-03-02", 1.0),
        ]
        .iter()
        .enumerate()
        {
            store
                .conn
                .execute(
                    "INSERT INTO events(source, target, root, date, day, code, quad_class, goldstein, is_root, added)
                     VALUES ('CHN', 'RUS', ?1, ?2, ?3, '040', 1, ?4, 0, '20240101000000')",
                    rusqlite::params![format!("{:02}", i + 1), date, day, g],
                )
                .unwrap();
        }
        let r = relations(&store, "CHN", "RUS", By::Month, &Span::default()).unwrap();
        assert_eq!(r.periods, ["2022-01", "2022-02", "2022-03"]);
        assert_eq!(r.means, [Some(3.0), None, Some(1.0)]);
        let labels: Vec<&str> = r.rows.rows.iter().filter_map(|x| x[0].as_str()).collect();
        assert_eq!(labels.last(), Some(&"2022 (year only)"));
        let jan_both = r
            .rows
            .rows
            .iter()
            .find(|x| x[0] == "2022-01" && x[1] == "both")
            .unwrap();
        assert_eq!(jan_both[2], 1);
    }

    #[test]
    fn spans_are_checked() {
        let s = Span {
            from: Some("2024-01".into()),
            to: Some("yesterday".into()),
        };
        assert!(s.check().is_err());
        for bad in ["2023-13-01", "2023-02-30", "2022-13", "20230", "2023-1"] {
            let s = Span {
                from: Some(bad.into()),
                to: None,
            };
            assert!(s.check().is_err(), "{bad}");
        }
        for good in ["2023", "2023-12", "2024-02-29"] {
            assert!(is_date(good), "{good}");
        }
    }

    #[test]
    fn filters_are_checked() {
        let f = |root: Option<&str>, code: Option<&str>, quad: Option<u8>| EventFilter {
            root: root.map(str::to_string),
            code: code.map(str::to_string),
            quad,
            ..EventFilter::default()
        };
        assert!(check_filter(&f(Some("04"), Some("042"), Some(1))).is_ok());
        assert!(check_filter(&f(Some("99"), None, None)).is_err());
        assert!(check_filter(&f(Some("4"), None, None)).is_err());
        assert!(check_filter(&f(None, Some("2101"), None)).is_err());
        assert!(check_filter(&f(None, Some("04a"), None)).is_err());
        assert!(check_filter(&f(None, None, Some(5))).is_err());
    }
}
