//! Pronoun units: 他/她 → the last person named outside quotes, 该国 → the
//! last state named (this or the previous sentence), 两人/他们 →
//! the last two people, 两国/双方 → the last conjoined pair (else the last
//! two actors). Every lookup is a binary search or a prefix table over the
//! units (sorted, non-overlapping), so the cost is linear in the text.

use crate::actors::{has_break, last_conjoined_pair, nchars, Ent, Unit, PAIR_WORDS};
use crate::segment::{is_clause_break, Sentence};
use shiju_lexicon::words::{CharSlice, WordList};
use shiju_text::charset::CharSet;
use std::sync::LazyLock;

/// Word lists of this module (`lexicon/event_words.tsv`).
static QI_NOT_AFTER: CharSlice = CharSlice::new("event_words.tsv", "qi_not_after");
static QI_NOT_BEFORE: WordList = WordList::new("event_words.tsv", "qi_not_before");
static PRONOUN_NOT_AFTER: CharSlice = CharSlice::new("event_words.tsv", "pronoun_not_after");
static PRONOUN_NOT_BEFORE: CharSlice = CharSlice::new("event_words.tsv", "pronoun_not_before");
static PEOPLE_PAIR_WORDS: WordList = WordList::new("event_words.tsv", "people_pair_words");
/// Pronouns standing for the last state named (该国).
static STATE_PRONOUNS: WordList = WordList::new("event_words.tsv", "state_pronouns");
static PEOPLE_ONLY_PAIR_WORDS: WordList =
    WordList::new("event_words.tsv", "people_only_pair_words");
/// Pronouns standing for the last person named outside quotes (他 她 其).
static PERSON_PRONOUNS: CharSlice = CharSlice::new("event_words.tsv", "person_pronouns");
/// Person pronouns that stand for a person only as a subject (其: `subject_qi`).
static SUBJECT_ONLY_PRONOUNS: CharSlice =
    CharSlice::new("event_words.tsv", "subject_only_pronouns");
/// What makes a subject-only pronoun a subject: a companion phrase it opens
/// (其同…, 其与…).
static SUBJECT_PRONOUN_BEFORE: CharSlice =
    CharSlice::new("event_words.tsv", "subject_pronoun_before");
/// Plurals of the person pronouns (他们): pair words, never one person.
static PLURAL_PRONOUNS: WordList = WordList::new("event_words.tsv", "plural_pronouns");

/// 其 as a subject pronoun: 其同德国领导人举行会晤, 其与美方通话 (其 + 同/与
/// opening a companion phrase), not 及其/尤其/与其 nor 其同盟/其同胞.
fn subject_qi(norm: &str, pos: usize) -> bool {
    let prev = norm[..pos].chars().next_back();
    if prev.is_some_and(|c| QI_NOT_AFTER.contains(&c)) {
        return false;
    }
    let rest = norm[pos..]
        .chars()
        .next()
        .map_or("", |c| &norm[pos + c.len_utf8()..]);
    rest.chars()
        .next()
        .is_some_and(|c| SUBJECT_PRONOUN_BEFORE.contains(&c))
        && !QI_NOT_BEFORE.iter().any(|w| rest.starts_with(w))
}

/// The characters a pronoun unit can begin with: a person pronoun, the
/// first of a pair word or of a state pronoun.
pub(crate) fn first_chars() -> impl Iterator<Item = char> {
    PERSON_PRONOUNS.iter().copied().chain(
        PAIR_WORDS
            .iter()
            .chain(STATE_PRONOUNS.iter())
            .filter_map(|w| w.chars().next()),
    )
}

/// [`first_chars`] as a set.
static FIRSTS: LazyLock<CharSet> = LazyLock::new(|| CharSet::new(first_chars()));

/// Quotation spans, for "is this span inside a quote" in O(log n).
pub struct Quoted {
    /// Starts, sorted.
    starts: Vec<usize>,
    /// For the first k quotes by start, the largest end.
    max_end: Vec<usize>,
}

impl Quoted {
    pub fn new(quotes: &[(usize, usize)]) -> Quoted {
        let mut q = quotes.to_vec();
        q.sort_unstable();
        let mut hi = 0;
        let max_end = q
            .iter()
            .map(|&(_, b)| {
                hi = hi.max(b);
                hi
            })
            .collect();
        Quoted {
            starts: q.iter().map(|&(a, _)| a).collect(),
            max_end,
        }
    }

    /// Whether some quote holds `s..e`.
    pub fn contains(&self, s: usize, e: usize) -> bool {
        let k = self.starts.partition_point(|&a| a <= s);
        k > 0 && self.max_end[k - 1] >= e
    }
}

/// Index of the first unit ending after `pos` (units are sorted and do not
/// overlap, so ends are sorted too).
fn ended_by(real: &[Unit], pos: usize) -> usize {
    real.partition_point(|u| u.end <= pos)
}

/// Index of the first unit starting at or after `lo`.
fn starting_from(real: &[Unit], lo: usize) -> usize {
    real.partition_point(|u| u.start < lo)
}

/// Up to two entities of distinct codes, from the units of `range` read
/// backwards (people only if `people_only`).
fn last_two(real: &[Unit], ents: &[Ent], people_only: bool) -> Vec<usize> {
    let mut picked: Vec<usize> = Vec::new();
    let mut codes: Vec<&str> = Vec::new();
    for u in real.iter().rev().filter(|u| !u.in_quote) {
        for &ei in &u.ents {
            if people_only && !ents[ei].person {
                continue;
            }
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
    picked
}

/// The states named so far outside quotes, with how often and the last
/// entity naming each: the two states of the story are the two named most
/// (each at least twice, and more often than any third).
#[derive(Default)]
struct Story {
    /// Units read so far.
    next: usize,
    /// (state entity's code, count, last entity), in order of first mention.
    counts: Vec<(String, usize, usize)>,
}

impl Story {
    /// Reads the units before index `to`.
    fn advance(&mut self, real: &[Unit], ents: &[Ent], to: usize) {
        while self.next < to.min(real.len()) {
            let u = &real[self.next];
            self.next += 1;
            if u.in_quote || u.pronoun {
                continue;
            }
            for &ei in &u.ents {
                let Some(code) = ents[ei].code.as_deref().filter(|_| ents[ei].state) else {
                    continue;
                };
                match self.counts.iter_mut().find(|c| c.0 == code) {
                    Some(c) => {
                        c.1 += 1;
                        c.2 = ei;
                    }
                    None => self.counts.push((code.to_string(), 1, ei)),
                }
            }
        }
    }

    /// The two states of the story, when two stand out.
    fn pair(&self) -> Vec<usize> {
        let mut v: Vec<&(String, usize, usize)> = self.counts.iter().collect();
        v.sort_by_key(|c| std::cmp::Reverse(c.1));
        match v.as_slice() {
            [a, b, rest @ ..] if b.1 >= 2 && rest.first().is_none_or(|c| c.1 < b.1) => {
                vec![a.2, b.2]
            }
            _ => Vec::new(),
        }
    }
}

fn pronoun(pos: usize, len: usize, ents: Vec<usize>) -> Unit {
    Unit {
        start: pos,
        end: pos + len,
        ents,
        in_quote: false,
        pronoun: true,
    }
}

/// The pronoun units of `norm`, given the name units `real` (sorted, not
/// overlapping).
pub fn pronoun_units(
    norm: &str,
    cands: &[(usize, char)],
    real: &[Unit],
    ents: &[Ent],
    sents: &[Sentence],
    in_quote: &dyn Fn(usize, usize) -> bool,
) -> Vec<Unit> {
    let mut extra: Vec<Unit> = Vec::new();
    // For every k, the last single-person unit outside quotes among real[..k].
    let mut last_person: Vec<Option<usize>> = Vec::with_capacity(real.len() + 1);
    last_person.push(None);
    for (i, u) in real.iter().enumerate() {
        let prev = last_person[i];
        let is = !u.in_quote && u.ents.len() == 1 && ents[u.ents[0]].person && !u.pronoun;
        last_person.push(if is { Some(i) } else { prev });
    }
    // For every k, the last unit among real[..k] outside quotes naming
    // exactly one state: what 该国 stands for.
    let mut last_state: Vec<Option<usize>> = Vec::with_capacity(real.len() + 1);
    last_state.push(None);
    for (i, u) in real.iter().enumerate() {
        let prev = last_state[i];
        let is = !u.in_quote && u.ents.len() == 1 && ents[u.ents[0]].state && !u.pronoun;
        last_state.push(if is { Some(i) } else { prev });
    }
    // The last pronoun unit standing for two actors.
    let mut last_pair: Option<usize> = None;
    let mut story = Story::default();
    // The candidate characters in text order, from those of `cands` (the
    // one pass over the text [`crate::pairs::PairAbbr::candidates`] made).
    // (The lazily built sets and lists are taken once, not at every
    // character or candidate.)
    let firsts: &CharSet = &FIRSTS;
    let (plurals, state_pronouns): (&[&str], &[&str]) = (&PLURAL_PRONOUNS, &STATE_PRONOUNS);
    let cands = cands.iter().copied().filter(|&(_, c)| firsts.contains(c));
    for (pos, c) in cands {
        let plural = plurals.iter().any(|w| norm[pos..].starts_with(w));
        if in_quote(pos, pos + c.len_utf8()) {
            continue;
        }
        let k = real.partition_point(|u| u.start <= pos);
        if k > 0 && pos < real[k - 1].end {
            continue;
        }
        if SUBJECT_ONLY_PRONOUNS.contains(&c) && !subject_qi(norm, pos) {
            continue;
        }
        if state_pronouns.iter().any(|w| w.starts_with(c)) {
            // 该国: the last state named (outside quotes) in this or the
            // previous sentence.
            if let Some(w) = state_pronouns.iter().find(|w| norm[pos..].starts_with(**w)) {
                let si = sents.partition_point(|s| s.end <= pos);
                let lo = sents
                    .get(si.saturating_sub(1))
                    .map(|s| s.start)
                    .unwrap_or(0);
                if let Some(i) = last_state[ended_by(real, pos)].filter(|&i| real[i].start >= lo) {
                    extra.push(pronoun(pos, w.len(), real[i].ents.clone()));
                }
            }
            continue;
        }
        if PERSON_PRONOUNS.contains(&c) && !plural {
            let prev = norm[..pos].chars().next_back();
            let next = norm[pos + c.len_utf8()..].chars().next();
            if prev.is_some_and(|c| PRONOUN_NOT_AFTER.contains(&c))
                || next.is_some_and(|c| PRONOUN_NOT_BEFORE.contains(&c))
            {
                continue;
            }
            // The last person named outside quotes.
            if let Some(i) = last_person[ended_by(real, pos)] {
                extra.push(pronoun(pos, c.len_utf8(), real[i].ents.clone()));
            }
            continue;
        }
        let Some(w) = PAIR_WORDS.iter().find(|w| norm[pos..].starts_with(**w)) else {
            continue;
        };
        // Part of a compound (中俄两国): already in its unit.
        let e = ended_by(real, pos + w.len());
        if e > 0 && real[e - 1].end == pos + w.len() && real[e - 1].start < pos {
            continue;
        }
        // The last two distinct actors of this or the previous sentence.
        let si = sents.partition_point(|s| s.end <= pos);
        let lo = sents
            .get(si.saturating_sub(1))
            .map(|s| s.start)
            .unwrap_or(0);
        // 两国/双方 after 沙特和伊朗 (within three sentences): that pair.
        if !PEOPLE_PAIR_WORDS.contains(w) {
            let lo3 = sents
                .get(si.saturating_sub(5))
                .map(|s| s.start)
                .unwrap_or(0);
            // Not the pair of this clause (伊拉克和阿曼主持过双方对话).
            let clause_start = norm[..pos]
                .char_indices()
                .rev()
                .find(|&(_, c)| is_clause_break(c))
                .map(|(i, c)| i + c.len_utf8())
                .unwrap_or(0);
            let window = &real[starting_from(real, lo3)
                ..ended_by(real, clause_start).max(starting_from(real, lo3))];
            if let Some(pair) = last_conjoined_pair(norm, window, ents, lo3, clause_start) {
                last_pair = Some(extra.len());
                extra.push(pronoun(pos, w.len(), pair));
                continue;
            }
        }
        // 两人/两位领导人 are two people; 两国/双方 any two actors.
        let people_only = PEOPLE_ONLY_PAIR_WORDS.contains(w);
        // 两人…吹嘘双方…: a second pair word in the clause is the same pair.
        if let Some(prev) = last_pair.map(|i| &extra[i]) {
            if prev.end <= pos
                && nchars(&norm[prev.end..pos]) <= 15
                && !has_break(&norm[prev.end..pos])
            {
                let ents_copy = prev.ents.clone();
                last_pair = Some(extra.len());
                extra.push(pronoun(pos, w.len(), ents_copy));
                continue;
            }
        }
        let from = starting_from(real, lo);
        let window = &real[from..ended_by(real, pos).max(from)];
        let mut picked = last_two(window, ents, people_only);
        if picked.len() < 2 && people_only && !plural {
            // 两国领导人 with one leader named: the two states.
            picked = last_two(window, ents, false);
        }
        // 两国/双方 with no pair nearby: the two states of the story.
        story.advance(real, ents, ended_by(real, pos));
        if picked.len() < 2 && !PEOPLE_ONLY_PAIR_WORDS.contains(w) && !plural {
            picked = story.pair();
        }
        if picked.len() == 2 {
            last_pair = Some(extra.len());
            extra.push(pronoun(pos, w.len(), picked));
        }
    }
    extra
}
