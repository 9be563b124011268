//! Compares the fast tree builder with html5ever on pages:
//! `cargo run --release -p shiju-ingest --example tree_check -- FILE|DIR...`
//! prints, per page, `fast` (same tree), `bail` (left to html5ever) or
//! `DIFF` with the first line that differs, and the totals.
use dom_query::{Document, NodeData, NodeRef};

fn dump(n: &NodeRef, depth: usize, out: &mut Vec<String>) {
    let pad = " ".repeat(depth.min(200));
    let line = n.query(|d| match &d.data {
        NodeData::Document => "#document".to_string(),
        NodeData::Fragment => "#fragment".to_string(),
        NodeData::Doctype {
            name,
            public_id,
            system_id,
        } => format!(
            "<!doctype {} {:?} {:?}>",
            &**name, &**public_id, &**system_id
        ),
        // White space between tags is cut to one space by `prune` only.
        NodeData::Text { contents } if contents.trim().is_empty() => "\" \"".to_string(),
        // … and white space at the end of a text before a tag.
        NodeData::Text { contents } => {
            let t: Vec<&str> = contents.split_whitespace().collect();
            format!("{:?}", t.join(" "))
        }
        NodeData::Comment { contents } => format!("<!-- {:?} -->", &**contents),
        NodeData::Element(e) => {
            let attrs: Vec<String> = e
                .attrs
                .iter()
                // `prune` leaves the content of `<noscript>` as it is.
                .filter(|a| shiju_ingest::fastpath::kept(&e.name.local, &a.name.local))
                .map(|a| format!("{}={:?}", &*a.name.local, &*a.value))
                .collect();
            format!("<{} {:?} {}>", &*e.name.local, e.name.ns, attrs.join(" "))
        }
        NodeData::ProcessingInstruction { .. } => "#pi".to_string(),
    });
    out.push(format!("{pad}{}", line.unwrap_or_default()));
    for c in n.children_it(false) {
        dump(&c, depth + 1, out);
    }
    // A template's contents hang off the element, not among its children.
    let contents = n.query(|d| match &d.data {
        NodeData::Element(e) => e.template_contents,
        _ => None,
    });
    if let Some(tc) = contents.flatten().and_then(|id| n.tree.get(&id)) {
        out.push(format!("{pad} #template-contents"));
        dump(&tc, depth + 2, out);
    }
}

fn lines(d: &Document) -> Vec<String> {
    let mut out = Vec::new();
    dump(&d.root(), 0, &mut out);
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
    for p in files {
        let Ok(b) = std::fs::read(&p) else { continue };
        let text = shiju_ingest::decode::decode(&b).text;
        if !text.trim_start().starts_with('<') && !text.contains("<html") && !text.contains("<body")
        {
            continue;
        }
        let t = shiju_ingest::fastpath::stripped(&text);
        let Some(f) = shiju_ingest::fastpath::parse(&t) else {
            bail += 1;
            println!("bail {}", p.display());
            continue;
        };
        let h = Document::from(shiju_ingest::fastpath::pruned(&t).as_str());
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
    println!("fast {fast}, bail {bail}, DIFF {diff}");
}
