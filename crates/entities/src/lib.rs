//! shiju-entities: recognises people, states and organisations in a
//! normalised [`Text`] and links them to gazetteer ids with their role on the
//! publication date.
//!
//! # How it works
//!
//! 1. **Gazetteer tokens.** Every form of `countries.tsv` (names, metonyms,
//!    forms, and `X方` generated from each unambiguous one-character
//!    abbreviation), `orgs.tsv`, `people.tsv` and `titles.tsv` is normalised
//!    with [`shiju_text::Normalizer`] and compiled into one daachorse automaton
//!    matched leftmost-longest over [`Text::norm`]. Guards drop matches that
//!    are parts of other words: Latin forms need non-alphanumeric neighbours;
//!    a metonym followed by `时间`, `大学`, `邮报`… is not the state; a person
//!    form followed by an organisation suffix (`布朗大学`) is not the person;
//!    `X方`/`X军` followed by `便`, `面`, `事`… (`以方便`, `以军事`) is not the state.
//!    **National bodies** (`recognize/bodies.rs`): a state's name or
//!    abbreviation followed by a generic body of `bodies.tsv` (`英国外交部`,
//!    `俄国防部`) becomes one organisation token, `org:ISO3-key` or the
//!    listed body of that state; national bodies are organisations acting for
//!    their state, and the state's printed name is also a mention of it.
//!    Outlets only cited as a source (`据新华社报道`) are dropped.
//! 2. **Compounds.** A run of 2–4 one-character abbreviations (`中美`, `俄乌`,
//!    `美韩`) is accepted only when a relation word follows (`关系`, `两国`,
//!    `冲突`, `军演`…, see [`COMPOUND_NEXT`]); each member state gets a mention
//!    spanning the whole compound. A bare abbreviation is never a mention.
//! 3. **Unknown people.** `·`-joined transliterated names (one other
//!    character may stand next to the dot: `马可·卢比奥`, `格伦·杨金`; a
//!    generation suffix `三世` joins); a transliterated, Chinese or Japanese
//!    name right after a title (surnames from `surnames.tsv`; a full
//!    three-character name needs no boundary word after it unless its surname
//!    begins common words: `县长陈福海前晚…`); a name before a Latin gloss
//!    (`布朗（Kerry Brown）`; before a two-word personal gloss also Chinese
//!    characters back to a title or punctuation: `作家费雪（Matthew Fisher）`)
//!    or before `（音）`. A later bare surname
//!    (`利普斯基` after `乔希·利普斯基`) joins the entity. A `·`-name followed by
//!    an institution suffix (`约翰·霍普金斯大学`) is not a person.
//!    `大陆` (not the continent) is China, and `我国` outside quotations the
//!    outlet's state (`recognize/home.rs`).
//! 4. **Affiliation.** Backwards from a person's name: title (`外长`), markers
//!    (`前`, `时任` → former; `候任`, `当选` → elect), `驻` (the sending state is
//!    the one before it), the first state named in the affiliation, or the
//!    person before `的` (`特朗普的乌克兰特使` → USA). States named inside an
//!    institution's name in an affiliation (`首尔韩国统一研究院专家`) give the
//!    person's country but are not mentions of the state.
//! 5. **Roles.** `roles.tsv` rows are compared with `ctx.published`
//!    (in office, elect between `elected` and `start`, former after `end`);
//!    text markers override the status.
//! 6. **Context forms.** An org `context` form (`国会`) is a mention only when
//!    the org's country is named in the same text; it is the body of the
//!    state named right before it (`俄罗斯国会` is not the US Congress), else
//!    of the state the text names most; never after `地方`, `州`, `我`… (`我国会`).
//! 7. **Namesakes.** A `·`-name whose given name differs from every full form
//!    of the gazetteer person with that surname (`约翰·沙利文` vs `杰克·沙利文`),
//!    or a Latin gloss with another first name (`布朗（Kerry Brown）` vs Gordon
//!    Brown), is a different person; later bare surnames join the namesake.
//! 8. **Office holders.** A state's title with no name after it (`中国领导人`,
//!    `俄罗斯总统表示`) is a mention of the one person `roles.tsv` has in that
//!    office on the publication date (`领导人` covers the head-of-state and
//!    party-leader keys), when the text also names that person; none when
//!    there are several holders or no date.
//!    A surname after a title (`商务部长罗斯`) is the gazetteer person who held
//!    that office of that state on the date (`recognize/office.rs`).
//! 9. **Ids.** Unknown people get `person:<surname>` from a Latin gloss;
//!    Chinese names a romanised id (`recognize/romanize.rs`, `pinyin.tsv`:
//!    `person:zhuang-guotu` in pinyin, `person:chen-fu-hai` in Wade-Giles for
//!    people of Taiwan); others `new:<normalised full name>`. Titles of experts (`教授`, `主任`,
//!    `专家`…, [`FALLBACK_TITLES`]) back up `titles.tsv` for affiliations.
//!
//! Organisations the gazetteer lacks (`…研究所`, `…大学`) are not reported:
//! the annotation guidelines do not list think tanks and universities as
//! actors. Their suffixes still stop person forms (`布朗大学`) and mark
//! institution names inside affiliations.

use shiju_lexicon::words::{CharStr, Family, WordList};

/// The gazetteer's maps and sets: Fx-hashed (keys are short strings,
/// characters and indices; built from ~30,000 lexicon rows at start-up).
type HashMap<K, V> = std::collections::HashMap<K, V, Fx>;
type HashSet<K> = std::collections::HashSet<K, Fx>;

use daachorse::CharwiseDoubleArrayAhoCorasick;
use shiju_core::{Context, Date, Entity, RoleStatus, Text};
use shiju_lexicon::{Record, Table};
use shiju_text::charset::CharSet;
use shiju_text::Normalizer;
use std::sync::OnceLock;

const ORGS: &str = include_str!("../../../lexicon/orgs.tsv");
const PEOPLE: &str = include_str!("../../../lexicon/people.tsv");
const ROLES: &str = include_str!("../../../lexicon/roles.tsv");
const TITLES: &str = include_str!("../../../lexicon/titles.tsv");
const NON_ACTORS: &str = include_str!("../../../lexicon/non_actors.tsv");

/// Words after an abbreviation compound that make it one (`中美关系`, `俄乌冲突`).
pub static COMPOUND_NEXT: WordList = WordList::new("entity_words.tsv", "compound_next");

/// Characters before the first abbreviation that make a word with it
/// (`其中美国…`, `可以…`), so the compound starts later or not at all.
static ABBR_WORDS: WordList = WordList::new("entity_words.tsv", "abbr_words");

/// Words after a metonym that make it something else (`北京时间`, `华盛顿邮报`).
static METONYM_NOT_BEFORE: WordList = WordList::new("entity_words.tsv", "metonym_not_before");

/// Second characters that make `X方` part of another word (`以方便`, `以方式`).
static FANG_NOT_BEFORE: CharStr = CharStr::new("entity_words.tsv", "fang_not_before");
/// Characters that make `X军` part of another word (`以军事`, `以军费`).
static JUN_NOT_BEFORE: CharStr = CharStr::new("entity_words.tsv", "jun_not_before");

/// Suffixes that close an organisation name (`…研究所`, `…委员会`).
pub static ORG_SUFFIXES: WordList = WordList::new("entity_words.tsv", "org_suffixes");

/// Words right after a country name that make the mention a state organ of it
/// (`中国外交部`, `法国政府`): the mention widens to include them.
static STATE_ORGAN_NEXT: WordList = WordList::new("entity_words.tsv", "state_organ_next");

/// Characters used to transliterate foreign names (Xinhua usage); a run of
/// them after a title or around `·` is read as a name.
static TRANSLIT_CHARS: CharStr = CharStr::new("entity_words.tsv", "translit_chars");

/// Words a transliterated name run stops before (`凯洛格` + `本月`, `佩斯科夫` + `希望`).
static RUN_STOP: WordList = WordList::new("entity_words.tsv", "run_stop");

const SURNAMES: &str = include_str!("../../../lexicon/surnames.tsv");
const PINYIN: &str = include_str!("../../../lexicon/pinyin.tsv");

/// What may follow a name read after a title.
static NAME_NEXT: WordList = WordList::new("entity_words.tsv", "name_next");

/// Titles of experts and officials (role key, forms), used when `titles.tsv`
/// does not list the form itself.
pub static FALLBACK_TITLES: Family = Family::new("entity_words.tsv", "fallback_title");

/// Markers before a title that set the role status.
static FORMER_MARKERS: WordList = WordList::new("entity_words.tsv", "former_markers");
static ELECT_MARKERS: WordList = WordList::new("entity_words.tsv", "elect_markers");
/// Characters before `前` that make it a time word (`目前`, `此前`), not "former".
static NOT_FORMER_BEFORE_QIAN: CharStr = CharStr::new("entity_words.tsv", "not_former_before_qian");

/// Single characters that end an affiliation when scanning backwards.
static AFFIL_STOP_CHARS: CharStr = CharStr::new("entity_words.tsv", "affil_stop_chars");
/// Verbs that end an affiliation when scanning backwards (`担任美国驻俄罗斯大使`).
static AFFIL_STOP_WORDS: WordList = WordList::new("entity_words.tsv", "affil_stop_words");
/// Surname + character pairs that are ordinary words, not names (`总统任期内`).
static NOT_NAMES: WordList = WordList::new("entity_words.tsv", "not_names");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FormKind {
    Name,
    Metonym,
    Form,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Country(usize, FormKind),
    Org(usize),
    OrgContext(usize),
    Person(usize),
    Title(usize),
    /// A status word listed in `titles.tsv` under a `*_marker` key (`候任`, `前`).
    Marker(Option<RoleStatus>),
}

#[derive(Debug)]
struct Country {
    iso: String,
    name: String,
}

#[derive(Debug)]
struct Org {
    id: String,
    country: Option<String>,
    /// The actor code of its events when not its own id (`UNSC` → `UN`).
    actor: Option<String>,
    name: String,
    /// A news outlet or agency (`kind` `media`).
    media: bool,
    /// A state's body (`kind` `national`, or generated from `bodies.tsv`).
    national: bool,
}

#[derive(Debug)]
struct Person {
    id: String,
    /// Name in Latin script (`Gordon Brown`), to tell namesakes apart by a gloss.
    latin: String,
    country: Option<String>,
    name: String,
    /// Normalised full (`·`-joined) forms, to tell a namesake from the person.
    full_forms: Vec<String>,
}

#[derive(Debug)]
struct RoleRow {
    title: String,
    of: Option<String>,
    start: Option<Date>,
    end: Option<Date>,
    elected: Option<Date>,
}

/// The compiled gazetteer, built once and shared by all documents.
pub struct Gazetteer {
    norm: Normalizer,
    ac: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    /// Normalised pattern and its targets, indexed by the automaton's value.
    pats: Vec<(String, Vec<Target>)>,
    countries: Vec<Country>,
    orgs: orgs::Orgs,
    people: Vec<Person>,
    /// The people's ids, made at the first [`Gazetteer::knows_person`]
    /// (asked of a few ids a document, not by most runs' start-up).
    person_ids: OnceLock<HashSet<String>>,
    titles: Vec<String>,
    /// Role keys of seats in legislatures and councils (`titles.tsv` kind
    /// `seat`: many holders at once, re-won at elections).
    seats: HashSet<String>,
    roles: HashMap<usize, Vec<RoleRow>>,
    /// Role key → the people `roles` has in that title (sorted): the only
    /// ones a title's holder can be when the state is not known (else
    /// `holders`).
    by_title: HashMap<String, Vec<usize>>,
    /// (role key, state or org) → people who held it.
    holders: HashMap<(String, String), Vec<usize>>,
    /// The people's name segments by their first two characters.
    name_heads: heads::NameHeads,
    /// Abbreviation character → country indices.
    abbr: HashMap<char, Vec<usize>>,
    /// Characters that are abbreviations (fast test before `abbr`).
    abbr_set: CharSet,
    translit: CharSet,
    /// First segments of the gazetteer's `·`-joined names, two to four
    /// characters (`何塞`, `米歇尔`): given names that open a dotted name
    /// even where a character is no transliteration character.
    given_names: HashSet<String>,
    /// One-character surnames (`surnames.tsv`), and those that also begin
    /// many ordinary words (`高度`, `方面`).
    surnames: CharSet,
    weak_surnames: CharSet,
    /// Surnames of two or more characters (`欧阳`, `平井`), longest first,
    /// and the Chinese ones among them.
    double_surnames: Vec<String>,
    /// The first characters of `double_surnames`, made at the first
    /// [`Gazetteer::double_surname_at`].
    double_heads: OnceLock<CharSet>,
    chinese_doubles: Vec<String>,
    /// Mandarin readings (pinyin, Wade-Giles) by character (`pinyin.tsv`).
    readings: HashMap<char, (String, String)>,
    /// ABBR_WORDS as character pairs, sorted.
    abbr_words: Vec<(char, char)>,
    /// recognize::CROSS_WORDS as character pairs, sorted.
    cross_words: Vec<(char, char)>,
    /// Generic national bodies (`bodies.tsv`).
    bodies: recognize::bodies::Bodies,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("patterns", &self.pats.len())
            .field("countries", &self.countries.len())
            .field("orgs", &self.orgs.len())
            .field("people", &self.people.len())
            .field("titles", &self.titles.len())
            .finish()
    }
}

/// Rows after key overrides: a later row with the same key replaces an
/// earlier one, a key `-KEY` removes it.
fn effective<'a>(t: &'a Table, key: &str) -> Vec<Record<'a>> {
    let mut out: Vec<Option<Record<'a>>> = Vec::with_capacity(t.len());
    let mut index: HashMap<&'a str, usize> = HashMap::default();
    index.reserve(t.len());
    let key = t.column(key);
    for r in t.records() {
        let k = r.at(key);
        if let Some(del) = k.strip_prefix('-') {
            if let Some(i) = index.remove(del) {
                out[i] = None;
            }
            continue;
        }
        if k.is_empty() {
            continue;
        }
        match index.get(k) {
            Some(&i) => out[i] = Some(r),
            None => {
                index.insert(k, out.len());
                out.push(Some(r));
            }
        }
    }
    out.into_iter().flatten().collect()
}

/// Two-character words as sorted character pairs.
fn pairs(words: &[&str]) -> Vec<(char, char)> {
    let mut v: Vec<(char, char)> = words
        .iter()
        .filter_map(|w| {
            let mut it = w.chars();
            match (it.next(), it.next(), it.next()) {
                (Some(a), Some(b), None) => Some((a, b)),
                _ => None,
            }
        })
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn opt(s: &str) -> Option<String> {
    let s = shiju_lexicon::trim(s);
    (!s.is_empty()).then(|| s.to_string())
}

impl Gazetteer {
    /// The normaliser the gazetteer was built with (same user folder).
    pub fn normalizer(&self) -> &Normalizer {
        &self.norm
    }

    /// The first of `double_surnames` (longest first) that `rest` begins
    /// with; a text whose first character begins none is answered without
    /// comparing them.
    fn double_surname_at(&self, rest: &str) -> Option<&str> {
        let c = rest.chars().next()?;
        let heads = (self.double_heads).get_or_init(|| {
            CharSet::new(self.double_surnames.iter().filter_map(|d| d.chars().next()))
        });
        if !heads.contains(c) {
            return None;
        }
        (self.double_surnames.iter())
            .find(|d| rest.starts_with(d.as_str()))
            .map(String::as_str)
    }

    /// Whether the gazetteer knows a person id (e.g. `person:putin` or `putin`).
    pub fn knows_person(&self, id: &str) -> bool {
        let id = id.strip_prefix("person:").unwrap_or(id);
        (self.person_ids)
            .get_or_init(|| self.people.iter().map(|p| p.id.clone()).collect())
            .contains(id)
    }

    /// Entities of the text, each with its mentions (byte offsets into `text.original`).
    pub fn recognize(&self, text: &Text, ctx: &Context) -> Vec<Entity> {
        recognize::run(self, text, ctx)
    }
}

mod build;
mod heads;
mod orgs;
mod recognize;

/// FxHash (rustc's hasher, from `rustc-hash`): fast for maps of small keys.
pub(crate) type Fx = rustc_hash::FxBuildHasher;

#[cfg(test)]
mod double_surname_tests {
    use super::*;

    #[test]
    fn double_surname_at_is_the_first_listed_prefix() {
        let g = Gazetteer::new(None).expect("lexicon loads");
        let naive = |t: &str| {
            (g.double_surnames.iter())
                .find(|d| t.starts_with(d.as_str()))
                .map(String::as_str)
        };
        let mut texts: Vec<String> = ["", "a", "甲乙丙", "欧阳修说", "欧"]
            .iter()
            .map(|t| t.to_string())
            .collect();
        texts.extend(g.double_surnames.iter().map(|d| format!("{d}某")));
        for t in &texts {
            assert_eq!(g.double_surname_at(t), naive(t), "{t}");
        }
        assert!(g.double_surname_at(&texts[5]).is_some());
    }
}

#[cfg(test)]
mod reading_tests {
    use super::*;

    #[test]
    fn a_user_pinyin_table_replaces_and_removes_readings() {
        let dir = std::env::temp_dir().join(format!("shiju-entities-py-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // A character read again (the later row wins), one removed, one
        // added, a removal of a character no row has, a key of two
        // characters (no character's).
        std::fs::write(
            dir.join("pinyin.tsv"),
            "char\tpinyin\twade_giles\n罗\tlo\tlo2\n罗\tlou\tlou3\n-啊\t\t\n\u{20000}\tx\ty\n-\u{20001}\t\t\n两字\tzzz\tzzz\n",
        )
        .unwrap();
        let g = Gazetteer::new(Some(&dir)).expect("lexicon loads");
        std::fs::remove_dir_all(&dir).ok();
        let reading = |c: char| g.readings.get(&c).map(|(p, w)| (p.as_str(), w.as_str()));
        assert_eq!(reading('罗'), Some(("lou", "lou3")));
        assert_eq!(reading('啊'), None);
        assert_eq!(reading('\u{20000}'), Some(("x", "y")));
        assert_eq!(reading('坝'), Some(("ba", "pa")), "built-in rows stay");
        assert!(!g.readings.values().any(|(p, _)| p == "zzz"));

        let builtin = Gazetteer::new(None).expect("lexicon loads");
        assert_eq!(
            builtin.readings.get(&'罗').map(|(p, _)| p.as_str()),
            Some("luo")
        );
        assert!(builtin.readings.contains_key(&'啊'));
    }
}
