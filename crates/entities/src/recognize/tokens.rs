//! Step 1: gazetteer tokens with their guards, titles split off the end of
//! an organisation or state token.

use super::*;
use shiju_lexicon::words::{CharStr, WordList};

/// Word lists of this module (`lexicon/entity_words.tsv`).
static DIGIT_CHARS: CharStr = CharStr::new("entity_words.tsv", "digit_chars");
static TITLE_NOT_BEFORE_CHARS: CharStr = CharStr::new("entity_words.tsv", "title_not_before_chars");
static TITLE_NOT_BEFORE: WordList = WordList::new("entity_words.tsv", "title_not_before");
static TITLE_NOT_BEFORE_AT: Starts = Starts::new(&TITLE_NOT_BEFORE);
static MEASURE_BEFORE_JIA: CharStr = CharStr::new("entity_words.tsv", "measure_before_jia");

/// Every gazetteer match of the text that survives the guards (`北京时间`,
/// `以方便`, `布朗大学`…), sorted and indexed.
pub(super) fn gazetteer_tokens(doc: &mut Doc<'_>) {
    let g = doc.g;
    let n = doc.n;
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
                        !starts_with_any(n, e, &METONYM_NOT_BEFORE_AT)
                            && !next_char(n, e)
                                .is_some_and(|c| c.is_ascii_digit() || DIGIT_CHARS.contains(c))
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
                            &*FANG_NOT_BEFORE
                        } else {
                            &*JUN_NOT_BEFORE
                        };
                        !next_char(n, e).is_some_and(|c| bad.contains(c))
                    }
                    // 总统府, 大使馆, 国王学院: part of another word.
                    Target::Title(_) => {
                        !next_char(n, e).is_some_and(|c| TITLE_NOT_BEFORE_CHARS.contains(c))
                            && !starts_with_any(n, e, &TITLE_NOT_BEFORE_AT)
                    }
                    Target::Person(_) => {
                        !starts_with_any(n, e, &PERSON_NOT_BEFORE_AT) && !word_across(g, n, s, e)
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
    split_titles(doc);
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

/// `家` right before `s` counting something (多家, 两家, 3家, 这家): a
/// measure word, so it makes no word with the name after it.
fn measure_word_before(n: &str, s: usize) -> bool {
    let before = &n[..s];
    let mut it = before.chars().rev();
    it.next() == Some('家')
        && it
            .next()
            .is_some_and(|c| c.is_ascii_digit() || MEASURE_BEFORE_JIA.contains(c))
}
