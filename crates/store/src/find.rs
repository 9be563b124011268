//! The dashboard's search (`/api/search`): several terms (AND by default,
//! `OR` between groups, "quoted phrases"), each looked up as a substring in
//! either script through the full-text index (a scan where the index cannot
//! answer), Latin names through the gazetteer's English names (`Kim Jong Un`
//! → 金正恩), filtered by outlet and publication date, sorted by relevance
//! or date, near-duplicates collapsed, with the number of hits.

use std::collections::HashMap;

use shiju_text::punct;

use anyhow::{bail, Result};
use rusqlite::types::Value as Sql;
use serde_json::{json, Value};

use crate::names::Names;
use crate::query::Span;
use crate::Store;

/// Most terms one query may have.
const MAX_TERMS: usize = 8;
/// Most articles one term contributes.
const PER_TERM: usize = 5000;

/// Options of [`find`].
#[derive(Debug, Clone, Default)]
pub struct FindOptions {
    pub span: Span,
    /// Only articles whose outlet contains this.
    pub outlet: Option<String>,
    /// Newest first instead of best first.
    pub by_date: bool,
    pub offset: usize,
    pub limit: usize,
}

/// The words of a query: quoted phrases kept whole, `OR` kept as a word.
fn words(q: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in q.chars() {
        match c {
            '"' | '“' | '”' | punct::LEFT_CORNER | punct::RIGHT_CORNER => {
                if quoted || !cur.trim().is_empty() {
                    let w = std::mem::take(&mut cur);
                    if !w.trim().is_empty() {
                        out.push((w.trim().to_string(), quoted));
                    }
                }
                cur.clear();
                quoted = !quoted;
            }
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push((std::mem::take(&mut cur), false));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        out.push((cur.trim().to_string(), quoted));
    }
    out
}

fn is_latin_word(w: &str) -> bool {
    w.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '\'')
}

/// The query as groups joined by OR, each a list of terms joined by AND.
/// Runs of Latin words that name someone the gazetteer knows
/// (`Kim Jong Un`) become one term.
pub fn parse(q: &str, names: &Names) -> Result<Vec<Vec<String>>> {
    let ws = words(q);
    let mut groups: Vec<Vec<String>> = vec![Vec::new()];
    let mut i = 0;
    let mut n = 0;
    while i < ws.len() {
        let (w, quoted) = &ws[i];
        if !quoted && (w == "OR" || w == "|" || w == "或") {
            if groups.last().is_some_and(|g| !g.is_empty()) {
                groups.push(Vec::new());
            }
            i += 1;
            continue;
        }
        let mut take = 1;
        if !quoted && is_latin_word(w) {
            for k in (2..=4).rev() {
                let run = &ws[i..ws.len().min(i + k)];
                if run.len() == k && run.iter().all(|(x, q)| !q && is_latin_word(x) && x != "OR") {
                    let joined: Vec<&str> = run.iter().map(|(x, _)| x.as_str()).collect();
                    if !names.latin_forms(&joined.join(" ")).is_empty() {
                        take = k;
                        break;
                    }
                }
            }
        }
        let term: Vec<&str> = ws[i..i + take].iter().map(|(x, _)| x.as_str()).collect();
        if let Some(g) = groups.last_mut() {
            g.push(term.join(" "));
        }
        n += 1;
        if n > MAX_TERMS {
            bail!("at most {MAX_TERMS} search terms");
        }
        i += take;
    }
    groups.retain(|g| !g.is_empty());
    if groups.is_empty() {
        bail!("empty search query");
    }
    Ok(groups)
}

/// What a term is looked up as: itself, its simplified form and, for a
/// Latin name, the gazetteer's Chinese forms.
fn alternatives(term: &str, names: &Names, normalize: &dyn Fn(&str) -> String) -> Vec<String> {
    let mut alts = vec![term.to_string()];
    let mut push = |s: String| {
        if !s.trim().is_empty() && !alts.contains(&s) {
            alts.push(s);
        }
    };
    push(normalize(term));
    for f in names.latin_forms(term) {
        push(f.clone());
        push(normalize(f));
    }
    alts
}

fn like_escape(q: &str) -> String {
    q.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Articles containing any of `alts`, with a score.
fn term_hits(store: &Store, alts: &[String], span: &Span) -> Result<HashMap<i64, f32>> {
    let index = store.search_index()?;
    let usable = index.same_generation(&store.conn)?;
    let mut out: HashMap<i64, f32> = HashMap::new();
    for alt in alts {
        let ranked = if usable {
            index.search(
                alt,
                None,
                span.from.as_deref(),
                span.to.as_deref(),
                PER_TERM,
            )?
        } else {
            None
        };
        let hits = match ranked {
            Some(r) => r,
            None => scan(store, alt, span)?,
        };
        for (id, s) in hits {
            let e = out.entry(id).or_default();
            *e = e.max(s);
        }
    }
    Ok(out)
}

fn scan(store: &Store, alt: &str, span: &Span) -> Result<Vec<(i64, f32)>> {
    let mut args = vec![Sql::Text(format!("%{}%", like_escape(alt)))];
    let mut conds = vec![
        "(a.title LIKE ?1 ESCAPE '\\' OR a.body LIKE ?1 ESCAPE '\\' OR a.norm LIKE ?1 ESCAPE '\\')"
            .to_string(),
    ];
    if let Some(f) = &span.from {
        args.push(Sql::Text(f.clone()));
        conds.push(format!("a.published >= ?{}", args.len()));
    }
    if let Some(t) = &span.to {
        args.push(Sql::Text(t.clone()));
        conds.push(format!(
            "substr(a.published, 1, length(?{0})) <= ?{0}",
            args.len()
        ));
    }
    let sql = format!(
        "SELECT a.id, a.title, a.body FROM articles a WHERE {} LIMIT {PER_TERM}",
        conds.join(" AND ")
    );
    let mut st = store.conn.prepare(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        let title: Option<String> = r.get(1)?;
        let body: String = r.get(2)?;
        let n = title.as_deref().unwrap_or("").matches(alt).count() * 3 + body.matches(alt).count();
        Ok((r.get::<_, i64>(0)?, n.max(1) as f32))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A window of `text` around the first occurrence of any of `alts`, and
/// the character ranges of every occurrence inside it.
pub fn snippet(text: &str, alts: &[String], radius: usize) -> Option<(String, Vec<[usize; 2]>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut hits: Vec<[usize; 2]> = Vec::new();
    for a in alts {
        let ac: Vec<char> = a.chars().collect();
        if ac.is_empty() || ac.len() > chars.len() {
            continue;
        }
        for i in 0..=chars.len() - ac.len() {
            if chars[i..i + ac.len()] == ac[..] {
                hits.push([i, i + ac.len()]);
            }
        }
    }
    let first = hits.iter().map(|h| h[0]).min()?;
    let start = first.saturating_sub(radius);
    // The window ends `3 × radius` after the first hit, or after the last
    // hit that starts before that.
    let end0 = first + radius * 3;
    let end = hits
        .iter()
        .filter(|h| h[0] < end0)
        .map(|h| h[1])
        .fold(end0, usize::max)
        .min(chars.len());
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < chars.len() { "…" } else { "" };
    let shift = lead.chars().count();
    let mut marks: Vec<[usize; 2]> = hits
        .into_iter()
        .filter(|h| h[0] >= start && h[1] <= end)
        .map(|h| [h[0] - start + shift, h[1] - start + shift])
        .collect();
    marks.sort_unstable();
    let mut merged: Vec<[usize; 2]> = Vec::new();
    for m in marks {
        match merged.last_mut() {
            Some(l) if m[0] <= l[1] => l[1] = l[1].max(m[1]),
            _ => merged.push(m),
        }
    }
    let body: String = chars[start..end].iter().collect();
    Some((format!("{lead}{body}{tail}"), merged))
}

struct Meta {
    id: i64,
    doc: i64,
    item: String,
    title: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    group: i64,
    score: f32,
}

/// Runs a search: `{query, terms, total, offset, hits}`, each hit with its
/// article, title, date, outlet, URL, score, number of near-duplicate
/// `copies`, and a plain `snippet_text` with `highlights` (character ranges).
pub fn find(
    store: &Store,
    q: &str,
    names: &Names,
    normalize: &dyn Fn(&str) -> String,
    opts: &FindOptions,
) -> Result<Value> {
    opts.span.check()?;
    let groups = parse(q, names)?;
    store.sync_search()?;
    let mut all_alts: Vec<String> = Vec::new();
    let mut terms_json = Vec::new();
    let mut scores: HashMap<i64, f32> = HashMap::new();
    for g in &groups {
        let mut acc: Option<HashMap<i64, f32>> = None;
        let mut gj = Vec::new();
        for t in g {
            let alts = alternatives(t, names, normalize);
            let hits = term_hits(store, &alts, &opts.span)?;
            acc = Some(match acc {
                None => hits,
                Some(prev) => prev
                    .into_iter()
                    .filter_map(|(id, s)| hits.get(&id).map(|h| (id, s + h)))
                    .collect(),
            });
            gj.push(json!({"term": t, "alternatives": alts}));
            all_alts.extend(alts);
        }
        for (id, s) in acc.unwrap_or_default() {
            let e = scores.entry(id).or_default();
            *e = e.max(s);
        }
        terms_json.push(Value::Array(gj));
    }
    let mut metas = Vec::with_capacity(scores.len());
    let mut st = store.conn.prepare_cached(
        "SELECT a.doc_id, a.item, a.title, a.published, a.outlet, a.url, coalesce(a.duplicate_of, a.id)
         FROM articles a WHERE a.id = ?1",
    )?;
    let wanted_outlet = opts.outlet.as_deref().map(str::to_lowercase);
    for (id, score) in scores {
        let mut rows = st.query([id])?;
        let Some(r) = rows.next()? else { continue };
        // the columns in the order of the SELECT (rusqlite's tuple from a row)
        let (doc, item, title, published, outlet, url, group) = r.try_into()?;
        let m = Meta {
            id,
            doc,
            item,
            title,
            published,
            outlet,
            url,
            group,
            score,
        };
        if let Some(o) = &wanted_outlet {
            if !m
                .outlet
                .as_deref()
                .is_some_and(|x| x.to_lowercase().contains(o))
            {
                continue;
            }
        }
        metas.push(m);
    }
    // Best copy of each near-duplicate group first.
    metas.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.id.cmp(&y.id)));
    let mut copies: HashMap<i64, usize> = HashMap::new();
    let mut kept = Vec::new();
    for m in metas {
        let c = copies.entry(m.group).or_default();
        *c += 1;
        if *c == 1 {
            kept.push(m);
        }
    }
    if opts.by_date {
        kept.sort_by(|x, y| {
            (y.published.is_some(), &y.published)
                .cmp(&(x.published.is_some(), &x.published))
                .then(x.id.cmp(&y.id))
        });
    }
    let total = kept.len();
    let mut hits = Vec::new();
    let mut body_st = store
        .conn
        .prepare_cached("SELECT a.body, a.norm FROM articles a WHERE a.id = ?1")?;
    for m in kept.into_iter().skip(opts.offset).take(opts.limit.max(1)) {
        let (body, norm): (String, Option<String>) =
            body_st.query_row([m.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let (text, marks) = snippet(&body, &all_alts, 30)
            .or_else(|| norm.as_deref().and_then(|n| snippet(n, &all_alts, 30)))
            .or_else(|| m.title.as_deref().and_then(|t| snippet(t, &all_alts, 30)))
            .unwrap_or_default();
        hits.push(json!({
            "article": m.id, "doc": m.doc, "item": m.item, "title": m.title,
            "published": m.published, "outlet": m.outlet, "url": m.url,
            "score": (f64::from(m.score) * 1000.0).round() / 1000.0,
            "copies": copies.get(&m.group).copied().unwrap_or(1),
            "snippet_text": text, "highlights": marks,
        }));
    }
    Ok(json!({
        "query": q, "terms": terms_json, "total": total, "offset": opts.offset, "hits": hits,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_parse() {
        let n = Names::load(None).unwrap();
        assert_eq!(
            parse("普京 金正恩", &n).unwrap(),
            vec![vec!["普京", "金正恩"]]
        );
        assert_eq!(
            parse("普京 OR 金正恩", &n).unwrap(),
            vec![vec!["普京"], vec!["金正恩"]]
        );
        assert_eq!(
            parse("\"外交部 发言人\" 中国", &n).unwrap(),
            vec![vec!["外交部 发言人", "中国"]]
        );
        assert_eq!(parse("Kim Jong Un", &n).unwrap(), vec![vec!["Kim Jong Un"]]);
        assert_eq!(
            parse("kim jong un 普京", &n).unwrap(),
            vec![vec!["kim jong un", "普京"]]
        );
        assert!(parse("  ", &n).is_err());
        assert!(parse("OR", &n).is_err());
        assert!(parse("a b c d e f g h i", &n).is_err());
        let alts = alternatives("Kim Jong Un", &n, &|s| s.to_string());
        assert!(alts.iter().any(|a| a == "金正恩"), "{alts:?}");
    }

    #[test]
    fn snippets_mark_every_term() {
        let alts = vec!["普京".to_string(), "金正恩".to_string()];
        let (t, m) = snippet("俄罗斯总统普京会见金正恩。", &alts, 2).unwrap();
        assert_eq!(t, "…总统普京会见金正恩…");
        assert_eq!(m, vec![[3, 5], [7, 10]]);
        assert!(snippet("abc", &alts, 2).is_none());
    }
}
