//! The output format of `shiju analyze`: one [`Analysis`] per article.
//!
//! The field names are those of `../shared/eval/GUIDELINES.md` and are
//! documented in `docs/analysis-format.md`.
//!
//! The unit of every `start`/`end` is in the value's type: the stages
//! produce [`Mention`], [`Timex`], [`Quote`] and [`Event`] in [`Bytes`]
//! (the default: byte offsets into the article's body text, what slicing a
//! `str` needs); an [`Analysis`] holds them in [`Chars`] (character
//! offsets, what the output promises). [`Analysis::new`] is the one
//! conversion. The unit is a zero-sized marker, never serialised: the JSON
//! of either is the same numbers' field names.

use serde::{Deserialize, Serialize};

use crate::Article;

mod json;

/// The unit of a value's offsets: byte offsets ([`Bytes`]) inside the
/// pipeline, character offsets ([`Chars`]) in its output. (The markers
/// derive serde's traits only to satisfy the derives of the generic
/// values; the `unit` fields are skipped.)
pub trait Unit: Copy + Default + std::fmt::Debug + PartialEq + Eq {}

/// Offsets counted in bytes of UTF-8 (the stages' unit: a `str` is sliced
/// with them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Bytes;

/// Offsets counted in Unicode characters (code points): the unit of the
/// output (`docs/analysis-format.md`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Chars;

impl Unit for Bytes {}
impl Unit for Chars {}

/// Everything shiju extracts from one article, with character offsets
/// into its body text (`paragraphs` joined by `\n`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Analysis {
    /// The input's file name (feed items: `<file name>#<n>`).
    pub doc: String,
    pub article: Article,
    pub entities: Vec<Entity<Chars>>,
    pub timex: Vec<Timex<Chars>>,
    pub quotes: Vec<Quote<Chars>>,
    pub events: Vec<Event<Chars>>,
}

/// What the analysis stages found in one body text, with byte offsets
/// into it: the input of [`Analysis::new`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    pub entities: Vec<Entity>,
    pub timex: Vec<Timex>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Person,
    Country,
    Org,
}

impl EntityType {
    /// The name the JSON output gives the type (its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Country => "country",
            EntityType::Org => "org",
        }
    }
}

/// Whether a person holds a role on the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleStatus {
    InOffice,
    Elect,
    Former,
}

impl RoleStatus {
    /// The name the JSON output gives the status (its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            RoleStatus::InOffice => "in_office",
            RoleStatus::Elect => "elect",
            RoleStatus::Former => "former",
        }
    }
}

/// A person's role on the publication date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// Role key, e.g. `president`, `foreign_minister` (see `lexicon/titles.tsv`).
    pub title: String,
    /// The state (ISO3) or organisation code the role is held in.
    pub of: Option<String>,
    pub status: RoleStatus,
}

/// One printed occurrence of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention<U: Unit = Bytes> {
    /// The surface form as printed (original script).
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The unit of `start` and `end`.
    #[serde(skip)]
    pub unit: U,
}

/// A real-world actor: person, state or organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity<U: Unit = Bytes> {
    /// `country:ISO3`, `org:SHORTNAME`, `org:ISO3-name`, `person:latin-slug`;
    /// for actors the gazetteer does not know, a `new:` id made from the form.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The state the entity belongs to or acts for (ISO3), if any.
    pub country: Option<String>,
    /// For people: the role held on the publication date, if known.
    pub role: Option<Role>,
    /// Canonical name (simplified Chinese) or, failing that, the longest form.
    #[serde(default)]
    pub name: Option<String>,
    /// Distinct surface forms as printed, in order of first appearance.
    pub forms: Vec<String>,
    pub mentions: Vec<Mention<U>>,
    /// The actor code events use when it is not the entity's own: an organ
    /// acting for its organisation (the Security Council → `UN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
}

impl<U: Unit> Entity<U> {
    /// The actor code an event uses for this entity: the country for states,
    /// people and national bodies; the organisation code for international
    /// organisations.
    pub fn actor_code(&self) -> Option<String> {
        if let Some(a) = &self.actor {
            return Some(a.clone());
        }
        match self.kind {
            EntityType::Country | EntityType::Person => self.country.clone(),
            EntityType::Org => match &self.country {
                Some(c) => Some(c.clone()),
                None => self.id.strip_prefix("org:").map(str::to_string),
            },
        }
    }
}

/// A temporal expression resolved against the publication date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex<U: Unit = Bytes> {
    pub text: String,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Www` or `YYYY`.
    pub value: String,
    pub start: usize,
    pub end: usize,
    /// The unit of `start` and `end`.
    #[serde(skip)]
    pub unit: U,
}

/// Direct speech attributed to a speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote<U: Unit = Bytes> {
    /// Entity id of the speaker, if one was found.
    pub speaker: Option<String>,
    /// The quoted text, without the quotation marks.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The unit of `start` and `end`.
    #[serde(skip)]
    pub unit: U,
}

/// Who did what to whom, when — coded with CAMEO.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event<U: Unit = Bytes> {
    /// Actor code of the source: ISO3 country or organisation code.
    pub source: String,
    pub target: String,
    /// Entity ids behind the actor codes.
    pub source_entity: Option<String>,
    pub target_entity: Option<String>,
    /// Full CAMEO code (`042`, `1123`…).
    pub code: String,
    /// Two-digit CAMEO root (`04`).
    pub cameo: String,
    pub goldstein: Option<f64>,
    /// GDELT quad class: 1 verbal cooperation, 2 material cooperation,
    /// 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// PLOVER event type, where the crosswalk has one.
    pub plover: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Www` or `YYYY`.
    pub date: String,
    /// The sentence the event was coded from, as printed.
    pub evidence: String,
    pub start: usize,
    pub end: usize,
    /// The unit of `start` and `end`.
    #[serde(skip)]
    pub unit: U,
}

impl Analysis {
    /// The output of one article: what the stages found in `body`, its
    /// byte offsets converted once to character offsets.
    pub fn new(doc: String, article: Article, body: &str, found: Found) -> Analysis {
        let mut at = Vec::new();
        for e in &found.entities {
            at.extend(e.mentions.iter().flat_map(|m| [m.start, m.end]));
        }
        at.extend(found.timex.iter().flat_map(|t| [t.start, t.end]));
        at.extend(found.quotes.iter().flat_map(|q| [q.start, q.end]));
        at.extend(found.events.iter().flat_map(|e| [e.start, e.end]));
        let ci = CharsAt::new(body, at);
        let span = |s: usize, e: usize| (ci.char_of(s), ci.char_of(e));
        let entities = found
            .entities
            .into_iter()
            .map(|e| Entity {
                id: e.id,
                kind: e.kind,
                country: e.country,
                role: e.role,
                name: e.name,
                forms: e.forms,
                mentions: e
                    .mentions
                    .into_iter()
                    .map(|m| {
                        let (start, end) = span(m.start, m.end);
                        Mention {
                            text: m.text,
                            start,
                            end,
                            unit: Chars,
                        }
                    })
                    .collect(),
                actor: e.actor,
            })
            .collect();
        let timex = found
            .timex
            .into_iter()
            .map(|t| {
                let (start, end) = span(t.start, t.end);
                Timex {
                    text: t.text,
                    value: t.value,
                    start,
                    end,
                    unit: Chars,
                }
            })
            .collect();
        let quotes = found
            .quotes
            .into_iter()
            .map(|q| {
                let (start, end) = span(q.start, q.end);
                Quote {
                    speaker: q.speaker,
                    text: q.text,
                    start,
                    end,
                    unit: Chars,
                }
            })
            .collect();
        let events = found
            .events
            .into_iter()
            .map(|ev| {
                let (start, end) = span(ev.start, ev.end);
                Event {
                    source: ev.source,
                    target: ev.target,
                    source_entity: ev.source_entity,
                    target_entity: ev.target_entity,
                    code: ev.code,
                    cameo: ev.cameo,
                    goldstein: ev.goldstein,
                    quad_class: ev.quad_class,
                    plover: ev.plover,
                    date: ev.date,
                    evidence: ev.evidence,
                    start,
                    end,
                    unit: Chars,
                }
            })
            .collect();
        Analysis {
            doc,
            article,
            entities,
            timex,
            quotes,
            events,
        }
    }
}

/// The character offsets of the byte offsets a document's values hold:
/// the offsets sorted once and the characters between them counted, as
/// [`crate::CharIndex::char_of`] reads them (a byte inside a character
/// counts as that character's start; past the end, the number of
/// characters) without a list of every character's start.
struct CharsAt {
    /// The byte offsets, sorted, without duplicates.
    bytes: Vec<usize>,
    /// The character offset of each.
    chars: Vec<usize>,
}

impl CharsAt {
    fn new(body: &str, mut bytes: Vec<usize>) -> CharsAt {
        bytes.sort_unstable();
        bytes.dedup();
        let mut chars = Vec::with_capacity(bytes.len());
        // The characters before `pos`, a char boundary.
        let (mut pos, mut n) = (0usize, 0usize);
        for &x in &bytes {
            // The start of the character holding `x` (or the end): as many
            // characters come before it as before `x`'s.
            let mut x = x.min(body.len());
            while !body.is_char_boundary(x) {
                x -= 1;
            }
            n += body[pos..x].chars().count();
            pos = x;
            chars.push(n);
        }
        CharsAt { bytes, chars }
    }

    /// The character offset of `byte`, one of the offsets given.
    fn char_of(&self, byte: usize) -> usize {
        self.bytes.binary_search(&byte).map_or(0, |i| self.chars[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_at_reads_as_a_char_index() {
        let body = "a美国é总统说\n𠀀b";
        let ci = crate::CharIndex::new(body);
        let all: Vec<usize> = (0..body.len() + 3).collect();
        let at = CharsAt::new(body, all.iter().rev().copied().collect());
        for &x in &all {
            assert_eq!(at.char_of(x), ci.char_of(x), "{x}");
        }
        let some = CharsAt::new(body, vec![7, 2, 7, 0]);
        assert_eq!(
            (some.char_of(0), some.char_of(2), some.char_of(7)),
            (0, 1, 3)
        );
        assert_eq!(CharsAt::new("", vec![0, 3]).char_of(3), 0);
    }

    #[test]
    fn byte_offsets_become_character_offsets_and_serialise_without_a_unit() {
        // "美国" is 6 bytes, 2 characters; "a" 1 and 1.
        let body = "a美国总统说";
        let found = Found {
            timex: vec![Timex {
                text: "美国".into(),
                value: "2024".into(),
                start: 1,
                end: 7,
                unit: Bytes,
            }],
            quotes: vec![Quote {
                speaker: None,
                text: "说".into(),
                start: 13,
                end: 16,
                unit: Bytes,
            }],
            ..Found::default()
        };
        let a = Analysis::new("d".into(), Article::default(), body, found);
        assert_eq!((a.timex[0].start, a.timex[0].end), (1, 3));
        assert_eq!((a.quotes[0].start, a.quotes[0].end), (5, 6));
        let json = serde_json::to_string(&a.timex[0]).unwrap();
        assert_eq!(json, r#"{"text":"美国","value":"2024","start":1,"end":3}"#);
        let back: Timex<Chars> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a.timex[0]);
    }

    /// `as_str` gives the names the JSON output prints.
    #[test]
    fn names_are_the_serialised_ones() {
        use crate::{Form, Script};
        let json = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
        for t in [EntityType::Person, EntityType::Country, EntityType::Org] {
            assert_eq!(t.as_str(), json(serde_json::json!(t)));
        }
        for s in [RoleStatus::InOffice, RoleStatus::Elect, RoleStatus::Former] {
            assert_eq!(s.as_str(), json(serde_json::json!(s)));
        }
        for s in [Script::Simplified, Script::Traditional] {
            assert_eq!(s.as_str(), json(serde_json::json!(s)));
        }
        for f in [
            Form::FeedDump,
            Form::Html,
            Form::Snapshot,
            Form::Wire,
            Form::Markdown,
            Form::FeedItem,
            Form::Plain,
        ] {
            assert_eq!(f.as_str(), json(serde_json::json!(f)));
        }
    }
}
