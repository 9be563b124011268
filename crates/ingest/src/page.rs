//! HTML article pages from any news site: metadata from JSON-LD, Open
//! Graph and `<head>`; the body from the container whose paragraphs carry
//! the most prose (text mass, link density, sentence punctuation), the way
//! Readability-style extractors score candidates; bylines and
//! "发布时间/来源" lines read and removed.

use rustc_hash::FxHashMap as HashMap;

use crate::dom::{Dom, NodeId};
use shiju_core::{Article, Form};
use shiju_text::punct;

use crate::html::{self, Block};
use crate::rules::{Known, Verdict};
use crate::{finish_known, meta, Extractor, Reject};

mod bonus;
use bonus::Bonus;

/// A block that is an image caption: it holds an image and little text, or
/// its text sits in `<small>`/`<cite>` beside an image.
pub fn is_caption(b: &Block) -> bool {
    if !b.has_img {
        return false;
    }
    let n = b.text.chars().count();
    n == 0 || b.small_chars * 2 >= n || (n <= 60 && !ends_sentence(&b.text))
}

/// The texts of the caption blocks among `blocks`: figure captions and the
/// line under a photo, with at least a few Chinese characters (a bare
/// photographer's credit is not a caption).
pub fn captions<'a>(blocks: impl IntoIterator<Item = &'a Block>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in blocks {
        if (b.in_caption || is_caption(b)) && html::cjk_at_least(&b.text, 6) {
            let t = b.text.trim().to_string();
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

pub fn ends_sentence(s: &str) -> bool {
    s.trim_end().chars().last().is_some_and(|c| {
        matches!(
            c,
            punct::FULL_STOP
                | punct::EXCLAMATION
                | punct::QUESTION
                | '”'
                | punct::RIGHT_CORNER
                | punct::RIGHT_WHITE_CORNER
                | '…'
                | '!'
                | '?'
                | punct::SEMICOLON
                | '.'
        )
    })
}

/// Characters, CJK ideographs and clause punctuation (`，。、；：`) of `s`,
/// in one pass over its bytes: a lead byte E5-E9 (U+5000..U+9FFF) counted
/// as an ideograph at once, other characters decoded only from a lead byte
/// of three or four bytes, the only ones that can be either.
fn prose_counts(s: &str) -> (usize, usize, usize) {
    let bytes = s.as_bytes();
    let (mut chars, mut cjk, mut punct) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        chars += 1;
        if lead < 0xE0 {
            // One or two bytes: below U+0800, neither CJK nor punctuation.
            i += if lead < 0x80 { 1 } else { 2 };
            continue;
        }
        if (0xE5..=0xE9).contains(&lead) {
            // U+5000..U+9FFF: all CJK ideographs, no punctuation.
            cjk += 1;
            i += 3;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
            break;
        };
        cjk += usize::from(html::is_cjk(c));
        punct += usize::from(is_clause_punct(c));
        i += c.len_utf8();
    }
    (chars, cjk, punct)
}

/// Whether `c` is clause punctuation for the prose score.
fn is_clause_punct(c: char) -> bool {
    matches!(
        c,
        punct::COMMA
            | punct::FULL_STOP
            | punct::ENUMERATION_COMMA
            | punct::SEMICOLON
            | punct::COLON
    )
}

fn prose_score(b: &Block) -> f64 {
    // Fewer than 24 bytes hold fewer than 8 CJK ideographs (3 or 4 bytes
    // each): no prose, before any character is read.
    if b.noise || b.text.len() < 24 || is_caption(b) {
        return 0.0;
    }
    let (chars, cjk, punct) = prose_counts(&b.text);
    let cjk = cjk as f64;
    if cjk < 8.0 {
        return 0.0;
    }
    // `Block::link_density`, with the characters counted above.
    let ld = b.link_chars as f64 / chars as f64;
    if ld > 0.5 {
        return 0.0;
    }
    (cjk + 10.0 * (punct as f64).min(cjk / 8.0)) * (1.0 - ld)
}

/// The prose score of each block: its score `before` the boilerplate
/// rules' verdicts, 0 for a block marked since.
fn scores(blocks: &[Block], before: &[f64]) -> Vec<f64> {
    blocks
        .iter()
        .zip(before)
        .map(|(b, s)| if b.noise { 0.0 } else { *s })
        .collect()
}

/// Indices of the blocks of the main content container, and of the
/// containers beside it of the same kind (`same_kind`: same element and
/// class) that hold prose too: a story split into several boxes between
/// advertisements (`<div class="article-partial">` × n) is one story.
/// `prose[i]` is the prose score of `blocks[i]` ([`scores`]).
pub fn main_blocks(
    blocks: &[Block],
    prose: &[f64],
    bonus: &dyn Fn(NodeId) -> f64,
    same_kind: &dyn Fn(NodeId, NodeId) -> bool,
) -> Vec<usize> {
    let mut score: HashMap<NodeId, f64> = HashMap::default();
    for (b, &s) in blocks.iter().zip(prose) {
        if s == 0.0 {
            continue;
        }
        // The block's own element is ancestors[0]; credit its container and
        // the container's parent, as Readability does.
        for (k, id) in b.ancestors.iter().skip(1).take(3).enumerate() {
            *score.entry(*id).or_default() += s / (k as f64 + 1.0);
        }
    }
    let best = score
        .iter()
        .map(|(id, s)| (*id, s * bonus(*id)))
        // On a tie the element created first (earlier in the page) wins,
        // whatever order the map iterates in: the choice is reproducible.
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(id, _)| id);
    // No block of prose anywhere (a list of links, a video page): no body.
    let Some(best) = best else {
        return Vec::new();
    };
    let mut chosen = vec![best];
    chosen.extend(siblings_of_same_kind(blocks, &score, best, same_kind));
    let chosen: Vec<(NodeId, usize)> = chosen
        .into_iter()
        .filter_map(|c| Some((c, depth(blocks, c)?)))
        .collect();
    (0..blocks.len())
        .filter(|&i| {
            chosen
                .iter()
                .any(|&(c, d)| at_depth(&blocks[i], d) == Some(c))
        })
        .collect()
}

/// The depth of `node` in the ancestor lists of the blocks under it,
/// counted from their end (the root is at depth 0): those lists are chains
/// of block elements from one root (`html::blocks`), so an element sits
/// at the same depth in every one. None when no block is under `node`.
fn depth(blocks: &[Block], node: NodeId) -> Option<usize> {
    blocks.iter().find_map(|b| {
        let k = b.ancestors.iter().position(|a| *a == node)?;
        Some(b.ancestors.len() - 1 - k)
    })
}

/// The ancestor of `b` at depth `d` ([`depth`]).
fn at_depth(b: &Block, d: usize) -> Option<NodeId> {
    let len = b.ancestors.len();
    len.checked_sub(d + 1).map(|k| b.ancestors[k])
}

/// The elements beside `best`, or beside its parent or grandparent when
/// `best` has none (a box of paragraphs inside each part), that are of
/// the same kind and hold at least a tenth of the prose of the element
/// they sit beside.
fn siblings_of_same_kind(
    blocks: &[Block],
    score: &HashMap<NodeId, f64>,
    best: NodeId,
    same_kind: &dyn Fn(NodeId, NodeId) -> bool,
) -> Vec<NodeId> {
    let mut node = best;
    // `node`'s depth ([`depth`]): its parent is one less deep, its
    // siblings as deep.
    let Some(mut d) = depth(blocks, node) else {
        return Vec::new();
    };
    for _ in 0..3 {
        let floor = score.get(&node).copied().unwrap_or(0.0) / 10.0;
        let Some(up) = d.checked_sub(1) else {
            return Vec::new();
        };
        let parent = blocks
            .iter()
            .find(|b| at_depth(b, d) == Some(node))
            .and_then(|b| at_depth(b, up));
        let Some(parent) = parent else {
            return Vec::new();
        };
        let mut out: Vec<NodeId> = Vec::new();
        for b in blocks {
            if at_depth(b, up) != Some(parent) {
                continue;
            }
            let Some(sib) = at_depth(b, d) else {
                continue;
            };
            if sib != node
                && !out.contains(&sib)
                && score.get(&sib).is_some_and(|s| *s > 0.0 && *s >= floor)
                && same_kind(sib, node)
            {
                out.push(sib);
            }
        }
        if !out.is_empty() {
            out.push(node);
            return out;
        }
        node = parent;
        d = up;
    }
    Vec::new()
}

/// Strips a site-name suffix from a `<title>`: "标题 - 站名", "标题_国际_站名".
pub fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let mut t = title.trim().to_string();
    for _ in 0..3 {
        let mut cut = None;
        for sep in [
            " - ",
            " – ",
            " — ",
            " | ",
            punct::VERTICAL_LINE_STR,
            "_",
            " _ ",
            "——",
            " -",
            "- ",
            "--",
        ] {
            if let Some(i) = crate::rfind_short(&t, sep) {
                let tail = t[i + sep.len()..].trim();
                let head = t[..i].trim();
                let tail_is_site =
                    site.is_some_and(|s| !s.is_empty() && (tail.contains(s) || s.contains(tail)));
                // `--` also joins a headline to its source (`…--CNBC`): only
                // the site's own name is cut there.
                if sep == "--" && !tail_is_site {
                    continue;
                }
                if html::cjk_at_least(head, 4) && (tail_is_site || tail.chars().count() <= 12) {
                    cut = Some(cut.map_or(i, |c: usize| c.max(i)));
                }
            }
        }
        match cut {
            Some(i) => t = t[..i].trim().to_string(),
            None => break,
        }
    }
    t
}

/// The outlet a `<title>` names after its headline (`标题-新华网`,
/// `标题_国际_新浪网`): the last part after a separator, when it is an
/// outlet's own name in the outlet table. The site that publishes a page
/// names itself there; a `来源：` line may name the paper it republished.
fn site_in_title(ex: &Extractor, title: &str) -> Option<String> {
    let tail = title
        .rsplit(['-', '_', '|', punct::VERTICAL_LINE, '–', '—'])
        .next()?
        .trim();
    (tail.len() < title.trim().len() && ex.rules.is_outlet_own_name(tail)).then(|| tail.to_string())
}

/// A date in the URL path: /20230507/, /2023-05-07/, /2023/05/07/, /2023-05/07/.
pub fn date_in_url(url: &str) -> Option<String> {
    let digits: Vec<(usize, &str)> = url
        .split(['/', '-', '_', '.'])
        .scan(0usize, |pos, s| {
            let p = *pos;
            *pos += s.len() + 1;
            Some((p, s))
        })
        .collect();
    for w in digits.windows(3) {
        let [(_, a), (_, b), (_, c)] = [w[0], w[1], w[2]];
        if a.len() == 4
            && b.len() <= 2
            && c.len() <= 2
            && [a, b, c]
                .iter()
                .all(|x| !x.is_empty() && x.bytes().all(|y| y.is_ascii_digit()))
        {
            if let Some(d) = meta::find_date(&format!("{a}-{b}-{c}")) {
                return Some(meta::ymd(d));
            }
        }
    }
    for (_, s) in &digits {
        if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
            if let Some(d) = meta::find_date(&format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..])) {
                return Some(meta::ymd(d));
            }
        }
    }
    None
}

/// The names in the first author box (an element whose class names the
/// author or byline) just above the story, inside it or just after it.
fn author_box(ex: &Extractor, blocks: &[Block], main: &[usize]) -> Vec<String> {
    let (Some(&first), Some(&last)) = (main.first(), main.last()) else {
        return Vec::new();
    };
    let lo = first.saturating_sub(12);
    let hi = (last + 8).min(blocks.len().saturating_sub(1));
    for b in blocks.iter().take(hi + 1).skip(lo) {
        if !b.in_author || b.in_caption {
            continue;
        }
        let mut names = meta::author_box_names(&b.text);
        names.retain(|n| {
            !ex.rules.is_outlet_name(n)
                && !ex
                    .rules
                    .credits
                    .iter()
                    .any(|(m, _)| crate::contains_short(n, m))
        });
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

/// Keeps the first of equal names.
fn dedup(names: &mut Vec<String>) {
    let mut seen = Vec::new();
    names.retain(|a| {
        let new = !seen.contains(a);
        seen.push(a.clone());
        new
    });
}

/// The date of a short unlabelled line under the headline that prints a
/// date with its time (`2024-03-05 09:12`, `新华网 2024年03月05日 09:12`):
/// a publication stamp. Without a time a date may be any date; a sentence
/// is not a stamp.
fn date_time_line(s: &str) -> Option<chrono::NaiveDate> {
    let l = s.trim();
    if l.chars().nth(60).is_some() || l.contains([punct::FULL_STOP, punct::COMMA]) {
        return None;
    }
    let b = l.as_bytes();
    let has_time = b.windows(5).any(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && w[2] == b':'
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
    });
    if has_time {
        meta::find_date(l)
    } else {
        None
    }
}

/// Whether two elements have the same name and the same, non-empty,
/// `class` attribute.
fn same_element_and_class(dom: &Dom, a: NodeId, b: NodeId) -> bool {
    let class = |n: NodeId| dom.attr(n, "class").map(str::trim);
    dom.name(a) == dom.name(b) && class(a).is_some_and(|c| !c.is_empty() && Some(c) == class(b))
}

/// A paragraph of prose outside links and captions: what a standfirst is.
fn is_standfirst(ex: &Extractor, b: &Block) -> bool {
    (b.tag == "p"
        || (b.tag == "div"
            && ends_sentence(&b.text)
            && !crate::body::is_photo_caption(&ex.rules, &b.text)))
        && !b.noise
        && !is_caption(b)
        && b.link_density() < 0.2
        && html::cjk_at_least(&b.text, 30)
        && b.text.contains(punct::COMMA)
}

/// Lines the boilerplate rules drop (cookie notices, app promotions) never
/// make a container the article: the blocks `which` selects among
/// `blocks` (by index) are judged unless marked already, and marked when
/// dropped. The verdicts given are kept in `verdicts` (one per block),
/// for the next pass and for `finish`. Only blocks of prose need judging
/// to choose the container ([`prose_score`] above 0: a verdict changes
/// no other block's score), and then the blocks `extract` reads (the
/// main ones and those just above them).
fn mark_dropped(
    ex: &Extractor,
    blocks: &mut [Block],
    verdicts: &mut [Option<Verdict>],
    which: impl Iterator<Item = usize>,
) {
    for i in which {
        let b = &mut blocks[i];
        let v = &mut verdicts[i];
        if !b.noise && *v.get_or_insert_with(|| ex.rules.verdict(&b.text)) == Verdict::Drop {
            b.noise = true;
        }
    }
}

/// The indices of the blocks whose prose score (`prose`) is above 0.
fn prose_blocks(prose: &[f64]) -> impl Iterator<Item = usize> + '_ {
    prose
        .iter()
        .enumerate()
        .filter(|(_, s)| **s > 0.0)
        .map(|(i, _)| i)
}

/// The headline: the page's `<h1>` when the title, `og:title` or the
/// JSON-LD headline (the site's name cut off) agree with it, else the first
/// of those.
fn headline(pm: &html::PageMeta, site: Option<&str>) -> Option<String> {
    let page_title = pm.title.as_deref().map(|t| strip_site_suffix(t, site));
    let og = pm.og_title.as_deref().map(|t| strip_site_suffix(t, site));
    pm.h1
        .clone()
        .filter(|h| {
            html::cjk_at_least(h, 4)
                && [
                    page_title.as_deref(),
                    og.as_deref(),
                    pm.ld_headline.as_deref(),
                ]
                .iter()
                .flatten()
                .any(|c| c.contains(h.as_str()) || h.contains(*c))
        })
        .or(pm.ld_headline.clone())
        .or(og)
        .or(pm.h1.clone())
        .or(page_title)
}

/// The page's tree: by the fast tree builder over the page as it is (it
/// drops the attributes `prune` would cut itself, and reads white space
/// between tags alike), else by html5ever over the pruned page, after the
/// depth check. The fast path needs no depth check: it keeps its own
/// stack of open elements under `tree::MAX_STACK` (a deeper page bails to
/// the checked path), so its scope checks stay bounded; a page the count
/// of container tags finds deep only because end tags are missing that
/// the tree closes implicitly (`</td>` closing a `<div>`) is read.
fn tree_of<'a>(t: &str, norm: &'a str) -> Result<Dom<'a>, Reject> {
    if let Some(doc) = crate::tree::parse(norm) {
        return Ok(doc);
    }
    let t = crate::prune::prune(t);
    let depth = crate::depth::max_depth(&t);
    if depth > crate::depth::MAX_DEPTH {
        return Err(Reject::NotADocument(format!(
            "HTML nested {depth} levels deep (the budget is {})",
            crate::depth::MAX_DEPTH
        )));
    }
    Ok(Dom::parse_html(&t))
}

pub fn extract(ex: &Extractor, t: &str) -> Result<Article, Reject> {
    // The fast path reads the page as it is; else the page without inert
    // markup, its newlines normalised as the tokenizer does.
    let (stripped, norm);
    let doc = match crate::tree::parse_page(t) {
        Some(doc) => doc,
        None => {
            stripped = crate::inert::strip(t);
            norm = crate::tree::normalize_newlines(&stripped);
            tree_of(&stripped, &norm)?
        }
    };
    let (pm, containers, mut blocks, deferred) = html::read_page(&doc);
    let mut verdicts = vec![None; blocks.len()];
    let mut before: Vec<f64> = blocks.iter().map(prose_score).collect();
    mark_dropped(ex, &mut blocks, &mut verdicts, prose_blocks(&before));
    let bonus = Bonus::new(&doc, containers);
    let bonus = |n: NodeId| bonus.of(n);
    let same_kind = |a: NodeId, b: NodeId| same_element_and_class(&doc, a, b);
    let mut main = main_blocks(&blocks, &scores(&blocks, &before), &bonus, &same_kind);
    // A page whose every prose block sits in a container marked as
    // boilerplate by its class (old layouts name their story box `side…`,
    // `more…`): judged again on prose alone rather than rejected.
    if main.is_empty() {
        deferred.fill(&mut blocks, 0..usize::MAX);
        for b in &mut blocks {
            b.noise = b.in_caption;
        }
        before = blocks.iter().map(prose_score).collect();
        mark_dropped(ex, &mut blocks, &mut verdicts, prose_blocks(&before));
        main = main_blocks(&blocks, &scores(&blocks, &before), &bonus, &same_kind);
    }
    let first_main = main.first().copied().unwrap_or(0);
    let lo = first_main.saturating_sub(12);
    // Read below: the blocks just above the story and its own (judged
    // here), 8 after it (`author_box`); their texts in boilerplate first.
    if let Some(&last) = main.last() {
        deferred.fill(&mut blocks, lo..last + 9);
    }
    mark_dropped(
        ex,
        &mut blocks,
        &mut verdicts,
        (lo..first_main).chain(main.iter().copied()),
    );

    // Title.
    let url = pm
        .url
        .clone()
        .or(pm.ld_url.clone())
        .filter(|u| u.starts_with("http"));
    // The outlet table names an outlet the way it prints its name in
    // copy; `og:site_name` often adds an English name or a slogan.
    let site = url
        .as_deref()
        .and_then(|u| ex.rules.outlet_of_url(u))
        .or(pm.site_name.clone())
        .or(pm.ld_publisher.clone())
        .or_else(|| pm.title.as_deref().and_then(|t| site_in_title(ex, t)));
    let title = headline(&pm, site.as_deref());

    // Metadata lines inside the main region or just above it.
    let mut authors: Vec<String> = if !pm.ld_authors.is_empty() {
        pm.ld_authors.clone()
    } else {
        pm.authors
            .iter()
            .flat_map(|a| meta::split_authors(a))
            .collect()
    };
    let mut line_authors: Vec<String> = Vec::new();
    let mut info_date = None;
    let mut line_date = None;
    let mut info_source = None;
    let mut paragraphs = Vec::new();
    let mut lead = crate::body::Lead::default();
    let mut seen_prose = false;
    let mut after_h1 = false;
    let title_key = title.as_deref().map(crate::squash);
    // The blocks read: from `lo` to the story's last block (`main` is in
    // order), those between the story's blocks skipped.
    let end = main.last().map_or(first_main, |l| l + 1);
    for (i, b) in blocks.iter().enumerate().take(end).skip(lo) {
        let in_main = main.binary_search(&i).is_ok();
        if !(in_main || i < first_main) {
            continue;
        }
        // A line holding a full stop is no info line, byline or date line
        // (each says None): asked once, not by each.
        let sentence = b.text.contains(punct::FULL_STOP);
        if let Some(info) = (!sentence).then(|| meta::info_line(&b.text)).flatten() {
            info_date = info_date.or(info.date);
            info_source = info_source.or(info.source);
            if let Some(names) = meta::byline(&b.text) {
                if line_authors.is_empty() {
                    line_authors = names;
                }
            }
            continue;
        }
        if let Some(names) = (!sentence).then(|| meta::byline(&b.text)).flatten() {
            if line_authors.is_empty() {
                line_authors = names;
            }
            continue;
        }
        if !sentence && line_date.is_none() && !seen_prose && !b.noise && b.link_density() < 0.5 {
            line_date = date_time_line(&b.text);
        }
        if !in_main && b.tag == "h1" {
            after_h1 = true;
        }
        // A standfirst between the headline and the story's container
        // (`<h1>`, `<p class="…chapo">`, then the body box) opens the body.
        // It sits inside the element that holds the story's box (a summary
        // box elsewhere on the page is not the standfirst).
        let beside_story = b
            .ancestors
            .get(1)
            .is_some_and(|parent| blocks[first_main].ancestors.contains(parent));
        if !in_main
            && after_h1
            && !seen_prose
            && beside_story
            && is_standfirst(ex, b)
            && paragraphs.is_empty()
        {
            paragraphs.push(b.text.clone());
            seen_prose = true;
            continue;
        }
        if !in_main || b.noise || is_caption(b) || b.text.is_empty() {
            continue;
        }
        // A short line of an author box (the name, the role) is a credit.
        if b.in_author
            && b.text.chars().nth(30).is_none()
            && !b.text.contains([punct::FULL_STOP, punct::COMMA])
        {
            continue;
        }
        if b.link_density() > 0.6 && b.text.chars().count() < 120 {
            continue;
        }
        if b.tag == "h1" || crate::body::is_photo_caption(&ex.rules, &b.text) {
            continue;
        }
        if !seen_prose {
            if matches!(&title_key, Some(k) if crate::squash_eq(&b.text, k)) {
                continue;
            }
            seen_prose |= html::cjk_at_least(&b.text, 12)
                && b.text.contains([punct::COMMA, punct::FULL_STOP]);
            paragraphs.extend(lead.take(&b.text));
            continue;
        }
        paragraphs.push(b.text.clone());
    }
    paragraphs.extend(lead.finish());
    // The page's declared author (meta, JSON-LD) first, unless it names
    // the outlet; then a byline line, the body's lead, an author box.
    authors.retain(|a| !ex.rules.is_outlet_name(a));
    if authors.is_empty() {
        authors = line_authors;
    }
    if authors.is_empty() {
        authors = std::mem::take(&mut lead.authors);
    }
    if authors.is_empty() {
        authors = author_box(ex, &blocks, &main);
    }
    dedup(&mut authors);
    let published = pm
        .published
        .as_deref()
        .or(pm.ld_published.as_deref())
        .or(pm.time.as_deref())
        .and_then(meta::local_date)
        .or(info_date)
        .or(line_date)
        .map(meta::ymd)
        .or(lead.date)
        .or_else(|| url.as_deref().and_then(date_in_url));
    let outlet = site.or(info_source);
    let head = Head {
        title,
        published,
        authors,
        outlet,
        url,
    };
    // The paragraphs mostly are main blocks' texts, judged already.
    let known: Known = main
        .iter()
        .filter_map(|&i| Some((blocks[i].text.trim(), verdicts[i].as_ref()?)))
        .collect();
    let main_blocks = main.iter().map(|&i| &blocks[i]);
    finish_html_known(ex, Form::Html, head, main_blocks, paragraphs, &known)
}

/// What an HTML reader found about the article: its title, publication
/// date, authors, outlet and URL.
pub(crate) struct Head {
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
}

/// The article an HTML reader found (`form`: a page, a feed dump), with
/// the captions among `blocks`, finished.
pub(crate) fn finish_html<'a>(
    ex: &Extractor,
    form: Form,
    head: Head,
    blocks: impl IntoIterator<Item = &'a Block>,
    paragraphs: Vec<String>,
) -> Result<Article, Reject> {
    finish_html_known(ex, form, head, blocks, paragraphs, &Known::default())
}

/// [`finish_html`], with the boilerplate verdicts `known` already given.
fn finish_html_known<'a>(
    ex: &Extractor,
    form: Form,
    head: Head,
    blocks: impl IntoIterator<Item = &'a Block>,
    paragraphs: Vec<String>,
    known: &Known,
) -> Result<Article, Reject> {
    let Head {
        title,
        published,
        authors,
        outlet,
        url,
    } = head;
    let article = Article {
        title,
        published,
        authors,
        outlet,
        url,
        form,
        captions: captions(blocks),
        ..Article::default()
    };
    finish_known(&ex.rules, article, paragraphs, known)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `prose_counts` agrees with counting character by character.
    #[test]
    fn prose_counts_match_chars() {
        for t in [
            "",
            "abc",
            "外交部发言人周二表示，双方将继续磋商。",
            "é ü ß — “引号” 、；： 𠀀𪜀 豈 㐀 䶿 ䷀ 〇 ！",
            "Mixed 中文, text; 1：2",
        ] {
            let by_chars = (
                t.chars().count(),
                t.chars().filter(|c| html::is_cjk(*c)).count(),
                t.chars().filter(|c| is_clause_punct(*c)).count(),
            );
            assert_eq!(prose_counts(t), by_chars, "{t}");
        }
    }

    /// Eight ideographs (24 bytes) are prose, seven are not.
    #[test]
    fn prose_needs_eight_ideographs() {
        let block = |t: &str| Block {
            text: t.to_string(),
            link_chars: 0,
            tag: "p".into(),
            ancestors: Vec::new(),
            noise: false,
            has_img: false,
            small_chars: 0,
            in_caption: false,
            in_author: false,
        };
        assert_eq!(prose_score(&block("一二三四五六七")), 0.0);
        assert_eq!(prose_score(&block("一二三四五六七 abcdefghijkl")), 0.0);
        assert!(prose_score(&block("一二三四五六七八")) > 0.0);
        assert!(prose_score(&block("𠀀𠀁𠀂𠀃𠀄𠀅")) == 0.0);
    }

    #[test]
    fn a_date_and_time_line_under_the_headline_is_the_publication_date() {
        let ex = Extractor::new(None).unwrap();
        let body =
            "<p>东盟外长会议周四在雅加达开幕，与会各方就南海局势和区域经济合作交换了意见。</p>\
                    <p>印度尼西亚外长表示，东盟应当保持团结，以对话协商解决分歧。</p>";
        for stamp in [
            "<span>2024-07-04 09:57</span>",
            "<span>2024-07-04 09:57 新华网</span>",
            "http://www.example.com 2024年07月04日 09:57 《某某报》",
        ] {
            let page = format!(
                "<html><body><div class=\"tit\">东盟外长会议在雅加达开幕</div><div class=\"time\">{stamp}</div>\
                 <div class=\"text\">{body}</div></body></html>"
            );
            let a = extract(&ex, &page).unwrap();
            assert_eq!(a.published.as_deref(), Some("2024-07-04"), "{stamp}");
        }
        // A date without a time (a date in the headline block) is no stamp.
        let page = format!(
            "<html><body><div class=\"tit\">2024年7月4日东盟外长会议开幕</div><div class=\"text\">{body}</div></body></html>"
        );
        assert_eq!(extract(&ex, &page).unwrap().published, None);
    }

    #[test]
    fn site_suffixes() {
        assert_eq!(
            strip_site_suffix("普京会见金正恩 - 新华网", None),
            "普京会见金正恩"
        );
        assert_eq!(
            strip_site_suffix("普京会见金正恩_国际_新浪网", None),
            "普京会见金正恩"
        );
        assert_eq!(
            strip_site_suffix("持续追踪|泽连斯基访美获爱国者", None),
            "持续追踪|泽连斯基访美获爱国者"
        );
    }

    #[test]
    fn prose_only_in_boilerplate_named_boxes_is_still_read() {
        let page = "<html><body><div class=\"more\"><p>某市今天举行防汛应急演练，多个部门参加，检验协同处置能力。</p><p>市长在演练结束后表示，要做好今年汛期的各项准备工作，确保安全。</p></div></body></html>";
        let ex = Extractor::new(None).unwrap();
        let a = extract(&ex, page).unwrap();
        assert_eq!(a.paragraphs.len(), 2);
    }

    #[test]
    fn standfirst_between_headline_and_body_box() {
        let page = "<html><body><article><h1>某市举行防汛演练</h1><p class=\"intro\">被称为年度最大规模的防汛演练今天在某市举行，多个部门参加，检验协同处置能力。</p><div class=\"content\"><p>演练模拟了城区内涝和水库险情，各部门按照预案分工协作，迅速处置。</p><p>市长在演练结束后表示，要做好今年汛期的各项准备工作，确保安全度汛。</p><p>气象部门预计，今年汛期降雨偏多，防汛形势严峻，需要提前做好准备。</p></div></article></body></html>";
        let ex = Extractor::new(None).unwrap();
        let a = extract(&ex, page).unwrap();
        assert!(
            a.paragraphs[0].starts_with("被称为年度最大规模"),
            "{:?}",
            a.paragraphs
        );
        assert_eq!(a.paragraphs.len(), 4);
    }

    #[test]
    fn a_story_split_over_boxes_between_ads_is_joined() {
        let part = |t: &str| {
            format!("<div class=\"story-part\"><div class=\"story-item\"><div class=\"para\">{t}</div></div></div>")
        };
        let page = format!(
            "<html><body><h1>某国宣布新一轮经济刺激计划</h1><section class=\"story\">{}<div class=\"ad-slot\"><small>广告</small></div>{}<div class=\"ad-slot\"><small>广告</small></div>{}</section><div class=\"more\"><a href=\"/1\">其他新闻标题一则</a></div></body></html>",
            part("某国政府周一宣布新一轮经济刺激计划，总额达到五千亿元，用于基础设施建设和减税。"),
            part("财政部长在记者会上说，这些措施将在今年下半年陆续实施，以稳定就业和消费。</div><div class=\"para\">分析人士认为，刺激计划的规模超出市场预期，但财政赤字可能因此扩大。"),
            part("央行同日表示，将继续保持稳健的货币政策，配合财政措施。"),
        );
        let ex = Extractor::new(None).unwrap();
        let a = extract(&ex, &page).unwrap();
        assert_eq!(a.paragraphs.len(), 4, "{:?}", a.paragraphs);
        assert!(a.paragraphs[0].starts_with("某国政府周一"));
        assert!(a.paragraphs[3].starts_with("央行同日"));
    }

    #[test]
    fn a_small_box_of_the_same_class_after_the_story_is_not_joined() {
        let page = "<html><body><div class=\"editor\"><p>某國政府週一宣布新一輪經濟刺激計畫，總額達到五千億元，用於基礎設施建設和減稅。</p><p>財政部長在記者會上說，這些措施將在今年下半年陸續實施，以穩定就業和消費。</p><p>分析人士認為，刺激計畫的規模超出市場預期，但財政赤字可能因此擴大，國際評級機構正密切關注。</p><p>央行同日表示，將繼續保持穩健的貨幣政策，配合財政措施，並視情況調整利率。</p></div><div class=\"editor\"><p>歡迎提供新聞線索，請來信。</p></div></body></html>";
        let ex = Extractor::new(None).unwrap();
        let a = extract(&ex, page).unwrap();
        assert_eq!(a.paragraphs.len(), 4, "{:?}", a.paragraphs);
    }

    #[test]
    fn machine_written_summary_boxes_are_not_body() {
        for class in ["ai_area", "ai-summary", "aiSummary"] {
            let page = format!("<html><body><h1>某市举行防汛演练</h1><div class=\"{class}\"><p>这篇文章报道了某市举行防汛应急演练的情况，多个部门参加，全面检验了协同处置能力，并详细介绍了演练过程和各部门的分工，值得关注。</p><p>问：演练在哪里举行？答：某市。</p></div><div class=\"content\"><p>某市今天举行防汛应急演练，多个部门参加。</p><p>市长在演练结束后表示，要做好今年汛期的各项准备工作。</p></div></body></html>");
            let ex = Extractor::new(None).unwrap();
            let a = extract(&ex, &page).unwrap();
            assert!(
                a.paragraphs[0].starts_with("某市今天"),
                "{class}: {:?}",
                a.paragraphs
            );
            assert!(!a.paragraphs.iter().any(|p| p.contains("这篇文章")));
        }
    }

    #[test]
    fn authors_from_an_author_box_and_a_div_standfirst() {
        let page = "<html><body><article><h1>某國開設半導體職業訓練課程</h1><div class=\"top__authorName\">王小明</div><div class=\"top__authorRole\">國際部記者</div><div class=\"article__lead\">半導體人才短缺的某國，是如何培育支撐尖端產業的人才呢？</div><div class=\"article__body\"><p>某國政府大規模支援社會人士進修的職業訓練課程，在各地大學開設相關課程。</p><p>課程為期兩個月，學費的八成以上由政府負擔，報名人數超過名額三倍。</p></div></article></body></html>";
        let ex = Extractor::new(None).unwrap();
        let a = extract(&ex, page).unwrap();
        assert_eq!(a.authors, vec!["王小明".to_string()]);
        assert!(
            a.paragraphs[0].starts_with("半導體人才短缺"),
            "{:?}",
            a.paragraphs
        );
        let page = "<html><body><h1>某市举行防汛演练</h1><div class=\"author\"><a href=\"/s?q=李四\">李四</a> 2024年05月01日 10:00:00</div><div class=\"content\"><p>某市今天举行防汛应急演练，多个部门参加，检验协同处置能力。</p><p>市长在演练结束后表示，要做好今年汛期的各项准备工作。</p></div></body></html>";
        let a = extract(&ex, page).unwrap();
        assert_eq!(a.authors, vec!["李四".to_string()]);
    }

    #[test]
    fn a_byline_line_counts_when_the_meta_author_is_the_outlet() {
        let page = "<html><head><meta name=\"author\" content=\"三立新聞網\"></head><body><h1>某市舉行防汛演練</h1><div class=\"content\"><p>記者王大同／台北報導</p><p>某市今天舉行防汛應急演練，多個部門參加，檢驗協同處置能力。</p><p>市長在演練結束後表示，要做好今年汛期的各項準備工作。</p></div></body></html>";
        let ex = Extractor::new(None).unwrap();
        let a = extract(&ex, page).unwrap();
        assert_eq!(a.authors, vec!["王大同".to_string()]);
    }

    #[test]
    fn the_site_named_in_the_title_is_the_outlet_not_the_republished_source() {
        let page = "<html><head><title>某市举行防汛演练-新华网</title></head><body><h1>某市举行防汛演练</h1><div class=\"info\">2024-05-01 10:00:00 来源：经济日报</div><div class=\"content\"><p>某市今天举行防汛应急演练，多个部门参加，检验协同处置能力。</p><p>市长在演练结束后表示，要做好今年汛期的各项准备工作。</p></div></body></html>";
        let ex = Extractor::new(None).unwrap();
        let a = extract(&ex, page).unwrap();
        assert_eq!(a.outlet.as_deref(), Some("新华网"));
        // A suffix that is no outlet's name leaves the source line's outlet.
        let page = page.replace("-新华网", "-国际频道");
        let a = extract(&ex, &page).unwrap();
        assert_eq!(a.outlet.as_deref(), Some("经济日报"));
    }

    #[test]
    fn an_element_is_at_one_depth_in_every_block_under_it() {
        let page = "<html><body><div class=\"a\"><p>一</p><section><p>二</p><ul><li>三</li></ul></section></div><div><p>四</p>五</div></body></html>";
        let dom = Dom::parse_html(page);
        let blocks = html::blocks(&dom, dom.body().unwrap());
        let all: Vec<NodeId> = blocks.iter().flat_map(|b| b.ancestors.clone()).collect();
        assert!(blocks.len() >= 5);
        for n in all {
            let d = depth(&blocks, n).unwrap();
            for b in &blocks {
                assert_eq!(at_depth(b, d) == Some(n), b.ancestors.contains(&n));
            }
        }
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            date_in_url("https://cn.nytimes.com/asia-pacific/20230507/example/").as_deref(),
            Some("2023-05-07")
        );
        assert_eq!(
            date_in_url("http://www.news.cn/world/2023-09/13/c_1.htm").as_deref(),
            Some("2023-09-13")
        );
        assert_eq!(date_in_url("https://example.com/a/123456"), None);
    }
}
