//! Prints what extraction makes of files: `cargo run -p shiju-ingest --example show_extraction -- FILE...`

fn main() {
    let ex = shiju_ingest::Extractor::new(None).expect("built-in rules");
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        for item in ex.extract(&path, &bytes) {
            println!("=== {}", item.name);
            match item.result {
                Ok(a) => {
                    println!(
                        "title={:?}\npublished={:?} dateline={:?}\nauthors={:?}\noutlet={:?}\nurl={:?}\nform={:?} encoding={}",
                        a.title, a.published, a.dateline, a.authors, a.outlet, a.url, a.form, a.encoding
                    );
                    for (i, p) in a.paragraphs.iter().enumerate() {
                        println!("[{i}] {p}");
                    }
                }
                Err(e) => println!("REJECTED: {e}"),
            }
        }
    }
}
