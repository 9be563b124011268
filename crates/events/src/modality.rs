//! Modality and attribution filters whose words live in
//! `lexicon/modality.tsv`: hopes and expectations (他期待美国支持台湾),
//! accusations whose content is not the accused's reported act (美国指控
//! 伊朗干预大选), cancelled or postponed acts (推迟访问), sentences that
//! are links or URLs rather than news text, returns from background to the
//! present (此次) that end the reach of an earlier date, causes of earlier
//! events (是因为) and propositions called false (是假消息).

use daachorse::CharwiseDoubleArrayAhoCorasick;
use shiju_lexicon::{LexiconError, Table};
use shiju_text::automaton::{build_cached, BuildOptions};

const MODALITY_TSV: &str = include_str!("../../../lexicon/modality.tsv");

/// The kinds of marker of `modality.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Hope,
    Accuse,
    Claim,
    Cancel,
    NotNews,
    NotAbbrev,
    Present,
    Cause,
    False,
    Former,
    Realis,
    Depart,
    Arrive,
}

impl Class {
    fn parse(s: &str) -> Option<Class> {
        Some(match s {
            "hope" => Class::Hope,
            "accuse" => Class::Accuse,
            "claim" => Class::Claim,
            "cancel" => Class::Cancel,
            "notnews" => Class::NotNews,
            "notabbrev" => Class::NotAbbrev,
            "present" => Class::Present,
            "cause" => Class::Cause,
            "false" => Class::False,
            "former" => Class::Former,
            "realis" => Class::Realis,
            "depart" => Class::Depart,
            "arrive" => Class::Arrive,
            _ => return None,
        })
    }
}

/// Why a match is not coded: the class of marker and the word that fired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub class: Class,
    pub word: String,
}

/// The compiled marker lists.
pub struct Modality {
    ac: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    words: Vec<(String, Class)>,
}

impl std::fmt::Debug for Modality {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Modality({} words)", self.words.len())
    }
}

impl Modality {
    /// The built-in list merged with `user_dir/modality.tsv`; every word goes
    /// through `normalize` (so either script may be written).
    pub fn load(
        user_dir: Option<&std::path::Path>,
        normalize: &dyn Fn(&str) -> String,
    ) -> Result<Modality, LexiconError> {
        let t = Table::load("modality.tsv", MODALITY_TSV, user_dir)?;
        let mut words: shiju_lexicon::Rows<String, Class> = Default::default();
        for r in t.records() {
            let w = r.get("word");
            if let Some(k) = w.strip_prefix('-') {
                words.remove(&normalize(k));
                continue;
            }
            let class = Class::parse(r.get("class"))
                .ok_or_else(|| r.error(format!("unknown class {:?}", r.get("class"))))?;
            if w.is_empty() {
                return Err(r.error("empty word"));
            }
            words.set(normalize(w), class);
        }
        Ok(Modality::from_words(words.into_vec()))
    }

    fn from_words(words: Vec<(String, Class)>) -> Modality {
        let ac = if words.is_empty() {
            None
        } else {
            // (No prefilter: Chinese text is a candidate at nearly every
            // character, and building one reads a 64K table.)
            build_cached(
                "modality",
                BuildOptions::STANDARD_NO_PREFILTER,
                words
                    .iter()
                    .enumerate()
                    .map(|(i, (w, _))| (w.as_str(), i as u32)),
            )
            .ok()
        };
        Modality { ac, words }
    }

    /// The first word of `class` in `s`.
    pub fn find(&self, s: &str, class: Class) -> Option<&str> {
        let ac = self.ac.as_ref()?;
        ac.find_overlapping_iter(s)
            .map(|m| &self.words[m.value() as usize])
            .find(|(_, c)| *c == class)
            .map(|(w, _)| w.as_str())
    }

    /// Whether `s` begins with a `notabbrev` word: a word whose first
    /// character abbreviates a state but which names something else (华为,
    /// 华府, 美元), so that 对华/访美 before it is not the state.
    pub fn begins_other_word(&self, s: &str) -> bool {
        let Some(ac) = self.ac.as_ref() else {
            return false;
        };
        let end = s.char_indices().nth(6).map_or(s.len(), |(i, _)| i);
        ac.find_overlapping_iter(&s[..end])
            .any(|m| m.start() == 0 && self.words[m.value() as usize].1 == Class::NotAbbrev)
    }

    /// Whether a match of a pattern with CAMEO `code` is blocked: `pre` is
    /// the clause before the match and its actors (a hope or accusation of
    /// someone else), `region` the masked text between the subject and the
    /// end of the match (the subject's own hope or claim is not a block
    /// there, a cancellation is), `sent` the whole sentence.
    pub fn blocks(&self, code: &str, pre: &str, region: &str, sent: &str) -> Option<Block> {
        let root = code.get(..2).unwrap_or("");
        let hit = |class: Class, s: &str| {
            self.find(s, class).map(|w| Block {
                class,
                word: w.to_string(),
            })
        };
        hit(Class::NotNews, sent)
            .or_else(|| {
                if matches!(root, "02" | "03") {
                    None
                } else {
                    hit(Class::Hope, pre)
                }
            })
            .or_else(|| hit(Class::Accuse, pre))
            .or_else(|| hit(Class::Accuse, region))
            .or_else(|| hit(Class::Claim, pre))
            .or_else(|| hit(Class::Cancel, region))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m() -> Modality {
        Modality::load(None, &|s: &str| s.to_string()).expect("built-in modality.tsv")
    }

    #[test]
    fn classes_fire_on_their_words() {
        let m = m();
        assert_eq!(m.find("他也期待对方", Class::Hope), Some("期待"));
        assert_eq!(m.find("外交部指控", Class::Accuse), Some("指控"));
        assert_eq!(m.find("宣布推迟", Class::Cancel), Some("推迟"));
        assert_eq!(m.find("[标题](https://x.y/z)", Class::NotNews), Some("]("));
        assert_eq!(m.find("两国举行会谈", Class::Hope), None);
    }

    #[test]
    fn context_classes_fire_on_their_words() {
        let m = m();
        assert_eq!(m.find("，此次又到访", Class::Present), Some("此次"));
        assert_eq!(m.find("被问责是因为", Class::Cause), Some("是因为"));
        assert_eq!(
            m.find("跟踪本国军舰是假讯息", Class::False),
            Some("是假讯息")
        );
        // An accusation of spreading false news calls nothing false.
        assert_eq!(m.find("散布假消息", Class::False), None);
        assert_eq!(m.find("两国举行会谈", Class::Present), None);
        assert_eq!(m.find("美国前总统克林顿", Class::Former), Some("前总统"));
    }

    #[test]
    fn hopes_do_not_block_appeals_and_intents() {
        let m = m();
        assert!(m.blocks("051", "他希望", "", "").is_some());
        assert!(m.blocks("030", "他希望", "", "").is_none());
        assert!(m.blocks("020", "他希望", "", "").is_none());
    }

    #[test]
    fn links_block_whatever_the_code() {
        let m = m();
        let b = m
            .blocks("040", "", "", "[两国会谈](http://example.org/a)")
            .expect("blocked");
        assert_eq!(b.class, Class::NotNews);
    }

    #[test]
    fn user_rows_remove_words() {
        let dir = std::env::temp_dir().join(format!("shiju-modality-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("modality.tsv"),
            "word\tclass\tnote\n-推迟\t\t\n拖延\tcancel\tdelay\n",
        )
        .unwrap();
        let m = Modality::load(Some(&dir), &|s: &str| s.to_string()).unwrap();
        assert_eq!(m.find("宣布推迟", Class::Cancel), None);
        assert_eq!(m.find("一再拖延", Class::Cancel), Some("拖延"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
