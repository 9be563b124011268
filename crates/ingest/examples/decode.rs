//! Prints the encoding shiju decodes files with: `cargo run -p shiju-ingest --example decode -- FILE...`
fn main() {
    for p in std::env::args().skip(1) {
        match std::fs::read(&p) {
            Ok(b) => {
                let d = shiju_ingest::decode::decode(&b);
                let head: String = d.text.chars().take(200).collect();
                println!("{p}: {} ({} errors)\n{head}", d.encoding, d.errors);
            }
            Err(e) => eprintln!("{p}: {e}"),
        }
    }
}
