//! `guess_published`: the loaded rules (a user lexicon) are used, and the
//! work grows linearly with the body.

use shiju_core::date::parse_ymd;
use shiju_timex::TimexRules;

/// A user file that adds a credit word the built-in table lacks.
#[test]
fn guess_published_uses_the_user_lexicon() {
    let dir = std::env::temp_dir().join(format!("shiju-timex-credit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("time_words.tsv"),
        "form\tkind\tvalue\tnote\n值班主任\tcredit\t\tduty editor (test)\n",
    )
    .unwrap();
    let user = TimexRules::new(Some(&dir)).unwrap();
    let builtin = TimexRules::new(None).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    // Past the sixth line, so the printed-date-line rule is out of play.
    let body = format!(
        "{}（值班主任：某某 2021年3月4日）",
        "两国外长今天举行会谈，讨论了双边关系。\n".repeat(7)
    );
    assert_eq!(user.guess_published(&body, None), parse_ymd("2021-03-04"));
    assert_eq!(builtin.guess_published(&body, None), None);
    assert_eq!(shiju_timex::guess_published(&body, None), None);
}

/// Full dates repeated on one line (a hostile shape): the time to guess
/// must grow about linearly. Generous bound: 8× the input may take at most
/// 24× the time (quadratic work would take 64×), and the largest input
/// must finish well within seconds even in a debug build.
#[test]
fn guess_published_is_linear_in_repeated_dates() {
    let rules = TimexRules::new(None).unwrap();
    let time = |bytes: usize| {
        let unit = "2023年5月6日";
        let body = unit.repeat(bytes / unit.len());
        let t0 = std::time::Instant::now();
        let g = rules.guess_published(&body, None);
        (t0.elapsed().as_secs_f64(), g)
    };
    // Warm up, then the smallest and the largest sizes.
    time(16_000);
    let (small, g1) = time(32_000);
    let (large, g2) = time(256_000);
    // One line far over 60 characters: no printed date line, no credit.
    assert_eq!(g1, None);
    assert_eq!(g2, None);
    assert!(large < 20.0, "256 kB of dates took {large:.2} s");
    assert!(
        large < 24.0 * small.max(0.01),
        "8x the input took {:.1}x the time ({small:.3} s → {large:.3} s)",
        large / small
    );
}
