//! The vocabulary of quote attribution, `lexicon/quotes.tsv`: verbs of
//! saying and citing, endings of quoted names, nouns of unnamed groups.

use shiju_lexicon::{split_list, LexiconError, Table};

const QUOTES_TSV: &str = include_str!("../../../../lexicon/quotes.tsv");

/// A verb of saying with the characters that make it part of another word.
#[derive(Debug, Clone, Default)]
pub struct Verb {
    pub form: String,
    pub not_after: Vec<char>,
    pub not_before: Vec<char>,
    /// When not empty, the verb counts only right before one of these.
    pub only_before: Vec<char>,
}

impl Verb {
    /// Whether the verb at `norm[p..]` (already known to start there) is one.
    fn fits(&self, norm: &str, p: usize) -> bool {
        let prev = norm[..p].chars().next_back();
        let next = norm[p + self.form.len()..].chars().next();
        if prev.is_some_and(|c| self.not_after.contains(&c)) {
            return false;
        }
        if next.is_some_and(|c| self.not_before.contains(&c)) {
            return false;
        }
        self.only_before.is_empty() || next.is_some_and(|c| self.only_before.contains(&c))
    }
}

/// The compiled lists.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Verbs of saying, longest first.
    speech: Vec<Verb>,
    /// The verbs' forms by first character (a lookup reads a few verbs, not
    /// all), indexing `speech`.
    starts: shiju_text::charset::WordStarts,
    /// Verbs of citing (引述): the speaker is the one cited.
    pub cite: Vec<String>,
    /// The words of `cite` by first character ([`Lexicon::last_cite`]).
    cite_words: shiju_text::charset::WordStarts,
    /// Endings of quoted names (…法案, …倡议).
    pub term: Vec<String>,
    /// Nouns of unnamed groups (网友, 民众).
    pub group: Vec<String>,
    /// Words right before a quote that make it a term (所谓“…”).
    pub prefix: Vec<String>,
    /// Nouns right after a quote that make it a name (“…”节目).
    pub suffix: Vec<String>,
    /// Endings of the names of bodies (…办公室, …委员会): a state's name
    /// before an unknown body's name is not the speaker.
    pub body: Vec<String>,
    /// Nouns of unnamed speakers (社论, 发言人, 消息人士).
    pub voice: Vec<String>,
    /// The words of `body`, `group` and `voice` by first character: whether
    /// a text holds one is one pass over it ([`Lexicon::unnamed`]).
    unnamed_words: shiju_text::charset::WordStarts,
    /// Documents that speak for their issuer (白皮书, 社论, 声明).
    pub issued: Vec<String>,
    /// Words after a quote pointing back to the previous speaker (该, 这位).
    pub anaphor: Vec<String>,
    /// Characters before a name that make it the one spoken to (跟, 给).
    pub toward: Vec<char>,
    /// Conjunctions joining a name to the one before it (和, 与).
    pub conj: Vec<char>,
    /// Particles making the name before them a modifier (的).
    pub linker: Vec<char>,
    /// Particles ending a verb (了, 着, 过).
    pub aspect: Vec<char>,
    /// Prepositions of place (在).
    pub place: Vec<String>,
    /// Characters after a verb of saying that still end it (道).
    pub tail: Vec<char>,
}

fn chars(s: &str) -> Vec<char> {
    split_list(s)
        .into_iter()
        .filter_map(|x| x.chars().next())
        .collect()
}

impl Lexicon {
    /// The built-in list merged with `user_dir/quotes.tsv` (`-FORM` removes
    /// a form); every form goes through `normalize`.
    pub fn load(
        user_dir: Option<&std::path::Path>,
        normalize: &dyn Fn(&str) -> String,
    ) -> Result<Lexicon, LexiconError> {
        let t = Table::load("quotes.tsv", QUOTES_TSV, user_dir)?;
        // Keyed by form and kind; a removal takes the form of every kind.
        let mut rows: shiju_lexicon::Rows<(String, String), Verb> = Default::default();
        for r in t.records() {
            let form = match r.form_edit(normalize)? {
                shiju_lexicon::FormEdit::Add(form) => form,
                shiju_lexicon::FormEdit::Remove(k) => {
                    rows.remove_where(|(form, _)| *form == k);
                    continue;
                }
            };
            let kind = r.get("kind").to_string();
            if !matches!(
                kind.as_str(),
                "speech"
                    | "cite"
                    | "term"
                    | "group"
                    | "prefix"
                    | "suffix"
                    | "body"
                    | "voice"
                    | "issued"
                    | "anaphor"
                    | "toward"
                    | "conj"
                    | "linker"
                    | "aspect"
                    | "place"
                    | "tail"
            ) {
                return Err(r.error(format!("unknown kind {kind:?}")));
            }
            let n = |s: &str| chars(&normalize(s));
            let verb = Verb {
                form: form.clone(),
                not_after: n(r.get("not_after")),
                not_before: n(r.get("not_before")),
                only_before: n(r.get("only_before")),
            };
            rows.set((form, kind), verb);
        }
        let mut lex = Lexicon::default();
        for ((form, kind), verb) in rows.into_vec() {
            match kind.as_str() {
                "speech" => lex.speech.push(verb),
                "cite" => lex.cite.push(form),
                "term" => lex.term.push(form),
                "prefix" => lex.prefix.push(form),
                "suffix" => lex.suffix.push(form),
                "body" => lex.body.push(form),
                "voice" => lex.voice.push(form),
                "issued" => lex.issued.push(form),
                "anaphor" => lex.anaphor.push(form),
                "toward" => lex.toward.extend(form.chars().next()),
                "conj" => lex.conj.extend(form.chars().next()),
                "linker" => lex.linker.extend(form.chars().next()),
                "aspect" => lex.aspect.extend(form.chars().next()),
                "place" => lex.place.push(form),
                "tail" => lex.tail.extend(form.chars().next()),
                _ => lex.group.push(form),
            }
        }
        lex.speech
            .sort_by(|a, b| b.form.len().cmp(&a.form.len()).then(a.form.cmp(&b.form)));
        lex.starts =
            shiju_text::charset::WordStarts::new(lex.speech.iter().map(|v| v.form.as_str()));
        lex.cite_words = shiju_text::charset::WordStarts::new(lex.cite.iter().map(String::as_str));
        lex.unnamed_words = shiju_text::charset::WordStarts::new(
            [&lex.body, &lex.group, &lex.voice]
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
        Ok(lex)
    }

    /// Whether `s` names a speaker the gazetteer cannot: an unknown body
    /// (…办公室), a group (网友) or an unnamed voice (社论, 发言人).
    pub fn unnamed(&self, s: &str) -> bool {
        // (A text holding a word has a leftmost-longest match at or
        // before it.)
        self.unnamed_words.find_iter(s).next().is_some()
    }

    /// The last verb of citing in `s`: where it starts (the greatest
    /// `s.rfind(c)` over `cite`) and its length (the longest there). One
    /// pass from the end, asking each character whether a word starts
    /// there, instead of a search per word.
    pub fn last_cite(&self, s: &str) -> Option<(usize, usize)> {
        if self.cite.iter().any(String::is_empty) {
            return Some((s.len(), 0));
        }
        s.char_indices()
            .rev()
            .find_map(|(i, _)| self.cite_words.longest_at(&s[i..]).map(|(_, len)| (i, len)))
    }

    /// The verb of saying starting at `norm[p..]`, if one fits there: its length.
    pub fn speech_at(&self, norm: &str, p: usize) -> Option<usize> {
        let rest = &norm[p..];
        // The longest form there decides (补充说, not 补充).
        let v = self.longest_at(rest)?;
        v.fits(norm, p).then_some(v.form.len())
    }

    /// Whether a verb of saying starts at `p`, ignoring its guards (to skip
    /// over a longer word such as 声称 before its 称): its length, 0 for none.
    #[cfg(test)]
    pub fn speech_len(&self, norm: &str, p: usize) -> usize {
        self.longest_at(&norm[p..]).map_or(0, |v| v.form.len())
    }

    /// Whether a verb of saying starts at `p`, ignoring its guards (to skip
    /// over a longer word such as 声称 before its 称): its length, 0 for
    /// none. `c` is the character at `p`, read by the caller already (most
    /// characters start no verb).
    #[inline]
    pub fn speech_len_of(&self, c: char, norm: &str, p: usize) -> usize {
        self.starts
            .longest_from(c, &norm[p..])
            .map_or(0, |(_, len)| len)
    }

    /// The longest verb of saying `rest` begins with (guards aside).
    fn longest_at(&self, rest: &str) -> Option<&Verb> {
        self.starts.longest_at(rest).map(|(i, _)| &self.speech[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_cite_is_greatest_rfind() {
        let lex = Lexicon::load(None, &|s: &str| s.to_string()).unwrap();
        assert!(!lex.cite.is_empty());
        let w = lex.cite[0].clone();
        for s in [
            format!("他{w}了鲁迅的话，又{w}"),
            w.clone(),
            "没有引语".to_string(),
            String::new(),
        ] {
            let want = lex
                .cite
                .iter()
                .filter_map(|c| s.rfind(c.as_str()).map(|i| (i, c.len())))
                .max();
            assert_eq!(lex.last_cite(&s), want, "{s}");
        }
    }

    #[test]
    fn user_rows_remove_replace_and_add_verbs() {
        let dir = std::env::temp_dir().join(format!("shiju-quotes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("quotes.tsv"),
            "form\tkind\tnot_after\tnot_before\tonly_before\n-表示\t\t\t\t\n\
             嘟囔\tspeech\t\t\t\n嘟囔\tspeech\t\t们\t\n",
        )
        .unwrap();
        let lex = Lexicon::load(Some(&dir), &|s: &str| s.to_string()).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(lex.speech_len("他表示", 3), 0);
        assert_eq!(lex.speech_len("他嘟囔", 3), "嘟囔".len());
        // The later row replaced the earlier one: one verb, with its limit.
        let verbs: Vec<&Verb> = lex.speech.iter().filter(|v| v.form == "嘟囔").collect();
        assert_eq!(verbs.len(), 1);
        assert_eq!(verbs[0].not_before, ['们']);
    }

    #[test]
    fn the_longest_verb_by_its_first_character() {
        let lex = Lexicon::load(None, &|s: &str| s.to_string()).unwrap();
        // 补充说 and 补充 share their first character: the longer decides.
        let s = "他补充说，";
        assert_eq!(lex.speech_len(s, 3), "补充说".len());
        assert_eq!(lex.speech_len("他补充道", 3), "补充".len());
        // 表示 and 表明 too; a character no verb begins with has none.
        assert_eq!(lex.speech_len("他表明立场", 3), "表明".len());
        assert_eq!(lex.speech_len("他表演", 3), 0);
        assert_eq!(lex.speech_len("他们", 3), 0);
        // Given the character there, the same.
        for t in [s, "他补充道", "他表明立场", "他表演", "他们"] {
            let c = t[3..].chars().next().unwrap();
            assert_eq!(lex.speech_len_of(c, t, 3), lex.speech_len(t, 3), "{t}");
        }
        // Every verb is reachable from its first character: a text holding
        // just the verb finds it.
        for v in &lex.speech {
            assert_eq!(lex.longest_at(&v.form).map(|w| &w.form), Some(&v.form));
        }
    }

    #[test]
    fn unnamed_speakers_anywhere_in_a_text() {
        let lex = Lexicon::load(None, &|s: &str| s.to_string()).unwrap();
        // Each word of the three lists, alone and inside a longer text.
        for w in lex.body.iter().chain(&lex.group).chain(&lex.voice) {
            assert!(lex.unnamed(w), "{w}");
            assert!(lex.unnamed(&format!("某国的{w}昨天")), "{w}");
        }
        assert!(!lex.unnamed("他昨天"));
        assert!(!lex.unnamed(""));
    }
}
