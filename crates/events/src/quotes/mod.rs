//! Direct speech: spans in “…”, 「…」, 『…』 and their speakers.
//!
//! A quote is attributed, in this order, to the speaker of a verb of saying
//! right before it (X说：“…”), right after it (“…，”X说), earlier in its
//! sentence (X说，…“…”); to 他/她 right after it; to the speaker of the
//! quote before it when it goes on speaking (“…，”X说。“…”, a new paragraph
//! opening with a quote after one, a second quote in the same sentence); or
//! to the speaker of the previous sentence's reported speech. 他/她 stand for
//! the last person introduced as a subject since the previous quote, else
//! for that quote's speaker. A speaker the recogniser did not link may be
//! a short form of someone named before (拉胡尔 for 拉胡尔·夏尔马, 药品管理局
//! for 欧洲药品管理局), and a document (白皮书称) speaks for whoever
//! the text named issuing it. Words and their guards are in
//! `lexicon/quotes.tsv`.

mod lexicon;
mod nested;
mod spans;
mod speaker;
#[cfg(test)]
mod tests;

pub use lexicon::Lexicon;
pub use spans::spans;

use crate::actors::Units;
use crate::pronouns::Quoted;
use crate::segment::{is_clause_break, is_full_stop, Sentence};
use shiju_text::punct;
use spans::{is_term, MIN_CHARS};
use speaker::{Before, Speaker};

/// A quote (inner span, norm bytes) with its speaker.
#[derive(Debug, Clone)]
pub struct Attributed {
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
    /// The speaker speaks for a state or organisation (or is unknown).
    pub official: bool,
}

/// Verbs of saying in `a..b` (norm), outside quotes: their (start, end).
fn speech_verbs(
    lex: &Lexicon,
    norm: &str,
    a: usize,
    b: usize,
    quoted: &Quoted,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let Some(sub) = norm.get(a..b) else {
        return out;
    };
    let mut skip_to = 0usize;
    for (off, c) in sub.char_indices() {
        if off < skip_to {
            continue;
        }
        let p = a + off;
        let len = lex.speech_len_of(c, norm, p);
        if len == 0 || quoted.contains(p, p + 1) {
            continue;
        }
        skip_to = off + len;
        if let Some(l) = lex.speech_at(norm, p) {
            if p + l <= b {
                out.push((p, p + l));
            }
        }
    }
    out
}

/// Whether a verb of saying ends right at `p` (称之为“…”).
fn verb_right_before(lex: &Lexicon, norm: &str, p: usize) -> bool {
    norm[..p]
        .char_indices()
        .rev()
        .take(4)
        .any(|(i, _)| lex.speech_at(norm, i).is_some_and(|l| i + l == p))
}

fn is_space_or_punct(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            punct::COMMA
                | ','
                | punct::COLON
                | ':'
                | punct::FULL_STOP
                | punct::EXCLAMATION
                | punct::QUESTION
                | '!'
                | '?'
                | '…'
                | '—'
        )
}

/// Where a clause containing `p` starts (not before `lo`).
fn clause_start(norm: &str, lo: usize, p: usize) -> usize {
    norm[..p]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_clause_break(c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0)
        .max(lo)
}

/// One quote and the places around it.
#[derive(Clone, Copy)]
struct At {
    a: usize,
    b: usize,
    /// The opening mark and the end of the closing mark.
    open: usize,
    close_end: usize,
    si: usize,
    sent_start: usize,
    next_quote: usize,
    /// The quote before is a short phrase right after a verb of saying (a
    /// name someone coined, 称之为“…”): that verb's whole object.
    prev_short: bool,
}

/// How far back (bytes) the issuer of a speaking document is looked for.
const ISSUER_WINDOW: usize = 6000;

/// The previous attributed quote: the end of its closing mark and speaker.
type Prev = Option<(usize, Option<Speaker>)>;

struct Ctx<'a> {
    lex: &'a Lexicon,
    norm: &'a str,
    units: &'a Units,
    sents: &'a [Sentence],
    quoted: Quoted,
}

impl Ctx<'_> {
    /// The speaker before the verb `(vs, _)`: its clause, else earlier in the
    /// sentence.
    fn before(&self, at: &At, vs: usize) -> Before {
        let (lex, norm, units) = (self.lex, self.norm, self.units);
        let cs = clause_start(norm, at.sent_start, vs);
        let r = speaker::Scan::new(lex, norm, units).before_verb(cs, vs);
        if !matches!(r, Before::None) {
            return r;
        }
        // 拉胡尔说 / 药品管理局表示: a short form of someone named before.
        if let Some(s) = speaker::Scan::new(lex, norm, units).short_name(cs, vs) {
            return Before::Found(s);
        }
        // 白皮书称 / 社论还说: the document's issuer, else no one.
        if let Some(s) = self.issuer(cs, vs) {
            return s;
        }
        // 社论还称 / 发言人说: an unnamed speaker of its own.
        if lex.unnamed(&norm[cs..vs]) {
            return Before::Blocked;
        }
        if cs > at.sent_start {
            // 一家研究院今天成立，称…: an unknown body speaks.
            let pb = norm[..cs].char_indices().next_back().map_or(cs, |x| x.0);
            let pcs = clause_start(norm, at.sent_start, pb);
            if speaker::Scan::new(lex, norm, units).body_opens(pcs, cs) {
                return Before::Blocked;
            }
            // 潘石屹面对质疑，还曾解释说“…”: the sentence's subject.
            if let Some(s) =
                speaker::Scan::new(lex, norm, units).sentence_subject(at.sent_start, cs)
            {
                return Before::Found(s);
            }
        }
        Before::None
    }

    /// When the clause `cs..vs` makes a document the speaker (白皮书称,
    /// 这份声明指出): whoever the text last named issuing it (她发布了…
    /// 报告, 某报在社论中指出), else no one.
    fn issuer(&self, cs: usize, vs: usize) -> Option<Before> {
        let (lex, norm, units) = (self.lex, self.norm, self.units);
        let seg = &norm[cs..vs];
        let doc = lex
            .issued
            .iter()
            .filter_map(|w| seg.find(w.as_str()).map(|i| (i, w)))
            .min()?
            .1;
        // Only a document the clause opens with (after 这份/该…) speaks.
        if seg[..seg.find(doc.as_str())?].chars().count() > 10 {
            return None;
        }
        let mut lo = cs.saturating_sub(ISSUER_WINDOW);
        while !norm.is_char_boundary(lo) {
            lo += 1;
        }
        let mut hi = cs;
        while let Some(i) = norm.get(lo..hi).and_then(|h| h.rfind(doc.as_str())) {
            let o = lo + i;
            hi = o;
            let ccs = clause_start(norm, 0, o);
            let Some(s) = speaker::Scan::new(lex, norm, units).sentence_subject(ccs, o) else {
                continue;
            };
            if !s.pronoun {
                return Some(Before::Found(s));
            }
            // 她发布了…白皮书: the person 她 stands for there.
            let si = self.sents.partition_point(|x| x.end <= o);
            let from = self
                .sents
                .get(si.saturating_sub(2))
                .map(|x| x.start)
                .unwrap_or(0);
            let named = speaker::Scan::new(lex, norm, units).last_person(from, s.at);
            return Some(Before::Found(named.unwrap_or(Speaker {
                pronoun: false,
                ..s
            })));
        }
        Some(Before::Blocked)
    }

    /// A verb of saying right after the quote, in the clause that follows:
    /// `Some(speaker)` when there is one (`None` inside if unnamed).
    fn after(&self, at: &At) -> Option<Option<Speaker>> {
        let norm = self.norm;
        let mut p = at.close_end;
        for c in norm[at.close_end..].chars() {
            if is_space_or_punct(c) && !is_full_stop(c) && c != '\n' {
                p += c.len_utf8();
            } else {
                break;
            }
        }
        let mut q = p;
        for (count, c) in norm[p..].chars().enumerate() {
            if is_clause_break(c) || q >= at.next_quote || count > 100 {
                break;
            }
            q += c.len_utf8();
        }
        let &(vs, ve) = speech_verbs(self.lex, norm, p, q, &self.quoted).first()?;
        // “…。”X呼吁…: after a finished sentence, a verb with an object
        // starts new news; only X说。/X说，/X说道 attributes.
        let ends = norm[at.a..at.b]
            .chars()
            .next_back()
            .is_some_and(is_full_stop);
        let closes = norm[ve..].chars().next().is_none_or(|c| {
            is_space_or_punct(c)
                || matches!(c, '“' | punct::LEFT_CORNER)
                || self.lex.tail.contains(&c)
        });
        if ends && !closes {
            return None;
        }
        if let Some(s) = speaker::Scan::new(self.lex, norm, self.units)
            .after_quote(p, vs)
            .or_else(|| speaker::Scan::new(self.lex, norm, self.units).short_name(p, vs))
        {
            return Some(Some(s));
        }
        // X在题为“…”的社论中指出: the quote (not a short name) is inside
        // X's clause, and so is the verb.
        let inside = p == at.close_end
            && norm[at.a..at.b].chars().count() >= 8
            && norm[..at.open]
                .chars()
                .next_back()
                .is_some_and(|c| !is_clause_break(c) && !c.is_whitespace());
        if inside {
            // Its subject opens the clause (环球时报在题为“…”的社论中指出).
            let cs = clause_start(norm, at.sent_start, at.open);
            if let Some(s) = speaker::Scan::new(self.lex, norm, self.units)
                .sentence_subject(cs, at.open)
                .filter(|s| norm[cs..s.at].chars().count() <= 6)
            {
                return Some(Some(s));
            }
        }
        Some(None)
    }

    /// 他/她 right after the quote (“…。”他同时敦促…).
    fn pronoun_after(&self, at: &At) -> Option<Speaker> {
        let norm = self.norm;
        let rest =
            norm[at.close_end..].trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
        let pos = norm.len() - rest.len();
        let units = self.units;
        let k = units.list.partition_point(|u| u.start < pos);
        let u = units.list.get(k)?;
        if u.start == pos && u.pronoun && u.ents.len() == 1 {
            speaker::ent_of(units, k, true)
        } else {
            None
        }
    }

    /// Whether the quote opens a sentence.
    fn starts_sentence(&self, at: &At) -> bool {
        self.norm[..at.open]
            .chars()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_none_or(|c| {
                matches!(
                    c,
                    punct::FULL_STOP
                        | punct::EXCLAMATION
                        | punct::QUESTION
                        | '!'
                        | '?'
                        | '”'
                        | punct::RIGHT_CORNER
                        | punct::COLON
                        | ':'
                        | '\n'
                )
            })
    }

    /// The speaker of the quote at `at`.
    fn speaker(&self, at: &At, prev: &Prev) -> Option<Speaker> {
        let norm = self.norm;
        let prev_sp = prev
            .as_ref()
            .and_then(|(pe, s)| s.clone().map(|s| (*pe, s)));
        // 1. X说：“…” — a verb of saying right before the quote.
        let before = speech_verbs(self.lex, norm, at.sent_start, at.open, &self.quoted);
        let last_before = before.last().copied();
        let immediate =
            last_before.is_some_and(|(_, ve)| norm[ve..at.open].chars().all(is_space_or_punct));
        if let (true, Some((vs, _))) = (immediate, last_before) {
            match self.before(at, vs) {
                Before::Found(s) => return Some(s),
                Before::Blocked => return None,
                // 并说“…” / 同时声称，“…”: the speaker of the quote before.
                Before::None => {
                    if let Some((pe, s)) = &prev_sp {
                        let gap = &norm[*pe..at.open];
                        if gap.chars().count() <= 200 && !gap.contains('\n') {
                            return Some(s.clone());
                        }
                    }
                }
            }
        }
        // 她并引述鲁迅的话：“…” — a verb of citing after the last verb of
        // saying: the one cited speaks.
        let from = last_before.map(|v| v.1).unwrap_or(at.sent_start);
        if let Some(c) = self
            .lex
            .last_cite(&norm[from..at.open])
            .map(|(i, _)| from + i)
        {
            let cs = clause_start(norm, at.sent_start, c);
            return match speaker::Scan::new(self.lex, norm, self.units).before_verb(cs, at.open) {
                Before::Found(s) => Some(s),
                _ => None,
            };
        }
        // 2. “…，”X说 — a verb of saying right after the quote.
        let after = self.after(at);
        if let Some(Some(s)) = &after {
            return Some(s.clone());
        }
        // 3. A verb of saying earlier in the sentence.
        let qcs = clause_start(norm, at.sent_start, at.open);
        let own_subject = self.units.clause_subject(norm, qcs, at.open).is_some();
        let reports = |ve: usize| norm[ve..].starts_with([punct::COMMA, punct::COLON, ',', ':']);
        let fits = |&(vs, ve): &(usize, usize)| {
            // Y宣布…，而Z却“…”: a verb
            // with its own object, and the quote's clause its own subject.
            let reported = reports(ve) || qcs <= vs;
            // X称之为“…”的地方，成为“…”: the verb's object was
            // the short quote before.
            let spent = at.prev_short && prev.as_ref().is_some_and(|(pe, _)| *pe > ve);
            norm[ve..at.open].chars().count() <= 120 && (reported || !own_subject) && !spent
        };
        // Else the last verb that reports (白皮书称，…，Y宣布…，而Z“…”).
        let earlier = last_before.filter(fits).or_else(|| {
            before
                .iter()
                .rev()
                .copied()
                .find(|v| reports(v.1) && fits(v))
        });
        if let Some((vs, _)) = earlier {
            match self.before(at, vs) {
                Before::Found(s) => return Some(s),
                Before::Blocked => return None,
                Before::None => {}
            }
        }
        // 4. “…。”他同时敦促…: 他/她 right after the quote.
        if let Some(s) = self.pronoun_after(at) {
            return Some(s);
        }
        if after.is_some() {
            // “…”该负责人说: the official of the quote before.
            let rest = norm[at.close_end..].trim_start_matches(is_space_or_punct);
            if self
                .lex
                .anaphor
                .iter()
                .any(|w| shiju_text::short::starts_in(rest, w))
            {
                return prev_sp.map(|(_, s)| s);
            }
            // Someone the text does not name speaks.
            return None;
        }
        let starts = self.starts_sentence(at);
        // 5. The speaker of the quote before goes on: “…”X说。“…”, a
        // paragraph opening with a quote right after one, or a second quote
        // in the same sentence.
        if let Some((pe, s)) = &prev_sp {
            let gap = &norm[*pe..at.open];
            let n = gap.chars().count();
            let breaks = gap.matches('\n').count();
            let same_sentence = *pe > at.sent_start;
            let verbs = speech_verbs(self.lex, norm, *pe, at.open, &self.quoted);
            if (starts && n <= 80 && breaks == 0)
                || (starts && n <= 40 && breaks == 1 && gap.ends_with('\n'))
            {
                // …X说。Y也呼吁…。“…” — someone else took the floor.
                if !verbs.is_empty() {
                    if let Some(ns) = speaker::Scan::new(self.lex, norm, self.units)
                        .last_subject(self.sents, *pe, at.open)
                    {
                        return Some(ns);
                    }
                }
                return Some(s.clone());
            }
            if same_sentence && n <= 60 && verbs.is_empty() && !gap.contains('—') && !at.prev_short
            {
                return Some(s.clone());
            }
        }
        // 马哈蒂尔没有改变看法，“…” — a quote right after the clause of a
        // person who is the sentence's subject.
        if before.is_empty()
            && norm[..at.open].ends_with([punct::COMMA, punct::COLON, ',', ':'])
            && at.open > at.sent_start
        {
            if let Some(s) = speaker::Scan::new(self.lex, norm, self.units)
                .sentence_subject(at.sent_start, at.open)
                .filter(|s| s.is_person() && !s.pronoun)
                .filter(|s| norm[at.sent_start..s.at].chars().count() <= 8)
            {
                return Some(s);
            }
        }
        // 6. X表示，…。“…” — the previous sentence of the paragraph reports
        // its speaker's words, and this one names no other speaker.
        if at.si > 0 && before.is_empty() {
            let ps = &self.sents[at.si - 1];
            let para = self.sents.get(at.si).map(|s| s.para).unwrap_or(ps.para);
            if ps.para == para && ps.end <= at.open {
                let reports = |&&(_, ve): &&(usize, usize)| {
                    norm[ve..].starts_with([punct::COMMA, punct::COLON, ',', ':'])
                };
                if let Some(&(vs, _)) = speech_verbs(self.lex, norm, ps.start, ps.end, &self.quoted)
                    .iter()
                    .find(reports)
                {
                    let at_ps = At {
                        sent_start: ps.start,
                        ..*at
                    };
                    if let Before::Found(s) = self.before(&at_ps, vs) {
                        return Some(s);
                    }
                }
            }
        }
        None
    }

    /// 他/她 as the speaker: the last person introduced as a subject since
    /// the previous quote, else that quote's speaker, else the pronoun's
    /// own antecedent.
    fn resolve_pronoun(&self, at: &At, sp: Speaker, prev: &Prev) -> Option<Speaker> {
        if !sp.pronoun {
            return Some(sp);
        }
        let near = prev
            .as_ref()
            .filter(|(pe, _)| at.open.saturating_sub(*pe) <= 600);
        let lo = match near {
            Some((pe, _)) => *pe,
            None => {
                let s = at.si.saturating_sub(2);
                self.sents.get(s).map(|s| s.start).unwrap_or(0)
            }
        };
        let subject =
            speaker::Scan::new(self.lex, self.norm, self.units).last_subject(self.sents, lo, sp.at);
        // 蒂哈彻森（Christie Hutcherson）是…。她说: someone the gazetteer
        // does not know was introduced since.
        // With no subject since the quote before, that quote's own sentence
        // counts (Tom与同事…，“…”。他认为…).
        let quote_sentence = match near {
            Some((pe, None)) => {
                let si = self.sents.partition_point(|x| x.end < *pe);
                self.sents.get(si).map_or(lo, |x| x.start.min(lo))
            }
            _ => lo,
        };
        let since = subject.as_ref().map_or(quote_sentence, |s| s.at + 1);
        if self.unknown_introduced(since, sp.at) {
            return None;
        }
        if subject.is_some() {
            return subject;
        }
        match near {
            Some((_, Some(p))) if p.is_person() => Some(p.clone()),
            // 强生说：“…”\n他说：“…” — the unknown speaker of the quote
            // right before goes on.
            Some((pe, None)) if sp.at.saturating_sub(*pe) <= 60 => None,
            _ => Some(sp),
        }
    }

    /// Whether a sentence in `lo..hi` opens with a name the gazetteer
    /// lacks, glossed in Latin letters: 蒂哈彻森（Christie Hutcherson）….
    fn unknown_introduced(&self, lo: usize, hi: usize) -> bool {
        let norm = self.norm;
        let from = self.sents.partition_point(|s| s.end <= lo);
        self.sents[from.min(self.sents.len())..]
            .iter()
            .take_while(|s| s.start < hi)
            .filter(|s| s.start >= lo)
            .any(|s| {
                let head: String = norm[s.start..s.end].chars().take(14).collect();
                // Tom与同事…: a given name in Latin letters.
                let word: String = head
                    .chars()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .collect();
                let latin = (2..=12).contains(&word.len())
                    && word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                    && word.chars().skip(1).all(|c| c.is_ascii_lowercase())
                    && head[word.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c >= '\u{2E80}');
                if latin {
                    let end = s.start + word.len();
                    return speaker::units_in(norm, self.units, s.start, end).is_empty();
                }
                let Some(i) = head.find([punct::LEFT_PAREN, '(']) else {
                    return false;
                };
                let gloss = head[i..]
                    .chars()
                    .nth(1)
                    .is_some_and(|c| c.is_ascii_uppercase());
                let name = &head[..i];
                let n = name.chars().count();
                let unknown = speaker::units_in(norm, self.units, s.start, s.start + i).is_empty();
                gloss
                    && (2..=10).contains(&n)
                    && unknown
                    && name.chars().all(|c| !c.is_ascii() && !is_clause_break(c))
            })
    }
}

/// Quotes with their speakers (`None` when no speaker is found); nested
/// quotes (the words of someone a speaker quotes) follow their quote.
pub fn attribute(
    lex: &Lexicon,
    norm: &str,
    units: &Units,
    sents: &[Sentence],
    quotes: &[(usize, usize)],
) -> Vec<Attributed> {
    let ctx = Ctx {
        lex,
        norm,
        units,
        sents,
        quoted: Quoted::new(quotes),
    };
    let mut out: Vec<Attributed> = Vec::new();
    let mut prev: Prev = None;
    let mut prev_short = false;
    for (qi, &(a, b)) in quotes.iter().enumerate() {
        let n = norm[a..b].chars().count();
        if n < MIN_CHARS || is_term(lex, norm, a, b) {
            continue;
        }
        let (open, close_end) = spans::marks(norm, a, b);
        let si = sents
            .partition_point(|s| s.end <= open)
            .min(sents.len().saturating_sub(1));
        let at = At {
            a,
            b,
            open,
            close_end,
            si,
            sent_start: sents.get(si).map(|s| s.start.min(open)).unwrap_or(0),
            next_quote: quotes.get(qi + 1).map(|q| q.0).unwrap_or(norm.len()),
            prev_short,
        };
        let speaker = ctx
            .speaker(&at, &prev)
            .and_then(|s| ctx.resolve_pronoun(&at, s, &prev));
        out.push(Attributed {
            start: a,
            end: b,
            speaker: speaker.as_ref().map(|s| s.id.clone()),
            official: speaker.as_ref().map(|s| s.official).unwrap_or(true),
        });
        out.extend(nested::inner(lex, norm, units, a, b));
        // A short unattributed term (a programme's or a book's name) does
        // not break a speaker's run of quotes.
        let unpunctuated = !norm[a..b].contains([
            punct::FULL_STOP,
            punct::COMMA,
            punct::EXCLAMATION,
            punct::QUESTION,
            punct::SEMICOLON,
        ]);
        let term = speaker.is_none() && n <= 12 && unpunctuated;
        if !term {
            prev = Some((close_end, speaker));
            prev_short = n <= 8 && unpunctuated && verb_right_before(lex, norm, open);
        }
    }
    out
}
