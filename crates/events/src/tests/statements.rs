//! Session 11 (issue #16): a condition's scope, a request answered (应X要求),
//! every pair of the participants of a joint activity, the reach of a
//! date opening a middle clause, and the object of 把. Sentences written
//! for these tests.

use super::{coded, ev_tx};

fn sorted(mut v: Vec<&str>) -> Vec<String> {
    v.sort();
    v.into_iter().map(str::to_string).collect()
}

#[test]
fn a_condition_does_not_reach_past_a_connective() {
    assert_eq!(
        coded(
            "报告指出，大陆为一旦台湾宣布独立时的军事行动做准备，为此，美国政府已经批准对台军售。"
        ),
        sorted(vec!["USA>TWN:072"])
    );
    // The consequence stays hypothetical.
    assert!(coded("如果伊朗继续浓缩铀，美国将对伊朗实施制裁，并与以色列举行会谈。").is_empty());
    assert!(coded("一旦谈判破裂，日本将向乌克兰提供援助，并派遣人员。").is_empty());
}

#[test]
fn a_request_answered_is_neither_modal_nor_the_subject() {
    assert_eq!(
        coded("挪威应德国要求逮捕了一名俄罗斯间谍。"),
        sorted(vec!["DEU>NOR:020", "NOR>DEU:063", "NOR>RUS:173"])
    );
    // A modal 应该 still blocks.
    assert!(coded("挪威外交部表示，应该逮捕俄罗斯间谍。").is_empty());
}

#[test]
fn participants_of_a_joint_activity_pair_up() {
    assert_eq!(
        coded("印度海军参加了美国和日本举行的联合军演。"),
        sorted(vec![
            "IND>JPN:062",
            "IND>USA:062",
            "JPN>IND:062",
            "JPN>USA:062",
            "USA>IND:062",
            "USA>JPN:062"
        ])
    );
    assert_eq!(
        coded("俄罗斯、中国和伊朗海军在阿拉伯海举行联合军演。"),
        sorted(vec![
            "CHN>IRN:062",
            "CHN>RUS:062",
            "IRN>CHN:062",
            "IRN>RUS:062",
            "RUS>CHN:062",
            "RUS>IRN:062"
        ])
    );
    // Criticism of an exercise two states hold pairs neither of them.
    assert_eq!(
        coded("中国外交部谴责美国和韩国举行的联合军演。"),
        sorted(vec!["CHN>KOR:111", "CHN>USA:111"])
    );
}

#[test]
fn a_middle_clause_date_stops_at_a_contrasted_subject() {
    let tx = [("2019年", "2019")];
    assert_eq!(
        ev_tx(
            "声明称，2019年美国曾多次批评伊朗，而俄罗斯却向叙利亚提供了武器。",
            &tx
        ),
        vec!["USA>IRN:111@2019", "RUS>SYR:072@2024-06-12"]
    );
    // A date opening the sentence dates it all.
    assert_eq!(
        ev_tx(
            "2019年美国曾多次批评伊朗，而俄罗斯却向叙利亚提供了武器。",
            &tx
        ),
        vec!["USA>IRN:111@2019", "RUS>SYR:072@2019"]
    );
}

#[test]
fn a_name_inside_the_object_of_ba_is_not_the_subject() {
    assert_eq!(
        coded("英国首相把一家中国公司的投资描述为中国的「特洛伊木马」。"),
        sorted(vec!["GBR>CHN:111"])
    );
    // No one named before 把: the names inside its object do not act.
    assert!(coded("报道称，有人把美国与中国达成的协议描述为中国的「特洛伊木马」。").is_empty());
}
