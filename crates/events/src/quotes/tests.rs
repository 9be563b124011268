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
    ("巴努·普拉卡什", "person:prakash", true),
    ("普拉卡什", "person:prakash", true),
    ("平井伸治", "person:hirai", true),
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
    let s = "印度数学奇才巴努·普拉卡什夺得世界心算大赛金牌。\n“但我从没想过自己会成为最快的人，”巴努说。";
    assert_eq!(speakers(s), ["person:prakash"]);
    let s = "印度數學奇才巴努·普拉卡什奪得世界心算大賽金牌。\n「但我從沒想過自己會成為最快的人，」巴努說。";
    assert_eq!(speakers(s), ["person:prakash"]);
    // The surname of a long name without a dot, before a title.
    let s = "鸟取县知事平井伸治与航空公司董事长会谈。\n平井知事在会后表示：“希望能在近期开通定期航线。”";
    assert_eq!(speakers(s), ["person:hirai"]);
    let s = "鳥取縣知事平井伸治與航空公司董事長會談。\n平井知事在會後表示：「希望能在近期開通定期航線。」";
    assert_eq!(speakers(s), ["person:hirai"]);
    // The tail of a body's long name.
    let s = "欧洲药品管理局周二发布了评估结果。药品管理局表示，“该疫苗的益处大于风险。”";
    assert_eq!(speakers(s), ["org:EMA"]);
    let s = "歐洲藥品管理局週二發布了評估結果。藥品管理局表示：「該疫苗的益處大於風險。」";
    assert_eq!(speakers(s), ["org:EMA"]);
}

#[test]
fn a_document_speaks_for_its_issuer() {
    let s = "参议员玛丽·琼斯周三发布了一份白皮书，提出多项政策建议。\n白皮书称，“美国必须加强在亚太地区的威慑能力。”";
    assert_eq!(speakers(s), ["person:jones"]);
    let s = "參議員瑪麗·瓊斯週三發布了一份白皮書，提出多項政策建議。\n白皮書稱：「美國必須加強在亞太地區的威懾能力。」";
    assert_eq!(speakers(s), ["person:jones"]);
    // Issued by 她: the person named just before.
    let s = "对北京立场强硬的参议员玛丽·琼斯上月提出一项法案。星期三，她发布了名为“疫情之后的对华关系”的白皮书。\n这份白皮书指出，“北京的霸凌行为仍然处于挑战的最前线。”";
    assert_eq!(speakers(s), ["person:jones"]);
    // No issuer named: no one.
    assert!(speakers("白皮书称，“美国必须加强在亚太地区的威慑能力。”").is_empty());
    assert!(speakers("社評還稱，美國發動的貿易戰「毫無疑問已經被證明失敗了」。").is_empty());
}

#[test]
fn an_unknown_body_opening_the_clause_before_speaks() {
    let s = "默克尔发表讲话后，一家企业家学院今天揭牌，称将打造“欧洲一流的企业家培训基地”。";
    assert!(speakers(s).is_empty());
    let s = "默克爾發表講話後，一家企業家學院今天揭牌，稱將打造「歐洲一流的企業家培訓基地」。";
    assert!(speakers(s).is_empty());
    // A place is not a body that speaks.
    let s = "默克尔在一所大学发表演讲，称“欧洲必须团结起来应对挑战”。";
    assert_eq!(speakers(s), ["person:merkel"]);
}

#[test]
fn latin_titles_and_coined_names_are_not_speech() {
    assert!(
        speakers("史密斯指出，包括“War on the Rocks”在内的多家刊物都提出了类似看法。").is_empty()
    );
    assert!(speakers("公司宣布「Pokémon Center TAIPEI」将于12月开幕。").is_empty());
    // The verb's object is the coined name; the next quote is not its speech.
    let s = "奥巴马总统喜欢称之为“山巅之城”的地方，成为“即使是成熟的民主国家也会面临挑战”的案例。";
    assert_eq!(speakers(s), ["person:obama"]);
    let s =
        "奧巴馬總統喜歡稱之為「山巔之城」的地方，成為「即使是成熟的民主國家也會面臨挑戰」的案例。";
    assert_eq!(speakers(s), ["person:obama"]);
}

#[test]
fn analysing_introduces_speech() {
    assert_eq!(
        speakers("史密斯分析，“在香港出生的申请人一定占优势。”"),
        ["person:smith"]
    );
    assert_eq!(
        speakers("史密斯分析：「在香港出生的申請人一定佔優勢。」"),
        ["person:smith"]
    );
}

#[test]
fn she_stands_for_the_person_opening_the_clause_before() {
    let s = "默克尔肯定了琼斯的表现，琼斯也推崇默克尔在任内照顾选民，她说，这两天的相处很愉快；她呼吁选民支持执政党，并喊出“团结一致赢得最后胜利”。";
    assert_eq!(speakers(s), ["person:jones"]);
    let s = "默克爾肯定了瓊斯的表現，瓊斯也推崇默克爾在任內照顧選民，她說，這兩天的相處很愉快；她呼籲選民支持執政黨，並喊出「團結一致贏得最後勝利」。";
    assert_eq!(speakers(s), ["person:jones"]);
}

#[test]
fn he_after_someone_introduced_by_a_latin_given_name_is_not_the_one_before() {
    let s = "史密斯说，审查越来越严格。\nEric与两位同学一起递表申请移民，一周后才收到通知。他认为，“如果你想走，越早安排越好。”";
    assert!(speakers(s).is_empty());
    let s = "史密斯說，審查越來越嚴格。\nEric與兩位同學一起遞表申請移民，一週後才收到通知。他認為：「如果你想走，越早安排越好。」";
    assert!(speakers(s).is_empty());
}

#[test]
fn a_name_the_recogniser_missed_the_second_time() {
    // The recogniser found 罗斯 after a title but not the second time.
    for s in [
        "商务部长罗斯表示，他的部门已经开始执行指令。\n罗斯说，“我们将继续完成我们的使命。”",
        "商務部長羅斯表示，他的部門已經開始執行指令。\n羅斯說：「我們將繼續完成我們的使命。」",
    ] {
        let t = text(s);
        let first = t.norm.find("罗斯").expect("name");
        let (a, b) = t.orig_span(first, first + "罗斯".len());
        let ents = vec![Entity {
            id: "person:ross".into(),
            kind: EntityType::Person,
            country: Some("USA".into()),
            role: None,
            name: None,
            forms: vec!["罗斯".into()],
            mentions: vec![Mention {
                text: t.original[a..b].to_string(),
                start: a,
                end: b,
            }],
            actor: None,
        }];
        let got: Vec<String> = coder()
            .quotes(&t, &ents, &Context::default())
            .into_iter()
            .filter_map(|q| q.speaker)
            .collect();
        assert_eq!(got, ["person:ross"]);
    }
}

#[test]
fn a_closing_mark_printed_as_an_opening_one() {
    let s = "史密斯在谈到检测时说：“这确实扭曲了数字。“ 据报道，白宫正在考虑另一项资助计划。";
    let q = quotes(s);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].0, "person:smith");
    assert!(q[0].1.starts_with("这确实扭曲了数字。"));
    let s = "史密斯在談到檢測時說：「這確實扭曲了數字。」據報導，白宮正在考慮另一項資助計劃。";
    assert_eq!(speakers(s), ["person:smith"]);
}

#[test]
fn a_reporting_verb_reaches_past_another_verb_with_its_own_subject() {
    let s = "史密斯称，北京持续发展先进军事能力，为此，华盛顿已经宣布5次对台军售，而北京却利用疫情“故意在周边秀肌肉。”";
    assert_eq!(speakers(s), ["person:smith"]);
    let s = "史密斯稱，北京持續發展先進軍事能力，為此，華盛頓已經宣布5次對台軍售，而北京卻利用疫情「故意在周邊秀肌肉。」";
    assert_eq!(speakers(s), ["person:smith"]);
    // Without a reporting verb, the last verb's subject is not the speaker.
    let s = "华盛顿宣布5次对台军售，而北京却利用疫情“故意在周边秀肌肉。”";
    assert!(speakers(s).is_empty());
}

#[test]
fn he_after_an_unknown_speakers_quote_is_not_the_one_before() {
    let s = "史密斯说，审查越来越严格。\nEric与两位同学一起递表申请移民，一周后才收到通知，“最初我还在想，是不是工作背景的关系。”\n他指，用这种身份申请已经比较宽松，但仍须提交工作证明，难以隐瞒过去的背景。他认为，随着关系恶化，审查只会越来越严，“如果你想走，越早安排越好。”";
    assert!(speakers(s).is_empty());
    let s = "史密斯說，審查越來越嚴格。\nEric與兩位同學一起遞表申請移民，一週後才收到通知，「最初我還在想，是不是工作背景的關係。」\n他指，用這種身份申請已經比較寬鬆，但仍須提交工作證明，難以隱瞞過去的背景。他認為，隨著關係惡化，審查只會越來越嚴，「如果你想走，越早安排越好。」";
    assert!(speakers(s).is_empty());
}

#[test]
fn a_document_issued_far_back_is_found_past_a_long_text() {
    let filler = "会议还讨论了能源与气候议题，各方表示愿意继续沟通。".repeat(100);
    let s = format!("参议员玛丽·琼斯周三发布了一份白皮书，提出多项政策建议。\n{filler}\n白皮书称，“美国必须加强在亚太地区的威慑能力。”");
    // Far beyond the window: no issuer, no speaker, and no panic.
    assert!(speakers(&s).is_empty());
    let filler = "各方表示愿意继续沟通。".repeat(20);
    let s = format!("参议员玛丽·琼斯周三发布了一份白皮书，提出多项政策建议。\n{filler}\n白皮书称，“美国必须加强在亚太地区的威慑能力。”");
    assert_eq!(speakers(&s), ["person:jones"]);
}
