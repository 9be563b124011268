//! `shiju`: the command line. Argument parsing and wiring only; every stage
//! lives in its own crate (see ARCHITECTURE.md).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Args, Parser, Subcommand};
use shiju_pipeline::{input_files, Options, Pipeline};

mod store_cmds;

/// mimalloc instead of the system allocator: the analysis allocates many
/// short-lived strings and vectors, and glibc's malloc and free took about
/// an eighth of the instructions of an ingest.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "shiju",
    version,
    about = "时局 — Chinese-language international news to a time-stamped CAMEO event database"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Args, Clone)]
struct Common {
    /// A folder of lexicon files that extend or override the built-in ones.
    #[arg(long, global = true, value_name = "DIR")]
    lexicon: Option<PathBuf>,
    /// Largest input accepted, in bytes.
    #[arg(long, global = true, value_name = "N", default_value_t = shiju_ingest::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
}

#[derive(Subcommand)]
enum Cmd {
    /// Analyse documents: article, entities, time, events, quotes.
    Analyze {
        /// Files or folders (walked recursively).
        #[arg(required_unless_present = "jsonl")]
        paths: Vec<PathBuf>,
        /// Streaming mode: read JSON lines on standard input
        /// (`{"id": …, "bytes_b64": …}` or `{"id": …, "text": …, "published": …}`)
        /// and write one analysis per line (errors as `{"id": …, "error": …}`).
        #[arg(long, conflicts_with_all = ["json", "out"])]
        jsonl: bool,
        /// Print one JSON analysis per document (a JSON array).
        #[arg(long)]
        json: bool,
        /// Write DIR/<file name>.json for every input instead of printing.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Reference date (YYYY-MM-DD) for inputs that carry none.
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    #[command(flatten)]
    Store(store_cmds::StoreCmd),
    /// Score shiju against a gold folder (../shared/eval/GUIDELINES.md).
    Eval {
        /// Folder of raw documents with <name>.gold.json beside them.
        dir: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        common: Common,
    },
}

fn pipeline(common: &Common, published: Option<String>) -> Result<Pipeline> {
    Ok(Pipeline::new(&Options {
        lexicon: common.lexicon.clone(),
        max_bytes: Some(common.max_bytes),
        published,
    })?)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

fn analyze(paths: &[PathBuf], json: bool, out: Option<&Path>, pl: &Pipeline) -> Result<bool> {
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let mut all_json = Vec::new();
    let (mut ok, mut rejected) = (0usize, 0usize);
    if let Some(dir) = out {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    for f in input_files(paths) {
        let path = match f {
            Ok(p) => p,
            Err((p, e)) => {
                rejected += 1;
                eprintln!("{}: {e}", p.display());
                continue;
            }
        };
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                rejected += 1;
                eprintln!("{}: {e}", path.display());
                continue;
            }
        };
        let name = file_name(&path);
        let outcomes = pl.analyze_bytes(&name, &bytes);
        let mut file_json = Vec::new();
        for o in outcomes {
            match o.result {
                Ok(a) => {
                    ok += 1;
                    if json || out.is_some() {
                        file_json.push(serde_json::to_value(&a)?);
                    } else {
                        summary(&mut w, &a)?;
                    }
                }
                Err(e) => {
                    rejected += 1;
                    eprintln!("{} ({}): rejected: {e}", o.name, path.display());
                }
            }
        }
        if let Some(dir) = out {
            if !file_json.is_empty() {
                let v = if file_json.len() == 1 {
                    file_json.remove(0)
                } else {
                    serde_json::Value::Array(file_json)
                };
                let target = dir.join(format!("{name}.json"));
                std::fs::write(&target, serde_json::to_string_pretty(&v)?)
                    .with_context(|| format!("writing {}", target.display()))?;
            }
        } else {
            all_json.extend(file_json);
        }
    }
    if json && out.is_none() {
        serde_json::to_writer_pretty(&mut w, &all_json)?;
        writeln!(w)?;
    }
    w.flush()?;
    eprintln!("{} analysed, {} rejected", ok, rejected);
    Ok(ok > 0 || rejected == 0)
}

/// One input line of `analyze --jsonl`.
#[derive(serde::Deserialize)]
struct JsonlInput {
    id: serde_json::Value,
    #[serde(default)]
    bytes_b64: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

/// `analyze --jsonl`: JSON lines in, JSON lines out, in input order; a bad
/// line or document gives an error line and never stops the stream.
fn analyze_jsonl(pl: &Pipeline) -> Result<bool> {
    use base64::Engine as _;
    use std::io::BufRead;
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let err_line =
        |id: &serde_json::Value, msg: String| serde_json::json!({"id": id, "error": msg});
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.with_context(|| format!("reading standard input line {}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let input: JsonlInput = match serde_json::from_str(&line) {
            Ok(i) => i,
            Err(e) => {
                let v = err_line(
                    &serde_json::Value::Null,
                    format!("line {}: invalid JSON: {e}", n + 1),
                );
                serde_json::to_writer(&mut w, &v)?;
                writeln!(w)?;
                continue;
            }
        };
        let id = input.id.clone();
        let name = match &id {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let bytes = match (&input.bytes_b64, &input.text) {
            (Some(b), _) => match base64::engine::general_purpose::STANDARD.decode(b.trim()) {
                Ok(b) => b,
                Err(e) => {
                    serde_json::to_writer(&mut w, &err_line(&id, format!("bytes_b64: {e}")))?;
                    writeln!(w)?;
                    continue;
                }
            },
            (None, Some(t)) => t.clone().into_bytes(),
            (None, None) => {
                serde_json::to_writer(&mut w, &err_line(&id, "neither bytes_b64 nor text".into()))?;
                writeln!(w)?;
                continue;
            }
        };
        if let Some(p) = &input.published {
            if shiju_core::date::parse_ymd(p).is_none() {
                serde_json::to_writer(
                    &mut w,
                    &err_line(&id, format!("published {p:?} is not YYYY-MM-DD")),
                )?;
                writeln!(w)?;
                continue;
            }
        }
        for o in pl.analyze_bytes_with(&name, &bytes, input.published.as_deref()) {
            let v = match o.result {
                Ok(a) => {
                    let mut v = serde_json::to_value(&a)?;
                    if let Some(obj) = v.as_object_mut() {
                        obj.insert("id".into(), id.clone());
                    }
                    v
                }
                Err(e) => serde_json::json!({"id": id, "doc": o.name, "error": e.to_string()}),
            };
            serde_json::to_writer(&mut w, &v)?;
            writeln!(w)?;
        }
    }
    w.flush()?;
    Ok(true)
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

fn eval(dir: &Path, json: bool, pl: &Pipeline) -> Result<()> {
    let golds = shiju_eval::load_gold_dir(dir)?;
    let mut analyses = Vec::new();
    for (raw, _) in &golds {
        let bytes = std::fs::read(raw).with_context(|| format!("reading {}", raw.display()))?;
        let name = file_name(raw);
        let first = pl
            .analyze_bytes(&name, &bytes)
            .into_iter()
            .find_map(|o| o.result.ok());
        analyses.push(first);
    }
    let pairs: Vec<_> = golds
        .iter()
        .zip(&analyses)
        .map(|((_, g), a)| (g, a.as_ref()))
        .collect();
    let norm = |s: &str| pl.normalizer().normalize_str(s);
    let report = shiju_eval::evaluate(&pairs, &norm);
    if json {
        println!("{}", serde_json::to_string_pretty(&report.to_json())?);
    } else {
        print!("{}", report.to_table());
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let r = match &cli.cmd {
        Cmd::Analyze {
            jsonl: true,
            published,
            common,
            ..
        } => pipeline(common, published.clone()).and_then(|pl| analyze_jsonl(&pl)),
        Cmd::Analyze {
            paths,
            json,
            out,
            published,
            common,
            ..
        } => pipeline(common, published.clone())
            .and_then(|pl| analyze(paths, *json, out.as_deref(), &pl)),
        Cmd::Store(cmd) => store_cmds::run(cmd),
        Cmd::Eval { dir, json, common } => {
            pipeline(common, None).and_then(|pl| eval(dir, *json, &pl).map(|_| true))
        }
    };
    match r {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("shiju: {e:#}");
            ExitCode::from(2)
        }
    }
}
