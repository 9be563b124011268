//! Legislators imported from EveryPolitician's Wikidata labels
//! (`scripts/ep_legislators.py`), on sentences written for these tests: full
//! labels, reviewed bare surnames, dated seats, and the guards that keep
//! short forms out.

mod common;

use std::sync::OnceLock;

use common::run_with;
use shiju_core::{Entity, EntityType, RoleStatus};
use shiju_entities::Gazetteer;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::new(None).expect("lexicon loads"))
}

fn person<'a>(ents: &'a [Entity], id: &str) -> Option<&'a Entity> {
    ents.iter()
        .find(|e| e.kind == EntityType::Person && e.id == id)
}

fn ids(ents: &[Entity]) -> Vec<String> {
    ents.iter().map(|e| e.id.clone()).collect()
}

#[test]
fn labels_name_their_legislators_in_both_scripts() {
    let cases = [
        (
            "美国参议员约翰·麦凯恩周二在华盛顿批评俄罗斯。",
            "person:john-mccain",
        ),
        ("約翰·麥凱恩週二在華盛頓批評俄羅斯。", "person:john-mccain"),
        (
            "英国工党领袖科尔宾周三要求政府公布脱欧协议。",
            "person:corbyn",
        ),
        (
            "德国财长朔伊布勒表示，希腊必须继续改革。",
            "person:schauble",
        ),
        ("新加坡议员陈佩玲昨天在国会发言。", "person:tin-pei-ling"),
        (
            "柬埔寨外交大臣何南丰会见了到访的越南代表团。",
            "person:hor-namhong",
        ),
    ];
    for (s, id) in cases {
        let e = run_with(gaz(), s, "2016-03-01");
        assert!(person(&e, id).is_some(), "{s}: {:?}", ids(&e));
    }
}

#[test]
fn a_seat_printed_without_former_marker_is_held() {
    // The listed term of 涂谨申 ended with the fifth Legislative Council
    // (2016); he was re-elected, and news of 2019 prints him as a member.
    let s = "立法会议员涂谨申周三批评政府的修例建议。";
    let e = run_with(gaz(), s, "2019-05-08");
    let p = person(&e, "person:to-kun-sun").unwrap_or_else(|| panic!("{:?}", ids(&e)));
    let role = p.role.as_ref().expect("a role");
    assert_eq!(role.status, RoleStatus::InOffice, "{s}");
    assert_eq!(role.title, "legislator", "{s}");
    // With 前, the member is former.
    let s = "前立法会议员涂谨申周三批评政府的修例建议。";
    let e = run_with(gaz(), s, "2021-05-08");
    let p = person(&e, "person:to-kun-sun").unwrap_or_else(|| panic!("{:?}", ids(&e)));
    assert_eq!(p.role.as_ref().map(|r| r.status), Some(RoleStatus::Former));
    // Without a printed title the listed term decides: during it, in office.
    let s = "涂谨申周三批评政府的预算案。";
    let e = run_with(gaz(), s, "2014-05-08");
    let p = person(&e, "person:to-kun-sun").unwrap_or_else(|| panic!("{:?}", ids(&e)));
    assert_eq!(
        p.role.as_ref().map(|r| r.status),
        Some(RoleStatus::InOffice)
    );
}

#[test]
fn an_executive_office_stays_the_role_on_its_dates() {
    // Seats that overlap a listed office were not imported: on a day of her
    // chancellorship Merkel is chancellor, not a member of the Bundestag.
    let s = "默克尔周四在柏林会见了法国总统。";
    let e = run_with(gaz(), s, "2016-03-01");
    let p = person(&e, "person:merkel").unwrap_or_else(|| panic!("{:?}", ids(&e)));
    assert_eq!(
        p.role.as_ref().map(|r| r.title.as_str()),
        Some("chancellor")
    );
}

#[test]
fn a_longer_surname_is_not_the_listed_one() {
    // 卡斯塔内达 (Castañeda) holds 卡斯塔内 (Castaner): non_actors.tsv.
    let s = "墨西哥前外长卡斯塔内达周二在墨西哥城发表演讲。";
    let e = run_with(gaz(), s, "2019-03-01");
    assert!(
        person(&e, "person:castaner").is_none(),
        "{s}: {:?}",
        ids(&e)
    );
}

#[test]
fn short_forms_of_legislators_are_not_names() {
    // Two-character labels and one-character surnames are never forms: these
    // ordinary phrases name nobody.
    for s in [
        "陈先生和林女士周末去了海边。",
        "黄金价格周三上涨，投资者关注美联储决定。",
        "麦克风坏了，会议推迟到下午。",
    ] {
        let e = run_with(gaz(), s, "2016-03-01");
        assert!(
            e.iter().all(|x| x.kind != EntityType::Person),
            "{s}: {:?}",
            ids(&e)
        );
    }
}
