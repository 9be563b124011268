//! Dotted names whose characters are no transliteration characters, linking
//! by office, and bodies whose form holds a title — on sentences written for
//! these tests.

use std::sync::OnceLock;

mod common;

use shiju_core::{Entity, EntityType};
use shiju_entities::Gazetteer;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::new(None).expect("lexicon loads"))
}

fn run(s: &str, date: &str) -> Vec<Entity> {
    common::run_with(gaz(), s, date)
}

/// The person entity with a mention printed exactly as `form`.
fn person_printed<'a>(ents: &'a [Entity], form: &str) -> Option<&'a Entity> {
    ents.iter()
        .find(|e| e.kind == EntityType::Person && e.mentions.iter().any(|m| m.text == form))
}

fn ids(ents: &[Entity]) -> Vec<String> {
    ents.iter().map(|e| e.id.clone()).collect()
}

#[test]
fn a_listed_full_name_is_taken_whole() {
    // 登 ends no transliteration run, but the listed form does.
    let e = run(
        "美国总统乔·拜登周二在白宫表示，将继续支持盟友。",
        "2022-03-01",
    );
    let p = person_printed(&e, "乔·拜登").map(|p| p.id.as_str());
    assert_eq!(p, Some("person:biden"), "{:?}", ids(&e));
}

#[test]
fn a_dotted_name_right_after_a_title_starts_at_the_title() {
    let e = run("法国总理米歇尔·巴尼耶周三公布了预算草案。", "2024-10-10");
    assert!(
        person_printed(&e, "米歇尔·巴尼耶").is_some(),
        "{:?}",
        ids(&e)
    );
    // An unknown minister, hyphenated given name.
    let e = run(
        "喀麦隆通信部长让-皮埃尔·恩东戈否认了上述报道。",
        "2024-10-10",
    );
    assert!(
        person_printed(&e, "让-皮埃尔·恩东戈").is_some(),
        "{:?}",
        ids(&e)
    );
    // The generation marker opens the name: no character of the title.
    let e = run(
        "该公司执行董事长小威廉·克莱·福特说，新工厂明年投产。",
        "2024-10-10",
    );
    assert!(
        !e.iter().any(|x| x.id.starts_with("new:长")),
        "{:?}",
        ids(&e)
    );
}

#[test]
fn given_names_the_gazetteer_knows_open_a_dotted_name() {
    let e = run(
        "菲律宾农业部长何塞·雷耶斯宣布从越南进口大米。",
        "2024-10-10",
    );
    assert!(person_printed(&e, "何塞·雷耶斯").is_some(), "{:?}", ids(&e));
}

#[test]
fn the_last_segment_takes_one_other_character_and_glued_state_names() {
    let e = run(
        "比利时司法部长吕克·范登博斯表示，嫌犯已被引渡。",
        "2024-10-10",
    );
    assert!(
        person_printed(&e, "吕克·范登博斯").is_some(),
        "{:?}",
        ids(&e)
    );
    let e = run(
        "尼日利亚石油部长阿德巴约·奥卢塞贡说，产量有望回升。",
        "2024-10-10",
    );
    assert!(
        person_printed(&e, "阿德巴约·奥卢塞贡").is_some(),
        "{:?}",
        ids(&e)
    );
    // 马里 (Mali) inside a given name or a surname is no mention of Mali.
    let e = run(
        "菲律賓農業部長馬里奧·桑托斯今天宣布進口稻米。",
        "2024-10-10",
    );
    assert!(
        person_printed(&e, "馬里奧·桑托斯").is_some(),
        "{:?}",
        ids(&e)
    );
    assert!(
        !ids(&e).contains(&"country:MLI".to_string()),
        "{:?}",
        ids(&e)
    );
    let e = run(
        "伊拉克内政部长阿卜杜勒-阿米尔·舒马里视察了巴士拉。",
        "2024-10-10",
    );
    assert!(
        !ids(&e).contains(&"country:MLI".to_string()),
        "{:?}",
        ids(&e)
    );
    // A state's own name stays the state.
    let e = run("法国总统访问马里，会见了过渡政府领导人。", "2024-10-10");
    assert!(
        ids(&e).contains(&"country:MLI".to_string()),
        "{:?}",
        ids(&e)
    );
}

#[test]
fn a_surname_after_a_title_is_the_holder_on_the_date() {
    // Two Argentine Fernándezes: the president of the day.
    let e = run(
        "阿根廷总统费尔南德斯6日抵达北京，开始国事访问。",
        "2010-05-01",
    );
    assert!(
        ids(&e).contains(&"person:cristina-kirchner".to_string()),
        "{:?}",
        ids(&e)
    );
    let e = run(
        "阿根廷总统费尔南德斯6日抵达北京，开始国事访问。",
        "2022-02-01",
    );
    assert!(
        ids(&e).contains(&"person:alberto-fernandez".to_string()),
        "{:?}",
        ids(&e)
    );
    // A surname listed for another person: the office decides.
    let e = run("美国国务卿鲍威尔当天在联合国安理会发言。", "2003-02-05");
    assert!(
        ids(&e).contains(&"person:colin-powell".to_string()),
        "{:?}",
        ids(&e)
    );
    // Not an office the listed person held: no change.
    let e = run("美联储主席鲍威尔表示，将维持利率不变。", "2023-06-01");
    assert!(
        ids(&e).contains(&"person:jerome-powell".to_string()),
        "{:?}",
        ids(&e)
    );
}

#[test]
fn bodies_whose_form_holds_a_title_or_begins_in_a_state_form() {
    let e = run(
        "马耳他总理办公室周二发表声明，否认了相关报道。",
        "2024-10-10",
    );
    assert!(
        e.iter()
            .any(|x| x.kind == EntityType::Org && x.country.as_deref() == Some("MLT")),
        "{:?}",
        ids(&e)
    );
    let e = run("莱索托政府新闻处当天宣布了新的防疫措施。", "2024-10-10");
    assert!(
        e.iter()
            .any(|x| x.kind == EntityType::Org && x.country.as_deref() == Some("LSO")),
        "{:?}",
        ids(&e)
    );
}

#[test]
fn corpus_mined_office_holders_link_in_both_scripts() {
    // (sentence, reference date, person id); sentences written for this test.
    for (s, date, id) in [
        (
            "德国内政部长泽霍费尔周一宣布收紧边境管控。",
            "2019-06-10",
            "person:seehofer",
        ),
        (
            "澳大利亚贸易部长西蒙·伯明翰表示，将向世贸组织提出申诉。",
            "2020-11-20",
            "person:simon-birmingham",
        ),
        (
            "法國財長勒梅爾週二表示，數位稅將如期開徵。",
            "2020-02-11",
            "person:le-maire",
        ),
        (
            "黎巴嫩总理迪亚布宣布政府集体辞职。",
            "2020-08-10",
            "person:hassan-diab",
        ),
        (
            "捷克外長佩特里切克召見俄羅斯大使。",
            "2020-06-05",
            "person:petricek",
        ),
        (
            "泰国国王哇集拉隆功周六在曼谷主持仪式。",
            "2020-12-05",
            "person:vajiralongkorn",
        ),
        (
            "中国财政部长刘昆在记者会上介绍了减税措施。",
            "2021-03-07",
            "person:liu-kun",
        ),
        (
            "白俄罗斯反对派领导人季哈诺夫斯卡娅在维尔纽斯会见了欧洲议员。",
            "2021-02-02",
            "person:tsikhanouskaya",
        ),
    ] {
        let e = run(s, date);
        assert!(ids(&e).iter().any(|x| x == id), "{s}: {:?}", ids(&e));
    }
}

#[test]
fn a_cut_full_name_of_a_namesake_stays_unlinked() {
    // 约翰·肯尼迪 is also a senator's name: only the president's full forms are listed.
    let e = run("参议员约翰·肯尼迪周二批评了这项法案。", "2024-05-01");
    assert!(
        !ids(&e).iter().any(|x| x == "person:john-f-kennedy"),
        "{:?}",
        ids(&e)
    );
}
