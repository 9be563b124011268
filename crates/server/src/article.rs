//! `GET /api/articles/{id}`: the store's article read model with, for each
//! event, the names of its actors and code and where its actors and verb
//! are inside the evidence sentence.
//!
//! The store keeps each event's evidence span and its actors' entity ids,
//! not the offsets of the words that matched: actor spans are the mentions
//! of those entities inside the evidence, verb spans the occurrences there
//! of the verb words of the patterns that emit the event's code
//! (`lexicon/verbs.tsv`).

use serde_json::{json, Value};
use shiju_store::names::Names;

/// Adds names and `actor_spans` / `verb_spans` (character offsets over the
/// body) to every event of article `v`.
/// `norm` simplifies one character (traditional evidence, simplified verb
/// words).
pub(crate) fn enrich(v: &mut Value, names: &Names, norm: &dyn Fn(&str) -> String) {
    let body: Vec<char> = v["paragraphs"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
        .chars()
        .map(|c| {
            let mut b = [0u8; 4];
            let n = norm(c.encode_utf8(&mut b));
            let mut it = n.chars();
            match (it.next(), it.next()) {
                (Some(s), None) => s,
                _ => c,
            }
        })
        .collect();
    let mentions: Vec<(String, i64, i64)> = v["entities"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|e| {
            let key = e["key"].as_str().unwrap_or("").to_string();
            e["mentions"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |m| {
                    (
                        key.clone(),
                        m["start"].as_i64().unwrap_or(0),
                        m["end"].as_i64().unwrap_or(0),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let Some(events) = v["events"].as_array_mut() else {
        return;
    };
    for ev in events {
        let (start, end) = (
            ev["start"].as_i64().unwrap_or(0).max(0),
            ev["end"].as_i64().unwrap_or(0).max(0),
        );
        let mut actors = Vec::new();
        for (side, key) in [("source", "source_entity"), ("target", "target_entity")] {
            let Some(k) = ev[key].as_str() else { continue };
            for (mk, ms, me) in &mentions {
                if mk == k && *ms >= start && *me <= end {
                    actors.push(json!({"side": side, "start": ms, "end": me}));
                }
            }
        }
        let code = ev["code"].as_str().unwrap_or("").to_string();
        let verbs = verb_spans(&body, start as usize, end as usize, names.verb_words(&code));
        for (side, key) in [("source", "source"), ("target", "target")] {
            let n = names
                .actor(ev[key].as_str().unwrap_or(""))
                .cloned()
                .unwrap_or_default();
            ev[format!("{side}_en")] = json!(n.en);
            ev[format!("{side}_zh")] = json!(n.zh);
        }
        let c = names.cameo(&code);
        ev["code_en"] = json!(c.en);
        ev["code_zh"] = json!(c.zh);
        ev["actor_spans"] = json!(actors);
        ev["verb_spans"] = json!(verbs);
    }
}

/// Occurrences of `words` in `body[start..end]`, longest first, not
/// overlapping each other.
fn verb_spans(body: &[char], start: usize, end: usize, words: &[String]) -> Vec<[usize; 2]> {
    let end = end.min(body.len());
    if start >= end {
        return Vec::new();
    }
    let mut ws: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
    ws.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let mut taken = vec![false; end - start];
    let mut out = Vec::new();
    for w in &ws {
        if w.is_empty() || w.len() > end - start {
            continue;
        }
        for i in start..=end - w.len() {
            if body[i..i + w.len()] == w[..]
                && !taken[i - start..i - start + w.len()].iter().any(|t| *t)
            {
                taken[i - start..i - start + w.len()]
                    .iter_mut()
                    .for_each(|t| *t = true);
                out.push([i, i + w.len()]);
            }
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_in_the_sentence() {
        let body: Vec<char> = "前言。普京访问朝鲜并会见金正恩。".chars().collect();
        let words = vec!["访问".to_string(), "会见".to_string(), "访".to_string()];
        assert_eq!(verb_spans(&body, 3, 16, &words), vec![[5, 7], [10, 12]]);
        assert!(verb_spans(&body, 10, 5, &words).is_empty());
        assert!(verb_spans(&body, 0, 999, &[]).is_empty());
    }
}
