//! Chinese (CJK and full-width) punctuation by name: the one place where
//! code spells these characters, so that a stage reads `punct::FULL_STOP`
//! rather than a bare `'。'` and the sets that mean the same thing (a
//! sentence's end, a pair of quotation marks) are written once.
//!
//! This is Unicode structure, not a word list: what a stage *does* at a
//! punctuation mark stays in the stage; word lists live in `lexicon/`.
//! Every constant is a `char`, usable in patterns:
//! `matches!(c, punct::FULL_STOP | punct::QUESTION)`.

/// 。 U+3002 IDEOGRAPHIC FULL STOP
pub const FULL_STOP: char = '。';
/// ， U+FF0C FULLWIDTH COMMA
pub const COMMA: char = '，';
/// 、 U+3001 IDEOGRAPHIC COMMA (the enumeration comma: 中、美)
pub const ENUMERATION_COMMA: char = '、';
/// ： U+FF1A FULLWIDTH COLON
pub const COLON: char = '：';
/// ； U+FF1B FULLWIDTH SEMICOLON
pub const SEMICOLON: char = '；';
/// ？ U+FF1F FULLWIDTH QUESTION MARK
pub const QUESTION: char = '？';
/// ！ U+FF01 FULLWIDTH EXCLAMATION MARK
pub const EXCLAMATION: char = '！';

/// （ U+FF08 FULLWIDTH LEFT PARENTHESIS
pub const LEFT_PAREN: char = '（';
/// ） U+FF09 FULLWIDTH RIGHT PARENTHESIS
pub const RIGHT_PAREN: char = '）';
/// ［ U+FF3B FULLWIDTH LEFT SQUARE BRACKET
pub const LEFT_SQUARE: char = '［';
/// ］ U+FF3D FULLWIDTH RIGHT SQUARE BRACKET
pub const RIGHT_SQUARE: char = '］';
/// 【 U+3010 LEFT BLACK LENTICULAR BRACKET (section heads, bylines)
pub const LEFT_LENTICULAR: char = '【';
/// 】 U+3011 RIGHT BLACK LENTICULAR BRACKET
pub const RIGHT_LENTICULAR: char = '】';
/// 〔 U+3014 LEFT TORTOISE SHELL BRACKET
pub const LEFT_TORTOISE: char = '〔';
/// 〕 U+3015 RIGHT TORTOISE SHELL BRACKET
pub const RIGHT_TORTOISE: char = '〕';

/// 「 U+300C LEFT CORNER BRACKET (quotation mark in traditional print)
pub const LEFT_CORNER: char = '「';
/// 」 U+300D RIGHT CORNER BRACKET
pub const RIGHT_CORNER: char = '」';
/// 『 U+300E LEFT WHITE CORNER BRACKET (quotation inside 「…」)
pub const LEFT_WHITE_CORNER: char = '『';
/// 』 U+300F RIGHT WHITE CORNER BRACKET
pub const RIGHT_WHITE_CORNER: char = '』';
/// 〝 U+301D REVERSED DOUBLE PRIME QUOTATION MARK
pub const REVERSED_DOUBLE_PRIME: char = '〝';
/// 〞 U+301E DOUBLE PRIME QUOTATION MARK
pub const DOUBLE_PRIME: char = '〞';
/// ＂ U+FF02 FULLWIDTH QUOTATION MARK
pub const FULLWIDTH_QUOTATION_MARK: char = '＂';
/// ＇ U+FF07 FULLWIDTH APOSTROPHE
pub const FULLWIDTH_APOSTROPHE: char = '＇';

/// 《 U+300A LEFT DOUBLE ANGLE BRACKET (titles of works: 《人民日报》)
pub const LEFT_BOOK_TITLE: char = '《';
/// 》 U+300B RIGHT DOUBLE ANGLE BRACKET
pub const RIGHT_BOOK_TITLE: char = '》';
/// 〈 U+3008 LEFT ANGLE BRACKET (titles inside 《…》)
pub const LEFT_ANGLE: char = '〈';
/// 〉 U+3009 RIGHT ANGLE BRACKET
pub const RIGHT_ANGLE: char = '〉';

/// ／ U+FF0F FULLWIDTH SOLIDUS
pub const SOLIDUS: char = '／';
/// ｜ U+FF5C FULLWIDTH VERTICAL LINE (title separators: 新闻｜网站)
pub const VERTICAL_LINE: char = '｜';
/// ・ U+30FB KATAKANA MIDDLE DOT (a name dot in Japanese-set text)
pub const KATAKANA_MIDDLE_DOT: char = '・';
/// ･ U+FF65 HALFWIDTH KATAKANA MIDDLE DOT
pub const HALFWIDTH_MIDDLE_DOT: char = '･';
/// ０ U+FF10 FULLWIDTH DIGIT ZERO (full-width digits run ０..=９)
pub const FULLWIDTH_ZERO: char = '０';
/// ９ U+FF19 FULLWIDTH DIGIT NINE
pub const FULLWIDTH_NINE: char = '９';

/// The string form of [`VERTICAL_LINE`], for `str` searches.
pub const VERTICAL_LINE_STR: &str = "｜";

/// Whether `c` ends a sentence: 。！？； (and `!?;`), and the ellipsis
/// `…`. A line break ends a paragraph, which each stage reads on its own.
pub fn is_sentence_end(c: char) -> bool {
    matches!(
        c,
        FULL_STOP | EXCLAMATION | QUESTION | SEMICOLON | '!' | '?' | ';' | '…'
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn sentence_ends() {
        for c in "。！？；!?;…".chars() {
            assert!(super::is_sentence_end(c), "{c}");
        }
        for c in "，、：\n.".chars() {
            assert!(!super::is_sentence_end(c), "{c}");
        }
    }
}
