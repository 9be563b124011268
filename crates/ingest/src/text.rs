//! Plain text and crawler snapshots (seed 003 is one): navigation bullets,
//! a headline repeated between paragraphs, bare caption lines, an
//! information line ("类别:… 发布时间:… 来源:…"), and crawler notices and
//! "more news" tails after the article.

use shiju_lexicon::words::{CharStr, WordList};
use shiju_text::punct;
use std::collections::HashMap;

use shiju_core::{Article, Form};

use crate::page::ends_sentence;
use crate::rules::Verdict;
use crate::{finish, html, meta, squash, Extractor, Reject};

fn is_bullet(l: &str) -> bool {
    l.starts_with(['•', '·', '*', '-', '>', '▪', '■', '□', '●', '◆']) && l.chars().count() <= 30
}

/// The agency of an unbracketed dateline opening a paragraph
/// (新华社北京3月8日电, 中新社华盛顿5日电): the agency's name, a place, a day
/// and 电 within a few characters.
fn agency_dateline(p: &str, agencies: &[String]) -> Option<String> {
    static DATELINE_DAY_ENDS: WordList = WordList::new("page_words.tsv", "dateline_day_ends");
    static DIGIT_CHARS: CharStr = CharStr::new("page_words.tsv", "digit_chars");
    let agency = agencies.iter().find(|a| p.starts_with(a.as_str()))?;
    let rest: String = p[agency.len()..].chars().take(16).collect();
    let at = DATELINE_DAY_ENDS.iter().find_map(|e| rest.find(e))?;
    let head = &rest[..at];
    (head
        .chars()
        .any(|c| c.is_ascii_digit() || DIGIT_CHARS.contains(c))
        && !head.contains([punct::COMMA, punct::FULL_STOP]))
    .then(|| agency.clone())
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
    // Plain text written as "headline, blank line, body": a short first
    // line that ends no sentence, set apart from what follows.
    let first_block = {
        let mut raw = t.lines().map(str::trim).skip_while(|l| l.is_empty());
        let first = raw.next();
        let blank_after = raw.next().is_some_and(|l| l.is_empty());
        first
            .filter(|l| {
                blank_after
                    && lines.len() >= 2
                    && !is_bullet(l)
                    && (4..=60).contains(&l.chars().count())
                    && html::cjk_at_least(l, 4)
                    && !ends_sentence(l)
                    && meta::info_line(l).is_none()
                    && meta::byline(l).is_none()
            })
            .map(str::to_string)
    };
    let mut snapshot = repeated.is_some() || before_info.is_some() || info_at.is_some();
    let title = repeated.or(before_info).or(first_block);

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
        if snapshot && l.chars().count() <= 30 && !ends_sentence(l) && html::cjk_at_least(l, 1) {
            continue;
        }
        paragraphs.push(l.to_string());
    }
    // 新华社北京3月8日电 opening the body: the agency is the outlet.
    let outlet = outlet.or_else(|| {
        paragraphs
            .iter()
            .find(|p| title.as_deref() != Some(p.as_str()))
            .and_then(|p| agency_dateline(p, &ex.rules.agencies))
    });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unbracketed_datelines_name_the_agency() {
        let ag = vec!["新华社".to_string(), "中新社".to_string()];
        assert_eq!(
            agency_dateline("新华社北京3月8日电 国务院总理李强7日主持会议。", &ag).as_deref(),
            Some("新华社")
        );
        assert_eq!(
            agency_dateline("中新社华盛顿十五日电（记者 张三）美国国务院表示。", &ag).as_deref(),
            Some("中新社")
        );
        assert_eq!(
            agency_dateline("新华社发表评论说，双方应当对话。", &ag),
            None
        );
        assert_eq!(agency_dateline("据新华社北京3月8日电", &ag), None);
    }

    #[test]
    fn plain_text_headline_then_blank_line() {
        let ex = Extractor::new(None).unwrap();
        let body = "新华社北京3月8日电 国务院总理李强7日主持召开国务院常务会议，研究部署进一步稳就业的政策措施。\n\n会议强调，各地区各部门要压实责任，确保各项政策落地见效。";
        let doc = format!("国务院常务会议部署稳就业举措\n\n{body}\n");
        let a = extract(&ex, &doc).unwrap();
        assert_eq!(a.title.as_deref(), Some("国务院常务会议部署稳就业举措"));
        assert_eq!(a.outlet.as_deref(), Some("新华社"));
        assert_eq!(a.form, Form::Plain);
        assert_eq!(a.paragraphs.len(), 2);
        // A first line that is a sentence, or not set apart, is body.
        let a = extract(&ex, &format!("会议在北京举行，多国代表出席。\n\n{body}")).unwrap();
        assert_eq!(a.title, None);
        assert_eq!(a.paragraphs.len(), 3);
        let a = extract(&ex, &format!("国务院常务会议部署稳就业举措\n{body}")).unwrap();
        assert_eq!(a.title, None);
    }
}
