//! Read models of the dashboard (`shiju serve`): a dyad's relations per
//! direction and per CAMEO root with every period of the range present
//! (zero-filled) and imprecise dates apart, an actor's timeline across all
//! its counterparts, the country map, and a page of events with its total.
//!
//! An event dated only to a year, a month or a week that straddles two
//! months is never drawn in a period it may not belong to: it goes to
//! `imprecise`, listed with its own date.

use std::collections::{BTreeMap, HashMap};

use anyhow::{bail, Result};
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::types::Value as Sql;
use serde_json::{json, Value};
use shiju_core::Period;

use crate::names::Names;
use crate::query::{self, By, EventFilter, Span};
use crate::render::Rows;
use crate::Store;

/// Most periods one chart draws (ten years by day).
const MAX_PERIODS: usize = 3700;

/// The precision of a stored event date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day(NaiveDate),
    /// The Monday of an ISO week.
    Week(NaiveDate),
    /// The first day of a month.
    Month(NaiveDate),
    Year(i32),
}

impl Precision {
    /// Reads `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM` or `YYYY`.
    pub fn of(date: &str) -> Option<Precision> {
        let period = Period::parse(date)?;
        let first = period.first_day()?;
        Some(match period {
            Period::Year(y) => Precision::Year(y),
            Period::Week(..) => Precision::Week(first),
            Period::Month(..) => Precision::Month(first),
            Period::Day(d) => Precision::Day(d),
        })
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Precision::Day(_) => "day",
            Precision::Week(_) => "week",
            Precision::Month(_) => "month",
            Precision::Year(_) => "year",
        }
    }

    /// The first day of the one period of granularity `by` that holds the
    /// whole date, or `None` when it may fall in more than one.
    pub(crate) fn bucket(self, by: By) -> Option<NaiveDate> {
        let start = |d: NaiveDate| period_start(d, by);
        match (self, by) {
            (Precision::Day(d), _) => Some(start(d)),
            (Precision::Week(m), By::Week) => Some(m),
            (Precision::Week(m), By::Month) => {
                let sunday = m + Duration::days(6);
                (sunday.month() == m.month()).then(|| start(m))
            }
            (Precision::Month(f), By::Month) => Some(f),
            _ => None,
        }
    }
}

/// The first day of the period of `d`.
fn period_start(d: NaiveDate, by: By) -> NaiveDate {
    match by {
        By::Day => d,
        By::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
        By::Month => d.with_day(1).unwrap_or(d),
    }
}

fn next_period(d: NaiveDate, by: By) -> Option<NaiveDate> {
    match by {
        By::Day => d.succ_opt(),
        By::Week => d.checked_add_signed(Duration::days(7)),
        By::Month => d.checked_add_months(chrono::Months::new(1)),
    }
}

/// The label of the period starting on `d` (`2024-05-03`, `2024-W18`,
/// `2024-05`).
fn label(d: NaiveDate, by: By) -> String {
    match by {
        By::Day => d.format("%Y-%m-%d").to_string(),
        By::Month => d.format("%Y-%m").to_string(),
        By::Week => {
            let w = d.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
    }
}

/// The last day a span bound names (`2024` → 2024-12-31).
fn last_day(bound: &str) -> Option<NaiveDate> {
    Period::parse(bound)?.range().map(|(_, last)| last)
}

fn first_of(bound: &str) -> Option<NaiveDate> {
    Period::parse(bound)?.first_day()
}

/// Every period start from the span's `from` (else `lo`) to its `to` (else
/// `hi`).
fn periods(
    span: &Span,
    lo: Option<NaiveDate>,
    hi: Option<NaiveDate>,
    by: By,
) -> Result<Vec<NaiveDate>> {
    let from = span.from.as_deref().and_then(first_of).or(lo);
    let to = span.to.as_deref().and_then(last_day).or(hi);
    let (Some(from), Some(to)) = (from, to) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut d = period_start(from, by);
    while d <= to {
        out.push(d);
        if out.len() > MAX_PERIODS {
            bail!(
                "more than {MAX_PERIODS} periods: choose a longer period (week, month) or a shorter range"
            );
        }
        match next_period(d, by) {
            Some(n) => d = n,
            None => break,
        }
    }
    Ok(out)
}

/// Counts of one series over the periods.
#[derive(Debug, Clone, Default)]
struct Series {
    events: Vec<i64>,
    quad: [Vec<i64>; 4],
    gsum: Vec<f64>,
    gn: Vec<i64>,
}

impl Series {
    fn new(n: usize) -> Series {
        Series {
            events: vec![0; n],
            quad: std::array::from_fn(|_| vec![0; n]),
            gsum: vec![0.0; n],
            gn: vec![0; n],
        }
    }
    fn add(&mut self, i: usize, quad: i64, g: Option<f64>) {
        self.events[i] += 1;
        if (1..=4).contains(&quad) {
            self.quad[(quad - 1) as usize][i] += 1;
        }
        if let Some(g) = g {
            self.gsum[i] += g;
            self.gn[i] += 1;
        }
    }
    fn json(&self) -> Value {
        let round = |x: f64| (x * 100.0).round() / 100.0;
        let means: Vec<Value> = self
            .gsum
            .iter()
            .zip(&self.gn)
            .map(|(s, n)| {
                if *n > 0 {
                    json!(round(s / *n as f64))
                } else {
                    Value::Null
                }
            })
            .collect();
        json!({
            "events": self.events,
            "q1": self.quad[0], "q2": self.quad[1], "q3": self.quad[2], "q4": self.quad[3],
            "goldstein_sum": self.gsum.iter().map(|s| round(*s)).collect::<Vec<_>>(),
            "goldstein_mean": means,
            "total": self.events.iter().sum::<i64>(),
        })
    }
}

/// One stored event as the charts read it.
struct Ev {
    source: String,
    target: String,
    date: String,
    root: String,
    quad: i64,
    goldstein: Option<f64>,
}

/// `cond` and the span's bounds on `day`, parameters appended to `args`.
fn span_conds(cond: &str, args: &mut Vec<Sql>, span: &Span) -> Vec<String> {
    let mut conds = vec![cond.to_string()];
    if let Some(f) = &span.from {
        args.push(Sql::Text(f.clone()));
        conds.push(format!("day >= ?{}", args.len()));
    }
    if let Some(t) = &span.to {
        args.push(Sql::Text(t.clone()));
        conds.push(format!("substr(day, 1, length(?{0})) <= ?{0}", args.len()));
    }
    conds
}

fn load_events(store: &Store, cond: &str, mut args: Vec<Sql>, span: &Span) -> Result<Vec<Ev>> {
    let conds = span_conds(cond, &mut args, span);
    let sql = format!(
        "SELECT source, target, date, root, quad_class, goldstein FROM events WHERE {} ORDER BY day, id",
        conds.join(" AND ")
    );
    let mut st = store.conn.prepare(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        Ok(Ev {
            source: r.get(0)?,
            target: r.get(1)?,
            date: r.get(2)?,
            root: r.get(3)?,
            quad: r.get(4)?,
            goldstein: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Events per (source, target) under `cond`: count, Goldstein sum, number
/// of scored events.
#[allow(clippy::type_complexity)]
fn load_pairs(
    store: &Store,
    cond: &str,
    mut args: Vec<Sql>,
    span: &Span,
) -> Result<Vec<(String, String, (i64, f64, i64))>> {
    let conds = span_conds(cond, &mut args, span);
    let sql = format!(
        "SELECT source, target, count(*), coalesce(sum(goldstein), 0), count(goldstein)
         FROM events WHERE {} GROUP BY source, target",
        conds.join(" AND ")
    );
    let mut st = store.conn.prepare(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        Ok((r.get(0)?, r.get(1)?, (r.get(2)?, r.get(3)?, r.get(4)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn by_name(by: By) -> &'static str {
    match by {
        By::Day => "day",
        By::Week => "week",
        By::Month => "month",
    }
}

/// Where each event goes: its period's index, or apart (imprecise).
fn place(evs: &[Ev], span: &Span, by: By) -> Result<(Vec<String>, Vec<Option<usize>>)> {
    let buckets: Vec<Option<NaiveDate>> = evs
        .iter()
        .map(|e| Precision::of(&e.date).and_then(|p| p.bucket(by)))
        .collect();
    let lo = buckets.iter().flatten().min().copied();
    let hi = buckets.iter().flatten().max().copied();
    let starts = periods(span, lo, hi, by)?;
    let index: HashMap<NaiveDate, usize> =
        starts.iter().enumerate().map(|(i, d)| (*d, i)).collect();
    let at = buckets
        .iter()
        .map(|b| b.and_then(|d| index.get(&d).copied()))
        .collect();
    Ok((starts.iter().map(|d| label(*d, by)).collect(), at))
}

/// The events of `evs` that no period holds, grouped by date and `key`.
fn imprecise<'a>(
    evs: &'a [Ev],
    at: &[Option<usize>],
    key: impl Fn(&'a Ev) -> String,
) -> Vec<Value> {
    let mut groups: BTreeMap<(String, String), (String, Series)> = BTreeMap::new();
    for (e, i) in evs.iter().zip(at) {
        if i.is_some() {
            continue;
        }
        let precision = Precision::of(&e.date).map_or("none", Precision::name);
        let g = groups
            .entry((e.date.clone(), key(e)))
            .or_insert_with(|| (precision.to_string(), Series::new(1)));
        g.1.add(0, e.quad, e.goldstein);
    }
    groups
        .into_iter()
        .map(|((date, key), (precision, s))| {
            let j = s.json();
            json!({
                "date": date, "precision": precision, "key": key, "events": s.events[0],
                "quad": [s.quad[0][0], s.quad[1][0], s.quad[2][0], s.quad[3][0]],
                "goldstein_mean": j["goldstein_mean"][0],
            })
        })
        .collect()
}

/// A dyad A–B per period: `rows` (one per period and direction with
/// events), `goldstein_mean` (both directions); `series.ab` (A→B), `series.ba` (B→A) and
/// `series.both`, each with events per quad class and the Goldstein sum and
/// mean; `roots`, events per CAMEO root per direction; `imprecise`, the
/// events dated too coarsely for the periods (key `ab` or `ba`).
pub fn relations(store: &Store, a: &str, b: &str, by: By, span: &Span) -> Result<Value> {
    span.check()?;
    let evs = load_events(
        store,
        "((source = ?1 AND target = ?2) OR (source = ?2 AND target = ?1))",
        vec![Sql::Text(a.to_string()), Sql::Text(b.to_string())],
        span,
    )?;
    let (labels, at) = place(&evs, span, by)?;
    let n = labels.len();
    let mut series = [Series::new(n), Series::new(n), Series::new(n)];
    let mut roots: BTreeMap<String, [Vec<i64>; 3]> = BTreeMap::new();
    for (e, i) in evs.iter().zip(&at) {
        let Some(i) = *i else { continue };
        let dir = usize::from(e.source != a);
        series[dir].add(i, e.quad, e.goldstein);
        series[2].add(i, e.quad, e.goldstein);
        let r = roots
            .entry(e.root.clone())
            .or_insert_with(|| std::array::from_fn(|_| vec![0; n]));
        r[dir][i] += 1;
        r[2][i] += 1;
    }
    let roots: Vec<Value> = roots
        .into_iter()
        .map(|(root, [ab, ba, both])| json!({"root": root, "ab": ab, "ba": ba, "both": both}))
        .collect();
    let imp = imprecise(&evs, &at, |e| {
        if e.source == a {
            "ab".into()
        } else {
            "ba".into()
        }
    });
    let both = series[2].json();
    Ok(json!({
        "a": a, "b": b, "by": by_name(by), "periods": labels,
        "goldstein_mean": both["goldstein_mean"],
        "rows": period_rows(&labels, &series, &[format!("{a}→{b}"), format!("{b}→{a}"), "both".into()]),
        "series": {"ab": series[0].json(), "ba": series[1].json(), "both": series[2].json()},
        "roots": roots,
        "imprecise": imp,
    }))
}

/// One row per period and direction with events (as `shiju relations`
/// prints them).
fn period_rows(labels: &[String], series: &[Series; 3], dirs: &[String; 3]) -> Vec<Value> {
    let mut rows = Vec::new();
    for (i, p) in labels.iter().enumerate() {
        for (s, dir) in series.iter().zip(dirs) {
            if s.events[i] == 0 {
                continue;
            }
            let mean = (s.gn[i] > 0).then(|| (s.gsum[i] / s.gn[i] as f64 * 100.0).round() / 100.0);
            rows.push(json!({
                "period": p, "direction": dir, "events": s.events[i],
                "q1_verbal_coop": s.quad[0][i], "q2_material_coop": s.quad[1][i],
                "q3_verbal_conflict": s.quad[2][i], "q4_material_conflict": s.quad[3][i],
                "goldstein_sum": (s.gsum[i] * 100.0).round() / 100.0, "goldstein_mean": mean,
            }));
        }
    }
    rows
}

/// Actor `actor` week by week (or day, month) with each counterpart: the
/// `top` counterparts with most events, the rest summed as `others`.
pub fn timeline(store: &Store, actor: &str, by: By, span: &Span, top: usize) -> Result<Value> {
    span.check()?;
    let evs = load_events(
        store,
        "(source = ?1 OR target = ?1) AND source <> target AND source <> '' AND target <> ''",
        vec![Sql::Text(actor.to_string())],
        span,
    )?;
    let (labels, at) = place(&evs, span, by)?;
    let n = labels.len();
    let other = |e: &Ev| -> String {
        if e.source == actor {
            e.target.clone()
        } else {
            e.source.clone()
        }
    };
    let mut per: HashMap<String, (Series, i64, i64)> = HashMap::new();
    for (e, i) in evs.iter().zip(&at) {
        let c = per
            .entry(other(e))
            .or_insert_with(|| (Series::new(n), 0, 0));
        match i {
            Some(i) => c.0.add(*i, e.quad, e.goldstein),
            None => c.2 += 1,
        }
        c.1 += 1;
    }
    let mut ranked: Vec<(String, (Series, i64, i64))> = per.into_iter().collect();
    ranked.sort_by(|x, y| y.1 .1.cmp(&x.1 .1).then(x.0.cmp(&y.0)));
    let mut others = Series::new(n);
    let mut counterparts = Vec::new();
    for (i, (code, (s, total, imp))) in ranked.iter().enumerate() {
        if i < top.max(1) {
            let j = s.json();
            counterparts.push(json!({
                "code": code, "total": total, "imprecise": imp, "events": j["events"],
                "goldstein_mean": j["goldstein_mean"],
                "q": [j["q1"], j["q2"], j["q3"], j["q4"]],
            }));
        } else {
            for p in 0..n {
                others.events[p] += s.events[p];
            }
        }
    }
    Ok(json!({
        "actor": actor, "by": by_name(by), "periods": labels,
        "counterparts": counterparts,
        "others": {"count": ranked.len().saturating_sub(top.max(1)), "events": others.events},
        "imprecise": imprecise(&evs, &at, other),
    }))
}

/// Events per country on the map: each actor with a point in
/// `centroids.tsv`, its number of events and mean Goldstein; with `actor`,
/// only its counterparts. `links`: the heaviest pairs of placed actors.
pub fn map(store: &Store, names: &Names, actor: Option<&str>, span: &Span) -> Result<Value> {
    span.check()?;
    let (cond, args) = match actor {
        Some(a) => (
            "(source = ?1 OR target = ?1) AND source <> target",
            vec![Sql::Text(a.to_string())],
        ),
        None => (
            "source <> target AND source <> '' AND target <> ''",
            Vec::new(),
        ),
    };
    let pairs_in = load_pairs(store, cond, args, span)?;
    type Acc = (i64, f64, i64);
    let mut places: BTreeMap<String, Acc> = BTreeMap::new();
    let mut pairs: HashMap<(String, String), Acc> = HashMap::new();
    let add = |m: &mut Acc, x: &Acc| {
        m.0 += x.0;
        m.1 += x.1;
        m.2 += x.2;
    };
    for (source, target, acc) in &pairs_in {
        match actor {
            Some(a) => {
                let other = if source == a { target } else { source };
                add(places.entry(other.clone()).or_default(), acc);
            }
            None => {
                add(places.entry(source.clone()).or_default(), acc);
                add(places.entry(target.clone()).or_default(), acc);
            }
        }
        if names.point(source).is_some() && names.point(target).is_some() {
            let key = if source < target {
                (source.clone(), target.clone())
            } else {
                (target.clone(), source.clone())
            };
            add(pairs.entry(key).or_default(), acc);
        }
    }
    let mean = |s: f64, n: i64| {
        if n > 0 {
            json!(((s / n as f64) * 100.0).round() / 100.0)
        } else {
            Value::Null
        }
    };
    let mut unplaced = 0;
    let mut countries = Vec::new();
    for (code, (n, s, gn)) in &places {
        match names.point(code) {
            Some((lat, lon)) => countries.push(json!({
                "code": code, "events": n, "goldstein_mean": mean(*s, *gn), "lat": lat, "lon": lon,
            })),
            None => unplaced += n,
        }
    }
    let mut links: Vec<_> = pairs.into_iter().collect();
    links.sort_by(|x, y| y.1 .0.cmp(&x.1 .0).then(x.0.cmp(&y.0)));
    links.truncate(80);
    let links: Vec<Value> = links
        .into_iter()
        .map(|((a, b), (n, s, gn))| json!({"a": a, "b": b, "events": n, "goldstein_mean": mean(s, gn)}))
        .collect();
    Ok(json!({
        "actor": actor, "countries": countries, "links": links,
        "unplaced_events": unplaced,
    }))
}

/// How a page of events is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Oldest first; undated last.
    Date,
    /// Newest first; undated last.
    #[default]
    DateDesc,
    /// Most conflictual first.
    Goldstein,
    /// Most mentioned first.
    Mentions,
}

impl std::str::FromStr for Sort {
    type Err = String;
    fn from_str(s: &str) -> Result<Sort, String> {
        match s {
            "date" => Ok(Sort::Date),
            "-date" => Ok(Sort::DateDesc),
            "goldstein" => Ok(Sort::Goldstein),
            "-mentions" | "mentions" => Ok(Sort::Mentions),
            _ => Err(format!(
                "unknown sort {s:?} (expected date, -date, goldstein or mentions)"
            )),
        }
    }
}

impl Sort {
    /// By the first day of the date's period (an ISO week by its Monday),
    /// a more precise date first on the same day; undated last.
    fn order(self) -> &'static str {
        match self {
            Sort::Date => "(e.day IS NULL), e.day, length(e.date) DESC, e.id",
            Sort::DateDesc => "(e.day IS NULL), e.day DESC, length(e.date) DESC, e.id DESC",
            Sort::Goldstein => "(e.goldstein IS NULL), e.goldstein, e.day DESC, e.id",
            Sort::Mentions => "e.num_mentions DESC, e.day DESC, e.id",
        }
    }
}

/// One page of the events of `f` and `pair` (`f.limit` rows from `offset`), sorted,
/// with the number of all matching events. Each row has the article it was
/// first coded from (`article`, its `url` and `outlet`) and that mention's
/// evidence span (`start`, `end`).
pub fn events_page(
    store: &Store,
    f: &EventFilter,
    pair: &query::Pair,
    sort: Sort,
    offset: usize,
) -> Result<(i64, Rows)> {
    let total = query::count_events(store, f, pair)?;
    let mut rows = query::events_ordered(store, f, pair, sort.order(), offset)?;
    let idx = rows.columns.iter().position(|c| c == "id");
    rows.columns
        .extend(["article", "start", "end", "url", "outlet"].map(String::from));
    let mut st = store.conn.prepare_cached(
        "SELECT m.article_id, m.start, m.\"end\", a.url, a.outlet FROM events e
         JOIN event_mentions m ON m.event_id = e.id JOIN articles a ON a.id = m.article_id
         WHERE e.id = ?1 ORDER BY (m.article_id = e.first_article) DESC, m.id LIMIT 1",
    )?;
    for row in &mut rows.rows {
        let id = idx.and_then(|i| row.get(i)).and_then(Value::as_i64);
        let mut extra = vec![Value::Null; 5];
        if let Some(id) = id {
            let mut q = st.query([id])?;
            if let Some(r) = q.next()? {
                extra = vec![
                    json!(r.get::<_, i64>(0)?),
                    json!(r.get::<_, i64>(1)?),
                    json!(r.get::<_, i64>(2)?),
                    json!(r.get::<_, Option<String>>(3)?),
                    json!(r.get::<_, Option<String>>(4)?),
                ];
            }
        }
        row.extend(extra);
    }
    Ok((total, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn precision_and_buckets() {
        assert_eq!(Precision::of("2024"), Some(Precision::Year(2024)));
        assert_eq!(
            Precision::of("2024-05"),
            Some(Precision::Month(d("2024-05-01")))
        );
        assert_eq!(
            Precision::of("2020-W30"),
            Some(Precision::Week(d("2020-07-20")))
        );
        assert_eq!(Precision::of(""), None);
        // A year is never a January.
        assert_eq!(Precision::of("2024").unwrap().bucket(By::Month), None);
        assert_eq!(Precision::of("2024-05").unwrap().bucket(By::Week), None);
        assert_eq!(
            Precision::of("2024-05-15").unwrap().bucket(By::Week),
            Some(d("2024-05-13"))
        );
        // A week inside July counts in July; one across two months does not.
        assert_eq!(
            Precision::of("2020-W30").unwrap().bucket(By::Month),
            Some(d("2020-07-01"))
        );
        assert_eq!(Precision::of("2020-W31").unwrap().bucket(By::Month), None);
    }

    #[test]
    fn periods_are_zero_filled_over_the_span() {
        let span = Span {
            from: Some("2024-01".into()),
            to: Some("2024-04".into()),
        };
        let p = periods(&span, None, None, By::Month).unwrap();
        let l: Vec<String> = p.iter().map(|d| label(*d, By::Month)).collect();
        assert_eq!(l, ["2024-01", "2024-02", "2024-03", "2024-04"]);
        let p = periods(
            &Span::default(),
            Some(d("2024-12-30")),
            Some(d("2025-01-13")),
            By::Week,
        )
        .unwrap();
        let l: Vec<String> = p.iter().map(|d| label(*d, By::Week)).collect();
        assert_eq!(l, ["2025-W01", "2025-W02", "2025-W03"]);
        let long = Span {
            from: Some("1900".into()),
            to: Some("2024".into()),
        };
        assert!(periods(&long, None, None, By::Day).is_err());
        assert_eq!(last_day("2024-02"), Some(d("2024-02-29")));
    }

    #[test]
    fn sorts_parse() {
        assert_eq!("date".parse::<Sort>(), Ok(Sort::Date));
        assert!("x".parse::<Sort>().is_err());
    }
}
