//! Short words compared against a text, the word's last byte first: the
//! stages check lists of a few dozen words at many places of a text, and
//! one byte rules most of them out without a call to compare them whole or
//! a searcher built for each word.

/// Whether `s` begins with `w` (`s` may start anywhere, not only at a
/// character boundary).
#[inline]
pub fn begins_with(s: &[u8], w: &[u8]) -> bool {
    match w.last() {
        None => true,
        Some(&l) => s.get(w.len() - 1) == Some(&l) && s.starts_with(w),
    }
}

/// `s.starts_with(w)`.
#[inline]
pub fn starts_in(s: &str, w: &str) -> bool {
    begins_with(s.as_bytes(), w.as_bytes())
}

/// `s.ends_with(w)`.
#[inline]
pub fn ends_in(s: &str, w: &str) -> bool {
    let (s, w) = (s.as_bytes(), w.as_bytes());
    match w.last() {
        None => true,
        Some(l) => s.last() == Some(l) && s.ends_with(w),
    }
}

/// `hay.find(w)` for a short `hay` (a name, a head of a few characters).
pub fn find_short(hay: &str, w: &str) -> Option<usize> {
    let h = hay.as_bytes();
    (0..=h.len().checked_sub(w.len())?).find(|&i| begins_with(&h[i..], w.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_short_is_find() {
        for hay in ["国家安全委员会办公室", "霍普金斯大学", "大学", "", "a委员"]
        {
            for w in [
                "委员会",
                "办公室",
                "大学",
                "会",
                "",
                "委员会办公室主任",
                "员",
            ] {
                assert_eq!(find_short(hay, w), hay.find(w), "{hay} {w}");
            }
        }
    }

    #[test]
    fn begins_with_is_starts_with() {
        let s = "欧阳明说".as_bytes();
        for w in ["欧阳", "欧", "欧阴", "欧阳明说了", "", "阳"] {
            assert_eq!(
                begins_with(s, w.as_bytes()),
                s.starts_with(w.as_bytes()),
                "{w}"
            );
        }
        // From inside a character, as a byte comparison.
        assert!(begins_with(&s[1..], &"欧".as_bytes()[1..]));
    }

    #[test]
    fn ends_in_is_ends_with() {
        for s in ["他会见了", "了", "", "访问"] {
            for w in ["会见了", "见了", "了", "", "问", "会见了他"] {
                assert_eq!(ends_in(s, w), s.ends_with(w), "{s} {w}");
            }
        }
    }

    #[test]
    fn starts_in_is_starts_with() {
        for s in ["两国军人", "两国", "", "双方"] {
            for w in ["两国", "两", "国", "", "两国军人们", "双方"] {
                assert_eq!(starts_in(s, w), s.starts_with(w), "{s} {w}");
            }
        }
    }
}
