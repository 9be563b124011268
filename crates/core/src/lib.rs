//! shiju-core: the typed values that flow through the pipeline.
//!
//! ```text
//! raw bytes ─▶ Article ─▶ Text (original + normalised + offset map)
//!                                        ├─▶ Vec<Entity>  (shiju-entities)
//!                                        ├─▶ Vec<Timex>   (shiju-timex)
//!                                        └─▶ Vec<Event>, Vec<Quote> (shiju-events)
//!                                                  └─▶ Analysis (shiju-pipeline)
//! ```
//!
//! Every stage is a pure function over these values; none of them does I/O.
//! Offsets inside the pipeline are **byte** offsets into [`Text::original`]
//! (`Entity`, `Timex`, `Quote`, `Event` are `…<Bytes>` by default);
//! [`Analysis`] (the output format) carries **character** offsets
//! (`…<Chars>`), converted once by [`Analysis::new`]: the unit of every
//! `start`/`end` is in its value's type.

pub mod analysis;
pub mod article;
pub mod date;
pub mod testdata;
pub mod text;

pub use analysis::{
    Analysis, Bytes, Chars, Entity, EntityType, Event, Found, Mention, Quote, Role, RoleStatus,
    Timex, Unit,
};
pub use article::{Article, Form, Script};
pub use date::{Date, Period};
pub use text::{CharIndex, NormChars, Text, TextBuilder};

/// The context every analysis stage receives besides the text itself.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Publication date of the article (reference date for relative time
    /// expressions and for roles that hold between dates).
    pub published: Option<Date>,
    /// Script of the original text.
    pub script: Script,
    /// The state of the outlet (ISO3), for Chinese-language outlets of a
    /// Chinese-speaking state (`lexicon/outlet_states.tsv`): a national body
    /// named without its state (外交部) belongs to it.
    pub home: Option<String>,
}
