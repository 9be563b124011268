//! Linking by office: a surname after a title (`商务部长罗斯`) is the person
//! who held that office — of the state named before the title, if any — on
//! the reference date, when the gazetteer lists them by a longer name only.

use super::*;
use shiju_lexicon::words::CharStr;

static NOT_OFFICE_HOLDER_BEFORE: CharStr =
    CharStr::new("entity_words.tsv", "not_office_holder_before");

/// The one gazetteer person whose full name ends with `name` and who held
/// the office of the title ending at `title_end` on `date` (of the state
/// printed before the title, when one is).
pub(super) fn holder(
    doc: &Doc<'_>,
    title_end: usize,
    name: &str,
    date: Option<Date>,
) -> Option<usize> {
    let g = doc.g;
    let date = date?;
    let (t, keys) = title_at(doc, title_end)?;
    // The state printed right before the title (美国商务部长).
    let state = doc
        .tok_end
        .get(&t.s)
        .and_then(|&pi| doc.country_target(&doc.toks[pi]));
    // A full form names `name` when `name` is its last `·`-segment: it
    // ends with `·` + `name` (a name with a `·` is no one's last segment).
    if name.contains('·') {
        return None;
    }
    // The people so named, from the name segments' index (a title's
    // holders are hundreds), else (a name of one character, which the
    // index leaves out) the holders of the title so named; in index order
    // either way. A person without a row of the title holds no office of
    // it, so both give the same answer.
    let named = g.name_heads.last_named(name).unwrap_or_else(|| {
        candidates(g, &keys)
            .into_iter()
            .filter(|&pi| {
                (g.people[pi].full_forms.iter())
                    .any(|f| f.strip_suffix(name).is_some_and(|head| head.ends_with('·')))
            })
            .collect()
    });
    let mut found: Option<usize> = None;
    for pi in named {
        let Some(rows) = g.roles.get(&pi) else {
            continue;
        };
        let held = rows.iter().any(|r| {
            keys.contains(&r.title.as_str())
                && state.as_deref().is_none_or(|s| r.of.as_deref() == Some(s))
                && r.start.is_some_and(|s| s <= date)
                && r.end.is_none_or(|e| date < e)
        });
        if held {
            if found.is_some_and(|f| f != pi) {
                return None; // two holders of that name: no guess
            }
            found = Some(pi);
        }
    }
    found
}

/// The people who can hold an office of role `keys`: those with a row of
/// one of them, in index order (so the answer does not depend on the order
/// people are tried in).
fn candidates(g: &Gazetteer, keys: &[&str]) -> Vec<usize> {
    let mut cands: Vec<usize> = keys
        .iter()
        .filter_map(|k| g.by_title.get(*k))
        .flatten()
        .copied()
        .collect();
    cands.sort_unstable();
    cands.dedup();
    cands
}

/// The title token ending at `title_end` and the role keys it names; `None`
/// when no title ends there.
fn title_at<'g>(doc: &Doc<'g>, title_end: usize) -> Option<(Tok, Vec<&'g str>)> {
    let &ti = doc.tok_end.get(&title_end)?;
    let t = doc.toks[ti];
    let keys = title_keys(doc.g, &t);
    (!keys.is_empty()).then_some((t, keys))
}

/// The role keys (`titles.tsv`) a title token names; empty for other tokens.
fn title_keys<'g>(g: &'g Gazetteer, t: &Tok) -> Vec<&'g str> {
    g.pats[t.pat]
        .1
        .iter()
        .filter_map(|x| match x {
            Target::Title(k) => Some(g.titles[*k].as_str()),
            _ => None,
        })
        .collect()
}

/// Whether person `pi` held the office of the title ending at `title_end`
/// (of the state printed before it, when one is) on `date`; true when the
/// date or the title is unknown.
pub(super) fn holds(doc: &Doc<'_>, title_end: usize, pi: usize, date: Option<Date>) -> bool {
    let g = doc.g;
    let (Some(date), Some(&ti)) = (date, doc.tok_end.get(&title_end)) else {
        return true;
    };
    let t = doc.toks[ti];
    let keys = title_keys(g, &t);
    let state = doc
        .tok_end
        .get(&t.s)
        .and_then(|&p| doc.country_target(&doc.toks[p]));
    keys.is_empty()
        || g.roles.get(&pi).is_none_or(|rows| {
            rows.iter().any(|r| {
                keys.contains(&r.title.as_str())
                    && state.as_deref().is_none_or(|s| r.of.as_deref() == Some(s))
                    && r.start.is_some_and(|s| s <= date)
                    && r.end.is_none_or(|e| date < e)
            })
        })
}

/// The gazetteer person named right after the title ending at `title_end`
/// by a segment of a listed full name (`阿根廷总统费尔南德斯6日`, where the
/// surname is no transliteration run) who held that office on `date`: the
/// last segment always; any segment (`埃塞俄比亚总理阿比`, `加蓬总统邦戈`)
/// when the state is printed before the title. After `前` (`尼泊尔前总理奥利`)
/// the office was held before the date. The name's end and the person; None
/// when two people fit equally.
pub(super) fn holder_named_at(
    doc: &Doc<'_>,
    title_end: usize,
    date: Option<Date>,
) -> Option<(usize, usize)> {
    let g = doc.g;
    let n = doc.n;
    let date = date?;
    let (t, keys) = title_at(doc, title_end)?;
    // 尼泊尔 + 前 + 总理: a former holder, the state before the marker.
    let marker = doc
        .tok_end
        .get(&t.s)
        .map(|&m| doc.toks[m])
        .filter(|m| matches!(m.target, Target::Marker(Some(RoleStatus::Former))));
    let former = marker.is_some();
    let state_end = marker.map_or(t.s, |m| m.s);
    let state = doc
        .tok_end
        .get(&state_end)
        .and_then(|&pi| doc.country_target(&doc.toks[pi]));
    let rest = &n[title_end..];
    // Only the people with a name segment beginning as `rest` does are
    // tried (the segments of every holder of 议员 would be hundreds); the
    // office test below admits exactly the people `candidates` gives.
    let mut best: Option<(usize, usize)> = None;
    let mut tie = false;
    for seg in g.name_heads.starting(rest) {
        // Every segment of the name when the state is printed, else the
        // last (the surname of 乔·拜登).
        let text = g.name_heads.text(seg);
        if !(seg.last || state.is_some()) || !rest.starts_with(text) {
            continue;
        }
        let (pi, len) = (seg.person, text.len());
        // 费尔南德斯·… or a longer transliteration: another name.
        let next = next_char(rest, len);
        if next.is_some_and(|c| c == '·' || c == '-' || doc.is_translit(c)) {
            continue;
        }
        let held = g.roles.get(&pi).is_some_and(|rows| {
            rows.iter().any(|r| {
                keys.contains(&r.title.as_str())
                    && state.as_deref().is_none_or(|s| r.of.as_deref() == Some(s))
                    && r.start.is_some_and(|s| s <= date)
                    && (former || r.end.is_none_or(|e| date < e))
            })
        });
        if !held {
            continue;
        }
        // The longest name wins; two people with names that long: no guess
        // (the order segments are tried in does not change the answer).
        match best {
            Some((l, p)) if l == len && p != pi => tie = true,
            Some((l, _)) if l >= len => {}
            _ => {
                best = Some((len, pi));
                tie = false;
            }
        }
    }
    if tie {
        return None;
    }
    best.map(|(len, pi)| (title_end + len, pi))
}

/// Step 5b: a state's title without a name (`俄罗斯总统表示`) is the one
/// person in that office on the date, when the text also names that person.
pub(super) fn title_only_holders(doc: &Doc<'_>, st: &mut State, ctx: &Context) {
    let g = doc.g;
    let n = doc.n;
    if let Some(date) = ctx.published {
        let starts: HashSet<usize> = st.person_spans.iter().map(|c| c.s).collect();
        let named_people: HashSet<usize> = st
            .person_spans
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
                || st.occ.overlaps(t.s, t.e)
            {
                continue;
            }
            let nc = next_char(n, t.e);
            if !(is_punct_or_end(nc) || starts_with_any(n, t.e, &NAME_NEXT_AT))
                || nc.is_some_and(|c| doc.is_translit(c) && !starts_with_any(n, t.e, &NAME_NEXT_AT))
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
            if prev_char(n, ct.s).is_some_and(|c| NOT_OFFICE_HOLDER_BEFORE.contains(c))
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
            st.extra_forms.push((fs, c.e, c.key.clone()));
            st.title_only.insert((c.s, c.e));
            st.occ.insert(c.s, c.e);
            st.person_spans.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use shiju_core::{date::parse_ymd, Context};

    use crate::Gazetteer;

    fn ids(s: &str, date: &str) -> Vec<String> {
        let g = Gazetteer::new(None).unwrap();
        let text = g.normalizer().normalize(s);
        let ctx = Context {
            published: parse_ymd(date),
            script: shiju_text::detect_script(s),
            home: None,
        };
        g.recognize(&text, &ctx).into_iter().map(|e| e.id).collect()
    }

    #[test]
    fn surname_after_title_is_the_office_holder() {
        let got = ids("美国商务部长罗斯周三表示将加征关税。", "2019-05-08");
        assert!(got.contains(&"person:wilbur-ross".to_string()), "{got:?}");
        // Out of office on the date: an unknown person of that name.
        let got = ids("美国商务部长罗斯周三表示将加征关税。", "2023-05-08");
        assert!(!got.contains(&"person:wilbur-ross".to_string()), "{got:?}");
        // Another state's title: not the US secretary.
        let got = ids("英国商务部长罗斯周三表示将加征关税。", "2019-05-08");
        assert!(!got.contains(&"person:wilbur-ross".to_string()), "{got:?}");
    }
}
