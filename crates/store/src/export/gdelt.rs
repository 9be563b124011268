//! The GDELT 2.0 formats: the event table (61 columns) and the mentions
//! table (16 columns), tab-separated, no header, every row complete.

use std::io::Write;

use shiju_text::segment;

use anyhow::{bail, Result};
use rusqlite::OptionalExtension;

use super::actors::Actor;
use super::geo::{self, Geo};
use super::{base_code, Ev};
use crate::Store;

/// Number of columns of the GDELT 2.0 event table.
pub const GDELT_COLUMNS: usize = 61;
/// Number of columns of the GDELT 2.0 mentions table.
pub const MENTIONS_COLUMNS: usize = 16;

/// GDELT's `Day`: the first day of the event's period (a month-precision
/// date is the 1st of the month, a year the 1st of January, an ISO week
/// its Monday); a date shiju cannot place gets the 1st of January of the
/// year it starts with, else the day the event was added. Never empty.
pub(crate) fn gdelt_day(e: &Ev) -> chrono::NaiveDate {
    let parse = |s: &str, f: &str| chrono::NaiveDate::parse_from_str(s, f).ok();
    e.day
        .as_deref()
        .and_then(|d| parse(d, "%Y-%m-%d"))
        .or_else(|| {
            let y = e.date.get(..4)?;
            parse(&format!("{y}-01-01"), "%Y-%m-%d")
        })
        .or_else(|| parse(e.added.get(..8)?, "%Y%m%d"))
        .unwrap_or_default()
}

/// Day fields: (YYYYMMDD, YYYYMM, YYYY, fraction date).
fn day_fields(d: chrono::NaiveDate) -> [String; 4] {
    use chrono::Datelike;
    let frac = f64::from(d.year()) + f64::from(d.month() * 30 + d.day()) / 365.0;
    [
        d.format("%Y%m%d").to_string(),
        d.format("%Y%m").to_string(),
        d.format("%Y").to_string(),
        format!("{frac:.4}"),
    ]
}

fn actor_columns(c: &mut Vec<String>, a: &Actor) {
    c.extend([
        a.cameo.clone(),
        a.name.clone(),
        a.country.clone(),
        a.group.clone(),
    ]);
    // Ethnic, religion 1/2: not coded by shiju.
    c.extend(std::iter::repeat_n(String::new(), 3));
    for i in 0..3 {
        c.push(a.types.get(i).cloned().unwrap_or_default());
    }
}

/// GDELT fields never contain tabs or newlines.
fn clean(c: Vec<String>) -> Vec<String> {
    c.into_iter()
        .map(|s| s.replace(['\t', '\n', '\r'], " "))
        .collect()
}

/// The 61 cells of one event.
pub(crate) fn event_row(e: &Ev) -> Vec<String> {
    let mut c: Vec<String> = Vec::with_capacity(GDELT_COLUMNS);
    c.push(e.id.to_string());
    c.extend(day_fields(gdelt_day(e)));
    actor_columns(&mut c, &e.a1);
    actor_columns(&mut c, &e.a2);
    c.push(e.is_root.to_string());
    c.push(e.code.clone());
    c.push(base_code(&e.code).to_string());
    c.push(e.root.clone());
    c.push(e.quad.to_string());
    c.push(e.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default());
    c.push(e.mentions.to_string());
    c.push(e.sources.to_string());
    c.push(e.articles.to_string());
    // AvgTone: shiju scores no tone.
    c.push(String::new());
    // Actor1, Actor2 and Action geography (3 × 8 columns).
    c.extend(Geo::cells(geo::country(&e.a1.country).as_ref()));
    c.extend(Geo::cells(geo::country(&e.a2.country).as_ref()));
    c.extend(Geo::cells(geo::action(e).as_ref()));
    c.push(e.added.clone());
    // SOURCEURL: the article's URL, never a local path.
    c.push(e.url.clone().unwrap_or_default());
    clean(c)
}

pub(crate) fn write_event(w: &mut dyn Write, e: &Ev) -> Result<()> {
    let row = event_row(e);
    if row.len() != GDELT_COLUMNS {
        bail!("internal error: {} GDELT columns", row.len());
    }
    writeln!(w, "{}", row.join("\t"))?;
    Ok(())
}

/// Sentence number (1-based) of the character offset `at` of `body`: the
/// sentences of `shiju_text::segment`, the ones the events were coded in.
fn sentence_id(body: &str, at: usize) -> usize {
    let byte = body.char_indices().nth(at).map_or(body.len(), |(i, _)| i);
    segment::sentence_number(body, byte)
}

/// The character offset of the first mention of entity `key` in article
/// `article` within [start, end), or -1.
fn entity_offset(
    store: &Store,
    article: i64,
    key: Option<&str>,
    start: i64,
    end: i64,
) -> Result<i64> {
    let Some(key) = key else { return Ok(-1) };
    let spans: Option<String> = store
        .conn
        .prepare_cached(
            "SELECT ae.spans FROM article_entities ae JOIN entities en ON en.id = ae.entity_id
             WHERE ae.article_id = ?1 AND en.key = ?2",
        )?
        .query_row(rusqlite::params![article, key], |r| r.get(0))
        .optional()?;
    let spans = match spans {
        Some(s) => crate::spans(&s)?,
        None => Vec::new(),
    };
    Ok(spans
        .iter()
        .map(|s| s.0)
        .find(|&s| s >= start && s < end)
        .unwrap_or(-1))
}

/// Writes the mentions of `evs` as GDELT 2.0 mentions rows; returns their
/// number.
pub(crate) fn write_mentions(store: &Store, evs: &[Ev], w: &mut dyn Write) -> Result<usize> {
    let mut st = store.conn.prepare_cached(&format!(
        "SELECT d.fetched_at, a.outlet, a.url, m.start, m.\"end\", {}, a.body, a.id,
                m.source_entity, m.target_entity
         FROM event_mentions m JOIN articles a ON a.id = m.article_id JOIN documents d ON d.id = m.doc_id
         WHERE m.event_id = ?1 ORDER BY m.id",
        crate::EVIDENCE
    ))?;
    let mut n = 0;
    for e in evs {
        type Row = (
            String,
            Option<String>,
            Option<String>,
            i64,
            i64,
            String,
            String,
            i64,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = st
            .query_map([e.id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (fetched, outlet, url, start, end, evidence, body, article, s_ent, t_ent) in rows {
            let digits: String = fetched.chars().filter(char::is_ascii_digit).collect();
            let mention_time = if digits.len() >= 14 {
                digits[..14].to_string()
            } else {
                e.added.clone()
            };
            let url = url.filter(|u| !u.is_empty());
            let a1 = entity_offset(store, article, s_ent.as_deref(), start, end)?;
            let a2 = entity_offset(store, article, t_ent.as_deref(), start, end)?;
            let c = vec![
                e.id.to_string(),
                e.added.clone(),
                mention_time,
                // MentionType: 1 web (a URL), 2 citation only.
                if url.is_some() { "1" } else { "2" }.to_string(),
                outlet.unwrap_or_default(),
                url.unwrap_or_default(),
                sentence_id(&body, usize::try_from(start).unwrap_or(0)).to_string(),
                a1.to_string(),
                a2.to_string(),
                // ActionCharOffset: the evidence sentence's start.
                start.to_string(),
                // InRawText: shiju codes the text as printed.
                "1".to_string(),
                // Confidence: not estimated.
                String::new(),
                body.chars().count().to_string(),
                // MentionDocTone: not scored.
                String::new(),
                // The source language; shiju codes it untranslated.
                "srclc:zho".to_string(),
                // Extras: the evidence sentence.
                evidence,
            ];
            debug_assert_eq!(c.len(), MENTIONS_COLUMNS);
            writeln!(w, "{}", clean(c).join("\t"))?;
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::sentence_id;

    /// `SentenceID` counts the segmenter's sentences: ；and ！ end one, a
    /// closing quotation mark stays with its sentence, a line break ends
    /// one and an empty line is none (offsets are characters).
    #[test]
    fn sentence_ids_follow_the_one_segmenter() {
        let body = "外长表示：“两国将加强合作。”双方签署了协议；随后举行记者会！\n\n俄方回应称，不接受制裁。";
        let at = |p: &str| {
            let byte = body.find(p).unwrap();
            sentence_id(body, body[..byte].chars().count())
        };
        assert_eq!(at("外长"), 1);
        assert_eq!(at("两国"), 1);
        assert_eq!(at("双方"), 2);
        assert_eq!(at("随后"), 3);
        assert_eq!(at("俄方"), 4);
        assert_eq!(sentence_id(body, 10_000), 5);
        assert_eq!(sentence_id("", 0), 1);
    }
}
