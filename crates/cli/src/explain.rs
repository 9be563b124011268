//! `shiju explain TEXT|FILE`: how the event coder read each sentence.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use shiju_pipeline::Pipeline;

/// Explains `input`: a file when one exists at that path, else the text
/// itself. Prints, per sentence with a verb anchor, each pattern tried (its
/// anchor, CAMEO code, the actors its slots found) and what became of it,
/// then the events the sentence gave.
pub fn explain(input: &str, published: Option<&str>, pl: &Pipeline) -> Result<bool> {
    let path = Path::new(input);
    let (name, bytes) = if path.is_file() {
        (
            crate::file_name(path),
            shiju_pipeline::read_capped(path, pl.extractor.max_bytes)?,
        )
    } else {
        ("text".to_string(), input.as_bytes().to_vec())
    };
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let mut ok = true;
    for (item, result) in pl.explain_bytes(&name, &bytes, published) {
        let sentences = match result {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{}: rejected: {e}", crate::analyze::escape_controls(&item));
                ok = false;
                continue;
            }
        };
        writeln!(
            w,
            "== {item}: {} sentences with a verb anchor",
            sentences.len()
        )?;
        for s in sentences {
            writeln!(
                w,
                "\n«{}»{}",
                s.text.trim(),
                if s.blocked {
                    "  [sentence blocked: hypothetical, question or commentary]"
                } else {
                    ""
                }
            )?;
            for p in &s.patterns {
                let side = |v: &[String]| {
                    if v.is_empty() {
                        "-".to_string()
                    } else {
                        v.join(",")
                    }
                };
                writeln!(
                    w,
                    "  {} {:<5} {}  [{} → {}]  {}",
                    p.anchor,
                    p.code,
                    p.pattern,
                    side(&p.source),
                    side(&p.target),
                    p.outcome
                )?;
            }
            for e in &s.events {
                writeln!(
                    w,
                    "  ⇒ {} {}→{} {} (quad {})",
                    if e.date.is_empty() {
                        "(no date)"
                    } else {
                        &e.date
                    },
                    e.source,
                    e.target,
                    e.code,
                    e.quad_class
                )?;
            }
        }
    }
    w.flush()?;
    Ok(ok)
}
