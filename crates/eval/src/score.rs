//! Scoring one gold document against one predicted analysis.

use std::collections::BTreeSet;

use shiju_core::{Analysis, Article};
use shiju_text::punct;

use crate::dates::{date_matches, Period};
use crate::gold::{cameo_root, quad_of_root, Gold, GoldArticle, GoldEvent};
use crate::matching::max_matching;
use crate::report::{clip, ArticleCheck, ArticleScores, Counts, DocReport, EventRow, Report};

/// Scores predictions: one optional analysis per gold document (`None`:
/// nothing was predicted — every gold item is a miss and every article
/// field is wrong). `normalize` maps a surface form to its script-normalised
/// form (identity is fine for tests).
pub fn evaluate(
    pairs: &[(&Gold, Option<&Analysis>)],
    normalize: &dyn Fn(&str) -> String,
) -> Report {
    let mut r = Report {
        documents: pairs.len(),
        ..Report::default()
    };
    let mut right = [0usize; 7];
    for (gold, pred) in pairs {
        let d = score_document(gold, *pred, normalize);
        for (i, (_, ok)) in d.article.fields().iter().enumerate() {
            right[i] += usize::from(*ok);
        }
        r.counts.add(&d.counts);
        r.per_document.push(d);
    }
    let share = |n: usize| {
        if pairs.is_empty() {
            0.0
        } else {
            n as f64 / pairs.len() as f64
        }
    };
    r.article = ArticleScores {
        title: share(right[0]),
        published: share(right[1]),
        authors: share(right[2]),
        outlet: share(right[3]),
        url: share(right[4]),
        script: share(right[5]),
        body: share(right[6]),
    };
    r
}

/// Scores one document.
pub fn score_document(
    gold: &Gold,
    pred: Option<&Analysis>,
    normalize: &dyn Fn(&str) -> String,
) -> DocReport {
    let empty = Analysis::default();
    let a = pred.unwrap_or(&empty);
    let mut d = DocReport {
        doc: gold.doc.clone(),
        predicted: pred.is_some(),
        ..DocReport::default()
    };
    d.article = match pred {
        Some(p) => check_article(&gold.article, &p.article),
        None => ArticleCheck {
            failures: vec!["no analysis for this document".to_string()],
            ..ArticleCheck::default()
        },
    };
    let ent_match = score_entities(gold, a, normalize, &mut d);
    score_timex(gold, a, normalize, &mut d);
    score_quotes(gold, a, normalize, &ent_match, &mut d);
    score_events(gold, a, &mut d);
    d
}

// ---------------------------------------------------------------- article

/// Removes whitespace (incl. U+3000 and zero-width characters) and folds
/// full-width ASCII (U+FF01–U+FF5E) to half-width.
pub fn fold_title(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}'))
        .map(fold_width_char)
        .collect()
}

fn fold_width_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// An author name for comparison: trimmed, inner whitespace collapsed,
/// full-width ASCII folded, lower-cased.
fn fold_author(s: &str) -> String {
    let s: String = s.chars().map(fold_width_char).collect();
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A predicted optional string: trimmed, empty counts as none.
fn present(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn show(s: Option<&str>) -> String {
    match s {
        Some(s) => format!("'{}'", clip(s, 40)),
        None => "none".to_string(),
    }
}

fn check_exact(
    field: &str,
    gold: Option<&str>,
    pred: Option<&str>,
    eq: impl Fn(&str, &str) -> bool,
    failures: &mut Vec<String>,
) -> bool {
    let ok = match (gold, pred) {
        (None, None) => true,
        (Some(g), Some(p)) => eq(g, p),
        _ => false,
    };
    if !ok {
        failures.push(format!(
            "{field}: expected {}, got {}",
            show(gold),
            show(pred)
        ));
    }
    ok
}

/// Checks the article fields of section 1.
pub fn check_article(g: &GoldArticle, p: &Article) -> ArticleCheck {
    let mut c = ArticleCheck::default();
    let f = &mut c.failures;
    let gt = present(&g.title);
    c.title = check_exact(
        "title",
        gt,
        present(&p.title),
        |a, b| fold_title(a) == fold_title(b),
        f,
    );

    let pp = present(&p.published);
    c.published = match (present(&g.published), pp) {
        (None, None) => true,
        (Some(gp), Some(pp)) => gp == pp || g.published_alt.iter().any(|alt| alt.trim() == pp),
        _ => false,
    };
    if !c.published {
        let mut exp = show(present(&g.published));
        let alts: Vec<&str> = g.published_alt.iter().map(|s| s.trim()).collect();
        if !alts.is_empty() {
            exp = format!("{exp} or {}", alts.join("/"));
        }
        f.push(format!("published: expected {exp}, got {}", show(pp)));
    }

    let set = |v: &[String]| -> BTreeSet<String> {
        v.iter()
            .map(|s| fold_author(s))
            .filter(|s| !s.is_empty())
            .collect()
    };
    c.authors = set(&g.authors) == set(&p.authors);
    if !c.authors {
        f.push(format!(
            "authors: expected [{}], got [{}]",
            g.authors.join("; "),
            p.authors.join("; ")
        ));
    }
    c.outlet = check_exact(
        "outlet",
        present(&g.outlet),
        present(&p.outlet),
        |a, b| a == b,
        f,
    );
    c.url = check_exact("url", present(&g.url), present(&p.url), |a, b| a == b, f);
    let gs = g.script.as_deref().map(|s| s.trim().to_lowercase());
    c.script = gs.as_deref() == Some(p.script.as_str());
    if !c.script {
        f.push(format!(
            "script: expected {}, got '{}'",
            show(gs.as_deref()),
            p.script.as_str()
        ));
    }

    let body_text = p.body_text();
    let body = body_text.trim();
    let mut body_ok = true;
    let starts = g.body_starts.trim();
    if !body.starts_with(starts) {
        body_ok = false;
        f.push(format!(
            "body: missing body_starts '{}' (body starts '{}')",
            clip(starts, 30),
            clip(
                &body
                    .chars()
                    .take(starts.chars().count().max(10))
                    .collect::<String>(),
                30
            )
        ));
    }
    let ends = g.body_ends.trim();
    if !body.ends_with(ends) {
        body_ok = false;
        let n = ends.chars().count().max(10);
        let total = body.chars().count();
        let tail: String = body.chars().skip(total.saturating_sub(n)).collect();
        f.push(format!(
            "body: missing body_ends '{}' (body ends '{}')",
            clip(ends, 30),
            clip(&tail, 30)
        ));
    }
    for s in g.body_must_contain.iter().map(|s| s.trim()) {
        if !s.is_empty() && !body.contains(s) {
            body_ok = false;
            f.push(format!("body: missing '{}'", clip(s, 30)));
        }
    }
    for s in g.body_must_not_contain.iter().map(|s| s.trim()) {
        if !s.is_empty() && body.contains(s) {
            body_ok = false;
            f.push(format!("body: contains '{}'", clip(s, 30)));
        }
    }
    c.body = body_ok;
    c
}

// --------------------------------------------------------------- entities

/// Scores entities; returns, for each gold entity, the index of the
/// predicted entity it is matched to.
fn score_entities(
    gold: &Gold,
    a: &Analysis,
    normalize: &dyn Fn(&str) -> String,
    d: &mut DocReport,
) -> Vec<Option<usize>> {
    let norm_set = |forms: &mut dyn Iterator<Item = &str>| -> BTreeSet<String> {
        forms
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| normalize(s).trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let gforms: Vec<BTreeSet<String>> = gold
        .entities
        .iter()
        .map(|e| norm_set(&mut e.forms.iter().map(String::as_str)))
        .collect();
    let pforms: Vec<BTreeSet<String>> = a
        .entities
        .iter()
        .map(|e| {
            norm_set(
                &mut e
                    .forms
                    .iter()
                    .map(String::as_str)
                    .chain(e.mentions.iter().map(|m| m.text.as_str())),
            )
        })
        .collect();
    let mut edges = Vec::new();
    for (gi, ge) in gold.entities.iter().enumerate() {
        for (pi, pe) in a.entities.iter().enumerate() {
            if ge.kind == pe.kind && !gforms[gi].is_disjoint(&pforms[pi]) {
                edges.push((gi, pi, u32::from(ge.id == pe.id)));
            }
        }
    }
    let m = max_matching(gold.entities.len(), a.entities.len(), &edges);
    let mut g2p = vec![None; gold.entities.len()];
    let mut p_matched = vec![false; a.entities.len()];
    for &(gi, pi) in &m {
        g2p[gi] = Some(pi);
        p_matched[pi] = true;
        let (gid, pid) = (&gold.entities[gi].id, &a.entities[pi].id);
        if gid == pid {
            d.counts.entities_linked += 1;
        } else {
            d.unlinked.push((gid.clone(), pid.clone()));
        }
    }
    d.counts.entities = Counts::new(
        m.len(),
        a.entities.len() - m.len(),
        gold.entities.len() - m.len(),
    );
    d.missed_entities = gold
        .entities
        .iter()
        .zip(&g2p)
        .filter(|(_, m)| m.is_none())
        .map(|(e, _)| e.id.clone())
        .collect();
    d.spurious_entities = a
        .entities
        .iter()
        .zip(&p_matched)
        .filter(|(_, m)| !**m)
        .map(|(e, _)| match e.forms.first() {
            Some(f) => format!("{} ({f})", e.id),
            None => e.id.clone(),
        })
        .collect();
    g2p
}

// ------------------------------------------------------------------ timex

/// Timex are scored as *pairs*: the guidelines annotate each distinct
/// (text, value) pair of a document once, however often the expression
/// recurs, so both sides are reduced to their distinct pairs (two `今天`
/// with different values stay two pairs).
fn score_timex(gold: &Gold, a: &Analysis, normalize: &dyn Fn(&str) -> String, d: &mut DocReport) {
    let key = |text: &str, value: &str| {
        (
            normalize(text.trim()).trim().to_string(),
            value.trim().to_string(),
        )
    };
    let mut gold_keys: Vec<((String, String), usize)> = Vec::new();
    for (i, t) in gold.timex.iter().enumerate() {
        let k = key(&t.text, &t.value);
        if !gold_keys.iter().any(|(g, _)| *g == k) {
            gold_keys.push((k, i));
        }
    }
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut gold_hit = vec![false; gold_keys.len()];
    let (mut tp, mut fp) = (0, 0);
    for t in &a.timex {
        let k = key(&t.text, &t.value);
        if seen.contains(&k) {
            continue;
        }
        seen.push(k.clone());
        match gold_keys.iter().position(|(g, _)| *g == k) {
            Some(gi) => {
                gold_hit[gi] = true;
                tp += 1;
            }
            None => {
                fp += 1;
                d.spurious_timex.push((t.text.clone(), t.value.clone()));
            }
        }
    }
    d.missed_timex = gold_keys
        .iter()
        .zip(&gold_hit)
        .filter(|(_, hit)| !**hit)
        .map(|((_, i), _)| (gold.timex[*i].text.clone(), gold.timex[*i].value.clone()))
        .collect();
    d.counts.timex = Counts::new(tp, fp, gold_keys.len() - tp);
}

// ----------------------------------------------------------------- quotes

const QUOTE_MARKS: &[char] = &[
    '"',
    '\'',
    '“',
    '”',
    '‘',
    '’',
    punct::LEFT_CORNER,
    punct::RIGHT_CORNER,
    punct::LEFT_WHITE_CORNER,
    punct::RIGHT_WHITE_CORNER,
    '﹁',
    '﹂',
    '﹃',
    '﹄',
    punct::REVERSED_DOUBLE_PRIME,
    punct::DOUBLE_PRIME,
    punct::FULLWIDTH_QUOTATION_MARK,
    punct::FULLWIDTH_APOSTROPHE,
    '«',
    '»',
];

fn quote_core(s: &str) -> &str {
    s.trim().trim_start_matches(QUOTE_MARKS).trim_start()
}

fn score_quotes(
    gold: &Gold,
    a: &Analysis,
    normalize: &dyn Fn(&str) -> String,
    g2p: &[Option<usize>],
    d: &mut DocReport,
) {
    // Predicted ids acceptable as the speaker of each gold speaker id.
    let speaker_ids = |gid: &str| -> Vec<String> {
        let idx: Vec<usize> = gold
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.id == gid)
            .map(|(i, _)| i)
            .collect();
        if idx.is_empty() {
            // The speaker is not among the gold entities: fall back to the id.
            return vec![gid.to_string()];
        }
        idx.iter()
            .filter_map(|&i| g2p.get(i).copied().flatten())
            .filter_map(|pi| a.entities.get(pi).map(|e| e.id.clone()))
            .collect()
    };
    let ptexts: Vec<(&str, String)> = a
        .quotes
        .iter()
        .map(|q| {
            let raw = quote_core(&q.text);
            (raw, normalize(raw))
        })
        .collect();
    let mut edges = Vec::new();
    for (gi, gq) in gold.quotes.iter().enumerate() {
        let ok_ids = speaker_ids(&gq.speaker);
        let starts = quote_core(&gq.starts);
        let starts_norm = normalize(starts);
        for (pi, pq) in a.quotes.iter().enumerate() {
            let Some(sp) = pq.speaker.as_deref() else {
                continue;
            };
            if !ok_ids.iter().any(|id| id == sp) {
                continue;
            }
            let (raw, norm) = &ptexts[pi];
            if raw.starts_with(starts) || norm.starts_with(starts_norm.as_str()) {
                edges.push((gi, pi, 0));
            }
        }
    }
    let m = max_matching(gold.quotes.len(), a.quotes.len(), &edges);
    let mut gh = vec![false; gold.quotes.len()];
    let mut ph = vec![false; a.quotes.len()];
    for &(g, p) in &m {
        gh[g] = true;
        ph[p] = true;
    }
    d.counts.quotes = Counts::new(
        m.len(),
        a.quotes.len() - m.len(),
        gold.quotes.len() - m.len(),
    );
    d.missed_quotes = gold
        .quotes
        .iter()
        .zip(&gh)
        .filter(|(_, h)| !**h)
        .map(|(q, _)| (q.speaker.clone(), q.starts.clone()))
        .collect();
    d.spurious_quotes = a
        .quotes
        .iter()
        .zip(&ph)
        .filter(|(_, h)| !**h)
        .map(|(q, _)| (q.speaker.clone(), q.text.clone()))
        .collect();
}

// ----------------------------------------------------------------- events

/// The root the scorer reads from a predicted event: its `cameo`, or failing
/// that the first two digits of its `code`.
fn pred_root(e: &shiju_core::Event<shiju_core::Chars>) -> Option<String> {
    cameo_root(&e.cameo).or_else(|| cameo_root(&e.code))
}

fn pred_quad(e: &shiju_core::Event<shiju_core::Chars>) -> Option<usize> {
    match pred_root(e).and_then(|r| quad_of_root(&r)) {
        Some(q) => Some(usize::from(q) - 1),
        None if (1..=4).contains(&e.quad_class) => Some(usize::from(e.quad_class) - 1),
        None => None,
    }
}

fn gold_row(e: &GoldEvent) -> EventRow {
    EventRow {
        source: e.source.clone(),
        target: e.target.clone(),
        root: cameo_root(&e.cameo).unwrap_or_else(|| e.cameo.clone()),
        alt: e.cameo_alt.clone(),
        code: e.code.clone(),
        date: e.date.clone(),
        evidence: e.evidence.clone(),
    }
}

fn pred_row(e: &shiju_core::Event<shiju_core::Chars>) -> EventRow {
    EventRow {
        source: e.source.clone(),
        target: e.target.clone(),
        root: pred_root(e).unwrap_or_else(|| e.cameo.clone()),
        alt: Vec::new(),
        code: Some(e.code.clone()).filter(|c| !c.is_empty()),
        date: e.date.clone(),
        evidence: e.evidence.clone(),
    }
}

fn actor(s: &str) -> String {
    s.trim().to_uppercase()
}

fn score_events(gold: &Gold, a: &Analysis, d: &mut DocReport) {
    struct G {
        source: String,
        target: String,
        root: Option<String>,
        roots: Vec<String>,
        date: Option<Period>,
        date_raw: String,
    }
    let gs: Vec<G> = gold
        .events
        .iter()
        .map(|e| {
            let root = cameo_root(&e.cameo);
            let mut roots: Vec<String> = root.iter().cloned().collect();
            roots.extend(e.cameo_alt.iter().filter_map(|c| cameo_root(c)));
            G {
                source: actor(&e.source),
                target: actor(&e.target),
                root,
                roots,
                date: Period::parse(&e.date),
                date_raw: e.date.trim().to_string(),
            }
        })
        .collect();
    let mut edges = Vec::new();
    for (pi, pe) in a.events.iter().enumerate() {
        let (Some(root), Some(pdate)) = (pred_root(pe), Period::parse(&pe.date)) else {
            continue;
        };
        let (src, tgt) = (actor(&pe.source), actor(&pe.target));
        for (gi, g) in gs.iter().enumerate() {
            let Some(gdate) = &g.date else { continue };
            if g.source == src
                && g.target == tgt
                && g.roots.contains(&root)
                && date_matches(gdate, &pdate)
            {
                // Prefer the primary root, then the exact date.
                let bonus = 2 * u32::from(g.root.as_deref() == Some(root.as_str()))
                    + u32::from(g.date_raw == pe.date.trim());
                edges.push((gi, pi, bonus));
            }
        }
    }
    let m = max_matching(gs.len(), a.events.len(), &edges);
    let mut gh = vec![false; gs.len()];
    let mut ph = vec![false; a.events.len()];
    for &(g, p) in &m {
        gh[g] = true;
        ph[p] = true;
    }
    d.counts.events = Counts::new(m.len(), a.events.len() - m.len(), gs.len() - m.len());
    for (gi, g) in gs.iter().enumerate() {
        let q = g
            .root
            .as_deref()
            .and_then(quad_of_root)
            .map(|q| usize::from(q) - 1);
        if let Some(q) = q {
            if gh[gi] {
                d.counts.events_by_quad[q].tp += 1;
            } else {
                d.counts.events_by_quad[q].fn_ += 1;
            }
        }
        if !gh[gi] {
            d.missed_events.push(gold_row(&gold.events[gi]));
        }
    }
    for (pi, pe) in a.events.iter().enumerate() {
        if !ph[pi] {
            if let Some(q) = pred_quad(pe) {
                d.counts.events_by_quad[q].fp += 1;
            }
            d.spurious_events.push(pred_row(pe));
        }
    }
}
