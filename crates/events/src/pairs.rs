//! Pair compounds the gazetteer leaves alone: two one-character
//! abbreviations opening a clause (中缅在…签署合作备忘录, 中欧地理标志协定
//! 周一签署) followed in its sentence by a word of agreement, meeting or talks
//! (`pair_heads` in `lexicon/event_words.tsv`). The gazetteer reads a
//! compound only right before a relation word (中美关系); here the pair
//! acts in its own clause, and 欧 stands for the European Union.
//!
//! A pair is read only when it is a run of exactly two abbreviations,
//! not glued to a word or a number before it (集中, 12日), each naming one actor only (巴, 澳 are
//! two states' each), and neither a listed word (白俄, 加沙, 台中:
//! `pair_not`) nor followed by what makes it a region or a language
//! (中欧国家, 中英文: `pair_not_next`).

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use shiju_core::NormChars;
use shiju_lexicon::words::{Family, WordList};
use shiju_lexicon::LexiconError;

use shiju_text::charset::CharSet;
use shiju_text::segment::is_sentence_break;

/// Words after the pair, in its clause, that make it act as a pair.
static PAIR_HEADS: WordList = WordList::new("event_words.tsv", "pair_heads");
/// Two-abbreviation words that are not pairs (白俄 is Belarus).
static PAIR_NOT: WordList = WordList::new("event_words.tsv", "pair_not");
/// Words after the pair that make it a region or a language (中欧国家).
static PAIR_NOT_NEXT: WordList = WordList::new("event_words.tsv", "pair_not_next");
/// Abbreviations of organisations in pairs (`pair_abbr:EU` 欧).
static PAIR_ABBR: Family = Family::new("event_words.tsv", "pair_abbr");

/// Characters after the pair within which a head word must start.
const HEAD_REACH: usize = 24;

/// One member of a pair: the actor code and whether it is a state.
#[derive(Debug, Clone)]
pub struct Member {
    pub code: String,
    pub state: bool,
}

/// One-character abbreviations that name one actor only.
#[derive(Debug, Default)]
pub struct PairAbbr {
    /// Fx-hashed: looked up at every character of a document.
    map: rustc_hash::FxHashMap<char, Member>,
    /// The keys of `map` (most characters of a text are none: one bit read
    /// instead of a hash look-up).
    keys: CharSet,
    /// The keys and the characters a pronoun unit begins with
    /// ([`crate::pronouns::first_chars`]), made on first use: the one set
    /// [`PairAbbr::candidates`] reads at every character.
    scan: OnceLock<CharSet>,
}

impl PairAbbr {
    /// The abbreviations of `countries.tsv` (column `abbr`) and those of
    /// organisations in `event_words.tsv`; an abbreviation of two actors
    /// is dropped.
    pub fn load(
        dir: Option<&Path>,
        normalize: &dyn Fn(&str) -> String,
    ) -> Result<Self, LexiconError> {
        let t = shiju_lexicon::shared::countries(dir)?;
        let mut all: HashMap<char, Vec<Member>> = HashMap::new();
        let mut add = |form: &str, code: &str, state: bool| {
            let n = normalize(form);
            let mut cs = n.chars();
            if let (Some(c), None) = (cs.next(), cs.next()) {
                let v = all.entry(c).or_default();
                if !v.iter().any(|m| m.code == code) {
                    v.push(Member {
                        code: code.to_string(),
                        state,
                    });
                }
            }
        };
        for r in t.records() {
            let iso = r.get("iso3").trim();
            if iso.is_empty() || iso.starts_with('-') {
                continue;
            }
            for a in r.list("abbr") {
                add(a, iso, true);
            }
        }
        for code in PAIR_ABBR.keys() {
            for w in PAIR_ABBR.words(code) {
                add(w, code, false);
            }
        }
        let map = all
            .into_iter()
            .filter(|(_, v)| v.len() == 1)
            .filter_map(|(c, mut v)| v.pop().map(|m| (c, m)))
            .collect();
        Ok(PairAbbr::new(map))
    }

    fn new(map: rustc_hash::FxHashMap<char, Member>) -> Self {
        let keys = CharSet::new(map.keys().copied());
        PairAbbr {
            map,
            keys,
            scan: OnceLock::new(),
        }
    }

    /// The member a character abbreviates, if any.
    #[inline]
    fn get(&self, c: char) -> Option<&Member> {
        if !self.keys.contains(c) {
            return None;
        }
        self.map.get(&c)
    }

    /// The characters that may open a pair or a pronoun unit: the keys and
    /// [`crate::pronouns::first_chars`] (what [`PairAbbr::candidates`]
    /// looks for; the index's one pass finds them too,
    /// [`crate::index::Found::chars`]).
    pub fn opening_chars(&self) -> impl Iterator<Item = char> + '_ {
        self.map
            .keys()
            .copied()
            .chain(crate::pronouns::first_chars())
    }

    /// The characters of a text (its decoded characters, `chars`) that may
    /// open a pair or a pronoun unit, with their starts, in one pass: what
    /// [`PairAbbr::find`] and [`crate::pronouns::pronoun_units`] read
    /// instead of a pass each.
    pub fn candidates(&self, chars: &NormChars) -> Vec<(usize, char)> {
        let set = self.scan.get_or_init(|| CharSet::new(self.opening_chars()));
        chars.positions(|c| set.contains(c))
    }

    /// The pairs of `norm` outside the spans `taken` (sorted, not
    /// overlapping): (start, end, the two members). `cands`: the
    /// characters [`PairAbbr::candidates`] found in `norm`.
    pub fn find(
        &self,
        norm: &str,
        cands: &[(usize, char)],
        taken: &[(usize, usize)],
    ) -> Vec<(usize, usize, [Member; 2])> {
        let mut out = Vec::new();
        if self.map.is_empty() {
            return out;
        }
        for &(i, c) in cands {
            let Some(a) = self.get(c) else { continue };
            let j = i + c.len_utf8();
            let Some(d) = norm[j..].chars().next() else {
                break;
            };
            let Some(b) = self.get(d) else { continue };
            // (The characters around are read only here: most characters
            // of a text are no abbreviation.)
            let before = norm[..i].chars().next_back();
            let end = j + d.len_utf8();
            if a.code == b.code
                || before.is_some_and(|p| self.map.contains_key(&p) || p.is_alphanumeric())
                || norm[end..]
                    .chars()
                    .next()
                    .is_some_and(|n| self.map.contains_key(&n))
                || PAIR_NOT.contains(&&norm[i..end])
                || PAIR_NOT_NEXT.iter().any(|w| norm[end..].starts_with(w))
                || taken.iter().any(|&(s, e)| s < end && i < e)
                || !head_follows(&norm[end..])
            {
                continue;
            }
            out.push((i, end, [a.clone(), b.clone()]));
        }
        out
    }
}

/// Whether a head word starts within reach in the sentence of `rest`
/// (中缅在外长出访前一天，已签署…: the pair is the next clause's subject).
fn head_follows(rest: &str) -> bool {
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n >= HEAD_REACH || is_sentence_break(c) {
            return false;
        }
        if PAIR_HEADS.iter().any(|w| rest[i..].starts_with(w)) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(s: &str) -> Vec<String> {
        let p = PairAbbr::load(None, &|s: &str| s.to_string()).unwrap();
        p.find(s, &p.candidates(&NormChars::new(s)), &[])
            .into_iter()
            .map(|(a, b, m)| format!("{}={}+{}", &s[a..b], m[0].code, m[1].code))
            .collect()
    }

    #[test]
    fn pairs_before_agreements_and_talks() {
        assert_eq!(pairs("中老在万象签署了铁路合作协议。"), ["中老=CHN+LAO"]);
        assert_eq!(pairs("据报道，中欧投资协定谈判已经完成。"), ["中欧=CHN+EU"]);
        assert_eq!(pairs("美越两国官员周二举行会谈。"), ["美越=USA+VNM"]);
    }

    #[test]
    fn candidates_are_the_pair_and_pronoun_characters_in_order() {
        let p = PairAbbr::load(None, &|s: &str| s.to_string()).unwrap();
        let s = "今天中美两国在这里签署协议，他说该国将参加。";
        let chars = NormChars::new(s);
        let got: Vec<char> = p.candidates(&chars).iter().map(|&(_, c)| c).collect();
        let want: Vec<char> = s
            .chars()
            .filter(|&c| p.keys.contains(c) || crate::pronouns::first_chars().any(|f| f == c))
            .collect();
        assert_eq!(got, want);
        for (i, c) in p.candidates(&chars) {
            assert_eq!(s[i..].chars().next(), Some(c));
        }
        for c in ['中', '美', '两', '他', '该'] {
            assert!(got.contains(&c), "{c}");
        }
    }

    #[test]
    fn not_pairs() {
        for s in [
            // Central Europe, a language pair, Belarus, a city, no head word.
            "中欧国家与德国签署协议。",
            "中英文版本的协议已经签署。",
            "白俄与俄罗斯签署协议。",
            "台中市政府与日本签署备忘录。",
            "中美贸易额上升。两国随后签署协议。",
            // Glued to the word or the number before it (12日: a date's
            // day, not Japan), or part of a longer run.
            "集中日方人员举行会谈。",
            "12日英首相与欧盟领导人举行会谈。",
            "中日韩三国签署协定。",
        ] {
            assert!(pairs(s).is_empty(), "{s}");
        }
    }
}
