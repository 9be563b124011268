//! The gazetteer's name segments by their first two characters: which
//! people a name printed at some position can be, without trying every
//! holder of a title (a title without its state, `议员` or `部长`, has
//! hundreds of holders).

use std::collections::HashMap;

use crate::Fx;

/// One `·`-segment of a person's full form.
#[derive(Debug)]
pub(crate) struct Segment {
    /// The person (index into the gazetteer's people).
    pub(crate) person: usize,
    /// Where its text is in [`NameHeads`]' text.
    at: u32,
    len: u32,
    /// Whether it is the form's last segment (its surname in `乔·拜登`).
    pub(crate) last: bool,
}

/// Every segment of two or more characters of the people's full forms,
/// keyed by its first two characters; their texts one after another in
/// one string.
#[derive(Debug, Default)]
pub(crate) struct NameHeads {
    by_head: HashMap<[char; 2], Vec<Segment>, Fx>,
    text: String,
}

impl NameHeads {
    /// The index of `full_forms[person]`, one list per person.
    pub(crate) fn new<'a>(full_forms: impl Iterator<Item = &'a [String]>) -> Self {
        let mut by_head: HashMap<[char; 2], Vec<Segment>, Fx> = HashMap::default();
        let mut text = String::new();
        for (person, forms) in full_forms.enumerate() {
            for f in forms {
                let n = dot_segments(f).count();
                for (i, seg) in dot_segments(f).enumerate() {
                    let (Some(head), Ok(at), Ok(len)) = (
                        head(seg),
                        u32::try_from(text.len()),
                        u32::try_from(seg.len()),
                    ) else {
                        continue;
                    };
                    text.push_str(seg);
                    by_head.entry(head).or_default().push(Segment {
                        person,
                        at,
                        len,
                        last: i + 1 == n,
                    });
                }
            }
        }
        NameHeads { by_head, text }
    }

    /// A segment's text.
    pub(crate) fn text(&self, s: &Segment) -> &str {
        let at = s.at as usize;
        &self.text[at..at + s.len as usize]
    }

    /// The segments `text` may begin with: those whose first two
    /// characters are `text`'s (a superset; the caller tests the whole
    /// segment).
    pub(crate) fn starting(&self, text: &str) -> &[Segment] {
        head(text)
            .and_then(|h| self.by_head.get(&h))
            .map_or(&[], Vec::as_slice)
    }

    /// The people (ascending, each once) with a full form whose last
    /// segment is `name`, that is (every full form has a name dot) that
    /// ends with `·` + `name`; `None` when `name` has fewer than two
    /// characters (no such segment is indexed).
    pub(crate) fn last_named(&self, name: &str) -> Option<Vec<usize>> {
        head(name)?;
        let mut people: Vec<usize> = (self.starting(name).iter())
            .filter(|s| s.last && self.text(s) == name)
            .map(|s| s.person)
            .collect();
        people.sort_unstable();
        people.dedup();
        Some(people)
    }
}

/// `f.split('·')` by a byte loop (the name dot U+00B7 is the bytes C2 B7,
/// and in UTF-8 a C2 followed by B7 is always that character): a `str`
/// split sets up a character search for each of the 10,000 forms.
fn dot_segments(f: &str) -> impl Iterator<Item = &str> {
    let b = f.as_bytes();
    let (mut start, mut i, mut done) = (0, 0, false);
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while i + 1 < b.len() {
            if b[i] == 0xC2 && b[i + 1] == 0xB7 {
                let seg = &f[start..i];
                i += 2;
                start = i;
                return Some(seg);
            }
            i += 1;
        }
        done = true;
        Some(&f[start..])
    })
}

/// The first two characters of `s`, when it has two.
fn head(s: &str) -> Option<[char; 2]> {
    let mut cs = s.chars();
    Some([cs.next()?, cs.next()?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_found_by_their_first_two_characters() {
        let forms = [
            vec!["乔·拜登".to_string(), "约瑟夫·罗比内特·拜登".to_string()],
            vec!["拜登堡".to_string()],
            vec!["李".to_string()],
        ];
        let h = NameHeads::new(forms.iter().map(Vec::as_slice));
        let mut got: Vec<(usize, &str, bool)> = h
            .starting("拜登表示")
            .iter()
            .map(|s| (s.person, h.text(s), s.last))
            .collect();
        got.sort();
        assert_eq!(
            got,
            [(0, "拜登", true), (0, "拜登", true), (1, "拜登堡", true)]
        );
        let first: Vec<_> = h.starting("约瑟夫").iter().map(|s| s.last).collect();
        assert_eq!(first, [false]);
        assert!(h.starting("李").is_empty() && h.starting("").is_empty());
        assert!(
            h.starting("乔").is_empty(),
            "one-character segments are not indexed"
        );
    }

    #[test]
    fn last_named_are_the_people_whose_forms_end_with_the_name() {
        let forms = [
            vec!["乔·拜登".to_string(), "约瑟夫·罗比内特·拜登".to_string()],
            vec!["拜登·乔".to_string(), "亨特·拜登堡".to_string()],
            vec!["杰尔·拜登".to_string()],
            vec!["乔·W·李".to_string()],
        ];
        let h = NameHeads::new(forms.iter().map(Vec::as_slice));
        let naive = |name: &str| -> Vec<usize> {
            (0..forms.len())
                .filter(|&p| {
                    forms[p]
                        .iter()
                        .any(|f| f.strip_suffix(name).is_some_and(|h| h.ends_with('·')))
                })
                .collect()
        };
        for name in ["拜登", "拜登堡", "罗比内特", "约瑟夫", "登堡", "乔布斯"] {
            assert_eq!(h.last_named(name), Some(naive(name)), "{name}");
        }
        assert_eq!(h.last_named("拜登"), Some(vec![0, 2]));
        assert_eq!(h.last_named("李"), None, "one character: not indexed");
        assert_eq!(h.last_named(""), None);
    }

    #[test]
    fn segments_split_at_the_name_dot_as_str_split_does() {
        for f in [
            "",
            "·",
            "约翰·史密斯",
            "乔·拜登·二世",
            "·a·",
            "a··b",
            "\u{00C2}\u{00B7}x",
            "无点",
        ] {
            let got: Vec<_> = dot_segments(f).collect();
            assert_eq!(got, f.split('·').collect::<Vec<_>>(), "{f}");
        }
    }
}
