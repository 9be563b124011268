//! shiju-events: codes "who did what to whom, when" with CAMEO from the
//! sentences of a text, and attributes quotes to speakers.

use shiju_core::{Context, Entity, Event, Quote, Text, Timex};

/// The compiled verb-pattern lexicon and CAMEO tables, built once.
#[derive(Debug, Default)]
pub struct Coder {}

impl Coder {
    pub fn new(_user_dir: Option<&std::path::Path>) -> Result<Self, shiju_lexicon::LexiconError> {
        Ok(Coder {})
    }

    /// Events coded from the text, one per (source, target, root, date).
    pub fn events(&self, _text: &Text, _entities: &[Entity], _timex: &[Timex], _ctx: &Context) -> Vec<Event> {
        Vec::new()
    }

    /// Quotes with their speakers.
    pub fn quotes(&self, _text: &Text, _entities: &[Entity], _ctx: &Context) -> Vec<Quote> {
        Vec::new()
    }
}
