//! The full-text index: a tantivy index in `<data>/search/`, derived from
//! the `articles` table and rebuilt from it whenever it falls behind.
//!
//! Text is cut into CJK bigrams (every pair of adjacent Han, kana or Hangul
//! characters, the way Lucene's CJK analyser does it; a character standing
//! alone is its own token) and lower-cased Latin or digit words. A query is
//! cut the same way and searched as a phrase, so a hit contains the query
//! as a substring within one run of text: 普京 (two characters) needs no
//! scan, 习近平 is the phrase 习近 近平. A query with a CJK character
//! standing alone (美、日, 第17号) cannot be looked up this way — inside a
//! longer run that character is only part of bigrams — and is answered by
//! a scan of the articles instead (`query::search`).
//!
//! Titles are indexed, and bodies in simplified script: the body itself,
//! or for traditional-script articles the simplified body (`articles.norm`)
//! in its place. Queries are looked up as typed and simplified, so either
//! script finds both. Ranking is BM25 with titles weighted double.
//!
//! SQLite stays the source of truth. The index records in its commit
//! payload the last article id it holds and the store's
//! `search_generation` (bumped by `reanalyze`, which renumbers articles).
//! [`Indexer::sync`] adds every article past that id, or rebuilds
//! everything when the generation changed: an index left behind by a
//! killed process or by a writer that could not take the index's lock is
//! completed by the next ingest. The ingest writer hands over the articles
//! it has just committed (`Indexer::sync_written`), so that they are not
//! read back (and their text checked as UTF-8 again) unless others came
//! between.

use std::ops::Bound;
use std::path::Path;

use anyhow::{Context as _, Result};
use rusqlite::Connection;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STRING,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Folder of the index inside the data folder.
pub const SEARCH_DIR: &str = "search";
/// Name the tokenizer is registered under in the index schema.
const TOKENIZER: &str = "cjk_bigram";
/// Memory of the index writer (one indexing thread).
const WRITER_MEMORY: usize = 50_000_000;

/// Whether `c` is written without spaces between words: Han (one
/// definition, `shiju_text::is_cjk`), and for the search index also kana and
/// Hangul syllables, which are cut into bigrams the same way.
fn is_unspaced(c: char) -> bool {
    // Below kana (the first of these ranges) nothing is: most Latin text
    // and punctuation is decided by one comparison.
    c >= '\u{3040}'
        && (shiju_text::is_cjk(c) || matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7AF))
}

/// A token: byte span in the text, position, term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    pub from: usize,
    pub to: usize,
    pub pos: usize,
    pub term: String,
}

/// A token's place in the text, before its term is written out.
#[derive(Debug, Clone, Copy)]
struct Cut {
    from: usize,
    to: usize,
    pos: usize,
    /// A Latin or digit word (lower-cased); otherwise CJK characters as they are.
    latin: bool,
}

impl Cut {
    /// Writes the term into `out` (emptied first).
    fn term_into(&self, text: &str, out: &mut String) {
        out.clear();
        let s = &text[self.from..self.to];
        if !self.latin {
            // Most terms are a bigram of three-byte characters: copied as
            // six bytes in line rather than by a call of `memcpy`.
            match s.get(..6) {
                Some(six) if s.len() == 6 => out.push_str(six),
                _ => out.push_str(s),
            }
        } else if s.is_ascii() {
            out.push_str(s);
            out.make_ascii_lowercase();
        } else {
            out.push_str(&s.to_lowercase());
        }
    }
}

/// Cuts a text into tokens one at a time, without allocating (see
/// [`tokens`] for what it yields).
struct Cutter<'a> {
    text: &'a str,
    /// Byte offset of the next character to read.
    at: usize,
    pos: usize,
    /// Inside a CJK run: the byte span of the last character read and
    /// whether it has stood alone so far.
    run: Option<(usize, usize, bool)>,
}

impl<'a> Cutter<'a> {
    fn new(text: &'a str) -> Cutter<'a> {
        Cutter {
            text,
            at: 0,
            pos: 0,
            run: None,
        }
    }
}

/// The character at byte offset `at` of `text` (a character boundary) and
/// its length in bytes; `None` at the end.
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(at)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

impl Iterator for Cutter<'_> {
    type Item = Cut;

    fn next(&mut self) -> Option<Cut> {
        let cut = |from, to, pos| Cut {
            from,
            to,
            pos,
            latin: false,
        };
        loop {
            if let Some((ps, pe, alone)) = self.run {
                match char_at(self.text, pe) {
                    Some((d, n)) if is_unspaced(d) => {
                        self.at = pe + n;
                        self.run = Some((pe, self.at, false));
                        self.pos += 1;
                        return Some(cut(ps, self.at, self.pos - 1));
                    }
                    _ => {
                        self.run = None;
                        if alone {
                            self.pos += 1;
                            return Some(cut(ps, pe, self.pos - 1));
                        }
                    }
                }
            }
            let start = self.at;
            let (c, n) = char_at(self.text, start)?;
            self.at += n;
            if is_unspaced(c) {
                self.run = Some((start, self.at, true));
            } else if crate::simhash::alphanumeric(c) {
                while let Some((d, m)) = char_at(self.text, self.at) {
                    if !crate::simhash::alphanumeric(d) || is_unspaced(d) {
                        break;
                    }
                    self.at += m;
                }
                self.pos += 1;
                return Some(Cut {
                    from: start,
                    to: self.at,
                    pos: self.pos - 1,
                    latin: true,
                });
            }
        }
    }
}

/// The tokens of `text`: each pair of adjacent CJK characters, each CJK
/// character with no CJK neighbour, each Latin or digit word lower-cased.
pub fn tokens(text: &str) -> Vec<Tok> {
    Cutter::new(text)
        .map(|c| {
            let mut term = String::new();
            c.term_into(text, &mut term);
            Tok {
                from: c.from,
                to: c.to,
                pos: c.pos,
                term,
            }
        })
        .collect()
}

/// The tantivy face of [`Cutter`].
#[derive(Clone, Default)]
struct Bigrams;

struct BigramStream<'a> {
    text: &'a str,
    cutter: Cutter<'a>,
    token: Token,
}

impl Tokenizer for Bigrams {
    type TokenStream<'a> = BigramStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> BigramStream<'a> {
        BigramStream {
            text,
            cutter: Cutter::new(text),
            token: Token::default(),
        }
    }
}

impl TokenStream for BigramStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(c) = self.cutter.next() else {
            return false;
        };
        self.token.position = c.pos;
        self.token.offset_from = c.from;
        self.token.offset_to = c.to;
        c.term_into(self.text, &mut self.token.text);
        true
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    body: Field,
    norm: Field,
    published: Field,
}

fn schema() -> (Schema, Fields) {
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let mut b = Schema::builder();
    let f = Fields {
        id: b.add_i64_field("id", INDEXED | FAST),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text.clone()),
        norm: b.add_text_field("norm", text),
        published: b.add_text_field("published", STRING),
    };
    (b.build(), f)
}

/// Where the index stands: the store generation it was built for and the
/// last article id it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Mark {
    generation: i64,
    upto: i64,
}

impl Mark {
    fn parse(payload: Option<&str>) -> Mark {
        let mut m = Mark::default();
        for part in payload.unwrap_or_default().split(';') {
            match part.split_once('=') {
                Some(("generation", v)) => m.generation = v.parse().unwrap_or(-1),
                Some(("upto", v)) => m.upto = v.parse().unwrap_or(0),
                _ => {}
            }
        }
        m
    }

    fn payload(&self) -> String {
        format!("generation={};upto={}", self.generation, self.upto)
    }
}

/// The store's current search generation (`meta.search_generation`).
pub(crate) fn generation(conn: &Connection) -> Result<i64> {
    Ok(crate::meta_get(conn, "search_generation")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

/// An opened index (reading; [`SearchIndex::indexer`] for writing).
pub struct SearchIndex {
    dir: std::path::PathBuf,
    index: Index,
    fields: Fields,
    reader: std::sync::OnceLock<IndexReader>,
}

impl SearchIndex {
    /// Opens (creating if needed) the index in folder `dir`.
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let (schema, fields) = schema();
        let mmap = tantivy::directory::MmapDirectory::open(dir)
            .with_context(|| format!("opening the search index {}", dir.display()))?;
        let index = Index::open_or_create(mmap, schema)
            .with_context(|| format!("opening the search index {}", dir.display()))?;
        index.tokenizers().register(TOKENIZER, Bigrams);
        Ok(SearchIndex {
            dir: dir.to_path_buf(),
            index,
            fields,
            reader: std::sync::OnceLock::new(),
        })
    }

    fn mark(&self) -> Result<Mark> {
        let metas = self.index.load_metas()?;
        Ok(Mark::parse(metas.payload.as_deref()))
    }

    /// Whether the index holds every article of the store.
    pub fn is_current(&self, conn: &Connection) -> Result<bool> {
        let m = self.mark()?;
        let last: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM articles", [], |r| {
            r.get(0)
        })?;
        Ok(m.generation == generation(conn)? && m.upto >= last)
    }

    /// Whether the index was built for the store's current article
    /// numbering (a `reanalyze` it has not followed yet renumbers them).
    pub fn same_generation(&self, conn: &Connection) -> Result<bool> {
        Ok(self.mark()?.generation == generation(conn)?)
    }

    /// A writer, or `None` when another process holds the index's lock
    /// (its next sync will index what this one stores).
    pub fn indexer(&self) -> Result<Option<Indexer>> {
        match self.index.writer_with_num_threads(1, WRITER_MEMORY) {
            Ok(w) => {
                let mark = self.mark()?;
                Ok(Some(Indexer {
                    dir: self.dir.clone(),
                    writer: w,
                    fields: self.fields,
                    committed: mark,
                    added: mark,
                }))
            }
            Err(tantivy::TantivyError::LockFailure(..)) => Ok(None),
            Err(e) => Err(e).context("opening the search index for writing"),
        }
    }

    /// Article ids matching `query` (or its simplified form `normalized`)
    /// as a substring, best first, with their BM25 scores; `None` when the
    /// index cannot answer it: no token, or a CJK character standing alone
    /// (美、日).
    /// `from`/`to` bound the publication date as `Span` does.
    pub fn search(
        &self,
        query: &str,
        normalized: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
        limit: usize,
    ) -> Result<Option<Vec<(i64, f32)>>> {
        let f = self.fields;
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for q in std::iter::once(query).chain(normalized) {
            let toks = tokens(q);
            // A CJK character standing alone in the query may be part of
            // a longer run in the text, where only bigrams are indexed.
            let single_cjk = toks
                .iter()
                .any(|t| t.term.chars().nth(1).is_none() && t.term.chars().all(is_unspaced));
            if toks.is_empty() || single_cjk {
                return Ok(None);
            }
            for (field, boost) in [(f.title, 2.0), (f.body, 1.0), (f.norm, 1.0)] {
                let terms: Vec<Term> = toks
                    .iter()
                    .map(|t| Term::from_field_text(field, &t.term))
                    .collect();
                let q: Box<dyn Query> = if terms.len() == 1 {
                    Box::new(TermQuery::new(
                        terms[0].clone(),
                        IndexRecordOption::WithFreqs,
                    ))
                } else {
                    Box::new(PhraseQuery::new(terms))
                };
                alternatives.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
            }
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(alternatives)))];
        if from.is_some() || to.is_some() {
            let lower = from.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_text(f.published, d))
            });
            // `to` is a prefix bound: 2024-03 takes all of March.
            let upper = to.map_or(Bound::Unbounded, |d| {
                Bound::Excluded(Term::from_field_text(f.published, &format!("{d}\u{7f}")))
            });
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        let q = BooleanQuery::new(clauses);
        let reader = match self.reader.get() {
            Some(r) => r,
            None => {
                let r = self
                    .index
                    .reader_builder()
                    .reload_policy(ReloadPolicy::Manual)
                    .try_into()?;
                self.reader.get_or_init(|| r)
            }
        };
        reader.reload()?;
        let searcher = reader.searcher();
        let top = searcher.search(&q, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let mut out = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let col = searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .i64("id")?;
            if let Some(id) = col.first(addr.doc_id) {
                out.push((id, score));
            }
        }
        Ok(Some(out))
    }
}

/// The index's document for article `id` (a missing title is indexed as
/// ""): its title, and its simplified body `norm` where the store keeps one
/// (traditional script) or else its body — queries are also looked up
/// simplified, and each body is tokenised once.
fn document(
    f: &Fields,
    id: i64,
    title: &str,
    body: &str,
    norm: Option<&str>,
    published: Option<&str>,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_i64(f.id, id);
    doc.add_text(f.title, title);
    match norm {
        Some(norm) => doc.add_text(f.norm, norm),
        None => doc.add_text(f.body, body),
    }
    if let Some(p) = published {
        doc.add_text(f.published, p);
    }
    doc
}

/// Articles the ingest writer stored in its open transaction, as index
/// documents, handed to [`Indexer::sync_written`] once committed.
pub(crate) struct Written {
    fields: Fields,
    docs: Vec<(i64, TantivyDocument)>,
}

impl Written {
    /// Article `id` as stored (the columns `title`, `body`, `norm`,
    /// `published` of `articles`).
    pub(crate) fn push(
        &mut self,
        id: i64,
        title: Option<&str>,
        body: &str,
        norm: Option<&str>,
        published: Option<&str>,
    ) {
        let doc = document(&self.fields, id, title.unwrap_or(""), body, norm, published);
        self.docs.push((id, doc));
    }

    /// Forgets what was pushed (a transaction rolled back).
    pub(crate) fn clear(&mut self) {
        self.docs.clear();
    }
}

/// The index open for writing (holds its lock until dropped).
pub struct Indexer {
    /// The index's folder: a failed write checks it for free space.
    dir: std::path::PathBuf,
    writer: IndexWriter,
    fields: Fields,
    /// As of the last commit.
    committed: Mark,
    /// As of the last document added.
    added: Mark,
}

impl Indexer {
    /// Adds every article of the store the index does not hold yet (all of
    /// them when `reanalyze` renumbered them); returns how many. Call
    /// [`Indexer::commit`] to make them durable and visible.
    pub fn sync(&mut self, conn: &Connection) -> Result<usize> {
        self.add_new(conn)
            .map_err(|e| crate::space::explain(e, &self.dir))
    }

    /// [`Indexer::sync`] given the articles the caller has just committed
    /// (`written`, emptied): they are added as they are, without reading
    /// them back from the store, when they are exactly the articles past the
    /// index's mark (same generation, ids following the mark up to the
    /// store's last article); otherwise — another process stored articles
    /// in between, or none were handed over — the store is read as `sync`
    /// reads it.
    pub(crate) fn sync_written(
        &mut self,
        conn: &Connection,
        written: &mut Written,
    ) -> Result<usize> {
        let docs = std::mem::take(&mut written.docs);
        let follows = !docs.is_empty()
            && generation(conn)? == self.added.generation
            && docs
                .iter()
                .zip(self.added.upto + 1..)
                .all(|((id, _), want)| *id == want)
            && docs.last().map(|(id, _)| *id)
                == Some(
                    conn.query_row("SELECT coalesce(max(id), 0) FROM articles", [], |r| {
                        r.get::<_, i64>(0)
                    })?,
                );
        if !follows {
            return self.sync(conn);
        }
        let n = docs.len();
        for (id, doc) in docs {
            self.writer
                .add_document(doc)
                .map_err(|e| crate::space::explain(e.into(), &self.dir))?;
            self.added.upto = id;
        }
        Ok(n)
    }

    /// An empty list of written articles for [`Indexer::sync_written`].
    pub(crate) fn written(&self) -> Written {
        Written {
            fields: self.fields,
            docs: Vec::new(),
        }
    }

    fn add_new(&mut self, conn: &Connection) -> Result<usize> {
        let generation = generation(conn)?;
        if generation != self.added.generation {
            self.writer.delete_all_documents()?;
            self.added = Mark {
                generation,
                upto: 0,
            };
        }
        let mut st = conn.prepare_cached(
            "SELECT id, coalesce(title, ''), body, norm, published FROM articles
             WHERE id > ?1 ORDER BY id",
        )?;
        let mut rows = st.query([self.added.upto])?;
        let f = self.fields;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let doc = document(
                &f,
                id,
                r.get_ref(1)?.as_str()?,
                r.get_ref(2)?.as_str()?,
                r.get_ref(3)?.as_str_or_null()?,
                r.get_ref(4)?.as_str_or_null()?,
            );
            self.writer.add_document(doc)?;
            self.added.upto = id;
            n += 1;
        }
        Ok(n)
    }

    /// Makes what was added durable and visible to searches.
    pub fn commit(&mut self) -> Result<()> {
        if self.added == self.committed {
            return Ok(());
        }
        let payload = self.added.payload();
        let done = self.writer.prepare_commit().and_then(|mut c| {
            c.set_payload(&payload);
            c.commit()
        });
        if let Err(e) = done {
            return Err(crate::space::explain(e.into(), &self.dir));
        }
        self.committed = self.added;
        Ok(())
    }

    /// Commits and waits for background merges (end of an ingest).
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        let dir = self.dir.clone();
        self.writer
            .wait_merging_threads()
            .map_err(|e| crate::space::explain(e.into(), &dir))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(s: &str) -> Vec<(usize, String)> {
        tokens(s).into_iter().map(|t| (t.pos, t.term)).collect()
    }

    fn t(v: &[(usize, &str)]) -> Vec<(usize, String)> {
        v.iter().map(|(p, s)| (*p, s.to_string())).collect()
    }

    #[test]
    fn bigrams_and_words() {
        assert_eq!(terms("习近平"), t(&[(0, "习近"), (1, "近平")]));
        assert_eq!(
            terms("普京，G20峰会 Biden's"),
            t(&[(0, "普京"), (1, "g20"), (2, "峰会"), (3, "biden"), (4, "s")])
        );
        assert_eq!(terms("美、日"), t(&[(0, "美"), (1, "日")]));
        assert_eq!(
            terms("为第17号文件Ünited"),
            t(&[
                (0, "为第"),
                (1, "17"),
                (2, "号文"),
                (3, "文件"),
                (4, "ünited")
            ])
        );
        assert!(terms("  …  ").is_empty());
        let v = tokens("中a");
        assert_eq!((v[0].from, v[0].to), (0, 3));
        assert_eq!((v[1].from, v[1].to), (3, 4));
    }

    /// The tokens by their definition: runs of CJK characters (bigrams,
    /// or the character alone) and of other letters and digits (words).
    fn reference(text: &str) -> Vec<(usize, usize, String)> {
        let mut runs: Vec<(bool, Vec<(usize, char)>)> = Vec::new();
        for (i, c) in text.char_indices() {
            let kind = if is_unspaced(c) {
                Some(true)
            } else if c.is_alphanumeric() {
                Some(false)
            } else {
                None
            };
            match (kind, runs.last_mut()) {
                (Some(k), Some((rk, run)))
                    if *rk == k && run.last().is_some_and(|&(j, d)| j + d.len_utf8() == i) =>
                {
                    run.push((i, c))
                }
                (Some(k), _) => runs.push((k, vec![(i, c)])),
                (None, _) => {}
            }
        }
        let mut out = Vec::new();
        for (cjk, run) in runs {
            let end = |k: usize| run[k].0 + run[k].1.len_utf8();
            if cjk && run.len() > 1 {
                for k in 0..run.len() - 1 {
                    out.push((run[k].0, end(k + 1), text[run[k].0..end(k + 1)].to_string()));
                }
            } else {
                let (from, to) = (run[0].0, end(run.len() - 1));
                let t = &text[from..to];
                out.push((from, to, if cjk { t.to_string() } else { t.to_lowercase() }));
            }
        }
        out
    }

    #[test]
    fn tokens_follow_the_definition() {
        for text in [
            "习近平会见普京。美、日",
            "G20峰会在 Osaka 举行；ＡＢＣ１２３ Ünited États",
            "カタカナとひらがな 한국어 텍스트 𠀀𠀁 x𠀀y",
            "  …，“引号”——破折号 emoji😀中 ",
            "末尾字",
            "中",
            "",
        ] {
            let got: Vec<_> = tokens(text)
                .into_iter()
                .enumerate()
                .map(|(k, t)| {
                    assert_eq!(t.pos, k);
                    (t.from, t.to, t.term)
                })
                .collect();
            assert_eq!(got, reference(text), "{text}");
        }
    }

    #[test]
    fn written_articles_are_indexed_unless_others_came_between() {
        let t = tempfile::tempdir().unwrap();
        let store = crate::Store::open(t.path()).unwrap();
        let conn = &store.conn;
        conn.execute(
            "INSERT INTO documents(id, sha256, name, source_path, fetched_at, size, compression, status)
             VALUES (1, 'x', 'a', 'a', 't', 0, 'none', 'ingested')",
            [],
        )
        .unwrap();
        let add = |id: i64, title: Option<&str>, body: &str, norm: Option<&str>| {
            conn.execute(
                "INSERT INTO articles(id, doc_id, item, title, published, authors, script, form,
                                      encoding, body, norm, lead_chars)
                 VALUES (?1, 1, 'a', ?2, '2024-05-01', '[]', 'simplified', 'plain', 'utf-8', ?3, ?4, 0)",
                rusqlite::params![id, title, body, norm],
            )
            .unwrap();
        };
        let index = store.search_index().unwrap();
        let mut ix = index.indexer().unwrap().unwrap();
        let mut written = ix.written();
        // Handed over: exactly the articles past the mark. (Article 1's
        // stored body differs from the one handed over, to tell which was
        // indexed.)
        add(1, Some("会谈"), "存储的正文。", None);
        written.push(1, Some("会谈"), "外长举行会谈。", None, Some("2024-05-01"));
        add(2, None, "總統訪問北京。", Some("总统访问北京。"));
        written.push(
            2,
            None,
            "總統訪問北京。",
            Some("总统访问北京。"),
            Some("2024-05-01"),
        );
        assert_eq!(ix.sync_written(conn, &mut written).unwrap(), 2);
        assert!(written.docs.is_empty());
        assert_eq!(ix.added.upto, 2);
        // Article 3 stored by someone else: the store is read instead.
        add(3, Some("地震"), "强烈地震袭击东部。", None);
        add(4, Some("峰会"), "峰会在北京举行。", None);
        written.push(4, Some("峰会"), "交出的正文。", None, Some("2024-05-01"));
        assert_eq!(ix.sync_written(conn, &mut written).unwrap(), 2);
        assert_eq!(ix.added.upto, 4);
        // Nothing handed over: the store is read (nothing new here).
        assert_eq!(ix.sync_written(conn, &mut written).unwrap(), 0);
        ix.commit().unwrap();
        let ids = |q: &str, norm: Option<&str>| -> Vec<i64> {
            let mut v: Vec<i64> = index
                .search(q, norm, None, None, 10)
                .unwrap()
                .unwrap()
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            v.sort();
            v
        };
        assert_eq!(ids("会谈", None), vec![1]);
        assert_eq!(ids("外长", None), vec![1]);
        assert!(ids("存储", None).is_empty());
        assert!(ids("交出", None).is_empty());
        assert_eq!(ids("總統", Some("总统")), vec![2]);
        assert_eq!(ids("地震", None), vec![3]);
        assert_eq!(ids("北京", None), vec![2, 4]);
    }

    #[test]
    fn marks_round_trip() {
        let m = Mark {
            generation: 3,
            upto: 1234,
        };
        assert_eq!(Mark::parse(Some(&m.payload())), m);
        assert_eq!(Mark::parse(None), Mark::default());
    }
}
