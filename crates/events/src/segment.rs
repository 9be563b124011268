//! Sentences and clauses of Chinese text, as byte spans of the normalised
//! text: the one segmenter of `shiju_text::segment`, named here for this
//! crate's modules.

pub use shiju_text::segment::{
    is_clause_break, is_full_stop, is_sentence_end, sentences, skip_to, Sentence,
};
