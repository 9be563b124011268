//! Articles: what extraction makes of a raw input (metadata and body paragraphs).

use serde::{Deserialize, Serialize};

/// The raw form a document was recognised as, detected from its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// Feed-mirror dump: `<!--epoch-ms-->`, a markdown title link, `------`, an HTML body.
    FeedDump,
    /// An HTML page from a news site.
    Html,
    /// A crawler's text snapshot of a page, with navigation and related-news junk.
    Snapshot,
    /// Wire copy in plain text (dateline, credits, ROC date code).
    Wire,
    /// Markdown with YAML front matter (feed archives).
    Markdown,
    /// An item of an RSS 2.0 or Atom feed.
    FeedItem,
    /// Plain text with no recognisable structure.
    #[default]
    Plain,
}

impl Form {
    /// The name the JSON output gives the form (its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Form::FeedDump => "feed_dump",
            Form::Html => "html",
            Form::Snapshot => "snapshot",
            Form::Wire => "wire",
            Form::Markdown => "markdown",
            Form::FeedItem => "feed_item",
            Form::Plain => "plain",
        }
    }
}

/// Script of a Chinese text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    #[default]
    Simplified,
    Traditional,
}

impl Script {
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Simplified => "simplified",
            Script::Traditional => "traditional",
        }
    }
}

/// A clean article: metadata and body paragraphs, boilerplate removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Article {
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD` (the outlet's local date).
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub script: Script,
    /// The day a wire dateline gives (（中央社巴黎13日電） → that day), when it
    /// differs from `published`: the reference date for relative time words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// Body paragraphs in reading order, as printed (original script).
    pub paragraphs: Vec<String>,
    /// Image captions of the article (figure captions, the line under a
    /// photo), as printed. Not part of the body: analysis offsets never
    /// point into them; they serve as date evidence for the events the
    /// body reports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captions: Vec<String>,
    /// Raw form the article was extracted from.
    #[serde(default)]
    pub form: Form,
    /// Encoding the raw bytes were decoded with.
    #[serde(default)]
    pub encoding: String,
}

impl Article {
    /// The text every analysis stage reads: the paragraphs joined by `\n`.
    /// All offsets in an [`crate::Analysis`] point into this string.
    pub fn body_text(&self) -> String {
        self.paragraphs.join("\n")
    }

    /// The date relative time words refer to: the dateline's day, else the
    /// publication date.
    pub fn reference_date(&self) -> Option<crate::Date> {
        self.dateline
            .as_deref()
            .or(self.published.as_deref())
            .and_then(crate::date::parse_ymd)
    }
}
