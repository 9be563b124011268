//! shiju-text: normalisation (traditional → simplified script, full-width →
//! half-width, regional transliterations → mainland standard) of an original
//! text into a [`shiju_core::Text`] that keeps the offset map.

use shiju_core::{Script, Text};

/// The normaliser, built once from the lexicon and shared by all documents.
#[derive(Debug, Default)]
pub struct Normalizer {}

impl Normalizer {
    /// The normaliser with the built-in tables, extended by a user lexicon folder.
    pub fn new(_user_dir: Option<&std::path::Path>) -> Result<Self, shiju_lexicon::LexiconError> {
        Ok(Normalizer {})
    }

    /// Normalises `original`.
    pub fn normalize(&self, original: &str) -> Text {
        Text::identity(original)
    }
}

/// Guesses the script of a text from the characters that differ between scripts.
pub fn detect_script(_s: &str) -> Script {
    Script::Simplified
}
