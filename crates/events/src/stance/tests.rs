//! Unit tests of the stance vocabulary (the coder's sentences are in
//! `tests/suite.tsv`).

use super::lexicon::{Class, Lexicon};

fn lex() -> Lexicon {
    Lexicon::load(None, &|s: &str| s.to_string(), &|_| true).expect("stance.tsv")
}

#[test]
fn finds_words_leftmost_longest() {
    let l = lex();
    let s = "美方一再打压中国，并对中方进行军事恫吓";
    let hits = l.find(s, 0, s.len());
    let words: Vec<&str> = hits.iter().map(|h| &s[h.start..h.end]).collect();
    assert_eq!(words, vec!["打压", "军事恫吓"]);
    assert_eq!(hits[1].code, "1123");
    assert!(hits.iter().all(|h| h.class == Class::Act));
}

#[test]
fn classes_of_blocks_and_non_state_nouns() {
    let l = lex();
    let s = "日本学者否认";
    let classes: Vec<Class> = l.find(s, 0, s.len()).iter().map(|h| h.class).collect();
    assert_eq!(classes, vec![Class::NonState, Class::Block]);
}

#[test]
fn unknown_code_is_an_error() {
    assert!(Lexicon::load(None, &|s: &str| s.to_string(), &|c| c != "111").is_err());
}

#[test]
fn a_slice_out_of_bounds_finds_nothing() {
    let l = lex();
    assert!(l.find("打压", 1, 6).is_empty());
    assert!(l.find("打压", 0, 99).is_empty());
}

#[test]
fn counterpart_endings_are_listed_and_a_user_row_removes_them() {
    assert!(lex().is_counterpart("美方"));
    assert!(!lex().is_counterpart("美国"));
    let dir = std::env::temp_dir().join(format!("shiju-stance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("stance.tsv"), "form\tclass\tcode\n-方\t\t\n").expect("write");
    let l = Lexicon::load(Some(&dir), &|s: &str| s.to_string(), &|_| true).expect("load");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!l.is_counterpart("美方"));
}

#[test]
fn a_paragraph_ending_in_a_listed_word_and_a_colon_opens_a_full_text() {
    let l = lex();
    assert!(l.opens_full_text("外交部周一发表声明。声明全文如下："));
    assert!(l.opens_full_text("以下是讲话全文: "));
    // The colon must close the paragraph, after the listed word.
    assert!(!l.opens_full_text("声明全文如下：日方严重关切。"));
    assert!(!l.opens_full_text("发言人表示："));
    assert!(!l.opens_full_text(""));
}

#[test]
fn hitting_back_is_a_rebuttal_of_its_own() {
    let l = lex();
    let s = "外长则回击称，对方的说法站不住脚";
    let hits = l.find(s, 0, s.len());
    assert_eq!(
        hits.first().map(|h| (h.class, h.code)),
        Some((Class::Rebut, "111"))
    );
}

/// Every occurrence of the lexicon's words in `s` as the events index
/// finds them in one pass, and the words of each span of `s` read from
/// them, against those read from the span itself.
fn same_as_by_span(l: &Lexicon, s: &str) {
    let forms = l.forms();
    let ix = crate::index::Index::build(&[], &forms, &[]).expect("index");
    let all = ix.scan(s).stance;
    let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
    for &a in &bounds {
        for &b in &bounds {
            assert_eq!(l.hits_in(&all, a, b), l.find(s, a, b), "{a}..{b} of {s}");
        }
    }
}

#[test]
fn words_of_a_span_from_the_whole_text_are_those_of_the_span() {
    let dir = std::env::temp_dir().join(format!("shiju-stance-ov-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let rows = "form\tclass\tcode\n甲乙\tact\t111\n甲乙丙\tlabel\t112\n乙丙丁\tact\t111\n\
                丙丁\tappeal\t1041\n丁\tblock\t\n乙乙\tact\t111\n";
    std::fs::write(dir.join("stance.tsv"), rows).expect("write");
    let l = Lexicon::load(Some(&dir), &|s: &str| s.to_string(), &|_| true).expect("load");
    let _ = std::fs::remove_dir_all(&dir);
    // Nested, overlapping and repeated words, and words cut by a span's ends.
    for s in [
        "甲乙丙丁，乙丙丁甲乙",
        "乙乙乙乙丁",
        "x甲乙丙a丙丁。甲乙丙丁丁",
        "",
    ] {
        same_as_by_span(&l, s);
    }
    same_as_by_span(
        &lex(),
        "美方一再打压中国，并对中方进行军事恫吓。日本学者否认",
    );
}
