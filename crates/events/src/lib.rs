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
mod captions;
mod emit;
mod explain;
mod filters;
mod index;
mod load;
mod matcher;
mod modality;
mod pairs;
mod pronouns;
mod quotes;
mod stance;

use std::collections::{HashMap, HashSet};

use daachorse::CharwiseDoubleArrayAhoCorasick;
use shiju_core::{Context, Entity, Event, Quote, Text, Timex};
use shiju_lexicon::LexiconError;
use shiju_text::{punct, short};

pub use captions::Caption;
pub use explain::{PatternTrace, SentenceTrace};

use actors::{Phrase, Units};
use captions::{merge_meetings, ordered, redate_from_captions};
use index::LitsSeen;
use matcher::{CElem, Match};
use pattern::Pattern;
use segment::Sentence;

const VERBS_TSV: &str = include_str!("../../../lexicon/verbs.tsv");
const CAMEO_TSV: &str = include_str!("../../../lexicon/cameo.tsv");
const PLACES_TSV: &str = include_str!("../../../lexicon/places.tsv");

/// Words that continue a sentence's main subject, and verbs of saying after
/// which content follows (`lexicon/event_words.tsv`).
static MAIN_SUBJECT_CONTINUERS: shiju_lexicon::words::WordList =
    shiju_lexicon::words::WordList::new("event_words.tsv", "main_subject_continuers");
static CONTENT_VERBS: shiju_lexicon::words::WordList =
    shiju_lexicon::words::WordList::new("event_words.tsv", "content_verbs");
/// Words opening a sentence that goes on with the previous sentence's
/// subject (随后, 当天, 还…): its omitted subject is that topic.
static SENTENCE_CONTINUERS: shiju_lexicon::words::WordList =
    shiju_lexicon::words::WordList::new("event_words.tsv", "sentence_continuers");

/// One CAMEO code of `lexicon/cameo.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoCode {
    pub code: String,
    pub name: String,
    pub goldstein: Option<f64>,
    pub quad_class: u8,
    pub plover: Option<String>,
}

impl CameoCode {
    /// The event `a` → `b` of this code, dated `date`, its evidence the
    /// sentence at `span` (bytes of the original text).
    pub(crate) fn event(
        &self,
        a: &actors::Actor,
        b: &actors::Actor,
        date: &str,
        evidence: &str,
        span: (usize, usize),
    ) -> Event {
        Event {
            source: a.code.clone(),
            target: b.code.clone(),
            source_entity: a.entity.clone(),
            target_entity: b.entity.clone(),
            code: self.code.clone(),
            cameo: self.code.chars().take(2).collect(),
            goldstein: self.goldstein,
            quad_class: self.quad_class,
            plover: self.plover.clone(),
            date: date.to_string(),
            evidence: evidence.to_string(),
            start: span.0,
            end: span.1,
            unit: shiju_core::Bytes,
        }
    }
}

/// The compiled verb-pattern lexicon and CAMEO tables, built once.
pub struct Coder {
    patterns: Vec<Pattern>,
    /// The elements of every pattern, prepared for matching.
    compiled: Vec<Vec<CElem>>,
    /// The patterns' triggers and required literals.
    index: index::Index,
    /// Trigger id → whether a visit pattern is anchored on it.
    visit_trigger: Vec<bool>,
    cameo: HashMap<String, CameoCode>,
    /// Cities of `lexicon/places.tsv` (value: index into `place_codes`).
    places: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    place_codes: Vec<String>,
    /// Every place name is letters and digits only: none reaches across
    /// the start of a sentence (see [`PlacesRead`]).
    places_alnum: bool,
    /// Modality and attribution markers (`lexicon/modality.tsv`).
    modality: modality::Modality,
    /// Quote attribution words (`lexicon/quotes.tsv`).
    quote_lex: quotes::Lexicon,
    /// Stance words (`lexicon/stance.tsv`).
    stance_lex: stance::Lexicon,
    /// One-character abbreviations read in pair compounds (中缅, 中欧).
    pair_abbr: pairs::PairAbbr,
}

impl std::fmt::Debug for Coder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Coder")
            .field("patterns", &self.patterns.len())
            .field("cameo", &self.cameo.len())
            .finish()
    }
}

impl Coder {
    pub fn new(user_dir: Option<&std::path::Path>) -> Result<Self, LexiconError> {
        Self::with_normalizer(user_dir, &|s: &str| s.to_string())
    }

    /// The places of `norm` for `units`, given its pattern words `found`
    /// ([`index::Index::scan`]). They are read into `units` as visit
    /// patterns come to be tried ([`PlacesRead`]); when a place name is not
    /// letters and digits only, those of the whole text here, if a visit
    /// pattern's trigger occurs.
    fn places_for(&self, norm: &str, found: &index::Found, units: &mut Units) {
        if !self.places_alnum && found.hits.iter().any(|h| self.visit_trigger[h.2]) {
            units.places = self.places_in(norm, 0, norm.len(), units, &mut 0);
        }
    }

    /// Places named outside every actor name, starting in `norm[a..]` by
    /// `b`, as a search of the whole text finds them when no match of it
    /// reaches across `a`; none before `read_to` (one read already),
    /// which moves past the last one read.
    fn places_in(
        &self,
        norm: &str,
        a: usize,
        b: usize,
        units: &Units,
        read_to: &mut usize,
    ) -> Vec<(usize, usize, String)> {
        let Some(ac) = &self.places else {
            return Vec::new();
        };
        // Read up to the first character from `b` on that is no letter or
        // digit: a name of letters and digits starting by `b` ends before
        // it (any other name, `b` is the text's end).
        let cut = (norm[b..].char_indices())
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(norm.len(), |(i, _)| b + i);
        let mut out = Vec::new();
        for m in ac.leftmost_find_iter(&norm[a..cut]) {
            let (s, e) = (a + m.start(), a + m.end());
            if s > b || s < *read_to {
                continue;
            }
            *read_to = e;
            if units.list.iter().any(|u| u.start < e && s < u.end) {
                continue;
            }
            if let Some(code) = self.place_codes.get(m.value() as usize) {
                out.push((s, e, code.clone()));
            }
        }
        out
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
    ///
    /// The quotes (as [`Coder::quotes`]) come in the same pass: sentences,
    /// actor units and quote attribution are computed once.
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
        let sents = segment::sentences(norm);
        let qspans = quotes::spans(norm);
        // Triggers, required literals, block words, stance words and the
        // characters opening pairs and pronoun units, one pass.
        let found = self.index.scan(norm);
        let mut units = Units::build(
            entities,
            text,
            &sents,
            &qspans,
            &self.pair_abbr,
            &found.chars,
        );
        let tx = dates::Timexes::new(timex, text, ctx, norm);
        let quotes = quotes::attribute(&self.quote_lex, norm, &units, &sents, &qspans);
        self.places_for(norm, &found, &mut units);
        let hits = &found.hits;

        let mut out: Vec<(Event, bool)> = Vec::new();
        let mut seen: HashSet<(String, String, String, String)> = HashSet::new();
        let mut hi = 0usize;
        let mut lits_seen = LitsSeen::new();
        let mut tried: Vec<usize> = Vec::new();
        let mut places = PlacesRead::default();
        // The last clause subject (outside quotes) of the paragraph so far,
        // with its paragraph: the topic a zero subject goes on with.
        let mut topic: Option<(Phrase, usize)> = None;
        for (si, sent) in sents.iter().enumerate() {
            if topic.as_ref().is_some_and(|t| t.1 != sent.para) {
                topic = None;
            }
            let mut carried: Option<Phrase> =
                topic_for(norm, &units, sent, topic.as_ref().map(|t| &t.0));
            let subjects = clause_subjects(norm, &units, sent, &mut topic);
            while hi < hits.len() && hits[hi].0 < sent.start {
                hi += 1;
            }
            let k = hi + hits[hi..].partition_point(|h| h.0 < sent.end);
            let sent_hits = &hits[hi..k];
            if sent_hits.is_empty() {
                continue;
            }
            // A question or opinion blocks the sentence; an embedded
            // question word, its clause and the following ones.
            let block_from = filters::sentence_block_in(norm, sent.start, sent.end, &found.blocks)
                .map(|b| sent.start + b);
            let sfilter = block_from == Some(sent.start);
            if let Some(t) = trace.as_deref_mut() {
                t.sentence(si, sfilter);
            }
            // Where the literals of the patterns last start in the sentence:
            // a pattern whose required literal does not occur after its
            // trigger cannot match.
            if !sfilter {
                // Only occurrences after a trigger are asked about.
                let from = sent_hits.iter().map(|h| h.1).min().unwrap_or(sent.start);
                let from = from.clamp(sent.start, sent.end);
                lits_seen.mark(&self.index, &found, (from, sent.end), sent_hits);
            }
            // A link or URL in the sentence: looked for once, when the
            // sentence's first match is emitted (most sentences with a
            // trigger emit none).
            let mut links: Option<bool> = None;
            let mut first_subject: Option<Phrase> = None;
            for (&(cs, ce), subject) in sent.clauses.iter().zip(&subjects) {
                let cfilter = block_from.is_some_and(|b| ce > b);
                // 并/同时/还… continue the sentence's main subject, not the
                // subject of reported content in between (批评，日方…，并要求…).
                let clause = norm[cs..ce].trim_start();
                if MAIN_SUBJECT_CONTINUERS
                    .iter()
                    .any(|w| short::starts_in(clause, w))
                {
                    if let Some(f) = &first_subject {
                        carried = Some(f.clone());
                    }
                }
                // The first clause of an official's quote goes on with the
                // speaker (“我们将继续支持乌克兰，”拜登说).
                if let Some(ph) = speaker_of_quote(norm, &units, &quotes, cs, ce) {
                    carried = Some(ph);
                }
                let mut cands: Vec<Match> = Vec::new();
                // A blocked sentence (hypothetical, question…) codes nothing:
                // skip matching, but still track the clause subjects below.
                for &(hs, he, tid) in sent_hits.iter().filter(|_| !cfilter) {
                    // (A name after the trigger looked up only inside the clause.)
                    if hs < cs || he > ce {
                        continue;
                    }
                    if !self
                        .index
                        .anchor_fits(tid, norm, hs, he, units.starts_at(he))
                    {
                        continue;
                    }
                    lits_seen.candidates(&self.index, tid, &mut tried);
                    for &pi in &tried {
                        if !self.index.literals_follow(pi, &lits_seen, he) {
                            continue;
                        }
                        if self.patterns[pi].flags.visit {
                            places.read(self, norm, si, sent, &mut units);
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
                if let Some(subj) = subject.clone() {
                    // The main subject, when its clause ends in a verb of
                    // saying (中国外交部发表声明批评，…): what follows is content.
                    let c = norm[cs..ce].trim_end();
                    if first_subject.is_none() && CONTENT_VERBS.iter().any(|v| short::ends_in(c, v))
                    {
                        first_subject = Some(subj.clone());
                    }
                    carried = Some(subj);
                }
                if cands.is_empty() || cfilter {
                    continue;
                }
                for (m, inner) in choose(norm, &self.patterns, cands, trace.as_deref_mut()) {
                    let links = *links.get_or_insert_with(|| {
                        self.modality
                            .find(&norm[sent.start..sent.end], modality::Class::NotNews)
                            .is_some()
                    });
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
                        links,
                    };
                    let r = self.emit(&m, &ctx, &mut seen, &mut out);
                    let negated = r.as_ref().is_err_and(|e| e == NEGATED);
                    if let Some(t) = trace.as_deref_mut() {
                        t.outcome(&m, r);
                    }
                    // Negated by words outside a match of the same reading
                    // inside it: that one is coded.
                    for f in inner.iter().filter(|_| negated) {
                        let r = self.emit(f, &ctx, &mut seen, &mut out);
                        let done = r.is_ok();
                        if let Some(t) = trace.as_deref_mut() {
                            t.outcome(f, r);
                        }
                        if done {
                            break;
                        }
                    }
                }
            }
        }
        // What actors say about others, where the patterns coded nothing.
        let sctx = stance::Ctx {
            norm,
            text,
            sents: &sents,
            units: &units,
            tx: &tx,
            quotes: &quotes,
            qspans: &qspans,
            blocks: &found.blocks,
            words: &found.stance,
        };
        self.stance(&sctx, &mut seen, &mut out);
        (out, quotes)
    }

    /// Quotes with their speakers (only quotes whose speaker was found).
    pub fn quotes(&self, text: &Text, entities: &[Entity], _ctx: &Context) -> Vec<Quote> {
        let norm = text.norm.as_str();
        let sents = segment::sentences(norm);
        let qspans = quotes::spans(norm);
        let cands = self.pair_abbr.candidates(text.chars());
        let units = Units::build(entities, text, &sents, &qspans, &self.pair_abbr, &cands);
        speaker_quotes(
            text,
            quotes::attribute(&self.quote_lex, norm, &units, &sents, &qspans),
        )
    }
}
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
                unit: shiju_core::Bytes,
            })
        })
        .collect()
}

/// The places of the sentences read so far, one sentence at a time as a
/// visit pattern (the only one to read them) comes to be tried in it, in
/// text order. With every place name of letters and digits only, no name
/// reaches across the start of a sentence (what comes before one is a
/// sentence end, a closing mark or white space), so a search begun there
/// finds what one begun at the start of the text does.
#[derive(Default)]
struct PlacesRead {
    /// The last sentence read.
    last: Option<usize>,
    /// Where the last place read ends.
    read_to: usize,
}

impl PlacesRead {
    /// Reads the places of sentence `si` into `units`, once.
    fn read(&mut self, coder: &Coder, norm: &str, si: usize, sent: &Sentence, units: &mut Units) {
        if !coder.places_alnum || self.last == Some(si) {
            return;
        }
        self.last = Some(si);
        let found = coder.places_in(norm, sent.start, sent.end, units, &mut self.read_to);
        units.places.extend(found);
    }
}

/// The outcome of a match dropped by a negation in its words.
pub(crate) const NEGATED: &str = "negated";

/// What `emit` needs to know about the clause being coded.
#[derive(Clone, Copy)]
struct EmitCtx<'a> {
    norm: &'a str,
    text: &'a Text,
    sent: &'a Sentence,
    cs: usize,
    ce: usize,
    units: &'a Units,
    tx: &'a dates::Timexes<'a>,
    quotes: &'a [quotes::Attributed],
    qspans: &'a [(usize, usize)],
    /// The sentence holds a link or URL (`notnews` of `modality.tsv`).
    links: bool,
}

mod dates;

#[cfg(test)]
mod tests;

/// The subject a sentence's first clause goes on with: the paragraph's
/// topic, when the clause has no subject of its own and the sentence opens
/// with a word that continues the story (随后会见了…, 当天还…).
fn topic_for(norm: &str, units: &Units, sent: &Sentence, topic: Option<&Phrase>) -> Option<Phrase> {
    let topic = topic?;
    let &(cs, ce) = sent.clauses.first()?;
    let opening = norm[cs..ce].trim_start();
    if !SENTENCE_CONTINUERS
        .iter()
        .any(|w| short::starts_in(opening, w))
    {
        return None;
    }
    if units.topic_subject(norm, cs, ce).is_some() {
        return None;
    }
    Some(topic.clone())
}

/// Each clause's subject of `sent`, found once; a new one of the sentence
/// becomes the `topic` (with its paragraph).
fn clause_subjects(
    norm: &str,
    units: &Units,
    sent: &Sentence,
    topic: &mut Option<(Phrase, usize)>,
) -> Vec<Option<Phrase>> {
    let subjects: Vec<Option<Phrase>> = (sent.clauses.iter())
        .map(|&(cs, ce)| units.clause_subject(norm, cs, ce))
        .collect();
    for (&(cs, _), subj) in sent.clauses.iter().zip(&subjects) {
        if let Some(s) = subj.as_ref().filter(|s| units.is_topic(norm, cs, s)) {
            *topic = Some((s.clone(), sent.para));
        }
    }
    subjects
}

/// The matches of one clause to emit, in text order: the most specific
/// first (leftmost, then the most matched literal text, then the longest),
/// dropping any match that overlaps a chosen one; with each, the matches
/// inside it of the same reading, to try when it is negated.
fn choose(
    norm: &str,
    patterns: &[Pattern],
    mut cands: Vec<Match>,
    mut trace: Option<&mut explain::Tracer>,
) -> Vec<(Match, Vec<Match>)> {
    cands.sort_by(|a, b| {
        let wa: usize = a.lits.iter().map(|l| l.1 - l.0).sum();
        let wb: usize = b.lits.iter().map(|l| l.1 - l.0).sum();
        a.start
            .cmp(&b.start)
            .then(wb.cmp(&wa))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
    });
    // 加拿大应美国要求逮捕…: a match whose actors are the chosen one's the
    // other way round, with another root, reports the other side's act
    // (the request), not a competing reading of the same act (a passive
    // read as active: same root) — unless it ends on 的, where it only
    // describes a noun (收复了被俄罗斯占领的领土).
    let root = |m: &Match| patterns[m.pat].code.get(..2).unwrap_or("");
    let reversed = |m: &Match, c: &Match| match (&m.s, &m.t, &c.s, &c.t) {
        (Some(ms), Some(mt), Some(cs), Some(ct)) => {
            ms == ct && mt == cs && root(m) != root(c) && !norm[m.end..].starts_with('的')
        }
        _ => false,
    };
    // 加拿大应美国要求逮捕华为财务长: the chosen match (the request it
    // answers) ends on the verb; a match whose subject is one of its
    // actors, printed before it, and whose target comes after its end
    // codes that verb's own object (not 促请伊朗释放…: what is asked of
    // the actor after the chosen match's verb).
    let further = |m: &Match, c: &Match| match (&m.s, &m.t) {
        (Some(ms), Some(mt)) => {
            mt.start >= c.end
                && c.t.as_ref().is_none_or(|ct| mt.start >= ct.end)
                && root(m) != root(c)
                && ms.end <= c.start
                && [&c.s, &c.t].into_iter().flatten().any(|x| x == ms)
        }
        _ => false,
    };
    // A match inside a chosen one, of its root and with its actors, is the
    // same reading: the fallback when the chosen one is negated by words
    // outside it (提醒以色列不要…，不要…: the second clause's 不要).
    let same_reading = |m: &Match, c: &Match| {
        c.start <= m.start && m.end <= c.end && m.s == c.s && m.t == c.t && root(m) == root(c)
    };
    let mut chosen: Vec<(Match, Vec<Match>)> = Vec::new();
    for m in cands {
        if let Some(k) = chosen.iter().position(|(c, _)| {
            m.start < c.end && c.start < m.end && !reversed(&m, c) && !further(&m, c)
        }) {
            if let Some(t) = trace.as_deref_mut() {
                t.outcome(&m, Err("overlapped by a more specific match".into()));
            }
            if same_reading(&m, &chosen[k].0) {
                chosen[k].1.push(m);
            }
            continue;
        }
        chosen.push((m, Vec::new()));
    }
    chosen.sort_by_key(|m| m.0.start);
    chosen
}

/// Opening quotation marks.
const QUOTE_OPENERS: &[char] = &['“', punct::LEFT_CORNER, punct::LEFT_WHITE_CORNER, '"', '‘'];

/// The speaker's phrase when `cs..ce` is the first clause of a quote whose
/// speaker speaks officially: the name of the speaker nearest after the
/// quote (else before it), looked for within a bounded window.
fn speaker_of_quote(
    norm: &str,
    units: &Units,
    quotes: &[quotes::Attributed],
    cs: usize,
    ce: usize,
) -> Option<Phrase> {
    /// Bytes around a quote searched for its speaker's name.
    const WINDOW: usize = 90;
    let k = quotes.partition_point(|q| q.start < ce);
    let q = quotes[..k].iter().rev().take(4).find(|q| q.end > cs)?;
    // The quote opens the clause (nothing but quotation marks before it),
    // or the clause goes on inside it.
    let opens_here = if q.start >= cs {
        norm.get(cs..q.start)?
            .chars()
            .all(|c| c.is_whitespace() || QUOTE_OPENERS.contains(&c))
    } else {
        !actors::has_break(norm.get(q.start..cs)?)
    };
    if !opens_here || !q.official {
        return None;
    }
    let id = q.speaker.as_deref()?;
    let names = |u: &actors::Unit| {
        !u.pronoun
            && !u.in_quote
            && u.ents
                .iter()
                .any(|&i| units.ents[i].id == id && units.ents[i].code.is_some())
    };
    let after = units.first_at_or_after(q.end);
    let found = units.list[after..]
        .iter()
        .take_while(|u| u.start <= q.end + WINDOW)
        .position(names)
        .map(|i| after + i)
        .or_else(|| {
            let before = units.first_at_or_after(q.start);
            units.list[..before]
                .iter()
                .rev()
                .take_while(|u| u.end + WINDOW >= q.start)
                .position(names)
                .map(|i| before - 1 - i)
        })?;
    let u = &units.list[found];
    Some(Phrase {
        start: u.start,
        end: u.end,
        units: found..found + 1,
    })
}
