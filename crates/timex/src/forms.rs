//! The forms of `time_words.tsv` as a character trie: the forms starting at
//! a position of the text are found in one walk along its characters, one
//! small look-up per character, instead of hashing the text's slice once
//! per candidate form length ([`TimexRules::lookup`]).

use crate::lexicon::{Entry, Map, TimexRules};

/// A trie over the forms' characters; node 0 is the root.
#[derive(Debug, Default)]
pub(crate) struct Forms {
    /// (node, next character) → child node.
    child: Map<(u32, char), u32>,
    /// Per node: the entries of the form ending there (empty: no form).
    ends: Vec<Vec<Entry>>,
}

impl Forms {
    /// The trie of `words` (form → its entries, in lexicon order).
    pub(crate) fn new<'a>(words: impl Iterator<Item = (&'a [char], &'a Vec<Entry>)>) -> Forms {
        let mut f = Forms {
            child: Map::default(),
            ends: vec![Vec::new()],
        };
        for (form, entries) in words {
            let mut node = 0u32;
            for &c in form {
                let next = f.ends.len() as u32;
                node = *f.child.entry((node, c)).or_insert(next);
                if node == next {
                    f.ends.push(Vec::new());
                }
            }
            f.ends[node as usize].clone_from(entries);
        }
        f
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
            let Some(&next) = self.forms.child.get(&(node, c)) else {
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
