//! Step 2: compounds of one-character abbreviations (`中美关系`, `俄乌冲突`).

use super::*;

/// Finds the compounds, drops the tokens inside them and adds one mention
/// per member state spanning the whole compound; returns the compounds.
pub(super) fn compounds(doc: &mut Doc<'_>, st: &mut State) -> Vec<(usize, usize, Vec<usize>)> {
    let g = doc.g;
    let n = doc.n;

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
        // The end of the last abbreviation that makes a word with the
        // character before it (集中): one right after it may start a run
        // (集中美…).
        let mut blocked_end = usize::MAX;
        let mut skip_to = 0usize;
        for &(pos, c) in &doc.abbr_at {
            if pos < skip_to {
                continue;
            }
            // A run needs a second abbreviation right after: most stand
            // alone. (Such a one cannot block the next either, none being
            // next to it, so `blocked_end` may stay.)
            if !next_char(n, pos + c.len_utf8()).is_some_and(|d| g.abbr_set.contains(d)) {
                continue;
            }
            let was_blocked = blocked_end == pos;
            // Start of a run only; a word with the previous character moves the start on.
            if let Some(p) = prev_char(n, pos) {
                if g.abbr_words.binary_search(&(p, c)).is_ok() {
                    blocked_end = pos + c.len_utf8();
                    continue;
                }
                if g.abbr_set.contains(p) && !was_blocked {
                    continue;
                }
            }
            // (Counted before the characters ahead are collected: most
            // abbreviations stand alone.)
            let k = n[pos..]
                .chars()
                .take(4)
                .take_while(|&ch| g.abbr_set.contains(ch))
                .count();
            if k < 2 {
                continue;
            }
            let ahead: Vec<(usize, char)> = n[pos..]
                .char_indices()
                .take(5)
                .map(|(i, ch)| (pos + i, ch))
                .collect();
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
                .find(|&(_, end)| starts_with_any(n, end, &COMPOUND_NEXT_AT))
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
            // Each member's own character is a printed form of it too (俄 in 中俄).
            let chars = n[*s..*e].char_indices().map(|(i, c)| (s + i, c.len_utf8()));
            for (&ci, (cs, cl)) in members.iter().zip(chars) {
                st.cands.push(Cand {
                    s: *s,
                    e: *e,
                    key: Key::Country(ci),
                });
                st.extra_forms.push((cs, cs + cl, Key::Country(ci)));
            }
            st.occ.insert(*s, *e);
        }
    }
    compound_spans
}
