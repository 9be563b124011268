//! From a matched pattern to event records: negation, modality and
//! attribution filters, the date, and the directions of the pattern.

use std::collections::HashSet;

use shiju_core::Event;

use crate::matcher::{match_actors, Match};
use crate::modality::Class;
use crate::segment::Sentence;
use crate::{actors, filters, segment, Coder, EmitCtx};
use shiju_text::punct;

/// Connectives opening a clause that leaves a condition's scope (为此,
/// 但是, 此外…), `lexicon/event_words.tsv`.
static HYPOTHETICAL_ENDERS: shiju_lexicon::words::WordList =
    shiju_lexicon::words::WordList::new("event_words.tsv", "hypothetical_enders");

/// Contrast connectives that, opening a clause with a new subject, end the
/// reach of a date opening an earlier clause (`lexicon/event_words.tsv`).
static DATE_SCOPE_ENDERS: shiju_lexicon::words::WordList =
    shiju_lexicon::words::WordList::new("event_words.tsv", "date_scope_enders");

/// Nouns of a request a verb answers (应美国要求逮捕…), `lexicon/event_words.tsv`.
static ANSWERED_REQUESTS: shiju_lexicon::words::WordList =
    shiju_lexicon::words::WordList::new("event_words.tsv", "answered_requests");

/// Verbs after a list of targets that make them the hosts of what the
/// source joins (举行/主办…的演习), `lexicon/event_words.tsv`.
static HOST_VERBS: shiju_lexicon::words::WordList =
    shiju_lexicon::words::WordList::new("event_words.tsv", "host_verbs");

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
            tx: _,
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
        // 应美国要求/应邀: the request answered, not a modal or an appeal.
        let answered = answered_requests(norm, units, cs, region_end);
        masks.extend_from_slice(&answered);
        let region = filters::masked(norm, region_start, region_end, &masks);
        if filters::negated(&region) {
            return Err(crate::NEGATED.into());
        }
        let pre = &*blanked(norm, cs, m.start, &answered);
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
            let own = first_clause(norm.get(s.end..cs).unwrap_or(""));
            if filters::speculative(own) {
                return Err("speculative (the carried subject's clause)".into());
            }
        }
        let sent_before = &norm[sent.start..m.start];
        if filters::generic(sent_before)
            || filters::hypothetical(hypothetical_scope(norm, sent, m.start))
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
        let (date, explicit, how) = self.date_of(m, c, intent, future);
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
        let coop = self.cameo.get(&code).is_some_and(|c| c.quad_class <= 2);
        let mut pairs = directions(p, m, norm, &s_actors, &t_actors, &code, future, coop);
        if !future && code.starts_with("12") {
            pairs.extend(refused_demands(m, norm, &s_actors, &t_actors));
        }
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

    /// The date of a match: its clause's, else its sentence's (within a
    /// contrasted clause's scope), else the earlier context's; a comment's
    /// content by the comment's time, a visit set out on by its arrival;
    /// whether it is explicit and where it comes from.
    fn date_of(
        &self,
        m: &Match,
        c: &EmitCtx<'_>,
        intent: bool,
        future: bool,
    ) -> (String, bool, &'static str) {
        let (norm, units, tx, sent, cs, ce) = (c.norm, c.units, c.tx, c.sent, c.cs, c.ce);
        let p = &self.patterns[m.pat];
        let present = |t: &str| self.modality.find(t, Class::Present).is_some();
        let contrast = contrast_scope(norm, units, tx, sent, cs);
        let (mut date, mut explicit, mut how) = tx.date_for(
            cs,
            ce,
            m.start,
            contrast.as_ref().unwrap_or(sent),
            intent,
            &present,
        );
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
        (date, explicit, how)
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
        // 德国前外长X在离任前的演讲中警告…: the act was done in office
        // (words after the name in its clause, `in_office_then`).
        static IN_OFFICE_THEN: shiju_lexicon::words::WordList =
            shiju_lexicon::words::WordList::new("event_words.tsv", "in_office_then");
        let then_in_office = |ph: &Option<actors::Phrase>| {
            ph.as_ref().is_some_and(|ph| {
                let rest = first_clause(norm.get(ph.end..).unwrap_or(""));
                IN_OFFICE_THEN.iter().any(|w| rest.contains(w))
            })
        };
        let mut out: Vec<String> = Vec::new();
        for (side, ph) in [(s_actors, &m.s), (t_actors, &m.t)] {
            if side.iter().any(|a| a.former) && printed(ph) && !then_in_office(ph) {
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

/// The spans of `应 NAME (的)要求/邀请` (at the request or invitation of)
/// in `a..b`: what the verb after them answers, not a modal 应 or the
/// speaker's own request.
fn answered_requests(norm: &str, units: &actors::Units, a: usize, b: usize) -> Vec<(usize, usize)> {
    /// Characters from the name to the request noun's end (美国政府的要求).
    const REACH: usize = 16;
    let Some(sub) = norm.get(a..b) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, _) in sub.match_indices('应') {
        let name = a + i + '应'.len_utf8();
        if !units.starts_at(name) {
            continue;
        }
        let rest = &norm[name..b];
        let found = ANSWERED_REQUESTS
            .iter()
            .filter_map(|w| rest.find(w).map(|k| k + w.len()))
            .filter(|&end| {
                actors::nchars(&rest[..end]) <= REACH && !actors::has_break(&rest[..end])
            })
            .min();
        if let Some(end) = found {
            out.push((a + i, name + end));
        }
    }
    out
}

/// `norm[a..b]` with the bytes of `spans` replaced by `#` (whole
/// characters), borrowed when no span meets it.
fn blanked<'a>(
    norm: &'a str,
    a: usize,
    b: usize,
    spans: &[(usize, usize)],
) -> std::borrow::Cow<'a, str> {
    let sub = norm.get(a..b).unwrap_or("");
    if !spans.iter().any(|&(s, e)| s < b && a < e) {
        return std::borrow::Cow::Borrowed(sub);
    }
    let out: String = sub
        .char_indices()
        .map(|(off, c)| {
            let p = a + off;
            if spans.iter().any(|&(s, e)| s <= p && p < e) {
                '#'
            } else {
                c
            }
        })
        .collect();
    std::borrow::Cow::Owned(out)
}

/// The part of a sentence a time expression inside it may date, when a
/// date opening a later clause (…，2019年美国海军在台海航行10次，而解放军
/// 却…) is followed, before the clause `cs`, by a clause opening with a
/// contrast and a new subject (而解放军): that date is its own clauses',
/// and the contrasted clause is dated as if it began a sentence and a
/// paragraph. A date in the sentence's first clause keeps dating it all.
fn contrast_scope(
    norm: &str,
    units: &actors::Units,
    tx: &crate::dates::Timexes<'_>,
    sent: &Sentence,
    cs: usize,
) -> Option<Sentence> {
    let first_end = sent.clauses.first().map_or(sent.start, |c| c.1);
    let a = sent
        .clauses
        .iter()
        .map(|c| c.0)
        .filter(|&a| a > first_end && a <= cs)
        .filter(|&a| {
            let clause = norm.get(a..sent.end).unwrap_or("");
            DATE_SCOPE_ENDERS
                .iter()
                .any(|w| clause.starts_with(w) && units.starts_at(a + w.len()))
        })
        .max()?;
    tx.any_in(first_end, a).then(|| Sentence {
        start: a,
        end: sent.end,
        para: sent.para,
        para_start: a,
        prev_start: a,
        clauses: Vec::new(),
    })
}

/// `s` up to its first clause break (all of it when it has none).
fn first_clause(s: &str) -> &str {
    s.char_indices()
        .find(|&(_, c)| segment::is_clause_break(c))
        .map_or(s, |(i, _)| &s[..i])
}

/// The part of a sentence before a verb that a condition in it may still
/// govern: a condition (如果/一旦…) reaches its consequence, not a clause
/// a connective moves on from (…一旦台湾宣布独立时的军事行动，为此，美国
/// 已经宣布对台军售): the text from the last clause that opens with
/// such a connective (为此/但是/此外).
/// The clauses are the sentence's own (`Sentence::clauses`).
fn hypothetical_scope<'a>(norm: &'a str, sent: &Sentence, end: usize) -> &'a str {
    let before = &norm[sent.start..end];
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            (sent.clauses.iter())
                .map(|&(a, _)| a)
                .filter(|&a| a > sent.start && a < end)
                .map(|a| a - sent.start),
        )
        .collect();
    // Clause index of the first condition marker, if any.
    let marked = |k: usize| {
        let end = starts.get(k + 1).copied().unwrap_or(before.len());
        filters::hypothetical(&before[starts[k]..end])
    };
    let Some(cond) = (0..starts.len()).find(|&k| marked(k)) else {
        return before;
    };
    for k in (cond + 1..starts.len()).rev() {
        let clause = before[starts[k]..].trim_start();
        let opens = |w: &&str| clause.starts_with(*w);
        if HYPOTHETICAL_ENDERS.iter().any(opens) {
            return &before[starts[k]..];
        }
    }
    before
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

/// 拒绝了中国…的要求 (a rejection whose last word is a demand noun of
/// `demand_nouns`, `lexicon/event_words.tsv`): the demand refused was
/// made, each target → each source 100.
fn refused_demands(
    m: &Match,
    norm: &str,
    s_actors: &[actors::Actor],
    t_actors: &[actors::Actor],
) -> Vec<(actors::Actor, actors::Actor, String)> {
    static DEMAND_NOUNS: shiju_lexicon::words::WordList =
        shiju_lexicon::words::WordList::new("event_words.tsv", "demand_nouns");
    /// CAMEO 100: make a demand.
    const DEMAND: &str = "100";
    let last = m.lits.iter().max_by_key(|l| l.1);
    if !last.is_some_and(|&(a, b)| DEMAND_NOUNS.iter().any(|w| norm[a..b].ends_with(w))) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for s in s_actors {
        for t in t_actors.iter().filter(|t| t.code != s.code) {
            out.push((t.clone(), s.clone(), DEMAND.to_string()));
        }
    }
    out
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
/// every pair, and so do a list of names in the source with a symmetric
/// verb and targets holding (举行的) a cooperative activity the source joins.
#[allow(clippy::too_many_arguments)]
fn directions(
    p: &crate::pattern::Pattern,
    m: &Match,
    norm: &str,
    s_actors: &[actors::Actor],
    t_actors: &[actors::Actor],
    code: &str,
    future: bool,
    coop: bool,
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
        // 加拿大将参加美国和日本举行的联合演习: the targets hold (…举行的)
        // the activity the source joins, together and with it: every pair
        // (of a cooperative code: quad classes 1 and 2).
        // After a verb of joining (参加美国和日本举行共同演习, `join_verbs`)
        // the hosting verb needs no 的.
        static JOIN_VERBS: shiju_lexicon::words::WordList =
            shiju_lexicon::words::WordList::new("event_words.tsv", "join_verbs");
        let hosts = coop
            && t_actors.len() >= 2
            && m.t.as_ref().is_some_and(|t| {
                let after = norm.get(t.end..m.end).unwrap_or("");
                let before = norm.get(m.start.min(t.start)..t.start).unwrap_or("");
                let joined = JOIN_VERBS.iter().any(|w| before.ends_with(w));
                HOST_VERBS.iter().any(|w| {
                    after
                        .match_indices(w)
                        .any(|(i, _)| joined || after[i + w.len()..].starts_with('的'))
                })
            });
        // 俄罗斯、中国和伊朗举行联合军演: one list of names with a
        // symmetric verb; the names joined in the source act together too.
        let listed = p.flags.sym
            && !future
            && s_actors.len() >= 2
            && match (&m.s, &m.t) {
                (Some(s), Some(t)) if s.end <= t.start => {
                    SIDE_JOINERS.contains(&norm.get(s.end..t.start).unwrap_or("").trim())
                }
                _ => false,
            };
        let group = if hosts { t_actors } else { s_actors };
        if hosts || listed {
            for a in group {
                for b in group {
                    if a.code != b.code {
                        pairs.push((a.clone(), b.clone(), code.clone()));
                    }
                }
            }
        }
        for a in s_actors {
            for b in t_actors {
                pairs.push((a.clone(), b.clone(), code.clone()));
                if hosts && (future || !p.flags.sym) {
                    pairs.push((b.clone(), a.clone(), code.clone()));
                }
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
