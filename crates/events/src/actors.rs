//! Actor phrases: entity mentions mapped to normalised-text offsets, grouped
//! into units (one printed name; a compound like 中美 is one unit with two
//! entities), pronoun units (他/她 → the last person named, 双方/两国 → the
//! last two actors), and phrases (units joined by conjunctions 和/与/及其/、
//! or by a title between two names of the same state: 俄罗斯总统普京).

use shiju_core::{Entity, EntityType, RoleStatus, Text};

use crate::segment::{is_clause_break, Sentence};

/// Maps byte offsets of the original text to the normalised text.
pub struct OffsetMap {
    /// For every char boundary of the norm (and its end): the original offset.
    orig: Vec<usize>,
    norm: Vec<usize>,
}

impl OffsetMap {
    pub fn new(text: &Text) -> Self {
        let mut orig = Vec::with_capacity(text.norm.len() / 2 + 1);
        let mut norm = Vec::with_capacity(text.norm.len() / 2 + 1);
        for (i, _) in text.norm.char_indices().chain(std::iter::once((text.norm.len(), ' '))) {
            let o = text.orig_span(i, i).0;
            // Keep the sequence monotone whatever the map says.
            let o = o.max(orig.last().copied().unwrap_or(0));
            orig.push(o);
            norm.push(i);
        }
        OffsetMap { orig, norm }
    }

    /// Norm span of an original span.
    pub fn span(&self, s: usize, e: usize) -> (usize, usize) {
        let i = self.orig.partition_point(|&o| o < s);
        let a = self.norm.get(i).copied().unwrap_or_else(|| self.norm.last().copied().unwrap_or(0));
        let j = self.orig.partition_point(|&o| o <= e);
        let b = if j == 0 { 0 } else { self.norm[j - 1] };
        (a, b.max(a))
    }
}

/// An actor of an event: code and the entity behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub code: String,
    pub entity: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Ent {
    pub id: String,
    pub code: Option<String>,
    pub person: bool,
    /// Speaks for a state or organisation (state, organisation, or a person
    /// holding an office).
    pub official: bool,
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub start: usize,
    pub end: usize,
    pub ents: Vec<usize>,
    pub in_quote: bool,
    pub pronoun: bool,
}

/// Consecutive units making one actor phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub start: usize,
    pub end: usize,
    pub units: Vec<usize>,
}

/// The result of looking for a phrase before a trigger.
pub enum Lead {
    Found(Phrase),
    None,
}

pub struct Units {
    pub list: Vec<Unit>,
    pub ents: Vec<Ent>,
}

const CONJ: &[&str] = &["和", "与", "及", "及其", "以及", "、", "同", "跟", "或", "及其他"];
/// A unit right after one of these is a place or the object of a preposition,
/// not a subject.
const NOT_SUBJECT_BEFORE: &[char] = &[
    '在', '于', '从', '自', '赴', '到', '抵', '往', '对', '向', '给', '为', '替', '被', '遭', '受', '据', '经', '由',
    '离', '飞', '去', '至', '把', '将', '让', '令', '使',
];
const PAIR_WORDS: &[&str] = &["两国领导人", "两位领导人", "两国", "双方", "两人", "两军", "两党"];
/// Characters a slot may skip before its phrase (aspect particles, 来访的…).
const SLOT_SKIP: usize = 4;
/// Characters between a leading phrase and its trigger.
const LEAD_GAP: usize = 25;
/// Characters of a title between two names of the same actor.
const TITLE_GAP: usize = 10;

fn nchars(s: &str) -> usize {
    s.chars().count()
}

fn has_break(s: &str) -> bool {
    s.chars().any(is_clause_break)
}

impl Units {
    pub fn build(
        norm: &str,
        entities: &[Entity],
        map: &OffsetMap,
        sents: &[Sentence],
        quotes: &[(usize, usize)],
    ) -> Units {
        let ents: Vec<Ent> = entities
            .iter()
            .map(|e| Ent {
                id: e.id.clone(),
                code: e.actor_code().filter(|c| !c.is_empty()),
                person: e.kind == EntityType::Person,
                official: match e.kind {
                    EntityType::Person => e
                        .role
                        .as_ref()
                        .map(|r| r.status != RoleStatus::Former)
                        .unwrap_or(false),
                    _ => true,
                },
            })
            .collect();
        let mut spans: Vec<(usize, usize, usize)> = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            for m in &e.mentions {
                let (s, t) = map.span(m.start, m.end);
                if s < t && norm.is_char_boundary(s) && norm.is_char_boundary(t) {
                    spans.push((s, t, i));
                }
            }
        }
        spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let in_quote = |s: usize, e: usize| quotes.iter().any(|&(a, b)| a <= s && e <= b);
        let mut list: Vec<Unit> = Vec::new();
        for (s, e, i) in spans {
            if let Some(last) = list.last_mut() {
                if last.start == s && last.end == e {
                    if !last.ents.contains(&i) {
                        last.ents.push(i);
                    }
                    continue;
                }
                if s < last.end {
                    // Nested or overlapping: the outer, earlier mention wins.
                    continue;
                }
            }
            list.push(Unit {
                start: s,
                end: e,
                ents: vec![i],
                in_quote: in_quote(s, e),
                pronoun: false,
            });
        }
        // 中俄两国 / 中美双方: the pair word belongs to the compound.
        for u in &mut list {
            let rest = &norm[u.end..];
            if let Some(w) = PAIR_WORDS.iter().find(|w| rest.starts_with(**w)) {
                u.end += w.len();
            }
        }
        // Pronoun units.
        let mut extra: Vec<Unit> = Vec::new();
        let real = &list;
        for (pos, c) in norm.char_indices() {
            if c != '他' && c != '她' && c != '双' && c != '两' {
                continue;
            }
            if in_quote(pos, pos + c.len_utf8()) {
                continue;
            }
            if real.iter().any(|u| u.start <= pos && pos < u.end) {
                continue;
            }
            if c == '他' || c == '她' {
                let prev = norm[..pos].chars().next_back();
                let next = norm[pos + c.len_utf8()..].chars().next();
                if matches!(prev, Some('其' | '吉' | '利' | '排' | '无' | '自'))
                    || matches!(next, Some('们' | '国' | '人' | '方' | '者' | '日' | '乡' | '处' | '物' | '杀' | '用'))
                {
                    continue;
                }
                // The last person named outside quotes.
                if let Some(u) = real.iter().rev().find(|u| {
                    u.end <= pos && !u.in_quote && u.ents.len() == 1 && ents[u.ents[0]].person && !u.pronoun
                }) {
                    extra.push(Unit {
                        start: pos,
                        end: pos + c.len_utf8(),
                        ents: u.ents.clone(),
                        in_quote: false,
                        pronoun: true,
                    });
                }
                continue;
            }
            let Some(w) = PAIR_WORDS.iter().find(|w| norm[pos..].starts_with(**w)) else {
                continue;
            };
            if real.iter().any(|u| u.end == pos + w.len() && u.start < pos) {
                continue;
            }
            // The last two distinct actors of this or the previous sentence.
            let si = sents.partition_point(|s| s.end <= pos);
            let lo = sents.get(si.saturating_sub(1)).map(|s| s.start).unwrap_or(0);
            let mut picked: Vec<usize> = Vec::new();
            let mut codes: Vec<&str> = Vec::new();
            for u in real.iter().rev().filter(|u| u.end <= pos && u.start >= lo && !u.in_quote) {
                for &ei in &u.ents {
                    if let Some(c) = ents[ei].code.as_deref() {
                        if !codes.contains(&c) && codes.len() < 2 {
                            codes.push(c);
                            picked.push(ei);
                        }
                    }
                }
                if codes.len() >= 2 {
                    break;
                }
            }
            if codes.len() == 2 {
                extra.push(Unit {
                    start: pos,
                    end: pos + w.len(),
                    ents: picked,
                    in_quote: false,
                    pronoun: true,
                });
            }
        }
        list.extend(extra);
        list.sort_by_key(|u| (u.start, u.end));
        // Overlaps introduced by pronoun units: keep the first.
        let mut clean: Vec<Unit> = Vec::new();
        for u in list {
            if clean.last().map(|l| u.start < l.end).unwrap_or(false) {
                continue;
            }
            clean.push(u);
        }
        Units { list: clean, ents }
    }

    fn codes(&self, u: &Unit) -> Vec<&str> {
        u.ents.iter().filter_map(|&i| self.ents[i].code.as_deref()).collect()
    }

    /// Whether `b` (after `a`, separated by `between`) joins `a`'s phrase.
    fn joins(&self, a: &Unit, b: &Unit, between: &str) -> bool {
        if between.is_empty() || CONJ.contains(&between) {
            return true;
        }
        if nchars(between) > TITLE_GAP || has_break(between) {
            return false;
        }
        if between.chars().any(|c| matches!(c, '和' | '与' | '及' | '、' | '同' | '向' | '对' | '在' | '访' | '说')) {
            return false;
        }
        let ca = self.codes(a);
        let cb = self.codes(b);
        if !(ca.len() == 1 && cb.len() == 1 && ca == cb) || a.pronoun || b.pronoun {
            return false;
        }
        // A title between a state and its official (俄罗斯总统普京), or two
        // names of one state; never two people (普京会见他).
        !self.is_person(a)
    }

    fn is_person(&self, u: &Unit) -> bool {
        u.ents.iter().any(|&i| self.ents[i].person)
    }

    fn extend_right(&self, norm: &str, k: usize, ce: usize) -> Phrase {
        let mut units = vec![k];
        let mut end = self.list[k].end;
        let mut j = k + 1;
        while j < self.list.len() && self.list[j].end <= ce {
            let between = &norm[end..self.list[j].start];
            if !self.joins(&self.list[*units.last().unwrap_or(&k)], &self.list[j], between) {
                break;
            }
            units.push(j);
            end = self.list[j].end;
            j += 1;
        }
        Phrase {
            start: self.list[k].start,
            end,
            units,
        }
    }

    fn extend_left(&self, norm: &str, k: usize, cs: usize) -> Phrase {
        let mut units = vec![k];
        let mut start = self.list[k].start;
        let mut j = k;
        while j > 0 && self.list[j - 1].start >= cs {
            let prev = &self.list[j - 1];
            let between = &norm[prev.end..start];
            if !self.joins(prev, &self.list[j], between) {
                break;
            }
            units.insert(0, j - 1);
            start = prev.start;
            j -= 1;
        }
        Phrase {
            start,
            end: self.list[k].end,
            units,
        }
    }

    fn first_at_or_after(&self, pos: usize) -> usize {
        self.list.partition_point(|u| u.start < pos)
    }

    /// Phrases a slot starting at `pos` can take (longest first).
    pub fn following(&self, norm: &str, pos: usize, ce: usize) -> Vec<Phrase> {
        let k = self.first_at_or_after(pos);
        let Some(u) = self.list.get(k) else {
            return Vec::new();
        };
        if u.end > ce {
            return Vec::new();
        }
        let between = &norm[pos..u.start];
        if nchars(between) > SLOT_SKIP || has_break(between) {
            return Vec::new();
        }
        // 乌克兰战场: the place of the fighting, not an actor.
        if norm[u.end..].starts_with("战场") {
            return Vec::new();
        }
        let long = self.extend_right(norm, k, ce);
        let mut out = Vec::new();
        // Prefix phrases, longest first.
        for n in (1..=long.units.len()).rev() {
            let last = long.units[n - 1];
            out.push(Phrase {
                start: long.start,
                end: self.list[last].end,
                units: long.units[..n].to_vec(),
            });
        }
        out
    }

    fn is_subject_position(&self, norm: &str, u: &Unit, cs: usize) -> bool {
        match norm[cs..u.start].chars().next_back() {
            Some(c) => !NOT_SUBJECT_BEFORE.contains(&c),
            None => true,
        }
    }

    /// The phrase before a trigger at `hs` in the clause `cs..ce`.
    pub fn leading(&self, norm: &str, cs: usize, hs: usize, ce: usize) -> Lead {
        let k_end = self.list.partition_point(|u| u.end <= hs);
        let mut temporal: Option<usize> = None;
        for k in (0..k_end).rev() {
            let u = &self.list[k];
            if u.start < cs {
                break;
            }
            let gap = nchars(&norm[u.end..hs]);
            if gap > LEAD_GAP {
                break;
            }
            if !self.is_subject_position(norm, u, cs) {
                // 在普京入侵…之前 / 在俄罗斯入侵乌克兰后: the subject of a
                // time clause.
                let prev = norm[cs..u.start].chars().next_back();
                if matches!(prev, Some('在' | '于')) {
                    let rest = norm.get(hs..ce).unwrap_or("");
                    let time_clause = ["后", "时", "之前", "以前", "以来", "期间", "之际"].iter().any(|w| rest.contains(w));
                    if time_clause && self.is_person(u) {
                        return Lead::Found(self.extend_left(norm, k, cs));
                    }
                    if time_clause && gap <= 2 && temporal.is_none() {
                        temporal = Some(k);
                    }
                }
                continue;
            }
            return Lead::Found(self.extend_left(norm, k, cs));
        }
        match temporal {
            Some(t) => Lead::Found(self.extend_left(norm, t, cs)),
            None => Lead::None,
        }
    }

    /// The subject of a clause: its first phrase in subject position.
    pub fn clause_subject(&self, norm: &str, cs: usize, ce: usize) -> Option<Phrase> {
        let k0 = self.first_at_or_after(cs);
        for k in k0..self.list.len() {
            let u = &self.list[k];
            if u.end > ce {
                break;
            }
            if self.codes(u).is_empty() {
                continue;
            }
            // The subject opens the clause (after at most a connective: 但/而且/同时).
            let lead = norm[cs..u.start].trim_start_matches(['“', '「', '『', ' ']);
            if nchars(lead) <= 3 && self.is_subject_position(norm, u, cs) {
                return Some(self.extend_right(norm, k, ce));
            }
            return None;
        }
        None
    }

    /// The actors of a phrase: one per code; the person behind a code wins.
    pub fn actors(&self, ph: &Phrase) -> Vec<Actor> {
        let mut out: Vec<(Actor, bool)> = Vec::new();
        for &k in &ph.units {
            let Some(u) = self.list.get(k) else { continue };
            for &ei in &u.ents {
                let e = &self.ents[ei];
                let Some(code) = &e.code else { continue };
                if let Some(x) = out.iter_mut().find(|x| &x.0.code == code) {
                    if e.person && !x.1 {
                        x.0.entity = Some(e.id.clone());
                        x.1 = true;
                    }
                    continue;
                }
                out.push((
                    Actor {
                        code: code.clone(),
                        entity: Some(e.id.clone()),
                    },
                    e.person,
                ));
            }
        }
        out.into_iter().map(|x| x.0).collect()
    }
}
