//! Prints the entities of a text file (tags stripped crudely).
//! `cargo run -p shiju-entities --example dump -- FILE [YYYY-MM-DD] [LEXICON_DIR]`
use shiju_core::testdata::strip_tags;
use shiju_core::{date::parse_ymd, Context};
use shiju_entities::Gazetteer;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: dump FILE [DATE] [LEXICON_DIR]");
        return;
    };
    let raw = std::fs::read_to_string(path).unwrap_or_default();
    let body = strip_tags(&raw);
    let dir = args.get(3).map(std::path::PathBuf::from);
    let g = match Gazetteer::new(dir.as_deref()) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let text = g.normalizer().normalize(&body);
    let ctx = Context {
        published: args.get(2).and_then(|d| parse_ymd(d)),
        script: shiju_text::detect_script(&body),
        home: None,
    };
    for e in g.recognize(&text, &ctx) {
        println!(
            "{}\t{:?}\t{:?}\t{:?}\t{:?}\t{}",
            e.id,
            e.country,
            e.role
                .as_ref()
                .map(|r| format!("{}/{:?}/{:?}", r.title, r.of, r.status)),
            e.name,
            e.forms,
            e.mentions.len()
        );
    }
}
