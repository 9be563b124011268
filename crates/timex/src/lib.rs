//! shiju-timex: finds Chinese temporal expressions and resolves them against
//! the publication date.

use shiju_core::{Context, Text, Timex};

/// The compiled time-word rules, built once.
#[derive(Debug, Default)]
pub struct TimexRules {}

impl TimexRules {
    pub fn new(_user_dir: Option<&std::path::Path>) -> Result<Self, shiju_lexicon::LexiconError> {
        Ok(TimexRules {})
    }

    /// Temporal expressions of the text (byte offsets into `text.original`).
    pub fn find(&self, _text: &Text, _ctx: &Context) -> Vec<Timex> {
        Vec::new()
    }
}
