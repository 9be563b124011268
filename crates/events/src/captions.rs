//! Dating events from image captions, and merging a meeting's undated
//! repetitions into its dated report.

use std::collections::{HashMap, HashSet};

use shiju_core::{Entity, Event, Text, Timex};

use crate::dates;

/// One image caption of an article, analysed like the body.
#[derive(Clone, Copy)]
pub struct Caption<'a> {
    pub text: &'a Text,
    pub entities: &'a [Entity],
    pub timex: &'a [Timex],
}

pub(crate) fn ordered(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// Gives undated body events the date of a caption event between the same
/// two actors with the same root; the other undated events of the same
/// sentence follow. An ambiguous caption set (two different dates for the
/// same interaction) dates nothing. Afterwards one record per (source,
/// target, root, date) is kept.
pub(crate) fn redate_from_captions(
    evs: &mut Vec<(Event, bool)>,
    dated: &[(String, String, String, String)],
) {
    let date_of = |e: &Event| -> Option<String> {
        let (a, b) = ordered(&e.source, &e.target);
        let mut found = dated
            .iter()
            .filter(|d| d.0 == a && d.1 == b && d.2 == e.cameo)
            .map(|d| d.3.clone());
        let first = found.next()?;
        found.all(|d| d == first).then_some(first)
    };
    // Sentences (by evidence start) whose date a caption gives.
    let mut sentence_dates: Vec<(usize, String)> = Vec::new();
    for (e, explicit) in evs.iter() {
        if !*explicit {
            if let Some(d) = date_of(e) {
                if !sentence_dates.iter().any(|(s, _)| *s == e.start) {
                    sentence_dates.push((e.start, d));
                }
            }
        }
    }
    if sentence_dates.is_empty() {
        return;
    }
    for (e, explicit) in evs.iter_mut() {
        if *explicit {
            continue;
        }
        if let Some((_, d)) = sentence_dates.iter().find(|(s, _)| *s == e.start) {
            e.date = d.clone();
            *explicit = true;
        }
    }
    let mut seen = HashSet::new();
    evs.retain(|(e, _)| {
        seen.insert((
            e.source.clone(),
            e.target.clone(),
            e.cameo.clone(),
            e.date.clone(),
        ))
    });
}

/// An interaction reported with its date and mentioned again without one
/// (dated by the publication date) is the same interaction — a meeting in
/// the lead and again in the body, a praise restated in a closing line: of
/// the records with the same source, target and code (for meetings, any
/// root-04 code: 会见 and 会谈 are one meeting), fallback-dated ones within
/// three days of an explicitly dated one are dropped.
pub(crate) fn merge_meetings(evs: Vec<(Event, bool)>) -> Vec<Event> {
    // The same interaction: meetings by root, other events by full code.
    fn kind(e: &Event) -> &str {
        if e.cameo == "04" {
            &e.cameo
        } else {
            &e.code
        }
    }
    // (source, target, kind) → start days of the explicitly dated records.
    let mut explicit: HashMap<(&str, &str, &str), Vec<shiju_core::Date>> = HashMap::new();
    for (e, exp) in &evs {
        if *exp {
            if let Some(d) = dates::period_start(&e.date) {
                explicit
                    .entry((e.source.as_str(), e.target.as_str(), kind(e)))
                    .or_default()
                    .push(d);
            }
        }
    }
    let keep: Vec<bool> = evs
        .iter()
        .map(|(e, exp)| {
            if *exp {
                return true;
            }
            let Some(d) = dates::period_start(&e.date) else {
                return true;
            };
            !explicit
                .get(&(e.source.as_str(), e.target.as_str(), kind(e)))
                .is_some_and(|xs| xs.iter().any(|x| (d - *x).num_days().abs() <= 3))
        })
        .collect();
    evs.into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|((e, _), _)| e)
        .collect()
}
