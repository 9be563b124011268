//! Prints and scores the coder on the seed documents (ignored: needs
//! ../shared/seeds; entities come from the test gazetteer, timex from the
//! gold file, so this measures the coder alone).

use super::*;

fn strip(raw: &str) -> String {
    let mut s = raw
        .replace("</p>", "\n")
        .replace("<br>", "\n")
        .replace("</figcaption>", "\n");
    // Drop tags.
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.drain(..) {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ").replace("&amp;", "&")
}

fn json_str<'a>(v: &'a serde_json::Value, k: &str) -> &'a str {
    v.get(k).and_then(|x| x.as_str()).unwrap_or("")
}

fn date_match(gold: &str, pred: &str) -> bool {
    if gold.len() == 10 {
        match (
            shiju_core::date::parse_ymd(gold),
            shiju_core::date::parse_ymd(pred),
        ) {
            (Some(g), Some(p)) => (g - p).num_days().abs() <= 1,
            _ => false,
        }
    } else if gold.contains("-W") {
        match (dates::period_start(gold), dates::period_start(pred)) {
            (Some(g), Some(p)) => (p - g).num_days() >= 0 && (p - g).num_days() < 7 || gold == pred,
            _ => false,
        }
    } else {
        // Month or year precision: compare the prefix of the period start.
        match dates::period_start(pred) {
            Some(p) => p.format("%Y-%m-%d").to_string().starts_with(gold),
            None => false,
        }
    }
}

fn normalizer() -> &'static shiju_text::Normalizer {
    static N: std::sync::OnceLock<shiju_text::Normalizer> = std::sync::OnceLock::new();
    N.get_or_init(|| shiju_text::Normalizer::new(None).expect("normaliser"))
}

#[test]
#[ignore]
fn seeds_report() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seeds");
    let Ok(rd) = std::fs::read_dir(dir) else {
        eprintln!("no seeds");
        return;
    };
    let mut files: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    let (mut tp, mut fp, mut fnn) = (0, 0, 0);
    let (mut qtp, mut qfp, mut qfn) = (0, 0, 0);
    let mut nsent = 0usize;
    let mut elapsed = std::time::Duration::ZERO;
    for f in files
        .iter()
        .filter(|f| f.extension().map(|e| e == "txt").unwrap_or(false))
    {
        let raw = std::fs::read_to_string(f).unwrap_or_default();
        let gold_path = format!("{}.gold.json", f.display());
        let Ok(gs) = std::fs::read_to_string(&gold_path) else {
            continue;
        };
        let gold: serde_json::Value = serde_json::from_str(&gs).unwrap_or_default();
        let body = strip(&raw);
        // The body as the ingest stage cuts it: from body_starts to body_ends.
        let bs = json_str(&gold["article"], "body_starts");
        let be = json_str(&gold["article"], "body_ends");
        let a = body.find(bs).unwrap_or(0);
        let b = body[a..]
            .rfind(be)
            .map(|i| a + i + be.len())
            .unwrap_or(body.len());
        let norm_body = body[a..b].to_string();
        let text = normalizer().normalize(&norm_body);
        let ents = find_entities_text(&text);
        let tx: Vec<(String, String)> = gold["timex"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|t| {
                        (
                            json_str(t, "text").to_string(),
                            json_str(t, "value").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let txr: Vec<(&str, &str)> = tx.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let tmx = timex(&norm_body, &txr);
        let c = ctx(json_str(&gold["article"], "published"));
        let t0 = std::time::Instant::now();
        let evs = coder().events(&text, &ents, &tmx, &c);
        let qs = coder().quotes(&text, &ents, &c);
        elapsed += t0.elapsed();
        nsent += segment::sentences(&text.norm).len();
        println!("=== {}", f.display());
        let gev = gold["events"].as_array().cloned().unwrap_or_default();
        let mut used = vec![false; gev.len()];
        for e in &evs {
            let hit = gev.iter().enumerate().position(|(i, g)| {
                !used[i]
                    && json_str(g, "source") == e.source
                    && json_str(g, "target") == e.target
                    && (json_str(g, "cameo") == e.cameo
                        || g["cameo_alt"]
                            .as_array()
                            .map(|a| a.iter().any(|x| x.as_str() == Some(&e.cameo)))
                            .unwrap_or(false))
                    && date_match(json_str(g, "date"), &e.date)
            });
            match hit {
                Some(i) => {
                    used[i] = true;
                    tp += 1;
                    println!(
                        "  TP {}>{} {} {} | {}",
                        e.source,
                        e.target,
                        e.code,
                        e.date,
                        e.evidence.chars().take(40).collect::<String>()
                    );
                }
                None => {
                    fp += 1;
                    println!(
                        "  FP {}>{} {} {} | {}",
                        e.source,
                        e.target,
                        e.code,
                        e.date,
                        e.evidence.chars().take(60).collect::<String>()
                    );
                }
            }
        }
        for (i, g) in gev.iter().enumerate() {
            if !used[i] {
                fnn += 1;
                println!(
                    "  FN {}>{} {} {} | {}",
                    json_str(g, "source"),
                    json_str(g, "target"),
                    json_str(g, "cameo"),
                    json_str(g, "date"),
                    json_str(g, "evidence")
                );
            }
        }
        let gq = gold["quotes"].as_array().cloned().unwrap_or_default();
        let mut qused = vec![false; gq.len()];
        for q in &qs {
            let hit = gq.iter().enumerate().position(|(i, g)| {
                !qused[i]
                    && q.text.starts_with(json_str(g, "starts"))
                    && q.speaker.as_deref() == Some(json_str(g, "speaker"))
            });
            match hit {
                Some(i) => {
                    qused[i] = true;
                    qtp += 1;
                }
                None => {
                    qfp += 1;
                    println!(
                        "  QFP {:?} {}",
                        q.speaker,
                        q.text.chars().take(30).collect::<String>()
                    );
                }
            }
        }
        for (i, g) in gq.iter().enumerate() {
            if !qused[i] {
                qfn += 1;
                println!("  QFN {} {}", json_str(g, "speaker"), json_str(g, "starts"));
            }
        }
    }
    let f1 = |tp: i32, fp: i32, fnn: i32| {
        let p = tp as f64 / (tp + fp).max(1) as f64;
        let r = tp as f64 / (tp + fnn).max(1) as f64;
        (
            p,
            r,
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        )
    };
    println!(
        "events tp {tp} fp {fp} fn {fnn} P/R/F1 {:?}",
        f1(tp, fp, fnn)
    );
    println!(
        "quotes tp {qtp} fp {qfp} fn {qfn} P/R/F1 {:?}",
        f1(qtp, qfp, qfn)
    );
    println!("{nsent} sentences in {:?}", elapsed);
}
