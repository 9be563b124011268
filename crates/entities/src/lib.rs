//! shiju-entities: recognises people, states and organisations in a
//! normalised [`Text`] and links them to gazetteer ids with their role on the
//! publication date.

use shiju_core::{Context, Entity, Text};

/// The compiled gazetteer, built once and shared by all documents.
#[derive(Debug, Default)]
pub struct Gazetteer {}

impl Gazetteer {
    pub fn new(_user_dir: Option<&std::path::Path>) -> Result<Self, shiju_lexicon::LexiconError> {
        Ok(Gazetteer {})
    }

    /// Entities of the text, each with its mentions (byte offsets into `text.original`).
    pub fn recognize(&self, _text: &Text, _ctx: &Context) -> Vec<Entity> {
        Vec::new()
    }
}
