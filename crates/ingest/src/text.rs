//! Plain text and crawler snapshots (seed 003 is one): navigation bullets,
//! a headline repeated between paragraphs, bare caption lines, an
//! information line ("类别:… 发布时间:… 来源:…"), and crawler notices and
//! "more news" tails after the article.

use std::collections::HashMap;

use shiju_core::{Article, Form};

use crate::page::ends_sentence;
use crate::rules::Verdict;
use crate::{finish, html, meta, squash, Extractor, Reject};

fn is_bullet(l: &str) -> bool {
    l.starts_with(['•', '·', '*', '-', '>', '▪', '■', '□', '●', '◆']) && l.chars().count() <= 30
}

pub fn extract(ex: &Extractor, t: &str) -> Result<Article, Reject> {
    let lines: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for l in &lines {
        *counts.entry(squash(l)).or_default() += 1;
    }
    // The headline: a short line repeated through the page, else the line
    // just before the information line.
    let info_at = lines.iter().position(|l| meta::info_line(l).is_some());
    let repeated = lines
        .iter()
        .find(|l| {
            let n = l.chars().count();
            (6..=80).contains(&n)
                && counts.get(&squash(l)).copied().unwrap_or(0) >= 2
                && !is_bullet(l)
        })
        .map(|l| l.to_string());
    let before_info = info_at
        .and_then(|i| i.checked_sub(1))
        .map(|i| lines[i])
        .filter(|l| !is_bullet(l) && l.chars().count() <= 80 && !ends_sentence(l))
        .map(str::to_string);
    let title = repeated.or(before_info);
    let mut snapshot = title.is_some() || info_at.is_some();

    let mut published = None;
    let mut outlet = None;
    let mut authors = Vec::new();
    let start = match (info_at, &title) {
        (Some(i), _) => i,
        (None, Some(tl)) => lines.iter().position(|l| *l == tl.as_str()).unwrap_or(0),
        (None, None) => 0,
    };
    if let Some(i) = info_at {
        if let Some(info) = meta::info_line(lines[i]) {
            published = info.date.map(meta::ymd);
            outlet = info.source;
        }
    }
    // The body ends where the boilerplate rules say it ends (crawler
    // notices, "more news" lists): nothing after that is read.
    let end = lines
        .iter()
        .position(|l| matches!(ex.rules.verdict(l), Verdict::End | Verdict::CutThenEnd(_)))
        .map(|i| i + 1)
        .unwrap_or(lines.len());
    let mut paragraphs = Vec::new();
    for (i, l) in lines.iter().enumerate().take(end) {
        if i < start || Some(i) == info_at {
            continue;
        }
        if is_bullet(l) {
            snapshot = true;
            continue;
        }
        if let Some(names) = meta::byline(l).filter(|_| paragraphs.len() < 3) {
            if authors.is_empty() {
                authors = names;
            }
            continue;
        }
        if meta::info_line(l).is_some() {
            continue;
        }
        // Bare caption lines between paragraphs (a name, a photo title).
        if snapshot && l.chars().count() <= 30 && !ends_sentence(l) && html::cjk_count(l) > 0 {
            continue;
        }
        paragraphs.push(l.to_string());
    }
    let article = Article {
        title,
        published,
        authors,
        outlet,
        form: if snapshot {
            Form::Snapshot
        } else {
            Form::Plain
        },
        ..Article::default()
    };
    finish(&ex.rules, article, paragraphs)
}
