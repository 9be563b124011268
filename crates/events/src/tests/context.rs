//! Actors found from the context (issue #16, part 3): a zero subject going
//! on with the paragraph's topic in the next sentence or with the speaker
//! of the quote it opens, a pronoun owning the name after it, 该国 for the
//! last state named, 双方 for the two states of the story, and time
//! clauses closing with 之初. Every sentence was written for these tests.

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
    (
        "日本首相周二抵达新德里。批评了巴基斯坦。",
        "JPN>IND:042 IND>JPN:043",
    ),
    // Not across a paragraph.
    (
        "日本首相周二抵达新德里。\n随后批评了巴基斯坦。",
        "JPN>IND:042 IND>JPN:043",
    ),
    // Not from a name inside a quote.
    ("“日本首相是我们的朋友，”记者写道。随后批评了巴基斯坦。", ""),
    // 他的/她昔日的 + name: the name is the target, not the pronoun.
    (
        "特朗普接受采访。法国总统批评了他的老朋友普京。",
        "FRA>RUS:111",
    ),
    ("英国首相今天谴责了他昔日的盟友特朗普。", "GBR>USA:111"),
    // 该国: the last state named.
    (
        "日本首相周二抵达越南。该国总理随后与日本首相签署了合作协议。",
        "JPN>VNM:042 VNM>JPN:043 VNM>JPN:057 JPN>VNM:057",
    ),
    // An official's quote opening its clause goes on with the speaker.
    ("“我们将继续支持乌克兰，”拜登说。", "USA>UKR:032"),
    ("“我们已经向乌克兰提供了军事援助，”布林肯说。", "USA>UKR:072"),
    // Not a quote opened in the middle of a narrated clause.
    ("去年他接受采访时，批评普京是一个“难以预测的人”。", ""),
    // 双方 with no pair nearby: the two states the story names most.
    (
        "越南国家主席周一抵达北京。中国国家主席为越南国家主席举行了欢迎仪式。会谈气氛友好。双方签署了合作协议。",
        "VNM>CHN:042 CHN>VNM:043 VNM>CHN:057 CHN>VNM:057",
    ),
    // …and none when no two states stand out.
    (
        "美国总统周一抵达东京。韩国总统随后抵达北京。会谈气氛友好。双方签署了合作协议。",
        "USA>JPN:042 JPN>USA:043 KOR>CHN:042 CHN>KOR:043",
    ),
    // 驻: the state after it hosts the representative and is no subject.
    (
        "中国驻美国大使周二会见了美国国务卿布林肯。",
        "CHN>USA:040 USA>CHN:040",
    ),
    // 在…之初: a time clause, its name no subject.
    (
        "中国外长在越南新政府成立之初即访问了越南。",
        "CHN>VNM:042 VNM>CHN:043",
    ),
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
