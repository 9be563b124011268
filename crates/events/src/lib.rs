//! shiju-events: codes "who did what to whom, when" with CAMEO from the
//! sentences of a text, and attributes quotes to speakers.
//!
//! The coder works on the normalised text ([`Text::norm`]): it splits it into
//! sentences and clauses ([`segment`]), finds the trigger words of the verb
//! patterns of `lexicon/verbs.tsv` with one Aho-Corasick automaton, matches
//! each pattern around its trigger ([`pattern`] documents the language), fills
//! the actor slots from the entity mentions of the clause, drops negated,
//! hypothetical, interrogative and speculative statements, and dates each
//! event from the nearest temporal expression. Every event carries the
//! sentence it was coded from (as printed) and its span in the original text.

pub mod pattern;
pub mod segment;

mod actors;
mod filters;
mod quotes;

use std::collections::{HashMap, HashSet};

use daachorse::CharwiseDoubleArrayAhoCorasick;
use shiju_core::{Context, Entity, Event, Quote, Text, Timex};
use shiju_lexicon::{LexiconError, Table};

use actors::{Phrase, Units};
use pattern::{Elem, Flags, Pattern, Role};
use segment::Sentence;

const VERBS_TSV: &str = include_str!("../../../lexicon/verbs.tsv");
const CAMEO_TSV: &str = include_str!("../../../lexicon/cameo.tsv");

/// One CAMEO code of `lexicon/cameo.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoCode {
    pub code: String,
    pub name: String,
    pub goldstein: Option<f64>,
    pub quad_class: u8,
    pub plover: Option<String>,
}

/// The compiled verb-pattern lexicon and CAMEO tables, built once.
pub struct Coder {
    patterns: Vec<Pattern>,
    /// Trigger automaton over the alternatives of every pattern's anchor.
    triggers: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// Trigger id → patterns anchored on it.
    by_trigger: Vec<Vec<usize>>,
    cameo: HashMap<String, CameoCode>,
}

impl std::fmt::Debug for Coder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Coder")
            .field("patterns", &self.patterns.len())
            .field("cameo", &self.cameo.len())
            .finish()
    }
}

/// A pattern matched in a clause, before direction and filters.
#[derive(Debug, Clone)]
struct Match {
    pat: usize,
    s: Option<Phrase>,
    t: Option<Phrase>,
    /// Byte span (norm) of the matched literal part.
    start: usize,
    end: usize,
    /// Literal spans (norm), for the negation check.
    lits: Vec<(usize, usize)>,
    /// Where the region checked for negation/modality starts.
    lead_end: usize,
}

impl Coder {
    pub fn new(user_dir: Option<&std::path::Path>) -> Result<Self, LexiconError> {
        let cameo_t = Table::load("cameo.tsv", CAMEO_TSV, user_dir)?;
        let mut cameo = HashMap::new();
        for r in cameo_t.records() {
            let code = r.get("code");
            if code.starts_with('-') {
                cameo.remove(code.trim_start_matches('-'));
                continue;
            }
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) || code.len() < 2 {
                return Err(r.error(format!("bad CAMEO code {code:?}")));
            }
            let quad: u8 = match r.get("quad_class").parse() {
                Ok(q @ 1..=4) => q,
                _ => return Err(r.error("quad_class must be 1-4")),
            };
            let goldstein = match r.get("goldstein") {
                "" => None,
                g => Some(g.parse::<f64>().map_err(|_| r.error("bad goldstein"))?),
            };
            let plover = Some(r.get("plover_event").to_string()).filter(|p| !p.is_empty());
            cameo.insert(
                code.to_string(),
                CameoCode {
                    code: code.to_string(),
                    name: r.get("name").to_string(),
                    goldstein,
                    quad_class: quad,
                    plover,
                },
            );
        }

        let verbs = Table::load("verbs.tsv", VERBS_TSV, user_dir)?;
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for r in verbs.records() {
            let src = r.get("pattern");
            if let Some(key) = src.strip_prefix('-') {
                if let Some(i) = index.remove(key) {
                    patterns[i].elems.clear();
                }
                continue;
            }
            let code = r.get("code");
            if !cameo.contains_key(code) {
                return Err(r.error(format!("unknown CAMEO code {code:?}")));
            }
            let mut flags = Flags::default();
            for f in r.list("flags") {
                match f {
                    "sym" => flags.sym = true,
                    "visit" => flags.visit = true,
                    "host" => flags.host = true,
                    "nofuture" => flags.nofuture = true,
                    other => return Err(r.error(format!("unknown flag {other:?}"))),
                }
            }
            let p = pattern::parse(src, code, flags).map_err(|m| r.error(format!("{src}: {m}")))?;
            if (flags.visit || flags.host) && !(p.has_slot(Role::S) && p.has_slot(Role::T)) {
                return Err(r.error("visit/host patterns need {S} and {T}"));
            }
            if let Some(&i) = index.get(src) {
                patterns[i] = p;
            } else {
                index.insert(src.to_string(), patterns.len());
                patterns.push(p);
            }
        }
        patterns.retain(|p| !p.elems.is_empty());

        let mut trig_ids: HashMap<String, u32> = HashMap::new();
        let mut by_trigger: Vec<Vec<usize>> = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            if let Elem::Lit(alts) = &p.elems[p.anchor] {
                for a in alts {
                    let next = trig_ids.len() as u32;
                    let id = *trig_ids.entry(a.clone()).or_insert(next);
                    if id as usize == by_trigger.len() {
                        by_trigger.push(Vec::new());
                    }
                    by_trigger[id as usize].push(i);
                }
            }
        }
        let triggers = if trig_ids.is_empty() {
            None
        } else {
            let pv: Vec<(String, u32)> = trig_ids.into_iter().collect();
            Some(CharwiseDoubleArrayAhoCorasick::with_values(pv).map_err(|e| {
                LexiconError::Format {
                    file: "lexicon/verbs.tsv".into(),
                    line: 0,
                    msg: e.to_string(),
                }
            })?)
        };
        Ok(Coder {
            patterns,
            triggers,
            by_trigger,
            cameo,
        })
    }

    /// Number of compiled verb patterns.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// The CAMEO table entry of a code.
    pub fn cameo(&self, code: &str) -> Option<&CameoCode> {
        self.cameo.get(code)
    }

    /// Events coded from the text, one per (source, target, root, date).
    pub fn events(&self, text: &Text, entities: &[Entity], timex: &[Timex], ctx: &Context) -> Vec<Event> {
        let norm = text.norm.as_str();
        let map = actors::OffsetMap::new(text);
        let sents = segment::sentences(norm);
        let qspans = quotes::spans(norm);
        let units = Units::build(norm, entities, &map, &sents, &qspans);
        let tx = dates::Timexes::new(timex, &map, ctx, norm);
        let quotes = quotes::attribute(norm, &units, &sents, &qspans);

        let mut hits: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, trigger id)
        if let Some(ac) = &self.triggers {
            for m in ac.find_overlapping_iter(norm) {
                hits.push((m.start(), m.end(), m.value() as usize));
            }
        }
        hits.sort();

        let mut out: Vec<(Event, bool)> = Vec::new();
        let mut seen: HashSet<(String, String, String, String)> = HashSet::new();
        let mut hi = 0usize;
        for (si, sent) in sents.iter().enumerate() {
            while hi < hits.len() && hits[hi].0 < sent.start {
                hi += 1;
            }
            let mut sent_hits = Vec::new();
            let mut k = hi;
            while k < hits.len() && hits[k].0 < sent.end {
                sent_hits.push(hits[k]);
                k += 1;
            }
            if sent_hits.is_empty() {
                continue;
            }
            let sfilter = filters::sentence_blocks(&norm[sent.start..sent.end]);
            let mut carried: Option<Phrase> = None;
            for &(cs, ce) in &sent.clauses {
                let mut cands: Vec<Match> = Vec::new();
                for &(hs, he, tid) in &sent_hits {
                    if hs < cs || he > ce {
                        continue;
                    }
                    for &pi in &self.by_trigger[tid] {
                        if let Some(m) = self.match_at(pi, norm, &units, cs, ce, sent.end, hs, he, carried.as_ref()) {
                            cands.push(m);
                        }
                    }
                }
                // Subject of this clause, carried to the next ones.
                if let Some(subj) = units.clause_subject(norm, cs, ce) {
                    carried = Some(subj);
                }
                if cands.is_empty() || sfilter {
                    continue;
                }
                // Most specific first; drop matches overlapping a chosen one.
                                // Leftmost first, then the most literal characters, then the longest.
                cands.sort_by(|a, b| {
                    let wa = self.patterns[a.pat].weight;
                    let wb = self.patterns[b.pat].weight;
                    a.start
                        .cmp(&b.start)
                        .then(wb.cmp(&wa))
                        .then((b.end - b.start).cmp(&(a.end - a.start)))
                });
                let mut chosen: Vec<Match> = Vec::new();
                for m in cands {
                    if chosen.iter().any(|c| m.start < c.end && c.start < m.end) {
                        continue;
                    }
                    chosen.push(m);
                }
                chosen.sort_by_key(|m| m.start);
                for m in chosen {
                    self.emit(&m, norm, text, sent, si, cs, ce, &units, &tx, &quotes, &mut seen, &mut out);
                }
            }
        }
        merge_repeats(out)
    }

    /// Quotes with their speakers (only quotes whose speaker was found).
    pub fn quotes(&self, text: &Text, entities: &[Entity], _ctx: &Context) -> Vec<Quote> {
        let norm = text.norm.as_str();
        let map = actors::OffsetMap::new(text);
        let sents = segment::sentences(norm);
        let qspans = quotes::spans(norm);
        let units = Units::build(norm, entities, &map, &sents, &qspans);
        quotes::attribute(norm, &units, &sents, &qspans)
            .into_iter()
            .filter_map(|q| {
                let speaker = q.speaker?;
                let (s, e) = text.orig_span(q.start, q.end);
                Some(Quote {
                    speaker: Some(speaker),
                    text: text.original.get(s..e).unwrap_or("").to_string(),
                    start: s,
                    end: e,
                })
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn match_at(
        &self,
        pi: usize,
        norm: &str,
        units: &Units,
        cs: usize,
        ce: usize,
        se: usize,
        hs: usize,
        he: usize,
        carried: Option<&Phrase>,
    ) -> Option<Match> {
        let p = &self.patterns[pi];
        let mut st = MState {
            s: None,
            t: None,
            lits: vec![(hs, he)],
        };
        let end = forward(norm, units, &p.elems[p.anchor + 1..], he, ce, se, &mut st)?;
        let mut lead_end = cs;
        if let Some(role) = p.leading_slot() {
            let ph = match units.leading(norm, cs, hs, ce) {
                actors::Lead::Found(ph) => {
                    lead_end = ph.end;
                    ph
                }
                actors::Lead::None => carried?.clone(),
            };
            match role {
                Role::S => st.s = Some(ph),
                Role::T => st.t = Some(ph),
            }
        }
        // A trailing slot's phrase is not part of the literal span.
        let lit_end = st.lits.iter().map(|l| l.1).max().unwrap_or(end);
        Some(Match {
            pat: pi,
            s: st.s,
            t: st.t,
            start: hs,
            end: lit_end,
            lits: st.lits,
            lead_end,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        m: &Match,
        norm: &str,
        text: &Text,
        sent: &Sentence,
        _si: usize,
        cs: usize,
        ce: usize,
        units: &Units,
        tx: &dates::Timexes,
        quotes: &[quotes::Attributed],
        seen: &mut HashSet<(String, String, String, String)>,
        out: &mut Vec<(Event, bool)>,
    ) {
        let p = &self.patterns[m.pat];
        #[cfg(test)]
        if std::env::var("SHIJU_DEBUG").is_ok() {
            eprintln!("  match {} [{}] in {}", p.source, p.code, &norm[sent.start..sent.end]);
        }
        // Region between the subject and the end of the match, minus literals.
        let region_start = m.lead_end.min(m.start);
        let region = filters::masked(norm, region_start, m.end, &m.lits);
        if filters::negated(&region) {
            return;
        }
        let pre = &norm[cs..m.start];
        if filters::speculative(pre) || filters::speculative(&region) || filters::modal_pre(pre) {
            return;
        }
        let sent_before = &norm[sent.start..m.start];
        if filters::hypothetical(sent_before) || filters::opinion(sent_before) {
            return;
        }
        let after = norm.get(m.end.min(sent.end)..sent.end).unwrap_or("");
        if filters::noun_after(after) {
            return;
        }
        // X和Y之间的…: the relation between them, not an actor.
        if let Some(t) = &m.t {
            if norm[t.end..].starts_with("之间") && !p.source.contains("之间") {
                return;
            }
        }
        // Inside a quote of someone who does not speak for a state.
        if let Some(q) = quotes.iter().find(|q| q.start <= m.start && m.end <= q.end) {
            if !q.official {
                return;
            }
        }
        let future = !p.flags.nofuture && filters::future(&region);
        let code = if future { intent_code(&p.code) } else { p.code.clone() };
        let intent = future || code.starts_with("03");
        let (date, explicit) = tx.date_for(cs, ce, m.start, sent, intent);

        let s_actors = m.s.as_ref().map(|ph| units.actors(ph)).unwrap_or_default();
        let t_actors = m.t.as_ref().map(|ph| units.actors(ph)).unwrap_or_default();
        let mut pairs: Vec<(actors::Actor, actors::Actor, String)> = Vec::new();
        if t_actors.is_empty() {
            // A conjoined source with a symmetric verb: every pair.
            if p.flags.sym && s_actors.len() >= 2 {
                for a in &s_actors {
                    for b in &s_actors {
                        if a.code != b.code && !(future && pairs.iter().any(|x| x.1.code == a.code)) {
                            pairs.push((a.clone(), b.clone(), code.clone()));
                        }
                    }
                }
            }
        } else {
            for a in &s_actors {
                for b in &t_actors {
                    pairs.push((a.clone(), b.clone(), code.clone()));
                    if !future {
                        if p.flags.sym {
                            pairs.push((b.clone(), a.clone(), code.clone()));
                        } else if p.flags.visit {
                            pairs.push((b.clone(), a.clone(), "043".to_string()));
                        } else if p.flags.host {
                            pairs.push((b.clone(), a.clone(), "042".to_string()));
                        }
                    }
                }
            }
        }
        let (os, oe) = text.orig_span(sent.start, sent.end);
        let evidence = text.original.get(os..oe).unwrap_or("").to_string();
        for (a, b, code) in pairs {
            if a.code == b.code {
                continue;
            }
            let Some(info) = self.cameo.get(&code) else {
                continue;
            };
            let root: String = code.chars().take(2).collect();
            let key = (a.code.clone(), b.code.clone(), root.clone(), date.clone());
            if !seen.insert(key) {
                continue;
            }
            out.push((Event {
                source: a.code,
                target: b.code,
                source_entity: a.entity,
                target_entity: b.entity,
                code: code.clone(),
                cameo: root,
                goldstein: info.goldstein,
                quad_class: info.quad_class,
                plover: info.plover.clone(),
                date: date.clone(),
                evidence: evidence.clone(),
                start: os,
                end: oe,
            }, explicit));
        }
    }
}

/// Repeated mentions are not new events: of the records with the same
/// (source, target, root), those dated only by fallback (no time expression
/// in their sentence) are dropped when one is explicitly dated, and only the
/// first is kept when none is.
fn merge_repeats(evs: Vec<(Event, bool)>) -> Vec<Event> {
    let key = |e: &Event| (e.source.clone(), e.target.clone(), e.cameo.clone());
    let dated: HashSet<_> = evs.iter().filter(|x| x.1).map(|x| key(&x.0)).collect();
    let mut fallback_seen: HashSet<(String, String, String)> = HashSet::new();
    evs.into_iter()
        .filter(|(e, explicit)| {
            *explicit || (!dated.contains(&key(e)) && fallback_seen.insert(key(e)))
        })
        .map(|x| x.0)
        .collect()
}

struct MState {
    s: Option<Phrase>,
    t: Option<Phrase>,
    lits: Vec<(usize, usize)>,
}

/// Matches `elems` from byte `pos` up to `ce`; returns the end position.
fn forward(
    norm: &str,
    units: &Units,
    elems: &[Elem],
    pos: usize,
    ce: usize,
    se: usize,
    st: &mut MState,
) -> Option<usize> {
    let Some((first, rest)) = elems.split_first() else {
        return Some(pos);
    };
    match first {
        Elem::Lit(alts) => {
            let hay = norm.get(pos..ce)?;
            // Longer alternatives first, then the empty one.
            let mut order: Vec<&String> = alts.iter().collect();
            order.sort_by_key(|a| std::cmp::Reverse(a.len()));
            for a in order {
                if hay.starts_with(a.as_str()) {
                    let n = st.lits.len();
                    if !a.is_empty() {
                        st.lits.push((pos, pos + a.len()));
                    }
                    if let Some(e) = forward(norm, units, rest, pos + a.len(), ce, se, st) {
                        return Some(e);
                    }
                    st.lits.truncate(n);
                }
            }
            None
        }
        Elem::Gap(max) => {
            let hay = norm.get(pos..ce)?;
            let mut p = pos;
            let mut chars = hay.chars();
            for _ in 0..=*max {
                if let Some(e) = forward(norm, units, rest, p, ce, se, st) {
                    return Some(e);
                }
                match chars.next() {
                    Some(c) => p += c.len_utf8(),
                    None => break,
                }
            }
            None
        }
        Elem::Break => {
            let c = norm.get(pos..)?.chars().next()?;
            if !matches!(c, '，' | ',' | '：' | ':') {
                return None;
            }
            let next = pos + c.len_utf8();
            let rest_s = norm.get(next..se)?;
            let nce = rest_s
                .char_indices()
                .find(|&(_, d)| segment::is_clause_break(d))
                .map(|(i, _)| next + i)
                .unwrap_or(se);
            forward(norm, units, rest, next, nce, se, st)
        }
        Elem::Slot(role) => {
            for ph in units.following(norm, pos, ce) {
                let end = ph.end;
                match role {
                    Role::S => st.s = Some(ph),
                    Role::T => st.t = Some(ph),
                }
                if let Some(e) = forward(norm, units, rest, end, ce, se, st) {
                    return Some(e);
                }
            }
            match role {
                Role::S => st.s = None,
                Role::T => st.t = None,
            }
            None
        }
    }
}

/// The CAMEO 03 code for an announced plan to do `code`.
fn intent_code(code: &str) -> String {
    let c = match code {
        "061" => "0311",
        "062" => "0312",
        "063" => "0313",
        "064" => "0314",
        "071" => "0331",
        "072" => "0332",
        "073" => "0333",
        "074" => "0334",
        "161" => "1313",
        "162" => "1311",
        "163" => "1312",
        "172" => "132",
        _ => match code.get(..2).unwrap_or("") {
            "04" => "036",
            "05" => "032",
            "06" => "031",
            "07" => "033",
            "08" => "035",
            "15" | "18" | "19" | "20" => "138",
            "16" | "17" => "131",
            _ => code,
        },
    };
    c.to_string()
}

mod dates {
    use super::actors::OffsetMap;
    use super::segment::Sentence;
    use shiju_core::{Context, Date, Timex};

    /// Temporal expressions in norm space, with the start day of their period.
    pub struct Timexes {
        items: Vec<(usize, usize, String, Option<Date>)>,
        published: Option<Date>,
        norm: String,
    }

    /// First day of a `YYYY-MM-DD` / `YYYY-MM` / `YYYY-Www` / `YYYY` value.
    pub fn period_start(v: &str) -> Option<Date> {
        let v = v.trim();
        if let Some(d) = shiju_core::date::parse_ymd(v) {
            return Some(d);
        }
        if let Some((y, w)) = v.split_once("-W") {
            let y: i32 = y.parse().ok()?;
            let w: u32 = w.parse().ok()?;
            return Date::from_isoywd_opt(y, w, chrono::Weekday::Mon);
        }
        if let Some((y, m)) = v.split_once('-') {
            return Date::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1);
        }
        if v.len() == 4 {
            return Date::from_ymd_opt(v.parse().ok()?, 1, 1);
        }
        None
    }

    impl Timexes {
        pub fn new(timex: &[Timex], map: &OffsetMap, ctx: &Context, norm: &str) -> Self {
            let mut items: Vec<_> = timex
                .iter()
                .filter(|t| period_start(&t.value).is_some())
                .map(|t| {
                    let (s, e) = map.span(t.start, t.end);
                    (s, e, t.value.clone(), period_start(&t.value))
                })
                .collect();
            items.sort_by_key(|x| x.0);
            Timexes {
                items,
                published: ctx.published,
                norm: norm.to_string(),
            }
        }

        fn ok(&self, d: &Option<Date>, future: bool) -> bool {
            !future
                || match (d, self.published) {
                    (Some(d), Some(p)) => *d <= p,
                    _ => true,
                }
        }

        /// Date of an event whose trigger is at `pos` in clause `cs..ce`, and
        /// whether it comes from a time expression of the clause or sentence.
        pub fn date_for(&self, cs: usize, ce: usize, pos: usize, sent: &Sentence, future: bool) -> (String, bool) {
            let pick = |lo: usize, hi: usize| -> Option<String> {
                let inside: Vec<usize> = (0..self.items.len())
                    .filter(|&i| {
                        let x = &self.items[i];
                        x.0 >= lo && x.1 <= hi && self.ok(&x.3, future)
                    })
                    .collect();
                // Nearest before the trigger, else nearest after.
                let before = inside.iter().copied().filter(|&i| self.items[i].1 <= pos).max_by_key(|&i| self.items[i].1);
                let chosen = before
                    .or_else(|| inside.iter().copied().filter(|&i| self.items[i].0 >= pos).min_by_key(|&i| self.items[i].0))
                    .or_else(|| inside.first().copied())?;
                // 13日至19日: a range is dated by its start.
                let mut c = chosen;
                while c > 0 {
                    let prev = &self.items[c - 1];
                    let between = self.norm_between(prev.1, self.items[c].0);
                    if prev.0 >= lo && matches!(between.as_deref(), Some("至" | "到" | "-" | "—" | "～" | "~" | "－")) {
                        c -= 1;
                    } else {
                        break;
                    }
                }
                Some(self.items[c].2.clone())
            };
            if let Some(v) = pick(cs, ce) {
                return (v, true);
            }
            if let Some(v) = pick(sent.start, sent.end) {
                return (v, true);
            }
            if !future {
                // The previous sentence of the paragraph.
                if let Some(v) = self
                    .items
                    .iter()
                    .filter(|x| x.1 <= sent.start && x.0 >= sent.para_start.max(sent.prev_start))
                    .next_back()
                    .map(|x| x.2.clone())
                {
                    return (v, false);
                }
            }
            (self.published.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(), false)
        }

        fn norm_between(&self, a: usize, b: usize) -> Option<String> {
            self.norm.get(a..b).map(|s| s.trim().to_string())
        }
    }
}

#[cfg(test)]
mod tests;
