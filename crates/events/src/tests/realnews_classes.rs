//! The failure classes of issue #16, each with sentences written for these
//! tests (simplified and traditional script): modality and attribution,
//! nominal and passive events, refusals, titles joined by 、, and the
//! robustness of the actor units.

use super::*;

/// (sentence, expected events `SRC>TGT:code`, space-separated; empty when
/// nothing may be coded).
const CASES: &[(&str, &str)] = &[
    // Hopes and expectations of someone else are not reported acts.
    ("他也期待美国能继续支持日本。", ""),
    ("日本希望美国继续支持韩国。", ""),
    ("日本期盼德國繼續支持韓國。", ""),
    // The hoper's own intent stays coded (03 is exempt).
    ("越南希望与中国深化合作。", "VNM>CHN:030"),
    // An accusation: the accuser's act, not the accused's.
    ("美国指控伊朗袭击以色列。", "USA>IRN:112"),
    ("日本指責俄羅斯轟炸烏克蘭。", "JPN>RUS:112"),
    // Cancelled and postponed acts.
    ("俄罗斯宣布推迟访问印度。", ""),
    ("法國取消了訪問日本的行程。", ""),
    // Markdown links and URLs are never news text.
    ("[美国制裁伊朗](https://example.org/a)", ""),
    // Passives.
    ("日本受到中国的严厉批评。", "CHN>JPN:111"),
    ("日本受到中國的嚴厲批評。", "CHN>JPN:111"),
    ("韩国遭到朝鲜的警告。", "PRK>KOR:130"),
    ("以色列得到美国的坚定支持。", "USA>ISR:051"),
    // Nominal events.
    (
        "美国与俄罗斯的会谈持续了三个小时。",
        "USA>RUS:040 RUS>USA:040",
    ),
    ("欧盟对俄罗斯的制裁仍在持续。", "EU>RUS:163"),
    ("法國對伊朗的批評引起關注。", "FRA>IRN:111"),
    // Sanctions announced.
    ("中国宣布对美国实施制裁。", "CHN>USA:163"),
    ("中國宣布對美國實施制裁。", "CHN>USA:163"),
    // Refusals to meet.
    ("中国拒绝接见美国代表团。", "CHN>USA:125"),
    ("中國拒絕接見美國代表團。", "CHN>USA:125"),
    // Congratulations and condolences with the occasion in between.
    ("德国就新政府成立向意大利表示祝贺。", "DEU>ITA:051"),
    ("日本就地震向土耳其致以慰问。", "JPN>TUR:018"),
    // Orders to attack; closing a consulate.
    ("普京下令军队攻击乌克兰。", "RUS>UKR:190"),
    ("美国关闭了中国驻休斯敦总领馆。", "USA>CHN:161"),
    // 其 + 同/与 as the subject; two names side by side as one target.
    (
        "拜登昨天抵达东京。其同日本和韩国领导人举行会晤。",
        "USA>JPN:042 JPN>USA:043 USA>KOR:040 KOR>USA:040",
    ),
    (
        "习近平出席了活动。其同法国欧盟领导人举行视频会晤。",
        "CHN>FRA:041 FRA>CHN:041 CHN>EU:041 EU>CHN:041",
    ),
    ("美国及其同盟国举行会晤。", ""),
    // One-character names of visited states.
    ("习近平去年访缅。", "CHN>MMR:042 MMR>CHN:043"),
    ("拜登欽佩日本人民。", "USA>JPN:051"),
    ("联合国指出中国存在系统性侵犯人权的行为。", "UN>CHN:1122"),
    ("日本政府谴责，朝鲜的导弹试射危害地区和平。", "JPN>PRK:111"),
    // Weak roots: more wording, passives and nominals.
    ("俄罗斯驳斥了美国的指控。", "RUS>USA:016"),
    ("中国向新西兰提出引渡请求。", "CHN>NZL:0213"),
    ("日本与美国共享情报。", "JPN>USA:064 USA>JPN:064"),
    ("英国为乌克兰培训士兵。", "GBR>UKR:062"),
    ("伊朗赦免了英国籍记者。", "IRN>GBR:084"),
    ("美国对中国发起反倾销调查。", "USA>CHN:090"),
    ("韓國遭到日本的反傾銷調查。", "JPN>KOR:090"),
    ("欧盟要求俄罗斯作出解释。", "EU>RUS:100"),
    ("印度拒绝向中国发放签证。", "IND>CHN:121"),
    ("伊朗威胁对以色列采取报复措施。", "IRN>ISR:130"),
    ("朝鲜向韩国发出严厉警告。", "PRK>KOR:130"),
    ("中国在台湾附近部署了航母。", "CHN>TWN:150"),
    ("俄罗斯冻结了美国的资产。", "RUS>USA:171"),
    ("美国起诉了中国籍黑客。", "USA>CHN:173"),
    ("伊朗劫持了英国的油轮。", "IRN>GBR:181"),
    ("以色列击毙了伊朗指挥官。", "ISR>IRN:190"),
    ("俄軍攻陷了烏克蘭的城鎮。", "RUS>UKR:192"),
    ("叙利亚对土耳其发动化学武器袭击。", "SYR>TUR:2041"),
    ("越南也欢迎日本的投资。", "VNM>JPN:051"),
    ("印度希望維持與美國的良好關係。", "IND>USA:030"),
    // A chain of titles joined by 、 between a state and its leader.
    (
        "朝鲜劳动党总书记、国务委员长金正恩会见了俄罗斯总统普京。",
        "PRK>RUS:040 RUS>PRK:040",
    ),
];

#[test]
fn realnews_failure_classes() {
    let mut bad = Vec::new();
    for (s, want) in CASES {
        let mut w: Vec<String> = want.split_whitespace().map(str::to_string).collect();
        w.sort();
        let got = coded(s);
        if got != w {
            bad.push(format!("{s}\n    want {w:?}\n    got  {got:?}"));
        }
    }
    assert!(bad.is_empty(), "{} wrong:\n{}", bad.len(), bad.join("\n"));
}

/// A name found inside the pair word of a compound (美俄两国军人: 国军)
/// used to leave overlapping units and a slice with begin > end.
#[test]
fn a_name_inside_a_pair_word_does_not_panic() {
    let s = "美俄两国军人正在共同，兩國鼌同意在前導市發";
    let text = norm_text(s);
    let mut ents = find_entities_text(&text);
    let a = text.norm.find("国军").expect("国军 in the text");
    let (oa, ob) = text.orig_span(a, a + "国军".len());
    ents.push(Entity {
        id: "country:TWN".into(),
        kind: EntityType::Country,
        country: Some("TWN".into()),
        role: None,
        name: None,
        forms: vec!["国军".into()],
        mentions: vec![Mention {
            text: text.original[oa..ob].to_string(),
            start: oa,
            end: ob,
            unit: shiju_core::Bytes,
        }],
        actor: None,
    });
    let _ = coder().events_and_quotes(&text, &ents, &[], &ctx("2024-06-12"), &[]);
}

fn paragraphs(n: usize) -> String {
    let names = [
        "美国",
        "俄罗斯",
        "日本",
        "韩国",
        "德国",
        "法国",
        "英国",
        "印度",
    ];
    let mut out = String::new();
    for i in 0..n {
        let a = names[i % names.len()];
        let b = names[(i * 3 + 1) % names.len()];
        out.push_str(&format!(
            "第{i}段：{a}和{b}两国官员说，他们将继续对话，双方同意加强合作，拜登表示“这是第{i}次”。\n"
        ));
    }
    out
}

fn time_events(n: usize) -> f64 {
    let doc = paragraphs(n);
    let text = Text::identity(&doc);
    let ents = find_entities(&doc);
    let t0 = std::time::Instant::now();
    let _ = coder().events_and_quotes(&text, &ents, &[], &ctx("2024-06-12"), &[]);
    t0.elapsed().as_secs_f64()
}

/// Coding is linear in the number of paragraphs: four times the text may
/// take at most ten times as long (quadratic code takes sixteen), with a
/// second of slack for a busy machine.
#[test]
fn coding_time_is_linear_in_paragraphs() {
    let small = time_events(1_500);
    let large = time_events(6_000);
    assert!(
        large <= 10.0 * small + 1.0,
        "1,500 paragraphs {small:.2}s, 6,000 paragraphs {large:.2}s"
    );
}

/// Speech verbs of opinion and summary (认为, 总结, 主张…) attribute quotes
/// before and after them; 他 never stands for a state's earlier quote.
#[test]
fn quotes_with_opinion_and_summary_verbs() {
    let p = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        quotes_of("“我们不会退让，也不会放弃。”普京总结。"),
        vec![p("person:putin", "我们不会退让，也不会放弃。")]
    );
    assert_eq!(
        quotes_of("拜登認為：「這是一場重要的勝利。」"),
        vec![p("person:biden", "這是一場重要的勝利。")]
    );
    assert_eq!(
        quotes_of("中国外交部称，七国集团“阻挠国际和平”。\n拜登在会上发言。他说，美国希望建立“稳定和建设性的关系”。"),
        vec![
            p("country:CHN", "阻挠国际和平"),
            p("person:biden", "稳定和建设性的关系")
        ]
    );
}

fn explained(s: &str) -> Vec<SentenceTrace> {
    let text = norm_text(s);
    let ents = find_entities_text(&text);
    coder().explain(&text, &ents, &[], &ctx("2024-06-12"))
}

/// `explain` reports the patterns tried per sentence, the filter (and its
/// word) that dropped a match, and the events a sentence gave.
#[test]
fn explain_says_which_pattern_coded_and_which_filter_dropped() {
    let t = explained("他也期待美国能继续支持日本。美国宣布对伊朗实施制裁。");
    assert_eq!(t.len(), 2);
    assert!(t[0].events.is_empty());
    assert!(
        t[0].patterns
            .iter()
            .any(|p| p.outcome == "hope: 期待" && p.source == ["USA"] && p.target == ["JPN"]),
        "{:#?}",
        t[0].patterns
    );
    assert_eq!(t[1].text, "美国宣布对伊朗实施制裁。");
    assert!(t[1]
        .patterns
        .iter()
        .any(|p| p.outcome.starts_with("coded") && p.code == "163"));
    assert!(t[1]
        .events
        .iter()
        .any(|e| e.source == "USA" && e.target == "IRN" && e.code == "163"));
    // A sentence filter: a question codes nothing.
    let q = explained("美国会制裁伊朗吗？");
    assert!(q.iter().all(|s| s.events.is_empty()));
}

/// 他指，“…” (Hong Kong usage) attributes; quoted names of documents,
/// programmes and bodies are terms, not speech, and do not break a
/// speaker's run of quotes.
#[test]
fn quotes_with_zhi_and_quoted_names() {
    let p = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        quotes_of("普京指，“这是一个严重的错误。”"),
        vec![p("person:putin", "这是一个严重的错误。")]
    );
    assert_eq!(quotes_of("中国与东盟讨论“南海行为准则”。"), vec![]);
    assert_eq!(
        quotes_of("“我们会坚持到底，”拜登说。节目在“星期日新闻”播出。“这是我们的承诺。”"),
        vec![
            p("person:biden", "我们会坚持到底，"),
            p("person:biden", "这是我们的承诺。")
        ]
    );
}
