//! The forms of `time_words.tsv` as a character trie: the forms starting at
//! a position of the text are found in one walk along its characters, one
//! small look-up per character, instead of hashing the text's slice once
//! per candidate form length ([`TimexRules::lookup`]).

use crate::lexicon::{Entry, Kind, Map, TimexRules, FOLD_HI, FOLD_LO};

/// A trie over the forms' characters; node 0 is the root.
#[derive(Debug, Default)]
pub(crate) struct Forms {
    /// Every node's edges (next character, child node), sorted by node then
    /// character: a node's edges are a short run searched in place.
    edges: Vec<(char, u32)>,
    /// Per node: where its run of `edges` starts and ends.
    runs: Vec<(u32, u32)>,
    /// The root's children for the characters `FOLD_LO..FOLD_HI` as a
    /// table (0: none; the root is no one's child): the first step of
    /// every walk, most often the only one.
    root: Vec<u32>,
    /// For the characters `FOLD_LO..FOLD_HI`: the kinds (bit `Kind as
    /// u32`) of the forms starting with the character, so that a look-up
    /// of one kind is answered by a table read where no form of that kind
    /// starts (a reporting verb looked for at every character).
    first_kinds: Vec<u64>,
    /// For the characters `FOLD_LO..FOLD_HI`: whether it is a numeral
    /// (a `digit` or `mult` row).
    numerals: Vec<bool>,
    /// Per node: the entries of the form ending there (empty: no form).
    ends: Vec<Vec<Entry>>,
}

impl Forms {
    /// The trie of `words` (form → its entries, in lexicon order).
    pub(crate) fn new<'a>(
        words: impl Iterator<Item = (&'a [char], &'a Vec<Entry>)>,
        numeral_chars: impl Iterator<Item = char>,
    ) -> Forms {
        let mut numerals = vec![false; (FOLD_HI - FOLD_LO) as usize];
        for c in numeral_chars {
            let u = c as u32;
            if (FOLD_LO..FOLD_HI).contains(&u) {
                numerals[(u - FOLD_LO) as usize] = true;
            }
        }
        let mut child: Map<(u32, char), u32> = Map::default();
        let mut ends = vec![Vec::new()];
        let mut first_kinds = vec![0u64; (FOLD_HI - FOLD_LO) as usize];
        for (form, entries) in words {
            if let Some(&c) = form.first() {
                let u = c as u32;
                if (FOLD_LO..FOLD_HI).contains(&u) {
                    for e in entries {
                        first_kinds[(u - FOLD_LO) as usize] |= kind_bit(e.kind);
                    }
                }
            }
            let mut node = 0u32;
            for &c in form {
                let next = ends.len() as u32;
                node = *child.entry((node, c)).or_insert(next);
                if node == next {
                    ends.push(Vec::new());
                }
            }
            ends[node as usize].clone_from(entries);
        }
        let mut all: Vec<(u32, char, u32)> =
            child.into_iter().map(|((n, c), k)| (n, c, k)).collect();
        all.sort_unstable();
        let mut runs = vec![(0u32, 0u32); ends.len()];
        let mut root = vec![0; (FOLD_HI - FOLD_LO) as usize];
        for (i, &(node, c, k)) in all.iter().enumerate() {
            let run = &mut runs[node as usize];
            if run.0 == run.1 {
                *run = (i as u32, i as u32);
            }
            run.1 += 1;
            let u = c as u32;
            if node == 0 && (FOLD_LO..FOLD_HI).contains(&u) {
                root[(u - FOLD_LO) as usize] = k;
            }
        }
        Forms {
            edges: all.into_iter().map(|(_, c, k)| (c, k)).collect(),
            runs,
            root,
            first_kinds,
            numerals,
            ends,
        }
    }

    /// Whether `c` is a numeral, when it is in `FOLD_LO..FOLD_HI` (else
    /// `None`: ask the maps).
    #[inline]
    pub(crate) fn numeral(&self, c: char) -> Option<bool> {
        let u = c as u32;
        if !(FOLD_LO..FOLD_HI).contains(&u) {
            return None;
        }
        self.numerals.get((u - FOLD_LO) as usize).copied()
    }

    /// Whether a form of `kind` may start with `c` (false only when none does).
    #[inline]
    pub(crate) fn may_start(&self, c: char, kind: Kind) -> bool {
        self.may_start_any(c, kind_bit(kind))
    }

    /// Whether a form of one of the kinds of `mask` ([`kinds_mask`]) may
    /// start with `c` (false only when none does).
    #[inline]
    pub(crate) fn may_start_any(&self, c: char, mask: u64) -> bool {
        let u = c as u32;
        if !(FOLD_LO..FOLD_HI).contains(&u) {
            return true;
        }
        self.first_kinds
            .get((u - FOLD_LO) as usize)
            .is_none_or(|&k| k & mask != 0)
    }

    /// The child of `node` by `c`.
    #[inline]
    fn step(&self, node: u32, c: char) -> Option<u32> {
        let u = c as u32;
        if node == 0 && (FOLD_LO..FOLD_HI).contains(&u) {
            let v = self.root.get((u - FOLD_LO) as usize).copied().unwrap_or(0);
            return (v != 0).then_some(v);
        }
        let &(a, b) = self.runs.get(node as usize)?;
        let run = self.edges.get(a as usize..b as usize)?;
        let k = run.binary_search_by_key(&c, |e| e.0).ok()?;
        Some(run[k].1)
    }
}

impl TimexRules {
    /// Longest form at `i` with an entry accepted by `pred`: (length in
    /// chars, its first such entry).
    pub(crate) fn lookup(
        &self,
        cs: &[char],
        i: usize,
        pred: impl Fn(&Entry) -> bool,
    ) -> Option<(usize, Entry)> {
        // No form starts with this character: the common case, one table read.
        cs.get(i).and_then(|&c| self.first_lens(c))?;
        let mut best = None;
        let mut node = 0u32;
        for (k, &c) in cs[i..].iter().enumerate() {
            let Some(next) = self.forms.step(node, c) else {
                break;
            };
            node = next;
            if let Some(e) = self.forms.ends[node as usize].iter().find(|e| pred(e)) {
                best = Some((k + 1, *e));
            }
        }
        best
    }
}

/// The bit of `kind` in [`Forms::first_kinds`] (fewer than 64 kinds).
const fn kind_bit(kind: Kind) -> u64 {
    1 << (kind as u32 % 64)
}

/// The bits of `kinds` in [`Forms::first_kinds`].
pub(crate) const fn kinds_mask(kinds: &[Kind]) -> u64 {
    let mut m = 0;
    let mut i = 0;
    while i < kinds.len() {
        m |= kind_bit(kinds[i]);
        i += 1;
    }
    m
}
