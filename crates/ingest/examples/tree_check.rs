//! Compares the fast tree builder with html5ever on pages:
//! `cargo run --release -p shiju-ingest --example tree_check -- FILE|DIR...`
//! prints, per page, `fast` (same tree), `bail` (left to html5ever) or
//! `DIFF` with the first line that differs, and the totals.
use shiju_ingest::dom::{Data, Dom, NodeId};

fn line(d: &Dom, n: NodeId) -> String {
    match d.data(n) {
        Data::Document => "#document".to_string(),
        Data::Fragment => "#fragment".to_string(),
        Data::Doctype(d) => {
            let [name, public, system] = &**d;
            format!("<!doctype {name} {public:?} {system:?}>")
        }
        // White space between tags is cut to one space by `prune` only.
        Data::Text(t) if t.trim().is_empty() => "\" \"".to_string(),
        // … and white space at the end of a text before a tag.
        Data::Text(t) => {
            let t: Vec<&str> = t.split_whitespace().collect();
            format!("{:?}", t.join(" "))
        }
        Data::Comment(c) => format!("<!-- {c:?} -->"),
        Data::Element(e) => {
            let attrs: Vec<String> = d
                .attrs(e)
                .iter()
                // `prune` leaves the content of `<noscript>` as it is.
                .filter(|(k, _)| shiju_ingest::fastpath::kept(&e.name, k))
                .map(|(k, v)| format!("{k}={v:?}"))
                .collect();
            format!("<{} {} {}>", &*e.name, e.html, attrs.join(" "))
        }
    }
}

fn dump(d: &Dom, n: NodeId, depth: usize, out: &mut Vec<String>) {
    let pad = " ".repeat(depth.min(200));
    out.push(format!("{pad}{}", line(d, n)));
    for c in d.children(n) {
        dump(d, c, depth + 1, out);
    }
    // A template's contents hang off the element, not among its children.
    if d.name(n) == Some("template") {
        out.push(format!("{pad} #template-contents"));
        dump(d, d.template_contents(n), depth + 2, out);
    }
}

fn lines(d: &Dom) -> Vec<String> {
    let mut out = Vec::new();
    dump(d, d.root(), 0, &mut out);
    out
}

fn main() {
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        let p = std::path::PathBuf::from(&a);
        if p.is_dir() {
            let mut v: Vec<_> = std::fs::read_dir(&p)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect();
            v.sort();
            files.extend(v);
        } else {
            files.push(p);
        }
    }
    let (mut fast, mut bail, mut diff) = (0, 0, 0);
    let (mut page_diff, mut restart) = (0, 0);
    for p in files {
        let Ok(b) = std::fs::read(&p) else { continue };
        let text = shiju_ingest::decode::decode(&b).text;
        if !text.trim_start().starts_with('<') && !text.contains("<html") && !text.contains("<body")
        {
            continue;
        }
        let t = shiju_ingest::fastpath::stripped(&text);
        let norm = shiju_ingest::fastpath::newlines(&t);
        let Some(f) = shiju_ingest::fastpath::parse(&norm) else {
            if shiju_ingest::fastpath::parse_page(&text).is_some() {
                page_diff += 1;
                println!("PAGE-DIFF {} (the stripped copy bails)", p.display());
            }
            bail += 1;
            println!("bail {}", p.display());
            continue;
        };
        // Read from the page as it is, the fast path builds the same tree
        // or leaves the page to the stripped copy.
        match shiju_ingest::fastpath::parse_page(&text) {
            Some(g) if g.outline() != f.outline() => {
                page_diff += 1;
                println!("PAGE-DIFF {}", p.display());
            }
            Some(_) => {}
            None => restart += 1,
        }
        let h = Dom::parse_html(&shiju_ingest::fastpath::pruned(&t));
        let (a, b) = (lines(&f), lines(&h));
        if a == b {
            fast += 1;
            println!("fast {}", p.display());
        } else {
            diff += 1;
            let i = a
                .iter()
                .zip(&b)
                .position(|(x, y)| x != y)
                .unwrap_or(a.len().min(b.len()));
            println!("DIFF {} at line {i}", p.display());
            for k in i.saturating_sub(3)..(i + 3) {
                println!(
                    "  fast: {}",
                    a.get(k).map(String::as_str).unwrap_or("<end>")
                );
            }
            for k in i.saturating_sub(3)..(i + 3) {
                println!(
                    "  h5e : {}",
                    b.get(k).map(String::as_str).unwrap_or("<end>")
                );
            }
        }
    }
    println!(
        "fast {fast}, bail {bail}, DIFF {diff}, page: restart {restart}, PAGE-DIFF {page_diff}"
    );
}
