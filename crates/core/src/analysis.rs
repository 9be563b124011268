//! The output format of `shiju analyze`: one [`Analysis`] per article.
//!
//! The field names are those of `../shared/eval/GUIDELINES.md` and are
//! documented in `docs/analysis-format.md`. Stages fill `start`/`end` with
//! byte offsets into the article's body text; the pipeline converts them to
//! character offsets with [`Analysis::to_char_offsets`] before the analysis
//! leaves the process.

use serde::{Deserialize, Serialize};

use crate::text::CharIndex;
use crate::Article;

/// Everything shiju extracts from one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Analysis {
    /// The input's file name (feed items: `<file name>#<n>`).
    pub doc: String,
    pub article: Article,
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

/// Whether a person holds a role on the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleStatus {
    InOffice,
    Elect,
    Former,
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
pub struct Mention {
    /// The surface form as printed (original script).
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A real-world actor: person, state or organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
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
    pub mentions: Vec<Mention>,
    /// The actor code events use when it is not the entity's own: an organ
    /// acting for its organisation (the Security Council → `UN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
}

impl Entity {
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
pub struct Timex {
    pub text: String,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Www` or `YYYY`.
    pub value: String,
    pub start: usize,
    pub end: usize,
}

/// Direct speech attributed to a speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Entity id of the speaker, if one was found.
    pub speaker: Option<String>,
    /// The quoted text, without the quotation marks.
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Who did what to whom, when — coded with CAMEO.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
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
}

impl Analysis {
    /// Converts every byte offset (into `body`) to a character offset.
    pub fn to_char_offsets(&mut self, body: &str) {
        let ci = CharIndex::new(body);
        let conv = |s: &mut usize, e: &mut usize| {
            *s = ci.char_of(*s);
            *e = ci.char_of(*e);
        };
        for ent in &mut self.entities {
            for m in &mut ent.mentions {
                conv(&mut m.start, &mut m.end);
            }
        }
        for t in &mut self.timex {
            conv(&mut t.start, &mut t.end);
        }
        for q in &mut self.quotes {
            conv(&mut q.start, &mut q.end);
        }
        for ev in &mut self.events {
            conv(&mut ev.start, &mut ev.end);
        }
    }
}
