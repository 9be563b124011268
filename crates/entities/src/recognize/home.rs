//! States named without their name: `大陆` (mainland China, outside the
//! geographical sense: 新大陆, 欧亚大陆, 大陆架) and `我国` in the outlet's own
//! voice (the outlet's state, `Context::home`; not inside a quotation, where
//! it is the speaker's state, nor in `我国会`, which is 我 + 国会).

use super::*;
use shiju_lexicon::words::{CharStr, WordList};
use shiju_text::punct;

/// Characters before `大陆` that make it a continent (`欧亚大陆`, `新大陆`).
static CONTINENT_BEFORE: CharStr = CharStr::new("entity_words.tsv", "continent_before");
/// Characters after `大陆` that make it a geographical term (`大陆架`, `大陆性`).
static CONTINENT_AFTER: CharStr = CharStr::new("entity_words.tsv", "continent_after");
/// Names of mainland China that name no state (`大陆`).
static MAINLAND_NAMES: WordList = WordList::new("entity_words.tsv", "mainland_names");
/// "Our country" in the outlet's own voice (`我国`).
static HOME_STATE_WORDS: WordList = WordList::new("entity_words.tsv", "home_state_words");
/// Characters after a home-state word that make it another word's start
/// (`我国会`: 我 + 国会).
static HOME_STATE_NOT_BEFORE: CharStr = CharStr::new("entity_words.tsv", "home_state_not_before");

/// Adds the mentions of `大陆` and `我国`.
pub(super) fn unnamed_states(doc: &Doc<'_>, st: &mut State, ctx: &Context) {
    let g = doc.g;
    let n = doc.n;
    let state = |iso: &str| g.countries.iter().position(|c| c.iso == iso);
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    if let Some(chn) = state("CHN") {
        for (s, w) in MAINLAND_NAMES
            .iter()
            .flat_map(|w| people::find_all(n, w).map(move |s| (s, *w)))
        {
            let e = s + w.len();
            let continent = prev_char(n, s).is_some_and(|c| CONTINENT_BEFORE.contains(c))
                || next_char(n, e).is_some_and(|c| CONTINENT_AFTER.contains(c));
            if !continent {
                found.push((s, e, chn));
            }
        }
    }
    if let Some(home) = ctx.home.as_deref().and_then(state) {
        for (s, w) in HOME_STATE_WORDS
            .iter()
            .flat_map(|w| people::find_all(n, w).map(move |s| (s, *w)))
        {
            let e = s + w.len();
            let longer = next_char(n, e).is_some_and(|c| HOME_STATE_NOT_BEFORE.contains(c));
            if !longer && !inside_quotation(n, s) {
                found.push((s, e, home));
            }
        }
    }
    for (s, e, ci) in found {
        if doc.tok_overlaps(s, e) || st.occ.overlaps(s, e) {
            continue;
        }
        st.cands.push(Cand {
            s,
            e,
            key: Key::Country(ci),
        });
        st.occ.insert(s, e);
    }
}

/// Whether `pos` is inside a quotation opened earlier in its paragraph.
fn inside_quotation(n: &str, pos: usize) -> bool {
    let para = &n[n[..pos].rfind('\n').map_or(0, |i| i + 1)..pos];
    let mut depth: i32 = 0;
    for c in para.chars() {
        match c {
            '“' | punct::LEFT_CORNER | punct::LEFT_WHITE_CORNER => depth += 1,
            '”' | punct::RIGHT_CORNER | punct::RIGHT_WHITE_CORNER => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}
