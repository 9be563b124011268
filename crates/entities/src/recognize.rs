//! The recognition pass over one text (see the crate documentation).

use shiju_lexicon::words::WordList;
use shiju_text::charset::WordStarts;
use std::sync::OnceLock;

/// The per-document maps and sets hash small integers and short strings:
/// FxHash instead of SipHash (none of them is iterated in an order that
/// reaches the output).
type HashMap<K, V> = std::collections::HashMap<K, V, crate::Fx>;
type HashSet<K> = std::collections::HashSet<K, crate::Fx>;

use shiju_core::{Context, Date, Entity, EntityType, Mention, Role, RoleStatus, Text};

use crate::*;

mod affil;
mod assemble;
pub(crate) mod bodies;
mod compounds;
mod context;
mod gloss;
mod home;
mod office;
mod people;
mod romanize;
mod tokens;
use affil::{affiliation, person_role};
use people::News;

/// A gazetteer match kept after the guards.
#[derive(Debug, Clone, Copy)]
struct Tok {
    s: usize,
    e: usize,
    target: Target,
    /// Pattern index (all targets of the form).
    pat: usize,
    /// An `X方`/`X军` form.
    generated: bool,
}

/// What a mention refers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Country(usize),
    Org(usize),
    Person(usize),
    New(usize),
}

#[derive(Debug, Clone)]
struct Cand {
    s: usize,
    e: usize,
    key: Key,
}

/// Affiliation read before a person's name.
#[derive(Debug, Default, Clone)]
struct Affil {
    title: Option<String>,
    status: Option<RoleStatus>,
    country: Option<String>,
    /// Start of the printed form including the affiliation, when it is a
    /// plain country/title phrase.
    form_start: Option<usize>,
    /// End of that form when a title follows the name (拜登总统).
    form_end: Option<usize>,
    /// Countries named inside an institution's name (not mentions).
    suppressed: Vec<usize>,
}

fn prev_char(s: &str, pos: usize) -> Option<char> {
    s.get(..pos).and_then(|p| p.chars().next_back())
}

fn next_char(s: &str, pos: usize) -> Option<char> {
    s.get(pos..).and_then(|p| p.chars().next())
}

/// Whether `s` at `pos` begins with a word of `words`.
fn starts_with_any(s: &str, pos: usize, words: &Starts) -> bool {
    s.get(pos..)
        .is_some_and(|rest| words.get().longest_at(rest).is_some())
}

/// A word list asked at a position whether the text there begins with one
/// of its words: as a [`WordStarts`] (made on first use, the lists being
/// read once per process), so a position whose character begins no word —
/// most — costs one bit read instead of a comparison per word.
pub(crate) struct Starts {
    list: &'static WordList,
    starts: OnceLock<WordStarts>,
}

impl Starts {
    pub(crate) const fn new(list: &'static WordList) -> Starts {
        Starts {
            list,
            starts: OnceLock::new(),
        }
    }

    fn get(&self) -> &WordStarts {
        (self.starts).get_or_init(|| WordStarts::new(self.list.iter().copied()))
    }
}

/// The word lists of the crate root that [`starts_with_any`] reads.
static RUN_STOP_AT: Starts = Starts::new(&RUN_STOP);
static NAME_NEXT_AT: Starts = Starts::new(&NAME_NEXT);
static COMPOUND_NEXT_AT: Starts = Starts::new(&COMPOUND_NEXT);
static METONYM_NOT_BEFORE_AT: Starts = Starts::new(&METONYM_NOT_BEFORE);

/// Person forms followed by these are part of a name of something else (`布朗大学`).
#[rustfmt::skip]
static PERSON_NOT_BEFORE: WordList = WordList::new("entity_words.tsv", "person_not_before");
static PERSON_NOT_BEFORE_AT: Starts = Starts::new(&PERSON_NOT_BEFORE);

/// Ordinary words that a short person form can cut across (`宣布什么` is not 布什).
#[rustfmt::skip]
pub(crate) static CROSS_WORDS: WordList = WordList::new("entity_words.tsv", "cross_words");

/// Whether the character before `s` or after `e` makes an ordinary word with the form's edge.
fn word_across(g: &Gazetteer, n: &str, s: usize, e: usize) -> bool {
    let hit = |a: Option<char>, b: Option<char>| {
        a.zip(b)
            .is_some_and(|p| g.cross_words.binary_search(&p).is_ok())
    };
    hit(prev_char(n, s), next_char(n, s)) || hit(prev_char(n, e), next_char(n, e))
}

use shiju_text::is_cjk;

fn is_punct_or_end(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => !is_cjk(c) && !c.is_alphanumeric() && c != '·',
    }
}

/// Spans already taken by a mention (start → end): (start, end) pairs
/// sorted by start, one per start (a map without tree nodes; a document
/// holds a few dozen).
#[derive(Default)]
struct Occupied(Vec<(usize, usize)>);

impl Occupied {
    /// Whether the span starting last before `e` reaches past `s`.
    fn overlaps(&self, s: usize, e: usize) -> bool {
        let i = self.0.partition_point(|x| x.0 < e);
        i > 0 && self.0[i - 1].1 > s
    }
    /// Takes `[s, e)` (replacing the end of a span with the same start).
    fn insert(&mut self, s: usize, e: usize) {
        match self.0.binary_search_by_key(&s, |x| x.0) {
            Ok(i) => self.0[i].1 = e,
            Err(i) => self.0.insert(i, (s, e)),
        }
    }
}

/// Sorted (position, token index) pairs: a map without hashing.
#[derive(Default)]
struct PosIndex(Vec<(usize, usize)>);

impl FromIterator<(usize, usize)> for PosIndex {
    fn from_iter<I: IntoIterator<Item = (usize, usize)>>(it: I) -> PosIndex {
        PosIndex::new(it.into_iter())
    }
}

impl PosIndex {
    fn new(it: impl Iterator<Item = (usize, usize)>) -> PosIndex {
        let mut v: Vec<(usize, usize)> = it.collect();
        v.sort_unstable();
        PosIndex(v)
    }
    fn get(&self, pos: &usize) -> Option<&usize> {
        self.0
            .binary_search_by_key(pos, |x| x.0)
            .ok()
            .map(|i| &self.0[i].1)
    }
    fn contains_key(&self, pos: &usize) -> bool {
        self.get(pos).is_some()
    }
}

struct Doc<'a> {
    g: &'a Gazetteer,
    n: &'a str,
    toks: Vec<Tok>,
    /// Token index by start / end position.
    tok_at: PosIndex,
    tok_end: PosIndex,
    /// Every character of the abbreviation set in the text, with its start:
    /// one pass shared by the body and compound steps.
    abbr_at: Vec<(usize, char)>,
}

impl<'a> Doc<'a> {
    /// Sorts the tokens by start and rebuilds both indexes (in the vectors
    /// they already have).
    fn reindex(&mut self) {
        self.toks.sort_by_key(|t| t.s);
        // (start, index) pairs of tokens sorted by start are in order already.
        let at = &mut self.tok_at.0;
        at.clear();
        at.extend(self.toks.iter().enumerate().map(|(i, t)| (t.s, i)));
        let end = &mut self.tok_end.0;
        end.clear();
        end.extend(self.toks.iter().enumerate().map(|(i, t)| (t.e, i)));
        end.sort_unstable();
    }

    /// Whether any token overlaps `[s, e)` (tokens are sorted and disjoint).
    fn tok_overlaps(&self, s: usize, e: usize) -> bool {
        let i = self.toks.partition_point(|t| t.s < e);
        i > 0 && self.toks[i - 1].e > s
    }

    /// Tokens lying wholly inside `[s, e)`.
    fn toks_within(&self, s: usize, e: usize) -> &[Tok] {
        let a = self.toks.partition_point(|t| t.s < s);
        let b = self.toks.partition_point(|t| t.s < e);
        let mut b = b.max(a);
        while b > a && self.toks[b - 1].e > e {
            b -= 1;
        }
        &self.toks[a..b]
    }

    fn is_translit(&self, c: char) -> bool {
        self.g.translit.contains(c)
    }

    /// End of a transliterated name segment starting at `pos` (stops before
    /// tokens, but takes in a person token whole). Latin initials count.
    fn run_right(&self, pos: usize) -> usize {
        let n = self.n;
        let mut p = pos;
        let mut count = 0;
        while p < n.len() && count < 10 {
            if let Some(&ti) = self.tok_at.get(&p) {
                let t = self.toks[ti];
                if matches!(t.target, Target::Person(_)) {
                    // 佩特罗 + 娃: the known form is only the start of a longer name.
                    let more = next_char(n, t.e).is_some_and(|c| self.is_translit(c))
                        && !starts_with_any(n, t.e, &RUN_STOP_AT)
                        && !self.tok_at.contains_key(&t.e);
                    if !more {
                        return t.e;
                    }
                    p = t.e;
                    count += t.e.saturating_sub(t.s) / 3;
                    continue;
                }
                break;
            }
            let Some(c) = next_char(n, p) else { break };
            if count > 0 && starts_with_any(n, p, &RUN_STOP_AT) {
                break;
            }
            if self.is_translit(c) {
                p += c.len_utf8();
                count += 1;
                continue;
            }
            // A Latin initial between dots: 谢尔盖·K·绍伊古.
            if c.is_ascii_uppercase() && count == 0 {
                let q = p + 1;
                let after = next_char(n, q);
                if after == Some('·') || after == Some('.') {
                    p = if after == Some('.') { q + 1 } else { q };
                    break;
                }
            }
            break;
        }
        p
    }

    /// Start of a transliterated name segment ending at `pos` (stops at token ends).
    fn run_left(&self, pos: usize) -> usize {
        let n = self.n;
        let mut p = pos;
        let mut count = 0;
        while p > 0 && count < 10 {
            if self.tok_end.contains_key(&p) && p != pos {
                break;
            }
            if self.tok_end.contains_key(&p) && p == pos {
                break;
            }
            let Some(c) = prev_char(n, p) else { break };
            if self.is_translit(c) {
                p -= c.len_utf8();
                count += 1;
                continue;
            }
            if c == '小' && count > 0 {
                p -= c.len_utf8();
                break;
            }
            if c.is_ascii_uppercase() && count == 0 && next_char(n, pos) == Some('·') {
                let q = p - 1;
                if q == 0 || !prev_char(n, q).is_some_and(|d| d.is_ascii_alphanumeric()) {
                    p = q;
                }
                break;
            }
            break;
        }
        p
    }

    fn country_target(&self, t: &Tok) -> Option<String> {
        match t.target {
            Target::Country(ci, _) => Some(self.g.countries[ci].iso.clone()),
            Target::Org(oi) | Target::OrgContext(oi) => self.g.orgs[oi].country.clone(),
            _ => None,
        }
    }
}

/// What the passes over one text build up.
#[derive(Default)]
struct State {
    /// Mentions of states and organisations.
    cands: Vec<Cand>,
    /// Mentions of people.
    person_spans: Vec<Cand>,
    /// Spans taken by a mention.
    occ: Occupied,
    /// Printed forms of an entity that are not mentions of it (`法国` in `法国政府`).
    extra_forms: Vec<(usize, usize, Key)>,
    /// People the gazetteer does not know.
    news: News,
    /// Person tokens a Latin gloss shows to be a namesake (by start).
    retarget: HashMap<usize, Key>,
    /// Office holders mentioned by their title alone (not printed names).
    title_only: HashSet<(usize, usize)>,
}

pub(crate) fn run(g: &Gazetteer, text: &Text, ctx: &Context) -> Vec<Entity> {
    let n = text.norm.as_str();
    let mut doc = Doc {
        g,
        n,
        toks: Vec::new(),
        tok_at: PosIndex::default(),
        tok_end: PosIndex::default(),
        abbr_at: text.chars().positions(|c| g.abbr_set.contains(c)),
    };

    // 1. Gazetteer tokens with guards; national bodies.
    tokens::gazetteer_tokens(&mut doc);
    bodies::attach(&mut doc);
    bodies::drop_non_participants(&mut doc);

    let mut st = State {
        cands: bodies::state_names(&doc)
            .into_iter()
            .map(|(s, e, ci)| Cand {
                s,
                e,
                key: Key::Country(ci),
            })
            .collect(),
        ..State::default()
    };

    // 2. Compounds; 3. extensions and context forms.
    let compound_spans = compounds::compounds(&mut doc, &mut st);
    context::extend_and_resolve(&mut doc, &mut st, &compound_spans, ctx);
    home::unnamed_states(&doc, &mut st, ctx);

    // 4. Unknown people: ·-joined names, Latin glosses, （音）, names after titles.
    people::dotted_names(&mut doc, &mut st);
    gloss::glosses(&doc, &mut st);
    people::yin_names(&doc, &mut st);
    people::names_after_titles(&doc, &mut st, ctx);
    people::token_candidates(&doc, &mut st);

    // 5. Short mentions of new people; office holders named by title alone.
    people::short_mentions(&doc, &mut st);
    office::title_only_holders(&doc, &mut st, ctx);

    // 6. Affiliations of people.
    let person_ends: HashSet<usize> = st.person_spans.iter().map(|c| c.e).collect();
    let affils: Vec<Affil> = st
        .person_spans
        .iter()
        .map(|c| affiliation(&doc, c, &st.person_spans, &person_ends))
        .collect();
    let suppressed: HashSet<usize> = affils
        .iter()
        .flat_map(|a| a.suppressed.iter().copied())
        .collect();

    // 7. Assemble entities.
    assemble::assemble(&doc, text, ctx, st, &affils, &suppressed)
}

#[cfg(test)]
mod starts_tests {
    use super::*;

    #[test]
    fn starts_with_any_asks_the_words_at_a_position() {
        let words: &[&str] = &NAME_NEXT;
        let w = words[0];
        let text = format!("某某{w}某");
        let naive = |pos: usize| words.iter().any(|x| text[pos..].starts_with(x));
        for pos in (0..=text.len()).filter(|&p| text.is_char_boundary(p)) {
            assert_eq!(
                starts_with_any(&text, pos, &NAME_NEXT_AT),
                naive(pos),
                "{pos}"
            );
        }
        assert!(starts_with_any(&text, "某某".len(), &NAME_NEXT_AT));
        assert!(!starts_with_any(&text, text.len() + 1, &NAME_NEXT_AT));
    }
}

#[cfg(test)]
mod occupied_tests {
    use super::Occupied;

    #[test]
    fn overlaps_asks_the_span_starting_last_before_the_end() {
        let mut occ = Occupied::default();
        assert!(!occ.overlaps(0, 10));
        occ.insert(10, 20);
        occ.insert(2, 4);
        occ.insert(30, 31);
        assert!(occ.overlaps(15, 16));
        assert!(occ.overlaps(5, 11));
        assert!(!occ.overlaps(4, 10));
        assert!(!occ.overlaps(20, 30));
        assert!(occ.overlaps(3, 5));
        // Only the span starting last before the end is asked.
        occ.insert(12, 13);
        assert!(!occ.overlaps(14, 15));
        // A second span at a start replaces the first.
        occ.insert(10, 11);
        assert!(!occ.overlaps(11, 12));
        assert_eq!(occ.0, vec![(2, 4), (10, 11), (12, 13), (30, 31)]);
    }
}
