//! Events from what actors say (issue #16): a state or organisation that
//! says something *about another one* — calls its acts bullying or
//! repression, labels it a danger, praises it, appeals to it — is coded
//! speaker → that actor with the CAMEO code of the speech act (111
//! criticise, 112 and 1121–1125 accuse, 051 praise, 020 appeal).
//!
//! The speaker is the one the quote attribution found for a quote holding
//! the word, else the subject of the last verb of saying before the word in
//! its sentence (外交部发言人指出，美国一些势力频频抹黑中国), else, for
//! words that are themselves the speech act (赞赏, 敦促), their own subject;
//! else the speaker whose words run on from an earlier sentence of the
//! paragraph (王毅称，…。…。希望美方…) or from a paragraph that opens a
//! statement's full text (声明全文如下：).
//! It must speak for a state or organisation: a person without an office, a
//! state's media or scholars (美国媒体称) are not the state speaking. The
//! target is another actor named in the content: the one whose act or
//! conduct the word names (the subject or possessor before it), the one
//! appealed to or praised right after the word, or, for praise closing a
//! sentence (普京称不会报复，特朗普表示赞赏), the subject of an earlier clause.
//! Nothing is coded from a sentence holding a denial, rebuttal or question
//! word, from negated, hypothetical or speculative content, or for a pair
//! the verb patterns already coded in the sentence. Words are in
//! `lexicon/stance.tsv`.

mod lexicon;
#[cfg(test)]
mod tests;

use std::collections::HashSet;

use shiju_text::punct;

use shiju_core::{Event, Text};

pub use lexicon::Lexicon;
use lexicon::{Class, Hit};

use crate::actors::{Actor, Lead, Phrase, Units};
use crate::dates::Timexes;
use crate::pronouns::Quoted;
use crate::segment::Sentence;
use crate::{filters, modality, quotes, Coder};

/// What the stance pass reads of the text.
pub(crate) struct Ctx<'a> {
    pub norm: &'a str,
    pub text: &'a Text,
    pub sents: &'a [Sentence],
    pub units: &'a Units,
    pub tx: &'a Timexes<'a>,
    pub quotes: &'a [quotes::Attributed],
    pub qspans: &'a [(usize, usize)],
    /// The sentence-blocking words of the text ([`crate::index::Found`]).
    pub blocks: &'a [(usize, usize, u32)],
    /// Every occurrence of a stance word in the text ([`crate::index::Found`]).
    pub words: &'a [(usize, usize, u32)],
}

/// The speaker of a stance word.
struct Voice {
    actors: Vec<Actor>,
    /// Where the speaker's phrase starts (the quote's start for a quote).
    phrase_start: usize,
    /// Where what is said starts.
    content: usize,
    /// Where the speech act is (dates the event).
    verb: usize,
    /// The sentence of the speech act cut to the part that is not what is
    /// said: only its time expressions date the event.
    frame: Sentence,
    /// The speaker was found in an earlier sentence of the paragraph.
    carried: bool,
}

/// Characters a verb of saying may follow at the start of its clause and
/// still go on with the sentence's subject (并/还/同时/此外也).
const OPENER: usize = 4;

/// Sentences of a paragraph back through which a speaker's words run on.
const RUN_ON: usize = 3;

/// Paragraphs back through which the full text of a statement runs on.
const FULL_TEXT_PARAS: usize = 12;

/// `sent` cut to `a..b`, its clauses clipped.
fn cut(sent: &Sentence, a: usize, b: usize) -> Sentence {
    let (a, b) = (a.max(sent.start), b.min(sent.end).max(a.max(sent.start)));
    Sentence {
        start: a,
        end: b,
        clauses: sent
            .clauses
            .iter()
            .map(|&(x, y)| (x.max(a), y.min(b)))
            .filter(|&(x, y)| x < y)
            .collect(),
        ..sent.clone()
    }
}

/// The clause of `sent` holding byte `pos`.
fn clause_of(sent: &Sentence, pos: usize) -> (usize, usize) {
    sent.clauses
        .iter()
        .copied()
        .find(|&(a, b)| a <= pos && pos < b)
        .unwrap_or((sent.start, sent.end))
}

/// The actors of a phrase that speak for a state or organisation; none when
/// the phrase names a person without an office (a scholar, a former
/// minister), who speaks for no one.
fn official_actors(units: &Units, ph: &Phrase) -> Vec<Actor> {
    let ents = || {
        ph.units
            .clone()
            .filter_map(|k| units.list.get(k))
            .flat_map(|u| u.ents.iter().filter_map(|&i| units.ents.get(i)))
    };
    if ents().any(|e| (e.person && !e.official) || e.former) {
        return Vec::new();
    }
    if ents().all(|e| !e.official) {
        return Vec::new();
    }
    units.actors(ph)
}

/// Units of one entity only (a compound 中美 is both sides, never one
/// target).
fn single(units: &Units, ph: &Phrase) -> bool {
    ph.units
        .clone()
        .filter_map(|k| units.list.get(k))
        .all(|u| u.ents.len() == 1)
}

impl Coder {
    /// Stance events of every sentence, appended to `out` (one per source,
    /// target, root and date in the document, as `seen` records).
    pub(crate) fn stance(
        &self,
        c: &Ctx<'_>,
        seen: &mut HashSet<(String, String, String, String)>,
        out: &mut Vec<(Event, bool)>,
    ) {
        for (si, sent) in c.sents.iter().enumerate() {
            let hits = self.stance_lex.hits_in(c.words, sent.start, sent.end);
            if !hits.iter().any(|h| h.class.codes()) || hits.iter().any(|h| h.class == Class::Block)
            {
                continue;
            }
            let block_from = filters::sentence_block_in(c.norm, sent.start, sent.end, c.blocks)
                .map(|b| sent.start + b);
            let (os, oe) = c.text.orig_span(sent.start, sent.end);
            // Pairs the verb patterns coded in this sentence keep priority.
            let coded: Vec<(String, String)> = out
                .iter()
                .filter(|(e, _)| e.start == os)
                .map(|(e, _)| (e.source.clone(), e.target.clone()))
                .collect();
            let evidence = c.text.original.get(os..oe).unwrap_or("").to_string();
            for h in hits.iter().filter(|h| h.class.codes()) {
                if block_from.is_some_and(|b| h.end > b) {
                    continue;
                }
                let Some(v) = self.voice(c, si, h, &hits) else {
                    continue;
                };
                if !self.asserted(c, sent, h, &v) {
                    continue;
                }
                let present = |t: &str| self.modality.find(t, modality::Class::Present).is_some();
                // A sentence dated by its own time expression after an
                // earlier speaker's words is narrative, not their content.
                if v.carried {
                    let probe = cut(sent, sent.start, h.start);
                    let (_, own_date, _) =
                        c.tx.date_for(probe.start, probe.end, h.start, &probe, false, &present);
                    if own_date {
                        continue;
                    }
                }
                let targets = target(c, sent, h, &v, &self.quote_lex.linker, &self.stance_lex);
                if targets.is_empty() {
                    continue;
                }
                let Some(info) = self.cameo.get(h.code) else {
                    continue;
                };
                let (cs, ce) = clause_of(&v.frame, v.verb);
                let (date, explicit, _) = c.tx.date_for(cs, ce, v.verb, &v.frame, false, &present);
                let root: String = h.code.chars().take(2).collect();
                for a in &v.actors {
                    for b in &targets {
                        let pair = (a.code.clone(), b.code.clone());
                        // Praise and appeals are speech acts of their own,
                        // not the content a pattern may have coded already.
                        let own_act =
                            matches!(h.class, Class::Praise | Class::Appeal | Class::Rebut);
                        if a.code == b.code || (!own_act && coded.contains(&pair)) {
                            continue;
                        }
                        // Words of an undated speech repeat what the
                        // document already reports between the two.
                        if !explicit
                            && out.iter().any(|(e, _)| {
                                e.source == pair.0 && e.target == pair.1 && e.cameo == root
                            })
                        {
                            continue;
                        }
                        if !seen.insert((pair.0, pair.1, root.clone(), date.clone())) {
                            continue;
                        }
                        out.push((info.event(a, b, &date, &evidence, (os, oe)), explicit));
                    }
                }
            }
        }
    }

    /// The speaker of the word `h` in sentence `si`, if it speaks for a
    /// state or organisation.
    fn voice(&self, c: &Ctx<'_>, si: usize, h: &Hit, hits: &[Hit]) -> Option<Voice> {
        let sent = c.sents.get(si)?;
        // Inside a quote: the quote's speaker.
        if let Some(q) = c
            .quotes
            .iter()
            .find(|q| q.start <= h.start && h.end <= q.end)
        {
            let id = q.speaker.as_deref().filter(|_| q.official)?;
            let e = c.units.ents.iter().find(|e| e.id == id)?;
            let code = e.code.clone()?;
            if (e.person && !e.official) || e.former {
                return None;
            }
            // The sentence outside the quote dates it.
            let frame = if q.start > sent.start {
                cut(sent, sent.start, q.start)
            } else {
                cut(sent, q.end, sent.end)
            };
            return Some(Voice {
                actors: vec![Actor {
                    code,
                    entity: Some(e.id.clone()),
                    former: false,
                }],
                phrase_start: q.start,
                content: q.start,
                verb: frame.start,
                frame,
                carried: false,
            });
        }
        let own = match h.class {
            // The word is the speech act: its own subject.
            Class::Praise | Class::Appeal | Class::Rebut => {
                self.subject_of(c, sent, h.start, h.end, hits)
            }
            _ => self.speaker_in(c, sent, h.start, hits),
        };
        match own {
            Some(Ok(v)) => Some(v),
            // A speaker that does not speak for a state: nothing.
            Some(Err(())) => None,
            // No speaker in the sentence: what the paragraph's last speaker
            // said goes on (王毅称，…。美国一些势力抹黑中国…).
            None => self.paragraph_speaker(c, si),
        }
    }

    /// The speaker of the last verb of saying in `sent` before `upto`:
    /// `None` without such a verb, `Err` when its speaker is none or speaks
    /// for no state.
    fn speaker_in(
        &self,
        c: &Ctx<'_>,
        sent: &Sentence,
        upto: usize,
        hits: &[Hit],
    ) -> Option<Result<Voice, ()>> {
        let quoted = Quoted::new(c.qspans);
        let (p, l) = last_speech_verb(self, c.norm, sent.start, upto, &quoted)?;
        Some(self.subject_of(c, sent, p, p + l, hits).unwrap_or(Err(())))
    }

    /// The subject of the speech act at `verb..content`: the phrase leading
    /// it in its clause, else the subject of an earlier clause of the
    /// sentence; `None` when there is none.
    fn subject_of(
        &self,
        c: &Ctx<'_>,
        sent: &Sentence,
        verb: usize,
        content: usize,
        hits: &[Hit],
    ) -> Option<Result<Voice, ()>> {
        let (norm, units) = (c.norm, c.units);
        let (cs, ce) = clause_of(sent, verb);
        let ph = match units.leading(norm, cs, verb, ce) {
            Lead::Found(ph) => ph,
            // A verb opening its clause (…，并指出，…) goes on with the
            // sentence's first subject.
            Lead::None if crate::actors::nchars(norm[cs..verb].trim()) <= OPENER => sent
                .clauses
                .iter()
                .take_while(|&&(a, _)| a < cs)
                .find_map(|&(a, b)| units.clause_subject(norm, a, b))?,
            Lead::None | Lead::Blocked => return Some(Err(())),
        };
        if units.list.get(ph.units.start).is_none_or(|u| u.in_quote) {
            return Some(Err(()));
        }
        // 美国媒体称, 日本学者认为: not the state speaking.
        if hits
            .iter()
            .any(|x| x.class == Class::NonState && x.start >= ph.start && x.end <= verb)
        {
            return Some(Err(()));
        }
        let actors = official_actors(units, &ph);
        if actors.is_empty() {
            return Some(Err(()));
        }
        Some(Ok(Voice {
            actors,
            phrase_start: ph.start,
            content,
            verb,
            frame: cut(sent, sent.start, content),
            carried: false,
        }))
    }

    /// The speaker whose words run on into sentence `si`: that of the
    /// closest earlier sentence of the paragraph (up to [`RUN_ON`] back,
    /// through sentences with neither a verb of saying nor a date of their
    /// own) when it opens reported speech (X称，… / X指出：…) and is no
    /// question; for a paragraph's first sentence, the speaker of a
    /// statement whose full text the earlier paragraphs open (声明全文如下：).
    fn paragraph_speaker(&self, c: &Ctx<'_>, si: usize) -> Option<Voice> {
        let sent = c.sents.get(si)?;
        let quoted = Quoted::new(c.qspans);
        for k in (si.saturating_sub(RUN_ON)..si).rev() {
            let prev = c.sents.get(k)?;
            if prev.para != sent.para {
                break;
            }
            if filters::sentence_block_in(c.norm, prev.start, prev.end, c.blocks).is_some() {
                return None;
            }
            let Some((p, l)) = last_speech_verb(self, c.norm, prev.start, prev.end, &quoted) else {
                // Narrative with a date of its own ends the speaker's words.
                if self.own_date(c, prev) {
                    return None;
                }
                continue;
            };
            if !self.opens_speech(c.norm, p + l, false) {
                return None;
            }
            return self.carried_voice(c, prev, (p, l), sent.start);
        }
        let first = c.sents.iter().position(|x| x.para == sent.para)?;
        if first == si {
            return self.full_text_speaker(c, si);
        }
        None
    }

    /// The speaker of the speech verb at `pl` of sentence `prev`, speaking
    /// on from `content`.
    fn carried_voice(
        &self,
        c: &Ctx<'_>,
        prev: &Sentence,
        (p, l): (usize, usize),
        content: usize,
    ) -> Option<Voice> {
        let prev_hits = self.stance_lex.hits_in(c.words, prev.start, prev.end);
        let v = self.subject_of(c, prev, p, p + l, &prev_hits)?.ok()?;
        Some(Voice {
            content,
            phrase_start: content,
            carried: true,
            ..v
        })
    }

    /// For sentence `si` opening its paragraph: the speaker of the closest
    /// earlier paragraph (up to [`FULL_TEXT_PARAS`] back, through
    /// paragraphs without a verb of saying) that opens a statement's full
    /// text — the last verb of saying in it.
    fn full_text_speaker(&self, c: &Ctx<'_>, si: usize) -> Option<Voice> {
        let sent = c.sents.get(si)?;
        let quoted = Quoted::new(c.qspans);
        let mut end = si;
        for _ in 0..FULL_TEXT_PARAS {
            let last = c.sents.get(end.checked_sub(1)?)?;
            let start = c.sents[..end]
                .iter()
                .rposition(|x| x.para != last.para)
                .map_or(0, |i| i + 1);
            let para = &c.sents[start..end];
            let first = para.first()?;
            let verbs: Vec<(usize, (usize, usize))> = para
                .iter()
                .enumerate()
                .filter_map(|(i, x)| {
                    last_speech_verb(self, c.norm, x.start, x.end, &quoted).map(|v| (i, v))
                })
                .collect();
            if self
                .stance_lex
                .opens_full_text(c.norm.get(first.start..last.end)?)
            {
                let &(i, v) = verbs.last()?;
                return self.carried_voice(c, para.get(i)?, v, sent.start);
            }
            // Another speaker's reported words (not 谴责 in a relative
            // clause) end the statement.
            if verbs
                .iter()
                .any(|&(_, (p, l))| self.opens_speech(c.norm, p + l, true))
            {
                return None;
            }
            end = start;
        }
        None
    }

    /// Whether the verb of saying ending at `end` opens what is said: a
    /// comma or colon follows it (or, with `quote`, an opening quote mark).
    fn opens_speech(&self, norm: &str, end: usize, quote: bool) -> bool {
        let after = norm
            .get(end..)
            .unwrap_or("")
            .trim_start_matches(|x| self.quote_lex.tail.contains(&x));
        after.starts_with([punct::COMMA, punct::COLON, ':', ','])
            || (quote && after.starts_with(['“', '「', '『', '"']))
    }

    /// Whether sentence `s` has a date of its own.
    fn own_date(&self, c: &Ctx<'_>, s: &Sentence) -> bool {
        let present = |t: &str| self.modality.find(t, modality::Class::Present).is_some();
        let (_, own, _) = c.tx.date_for(s.start, s.end, s.start, s, false, &present);
        own
    }

    /// Whether the word is asserted: not negated, hypothetical or
    /// speculative, in the speaker's verb or in the content up to the word.
    fn asserted(&self, c: &Ctx<'_>, sent: &Sentence, h: &Hit, v: &Voice) -> bool {
        let norm = c.norm;
        let (hcs, _) = clause_of(sent, h.start);
        let from = hcs.max(v.content).min(h.start);
        // Short quoted terms inside the region are names, not negations.
        let masks: Vec<(usize, usize)> = c
            .qspans
            .iter()
            .copied()
            .filter(|&(a, b)| a >= from && b <= h.end && norm[a..b].chars().count() <= 10)
            .collect();
        let region = filters::masked(norm, from, h.end, &masks);
        let verb_region = if v.phrase_start < v.verb {
            norm.get(v.phrase_start..v.verb).unwrap_or("")
        } else {
            ""
        };
        let before = &norm[sent.start..h.start];
        !(filters::negated(&region)
            || filters::negated(verb_region)
            || filters::speculative(&region)
            || filters::speculative(verb_region)
            || filters::hypothetical(before))
    }
}

/// The last verb of saying in `a..b` outside quotes: (start, length).
fn last_speech_verb(
    coder: &Coder,
    norm: &str,
    a: usize,
    b: usize,
    quoted: &Quoted,
) -> Option<(usize, usize)> {
    let sub = norm.get(a..b)?;
    let mut last = None;
    let mut skip_to = 0usize;
    for (off, c) in sub.char_indices() {
        if off < skip_to {
            continue;
        }
        let p = a + off;
        let len = coder.quote_lex.speech_len_of(c, norm, p);
        if len == 0 || quoted.contains(p, p + 1) {
            continue;
        }
        skip_to = off + len;
        if let Some(l) = coder.quote_lex.speech_at(norm, p) {
            if p + l <= b {
                last = Some((p, l));
            }
        }
    }
    last
}

/// The actors the word `h` is about.
fn target(
    c: &Ctx<'_>,
    sent: &Sentence,
    h: &Hit,
    v: &Voice,
    linker: &[char],
    lex: &Lexicon,
) -> Vec<Actor> {
    let (norm, units) = (c.norm, c.units);
    let (hcs, hce) = clause_of(sent, h.start);
    match h.class {
        // One actor right after the word, not the first of two joined ones
        // (敦促A与B停火 urges them both), nor a modifier (A的…); a request
        // only to an actor written as the counterpart (希望美方…).
        Class::Appeal | Class::Request => units
            .following(norm, h.end, hce)
            .map(|ph| units.prefix(&ph, 1))
            .filter(|ph| single(units, ph))
            .filter(|ph| h.class == Class::Appeal || lex.is_counterpart(&norm[ph.start..ph.end]))
            .filter(|ph| {
                let next = norm[ph.end..].chars().next();
                !next.is_some_and(|x| linker.contains(&x))
                    && !units
                        .list
                        .get(units.first_at_or_after(ph.end))
                        .is_some_and(|u| {
                            // …同中方相向而行: with the speaker, still an appeal.
                            let speaker = u.ents.iter().all(|&i| {
                                units
                                    .ents
                                    .get(i)
                                    .and_then(|e| e.code.as_deref())
                                    .is_some_and(|code| v.actors.iter().any(|a| a.code == code))
                            });
                            crate::actors::nchars(&norm[ph.end..u.start]) <= 2 && !speaker
                        })
            })
            .map(|ph| units.actors(&ph))
            .unwrap_or_default(),
        // The counterpart right before the word (美方应当…), in what is said.
        Class::Demand => {
            let lo = hcs.max(v.content).min(h.start);
            match units.leading(norm, lo, h.start, hce) {
                Lead::Found(ph)
                    if single(units, &ph)
                        && norm[ph.end..h.start].trim().is_empty()
                        && lex.is_counterpart(&norm[ph.start..ph.end]) =>
                {
                    units.actors(&ph)
                }
                _ => Vec::new(),
            }
        }
        Class::Rebut => previous_subject(c, sent, 1),
        Class::Praise => {
            if let Some(ph) = units.following(norm, h.end, hce) {
                return units.actors(&units.prefix(&ph, 1));
            }
            // 表示赞赏 closing the sentence: the subject of an earlier clause.
            let earlier = sent
                .clauses
                .iter()
                .filter(|&&(_, b)| b <= v.phrase_start)
                .filter_map(|&(a, b)| units.clause_subject(norm, a, b))
                .next_back();
            if let Some(ph) = earlier {
                return if single(units, &ph) {
                    units.actors(&ph)
                } else {
                    Vec::new()
                };
            }
            // None in the sentence, but 对此/随即 before the word: the
            // subject of the previous sentence of the paragraph.
            let back = lex
                .hits_in(c.words, hcs, h.start)
                .iter()
                .any(|x| x.class == Class::Back);
            if back {
                previous_subject(c, sent, 0)
            } else {
                Vec::new()
            }
        }
        _ => {
            let lo = hcs.max(v.content).min(h.start);
            match units.leading(norm, lo, h.start, hce) {
                Lead::Found(ph) if single(units, &ph) => units.actors(&ph),
                Lead::Found(_) | Lead::Blocked => Vec::new(),
                // No subject in the word's clause: the last subject of the
                // content before it (中国试图渗透台湾社会，或对台湾进行恫吓).
                Lead::None => sent
                    .clauses
                    .iter()
                    .filter(|&&(_, b)| b <= hcs && b > v.content)
                    .filter_map(|&(a, b)| units.clause_subject(norm, a.max(v.content), b))
                    .next_back()
                    .filter(|ph| single(units, ph))
                    .map(|ph| units.actors(&ph))
                    .unwrap_or_default(),
            }
        }
    }
}

/// The one actor subject of the sentence before `sent`, in its paragraph
/// or up to `paras` paragraphs before (习近平则反击称… answers the
/// paragraph before).
fn previous_subject(c: &Ctx<'_>, sent: &Sentence, paras: usize) -> Vec<Actor> {
    let (norm, units) = (c.norm, c.units);
    c.sents
        .iter()
        .take_while(|x| x.start < sent.start)
        .last()
        .filter(|x| x.para + paras >= sent.para)
        .and_then(|p| {
            p.clauses
                .iter()
                .find_map(|&(a, b)| units.clause_subject(norm, a, b))
        })
        .filter(|ph| single(units, ph))
        .map(|ph| units.actors(&ph))
        .unwrap_or_default()
}
