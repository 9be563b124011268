//! Actor phrases: entity mentions mapped to normalised-text offsets, grouped
//! into units (one printed name; a compound like 中美 is one unit with two
//! entities), pronoun units (他/她 → the last person named, 双方/两国 → the
//! last two actors), and phrases (units joined by conjunctions 和/与/及其/、
//! or by a title between two names of the same state: 俄罗斯总统普京).

use shiju_core::{Entity, EntityType, RoleStatus, Text};
use shiju_lexicon::words::{CharSlice, CharStr, WordList};
use shiju_text::punct;
use shiju_text::short::{ends_in, starts_in};

use crate::segment::{is_clause_break, Sentence};

/// An actor of an event: code and the entity behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub code: String,
    pub entity: Option<String>,
    /// Stands for a person who no longer holds the office that made them
    /// act for the state (美国前总统克林顿): acted upon, never acting.
    pub former: bool,
}

#[derive(Debug, Clone)]
pub struct Ent {
    pub id: String,
    pub code: Option<String>,
    pub person: bool,
    /// Speaks for a state or organisation (state, organisation, or a person
    /// holding an office).
    pub official: bool,
    /// A person whose known role is a former one.
    pub former: bool,
    /// A state (or territory) itself, not a person or body acting for it.
    pub state: bool,
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
    /// Indices into [`Units::list`] (always consecutive).
    pub units: std::ops::Range<usize>,
}

/// The result of looking for a phrase before a trigger.
pub enum Lead {
    Found(Phrase),
    /// No subject in the clause: the caller may carry one over.
    None,
    /// The clause has 将/把 + a name before the trigger (将瑞典加入北约): its
    /// subject is not the sentence's, and none is carried over.
    Blocked,
}

pub struct Units {
    pub list: Vec<Unit>,
    pub ents: Vec<Ent>,
    /// Places of `lexicon/places.tsv` outside every unit: (start, end,
    /// ISO3), by start. Only visit patterns read them (抵达广岛).
    pub places: Vec<(usize, usize, String)>,
}

/// International organisations whose officers act for the organisation
/// (the UN Secretary-General for the UN, the Commission president for the EU).
const INTL_ORGS: &[&str] = &[
    "UN", "UNSC", "EU", "NATO", "G7", "G20", "ASEAN", "AU", "SCO", "BRICS", "WHO", "IAEA", "IMF",
    "WTO", "OPEC", "APEC", "OSCE", "ICC", "ICJ", "WB", "OAS", "GCC", "ARL", "CSTO", "EAEU", "OIC",
    "UNHCR", "UNICEF", "UNESCO", "WFP",
];

/// The actor code of an entity: an officer of an international
/// organisation acts for it, everyone else as `Entity::actor_code` says.
fn actor_code(e: &Entity) -> Option<String> {
    if e.kind == EntityType::Person {
        if let Some(r) = &e.role {
            if let Some(of) = &r.of {
                if r.status != RoleStatus::Former && INTL_ORGS.contains(&of.as_str()) {
                    return Some(of.clone());
                }
            }
        }
    }
    e.actor_code().filter(|c| !c.is_empty())
}

/// Role keys of people who do not speak for a state (analysts, scholars,
/// think-tank directors): events in their quotes are opinions.
const NON_OFFICIAL: &[&str] = &[
    "expert",
    "professor",
    "director",
    "analyst",
    "scholar",
    "researcher",
    "fellow",
    "economist",
    "commentator",
    "journalist",
    "reporter",
    "lawyer",
    "scientist",
    "opposition_leader",
];

/// Word lists of this module (`lexicon/event_words.tsv`).
static PAIR_JOINERS: WordList = WordList::new("event_words.tsv", "pair_joiners");
static PAIR_MODIFIED_NOUNS: WordList = WordList::new("event_words.tsv", "pair_modified_nouns");
static MODIFIED_NOUNS: WordList = WordList::new("event_words.tsv", "modified_nouns");
static JOIN_BREAKERS: CharSlice = CharSlice::new("event_words.tsv", "join_breakers");
static TITLE_CHAIN_BREAKERS: CharSlice = CharSlice::new("event_words.tsv", "title_chain_breakers");
static SLOT_PREPOSITIONS: CharSlice = CharSlice::new("event_words.tsv", "slot_prepositions");
static BATTLEFIELD: WordList = WordList::new("event_words.tsv", "battlefield");
static TIME_CLAUSE_CLOSERS: WordList = WordList::new("event_words.tsv", "time_clause_closers");
static QUANTIFIER_CHARS: CharStr = CharStr::new("event_words.tsv", "quantifier_chars");
static TOGETHER: WordList = WordList::new("event_words.tsv", "together");
static COMPANION_PREPOSITIONS: CharSlice =
    CharSlice::new("event_words.tsv", "companion_prepositions");
static LEADS: WordList = WordList::new("event_words.tsv", "leads");
static TIME_CLAUSE_ENDS: WordList = WordList::new("event_words.tsv", "time_clause_ends");
static DISPOSAL: CharSlice = CharSlice::new("event_words.tsv", "disposal");
static TIME_PREPOSITIONS: CharSlice = CharSlice::new("event_words.tsv", "time_prepositions");

static CONJ: WordList = WordList::new("event_words.tsv", "conj");
/// A unit right after one of these is a place or the object of a preposition,
/// not a subject.
pub static NOT_SUBJECT_BEFORE: CharSlice = CharSlice::new("event_words.tsv", "not_subject_before");
/// Verbs whose object a following name is (会见普京, 访问朝鲜); titles ending
/// in the same characters (大使, 顾问, 司令) are not verbs.
static VERBS_BEFORE: WordList = WordList::new("event_words.tsv", "verbs_before");

/// Markers of a fronted object (把): a name after one in its clause is
/// inside the object (`lexicon/event_words.tsv`).
static OBJECT_MARKERS: WordList = WordList::new("event_words.tsv", "object_markers");

/// Verbs of saying and thinking: the name after them opens a reported clause.
static SPEECH_BEFORE: WordList = WordList::new("event_words.tsv", "speech_before");

/// Whether `before` ends in a verb of saying.
pub fn after_speech(before: &str) -> bool {
    SPEECH_BEFORE.iter().any(|v| ends_in(before, v))
}

/// A name right after a preposition, a verb of saying or a transitive verb
/// is not a subject.
pub fn after_non_subject(before: &str) -> bool {
    match before.chars().next_back() {
        Some(c) if NOT_SUBJECT_BEFORE.contains(&c) => true,
        Some(_) => VERBS_BEFORE.iter().any(|v| ends_in(before, v)),
        None => false,
    }
}

/// Nouns that make the name before them a topic (就乌克兰问题, 就朝鲜局势).
static TOPIC_NOUNS: WordList = WordList::new("event_words.tsv", "topic_nouns");

pub(crate) static PAIR_WORDS: WordList = WordList::new("event_words.tsv", "pair_words");
/// Characters a slot may skip before its phrase (aspect particles, 来访的…).
const SLOT_SKIP: usize = 4;
/// What a slot may skip before its phrase: aspect particles, numerals and
/// measure words (逮捕了一名, 击落了38架), quotation marks.
static SKIPPABLE: CharStr = CharStr::new("event_words.tsv", "skippable");
/// Characters of a relative clause (…的) a slot may skip.
const REL_SKIP: usize = 15;
/// Characters between a leading phrase and its trigger.
const LEAD_GAP: usize = 25;
/// Characters of a title between two names of the same actor.
const TITLE_GAP: usize = 10;

/// The entities of the last two-actor phrase (A和B, A与B, compound 中美)
/// between `lo` and `pos`, outside quotes.
pub(crate) fn last_conjoined_pair(
    norm: &str,
    real: &[Unit],
    ents: &[Ent],
    lo: usize,
    pos: usize,
) -> Option<Vec<usize>> {
    let code = |u: &Unit| -> Vec<usize> {
        u.ents
            .iter()
            .copied()
            .filter(|&i| ents[i].code.is_some())
            .collect()
    };
    let cands: Vec<&Unit> = real
        .iter()
        .filter(|u| u.start >= lo && u.end <= pos && !u.in_quote)
        .collect();
    for i in (0..cands.len()).rev() {
        let u = cands[i];
        let c = code(u);
        if c.len() == 2 && ents[c[0]].code != ents[c[1]].code {
            return Some(c);
        }
        if i > 0 && cands[i - 1].end <= u.start {
            let p = cands[i - 1];
            let between = &norm[p.end..u.start];
            if PAIR_JOINERS.contains(&between) {
                let (a, b) = (code(p), code(u));
                if a.len() == 1 && b.len() == 1 && ents[a[0]].code != ents[b[0]].code {
                    return Some(vec![a[0], b[0]]);
                }
            }
        }
    }
    None
}

/// Spans of 《…》 and 〈…〉 titles.
fn book_titles(norm: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // (Two quick searches spare a pass over the text without titles.)
    if !norm.contains(punct::LEFT_BOOK_TITLE) && !norm.contains(punct::LEFT_ANGLE) {
        return out;
    }
    let mut open: Option<usize> = None;
    let bytes = norm.as_bytes();
    let mut i = 0usize;
    loop {
        // 《》〈〉 all have the lead byte E3.
        i = crate::segment::skip_to(bytes, i, |x| x == b'\n' || x == 0xE3);
        let Some(c) = norm[i..].chars().next() else {
            break;
        };
        let at = i;
        i += c.len_utf8();
        match c {
            punct::LEFT_BOOK_TITLE | punct::LEFT_ANGLE => open = Some(at),
            punct::RIGHT_BOOK_TITLE | punct::RIGHT_ANGLE => {
                if let Some(a) = open.take() {
                    out.push((a, i));
                }
            }
            '\n' => open = None,
            _ => {}
        }
    }
    out
}

/// Pronouns owning the noun phrase after them (他的盟友, 他们的对手).
static POSSESSIVES: WordList = WordList::new("event_words.tsv", "possessives");

/// Whether `between` (from a slot to its name) is a pronoun owning the name
/// through a short phrase with 的: 谴责他昔日的盟友特朗普.
fn possessive(between: &str) -> bool {
    POSSESSIVES.iter().any(|p| {
        between.strip_prefix(*p).is_some_and(|r| {
            r.find('的').is_some_and(|i| i <= 2 * 3)
                && nchars(r) <= TITLE_GAP
                && !r.chars().any(|c| SLOT_PREPOSITIONS.contains(&c))
        })
    })
}

pub(crate) fn nchars(s: &str) -> usize {
    s.chars().count()
}

pub(crate) fn has_break(s: &str) -> bool {
    s.chars().any(is_clause_break)
}

impl Units {
    pub fn build(
        entities: &[Entity],
        text: &Text,
        sents: &[Sentence],
        quotes: &[(usize, usize)],
        pair_abbr: &crate::pairs::PairAbbr,
        cands: &[(usize, char)],
    ) -> Units {
        let norm = text.norm.as_str();
        let mut ents: Vec<Ent> = entities
            .iter()
            .map(|e| Ent {
                id: e.id.clone(),
                code: actor_code(e),
                person: e.kind == EntityType::Person,
                official: match e.kind {
                    EntityType::Person => e
                        .role
                        .as_ref()
                        .map(|r| {
                            r.status != RoleStatus::Former
                                && !NON_OFFICIAL.contains(&r.title.as_str())
                        })
                        .unwrap_or(false),
                    _ => true,
                },
                former: e.kind == EntityType::Person
                    && e.role
                        .as_ref()
                        .is_some_and(|r| r.status == RoleStatus::Former),
                state: e.kind == EntityType::Country,
            })
            .collect();
        // (Sized once: one span per mention at most.)
        let mentions = entities.iter().map(|e| e.mentions.len()).sum();
        let mut spans: Vec<(usize, usize, usize)> = Vec::with_capacity(mentions);
        for (i, e) in entities.iter().enumerate() {
            for m in &e.mentions {
                let (s, t) = text.norm_span(m.start, m.end);
                if s < t && norm.is_char_boundary(s) && norm.is_char_boundary(t) {
                    spans.push((s, t, i));
                }
            }
        }
        spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let quoted = crate::pronouns::Quoted::new(quotes);
        let in_quote = |s: usize, e: usize| quoted.contains(s, e);
        let mut list: Vec<Unit> = Vec::with_capacity(spans.len());
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
        // 中缅在…签署, 中欧…协定: pairs the gazetteer did not read.
        let taken: Vec<(usize, usize)> = list.iter().map(|u| (u.start, u.end)).collect();
        // (`cands`: the characters of pairs and of pronoun units, found
        // in one pass over the text, [`crate::pairs::PairAbbr::candidates`].)
        for (s, e, members) in pair_abbr.find(norm, cands, &taken) {
            let at = list.partition_point(|u| u.start < s);
            let first = ents.len();
            ents.extend(members.into_iter().map(|m| Ent {
                id: format!("{}:{}", if m.state { "country" } else { "org" }, m.code),
                code: Some(m.code),
                person: false,
                official: true,
                former: false,
                state: m.state,
            }));
            list.insert(
                at,
                Unit {
                    start: s,
                    end: e,
                    ents: vec![first, first + 1],
                    in_quote: in_quote(s, e),
                    pronoun: false,
                },
            );
        }
        // 中俄两国 / 中美双方: the pair word belongs to the compound; a name
        // found inside the pair word (两国军人: 国军) is dropped, so units
        // never overlap.
        for u in &mut list {
            let rest = &norm[u.end..];
            if let Some(w) = PAIR_WORDS.iter().find(|w| starts_in(rest, w)) {
                u.end += w.len();
            }
        }
        let mut end = 0usize;
        list.retain(|u| {
            let keep = u.start >= end;
            if keep {
                end = u.end;
            }
            keep
        });
        // Names inside book titles (《联合国宪章》) and names modifying a
        // war or a crisis (俄乌战争, 乌克兰危机) are not actors.
        let titles = book_titles(norm);
        list.retain(|u| {
            if titles.iter().any(|&(a, b)| a <= u.start && u.end <= b) {
                return false;
            }
            let rest = &norm[u.end..];
            let nouns: &[&str] = if u.ents.len() >= 2 {
                &PAIR_MODIFIED_NOUNS
            } else {
                &MODIFIED_NOUNS
            };
            !nouns.iter().any(|n| starts_in(rest, n))
        });
        // Pronoun units.
        let extra = crate::pronouns::pronoun_units(norm, cands, &list, &ents, sents, &in_quote);
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
        Units {
            list: clean,
            ents,
            places: Vec::new(),
        }
    }

    fn codes(&self, u: &Unit) -> Vec<&str> {
        u.ents
            .iter()
            .filter_map(|&i| self.ents[i].code.as_deref())
            .collect()
    }

    /// Whether `u` has a code ([`Units::codes`] is not empty).
    fn has_code(&self, u: &Unit) -> bool {
        u.ents.iter().any(|&i| self.ents[i].code.is_some())
    }

    /// The code of `u` when it has exactly one ([`Units::codes`]).
    fn only_code(&self, u: &Unit) -> Option<&str> {
        let mut codes = u.ents.iter().filter_map(|&i| self.ents[i].code.as_deref());
        let first = codes.next()?;
        codes.next().is_none().then_some(first)
    }

    /// Whether `b` (after `a`, separated by `between`) joins `a`'s phrase.
    fn joins(&self, a: &Unit, b: &Unit, between: &str) -> bool {
        if between.is_empty() || CONJ.contains(&between) {
            return true;
        }
        if has_break(between) {
            return false;
        }
        if nchars(between) > TITLE_GAP || between.contains(punct::ENUMERATION_COMMA) {
            // A chain of titles (劳动党总书记、国务委员长) between a state
            // and its official.
            return self.title_chain(a, b, between);
        }
        if between.chars().any(|c| JOIN_BREAKERS.contains(&c)) {
            return false;
        }
        let ca = self.only_code(a);
        if ca.is_none() || ca != self.only_code(b) || a.pronoun || b.pronoun {
            return false;
        }
        // A title between a state and its official (俄罗斯总统普京), or two
        // names of one state; never two people (普京会见他).
        !self.is_person(a)
    }

    /// `between` is a chain of titles joined by 、 (each ending like a title)
    /// between a state or body and a person of the same actor.
    fn title_chain(&self, a: &Unit, b: &Unit, between: &str) -> bool {
        static TITLE_ENDS: CharSlice = CharSlice::new("event_words.tsv", "title_ends");
        if nchars(between) > 3 * TITLE_GAP || a.pronoun || b.pronoun {
            return false;
        }
        if between.chars().any(|c| TITLE_CHAIN_BREAKERS.contains(&c)) {
            return false;
        }
        let ok = between.split(punct::ENUMERATION_COMMA).all(|t| {
            let n = nchars(t);
            (2..=TITLE_GAP).contains(&n)
                && t.chars()
                    .next_back()
                    .is_some_and(|c| TITLE_ENDS.contains(&c))
        });
        let ca = self.only_code(a);
        ok && ca.is_some() && ca == self.only_code(b) && !self.is_person(a) && self.is_person(b)
    }

    fn is_person(&self, u: &Unit) -> bool {
        u.ents.iter().any(|&i| self.ents[i].person)
    }

    fn extend_right(&self, norm: &str, k: usize, ce: usize) -> Phrase {
        let mut end = self.list[k].end;
        let mut j = k + 1;
        while j < self.list.len() && self.list[j].end <= ce {
            let between = &norm[end..self.list[j].start];
            if !self.joins(&self.list[j - 1], &self.list[j], between) {
                break;
            }
            end = self.list[j].end;
            j += 1;
        }
        Phrase {
            start: self.list[k].start,
            end,
            units: k..j,
        }
    }

    fn extend_left(&self, norm: &str, k: usize, cs: usize) -> Phrase {
        let mut start = self.list[k].start;
        let mut j = k;
        while j > 0 && self.list[j - 1].start >= cs {
            let prev = &self.list[j - 1];
            let between = &norm[prev.end..start];
            if !self.joins(prev, &self.list[j], between) {
                break;
            }
            start = prev.start;
            j -= 1;
        }
        Phrase {
            start,
            end: self.list[k].end,
            units: j..k + 1,
        }
    }

    /// The codes of a pair word (双方, 两国) unit starting at `pos`, `k`
    /// being the first unit at or after `pos`.
    pub fn pair_of(&self, k: usize, pos: usize) -> Option<Vec<String>> {
        let u = self.list.get(k)?;
        if u.start == pos && u.pronoun && u.ents.len() == 2 {
            Some(self.codes(u).into_iter().map(str::to_string).collect())
        } else {
            None
        }
    }

    pub fn first_at_or_after(&self, pos: usize) -> usize {
        self.list.partition_point(|u| u.start < pos)
    }

    /// The longest phrase a slot starting at `pos` can take; the slot may
    /// take any of its prefixes too (see [`Units::prefix`]), longest first.
    pub fn following(&self, norm: &str, pos: usize, ce: usize) -> Option<Phrase> {
        let k = self.first_at_or_after(pos);
        let u = self.list.get(k)?;
        if u.end > ce {
            return None;
        }
        let between = &norm[pos..u.start];
        // 访问的巴西总统: the verb modifies the name, which is not its object.
        if between.starts_with('的') {
            return None;
        }
        // Up to four characters (了, 来访的…), or a relative clause ending in
        // 的 (同来华进行国事访问的巴西总统卢拉).
        let n = nchars(between);
        let relative = (between.ends_with('的') && n <= REL_SKIP) || possessive(between);
        let light = between
            .chars()
            .all(|c| SKIPPABLE.contains(c) || c.is_ascii_digit());
        if (!relative && (n > SLOT_SKIP || !light)) || has_break(between) {
            return None;
        }
        // A preposition in the skipped text: the unit belongs to another phrase.
        if between.chars().any(|c| SLOT_PREPOSITIONS.contains(&c)) {
            return None;
        }
        // 乌克兰战场: the place of the fighting, not an actor.
        if BATTLEFIELD.iter().any(|w| starts_in(&norm[u.end..], w)) {
            return None;
        }
        // 谴责他昔日的盟友特朗普: the pronoun owns the name that follows.
        if let Some(k2) = self.possessed(norm, k, ce) {
            return Some(self.extend_right(norm, k2, ce));
        }
        Some(self.extend_right(norm, k, ce))
    }

    /// The unit a pronoun unit `k` is the possessor of: the next name of
    /// the clause, after a short phrase with 的 (他的盟友, 她昔日的对手)
    /// and nothing that could end the noun phrase.
    fn possessed(&self, norm: &str, k: usize, ce: usize) -> Option<usize> {
        let u = self.list.get(k).filter(|u| u.pronoun)?;
        let v = self.list.get(k + 1).filter(|v| v.end <= ce)?;
        let between = &norm[u.end..v.start];
        let de = between.find('的')?;
        let ok = de <= 2 * 3
            && nchars(between) <= TITLE_GAP
            && !has_break(between)
            && !between.chars().any(|c| SLOT_PREPOSITIONS.contains(&c));
        (ok && self.has_code(v)).then_some(k + 1)
    }

    /// The phrase of the first `n` units of `long`.
    pub fn prefix(&self, long: &Phrase, n: usize) -> Phrase {
        let first = long.units.start;
        Phrase {
            start: long.start,
            end: self.list[first + n - 1].end,
            units: first..first + n,
        }
    }

    /// Subject of the verb that follows: not after a preposition or a
    /// transitive verb (after a verb of saying it is the subject of the
    /// reported clause: 宣布沙特和伊朗同意…).
    fn is_subject_position(&self, norm: &str, u: &Unit, cs: usize) -> bool {
        let before = &norm[cs..u.start];
        !after_non_subject(before) || after_speech(before)
    }

    /// The phrase before a trigger at `hs` in the clause `cs..ce`.
    pub fn leading(&self, norm: &str, cs: usize, hs: usize, ce: usize) -> Lead {
        let k_end = self.list.partition_point(|u| u.end <= hs);
        let mut temporal: Option<usize> = None;
        let mut disposal = false;
        for k in (0..k_end).rev() {
            let u = &self.list[k];
            if u.start < cs {
                break;
            }
            let gap = nchars(&norm[u.end..hs]);
            if gap > LEAD_GAP {
                break;
            }
            // 拜登在与内塔尼亚胡通电话时表示: a name inside a time clause
            // (在…时/后/期间) is not the subject of what follows it.
            let between = &norm[u.end..hs];
            if TIME_CLAUSE_CLOSERS.iter().any(|c| between.contains(c))
                && norm[cs..u.start].contains('在')
            {
                let zai = norm[cs..u.start].rfind('在').map(|i| cs + i).unwrap_or(cs);
                // Only when the 在 opens the time clause after an earlier subject.
                let k = self.list.partition_point(|v| v.start < cs);
                if self.list.get(k).is_some_and(|v| v.end <= zai) {
                    continue;
                }
            }
            // 与七国集团一道: a companion, not the subject.
            let rest = &norm[u.end..];
            let before_u =
                norm[cs..u.start].trim_end_matches(|c: char| QUANTIFIER_CHARS.contains(c));
            if TOGETHER.iter().any(|w| starts_in(rest, w))
                && before_u
                    .chars()
                    .next_back()
                    .is_some_and(|c| COMPANION_PREPOSITIONS.contains(&c))
            {
                continue;
            }
            // A name the gazetteer gives no actor for is not a subject.
            if !self.has_code(u) {
                continue;
            }
            // 州长把福特与一家中国公司达成的协议描述为…: a name inside the
            // object of 把 is not the subject of the verb after it.
            if OBJECT_MARKERS.iter().any(|w| norm[cs..u.start].contains(w)) {
                continue;
            }
            // 中俄双方就乌克兰问题达成共识: the topic of 就…问题 is no subject.
            if norm[cs..u.start].ends_with('就') && TOPIC_NOUNS.iter().any(|w| starts_in(rest, w))
            {
                continue;
            }
            // 由哈德利率领的代表团: the leader acts.
            if LEADS.iter().any(|w| starts_in(rest, w)) {
                return Lead::Found(self.extend_left(norm, k, cs));
            }
            if !self.is_subject_position(norm, u, cs) {
                if norm[cs..u.start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| DISPOSAL.contains(&c))
                {
                    disposal = true;
                }
                // 在普京入侵…之前 / 在俄罗斯入侵乌克兰后: the subject of a
                // time clause.
                let prev = norm[cs..u.start].chars().next_back();
                if prev.is_some_and(|c| TIME_PREPOSITIONS.contains(&c)) {
                    let rest = norm.get(hs..ce).unwrap_or("");
                    let time_clause = TIME_CLAUSE_ENDS.iter().any(|w| rest.contains(w));
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
            None if disposal => Lead::Blocked,
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
            if !self.has_code(u) {
                continue;
            }
            // The subject opens the clause (after at most a connective: 但/而且/同时).
            let lead = norm[cs..u.start].trim_start_matches([
                '“',
                punct::LEFT_CORNER,
                punct::LEFT_WHITE_CORNER,
                ' ',
            ]);
            if nchars(lead) <= 3 && !after_non_subject(&norm[cs..u.start]) {
                return Some(self.extend_right(norm, k, ce));
            }
            return None;
        }
        None
    }

    /// The subject a clause gives the paragraph's topic: its
    /// [`Units::clause_subject`], unless a companion preposition stands
    /// before it (随后与印度总理会谈: a zero subject, the name its partner).
    pub fn topic_subject(&self, norm: &str, cs: usize, ce: usize) -> Option<Phrase> {
        let ph = self.clause_subject(norm, cs, ce)?;
        self.is_topic(norm, cs, &ph).then_some(ph)
    }

    /// Whether `ph`, the [`Units::clause_subject`] of the clause starting
    /// at `cs`, is the topic it gives (see [`Units::topic_subject`]).
    pub fn is_topic(&self, norm: &str, cs: usize, ph: &Phrase) -> bool {
        let companion = norm[cs..ph.start]
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| COMPANION_PREPOSITIONS.contains(&c));
        let quoted = self.list[ph.units.clone()].iter().any(|u| u.in_quote);
        !companion && !quoted
    }

    /// Whether a name begins at byte `pos`.
    pub fn starts_at(&self, pos: usize) -> bool {
        self.list
            .get(self.first_at_or_after(pos))
            .is_some_and(|u| u.start == pos)
    }

    /// Whether a name runs across byte `pos` (starts before it, ends after
    /// it) without standing for `code`: 对伊|拉克, 访华|盛顿, 抵澳|门.
    pub fn straddles_other(&self, pos: usize, code: &str) -> bool {
        // Units are sorted by start: the few just before `pos`.
        let k = self.list.partition_point(|u| u.start < pos);
        self.list[..k]
            .iter()
            .rev()
            .take(4)
            .filter(|u| u.end > pos)
            .any(|u| {
                !u.ents
                    .iter()
                    .any(|&ei| self.ents[ei].code.as_deref() == Some(code))
            })
    }

    /// The codes of [`Units::actors`] of a phrase, in the same order.
    pub fn actor_codes(&self, ph: &Phrase) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for k in ph.units.clone() {
            let Some(u) = self.list.get(k) else { continue };
            for &ei in &u.ents {
                if let Some(code) = self.ents[ei].code.as_deref() {
                    if !out.contains(&code) {
                        out.push(code);
                    }
                }
            }
        }
        out
    }

    /// The actors of a phrase: one per code; the person behind a code wins.
    pub fn actors(&self, ph: &Phrase) -> Vec<Actor> {
        let mut out: Vec<(Actor, bool)> = Vec::new();
        for k in ph.units.clone() {
            let Some(u) = self.list.get(k) else { continue };
            for &ei in &u.ents {
                let e = &self.ents[ei];
                let Some(code) = &e.code else { continue };
                if let Some(x) = out.iter_mut().find(|x| &x.0.code == code) {
                    if e.person && !x.1 {
                        x.0.entity = Some(e.id.clone());
                        x.0.former = e.former;
                        x.1 = true;
                    }
                    continue;
                }
                out.push((
                    Actor {
                        code: code.clone(),
                        entity: Some(e.id.clone()),
                        former: e.former,
                    },
                    e.person,
                ));
            }
        }
        out.into_iter().map(|x| x.0).collect()
    }
}
