//! The bonus of the containers that may hold the story: their element
//! (`article`, `main`, `[itemprop=articleBody]`) or a word of their class
//! or id that names the story.

use rustc_hash::FxHashSet;

use crate::dom::{Dom, NodeId};
use crate::html;

/// The bonus of the containers: 1.5 for `article`, `main` and
/// `[itemprop=articleBody]` (the candidates the walk found), 1.25 for a
/// `div`, `section` or `td` whose class or id names the story, else 1.
/// Asked only of the elements that hold prose (most boxes of a page
/// never are).
pub(super) struct Bonus<'d, 'a> {
    dom: &'d Dom<'a>,
    firsts: FxHashSet<NodeId>,
}

impl<'d, 'a> Bonus<'d, 'a> {
    pub fn new(dom: &'d Dom<'a>, c: html::Containers) -> Self {
        Bonus {
            dom,
            firsts: c.firsts.into_iter().collect(),
        }
    }

    /// The bonus of the element `n`.
    pub fn of(&self, n: NodeId) -> f64 {
        use html5ever::local_name as name;
        if self.firsts.contains(&n) {
            return 1.5;
        }
        let Some(e) = self.dom.element(n) else {
            return 1.0;
        };
        if !matches!(e.name, name!("div") | name!("section") | name!("td")) {
            return 1.0;
        }
        // The class and the id, each lower-cased (into a buffer on the
        // stack when short) and searched (a word cannot span the two: it
        // has no space).
        let named = ["class", "id"]
            .iter()
            .filter_map(|a| e.attr(a))
            .any(|v| with_lowercase(v.as_bytes(), has_body_word));
        if named {
            1.25
        } else {
            1.0
        }
    }
}

/// Words whose presence in a box's class or id (any case) marks the
/// story's box.
const BODY_WORDS: [&str; 12] = [
    "article",
    "content",
    "post",
    "entry",
    "story",
    "text",
    "detail",
    "body",
    "rich_media",
    "trs_editor",
    "zw",
    "cont",
];

/// `f` of `v` ASCII-lower-cased: copied into a buffer on the stack when
/// short, into a new vector otherwise.
fn with_lowercase(v: &[u8], f: impl Fn(&[u8]) -> bool) -> bool {
    let mut buf = [0u8; 128];
    if v.len() <= buf.len() {
        for (d, c) in buf.iter_mut().zip(v) {
            *d = c.to_ascii_lowercase();
        }
        f(&buf[..v.len()])
    } else {
        f(&v.to_ascii_lowercase())
    }
}

/// Bit `k` of entry `b`: `BODY_WORDS[k]` starts with the byte `b`.
const BODY_WORD_FIRSTS: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut k = 0;
    while k < BODY_WORDS.len() {
        t[BODY_WORDS[k].as_bytes()[0] as usize] |= 1 << k;
        k += 1;
    }
    t
};

/// Whether a lower-cased class or id holds one of [`BODY_WORDS`]: one
/// pass, each byte looked up among the words' first bytes and only the
/// words it starts compared.
fn has_body_word(v: &[u8]) -> bool {
    (0..v.len()).any(|i| {
        let mut m = BODY_WORD_FIRSTS[usize::from(v[i])];
        while m != 0 {
            let k = m.trailing_zeros() as usize;
            m &= m - 1;
            if v[i..].starts_with(BODY_WORDS[k].as_bytes()) {
                return true;
            }
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_words_found_in_one_pass_as_word_by_word() {
        for v in [
            "article-content",
            "main_zw",
            "xcontx",
            "rich_medi",
            "trs_editor",
            "",
            "po st",
            "detailbody",
            "entr y",
            "stor",
            "te xt text",
        ] {
            let want = BODY_WORDS.iter().any(|k| v.contains(k));
            assert_eq!(has_body_word(v.as_bytes()), want, "{v}");
        }
        assert!(BODY_WORDS.len() <= 16 && BODY_WORDS.iter().all(|k| !k.is_empty()));
    }
}
