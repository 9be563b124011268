//! Near-duplicate detection: a 64-bit SimHash over character shingles.
//!
//! The text is reduced to its letters and digits (punctuation, spaces and
//! symbols dropped, ASCII lower-cased), cut into overlapping shingles of
//! [`SHINGLE`] characters, and each shingle's 64-bit hash votes on every bit.
//! Two texts whose fingerprints differ in at most [`NEAR`] bits are taken as
//! the same story (the same wire copy on two sites, a re-titled page).

/// Characters per shingle.
pub const SHINGLE: usize = 4;
/// Largest Hamming distance between fingerprints of near-duplicates.
pub const NEAR: u32 = 9;
/// Fewer shingles than this: the text is too short to fingerprint.
pub const MIN_SHINGLES: usize = 40;

/// Whether `c` is a letter or digit (`char::is_alphanumeric`), with the
/// punctuation of Chinese text (general punctuation, CJK brackets and
/// marks, full-width signs) answered without a search of Unicode's tables;
/// a test checks every character against `is_alphanumeric`. Also the
/// search index's tokenizer's test of a Latin or digit word.
pub(crate) fn alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if matches!(c as u32,
        0x2000..=0x206F | 0x3000..=0x3004 | 0x3008..=0x3020
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
    {
        return false;
    }
    c.is_alphanumeric()
}

/// FNV-1a followed by a SplitMix64 finaliser (stable across builds and
/// platforms, unlike `std`'s hasher), over the characters' four bytes
/// each (little-endian).
#[inline(always)]
fn hash(chars: [u32; SHINGLE]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for c in chars {
        let [b0, b1, b2, b3] = c.to_le_bytes();
        h = (h ^ u64::from(b0)).wrapping_mul(PRIME);
        h = (h ^ u64::from(b1)).wrapping_mul(PRIME);
        if b2 == 0 && b3 == 0 {
            // Outside the supplementary planes the two high bytes are zero:
            // XOR with zero changes nothing, so their two steps are one
            // multiplication by the prime squared.
            h = h.wrapping_mul(PRIME.wrapping_mul(PRIME));
        } else {
            h = (h ^ u64::from(b2)).wrapping_mul(PRIME);
            h = (h ^ u64::from(b3)).wrapping_mul(PRIME);
        }
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The letters and digits of `text` (see the module documentation), ASCII
/// lower-cased, as code points, handed to `each` in order. The three-byte
/// characters (all of Chinese text but the rare ideographs past the BMP)
/// are decoded here, and a Han one is kept without a further test.
#[inline(always)]
fn kept_chars(text: &str, mut each: impl FnMut(u32)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            i += 1;
            if b.is_ascii_alphanumeric() {
                each(u32::from(b.to_ascii_lowercase()));
            }
            continue;
        }
        if b & 0xF0 == 0xE0 {
            if let Some(&[b1, b2]) = bytes.get(i + 1..i + 3) {
                let c = (u32::from(b & 0x0F) << 12)
                    | (u32::from(b1 & 0x3F) << 6)
                    | u32::from(b2 & 0x3F);
                i += 3;
                if (0x4E00..=0x9FFF).contains(&c) || char::from_u32(c).is_some_and(alphanumeric) {
                    each(c);
                }
                continue;
            }
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
            return;
        };
        i += c.len_utf8();
        if alphanumeric(c) {
            each(u32::from(c));
        }
    }
}

/// The fingerprint of `text`, or `None` when it is too short to compare.
pub fn simhash(text: &str) -> Option<u64> {
    // Each bit's vote is (shingles with the bit set) − (shingles without):
    // positive when more than half have it. The shingles' hashes are kept
    // `BATCH` at a time, then their set bits counted eight bits at a time:
    // `acc[j]` holds one 8-bit counter per byte for bits j, j+8, …, j+56
    // (a batch cannot overflow one), emptied into `ones` after each batch.
    // Counting apart from hashing keeps `acc` in registers.
    const LOW_BITS: u64 = 0x0101_0101_0101_0101;
    const BATCH: usize = 255;
    let count = |hashes: &[u64], ones: &mut [u32; 64]| {
        let mut acc = [0u64; 8];
        for &h in hashes {
            for (j, a) in acc.iter_mut().enumerate() {
                *a += (h >> j) & LOW_BITS;
            }
        }
        for (j, a) in acc.iter().enumerate() {
            for k in 0..8 {
                ones[j + 8 * k] += ((a >> (8 * k)) & 0xff) as u32;
            }
        }
    };
    let mut ones = [0u32; 64];
    let mut batch = [0u64; BATCH];
    let mut window = [0u32; SHINGLE];
    let mut seen = 0usize;
    let mut n = 0usize;
    // Place of the next hash in `batch`.
    let mut b = 0usize;
    kept_chars(text, |c| {
        window = [window[1], window[2], window[3], c];
        seen += 1;
        if seen < SHINGLE {
            return;
        }
        if let Some(slot) = batch.get_mut(b) {
            *slot = hash(window);
        }
        n += 1;
        b += 1;
        if b == BATCH {
            count(&batch, &mut ones);
            b = 0;
        }
    });
    if n < MIN_SHINGLES {
        return None;
    }
    count(&batch[..b], &mut ones);
    let mut out = 0u64;
    for (bit, o) in ones.iter().enumerate() {
        if 2 * *o as usize > n {
            out |= 1 << bit;
        }
    }
    Some(out)
}

/// Number of differing bits.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Whether two fingerprints belong to near-duplicate texts.
pub fn is_near(a: u64, b: u64) -> bool {
    distance(a, b) <= NEAR
}

/// Fingerprints stored articles are compared with: the most recent
/// [`Prints::WINDOW`] distinct (not near-duplicate) articles. Wire copy is
/// republished within days, and the window bounds memory (56 bytes an
/// article: its id, its fingerprint and its place in each block's buckets).
///
/// A fingerprint is looked up in buckets, not by a scan of every stored
/// one (which made an ingest quadratic in the window): the 64 bits are cut
/// into `NEAR + 1` blocks, and two fingerprints at most [`NEAR`] bits
/// apart differ in at most `NEAR` of the blocks, so they agree on at least
/// one of them. Each block keeps, for each of its values, the fingerprints
/// having that value there; a lookup compares only the fingerprints
/// sharing at least one block with the one sought (about an eighth of
/// them), and finds exactly what a scan of all of them finds.
#[derive(Debug, Clone)]
pub struct Prints {
    ids: Vec<i64>,
    hashes: Vec<u64>,
    /// Per block, per value of the block: places in `hashes`.
    buckets: Vec<Vec<Vec<u32>>>,
}

/// Blocks the fingerprint is cut into for the lookup (see [`Prints`]).
const BLOCKS: usize = NEAR as usize + 1;

/// Bits of block `k`: 64 bits cut into `BLOCKS` blocks of as equal
/// widths as can be (the first `64 % BLOCKS` one bit wider).
fn block_bits(k: usize) -> (u32, u32) {
    let (base, wider) = (64 / BLOCKS, 64 % BLOCKS);
    let width = base + usize::from(k < wider);
    let shift = k * base + k.min(wider);
    (shift as u32, width as u32)
}

/// The value of block `k` of `hash`.
fn block(hash: u64, k: usize) -> usize {
    let (shift, width) = block_bits(k);
    ((hash >> shift) & ((1u64 << width) - 1)) as usize
}

impl Default for Prints {
    fn default() -> Prints {
        Prints {
            ids: Vec::new(),
            hashes: Vec::new(),
            buckets: (0..BLOCKS)
                .map(|k| vec![Vec::new(); 1 << block_bits(k).1])
                .collect(),
        }
    }
}

impl Prints {
    /// Fingerprints kept after a trim.
    pub const WINDOW: usize = 100_000;

    /// Remembers article `id`'s fingerprint.
    pub fn push(&mut self, id: i64, hash: u64) {
        if self.ids.len() >= 2 * Self::WINDOW {
            let cut = self.ids.len() - Self::WINDOW;
            self.ids.drain(..cut);
            self.hashes.drain(..cut);
            // Places moved: the buckets are filled again.
            for table in &mut self.buckets {
                table.iter_mut().for_each(Vec::clear);
            }
            for i in 0..self.hashes.len() {
                self.index(i);
            }
        }
        self.ids.push(id);
        self.hashes.push(hash);
        self.index(self.hashes.len() - 1);
    }

    /// Puts the fingerprint at place `i` in its buckets.
    fn index(&mut self, i: usize) {
        let h = self.hashes[i];
        // At most 2 × WINDOW places: they fit in 32 bits.
        let place = i as u32;
        for (k, table) in self.buckets.iter_mut().enumerate() {
            table[block(h, k)].push(place);
        }
    }

    /// The article nearest to `hash` within [`NEAR`] bits, with the
    /// distance: the smallest distance, then the smallest id.
    pub fn nearest(&self, hash: u64) -> Option<(i64, u32)> {
        let mut best: Option<(u32, i64)> = None;
        for (k, table) in self.buckets.iter().enumerate() {
            for &place in &table[block(hash, k)] {
                let i = place as usize;
                let d = distance(self.hashes[i], hash);
                if d <= NEAR && best.is_none_or(|b| (d, self.ids[i]) < b) {
                    best = Some((d, self.ids[i]));
                }
            }
        }
        best.map(|(d, id)| (id, d))
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_find_the_nearest_and_stay_bounded() {
        let mut p = Prints::default();
        assert_eq!(p.nearest(0), None);
        p.push(7, 0b1111);
        p.push(3, 0b0111);
        p.push(5, 0b0111);
        assert_eq!(p.nearest(0b0111), Some((3, 0)));
        assert_eq!(p.nearest(0b1110), Some((7, 1)));
        assert_eq!(p.nearest(u64::MAX), None);
        for i in 0..(2 * Prints::WINDOW as i64 + 10) {
            p.push(100 + i, u64::MAX);
        }
        assert!(p.len() <= 2 * Prints::WINDOW);
        assert_eq!(p.nearest(0), None, "old prints left the window");
    }

    /// `nearest` by its definition: a scan of every fingerprint kept.
    fn scan(p: &Prints, hash: u64) -> Option<(i64, u32)> {
        p.hashes
            .iter()
            .zip(&p.ids)
            .map(|(h, id)| (distance(*h, hash), *id))
            .filter(|&(d, _)| d <= NEAR)
            .min()
            .map(|(d, id)| (id, d))
    }

    #[test]
    fn alphanumeric_is_is_alphanumeric() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn blocks_cut_the_fingerprint_into_disjoint_parts() {
        let mut covered = 0u64;
        for k in 0..BLOCKS {
            let (shift, width) = block_bits(k);
            let mask = ((1u64 << width) - 1) << shift;
            assert_eq!(covered & mask, 0, "block {k} overlaps");
            covered |= mask;
            assert_eq!(block(mask, k), (1 << width) - 1);
            assert_eq!(block(!mask, k), 0);
        }
        assert_eq!(covered, u64::MAX);
    }

    #[test]
    fn buckets_find_what_a_scan_finds() {
        // A xorshift sequence: fingerprints, and queries at every distance
        // around NEAR from one of them (bits flipped across all blocks).
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut p = Prints::default();
        for id in 0..3000 {
            // Ids out of order too: ties go to the smallest id, not the first.
            p.push((id * 7919) % 3001, next());
        }
        for q in 0..3000 {
            let base = p.hashes[(q * 37) % p.hashes.len()];
            let flips = (q % 14) as u32;
            let mut h = base;
            let mut r = next();
            for _ in 0..flips {
                h ^= 1 << (r % 64);
                r /= 64;
            }
            assert_eq!(p.nearest(h), scan(&p, h), "query {q}");
            let far = next();
            assert_eq!(p.nearest(far), scan(&p, far));
        }
        // The same fingerprint under two ids: the smaller id, at distance 0.
        let h = next();
        p.push(9001, h);
        p.push(9000, h);
        assert_eq!(p.nearest(h), Some((9000, 0)));
    }

    #[test]
    fn buckets_follow_a_trim() {
        let mut p = Prints::default();
        for i in 0..(2 * Prints::WINDOW as i64 + 5) {
            p.push(i, (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        }
        assert_eq!(p.len(), Prints::WINDOW + 5);
        for i in [
            0,
            Prints::WINDOW as i64 - 1,
            Prints::WINDOW as i64 + 3,
            2 * Prints::WINDOW as i64 + 4,
        ] {
            let h = (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            assert_eq!(p.nearest(h), scan(&p, h), "{i}");
        }
        let last = (2 * Prints::WINDOW as u64 + 4).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        assert_eq!(
            p.nearest(last ^ 0b1011),
            Some((2 * Prints::WINDOW as i64 + 4, 3))
        );
    }

    const BODY: &str = "外交部发言人在例行记者会上表示，双方将继续就地区安全问题保持沟通，\
        并愿意在相互尊重的基础上推进务实合作。发言人还说，有关国家应当停止在该地区的军事挑衅，\
        以免局势进一步升级。分析人士认为，这一表态显示两国关系正在出现新的变化，\
        未来几个月的高层互访值得关注。另据报道，双方经贸团队本周将在首都举行新一轮磋商，\
        议题包括关税、出口管制和投资审查。";

    /// The plain definition the counting above must agree with.
    fn reference(text: &str) -> Option<u64> {
        let chars: Vec<char> = text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if chars.len() < SHINGLE + MIN_SHINGLES - 1 {
            return None;
        }
        let mut votes = [0i64; 64];
        for w in chars.windows(SHINGLE) {
            let h = hash([w[0], w[1], w[2], w[3]].map(u32::from));
            for (bit, v) in votes.iter_mut().enumerate() {
                *v += if h >> bit & 1 == 1 { 1 } else { -1 };
            }
        }
        let mut out = 0u64;
        for (bit, v) in votes.iter().enumerate() {
            if *v > 0 {
                out |= 1 << bit;
            }
        }
        Some(out)
    }

    #[test]
    fn counting_agrees_with_the_definition() {
        let long = BODY.repeat(9);
        for t in [BODY, &long, "太短了", "", &BODY[..BODY.len() / 3 / 3 * 3]] {
            assert_eq!(simhash(t), reference(t), "{t}");
        }
        // Every kind of character the decoding tells apart: ASCII (upper
        // case folded), two-byte letters, three-byte ones that are not Han
        // (kana, Hangul, full-width), Han past the BMP, punctuation.
        let mixed = "Ab9 éПж，カナ한글ＡＢ１２—𠀀𠀁中文、x".repeat(4);
        assert_eq!(simhash(&mixed), reference(&mixed));
        assert!(simhash(&mixed).is_some());
        assert_eq!(
            simhash(&mixed[..mixed.len() - 1]),
            reference(&mixed[..mixed.len() - 1])
        );
        // Exactly the shortest text that has a fingerprint, and one less.
        let min: String = BODY
            .chars()
            .filter(|c| c.is_alphanumeric())
            .take(SHINGLE + MIN_SHINGLES - 1)
            .collect();
        assert!(simhash(&min).is_some());
        assert_eq!(simhash(&min), reference(&min));
        let less: String = min.chars().skip(1).collect();
        assert_eq!(simhash(&less), None);
    }

    #[test]
    fn hash_is_fnv1a_of_the_little_endian_bytes() {
        fn fnv(chars: &[char]) -> u64 {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for c in chars {
                for b in (*c as u32).to_le_bytes() {
                    h ^= u64::from(b);
                    h = h.wrapping_mul(0x0000_0100_0000_01b3);
                }
            }
            h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            h ^ (h >> 31)
        }
        for w in [
            ['中', '国', 'a', '7'],
            ['𠀀', 'é', '\u{10ffff}', 'z'],
            ['\0'; 4],
        ] {
            assert_eq!(hash(w.map(u32::from)), fnv(&w), "{w:?}");
        }
    }

    #[test]
    fn short_text_has_no_fingerprint() {
        assert_eq!(simhash("太短了"), None);
        assert_eq!(simhash(""), None);
    }

    #[test]
    fn identical_and_reformatted_texts_match() {
        let a = simhash(BODY).unwrap();
        let spaced: String = BODY.replace('，', " , ").replace('。', "\n");
        assert_eq!(a, simhash(&spaced).unwrap());
    }

    #[test]
    fn changed_footer_is_near() {
        let a = simhash(&format!("{BODY}（本报记者综合报道）")).unwrap();
        let b = simhash(&format!("{BODY}责任编辑：王明 来源：新华网")).unwrap();
        assert!(is_near(a, b), "distance {}", distance(a, b));
    }

    #[test]
    fn different_stories_are_far() {
        let other =
            "强烈地震袭击该国东部沿海地区，造成多栋建筑倒塌，救援人员正在废墟中搜寻幸存者。\
            气象部门警告，未来几天可能出现强余震和暴雨，当局已经开放临时避难所，\
            并呼吁居民远离海岸线。邻国政府表示愿意提供援助，国际红十字会也派出了救援队。";
        let a = simhash(BODY).unwrap();
        let b = simhash(other).unwrap();
        assert!(!is_near(a, b), "distance {}", distance(a, b));
    }
}
