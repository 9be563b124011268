//! Quote attribution on sentences written for these tests (both scripts).

use crate::Coder;
use shiju_core::{Context, Entity, EntityType, Mention, Text};

/// (simplified form, id, person?) — a gazetteer for these tests only.
const GAZ: &[(&str, &str, bool)] = &[
    ("约翰·史密斯", "person:smith", true),
    ("史密斯", "person:smith", true),
    ("默克尔", "person:merkel", true),
    ("奥巴马", "person:obama", true),
    ("阿什顿·卡特", "person:carter", true),
    ("卡特", "person:carter", true),
    ("普京", "person:putin", true),
    ("特朗普", "person:trump", true),
    ("康德", "person:kant", true),
    ("玛丽·琼斯", "person:jones", true),
    ("琼斯", "person:jones", true),
    ("拉胡尔·夏尔马", "person:sharma", true),
    ("夏尔马", "person:sharma", true),
    ("铃木英敬", "person:suzuki", true),
    ("欧洲药品管理局", "org:EMA", false),
    ("克里姆林宫", "country:RUS", false),
    ("莫斯科", "country:RUS", false),
    ("北京", "country:CHN", false),
    ("英国", "country:GBR", false),
    ("日本", "country:JPN", false),
];

fn text(s: &str) -> Text {
    static N: std::sync::OnceLock<shiju_text::Normalizer> = std::sync::OnceLock::new();
    N.get_or_init(|| shiju_text::Normalizer::new(None).expect("normaliser"))
        .normalize(s)
}

/// Entities by leftmost-longest match of [`GAZ`] on the normalised text,
/// with spans in the original.
fn entities(t: &Text) -> Vec<Entity> {
    let norm = t.norm.as_str();
    let mut out: Vec<Entity> = Vec::new();
    let mut pos = 0;
    while pos < norm.len() {
        let hit = GAZ
            .iter()
            .filter(|g| norm[pos..].starts_with(g.0))
            .max_by_key(|g| g.0.len());
        let Some(&(form, id, person)) = hit else {
            pos += norm[pos..]
                .chars()
                .next()
                .map(|c| c.len_utf8())
                .unwrap_or(1);
            continue;
        };
        let (a, b) = t.orig_span(pos, pos + form.len());
        let m = Mention {
            text: t.original[a..b].to_string(),
            start: a,
            end: b,
            unit: shiju_core::Bytes,
        };
        match out.iter_mut().find(|e| e.id == id) {
            Some(e) => e.mentions.push(m),
            None => out.push(Entity {
                id: id.to_string(),
                kind: if person {
                    EntityType::Person
                } else if id.starts_with("org:") {
                    EntityType::Org
                } else {
                    EntityType::Country
                },
                country: id.strip_prefix("country:").map(str::to_string),
                role: None,
                name: None,
                forms: vec![form.to_string()],
                mentions: vec![m],
                actor: None,
            }),
        }
        pos += form.len();
    }
    out
}

fn coder() -> &'static Coder {
    static C: std::sync::OnceLock<Coder> = std::sync::OnceLock::new();
    C.get_or_init(|| Coder::new(None).expect("built-in lexicon"))
}

/// (speaker, quoted text) of every attributed quote of `s`.
fn quotes(s: &str) -> Vec<(String, String)> {
    let t = text(s);
    let ents = entities(&t);
    coder()
        .quotes(&t, &ents, &Context::default())
        .into_iter()
        .map(|q| (q.speaker.unwrap_or_default(), q.text))
        .collect()
}

fn speakers(s: &str) -> Vec<String> {
    quotes(s).into_iter().map(|q| q.0).collect()
}

#[test]
fn a_name_that_modifies_the_speaker_is_not_the_speaker() {
    assert_eq!(
        speakers("奥巴马政府时期的国防部长阿什顿·卡特曾表示，“我们不会在这个问题上让步。”"),
        ["person:carter"]
    );
    assert_eq!(
        speakers("奧巴馬政府時期的國防部長阿什頓·卡特曾表示：「我們不會在這個問題上讓步。」"),
        ["person:carter"]
    );
    // A name after 与 still opens the clause (与X宣称的“…”不同).
    assert_eq!(
        speakers("与特朗普宣称的“经济正在全面复苏”不同，数据并不乐观。"),
        ["person:trump"]
    );
}

#[test]
fn citing_gives_the_words_to_the_one_cited() {
    assert_eq!(
        speakers("默克尔引述康德的话说：“要有勇气运用你自己的理智。”"),
        ["person:kant"]
    );
    // The one cited is not named: no speaker.
    assert!(speakers("默克尔引述一封来信说：“我们要求公开全部真相。”").is_empty());
    assert!(speakers("默克爾引述一封來信說：「我們要求公開全部真相。」").is_empty());
}

#[test]
fn he_said_stands_for_the_last_person_introduced_as_a_subject() {
    let s = "“经济正在稳步复苏，”默克尔说。\n经济学家约翰·史密斯也表示，前景并不明朗。“通胀仍然是最大的风险，”他说。";
    assert_eq!(speakers(s), ["person:merkel", "person:smith"]);
    let s = "「經濟正在穩步復甦，」默克爾說。\n經濟學家約翰·史密斯也表示，前景並不明朗。「通脹仍然是最大的風險，」他說。";
    assert_eq!(speakers(s), ["person:merkel", "person:smith"]);
    // A name inside someone's reported words introduces no new speaker.
    let s = "“合作符合双方的利益，”史密斯说。\n史密斯说，莫斯科可能感到不安，但普京不太可能认为这是威胁。“这种想法太天真了，”他说。";
    assert_eq!(speakers(s), ["person:smith", "person:smith"]);
}

#[test]
fn a_speaker_goes_on_speaking() {
    // A paragraph opening with a quote right after an attributed one.
    let s = "“我们需要更多的时间。”史密斯说。\n“谈判还远远没有结束。”";
    assert_eq!(speakers(s), ["person:smith", "person:smith"]);
    let s = "「我們需要更多的時間。」史密斯說。\n「談判還遠遠沒有結束。」";
    assert_eq!(speakers(s), ["person:smith", "person:smith"]);
    // 并说“…” with no name of its own: the speaker of the quote before.
    let s = "琼斯说，这是“目前最好的选择。”并说“我们将继续努力下去。”";
    assert_eq!(speakers(s), ["person:jones", "person:jones"]);
    // A second quote in the same sentence.
    let s = "史密斯说，这份报告“完全不符合事实”，而且“严重损害了两国关系”。";
    assert_eq!(speakers(s), ["person:smith", "person:smith"]);
    // The previous sentence reports the speaker's words.
    let s =
        "琼斯在声明中说，这些应用程序会收集用户数据。北京可以利用这些数据来“追踪政府雇员的位置”。";
    assert_eq!(speakers(s), ["person:jones"]);
    let s = "瓊斯在聲明中說，這些應用程式會收集用戶數據。北京可以利用這些數據來「追蹤政府僱員的位置」。";
    assert_eq!(speakers(s), ["person:jones"]);
}

#[test]
fn the_sentence_subject_speaks_when_the_verb_has_no_name() {
    let s = "克里姆林宫驳斥了特朗普可能分裂两国的说法，称“两国关系不受外部因素影响”。";
    assert_eq!(speakers(s), ["country:RUS"]);
    let s = "克里姆林宮駁斥了特朗普可能分裂兩國的說法，稱「兩國關係不受外部因素影響」。";
    assert_eq!(speakers(s), ["country:RUS"]);
}

#[test]
fn a_new_sentence_after_a_finished_quote_is_not_its_attribution() {
    // “…。”X呼吁… : X's own act, not the quote's speaker.
    assert!(speakers("“这是一个错误的决定。”史密斯随后呼吁各方保持克制。").is_empty());
    // “…。”X说。 attributes.
    assert_eq!(
        speakers("“这是一个错误的决定。”资深分析师约翰·史密斯说。"),
        ["person:smith"]
    );
}

#[test]
fn unnamed_people_and_names_are_not_speakers_or_quotes() {
    assert!(speakers("许多日本网友留言：“这个节目实在太精彩了。”").is_empty());
    assert!(speakers("許多日本網友留言：「這個節目實在太精彩了。」").is_empty());
    // A state in a 在… phrase does not speak for an unknown person.
    assert!(speakers("纽约出生的约翰逊在针对英国疫情的记者会上说：“我们会渡过难关。”").is_empty());
    // Quoted names of documents and places are not speech.
    assert!(speakers("史密斯说，北京将提出“数据公益运作指引”草案。").is_empty());
    assert!(speakers("史密斯宣布“Tokyo Design Center”下月开幕。").is_empty());
    assert!(speakers("史密斯宣布「網路安全管理法」下月生效。").is_empty());
}

#[test]
fn a_quote_right_after_its_subjects_clause() {
    assert_eq!(
        speakers("史密斯至今没有改变看法，“他的表现还没有让我改变主意。”"),
        ["person:smith"]
    );
    assert_eq!(
        speakers("史密斯至今沒有改變看法，「他的表現還沒有讓我改變主意。」"),
        ["person:smith"]
    );
    // 该负责人说 after a quote: the official of the quote before.
    let s = "克里姆林宫援引一位负责人称，“会谈取得了积极的成果。”\n“双方还将继续保持密切沟通，”该负责人说。";
    assert_eq!(speakers(s), ["country:RUS", "country:RUS"]);
}

#[test]
fn someone_else_taking_the_floor_speaks_next() {
    let s = "“我们不会接受这个结果。”史密斯说。琼斯也不断呼吁重新计票。她问道：为什么要拖延？“只剩下十几天了，每一天都很关键。”";
    assert_eq!(speakers(s), ["person:smith", "person:jones"]);
}

#[test]
fn quotes_inside_quotes_belong_to_the_one_quoted() {
    let s = "琼斯说：“在1940年大选前夕，默克尔表示，民主不只是一个词——‘它是一个有生命的东西’。”";
    assert_eq!(
        quotes(s),
        [
            (
                "person:jones".to_string(),
                "在1940年大选前夕，默克尔表示，民主不只是一个词——‘它是一个有生命的东西’。"
                    .to_string()
            ),
            (
                "person:merkel".to_string(),
                "它是一个有生命的东西".to_string()
            )
        ]
    );
    let s = "瓊斯說：「史密斯警告普京『這樣下去沒有好結果』。」";
    assert_eq!(speakers(s), ["person:jones", "person:smith"]);
}

#[test]
fn so_called_terms_programmes_and_unknown_bodies() {
    assert!(speakers("史密斯说，并不存在所谓“以持有人取代当事人”的情形。").is_empty());
    assert!(speakers("史密斯在“周日新闻访谈”节目中回答了提问。").is_empty());
    // 美国 begins the name of a body the gazetteer lacks: not the speaker.
    assert!(speakers("美国国家反间谍执法办公室表示，“外国势力正在干预选举。”").is_empty());
    assert!(speakers("美國國家反間諜執法辦公室表示：「外國勢力正在干預選舉。」").is_empty());
}

#[test]
fn he_said_after_an_unknown_speaker_is_not_someone_else() {
    // The speaker of the first quote is not in the gazetteer: 他 is that
    // speaker, not the last known person.
    let s = "特朗普昨天发表了讲话。\n出生在纽约的约翰逊在记者会上说：“美国一直代表着自由。”\n他说：“这种做法是完全错误的。”";
    assert!(speakers(s).is_empty());
    let s = "特朗普昨天發表了講話。\n出生在紐約的約翰遜在記者會上說：「美國一直代表著自由。」\n他說：「這種做法是完全錯誤的。」";
    assert!(speakers(s).is_empty());
    // Someone unknown, glossed in Latin letters, was just introduced.
    let s = "特朗普昨天发表了讲话。\n安娜·威尔逊（Anna Wilson）是一个组织的创办人。她说：“我们要拯救这个国家。”";
    assert!(speakers(s).is_empty());
}

#[test]
fn a_short_form_of_someone_named_before_speaks() {
    // The given name of a dotted name.
    let s =
        "印度棋手拉胡尔·夏尔马在亚洲锦标赛上夺冠。\n“这是我职业生涯中最艰难的一场比赛，”拉胡尔说。";
    assert_eq!(speakers(s), ["person:sharma"]);
    let s = "印度棋手拉胡爾·夏爾馬在亞洲錦標賽上奪冠。\n「這是我職業生涯中最艱難的一場比賽，」拉胡爾說。";
    assert_eq!(speakers(s), ["person:sharma"]);
    // The surname of a long name without a dot, before a title.
    let s = "三重县知事铃木英敬会见了来访的贸易代表团。\n铃木知事在记者会上表示：“希望双方扩大农产品贸易。”";
    assert_eq!(speakers(s), ["person:suzuki"]);
    let s = "三重縣知事鈴木英敬會見了來訪的貿易代表團。\n鈴木知事在記者會上表示：「希望雙方擴大農產品貿易。」";
    assert_eq!(speakers(s), ["person:suzuki"]);
    // The tail of a body's long name.
    let s = "欧洲药品管理局周二发布了评估结果。药品管理局表示，“该疫苗的益处大于风险。”";
    assert_eq!(speakers(s), ["org:EMA"]);
    let s = "歐洲藥品管理局週二發布了評估結果。藥品管理局表示：「該疫苗的益處大於風險。」";
    assert_eq!(speakers(s), ["org:EMA"]);
}

#[test]
fn a_document_speaks_for_its_issuer() {
    let s = "参议员玛丽·琼斯周三发布了一份报告，提出多项政策建议。\n报告称，“欧洲的能源转型必须加快步伐。”";
    assert_eq!(speakers(s), ["person:jones"]);
    let s = "參議員瑪麗·瓊斯週三發布了一份報告，提出多項政策建議。\n報告稱：「歐洲的能源轉型必須加快步伐。」";
    assert_eq!(speakers(s), ["person:jones"]);
    // Issued by 她: the person named just before.
    let s = "关注贸易问题的参议员玛丽·琼斯上月提出一项法案。星期五，她发布了名为“重建供应链”的白皮书。\n这份白皮书指出，“供应链过度集中是最大的风险。”";
    assert_eq!(speakers(s), ["person:jones"]);
    // No issuer named: no one.
    assert!(speakers("报告称，“欧洲的能源转型必须加快步伐。”").is_empty());
    assert!(speakers("社評還稱，這項協議「為地區和平帶來了新的希望」。").is_empty());
}

#[test]
fn an_unknown_body_opening_the_clause_before_speaks() {
    let s = "默克尔发表讲话后，一家医学研究院今天成立，称将建设“亚洲领先的疫苗研发中心”。";
    assert!(speakers(s).is_empty());
    let s = "默克爾發表講話後，一家醫學研究院今天成立，稱將建設「亞洲領先的疫苗研發中心」。";
    assert!(speakers(s).is_empty());
    // A place is not a body that speaks.
    let s = "默克尔在一所大学发表演讲，称“欧洲必须团结起来应对挑战”。";
    assert_eq!(speakers(s), ["person:merkel"]);
}

#[test]
fn latin_titles_and_coined_names_are_not_speech() {
    assert!(speakers(
        "史密斯指出，包括“Journal of Strategic Studies”在内的多家刊物都刊登了类似文章。"
    )
    .is_empty());
    assert!(speakers("市政府宣布「Crème Brûlée Festival」将于5月举行。").is_empty());
    // The verb's object is the coined name; the next quote is not its speech.
    let s = "默克尔称之为“欧洲的稳定之锚”的国家，成为“连最稳定的经济体也会陷入衰退”的例证。";
    assert_eq!(speakers(s), ["person:merkel"]);
    let s = "默克爾稱之為「歐洲的穩定之錨」的國家，成為「連最穩定的經濟體也會陷入衰退」的例證。";
    assert_eq!(speakers(s), ["person:merkel"]);
}

#[test]
fn analysing_introduces_speech() {
    assert_eq!(
        speakers("史密斯分析，“今年的油价很可能继续上涨。”"),
        ["person:smith"]
    );
    assert_eq!(
        speakers("史密斯分析：「今年的油價很可能繼續上漲。」"),
        ["person:smith"]
    );
}

#[test]
fn she_stands_for_the_person_opening_the_clause_before() {
    let s = "默克尔肯定了琼斯的工作，琼斯也感谢默克尔多年来的支持，她说，合作一直非常顺利；她呼吁选民参加投票，并喊出“让我们携手建设更好的家园”。";
    assert_eq!(speakers(s), ["person:jones"]);
    let s = "默克爾肯定了瓊斯的工作，瓊斯也感謝默克爾多年來的支持，她說，合作一直非常順利；她呼籲選民參加投票，並喊出「讓我們攜手建設更好的家園」。";
    assert_eq!(speakers(s), ["person:jones"]);
}

#[test]
fn he_after_someone_introduced_by_a_latin_given_name_is_not_the_one_before() {
    let s = "史密斯说，签证审批越来越慢。\nTom与几位同事上月一起提交了申请，至今没有消息。他认为，“如果打算离开，最好尽早准备。”";
    assert!(speakers(s).is_empty());
    let s = "史密斯說，簽證審批越來越慢。\nTom與幾位同事上月一起提交了申請，至今沒有消息。他認為：「如果打算離開，最好盡早準備。」";
    assert!(speakers(s).is_empty());
}

#[test]
fn a_name_the_recogniser_missed_the_second_time() {
    // The recogniser found 布朗 after a title but not the second time.
    for s in [
        "财政部长布朗表示，政府将削减部分开支。\n布朗说，“我们必须让预算重新恢复平衡。”",
        "財政部長布朗表示，政府將削減部分開支。\n布朗說：「我們必須讓預算重新恢復平衡。」",
    ] {
        let t = text(s);
        let first = t.norm.find("布朗").expect("name");
        let (a, b) = t.orig_span(first, first + "布朗".len());
        let ents = vec![Entity {
            id: "person:brown".into(),
            kind: EntityType::Person,
            country: Some("GBR".into()),
            role: None,
            name: None,
            forms: vec!["布朗".into()],
            mentions: vec![Mention {
                text: t.original[a..b].to_string(),
                start: a,
                end: b,
                unit: shiju_core::Bytes,
            }],
            actor: None,
        }];
        let got: Vec<String> = coder()
            .quotes(&t, &ents, &Context::default())
            .into_iter()
            .filter_map(|q| q.speaker)
            .collect();
        assert_eq!(got, ["person:brown"]);
    }
}

#[test]
fn a_closing_mark_printed_as_an_opening_one() {
    let s = "史密斯在谈到失业率时说：“这些数据根本站不住脚。“ 据报道，议会正在审议新的预算案。";
    let q = quotes(s);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].0, "person:smith");
    assert!(q[0].1.starts_with("这些数据根本站不住脚。"));
    let s = "史密斯在談到失業率時說：「這些數據根本站不住腳。」據報導，議會正在審議新的預算案。";
    assert_eq!(speakers(s), ["person:smith"]);
}

#[test]
fn a_reporting_verb_reaches_past_another_verb_with_its_own_subject() {
    let s = "史密斯称，莫斯科正在扩充军备，为此，英国已经宣布增加国防预算，而莫斯科却借口演习“在边境地区频繁调动部队。”";
    assert_eq!(speakers(s), ["person:smith"]);
    let s = "史密斯稱，莫斯科正在擴充軍備，為此，英國已經宣布增加國防預算，而莫斯科卻藉口演習「在邊境地區頻繁調動部隊。」";
    assert_eq!(speakers(s), ["person:smith"]);
    // Without a reporting verb, the last verb's subject is not the speaker.
    let s = "英国宣布增加国防预算，而莫斯科却借口演习“在边境地区频繁调动部队。”";
    assert!(speakers(s).is_empty());
}

#[test]
fn he_after_an_unknown_speakers_quote_is_not_the_one_before() {
    let s = "史密斯说，签证审批越来越慢。\nTom与几位同事上月一起提交了申请，至今没有消息，“起初我以为是材料出了问题。”\n他指，这类申请通常需要三个月，但今年明显变慢了，原因不得而知。他认为，随着两国关系紧张，审批只会更严，“如果打算离开，最好尽早准备。”";
    assert!(speakers(s).is_empty());
    let s = "史密斯說，簽證審批越來越慢。\nTom與幾位同事上月一起提交了申請，至今沒有消息，「起初我以為是材料出了問題。」\n他指，這類申請通常需要三個月，但今年明顯變慢了，原因不得而知。他認為，隨著兩國關係緊張，審批只會更嚴，「如果打算離開，最好盡早準備。」";
    assert!(speakers(s).is_empty());
}

#[test]
fn a_document_issued_far_back_is_found_past_a_long_text() {
    let filler = "会议还讨论了能源与气候议题，各方表示愿意继续沟通。".repeat(100);
    let s = format!("参议员玛丽·琼斯周三发布了一份报告，提出多项政策建议。\n{filler}\n报告称，“欧洲的能源转型必须加快步伐。”");
    // Far beyond the window: no issuer, no speaker, and no panic.
    assert!(speakers(&s).is_empty());
    let filler = "各方表示愿意继续沟通。".repeat(20);
    let s = format!("参议员玛丽·琼斯周三发布了一份报告，提出多项政策建议。\n{filler}\n报告称，“欧洲的能源转型必须加快步伐。”");
    assert_eq!(speakers(&s), ["person:jones"]);
}
