//! Step 4–5: people the gazetteer does not know (`·`-joined
//! transliterations, names marked `（音）`, names after titles), tokens made
//! candidates, and later short mentions of new people.

use super::*;
use shiju_lexicon::words::CharStr;
use shiju_text::short::{begins_with, find_short};

/// Word lists of this module (`lexicon/entity_words.tsv`).
static GENERATION_SUFFIXES: WordList = WordList::new("entity_words.tsv", "generation_suffixes");
static SOUND_MARKS: WordList = WordList::new("entity_words.tsv", "sound_marks");
static YIN_NAME_AFTER: CharStr = CharStr::new("entity_words.tsv", "yin_name_after");
static WEEKDAY_AFTER_ZHOU: CharStr = CharStr::new("entity_words.tsv", "weekday_after_zhou");
static DAY_WORDS: WordList = WordList::new("entity_words.tsv", "day_words");
static NOT_IN_GIVEN_NAME: CharStr = CharStr::new("entity_words.tsv", "not_in_given_name");

/// A person the gazetteer does not know, found in this text.
#[derive(Debug)]
pub(super) struct NewPerson {
    /// Normalised full name.
    pub(super) full: String,
    /// Later short forms (surname) that join it.
    pub(super) aliases: Vec<String>,
    pub(super) id: String,
}

/// The new people of one text, by full name.
#[derive(Debug, Default)]
pub(super) struct News {
    pub(super) list: Vec<NewPerson>,
    index: HashMap<String, usize>,
}

impl News {
    /// The new person with this full name (added if absent), with a short
    /// form and an id from a gloss.
    pub(super) fn add(&mut self, full: &str, alias: Option<String>, id: Option<String>) -> usize {
        let list = &mut self.list;
        let i = *self.index.entry(full.to_string()).or_insert_with(|| {
            list.push(NewPerson {
                full: full.to_string(),
                aliases: Vec::new(),
                id: id.clone().unwrap_or_else(|| format!("new:{full}")),
            });
            list.len() - 1
        });
        if let Some(a) = alias {
            if a != full && !list[i].aliases.contains(&a) {
                list[i].aliases.push(a);
            }
        }
        if let Some(id) = id {
            list[i].id = id;
        }
        i
    }
}

/// Step 4a: `·`-joined names (a known person's token inside is absorbed).
pub(super) fn dotted_names(doc: &mut Doc<'_>, st: &mut State) {
    let g = doc.g;
    let n = doc.n;
    let mut absorbed: HashSet<usize> = HashSet::default();
    // 4a. ·-joined names.
    // (As a string: the last byte of `·`, all a `char` search looks for,
    // continues most CJK characters.)
    let dots: Vec<usize> = find_all(n, "·").collect();
    let mut covered_until = 0;
    for &d in &dots {
        if d < covered_until {
            continue;
        }
        let mut l = left_of_dot(doc, d);
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
        // 总理米歇尔·巴尼耶, 外长让-马克·埃罗: right after a title, the name
        // starts at the title's end.
        l = start_after_title(doc, l);
        let mut r = right_of_dot(doc, d + '·'.len_utf8());
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
        // 弗兰克·鲍曼三世: a generation suffix belongs to the name.
        if let Some(sfx) = GENERATION_SUFFIXES.iter().find(|s| n[r..].starts_with(**s)) {
            r += sfx.len();
        }
        covered_until = r;
        // 约翰·霍普金斯大学: a name inside an institution's name.
        let tail_end = n[r..].char_indices().nth(6).map_or(n.len(), |(i, _)| r + i);
        let tail = &n[r..tail_end];
        if ORG_SUFFIXES
            .iter()
            .filter(|s| s.chars().count() >= 2)
            .any(|s| find_short(tail, s).is_some_and(|i| tail[..i].chars().all(is_cjk)))
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
        let glued: Vec<usize> = inner
            .iter()
            .copied()
            .filter(|&ti| {
                let t = doc.toks[ti];
                l <= t.s && t.e <= r && glued_state(doc, t.s, t.e) && {
                    // Not a whole segment: 马里奥, not ·马里·.
                    let before = prev_char(n, t.s);
                    let after = next_char(n, t.e);
                    !(before.is_none_or(|c| !doc.is_translit(c))
                        && after.is_none_or(|c| !doc.is_translit(c)))
                }
            })
            .collect();
        if inner
            .iter()
            .any(|&ti| !matches!(doc.toks[ti].target, Target::Person(_)) && !glued.contains(&ti))
        {
            continue;
        }
        absorbed.extend(glued.iter().copied());
        // 乔·拜登 where 登 ends no transliteration run: a known person's
        // form reaching past the run is taken whole.
        for &ti in &inner {
            l = l.min(doc.toks[ti].s);
            r = r.max(doc.toks[ti].e);
        }
        covered_until = r;
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
        if st.occ.overlaps(l, r) {
            continue;
        }
        let key = match known {
            Some(pi) => Key::Person(pi),
            None => {
                let last = full.rsplit('·').next().unwrap_or("");
                let alias = (last.chars().count() >= 2).then(|| last.to_string());
                Key::New(st.news.add(full, alias, None))
            }
        };
        // 小马丁·路德·金 (Jr.): the name without 小 is printed too.
        if let Some(rest) = n[l..r].strip_prefix('小').filter(|x| x.contains('·')) {
            st.extra_forms.push((r - rest.len(), r, key.clone()));
        }
        st.person_spans.push(Cand { s: l, e: r, key });
        st.occ.insert(l, r);
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
}

/// Starts of the non-overlapping occurrences of `needle` in `hay`, left to
/// right: what `str::match_indices` gives, by a vectorised search (the text
/// is read once per word, and these words are rare).
pub(super) fn find_all<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    memchr::memmem::find_iter(hay.as_bytes(), needle.as_bytes())
        .filter(move |&i| hay.is_char_boundary(i))
}

/// Step 4d: names marked `（音）`.
pub(super) fn yin_names(doc: &Doc<'_>, st: &mut State) {
    let g = doc.g;
    let n = doc.n;
    // 4d. Names marked （音）.
    for pat in SOUND_MARKS.iter() {
        for open in find_all(n, pat) {
            if doc.tok_end.contains_key(&open) || st.person_spans.iter().any(|c| c.e == open) {
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
                    || prev_char(n, s).is_some_and(|p| YIN_NAME_AFTER.contains(p));
                if g.surnames.contains(c0) && boundary {
                    pick = Some(s);
                    break;
                }
            }
            let Some(s) = pick else { continue };
            if st.occ.overlaps(s, open) {
                continue;
            }
            let full = n[s..open].to_string();
            let i = st.news.add(&full, None, None);
            st.person_spans.push(Cand {
                s,
                e: open,
                key: Key::New(i),
            });
            st.occ.insert(s, open);
            // The printed form with the marker is a form too (洪敏（音）).
            st.extra_forms.push((s, open + pat.len(), Key::New(i)));
        }
    }
}

/// Step 4b: names right after a title.
pub(super) fn names_after_titles(doc: &Doc<'_>, st: &mut State, ctx: &Context) {
    let n = doc.n;
    // 4b. Names right after a title.
    let title_ends: Vec<usize> = doc
        .toks
        .iter()
        .filter(|t| matches!(t.target, Target::Title(_)))
        .map(|t| t.e)
        .collect();
    for te in title_ends {
        // 国务卿鲍威尔: a listed surname after a title is the one who held
        // that office on the date, when its first holder did not.
        if let Some(&ti) = doc.tok_at.get(&te) {
            let t = doc.toks[ti];
            // 外长拉马拉: a holder's name that is also a city's (Ramallah).
            if matches!(t.target, Target::Country(_, FormKind::Metonym)) {
                if let Some((e, pi)) = office::holder_named_at(doc, te, ctx.published) {
                    if e >= t.e && !st.occ.overlaps(te, e) {
                        st.person_spans.push(Cand {
                            s: te,
                            e,
                            key: Key::Person(pi),
                        });
                        st.occ.insert(te, e);
                    }
                }
            }
            if let Target::Person(pi) = t.target {
                if !office::holds(doc, te, pi, ctx.published) {
                    if let Some(other) = office::holder(doc, te, &n[t.s..t.e], ctx.published) {
                        st.retarget.insert(t.s, Key::Person(other));
                    }
                }
            }
            continue;
        }
        if st.occ.overlaps(te, te + 1) {
            continue;
        }
        // A name printed in Latin letters (主席Michael Mroczek).
        if let Some((s, e, id)) = gloss::latin_name_at(n, te) {
            if !st.occ.overlaps(s, e) && !doc.tok_overlaps(s, e) {
                let full = n[s..e].to_string();
                let i = st.news.add(&full, None, Some(id));
                st.person_spans.push(Cand {
                    s,
                    e,
                    key: Key::New(i),
                });
                st.occ.insert(s, e);
            }
            continue;
        }
        // 总统费尔南德斯: an office-holder's surname, whatever its characters.
        if let Some((e, pi)) = office::holder_named_at(doc, te, ctx.published) {
            if !st.occ.overlaps(te, e) {
                st.person_spans.push(Cand {
                    s: te,
                    e,
                    key: Key::Person(pi),
                });
                st.occ.insert(te, e);
                continue;
            }
        }
        let r = doc.run_right(te);
        // A transliteration run that ends inside a word (谢佩 + 芸说) is not the name.
        let clean = is_punct_or_end(next_char(n, r))
            || next_char(n, r).is_some_and(|c| c.is_ascii_digit())
            || starts_with_any(n, r, &NAME_NEXT_AT)
            || doc.tok_at.contains_key(&r);
        let span = if n[te..r].chars().count() >= 2 && !n[te..r].contains('·') && clean {
            Some(r)
        } else {
            chinese_name(doc, te)
        };
        let Some(e) = span else { continue };
        if st.occ.overlaps(te, e) {
            continue;
        }
        let full = n[te..e].to_string();
        let key = office::holder(doc, te, &full, ctx.published)
            .map_or_else(|| Key::New(st.news.add(&full, None, None)), Key::Person);
        st.person_spans.push(Cand { s: te, e, key });
        st.occ.insert(te, e);
    }
}

/// Tokens become candidates (titles are not mentions).
pub(super) fn token_candidates(doc: &Doc<'_>, st: &mut State) {
    for t in &doc.toks {
        if st.occ.overlaps(t.s, t.e) {
            continue;
        }
        let key = match t.target {
            Target::Country(ci, _) => Key::Country(ci),
            // National bodies are organisations acting for their state (`Entity::actor_code`).
            Target::Org(oi) | Target::OrgContext(oi) => Key::Org(oi),
            Target::Person(pi) => st.retarget.get(&t.s).cloned().unwrap_or(Key::Person(pi)),
            Target::Title(_) | Target::Marker(_) => continue,
        };
        if matches!(key, Key::Person(_)) {
            st.person_spans.push(Cand {
                s: t.s,
                e: t.e,
                key,
            });
        } else {
            st.cands.push(Cand {
                s: t.s,
                e: t.e,
                key,
            });
        }
        st.occ.insert(t.s, t.e);
    }
}

/// Step 5: short mentions of new people, and known surnames after a
/// namesake's full name.
pub(super) fn short_mentions(doc: &Doc<'_>, st: &mut State) {
    let n = doc.n;
    // 5. Short mentions of new people (利普斯基 after 乔希·利普斯基).
    for (i, np) in st.news.list.iter().enumerate() {
        for alias in std::iter::once(&np.full).chain(np.aliases.iter()) {
            for s in find_all(n, alias) {
                let e = s + alias.len();
                if st.occ.overlaps(s, e) {
                    continue;
                }
                if prev_char(n, s).is_some_and(|c| doc.is_translit(c) || c == '·')
                    || next_char(n, e).is_some_and(|c| c == '·')
                {
                    continue;
                }
                if next_char(n, e).is_some_and(|c| doc.is_translit(c))
                    && !starts_with_any(n, e, &NAME_NEXT_AT)
                {
                    continue;
                }
                st.person_spans.push(Cand {
                    s,
                    e,
                    key: Key::New(i),
                });
                st.occ.insert(s, e);
            }
        }
    }
    // A bare known surname after a namesake's full name joins the namesake.
    for c in st.person_spans.iter_mut() {
        if let Key::Person(_) = c.key {
            let surface = &n[c.s..c.e];
            if let Some(i) = st
                .news
                .list
                .iter()
                .position(|np| np.aliases.iter().any(|a| a == surface))
            {
                c.key = Key::New(i);
            }
        }
    }
}

/// Characters that end a three-character name read without a boundary after
/// it (`外长王毅表`): function words and verbs, not given names.
static NOT_GIVEN: CharStr = CharStr::new("entity_words.tsv", "not_given");

/// A Chinese, Korean or Japanese name right after a title at `te`: a surname
/// of `surnames.tsv` and one or two characters followed by punctuation or a
/// word of [`NAME_NEXT`]; failing that, a surname that begins no common word
/// and two characters that are no function words (`县长陈福海前晚…`).
fn chinese_name(doc: &Doc<'_>, te: usize) -> Option<usize> {
    let g = doc.g;
    let n = doc.n;
    let after: Vec<(usize, char)> = n[te..].char_indices().take(8).collect();
    let dbl = g.double_surname_at(&n[te..]);
    let sur_len = dbl.map_or(1, |d| d.chars().count());
    let first = after.first().map(|x| x.1)?;
    if dbl.is_none() && !g.surnames.contains(first) {
        return None;
    }
    // (end, length in characters) of the candidates that pass the word checks.
    let mut fits: Vec<(usize, usize)> = Vec::new();
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
        if chars.len() >= 2 && chars[0] == '周' && WEEKDAY_AFTER_ZHOU.contains(chars[1]) {
            continue;
        }
        let name = &n.as_bytes()[te..end];
        if DAY_WORDS
            .iter()
            .any(|w| (0..=name.len()).any(|i| begins_with(&name[i..], w.as_bytes())))
        {
            continue;
        }
        // The first two characters (the name has two at least).
        let head = &name[..chars[0].len_utf8() + chars[1].len_utf8()];
        if NOT_NAMES
            .iter()
            .any(|w| w.len() == head.len() && begins_with(head, w.as_bytes()))
        {
            continue;
        }
        if chars[sur_len..]
            .iter()
            .any(|c| NOT_IN_GIVEN_NAME.contains(*c))
        {
            continue;
        }
        if doc.tok_overlaps(te, end) {
            continue;
        }
        let nc = next_char(n, end);
        if is_punct_or_end(nc) || starts_with_any(n, end, &NAME_NEXT_AT) {
            return Some(end);
        }
        fits.push((end, given));
    }
    // No boundary: only a full name (two given characters) of a surname that
    // begins no common word, with given characters that are no function words.
    let (end, _) = fits.into_iter().find(|&(_, given)| given == 2)?;
    let weak = dbl.is_none() && g.weak_surnames.contains(first);
    let given_ok = n[te..end]
        .chars()
        .skip(sur_len)
        .all(|c| !NOT_GIVEN.contains(c));
    (!weak && given_ok).then_some(end)
}

/// Start of the name segment ending at the dot `d`: a transliteration run,
/// or one other character next to the dot followed (leftwards) by one
/// (`马可·卢比奥`, where 可 is no transliteration character), two at least.
fn left_of_dot(doc: &Doc<'_>, d: usize) -> usize {
    let n = doc.n;
    // 让-皮埃尔·恩东戈: a listed name before the dot is this name's first
    // segment (the namesake test below tells the two apart).
    if let Some(&ti) = doc.tok_end.get(&d) {
        let t = doc.toks[ti];
        if matches!(t.target, Target::Person(_)) {
            return t.s;
        }
    }
    let mut l = doc.run_left(d);
    // 马里奥·…: a state's name glued to the rest of the segment (马里 + 奥).
    if l < d {
        if let Some(&ti) = doc.tok_end.get(&l) {
            let t = doc.toks[ti];
            if glued_state(doc, t.s, t.e) {
                l = doc.run_left(t.s).min(t.s);
            }
        }
    }
    // 何塞·…: a given name the gazetteer knows, whatever its characters.
    for len in (2..=4).rev() {
        let Some((start, _)) = n[..d].char_indices().rev().nth(len - 1) else {
            continue;
        };
        if start < l && doc.g.given_names.contains(&n[start..d]) && !doc.tok_overlaps(start, d) {
            return start;
        }
    }
    if n[l..d].chars().count() >= 2 || doc.tok_end.contains_key(&d) {
        return l;
    }
    match prev_char(n, d) {
        Some(c) if is_cjk(c) && !NOT_GIVEN.contains(c) && !doc.is_translit(c) => {
            let p = d - c.len_utf8();
            let l2 = doc.run_left(p);
            if l2 < p {
                l2
            } else {
                l
            }
        }
        _ => l,
    }
}

/// Where a dotted name whose first segment starts at `l` begins when a
/// title ends at most four name characters (or joiners) before it: at the
/// title's end (`总理米歇尔·…`, where 歇 is no transliteration character).
fn start_after_title(doc: &Doc<'_>, l: usize) -> usize {
    let n = doc.n;
    // 小威廉·…: the generation marker already opens the name.
    if n[l..].starts_with('小') {
        return l;
    }
    let mut p = l;
    for _ in 0..4 {
        let Some(c) = prev_char(n, p) else { break };
        // A function word ends the name, unless a hyphen joins it (让-马克).
        let joined = next_char(n, p) == Some('-');
        if !(is_cjk(c) || gloss::is_name_joiner(c)) || (NOT_GIVEN.contains(c) && !joined) {
            break;
        }
        if doc.tok_end.contains_key(&p) {
            break;
        }
        p -= c.len_utf8();
        if let Some(&ti) = doc.tok_end.get(&p) {
            return if matches!(doc.toks[ti].target, Target::Title(_)) {
                p
            } else {
                l
            };
        }
    }
    l
}

/// End of the name segment starting after a dot at `s`: a transliteration
/// run, or one other character next to the dot followed by one (`格伦·杨金`).
fn right_of_dot(doc: &Doc<'_>, s: usize) -> usize {
    let r = first_right_of_dot(doc, s);
    if r == s {
        return r;
    }
    extend_last_segment(doc, r)
}

/// A state's name printed inside a transliterated segment (马里 in 马里奥 or
/// 舒马里): every character is a transliteration character.
fn glued_state(doc: &Doc<'_>, s: usize, e: usize) -> bool {
    let Some(&ti) = doc.tok_at.get(&s) else {
        return false;
    };
    let t = doc.toks[ti];
    t.e == e
        && matches!(t.target, Target::Country(_, FormKind::Name))
        && doc.n[s..e].chars().all(|c| doc.is_translit(c))
}

/// Whether the text at `p` may follow a name: punctuation, the end, a
/// digit, a listed next word or a token.
fn clean_after(doc: &Doc<'_>, p: usize) -> bool {
    let n = doc.n;
    is_punct_or_end(next_char(n, p))
        || next_char(n, p).is_some_and(|c| c.is_ascii_digit())
        || starts_with_any(n, p, &NAME_NEXT_AT)
        || doc.tok_at.contains_key(&p)
}

/// The last segment of a dotted name ending at `r`, extended over one other
/// character inside it (卡尔片科, 范登博斯) or at its end before a clean
/// boundary (奥卢塞贡说), and over a state's name glued to it (舒马里).
fn extend_last_segment(doc: &Doc<'_>, mut r: usize) -> usize {
    let n = doc.n;
    for _ in 0..2 {
        if let Some(&ti) = doc.tok_at.get(&r) {
            let t = doc.toks[ti];
            if glued_state(doc, t.s, t.e) {
                r = doc.run_right(t.e);
                continue;
            }
            break;
        }
        let Some(c) = next_char(n, r) else { break };
        if !is_cjk(c) || NOT_GIVEN.contains(c) || starts_with_any(n, r, &NAME_NEXT_AT) {
            break;
        }
        let p = r + c.len_utf8();
        let r2 = doc.run_right(p);
        if r2 > p {
            r = r2;
            continue;
        }
        if clean_after(doc, p) {
            r = p;
        }
        break;
    }
    r
}

fn first_right_of_dot(doc: &Doc<'_>, s: usize) -> usize {
    let n = doc.n;
    let r = doc.run_right(s);
    if r > s || doc.tok_at.contains_key(&s) {
        return r;
    }
    match next_char(n, s) {
        Some(c) if is_cjk(c) && !NOT_GIVEN.contains(c) => {
            let p = s + c.len_utf8();
            let r2 = doc.run_right(p);
            if r2 > p {
                r2
            } else {
                r
            }
        }
        _ => r,
    }
}

#[cfg(test)]
mod tests {
    use super::find_all;

    #[test]
    fn find_all_is_match_indices() {
        let hay = "李明（音）说，王刚（音）和(音)都到了。";
        for needle in ["（音）", "(音)", "音", "到了。", "无", ""] {
            let want: Vec<usize> = hay.match_indices(needle).map(|(i, _)| i).collect();
            assert_eq!(find_all(hay, needle).collect::<Vec<_>>(), want, "{needle}");
        }
    }
}
