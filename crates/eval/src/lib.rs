//! shiju-eval: the scorer of `shared/eval/GUIDELINES.md`.
//!
//! [`load_gold_dir`] finds the gold files of a folder, [`evaluate`] scores
//! one predicted [`shiju_core::Analysis`] (or none) per gold document, and
//! [`Report::to_json`] / [`Report::to_table`] print the result.
//!
//! # Scoring rules
//!
//! Where the guidelines are silent, this crate reads them as follows.
//!
//! **Article** — each figure is the share of documents whose field is
//! right; with no documents every share is 0.0. A document with no analysis
//! has every field wrong. A gold `null` is right only when the prediction is
//! absent too; a predicted string that is empty after trimming counts as
//! absent.
//! * `title`: equal after removing all whitespace (incl. U+3000 and
//!   zero-width characters) and folding full-width ASCII (U+FF01–U+FF5E)
//!   to half-width, on both sides. No script normalisation.
//! * `published`: the trimmed predicted date equals `published` or one of
//!   `published_alt` (string comparison, `YYYY-MM-DD`).
//! * `authors`: equal as sets after trimming, collapsing inner whitespace,
//!   full-width folding and lower-casing; empty names are dropped.
//! * `outlet`, `url`: equal after trimming. `script`: the gold string
//!   (lower-cased) equals [`shiju_core::Script::as_str`]; a gold without
//!   `script` is never right.
//! * `body`: on the trimmed [`shiju_core::Article::body_text`] (paragraphs
//!   joined by `\n`): it starts with the trimmed `body_starts`, ends with the
//!   trimmed `body_ends`, contains every `body_must_contain` and none of
//!   `body_must_not_contain` (raw substrings; empty snippets are ignored).
//!
//! **Entities** — a predicted and a gold entity can be paired when their
//! types are equal and their sets of surface forms intersect after
//! `normalize` (gold: `forms`; predicted: `forms` plus every mention's text).
//! Pairs are chosen by a maximum bipartite matching (see [`matching`]);
//! among maximum matchings, one with the most equal ids is taken, so the
//! choice never lowers linking. `linking` = matched pairs with equal ids /
//! matched pairs (with no pair: 1.0 if there were no gold and no predicted
//! entities, else 0.0).
//!
//! **Timex** — multiset intersection of `(normalize(text), value)` pairs
//! (both trimmed): two gold `今天` with different values are two items.
//!
//! **Quotes** — a predicted quote can be paired with a gold quote when its
//! speaker id is the id of the predicted entity matched to the gold speaker
//! entity (if the gold speaker id is not among the gold entities, the
//! predicted speaker id must equal it), and its text, trimmed and stripped
//! of leading quotation marks, starts with the gold `starts` (stripped the
//! same way), compared raw or after `normalize` on both sides. One-to-one by
//! maximum matching. A quote with no speaker never matches.
//!
//! **Events** — a predicted event can be paired with a gold event when
//! source and target are equal (trimmed, case-insensitive), the predicted
//! root (first two digits of `cameo`, or of `code` when `cameo` is not a
//! root `01`–`20`) equals the gold `cameo` or one of `cameo_alt`, and the
//! date matches at the gold date's precision ([`dates::date_matches`]):
//! gold day → a predicted day at most one day away (a predicted month, week
//! or year never matches a gold day); gold month, ISO week or year → the
//! predicted date lies wholly inside it (a day in it, the same period, or a
//! finer period inside it: a week inside a month or year counts, a week
//! straddling the boundary does not — `2020-W53` is not inside `2020`).
//! Unparseable predicted dates or roots never match. One-to-one by maximum
//! matching, preferring pairs on the primary root, then exact date strings.
//! Quad classes (01–05 → 1, 06–09 → 2, 10–14 → 3, 15–20 → 4): TP and FN
//! are counted under the gold event's root, FP under the predicted event's
//! root (or its `quad_class` when the root is invalid; otherwise the FP
//! appears only in the totals).
//!
//! **Precision, recall, F1** — micro-averaged: counts are summed over all
//! documents first. P = tp/(tp+fp), R = tp/(tp+fn), F1 their harmonic mean.
//! When a denominator is 0: P (nothing predicted) is 1.0 if nothing was
//! expected either, else 0.0; R (nothing expected) is 1.0 if nothing was
//! predicted either, else 0.0; F1 is 0.0 when P + R = 0. So an empty task
//! with no predictions scores 1.0, and no predictions against gold score 0.
//!
//! **Report** — [`Report::to_json`] has exactly the keys of section 6;
//! figures are rounded to 4 decimals. Each `per_document` entry has the
//! documented `doc` and `events {tp, fp, fn}` plus debugging keys:
//! `predicted`, `entities {tp, fp, fn, linked}`, `timex`, `quotes`,
//! `events_by_quad`, `article {field: bool}`, `article_failures`,
//! `missed_*` / `spurious_*` lists and `unlinked`.
//!
//! Gold files are validated when loaded: every event must have a valid root,
//! valid alternatives and a date in one of the four formats.

pub mod dates;
mod gold;
pub mod matching;
mod report;
mod score;

pub use gold::{
    cameo_root, load_gold_dir, quad_of_root, EvalError, Gold, GoldArticle, GoldEntity, GoldEvent,
    GoldQuote, GoldTimex, GOLD_SUFFIX,
};
pub use report::{
    ArticleCheck, ArticleScores, Counts, DocReport, EventRow, Report, Tally, ARTICLE_FIELDS,
};
pub use score::{check_article, evaluate, fold_title, score_document};
