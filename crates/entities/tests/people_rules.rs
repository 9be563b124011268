//! People the gazetteer lacks, on sentences written for these tests (both
//! scripts): names after titles, names around `·`, names before Latin
//! glosses, and the ids their romanisation gives; also compound forms and
//! word guards for states.

use std::sync::OnceLock;

use shiju_core::{date::parse_ymd, Context, Entity, EntityType};
use shiju_entities::Gazetteer;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::new(None).expect("lexicon loads"))
}

fn run_home(s: &str, home: Option<&str>) -> Vec<Entity> {
    let g = gaz();
    let text = g.normalizer().normalize(s);
    let ctx = Context {
        published: parse_ymd("2024-05-01"),
        script: shiju_text::detect_script(s),
        home: home.map(str::to_string),
    };
    let ents = g.recognize(&text, &ctx);
    for e in &ents {
        for m in &e.mentions {
            assert_eq!(&s[m.start..m.end], m.text, "{s}: mention of {}", e.id);
        }
    }
    ents
}

fn run(s: &str) -> Vec<Entity> {
    run_home(s, None)
}

fn people(ents: &[Entity]) -> Vec<(String, Vec<String>)> {
    ents.iter()
        .filter(|e| e.kind == EntityType::Person)
        .map(|e| (e.id.clone(), e.forms.clone()))
        .collect()
}

fn has_person(ents: &[Entity], id: &str, form: &str) -> bool {
    ents.iter()
        .any(|e| e.kind == EntityType::Person && e.id == id && e.forms.iter().any(|f| f == form))
}

#[test]
fn a_full_chinese_name_after_a_title_needs_no_boundary_word() {
    let e = run("县长陈德海前晚出席了庙会。");
    assert!(
        has_person(&e, "person:chen-dehai", "陈德海"),
        "{:?}",
        people(&e)
    );
    // Taiwan's outlets: Wade-Giles, as Taiwan writes its people's names.
    let e = run_home("縣長陳德海前晚出席了廟會。", Some("TWN"));
    assert!(
        has_person(&e, "person:chen-te-hai", "陳德海"),
        "{:?}",
        people(&e)
    );
    // A two-character name before 表示 is not cut at three characters.
    let e = run("发言人赵明表示，会谈富有成果。");
    assert!(
        has_person(&e, "person:zhao-ming", "赵明"),
        "{:?}",
        people(&e)
    );
    assert!(!e.iter().any(|x| x.forms.iter().any(|f| f == "赵明表")));
}

#[test]
fn the_romanisation_follows_the_state_named_most() {
    let e = run("台湾的官员王美花昨天访问美国，台湾官员陪同。");
    assert!(
        e.iter().any(|x| x.id == "person:wang-mei-hua"),
        "{:?}",
        people(&e)
    );
}

#[test]
fn words_after_titles_are_not_names() {
    for s in [
        "部长高度评价双方合作。",
        "外长向记者介绍了会谈情况。",
        "部長高度評價雙方合作。",
        "董事会决定延后发布财报。",
    ] {
        let e = run(s);
        assert!(people(&e).is_empty(), "{s}: {:?}", people(&e));
    }
}

#[test]
fn japanese_names_after_titles_keep_no_chinese_reading() {
    let e = run("大阪府知事吉村洋文昨天会见了来访的客人。");
    let p = people(&e);
    assert!(
        p.iter()
            .any(|(id, f)| id.starts_with("new:") && f.iter().any(|x| x == "吉村洋文")),
        "{p:?}"
    );
    let e = run("大阪府知事吉村洋文昨天會見了來訪的客人。");
    assert!(
        people(&e)
            .iter()
            .any(|(_, f)| f.iter().any(|x| x == "吉村洋文")),
        "{:?}",
        people(&e)
    );
}

#[test]
fn occupations_introduce_names() {
    for (s, form) in [
        ("维权律师孙立德昨天获释。", "孙立德"),
        ("維權律師孫立德昨天獲釋。", "孫立德"),
        ("时事评论员黄德胜发文说，选举有问题。", "黄德胜"),
        ("心理咨询师钟丽华接受采访时说，年轻人压力大。", "钟丽华"),
    ] {
        let e = run(s);
        assert!(
            people(&e).iter().any(|(_, f)| f.iter().any(|x| x == form)),
            "{s}: {:?}",
            people(&e)
        );
    }
}

#[test]
fn one_other_character_may_stand_next_to_the_dot() {
    let e = run("议员贝可·杨森表示反对这项法案。");
    assert!(
        people(&e)
            .iter()
            .any(|(_, f)| f.iter().any(|x| x == "贝可·杨森")),
        "{:?}",
        people(&e)
    );
    let e = run("議員貝可·楊森表示反對這項法案。");
    assert!(
        people(&e)
            .iter()
            .any(|(_, f)| f.iter().any(|x| x == "貝可·楊森")),
        "{:?}",
        people(&e)
    );
}

#[test]
fn generation_suffixes_belong_to_the_name() {
    let e = run("学者理查德·T·黑尔三世说，程序合法。");
    assert!(
        people(&e)
            .iter()
            .any(|(_, f)| f.iter().any(|x| x == "理查德·T·黑尔三世")),
        "{:?}",
        people(&e)
    );
}

#[test]
fn names_before_latin_glosses() {
    let e = run("专栏作家柯雪（Laura Keller）写道，局势紧张。");
    assert!(has_person(&e, "person:keller", "柯雪"), "{:?}", people(&e));
    let e = run("專欄作家柯雪（Laura Keller）寫道，局勢緊張。");
    assert!(has_person(&e, "person:keller", "柯雪"), "{:?}", people(&e));
    let e = run("当局拘押了加拿大公民柯明德（Robert Kellerman）。");
    assert!(
        has_person(&e, "person:kellerman", "柯明德"),
        "{:?}",
        people(&e)
    );
    // Institutions and products glossed in Latin are no people.
    for s in [
        "微信支付（WeChat Pay）推出新功能。",
        "耶鲁大学（Yale University）发表报告。",
        "司法盛（Natixis）的经济学家说。",
    ] {
        let e = run(s);
        assert!(
            !people(&e).iter().any(|(id, _)| id.starts_with("person:")),
            "{s}: {:?}",
            people(&e)
        );
    }
}

#[test]
fn compound_members_print_their_own_character() {
    let e = run("中俄两国在日本海举行联合军演。");
    let rus = e.iter().find(|x| x.id == "country:RUS").expect("RUS");
    assert!(rus.forms.iter().any(|f| f == "俄"), "{:?}", rus.forms);
    let e = run("中俄兩國舉行聯合軍演。");
    let rus = e.iter().find(|x| x.id == "country:RUS").expect("RUS");
    assert!(rus.forms.iter().any(|f| f == "俄"), "{:?}", rus.forms);
}

#[test]
fn a_visit_to_japan_is_japan() {
    for s in ["外长本周前往日本访问。", "外長本週前往日本訪問。"] {
        let e = run(s);
        assert!(e.iter().any(|x| x.id == "country:JPN"), "{s}");
    }
}

#[test]
fn mainland_and_our_country_without_their_names() {
    let e = run("大陆昨天宣布新的关税措施。");
    assert!(e.iter().any(|x| x.id == "country:CHN"), "{:?}", people(&e));
    let e = run("大陸昨天宣布新的關稅措施。");
    assert!(e.iter().any(|x| x.id == "country:CHN"));
    // The continent is not the state.
    for s in ["欧亚大陆的贸易通道。", "这片大陆架蕴藏石油。"] {
        assert!(!run(s).iter().any(|x| x.id == "country:CHN"), "{s}");
    }
    // 我国 is the outlet's state, not inside a quotation, not in 我国会.
    let e = run_home("我國漁船昨天平安返港。", Some("TWN"));
    assert!(e.iter().any(|x| x.id == "country:TWN"));
    let e = run_home("他说：“我国不会让步。”", Some("CHN"));
    assert!(!e.iter().any(|x| x.id == "country:CHN"));
    assert!(run("我国渔船昨天平安返港。").is_empty());
}

#[test]
fn an_honorific_may_stand_between_a_name_and_its_gloss() {
    let e = run("牧师约翰·保罗·史密斯博士（John Paul Smith）发表演说。");
    let p = people(&e);
    assert!(
        p.iter()
            .any(|(_, f)| f.iter().any(|x| x == "约翰·保罗·史密斯博士")
                && f.iter().any(|x| x == "John Paul Smith")),
        "{p:?}"
    );
}

#[test]
fn taiwan_renderings_with_na_and_ke() {
    let e = run("航太機構主席索馬那表示，任務順利完成。");
    assert!(
        people(&e)
            .iter()
            .any(|(_, f)| f.iter().any(|x| x == "索馬那")),
        "{:?}",
        people(&e)
    );
    let e = run("分析師菲洛提可說，市場可能回穩。");
    assert!(
        people(&e)
            .iter()
            .any(|(_, f)| f.iter().any(|x| x == "菲洛提可")),
        "{:?}",
        people(&e)
    );
}

#[test]
fn demonyms() {
    let e = run("在伦敦工作的德国人担心新规。");
    let deu = e.iter().find(|x| x.id == "country:DEU").expect("DEU");
    assert!(deu.forms.iter().any(|f| f == "德国人"), "{:?}", deu.forms);
    let e = run("德國人民支持這項政策。");
    let deu = e.iter().find(|x| x.id == "country:DEU").expect("DEU");
    assert!(!deu.forms.iter().any(|f| f == "德國人"), "{:?}", deu.forms);
}

#[test]
fn names_in_latin_letters_after_titles() {
    let e = run("商会主席Thomas Weber表示，企业担心投资环境。");
    assert!(
        has_person(&e, "person:weber", "Thomas Weber"),
        "{:?}",
        people(&e)
    );
    let e = run("商會主席 Thomas Weber 表示，企業擔心投資環境。");
    assert!(
        has_person(&e, "person:weber", "Thomas Weber"),
        "{:?}",
        people(&e)
    );
    for s in ["部长New York之行结束。", "主席Asia Society发表声明。"] {
        assert!(people(&run(s)).is_empty(), "{s}");
    }
}

/// Words that follow titles are not names, whatever surname they begin
/// with: 总统连任 is a re-election, not a President 连任.
#[test]
fn common_words_after_a_title_are_not_names() {
    for s in [
        "土耳其总统祝贺阿塞拜疆总统连任。",
        "澳洲總理祝賀印度總理連任。",
        "德国总理关于乌克兰局势的讲话引起关注。",
        "法国外长全面阐述了政府立场。",
    ] {
        let p = people(&run(s));
        assert!(p.is_empty(), "{s}: {p:?}");
    }
}

/// A verb before a titled person ends that person's affiliation: the
/// state after 批评/称赞/警告 is the object's own, and stays a mention.
#[test]
fn a_verb_before_a_title_ends_the_affiliation() {
    for (s, iso, id) in [
        (
            "波兰总统周二批评英国首相斯塔默的移民政策。",
            "GBR",
            "person:starmer",
        ),
        ("荷蘭首相稱讚法國總統馬克龍的改革。", "FRA", "person:macron"),
        (
            "日本外相警告朝鲜领导人金正恩停止试射导弹。",
            "PRK",
            "person:kim-jong-un",
        ),
    ] {
        let e = run(s);
        assert!(
            e.iter().any(|x| x.id == format!("country:{iso}")),
            "{s}: {:?}",
            e.iter().map(|x| &x.id).collect::<Vec<_>>()
        );
        assert!(e.iter().any(|x| x.id == id), "{s}: {:?}", people(&e));
    }
}

#[test]
fn knows_person_answers_by_id_with_or_without_prefix() {
    let g = gaz();
    assert!(g.knows_person("bill-clinton"));
    assert!(g.knows_person("person:bill-clinton"));
    assert!(!g.knows_person("person:bill-clinton-2"));
    assert!(!g.knows_person("nobody-of-that-name"));
    assert!(!g.knows_person(""));
}
