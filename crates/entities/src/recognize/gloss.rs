//! Latin glosses of names (`布朗（Kerry Brown）`): whether a bracket holds a
//! person's name, and the `person:` slug it gives.

use super::*;
use shiju_lexicon::words::{CharStr, WordList};
use shiju_text::punct;

static PLACE_SUFFIX_CHARS: CharStr = CharStr::new("entity_words.tsv", "place_suffix_chars");

/// Words of a gloss that make it an organisation's name, not a person's.
const ORG_WORDS: &[&str] = &[
    "institute",
    "university",
    "council",
    "center",
    "centre",
    "ministry",
    "agency",
    "committee",
    "party",
    "organization",
    "organisation",
    "association",
    "foundation",
    "duma",
    "parliament",
    "assembly",
    "bank",
    "group",
    "company",
    "corporation",
    "office",
    "department",
    "commission",
    "union",
    "school",
    "college",
    "forum",
    "news",
    "times",
    "post",
    "journal",
    "network",
    "service",
    "state",
    "house",
    "court",
    "army",
    "force",
    "forces",
    "federation",
    "republic",
    "kingdom",
    "inc",
    "ltd",
    "co",
    "of",
    "for",
    "and",
];

/// Suffixes after a surname (`Joseph R. Biden Jr.`).
const NAME_SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Lower-case particles that belong to the surname (`De Niro`, `bin Salman`,
/// `van der Leyen`).
const PARTICLES: &[&str] = &[
    "de", "del", "della", "der", "den", "di", "da", "das", "do", "dos", "du", "la", "le", "van",
    "von", "bin", "ibn", "al", "el", "ben", "ter", "st",
];

/// A Latin letter without its diacritics (`í` → `i`), lower-cased; other
/// letters as they are.
fn fold(c: char) -> char {
    const FROM: &str = "àáâãäåāăąçćčďèéêëēėęěìíîïīįıñńňòóôõöøōőŕřśšşțťùúûüūůűųýÿžźżł";
    const TO: &str = "aaaaaaaaacccdeeeeeeeeiiiiiiinnnoooooooorrsssttuuuuuuuuyyzzzl";
    // An ASCII character only changes case (`FROM` has none): no search
    // of the table, which most characters of a gloss would pay.
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let l = c.to_lowercase().next().unwrap_or(c);
    match FROM.chars().position(|f| f == l) {
        Some(i) => TO.chars().nth(i).unwrap_or(l),
        None => l,
    }
}

/// Characters that join the parts of a transliterated name (`·` after
/// normalisation of `‧`, `•`, `・`; `-` and `=` for hyphenated and
/// double names: `加西亚-埃雷罗`, `让=皮埃尔`).
pub(super) fn is_name_joiner(c: char) -> bool {
    matches!(c, '·' | '-' | '=')
}

/// Whether a bracket's content can be a Latin name gloss: letters (with
/// diacritics), spaces, `.`, `-`, `'`, starting with a capital.
pub(super) fn is_name_gloss(gloss: &str) -> bool {
    let latin = |c: char| c.is_ascii_alphabetic() || (c.is_alphabetic() && fold(c).is_ascii());
    !gloss.is_empty()
        && gloss.len() <= 60
        && gloss.chars().all(|c| latin(c) || " .-'".contains(c))
        && gloss
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() && latin(c))
}

/// `person:<slug>` from a Latin name gloss (`Kerry Brown` → `person:brown`,
/// `Robert De Niro` → `person:de-niro`, `Alicia García-Herrero` →
/// `person:garcia-herrero`, `Joseph R. Biden Jr.` → `person:biden`).
pub(super) fn slug_from_gloss(gloss: &str) -> Option<String> {
    let mut words: Vec<&str> = gloss
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let bare = |w: &str| -> String {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .map(fold)
            .collect()
    };
    while words.len() > 1 && NAME_SUFFIXES.contains(&bare(words[words.len() - 1]).as_str()) {
        words.pop();
    }
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    for w in &words {
        let lw = bare(w);
        if ORG_WORDS.contains(&lw.as_str()) {
            return None;
        }
        if !w.chars().next().is_some_and(|c| c.is_uppercase()) && !PARTICLES.contains(&lw.as_str())
        {
            return None;
        }
    }
    if words.len() == 1 && words[0].chars().all(|c| c.is_ascii_uppercase()) {
        return None; // an acronym
    }
    // The surname with the particles before it (`De Niro`, `van der Leyen`).
    let mut first = words.len() - 1;
    while first > 1 && PARTICLES.contains(&bare(words[first - 1]).as_str()) {
        first -= 1;
    }
    let slug: String = words[first..]
        .iter()
        .map(|w| {
            w.chars()
                .map(fold)
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    (slug.len() >= 2).then(|| format!("person:{slug}"))
}

/// Step 4c: Latin glosses (`布朗（Kerry Brown）`): a form of the entity before
/// them, a namesake of a known person, or a new person.
pub(super) fn glosses(doc: &Doc<'_>, st: &mut State) {
    let g = doc.g;
    let n = doc.n;
    // (gloss s, gloss e, name end)
    let mut gloss_spans: Vec<(usize, usize, usize)> = Vec::new();
    // (The full-width bracket found as a string: its last byte, all that a
    // `char` search looks for, continues most CJK characters.)
    let mut buf = [0u8; 4];
    let left: &str = punct::LEFT_PAREN.encode_utf8(&mut buf);
    for (open, olen) in super::people::find_all(n, left)
        .map(|i| (i, left.len()))
        .chain(n.match_indices('(').map(|(i, _)| (i, 1)))
    {
        let inner_s = open + olen;
        let rest = &n[inner_s..];
        let close = rest.find([punct::RIGHT_PAREN, ')']);
        let Some(close) = close else { continue };
        let gloss = &rest[..close];
        if !gloss::is_name_gloss(gloss) {
            continue;
        }
        gloss_spans.push((inner_s, inner_s + close, open));
    }
    for &(gs, ge, open) in &gloss_spans {
        let gloss = &n[gs..ge];
        // Known entity right before the bracket: the gloss is one of its forms.
        if let Some(&ti) = doc.tok_end.get(&open) {
            let t = doc.toks[ti];
            let key = match t.target {
                Target::Country(ci, _) => Some(Key::Country(ci)),
                Target::Org(oi) | Target::OrgContext(oi) => Some(Key::Org(oi)),
                Target::Person(pi) => Some(Key::Person(pi)),
                Target::Title(_) | Target::Marker(_) => None,
            };
            if let Some(k) = key {
                // A namesake: 布朗（Kerry Brown） is not Gordon Brown.
                if let Key::Person(pi) = k {
                    let latin = &g.people[pi].latin;
                    let first_word = |x: &str| {
                        x.split_whitespace()
                            .next()
                            .unwrap_or("")
                            .to_ascii_lowercase()
                    };
                    if !latin.is_empty()
                        && gloss.split_whitespace().count() >= 2
                        && first_word(latin) != first_word(gloss)
                        && !latin
                            .to_ascii_lowercase()
                            .contains(&gloss.to_ascii_lowercase())
                    {
                        if let Some(id) = slug_from_gloss(gloss) {
                            let surface = n[t.s..t.e].to_string();
                            let i = st.news.add(&surface, Some(surface.clone()), Some(id));
                            st.retarget.insert(t.s, Key::New(i));
                            st.extra_forms.push((gs, ge, Key::New(i)));
                            continue;
                        }
                    }
                }
                // Only when the gloss is not itself a known form (NATO is a token).
                if !doc.tok_at.contains_key(&gs) {
                    st.extra_forms.push((gs, ge, k));
                }
            }
            continue;
        }
        // The name ends at the bracket, or an honorific stands between
        // (小马丁·路德·金博士（Martin Luther King Jr.）): the honorific joins the form.
        let before = |c: &Cand| {
            c.e == open || (c.e < open && HONORIFICS.iter().any(|h| &n[c.e..open] == *h))
        };
        if let Some(c) = st.person_spans.iter().find(|c| before(c)) {
            let (key, s0) = (c.key.clone(), c.s);
            if let Key::New(i) = key {
                if let Some(id) = slug_from_gloss(gloss) {
                    st.news.list[i].id = id;
                }
            }
            st.extra_forms.push((gs, ge, key.clone()));
            st.extra_forms.push((s0, open, key));
            continue;
        }
        let Some(id) = slug_from_gloss(gloss) else {
            continue;
        };
        if !is_person_gloss(gloss) {
            continue;
        }
        let Some(l) = name_before_gloss(doc, open, gloss) else {
            continue;
        };
        if st.occ.overlaps(l, open) {
            continue;
        }
        let full = n[l..open].to_string();
        let i = st.news.add(&full, None, Some(id));
        st.person_spans.push(Cand {
            s: l,
            e: open,
            key: Key::New(i),
        });
        st.occ.insert(l, open);
        st.extra_forms.push((gs, ge, Key::New(i)));
    }
}

/// A personal name in Latin letters starting at `s` (after an optional
/// space): two or three capitalised words (`Michael Mroczek`), none of them
/// an institution word; its span and `person:` id.
pub(super) fn latin_name_at(n: &str, s: usize) -> Option<(usize, usize, String)> {
    let rest = &n[s..];
    let lead = rest.len() - rest.trim_start_matches(' ').len();
    let body = &rest[lead..];
    let len = body
        .find(|c: char| !(c.is_ascii_alphabetic() || c == ' ' || c == '.' || c == '-' || c == '\''))
        .unwrap_or(body.len());
    let name = body[..len].trim_end();
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    let capitalised = words
        .iter()
        .all(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && w.len() > 1);
    if !(2..=3).contains(&words.len()) || !capitalised || !is_person_gloss(name) {
        return None;
    }
    let id = slug_from_gloss(name)?;
    Some((s + lead, s + lead + name.len(), id))
}

/// Honorifics printed between a name and its gloss.
static HONORIFICS: WordList = WordList::new("entity_words.tsv", "honorifics");

/// Words of a Latin gloss that name an institution or a place, not a person.
const NOT_PERSON_WORDS: &[&str] = &[
    "university",
    "college",
    "institute",
    "institution",
    "foundation",
    "company",
    "corporation",
    "inc",
    "ltd",
    "llc",
    "group",
    "party",
    "council",
    "committee",
    "commission",
    "news",
    "post",
    "times",
    "journal",
    "agency",
    "ministry",
    "department",
    "bank",
    "association",
    "center",
    "centre",
    "court",
    "house",
    "senate",
    "congress",
    "parliament",
    "fund",
    "organization",
    "organisation",
    "union",
    "league",
    "force",
    "forces",
    "army",
    "navy",
    "office",
    "bureau",
    "service",
    "guard",
    "express",
    "heritage",
    "democracy",
    "street",
    "square",
    "airport",
    "station",
    "river",
    "lake",
    "mountain",
    "island",
    "islands",
    "republic",
    "kingdom",
    "state",
    "states",
    "city",
    "county",
    "province",
    "school",
    "hospital",
    "church",
    "network",
    "media",
    "press",
    "daily",
    "weekly",
    "review",
    "magazine",
    "radio",
    "television",
    "tv",
    "initiative",
    "project",
    "program",
    "programme",
    "forum",
    "society",
    "club",
    "alliance",
    "coalition",
    "movement",
    "front",
    "brigade",
    "command",
    "authority",
    "administration",
    "academy",
    "laboratory",
    "lab",
    "museum",
    "library",
    "studio",
    "studios",
    "records",
    "bay",
    "sea",
    "ocean",
    "strait",
    "valley",
    "act",
    "law",
    "treaty",
    "accord",
    "plan",
    "report",
    "index",
    "exchange",
    "market",
    "capital",
    "partners",
    "holdings",
    "technologies",
    "technology",
    "systems",
    "motors",
    "airlines",
    "airways",
    "energy",
    "oil",
    "gas",
    "pharma",
    "health",
    "pay",
    "wallet",
    "app",
    "online",
    "digital",
    "cloud",
    "mobile",
    "chat",
    "new",
    "york",
    "kong",
    "angeles",
    "francisco",
    "united",
    "nations",
    "america",
    "american",
    "china",
    "chinese",
    "japan",
    "korea",
    "russia",
    "europe",
    "european",
    "world",
    "international",
    "national",
    "global",
];

/// Whether a Latin gloss names a person rather than an institution or place.
fn is_person_gloss(gloss: &str) -> bool {
    !gloss
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_ascii_lowercase()
        })
        .any(|w| NOT_PERSON_WORDS.contains(&w.as_str()))
}

/// Start of the name printed right before a Latin gloss at `open`: a
/// transliteration run of two characters or more; else the Chinese
/// characters back to a boundary (a token, punctuation, `的`, `和`…), two to
/// four of them (`作家费雪（Matthew Fisher）`), or three opening with a surname
/// when no boundary comes within four (`公民康明凯（Michael Kovrig）`).
fn name_before_gloss(doc: &Doc<'_>, open: usize, gloss: &str) -> Option<usize> {
    let g = doc.g;
    let n = doc.n;
    let l = doc.run_left(open);
    if n[l..open].chars().count() >= 2 {
        return Some(l);
    }
    // Other characters only before a full name (given name and surname).
    if gloss.split_whitespace().count() < 2 {
        return None;
    }
    let mut p = open;
    let mut count = 0;
    let mut bounded = false;
    while count < 5 {
        if doc.tok_end.contains_key(&p) && p != open {
            bounded = true;
            break;
        }
        let Some(c) = prev_char(n, p) else {
            bounded = true;
            break;
        };
        if !is_cjk(c) || AFFIL_STOP_CHARS.contains(c) {
            bounded = true;
            break;
        }
        p -= c.len_utf8();
        count += 1;
    }
    let name_ok = |s: usize| {
        let name = &n[s..open];
        let first = next_char(n, s).unwrap_or(' ');
        (g.surnames.contains(first) || doc.is_translit(first))
            && !doc.tok_overlaps(s, open)
            && !ORG_SUFFIXES.iter().any(|x| name.ends_with(x))
            && !PLACE_SUFFIX_CHARS.contains(prev_char(n, open).unwrap_or(' '))
    };
    if bounded && (2..=4).contains(&count) && name_ok(p) {
        return Some(p);
    }
    if !bounded || count > 4 {
        let s = n[..open].char_indices().rev().nth(2).map(|x| x.0)?;
        let first = next_char(n, s)?;
        if g.surnames.contains(first) && name_ok(s) {
            return Some(s);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug_from_gloss("Kerry Brown").as_deref(),
            Some("person:brown")
        );
        assert_eq!(
            slug_from_gloss("Martin Luther King Jr.").as_deref(),
            Some("person:king")
        );
        assert_eq!(
            slug_from_gloss("Charles de Gaulle").as_deref(),
            Some("person:de-gaulle")
        );
        assert_eq!(
            slug_from_gloss("Ursula von der Leyen").as_deref(),
            Some("person:von-der-leyen")
        );
        assert_eq!(
            slug_from_gloss("Pedro Sánchez-Pérez").as_deref(),
            Some("person:sanchez-perez")
        );
        assert_eq!(slug_from_gloss("Brookings Institution Center"), None);
        assert_eq!(slug_from_gloss("NATO"), None);
    }

    #[test]
    fn fold_table_is_aligned() {
        assert_eq!(fold('A'), 'a');
        assert_eq!(fold('z'), 'z');
        assert_eq!(fold('-'), '-');
        assert_eq!(fold('Í'), 'i');
        assert_eq!(fold('中'), '中');
        assert_eq!(fold('í'), 'i');
        assert_eq!(fold('ž'), 'z');
        assert_eq!(fold('ø'), 'o');
        assert_eq!(fold('ç'), 'c');
        assert_eq!(fold('Ł'), 'l');
    }

    #[test]
    fn glosses() {
        assert!(is_name_gloss("José Martí"));
        assert!(is_name_gloss("Kerry Brown"));
        assert!(!is_name_gloss("covid-19"));
        assert!(!is_name_gloss("日本"));
        assert!(!is_name_gloss(""));
    }
}
