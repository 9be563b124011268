//! The recognition pass over one text (see the crate documentation).

use std::collections::BTreeMap;

/// The per-document maps and sets hash small integers and short strings:
/// FxHash instead of SipHash (none of them is iterated in an order that
/// reaches the output).
type HashMap<K, V> = std::collections::HashMap<K, V, crate::Fx>;
type HashSet<K> = std::collections::HashSet<K, crate::Fx>;

use shiju_core::{Context, Date, Entity, EntityType, Mention, Role, RoleStatus, Text};

use crate::*;

pub(crate) mod bodies;
mod gloss;
mod office;
use gloss::slug_from_gloss;

/// A gazetteer match kept after the guards.
#[derive(Debug, Clone, Copy)]
struct Tok {
    s: usize,
    e: usize,
    target: Target,
    /// Pattern index (all targets of the form).
    pat: usize,
    /// An `X方`/`X军` form.
    generated: bool,
}

/// What a mention refers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Country(usize),
    Org(usize),
    Person(usize),
    New(usize),
}

#[derive(Debug, Clone)]
struct Cand {
    s: usize,
    e: usize,
    key: Key,
}

/// A person the gazetteer does not know, found in this text.
#[derive(Debug)]
struct NewPerson {
    /// Normalised full name.
    full: String,
    /// Later short forms (surname) that join it.
    aliases: Vec<String>,
    id: String,
}

/// Affiliation read before a person's name.
#[derive(Debug, Default, Clone)]
struct Affil {
    title: Option<String>,
    status: Option<RoleStatus>,
    country: Option<String>,
    /// Start of the printed form including the affiliation, when it is a
    /// plain country/title phrase.
    form_start: Option<usize>,
    /// End of that form when a title follows the name (拜登总统).
    form_end: Option<usize>,
    /// Countries named inside an institution's name (not mentions).
    suppressed: Vec<usize>,
}

fn prev_char(s: &str, pos: usize) -> Option<char> {
    s.get(..pos).and_then(|p| p.chars().next_back())
}

fn next_char(s: &str, pos: usize) -> Option<char> {
    s.get(pos..).and_then(|p| p.chars().next())
}

fn starts_with_any(s: &str, pos: usize, words: &[&str]) -> bool {
    s.get(pos..)
        .is_some_and(|rest| words.iter().any(|w| rest.starts_with(w)))
}

/// Person forms followed by these are part of a name of something else (`布朗大学`).
#[rustfmt::skip]
const PERSON_NOT_BEFORE: &[&str] = &[
    "大学", "学院", "公司", "集团", "研究所", "研究院", "基金会", "家族", "主义", "号", "奖", "法案",
    "中心", "街", "路", "镇", "山", "河", "湖", "港", "岛", "省", "州", "县", "市", "广场", "机场",
    "体育场", "纪念馆", "故居", "雕像", "铜像", "陵", "墓", "王朝",
];

/// Ordinary words that a short person form can cut across (`宣布什么` is not 布什).
#[rustfmt::skip]
pub(crate) const CROSS_WORDS: &[&str] = &[
    "宣布", "公布", "发布", "颁布", "分布", "遍布", "散布", "摆布", "密布", "瀑布", "什么", "拉开",
    "拉动", "拉近", "普及", "普遍", "默契", "莫斯", "特别", "克服", "万一", "千万", "马上", "迪斯",
];

/// Whether the character before `s` or after `e` makes an ordinary word with the form's edge.
fn word_across(g: &Gazetteer, n: &str, s: usize, e: usize) -> bool {
    let hit = |a: Option<char>, b: Option<char>| {
        a.zip(b)
            .is_some_and(|p| g.cross_words.binary_search(&p).is_ok())
    };
    hit(prev_char(n, s), next_char(n, s)) || hit(prev_char(n, e), next_char(n, e))
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

fn is_punct_or_end(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => !is_cjk(c) && !c.is_alphanumeric() && c != '·',
    }
}

/// Spans already taken by a mention (start → end).
#[derive(Default)]
struct Occupied(BTreeMap<usize, usize>);

impl Occupied {
    fn overlaps(&self, s: usize, e: usize) -> bool {
        if let Some((_, &pe)) = self.0.range(..e).next_back() {
            if pe > s {
                return true;
            }
        }
        false
    }
    fn insert(&mut self, s: usize, e: usize) {
        self.0.insert(s, e);
    }
}

/// Sorted (position, token index) pairs: a map without hashing.
#[derive(Default)]
struct PosIndex(Vec<(usize, usize)>);

impl FromIterator<(usize, usize)> for PosIndex {
    fn from_iter<I: IntoIterator<Item = (usize, usize)>>(it: I) -> PosIndex {
        PosIndex::new(it.into_iter())
    }
}

impl PosIndex {
    fn new(it: impl Iterator<Item = (usize, usize)>) -> PosIndex {
        let mut v: Vec<(usize, usize)> = it.collect();
        v.sort_unstable();
        PosIndex(v)
    }
    fn get(&self, pos: &usize) -> Option<&usize> {
        self.0
            .binary_search_by_key(pos, |x| x.0)
            .ok()
            .map(|i| &self.0[i].1)
    }
    fn contains_key(&self, pos: &usize) -> bool {
        self.get(pos).is_some()
    }
}

struct Doc<'a> {
    g: &'a Gazetteer,
    n: &'a str,
    toks: Vec<Tok>,
    /// Token index by start / end position.
    tok_at: PosIndex,
    tok_end: PosIndex,
}

impl<'a> Doc<'a> {
    fn reindex(&mut self) {
        self.toks.sort_by_key(|t| t.s);
        self.tok_at = self
            .toks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.s, i))
            .collect();
        self.tok_end = self
            .toks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.e, i))
            .collect();
    }

    /// Whether any token overlaps `[s, e)` (tokens are sorted and disjoint).
    fn tok_overlaps(&self, s: usize, e: usize) -> bool {
        let i = self.toks.partition_point(|t| t.s < e);
        i > 0 && self.toks[i - 1].e > s
    }

    /// Tokens lying wholly inside `[s, e)`.
    fn toks_within(&self, s: usize, e: usize) -> &[Tok] {
        let a = self.toks.partition_point(|t| t.s < s);
        let b = self.toks.partition_point(|t| t.s < e);
        let mut b = b.max(a);
        while b > a && self.toks[b - 1].e > e {
            b -= 1;
        }
        &self.toks[a..b]
    }

    fn is_translit(&self, c: char) -> bool {
        self.g.translit.contains(c)
    }

    /// End of a transliterated name segment starting at `pos` (stops before
    /// tokens, but takes in a person token whole). Latin initials count.
    fn run_right(&self, pos: usize) -> usize {
        let n = self.n;
        let mut p = pos;
        let mut count = 0;
        while p < n.len() && count < 10 {
            if let Some(&ti) = self.tok_at.get(&p) {
                let t = self.toks[ti];
                if matches!(t.target, Target::Person(_)) {
                    // 佩特罗 + 娃: the known form is only the start of a longer name.
                    let more = next_char(n, t.e).is_some_and(|c| self.is_translit(c))
                        && !starts_with_any(n, t.e, RUN_STOP)
                        && !self.tok_at.contains_key(&t.e);
                    if !more {
                        return t.e;
                    }
                    p = t.e;
                    count += t.e.saturating_sub(t.s) / 3;
                    continue;
                }
                break;
            }
            let Some(c) = next_char(n, p) else { break };
            if count > 0 && starts_with_any(n, p, RUN_STOP) {
                break;
            }
            if self.is_translit(c) {
                p += c.len_utf8();
                count += 1;
                continue;
            }
            // A Latin initial between dots: 谢尔盖·K·绍伊古.
            if c.is_ascii_uppercase() && count == 0 {
                let q = p + 1;
                let after = next_char(n, q);
                if after == Some('·') || after == Some('.') {
                    p = if after == Some('.') { q + 1 } else { q };
                    break;
                }
            }
            break;
        }
        p
    }

    /// Start of a transliterated name segment ending at `pos` (stops at token ends).
    fn run_left(&self, pos: usize) -> usize {
        let n = self.n;
        let mut p = pos;
        let mut count = 0;
        while p > 0 && count < 10 {
            if self.tok_end.contains_key(&p) && p != pos {
                break;
            }
            if self.tok_end.contains_key(&p) && p == pos {
                break;
            }
            let Some(c) = prev_char(n, p) else { break };
            if self.is_translit(c) {
                p -= c.len_utf8();
                count += 1;
                continue;
            }
            if c == '小' && count > 0 {
                p -= c.len_utf8();
                break;
            }
            if c.is_ascii_uppercase() && count == 0 && next_char(n, pos) == Some('·') {
                let q = p - 1;
                if q == 0 || !prev_char(n, q).is_some_and(|d| d.is_ascii_alphanumeric()) {
                    p = q;
                }
                break;
            }
            break;
        }
        p
    }

    fn country_target(&self, t: &Tok) -> Option<String> {
        match t.target {
            Target::Country(ci, _) => Some(self.g.countries[ci].iso.clone()),
            Target::Org(oi) | Target::OrgContext(oi) => self.g.orgs[oi].country.clone(),
            _ => None,
        }
    }
}

/// A title that starts inside an org or country token and ends after it
/// (`俄罗斯国防部` + `长` is `俄罗斯` + `国防部长`) takes precedence.
fn split_titles(doc: &mut Doc<'_>) {
    let Some(ac) = &doc.g.ac else { return };
    let n = doc.n;
    let mut add: Vec<Tok> = Vec::new();
    let mut changed = false;
    for t in doc.toks.iter_mut() {
        if !matches!(
            t.target,
            Target::Org(_) | Target::Country(..) | Target::OrgContext(_)
        ) {
            continue;
        }
        let mut p = t.s;
        while let Some(c) = next_char(n, p) {
            p += c.len_utf8();
            if p >= t.e {
                break;
            }
            // A window to one character past the token is enough.
            let win_end = t.e + next_char(n, t.e).map_or(0, char::len_utf8);
            let Some(m) = ac.leftmost_find_iter(&n[p..win_end]).next() else {
                continue;
            };
            // Only a one-character overhang (部 + 长): 中国人大常委会 + 委员长 stays.
            if m.start() != 0 || p + m.end() <= t.e || n[t.e..p + m.end()].chars().count() > 1 {
                continue;
            }
            let targets = &doc.g.pats[m.value() as usize].1;
            let Some(title) = targets.iter().find(|x| matches!(x, Target::Title(_))) else {
                continue;
            };
            // The head must itself be a token (俄罗斯), or the split is dropped.
            let head = ac.leftmost_find_iter(&n[t.s..p]).next();
            let Some(h) = head.filter(|h| h.start() == 0 && h.end() == p - t.s) else {
                continue;
            };
            let htargets = &doc.g.pats[h.value() as usize].1;
            let Some(&ht) = htargets
                .iter()
                .find(|x| !matches!(x, Target::Title(_) | Target::Marker(_)))
            else {
                continue;
            };
            add.push(Tok {
                s: p,
                e: p + m.end(),
                target: *title,
                pat: m.value() as usize,
                generated: false,
            });
            t.e = p;
            t.target = ht;
            t.pat = h.value() as usize;
            changed = true;
            break;
        }
    }
    if changed {
        let ends: Vec<(usize, usize)> = add.iter().map(|a| (a.s, a.e)).collect();
        // Tokens swallowed by the new titles go.
        doc.toks
            .retain(|t| !ends.iter().any(|&(s, e)| t.s >= s && t.s < e));
        doc.toks.extend(add);
        doc.reindex();
    }
}

pub(crate) fn run(g: &Gazetteer, text: &Text, ctx: &Context) -> Vec<Entity> {
    let n = text.norm.as_str();
    let mut doc = Doc {
        g,
        n,
        toks: Vec::new(),
        tok_at: PosIndex::default(),
        tok_end: PosIndex::default(),
    };

    // 1. Gazetteer tokens with guards.
    if let Some(ac) = &g.ac {
        for m in ac.leftmost_find_iter(n) {
            let (s, e) = (m.start(), m.end());
            let (pat, targets) = &g.pats[m.value() as usize];
            let first = pat.chars().next();
            let last = pat.chars().next_back();
            if first.is_some_and(|c| c.is_ascii_alphanumeric())
                && prev_char(n, s).is_some_and(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            if last.is_some_and(|c| c.is_ascii_alphanumeric())
                && next_char(n, e).is_some_and(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            // X方 / X军 (generated or listed): guard against 以方便, 以军事.
            let generated_form = pat.chars().count() == 2
                && (pat.ends_with('方') || pat.ends_with('军'))
                && first.is_some_and(|c| g.abbr_set.contains(c));
            let mut chosen: Option<Target> = None;
            for &t in targets {
                let ok = match t {
                    Target::Country(_, FormKind::Metonym) => {
                        // 北京时间, 华盛顿邮报; a dateline's place (伦敦14日电) is no actor.
                        !starts_with_any(n, e, METONYM_NOT_BEFORE)
                            && !next_char(n, e).is_some_and(|c| {
                                c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
                            })
                    }
                    // 明白俄乌冲突: 白俄 cuts across 明白 — but in 多家中国企业
                    // 家 is a measure word, not the 家 of 家中.
                    Target::Country(..)
                        if pat.chars().count() == 2
                            && prev_char(n, s)
                                .zip(first)
                                .is_some_and(|pf| g.abbr_words.binary_search(&pf).is_ok())
                            && !measure_word_before(n, s) =>
                    {
                        false
                    }
                    Target::Country(_, FormKind::Form) if generated_form => {
                        let bad = if pat.ends_with('方') {
                            FANG_NOT_BEFORE
                        } else {
                            JUN_NOT_BEFORE
                        };
                        !next_char(n, e).is_some_and(|c| bad.contains(c))
                    }
                    // 总统府, 大使馆, 国王学院: part of another word.
                    Target::Title(_) => {
                        !next_char(n, e).is_some_and(|c| "府馆院学".contains(c))
                            && !starts_with_any(n, e, &["大学", "学院", "研究所", "基金会", "公司"])
                    }
                    Target::Person(_) => {
                        !starts_with_any(n, e, PERSON_NOT_BEFORE) && !word_across(g, n, s, e)
                    }
                    _ => true,
                };
                if ok {
                    chosen = Some(match (chosen, t) {
                        // Prefer a person over a title, a name over a context form.
                        (None, t) => t,
                        (Some(Target::OrgContext(_)), t) => t,
                        (Some(c), _) => c,
                    });
                }
            }
            if let Some(target) = chosen {
                doc.toks.push(Tok {
                    s,
                    e,
                    target,
                    pat: m.value() as usize,
                    generated: generated_form,
                });
            }
        }
    }
    doc.reindex();
    split_titles(&mut doc);
    bodies::attach(&mut doc);
    bodies::drop_non_participants(&mut doc);

    let mut cands: Vec<Cand> = bodies::state_names(&doc)
        .into_iter()
        .map(|(s, e, ci)| Cand {
            s,
            e,
            key: Key::Country(ci),
        })
        .collect();
    let mut occ = Occupied::default();
    let mut extra_forms: Vec<(usize, usize, Key)> = Vec::new();

    // Countries named by full name (to resolve ambiguous abbreviations).
    let named: HashSet<usize> = doc
        .toks
        .iter()
        .filter_map(|t| match t.target {
            Target::Country(ci, FormKind::Name) => Some(ci),
            _ => None,
        })
        .collect();

    // 2. Compounds.
    let mut compound_spans: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    if !g.abbr.is_empty() {
        let mut prev: Option<char> = None;
        let mut prev_blocked = false;
        let mut skip_to = 0usize;
        for (pos, c) in n.char_indices() {
            let p = prev;
            prev = Some(c);
            let was_blocked = prev_blocked;
            prev_blocked = false;
            if pos < skip_to || !g.abbr_set.contains(c) {
                continue;
            }
            // Start of a run only; a word with the previous character moves the start on.
            if let Some(p) = p {
                if g.abbr_words.binary_search(&(p, c)).is_ok() {
                    prev_blocked = true;
                    continue;
                }
                if g.abbr_set.contains(p) && !was_blocked {
                    continue;
                }
            }
            let ahead: Vec<(usize, char)> = n[pos..]
                .char_indices()
                .take(5)
                .map(|(i, ch)| (pos + i, ch))
                .collect();
            let k = ahead
                .iter()
                .take(4)
                .take_while(|(_, ch)| g.abbr_set.contains(*ch))
                .count();
            if k < 2 {
                continue;
            }
            let at = |j: usize| ahead.get(j).map(|x| x.0).unwrap_or(n.len());
            // Not inside a token; not the beginning of a full name.
            let inside = doc.tok_overlaps(pos, pos + 1) && !doc.tok_at.contains_key(&pos);
            let name_here = doc.tok_at.get(&pos).is_some_and(|&ti| {
                let t = doc.toks[ti];
                !t.generated && t.e >= at(2)
            });
            if inside || name_here {
                continue;
            }
            let Some((len, end)) = (2..=k)
                .rev()
                .map(|len| (len, at(len)))
                .find(|&(_, end)| starts_with_any(n, end, COMPOUND_NEXT))
            else {
                continue;
            };
            let mut members = Vec::new();
            for &(_, ch) in &ahead[..len] {
                let Some(cs) = g.abbr.get(&ch) else { continue };
                let pick = cs.iter().find(|ci| named.contains(ci)).unwrap_or(&cs[0]);
                if !members.contains(pick) {
                    members.push(*pick);
                }
            }
            if members.len() == len {
                compound_spans.push((pos, end, members));
                skip_to = end;
            }
        }
    }
    if !compound_spans.is_empty() {
        doc.toks.retain(|t| {
            !compound_spans
                .iter()
                .any(|(s, e, _)| t.s < *e && t.e > *s && !matches!(t.target, Target::Title(_)))
        });
        doc.reindex();
        for (s, e, members) in &compound_spans {
            for &ci in members {
                cands.push(Cand {
                    s: *s,
                    e: *e,
                    key: Key::Country(ci),
                });
            }
            occ.insert(*s, *e);
        }
    }

    // 3. Extensions of known orgs (联合国 + 制裁委员会) and states (中国 + 外交部).
    let mut ext: HashMap<usize, usize> = HashMap::default();
    for (ti, t) in doc.toks.iter().enumerate() {
        match t.target {
            Target::Org(_) => {
                // A CJK run of at most 8 characters ending with an org suffix, no token inside.
                let mut p = t.e;
                let mut best = None;
                for _ in 0..8 {
                    if doc.tok_at.contains_key(&p) {
                        break;
                    }
                    let Some(c) = next_char(n, p) else { break };
                    if !is_cjk(c) || "等和与及的、".contains(c) {
                        break;
                    }
                    p += c.len_utf8();
                    if ORG_SUFFIXES
                        .iter()
                        .any(|s| s.chars().count() >= 2 && n[..p].ends_with(s))
                    {
                        best = Some(p);
                    }
                }
                if let Some(p) = best {
                    ext.insert(ti, p);
                }
            }
            Target::Country(ci, FormKind::Name) => {
                if let Some(w) = STATE_ORGAN_NEXT.iter().find(|w| n[t.e..].starts_with(**w)) {
                    let p = t.e + w.len();
                    if !doc.tok_at.contains_key(&t.e) {
                        ext.insert(ti, p);
                        // 法国政府 is also a mention of the name 法国.
                        extra_forms.push((t.s, t.e, Key::Country(ci)));
                    }
                }
            }
            _ => {}
        }
    }
    for (ti, p) in ext {
        doc.toks[ti].e = p;
    }
    // 法国政府 (a listed form) also prints the name 法国.
    for t in &doc.toks {
        if let Target::Country(ci, FormKind::Form) = t.target {
            let name = &g.countries[ci].name;
            if !name.is_empty() && n[t.s..t.e].starts_with(name.as_str()) && t.e > t.s + name.len()
            {
                extra_forms.push((t.s, t.s + name.len(), Key::Country(ci)));
            }
        }
    }
    doc.reindex();

    // Context forms resolve to one organisation, or to none.
    let mut country_count: HashMap<String, usize> = HashMap::default();
    for iso in doc
        .toks
        .iter()
        .filter_map(|t| match t.target {
            Target::Country(ci, _) => Some(g.countries[ci].iso.clone()),
            _ => None,
        })
        .chain(
            compound_spans
                .iter()
                .flat_map(|(_, _, m)| m.iter().map(|&ci| g.countries[ci].iso.clone())),
        )
    {
        *country_count.entry(iso).or_default() += 1;
    }
    let resolved: Vec<Option<usize>> = doc
        .toks
        .iter()
        .map(|t| match t.target {
            Target::OrgContext(_) => context_org(&doc, t, &country_count, ctx.home.as_deref()),
            _ => None,
        })
        .collect();
    let mut idx = 0;
    doc.toks.retain_mut(|t| {
        let r = resolved[idx];
        idx += 1;
        if let Target::OrgContext(_) = t.target {
            match r {
                Some(oi) => {
                    t.target = Target::Org(oi);
                    true
                }
                None => false,
            }
        } else {
            true
        }
    });
    doc.reindex();

    // 4. Unknown people.
    let mut news: Vec<NewPerson> = Vec::new();
    let mut new_index: HashMap<String, usize> = HashMap::default();
    let mut person_spans: Vec<Cand> = Vec::new();
    let mut absorbed: HashSet<usize> = HashSet::default();
    let mut new_person =
        |full: &str, alias: Option<String>, id: Option<String>, news: &mut Vec<NewPerson>| {
            let i = *new_index.entry(full.to_string()).or_insert_with(|| {
                news.push(NewPerson {
                    full: full.to_string(),
                    aliases: Vec::new(),
                    id: id.clone().unwrap_or_else(|| format!("new:{full}")),
                });
                news.len() - 1
            });
            if let Some(a) = alias {
                if a != full && !news[i].aliases.contains(&a) {
                    news[i].aliases.push(a);
                }
            }
            if let Some(id) = id {
                news[i].id = id;
            }
            i
        };

    // 4a. ·-joined names.
    let dots: Vec<usize> = n.match_indices('·').map(|(i, _)| i).collect();
    let mut covered_until = 0;
    for &d in &dots {
        if d < covered_until {
            continue;
        }
        let mut l = doc.run_left(d);
        if l == d {
            continue;
        }
        while let Some(j) = prev_char(n, l).filter(|&c| gloss::is_name_joiner(c)) {
            let l2 = doc.run_left(l - j.len_utf8());
            if l2 == l - j.len_utf8() {
                break;
            }
            l = l2;
        }
        let mut r = doc.run_right(d + '·'.len_utf8());
        if r == d + '·'.len_utf8() {
            continue;
        }
        while let Some(j) = next_char(n, r).filter(|&c| gloss::is_name_joiner(c)) {
            let r2 = doc.run_right(r + j.len_utf8());
            if r2 == r + j.len_utf8() {
                break;
            }
            r = r2;
        }
        covered_until = r;
        // 约翰·霍普金斯大学: a name inside an institution's name.
        let tail: String = n[r..].chars().take(6).collect();
        if ORG_SUFFIXES
            .iter()
            .filter(|s| s.chars().count() >= 2)
            .any(|s| tail.find(s).is_some_and(|i| tail[..i].chars().all(is_cjk)))
        {
            continue;
        }
        // Overlapping tokens: a person token at the end is the person.
        let inner: Vec<usize> = doc
            .toks
            .iter()
            .enumerate()
            .filter(|(_, t)| t.s < r && t.e > l)
            .map(|(i, _)| i)
            .collect();
        if inner
            .iter()
            .any(|&ti| !matches!(doc.toks[ti].target, Target::Person(_)))
        {
            continue;
        }
        let full = &n[l..r];
        let mut known = None;
        for &ti in &inner {
            if let Target::Person(pi) = doc.toks[ti].target {
                let p = &g.people[pi];
                let first_seg = full.split('·').next().unwrap_or("");
                let namesake = !p.full_forms.is_empty()
                    && !p.full_forms.iter().any(|f| f == full)
                    && !p
                        .full_forms
                        .iter()
                        .any(|f| f.split('·').next().unwrap_or("") == first_seg);
                if !namesake {
                    known = Some(pi);
                }
                absorbed.insert(ti);
            }
        }
        if occ.overlaps(l, r) {
            continue;
        }
        let key = match known {
            Some(pi) => Key::Person(pi),
            None => {
                let last = full.rsplit('·').next().unwrap_or("");
                let alias = (last.chars().count() >= 2).then(|| last.to_string());
                Key::New(new_person(full, alias, None, &mut news))
            }
        };
        // 小马丁·路德·金 (Jr.): the name without 小 is printed too.
        if let Some(rest) = n[l..r].strip_prefix('小').filter(|x| x.contains('·')) {
            extra_forms.push((r - rest.len(), r, key.clone()));
        }
        person_spans.push(Cand { s: l, e: r, key });
        occ.insert(l, r);
    }
    if !absorbed.is_empty() {
        let mut i = 0;
        doc.toks.retain(|_| {
            let keep = !absorbed.contains(&i);
            i += 1;
            keep
        });
        doc.reindex();
    }

    // 4c. Latin glosses: 布朗（Kerry Brown）.
    let mut retarget: HashMap<usize, Key> = HashMap::default();
    let mut gloss_spans: Vec<(usize, usize, usize)> = Vec::new(); // (gloss s, gloss e, name end)
    for (open, olen) in n
        .match_indices('（')
        .map(|(i, _)| (i, '（'.len_utf8()))
        .chain(n.match_indices('(').map(|(i, _)| (i, 1)))
    {
        let inner_s = open + olen;
        let rest = &n[inner_s..];
        let close = rest.find(['）', ')']);
        let Some(close) = close else { continue };
        let gloss = &rest[..close];
        if !gloss::is_name_gloss(gloss) {
            continue;
        }
        gloss_spans.push((inner_s, inner_s + close, open));
    }
    for &(gs, ge, open) in &gloss_spans {
        let gloss = &n[gs..ge];
        // Known entity right before the bracket: the gloss is one of its forms.
        if let Some(&ti) = doc.tok_end.get(&open) {
            let t = doc.toks[ti];
            let key = match t.target {
                Target::Country(ci, _) => Some(Key::Country(ci)),
                Target::Org(oi) | Target::OrgContext(oi) => Some(Key::Org(oi)),
                Target::Person(pi) => Some(Key::Person(pi)),
                Target::Title(_) | Target::Marker(_) => None,
            };
            if let Some(k) = key {
                // A namesake: 布朗（Kerry Brown） is not Gordon Brown.
                if let Key::Person(pi) = k {
                    let latin = &g.people[pi].latin;
                    let first_word = |x: &str| {
                        x.split_whitespace()
                            .next()
                            .unwrap_or("")
                            .to_ascii_lowercase()
                    };
                    if !latin.is_empty()
                        && gloss.split_whitespace().count() >= 2
                        && first_word(latin) != first_word(gloss)
                        && !latin
                            .to_ascii_lowercase()
                            .contains(&gloss.to_ascii_lowercase())
                    {
                        if let Some(id) = slug_from_gloss(gloss) {
                            let surface = n[t.s..t.e].to_string();
                            let i =
                                new_person(&surface, Some(surface.clone()), Some(id), &mut news);
                            retarget.insert(t.s, Key::New(i));
                            extra_forms.push((gs, ge, Key::New(i)));
                            continue;
                        }
                    }
                }
                // Only when the gloss is not itself a known form (NATO is a token).
                if !doc.tok_at.contains_key(&gs) {
                    extra_forms.push((gs, ge, k));
                }
            }
            continue;
        }
        if let Some(c) = person_spans.iter().find(|c| c.e == open) {
            if let Key::New(i) = c.key {
                if let Some(id) = slug_from_gloss(gloss) {
                    news[i].id = id;
                }
            }
            extra_forms.push((gs, ge, c.key.clone()));
            continue;
        }
        let Some(id) = slug_from_gloss(gloss) else {
            continue;
        };
        let l = doc.run_left(open);
        if n[l..open].chars().count() < 2 || occ.overlaps(l, open) {
            continue;
        }
        let full = n[l..open].to_string();
        let i = new_person(&full, None, Some(id), &mut news);
        person_spans.push(Cand {
            s: l,
            e: open,
            key: Key::New(i),
        });
        occ.insert(l, open);
        extra_forms.push((gs, ge, Key::New(i)));
    }

    // 4d. Names marked （音）.
    for pat in ["（音）", "(音)"] {
        for (open, _) in n.match_indices(pat) {
            if doc.tok_end.contains_key(&open) || person_spans.iter().any(|c| c.e == open) {
                continue;
            }
            let before: Vec<(usize, char)> = n[..open].char_indices().rev().take(3).collect();
            let mut pick = None;
            for len in [3usize, 2] {
                if before.len() < len {
                    continue;
                }
                let (s, c0) = before[len - 1];
                if !before[..len].iter().all(|(_, c)| is_cjk(*c)) {
                    continue;
                }
                let boundary = doc.tok_end.contains_key(&s)
                    || is_punct_or_end(prev_char(n, s))
                    || prev_char(n, s).is_some_and(|p| "家长员任使授人者官理统席师".contains(p));
                if g.surnames.contains(c0) && boundary {
                    pick = Some(s);
                    break;
                }
            }
            let Some(s) = pick else { continue };
            if occ.overlaps(s, open) {
                continue;
            }
            let full = n[s..open].to_string();
            let i = new_person(&full, None, None, &mut news);
            person_spans.push(Cand {
                s,
                e: open,
                key: Key::New(i),
            });
            occ.insert(s, open);
            // The printed form with the marker is a form too (洪敏（音）).
            extra_forms.push((s, open + pat.len(), Key::New(i)));
        }
    }

    // 4b. Names right after a title.
    let title_ends: Vec<usize> = doc
        .toks
        .iter()
        .filter(|t| matches!(t.target, Target::Title(_)))
        .map(|t| t.e)
        .collect();
    for te in title_ends {
        if doc.tok_at.contains_key(&te) || occ.overlaps(te, te + 1) {
            continue;
        }
        let r = doc.run_right(te);
        let mut span = None;
        // A transliteration run that ends inside a word (谢佩 + 芸说) is not the name.
        let clean = is_punct_or_end(next_char(n, r))
            || next_char(n, r).is_some_and(|c| c.is_ascii_digit())
            || starts_with_any(n, r, NAME_NEXT)
            || doc.tok_at.contains_key(&r);
        if n[te..r].chars().count() >= 2 && !n[te..r].contains('·') && clean {
            span = Some(r);
        } else {
            // Chinese or Korean name: surname + one or two characters.
            let after: Vec<(usize, char)> = n[te..].char_indices().take(6).collect();
            let dbl = DOUBLE_SURNAMES.iter().any(|d| n[te..].starts_with(d));
            let sur_len = if dbl { 2 } else { 1 };
            if dbl || after.first().is_some_and(|(_, c)| g.surnames.contains(*c)) {
                for given in [2usize, 1] {
                    let len = sur_len + given;
                    if after.len() < len {
                        continue;
                    }
                    let end = after.get(len).map(|x| te + x.0).unwrap_or(n.len());
                    let chars: Vec<char> = n[te..end].chars().collect();
                    if !chars.iter().all(|c| is_cjk(*c)) {
                        continue;
                    }
                    if chars.len() >= 2 && chars[0] == '周' && "一二三四五六日末".contains(chars[1])
                    {
                        continue;
                    }
                    let name_str: String = chars.iter().collect();
                    if [
                        "周一", "周二", "周三", "周四", "周五", "周六", "周日", "周末", "今天",
                        "明天", "昨天",
                    ]
                    .iter()
                    .any(|w| name_str.contains(w))
                    {
                        continue;
                    }
                    let head: String = chars.iter().take(2).collect();
                    if NOT_NAMES.contains(&head.as_str()) {
                        continue;
                    }
                    if chars[sur_len..]
                        .iter()
                        .any(|c| "的了是在和与说称将也对向就曾于已等及".contains(*c))
                    {
                        continue;
                    }
                    if doc.tok_overlaps(te, end) {
                        continue;
                    }
                    let nc = next_char(n, end);
                    if is_punct_or_end(nc) || starts_with_any(n, end, NAME_NEXT) {
                        span = Some(end);
                        break;
                    }
                }
            }
        }
        let Some(e) = span else { continue };
        if occ.overlaps(te, e) {
            continue;
        }
        let full = n[te..e].to_string();
        let key = office::holder(&doc, te, &full, ctx.published).map_or_else(
            || Key::New(new_person(&full, None, None, &mut news)),
            Key::Person,
        );
        person_spans.push(Cand { s: te, e, key });
        occ.insert(te, e);
    }

    // Tokens become candidates (titles are not mentions).
    for t in &doc.toks {
        if occ.overlaps(t.s, t.e) {
            continue;
        }
        let key = match t.target {
            Target::Country(ci, _) => Key::Country(ci),
            // National bodies are organisations acting for their state (`Entity::actor_code`).
            Target::Org(oi) | Target::OrgContext(oi) => Key::Org(oi),
            Target::Person(pi) => retarget.get(&t.s).cloned().unwrap_or(Key::Person(pi)),
            Target::Title(_) | Target::Marker(_) => continue,
        };
        if matches!(key, Key::Person(_)) {
            person_spans.push(Cand {
                s: t.s,
                e: t.e,
                key,
            });
        } else {
            cands.push(Cand {
                s: t.s,
                e: t.e,
                key,
            });
        }
        occ.insert(t.s, t.e);
    }

    // 5. Short mentions of new people (利普斯基 after 乔希·利普斯基).
    for (i, np) in news.iter().enumerate() {
        for alias in std::iter::once(&np.full).chain(np.aliases.iter()) {
            for (s, _) in n.match_indices(alias.as_str()) {
                let e = s + alias.len();
                if occ.overlaps(s, e) {
                    continue;
                }
                if prev_char(n, s).is_some_and(|c| doc.is_translit(c) || c == '·')
                    || next_char(n, e).is_some_and(|c| c == '·')
                {
                    continue;
                }
                if next_char(n, e).is_some_and(|c| doc.is_translit(c))
                    && !starts_with_any(n, e, NAME_NEXT)
                {
                    continue;
                }
                person_spans.push(Cand {
                    s,
                    e,
                    key: Key::New(i),
                });
                occ.insert(s, e);
            }
        }
    }
    // A bare known surname after a namesake's full name joins the namesake.
    for c in person_spans.iter_mut() {
        if let Key::Person(_) = c.key {
            let surface = &n[c.s..c.e];
            if let Some(i) = news
                .iter()
                .position(|np| np.aliases.iter().any(|a| a == surface))
            {
                c.key = Key::New(i);
            }
        }
    }

    // 5b. A state's title without a name: the office holder on the date.
    let mut title_only: HashSet<(usize, usize)> = HashSet::default();
    if let Some(date) = ctx.published {
        let starts: HashSet<usize> = person_spans.iter().map(|c| c.s).collect();
        let named_people: HashSet<usize> = person_spans
            .iter()
            .filter_map(|c| match c.key {
                Key::Person(pi) => Some(pi),
                _ => None,
            })
            .collect();
        let mut found: Vec<(Cand, usize)> = Vec::new();
        for t in &doc.toks {
            let Target::Title(k) = t.target else { continue };
            if starts.contains(&t.e)
                || (n[t.e..].starts_with('的') && starts.contains(&(t.e + '的'.len_utf8())))
                || occ.overlaps(t.s, t.e)
            {
                continue;
            }
            let nc = next_char(n, t.e);
            if !(is_punct_or_end(nc) || starts_with_any(n, t.e, NAME_NEXT))
                || nc.is_some_and(|c| doc.is_translit(c) && !starts_with_any(n, t.e, NAME_NEXT))
            {
                continue;
            }
            let Some(&ci_tok) = doc.tok_end.get(&t.s) else {
                continue;
            };
            let ct = doc.toks[ci_tok];
            let Target::Country(ci, FormKind::Name) = ct.target else {
                continue;
            };
            // 历届俄罗斯总统, 前美国总统, 两位美国总统: not one office holder now.
            if prev_char(n, ct.s).is_some_and(|c| "届前任位名多几两各历".contains(c))
                || doc
                    .tok_end
                    .get(&ct.s)
                    .is_some_and(|&m| matches!(doc.toks[m].target, Target::Marker(_)))
            {
                continue;
            }
            let iso = &g.countries[ci].iso;
            let title = &g.titles[k];
            // 领导人: the party leader or supreme leader, else the head of state,
            // else the head of government; other titles as printed.
            let tiers: Vec<Vec<&str>> = if title == "leader" {
                vec![
                    vec!["general_secretary", "supreme_leader"],
                    vec!["president", "king", "emir"],
                    vec!["prime_minister", "chancellor"],
                ]
            } else {
                vec![vec![title.as_str()]]
            };
            let mut who: Vec<usize> = Vec::new();
            for keys in tiers {
                for key in keys {
                    for &pi in g
                        .holders
                        .get(&(key.to_string(), iso.clone()))
                        .into_iter()
                        .flatten()
                    {
                        let in_office = g.roles.get(&pi).is_some_and(|rows| {
                            rows.iter().any(|r| {
                                r.title == key
                                    && r.of.as_deref() == Some(iso.as_str())
                                    && r.start.is_some_and(|s| s <= date)
                                    && r.end.is_none_or(|e| date < e)
                            })
                        });
                        if in_office && !who.contains(&pi) {
                            who.push(pi);
                        }
                    }
                }
                if !who.is_empty() {
                    break;
                }
            }
            // Only someone the text also names: analysts do not list an office alone.
            if who.len() == 1 && named_people.contains(&who[0]) {
                found.push((
                    Cand {
                        s: t.s,
                        e: t.e,
                        key: Key::Person(who[0]),
                    },
                    ct.s,
                ));
            }
        }
        for (c, fs) in found {
            extra_forms.push((fs, c.e, c.key.clone()));
            title_only.insert((c.s, c.e));
            occ.insert(c.s, c.e);
            person_spans.push(c);
        }
    }

    // 6. Affiliations of people.
    let mut affils: Vec<Affil> = Vec::with_capacity(person_spans.len());
    let person_ends: HashSet<usize> = person_spans.iter().map(|c| c.e).collect();
    for c in &person_spans {
        affils.push(affiliation(&doc, c, &person_spans, &person_ends));
    }
    let suppressed: HashSet<usize> = affils
        .iter()
        .flat_map(|a| a.suppressed.iter().copied())
        .collect();

    // 7. Assemble entities.
    struct Acc {
        key: Key,
        first: usize,
        mentions: Vec<(usize, usize)>,
        forms: Vec<(usize, usize, usize)>, // (sort pos, s, e) spans of norm
        affil: Affil,
        has_title: bool,
    }
    let mut accs: Vec<Acc> = Vec::new();
    let mut acc_index: HashMap<Key, usize> = HashMap::default();
    let mut push = |key: Key, s: usize, e: usize, accs: &mut Vec<Acc>| -> usize {
        let i = *acc_index.entry(key.clone()).or_insert_with(|| {
            accs.push(Acc {
                key,
                first: s,
                mentions: Vec::new(),
                forms: Vec::new(),
                affil: Affil::default(),
                has_title: false,
            });
            accs.len() - 1
        });
        let a = &mut accs[i];
        a.first = a.first.min(s);
        a.mentions.push((s, e));
        a.forms.push((s, s, e));
        i
    };
    for c in &cands {
        if let Key::Country(_) = c.key {
            if suppressed.contains(&c.s) {
                continue;
            }
        }
        push(c.key.clone(), c.s, c.e, &mut accs);
    }
    for (c, af) in person_spans.iter().zip(&affils) {
        let i = push(c.key.clone(), c.s, c.e, &mut accs);
        let a = &mut accs[i];
        if let Some(fs) = af.form_start {
            a.forms.push((c.s, fs, af.form_end.unwrap_or(c.e)));
        }
        if af.title.is_some() && !a.has_title {
            a.has_title = true;
            let keep_country = a.affil.country.clone();
            a.affil = af.clone();
            if a.affil.country.is_none() {
                a.affil.country = keep_country;
            }
        } else if a.affil.country.is_none() {
            a.affil.country = af.country.clone();
        }
    }
    for (s, e, key) in extra_forms {
        if let Some(&i) = acc_index.get(&key) {
            accs[i].forms.push((s, s, e));
        }
    }
    accs.sort_by_key(|a| a.first);

    let published = ctx.published;
    let mut out = Vec::with_capacity(accs.len());
    for mut a in accs {
        a.mentions.sort();
        a.mentions.dedup();
        a.forms.sort();
        let mut forms: Vec<String> = Vec::new();
        for &(_, s, e) in &a.forms {
            if title_only.contains(&(s, e)) {
                continue; // 领导人 alone is a mention, not a printed name
            }
            let f = text.orig_str(s, e).to_string();
            if !f.is_empty() && !forms.contains(&f) {
                forms.push(f);
            }
        }
        let mentions: Vec<Mention> = a
            .mentions
            .iter()
            .map(|&(s, e)| {
                let (os, oe) = text.orig_span(s, e);
                Mention {
                    text: text.original[os..oe].to_string(),
                    start: os,
                    end: oe,
                }
            })
            .collect();
        let ent = match a.key {
            Key::Country(ci) => {
                let c = &g.countries[ci];
                Entity {
                    id: format!("country:{}", c.iso),
                    kind: EntityType::Country,
                    country: Some(c.iso.clone()),
                    role: None,
                    name: (!c.name.is_empty()).then(|| c.name.clone()),
                    forms,
                    mentions,
                    actor: None,
                }
            }
            Key::Org(oi) => {
                let o = &g.orgs[oi];
                Entity {
                    id: format!("org:{}", o.id),
                    kind: EntityType::Org,
                    country: o.country.clone(),
                    role: None,
                    name: (!o.name.is_empty()).then(|| o.name.clone()),
                    forms,
                    mentions,
                    actor: o.actor.clone(),
                }
            }
            Key::Person(pi) => {
                let p = &g.people[pi];
                let role = person_role(g, pi, &a.affil, published);
                Entity {
                    id: format!("person:{}", p.id),
                    kind: EntityType::Person,
                    country: p.country.clone().or_else(|| a.affil.country.clone()),
                    role,
                    name: (!p.name.is_empty()).then(|| p.name.clone()),
                    forms,
                    mentions,
                    actor: None,
                }
            }
            Key::New(i) => {
                let np = &news[i];
                let role = a.affil.title.as_ref().map(|t| Role {
                    title: t.clone(),
                    of: a.affil.country.clone(),
                    status: a.affil.status.unwrap_or(RoleStatus::InOffice),
                });
                Entity {
                    id: np.id.clone(),
                    kind: EntityType::Person,
                    country: a.affil.country.clone(),
                    role,
                    name: Some(np.full.clone()),
                    forms,
                    mentions,
                    actor: None,
                }
            }
        };
        out.push(ent);
    }
    out
}

/// Words before a context form that make it another body (`地方议会`, `州议会`).
#[rustfmt::skip]
const CONTEXT_NOT_AFTER: &[&str] = &[
    "地方",
    "州",
    "省",
    "市",
    "县",
    "欧洲",
    "地区",
    "自治区",
    "城市",
    "学生",
    "我",
    "本",
    "该",
    "各",
    "两",
    "他",
    "全",
    "外",
    "此",
    "一",
    "小",
];

/// The organisation a context form (`国会`) denotes here: the national body of
/// the state named right before it, or else of the state the text names most;
/// none when that state is not named at all.
fn context_org(
    doc: &Doc<'_>,
    t: &Tok,
    country_count: &HashMap<String, usize>,
    home: Option<&str>,
) -> Option<usize> {
    let g = doc.g;
    let n = doc.n;
    if CONTEXT_NOT_AFTER.iter().any(|w| n[..t.s].ends_with(w)) {
        return None;
    }
    let options: Vec<usize> = g.pats[t.pat]
        .1
        .iter()
        .filter_map(|x| match x {
            Target::OrgContext(oi) => Some(*oi),
            _ => None,
        })
        .collect();
    if let Some(&pi) = doc.tok_end.get(&t.s) {
        if let Some(iso) = doc.country_target(&doc.toks[pi]) {
            return options
                .iter()
                .copied()
                .find(|&oi| g.orgs[oi].country.as_deref() == Some(iso.as_str()));
        }
    }
    // 外交部 in 中央社 copy is the ROC's, in 新华社 copy the PRC's.
    if let Some(oi) = home.and_then(|h| {
        options
            .iter()
            .copied()
            .find(|&oi| g.orgs[oi].country.as_deref() == Some(h))
    }) {
        return Some(oi);
    }
    options
        .iter()
        .copied()
        .filter_map(|oi| {
            let c = g.orgs[oi].country.as_ref()?;
            let k = *country_count.get(c)?;
            Some((k, oi))
        })
        .max_by_key(|&(k, oi)| (k, std::cmp::Reverse(oi)))
        .map(|(_, oi)| oi)
}

/// The role of a known person on `date`, refined by the printed title and markers.
fn person_role(g: &Gazetteer, pi: usize, af: &Affil, date: Option<Date>) -> Option<Role> {
    let rows = g.roles.get(&pi);
    let status_of = |r: &RoleRow| -> Option<RoleStatus> {
        let Some(d) = date else {
            return Some(if r.end.is_some() {
                RoleStatus::Former
            } else {
                RoleStatus::InOffice
            });
        };
        if let Some(e) = r.end {
            if d >= e {
                return Some(RoleStatus::Former);
            }
        }
        match r.start {
            Some(s) if d < s => match r.elected {
                Some(el) if d >= el => Some(RoleStatus::Elect),
                _ => None,
            },
            _ => Some(RoleStatus::InOffice),
        }
    };
    let rank = |s: RoleStatus| match s {
        RoleStatus::InOffice => 0,
        RoleStatus::Elect => 1,
        RoleStatus::Former => 2,
    };
    let mut best: Option<(&RoleRow, RoleStatus)> = None;
    if let Some(rows) = rows {
        for r in rows {
            let Some(st) = status_of(r) else { continue };
            let printed = af.title.as_deref() == Some(r.title.as_str());
            let better = match &best {
                None => true,
                Some((b, bs)) => {
                    let bp = af.title.as_deref() == Some(b.title.as_str());
                    if printed != bp {
                        printed
                    } else if rank(st) != rank(*bs) {
                        rank(st) < rank(*bs)
                    } else {
                        // Most recent term.
                        r.start > b.start
                    }
                }
            };
            if better {
                best = Some((r, st));
            }
        }
    }
    match best {
        Some((r, st)) => Some(Role {
            title: r.title.clone(),
            of: r.of.clone(),
            status: af.status.unwrap_or(st),
        }),
        None => af.title.as_ref().map(|t| Role {
            title: t.clone(),
            of: af.country.clone().or_else(|| g.people[pi].country.clone()),
            status: af.status.unwrap_or(RoleStatus::InOffice),
        }),
    }
}

/// Reads the affiliation before (or the title after) a person mention.
fn affiliation(doc: &Doc<'_>, c: &Cand, people: &[Cand], person_ends: &HashSet<usize>) -> Affil {
    let g = doc.g;
    let n = doc.n;
    let mut af = Affil::default();
    let mut p = c.s;
    // 担任美国驻俄罗斯大使的约翰·沙利文 (no printed form across 的).
    let mut via_de = false;
    if n[..p].ends_with('的') {
        let q = p - '的'.len_utf8();
        if doc
            .tok_end
            .get(&q)
            .is_some_and(|&ti| matches!(doc.toks[ti].target, Target::Title(_)))
        {
            p = q;
            via_de = true;
        }
    }
    let title_tok = doc
        .tok_end
        .get(&p)
        .map(|&ti| doc.toks[ti])
        .filter(|t| matches!(t.target, Target::Title(_)));
    let Some(tt) = title_tok else {
        // 拜登总统: a title right after the name.
        if let Some(&ti) = doc.tok_at.get(&c.e) {
            if let Target::Title(k) = doc.toks[ti].target {
                af.title = Some(g.titles[k].clone());
                af.form_start = Some(c.s);
                af.form_end = Some(doc.toks[ti].e);
                return af;
            }
        }
        return af;
    };
    let Target::Title(k) = tt.target else {
        return af;
    };
    let mut title = g.titles[k].clone();
    let mut seg_end = tt.s;
    if n[..seg_end].ends_with('副') && !title.starts_with("deputy") && !title.starts_with("vice") {
        title = format!("deputy_{title}");
        seg_end -= '副'.len_utf8();
    }
    af.title = Some(title);

    // Scan the affiliation segment backwards.
    let mut q = seg_end;
    let depth = 0usize;
    let mut steps = 0;
    let mut seg_toks: Vec<Tok> = Vec::new();
    let mut principal: Option<&Cand> = None;
    while q > 0 && steps < 40 {
        steps += 1;
        if let Some(&ti) = doc.tok_end.get(&q) {
            let t = doc.toks[ti];
            match t.target {
                Target::Person(_) => break,
                Target::Title(_) if depth == 0 => break,
                _ => {
                    q = t.s;
                    continue;
                }
            }
        }
        if person_ends.contains(&q) {
            break;
        }
        let Some(ch) = prev_char(n, q) else { break };
        if "」』”》\"".contains(ch) {
            // A short quoted name (「奥地利…研究所」) is part of the affiliation;
            // the end of a quotation is not.
            let close = q - ch.len_utf8();
            let open = n[..close].rfind(['「', '『', '“', '《', '"']);
            match open {
                Some(o)
                    if n[o..close].chars().count() <= 26
                        && !n[o..close]
                            .contains(['，', '。', '！', '？', '；', '：', ',', '\n']) =>
                {
                    q = o;
                    continue;
                }
                _ => break,
            }
        }
        if "「『“《".contains(ch) {
            break;
        }
        if ch == '）' || ch == ')' {
            // Skip a bracketed gloss.
            let open = n[..q].rfind(['（', '(']);
            match open {
                Some(o) if q - o <= 120 => {
                    q = o;
                    continue;
                }
                _ => break,
            }
        }
        if depth == 0 && AFFIL_STOP_WORDS.iter().any(|w| n[..q].ends_with(w)) {
            break;
        }
        if depth == 0 && AFFIL_STOP_CHARS.contains(ch) {
            if ch == '的' {
                let before = q - ch.len_utf8();
                principal = people.iter().find(|pc| pc.e == before);
            }
            break;
        }
        q -= ch.len_utf8();
    }
    let seg_start = q;
    seg_toks.extend(doc.toks_within(seg_start, seg_end).iter().copied());
    seg_toks.sort_by_key(|t| t.s);
    let seg = &n[seg_start..seg_end];
    for t in &seg_toks {
        if let Target::Marker(Some(st)) = t.target {
            let qian_as_time = &n[t.s..t.e] == "前"
                && prev_char(n, t.s).is_some_and(|c| NOT_FORMER_BEFORE_QIAN.contains(c));
            if !qian_as_time {
                af.status = Some(st);
            }
        }
    }

    // Status markers.
    for m in ELECT_MARKERS {
        if seg.starts_with(m) || seg.ends_with(m) {
            af.status = Some(RoleStatus::Elect);
        }
    }
    for m in FORMER_MARKERS {
        let at_start = seg.starts_with(m);
        let at_end = seg.ends_with(m)
            && !(*m == "前"
                && prev_char(seg, seg.len() - m.len())
                    .is_some_and(|c| NOT_FORMER_BEFORE_QIAN.contains(c)));
        if at_start || at_end {
            af.status = Some(RoleStatus::Former);
        }
    }

    // Country: sender before 驻, else the principal's, else the first state named.
    let zhu = seg.find('驻').map(|i| seg_start + i);
    let first_country = |before: Option<usize>| {
        seg_toks
            .iter()
            .filter(|t| before.is_none_or(|b| t.e <= b))
            .find_map(|t| doc.country_target(t))
    };
    af.country = if let Some(z) = zhu {
        first_country(Some(z))
    } else if let Some(pc) = principal {
        match &pc.key {
            Key::Person(pi) => g.people[*pi].country.clone(),
            _ => None,
        }
    } else {
        first_country(None)
    };
    if af.country.is_none() && zhu.is_none() {
        // 俄外长: an abbreviation right before the title.
        if let Some(ch) = prev_char(n, seg_end) {
            if seg_start + ch.len_utf8() == seg_end || seg.chars().count() == 1 {
                if let Some(cs) = g.abbr.get(&ch) {
                    if cs.len() == 1 {
                        af.country = Some(g.countries[cs[0]].iso.clone());
                    }
                }
            }
        }
    }

    // Plain country/title phrases become a printed form; states inside an
    // institution's name are not mentions.
    let mut rest = String::new();
    let mut cur = seg_start;
    for t in &seg_toks {
        if t.s > cur {
            rest.push_str(&n[cur..t.s]);
        }
        cur = cur.max(t.e);
    }
    if cur < seg_end {
        rest.push_str(&n[cur..seg_end]);
    }
    let mut r = rest.as_str();
    for m in ELECT_MARKERS
        .iter()
        .chain(FORMER_MARKERS)
        .chain(&["现任", "新任", "代理"])
    {
        // As trim_start_matches, without building a substring searcher.
        if !m.is_empty() {
            while let Some(x) = r.strip_prefix(m) {
                r = x;
            }
        }
    }
    let plain = r.chars().all(|ch| {
        ch == '驻' || ch == '前' || (seg.chars().count() == 1 && g.abbr_set.contains(ch))
    });
    if plain && !via_de {
        let fs = principal.map(|pc| pc.s).unwrap_or(seg_start);
        if fs < c.s {
            af.form_start = Some(fs);
        }
    } else {
        for t in &seg_toks {
            if let Target::Country(..) = t.target {
                af.suppressed.push(t.s);
            }
        }
    }
    af
}

/// `家` right before `s` counting something (多家, 两家, 3家, 这家): a
/// measure word, so it makes no word with the name after it.
fn measure_word_before(n: &str, s: usize) -> bool {
    let before = &n[..s];
    let mut it = before.chars().rev();
    it.next() == Some('家')
        && it.next().is_some_and(|c| {
            c.is_ascii_digit() || "一二两三四五六七八九十百千万几多数每这那该某各".contains(c)
        })
}
