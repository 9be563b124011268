//! `shiju analyze`: files and folders, or JSON lines on standard input.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use shiju_pipeline::{input_files, Pipeline};

use crate::file_name;

/// A path as printed on the terminal: control characters (escape
/// sequences, newlines) are escaped so that a file name cannot forge
/// output lines.
pub fn shown(p: &Path) -> String {
    escape_controls(&p.display().to_string())
}

/// `s` with control characters written as `\u{..}` escapes.
pub fn escape_controls(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Where `--out` writes the analysis of each input: the input's path below
/// the folder it was found in (a file given directly: its name), plus
/// `.json`, so same-named files of different folders never overwrite each
/// other. Components longer than a file system takes are shortened and made
/// unique with a hash; a name already used gets `~2`, `~3`…
struct OutNames {
    dir: PathBuf,
    used: HashSet<PathBuf>,
}

impl OutNames {
    /// Longest file-name component, in bytes, that is written as it is.
    const MAX_COMPONENT: usize = 200;

    fn target(&mut self, root: &Path, file: &Path) -> PathBuf {
        let rel = file
            .strip_prefix(root)
            .ok()
            .filter(|r| !r.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from(file_name(file)));
        let mut out = self.dir.clone();
        let parts: Vec<String> = rel
            .components()
            .filter_map(|c| match c {
                std::path::Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        for (i, part) in parts.iter().enumerate() {
            let part = if i + 1 == parts.len() {
                format!("{part}.json")
            } else {
                part.clone()
            };
            out.push(Self::short(&part));
        }
        let mut candidate = out.clone();
        let mut n = 1;
        while !self.used.insert(candidate.clone()) {
            n += 1;
            let name = format!("{}~{n}", file_name(&out));
            candidate = out.with_file_name(name);
        }
        candidate
    }

    fn short(part: &str) -> String {
        if part.len() <= Self::MAX_COMPONENT {
            return part.to_string();
        }
        let mut cut = Self::MAX_COMPONENT - 20;
        while !part.is_char_boundary(cut) {
            cut -= 1;
        }
        let hash = part.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        format!("{}-{hash:016x}.json", &part[..cut])
    }
}

/// Writes one input's analyses (one object, or an array for a feed).
fn write_out(target: &Path, mut analyses: Vec<serde_json::Value>) -> Result<()> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let v = if analyses.len() == 1 {
        analyses.remove(0)
    } else {
        serde_json::Value::Array(analyses)
    };
    std::fs::write(target, serde_json::to_string_pretty(&v)?)?;
    Ok(())
}

/// `analyze PATH...`: a summary per document on standard output, or `--json`
/// (one JSON array, streamed: nothing is held but the current document), or
/// `--out DIR` (one file per input). Every input is counted: analysed, or
/// rejected with its path and reason on standard error; a failure to write
/// one output is that input's rejection, never the end of the run.
pub fn analyze(paths: &[PathBuf], json: bool, out: Option<&Path>, pl: &Pipeline) -> Result<bool> {
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let (mut ok, mut rejected) = (0usize, 0usize);
    let mut names = out.map(|dir| OutNames {
        dir: dir.to_path_buf(),
        used: HashSet::new(),
    });
    if let Some(dir) = out {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut first_json = true;
    if json {
        write!(w, "[")?;
    }
    // One input document (a file, or a record of a WARC file).
    let mut one = |root: &Path, path: &Path, name: &str, bytes: &[u8]| -> Result<()> {
        let mut file_json = Vec::new();
        for o in pl.analyze_bytes(name, bytes) {
            match o.result {
                Ok(a) if json => {
                    ok += 1;
                    w.write_all(if first_json { b"\n" } else { b",\n" })?;
                    first_json = false;
                    serde_json::to_writer_pretty(&mut w, &a)?;
                }
                Ok(a) if out.is_some() => {
                    ok += 1;
                    file_json.push(serde_json::to_value(&a)?);
                }
                Ok(a) => {
                    ok += 1;
                    summary(&mut w, &a)?;
                }
                Err(e) => {
                    rejected += 1;
                    eprintln!(
                        "{} ({}): rejected: {e}",
                        escape_controls(&o.name),
                        shown(path)
                    );
                }
            }
        }
        if let (Some(names), false) = (names.as_mut(), file_json.is_empty()) {
            let target = names.target(root, path);
            let n = file_json.len();
            if let Err(e) = write_out(&target, file_json) {
                // Its analyses were counted as analysed: move them.
                ok -= n;
                rejected += n;
                eprintln!("{}: writing {}: {e:#}", shown(path), shown(&target));
            }
        }
        Ok(())
    };
    // Inputs that could not be read (counted with the rejections).
    let mut unread = 0usize;
    for root in paths {
        for f in input_files(std::slice::from_ref(root)) {
            let path = match f {
                Ok(p) => p,
                Err((p, e)) => {
                    unread += 1;
                    eprintln!("{}: {e}", shown(&p));
                    continue;
                }
            };
            // A WARC file: each document record is an input.
            if let Some(records) = shiju_pipeline::warc_records(&path, pl.extractor.max_bytes) {
                for r in records {
                    match r.bytes {
                        Ok(bytes) => one(root, Path::new(&r.path), &r.name, &bytes)?,
                        Err(e) => {
                            unread += 1;
                            eprintln!("{}: rejected: {e}", escape_controls(&r.path));
                        }
                    }
                }
                continue;
            }
            let bytes = match shiju_pipeline::read_capped(&path, pl.extractor.max_bytes) {
                Ok(b) => b,
                Err(e) => {
                    unread += 1;
                    eprintln!("{}: {e}", shown(&path));
                    continue;
                }
            };
            one(root, &path, &file_name(&path), &bytes)?;
        }
    }
    rejected += unread;
    if json {
        writeln!(w, "{}]", if first_json { "" } else { "\n" })?;
    }
    w.flush()?;
    eprintln!("{} analysed, {} rejected", ok, rejected);
    Ok(ok > 0 || rejected == 0)
}

/// `analyze --jsonl`: JSON lines in, JSON lines out, in input order; every
/// line is answered (see `shiju_pipeline::jsonl`), whatever it holds. With
/// `tables`, the answers go into Parquet tables there instead
/// (`crate::tables`) and each line is acknowledged once they are written.
pub fn analyze_jsonl(pl: &Pipeline, tables: Option<&Path>) -> Result<bool> {
    let mut input = std::io::stdin().lock();
    let mut w = std::io::BufWriter::new(std::io::stdout().lock());
    let mut writer = tables.map(crate::tables::Writer::new).transpose()?;
    let mut line = Vec::new();
    for n in 1.. {
        line.clear();
        let read = read_line(&mut input, &mut line)
            .with_context(|| format!("reading standard input line {n}"))?;
        if !read {
            break;
        }
        if let Some(writer) = writer.as_mut() {
            let id = shiju_pipeline::jsonl::answer_docs(pl, n, &line, &mut |answers, raw| {
                writer.hold(answers, raw.map(crate::tables::digest));
            });
            if let Some(id) = id {
                writer.end_line(id, &mut w)?;
            }
            continue;
        }
        for out in shiju_pipeline::jsonl::answer(pl, n, &line) {
            w.write_all(out.as_bytes())?;
            w.write_all(b"\n")?;
        }
    }
    if let Some(writer) = writer.as_mut() {
        writer.finish(&mut w)?;
    }
    w.flush()?;
    Ok(true)
}

/// `BufRead::read_until(b'\n', line)` with the memchr crate's SIMD search
/// (std's is a word at a time): true if anything was read.
fn read_line(r: &mut impl std::io::BufRead, line: &mut Vec<u8>) -> std::io::Result<bool> {
    let mut read = false;
    loop {
        let buf = match r.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(read);
        }
        read = true;
        if let Some(i) = memchr::memchr(b'\n', buf) {
            line.extend_from_slice(&buf[..=i]);
            r.consume(i + 1);
            return Ok(true);
        }
        let n = buf.len();
        line.extend_from_slice(buf);
        r.consume(n);
    }
}

fn summary(w: &mut impl Write, a: &shiju_core::Analysis) -> Result<()> {
    let art = &a.article;
    writeln!(w, "== {}", a.doc)?;
    writeln!(
        w,
        "   {} | {} | {} | {} | {:?} {}",
        art.title.as_deref().unwrap_or("(no title)"),
        art.published.as_deref().unwrap_or("(no date)"),
        art.outlet.as_deref().unwrap_or("(no outlet)"),
        if art.authors.is_empty() {
            "(no byline)".to_string()
        } else {
            art.authors.join(", ")
        },
        art.form,
        art.script.as_str(),
    )?;
    writeln!(
        w,
        "   {} paragraphs, {} entities, {} timex, {} quotes, {} events",
        art.paragraphs.len(),
        a.entities.len(),
        a.timex.len(),
        a.quotes.len(),
        a.events.len()
    )?;
    for e in &a.events {
        writeln!(
            w,
            "   {} {}→{} {} ({}) «{}»",
            e.date, e.source, e.target, e.code, e.quad_class, e.evidence
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::read_line;

    /// Lines as `read_until` gives them, across buffer refills, the last
    /// one with or without its newline.
    #[test]
    fn lines_are_read_as_read_until_reads_them() {
        for input in [&b"ab\ncdefg\n\nh"[..], b"ab\ncdefg\n\nh\n", b"", b"\n"] {
            let mut r = std::io::BufReader::with_capacity(3, input);
            let mut got = Vec::new();
            let mut line = Vec::new();
            while read_line(&mut r, &mut line).unwrap() {
                got.push(std::mem::take(&mut line));
            }
            let want: Vec<Vec<u8>> = input
                .split_inclusive(|&c| c == b'\n')
                .map(<[u8]>::to_vec)
                .collect();
            assert_eq!(got, want);
        }
    }
}
