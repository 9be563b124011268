//! Statements that do not report an event: negated, hypothetical,
//! interrogative and speculative ones, and announced plans (coded 03).

use shiju_lexicon::words::{CharSlice, CharStr, WordList};
use shiju_text::charset::WordStarts;
use shiju_text::punct;
use std::borrow::Cow;
use std::sync::LazyLock;

use daachorse::CharwiseDoubleArrayAhoCorasick;
use shiju_text::automaton::{build_cached, BuildOptions};

/// Characters around a one-character negation or condition that make it
/// part of another word (`lexicon/event_words.tsv`).
static WEI_NOT_BEFORE: CharSlice = CharSlice::new("event_words.tsv", "wei_not_before");
static BIE_NOT_AFTER: CharSlice = CharSlice::new("event_words.tsv", "bie_not_after");
static BU_NOT_AFTER: CharSlice = CharSlice::new("event_words.tsv", "bu_not_after");
static RUO_NOT_BEFORE: CharSlice = CharSlice::new("event_words.tsv", "ruo_not_before");
/// Words after a verb that make its event background (see [`background`]).
static BACKGROUND_WITHIN: WordList = WordList::new("event_words.tsv", "background_within");
static BACKGROUND_STARTS: WordList = WordList::new("event_words.tsv", "background_starts");
static NUMERAL_CHARS: CharStr = CharStr::new("event_words.tsv", "numeral_chars");

/// One of the word lists tested for anywhere in a stretch of text. All of
/// them are compiled into one automaton (built once, not once per list)
/// whose values are bit sets of the lists a word is in.
#[derive(Clone, Copy)]
enum Words {
    Negations,
    Hypothetical,
    ModalPre,
    OpinionSent,
    NounAfter,
    Speculation,
    Future,
}

impl Words {
    const ALL: [Words; 7] = [
        Words::Negations,
        Words::Hypothetical,
        Words::ModalPre,
        Words::OpinionSent,
        Words::NounAfter,
        Words::Speculation,
        Words::Future,
    ];

    /// The list's words (`lexicon/event_words.tsv`).
    fn list(self) -> &'static WordList {
        match self {
            Words::Negations => &NEGATIONS,
            Words::Hypothetical => &HYPOTHETICAL,
            Words::ModalPre => &MODAL_PRE,
            Words::OpinionSent => &OPINION_SENT,
            Words::NounAfter => &NOUN_AFTER,
            Words::Speculation => &SPECULATION,
            Words::Future => &FUTURE,
        }
    }

    /// The list's bit in the automaton's values.
    fn bit(self) -> u32 {
        1 << self as u32
    }

    /// The automaton over every list (none when no list has a word).
    fn automaton() -> Option<&'static CharwiseDoubleArrayAhoCorasick<u32>> {
        static AC: LazyLock<Option<CharwiseDoubleArrayAhoCorasick<u32>>> = LazyLock::new(|| {
            let mut words: Vec<(&str, u32)> = Words::ALL
                .iter()
                .flat_map(|l| l.list().iter().map(|w| (*w, l.bit())))
                .filter(|(w, _)| !w.is_empty())
                .collect();
            words.sort_unstable();
            let mut merged: Vec<(&str, u32)> = Vec::with_capacity(words.len());
            for (w, bit) in words {
                match merged.last_mut() {
                    Some(last) if last.0 == w => last.1 |= bit,
                    _ => merged.push((w, bit)),
                }
            }
            // (No prefilter: Chinese text is a candidate at nearly every
            // character, and building one reads a 64K table.)
            build_cached("filter-words", BuildOptions::STANDARD_NO_PREFILTER, merged).ok()
        });
        AC.as_ref()
    }

    /// Every occurrence of a word of this list in `s` (overlapping ones too).
    fn occurrences(self, s: &str) -> impl Iterator<Item = usize> + '_ {
        let bit = self.bit();
        Words::automaton()
            .into_iter()
            .flat_map(move |ac| ac.find_overlapping_iter(s))
            .filter(move |m| m.value() & bit != 0)
            .map(|m| m.start())
    }

    /// Whether `s` contains one of the words.
    fn any_in(self, s: &str) -> bool {
        self.occurrences(s).next().is_some()
    }

    /// Whether one of the words occurs in `s` starting within its first
    /// `n` characters.
    fn starts_within(self, s: &str, n: usize) -> bool {
        self.occurrences(s)
            .any(|start| s[..start].chars().count() <= n)
    }
}

static NOT_MARKER: WordList = WordList::new("event_words.tsv", "not_marker");

/// The words that contain a marker without being it (志愿军, 核计划, 不扩散,
/// 没收, 上将…): some hundred words, looked up by first character (an
/// automaton cost two million instructions to build on the first page).
static NOT_MARKER_WORDS: LazyLock<WordStarts> =
    LazyLock::new(|| WordStarts::new(NOT_MARKER.iter().copied()));

/// Byte spans of `s` (relative to `s`) holding a `not_marker` word,
/// leftmost-longest and not overlapping.
fn not_marker_spans(s: &str) -> Vec<(usize, usize)> {
    NOT_MARKER_WORDS
        .find_iter(s)
        .map(|(a, b, _)| (a, b))
        .collect()
}

/// `s` with every `not_marker` word replaced by `_`, so that the markers
/// inside it (愿 in 志愿军, 计划 in 核计划, 不 in 不扩散) are not seen.
pub fn unmarked(s: &str) -> Cow<'_, str> {
    let spans = not_marker_spans(s);
    if spans.is_empty() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for (a, b) in spans {
        out.push_str(&s[last..a]);
        out.push('_');
        last = b;
    }
    out.push_str(&s[last..]);
    Cow::Owned(out)
}

/// The text of `a..b` with the pattern's literal spans replaced by `#`, so
/// that a pattern's own words never count as markers, and the characters of
/// `not_marker` words (found on the unmasked text: 不 + a literal 结盟) by
/// `_`.
pub fn masked(norm: &str, a: usize, b: usize, lits: &[(usize, usize)]) -> String {
    let mut out = String::new();
    let Some(sub) = norm.get(a..b) else {
        return out;
    };
    out.reserve(sub.len());
    let words = not_marker_spans(sub);
    // Start of the current run of unmasked characters, copied at its end.
    let mut run: Option<usize> = None;
    for (off, _) in sub.char_indices() {
        let p = a + off;
        if words.iter().any(|&(s, e)| s <= off && off < e) {
            if let Some(r) = run.take() {
                out.push_str(&sub[r..off]);
            }
            out.push('_');
        } else if lits.iter().any(|&(s, e)| s <= p && p < e) {
            if let Some(r) = run.take() {
                out.push_str(&sub[r..off]);
            }
            out.push('#');
        } else if run.is_none() {
            run = Some(off);
        }
    }
    if let Some(r) = run {
        out.push_str(&sub[r..]);
    }
    out
}

static NEGATIONS: WordList = WordList::new("event_words.tsv", "negations");
/// Characters after 不 that make it negate the verb (不会, 不同意…).
static NOT_NEXT: CharSlice = CharSlice::new("event_words.tsv", "not_next");

/// A negation marker in the region between the subject and the verb.
pub fn negated(region: &str) -> bool {
    const W: Words = Words::Negations;
    let region = &*unmarked(region);
    // 拒绝了美国要求其停止…的要求: what a demand asks (停止) is its content,
    // not a negation of the verb.
    let region = DEMAND_WORDS
        .find_iter(region)
        .next()
        .map_or(region, |(i, _, _)| &region[..i]);
    if W.any_in(region) {
        return true;
    }
    let mut prev: Option<char> = None;
    let mut it = region.chars().peekable();
    while let Some(c) = it.next() {
        let next = it.peek().copied();
        match c {
            '未' if !next.is_some_and(|n| WEI_NOT_BEFORE.contains(&n)) => return true,
            // 别 "don't", not 分别/特别/区别/告别…
            '别' if !prev.is_some_and(|p| BIE_NOT_AFTER.contains(&p)) => return true,
            '不' if !prev.is_some_and(|p| BU_NOT_AFTER.contains(&p)) => match next {
                None => return true,
                Some(n) if NOT_NEXT.contains(&n) => return true,
                _ => {}
            },
            _ => {}
        }
        prev = Some(c);
    }
    false
}

/// What opens the content of a demand put to a third person (要求其, 让其).
static DEMAND_CONTENT: WordList = WordList::new("event_words.tsv", "demand_content");

/// [`DEMAND_CONTENT`] by first character: the first word found scanning
/// the text is the one that occurs first (one pass instead of one search
/// per word).
static DEMAND_WORDS: LazyLock<WordStarts> =
    LazyLock::new(|| WordStarts::new(DEMAND_CONTENT.iter().copied()));

static HYPOTHETICAL: WordList = WordList::new("event_words.tsv", "hypothetical");

/// A generic statement (任何…都…): no particular event.
pub fn generic(before: &str) -> bool {
    let before = &*unmarked(before);
    before
        .find("任何")
        .map(|i| before[i..].contains('都'))
        .unwrap_or(false)
}

/// A hypothetical marker before the verb in its sentence.
pub fn hypothetical(before: &str) -> bool {
    const W: Words = Words::Hypothetical;
    let before = &*unmarked(before);
    if W.any_in(before) {
        return true;
    }
    // 若 alone (若干 "some" and 若非 aside).
    before.match_indices('若').any(|(i, c)| {
        !before[i + c.len()..]
            .chars()
            .next()
            .is_some_and(|n| RUO_NOT_BEFORE.contains(&n))
    })
}

static SPECULATION: WordList = WordList::new("event_words.tsv", "speculation");

static MODAL_PRE: WordList = WordList::new("event_words.tsv", "modal_pre");

/// A modal or complement-taking verb before the trigger in its clause (the
/// event is authorised, demanded, opposed… but not reported as done).
pub fn modal_pre(pre: &str) -> bool {
    const W: Words = Words::ModalPre;
    W.any_in(&unmarked(pre))
}

static OPINION_SENT: WordList = WordList::new("event_words.tsv", "opinion_sent");

/// An opinion verb earlier in the sentence: what follows is belief, not report.
pub fn opinion(sent_before: &str) -> bool {
    const W: Words = Words::OpinionSent;
    W.any_in(&unmarked(sent_before))
}

static NOUN_AFTER: WordList = WordList::new("event_words.tsv", "noun_after");

/// The matched verb phrase modifies a noun (…谈判的想法, …对话的意愿):
/// a wish or possibility, not an event.
pub fn noun_after(after: &str) -> bool {
    const W: Words = Words::NounAfter;
    let head = prefix_chars(after, 12);
    // A noun at the very start (an occurrence starting at character 0).
    if W.starts_within(head, 0) {
        return true;
    }
    // 的 + up to three characters + the noun (…撤军的停火呼吁).
    head.match_indices('的').any(|(i, d)| {
        let tail = prefix_chars(&head[i + d.len()..], 6);
        W.starts_within(tail, 3)
    })
}

/// The first `n` characters of `s`.
fn prefix_chars(s: &str, n: usize) -> &str {
    &s[..s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)]
}

/// The matched event is the background of a time phrase: 入侵乌克兰以来,
/// 入侵乌克兰后的几周内, 入侵三周年之际, 入侵前3周 — not news of the day.
pub fn background(after: &str) -> bool {
    let head = prefix_chars(after, 10);
    if BACKGROUND_WITHIN.iter().any(|w| head.contains(w)) {
        return true;
    }
    if BACKGROUND_STARTS.iter().any(|s| after.starts_with(s)) {
        return true;
    }
    let mut cs = after.chars();
    matches!((cs.next(), cs.next()), (Some('前'), Some(c)) if c.is_ascii_digit() || NUMERAL_CHARS.contains(c))
}

/// A speculative or opinion marker before the verb in its clause.
pub fn speculative(pre: &str) -> bool {
    const W: Words = Words::Speculation;
    W.any_in(&unmarked(pre))
}

static QUESTION: WordList = WordList::new("event_words.tsv", "question");
static ANALYSTS: WordList = WordList::new("event_words.tsv", "analysts");
static OPINION: WordList = WordList::new("event_words.tsv", "opinion");

/// A sentence that is a question or an analyst's opinion codes no event.
#[cfg(test)]
pub fn sentence_blocks(sent: &str) -> bool {
    sentence_block_from(sent).is_some()
}

/// The words of the three lists that block a sentence, with the bit set of
/// the lists each is in (1 question, 2 analyst, 4 opinion): compiled into
/// the automaton of [`sentence_block_from`] and into the verb patterns'
/// one-pass index ([`crate::index::Index`]).
pub(crate) fn block_words() -> Vec<(String, u32)> {
    let mut words: Vec<(String, u32)> = Vec::new();
    for (list, bit) in [(&QUESTION, 1u32), (&ANALYSTS, 2), (&OPINION, 4)] {
        for w in list.iter().filter(|w| !w.is_empty()) {
            match words.iter_mut().find(|(x, _)| x == w) {
                Some(x) => x.1 |= bit,
                None => words.push((w.to_string(), bit)),
            }
        }
    }
    words
}

/// Where a sentence stops coding events: `Some(0)` for a question (ending
/// in ？) or an analyst's opinion, the start of the clause of an embedded
/// question word (特朗普与蔡英文通电话之后，蔡英文会否见特朗普: the call
/// before it is reported), `None` when nothing is blocked. (The coder
/// reads the words from the whole-text scan: [`sentence_block_in`].)
#[cfg(test)]
pub fn sentence_block_from(sent: &str) -> Option<usize> {
    // One automaton over the three lists; the value is a bit set of the
    // lists a word is in (1 question, 2 analyst, 4 opinion).
    static W: LazyLock<Option<CharwiseDoubleArrayAhoCorasick<u32>>> = LazyLock::new(|| {
        // (No prefilter, as for `Words::automaton`.)
        build_cached(
            "block-words",
            BuildOptions::STANDARD_NO_PREFILTER,
            block_words(),
        )
        .ok()
    });
    if ends_as_question(sent) {
        return Some(0);
    }
    let ac = W.as_ref()?;
    block_from_words(
        sent,
        ac.find_overlapping_iter(sent)
            .map(|m| (m.start(), m.value())),
    )
}

/// [`sentence_block_from`] for the sentence `norm[s..e]`, from the block
/// words of the whole text (`words`: (start, end, bits), sorted by start,
/// as [`crate::index::Index::scan`] finds them): those lying within the
/// sentence are the ones a scan of the sentence alone finds. Relative to
/// `s`, as [`sentence_block_from`].
pub(crate) fn sentence_block_in(
    norm: &str,
    s: usize,
    e: usize,
    words: &[(usize, usize, u32)],
) -> Option<usize> {
    let sent = &norm[s..e];
    if ends_as_question(sent) {
        return Some(0);
    }
    let from = words.partition_point(|w| w.0 < s);
    let to = from + words[from..].partition_point(|w| w.0 < e);
    block_from_words(
        sent,
        words[from..to]
            .iter()
            .filter(|w| w.1 <= e)
            .map(|w| (w.0 - s, w.2)),
    )
}

/// Whether a sentence ends in a question mark (before closing quotes and
/// brackets).
fn ends_as_question(sent: &str) -> bool {
    let t = sent.trim_end_matches([
        '”',
        punct::RIGHT_CORNER,
        punct::RIGHT_WHITE_CORNER,
        '’',
        '"',
        ')',
        punct::RIGHT_PAREN,
    ]);
    t.ends_with(punct::QUESTION) || t.ends_with('?')
}

/// The block of `sent` given its block words (start in `sent`, bits of
/// [`block_words`]), in any order.
fn block_from_words(sent: &str, words: impl Iterator<Item = (usize, u32)>) -> Option<usize> {
    // An opinion verb at or after the first analyst word blocks the whole
    // sentence; a question word, its clause and what follows.
    let mut first_analyst: Option<usize> = None;
    let mut last_opinion: Option<usize> = None;
    let mut question: Option<usize> = None;
    for (start, v) in words {
        if v & 1 != 0 && question.is_none_or(|q| start < q) {
            question = Some(start);
        }
        if v & 2 != 0 && first_analyst.is_none_or(|a| start < a) {
            first_analyst = Some(start);
        }
        if v & 4 != 0 && last_opinion.is_none_or(|o| start > o) {
            last_opinion = Some(start);
        }
    }
    if matches!((first_analyst, last_opinion), (Some(a), Some(o)) if o >= a) {
        return Some(0);
    }
    let q = question?;
    Some(
        sent[..q]
            .char_indices()
            .rev()
            .find(|&(_, c)| crate::segment::is_clause_break(c))
            .map_or(0, |(i, c)| i + c.len_utf8()),
    )
}

static FUTURE: WordList = WordList::new("event_words.tsv", "future");
/// After 将, these make it the disposal marker or a noun, not "will".
static JIANG_NOT_FUTURE: CharSlice = CharSlice::new("event_words.tsv", "jiang_not_future");

/// An announced plan: a future marker between the subject and the verb.
pub fn future(region: &str) -> bool {
    const W: Words = Words::Future;
    let region = &*unmarked(region);
    if W.any_in(region) {
        return true;
    }
    region
        .match_indices('将')
        .any(|(i, c)| match region[i + c.len()..].chars().next() {
            Some(n) => !JIANG_NOT_FUTURE.contains(&n),
            None => true,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_marker_words_leftmost_longest() {
        assert_eq!(unmarked("他迫不得已，不同意见也有"), "他_，_也有");
        assert_eq!(unmarked("不得不得已"), "_得已");
        assert_eq!(unmarked("核武器计划和志愿军"), "_和_军");
        assert_eq!(unmarked("没有计划"), "没有计划");
        assert_eq!(not_marker_spans("a上将"), vec![(1, 7)]);
    }

    #[test]
    fn demand_words_first_is_min_find() {
        for s in [
            "拒绝了美国要求其停止",
            "他敦促其让其撤军",
            "迫使其要求其",
            "没有要求",
            "",
        ] {
            let want = DEMAND_CONTENT.iter().filter_map(|w| s.find(w)).min();
            assert_eq!(DEMAND_WORDS.find_iter(s).next().map(|m| m.0), want, "{s}");
        }
    }

    #[test]
    fn markers() {
        assert!(negated("没有"));
        assert!(negated("不#"));
        assert!(!negated("不断"));
        assert!(!negated("未来"));
        assert!(negated("并未"));
        assert!(hypothetical("如果美国"));
        assert!(!hypothetical("若干国家"));
        assert!(sentence_blocks("美国会否制裁中国？"));
        assert!(sentence_blocks("分析人士认为俄罗斯将袭击乌克兰。"));
        assert!(!sentence_blocks("俄罗斯袭击了乌克兰。"));
        // An embedded question blocks its clause and what follows only.
        let s = "特朗普与蔡英文通电话之后，蔡英文会否见特朗普值得注意。";
        assert_eq!(
            sentence_block_from(s),
            Some(s.find(punct::COMMA).unwrap() + punct::COMMA.len_utf8())
        );
        assert_eq!(sentence_block_from("美国为何制裁中国。"), Some(0));
        assert!(future("将于5月"));
        assert!(!future("将其"));
        assert!(speculative("或将"));
        assert_eq!(masked("不会见", 0, 9, &[(3, 9)]), "不##");
    }

    #[test]
    fn blocks_from_the_whole_text_scan_are_those_of_each_sentence() {
        let ix = crate::index::Index::build(&[], &[], &[]).unwrap();
        let text = "分析人士认为俄罗斯将袭击乌克兰。特朗普与蔡英文通电话之后，蔡英文会否见特朗普值得注意。\
                    俄罗斯袭击了乌克兰。美国会否制裁中国？美国为何制裁中国。";
        let found = ix.scan(text);
        let mut s = 0;
        let mut blocked = 0;
        for (i, c) in text.char_indices() {
            if c == '。' || c == '？' {
                let e = i + c.len_utf8();
                let want = sentence_block_from(&text[s..e]);
                assert_eq!(sentence_block_in(text, s, e, &found.blocks), want);
                blocked += usize::from(want.is_some());
                s = e;
            }
        }
        assert_eq!(blocked, 4);
    }

    #[test]
    fn words_holding_a_marker_are_not_the_marker() {
        // 愿 in 志愿军, 计划 in 核计划, 将 in 上将: no plan.
        assert!(!future("志愿军老兵代表团"));
        assert!(!future("就其核计划"));
        assert!(!future("海军上将约翰"));
        assert!(future("计划"));
        assert!(future("愿"));
        // 不 in 不丹 and 不得不, 没 in 没收, 别 in 别国: no negation.
        assert!(!negated("不丹外交大臣"));
        assert!(!negated("不得不"));
        assert!(!negated("没收了"));
        assert!(!negated("干涉别国"));
        assert!(!negated("举行高级别磋商"));
        assert!(!negated("在不同场合"));
        assert!(negated("没有"));
        // 不 + a literal: the word is found on the unmasked text.
        let s = "会见了不结盟运动";
        let lit = s.find("结盟").unwrap();
        let m = masked(s, 0, s.len(), &[(lit, lit + "结盟".len())]);
        assert!(!negated(&m), "{m}");
        // 反对派 and 应邀 are no modal verbs, 主要是 no condition.
        assert!(!modal_pre("叙利亚反对派武装"));
        assert!(!modal_pre("普京应邀"));
        assert!(modal_pre("反对"));
        assert!(!hypothetical("朝鲜外务省主要是"));
        assert!(hypothetical("要是"));
        assert!(!speculative("外交部主任何明"));
    }
}
