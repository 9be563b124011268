//! The scores, as JSON (section 6 of the guidelines) and as a text table.

use serde_json::{json, Map, Value};

/// True positives, false positives and false negatives of one task.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn new(tp: usize, fp: usize, fn_: usize) -> Counts {
        Counts { tp, fp, fn_ }
    }

    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }

    /// `tp / (tp + fp)`; with nothing predicted, 1.0 if nothing was expected
    /// either, else 0.0.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp, self.fn_ == 0)
    }

    /// `tp / (tp + fn)`; with nothing expected, 1.0 if nothing was predicted
    /// either, else 0.0.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_, self.fp == 0)
    }

    /// Harmonic mean of precision and recall (0.0 when both are 0).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn json(&self) -> Value {
        json!({"tp": self.tp, "fp": self.fp, "fn": self.fn_})
    }

    fn prf_json(&self) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("precision".into(), num(self.precision()));
        m.insert("recall".into(), num(self.recall()));
        m.insert("f1".into(), num(self.f1()));
        m
    }
}

fn ratio(num: usize, den: usize, vacuous_ok: bool) -> f64 {
    if den == 0 {
        if vacuous_ok {
            1.0
        } else {
            0.0
        }
    } else {
        num as f64 / den as f64
    }
}

/// A figure rounded to 4 decimals for the JSON report.
fn num(x: f64) -> Value {
    json!((x * 10_000.0).round() / 10_000.0)
}

/// Share of documents whose article field is right.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ArticleScores {
    pub title: f64,
    pub published: f64,
    pub authors: f64,
    pub outlet: f64,
    pub url: f64,
    pub script: f64,
    pub body: f64,
}

/// Which article fields of one document are right, and why the others are not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleCheck {
    pub title: bool,
    pub published: bool,
    pub authors: bool,
    pub outlet: bool,
    pub url: bool,
    pub script: bool,
    pub body: bool,
    /// One line per failure, e.g. `body: missing body_ends '…'`.
    pub failures: Vec<String>,
}

/// The article fields scored, in report order.
pub const ARTICLE_FIELDS: [&str; 7] = [
    "title",
    "published",
    "authors",
    "outlet",
    "url",
    "script",
    "body",
];

impl ArticleCheck {
    /// The fields in report order ([`ARTICLE_FIELDS`]) with their verdicts.
    pub fn fields(&self) -> [(&'static str, bool); 7] {
        let ok = [
            self.title,
            self.published,
            self.authors,
            self.outlet,
            self.url,
            self.script,
            self.body,
        ];
        std::array::from_fn(|i| (ARTICLE_FIELDS[i], ok[i]))
    }
}

/// An event as shown in the report (gold or predicted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    pub source: String,
    pub target: String,
    /// Two-digit root (predicted: the root the scorer used).
    pub root: String,
    /// Gold: the alternative roots; predicted: empty.
    pub alt: Vec<String>,
    /// Predicted: the full code; gold: `code` if given.
    pub code: Option<String>,
    pub date: String,
    pub evidence: String,
}

impl EventRow {
    fn json(&self) -> Value {
        json!({
            "source": self.source, "target": self.target, "cameo": self.root,
            "cameo_alt": self.alt, "code": self.code, "date": self.date,
            "evidence": self.evidence,
        })
    }

    fn line(&self) -> String {
        let mut root = self.root.clone();
        if let Some(c) = &self.code {
            if c != &self.root && !c.is_empty() {
                root = format!("{root} ({c})");
            }
        }
        if !self.alt.is_empty() {
            root = format!("{root} alt {}", self.alt.join(","));
        }
        format!(
            "{}→{} {} {} «{}»",
            self.source,
            self.target,
            root,
            self.date,
            clip(&self.evidence, 40)
        )
    }
}

/// The counts of each task: of one document ([`DocReport`]) or summed over
/// all ([`Report`], micro-averaged).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub entities: Counts,
    /// Matched entity pairs whose ids are equal.
    pub entities_linked: usize,
    pub timex: Counts,
    pub quotes: Counts,
    pub events: Counts,
    /// Events per quad class 1–4 (TP/FN under the gold quad, FP under the predicted one).
    pub events_by_quad: [Counts; 4],
}

impl Tally {
    pub fn add(&mut self, o: &Tally) {
        self.entities.add(o.entities);
        self.entities_linked += o.entities_linked;
        self.timex.add(o.timex);
        self.quotes.add(o.quotes);
        self.events.add(o.events);
        for (q, c) in self.events_by_quad.iter_mut().zip(o.events_by_quad) {
            q.add(c);
        }
    }
}

/// The scores of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocReport {
    pub doc: String,
    /// Whether an analysis was given for the document.
    pub predicted: bool,
    pub article: ArticleCheck,
    pub counts: Tally,
    /// Gold entity ids with no predicted match.
    pub missed_entities: Vec<String>,
    /// Predicted entities with no gold match: `id (first form)`.
    pub spurious_entities: Vec<String>,
    /// Matched pairs with different ids: (gold id, predicted id).
    pub unlinked: Vec<(String, String)>,
    /// (text, value).
    pub missed_timex: Vec<(String, String)>,
    pub spurious_timex: Vec<(String, String)>,
    /// (speaker, starts) of gold quotes not matched.
    pub missed_quotes: Vec<(String, String)>,
    /// (speaker, text) of predicted quotes not matched.
    pub spurious_quotes: Vec<(Option<String>, String)>,
    pub missed_events: Vec<EventRow>,
    pub spurious_events: Vec<EventRow>,
}

impl DocReport {
    fn json(&self) -> Value {
        let mut art = Map::new();
        for (k, ok) in self.article.fields() {
            art.insert(k.into(), json!(ok));
        }
        let mut ents = self.counts.entities.json();
        ents["linked"] = json!(self.counts.entities_linked);
        let pairs = |v: &[(String, String)], a: &str, b: &str| -> Value {
            Value::Array(v.iter().map(|(x, y)| json!({a: x, b: y})).collect())
        };
        json!({
            "doc": self.doc,
            "predicted": self.predicted,
            "events": self.counts.events.json(),
            "events_by_quad": quad_map(&self.counts.events_by_quad, |c| c.json()),
            "entities": ents,
            "timex": self.counts.timex.json(),
            "quotes": self.counts.quotes.json(),
            "article": Value::Object(art),
            "article_failures": self.article.failures,
            "missed_entities": self.missed_entities,
            "spurious_entities": self.spurious_entities,
            "unlinked": pairs(&self.unlinked, "gold", "predicted"),
            "missed_timex": pairs(&self.missed_timex, "text", "value"),
            "spurious_timex": pairs(&self.spurious_timex, "text", "value"),
            "missed_quotes": pairs(&self.missed_quotes, "speaker", "starts"),
            "spurious_quotes": Value::Array(self.spurious_quotes.iter()
                .map(|(s, t)| json!({"speaker": s, "text": t})).collect()),
            "missed_events": Value::Array(self.missed_events.iter().map(EventRow::json).collect()),
            "spurious_events": Value::Array(self.spurious_events.iter().map(EventRow::json).collect()),
        })
    }
}

fn quad_map(q: &[Counts; 4], f: impl Fn(&Counts) -> Value) -> Value {
    let mut m = Map::new();
    for (i, c) in q.iter().enumerate() {
        m.insert((i + 1).to_string(), f(c));
    }
    Value::Object(m)
}

/// The whole evaluation: micro-averaged over all documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub documents: usize,
    pub article: ArticleScores,
    /// The documents' counts summed.
    pub counts: Tally,
    pub per_document: Vec<DocReport>,
}

impl Report {
    /// Matched entity pairs with equal ids / matched pairs; with no matched
    /// pair, 1.0 if there were no entities at all, else 0.0.
    pub fn linking(&self) -> f64 {
        let e = &self.counts.entities;
        ratio(self.counts.entities_linked, e.tp, e.fp == 0 && e.fn_ == 0)
    }

    /// The report object of section 6 of the guidelines (figures rounded to
    /// 4 decimals); `per_document` entries carry extra debugging keys.
    pub fn to_json(&self) -> Value {
        let a = &self.article;
        let mut ents = self.counts.entities.prf_json();
        ents.insert("linking".into(), num(self.linking()));
        let mut events = self.counts.events.prf_json();
        events.insert(
            "by_quad".into(),
            quad_map(&self.counts.events_by_quad, |c| Value::Object(c.prf_json())),
        );
        json!({
            "documents": self.documents,
            "article": {
                "title": num(a.title), "published": num(a.published),
                "authors": num(a.authors), "outlet": num(a.outlet), "url": num(a.url),
                "script": num(a.script), "body": num(a.body),
            },
            "entities": Value::Object(ents),
            "timex": Value::Object(self.counts.timex.prf_json()),
            "quotes": Value::Object(self.counts.quotes.prf_json()),
            "events": Value::Object(events),
            "per_document": Value::Array(self.per_document.iter().map(DocReport::json).collect()),
        })
    }

    /// A human-readable report: the same figures, then per document the
    /// counts, the article fields that failed and why, and what was missed
    /// or spurious.
    pub fn to_table(&self) -> String {
        let mut o = self.summary_table();
        self.push_documents(&mut o);
        o
    }

    /// The figures alone: article fields, then precision/recall/F1 per task
    /// and per quad class (the head of [`Report::to_table`]).
    pub fn summary_table(&self) -> String {
        let mut o = String::new();
        let a = &self.article;
        o.push_str(&format!("documents: {}\n\n", self.documents));
        o.push_str(&format!(
            "{:<10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10}\n",
            "article", "title", "published", "authors", "outlet", "url", "script", "body"
        ));
        o.push_str(&format!(
            "{:<10} {:>10.3} {:>10.3} {:>10.3} {:>10.3} {:>10.3} {:>10.3} {:>10.3}\n\n",
            "", a.title, a.published, a.authors, a.outlet, a.url, a.script, a.body
        ));
        o.push_str("task        precision  recall      f1     tp     fp     fn\n");
        let row = |o: &mut String, name: &str, c: &Counts, extra: &str| {
            o.push_str(&format!(
                "{:<10} {:>10.3} {:>7.3} {:>7.3} {:>6} {:>6} {:>6}{}\n",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_,
                extra
            ));
        };
        row(
            &mut o,
            "entities",
            &self.counts.entities,
            &format!(
                "   linking {:.3} ({}/{})",
                self.linking(),
                self.counts.entities_linked,
                self.counts.entities.tp
            ),
        );
        row(&mut o, "timex", &self.counts.timex, "");
        row(&mut o, "quotes", &self.counts.quotes, "");
        row(&mut o, "events", &self.counts.events, "");
        let names = [
            "verbal cooperation",
            "material cooperation",
            "verbal conflict",
            "material conflict",
        ];
        for (i, c) in self.counts.events_by_quad.iter().enumerate() {
            row(
                &mut o,
                &format!("  quad {}", i + 1),
                c,
                &format!("   {}", names[i]),
            );
        }
        o
    }

    /// Per document: the counts, the article fields that failed and why,
    /// and what was missed or spurious.
    fn push_documents(&self, o: &mut String) {
        let head = "document (tp/fp/fn)";
        let w = self
            .per_document
            .iter()
            .map(|d| width(&d.doc))
            .max()
            .unwrap_or(0)
            .max(head.len());
        o.push_str(&format!(
            "\n{head:<w$} {:>9} {:>9} {:>9} {:>9}  article\n",
            "entities", "timex", "quotes", "events"
        ));
        let tri = |c: &Counts| format!("{}/{}/{}", c.tp, c.fp, c.fn_);
        for d in &self.per_document {
            let failed: Vec<&str> = d
                .article
                .fields()
                .iter()
                .filter(|(_, ok)| !ok)
                .map(|(k, _)| *k)
                .collect();
            let art = if failed.is_empty() {
                "ok".to_string()
            } else {
                format!("wrong: {}", failed.join(", "))
            };
            o.push_str(&format!(
                "{}{} {:>9} {:>9} {:>9} {:>9}  {}{}\n",
                d.doc,
                " ".repeat(w - width(&d.doc)),
                tri(&d.counts.entities),
                tri(&d.counts.timex),
                tri(&d.counts.quotes),
                tri(&d.counts.events),
                art,
                if d.predicted { "" } else { " (no analysis)" }
            ));
        }
        for d in &self.per_document {
            let mut lines: Vec<String> = Vec::new();
            lines.extend(d.article.failures.iter().cloned());
            let list = |label: &str, items: Vec<String>, lines: &mut Vec<String>| {
                if !items.is_empty() {
                    lines.push(format!("{label}: {}", items.join(", ")));
                }
            };
            list("missed entities", d.missed_entities.clone(), &mut lines);
            list("spurious entities", d.spurious_entities.clone(), &mut lines);
            list(
                "wrong ids (gold≠predicted)",
                d.unlinked.iter().map(|(g, p)| format!("{g}≠{p}")).collect(),
                &mut lines,
            );
            list(
                "missed timex",
                d.missed_timex
                    .iter()
                    .map(|(t, v)| format!("{t}={v}"))
                    .collect(),
                &mut lines,
            );
            list(
                "spurious timex",
                d.spurious_timex
                    .iter()
                    .map(|(t, v)| format!("{t}={v}"))
                    .collect(),
                &mut lines,
            );
            for (s, t) in &d.missed_quotes {
                lines.push(format!("missed quote: {s} «{}»", clip(t, 30)));
            }
            for (s, t) in &d.spurious_quotes {
                lines.push(format!(
                    "spurious quote: {} «{}»",
                    s.as_deref().unwrap_or("(no speaker)"),
                    clip(t, 30)
                ));
            }
            for e in &d.missed_events {
                lines.push(format!("missed event: {}", e.line()));
            }
            for e in &d.spurious_events {
                lines.push(format!("spurious event: {}", e.line()));
            }
            if lines.is_empty() {
                continue;
            }
            o.push_str(&format!("\n== {}\n", d.doc));
            for l in lines {
                o.push_str("  ");
                o.push_str(&l);
                o.push('\n');
            }
        }
    }
}

/// At most `n` characters of `s`, with `…` when cut.
pub(crate) fn clip(s: &str, n: usize) -> String {
    let s = s.trim().replace(['\r', '\n'], "⏎");
    if s.chars().count() <= n {
        s
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}

/// Terminal width of `s`: wide (CJK, full-width) characters count two.
fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}
