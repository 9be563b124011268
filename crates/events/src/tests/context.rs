//! Actors found from the context (issue #16, part 3): a zero subject going
//! on with the paragraph's topic in the next sentence, a pronoun owning the
//! name after it, 该国 for the last state named, and time clauses closing
//! with 之初. Every sentence was written for these tests.

use super::*;

/// (text, expected events `SRC>TGT:code`, space-separated; empty when
/// nothing may be coded).
const CASES: &[(&str, &str)] = &[
    // The next sentence opens with 随后/当天/还…: its omitted subject is the
    // topic of the paragraph (one record per root and date: the meeting
    // after the arrival is the same 04 record).
    (
        "日本首相周二抵达新德里。随后批评了巴基斯坦。",
        "JPN>IND:042 IND>JPN:043 JPN>PAK:111",
    ),
    (
        "普京周三抵達北京。當天還與越南國家主席簽署了合作協議。",
        "RUS>CHN:042 CHN>RUS:043 RUS>VNM:057 VNM>RUS:057",
    ),
    // A new subject in between is the topic.
    (
        "日本首相周二抵达新德里。德国总理随后批评了巴基斯坦。",
        "JPN>IND:042 IND>JPN:043 DEU>PAK:111",
    ),
    // Without a continuing word the sentence is not taken as the topic's.
    ("日本首相周二抵达新德里。批评了巴基斯坦。", "JPN>IND:042 IND>JPN:043"),
    // Not across a paragraph.
    ("日本首相周二抵达新德里。\n随后批评了巴基斯坦。", "JPN>IND:042 IND>JPN:043"),
    // Not from a name inside a quote.
    ("“日本首相是我们的朋友，”记者写道。随后批评了巴基斯坦。", ""),
    // 他的/她昔日的 + name: the name is the target, not the pronoun.
    ("特朗普接受采访。法国总统批评了他的老朋友普京。", "FRA>RUS:111"),
    ("英国首相今天谴责了他昔日的盟友特朗普。", "GBR>USA:111"),
    // 该国: the last state named.
    (
        "日本首相周二抵达越南。该国总理随后与日本首相签署了合作协议。",
        "JPN>VNM:042 VNM>JPN:043 VNM>JPN:057 JPN>VNM:057",
    ),
    // 在…之初: a time clause, its name no subject.
    ("中国外长在越南新政府成立之初即访问了越南。", "CHN>VNM:042 VNM>CHN:043"),
];

#[test]
fn actors_from_the_context() {
    let mut bad = Vec::new();
    for (s, want) in CASES {
        let mut w: Vec<String> = want.split_whitespace().map(str::to_string).collect();
        w.sort();
        w.dedup();
        let mut got = coded(s);
        got.dedup();
        if got != w {
            bad.push(format!("{s}\n    want {w:?}\n    got  {got:?}"));
        }
    }
    assert!(
        bad.is_empty(),
        "{} cases wrong:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
