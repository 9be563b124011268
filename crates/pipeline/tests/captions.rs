//! Image captions as date evidence: a caption that restates an event of the
//! story with its day dates that event when the body gives no time for it.
//! The pages are written for this test.

use shiju_pipeline::{Options, Outcome, Pipeline};

fn events_of(html: &str) -> Vec<(String, String, String, String)> {
    let p = Pipeline::new(&Options::default()).unwrap();
    let mut out = p.analyze_bytes("page.html", html.as_bytes());
    let a = match out.remove(0) {
        Outcome { result: Ok(a), .. } => a,
        Outcome { result: Err(e), .. } => panic!("rejected: {e}"),
    };
    a.events
        .iter()
        .map(|e| {
            (
                e.source.clone(),
                e.target.clone(),
                e.cameo.clone(),
                e.date.clone(),
            )
        })
        .collect()
}

fn page(caption: &str) -> String {
    format!(
        r#"<html><head><meta charset="utf-8"><title>埃及与约旦外长会谈</title>
<meta property="article:published_time" content="2024-03-14T09:00:00+08:00"></head><body>
<article><h1>埃及与约旦外长会谈</h1>
<p>埃及外长舒凯里在开罗会见约旦外交大臣萨法迪时表示，埃方愿同约旦加强协调，推动加沙停火。</p>
<p>两国近来在地区问题上保持密切沟通，双方均主张通过外交途径缓和紧张局势，避免冲突外溢。</p>
{caption}
</article></body></html>"#
    )
}

#[test]
fn a_caption_dates_the_meeting_it_shows() {
    let evs = events_of(&page(
        r#"<figure><img src="a.jpg"><figcaption>埃及外长舒凯里周一在开罗会见约旦外交大臣萨法迪。</figcaption></figure>"#,
    ));
    let meet: Vec<_> = evs.iter().filter(|e| e.2 == "04").collect();
    assert!(!meet.is_empty(), "{evs:?}");
    // 2024-03-14 is a Thursday: the Monday before is 03-11.
    assert!(meet.iter().all(|e| e.3 == "2024-03-11"), "{evs:?}");
    // The plan stated in the same sentence is dated with it.
    let plans: Vec<_> = evs.iter().filter(|e| e.2 == "03").collect();
    assert!(!plans.is_empty(), "{evs:?}");
    assert!(plans.iter().all(|e| e.3 == "2024-03-11"), "{evs:?}");
}

#[test]
fn without_a_caption_the_publication_date_applies() {
    let evs = events_of(&page(""));
    let meet: Vec<_> = evs.iter().filter(|e| e.2 == "04").collect();
    assert!(!meet.is_empty(), "{evs:?}");
    assert!(meet.iter().all(|e| e.3 == "2024-03-14"), "{evs:?}");
}

#[test]
fn a_caption_about_other_actors_dates_nothing() {
    let evs = events_of(&page(
        r#"<figure><img src="a.jpg"><figcaption>埃及总统塞西周一在开罗会见沙特外交大臣费萨尔。</figcaption></figure>"#,
    ));
    let meet: Vec<_> = evs.iter().filter(|e| e.2 == "04").collect();
    assert!(!meet.is_empty(), "{evs:?}");
    assert!(meet.iter().all(|e| e.3 == "2024-03-14"), "{evs:?}");
}
