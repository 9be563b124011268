//! From a matched pattern to event records: negation, modality and
//! attribution filters, the date, and the directions of the pattern.

use std::collections::HashSet;

use shiju_core::Event;

use crate::matcher::{match_actors, Match};
use crate::modality::Class;
use crate::segment::Sentence;
use crate::{actors, filters, segment, Coder, EmitCtx};
use shiju_text::punct;

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
    /// The modality and date decisions, for the trace (`shiju explain`).
    pub note: String,
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
            links,
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
        // Only a sentence known to hold a link is scanned for it again.
        let sent_text = if links {
            &norm[sent.start..sent.end]
        } else {
            ""
        };
        if let Some(b) = (self.modality).blocks(&p.code, &norm[cs..lead], &region, sent_text) {
            return Err(format!("{:?}: {}", b.class, b.word).to_lowercase());
        }
        if filters::speculative(pre) || filters::speculative(&region) || filters::modal_pre(pre) {
            return Err("speculative or modal".into());
        }
        // Reported as done (已经发动): the speculation of an earlier clause
        // does not govern it.
        let realis = self.modality.find(&region, Class::Realis).is_some()
            || self.modality.find(pre, Class::Realis).is_some();
        // A subject carried from an earlier clause carries that clause's
        // speculation (X试图分裂Y，或对Y发动攻击).
        if let Some(s) = m.s.as_ref().filter(|s| s.end <= cs && !realis) {
            let own = norm.get(s.end..cs).unwrap_or("");
            let own = own
                .char_indices()
                .find(|&(_, c)| segment::is_clause_break(c))
                .map_or(own, |(i, _)| &own[..i]);
            if filters::speculative(own) {
                return Err("speculative (the carried subject's clause)".into());
            }
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
        if filters::noun_after(last_alt_past(p, after)) {
            return Err("modifies a noun".into());
        }
        // 与英国进行磋商的欧盟执委会: a match that ends on 的 + a name is a
        // relative clause describing that actor, not a report of an event.
        if after.starts_with('的') && units.starts_at(m.end.min(sent.end) + '的'.len_utf8()) {
            return Err("describes an actor (…的 + name)".into());
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
        // …是假消息: the matched proposition is called false.
        if let Some(w) = self.modality.find(after_clause, Class::False) {
            return Err(format!("false: {w}"));
        }
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
        let present = |t: &str| self.modality.find(t, Class::Present).is_some();
        let (mut date, mut explicit, mut how) =
            tx.date_for(cs, ce, m.start, sent, intent, &present);
        if how == "sentence" {
            if let Some(content) = self.commented_content(m, c) {
                (date, explicit, how) = tx.date_for(cs, ce, m.start, &content, true, &present);
            }
        }
        // 5日启程前往法国访问，6日抵达巴黎: a visit is dated by its arrival.
        if p.flags.visit && !future {
            let lits = norm.get(m.start..m.end).unwrap_or("");
            if self.modality.find(lits, Class::Depart).is_some() {
                if let Some(d) = self.arrival_date(c, &present) {
                    (date, explicit, how) = (d, true, "arrival clause");
                }
            }
        }
        // A background reference (入侵乌克兰以来) is kept only with its own date.
        if background && !explicit {
            return Err("background without its own date".into());
        }
        // The cause of an earlier event (他被问责是因为向邻国施压): background.
        if !explicit {
            if let Some(w) = self.modality.find(pre, Class::Cause) {
                return Err(format!("cause: {w} (background without its own date)"));
            }
        }
        let note = if future {
            format!("plan {} → {code}; date from the {how}", p.code)
        } else {
            format!("date from the {how}")
        };

        let (s_actors, t_actors) = match_actors(m, units);
        let mut pairs = directions(p, m, norm, &s_actors, &t_actors, &code, future);
        // A former office-holder no longer acts for the state (越南外长会见
        // 美国前总统克林顿: Vietnam met a former US president, who does
        // not act for the United States).
        let n = pairs.len();
        let former = self.printed_former(m, norm, &s_actors, &t_actors);
        if !former.is_empty() {
            pairs.retain(|(a, _, _)| !former.contains(&a.code));
        }
        let note = if pairs.len() < n {
            format!("{note}; a former office-holder does not act")
        } else {
            note
        };
        Ok(Decision {
            pairs,
            date,
            explicit,
            note,
        })
    }

    /// The codes of the actors that stand for a former office-holder
    /// printed as such (美国前总统克林顿; the gazetteer's role alone is
    /// not enough, as a former minister may hold another office).
    fn printed_former(
        &self,
        m: &Match,
        norm: &str,
        s_actors: &[actors::Actor],
        t_actors: &[actors::Actor],
    ) -> Vec<String> {
        let printed = |ph: &Option<actors::Phrase>| {
            ph.as_ref().is_some_and(|ph| {
                let from = norm[..ph.start]
                    .char_indices()
                    .rev()
                    .take(8)
                    .take_while(|&(_, c)| !segment::is_clause_break(c))
                    .last()
                    .map_or(ph.start, |(i, _)| i);
                (self.modality)
                    .find(&norm[from..ph.end], Class::Former)
                    .is_some()
            })
        };
        let mut out: Vec<String> = Vec::new();
        for (side, ph) in [(s_actors, &m.s), (t_actors, &m.t)] {
            if side.iter().any(|a| a.former) && printed(ph) {
                out.extend(side.iter().filter(|a| a.former).map(|a| a.code.clone()));
            }
        }
        out
    }

    /// 专栏作家2日指出，加拿大应美国要求逮捕…: the time of a commentator's
    /// saying (no actor speaks before the verb of saying) dates the comment,
    /// not the acts it discusses. When the match's source is named in what
    /// is said, the part of the sentence after the verb of saying, in which
    /// the act takes a time of its own, else the reference date. (An actor's
    /// announcement of a fresh act keeps its day.)
    fn commented_content(&self, m: &Match, c: &EmitCtx<'_>) -> Option<Sentence> {
        let (sent, units) = (c.sent, c.units);
        let cut = self.speech_cut(c.norm, sent.start, c.cs)?;
        let first = units.first_at_or_after(sent.start);
        let actor_speaks = units.list[first.min(units.list.len())..]
            .iter()
            .take_while(|u| u.start < cut)
            .any(|u| u.ents.iter().any(|&e| units.ents[e].official));
        (!actor_speaks && m.s.as_ref().is_some_and(|s| s.start >= cut)).then(|| Sentence {
            start: cut,
            ..sent.clone()
        })
    }

    /// The end of the last verb of saying that closes a clause (`指出，`)
    /// between `from` and `to`: where reported content begins.
    fn speech_cut(&self, norm: &str, from: usize, to: usize) -> Option<usize> {
        let mut cut = None;
        for (i, _) in norm[from..to].char_indices() {
            let p = from + i;
            if let Some(len) = self.quote_lex.speech_at(norm, p) {
                let after = norm[p + len..].chars().next();
                if after.is_some_and(|c| c == punct::COMMA || c == punct::COLON) {
                    cut = Some(p + len + after.map_or(0, char::len_utf8));
                }
            }
        }
        cut.filter(|&c| c <= to)
    }

    /// The date of the first later clause of the sentence that reports an
    /// arrival with a time expression of its own.
    fn arrival_date(&self, c: &EmitCtx<'_>, present: &dyn Fn(&str) -> bool) -> Option<String> {
        c.sent
            .clauses
            .iter()
            .filter(|&&(a, _)| a >= c.ce)
            .find_map(|&(a, b)| {
                let clause = c.norm.get(a..b)?;
                let w = self.modality.find(clause, Class::Arrive)?;
                let q = a + clause.find(w)?;
                let (d, _, how) = c.tx.date_for(a, b, q, c.sent, false, present);
                (how == "clause").then_some(d)
            })
    }

    /// Records of a match, one per (source, target, root, date) in the
    /// document: how many were added and the decisions' note, or why none.
    pub(crate) fn emit(
        &self,
        m: &Match,
        c: &EmitCtx<'_>,
        seen: &mut HashSet<(String, String, String, String)>,
        out: &mut Vec<(Event, bool)>,
    ) -> Result<(usize, String), String> {
        let Decision {
            pairs,
            date,
            explicit,
            note,
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
            out.push((info.event(&a, &b, &date, &evidence, (os, oe)), explicit));
        }
        Ok((out.len() - before, note))
    }
}

/// `after` past an alternative of the pattern's last literal that it
/// opens: the match stops at the first of two nouns the last element
/// allows (…签署…管道项目|计划。), and the second is its object's head, not
/// a noun the matched phrase modifies.
fn last_alt_past<'a>(p: &crate::pattern::Pattern, after: &'a str) -> &'a str {
    let Some(crate::pattern::Elem::Lit(alts)) = p.elems.last() else {
        return after;
    };
    alts.iter()
        .filter(|w| !w.is_empty() && after.starts_with(w.as_str()))
        .map(|w| &after[w.len()..])
        .min_by_key(|r| r.len())
        .unwrap_or(after)
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

/// The (source, target, code) records of a match: every source with every
/// target, both directions for symmetric patterns, 043/042 for visits and
/// hosts; a conjoined source with a symmetric verb and no target gives
/// every pair.
fn directions(
    p: &crate::pattern::Pattern,
    m: &Match,
    norm: &str,
    s_actors: &[actors::Actor],
    t_actors: &[actors::Actor],
    code: &str,
    future: bool,
) -> Vec<(actors::Actor, actors::Actor, String)> {
    let code = code.to_string();
    let mut pairs: Vec<(actors::Actor, actors::Actor, String)> = Vec::new();
    if t_actors.is_empty() {
        // A conjoined source with a symmetric verb: every pair.
        if p.flags.sym && s_actors.len() >= 2 {
            for a in s_actors {
                for b in s_actors {
                    if a.code != b.code && !(future && pairs.iter().any(|x| x.1.code == a.code)) {
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
        for a in s_actors {
            for b in t_actors {
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
    pairs
}
