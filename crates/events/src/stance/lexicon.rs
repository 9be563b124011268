//! The stance vocabulary, `lexicon/stance.tsv`: words of evaluation and
//! appeal with their CAMEO codes, and the words that make a sentence no
//! evaluation of its speaker's.

use shiju_lexicon::{FormEdit, LexiconError, Rows, Table};

const STANCE_TSV: &str = include_str!("../../../../lexicon/stance.tsv");

/// What a stance word says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A negative act of the actor named before it.
    Act,
    /// An evaluation of the actor named before it.
    Label,
    /// The speaker praises someone.
    Praise,
    /// The speaker appeals to the actor right after it.
    Appeal,
    /// A hope addressed to the counterpart, an appeal only when the actor
    /// right after it is written as one (希望美方…).
    Request,
    /// What the counterpart named right before it must do (美方应当…): an
    /// appeal to it.
    Demand,
    /// The speaker hits back (习近平则反击称): at the subject of the
    /// previous sentence, in its paragraph or the one before.
    Rebut,
    /// A word pointing back to the previous sentence's act (对此, 随即):
    /// praise with no one to praise in its own sentence praises that
    /// sentence's subject.
    Back,
    /// The ending of a counterpart's name (美方, 欧方): not a word to find.
    Counterpart,
    /// The ending of a paragraph (before its colon) that opens the full
    /// text of a statement (声明全文如下：): not a word to find.
    FullText,
    /// A denial, rebuttal, question or rumour: the sentence is no evaluation.
    Block,
    /// A noun after a state's name making its speaker no voice of the state.
    NonState,
}

impl Class {
    fn parse(s: &str) -> Option<Class> {
        Some(match s {
            "act" => Class::Act,
            "label" => Class::Label,
            "praise" => Class::Praise,
            "appeal" => Class::Appeal,
            "request" => Class::Request,
            "demand" => Class::Demand,
            "back" => Class::Back,
            "rebut" => Class::Rebut,
            "counterpart" => Class::Counterpart,
            "fulltext" => Class::FullText,
            "block" => Class::Block,
            "nonstate" => Class::NonState,
            _ => return None,
        })
    }

    /// Whether the class codes an event (and needs a code).
    pub fn codes(self) -> bool {
        !matches!(
            self,
            Class::Block | Class::NonState | Class::Counterpart | Class::FullText | Class::Back
        )
    }
}

/// One word found in a text: its span (norm bytes), class and code.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit<'a> {
    pub start: usize,
    pub end: usize,
    pub class: Class,
    /// The CAMEO code, borrowed from the lexicon.
    pub code: &'a str,
}

/// The compiled vocabulary.
#[derive(Default)]
pub struct Lexicon {
    /// The words to find (a few hundred), indexing `entries`; found by
    /// the events index ([`crate::index::Found::stance`]).
    forms: Vec<String>,
    entries: Vec<(Class, String)>,
    counterpart: Vec<String>,
    fulltext: Vec<String>,
}

impl Lexicon {
    /// The built-in list merged with `user_dir/stance.tsv` (`-FORM` removes
    /// a form; a user row for a form replaces the built-in one); every form
    /// goes through `normalize`, every code must be in `cameo`.
    pub fn load(
        user_dir: Option<&std::path::Path>,
        normalize: &dyn Fn(&str) -> String,
        known_code: &dyn Fn(&str) -> bool,
    ) -> Result<Lexicon, LexiconError> {
        let t = Table::load("stance.tsv", STANCE_TSV, user_dir)?;
        let mut rows: Rows<String, (Class, String)> = Default::default();
        let mut counterpart: Vec<String> = Vec::new();
        let mut fulltext: Vec<String> = Vec::new();
        for r in t.records() {
            let form = match r.form_edit(normalize)? {
                FormEdit::Add(form) => form,
                FormEdit::Remove(k) => {
                    counterpart.retain(|c| *c != k);
                    fulltext.retain(|c| *c != k);
                    rows.remove(&k);
                    continue;
                }
            };
            let class = Class::parse(r.get("class"))
                .ok_or_else(|| r.error(format!("unknown class {:?}", r.get("class"))))?;
            if class == Class::Counterpart {
                counterpart.push(form);
                continue;
            }
            if class == Class::FullText {
                fulltext.push(form);
                continue;
            }
            let code = r.get("code").to_string();
            if class.codes() && !known_code(&code) {
                return Err(r.error(format!("unknown CAMEO code {code:?}")));
            }
            rows.set(form, (class, code));
        }
        let (forms, entries) = rows.into_vec().into_iter().unzip();
        Ok(Lexicon {
            forms,
            entries,
            counterpart,
            fulltext,
        })
    }

    /// Whether a name as printed is a counterpart's (`美方`, `欧方`).
    pub fn is_counterpart(&self, printed: &str) -> bool {
        self.counterpart
            .iter()
            .any(|e| printed.ends_with(e.as_str()))
    }

    /// Whether a paragraph as printed opens the full text of a statement:
    /// it ends with a colon after a listed ending (声明全文如下：).
    pub fn opens_full_text(&self, para: &str) -> bool {
        let t = para.trim_end();
        let Some(t) = t.strip_suffix(['：', ':']) else {
            return false;
        };
        let t = t.trim_end();
        self.fulltext.iter().any(|e| t.ends_with(e.as_str()))
    }

    /// The words to find; a word's index in this list is its index in
    /// the occurrences [`Lexicon::hits_in`] reads.
    pub fn forms(&self) -> Vec<&str> {
        self.forms.iter().map(String::as_str).collect()
    }

    /// The words of `a..b`, leftmost-longest and not overlapping, in text
    /// order, from `all`: every occurrence of a word in the text (start,
    /// end, index in [`Lexicon::forms`]), sorted by start then end. From
    /// `a` on, the longest word starting at the first place a word within
    /// `a..b` starts, then on from its end.
    pub fn hits_in(&self, all: &[(usize, usize, u32)], a: usize, b: usize) -> Vec<Hit<'_>> {
        let mut out = Vec::new();
        let mut i = all.partition_point(|w| w.0 < a);
        while let Some(&(start, _, _)) = all.get(i).filter(|w| w.0 < b) {
            // The occurrences starting here: the last within `b`.
            let n = all[i..].partition_point(|w| w.0 == start);
            let best = all[i..i + n].iter().rev().find(|w| w.1 <= b);
            i += n;
            let Some(&(_, end, k)) = best else {
                continue;
            };
            if let Some((class, code)) = self.entries.get(k as usize) {
                out.push(Hit {
                    start,
                    end,
                    class: *class,
                    code: code.as_str(),
                });
            }
            i += all[i..].partition_point(|w| w.0 < end);
        }
        out
    }

    /// The words of `norm[a..b]`, leftmost-longest, in text order, read
    /// from the text itself (what [`Lexicon::hits_in`] finds).
    #[cfg(test)]
    pub fn find(&self, norm: &str, a: usize, b: usize) -> Vec<Hit<'_>> {
        let Some(s) = norm.get(a..b) else {
            return Vec::new();
        };
        shiju_text::charset::WordStarts::new(self.forms.iter().map(String::as_str))
            .find_iter(s)
            .filter_map(|(ms, me, i)| {
                let (class, code) = self.entries.get(i)?;
                Some(Hit {
                    start: a + ms,
                    end: a + me,
                    class: *class,
                    code: code.as_str(),
                })
            })
            .collect()
    }
}
