//! Dates at four precisions and the event date rule.

pub use shiju_core::Period;

/// Whether a predicted date equals a gold date at the gold date's precision:
/// a gold day matches a predicted day at most one day away; a gold month,
/// ISO week or year matches a predicted date whose days all lie inside it
/// (a day in it, the same period, or a finer period inside it).
pub fn date_matches(gold: &Period, pred: &Period) -> bool {
    match (gold, pred) {
        (Period::Day(g), Period::Day(p)) => (*p - *g).num_days().abs() <= 1,
        (Period::Day(_), _) => false,
        _ => match (gold.range(), pred.range()) {
            (Some((gs, ge)), Some((ps, pe))) => gs <= ps && pe <= ge,
            _ => false,
        },
    }
}
