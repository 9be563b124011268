//! `shiju`: the command line. Argument parsing and wiring only; every stage
//! lives in its own crate (see ARCHITECTURE.md).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use clap::{Args, Parser, Subcommand};
use shiju_pipeline::{Options, Pipeline};

mod alloc;
mod analyze;
mod explain;
mod store_cmds;
mod tables;

use analyze::{analyze, analyze_jsonl};

/// mimalloc instead of the system allocator: the analysis allocates many
/// short-lived strings and vectors, and glibc's malloc and free took about
/// an eighth of the instructions of an ingest (`alloc.rs`).
#[global_allocator]
static GLOBAL: alloc::MiMalloc = alloc::MiMalloc;

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
        /// (`{"id": …, "bytes_b64": …}`, `{"id": …, "text": …, "published": …}`
        /// or `{"id": …, "path": …}` for a local file, WARC files record by
        /// record) and write one analysis per line (errors as `{"id": …, "error": …}`).
        #[arg(long, conflicts_with_all = ["json", "out"])]
        jsonl: bool,
        /// With --jsonl: write the analyses as the Spark driver's Parquet
        /// tables (DIR/events/event_month=M, articles, entities, rejects)
        /// and answer each line with `{"id":…,"tables":1}` once its rows
        /// are written.
        #[arg(long, value_name = "DIR", requires = "jsonl")]
        tables: Option<PathBuf>,
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
    /// How the event coder reads each sentence of a text or a file: the
    /// patterns whose anchor fired, which matched (with which actors) or why
    /// not, and the events.
    Explain {
        /// A file, or the text itself.
        input: String,
        /// Reference date (YYYY-MM-DD) for inputs that carry none.
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    #[command(flatten)]
    Store(store_cmds::StoreCmd),
    /// Score shiju against gold folders (../shared/eval/GUIDELINES.md):
    /// one table per folder, then the total over all of them.
    Eval {
        /// Folders of raw documents with <name>.gold.json beside them.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        common: Common,
    },
}

fn pipeline(common: &Common, published: Option<String>) -> Result<Pipeline> {
    new_pipeline(common.lexicon.clone(), common.max_bytes, published)
}

/// The pipeline of `--lexicon`, `--max-bytes` and `--published`.
fn new_pipeline(
    lexicon: Option<PathBuf>,
    max_bytes: usize,
    published: Option<String>,
) -> Result<Pipeline> {
    Ok(Pipeline::new(&Options {
        lexicon,
        max_bytes: Some(max_bytes),
        published,
    })?)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// Analyses every raw document of a gold folder (the first article of each).
fn analyse_gold_dir(
    dir: &Path,
    pl: &Pipeline,
) -> Result<Vec<(shiju_eval::Gold, Option<shiju_core::Analysis>)>> {
    let golds = shiju_eval::load_gold_dir(dir)?;
    let mut out = Vec::with_capacity(golds.len());
    for (raw, gold) in golds {
        let bytes = std::fs::read(&raw).with_context(|| format!("reading {}", raw.display()))?;
        let name = file_name(&raw);
        let first = pl
            .analyze_bytes(&name, &bytes)
            .into_iter()
            .find_map(|o| o.result.ok());
        out.push((gold, first));
    }
    Ok(out)
}

/// Scores each folder, and with more than one folder also their union
/// (the `total`: every document counted once, micro-averaged). JSON: one
/// folder prints its report; several print `{"folders": {DIR: report},
/// "total": report}`.
fn eval(dirs: &[PathBuf], json: bool, pl: &Pipeline) -> Result<()> {
    let norm = |s: &str| pl.normalizer().normalize_str(s);
    let mut all = Vec::new();
    let mut reports = Vec::new();
    for dir in dirs {
        let docs = analyse_gold_dir(dir, pl)?;
        let pairs: Vec<_> = docs.iter().map(|(g, a)| (g, a.as_ref())).collect();
        reports.push((dir, shiju_eval::evaluate(&pairs, &norm)));
        all.extend(docs);
    }
    let total = (dirs.len() > 1).then(|| {
        let pairs: Vec<_> = all.iter().map(|(g, a)| (g, a.as_ref())).collect();
        shiju_eval::evaluate(&pairs, &norm)
    });
    if json {
        let v = match &total {
            None => reports[0].1.to_json(),
            Some(t) => {
                let folders: serde_json::Map<_, _> = reports
                    .iter()
                    .map(|(d, r)| (d.display().to_string(), r.to_json()))
                    .collect();
                serde_json::json!({"folders": folders, "total": t.to_json()})
            }
        };
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(());
    }
    for (dir, r) in &reports {
        if total.is_some() {
            println!("#### {}\n", dir.display());
        }
        print!("{}", r.to_table());
        if total.is_some() {
            println!();
        }
    }
    if let Some(t) = &total {
        println!("#### total ({} folders)\n", dirs.len());
        print!("{}", t.summary_table());
    }
    Ok(())
}

/// Runs a command over the pipeline, which then lives until the process
/// ends: freeing its lexicons (some 200,000 allocations) costs about
/// 9 M instructions, as much as analysing a page, and the process exits
/// right after anyway.
fn until_exit<T>(pl: Pipeline, run: impl FnOnce(&Pipeline) -> T) -> T {
    let out = run(&pl);
    std::mem::forget(pl);
    out
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let r = match &cli.cmd {
        Cmd::Analyze {
            jsonl: true,
            tables,
            published,
            common,
            ..
        } => pipeline(common, published.clone())
            .and_then(|pl| until_exit(pl, |pl| analyze_jsonl(pl, tables.as_deref()))),
        Cmd::Analyze {
            paths,
            json,
            out,
            published,
            common,
            ..
        } => pipeline(common, published.clone())
            .and_then(|pl| until_exit(pl, |pl| analyze(paths, *json, out.as_deref(), pl))),
        Cmd::Explain {
            input,
            published,
            common,
        } => pipeline(common, published.clone())
            .and_then(|pl| until_exit(pl, |pl| explain::explain(input, published.as_deref(), pl))),
        Cmd::Store(cmd) => store_cmds::run(cmd),
        Cmd::Eval { dirs, json, common } => pipeline(common, None)
            .and_then(|pl| until_exit(pl, |pl| eval(dirs, *json, pl).map(|_| true))),
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
