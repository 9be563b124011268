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
mod emit;
mod explain;
mod filters;
mod modality;
mod pronouns;
mod quotes;

use std::collections::{HashMap, HashSet};

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use shiju_core::{Context, Entity, Event, Quote, Text, Timex};
use shiju_lexicon::{LexiconError, Table};

pub use explain::{PatternTrace, SentenceTrace};

use actors::{Phrase, Units};
use pattern::{Elem, Flags, Pattern, Role};
use segment::Sentence;

const VERBS_TSV: &str = include_str!("../../../lexicon/verbs.tsv");
const CAMEO_TSV: &str = include_str!("../../../lexicon/cameo.tsv");
const PLACES_TSV: &str = include_str!("../../../lexicon/places.tsv");

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
    /// The elements of every pattern, prepared for matching.
    compiled: Vec<Vec<CElem>>,
    /// Automaton over every alternative of the literals after the anchors
    /// (value: literal id).
    lit_ac: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    lit_count: usize,
    /// Per pattern: the literals after the anchor that are not optional
    /// and have no one-character alternative, each as the ids of its
    /// alternatives.
    required: Vec<Vec<Vec<u32>>>,
    /// Trigger automaton over the alternatives of every pattern's anchor.
    triggers: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// Trigger id → patterns anchored on it.
    by_trigger: Vec<Vec<usize>>,
    /// Trigger id → whether a visit pattern is anchored on it.
    visit_trigger: Vec<bool>,
    cameo: HashMap<String, CameoCode>,
    /// Cities of `lexicon/places.tsv` (value: index into `place_codes`).
    places: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    place_codes: Vec<String>,
    /// Modality and attribution markers (`lexicon/modality.tsv`).
    modality: modality::Modality,
    /// Quote attribution words (`lexicon/quotes.tsv`).
    quote_lex: quotes::Lexicon,
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
    /// Fixed actors of `{S:XXX}` / `{T:XXX}`.
    s_const: Option<String>,
    t_const: Option<String>,
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
        Self::with_normalizer(user_dir, &|s: &str| s.to_string())
    }

    /// Like [`Coder::new`], with the text normaliser applied to the names
    /// of `places.tsv` (written in any script, matched on normalised text).
    pub fn with_normalizer(
        user_dir: Option<&std::path::Path>,
        normalize: &dyn Fn(&str) -> String,
    ) -> Result<Self, LexiconError> {
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
            Some(
                CharwiseDoubleArrayAhoCorasick::with_values(pv).map_err(|e| {
                    LexiconError::Format {
                        file: "lexicon/verbs.tsv".into(),
                        line: 0,
                        msg: e.to_string(),
                    }
                })?,
            )
        };
        let place_t = Table::load("places.tsv", PLACES_TSV, user_dir)?;
        // Rows keyed by their `names` field: a user row with the same key
        // replaces a built-in one, `-KEY` removes it.
        let mut rows: Vec<Option<(String, String)>> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for r in place_t.records() {
            let key = r.get("names").to_string();
            if let Some(del) = key.strip_prefix('-') {
                if let Some(i) = by_key.remove(del) {
                    rows[i] = None;
                }
                continue;
            }
            let iso = r.get("iso3").trim().to_string();
            if iso.len() != 3 || !iso.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(r.error(format!("bad ISO3 code {iso:?}")));
            }
            match by_key.get(&key) {
                Some(&i) => rows[i] = Some((key, iso)),
                None => {
                    by_key.insert(key.clone(), rows.len());
                    rows.push(Some((key, iso)));
                }
            }
        }
        let mut place_codes: Vec<String> = Vec::new();
        let mut place_forms: HashMap<String, u32> = HashMap::new();
        for (names, iso) in rows.into_iter().flatten() {
            for name in shiju_lexicon::split_list(&names) {
                let n = normalize(name);
                if !n.is_empty() {
                    place_forms.insert(n, place_codes.len() as u32);
                    place_codes.push(iso.clone());
                }
            }
        }
        let places = if place_forms.is_empty() {
            None
        } else {
            Some(
                CharwiseDoubleArrayAhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build_with_values(place_forms)
                    .map_err(|e| LexiconError::Format {
                        file: "lexicon/places.tsv".into(),
                        line: 0,
                        msg: e.to_string(),
                    })?,
            )
        };
        let compiled = patterns
            .iter()
            .map(|p| p.elems.iter().map(CElem::new).collect())
            .collect();
        let mut lit_ids: HashMap<String, u32> = HashMap::new();
        let required: Vec<Vec<Vec<u32>>> = patterns
            .iter()
            .map(|p| {
                p.elems[p.anchor + 1..]
                    .iter()
                    // Literals with a one-character alternative (的, 在, 向…)
                    // occur in almost every sentence: not worth tracking.
                    .filter_map(|e| match e {
                        Elem::Lit(alts) if alts.iter().all(|a| a.chars().nth(1).is_some()) => Some(
                            alts.iter()
                                .map(|a| {
                                    let next = lit_ids.len() as u32;
                                    *lit_ids.entry(a.clone()).or_insert(next)
                                })
                                .collect(),
                        ),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        let lit_count = lit_ids.len();
        let lit_ac = if lit_ids.is_empty() {
            None
        } else {
            Some(
                CharwiseDoubleArrayAhoCorasick::with_values(lit_ids).map_err(|e| {
                    LexiconError::Format {
                        file: "lexicon/verbs.tsv".into(),
                        line: 0,
                        msg: e.to_string(),
                    }
                })?,
            )
        };
        let visit_trigger = by_trigger
            .iter()
            .map(|ps| ps.iter().any(|&pi| patterns[pi].flags.visit))
            .collect();
        Ok(Coder {
            visit_trigger,
            patterns,
            compiled,
            lit_ac,
            lit_count,
            required,
            triggers,
            by_trigger,
            cameo,
            places,
            place_codes,
            modality: modality::Modality::load(user_dir, normalize)?,
            quote_lex: quotes::Lexicon::load(user_dir, normalize)?,
        })
    }

    /// Places named in the text outside every actor name.
    fn places_in(&self, norm: &str, units: &Units) -> Vec<(usize, usize, String)> {
        let Some(ac) = &self.places else {
            return Vec::new();
        };
        ac.leftmost_find_iter(norm)
            .filter(|m| {
                !units
                    .list
                    .iter()
                    .any(|u| u.start < m.end() && m.start() < u.end)
            })
            .filter_map(|m| {
                let code = self.place_codes.get(m.value() as usize)?;
                Some((m.start(), m.end(), code.clone()))
            })
            .collect()
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
    pub fn events(
        &self,
        text: &Text,
        entities: &[Entity],
        timex: &[Timex],
        ctx: &Context,
    ) -> Vec<Event> {
        merge_meetings(self.coded(text, entities, timex, ctx))
    }

    /// Events of the body, dated with the help of the article's image
    /// captions. A caption restates one event of the story with its day
    /// (习近平周六在利马与拜登会面): a body event that has no time expression
    /// of its own and reports the same interaction — the same two actors
    /// and CAMEO root — takes the caption's date, and so do the other
    /// undated events of its sentence. Caption events are not output: their
    /// text is not part of the body the offsets point into.
    pub fn events_with_captions(
        &self,
        text: &Text,
        entities: &[Entity],
        timex: &[Timex],
        ctx: &Context,
        captions: &[Caption<'_>],
    ) -> Vec<Event> {
        self.events_and_quotes(text, entities, timex, ctx, captions)
            .0
    }

    /// Events (as [`Coder::events_with_captions`]) and quotes (as
    /// [`Coder::quotes`]) in one pass: sentences, actor units and quote
    /// attribution are computed once.
    pub fn events_and_quotes(
        &self,
        text: &Text,
        entities: &[Entity],
        timex: &[Timex],
        ctx: &Context,
        captions: &[Caption<'_>],
    ) -> (Vec<Event>, Vec<Quote>) {
        let (mut evs, attributed) = self.coded_with_quotes(text, entities, timex, ctx, None);
        if !captions.is_empty() {
            let mut dated: Vec<(String, String, String, String)> = Vec::new();
            // Without a time expression no caption event has an explicit date.
            for c in captions.iter().filter(|c| !c.timex.is_empty()) {
                for (e, explicit) in self.coded(c.text, c.entities, c.timex, ctx) {
                    if explicit {
                        let (a, b) = ordered(&e.source, &e.target);
                        dated.push((a, b, e.cameo, e.date));
                    }
                }
            }
            redate_from_captions(&mut evs, &dated);
        }
        (merge_meetings(evs), speaker_quotes(text, attributed))
    }

    /// Every event of the text with whether its date comes from a time
    /// expression of its clause or sentence.
    fn coded(
        &self,
        text: &Text,
        entities: &[Entity],
        timex: &[Timex],
        ctx: &Context,
    ) -> Vec<(Event, bool)> {
        self.coded_with_quotes(text, entities, timex, ctx, None).0
    }

    /// [`Coder::coded`], with the attributed quotes it computed on the way.
    fn coded_with_quotes(
        &self,
        text: &Text,
        entities: &[Entity],
        timex: &[Timex],
        ctx: &Context,
        mut trace: Option<&mut explain::Tracer>,
    ) -> (Vec<(Event, bool)>, Vec<quotes::Attributed>) {
        let norm = text.norm.as_str();
        let map = actors::OffsetMap::new(text);
        let sents = segment::sentences(norm);
        let qspans = quotes::spans(norm);
        let mut units = Units::build(norm, entities, &map, &sents, &qspans);
        let tx = dates::Timexes::new(timex, &map, ctx, norm);
        let quotes = quotes::attribute(&self.quote_lex, norm, &units, &sents, &qspans);

        let mut hits: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, trigger id)
        if let Some(ac) = &self.triggers {
            for m in ac.find_overlapping_iter(norm) {
                hits.push((m.start(), m.end(), m.value() as usize));
            }
        }
        hits.sort();
        // Only visit patterns read the places.
        if hits.iter().any(|h| self.visit_trigger[h.2]) {
            units.places = self.places_in(norm, &units);
        }

        let mut out: Vec<(Event, bool)> = Vec::new();
        let mut seen: HashSet<(String, String, String, String)> = HashSet::new();
        let mut hi = 0usize;
        let mut lits_seen = LitsSeen::new(self.lit_count);
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
            if let Some(t) = trace.as_deref_mut() {
                t.sentence(si, sfilter);
            }
            // Where the literals of the patterns last start in the sentence:
            // a pattern whose required literal does not occur after its
            // trigger cannot match.
            if !sfilter {
                // Only occurrences after a trigger are asked about.
                let from = sent_hits.iter().map(|h| h.1).min().unwrap_or(sent.start);
                lits_seen.mark(
                    self.lit_ac.as_ref(),
                    norm,
                    from.clamp(sent.start, sent.end),
                    sent.end,
                );
            }
            let mut carried: Option<Phrase> = None;
            let mut first_subject: Option<Phrase> = None;
            for &(cs, ce) in &sent.clauses {
                // 并/同时/还… continue the sentence's main subject, not the
                // subject of reported content in between (批评，日方…，并要求…).
                let clause = norm[cs..ce].trim_start();
                if ["并", "同时", "还", "且", "随后", "此后", "另外"]
                    .iter()
                    .any(|w| clause.starts_with(w))
                {
                    if let Some(f) = &first_subject {
                        carried = Some(f.clone());
                    }
                }
                let mut cands: Vec<Match> = Vec::new();
                // A blocked sentence (hypothetical, question…) codes nothing:
                // skip matching, but still track the clause subjects below.
                for &(hs, he, tid) in sent_hits.iter().filter(|_| !sfilter) {
                    if hs < cs || he > ce || !anchor_in_word(norm, hs, he) {
                        continue;
                    }
                    for &pi in &self.by_trigger[tid] {
                        if !self.required[pi]
                            .iter()
                            .all(|alts| alts.iter().any(|&l| lits_seen.starts_at_or_after(l, he)))
                        {
                            continue;
                        }
                        let m = self.match_at(
                            pi,
                            norm,
                            &units,
                            cs,
                            ce,
                            sent.end,
                            hs,
                            he,
                            carried.as_ref(),
                        );
                        let viable = m.as_ref().is_some_and(|m| self.viable(m, &units));
                        if let Some(t) = trace.as_deref_mut() {
                            t.tried(si, (hs, he), pi, m.as_ref(), viable, &units);
                        }
                        if let Some(m) = m.filter(|_| viable) {
                            cands.push(m);
                        }
                    }
                }
                // Subject of this clause, carried to the next ones.
                if let Some(subj) = units.clause_subject(norm, cs, ce) {
                    // The main subject, when its clause ends in a verb of
                    // saying (中国外交部发表声明批评，…): what follows is content.
                    let c = norm[cs..ce].trim_end();
                    if first_subject.is_none()
                        && [
                            "批评", "表示", "说", "称", "指出", "强调", "谴责", "宣布", "认为",
                        ]
                        .iter()
                        .any(|v| c.ends_with(v))
                    {
                        first_subject = Some(subj.clone());
                    }
                    carried = Some(subj);
                }
                if cands.is_empty() || sfilter {
                    continue;
                }
                // Most specific first; drop matches overlapping a chosen one.
                // Leftmost first, then the most matched literal text, then the longest.
                cands.sort_by(|a, b| {
                    let wa: usize = a.lits.iter().map(|l| l.1 - l.0).sum();
                    let wb: usize = b.lits.iter().map(|l| l.1 - l.0).sum();
                    a.start
                        .cmp(&b.start)
                        .then(wb.cmp(&wa))
                        .then((b.end - b.start).cmp(&(a.end - a.start)))
                });
                let mut chosen: Vec<Match> = Vec::new();
                for m in cands {
                    if chosen.iter().any(|c| m.start < c.end && c.start < m.end) {
                        if let Some(t) = trace.as_deref_mut() {
                            t.outcome(&m, Err("overlapped by a more specific match".into()));
                        }
                        continue;
                    }
                    chosen.push(m);
                }
                chosen.sort_by_key(|m| m.start);
                for m in chosen {
                    let ctx = EmitCtx {
                        norm,
                        text,
                        sent,
                        cs,
                        ce,
                        units: &units,
                        tx: &tx,
                        quotes: &quotes,
                        qspans: &qspans,
                    };
                    let r = self.emit(&m, &ctx, &mut seen, &mut out);
                    if let Some(t) = trace.as_deref_mut() {
                        t.outcome(&m, r);
                    }
                }
            }
        }
        (out, quotes)
    }

    /// Quotes with their speakers (only quotes whose speaker was found).
    pub fn quotes(&self, text: &Text, entities: &[Entity], _ctx: &Context) -> Vec<Quote> {
        let norm = text.norm.as_str();
        let map = actors::OffsetMap::new(text);
        let sents = segment::sentences(norm);
        let qspans = quotes::spans(norm);
        let units = Units::build(norm, entities, &map, &sents, &qspans);
        speaker_quotes(
            text,
            quotes::attribute(&self.quote_lex, norm, &units, &sents, &qspans),
        )
    }

    /// Whether a match can yield an event: two different actors.
    fn viable(&self, m: &Match, units: &Units) -> bool {
        // The distinct actor codes of each side, as `match_actors` gives
        // them, without building the actors.
        fn side<'a>(
            units: &'a Units,
            ph: &'a Option<Phrase>,
            c: &'a Option<String>,
        ) -> Vec<&'a str> {
            match (c, ph) {
                (Some(code), _) => vec![code.as_str()],
                (None, Some(p)) => units.actor_codes(p),
                (None, None) => Vec::new(),
            }
        }
        let (s, t) = (side(units, &m.s, &m.s_const), side(units, &m.t, &m.t_const));
        if t.is_empty() {
            return self.patterns[m.pat].flags.sym && s.len() >= 2;
        }
        s.iter().any(|a| t.iter().any(|b| a != b))
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
            s_const: None,
            t_const: None,
            place_target: p.flags.visit,
        };
        let end = forward(
            norm,
            units,
            &self.compiled[pi][p.anchor + 1..],
            he,
            ce,
            se,
            &mut st,
        )?;
        let mut lead_end = cs;
        if let Some(role) = p.leading_slot() {
            let ph = match units.leading(norm, cs, hs, ce) {
                actors::Lead::Found(ph) => {
                    lead_end = ph.end;
                    ph
                }
                actors::Lead::None => carried?.clone(),
                actors::Lead::Blocked => return None,
            };
            match role {
                Role::S => st.s = Some(ph),
                Role::T => st.t = Some(ph),
            }
        }
        // 泽连斯基一行被要求离开: after 被 the leading phrase is the patient.
        if p.leading_slot() == Some(Role::S) && norm[..hs].ends_with('被') && st.t.is_some() {
            std::mem::swap(&mut st.s, &mut st.t);
        }
        // A trailing slot's phrase is not part of the literal span.
        let lit_end = st.lits.iter().map(|l| l.1).max().unwrap_or(end);
        Some(Match {
            pat: pi,
            s: st.s,
            t: st.t,
            s_const: st.s_const,
            t_const: st.t_const,
            start: hs,
            end: lit_end,
            lits: st.lits,
            lead_end,
        })
    }
}

/// A meeting reported with its date and mentioned again without one (dated
/// by the publication date) is the same meeting: of the root-04 records
/// with the same source and target, fallback-dated ones within three days of
/// an explicitly dated one are dropped.
/// The attributed quotes that have a speaker, in original offsets.
fn speaker_quotes(text: &Text, attributed: Vec<quotes::Attributed>) -> Vec<Quote> {
    attributed
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

/// One image caption of an article, analysed like the body.
#[derive(Clone, Copy)]
pub struct Caption<'a> {
    pub text: &'a Text,
    pub entities: &'a [Entity],
    pub timex: &'a [Timex],
}

fn ordered(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// Gives undated body events the date of a caption event between the same
/// two actors with the same root; the other undated events of the same
/// sentence follow. An ambiguous caption set (two different dates for the
/// same interaction) dates nothing. Afterwards one record per (source,
/// target, root, date) is kept.
fn redate_from_captions(evs: &mut Vec<(Event, bool)>, dated: &[(String, String, String, String)]) {
    let date_of = |e: &Event| -> Option<String> {
        let (a, b) = ordered(&e.source, &e.target);
        let mut found = dated
            .iter()
            .filter(|d| d.0 == a && d.1 == b && d.2 == e.cameo)
            .map(|d| d.3.clone());
        let first = found.next()?;
        found.all(|d| d == first).then_some(first)
    };
    // Sentences (by evidence start) whose date a caption gives.
    let mut sentence_dates: Vec<(usize, String)> = Vec::new();
    for (e, explicit) in evs.iter() {
        if !*explicit {
            if let Some(d) = date_of(e) {
                if !sentence_dates.iter().any(|(s, _)| *s == e.start) {
                    sentence_dates.push((e.start, d));
                }
            }
        }
    }
    if sentence_dates.is_empty() {
        return;
    }
    for (e, explicit) in evs.iter_mut() {
        if *explicit {
            continue;
        }
        if let Some((_, d)) = sentence_dates.iter().find(|(s, _)| *s == e.start) {
            e.date = d.clone();
            *explicit = true;
        }
    }
    let mut seen = HashSet::new();
    evs.retain(|(e, _)| {
        seen.insert((
            e.source.clone(),
            e.target.clone(),
            e.cameo.clone(),
            e.date.clone(),
        ))
    });
}

fn merge_meetings(evs: Vec<(Event, bool)>) -> Vec<Event> {
    // (source, target) → start days of the explicitly dated meetings.
    let mut explicit: HashMap<(&str, &str), Vec<shiju_core::Date>> = HashMap::new();
    for (e, exp) in &evs {
        if *exp && e.cameo == "04" {
            if let Some(d) = dates::period_start(&e.date) {
                explicit
                    .entry((e.source.as_str(), e.target.as_str()))
                    .or_default()
                    .push(d);
            }
        }
    }
    let keep: Vec<bool> = evs
        .iter()
        .map(|(e, exp)| {
            if *exp || e.cameo != "04" {
                return true;
            }
            let Some(d) = dates::period_start(&e.date) else {
                return true;
            };
            !explicit
                .get(&(e.source.as_str(), e.target.as_str()))
                .is_some_and(|xs| xs.iter().any(|x| (d - *x).num_days().abs() <= 3))
        })
        .collect();
    evs.into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|((e, _), _)| e)
        .collect()
}

/// The source and target actors of a match.
fn match_actors(m: &Match, units: &Units) -> (Vec<actors::Actor>, Vec<actors::Actor>) {
    let side = |ph: &Option<Phrase>, c: &Option<String>| match c {
        Some(code) => vec![actors::Actor {
            code: code.clone(),
            entity: Some(if code.len() == 3 {
                format!("country:{code}")
            } else {
                format!("org:{code}")
            }),
        }],
        None => ph.as_ref().map(|p| units.actors(p)).unwrap_or_default(),
    };
    (side(&m.s, &m.s_const), side(&m.t, &m.t_const))
}

/// What `emit` needs to know about the clause being coded.
#[derive(Clone, Copy)]
struct EmitCtx<'a> {
    norm: &'a str,
    text: &'a Text,
    sent: &'a Sentence,
    cs: usize,
    ce: usize,
    units: &'a Units,
    tx: &'a dates::Timexes,
    quotes: &'a [quotes::Attributed],
    qspans: &'a [(usize, usize)],
}

struct MState {
    s: Option<Phrase>,
    t: Option<Phrase>,
    lits: Vec<(usize, usize)>,
    s_const: Option<String>,
    t_const: Option<String>,
    /// A visit pattern: a place may fill the target slot.
    place_target: bool,
}

/// The last start of every pattern literal in the current sentence.
struct LitsSeen {
    /// Per literal id: (sentence stamp, last start); empty until needed.
    last: Vec<(usize, usize)>,
    /// Number of literal ids.
    n: usize,
    stamp: usize,
}

impl LitsSeen {
    fn new(n: usize) -> Self {
        LitsSeen {
            last: Vec::new(),
            n,
            stamp: 0,
        }
    }

    /// Records the literals occurring in `norm[a..b]`.
    fn mark(
        &mut self,
        ac: Option<&CharwiseDoubleArrayAhoCorasick<u32>>,
        norm: &str,
        a: usize,
        b: usize,
    ) {
        if self.last.is_empty() {
            // Allocated on the first sentence with a trigger.
            self.last = vec![(0, 0); self.n];
        }
        self.stamp += 1;
        let (Some(ac), Some(sub)) = (ac, norm.get(a..b)) else {
            return;
        };
        for m in ac.find_overlapping_iter(sub) {
            if let Some(x) = self.last.get_mut(m.value() as usize) {
                let start = a + m.start();
                if x.0 != self.stamp || x.1 < start {
                    *x = (self.stamp, start);
                }
            }
        }
    }

    /// Whether literal `id` starts at or after `pos` in the marked sentence.
    fn starts_at_or_after(&self, id: u32, pos: usize) -> bool {
        self.last
            .get(id as usize)
            .is_some_and(|&(st, start)| st == self.stamp && start >= pos)
    }
}

/// A pattern element prepared for matching.
#[derive(Debug, Clone)]
enum CElem {
    Lit {
        /// As in [`Elem::Lit`]: longest first, the empty one last.
        alts: Vec<String>,
        /// The first characters of the non-empty alternatives.
        firsts: Vec<char>,
        /// One alternative is empty (the element is optional).
        has_empty: bool,
    },
    Gap(usize),
    Slot(Role),
    Break,
    Const(Role, String),
}

impl CElem {
    fn new(e: &Elem) -> CElem {
        match e {
            Elem::Lit(alts) => {
                let mut firsts: Vec<char> = alts.iter().filter_map(|a| a.chars().next()).collect();
                firsts.sort_unstable();
                firsts.dedup();
                CElem::Lit {
                    alts: alts.clone(),
                    firsts,
                    has_empty: alts.iter().any(|a| a.is_empty()),
                }
            }
            Elem::Gap(n) => CElem::Gap(*n),
            Elem::Slot(r) => CElem::Slot(*r),
            Elem::Break => CElem::Break,
            Elem::Const(r, c) => CElem::Const(*r, c.clone()),
        }
    }
}

/// Matches `elems` from byte `pos` up to `ce`; returns the end position.
fn forward(
    norm: &str,
    units: &Units,
    elems: &[CElem],
    pos: usize,
    ce: usize,
    se: usize,
    st: &mut MState,
) -> Option<usize> {
    let Some((first, rest)) = elems.split_first() else {
        return Some(pos);
    };
    match first {
        CElem::Lit { alts, .. } => {
            let hay = norm.get(pos..ce)?;
            // Alternatives are stored longest first, the empty one last.
            for a in alts {
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
        CElem::Gap(max) => {
            let hay = norm.get(pos..ce)?;
            let mut p = pos;
            let mut chars = hay.chars().peekable();
            // A literal right after the gap can only match where one of its
            // alternatives starts: skip the other positions cheaply.
            let next_lit = match rest.first() {
                Some(CElem::Lit {
                    firsts,
                    has_empty: false,
                    ..
                }) => Some(firsts),
                _ => None,
            };
            // Units are sorted by start: walk them along with the gap.
            let mut k = units.first_at_or_after(pos);
            for _ in 0..=*max {
                // A gap does not run over 双方/两国 naming another pair.
                while units.list.get(k).is_some_and(|u| u.start < p) {
                    k += 1;
                }
                if let Some(pair) = units.pair_of(k, p) {
                    let mut known: Vec<String> = Vec::new();
                    for ph in [&st.s, &st.t].into_iter().flatten() {
                        known.extend(units.actors(ph).into_iter().map(|a| a.code));
                    }
                    if !pair.iter().any(|c| known.contains(c)) {
                        return None;
                    }
                }
                let here = chars.peek().copied();
                let may_match = match (next_lit, here) {
                    (Some(firsts), Some(c)) => firsts.contains(&c),
                    (Some(_), None) => false,
                    (None, _) => true,
                };
                if may_match {
                    if let Some(e) = forward(norm, units, rest, p, ce, se, st) {
                        return Some(e);
                    }
                }
                match chars.next() {
                    Some(c) => p += c.len_utf8(),
                    None => break,
                }
            }
            None
        }
        CElem::Const(role, code) => {
            match role {
                Role::S => st.s_const = Some(code.clone()),
                Role::T => st.t_const = Some(code.clone()),
            }
            let r = forward(norm, units, rest, pos, ce, se, st);
            if r.is_none() {
                match role {
                    Role::S => st.s_const = None,
                    Role::T => st.t_const = None,
                }
            }
            r
        }
        CElem::Break => {
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
        CElem::Slot(role) => {
            if let Some(long) = units.following(norm, pos, ce) {
                // Prefix phrases, longest first.
                for n in (1..=long.units.len()).rev() {
                    let ph = units.prefix(&long, n);
                    let end = ph.end;
                    match role {
                        Role::S => st.s = Some(ph),
                        Role::T => st.t = Some(ph),
                    }
                    if let Some(e) = forward(norm, units, rest, end, ce, se, st) {
                        return Some(e);
                    }
                }
            }
            match role {
                Role::S => st.s = None,
                Role::T => st.t = None,
            }
            // 抵达广岛: the destination of a visit may be a city of the state.
            if *role == Role::T && st.place_target && st.t_const.is_none() {
                let k = units.places.partition_point(|p| p.0 < pos);
                if let Some((_, end, code)) = units.places.get(k).filter(|p| p.0 == pos) {
                    st.t_const = Some(code.clone());
                    if let Some(e) = forward(norm, units, rest, *end, ce, se, st) {
                        return Some(e);
                    }
                    st.t_const = None;
                }
            }
            None
        }
    }
}

/// A one-character trigger (与, 向, 对…) that is part of another word
/// (参与, 方向, 反对, 同意…) is not the preposition the pattern means.
fn anchor_in_word(norm: &str, hs: usize, he: usize) -> bool {
    let trig = &norm[hs..he];
    if trig.chars().count() != 1 {
        if !matches!(trig, "攻击" | "打击") {
            return true;
        }
        // 抹黑攻击, 人身攻击: verbal attacks.
        let before: String = norm[..hs]
            .chars()
            .rev()
            .take(2)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return !(matches!(trig, "攻击" | "打击")
            && ["抹黑", "恶意", "人身", "舆论", "言语", "政治", "污蔑"]
                .contains(&before.as_str()));
    }
    let prev = norm[..hs].chars().next_back();
    let next = norm[he..].chars().next();
    let bad_prev: &[char] = match trig {
        "与" => &['参', '给', '赋', '授', '付'],
        "和" => &['缓', '温', '总', '暖', '平', '饱', '调', '随', '共'],
        "同" => &[
            '共', '相', '认', '赞', '不', '协', '连', '如', '合', '陪', '会', '等', '雷',
        ],
        "向" => &[
            '走', '面', '倾', '方', '转', '导', '指', '偏', '流', '动', '意', '志', '取', '去',
            '风', '纵', '横',
        ],
        "对" => &[
            '反', '面', '应', '相', '绝', '核', '敌', '派', '针', '一', '成', '配', '校', '比',
        ],
        "为" => &[
            '成', '认', '作', '因', '行', '称', '视', '以', '被', '无', '有', '人', '所', '大',
            '更', '较', '极',
        ],
        "给" => &['供', '配', '补', '自'],
        "跟" => &['紧', '高', '脚'],
        _ => &[],
    };
    let bad_next: &[char] = match trig {
        "与" => &['会', '其'],
        "和" => &['平', '解', '睦', '谈', '约', '善', '气'],
        "同" => &[
            '意', '时', '样', '盟', '期', '类', '比', '等', '志', '胞', '情', '行', '伴', '事',
        ],
        "向" => &['来', '往', '导', '量'],
        "对" => &[
            '于', '此', '话', '手', '方', '抗', '峙', '立', '待', '象', '策', '称', '应', '照',
            '比', '外', '岸',
        ],
        "为" => &['此', '止', '何', '了', '什', '主', '期', '准'],
        "给" => &['予'],
        _ => &[],
    };
    !(prev.map(|c| bad_prev.contains(&c)).unwrap_or(false)
        || next.map(|c| bad_next.contains(&c)).unwrap_or(false))
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

mod dates;

#[cfg(test)]
mod tests;
