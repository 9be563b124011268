//! Subcommands that work on the embedded store (`ingest`, `events`,
//! `relations`, `network`, `search`, `export`, `show`, `rejects`,
//! `reanalyze`, `import`, `watch`, `serve`).

use std::io::{IsTerminal as _, Read as _, Write as _};
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::{Args, Subcommand};
use shiju_pipeline::{input_files, Options, Pipeline};
use shiju_store::export::ExportFormat;
use shiju_store::query::{By, EventFilter, Span};
use shiju_store::{Format, Input, Progress, Store, Summary};

#[path = "watch.rs"]
mod watch;

#[derive(Args, Clone)]
pub struct DataArgs {
    /// The data folder holding the store.
    #[arg(long, value_name = "DIR", default_value = shiju_store::DEFAULT_DATA)]
    data: PathBuf,
}

#[derive(Args, Clone)]
pub struct PipelineArgs {
    /// A folder of lexicon files that extend or override the built-in ones.
    #[arg(long, value_name = "DIR")]
    lexicon: Option<PathBuf>,
    /// Largest input accepted, in bytes.
    #[arg(long, value_name = "N", default_value_t = shiju_ingest::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Analysis threads (0 = one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    threads: usize,
}

#[derive(Args, Clone)]
pub struct QueryArgs {
    /// First day (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Last day (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Output format: table, json or csv.
    #[arg(long, value_name = "FORMAT", default_value = "table")]
    format: Format,
}

impl QueryArgs {
    fn span(&self) -> Span {
        Span {
            from: self.from.clone(),
            to: self.to.clone(),
        }
    }
}

#[derive(Subcommand)]
pub enum StoreCmd {
    /// Analyse documents into the store (files, folders recursively, `-` for stdin).
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Reference date (YYYY-MM-DD) for inputs that carry none.
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        pipeline: PipelineArgs,
    },
    /// Load the Spark driver's Parquet output (spark/shiju_spark.py: the
    /// `articles` and `rejects` datasets, read recursively) into the store.
    Import {
        /// The driver's output folder (or its `articles` folder).
        parquet_dir: PathBuf,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        pipeline: PipelineArgs,
    },
    /// Poll RSS/Atom feeds over HTTP (conditional GET) and ingest their new
    /// items; errors back off per feed.
    Watch {
        /// Feed URLs.
        #[arg(required = true)]
        urls: Vec<String>,
        /// Seconds between polls of a feed (doubled after each error, up to 6 h).
        #[arg(long, value_name = "SECS", default_value_t = 300)]
        interval: u64,
        /// Poll each feed once, now, and exit (for cron and tests).
        #[arg(long)]
        once: bool,
        /// Stop polling a feed after N errors in a row (default: never).
        #[arg(long, value_name = "N")]
        max_errors: Option<u32>,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        pipeline: PipelineArgs,
    },
    /// List rejected inputs and feed items with file and reason.
    Rejects {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        query: QueryArgs,
    },
    /// Print a stored document (id, SHA-256 prefix or file name) with its
    /// articles, entities and events.
    Show {
        doc: String,
        /// Write the original bytes to stdout, byte for byte.
        #[arg(long)]
        raw: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Re-run the pipeline over the stored snapshots and rebuild every derived table.
    Reanalyze {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        pipeline: PipelineArgs,
    },
    /// List events.
    Events {
        /// Events with this actor on either side: a code (CHN) or a name in
        /// either script or English (中国, 中國, China).
        #[arg(long, value_name = "ACTOR")]
        actor: Option<String>,
        /// Directed source-target pair (e.g. CHN-RUS, 中国-俄罗斯).
        #[arg(long, value_name = "A-B")]
        dyad: Option<String>,
        /// A folder of lexicon files (more actor names).
        #[arg(long, value_name = "DIR")]
        lexicon: Option<PathBuf>,
        /// CAMEO root (e.g. 04).
        #[arg(long, value_name = "RR")]
        root: Option<String>,
        /// CAMEO code or code prefix (e.g. 042).
        #[arg(long, value_name = "CODE")]
        code: Option<String>,
        /// Quad class 1-4.
        #[arg(long, value_name = "N")]
        quad: Option<u8>,
        /// At most N events.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        query: QueryArgs,
    },
    /// Relations between two actors per period, both directions, with a Goldstein sparkline.
    Relations {
        /// First actor: a code (CHN) or a name (中国, China).
        a: String,
        /// Second actor.
        b: String,
        /// A folder of lexicon files (more actor names).
        #[arg(long, value_name = "DIR")]
        lexicon: Option<PathBuf>,
        /// Period: day, week or month.
        #[arg(long, value_name = "PERIOD", default_value = "month")]
        by: By,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        query: QueryArgs,
    },
    /// Weighted actor-to-actor edges.
    Network {
        /// Leave out edges with fewer events.
        #[arg(long, value_name = "N", default_value_t = 1)]
        min_count: usize,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        query: QueryArgs,
    },
    /// Full-text search over titles and bodies (any script).
    Search {
        query_text: String,
        /// At most N articles.
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        /// A folder of lexicon files (for script normalisation of the query).
        #[arg(long, value_name = "DIR")]
        lexicon: Option<PathBuf>,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        query: QueryArgs,
    },
    /// Serve the JSON API, the web dashboard and Atom feeds over the store.
    Serve {
        /// Address to listen on (loopback by default).
        #[arg(long, value_name = "IP:PORT", default_value = shiju_server::DEFAULT_ADDR)]
        addr: std::net::SocketAddr,
        /// Token that `POST /api/documents` requires (default: the
        /// SHIJU_TOKEN environment variable; without either, uploads are refused).
        #[arg(long, value_name = "TOKEN")]
        token: Option<String>,
        /// Largest request body accepted, in bytes (413 above).
        #[arg(long, value_name = "N", default_value_t = shiju_server::DEFAULT_MAX_BODY)]
        max_body: usize,
        /// The server's address as clients reach it, for absolute links in
        /// Atom feeds (default: http:// + the address listened on).
        #[arg(long, value_name = "URL")]
        public_url: Option<String>,
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        pipeline: PipelineArgs,
    },
    /// Export events: gdelt (GDELT 2.0 event table, 61 TSV columns),
    /// gdelt-mentions (GDELT 2.0 mentions, 16 columns), csv, jsonl or parquet;
    /// or the entities or quotes of every article (CSV, JSONL or Parquet).
    Export {
        /// gdelt, gdelt-mentions, csv, jsonl, parquet (needs --out),
        /// entities, entities-jsonl, entities-parquet (needs --out), quotes,
        /// quotes-jsonl or quotes-parquet (needs --out).
        #[arg(long, value_name = "FORMAT", default_value = "gdelt")]
        format: ExportFormat,
        /// Write to FILE instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// First day (YYYY, YYYY-MM or YYYY-MM-DD), inclusive: of the event,
        /// or of the article for entities and quotes.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
}

fn open(d: &DataArgs) -> Result<Store> {
    let store = Store::open_existing(&d.data)?;
    if store.is_read_only() {
        eprintln!(
            "{}: cannot be written here; opened read-only",
            d.data.display()
        );
    }
    Ok(store)
}

/// Opens an existing store (queries must not create one by accident).
fn open_existing(d: &DataArgs) -> Result<Store> {
    let db = d.data.join(shiju_store::DB_FILE);
    if !db.exists() {
        anyhow::bail!(
            "{}: no store here (run `shiju ingest --data {} PATH...` first)",
            db.display(),
            d.data.display()
        );
    }
    Store::open(&d.data)
}

fn build_pipeline(p: &PipelineArgs, published: Option<String>) -> Result<Pipeline> {
    crate::new_pipeline(p.lexicon.clone(), p.max_bytes, published)
}

/// Progress on stderr: a bar on a terminal, a plain line every 5% otherwise.
struct Reporter {
    bar: Option<indicatif::ProgressBar>,
    step: usize,
    /// Inputs done at the last progress line (no terminal).
    printed: std::cell::Cell<usize>,
    /// What the progress line calls stored inputs ("ingested", "imported").
    done_word: &'static str,
}

impl Reporter {
    fn new(total: usize, what: &str) -> Reporter {
        let bar = std::io::stderr().is_terminal().then(|| {
            let b = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{spinner} {msg} [{bar:40}] {pos}/{len} ({per_sec}, eta {eta})",
            ) {
                b.set_style(style.progress_chars("=> "));
            }
            b.set_message(what.to_string());
            b
        });
        Reporter {
            bar,
            step: (total / 20).max(1),
            printed: std::cell::Cell::new(0),
            done_word: if what == "importing" {
                "imported"
            } else {
                "ingested"
            },
        }
    }

    fn update(&self, p: &Progress) {
        for (at, reason) in &p.rejections {
            let line = format!("{at}: rejected: {reason}");
            match &self.bar {
                Some(b) => b.println(line),
                None => eprintln!("{line}"),
            }
        }
        match &self.bar {
            Some(b) => {
                b.set_position(p.done as u64);
            }
            None => {
                // A line each time another twentieth is done (batches end
                // anywhere, so `done` rarely lands on a multiple).
                let crossed = p.done / self.step > self.printed.get() / self.step;
                if crossed || (p.done == p.total && self.printed.get() != p.total) {
                    self.printed.set(p.done);
                    eprintln!(
                        "progress: {}/{} inputs: {} {}, {} duplicate, {} rejected",
                        p.done, p.total, p.ingested, self.done_word, p.duplicate, p.rejected
                    );
                }
            }
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>> {
    let mut out = Vec::new();
    let mut files = Vec::new();
    let flush = |files: &mut Vec<PathBuf>, out: &mut Vec<Input>| {
        for f in input_files(files) {
            out.push(match f {
                Ok(p) => Input::File(p),
                Err((p, e)) => Input::Error {
                    path: p.display().to_string(),
                    error: e.to_string(),
                },
            });
        }
        files.clear();
    };
    for p in paths {
        if p.as_os_str() == "-" {
            flush(&mut files, &mut out);
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("reading standard input")?;
            out.push(Input::Bytes {
                name: "stdin".into(),
                path: "-".into(),
                bytes,
            });
        } else if std::fs::symlink_metadata(p).is_err() {
            // A mistyped path is the command's error, not a stored rejection.
            anyhow::bail!("{}: no such file or folder", crate::analyze::shown(p));
        } else {
            files.push(p.clone());
        }
    }
    flush(&mut files, &mut out);
    Ok(out)
}

fn report(s: &Summary) {
    eprintln!("{s}");
    if s.rejected > 0 || s.rejected_items > 0 {
        eprintln!("(see `shiju rejects` for each rejection's file and reason)");
    }
}

fn write_out(f: impl FnOnce(&mut dyn std::io::Write) -> Result<()>) -> Result<()> {
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let r = f(&mut w).and_then(|()| Ok(w.flush()?));
    match r {
        // `shiju events | head`: the reader left; not an error.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            Ok(())
        }
        r => r,
    }
}

pub fn run(cmd: &StoreCmd) -> Result<bool> {
    match cmd {
        StoreCmd::Ingest {
            paths,
            published,
            data,
            pipeline,
        } => {
            let pl = build_pipeline(pipeline, published.clone())?;
            let mut store = open(data)?;
            let inputs = inputs(paths)?;
            let rep = Reporter::new(inputs.len(), "ingesting");
            let s = shiju_store::ingest(&mut store, &pl, inputs, pipeline.threads, &mut |p| {
                rep.update(p)
            });
            rep.finish();
            let s = s?;
            report(&s);
            Ok(s.ingested + s.duplicate > 0 || s.rejected == 0)
        }
        StoreCmd::Import {
            parquet_dir,
            data,
            pipeline,
        } => {
            let pl = build_pipeline(pipeline, None)?;
            let inputs = shiju_store::import::inputs(parquet_dir)?;
            let mut store = open(data)?;
            let rep = Reporter::new(inputs.len(), "importing");
            let s = shiju_store::ingest(&mut store, &pl, inputs, pipeline.threads, &mut |p| {
                rep.update(p)
            });
            rep.finish();
            let s = s?;
            eprintln!("{}", shiju_store::import::summary_line(&s));
            if s.rejected > 0 || s.rejected_items > 0 {
                eprintln!("(see `shiju rejects` for each rejection's file and reason)");
            }
            Ok(s.ingested + s.duplicate > 0 || s.rejected == 0)
        }
        StoreCmd::Watch {
            urls,
            interval,
            once,
            max_errors,
            data,
            pipeline,
        } => {
            let pl = build_pipeline(pipeline, None)?;
            let mut store = open(data)?;
            watch::run(
                &mut store,
                &pl,
                &watch::WatchOptions {
                    urls: urls.clone(),
                    interval_secs: *interval,
                    once: *once,
                    max_errors: *max_errors,
                    max_bytes: pipeline.max_bytes,
                    threads: pipeline.threads,
                },
            )
        }
        StoreCmd::Reanalyze { data, pipeline } => {
            let pl = build_pipeline(pipeline, None)?;
            let mut store = open_existing(data)?;
            let n = store.counts()?.documents as usize;
            let rep = Reporter::new(n, "reanalysing");
            let s =
                shiju_store::reanalyze(&mut store, &pl, pipeline.threads, &mut |p| rep.update(p));
            rep.finish();
            let s = s?;
            report(&s);
            Ok(true)
        }
        StoreCmd::Rejects { data, query } => {
            let store = open_existing(data)?;
            let rows = shiju_store::query::rejects(&store, &query.span())?;
            write_out(|w| Ok(rows.write(query.format, w)?))?;
            Ok(true)
        }
        StoreCmd::Show { doc, raw, data } => show(doc, *raw, data),
        StoreCmd::Events {
            actor,
            dyad,
            root,
            code,
            quad,
            limit,
            lexicon,
            data,
            query,
        } => events(
            actor.as_deref(),
            dyad.as_deref(),
            (root.as_ref(), code.as_ref(), *quad, *limit),
            lexicon.as_deref(),
            data,
            query,
        ),
        StoreCmd::Relations {
            a,
            b,
            lexicon,
            by,
            data,
            query,
        } => relations((a, b), lexicon.as_deref(), *by, data, query),
        StoreCmd::Network {
            min_count,
            data,
            query,
        } => {
            let store = open_existing(data)?;
            let rows = shiju_store::query::network(&store, &query.span(), *min_count)?;
            write_out(|w| Ok(rows.write(query.format, w)?))?;
            Ok(true)
        }
        StoreCmd::Search {
            query_text,
            limit,
            lexicon,
            data,
            query,
        } => {
            let store = open_existing(data)?;
            let pl = Pipeline::new(&Options {
                lexicon: lexicon.clone(),
                ..Options::default()
            })?;
            let norm = pl.normalizer().normalize_str(query_text);
            let rows =
                shiju_store::query::search(&store, query_text, Some(&norm), &query.span(), *limit)?;
            write_out(|w| Ok(rows.write(query.format, w)?))?;
            Ok(!rows.rows.is_empty())
        }
        StoreCmd::Serve {
            addr,
            token,
            max_body,
            public_url,
            data,
            pipeline,
        } => {
            let token = token
                .clone()
                .or_else(|| std::env::var(shiju_server::TOKEN_ENV).ok())
                .filter(|t| !t.trim().is_empty());
            shiju_server::serve(shiju_server::Config {
                data: data.data.clone(),
                addr: *addr,
                token,
                max_body: *max_body,
                pipeline: Options {
                    lexicon: pipeline.lexicon.clone(),
                    max_bytes: Some(pipeline.max_bytes),
                    published: None,
                },
                threads: pipeline.threads,
                public_url: public_url.clone(),
                limits: shiju_server::Limits::default(),
            })?;
            Ok(true)
        }
        StoreCmd::Export {
            format,
            out,
            from,
            to,
            data,
        } => export(
            *format,
            out.as_deref(),
            Span {
                from: from.clone(),
                to: to.clone(),
            },
            data,
        ),
    }
}

fn show(doc: &str, raw: bool, data: &DataArgs) -> Result<bool> {
    let store = open_existing(data)?;
    let Some((id, how)) = store.resolve_doc_how(doc)? else {
        anyhow::bail!("{doc}: no such document in {}", data.data.display());
    };
    eprintln!("{doc}: document {id}, found {}", how.as_str());
    if raw {
        if store.is_imported(id)? {
            anyhow::bail!(
                "{doc}: imported from Parquet (`shiju import`): the raw bytes were not part of the import"
            );
        }
        let bytes = store
            .raw(id)?
            .with_context(|| format!("{doc}: the input was too large; no snapshot kept"))?;
        let mut out = std::io::stdout().lock();
        out.write_all(&bytes)?;
        out.flush()?;
    } else {
        write_out(|w| store.show(id, w))?;
    }
    Ok(true)
}

fn events(
    actor: Option<&str>,
    dyad: Option<&str>,
    (root, code, quad, limit): (Option<&String>, Option<&String>, Option<u8>, Option<usize>),
    lexicon: Option<&std::path::Path>,
    data: &DataArgs,
    query: &QueryArgs,
) -> Result<bool> {
    let names = shiju_store::resolve::ActorNames::load(lexicon)?;
    let dyad = match dyad {
        Some(d) => {
            let (a, b) = d
                .split_once('-')
                .with_context(|| format!("--dyad {d:?}: expected SOURCE-TARGET, e.g. CHN-RUS"))?;
            Some((names.resolve(a)?, names.resolve(b)?))
        }
        None => None,
    };
    let actor = actor.map(|a| names.resolve_any(a)).transpose()?;
    let store = open_existing(data)?;
    let rows = shiju_store::query::events(
        &store,
        &EventFilter {
            span: query.span(),
            actor,
            dyad,
            root: root.cloned(),
            code: code.cloned(),
            quad,
            limit,
        },
    )?;
    write_out(|w| Ok(rows.write(query.format, w)?))?;
    Ok(true)
}

fn relations(
    (a, b): (&str, &str),
    lexicon: Option<&std::path::Path>,
    by: By,
    data: &DataArgs,
    query: &QueryArgs,
) -> Result<bool> {
    let names = shiju_store::resolve::ActorNames::load(lexicon)?;
    let (a, b) = (&names.resolve(a)?, &names.resolve(b)?);
    let store = open_existing(data)?;
    let r = shiju_store::query::relations(&store, a, b, by, &query.span())?;
    let spark = shiju_store::render::sparkline(&r.means);
    write_out(|w| {
        match query.format {
            Format::Json => {
                let v = serde_json::json!({
                    "a": a.to_uppercase(),
                    "b": b.to_uppercase(),
                    "periods": r.periods,
                    "goldstein_mean": r.means,
                    "sparkline": spark,
                    "sparkline_signs": shiju_store::render::sparkline_signs(&r.means),
                    "rows": r.rows.to_json(),
                });
                serde_json::to_writer_pretty(&mut *w, &v)?;
                writeln!(w)?;
            }
            Format::Csv => r.rows.write(Format::Csv, w)?,
            Format::Table => {
                r.rows.write(Format::Table, w)?;
                if let (Some(f), Some(l)) = (r.periods.first(), r.periods.last()) {
                    writeln!(w)?;
                    let head = format!(
                        "Goldstein mean {}–{} ({} {}s): {f} ",
                        a.to_uppercase(),
                        b.to_uppercase(),
                        r.periods.len(),
                        match by {
                            By::Day => "day",
                            By::Week => "week",
                            By::Month => "month",
                        }
                    );
                    writeln!(w, "{head}{spark} {l}")?;
                    // The zero line: each period's sign, under its bar.
                    let pad = " ".repeat(shiju_store::render::width(&head));
                    let signs = shiju_store::render::sparkline_signs(&r.means);
                    writeln!(w, "{pad}{}", signs.trim_end())?;
                    writeln!(w, "{}", shiju_store::render::sparkline_legend(&r.means))?;
                } else {
                    writeln!(w, "(no events between {a} and {b})")?;
                }
            }
        }
        Ok(())
    })?;
    Ok(true)
}

/// The name a user gives `format` on the command line.
fn format_name(format: shiju_store::export::ExportFormat) -> &'static str {
    use shiju_store::export::{Encoding, ExportFormat, Table};
    match format {
        ExportFormat::Parquet => "parquet",
        ExportFormat::Table(Table::Entities, Encoding::Parquet) => "entities-parquet",
        ExportFormat::Table(Table::Quotes, Encoding::Parquet) => "quotes-parquet",
        _ => "",
    }
}

fn export(
    format: shiju_store::export::ExportFormat,
    out: Option<&std::path::Path>,
    span: Span,
    data: &DataArgs,
) -> Result<bool> {
    let store = open_existing(data)?;
    use shiju_store::export::{ExportFormat, Table};
    let n = match out {
        Some(path) => shiju_store::export::export_file(&store, format, &span, path)
            .with_context(|| format!("writing {}", path.display()))?,
        None if format.needs_file() => {
            anyhow::bail!(
                "--format {} writes a file: give --out FILE",
                format_name(format)
            )
        }
        None => {
            let mut n = 0;
            write_out(|w| {
                n = shiju_store::export::export(&store, format, &span, w)?;
                Ok(())
            })?;
            n
        }
    };
    let what = match format {
        ExportFormat::GdeltMentions => "mentions",
        ExportFormat::Table(Table::Entities, _) => "entity rows",
        ExportFormat::Table(Table::Quotes, _) => "quotes",
        _ => "events",
    };
    eprintln!("{n} {what} exported");
    Ok(true)
}
