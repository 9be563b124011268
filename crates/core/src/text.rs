//! [`Text`]: an original string, its normalised form, and the map between
//! them, so that every stage can work on normalised text (simplified script,
//! half-width forms, standard transliterations) and still report spans of the
//! original text as printed.

use std::sync::OnceLock;

/// One piece of the normalised text and the piece of the original it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    norm_start: usize,
    orig_start: usize,
    norm_len: usize,
    orig_len: usize,
    /// Offsets inside map one to one: copied unchanged, or characters each
    /// replaced by one of as many bytes ([`TextBuilder::replaced_char`]).
    same: bool,
}

/// Original text, normalised text and the offset map between them.
#[derive(Debug, Clone)]
pub struct Text {
    /// The text as printed (after decoding and markup removal).
    pub original: String,
    /// The normalised text stages match against.
    pub norm: String,
    segs: Vec<Seg>,
    /// The characters of `norm`, decoded on first use ([`Text::chars`]).
    chars: OnceLock<NormChars>,
}

/// Two texts are equal when their strings and maps are (whether their
/// characters were decoded yet does not count).
impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.original == other.original && self.norm == other.norm && self.segs == other.segs
    }
}

impl Eq for Text {}

/// The characters of a [`Text::norm`] and the byte offset of each: decoded
/// once per text for the stages that read it a character at a time (timex
/// folds them, entities and events pick out the characters of their sets).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NormChars {
    /// The characters, in order.
    pub cs: Vec<char>,
    /// The byte offset of each character, then the text's length.
    pub off: Vec<usize>,
}

impl NormChars {
    /// The characters of `s` with their offsets.
    pub fn new(s: &str) -> NormChars {
        // Sized once and filled in place (no push, no growth).
        let n = s.chars().count();
        let mut cs = vec!['\0'; n];
        let mut off = vec![s.len(); n + 1];
        for ((i, c), (fc, o)) in s.char_indices().zip(cs.iter_mut().zip(off.iter_mut())) {
            *fc = c;
            *o = i;
        }
        NormChars { cs, off }
    }

    /// The characters `keep` accepts with their byte offsets, in order.
    pub fn positions(&self, mut keep: impl FnMut(char) -> bool) -> Vec<(usize, char)> {
        (self.cs.iter().zip(&self.off))
            .filter(|&(&c, _)| keep(c))
            .map(|(&c, &o)| (o, c))
            .collect()
    }
}

impl Text {
    /// The characters of [`Text::norm`] with their byte offsets, decoded
    /// on the first call (`norm` is not changed after the text is built).
    pub fn chars(&self) -> &NormChars {
        self.chars.get_or_init(|| NormChars::new(&self.norm))
    }

    /// A text whose normalised form is the original itself.
    pub fn identity(original: &str) -> Text {
        let mut b = TextBuilder::new();
        b.same(original);
        b.finish()
    }

    /// Maps a byte span of [`Text::norm`] to the byte span of [`Text::original`]
    /// it was produced from. A span that starts or ends inside a replaced
    /// piece is widened to the whole piece.
    pub fn orig_span(&self, norm_start: usize, norm_end: usize) -> (usize, usize) {
        let s = self.map_pos(norm_start, false);
        let e = self.map_pos(norm_end, true);
        (s, e.max(s))
    }

    /// The original text behind a byte span of the normalised text.
    pub fn orig_str(&self, norm_start: usize, norm_end: usize) -> &str {
        let (s, e) = self.orig_span(norm_start, norm_end);
        &self.original[s..e]
    }

    /// The span of [`Text::norm`] behind a byte span of the original: from
    /// the first char boundary of the norm (or its end) whose
    /// `orig_span(p, p).0` is at or after `orig_start` (the norm's length
    /// when none is) to the last one whose value is at or before `orig_end`
    /// (0 when none is), never ending before it starts. Two binary searches
    /// over the pieces; the values ascend with `p` since the pieces follow
    /// each other in both texts.
    pub fn norm_span(&self, orig_start: usize, orig_end: usize) -> (usize, usize) {
        let a = self.first_at_or_after(orig_start);
        let b = self.last_at_or_before(orig_end);
        (a, b.max(a))
    }

    /// First char boundary `p` of the norm (or its end) with
    /// `map_pos(p, false) >= s`; the norm's length when there is none.
    fn first_at_or_after(&self, s: usize) -> usize {
        let len = self.norm.len();
        // Boundaries before the first piece whose original reaches `s` map
        // below it; the answer lies between that piece's start and the next's.
        let k = self.segs.partition_point(|g| g.orig_start + g.orig_len < s);
        let Some(&g) = self.segs.get(k) else {
            return len;
        };
        let hi = self.segs.get(k + 1).map_or(len, |n| n.norm_start);
        if self.map_pos(g.norm_start, false) >= s {
            return g.norm_start;
        }
        // Past the piece's start (then this piece owns every boundary up to
        // `hi`): same pieces map one to one, replaced ones to their end.
        let p = if g.same {
            g.norm_start + (s - g.orig_start)
        } else {
            g.norm_start + 1
        };
        let p = self.ceil_boundary(p);
        if p < hi {
            p
        } else {
            hi
        }
    }

    /// Last char boundary `p` of the norm (or its end) with
    /// `map_pos(p, false) <= e`; 0 when there is none.
    fn last_at_or_before(&self, e: usize) -> usize {
        // The last piece starting at or before `e` in the original: later
        // pieces map above it, earlier ones at or below it.
        let k = self.segs.partition_point(|g| g.orig_start <= e);
        let Some(&g) = k.checked_sub(1).and_then(|k| self.segs.get(k)) else {
            return 0;
        };
        // The boundaries this piece owns: from its start to the next's.
        let hi_excl = self
            .segs
            .get(k)
            .map_or(self.norm.len() + 1, |n| n.norm_start);
        if hi_excl <= g.norm_start {
            // It owns none (an empty norm piece followed by another).
            return match g.norm_start.checked_sub(1) {
                Some(p) => self.floor_boundary(p),
                None => 0,
            };
        }
        let p = if g.same {
            (g.norm_start + (e - g.orig_start)).min(hi_excl - 1)
        } else if g.orig_start + g.orig_len <= e {
            hi_excl - 1
        } else {
            g.norm_start
        };
        self.floor_boundary(p)
    }

    /// The first char boundary of the norm at or after `p` (its length past it).
    fn ceil_boundary(&self, mut p: usize) -> usize {
        let len = self.norm.len();
        while p < len && !self.norm.is_char_boundary(p) {
            p += 1;
        }
        p.min(len)
    }

    /// The last char boundary of the norm at or before `p`.
    fn floor_boundary(&self, p: usize) -> usize {
        let mut p = p.min(self.norm.len());
        while !self.norm.is_char_boundary(p) {
            p -= 1;
        }
        p
    }

    fn map_pos(&self, pos: usize, is_end: bool) -> usize {
        if self.segs.is_empty() {
            return 0;
        }
        // Last segment whose norm_start <= pos (for an end, < pos so that an
        // end on a boundary belongs to the piece before it).
        let idx = self.segs.partition_point(|g| {
            if is_end {
                g.norm_start < pos
            } else {
                g.norm_start <= pos
            }
        });
        let g = if idx == 0 {
            self.segs[0]
        } else {
            self.segs[idx - 1]
        };
        let off = pos.saturating_sub(g.norm_start);
        if g.same {
            g.orig_start + off.min(g.orig_len)
        } else if off == 0 && !is_end {
            g.orig_start
        } else if is_end || off > 0 {
            g.orig_start + g.orig_len
        } else {
            g.orig_start
        }
    }
}

/// Builds a [`Text`] piece by piece, in order.
#[derive(Debug, Default)]
pub struct TextBuilder {
    original: String,
    norm: String,
    segs: Vec<Seg>,
    /// Bytes of the original the pieces so far cover.
    orig_len: usize,
    /// The original was given whole ([`TextBuilder::over`]): pieces only
    /// advance over it.
    preset: bool,
}

/// Bytes of original text per segment [`TextBuilder::over`] makes room for.
const SEGS_PER: usize = 64;

impl TextBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder for pieces that are, in order, exactly `original`: it is
    /// copied once instead of piece by piece, the normalised text gets room
    /// for as much, and the segments room for one per [`SEGS_PER`] bytes
    /// (a text with many full-width characters has a segment for each and
    /// the ones between: the list would otherwise be regrown a dozen times).
    pub fn over(original: &str) -> Self {
        TextBuilder {
            original: original.to_string(),
            norm: String::with_capacity(original.len()),
            segs: Vec::with_capacity(original.len() / SEGS_PER),
            orig_len: 0,
            preset: true,
        }
    }

    /// Takes an original piece on (copying it unless it was given whole).
    #[inline]
    fn advance(&mut self, piece: &str) {
        if self.preset {
            debug_assert!(self.original[self.orig_len..].starts_with(piece));
        } else {
            self.original.push_str(piece);
        }
        self.orig_len += piece.len();
    }

    /// Appends a piece that stays as it is.
    pub fn same(&mut self, piece: &str) {
        if piece.is_empty() {
            return;
        }
        if let Some(last) = self.segs.last_mut() {
            if last.same {
                last.norm_len += piece.len();
                last.orig_len += piece.len();
                self.advance(piece);
                self.norm.push_str(piece);
                return;
            }
        }
        self.segs.push(Seg {
            norm_start: self.norm.len(),
            orig_start: self.orig_len,
            norm_len: piece.len(),
            orig_len: piece.len(),
            same: true,
        });
        self.advance(piece);
        self.norm.push_str(piece);
    }

    /// Appends an original piece that normalises to `replacement`
    /// (which may be shorter, longer or empty).
    pub fn replaced(&mut self, original: &str, replacement: &str) {
        if original == replacement {
            self.same(original);
            return;
        }
        if one_char(original, replacement.len()) && one_char(replacement, original.len()) {
            self.aligned(original, replacement);
            return;
        }
        self.segs.push(Seg {
            norm_start: self.norm.len(),
            orig_start: self.orig_len,
            norm_len: replacement.len(),
            orig_len: original.len(),
            same: false,
        });
        self.advance(original);
        self.norm.push_str(replacement);
    }

    /// [`TextBuilder::replaced`] with one character for the replacement
    /// (the character normalisation writes most): told from the original
    /// and written without comparing or copying strings.
    #[inline]
    pub fn replaced_char(&mut self, original: &str, replacement: char) {
        let n = replacement.len_utf8();
        if one_char(original, n) {
            self.aligned(original, replacement.encode_utf8(&mut [0u8; 4]));
            return;
        }
        self.segs.push(Seg {
            norm_start: self.norm.len(),
            orig_start: self.orig_len,
            norm_len: n,
            orig_len: original.len(),
            same: false,
        });
        self.advance(original);
        self.norm.push(replacement);
    }

    /// Appends an original piece that normalises to `replacement`
    /// character for character, each character of as many bytes as the
    /// one it replaces (some the same: a traditional character by its
    /// simplified form).
    ///
    /// Such a piece joins the unchanged piece before it: every character
    /// boundary maps as a piece per character would (a span never starts
    /// or ends inside a character), and a traditional text, a third of
    /// whose characters change, keeps a few pieces instead of one per
    /// changed character. ([`TextBuilder::replaced`] and
    /// [`TextBuilder::replaced_char`] take this way for one character, so
    /// the pieces of a text do not depend on how it was built.)
    pub fn aligned(&mut self, original: &str, replacement: &str) {
        debug_assert_eq!(original.len(), replacement.len());
        let n = original.len();
        if n == 0 {
            return;
        }
        if let Some(last) = self.segs.last_mut().filter(|g| g.same) {
            last.norm_len += n;
            last.orig_len += n;
        } else {
            self.segs.push(Seg {
                norm_start: self.norm.len(),
                orig_start: self.orig_len,
                norm_len: n,
                orig_len: n,
                same: true,
            });
        }
        self.advance(original);
        self.norm.push_str(replacement);
    }

    pub fn finish(self) -> Text {
        debug_assert_eq!(self.orig_len, self.original.len());
        Text {
            original: self.original,
            norm: self.norm,
            segs: self.segs,
            chars: OnceLock::new(),
        }
    }
}

/// Whether `s` is one character of `n` bytes (its first byte says how
/// many it has).
#[inline]
fn one_char(s: &str, n: usize) -> bool {
    match s.as_bytes().first() {
        Some(&b) if s.len() == n => {
            n == if b < 0x80 {
                1
            } else if b < 0xE0 {
                2
            } else if b < 0xF0 {
                3
            } else {
                4
            }
        }
        _ => false,
    }
}

/// Converts byte offsets of one string into character (Unicode scalar)
/// offsets, as the output format uses, and back.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every char boundary, plus the string's length.
    bounds: Vec<usize>,
}

impl CharIndex {
    pub fn new(s: &str) -> Self {
        let mut bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
        bounds.push(s.len());
        CharIndex { bounds }
    }

    /// Character offset of a byte offset (a byte inside a character counts
    /// as that character's start).
    pub fn char_of(&self, byte: usize) -> usize {
        match self.bounds.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset of a character offset; `None` past the string's end.
    pub fn byte_of(&self, ch: usize) -> Option<usize> {
        self.bounds.get(ch).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_one_to_one() {
        let t = Text::identity("普京说");
        assert_eq!(t.orig_span(0, 6), (0, 6));
        assert_eq!(t.orig_str(3, 9), "京说");
    }

    #[test]
    fn a_builder_over_the_whole_original_builds_the_same_text() {
        let pieces: [(&str, &str); 6] = [
            ("「", ""),
            ("俄羅斯", "俄罗斯"),
            ("總統", "总统"),
            ("蒲亭", "普京"),
            ("說", "说"),
            ("。ab", "。ab"),
        ];
        let original: String = pieces.iter().flat_map(|p| [p.0, "x"]).collect();
        let (mut a, mut b) = (TextBuilder::new(), TextBuilder::over(&original));
        for (o, n) in pieces {
            a.replaced(o, n);
            b.replaced(o, n);
            a.same("x");
            b.same("x");
        }
        let (a, b) = (a.finish(), b.finish());
        assert_eq!(a, b);
        assert_eq!(b.original, original);
        assert_eq!(b.norm, "x俄罗斯x总统x普京x说x。abx");
    }

    #[test]
    fn replaced_pieces_map_to_their_original() {
        let mut b = TextBuilder::new();
        b.same("俄罗斯总统");
        b.replaced("蒲亭", "普京");
        b.replaced("說", "说");
        b.replaced("川普", "特朗普");
        b.same("。");
        let t = b.finish();
        assert_eq!(t.norm, "俄罗斯总统普京说特朗普。");
        let s = t.norm.find("普京").unwrap();
        assert_eq!(t.orig_str(s, s + "普京".len()), "蒲亭");
        let s = t.norm.find("特朗普").unwrap();
        assert_eq!(t.orig_str(s, s + "特朗普".len()), "川普");
        assert_eq!(t.orig_str(0, t.norm.len()), t.original);
        // A span ending inside a replaced piece widens to the whole piece.
        let s = t.norm.find("特朗").unwrap();
        assert_eq!(t.orig_str(s, s + "特朗".len()), "川普");
    }

    #[test]
    fn characters_replaced_by_as_many_bytes_join_the_unchanged_piece() {
        // However the pieces come, a character replaced by one of as many
        // bytes makes no piece of its own; one of another length does.
        let (mut a, mut b, mut c) = (TextBuilder::new(), TextBuilder::new(), TextBuilder::new());
        a.same("他");
        a.replaced_char("說", '说');
        a.same("：");
        a.replaced("對", "对");
        a.replaced_char("Ａ", 'A');
        b.aligned("他說：對", "他说：对");
        b.replaced("Ａ", "A");
        c.same("他");
        c.aligned("說", "说");
        c.aligned("", "");
        c.same("：");
        c.replaced_char("對", '对');
        c.replaced_char("Ａ", 'A');
        let (a, b, c) = (a.finish(), b.finish(), c.finish());
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a.segs.len(), 2);
        assert_eq!(a.norm, "他说：对A");
        for (i, _) in a.norm.char_indices() {
            assert_eq!(a.orig_span(i, i), (i, i));
        }
        let z = a.norm.len();
        assert_eq!(a.orig_span(z - 1, z), (z - 1, z + 2));
        // A phrase stays one piece: a boundary inside maps to its edges.
        let mut p = TextBuilder::new();
        p.replaced("瞭解", "了解");
        let p = p.finish();
        assert_eq!(p.orig_span(0, 3), (0, 6));
        assert_eq!(p.orig_span(3, 6), (6, 6));
    }

    /// The per-boundary scan `norm_span` replaces (events' former offset map).
    fn norm_span_by_scan(t: &Text, s: usize, e: usize) -> (usize, usize) {
        let mut norm: Vec<usize> = t.norm.char_indices().map(|(i, _)| i).collect();
        norm.push(t.norm.len());
        let mut hi = 0;
        let orig: Vec<usize> = norm
            .iter()
            .map(|&p| {
                hi = t.orig_span(p, p).0.max(hi);
                hi
            })
            .collect();
        let i = orig.partition_point(|&o| o < s);
        let a = norm.get(i).copied().unwrap_or(t.norm.len());
        let j = orig.partition_point(|&o| o <= e);
        let b = if j == 0 { 0 } else { norm[j - 1] };
        (a, b.max(a))
    }

    #[test]
    fn norm_span_agrees_with_a_scan() {
        let mut texts = vec![Text::identity(""), Text::identity("a中b")];
        let mut b = TextBuilder::new();
        b.replaced("「", "");
        b.same("俄罗斯总统");
        b.replaced("蒲亭", "普京");
        b.replaced("「", "");
        b.replaced("」", "");
        b.replaced("說", "说");
        b.replaced("", "x");
        b.replaced("川普", "特朗普");
        b.same("。ab");
        b.replaced("ｃ", "c");
        b.replaced("」", "");
        texts.push(b.finish());
        let mut b = TextBuilder::new();
        b.replaced("ＡＢ", "AB");
        b.same("中");
        texts.push(b.finish());
        for t in &texts {
            let n = t.original.len() + 3;
            for s in 0..n {
                for e in 0..n {
                    assert_eq!(t.norm_span(s, e), norm_span_by_scan(t, s, e), "{s} {e}");
                }
            }
        }
    }

    #[test]
    fn norm_chars_are_the_characters_with_their_offsets() {
        let t = Text::identity("a中é\n𠀀");
        let nc = t.chars();
        assert_eq!(nc.cs, ['a', '中', 'é', '\n', '𠀀']);
        assert_eq!(nc.off, [0, 1, 4, 6, 7, 11]);
        assert_eq!(
            nc.positions(|c| !c.is_ascii()),
            [(1, '中'), (4, 'é'), (7, '𠀀')]
        );
        assert_eq!(
            *Text::identity("").chars(),
            NormChars {
                cs: vec![],
                off: vec![0]
            }
        );
        // Decoding the characters leaves the text equal to a copy.
        assert_eq!(t, Text::identity("a中é\n𠀀"));
    }

    #[test]
    fn char_index_counts_scalars() {
        let s = "a中b";
        let ci = CharIndex::new(s);
        assert_eq!(ci.char_of(0), 0);
        assert_eq!(ci.char_of(1), 1);
        assert_eq!(ci.char_of(4), 2);
        assert_eq!(ci.char_of(5), 3);
        assert_eq!(ci.byte_of(2), Some(4));
        assert_eq!(ci.byte_of(3), Some(5));
        assert_eq!(ci.byte_of(4), None);
    }
}
