//! Searchers for two or three bytes that the lexer (`lex.rs`) asks for
//! at every attribute value and text: made once per page, so that each
//! search goes straight to the vector routine rather than through
//! `memchr2`'s dispatch and the making of its searcher (a third of the
//! cost of a search that ends a few dozen bytes on). Where the CPU has no
//! AVX2 (or off x86-64) they are `memchr2` and `memchr3`.

#[cfg(target_arch = "x86_64")]
use memchr::arch::x86_64::avx2::memchr::{Three as Vec3, Two as Vec2};

/// A search for the first of two bytes.
pub(super) struct Two {
    #[cfg(target_arch = "x86_64")]
    vec: Option<Vec2>,
    n1: u8,
    n2: u8,
}

impl Two {
    pub(super) fn new(n1: u8, n2: u8) -> Self {
        Two {
            #[cfg(target_arch = "x86_64")]
            vec: Vec2::new(n1, n2),
            n1,
            n2,
        }
    }

    /// Where in `h` the first of the two bytes is.
    #[inline(always)]
    pub(super) fn find(&self, h: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(v) = &self.vec {
            return v.find(h);
        }
        memchr::memchr2(self.n1, self.n2, h)
    }
}

/// A search for the first of three bytes.
pub(super) struct Three {
    #[cfg(target_arch = "x86_64")]
    vec: Option<Vec3>,
    n1: u8,
    n2: u8,
    n3: u8,
}

impl Three {
    pub(super) fn new(n1: u8, n2: u8, n3: u8) -> Self {
        Three {
            #[cfg(target_arch = "x86_64")]
            vec: Vec3::new(n1, n2, n3),
            n1,
            n2,
            n3,
        }
    }

    /// Where in `h` the first of the three bytes is.
    #[inline(always)]
    pub(super) fn find(&self, h: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(v) = &self.vec {
            return v.find(h);
        }
        memchr::memchr3(self.n1, self.n2, self.n3, h)
    }
}

/// The searches of the lexer: the end of a text (`<` or `&`), and the
/// end of a value quoted by `"` or `'` (with `<`, where a cut may start,
/// and `&` for a value that is kept).
pub(super) struct Seek {
    pub text: Two,
    /// By quote: `"`, then `'`.
    pub value: [Two; 2],
    pub kept_value: [Three; 2],
}

impl Seek {
    pub(super) fn new() -> Self {
        Seek {
            text: Two::new(b'<', b'&'),
            value: [Two::new(b'"', b'<'), Two::new(b'\'', b'<')],
            kept_value: [Three::new(b'"', b'&', b'<'), Three::new(b'\'', b'&', b'<')],
        }
    }

    /// The slot of the quote `q` (`"` or `'`) in `value` and `kept_value`.
    #[inline(always)]
    pub(super) fn slot(q: u8) -> usize {
        usize::from(q == b'\'')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_of_the_bytes_as_memchr_does() {
        let seek = Seek::new();
        // Haystacks shorter and longer than a vector, hits at each place.
        for len in [0, 1, 7, 15, 16, 31, 32, 33, 63, 64, 65, 130] {
            for at in 0..=len {
                for c in [b'<', b'&', b'"', b'\'', b'a'] {
                    let mut h = vec![b'x'; len];
                    if at < len {
                        h[at] = c;
                    }
                    assert_eq!(seek.text.find(&h), memchr::memchr2(b'<', b'&', &h));
                    for (k, q) in [b'"', b'\''].into_iter().enumerate() {
                        assert_eq!(Seek::slot(q), k);
                        assert_eq!(seek.value[k].find(&h), memchr::memchr2(q, b'<', &h));
                        assert_eq!(
                            seek.kept_value[k].find(&h),
                            memchr::memchr3(q, b'&', b'<', &h)
                        );
                    }
                }
            }
        }
    }
}
