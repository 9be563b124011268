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
            .filter_map(|a| self.dom.element_attr(e, a))
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

    /// The candidates found by the walk, then boxes named by their class
    /// or id (any case), else 1.
    #[test]
    fn bonus_by_element_then_class_or_id() {
        let dom = Dom::parse_html(
            "<html><body><article class=\"nav\">甲</article>\
             <div class=\"Article-Content\">乙</div><section id=\"mainStory\">丙</section>\
             <div class=\"nav\" id=\"x\">丁</div><span class=\"content\">戊</span>\
             <table><tr><td class=\"zw\">己</td></tr></table></body></html>",
        );
        let (_, c) = html::page_meta_and_containers(&dom);
        let b = Bonus::new(&dom, c);
        let of = |name: &str, k: usize| {
            let n = dom
                .descendants(dom.root())
                .filter(|n| dom.name(*n) == Some(name))
                .nth(k)
                .unwrap();
            b.of(n)
        };
        assert_eq!(of("article", 0), 1.5);
        assert_eq!(of("div", 0), 1.25);
        assert_eq!(of("section", 0), 1.25);
        assert_eq!(of("div", 1), 1.0);
        assert_eq!(of("span", 0), 1.0);
        assert_eq!(of("td", 0), 1.25);
        assert_eq!(of("body", 0), 1.0);
    }

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
