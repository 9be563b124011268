//! A set of characters asked about at every character of a text: a bitmap
//! over the CJK blocks (one bit read), a sorted list for the rest.

/// A set of characters: a bitmap over the CJK blocks, a sorted list for the rest.
#[derive(Debug, Clone)]
pub struct CharSet {
    dense: Vec<u64>,
    other: Vec<char>,
}

const LO: u32 = 0x3400;
const HI: u32 = 0xA000;

impl Default for CharSet {
    /// The empty set.
    fn default() -> Self {
        CharSet::new([])
    }
}

impl CharSet {
    pub fn new(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut cs = CharSet {
            dense: vec![0; ((HI - LO) as usize).div_ceil(64)],
            other: Vec::new(),
        };
        for c in chars {
            let cp = c as u32;
            if (LO..HI).contains(&cp) {
                let i = (cp - LO) as usize;
                cs.dense[i / 64] |= 1 << (i % 64);
            } else {
                cs.other.push(c);
            }
        }
        cs.other.sort_unstable();
        cs.other.dedup();
        cs
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let cp = c as u32;
        if (LO..HI).contains(&cp) {
            let i = (cp - LO) as usize;
            self.dense[i / 64] & (1 << (i % 64)) != 0
        } else {
            self.other.binary_search(&c).is_ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CharSet;

    #[test]
    fn members_inside_and_outside_the_cjk_blocks() {
        let cs = CharSet::new("中美·a𠀀".chars());
        for c in "中美·a𠀀".chars() {
            assert!(cs.contains(c), "{c}");
        }
        for c in "俄b-𠀁".chars() {
            assert!(!cs.contains(c), "{c}");
        }
        assert!(!CharSet::default().contains('中') && !CharSet::default().contains('a'));
    }
}
