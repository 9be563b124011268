//! From a matched pattern to event records: negation, modality and
//! attribution filters, the date, and the directions of the pattern.

use std::collections::HashSet;

use shiju_core::Event;

use crate::matcher::{match_actors, Match};
use crate::{actors, filters, Coder, EmitCtx};

/// Words between two conjoined names (`lexicon/event_words.tsv`).
static SIDE_JOINERS: shiju_lexicon::words::WordList =
    shiju_lexicon::words::WordList::new("event_words.tsv", "side_joiners");

/// The records a match gives before de-duplication.
pub(crate) struct Decision {
    /// (source, target, CAMEO code).
    pub pairs: Vec<(actors::Actor, actors::Actor, String)>,
    pub date: String,
    /// Dated by a time expression of its clause or sentence.
    pub explicit: bool,
}

impl Coder {
    /// The filters, date and directions of a match; `Err` names the filter
    /// that dropped it.
    pub(crate) fn decide(&self, m: &Match, c: &EmitCtx<'_>) -> Result<Decision, String> {
        let EmitCtx {
            norm,
            text: _,
            sent,
            cs,
            ce,
            units,
            tx,
            quotes,
            qspans,
        } = *c;
        let p = &self.patterns[m.pat];
        #[cfg(test)]
        if std::env::var("SHIJU_DEBUG").is_ok() {
            eprintln!(
                "  match {} [{}] in {}",
                p.source,
                p.code,
                &norm[sent.start..sent.end]
            );
        }
        // Region between the subject and the end of the match, minus literals.
        let region_start = m.lead_end.min(m.start);
        let mut masks = m.lits.clone();
        let mut region_end = m.end;
        for ph in [&m.s, &m.t].into_iter().flatten() {
            masks.push((ph.start, ph.end));
            region_end = region_end.max(ph.end);
        }
        // Short quoted terms (“没有止境”的伙伴关系) are names, not negations.
        for &(a, b) in qspans {
            if a >= region_start && b <= region_end && norm[a..b].chars().count() <= 10 {
                masks.push((a, b));
            }
        }
        let region = filters::masked(norm, region_start, region_end, &masks);
        if filters::negated(&region) {
            return Err("negated".into());
        }
        let pre = &norm[cs..m.start];
        // The clause before the match and its actors: a hope or an
        // accusation there governs the whole match (他期待美国支持…).
        let lead = [&m.s, &m.t]
            .into_iter()
            .flatten()
            .map(|ph| ph.start)
            .filter(|&x| x >= cs)
            .fold(m.start, usize::min);
        let sent_text = &norm[sent.start..sent.end];
        if let Some(b) = (self.modality).blocks(&p.code, &norm[cs..lead], &region, sent_text) {
            return Err(format!("{:?}: {}", b.class, b.word).to_lowercase());
        }
        if filters::speculative(pre) || filters::speculative(&region) || filters::modal_pre(pre) {
            return Err("speculative or modal".into());
        }
        let sent_before = &norm[sent.start..m.start];
        if filters::generic(sent_before)
            || filters::hypothetical(sent_before)
            || filters::hypothetical(&region)
            || filters::opinion(sent_before)
        {
            return Err("generic, hypothetical or opinion".into());
        }
        let after = norm.get(m.end.min(sent.end)..sent.end).unwrap_or("");
        if filters::noun_after(after) {
            return Err("modifies a noun".into());
        }
        // 2001年签署的协议, 美国向乌克兰提供的援助: a verb of the pattern
        // heading a relative clause (…的 + noun) modifies a noun; no event.
        let last_lit = m.lits.iter().map(|l| l.0).max().unwrap_or(0);
        if m.lits.iter().any(|&(a, b)| {
            a < last_lit && norm[b..].starts_with('的') && !m.lits.iter().any(|l| l.0 == b)
        }) {
            return Err("relative clause".into());
        }
        // The time phrase starts after the target (入侵乌克兰以来).
        let after_all =
            m.t.as_ref()
                .map(|t| t.end.max(m.end))
                .unwrap_or(m.end)
                .min(ce.max(m.end));
        let after_clause = norm.get(after_all..ce.max(after_all)).unwrap_or("");
        let background = filters::background(after_clause);
        // X和Y之间的…: the relation between them, not an actor.
        if let Some(t) = &m.t {
            if norm[t.end..].starts_with("之间") && !p.source.contains("之间") {
                return Err("between the actors".into());
            }
        }
        // Inside a quote of someone who does not speak for a state.
        // (Quotes are in text order: the few starting before the match.)
        let k = quotes.partition_point(|q| q.start <= m.start);
        if let Some(q) = quotes[..k].iter().rev().take(4).find(|q| m.end <= q.end) {
            if !q.official {
                return Err("quote of a non-official speaker".into());
            }
        }
        let future = !p.flags.nofuture && filters::future(&region);
        let code = if future {
            intent_code(&p.code)
        } else {
            p.code.clone()
        };
        let intent = future || code.starts_with("03");
        let (date, explicit) = tx.date_for(cs, ce, m.start, sent, intent);
        // A background reference (入侵乌克兰以来) is kept only with its own date.
        if background && !explicit {
            return Err("background without its own date".into());
        }

        let (s_actors, t_actors) = match_actors(m, units);
        let mut pairs: Vec<(actors::Actor, actors::Actor, String)> = Vec::new();
        if t_actors.is_empty() {
            // A conjoined source with a symmetric verb: every pair.
            if p.flags.sym && s_actors.len() >= 2 {
                for a in &s_actors {
                    for b in &s_actors {
                        if a.code != b.code && !(future && pairs.iter().any(|x| x.1.code == a.code))
                        {
                            pairs.push((a.clone(), b.clone(), code.clone()));
                        }
                    }
                }
            }
        } else {
            // 日本和韩国一致同意恢复对话: with the intent word after both
            // conjoined names, both sides state it.
            let joint = future
                && p.flags.sym
                && match (&m.s, &m.t) {
                    (Some(s), Some(t)) if s.end <= t.start && t.end <= m.end => {
                        let between = norm.get(s.end..t.start).unwrap_or("");
                        let after = norm.get(t.end..m.end).unwrap_or("");
                        SIDE_JOINERS.contains(&between.trim()) && filters::future(after)
                    }
                    _ => false,
                };
            for a in &s_actors {
                for b in &t_actors {
                    pairs.push((a.clone(), b.clone(), code.clone()));
                    if joint {
                        pairs.push((b.clone(), a.clone(), code.clone()));
                    }
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
        Ok(Decision {
            pairs,
            date,
            explicit,
        })
    }

    /// Records of a match, one per (source, target, root, date) in the
    /// document: how many were added, or why none.
    pub(crate) fn emit(
        &self,
        m: &Match,
        c: &EmitCtx<'_>,
        seen: &mut HashSet<(String, String, String, String)>,
        out: &mut Vec<(Event, bool)>,
    ) -> Result<usize, String> {
        let Decision {
            pairs,
            date,
            explicit,
        } = self.decide(m, c)?;
        let (text, sent) = (c.text, c.sent);
        let before = out.len();
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
            out.push((
                Event {
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
                },
                explicit,
            ));
        }
        Ok(out.len() - before)
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
