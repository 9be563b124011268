//! Step 3: known organisations and states widened by what follows them
//! (`联合国` + `制裁委员会`, `中国` + `外交部`), and context forms (`国会`)
//! resolved to one organisation or dropped.

use super::*;
use shiju_lexicon::words::{CharStr, WordList};
use std::sync::LazyLock;

static NAME_RUN_STOPS: CharStr = CharStr::new("entity_words.tsv", "name_run_stops");

/// Words that end the run after a known organisation: the verb of a clause
/// whose subject is the organisation (`欧盟委员会` + `要求政府…`), never part
/// of a sub-body's name.
static ORG_TAIL_STOP: WordList = WordList::new("entity_words.tsv", "org_tail_stop");

/// Ends of a legislature's name (`议会`, `众议院`): a committee's name may
/// follow it (`英国议会` + `科学技术委员会`).
static LEGISLATURE_ENDS: WordList = WordList::new("entity_words.tsv", "legislature_ends");

/// Words of `org_tail_stop` that may join the words of a committee's name
/// after a legislature (`情报与安全联合委员会`), except as its first word.
static COMMITTEE_JOINERS: WordList = WordList::new("entity_words.tsv", "committee_joiners");
static COMMITTEE_JOINERS_AT: Starts = Starts::new(&COMMITTEE_JOINERS);

/// [`STATE_ORGAN_NEXT`] asked at a position.
static STATE_ORGAN_NEXT_AT: Starts = Starts::new(&STATE_ORGAN_NEXT);

/// Longest sub-body name read after a known organisation, in characters.
const ORG_RUN_MAX: usize = 8;
/// Longest committee name read after a legislature, in characters.
const LEGISLATURE_RUN_MAX: usize = 14;
/// Words that end a committee's name read after a legislature.
static COMMITTEE_ENDS: WordList = WordList::new("entity_words.tsv", "committee_ends");

/// Words by one of their characters: only the words that share the
/// character at hand are compared with the text.
type ByChar = HashMap<char, Vec<&'static str>>;

/// `words` grouped by the character `key` picks (words without one left out).
fn by_char<'w>(
    words: impl Iterator<Item = &'w &'static str>,
    key: fn(&str) -> Option<char>,
) -> ByChar {
    let mut m = ByChar::default();
    for w in words {
        if let Some(c) = key(w) {
            m.entry(c).or_default().push(w);
        }
    }
    m
}

/// [`ORG_TAIL_STOP`] by first character.
static TAIL_STOP_BY_FIRST: LazyLock<ByChar> =
    LazyLock::new(|| by_char(ORG_TAIL_STOP.iter(), |w| w.chars().next()));

/// The [`ORG_SUFFIXES`] of two characters or more, by last character.
static LONG_SUFFIX_BY_LAST: LazyLock<ByChar> = LazyLock::new(|| {
    by_char(
        ORG_SUFFIXES.iter().filter(|s| s.chars().count() >= 2),
        |w| w.chars().next_back(),
    )
});

/// Whether a word of [`ORG_TAIL_STOP`] starts at `p` of `n`.
fn tail_stop_at(n: &str, p: usize) -> bool {
    next_char(n, p)
        .and_then(|c| TAIL_STOP_BY_FIRST.get(&c))
        .is_some_and(|ws| ws.iter().any(|w| n[p..].starts_with(w)))
}

/// Widens org and state tokens and resolves context forms.
pub(super) fn extend_and_resolve(
    doc: &mut Doc<'_>,
    st: &mut State,
    compound_spans: &[(usize, usize, Vec<usize>)],
    ctx: &Context,
) {
    let g = doc.g;
    let n = doc.n;
    // 3. Extensions of known orgs (联合国 + 制裁委员会) and states (中国 + 外交部).
    let mut ext: HashMap<usize, usize> = HashMap::default();
    for (ti, t) in doc.toks.iter().enumerate() {
        match t.target {
            Target::Org(_) => {
                // A CJK run of at most 8 characters ending with an org suffix,
                // no token inside; after a legislature, also a committee's
                // name of up to 14 (`澳大利亚议会` + `情报与安全联合委员会`),
                // which may join words with 与/和 but not begin with one.
                let legislature = LEGISLATURE_ENDS.iter().any(|w| n[t.s..t.e].ends_with(w));
                let max = if legislature {
                    LEGISLATURE_RUN_MAX
                } else {
                    ORG_RUN_MAX
                };
                let mut p = t.e;
                let mut best = None;
                let mut joined = false;
                for i in 1..=max {
                    let joiner =
                        legislature && p > t.e && starts_with_any(n, p, &COMMITTEE_JOINERS_AT);
                    if doc.tok_at.contains_key(&p) || (!joiner && tail_stop_at(n, p)) {
                        break;
                    }
                    let Some(c) = next_char(n, p) else { break };
                    if !is_cjk(c) || (NAME_RUN_STOPS.contains(c) && !joiner) {
                        break;
                    }
                    joined |= joiner;
                    p += c.len_utf8();
                    let committee =
                        legislature && COMMITTEE_ENDS.iter().any(|w| n[..p].ends_with(w));
                    if (committee || (i <= ORG_RUN_MAX && !joined))
                        && LONG_SUFFIX_BY_LAST
                            .get(&c)
                            .is_some_and(|v| v.iter().any(|s| n[..p].ends_with(s)))
                    {
                        best = Some(p);
                    }
                }
                if let Some(p) = best {
                    ext.insert(ti, p);
                }
            }
            Target::Country(ci, FormKind::Name) => {
                // (Whether any word starts there asked first: most names are followed by none.)
                let organ = starts_with_any(n, t.e, &STATE_ORGAN_NEXT_AT)
                    .then(|| STATE_ORGAN_NEXT.iter().find(|w| n[t.e..].starts_with(**w)))
                    .flatten();
                if let Some(w) = organ {
                    let p = t.e + w.len();
                    if !doc.tok_at.contains_key(&t.e) {
                        ext.insert(ti, p);
                        // 法国政府 is also a mention of the name 法国.
                        st.extra_forms.push((t.s, t.e, Key::Country(ci)));
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
                st.extra_forms
                    .push((t.s, t.s + name.len(), Key::Country(ci)));
            }
        }
    }
    doc.reindex();

    // Context forms resolve to one organisation, or to none.
    let mut country_count: HashMap<&str, usize> = HashMap::default();
    for iso in doc
        .toks
        .iter()
        .filter_map(|t| match t.target {
            Target::Country(ci, _) => Some(g.countries[ci].iso.as_str()),
            _ => None,
        })
        .chain(
            compound_spans
                .iter()
                .flat_map(|(_, _, m)| m.iter().map(|&ci| g.countries[ci].iso.as_str())),
        )
    {
        *country_count.entry(iso).or_default() += 1;
    }
    let resolved: Vec<Option<usize>> = doc
        .toks
        .iter()
        .map(|t| match t.target {
            Target::OrgContext(_) => context_org(doc, t, &country_count, ctx.home.as_deref()),
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
    demonyms(doc, st);
}

/// Words before a context form that make it another body (`地方议会`, `州议会`).
#[rustfmt::skip]
static CONTEXT_NOT_AFTER: WordList = WordList::new("entity_words.tsv", "context_not_after");

/// The organisation a context form (`国会`) denotes here: the national body of
/// the state named right before it, or else of the state the text names most;
/// none when that state is not named at all.
fn context_org(
    doc: &Doc<'_>,
    t: &Tok,
    country_count: &HashMap<&str, usize>,
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
            let k = *country_count.get(c.as_str())?;
            Some((k, oi))
        })
        .max_by_key(|&(k, oi)| (k, std::cmp::Reverse(oi)))
        .map(|(_, oi)| oi)
}

/// Characters after `X国人` that make `人` part of another word (`美国人民`,
/// `德国人士`, `英国人质`).
static NOT_DEMONYM_AFTER: CharStr = CharStr::new("entity_words.tsv", "not_demonym_after");

/// A state's name followed by `人` (`德国人`, the Germans) prints that form of
/// the state too.
fn demonyms(doc: &Doc<'_>, st: &mut State) {
    let n = doc.n;
    for t in &doc.toks {
        if let Target::Country(ci, FormKind::Name) = t.target {
            if next_char(n, t.e) == Some('人')
                && !next_char(n, t.e + '人'.len_utf8())
                    .is_some_and(|c| NOT_DEMONYM_AFTER.contains(c))
            {
                st.extra_forms
                    .push((t.s, t.e + '人'.len_utf8(), Key::Country(ci)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_grouped_by_a_character() {
        let words: &[&'static str] = &["委员会", "中心", "部", "学会"];
        let last = by_char(words.iter(), |w| w.chars().next_back());
        assert_eq!(last[&'会'], vec!["委员会", "学会"]);
        assert_eq!(last[&'部'], vec!["部"]);
        assert!(!last.contains_key(&'委'));
        let first = by_char(words.iter(), |w| w.chars().next());
        assert_eq!(first[&'中'], vec!["中心"]);
        // The lexicon's stop words are found where they start, not inside.
        let w = ORG_TAIL_STOP[0];
        let n = format!("甲{w}乙");
        assert!(tail_stop_at(&n, "甲".len()));
        assert!(!tail_stop_at(&n, 0));
        assert!(!tail_stop_at(&n, n.len()));
    }
}
