//! `Coder::explain`: how each sentence was coded — the patterns whose
//! anchor fired, whether each matched (and with which actors) or why not
//! (no match, one actor, overlapped, which filter and which word), the date
//! and codes of the records it gave. For lexicon writers and users
//! debugging the coding; the CLI prints it.

use shiju_core::{Context, Entity, Event, Text, Timex};

use crate::actors::Units;
use crate::matcher::{match_actors, Match};
use crate::{segment, Coder};

/// One pattern tried at one anchor.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternTrace {
    /// The anchor as printed in the normalised text.
    pub anchor: String,
    /// The pattern as written in `verbs.tsv`, and its CAMEO code.
    pub pattern: String,
    pub code: String,
    /// Actor codes of the source and target slots (empty if unfilled).
    pub source: Vec<String>,
    pub target: Vec<String>,
    /// `coded` (records added), `duplicate` (its records were already
    /// given), each with the modality and date decisions in brackets
    /// (`coded (plan 042 → 036; date from the clause)`), `no match`, `one actor only`, `overlapped by…`, or the
    /// filter that dropped it (`negated`, `hope: 期待`, `accuse: 指控`…).
    pub outcome: String,
}

/// One sentence: its text, whether a sentence filter blocked it, the
/// patterns tried and the events it gave.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceTrace {
    /// Original byte offsets of the sentence.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// A hypothetical, question or analysts' sentence codes nothing.
    pub blocked: bool,
    pub patterns: Vec<PatternTrace>,
    pub events: Vec<Event>,
}

struct Row {
    sent: usize,
    anchor: (usize, usize),
    pat: usize,
    /// Match start and end, when there was one.
    span: Option<(usize, usize)>,
    source: Vec<String>,
    target: Vec<String>,
    outcome: String,
}

/// What the coding loop reports while it runs.
#[derive(Default)]
pub(crate) struct Tracer {
    rows: Vec<Row>,
    blocked: Vec<(usize, bool)>,
}

impl Tracer {
    pub fn sentence(&mut self, si: usize, blocked: bool) {
        self.blocked.push((si, blocked));
    }

    pub fn tried(
        &mut self,
        si: usize,
        anchor: (usize, usize),
        pat: usize,
        m: Option<&Match>,
        viable: bool,
        units: &Units,
    ) {
        let (source, target) = match m {
            Some(m) => {
                let (s, t) = match_actors(m, units);
                (
                    s.into_iter().map(|a| a.code).collect(),
                    t.into_iter().map(|a| a.code).collect(),
                )
            }
            None => (Vec::new(), Vec::new()),
        };
        let outcome = match (m, viable) {
            (None, _) => "no match",
            (Some(_), false) => "one actor only",
            (Some(_), true) => "matched",
        };
        self.rows.push(Row {
            sent: si,
            anchor,
            pat,
            span: m.map(|m| (m.start, m.end)),
            source,
            target,
            outcome: outcome.to_string(),
        });
    }

    /// The fate of a viable match: records added, or why none.
    pub fn outcome(&mut self, m: &Match, r: Result<(usize, String), String>) {
        if let Some(row) = self.rows.iter_mut().rev().find(|r| {
            r.pat == m.pat
                && r.span == Some((m.start, m.end))
                && (r.outcome == "matched" || r.outcome.starts_with("overlapped"))
        }) {
            row.outcome = match r {
                Ok((0, note)) => format!("duplicate ({note})"),
                Ok((_, note)) => format!("coded ({note})"),
                Err(why) => why,
            };
        }
    }
}

impl Coder {
    /// How every sentence with an anchor was coded (see [`SentenceTrace`]).
    /// The events are those of [`Coder::events`] (without image captions).
    pub fn explain(
        &self,
        text: &Text,
        entities: &[Entity],
        timex: &[Timex],
        ctx: &Context,
    ) -> Vec<SentenceTrace> {
        let mut tracer = Tracer::default();
        let (evs, _) = self.coded_with_quotes(text, entities, timex, ctx, Some(&mut tracer));
        let norm = text.norm.as_str();
        let sents = segment::sentences(norm);
        let mut out = Vec::new();
        for (si, blocked) in tracer.blocked {
            let Some(sent) = sents.get(si) else {
                continue;
            };
            let (os, oe) = text.orig_span(sent.start, sent.end);
            let patterns = tracer
                .rows
                .iter()
                .filter(|r| r.sent == si)
                .map(|r| {
                    let p = &self.patterns[r.pat];
                    PatternTrace {
                        anchor: norm.get(r.anchor.0..r.anchor.1).unwrap_or("").to_string(),
                        pattern: p.source.clone(),
                        code: p.code.clone(),
                        source: r.source.clone(),
                        target: r.target.clone(),
                        outcome: r.outcome.clone(),
                    }
                })
                .collect();
            let events = evs
                .iter()
                .filter(|(e, _)| e.start == os && e.end == oe)
                .map(|(e, _)| e.clone())
                .collect();
            out.push(SentenceTrace {
                start: os,
                end: oe,
                text: text.original.get(os..oe).unwrap_or("").to_string(),
                blocked,
                patterns,
                events,
            });
        }
        out
    }
}
