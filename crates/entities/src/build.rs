//! Building the gazetteer: the lexicon tables normalised and compiled into
//! one automaton.

use daachorse::CharwiseDoubleArrayAhoCorasick;
use shiju_core::{Date, RoleStatus};
use shiju_lexicon::{LexiconError, Table};
use shiju_text::automaton::{build_cached, BuildOptions};
use shiju_text::Normalizer;
use std::collections::hash_map::Entry;

use crate::orgs::Orgs;
use crate::*;

/// Normalised patterns and their targets, each pattern once: the pattern
/// text is the index's key (not a second copy in the list) until
/// [`Patterns::into_list`].
#[derive(Default)]
struct Patterns {
    index: HashMap<String, usize>,
    /// Each pattern's targets, in the order the patterns came.
    list: Vec<Vec<Target>>,
}

impl Patterns {
    /// Adds a form (normalised) with a target.
    fn add(&mut self, norm: &Normalizer, form: &str, t: Target) {
        self.add_normalized(norm.normalize_str(shiju_lexicon::trim(form)), t);
    }

    /// Adds a form normalised already with a target.
    fn add_normalized(&mut self, n: String, t: Target) {
        if n.is_empty() {
            return;
        }
        // One hash of the form, whether it is new or not; a new form's
        // list is made with its first target (most forms have one).
        let i = match self.index.entry(n) {
            Entry::Occupied(e) => *e.get(),
            Entry::Vacant(e) => {
                e.insert(self.list.len());
                self.list.push(vec![t]);
                return;
            }
        };
        let targets = &mut self.list[i];
        if !targets.contains(&t) {
            targets.push(t);
        }
    }

    /// Room for `n` more patterns (the map grown once, not rehashed at
    /// every doubling).
    fn reserve(&mut self, n: usize) {
        self.index.reserve(n);
        self.list.reserve(n);
    }

    /// Whether a normalised form is a pattern already.
    fn contains(&self, n: &str) -> bool {
        self.index.contains_key(n)
    }

    /// A normalised form without targets (a word that only blocks shorter matches).
    fn add_blocker(&mut self, n: String) {
        if !n.is_empty() && !self.index.contains_key(&n) {
            self.index.insert(n, self.list.len());
            self.list.push(Vec::new());
        }
    }

    /// The patterns with their targets, in the order they came (the keys
    /// moved out of the index into their places).
    fn into_list(self) -> Vec<(String, Vec<Target>)> {
        let mut texts = vec![String::new(); self.list.len()];
        for (n, i) in self.index {
            texts[i] = n;
        }
        texts.into_iter().zip(self.list).collect()
    }
}

impl Gazetteer {
    /// Loads countries, orgs, people, roles and titles (built-in, extended by
    /// `user_dir`) and compiles the automaton.
    pub fn new(user_dir: Option<&std::path::Path>) -> Result<Self, LexiconError> {
        Self::with_normalizer(user_dir, Normalizer::new(user_dir)?)
    }

    /// Like [`Gazetteer::new`], with the normaliser built already from the
    /// same folder (the pipeline's one, not a second).
    pub fn with_normalizer(
        user_dir: Option<&std::path::Path>,
        norm: Normalizer,
    ) -> Result<Self, LexiconError> {
        let ct = shiju_lexicon::shared::countries(user_dir)?;
        let ot = Table::load("orgs.tsv", ORGS, user_dir)?;
        let pt = Table::load("people.tsv", PEOPLE, user_dir)?;
        let rt = Table::load("roles.tsv", ROLES, user_dir)?;
        let tt = Table::load("titles.tsv", TITLES, user_dir)?;

        let mut pats = Patterns::default();
        let (countries, abbr) = load_countries(&norm, &ct, &mut pats);
        let (orgs, org_forms) = load_orgs(&norm, &ot, &mut pats);
        let mut orgs = Orgs::new(orgs);
        let bodies =
            recognize::bodies::Bodies::build(&norm, user_dir, &countries, &org_forms, &mut orgs)?;
        let (people, person_index) = load_people(&norm, &pt, &mut pats);
        let titles = load_titles(&norm, &tt, &mut pats);
        let seats = effective(&tt, "title")
            .into_iter()
            .filter(|r| r.get("kind") == "seat")
            .map(|r| r.get("title").to_string())
            .collect();
        let (roles, holders) = load_roles(&rt, &person_index);
        let by_title = people_by_title(&roles);

        // Words that contain an actor's name but name something else (日本海):
        // a pattern without targets, which the longest match prefers.
        let nt = Table::load("non_actors.tsv", NON_ACTORS, user_dir)?;
        for r in effective(&nt, "form") {
            pats.add_blocker(norm.normalize_str(shiju_lexicon::trim(r.get("form"))));
        }
        let pats = pats.into_list();
        let ac = compile(&pats)?;
        let st = Table::load("surnames.tsv", SURNAMES, user_dir)?;
        let (surnames, weak_surnames, double_surnames) = load_surnames(&norm, &st);
        let chinese_doubles = effective(&st, "surname")
            .into_iter()
            .filter(|r| r.get("kind") == "chinese_double")
            .map(|r| norm.normalize_str(shiju_lexicon::trim(r.get("surname"))))
            .collect();
        let pyt = Table::load("pinyin.tsv", PINYIN, user_dir)?;
        // The 6,800 rows read by column index, not by name three times a row,
        // into a map sized for them once. The map applies the key overrides
        // itself (what `effective` does for a table read in order): a later
        // row of a character replaces an earlier one, `-X` removes X; keys
        // of more than one character are no character's.
        let [ch, pinyin, wade_giles] = ["char", "pinyin", "wade_giles"].map(|c| pyt.column(c));
        let mut readings = HashMap::with_capacity_and_hasher(pyt.len(), Default::default());
        let one_char = |k: &str| {
            let mut cs = k.chars();
            cs.next().filter(|_| cs.next().is_none())
        };
        for r in pyt.records() {
            let k = r.at(ch);
            if let Some(del) = k.strip_prefix('-') {
                if let Some(c) = one_char(del) {
                    readings.remove(&c);
                }
            } else if let Some(c) = one_char(k) {
                let reading = (r.at(pinyin).to_string(), r.at(wade_giles).to_string());
                readings.insert(c, reading);
            }
        }

        // (Room made once: the filtered names give the set no size.)
        let mut given_names = HashSet::with_capacity_and_hasher(people.len(), Default::default());
        given_names.extend(
            people
                .iter()
                .flat_map(|p| p.full_forms.iter())
                .filter_map(|f| f.split('·').next())
                .filter(|g| {
                    (2..=4).contains(&g.chars().count())
                        && g.chars().all(|c| ('\u{3400}'..='\u{9fff}').contains(&c))
                })
                .map(str::to_string),
        );
        let abbr_set = CharSet::new(abbr.keys().copied());
        let name_heads = heads::NameHeads::new(people.iter().map(|p| p.full_forms.as_slice()));
        Ok(Gazetteer {
            abbr_set,
            norm,
            ac,
            pats,
            countries,
            orgs,
            people,
            person_ids: std::sync::OnceLock::new(),
            titles,
            seats,
            roles,
            by_title,
            holders,
            name_heads,
            abbr,
            translit: CharSet::new(TRANSLIT_CHARS.chars()),
            given_names,
            surnames,
            weak_surnames,
            double_surnames,
            double_heads: std::sync::OnceLock::new(),
            chinese_doubles,
            readings,
            abbr_words: pairs(&ABBR_WORDS),
            cross_words: pairs(&recognize::CROSS_WORDS),
            bodies,
        })
    }
}

/// States: names, metonyms and forms as patterns; one-character abbreviations.
#[allow(clippy::type_complexity)]
fn load_countries(
    norm: &Normalizer,
    ct: &Table,
    pats: &mut Patterns,
) -> (Vec<Country>, HashMap<char, Vec<usize>>) {
    let mut countries = Vec::new();
    let mut abbr: HashMap<char, Vec<usize>> = HashMap::default();
    for r in effective(ct, "iso3") {
        let ci = countries.len();
        // Each name normalised once, for the country's name and the patterns
        // (a list item is trimmed already).
        let names: Vec<String> = r
            .list("names")
            .into_iter()
            .map(|s| norm.normalize_str(s))
            .collect();
        countries.push(Country {
            iso: r.get("iso3").to_string(),
            name: names.first().cloned().unwrap_or_default(),
        });
        for n in names {
            pats.add_normalized(n, Target::Country(ci, FormKind::Name));
        }
        for f in r.list("metonyms") {
            pats.add(norm, f, Target::Country(ci, FormKind::Metonym));
        }
        for f in r.list("forms") {
            pats.add(norm, f, Target::Country(ci, FormKind::Form));
        }
        for a in r.list("abbr") {
            let an = norm.normalize_str(a);
            let mut chars = an.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                let v = abbr.entry(c).or_default();
                if !v.contains(&ci) {
                    v.push(ci);
                }
            }
        }
    }
    // X方 for unambiguous abbreviations whose X方 is not an ordinary word
    // (秘方 is a secret recipe, 白方 a side in chess).
    let unambiguous: Vec<(char, usize)> = abbr
        .iter()
        .filter(|(c, v)| v.len() == 1 && !"秘白".contains(**c))
        .map(|(c, v)| (*c, v[0]))
        .collect();
    for (c, ci) in unambiguous {
        pats.add(norm, &format!("{c}方"), Target::Country(ci, FormKind::Form));
    }
    (countries, abbr)
}

/// Organisations: names and context forms as patterns.
/// Organisations: names and context forms as patterns; also each one's
/// names and context forms normalised, in that order (for the bodies).
fn load_orgs(norm: &Normalizer, ot: &Table, pats: &mut Patterns) -> (Vec<Org>, Vec<Vec<String>>) {
    let mut orgs = Vec::new();
    let mut forms_of = Vec::new();
    // The rows read by column index, not by name seven times a row.
    let [id_col, names_col, context, country_col, actor_col, kind] =
        ["id", "names", "context", "country", "actor", "kind"].map(|c| ot.column(c));
    for r in effective(ot, "id") {
        let oi = orgs.len();
        let names = shiju_lexicon::split_list(r.at(names_col));
        let forms: Vec<String> = names
            .iter()
            .chain(&shiju_lexicon::split_list(r.at(context)))
            .map(|f| norm.normalize_str(f))
            .collect();
        let country = opt(r.at(country_col));
        let name = match names.first() {
            Some(_) => forms[0].clone(),
            None => String::new(),
        };
        let id = r.at(id_col).to_string();
        let actor = opt(r.at(actor_col)).filter(|a| *a != id && country.is_none());
        let media = r.at(kind) == "media";
        let national = r.at(kind) == "national";
        orgs.push(Org {
            id,
            country,
            actor,
            name,
            media,
            national,
        });
        for (k, f) in forms.iter().enumerate() {
            let t = if k < names.len() {
                Target::Org(oi)
            } else {
                Target::OrgContext(oi)
            };
            pats.add_normalized(f.clone(), t);
        }
        forms_of.push(forms);
    }
    (orgs, forms_of)
}

/// People: forms as patterns; their index by id.
fn load_people<'t>(
    norm: &Normalizer,
    pt: &'t Table,
    pats: &mut Patterns,
) -> (Vec<Person>, HashMap<&'t str, usize>) {
    let mut people = Vec::with_capacity(pt.len());
    let mut person_index = HashMap::default();
    person_index.reserve(pt.len());
    // People have two or three forms each (10,000 forms for 4,400 people).
    pats.reserve(2 * pt.len());
    let [id, latin, country, forms_col] = ["id", "latin", "country", "forms"].map(|c| pt.column(c));
    for r in effective(pt, "id") {
        let pi = people.len();
        // Each form normalised once: for the name, the full forms and the patterns.
        let forms: Vec<String> = shiju_lexicon::list_items(r.at(forms_col))
            .map(|f| norm.normalize_str(f))
            .collect();
        let full_forms = forms.iter().filter(|f| has_name_dot(f)).cloned().collect();
        people.push(Person {
            id: r.at(id).to_string(),
            latin: r.at(latin).to_string(),
            country: opt(r.at(country)),
            name: forms.first().cloned().unwrap_or_default(),
            full_forms,
        });
        person_index.insert(r.at(id), pi);
        for f in forms {
            pats.add_normalized(f, Target::Person(pi));
        }
    }
    (people, person_index)
}

/// Whether a (normalised) form has the name dot `·` (U+00B7, bytes C2 B7;
/// in UTF-8 a C2 followed by B7 is always that character): a byte scan,
/// not `str::contains`' search set up for each of the 10,000 forms.
fn has_name_dot(f: &str) -> bool {
    f.as_bytes()
        .windows(2)
        .any(|w| w[0] == 0xC2 && w[1] == 0xB7)
}

/// Titles and status markers as patterns, then the fallback titles of
/// experts; returns the role keys by title index.
fn load_titles(norm: &Normalizer, tt: &Table, pats: &mut Patterns) -> Vec<String> {
    let mut titles = Vec::new();
    for r in effective(tt, "title") {
        let key = r.get("title");
        let target = if let Some(m) = key.strip_suffix("_marker") {
            Target::Marker(match m {
                "elect" => Some(RoleStatus::Elect),
                "former" => Some(RoleStatus::Former),
                _ => None,
            })
        } else {
            titles.push(key.to_string());
            Target::Title(titles.len() - 1)
        };
        for f in r.list("forms") {
            pats.add(norm, f, target);
        }
    }

    // Titles of experts and officials that precede names in news, for
    // affiliations; used only where titles.tsv does not list the form.
    for key in FALLBACK_TITLES.keys() {
        let ti = match titles.iter().position(|t| t == key) {
            Some(i) => i,
            None => {
                titles.push(key.to_string());
                titles.len() - 1
            }
        };
        for f in FALLBACK_TITLES.words(key) {
            let nf = norm.normalize_str(f);
            if !pats.contains(&nf) {
                pats.add(norm, f, Target::Title(ti));
            }
        }
    }
    titles
}

/// Role key → the people with a row of that title, sorted.
fn people_by_title(roles: &HashMap<usize, Vec<RoleRow>>) -> HashMap<String, Vec<usize>> {
    let mut by_title: HashMap<String, Vec<usize>> = HashMap::default();
    for (&pi, rows) in roles {
        for r in rows {
            match by_title.get_mut(r.title.as_str()) {
                Some(v) => v.push(pi),
                None => {
                    by_title.insert(r.title.clone(), vec![pi]);
                }
            }
        }
    }
    for v in by_title.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    by_title
}

/// Roles by person, and the people who held each (role key, state or org).
#[allow(clippy::type_complexity)]
fn load_roles(
    rt: &Table,
    person_index: &HashMap<&str, usize>,
) -> (
    HashMap<usize, Vec<RoleRow>>,
    HashMap<(String, String), Vec<usize>>,
) {
    let mut roles: HashMap<usize, Vec<RoleRow>> = HashMap::default();
    roles.reserve(person_index.len());
    // The 8,000 rows read by column index, not by name six times a row.
    let [person, title, of, start, end, elected] =
        ["person", "title", "of", "start", "end", "elected"].map(|c| rt.column(c));
    for r in rt.records() {
        let Some(&pi) = person_index.get(r.at(person)) else {
            continue;
        };
        roles.entry(pi).or_default().push(RoleRow {
            title: r.at(title).to_string(),
            of: opt(r.at(of)),
            start: parse_date(r.at(start)),
            end: parse_date(r.at(end)),
            elected: parse_date(r.at(elected)),
        });
    }
    // Keyed by the rows' own strings first: one owned key per distinct
    // (title, of), not one per row. A person's rows come together, so a
    // list has the person already only as its last entry (not a search of
    // the 900 representatives of a state at each of their rows).
    let mut by_key: HashMap<(&str, &str), Vec<usize>> = HashMap::default();
    for (&pi, rows) in &roles {
        for r in rows {
            if let Some(of) = &r.of {
                let v = by_key.entry((r.title.as_str(), of.as_str())).or_default();
                if v.last() != Some(&pi) {
                    v.push(pi);
                }
            }
        }
    }
    let holders = by_key
        .into_iter()
        .map(|((title, of), v)| ((title.to_string(), of.to_string()), v))
        .collect();
    (roles, holders)
}

/// A role's date: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` as the month's or
/// year's first day; `None` when empty or unreadable.
fn parse_date(s: &str) -> Option<Date> {
    let s = shiju_lexicon::trim(s);
    if s.is_empty() {
        return None;
    }
    if let Some(d) = ymd_digits(s) {
        return Some(d);
    }
    if let Some(d) = year_month_digits(s) {
        return d;
    }
    if let Some(d) = shiju_core::date::parse_ymd(s) {
        return Some(d);
    }
    let mut it = s.split('-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: u32 = it.next().map(|m| m.parse().ok()).unwrap_or(Some(1))?;
    Date::from_ymd_opt(y, m, 1)
}

/// Exactly `YYYY-MM-DD`, read digit by digit (the 24,000 dates of
/// `roles.tsv` through chrono's format parser cost 850 instructions each);
/// `None` for any other shape or an impossible date, which
/// [`shiju_core::date::parse_ymd`] then reads as before.
fn ymd_digits(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    Date::from_ymd_opt(num(&b[0..4])? as i32, num(&b[5..7])?, num(&b[8..10])?)
}

/// Exactly `YYYY` or `YYYY-MM` (the month's or year's first day, `None`
/// for an impossible month): what [`parse_date`]'s fallback makes of these
/// shapes, which [`shiju_core::date::parse_ymd`] never reads (no day),
/// without trying it; `None` for any other shape.
fn year_month_digits(s: &str) -> Option<Option<Date>> {
    let b = s.as_bytes();
    let num = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let (y, m) = match b.len() {
        4 => (num(b)?, 1),
        7 if b[4] == b'-' => (num(&b[0..4])?, num(&b[5..7])?),
        _ => return None,
    };
    Some(Date::from_ymd_opt(y as i32, m, 1))
}

/// The leftmost-longest automaton over the patterns (none when empty).
fn compile(
    pats: &[(String, Vec<Target>)],
) -> Result<Option<CharwiseDoubleArrayAhoCorasick<u32>>, LexiconError> {
    if pats.is_empty() {
        return Ok(None);
    }
    {
        let patvals: Vec<(&str, u32)> = pats
            .iter()
            .enumerate()
            .map(|(i, (p, _))| (p.as_str(), i as u32))
            .collect();
        Ok(Some(
            // (No prefilter: measured dearer to build than it saves.)
            build_cached(
                "gazetteer",
                BuildOptions::LEFTMOST_LONGEST_NO_PREFILTER,
                patvals,
            )
            .map_err(|e| LexiconError::Format {
                file: "lexicon".into(),
                line: 0,
                msg: format!("cannot compile the gazetteer: {e}"),
            })?,
        ))
    }
}

/// One-character surnames, the weak ones among them, and longer surnames
/// (longest first).
fn load_surnames(norm: &Normalizer, st: &Table) -> (CharSet, CharSet, Vec<String>) {
    let mut single = Vec::new();
    let mut weak = Vec::new();
    let mut longer: Vec<String> = Vec::new();
    for r in effective(st, "surname") {
        let s = norm.normalize_str(shiju_lexicon::trim(r.get("surname")));
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => {
                single.push(c);
                if shiju_lexicon::trim(r.get("weak")) == "1" {
                    weak.push(c);
                }
            }
            (Some(_), Some(_)) if !longer.contains(&s) => longer.push(s),
            _ => {}
        }
    }
    longer.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    (CharSet::new(single), CharSet::new(weak), longer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_listed_once_in_the_order_they_came() {
        let mut p = Patterns::default();
        p.add_normalized("乙".into(), Target::Person(0));
        p.add_normalized("甲".into(), Target::Person(1));
        p.add_normalized("乙".into(), Target::Person(2));
        p.add_normalized("乙".into(), Target::Person(0));
        p.add_normalized(String::new(), Target::Person(3));
        assert!(p.contains("甲") && !p.contains("丙"));
        p.add_blocker("丙".into());
        p.add_blocker("甲".into());
        assert_eq!(
            p.into_list(),
            vec![
                ("乙".to_string(), vec![Target::Person(0), Target::Person(2)]),
                ("甲".to_string(), vec![Target::Person(1)]),
                ("丙".to_string(), vec![]),
            ]
        );
    }

    #[test]
    fn name_dot_found_by_its_bytes() {
        for f in [
            "约翰·史密斯",
            "·",
            "a·",
            "美国",
            "",
            "ab",
            "乔·拜登·二世",
            "\u{00C2}\u{00B7}",
        ] {
            assert_eq!(has_name_dot(f), f.contains('·'), "{f}");
        }
        assert!(!has_name_dot("\u{00C2}"));
    }

    #[test]
    fn role_dates_read_as_chrono_reads_them() {
        let d = |y, m, d| Date::from_ymd_opt(y, m, d);
        assert_eq!(parse_date(" 1997-01-20 "), d(1997, 1, 20));
        assert_eq!(parse_date("2024-02-29"), d(2024, 2, 29));
        assert_eq!(parse_date("2023-02-29"), d(2023, 2, 1));
        assert_eq!(parse_date("2001-05"), d(2001, 5, 1));
        assert_eq!(parse_date("2001"), d(2001, 1, 1));
        assert_eq!(parse_date("2001-5-7"), d(2001, 5, 7));
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("200x-01-01"), None);
        for s in ["2001", "2001-05", "2001-13", "2001-00", "0000", "9999-12"] {
            let mut it = s.split('-');
            let y: i32 = it.next().unwrap().parse().unwrap();
            let m: u32 = it.next().map_or(1, |m| m.parse().unwrap());
            assert_eq!(shiju_core::date::parse_ymd(s), None, "{s}");
            assert_eq!(
                year_month_digits(s),
                Some(Date::from_ymd_opt(y, m, 1)),
                "{s}"
            );
            assert_eq!(parse_date(s), Date::from_ymd_opt(y, m, 1), "{s}");
        }
        for s in ["20a1", "2001-5", "2001/05", "200105"] {
            assert_eq!(year_month_digits(s), None, "{s}");
        }
        for s in [
            "1997-01-20",
            "2020-12-31",
            "1999-13-01",
            "20a0-01-01",
            "2000-1-015",
        ] {
            assert_eq!(
                ymd_digits(s).or_else(|| shiju_core::date::parse_ymd(s)),
                shiju_core::date::parse_ymd(s),
                "{s}"
            );
        }
    }
}
