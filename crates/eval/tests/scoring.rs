//! Hand-made gold/prediction pairs for every scoring rule.

mod common;

use common::*;
use shiju_core::{Analysis, EntityType::*};
use shiju_eval::{evaluate, Gold, Report};

fn run(g: &Gold, a: &Analysis) -> Report {
    evaluate(&[(g, Some(a))], &identity)
}

fn ev_counts(g: &Gold, a: &Analysis) -> (usize, usize, usize) {
    let r = run(g, a);
    (r.counts.events.tp, r.counts.events.fp, r.counts.events.fn_)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

// ------------------------------------------------------------- entities

#[test]
fn entities_maximum_matching_beats_greedy() {
    let mut g = gold();
    // P0 shares a form with both gold entities, P1 only with G0: greedy
    // pairing P0–G0 would leave P1 unmatched.
    g.entities = vec![
        gent("person:a", Person, &["甲"]),
        gent("person:b", Person, &["乙"]),
    ];
    let mut a = analysis();
    a.entities = vec![
        pent("person:x", Person, &["甲", "乙"]),
        pent("person:y", Person, &["甲"]),
    ];
    let r = run(&g, &a);
    assert_eq!(
        (
            r.counts.entities.tp,
            r.counts.entities.fp,
            r.counts.entities.fn_
        ),
        (2, 0, 0)
    );
}

#[test]
fn entities_need_equal_type() {
    let mut g = gold();
    g.entities = vec![gent("country:USA", Country, &["美国"])];
    let mut a = analysis();
    a.entities = vec![pent("org:USA", Org, &["美国"])];
    let r = run(&g, &a);
    assert_eq!(
        (
            r.counts.entities.tp,
            r.counts.entities.fp,
            r.counts.entities.fn_
        ),
        (0, 1, 1)
    );
    assert_eq!(r.counts.entities.precision(), 0.0);
}

#[test]
fn entities_compare_normalised_forms_and_mentions() {
    let mut g = gold();
    g.entities = vec![
        gent("person:putin", Person, &["蒲亭"]),
        gent("country:CHN", Country, &["中國"]),
    ];
    let mut a = analysis();
    let mut china = pent("country:CHN", Country, &[]);
    china.mentions = vec![mention("中国")];
    a.entities = vec![pent("person:putin", Person, &["普京"]), china];
    let r = evaluate(&[(&g, Some(&a))], &tiny_t2s);
    assert_eq!(r.counts.entities.tp, 2);
    // Without normalisation neither matches.
    let r = evaluate(&[(&g, Some(&a))], &identity);
    assert_eq!(r.counts.entities.tp, 0);
}

#[test]
fn linking_is_share_of_matched_pairs_with_equal_id() {
    let mut g = gold();
    g.entities = vec![
        gent("person:biden", Person, &["拜登"]),
        gent("person:lipsky", Person, &["利普斯基"]),
    ];
    let mut a = analysis();
    a.entities = vec![
        pent("person:biden", Person, &["拜登"]),
        pent("new:利普斯基", Person, &["利普斯基"]),
    ];
    let r = run(&g, &a);
    assert_eq!(r.counts.entities.tp, 2);
    assert!(close(r.linking(), 0.5));
    assert_eq!(
        r.per_document[0].unlinked,
        vec![("person:lipsky".to_string(), "new:利普斯基".to_string())]
    );
}

#[test]
fn linking_prefers_equal_ids_among_maximum_matchings() {
    let mut g = gold();
    g.entities = vec![gent("person:a", Person, &["甲"])];
    let mut a = analysis();
    a.entities = vec![
        pent("new:甲", Person, &["甲"]),
        pent("person:a", Person, &["甲先生", "甲"]),
    ];
    let r = run(&g, &a);
    assert_eq!((r.counts.entities.tp, r.counts.entities.fp), (1, 1));
    assert!(close(r.linking(), 1.0));
}

// ----------------------------------------------------------------- timex

#[test]
fn timex_repeated_predictions_count_once() {
    let mut g = gold();
    g.timex = vec![
        gtx("今天", "2025-02-24"),
        gtx("今天", "2025-02-25"),
        gtx("周一", "2025-02-24"),
    ];
    let mut a = analysis();
    a.timex = vec![
        ptx("今天", "2025-02-24"),
        ptx("今天", "2025-02-24"),
        ptx("周一", "2025-02-24"),
        ptx("周一", "2025-02-17"),
    ];
    let r = run(&g, &a);
    // The repeated 今天=2025-02-24 is the same pair, not a false positive;
    // 周一=2025-02-17 is one.
    assert_eq!(
        (r.counts.timex.tp, r.counts.timex.fp, r.counts.timex.fn_),
        (2, 1, 1)
    );
    let d = &r.per_document[0];
    assert_eq!(
        d.missed_timex,
        vec![("今天".to_string(), "2025-02-25".to_string())]
    );
}

#[test]
fn timex_text_is_normalised_on_both_sides() {
    let mut g = gold();
    g.timex = vec![gtx("上週", "2022-W36")];
    let mut a = analysis();
    a.timex = vec![ptx("上周", "2022-W36")];
    let norm = |s: &str| s.replace('週', "周");
    let r = evaluate(&[(&g, Some(&a))], &norm);
    assert_eq!(r.counts.timex.tp, 1);
    assert_eq!(run(&g, &a).counts.timex.tp, 0);
}

// ---------------------------------------------------------------- events

#[test]
fn event_day_precision_allows_one_day() {
    let mut g = gold();
    g.events = vec![gev("USA", "UKR", "07", &[], "2024-11-17")];
    for (date, ok) in [
        ("2024-11-16", true),
        ("2024-11-17", true),
        ("2024-11-18", true),
        ("2024-11-19", false),
        ("2024-11-15", false),
    ] {
        let mut a = analysis();
        a.events = vec![pev("USA", "UKR", "072", date)];
        assert_eq!(ev_counts(&g, &a).0 == 1, ok, "{date}");
    }
    // Across a month boundary.
    g.events = vec![gev("USA", "UKR", "07", &[], "2024-03-01")];
    let mut a = analysis();
    a.events = vec![pev("USA", "UKR", "07", "2024-02-29")];
    assert_eq!(ev_counts(&g, &a).0, 1);
}

#[test]
fn event_gold_day_rejects_coarser_predictions() {
    let mut g = gold();
    g.events = vec![gev("USA", "UKR", "07", &[], "2024-11-17")];
    for date in ["2024-11", "2024-W46", "2024", "yesterday", ""] {
        let mut a = analysis();
        a.events = vec![pev("USA", "UKR", "07", date)];
        assert_eq!(ev_counts(&g, &a), (0, 1, 1), "{date}");
    }
}

#[test]
fn event_gold_month() {
    let mut g = gold();
    g.events = vec![gev("RUS", "CHN", "04", &[], "2022-02")];
    for (date, ok) in [
        ("2022-02", true),
        ("2022-02-01", true),
        ("2022-02-28", true),
        ("2022-03-01", false),
        ("2022-01-31", false),
        ("2022-01", false),
        ("2022", false),
        ("2022-W06", true),  // 7–13 Feb, inside February
        ("2022-W05", false), // 31 Jan – 6 Feb straddles
    ] {
        let mut a = analysis();
        a.events = vec![pev("RUS", "CHN", "042", date)];
        assert_eq!(ev_counts(&g, &a).0 == 1, ok, "{date}");
    }
}

#[test]
fn event_gold_iso_week() {
    let mut g = gold();
    g.events = vec![gev("CHN", "RUS", "06", &[], "2025-W08")];
    for (date, ok) in [
        ("2025-W08", true),
        ("2025-02-17", true), // Monday
        ("2025-02-23", true), // Sunday
        ("2025-02-16", false),
        ("2025-02-24", false),
        ("2025-W09", false),
        ("2025-02", false),
    ] {
        let mut a = analysis();
        a.events = vec![pev("CHN", "RUS", "061", date)];
        assert_eq!(ev_counts(&g, &a).0 == 1, ok, "{date}");
    }
}

#[test]
fn event_iso_week_across_a_year_boundary() {
    let mut g = gold();
    // 2020-W53 runs from Mon 2020-12-28 to Sun 2021-01-03.
    g.events = vec![gev("USA", "IRN", "11", &[], "2020-W53")];
    for (date, ok) in [
        ("2021-01-01", true),
        ("2021-01-03", true),
        ("2020-12-28", true),
        ("2021-01-04", false),
    ] {
        let mut a = analysis();
        a.events = vec![pev("USA", "IRN", "112", date)];
        assert_eq!(ev_counts(&g, &a).0 == 1, ok, "{date}");
    }
    // 2021-W01 starts on Mon 2021-01-04: 2021-01-01 is not in it.
    g.events = vec![gev("USA", "IRN", "11", &[], "2021-W01")];
    for (date, ok) in [
        ("2021-01-01", false),
        ("2021-01-04", true),
        ("2021-01-10", true),
        ("2020-W53", false),
    ] {
        let mut a = analysis();
        a.events = vec![pev("USA", "IRN", "11", date)];
        assert_eq!(ev_counts(&g, &a).0 == 1, ok, "{date}");
    }
    // 2021 has no week 53: an impossible week never matches.
    let mut a = analysis();
    a.events = vec![pev("USA", "IRN", "11", "2021-W53")];
    assert_eq!(ev_counts(&g, &a).0, 0);
}

#[test]
fn event_gold_year() {
    let mut g = gold();
    g.events = vec![gev("UN", "PRK", "11", &["09"], "2020")];
    for (date, ok) in [
        ("2020", true),
        ("2020-07", true),
        ("2020-12-31", true),
        ("2020-W10", true),
        ("2020-W53", false), // ends in 2021
        ("2021-01-01", false),
        ("2019", false),
    ] {
        let mut a = analysis();
        a.events = vec![pev("UN", "PRK", "112", date)];
        assert_eq!(ev_counts(&g, &a).0 == 1, ok, "{date}");
    }
}

#[test]
fn event_alternative_roots() {
    let mut g = gold();
    g.events = vec![gev("USA", "UKR", "07", &["05", "06"], "2024-11-17")];
    for (code, ok) in [
        ("072", true),
        ("051", true),
        ("06", true),
        ("0411", false),
        ("19", false),
    ] {
        let mut a = analysis();
        a.events = vec![pev("USA", "UKR", code, "2024-11-17")];
        assert_eq!(ev_counts(&g, &a).0 == 1, ok, "{code}");
    }
}

#[test]
fn event_root_is_first_two_digits_and_falls_back_to_code() {
    let mut g = gold();
    g.events = vec![gev("USA", "UKR", "07", &[], "2024-11-17")];
    let mut a = analysis();
    let mut e = pev("USA", "UKR", "072", "2024-11-17");
    e.cameo = "072".into(); // a full code in `cameo`: its root is read
    a.events = vec![e];
    assert_eq!(ev_counts(&g, &a).0, 1);
    let mut e = pev("USA", "UKR", "072", "2024-11-17");
    e.cameo = String::new(); // no root: read from `code`
    a.events = vec![e];
    assert_eq!(ev_counts(&g, &a).0, 1);
}

#[test]
fn event_direction_matters() {
    let mut g = gold();
    g.events = vec![gev("RUS", "UKR", "19", &[], "2024-11-17")];
    let mut a = analysis();
    a.events = vec![
        pev("UKR", "RUS", "19", "2024-11-17"),
        pev("rus", " UKR ", "190", "2024-11-17"),
    ];
    assert_eq!(ev_counts(&g, &a), (1, 1, 0));
}

#[test]
fn events_maximum_matching_beats_greedy() {
    let mut g = gold();
    // G0 accepts 04 or 03; G1 accepts only 04. Predicted 04 first: greedy
    // would pair it with G0 and leave the 03 prediction unmatched.
    g.events = vec![
        gev("CHN", "USA", "03", &["04"], "2024-11-16"),
        gev("CHN", "USA", "04", &[], "2024-11-16"),
    ];
    let mut a = analysis();
    a.events = vec![
        pev("CHN", "USA", "040", "2024-11-16"),
        pev("CHN", "USA", "036", "2024-11-16"),
    ];
    assert_eq!(ev_counts(&g, &a), (2, 0, 0));
    // Repeated predictions of one event: one TP, one FP.
    g.events = vec![gev("CHN", "USA", "04", &[], "2024-11-16")];
    a.events = vec![
        pev("CHN", "USA", "040", "2024-11-16"),
        pev("CHN", "USA", "042", "2024-11-16"),
    ];
    assert_eq!(ev_counts(&g, &a), (1, 1, 0));
}

#[test]
fn events_by_quad_use_gold_quad_for_tp_fn_and_predicted_quad_for_fp() {
    let mut g = gold();
    g.events = vec![
        gev("USA", "UKR", "07", &["05"], "2024-11-17"), // quad 2, matched by a 05 (quad 1)
        gev("RUS", "UKR", "19", &[], "2024-11-17"),     // quad 4, missed
        gev("CHN", "USA", "11", &[], "2024-11-17"),     // quad 3, matched
    ];
    let mut a = analysis();
    a.events = vec![
        pev("USA", "UKR", "051", "2024-11-17"),
        pev("CHN", "USA", "112", "2024-11-17"),
        pev("USA", "CHN", "036", "2024-11-17"), // FP, quad 1
        pev("USA", "CHN", "173", "2024-11-17"), // FP, quad 4
    ];
    let r = run(&g, &a);
    let q = |i: usize| {
        let c = r.counts.events_by_quad[i];
        (c.tp, c.fp, c.fn_)
    };
    assert_eq!(q(0), (0, 1, 0));
    assert_eq!(q(1), (1, 0, 0));
    assert_eq!(q(2), (1, 0, 0));
    assert_eq!(q(3), (0, 1, 1));
    assert_eq!(
        (r.counts.events.tp, r.counts.events.fp, r.counts.events.fn_),
        (2, 2, 1)
    );
    let j = r.to_json();
    assert_eq!(j["events"]["by_quad"]["2"]["recall"], 1.0);
    assert_eq!(j["events"]["by_quad"]["4"]["f1"], 0.0);
    assert_eq!(j["events"]["by_quad"]["1"]["precision"], 0.0);
}

// --------------------------------------------------------------- article

#[test]
fn good_article_is_right_everywhere() {
    let r = run(&gold(), &analysis());
    let a = r.article;
    assert_eq!(
        [
            a.title,
            a.published,
            a.authors,
            a.outlet,
            a.url,
            a.script,
            a.body
        ],
        [1.0; 7]
    );
    assert!(r.per_document[0].article.failures.is_empty());
}

#[test]
fn title_null_is_right_only_when_none_predicted() {
    let mut g = gold();
    g.article.title = None;
    let mut a = analysis();
    assert_eq!(run(&g, &a).article.title, 0.0);
    a.article.title = None;
    assert_eq!(run(&g, &a).article.title, 1.0);
    a.article.title = Some("  ".into()); // blank counts as none
    assert_eq!(run(&g, &a).article.title, 1.0);
    // Gold has a title, prediction none.
    let g = gold();
    a.article.title = None;
    let r = run(&g, &a);
    assert_eq!(r.article.title, 0.0);
    assert!(r.per_document[0].article.failures[0].starts_with("title: expected"));
}

#[test]
fn title_folds_whitespace_and_full_width() {
    let mut g = gold();
    g.article.title = Some("中美缓和后,俄美要破冰?G20 峰会".into());
    let mut a = analysis();
    a.article.title = Some("中美缓和后，俄美要破冰？Ｇ２０峰会\u{3000}".into());
    assert_eq!(run(&g, &a).article.title, 1.0);
    a.article.title = Some("中美缓和后，俄美要破冰？G21峰会".into());
    assert_eq!(run(&g, &a).article.title, 0.0);
}

#[test]
fn published_accepts_alternatives() {
    let g = gold();
    let mut a = analysis();
    for (date, ok) in [
        ("2024-03-05", 1.0),
        ("2024-03-04", 1.0),
        (" 2024-03-05 ", 1.0),
        ("2024-03-06", 0.0),
    ] {
        a.article.published = Some(date.into());
        assert_eq!(run(&g, &a).article.published, ok, "{date}");
    }
    a.article.published = None;
    assert_eq!(run(&g, &a).article.published, 0.0);
}

#[test]
fn authors_are_a_case_insensitive_set() {
    let mut g = gold();
    g.article.authors = vec!["DAVID PIERSON".into(), "PAUL SONNE".into()];
    let mut a = analysis();
    a.article.authors = vec![" Paul Sonne".into(), "David  Pierson ".into()];
    assert_eq!(run(&g, &a).article.authors, 1.0);
    a.article.authors = vec!["David Pierson".into()];
    assert_eq!(run(&g, &a).article.authors, 0.0);
    a.article.authors = vec![
        "David Pierson".into(),
        "Paul Sonne".into(),
        "Amy Chang Chien".into(),
    ];
    assert_eq!(run(&g, &a).article.authors, 0.0);
    g.article.authors = vec![];
    a.article.authors = vec![];
    assert_eq!(run(&g, &a).article.authors, 1.0);
}

#[test]
fn outlet_url_and_script_are_exact_with_null_rules() {
    let mut g = gold();
    g.article.url = None;
    let mut a = analysis();
    assert_eq!(run(&g, &a).article.url, 0.0);
    a.article.url = None;
    assert_eq!(run(&g, &a).article.url, 1.0);
    a.article.outlet = Some("某报网".into());
    assert_eq!(run(&g, &a).article.outlet, 0.0);
    a.article.script = shiju_core::Script::Traditional;
    let r = run(&g, &a);
    assert_eq!(r.article.script, 0.0);
    g.article.script = Some("traditional".into());
    assert_eq!(run(&g, &a).article.script, 1.0);
}

#[test]
fn body_must_not_contain_fails_and_says_why() {
    let g = gold();
    let mut a = analysis();
    a.article.paragraphs.insert(1, "（记者某某报道）".into());
    let r = run(&g, &a);
    assert_eq!(r.article.body, 0.0);
    let f = &r.per_document[0].article.failures;
    assert_eq!(f, &vec!["body: contains '记者某某报道'".to_string()]);
}

#[test]
fn body_starts_ends_and_must_contain() {
    let g = gold();
    // Surrounding whitespace is ignored.
    let mut a = analysis();
    a.article.paragraphs[0] = "  第一段开头，说了些事。".into();
    a.article.paragraphs.push("   ".into());
    assert_eq!(run(&g, &a).article.body, 1.0);
    // A leading byline paragraph breaks body_starts.
    let mut a = analysis();
    a.article.paragraphs.insert(0, "本报讯".into());
    let r = run(&g, &a);
    assert_eq!(r.article.body, 0.0);
    assert!(
        r.per_document[0].article.failures[0].starts_with("body: missing body_starts '第一段开头'")
    );
    // A trailing footer breaks body_ends.
    let mut a = analysis();
    a.article.paragraphs.push("点击查看".into());
    let r = run(&g, &a);
    assert!(r.per_document[0].article.failures[0]
        .starts_with("body: missing body_ends '最后一段结尾。'"));
    // A lost middle paragraph breaks body_must_contain.
    let mut a = analysis();
    a.article.paragraphs.remove(1);
    let r = run(&g, &a);
    assert_eq!(
        r.per_document[0].article.failures,
        vec!["body: missing '中间的一句话。'".to_string()]
    );
}

// ---------------------------------------------------------------- quotes

#[test]
fn quote_speaker_goes_through_entity_matching() {
    let mut g = gold();
    g.entities = vec![
        gent("person:lipsky", Person, &["利普斯基"]),
        gent("person:biden", Person, &["拜登"]),
    ];
    g.quotes = vec![
        gq("person:lipsky", "我们的首要任务是"),
        gq("person:biden", "我下个月就要离开这个岗位"),
    ];
    let mut a = analysis();
    a.entities = vec![
        pent("new:利普斯基", Person, &["利普斯基"]),
        pent("person:biden", Person, &["拜登"]),
    ];
    a.quotes = vec![
        // The system does not know Lipsky: its own id for the matched entity is fine.
        pq(Some("new:利普斯基"), "我们的首要任务是让盟友放心"),
        // Right text, wrong speaker.
        pq(Some("new:利普斯基"), "我下个月就要离开这个岗位，这已公开"),
    ];
    let r = run(&g, &a);
    assert_eq!(
        (r.counts.quotes.tp, r.counts.quotes.fp, r.counts.quotes.fn_),
        (1, 1, 1)
    );
    // The gold id itself is not enough when it is not the matched entity's id.
    a.quotes = vec![pq(Some("person:lipsky"), "我们的首要任务是让盟友放心")];
    assert_eq!(run(&g, &a).counts.quotes.tp, 0);
    // No speaker: no match.
    a.quotes = vec![pq(None, "我们的首要任务是让盟友放心")];
    assert_eq!(run(&g, &a).counts.quotes.tp, 0);
}

#[test]
fn quote_text_tolerates_quotation_marks_and_is_one_to_one() {
    let mut g = gold();
    g.entities = vec![gent("person:biden", Person, &["拜登"])];
    g.quotes = vec![gq("person:biden", "美国坚决支持")];
    let mut a = analysis();
    a.entities = vec![pent("person:biden", Person, &["拜登"])];
    a.quotes = vec![
        pq(Some("person:biden"), "“美国坚决支持乌克兰”"),
        pq(Some("person:biden"), "「美国坚决支持乌克兰」"),
    ];
    let r = run(&g, &a);
    assert_eq!(
        (r.counts.quotes.tp, r.counts.quotes.fp, r.counts.quotes.fn_),
        (1, 1, 0)
    );
    a.quotes = vec![pq(Some("person:biden"), "他说美国坚决支持")];
    assert_eq!(run(&g, &a).counts.quotes.tp, 0);
}

#[test]
fn quote_speaker_outside_gold_entities_falls_back_to_the_id() {
    let mut g = gold();
    g.quotes = vec![gq("country:RUS", "不受外部因素干扰")];
    let mut a = analysis();
    a.quotes = vec![pq(Some("country:RUS"), "不受外部因素干扰。")];
    assert_eq!(run(&g, &a).counts.quotes.tp, 1);
}

// ------------------------------------------------------ totals and report

#[test]
fn no_analysis_counts_everything_as_missed() {
    let mut g = gold();
    g.entities = vec![gent("person:a", Person, &["甲"])];
    g.timex = vec![gtx("今天", "2024-03-05")];
    g.events = vec![gev("USA", "UKR", "07", &[], "2024-03-05")];
    g.article.title = None;
    let r = evaluate(&[(&g, None)], &identity);
    assert_eq!((r.counts.entities.tp, r.counts.entities.fn_), (0, 1));
    assert_eq!(r.counts.timex.fn_, 1);
    assert_eq!(r.counts.events.fn_, 1);
    assert_eq!(r.article.title, 0.0);
    assert_eq!(r.article.body, 0.0);
    assert_eq!(r.counts.events.precision(), 0.0);
    assert_eq!(r.counts.events.f1(), 0.0);
    assert!(!r.per_document[0].predicted);
}

#[test]
fn zero_denominator_conventions() {
    // Nothing expected, nothing predicted: 1.0.
    let r = run(&gold(), &analysis());
    assert_eq!(
        (
            r.counts.quotes.precision(),
            r.counts.quotes.recall(),
            r.counts.quotes.f1()
        ),
        (1.0, 1.0, 1.0)
    );
    assert_eq!(r.linking(), 1.0);
    // Predictions with no gold: 0.0.
    let mut a = analysis();
    a.timex = vec![ptx("今天", "2024-03-05")];
    let r = run(&gold(), &a);
    assert_eq!(
        (
            r.counts.timex.precision(),
            r.counts.timex.recall(),
            r.counts.timex.f1()
        ),
        (0.0, 0.0, 0.0)
    );
    // Gold with no predictions: 0.0.
    let mut g = gold();
    g.timex = vec![gtx("今天", "2024-03-05")];
    let r = run(&g, &analysis());
    assert_eq!(
        (
            r.counts.timex.precision(),
            r.counts.timex.recall(),
            r.counts.timex.f1()
        ),
        (0.0, 0.0, 0.0)
    );
}

#[test]
fn figures_are_micro_averaged_over_documents() {
    let mut g1 = gold();
    g1.events = vec![gev("USA", "UKR", "07", &[], "2024-03-05")];
    let mut a1 = analysis();
    a1.events = vec![pev("USA", "UKR", "07", "2024-03-05")];
    let mut g2 = gold();
    g2.doc = "b.txt".into();
    g2.events = vec![
        gev("USA", "UKR", "07", &[], "2024-03-05"),
        gev("RUS", "UKR", "19", &[], "2024-03-05"),
        gev("RUS", "UKR", "18", &[], "2024-03-05"),
    ];
    let mut a2 = analysis();
    a2.events = vec![
        pev("USA", "UKR", "07", "2024-03-05"),
        pev("CHN", "UKR", "07", "2024-03-05"),
    ];
    a2.article.title = None;
    let r = evaluate(&[(&g1, Some(&a1)), (&g2, Some(&a2))], &identity);
    assert_eq!(
        (r.counts.events.tp, r.counts.events.fp, r.counts.events.fn_),
        (2, 1, 2)
    );
    assert!(close(r.counts.events.precision(), 2.0 / 3.0));
    assert!(close(r.counts.events.recall(), 0.5));
    assert!(close(
        r.counts.events.f1(),
        2.0 * (2.0 / 3.0) * 0.5 / (2.0 / 3.0 + 0.5)
    ));
    assert_eq!(r.article.title, 0.5);
    assert_eq!(r.documents, 2);
    assert_eq!(r.per_document[1].missed_events.len(), 2);
    assert_eq!(r.per_document[1].spurious_events[0].source, "CHN");
}

#[test]
fn json_has_the_documented_shape() {
    let mut g = gold();
    g.events = vec![gev("USA", "UKR", "07", &[], "2024-03-05")];
    let j = run(&g, &analysis()).to_json();
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&j),
        [
            "article",
            "documents",
            "entities",
            "events",
            "per_document",
            "quotes",
            "timex"
        ]
    );
    assert_eq!(j["documents"], 1);
    assert_eq!(
        keys(&j["article"]),
        [
            "authors",
            "body",
            "outlet",
            "published",
            "script",
            "title",
            "url"
        ]
    );
    assert_eq!(
        keys(&j["entities"]),
        ["f1", "linking", "precision", "recall"]
    );
    assert_eq!(keys(&j["timex"]), ["f1", "precision", "recall"]);
    assert_eq!(keys(&j["quotes"]), ["f1", "precision", "recall"]);
    assert_eq!(keys(&j["events"]), ["by_quad", "f1", "precision", "recall"]);
    assert_eq!(keys(&j["events"]["by_quad"]), ["1", "2", "3", "4"]);
    for q in ["1", "2", "3", "4"] {
        assert_eq!(
            keys(&j["events"]["by_quad"][q]),
            ["f1", "precision", "recall"]
        );
        assert!(j["events"]["by_quad"][q]["f1"].is_f64());
    }
    assert!(j["article"]["title"].is_f64());
    let d = &j["per_document"][0];
    assert_eq!(d["doc"], "doc.txt");
    assert_eq!(keys(&d["events"]), ["fn", "fp", "tp"]);
    assert_eq!(d["events"]["fn"], 1);
    assert_eq!(d["missed_events"][0]["source"], "USA");
}

#[test]
fn table_shows_figures_failures_and_events() {
    let mut g = gold();
    g.events = vec![gev("USA", "UKR", "07", &["05"], "2024-03-05")];
    let mut a = analysis();
    a.article.paragraphs.push("点击查看本文英文版".into());
    a.events = vec![pev("RUS", "UKR", "190", "2024-03-04")];
    let t = run(&g, &a).to_table();
    assert!(t.contains("documents: 1"), "{t}");
    assert!(t.contains("events"), "{t}");
    assert!(t.contains("quad 4"), "{t}");
    assert!(
        t.contains("body: missing body_ends '最后一段结尾。'"),
        "{t}"
    );
    assert!(
        t.contains("missed event: USA→UKR 07 alt 05 2024-03-05"),
        "{t}"
    );
    assert!(
        t.contains("spurious event: RUS→UKR 19 (190) 2024-03-04"),
        "{t}"
    );
    assert!(t.contains("doc.txt"), "{t}");
}

#[test]
fn timex_are_scored_as_distinct_pairs() {
    let gold: shiju_eval::Gold = serde_json::from_value(serde_json::json!({
        "doc": "d.txt",
        "article": {"title": null, "published": "2024-11-19", "authors": [], "outlet": null, "url": null,
                    "script": "simplified", "body_starts": "", "body_ends": "", "body_must_contain": [],
                    "body_must_not_contain": []},
        "entities": [], "quotes": [], "events": [],
        "timex": [{"text": "周一", "value": "2024-11-18"}, {"text": "今天", "value": "2024-11-19"},
                  {"text": "今天", "value": "2024-11-18"}]
    }))
    .unwrap();
    let t = |text: &str, value: &str| shiju_core::Timex {
        text: text.into(),
        value: value.into(),
        start: 0,
        end: 0,
        unit: shiju_core::Chars,
    };
    let a = shiju_core::Analysis {
        doc: "d.txt".into(),
        timex: vec![
            t("周一", "2024-11-18"),
            t("周一", "2024-11-18"),
            t("今天", "2024-11-19"),
            t("明天", "2024-11-20"),
        ],
        ..Default::default()
    };
    let r = shiju_eval::evaluate(&[(&gold, Some(&a))], &|s| s.to_string());
    let j = r.to_json();
    // 2 distinct true pairs, 1 spurious (明天), 1 missed (今天=18).
    assert_eq!(j["timex"]["precision"].as_f64().unwrap(), 0.6667);
    assert_eq!(j["timex"]["recall"].as_f64().unwrap(), 0.6667);
}
