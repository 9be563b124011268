//! Session 12 classes, each with sentences written for these tests:
//! joining an exercise others hold without 的, plans dated by their
//! announcement, refused demands, and negations inside a demand's content.

use super::*;

/// 参加A和B举行联合演习 (no 的): every pair of the three exercises together.
#[test]
fn joining_an_exercise_others_hold_without_de() {
    let got = coded("澳大利亚将参加美国和日本在南海举行联合演习。");
    let want = [
        "AUS>JPN:0312",
        "AUS>USA:0312",
        "JPN>AUS:0312",
        "JPN>USA:0312",
        "USA>AUS:0312",
        "USA>JPN:0312",
    ];
    assert_eq!(got, want);
    // Holding talks with two states is not their holding them together.
    let talks = coded("中国与美国和日本举行会谈。");
    assert!(
        !talks
            .iter()
            .any(|e| e.starts_with("USA>JPN") || e.starts_with("JPN>USA")),
        "{talks:?}"
    );
}

/// A plan is dated by its announcement, not by the month it is carried
/// out in (本月稍晚), when that month holds the reference date.
#[test]
fn plans_are_dated_by_the_announcement() {
    let s = "澳大利亚本月稍晚将参加美国和日本举行的联合演习。";
    let got = ev_tx(s, &[("本月稍晚", "2024-06")]);
    assert!(
        got.contains(&"AUS>USA:0312@2024-06-12".to_string()),
        "{got:?}"
    );
    // A past month still dates the report of a past act.
    let past = ev_tx("美国5月对伊朗实施制裁。", &[("5月", "2024-05")]);
    assert_eq!(past, ["USA>IRN:163@2024-05"]);
}

/// 拒绝了X…的要求: X made the demand (X → refuser 100); a request is not
/// a demand, and a negation in what the demand asks (要求其停止) does not
/// negate the refusal.
#[test]
fn refused_demands_were_made() {
    assert_eq!(
        coded("伊朗拒绝了美国要求其停止浓缩铀的要求。"),
        ["IRN>USA:120", "USA>IRN:100"]
    );
    assert_eq!(coded("伊朗拒绝了美国的请求。"), ["IRN>USA:120"]);
    assert!(coded("伊朗不会拒绝美国的要求。").is_empty());
}

/// A match negated by words outside a shorter match of the same reading
/// inside it (the second clause's 不要) leaves that one coded.
#[test]
fn a_negated_match_leaves_the_same_reading_inside_it() {
    assert_eq!(
        coded("美国提醒日本不要低估风险，不要重复过去的错误。"),
        ["USA>JPN:020"]
    );
    assert!(coded("美国没有提醒日本不要低估风险。").is_empty());
}
