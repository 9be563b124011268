//! shiju-text: normalisation (traditional → simplified script, full-width →
//! half-width, regional transliterations → mainland standard) of an original
//! text into a [`shiju_core::Text`] that keeps the offset map.
//!
//! Three steps, composed into one offset map:
//! 1. **Script**: traditional → simplified with OpenCC's Apache-2.0 tables
//!    (`lexicon/opencc/TSPhrases.txt` matched leftmost-longest, then
//!    `TSCharacters.txt` per character, first candidate). Text without any
//!    traditional character skips this step after one cheap scan.
//! 2. **Width**: full-width Latin letters and digits (`Ｇ２０`) become ASCII;
//!    the name dots `・‧•･∙⋅` become `·`. Chinese punctuation (`，。！？：；（）「」`)
//!    stays as printed.
//! 3. **Transliterations**: regional renderings of foreign names
//!    (`蒲亭`, `川普`, `紐西蘭`…) become the mainland standard, from
//!    `lexicon/transliterations.tsv`, matched leftmost-longest on the output of
//!    steps 1–2. A row whose standard equals its variant blocks rewriting
//!    inside a longer name; a variant is not rewritten where the text already
//!    continues with the rest of the standard (`厄瓜多` + `尔`).

pub mod automaton;
pub mod charset;
pub mod punct;
mod script;
pub mod segment;
pub mod short;

use std::collections::{HashMap, HashSet};

use charset::{CharSet, WordStarts};
use daachorse::CharwiseDoubleArrayAhoCorasick;
use shiju_core::{Script, Text, TextBuilder};
use shiju_lexicon::{LexiconError, Table};

pub use script::detect_script;
use script::Tally;

const TS_CHARACTERS: &str = include_str!("../../../lexicon/opencc/TSCharacters.txt");
const TS_PHRASES: &str = include_str!("../../../lexicon/opencc/TSPhrases.txt");
const ST_CHARACTERS: &str = include_str!("../../../lexicon/opencc/STCharacters.txt");
const TRANSLITERATIONS: &str = include_str!("../../../lexicon/transliterations.tsv");

/// First code point of the dense part of the character table.
const DENSE_LO: u32 = 0x3400;
/// One past the last code point of the dense part.
const DENSE_HI: u32 = 0xA000;

/// One past the last code point of the script table (the whole BMP, so
/// that full-width punctuation needs no set lookup).
const SCRIPT_HI: u32 = 0x10000;

/// Parses an OpenCC dictionary: `key<TAB>value value…`, `#` comments; the
/// key with its first value (the only one read), without collecting the
/// others. (The tab and the spaces are found by byte loops: the lines are a
/// few bytes, less than a search pays to set up, and there are 4,000.)
fn opencc_pairs(content: &str) -> impl Iterator<Item = (&str, &str)> {
    content.lines().filter_map(|l| {
        let l = l.trim_end_matches('\r');
        if l.starts_with('#') || shiju_lexicon::trim(l).is_empty() {
            return None;
        }
        let tab = l.bytes().position(|b| b == b'\t')?;
        let (k, v) = (&l[..tab], l[tab + 1..].trim_start_matches(' '));
        let first = &v[..v.bytes().position(|b| b == b' ').unwrap_or(v.len())];
        if first.is_empty() || k.is_empty() {
            return None;
        }
        Some((k, first))
    })
}

/// Character → character table: a dense array for the CJK blocks, a map for the rest.
#[derive(Debug)]
struct CharMap {
    dense: Vec<char>,
    sparse: HashMap<char, char>,
    /// Characters whose presence means the phrase table must run: every
    /// traditional character, plus the characters a phrase changes even though
    /// the character table leaves them (瞭 in 瞭解, 覆 in 反覆).
    trigger: Vec<bool>,
}

impl CharMap {
    fn build() -> CharMap {
        let mut dense = vec!['\0'; (DENSE_HI - DENSE_LO) as usize];
        let mut sparse = HashMap::new();
        for (k, val) in opencc_pairs(TS_CHARACTERS) {
            let mut kc = k.chars();
            let (Some(kch), None) = (kc.next(), kc.next()) else {
                continue;
            };
            let mut vc = val.chars();
            let (Some(vch), None) = (vc.next(), vc.next()) else {
                continue;
            };
            if vch == kch {
                continue;
            }
            let cp = kch as u32;
            if (DENSE_LO..DENSE_HI).contains(&cp) {
                dense[(cp - DENSE_LO) as usize] = vch;
            } else {
                sparse.insert(kch, vch);
            }
        }
        let mut trigger: Vec<bool> = dense.iter().map(|&c| c != '\0').collect();
        for (k, val) in opencc_pairs(TS_PHRASES) {
            let kc: Vec<char> = k.chars().collect();
            let vc: Vec<char> = val.chars().collect();
            if kc.len() != vc.len() {
                continue;
            }
            for (a, b) in kc.iter().zip(&vc) {
                let cp = *a as u32;
                if a != b && (DENSE_LO..DENSE_HI).contains(&cp) {
                    trigger[(cp - DENSE_LO) as usize] = true;
                }
            }
        }
        CharMap {
            dense,
            sparse,
            trigger,
        }
    }

    /// Whether the character calls for the phrase table.
    #[inline]
    fn triggers(&self, c: char) -> bool {
        let cp = c as u32;
        if (DENSE_LO..DENSE_HI).contains(&cp) {
            self.trigger[(cp - DENSE_LO) as usize]
        } else {
            cp >= 0x20000 && self.sparse.contains_key(&c)
        }
    }

    /// The simplified form of a traditional character, if it differs.
    #[inline]
    fn script(&self, c: char) -> Option<char> {
        let cp = c as u32;
        if (DENSE_LO..DENSE_HI).contains(&cp) {
            let v = self.dense[(cp - DENSE_LO) as usize];
            (v != '\0').then_some(v)
        } else if cp >= 0x20000 {
            self.sparse.get(&c).copied()
        } else {
            None
        }
    }
}

/// Full-width ASCII (U+FF01..=U+FF5E) minus this offset is its ASCII form.
const FULLWIDTH_OFFSET: u32 = 0xFEE0;

/// The ASCII symbols whose full-width forms fold (other full-width
/// punctuation — `，（）：` — stays as printed: sentence splitting reads it).
const FOLDED_SYMBOLS: &str = "%+&@#=<>/";

/// Width folding and name-dot unification.
#[inline]
fn fold_width(c: char) -> Option<char> {
    // Nothing between U+3100 and U+FEFF folds (the CJK blocks): one test.
    if (0x3100..0xFF00).contains(&(c as u32)) {
        return None;
    }
    // The full-width forms block (U+FF01..=U+FF5E) is ASCII shifted by
    // 0xFEE0: letters, digits and the symbols of FOLDED_SYMBOLS fold.
    if let Some(a) = (c as u32)
        .checked_sub(FULLWIDTH_OFFSET)
        .and_then(char::from_u32)
        .filter(|a| a.is_ascii_graphic())
    {
        return (a.is_ascii_alphanumeric() || FOLDED_SYMBOLS.contains(a)).then_some(a);
    }
    match c {
        punct::KATAKANA_MIDDLE_DOT | '‧' | '•' | punct::HALFWIDTH_MIDDLE_DOT | '∙' | '⋅' | '●' => {
            Some('·')
        }
        _ => None,
    }
}

/// Step 2 alone, over a text no character of which changes script: the
/// characters that fold ([`fold_width`]: the full-width forms, U+FFxx,
/// and the dots of U+2xxx and U+30FB) are found by their lead bytes
/// (E2, E3, EF) and replaced, the runs between them written whole.
fn fold_widths<S: Sink>(s: &str, sink: &mut S) {
    let bytes = s.as_bytes();
    // Start of the run of unchanged characters not yet written.
    let mut run = 0;
    let mut pos = 0;
    loop {
        pos = segment::skip_to(bytes, pos, |x| matches!(x, 0xE2 | 0xE3 | 0xEF));
        let Some(c) = s[pos..].chars().next() else {
            break;
        };
        let end = pos + c.len_utf8();
        if let Some(m) = fold_width(c) {
            if run < pos {
                sink.keep(s, run, pos);
            }
            sink.replace_char(s, pos, end, m);
            run = end;
        }
        pos = end;
    }
    if run < s.len() {
        sink.keep(s, run, s.len());
    }
}

/// A piece of the intermediate (script- and width-normalised) text.
#[derive(Debug, Clone, Copy)]
struct Piece {
    o_start: usize,
    o_end: usize,
    i_start: usize,
    i_end: usize,
    same: bool,
}

/// Where steps 1–2 write: runs of the original kept as they are and
/// replaced pieces, in order.
trait Sink {
    /// `s[a..b]` stays as it is.
    fn keep(&mut self, s: &str, a: usize, b: usize);
    /// `s[a..b]` becomes `rep` (which differs from it).
    fn replace(&mut self, s: &str, a: usize, b: usize, rep: &str);
    /// `s[a..b]` becomes the one character `rep` (which differs from it).
    #[inline]
    fn replace_char(&mut self, s: &str, a: usize, b: usize, rep: char) {
        self.replace(s, a, b, rep.encode_utf8(&mut [0u8; 4]));
    }
    /// Whether [`Normalizer::pre`] hands this sink runs of characters
    /// replaced by ones of as many bytes whole ([`Sink::aligned`]) rather
    /// than a call per changed character: for a sink that keeps an offset
    /// map, to which such a run is one piece.
    const ALIGNED_RUNS: bool = false;
    /// `s[a..b]` becomes `rep` character for character, each of as many
    /// bytes as the one it replaces (some the same): by default the
    /// unchanged runs kept and each changed character replaced.
    fn aligned(&mut self, s: &str, a: usize, b: usize, rep: &str) {
        let mut run = a;
        for ((i, c), r) in s[a..b].char_indices().zip(rep.chars()) {
            if c != r {
                let i = a + i;
                if run < i {
                    self.keep(s, run, i);
                }
                self.replace_char(s, i, i + c.len_utf8(), r);
                run = i + c.len_utf8();
            }
        }
        if run < b {
            self.keep(s, run, b);
        }
    }
}

/// The intermediate text alone.
impl Sink for String {
    #[inline]
    fn keep(&mut self, s: &str, a: usize, b: usize) {
        self.push_str(&s[a..b]);
    }
    #[inline]
    fn replace(&mut self, _: &str, _: usize, _: usize, rep: &str) {
        self.push_str(rep);
    }
}

/// The finished text with its offset map, when no transliteration follows.
impl Sink for TextBuilder {
    #[inline]
    fn keep(&mut self, s: &str, a: usize, b: usize) {
        self.same(&s[a..b]);
    }
    #[inline]
    fn replace(&mut self, s: &str, a: usize, b: usize, rep: &str) {
        self.replaced(&s[a..b], rep);
    }
    #[inline]
    fn replace_char(&mut self, s: &str, a: usize, b: usize, rep: char) {
        self.replaced_char(&s[a..b], rep);
    }
    const ALIGNED_RUNS: bool = true;
    #[inline]
    fn aligned(&mut self, s: &str, a: usize, b: usize, rep: &str) {
        TextBuilder::aligned(self, &s[a..b], rep);
    }
}

/// The intermediate text and its pieces (adjacent unchanged ones merged).
struct Pieces {
    out: String,
    pieces: Vec<Piece>,
}

impl Sink for Pieces {
    fn keep(&mut self, s: &str, a: usize, b: usize) {
        let i_start = self.out.len();
        self.out.push_str(&s[a..b]);
        if let Some(last) = self.pieces.last_mut() {
            if last.same && last.o_end == a {
                last.o_end = b;
                last.i_end = self.out.len();
                return;
            }
        }
        self.pieces.push(Piece {
            o_start: a,
            o_end: b,
            i_start,
            i_end: self.out.len(),
            same: true,
        });
    }

    fn replace(&mut self, _: &str, a: usize, b: usize, rep: &str) {
        let i_start = self.out.len();
        self.out.push_str(rep);
        self.pieces.push(Piece {
            o_start: a,
            o_end: b,
            i_start,
            i_end: self.out.len(),
            same: false,
        });
    }
}

/// What steps 1–2 must do to a text ([`Normalizer::needs`]).
#[derive(Clone, Copy)]
struct Needs {
    /// A character calls for the phrase and character tables.
    trad: bool,
    /// A full-width character folds (looked for up to the first `trad`).
    width: bool,
}

/// The normaliser, built once from the lexicon and shared by all documents.
pub struct Normalizer {
    chars: CharMap,
    /// OpenCC phrases (traditional keys), indexing `phrase_values`: a few
    /// hundred, matched leftmost-longest by their first characters
    /// ([`WordStarts`]) in the loop that reads each character anyway.
    phrases: WordStarts,
    /// The simplified value of each phrase.
    phrase_values: Vec<String>,
    /// Transliteration variants (normalised by steps 1–2) → standard. (An
    /// automaton: its prefilter skips the common characters the variants
    /// start with — 美, 新 — at less cost than a word list's look-ups.)
    translit: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
    translit_values: Vec<String>,
    /// The first characters of the transliteration variants: a string
    /// without one has nothing to rewrite ([`Normalizer::normalize_str`]
    /// skips the automaton for most lexicon forms at start-up).
    translit_first: CharSet,
    /// The first two characters of each variant of two or more, as
    /// [`char_pair`]s, sorted: a string with a first character but not
    /// followed by a second one that could go with it has nothing to
    /// rewrite either (most names have a first character: 普, 拜…).
    translit_pairs: Vec<u64>,
    /// The second characters of those pairs (most characters after a
    /// first one are none: no search of the pairs).
    translit_second: CharSet,
    /// The variants of one character (none built in).
    translit_single: CharSet,
}

/// The scan [`Normalizer::may_transliterate`] makes, a character at a
/// time: whether a variant of one character, or the first two characters
/// of a longer one side by side, has been read.
#[derive(Default)]
struct VariantScan {
    /// The previous character, when it begins a variant.
    first: Option<char>,
}

impl VariantScan {
    /// Reads `c`; true when a variant could begin here. (Inline: it is
    /// asked at every character of the lexicon forms normalised at
    /// start-up.)
    #[inline(always)]
    fn step(&mut self, n: &Normalizer, c: char) -> bool {
        if let Some(a) = self.first.take() {
            if n.translit_second.contains(c)
                && n.translit_pairs.binary_search(&char_pair(a, c)).is_ok()
            {
                return true;
            }
        }
        if n.translit_first.contains(c) {
            if n.translit_single.contains(c) {
                return true;
            }
            self.first = Some(c);
        }
        false
    }
}

/// Two characters as one sortable key.
fn char_pair(a: char, b: char) -> u64 {
    (u64::from(a as u32) << 32) | u64::from(b as u32)
}

impl std::fmt::Debug for Normalizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Normalizer")
            .field("phrases", &self.phrase_values.len())
            .field("transliterations", &self.translit_values.len())
            .finish()
    }
}

fn build_lm(patvals: Vec<(String, u32)>) -> Option<CharwiseDoubleArrayAhoCorasick<u32>> {
    if patvals.is_empty() {
        return None;
    }
    automaton::build_cached(
        "transliterations",
        automaton::BuildOptions::LEFTMOST_LONGEST,
        patvals,
    )
    .ok()
}

impl Normalizer {
    /// The normaliser with the built-in tables, extended by a user lexicon folder
    /// (`transliterations.tsv`: columns `variant`, `standard`, `kind`, `note`).
    pub fn new(user_dir: Option<&std::path::Path>) -> Result<Self, LexiconError> {
        let chars = CharMap::build();
        let mut phrase_values = Vec::new();
        let mut keys: Vec<&str> = Vec::new();
        let mut seen = HashSet::new();
        for (k, val) in opencc_pairs(TS_PHRASES) {
            if k.chars().count() < 2 || !seen.insert(k) {
                continue;
            }
            keys.push(k);
            phrase_values.push(val.to_string());
        }
        let mut n = Normalizer {
            chars,
            phrases: WordStarts::new(keys),
            phrase_values,
            translit: None,
            translit_values: Vec::new(),
            translit_first: CharSet::default(),
            translit_pairs: Vec::new(),
            translit_second: CharSet::default(),
            translit_single: CharSet::default(),
        };

        let table = Table::load("transliterations.tsv", TRANSLITERATIONS, user_dir)?;
        // key (normalised variant) → standard; later rows replace earlier ones.
        let mut map: Vec<(String, String)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut removed: HashSet<String> = HashSet::new();
        for rec in table.records() {
            let variant = rec.get("variant");
            let standard = rec.get("standard");
            if let Some(del) = variant.strip_prefix('-') {
                removed.insert(n.pre_str(del));
                continue;
            }
            if variant.is_empty() || standard.is_empty() {
                return Err(rec.error("variant and standard must not be empty"));
            }
            let key = n.pre_str(variant);
            let val = n.pre_str(standard);
            removed.remove(&key);
            match index.get(&key) {
                Some(&i) => map[i].1 = val,
                None => {
                    index.insert(key.clone(), map.len());
                    map.push((key, val));
                }
            }
        }
        let mut patvals = Vec::new();
        for (k, v) in map {
            if removed.contains(&k) {
                continue;
            }
            patvals.push((k, n.translit_values.len() as u32));
            n.translit_values.push(v);
        }
        n.translit_first = CharSet::new(patvals.iter().filter_map(|(k, _)| k.chars().next()));
        let mut single = Vec::new();
        for (k, _) in &patvals {
            let mut cs = k.chars();
            match (cs.next(), cs.next()) {
                (Some(a), Some(b)) => n.translit_pairs.push(char_pair(a, b)),
                (Some(a), None) => single.push(a),
                _ => {}
            }
        }
        n.translit_pairs.sort_unstable();
        n.translit_pairs.dedup();
        n.translit_second = CharSet::new(
            n.translit_pairs
                .iter()
                .filter_map(|&p| char::from_u32(p as u32)),
        );
        n.translit_single = CharSet::new(single);
        n.translit = build_lm(patvals);
        Ok(n)
    }

    /// Steps 1–2 only, as a string (used to normalise lexicon keys).
    fn pre_str(&self, s: &str) -> String {
        let mut inter = String::with_capacity(s.len());
        self.pre(s, &mut inter);
        inter
    }

    /// Steps 1–2: script and width, written to `sink` piece by piece in
    /// order (unchanged runs as long as they go, then each replacement).
    fn pre<S: Sink>(&self, s: &str, sink: &mut S) {
        self.pre_after::<S, false>(s, self.needs(s), sink, &mut Tally::empty());
    }

    /// What steps 1–2 must do to `s`, from one scan that stops at the
    /// first character calling for the phrase table.
    #[inline]
    fn needs(&self, s: &str) -> Needs {
        let mut width = false;
        for c in s.chars() {
            if (c as u32) < 0x2000 {
                continue;
            }
            if self.chars.triggers(c) {
                return Needs { trad: true, width };
            }
            if !width && fold_width(c).is_some() {
                width = true;
            }
        }
        Needs { trad: false, width }
    }

    /// Steps 1–2 given what [`Normalizer::needs`] found in `s`; with
    /// `TALLY`, `tally` counts the one-script characters of a text with a
    /// traditional character in the same loop (it reads every character).
    fn pre_after<S: Sink, const TALLY: bool>(
        &self,
        s: &str,
        needs: Needs,
        sink: &mut S,
        tally: &mut Tally,
    ) {
        let (has_trad, has_width) = (needs.trad, needs.width);
        if !has_trad && !has_width {
            sink.keep(s, 0, s.len());
            return;
        }
        if !has_trad {
            // No character calls for step 1 (every one the character
            // table converts is a trigger): only widths fold.
            fold_widths(s, sink);
            return;
        }
        // Phrases are looked for only in a text with a traditional character.
        let phrases = has_trad.then_some(&self.phrases);
        let mut pos = 0;
        // Start of the pending run of characters kept or replaced by one of
        // as many bytes (a traditional character by its simplified form):
        // written as one piece when something else comes. Once a character
        // of it changed, `alt` holds the run as normalised up to `synced`
        // (the unchanged characters since are copied with the next change).
        let mut run: Option<usize> = None;
        let mut alt = String::new();
        let mut synced = 0;
        let flush = |sink: &mut S, run: &mut Option<usize>, alt: &mut String, synced, pos| {
            if let Some(r) = run.take() {
                if alt.is_empty() {
                    sink.keep(s, r, pos);
                } else {
                    alt.push_str(&s[synced..pos]);
                    sink.aligned(s, r, pos, alt);
                    alt.clear();
                }
            }
        };
        while pos < s.len() {
            let Some(c) = s[pos..].chars().next() else {
                break;
            };
            // The longest phrase starting here, leftmost first: taken whole.
            if let Some((i, len)) = phrases.and_then(|p| p.longest_from(c, &s[pos..])) {
                flush(sink, &mut run, &mut alt, synced, pos);
                let me = pos + len;
                if TALLY {
                    s[pos..me].chars().for_each(|c| tally.add(c));
                }
                let rep = &self.phrase_values[i];
                if rep == &s[pos..me] {
                    sink.keep(s, pos, me);
                } else {
                    sink.replace(s, pos, me, rep);
                }
                pos = me;
                continue;
            }
            if TALLY {
                tally.add(c);
            }
            let end = pos + c.len_utf8();
            let mapped = if (c as u32) < 0x2000 {
                None
            } else {
                self.chars.script(c).or_else(|| fold_width(c))
            };
            match mapped {
                Some(m) if S::ALIGNED_RUNS && m.len_utf8() == end - pos => {
                    let r = *run.get_or_insert(pos);
                    alt.push_str(&s[if alt.is_empty() { r } else { synced }..pos]);
                    alt.push(m);
                    synced = end;
                }
                Some(m) => {
                    flush(sink, &mut run, &mut alt, synced, pos);
                    sink.replace_char(s, pos, end, m);
                }
                None => {
                    // (`get_or_insert` is a call per character here.)
                    if run.is_none() {
                        run = Some(pos);
                    }
                }
            }
            pos = end;
        }
        flush(sink, &mut run, &mut alt, synced, pos);
    }

    /// Steps 1–2 with the piece map, for composing with transliterations.
    fn pre_pieces(&self, s: &str) -> Pieces {
        let mut p = Pieces {
            out: String::with_capacity(s.len()),
            pieces: Vec::new(),
        };
        self.pre(s, &mut p);
        p
    }

    /// Normalises `original`; [`Text::orig_span`] maps spans of the result back.
    ///
    /// Steps 1–2 write straight into the [`Text`]; only a text with a
    /// transliteration to rewrite (few do) is built a second time, from the
    /// piece map.
    pub fn normalize(&self, original: &str) -> Text {
        self.normalize_after::<false>(original, self.needs(original), &mut Tally::empty())
    }

    /// [`Normalizer::normalize`] and [`detect_script`] of the same text in
    /// one reading: a text without a character that calls for the phrase
    /// table has no traditional-only one either (every traditional-only
    /// character is one: a test checks), so it is simplified; steps 1–2
    /// read every character of any other text, and count them as they go.
    pub fn normalize_detect(&self, original: &str) -> (Text, Script) {
        let needs = self.needs(original);
        if !needs.trad {
            let text = self.normalize_after::<false>(original, needs, &mut Tally::empty());
            return (text, Script::Simplified);
        }
        let mut tally = Tally::new();
        let text = self.normalize_after::<true>(original, needs, &mut tally);
        (text, tally.script())
    }

    /// [`Normalizer::normalize`] given what [`Normalizer::needs`] found;
    /// with `TALLY`, `tally` counts the one-script characters.
    fn normalize_after<const TALLY: bool>(
        &self,
        original: &str,
        needs: Needs,
        tally: &mut Tally,
    ) -> Text {
        let mut b = TextBuilder::over(original);
        self.pre_after::<_, TALLY>(original, needs, &mut b, tally);
        let text = b.finish();
        let matches = self.translit_matches(&text.norm);
        if matches.is_empty() {
            return text;
        }
        let p = self.pre_pieces(original);
        compose(original, &p.out, &p.pieces, &matches)
    }

    /// The normalised string only: [`Normalizer::normalize`]'s `norm`
    /// without its offset map (with no transliteration to rewrite, the
    /// text of steps 1–2 as it is).
    pub fn normalize_str(&self, s: &str) -> String {
        // Most lexicon forms have nothing steps 1–2 rewrite: one scan of
        // them decides that and whether a variant could occur.
        let inter = match self.plain(s) {
            Ok(false) => return s.to_string(),
            // (`plain` has seen that a variant could occur in `s`.)
            Ok(true) => s.to_string(),
            Err(needs) => {
                let mut inter = String::with_capacity(s.len());
                self.pre_after::<_, false>(s, needs, &mut inter, &mut Tally::empty());
                if !self.may_transliterate(&inter) {
                    return inter;
                }
                inter
            }
        };
        let matches = self.translit_matches(&inter);
        if matches.is_empty() {
            return inter;
        }
        let p = self.pre_pieces(s);
        compose(s, &p.out, &p.pieces, &matches).norm
    }

    /// What steps 1–2 must do to `s` ([`Normalizer::needs`]) when they
    /// would rewrite a character of it (a traditional or full-width one:
    /// what [`Normalizer::pre`] looks for), else whether a variant could
    /// occur in `s` ([`Normalizer::may_transliterate`]), from the same scan
    /// (the rest of it read by `needs` only after a full-width character:
    /// whether a traditional one follows).
    fn plain(&self, s: &str) -> Result<bool, Needs> {
        let mut may = false;
        let mut scan = VariantScan::default();
        for (i, c) in s.char_indices() {
            if (c as u32) >= 0x2000 {
                if self.chars.triggers(c) {
                    // (With a trigger, steps 1–2 do not ask `width`.)
                    return Err(Needs {
                        trad: true,
                        width: false,
                    });
                }
                if fold_width(c).is_some() {
                    return Err(self.needs(&s[i..]));
                }
            }
            may = may || scan.step(self, c);
        }
        Ok(may)
    }

    /// Whether a variant could occur in `inter`: one of one character, or
    /// the first two characters of a longer one next to each other. (No
    /// variant occurs where this is false; the automaton decides the rest.)
    fn may_transliterate(&self, inter: &str) -> bool {
        let mut scan = VariantScan::default();
        inter.chars().any(|c| scan.step(self, c))
    }

    /// Transliteration rewrites on the intermediate text: (start, end, standard).
    fn translit_matches<'a>(&'a self, inter: &str) -> Vec<(usize, usize, &'a str)> {
        let Some(ac) = &self.translit else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for m in ac.leftmost_find_iter(inter) {
            let (s, e) = (m.start(), m.end());
            let std = self.translit_values[m.value() as usize].as_str();
            let var = &inter[s..e];
            if std == var {
                continue; // blocker row
            }
            // 厄瓜多 + 尔 already reads 厄瓜多尔: leave it.
            if let Some(rest) = std.strip_prefix(var) {
                if !rest.is_empty() && inter[e..].starts_with(rest) {
                    continue;
                }
            }
            // 普京 preceded by what the standard starts with (弗拉基米尔·普丁 is fine).
            if let Some(head) = std.strip_suffix(var) {
                if !head.is_empty() && inter[..s].ends_with(head) {
                    continue;
                }
            }
            out.push((s, e, std));
        }
        out
    }
}

/// Piece index containing intermediate position `pos` (the last piece starting at or before it).
fn piece_at(pieces: &[Piece], pos: usize) -> usize {
    pieces
        .partition_point(|p| p.i_start <= pos)
        .saturating_sub(1)
}

/// Maps an intermediate position that is a piece boundary or inside a same piece.
fn map_pos(pieces: &[Piece], pos: usize, total_orig: usize) -> usize {
    if pieces.is_empty() {
        return 0;
    }
    let p = pieces[piece_at(pieces, pos)];
    if pos >= p.i_end {
        return if pos == p.i_end { p.o_end } else { total_orig };
    }
    if p.same {
        p.o_start + (pos - p.i_start)
    } else {
        p.o_start
    }
}

fn emit_range(
    b: &mut TextBuilder,
    original: &str,
    inter: &str,
    pieces: &[Piece],
    a: usize,
    z: usize,
) {
    if a >= z {
        return;
    }
    let mut i = piece_at(pieces, a);
    while i < pieces.len() {
        let p = pieces[i];
        if p.i_start >= z {
            break;
        }
        if p.same {
            let s = a.max(p.i_start);
            let e = z.min(p.i_end);
            if s < e {
                let os = p.o_start + (s - p.i_start);
                let oe = p.o_start + (e - p.i_start);
                b.same(&original[os..oe]);
            }
        } else if p.i_end > a || (p.i_start == p.i_end && p.i_start >= a) {
            b.replaced(&original[p.o_start..p.o_end], &inter[p.i_start..p.i_end]);
        }
        i += 1;
    }
}

fn compose(
    original: &str,
    inter: &str,
    pieces: &[Piece],
    matches: &[(usize, usize, &str)],
) -> Text {
    let mut b = TextBuilder::new();
    let mut cursor = 0;
    for &(ms, me, std) in matches {
        // Widen to piece boundaries where the match cuts a replaced piece.
        let ps = pieces[piece_at(pieces, ms)];
        let ws = if !ps.same && ms > ps.i_start {
            ps.i_start
        } else {
            ms
        };
        let pe = pieces[piece_at(pieces, me.saturating_sub(1).max(ms))];
        let we = if !pe.same && me < pe.i_end {
            pe.i_end
        } else {
            me
        };
        if ws < cursor {
            continue;
        }
        emit_range(&mut b, original, inter, pieces, cursor, ws);
        let os = map_pos(pieces, ws, original.len());
        let oe = map_pos(pieces, we, original.len());
        let mut rep = String::with_capacity(we - ws + std.len());
        rep.push_str(&inter[ws..ms]);
        rep.push_str(std);
        rep.push_str(&inter[me..we]);
        b.replaced(&original[os..oe.max(os)], &rep);
        cursor = we;
    }
    emit_range(&mut b, original, inter, pieces, cursor, inter.len());
    b.finish()
}

/// A Han ideograph: CJK Unified Ideographs and Extension A, the
/// compatibility ideographs, and Extensions B–G (planes 2 and 3). The one
/// test every stage uses (punctuation, kana and Hangul are not Han).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

#[cfg(test)]
mod tests;
