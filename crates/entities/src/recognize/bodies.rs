//! National bodies by construction (`lexicon/bodies.tsv`): a state's name,
//! or one of its one-character abbreviations, followed by a generic body
//! (`英国` + `外交部`, `加拿大` + `皇家海军`, `台` + `外交部`) is that state's
//! body, `org:ISO3-key`, acting as the state. A listed organisation of the
//! same state that carries one of the body's forms is used instead of the
//! generated id (`美国` + `国防部` → `org:USA-dod`).
//!
//! Also here: news outlets cited as the source of a report (`据新华社报道`)
//! are not participants of the story, and a party named only as the
//! affiliation of legislators (`共和党议员`) is not a mention of the party.

use shiju_lexicon::words::WordList;
use std::collections::HashMap;

use shiju_lexicon::{LexiconError, Table};
use shiju_text::charset::CharSet;
use shiju_text::Normalizer;

use super::{next_char, prev_char, starts_with_any, Doc, Starts, Tok};
use crate::orgs::Orgs;
use crate::{effective, Country, FormKind, Fx, Target};

const BODIES: &str = include_str!("../../../../lexicon/bodies.tsv");

/// A body's normalised form, the body's index, the form's characters.
type BodyForm = (String, usize, usize);

/// The generic bodies and the organisation each state's body resolves to.
#[derive(Debug, Default)]
pub(crate) struct Bodies {
    /// First two characters (the one character of a one-character form:
    /// `(c, None)`) → (normalised form, body index, characters), longest
    /// first: the forms that can start at a position without comparing
    /// every form that shares its first character (`国` begins dozens).
    by_head: HashMap<(char, Option<char>), Vec<BodyForm>, Fx>,
    /// The first characters of the forms: most positions begin none, and
    /// are answered without a lookup.
    first: CharSet,
    /// Body keys (`mofa`, `navy`…), by body index.
    keys: Vec<String>,
    /// Org index of (country index, body index), at `ci * keys.len() + bi`.
    org_of: Vec<usize>,
}

/// Shortest body that may follow a bare one-character abbreviation
/// (`台外交部`, not `中` + `央行`).
const ABBR_BODY_MIN_CHARS: usize = 3;

impl Bodies {
    /// Reads `bodies.tsv` and resolves every (state, body) pair to an
    /// organisation of `orgs.tsv` (`org_forms`: the normalised names and
    /// context forms of each of `orgs`) or to one of the state bodies it
    /// makes room for in `orgs`.
    pub(crate) fn build(
        norm: &Normalizer,
        user_dir: Option<&std::path::Path>,
        countries: &[Country],
        org_forms: &[Vec<String>],
        orgs: &mut Orgs,
    ) -> Result<Bodies, LexiconError> {
        let bt = Table::load("bodies.tsv", BODIES, user_dir)?;
        let mut b = Bodies::default();
        let mut forms_of: Vec<Vec<String>> = Vec::new();
        for r in effective(&bt, "key") {
            let bi = b.keys.len();
            b.keys.push(r.get("key").to_string());
            let mut forms: Vec<String> = Vec::new();
            for f in r.list("forms") {
                let nf = norm.normalize_str(shiju_lexicon::trim(f));
                if !nf.is_empty() && !forms.contains(&nf) {
                    forms.push(nf);
                }
            }
            for f in &forms {
                b.add_form(f, bi);
            }
            forms_of.push(forms);
        }
        b.sort_forms();
        let state_of: HashMap<&str, usize, Fx> = countries
            .iter()
            .enumerate()
            .map(|(ci, c)| (c.iso.as_str(), ci))
            .collect();
        // Listed organisations by state (index into `countries`): normalised
        // name or context form (borrowed from `org_forms`) → org.
        let mut listed: Vec<HashMap<&str, usize, Fx>> = vec![HashMap::default(); countries.len()];
        for (oi, forms) in org_forms.iter().enumerate() {
            let country = orgs.listed().get(oi).and_then(|o| o.country.as_deref());
            let Some(&ci) = country.and_then(|c| state_of.get(c)) else {
                continue;
            };
            let own = &mut listed[ci];
            for f in forms {
                own.entry(f.as_str()).or_insert(oi);
            }
        }
        // The listed organisations whose id is a generated one (`ISO-key`),
        // by (country index, body index): a generated id one of them has is
        // that organisation. Found by splitting the listed ids at each `-`,
        // not by building the ~35,000 generated ids.
        let nb = b.keys.len();
        let body_of: HashMap<&str, usize, Fx> = b
            .keys
            .iter()
            .enumerate()
            .map(|(bi, k)| (k.as_str(), bi))
            .collect();
        let mut listed_id = vec![usize::MAX; countries.len() * nb];
        for (oi, o) in orgs.listed().iter().enumerate() {
            for (p, _) in o.id.match_indices('-') {
                if let (Some(&ci), Some(&bi)) =
                    (state_of.get(&o.id[..p]), body_of.get(&o.id[p + 1..]))
                {
                    listed_id[ci * nb + bi] = oi;
                }
            }
        }
        orgs.generate(
            countries
                .iter()
                .map(|c| (c.iso.clone(), c.name.clone()))
                .collect(),
            b.keys
                .iter()
                .zip(&forms_of)
                .map(|(k, forms)| (k.clone(), forms.first().cloned().unwrap_or_default()))
                .collect(),
        );
        // Generated ids differ from each other unless a state's code holds
        // a `-` (`US-A` + `dod` and `US` + `A-dod`): only those are
        // remembered, and looked up while any is.
        let mut dashed: HashMap<String, usize, Fx> = HashMap::default();
        // Form → (body index, position among the body's forms).
        let mut form_at: HashMap<&str, Vec<(usize, usize)>, Fx> = HashMap::default();
        for (bi, forms) in forms_of.iter().enumerate() {
            for (k, f) in forms.iter().enumerate() {
                form_at.entry(f.as_str()).or_default().push((bi, k));
            }
        }
        b.org_of = Vec::with_capacity(countries.len() * nb);
        // Per body: (form position, full-name match, org) of the listed body.
        let mut hits: Vec<Option<(usize, bool, usize)>> = vec![None; nb];
        for (ci, c) in countries.iter().enumerate() {
            hits.iter_mut().for_each(|h| *h = None);
            // A listed body of the state carrying a form, bare or after the
            // name; the body's earliest form wins, a bare one before a full one.
            // (A form is one body's at one position: no two names reach the
            // same hit, so the map's order does not matter.)
            for (&name, &oi) in &listed[ci] {
                let full = name.strip_prefix(c.name.as_str()).map(|f| (f, true));
                for (f, is_full) in std::iter::once((name, false)).chain(full) {
                    for &(bi, k) in form_at.get(f).into_iter().flatten() {
                        let h = &mut hits[bi];
                        if h.is_none_or(|(hk, hf, _)| (k, is_full) < (hk, hf)) {
                            *h = Some((k, is_full, oi));
                        }
                    }
                }
            }
            let dash = c.iso.contains('-');
            for bi in 0..nb {
                let oi = match hits[bi] {
                    Some((_, _, oi)) => oi,
                    None if listed_id[ci * nb + bi] != usize::MAX => listed_id[ci * nb + bi],
                    None if dash || !dashed.is_empty() => {
                        let id = format!("{}-{}", c.iso, b.keys[bi]);
                        match dashed.get(id.as_str()) {
                            Some(&oi) => oi,
                            None => {
                                let oi = orgs.use_body(ci, bi);
                                if dash {
                                    dashed.insert(id, oi);
                                }
                                oi
                            }
                        }
                    }
                    None => orgs.use_body(ci, bi),
                };
                b.org_of.push(oi);
            }
        }
        Ok(b)
    }

    /// Files a normalised form of body `bi` under its first two characters.
    fn add_form(&mut self, f: &str, bi: usize) {
        let mut cs = f.chars();
        if let Some(c) = cs.next() {
            let head = (c, cs.next());
            let k = f.chars().count();
            self.by_head
                .entry(head)
                .or_default()
                .push((f.to_string(), bi, k));
        }
    }

    /// Sorts each list of forms longest first (then by body), each form
    /// once; notes the forms' first characters.
    fn sort_forms(&mut self) {
        for v in self.by_head.values_mut() {
            v.sort_by(|x, y| y.0.len().cmp(&x.0.len()).then(x.1.cmp(&y.1)));
            v.dedup_by(|x, y| x.0 == y.0);
        }
        self.first = CharSet::new(self.by_head.keys().map(|k| k.0));
    }

    /// Whether a form may start at `pos` of `n` (its character begins one).
    fn may_start(&self, n: &str, pos: usize) -> bool {
        next_char(n, pos).is_some_and(|c| self.first.contains(c))
    }

    /// The longest body form at `pos` of `n` with at least `min_chars`
    /// characters: (end, body index).
    fn at(&self, n: &str, pos: usize, min_chars: usize) -> Option<(usize, usize)> {
        let rest = n.get(pos..)?;
        let mut cs = rest.chars();
        let c = cs.next().filter(|&c| self.first.contains(c))?;
        let find = |head| {
            self.by_head.get(&head)?.iter().find_map(|(f, bi, k)| {
                (*k >= min_chars && rest.starts_with(f.as_str())).then(|| (pos + f.len(), *bi))
            })
        };
        // Forms of two characters or more are longer than the one-character ones.
        cs.next()
            .and_then(|d| find((c, Some(d))))
            .or_else(|| find((c, None)))
    }
}

/// Characters after a body that make it part of a longer word or a title
/// the automaton did not list (`海军陆` is covered by longer forms; `议会选举`
/// is fine; `警察局长` is a title).
static BODY_NOT_BEFORE: WordList = WordList::new("entity_words.tsv", "body_not_before");
static BODY_NOT_BEFORE_AT: Starts = Starts::new(&BODY_NOT_BEFORE);

/// Turns `state + body` into one organisation token.
pub(super) fn attach(doc: &mut Doc<'_>) {
    let g = doc.g;
    let n = doc.n;
    let bodies = &g.bodies;
    if bodies.keys.is_empty() {
        return;
    }
    // (start, body start, body end, country, body)
    let mut found: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
    for t in &doc.toks {
        let Target::Country(ci, kind) = t.target else {
            continue;
        };
        if t.generated {
            continue;
        }
        if kind != FormKind::Name {
            // 莱索托政府 + 新闻处: a body whose form begins inside a state's
            // form (政府新闻处) and reaches past it.
            let inside = n[t.s..t.e].char_indices().skip(1).find_map(|(i, _)| {
                bodies
                    .at(n, t.s + i, ABBR_BODY_MIN_CHARS)
                    .filter(|&(e, _)| e > t.e)
                    .map(|(e, bi)| (t.s + i, e, bi))
            });
            if let Some((ne, be, bi)) = inside {
                found.push((t.s, ne, be, ci, bi));
            }
            continue;
        }
        let mut hit = bodies.at(n, t.e, 1).map(|(e, bi)| (t.e, e, bi));
        // 美国防部: the name's first character is the abbreviation.
        if hit.is_none() {
            if let Some(c) = next_char(n, t.s) {
                let first = t.s + c.len_utf8();
                // 中美国防部: the abbreviation belongs to a compound.
                let compound = prev_char(n, t.s).is_some_and(|p| g.abbr_set.contains(p));
                if !compound && g.abbr.get(&c).is_some_and(|v| v == &[ci]) {
                    hit = bodies
                        .at(n, first, ABBR_BODY_MIN_CHARS)
                        .filter(|&(e, _)| e > t.e)
                        .map(|(e, bi)| (first, e, bi));
                }
            }
        }
        if let Some((ne, be, bi)) = hit {
            found.push((t.s, ne, be, ci, bi));
        }
    }
    // 台外交部, 俄国防部: a bare abbreviation before a body of three characters or more.
    for &(pos, c) in &doc.abbr_at {
        let first = pos + c.len_utf8();
        // (Asked first: most abbreviations are followed by no body.)
        if !bodies.may_start(n, first) {
            continue;
        }
        let Some(cs) = g.abbr.get(&c).filter(|v| v.len() == 1) else {
            continue;
        };
        if doc.tok_overlaps(pos, first)
            || prev_char(n, pos).is_some_and(|p| {
                g.abbr_set.contains(p) || g.abbr_words.binary_search(&(p, c)).is_ok()
            })
        {
            continue;
        }
        if let Some((be, bi)) = bodies.at(n, first, ABBR_BODY_MIN_CHARS) {
            found.push((pos, first, be, cs[0], bi));
        }
    }
    if found.is_empty() {
        return;
    }
    found.sort_unstable();
    let mut drop_from: Vec<(usize, usize)> = Vec::new();
    let mut new_toks: Vec<Tok> = Vec::new();
    for (s, ne, be, ci, bi) in found {
        if starts_with_any(n, be, &BODY_NOT_BEFORE_AT) {
            continue;
        }
        // A title, person or longer token in the body's span keeps the text as it is.
        let inner = doc.toks.iter().filter(|x| x.s < be && x.e > ne);
        let mut blocked = false;
        for x in inner {
            // A title inside the body's form, two characters or more before
            // its end (总理办公室, 部长会议), is part of it; not one that ends
            // it or nearly (人权监察专员, 常驻联合国代表团: a person's office).
            let title_inside = matches!(x.target, Target::Title(_))
                && x.s >= ne
                && n[x.e.min(be)..be].chars().count() >= 2;
            if x.e > be
                || x.s < ne && x.s != s
                || matches!(x.target, Target::Person(_))
                || (matches!(x.target, Target::Title(_)) && !title_inside)
            {
                blocked = true;
            }
        }
        if blocked || new_toks.iter().any(|x| x.s < be && x.e > s) {
            continue;
        }
        let Some(&oi) = bodies.org_of.get(ci * bodies.keys.len() + bi) else {
            continue;
        };
        let pat = doc.toks.iter().find(|x| x.s == s).map_or(0, |x| x.pat);
        new_toks.push(Tok {
            s,
            e: be,
            target: Target::Org(oi),
            pat,
            generated: false,
        });
        drop_from.push((s, be));
    }
    if new_toks.is_empty() {
        return;
    }
    doc.toks
        .retain(|x| !drop_from.iter().any(|&(s, e)| x.s < e && x.e > s));
    doc.toks.extend(new_toks);
    doc.reindex();
}

/// The state's name printed at the start of one of its bodies (`美国` in
/// `美国国务院`): (start, end, country index). The state takes part wherever
/// one of its bodies does, so the name is a mention of the state too.
pub(super) fn state_names(doc: &Doc<'_>) -> Vec<(usize, usize, usize)> {
    let g = doc.g;
    let Some(ac) = &g.ac else { return Vec::new() };
    let mut out = Vec::new();
    for t in &doc.toks {
        let Target::Org(oi) = t.target else { continue };
        // Companies and outlets named after their state are not the state.
        let Some(iso) = g.orgs[oi]
            .country
            .as_deref()
            .filter(|_| g.orgs[oi].national)
        else {
            continue;
        };
        // The longest pattern at the start that ends before the token does.
        let mut end = t.e;
        while let Some(c) = prev_char(doc.n, end).filter(|_| end > t.s) {
            end -= c.len_utf8();
            let Some(m) = ac.leftmost_find_iter(&doc.n[t.s..end]).next() else {
                break;
            };
            if m.start() != 0 {
                break;
            }
            let ci = g.pats[m.value() as usize].1.iter().find_map(|x| match x {
                Target::Country(ci, FormKind::Name) if g.countries[*ci].iso == iso => Some(*ci),
                _ => None,
            });
            if let Some(ci) = ci {
                out.push((t.s, t.s + m.end(), ci));
                break;
            }
            end = t.s + m.end();
        }
    }
    out
}

/// Words before an outlet that make it the cited source (`据新华社报道`,
/// `据中国央视报道`, `引述新华社的消息`).
static SOURCE_BEFORE: WordList = WordList::new("entity_words.tsv", "source_before");
/// Words after an outlet that make it a relay of others' words (`新华社引述`).
static SOURCE_AFTER: WordList = WordList::new("entity_words.tsv", "source_after");
static SOURCE_AFTER_AT: Starts = Starts::new(&SOURCE_AFTER);
/// Words after an outlet that make it a photo credit.
static CREDIT_AFTER: WordList = WordList::new("entity_words.tsv", "credit_after");
static CREDIT_AFTER_AT: Starts = Starts::new(&CREDIT_AFTER);
/// The end of a wire dateline after a place and day (`北京3日电`).
static DATELINE_ENDS: WordList = WordList::new("entity_words.tsv", "dateline_ends");
/// Words after a party's bare name that make it an affiliation of people.
static MEMBERS_AFTER: WordList = WordList::new("entity_words.tsv", "members_after");
static MEMBERS_AFTER_AT: Starts = Starts::new(&MEMBERS_AFTER);

/// Whether an outlet at `[s, e)` is only the source of what is reported:
/// cited (`据…报道`), relaying (`…援引`), a wire dateline (`新华社北京6日电`)
/// or a photo credit at the end of a caption.
fn cited_source(n: &str, s: usize, e: usize) -> bool {
    let head = &n[..s];
    let window: String = {
        let mut v: Vec<char> = head.chars().rev().take(6).collect();
        v.reverse();
        v.into_iter().collect()
    };
    // A title mark or quote may wrap the outlet's name: `据《共同社》报道`.
    let cited = SOURCE_BEFORE.iter().any(|w| {
        window.rfind(w).is_some_and(|i| {
            window[i + w.len()..]
                .chars()
                .all(|c| super::is_cjk(c) || is_open_mark(c))
        })
    });
    let e = n[e..]
        .char_indices()
        .find(|&(_, c)| !is_close_mark(c))
        .map_or(n.len(), |(i, _)| e + i);
    let tail: String = n[e..].chars().take(12).collect();
    let dateline = DATELINE_ENDS.iter().any(|w| {
        tail.find(w).is_some_and(|i| {
            tail[..i]
                .chars()
                .all(|c| super::is_cjk(c) || c.is_ascii_digit())
        })
    });
    let credit =
        matches!(next_char(n, e), None | Some('\n')) || starts_with_any(n, e, &CREDIT_AFTER_AT);
    cited || dateline || credit || starts_with_any(n, e, &SOURCE_AFTER_AT)
}

/// Opening title marks and quotes around an outlet's name.
fn is_open_mark(c: char) -> bool {
    matches!(c, '《' | '〈' | '「' | '『' | '“')
}

/// Closing title marks and quotes after an outlet's name.
fn is_close_mark(c: char) -> bool {
    matches!(c, '》' | '〉' | '」' | '』' | '”')
}

/// Drops outlets that are only the source of a report, a party whose bare
/// name only qualifies legislators (`几位共和党议员`) throughout the text, and
/// state names that are the first part of a US state's (`乔治亚州`).
pub(super) fn drop_non_participants(doc: &mut Doc<'_>) {
    let g = doc.g;
    let n = doc.n;
    let members = |t: &Tok| starts_with_any(n, t.e, &MEMBERS_AFTER_AT);
    // Parties (context organisations) with at least one mention of their own.
    let parties = |t: &Tok| {
        g.pats[t.pat].1.iter().filter_map(|x| match x {
            Target::OrgContext(oi) => Some(*oi),
            _ => None,
        })
    };
    let mut own: Vec<usize> = doc
        .toks
        .iter()
        .filter(|t| matches!(t.target, Target::OrgContext(_)) && !members(t))
        .flat_map(parties)
        .collect();
    own.sort_unstable();
    let before = doc.toks.len();
    doc.toks.retain(|t| match t.target {
        Target::Org(oi) if g.orgs[oi].media => !cited_source(n, t.s, t.e),
        Target::OrgContext(_) => !members(t) || parties(t).any(|oi| own.binary_search(&oi).is_ok()),
        // 乔治亚州, 华盛顿州: a US state, not the country or its capital.
        Target::Country(_, FormKind::Name | FormKind::Metonym) => next_char(n, t.e) != Some('州'),
        _ => true,
    });
    if doc.toks.len() != before {
        doc.reindex();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_form_at_a_position() {
        let mut b = Bodies::default();
        for (f, bi) in [
            ("外交部", 0),
            ("国防部", 1),
            ("国防", 2),
            ("国", 3),
            ("国会", 4),
            ("国防", 5),
        ] {
            b.add_form(f, bi);
        }
        b.sort_forms();
        let n = "美国防部长与国会、国家";
        let at = |s: &str, min| b.at(n, n.find(s).unwrap(), min);
        let end = |s: &str| n.find(s).unwrap() + s.len();
        assert_eq!(at("国防部", 1), Some((end("国防部"), 1)));
        assert_eq!(at("国防部", 3), Some((end("国防部"), 1)));
        assert_eq!(at("国防部", 4), None);
        assert_eq!(at("国会", 1), Some((end("国会"), 4)));
        assert_eq!(
            at("国家", 1),
            Some((n.find("国家").unwrap() + "国".len(), 3))
        );
        assert_eq!(at("国家", 2), None);
        assert_eq!(at("美", 1), None);
        assert_eq!(b.at(n, n.len(), 1), None);
        // Only a character that begins a form may start one.
        assert!(b.may_start(n, n.find("国防部").unwrap()));
        assert!(b.may_start("外交", 0));
        assert!(!b.may_start(n, 0));
        assert!(!b.may_start(n, n.find("与").unwrap()));
        assert!(!b.may_start(n, n.len()));
        // Equal forms: the first body.
        let m = "国防";
        assert_eq!(b.at(m, 0, 1), Some((m.len(), 2)));
    }
}
