//! Wire copy in plain text (CNA style; seed 004 is one):
//!
//! ```text
//! （中央社巴黎13日綜合外電報導）body … （譯者：…/核稿：…）1110915圖為…延伸閱讀…
//! ```
//!
//! The dateline gives the agency (the outlet), a reporter (the author) and
//! the day; the credits in brackets end the body; a 7-digit ROC date code
//! after them gives the release date; "related news" headlines glued into
//! the text are cut out.

use shiju_core::{Article, Form};
use shiju_lexicon::words::WordList;
use shiju_text::punct;

use crate::{finish, meta, Extractor, Reject};

static REPORTER_MARKERS: WordList = WordList::new("page_words.tsv", "reporter_markers");
static RELATED_MARKERS: WordList = WordList::new("page_words.tsv", "related_markers");

/// Credits that close a wire story: （譯者：…）（編輯：…）（核稿：…）.
static CREDIT_KEYS: WordList = WordList::new("page_words.tsv", "credit_keys");

static DATELINE_ENDS: WordList = WordList::new("page_words.tsv", "dateline_ends");

/// A dateline at the start of a text: （中央社記者王小明台北20日電）.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub agency: String,
    pub reporters: Vec<String>,
    pub day: Option<u32>,
    /// Byte length of the dateline in the text.
    pub len: usize,
}

pub fn dateline(t: &str, agencies: &[String]) -> Option<Dateline> {
    let open = if t.starts_with(punct::LEFT_PAREN) {
        punct::LEFT_PAREN
    } else if t.starts_with('(') {
        '('
    } else {
        return None;
    };
    let close = if open == punct::LEFT_PAREN {
        punct::RIGHT_PAREN
    } else {
        ')'
    };
    let end = t.find(close)?;
    let inner = &t[open.len_utf8()..end];
    if inner.chars().count() > 40 {
        return None;
    }
    let agency = agencies
        .iter()
        .find(|a| inner.starts_with(a.as_str()))?
        .clone();
    let mut rest = &inner[agency.len()..];
    let mut reporters = Vec::new();
    for marker in REPORTER_MARKERS.iter() {
        if let Some(r) = rest.strip_prefix(marker) {
            // Names of (usually) three characters, joined by 、.
            let chars: Vec<char> = r.chars().collect();
            let mut i = 0;
            loop {
                let name: String = chars.iter().skip(i).take(3).collect();
                if name.chars().count() < 2 {
                    break;
                }
                reporters.push(name);
                i += 3;
                if chars.get(i) == Some(&punct::ENUMERATION_COMMA) {
                    i += 1;
                } else {
                    break;
                }
            }
            let consumed: usize = chars.iter().take(i).map(|c| c.len_utf8()).sum();
            rest = &r[consumed..];
        }
    }
    if !DATELINE_ENDS.iter().any(|e| rest.ends_with(e)) {
        return None;
    }
    let digits: String = rest
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let day = digits.parse().ok().filter(|d: &u32| (1..=31).contains(d));
    Some(Dateline {
        agency,
        reporters,
        day,
        len: end + close.len_utf8(),
    })
}

/// Wire copy opens with a dateline, or with a headline line and then the
/// dateline.
pub fn looks_like(t: &str) -> bool {
    let mut lines = t.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    let second = lines.next().unwrap_or("");
    is_dateline_line(first)
        || (first.chars().count() <= 60
            && !crate::page::ends_sentence(first)
            && is_dateline_line(second))
}

fn is_dateline_line(first: &str) -> bool {
    (first.starts_with(punct::LEFT_PAREN) || first.starts_with('('))
        && first
            .char_indices()
            .take_while(|(i, _)| *i < 150)
            .any(|(_, c)| c == punct::RIGHT_PAREN || c == ')')
        && DATELINE_ENDS.iter().any(|e| {
            let head: String = first.chars().take(45).collect();
            head.contains(&format!("{e}{}", punct::RIGHT_PAREN)) || head.contains(&format!("{e})"))
        })
}

/// Position of the credits bracket in a line, if any.
fn credits_at(line: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = line[from..].find([punct::LEFT_PAREN, '(']) {
        let at = from + i;
        let inner = &line[at..];
        let inner = inner.trim_start_matches([punct::LEFT_PAREN, '(']);
        if CREDIT_KEYS.iter().any(|k| inner.starts_with(k)) {
            return Some(at);
        }
        // Step over the bracket itself (full-width 3 bytes, ASCII 1 byte).
        from = at + line[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Cuts "related news" headlines glued between two sentences. A glued run
/// is a sentence whose leading parts are separated by half-width spaces and
/// carry no comma; the prose resumes at the first sentence-opening word
/// after the last space.
fn cut_glued_headlines(para: &str, starters: &[String]) -> String {
    let mut out = String::with_capacity(para.len());
    for sentence in para.split_inclusive([punct::FULL_STOP, punct::EXCLAMATION, punct::QUESTION]) {
        let parts: Vec<&str> = sentence.split(' ').collect();
        let glued = parts.len() >= 2
            && parts[..parts.len() - 1].iter().all(|p| {
                let n = p.chars().count();
                (2..=40).contains(&n)
                    && !p.contains([
                        punct::COMMA,
                        punct::FULL_STOP,
                        punct::ENUMERATION_COMMA,
                        punct::SEMICOLON,
                        punct::LEFT_PAREN,
                        punct::RIGHT_PAREN,
                    ])
            })
            && parts[0].chars().next().is_some_and(crate::html::is_cjk);
        if !glued {
            out.push_str(sentence);
            continue;
        }
        let last = parts[parts.len() - 1];
        // The last headline part is short; find where the prose starts.
        let mut cut = None;
        for (ci, (bi, _)) in last.char_indices().enumerate() {
            if !(3..=24).contains(&ci) {
                continue;
            }
            if starters.iter().any(|s| last[bi..].starts_with(s.as_str())) {
                cut = Some(bi);
                break;
            }
        }
        match cut {
            Some(bi) => out.push_str(&last[bi..]),
            None => out.push_str(sentence),
        }
    }
    out
}

/// The "related news" run after the story (`延伸閱讀` and the headlines
/// glued after it), or "" when there is none or it is longer than a list
/// of headlines (4,000 bytes).
fn related_run(t: &str) -> &str {
    RELATED_MARKERS
        .iter()
        .filter_map(|m| t.rfind(m).map(|i| &t[i + m.len()..]))
        .min_by_key(|r| r.len())
        .filter(|r| r.len() <= 4000)
        .unwrap_or("")
}

/// Cuts, from the start of each sentence, headlines of the related-news
/// run that were glued into the text (a page's inline "related" links
/// flattened by a crawler): the longest prefix of the sentence found in
/// the run, when it is at least 10 characters long and prose follows it.
fn cut_listed_headlines(para: &str, related: &str) -> String {
    if related.is_empty() {
        return para.to_string();
    }
    let mut out = String::with_capacity(para.len());
    for sentence in para.split_inclusive([punct::FULL_STOP, punct::EXCLAMATION, punct::QUESTION]) {
        let mut cut = 0;
        // Headlines are short: at most 80 characters are compared.
        for (n, (i, c)) in sentence.char_indices().take(80).enumerate() {
            let end = i + c.len_utf8();
            if !related.contains(&sentence[..end]) {
                break;
            }
            if n + 1 >= 10 {
                cut = end;
            }
        }
        let rest = &sentence[cut..];
        if cut > 0 && rest.chars().nth(10).is_some() {
            out.push_str(rest);
        } else {
            out.push_str(sentence);
        }
    }
    out
}

pub fn extract(ex: &Extractor, t: &str) -> Result<Article, Reject> {
    let t = t.trim_start();
    // A headline line above the dateline.
    let (title, t) = match t.split_once('\n') {
        Some((first, rest))
            if !is_dateline_line(first.trim()) && is_dateline_line(rest.trim_start()) =>
        {
            (Some(crate::html::collapse_ws(first)), rest.trim_start())
        }
        _ => (None, t),
    };
    let dl = dateline(t, &ex.rules.agencies);
    let starters = &ex.rules.starters;
    let related = related_run(t);
    let mut paragraphs = Vec::new();
    let mut code_date = None;
    let mut ended = false;
    for line in t.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if ended {
            break;
        }
        let mut body = line.to_string();
        if let Some(at) = credits_at(line) {
            body = line[..at].to_string();
            ended = true;
            let after = &line[at..];
            if let Some(close) = after.find([punct::RIGHT_PAREN, ')']) {
                let tail = after[close..].trim_start_matches([punct::RIGHT_PAREN, ')']);
                let code: String = tail.chars().take_while(|c| c.is_ascii_digit()).collect();
                code_date = meta::roc_date_code(&code);
            }
        }
        let body = cut_glued_headlines(&cut_listed_headlines(&body, related), starters);
        if !body.trim().is_empty() {
            paragraphs.push(body);
        }
    }
    let published = code_date;
    let dateline_date = match (&dl, published) {
        (Some(Dateline { day: Some(d), .. }), Some(p)) => meta::day_near(*d, p),
        _ => None,
    };
    let article = Article {
        title,
        published: published.or(dateline_date).map(meta::ymd),
        dateline: dateline_date
            .filter(|d| Some(*d) != published)
            .map(meta::ymd),
        authors: dl.as_ref().map(|d| d.reporters.clone()).unwrap_or_default(),
        outlet: dl.as_ref().map(|d| d.agency.clone()),
        form: Form::Wire,
        ..Article::default()
    };
    finish(&ex.rules, article, paragraphs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agencies() -> Vec<String> {
        vec!["中央社".into(), "新华社".into()]
    }

    #[test]
    fn headlines_of_the_related_run_glued_into_the_text_are_cut() {
        let related = related_run("（編輯：某某）1130101延伸閱讀某國央行宣布降息 市場反應平淡財政部：明年赤字率維持不變某地豪雨成災");
        let p = "某國央行今天宣布降息一碼。某國央行宣布降息 市場反應平淡財政部：明年赤字率維持不變分析人士認為，降息有助於提振消費。";
        assert_eq!(
            cut_listed_headlines(p, related),
            "某國央行今天宣布降息一碼。分析人士認為，降息有助於提振消費。"
        );
        let related = related_run("延伸阅读某国央行宣布降息 市场反应平淡");
        let p = "某国央行宣布降息 市场反应平淡据报道，此次降息幅度为零点二五个百分点。";
        assert_eq!(
            cut_listed_headlines(p, related),
            "据报道，此次降息幅度为零点二五个百分点。"
        );
        // A sentence that only shares a few words with a headline stays.
        let p = "某国央行宣布，将维持利率不变，并继续观察通胀走势。";
        assert_eq!(cut_listed_headlines(p, related), p);
        assert_eq!(cut_listed_headlines(p, ""), p);
    }

    #[test]
    fn datelines() {
        let d = dateline("（中央社巴黎13日綜合外電報導）今年", &agencies()).unwrap();
        assert_eq!(d.agency, "中央社");
        assert_eq!(d.day, Some(13));
        assert!(d.reporters.is_empty());
        let d = dateline("（中央社記者王小明台北20日電）", &agencies()).unwrap();
        assert_eq!(d.reporters, vec!["王小明"]);
        assert_eq!(d.day, Some(20));
        let d = dateline("（中央社記者林宏翰、溫貴香台北3日電）", &agencies()).unwrap();
        assert_eq!(d.reporters, vec!["林宏翰", "溫貴香"]);
        assert!(dateline("（註：本文為評論）", &agencies()).is_none());
    }

    #[test]
    fn glued_headlines_are_cut() {
        let s = crate::rules::Rules::new(None).unwrap().starters;
        let p = "他的朋友越來越少。甲地收復大片失土 某人親臨升旗乙國入侵遭遇挫敗 兩國關係料將更緊密丙報：反映信心十足甚至在國內支持者中，批評也在增加。";
        let out = cut_glued_headlines(p, &s);
        assert_eq!(out, "他的朋友越來越少。甚至在國內支持者中，批評也在增加。");
        let plain = "上海合作組織（SCO） 峰會期間，兩人將會晤。";
        assert_eq!(cut_glued_headlines(plain, &s), plain);
    }

    #[test]
    fn credits() {
        assert!(credits_at("結束。（譯者：某甲/核稿：某乙）1110915").is_some());
        // Found by the fuzzer: an ASCII bracket before CJK text.
        assert!(credits_at("related=(\"延伸阅读\", [\"某\"]),").is_none());
        assert!(credits_at("a(b（編輯：某甲）").is_some());
        assert!(credits_at("上海合作組織（SCO）峰會").is_none());
    }
}
