//! Linking by office: a surname after a title (`商务部长罗斯`) is the person
//! who held that office — of the state named before the title, if any — on
//! the reference date, when the gazetteer lists them by a longer name only.

use shiju_core::Date;

use super::Doc;
use crate::Target;

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
    let &ti = doc.tok_end.get(&title_end)?;
    let t = doc.toks[ti];
    let keys: Vec<&str> = g.pats[t.pat]
        .1
        .iter()
        .filter_map(|x| match x {
            Target::Title(k) => Some(g.titles[*k].as_str()),
            _ => None,
        })
        .collect();
    if keys.is_empty() {
        return None;
    }
    // The state printed right before the title (美国商务部长).
    let state = doc
        .tok_end
        .get(&t.s)
        .and_then(|&pi| doc.country_target(&doc.toks[pi]));
    let mut found: Option<usize> = None;
    for (&pi, rows) in &g.roles {
        let p = &g.people[pi];
        let named = p
            .full_forms
            .iter()
            .any(|f| f.rsplit('·').next() == Some(name) && f.len() > name.len());
        if !named {
            continue;
        }
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
