//! The words of the verb patterns found in a text in one pass: the anchors
//! (triggers) and the literals after them that patterns require share one
//! automaton, run once over the whole text; per sentence, the patterns
//! whose required literals all occur in it are known before any trigger is
//! looked at, so a trigger anchoring hundreds of patterns (对, 向, 与) only
//! tries those and the ones that require nothing.

use std::sync::OnceLock;

use daachorse::CharwiseDoubleArrayAhoCorasick;
use rustc_hash::FxHashMap;
use shiju_lexicon::words::{Family, WordList};
use shiju_lexicon::LexiconError;
use shiju_text::automaton::{build_cached, BuildOptions};

use crate::pattern::{Elem, Pattern};

/// Characters around a one-character trigger that make it part of another
/// word (`lexicon/event_words.tsv`, one list per trigger).
static TRIGGER_BAD_PREV: Family = Family::new("event_words.tsv", "trigger_bad_prev");
static TRIGGER_BAD_NEXT: Family = Family::new("event_words.tsv", "trigger_bad_next");
/// Words before 攻击/打击 that make it a verbal attack.
static VERBAL_ATTACK_BEFORE: WordList = WordList::new("event_words.tsv", "verbal_attack_before");

/// No trigger or no literal (in [`Index::words`]).
const NONE: u32 = u32::MAX;

/// Required-literal groups of a pattern tracked per sentence (the first 64;
/// any further ones are checked at the trigger only).
const TRACKED: usize = 64;

/// How a trigger may turn out to be part of another word.
enum Guard {
    /// A word of two or more characters: never.
    None,
    /// 攻击/打击: after a word making it a verbal attack (抹黑攻击).
    Attack,
    /// One character (与, 向, 对…): after or before these characters.
    Chars {
        prev: &'static [char],
        next: &'static [char],
    },
}

impl Guard {
    fn of(trig: &str) -> Guard {
        let mut cs = trig.chars();
        if cs.next().is_some() && cs.next().is_none() {
            return Guard::Chars {
                prev: TRIGGER_BAD_PREV.chars(trig),
                next: TRIGGER_BAD_NEXT.chars(trig),
            };
        }
        if matches!(trig, "攻击" | "打击") {
            Guard::Attack
        } else {
            Guard::None
        }
    }
}

/// The trigger and required-literal index of the verb patterns.
pub(crate) struct Index {
    /// Automaton over every trigger and required literal (value: index
    /// into `words`).
    ac: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// Per automaton value: (trigger id, literal id), [`NONE`] for a word
    /// that is not one, the bits of the sentence-blocking lists it is in
    /// ([`crate::filters::block_words`], 0 for none), its index among
    /// the stance words ([`NONE`] for none), and whether it is one of the
    /// characters [`Found::chars`] lists.
    words: Vec<Word>,
    /// Trigger id → its form.
    forms: Vec<String>,
    /// Trigger id → the patterns anchored on it, in pattern order.
    pub(crate) by_trigger: Vec<Vec<usize>>,
    /// Trigger id → those of its patterns that require no literal.
    free: Vec<Vec<usize>>,
    /// Pattern → the trigger ids of its anchor's alternatives.
    anchors: Vec<Vec<u32>>,
    /// Pattern → the literals after the anchor that are not optional and
    /// have no one-character alternative, each as the ids of its
    /// alternatives.
    required: Vec<Vec<Vec<u32>>>,
    /// Pattern → the bits of its tracked groups.
    full: Vec<u64>,
    /// Literal id → (anchor class, pattern, group) of every group it is an
    /// alternative of: a sentence marks only the groups of the patterns
    /// its triggers anchor (most postings are of other triggers').
    posts: Vec<Vec<(u32, u32, u8)>>,
    /// Trigger id → the anchor classes of two or more triggers it is in.
    /// (A pattern's anchor class stands for its set of anchor triggers:
    /// the trigger id itself for one trigger, a number from `forms.len()`
    /// on, given once per set, for more.)
    classes: Vec<Vec<u32>>,
    /// Number of anchor classes (trigger ids included).
    class_count: usize,
    /// Trigger id → its guard, made on first use (after the word lists).
    guards: OnceLock<Vec<Guard>>,
}

/// What the automaton knows of one of its words: (trigger id, literal id,
/// block bits, stance index, one of the listed characters).
type Word = (u32, u32, u32, u32, bool);

/// A word that is none of the kinds yet.
const NO_WORD: Word = (NONE, NONE, 0, NONE, false);

/// Bytes of text per entry reserved for the triggers and the literals
/// [`Index::scan`] finds.
const SCAN_BYTES_PER_HIT: usize = 12;
/// Bytes of text per entry reserved for its other lists.
const SCAN_BYTES_PER_RARE: usize = 32;

/// The pattern words of a text: triggers (start, end, trigger id) and
/// required literals (start, end, literal id), each sorted by start; the
/// sentence-blocking words (start, end, list bits), for
/// [`crate::filters::sentence_block_in`]; every occurrence of a
/// stance word (start, end, its index), overlapping ones too, sorted by
/// start then end, for [`crate::stance::Lexicon::hits_in`]; and every
/// occurrence of the characters the index was built to list (those
/// opening a pair or a pronoun unit), with its start, in text order, for
/// [`crate::actors::Units::build`].
pub(crate) struct Found {
    pub(crate) hits: Vec<(usize, usize, usize)>,
    lits: Vec<(usize, usize, u32)>,
    pub(crate) blocks: Vec<(usize, usize, u32)>,
    pub(crate) stance: Vec<(usize, usize, u32)>,
    pub(crate) chars: Vec<(usize, char)>,
}

fn lexicon_error(e: impl ToString) -> LexiconError {
    LexiconError::Format {
        file: "lexicon/verbs.tsv".into(),
        line: 0,
        msg: e.to_string(),
    }
}

impl Index {
    /// The index of `patterns`, finding `stance` words too (each by its
    /// place in the list; empty ones are left out) and the characters
    /// `chars`.
    pub(crate) fn build(
        patterns: &[Pattern],
        stance: &[&str],
        chars: &[char],
    ) -> Result<Index, LexiconError> {
        let block_words = crate::filters::block_words();
        let char_words: Vec<String> = chars.iter().map(|c| c.to_string()).collect();
        // Word → what it is.
        let mut ids: FxHashMap<&str, Word> = FxHashMap::default();
        // (Room for about one trigger per pattern; a new trigger's list
        // is made with its first pattern.)
        let mut forms: Vec<String> = Vec::with_capacity(patterns.len());
        let mut by_trigger: Vec<Vec<usize>> = Vec::with_capacity(patterns.len());
        let mut anchors: Vec<Vec<u32>> = Vec::with_capacity(patterns.len());
        for (i, p) in patterns.iter().enumerate() {
            let mut mine = Vec::new();
            if let Elem::Lit(alts) = &p.elems[p.anchor] {
                mine.reserve_exact(alts.len());
                for a in alts {
                    let e = ids.entry(a.as_str()).or_insert(NO_WORD);
                    if e.0 == NONE {
                        e.0 = forms.len() as u32;
                        forms.push(a.to_string());
                        by_trigger.push(vec![i]);
                    } else {
                        by_trigger[e.0 as usize].push(i);
                    }
                    mine.push(e.0);
                }
            }
            anchors.push(mine);
        }
        let mut lit_count = 0u32;
        let required: Vec<Vec<Vec<u32>>> = patterns
            .iter()
            .map(|p| {
                p.elems[p.anchor + 1..]
                    .iter()
                    // Literals with a one-character alternative (的, 在, 向…)
                    // occur in almost every sentence: not worth tracking.
                    .filter_map(|e| match e {
                        Elem::Lit(alts) if alts.iter().all(|a| a.chars().nth(1).is_some()) => Some(
                            alts.iter()
                                .map(|a| {
                                    let e = ids.entry(a.as_str()).or_insert(NO_WORD);
                                    if e.1 == NONE {
                                        e.1 = lit_count;
                                        lit_count += 1;
                                    }
                                    e.1
                                })
                                .collect(),
                        ),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        // Patterns with the same anchor triggers share a class.
        let mut class_ids: FxHashMap<&[u32], u32> = FxHashMap::default();
        let mut classes: Vec<Vec<u32>> = vec![Vec::new(); forms.len()];
        let mut class_count = forms.len();
        let class_of: Vec<u32> = anchors
            .iter()
            .map(|a| match a.as_slice() {
                &[t] => t,
                // (No anchor: no trigger, never a candidate.)
                [] => NONE,
                _ => *class_ids.entry(a.as_slice()).or_insert_with(|| {
                    let n = class_count as u32;
                    class_count += 1;
                    for &t in a {
                        classes[t as usize].push(n);
                    }
                    n
                }),
            })
            .collect();
        // (Each literal's list sized for its postings first.)
        let mut sizes = vec![0usize; lit_count as usize];
        for groups in &required {
            for alts in groups.iter().take(TRACKED) {
                for &l in alts {
                    sizes[l as usize] += 1;
                }
            }
        }
        let mut posts: Vec<Vec<(u32, u32, u8)>> =
            sizes.into_iter().map(Vec::with_capacity).collect();
        let mut full = Vec::with_capacity(patterns.len());
        for (pi, groups) in required.iter().enumerate() {
            let mut bits = 0u64;
            for (g, alts) in groups.iter().enumerate().take(TRACKED) {
                bits |= 1 << g;
                for &l in alts {
                    posts[l as usize].push((class_of[pi], pi as u32, g as u8));
                }
            }
            full.push(bits);
        }
        let free = by_trigger
            .iter()
            .map(|ps| ps.iter().copied().filter(|&pi| full[pi] == 0).collect())
            .collect();
        for (w, bits) in &block_words {
            ids.entry(w.as_str()).or_insert(NO_WORD).2 |= bits;
        }
        for (i, w) in stance.iter().enumerate().filter(|(_, w)| !w.is_empty()) {
            ids.entry(w).or_insert(NO_WORD).3 = i as u32;
        }
        for w in &char_words {
            ids.entry(w).or_insert(NO_WORD).4 = true;
        }
        let mut words: Vec<Word> = Vec::with_capacity(ids.len());
        let mut values: Vec<(&str, u32)> = Vec::with_capacity(ids.len());
        for (w, v) in ids {
            values.push((w, words.len() as u32));
            words.push(v);
        }
        let ac = if values.is_empty() {
            None
        } else {
            // (No prefilter: Chinese text is a candidate at every character, and
            // building one reads a 64K table.)
            Some(
                build_cached("event-words", BuildOptions::STANDARD_NO_PREFILTER, values)
                    .map_err(lexicon_error)?,
            )
        };
        Ok(Index {
            ac,
            words,
            forms,
            by_trigger,
            free,
            anchors,
            required,
            full,
            posts,
            classes,
            class_count,
            guards: OnceLock::new(),
        })
    }

    /// Number of literal ids.
    fn lit_count(&self) -> usize {
        self.posts.len()
    }

    /// Every trigger, required literal, sentence-blocking word, stance
    /// word and listed character of `norm`, in one pass.
    pub(crate) fn scan(&self, norm: &str) -> Found {
        // Sized from the text's length (generously: news runs to one trigger and
        // one literal per 25 bytes or fewer, fewer of the rest): most lists are
        // allocated once, not grown from four entries by doubling.
        let mut hits = Vec::with_capacity(norm.len() / SCAN_BYTES_PER_HIT);
        let mut lits = Vec::with_capacity(norm.len() / SCAN_BYTES_PER_HIT);
        let mut blocks = Vec::with_capacity(norm.len() / SCAN_BYTES_PER_RARE);
        let mut stance = Vec::with_capacity(norm.len() / SCAN_BYTES_PER_RARE);
        let mut chars = Vec::with_capacity(norm.len() / SCAN_BYTES_PER_RARE);
        if let Some(ac) = &self.ac {
            for m in ac.find_overlapping_iter(norm) {
                let Some(&(t, l, b, w, c)) = self.words.get(m.value() as usize) else {
                    continue;
                };
                if t != NONE {
                    hits.push((m.start(), m.end(), t as usize));
                }
                if l != NONE {
                    lits.push((m.start(), m.end(), l));
                }
                if b != 0 {
                    blocks.push((m.start(), m.end(), b));
                }
                if w != NONE {
                    stance.push((m.start(), m.end(), w));
                }
                if c {
                    // (A one-character word: matches come in text order.)
                    if let Some(ch) = norm[m.start()..].chars().next() {
                        chars.push((m.start(), ch));
                    }
                }
            }
        }
        hits.sort_unstable();
        lits.sort_unstable();
        blocks.sort_unstable();
        stance.sort_unstable();
        Found {
            hits,
            lits,
            blocks,
            stance,
            chars,
        }
    }

    /// Whether the trigger `tid` at `hs..he` is the word the patterns mean,
    /// not part of another one (参与, 方向, 反对, 同意…; 抹黑攻击).
    /// `name_follows`: a name begins right after the trigger (对立陶宛 is
    /// 对 + 立陶宛, not 对立), so the next character does not make a word
    /// with it.
    pub(crate) fn anchor_fits(
        &self,
        tid: usize,
        norm: &str,
        hs: usize,
        he: usize,
        name_follows: bool,
    ) -> bool {
        let guards = self
            .guards
            .get_or_init(|| self.forms.iter().map(|f| Guard::of(f)).collect());
        match guards.get(tid) {
            None | Some(Guard::None) => true,
            Some(Guard::Attack) => {
                // 抹黑攻击, 人身攻击: verbal attacks.
                let before = &norm[..hs];
                let from = before
                    .char_indices()
                    .rev()
                    .nth(1)
                    .or_else(|| before.char_indices().next())
                    .map_or(hs, |(i, _)| i);
                !VERBAL_ATTACK_BEFORE.contains(&&norm[from..hs])
            }
            Some(Guard::Chars { prev, next }) => {
                let p = norm[..hs].chars().next_back();
                let n = norm[he..].chars().next();
                !(p.is_some_and(|c| prev.contains(&c))
                    || (!name_follows && n.is_some_and(|c| next.contains(&c))))
            }
        }
    }

    /// Whether the literals pattern `pi` requires after its trigger all
    /// start at or after `he` in the sentence `lits` marked (at once when
    /// no literal at all does).
    pub(crate) fn literals_follow(&self, pi: usize, lits: &LitsSeen, he: usize) -> bool {
        let required = &self.required[pi];
        required.is_empty()
            || (lits.any_at_or_after(he)
                && required
                    .iter()
                    .all(|alts| alts.iter().any(|&l| lits.starts_at_or_after(l, he))))
    }
}

/// The tables of [`LitsSeen`] and their last stamp.
type Tables = (u32, Vec<(u32, u32)>, Vec<(u32, u64)>, Vec<u32>);

thread_local! {
    /// The tables of [`LitsSeen`] and their last stamp, kept between the
    /// documents a thread codes: a table has an entry per literal or
    /// pattern of the lexicon (thousands), and zeroing new ones for every
    /// document cost more than marking its sentences.
    static LITS_TABLE: std::cell::Cell<Tables> = const {
        std::cell::Cell::new((0, Vec::new(), Vec::new(), Vec::new()))
    };
}

/// The last start of every required literal in the current sentence, and
/// the patterns whose required literals all occur in it.
pub(crate) struct LitsSeen {
    /// Per literal id: (sentence stamp, last start); only entries with the
    /// current stamp count. Taken from (and given back to) [`LITS_TABLE`].
    last: Vec<(u32, u32)>,
    /// Per pattern: (sentence stamp, bits of its groups that occur).
    groups: Vec<(u32, u64)>,
    /// Per anchor class: the stamp of the last sentence with one of its
    /// triggers.
    present: Vec<u32>,
    stamp: u32,
    /// The last start of any literal in the marked sentence (None: none).
    any_last: Option<u32>,
    /// Patterns with a group occurring in the marked sentence.
    touched: Vec<u32>,
    /// Those with all their tracked groups occurring, in pattern order.
    complete: Vec<usize>,
}

impl LitsSeen {
    pub(crate) fn new() -> Self {
        let (mut stamp, last, groups, present) = LITS_TABLE.with(|t| t.take());
        if stamp == u32::MAX {
            stamp = 0;
        }
        // A stamp no entry has: nothing of the thread's previous document
        // counts before this one's first mark.
        LitsSeen {
            last,
            groups,
            present,
            stamp: stamp + 1,
            any_last: None,
            touched: Vec::new(),
            complete: Vec::new(),
        }
    }

    /// Records the required literals of `found` occurring in `a..b`, and
    /// the groups they are of in the patterns anchored on the triggers of
    /// `hits` (the sentence's: only those are asked for [`Self::candidates`]).
    pub(crate) fn mark(
        &mut self,
        index: &Index,
        found: &Found,
        (a, b): (usize, usize),
        hits: &[(usize, usize, usize)],
    ) {
        if self.last.len() != index.lit_count()
            || self.groups.len() != index.full.len()
            || self.present.len() != index.class_count
            || self.stamp == u32::MAX
        {
            // The first sentence with a trigger on this thread (or stamps
            // used up): every entry starts stale.
            self.last = vec![(0, 0); index.lit_count()];
            self.groups = vec![(0, 0); index.full.len()];
            self.present = vec![0; index.class_count];
            self.stamp = 0;
        }
        self.stamp += 1;
        for h in hits {
            let Some(cs) = index.classes.get(h.2) else {
                continue;
            };
            self.present[h.2] = self.stamp;
            for &c in cs {
                self.present[c as usize] = self.stamp;
            }
        }
        self.any_last = None;
        self.touched.clear();
        self.complete.clear();
        let from = found.lits.partition_point(|l| l.0 < a);
        for &(s, e, id) in found.lits[from..].iter().take_while(|l| l.0 < b) {
            if e > b {
                continue;
            }
            let Some(x) = self.last.get_mut(id as usize) else {
                continue;
            };
            // Byte offsets of a body (at most a few MB) fit in u32.
            let start = u32::try_from(s).unwrap_or(u32::MAX);
            self.any_last = self.any_last.max(Some(start));
            let again = x.0 == self.stamp;
            if !again || x.1 < start {
                *x = (self.stamp, start);
            }
            if again {
                // Its groups are marked already (a word the sentence
                // repeats: 与, 和…).
                continue;
            }
            for &(c, pi, g) in &index.posts[id as usize] {
                if self.present.get(c as usize) != Some(&self.stamp) {
                    continue;
                }
                let y = &mut self.groups[pi as usize];
                if y.0 != self.stamp {
                    *y = (self.stamp, 0);
                    self.touched.push(pi);
                }
                y.1 |= 1 << g;
            }
        }
        for &pi in &self.touched {
            let pi = pi as usize;
            if self.groups[pi].1 == index.full[pi] {
                self.complete.push(pi);
            }
        }
        self.complete.sort_unstable();
    }

    /// The patterns anchored on trigger `tid` (one of the marked sentence's)
    /// worth matching in the marked sentence, in pattern order: those requiring no literal, and those
    /// whose required literals all occur in it (the trigger still has to
    /// have them after it: [`Index::literals_follow`]).
    pub(crate) fn candidates(&self, index: &Index, tid: usize, out: &mut Vec<usize>) {
        out.clear();
        let all = &index.by_trigger[tid];
        if all.len() <= self.complete.len() {
            // Fewer patterns on the trigger than complete ones: test each.
            out.extend(all.iter().copied().filter(|&pi| {
                let (stamp, bits) = self.groups[pi];
                index.full[pi] == 0 || (stamp == self.stamp && bits == index.full[pi])
            }));
            return;
        }
        let free = &index.free[tid];
        let mut i = 0;
        for &pi in &self.complete {
            if !index.anchors[pi].contains(&(tid as u32)) {
                continue;
            }
            while i < free.len() && free[i] < pi {
                out.push(free[i]);
                i += 1;
            }
            out.push(pi);
        }
        out.extend_from_slice(&free[i..]);
    }

    /// Whether any literal starts at or after `pos` in the marked sentence
    /// (else no pattern with a required literal can match there).
    pub(crate) fn any_at_or_after(&self, pos: usize) -> bool {
        self.any_last.is_some_and(|s| s as usize >= pos)
    }

    /// Whether literal `id` starts at or after `pos` in the marked sentence.
    pub(crate) fn starts_at_or_after(&self, id: u32, pos: usize) -> bool {
        self.last
            .get(id as usize)
            .is_some_and(|&(st, start)| st == self.stamp && start as usize >= pos)
    }
}

impl Drop for LitsSeen {
    fn drop(&mut self) {
        let last = std::mem::take(&mut self.last);
        let groups = std::mem::take(&mut self.groups);
        let present = std::mem::take(&mut self.present);
        LITS_TABLE.with(|t| t.set((self.stamp, last, groups, present)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::{parse, Flags};

    fn index(srcs: &[&str]) -> (Vec<Pattern>, Index) {
        let ps: Vec<Pattern> = srcs
            .iter()
            .map(|s| parse(s, "040", Flags::default()).unwrap())
            .collect();
        let ix = Index::build(&ps, &[], &[]).unwrap();
        (ps, ix)
    }

    #[test]
    fn one_pass_finds_triggers_and_literals() {
        // 会谈 is the trigger of the second pattern and a required literal
        // of the first: one word of the automaton, both ids.
        let (_, ix) = index(&["{S}与{T}*(会谈|会晤)", "{S}会谈{T}", "{S}访问{T}"]);
        let text = "中方与美方举行会谈。";
        let f = ix.scan(text);
        let trig: Vec<&str> = f.hits.iter().map(|h| &text[h.0..h.1]).collect();
        assert_eq!(trig, ["与", "会谈"]);
        let lits: Vec<&str> = f.lits.iter().map(|l| &text[l.0..l.1]).collect();
        assert_eq!(lits, ["会谈"]);
    }

    #[test]
    fn listed_characters_in_text_order() {
        // 中 opens a trigger too (中止) and 他 is a word of no pattern: each
        // occurrence is listed, inside longer words as well, in text order.
        let ps: Vec<Pattern> = ["{S}中止{T}", "{S}访问{T}"]
            .iter()
            .map(|s| parse(s, "040", Flags::default()).unwrap())
            .collect();
        let ix = Index::build(&ps, &[], &['中', '他', '美']).unwrap();
        let text = "中方中止与美国的谈判，他说美中两国会访问。他";
        let want: Vec<(usize, char)> = text
            .char_indices()
            .filter(|&(_, c)| matches!(c, '中' | '他' | '美'))
            .collect();
        let f = ix.scan(text);
        assert_eq!(f.chars, want);
        let trig: Vec<&str> = f.hits.iter().map(|h| &text[h.0..h.1]).collect();
        assert_eq!(trig, ["中止", "访问"]);
    }

    #[test]
    fn candidates_need_every_group_in_the_sentence() {
        let (_, ix) = index(&[
            "{S}与{T}*(会谈|会晤)*声明",
            "{S}与{T}*(会谈|会晤)",
            "{S}与{T}",
            "{S}访问{T}",
        ]);
        let yu = ix.hits_tid("与");
        let text = "中方与美方会晤。中方与美方会晤并发表声明。中方与美方通话。";
        let f = ix.scan(text);
        let mut seen = LitsSeen::new();
        let mut out = Vec::new();
        let ends: Vec<usize> = text.match_indices('。').map(|(i, _)| i + 3).collect();
        let sents = [(0, ends[0]), (ends[0], ends[1]), (ends[1], ends[2])];
        let want: [&[usize]; 3] = [&[1, 2], &[0, 1, 2], &[2]];
        for (&(a, b), want) in sents.iter().zip(want) {
            seen.mark(&ix, &f, (a, b), &f.hits);
            seen.candidates(&ix, yu, &mut out);
            assert_eq!(out, want, "{}", &text[a..b]);
        }
        // The exact check: 声明 must start after the trigger.
        let (a, b) = sents[1];
        seen.mark(&ix, &f, (a, b), &f.hits);
        let yu_end = a + text[a..].find('与').unwrap() + 3;
        let sm = a + text[a..].find("声明").unwrap();
        assert!(ix.literals_follow(0, &seen, yu_end));
        assert!(!ix.literals_follow(0, &seen, sm + 3));
        assert!(ix.literals_follow(2, &seen, sm + 3));
    }

    #[test]
    fn a_sentence_marks_the_patterns_of_its_triggers() {
        // 同 and 和 anchor the second pattern together (one class); 与 and
        // 访问 do not occur: their patterns are not marked.
        let (_, ix) = index(&["{S}与{T}*会谈", "{S}(同|和){T}*会谈", "{S}访问{T}*会谈"]);
        let tong = ix.hits_tid("同");
        let he = ix.hits_tid("和");
        let mut seen = LitsSeen::new();
        let mut out = Vec::new();
        for text in ["中方同美方会谈。", "中方和美方会谈。"] {
            let f = ix.scan(text);
            seen.mark(&ix, &f, (0, text.len()), &f.hits);
            assert_eq!(seen.complete, [1], "{text}");
            for t in [tong, he] {
                seen.candidates(&ix, t, &mut out);
                assert_eq!(out, [1], "{text}");
            }
        }
    }

    #[test]
    fn a_literal_repeated_in_a_sentence_marks_its_last_start() {
        let (_, ix) = index(&["{S}与{T}*(会谈|会晤)*声明", "{S}与{T}*(会谈|会晤)"]);
        let yu = ix.hits_tid("与");
        let text = "中方与美方会晤，与日方会晤并发表声明。";
        let f = ix.scan(text);
        let mut seen = LitsSeen::new();
        let mut out = Vec::new();
        seen.mark(&ix, &f, (0, text.len()), &f.hits);
        seen.candidates(&ix, yu, &mut out);
        assert_eq!(out, [0, 1]);
        let second = text.rfind("会晤").unwrap();
        assert!(ix.literals_follow(1, &seen, second));
        assert!(!ix.literals_follow(1, &seen, second + 3));
    }

    #[test]
    fn one_character_triggers_inside_words() {
        let (_, ix) = index(&["{S}对{T}*(批评|谴责)", "{S}*攻击{T}"]);
        let dui = ix.hits_tid("对");
        let text = "中方反对美方";
        let at = text.find('对').unwrap();
        // 反对 is a word of its own (when the lexicon lists 反 before 对).
        let bad = TRIGGER_BAD_PREV.chars("对").contains(&'反');
        assert_eq!(ix.anchor_fits(dui, text, at, at + 3, false), !bad);
        let gj = ix.hits_tid("攻击");
        assert!(ix.anchor_fits(gj, "俄军攻击乌军", 6, 12, false));
    }

    impl Index {
        fn hits_tid(&self, form: &str) -> usize {
            self.forms.iter().position(|f| f == form).unwrap()
        }
    }
}
