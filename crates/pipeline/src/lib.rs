//! shiju-pipeline: chains the pure stages.
//!
//! ```text
//! bytes ─▶ shiju-ingest ─▶ Article ─▶ shiju-text (Normalizer) ─▶ Text
//!   Text ─▶ shiju-entities (Gazetteer) ─▶ entities
//!   Text ─▶ shiju-timex (TimexRules)   ─▶ timex
//!   Text + entities + timex ─▶ shiju-events (Coder) ─▶ events, quotes
//!   ─▶ Analysis (offsets converted to characters)
//! ```
//!
//! Everything is loaded once in [`Pipeline::new`]; analysing a document does
//! no I/O and no set-up.

use std::path::PathBuf;

use shiju_core::{Analysis, Article, Context, Found};
use shiju_ingest::{Extractor, Reject};

/// Options that shape the pipeline.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A user lexicon folder whose files extend the built-in ones.
    pub lexicon: Option<PathBuf>,
    /// Cap on the size of one input (bytes); `None` = the default (20 MB).
    pub max_bytes: Option<usize>,
    /// Reference date for inputs that carry none (`YYYY-MM-DD`).
    pub published: Option<String>,
}

/// What became of one article-sized input.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// File name (`#n` for feed items).
    pub name: String,
    pub result: Result<Analysis, Reject>,
}

/// An item's name and its analysis with the normalised body, or why it
/// was rejected ([`Pipeline::analyze_bytes_normalized`]).
pub type NormalizedOutcome = (String, Result<(Analysis, String), Reject>);

/// Runs `f`, turning a panic into [`Reject::Internal`] naming the input and
/// the panic's message.
fn guarded<T>(name: &str, f: impl FnOnce() -> T) -> Result<T, Reject> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Reject::Internal(format!("the analysis of {name} panicked ({msg})"))
    })
}

/// The longest body (in characters) an article may have. The stages are
/// linear, but their memory is about 170 bytes per character of body: a
/// million characters (three times a long government white paper, a
/// hundred times a long news story) keeps one input near 200 MB.
pub const MAX_BODY_CHARS: usize = 1_000_000;

/// `Ok` when `a` is within the per-article budget, else the rejection that
/// says why.
fn within_budget(a: &Article) -> Result<(), Reject> {
    let mut chars = 0usize;
    for p in &a.paragraphs {
        chars += p.chars().count() + 1;
        if chars > MAX_BODY_CHARS {
            let total: usize = a.paragraphs.iter().map(|p| p.chars().count() + 1).sum();
            return Err(Reject::NotADocument(format!(
                "a body of {total} characters, over the budget of {MAX_BODY_CHARS} per article"
            )));
        }
    }
    Ok(())
}

pub mod jsonl;
mod walk;
pub use walk::{input_files, read_capped, warc_records, WarcDoc, MAX_DEPTH};

pub struct Pipeline {
    pub extractor: Extractor,
    gazetteer: shiju_entities::Gazetteer,
    timex: shiju_timex::TimexRules,
    coder: shiju_events::Coder,
    published: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("lexicon: {0}")]
    Lexicon(#[from] shiju_lexicon::LexiconError),
    #[error("--published {0:?} is not a date of the form YYYY-MM-DD")]
    BadDate(String),
}

impl Pipeline {
    pub fn new(opts: &Options) -> Result<Pipeline, PipelineError> {
        let lex = opts.lexicon.as_deref();
        shiju_lexicon::words::init(lex)?;
        let mut extractor = Extractor::new(lex)?;
        if let Some(m) = opts.max_bytes {
            extractor.max_bytes = m;
        }
        if let Some(p) = &opts.published {
            if shiju_core::date::parse_ymd(p).is_none() {
                return Err(PipelineError::BadDate(p.clone()));
            }
        }
        // One normaliser per process: the coder's and the gazetteer's (which
        // keeps it, the pipeline's).
        let normalizer = shiju_text::Normalizer::new(lex)?;
        let coder = shiju_events::Coder::with_normalizer(lex, &|s| normalizer.normalize_str(s))?;
        Ok(Pipeline {
            extractor,
            gazetteer: shiju_entities::Gazetteer::with_normalizer(lex, normalizer)?,
            timex: shiju_timex::TimexRules::new(lex)?,
            coder,
            published: opts.published.clone(),
        })
    }

    /// The script normaliser (the evaluator compares forms with it).
    pub fn normalizer(&self) -> &shiju_text::Normalizer {
        self.gazetteer.normalizer()
    }

    /// Analyses one raw input named `name`.
    pub fn analyze_bytes(&self, name: &str, bytes: &[u8]) -> Vec<Outcome> {
        self.analyze_bytes_with(name, bytes, None)
    }

    /// Like [`Pipeline::analyze_bytes`], with a reference date for this
    /// input when it carries none (`YYYY-MM-DD`).
    ///
    /// A panic in any stage (a bug) never aborts the caller's run: the
    /// input becomes one rejection, [`Reject::Internal`], in every mode
    /// (`analyze`, `--jsonl`, `ingest`, `serve`).
    pub fn analyze_bytes_with(
        &self,
        name: &str,
        bytes: &[u8],
        published: Option<&str>,
    ) -> Vec<Outcome> {
        self.analyze_bytes_from(name, bytes, published, None)
    }

    /// Like [`Pipeline::analyze_bytes_with`], with the URL the input was
    /// fetched from (`analyze --jsonl`'s `url`): the articles' URL, and
    /// their outlet and date where the page gives none.
    pub fn analyze_bytes_from(
        &self,
        name: &str,
        bytes: &[u8],
        published: Option<&str>,
        url: Option<&str>,
    ) -> Vec<Outcome> {
        guarded(name, || {
            let fetched = shiju_ingest::warc::fetch_date(bytes);
            self.extract(name, bytes)
                .into_iter()
                .map(|item| Outcome {
                    result: item.result.map(|mut a| {
                        if a.published.is_none() {
                            a.published = published.map(str::to_string);
                        }
                        if let Some(url) = url {
                            self.extractor.set_source_url(&mut a, url);
                        }
                        self.analyze_article_dated(&item.name, a, fetched.as_deref())
                            .0
                    }),
                    name: item.name,
                })
                .collect()
        })
        .unwrap_or_else(|reject| {
            vec![Outcome {
                name: name.to_string(),
                result: Err(reject),
            }]
        })
    }

    /// Like [`Pipeline::analyze_bytes`], each analysis with its body in
    /// normalised (simplified) script — what the store fingerprints and
    /// indexes — so the body is not normalised twice.
    /// A panicking stage rejects the input as [`Pipeline::analyze_bytes`] does.
    pub fn analyze_bytes_normalized(&self, name: &str, bytes: &[u8]) -> Vec<NormalizedOutcome> {
        guarded(name, || {
            let fetched = shiju_ingest::warc::fetch_date(bytes);
            self.extract(name, bytes)
                .into_iter()
                .map(|item| {
                    let r = item
                        .result
                        .map(|a| self.analyze_article_dated(&item.name, a, fetched.as_deref()));
                    (item.name, r)
                })
                .collect()
        })
        .unwrap_or_else(|reject| vec![(name.to_string(), Err(reject))])
    }

    /// The extractor's items, each article held to the per-article budget.
    fn extract(&self, name: &str, bytes: &[u8]) -> Vec<shiju_ingest::Item> {
        let mut items = self.extractor.extract(name, bytes);
        for item in &mut items {
            if let Ok(a) = &item.result {
                if let Err(reject) = within_budget(a) {
                    item.result = Err(reject);
                }
            }
        }
        items
    }

    /// Runs the analysis stages over an extracted article.
    pub fn analyze_article(&self, name: &str, article: Article) -> Analysis {
        self.analyze_article_normalized(name, article).0
    }

    /// Fills the article's publication date (from the body's own evidence,
    /// else `fetched` — a WARC record's fetch day —, else `--published`) and
    /// script; returns the body, its normalised text and the analysis
    /// context.
    fn prepare(
        &self,
        article: &mut Article,
        fetched: Option<&str>,
    ) -> (String, shiju_core::Text, Context) {
        let body = article.body_text();
        if article.published.is_none() {
            // The body's own evidence (a date code, a dated credit line, a
            // dateline, a printed date line), else the fetch day, else the
            // caller's --published.
            let fallback = fetched.or(self.published.as_deref());
            let hint = fallback.and_then(shiju_core::date::parse_ymd);
            article.published = self
                .timex
                .guess_published(&body, hint)
                .map(|d| {
                    // (A day's string by hand; chrono's for a year past 1–9999.)
                    shiju_core::date::Period::Day(d)
                        .render()
                        .unwrap_or_else(|| d.format("%Y-%m-%d").to_string())
                })
                .or_else(|| fallback.map(str::to_string));
        }
        let (text, script) = self.normalizer().normalize_detect(&body);
        article.script = script;
        let ctx = Context {
            published: article.reference_date(),
            script: article.script,
            home: article
                .outlet
                .as_deref()
                .and_then(|o| self.extractor.rules.outlet_state(o))
                .map(str::to_string),
        };
        (body, text, ctx)
    }

    /// The event coder's trace of every article of one input: per sentence
    /// with an anchor, the patterns tried, their outcome and the events
    /// (`shiju explain`). Rejected items keep their reason.
    pub fn explain_bytes(
        &self,
        name: &str,
        bytes: &[u8],
        published: Option<&str>,
    ) -> Vec<(String, Result<Vec<shiju_events::SentenceTrace>, Reject>)> {
        let fetched = shiju_ingest::warc::fetch_date(bytes);
        let run = || {
            self.extract(name, bytes)
                .into_iter()
                .map(|item| {
                    let r = item.result.map(|mut a| {
                        if a.published.is_none() {
                            a.published = published.map(str::to_string);
                        }
                        let (_, text, ctx) = self.prepare(&mut a, fetched.as_deref());
                        let entities = self.gazetteer.recognize(&text, &ctx);
                        let timex = self.timex.find(&text, &ctx);
                        self.coder.explain(&text, &entities, &timex, &ctx)
                    });
                    (item.name, r)
                })
                .collect()
        };
        guarded(name, run).unwrap_or_else(|reject| vec![(name.to_string(), Err(reject))])
    }

    /// [`Pipeline::analyze_article`] and the normalised body.
    pub fn analyze_article_normalized(&self, name: &str, article: Article) -> (Analysis, String) {
        self.analyze_article_dated(name, article, None)
    }

    /// [`Pipeline::analyze_article_normalized`] with the day the input was
    /// fetched, the publication date's last resort before `--published`.
    fn analyze_article_dated(
        &self,
        name: &str,
        mut article: Article,
        fetched: Option<&str>,
    ) -> (Analysis, String) {
        let (body, text, ctx) = self.prepare(&mut article, fetched);
        let entities = self.gazetteer.recognize(&text, &ctx);
        let timex = self.timex.find(&text, &ctx);
        // Captions are analysed on their own, only as date evidence.
        let captions: Vec<_> = article
            .captions
            .iter()
            .map(|c| {
                let t = self.normalizer().normalize(c);
                let x = self.timex.find(&t, &ctx);
                // A caption without a time expression dates nothing: its
                // entities are not needed.
                let e = if x.is_empty() {
                    Vec::new()
                } else {
                    self.gazetteer.recognize(&t, &ctx)
                };
                (t, e, x)
            })
            .collect();
        let caption_refs: Vec<_> = captions
            .iter()
            .map(|(t, e, x)| shiju_events::Caption {
                text: t,
                entities: e,
                timex: x,
            })
            .collect();
        let (events, quotes) =
            self.coder
                .events_and_quotes(&text, &entities, &timex, &ctx, &caption_refs);
        let found = Found {
            entities,
            timex,
            quotes,
            events,
        };
        let analysis = Analysis::new(name.to_string(), article, &body, found);
        (analysis, text.norm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_rejection() {
        let r: Result<(), Reject> = guarded("x.html", || panic!("slice begin > end"));
        let msg = r.unwrap_err().to_string();
        assert!(msg.contains("internal error"), "{msg}");
        assert!(
            msg.contains("x.html") && msg.contains("slice begin > end"),
            "{msg}"
        );
        assert_eq!(guarded("y", || 7).unwrap(), 7);
    }

    #[test]
    fn an_article_over_the_body_budget_is_rejected_with_its_size() {
        let pl = Pipeline::new(&Options::default()).unwrap();
        let para = "美国总统当天在白宫会见来访的日本首相，双方就地区安全局势交换了意见。";
        // Distinct paragraphs (repeated lines are boilerplate to the extractor).
        let body = |k: usize| -> String { (0..k).map(|i| format!("{para}（{i}）\n")).collect() };
        let over = body(MAX_BODY_CHARS / para.chars().count() + 1);
        let out = pl.analyze_bytes("big.txt", over.as_bytes());
        let msg = out[0].result.as_ref().unwrap_err().to_string();
        assert!(msg.contains("over the budget of 1000000"), "{msg}");
        let under = body(50);
        assert!(pl.analyze_bytes("ok.txt", under.as_bytes())[0]
            .result
            .is_ok());
    }
}
