//! Prints the timex of stdin lines `REF | SENTENCE` (REF `YYYY-MM-DD`, `none`;
//! `T ` before it for traditional script). A tool for checking rules by eye:
//! `cargo run -p shiju-timex --example probe < lines.txt`.

use std::io::BufRead;

use shiju_core::{date::parse_ymd, Context, Script, Text};
use shiju_timex::TimexRules;

fn main() {
    let rules = match TimexRules::new(None) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let Some((rf, sentence)) = line.split_once(" | ") else {
            continue;
        };
        let mut rf = rf.trim();
        let mut script = Script::Simplified;
        if let Some(r) = rf.strip_prefix("T ") {
            script = Script::Traditional;
            rf = r.trim();
        }
        let ctx = Context {
            published: parse_ymd(rf),
            script,
            home: None,
        };
        let sentence = sentence.replace("\\n", "\n");
        let found = rules.find(&Text::identity(&sentence), &ctx);
        let shown: Vec<String> = found
            .iter()
            .map(|t| format!("{}={}", t.text, t.value))
            .collect();
        println!(
            "{sentence}\n    → {}",
            if shown.is_empty() {
                "-".to_string()
            } else {
                shown.join("; ")
            }
        );
    }
}
