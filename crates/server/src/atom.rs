//! Atom 1.0 (RFC 4287) feeds written with a small escaping XML writer:
//! every piece of article text is escaped, never inserted as markup.

use shiju_store::api::FeedArticle;

/// The feed-level fields.
#[derive(Debug, Clone)]
pub struct FeedMeta {
    /// A stable IRI (`urn:shiju:feed:…`).
    pub id: String,
    pub title: String,
    /// The feed's own absolute URL.
    pub self_url: String,
    /// `http://host` of the server, for links to the dashboard.
    pub base: String,
}

/// Whether XML 1.0 allows `c` at all.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Escapes text for XML content and attribute values, dropping characters
/// XML cannot carry (control characters).
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars().filter(|c| xml_char(*c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML (the same five characters).
pub fn escape_html(s: &str) -> String {
    escape_xml(s)
}

/// The HTML body of one entry: metadata, the coded events, then the full
/// text. Every piece of article text is escaped.
fn entry_html(a: &FeedArticle, link: &str) -> String {
    let mut h = String::new();
    let mut meta = Vec::new();
    if let Some(p) = &a.published {
        meta.push(escape_html(p));
    }
    if let Some(o) = &a.outlet {
        meta.push(escape_html(o));
    }
    if let Some(u) = &a.url {
        if u.starts_with("http://") || u.starts_with("https://") {
            meta.push(format!(
                "<a href=\"{}\">{}</a>",
                escape_html(u),
                escape_html(u)
            ));
        } else {
            meta.push(escape_html(u));
        }
    }
    if !meta.is_empty() {
        h.push_str(&format!("<p>{}</p>", meta.join(" · ")));
    }
    if !a.events.is_empty() {
        h.push_str("<h3>Events</h3><ul>");
        for e in &a.events {
            h.push_str(&format!(
                "<li>{} {}→{} CAMEO {} (quad {}, Goldstein {}): «{}»</li>",
                escape_html(&e.date),
                escape_html(&e.source),
                escape_html(&e.target),
                escape_html(&e.code),
                e.quad,
                e.goldstein
                    .map(|g| format!("{g:+.1}"))
                    .unwrap_or_else(|| "-".into()),
                escape_html(&e.evidence)
            ));
        }
        h.push_str("</ul>");
    }
    for p in &a.paragraphs {
        if !p.trim().is_empty() {
            h.push_str(&format!("<p>{}</p>", escape_html(p)));
        }
    }
    h.push_str(&format!(
        "<p><a href=\"{}\">Open in the shiju dashboard</a></p>",
        escape_html(link)
    ));
    h
}

/// The entry id: the input document's SHA-256 and the item number inside
/// it, so it survives reanalysis and re-ingestion elsewhere.
pub fn entry_id(a: &FeedArticle) -> String {
    match &a.item_no {
        Some(n) => format!("urn:shiju:article:{}:{n}", a.sha256),
        None => format!("urn:shiju:article:{}", a.sha256),
    }
}

/// The whole feed; `articles` newest first.
pub fn feed(meta: &FeedMeta, articles: &[FeedArticle]) -> String {
    let updated = articles
        .iter()
        .map(|a| a.updated.as_str())
        .max()
        .unwrap_or("1970-01-01T00:00:00Z");
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    x.push_str(&format!("  <id>{}</id>\n", escape_xml(&meta.id)));
    x.push_str(&format!(
        "  <title type=\"text\">{}</title>\n",
        escape_xml(&meta.title)
    ));
    x.push_str(&format!("  <updated>{}</updated>\n", escape_xml(updated)));
    x.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape_xml(&meta.self_url)
    ));
    x.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}/\"/>\n",
        escape_xml(&meta.base)
    ));
    x.push_str("  <author><name>shiju</name></author>\n");
    x.push_str("  <generator>shiju</generator>\n");
    for a in articles {
        let link = format!("{}/#article/{}", meta.base, a.id);
        let title = a.title.clone().unwrap_or_else(|| "(no title)".into());
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <id>{}</id>\n", escape_xml(&entry_id(a))));
        x.push_str(&format!(
            "    <title type=\"text\">{}</title>\n",
            escape_xml(&title)
        ));
        x.push_str(&format!(
            "    <updated>{}</updated>\n",
            escape_xml(&a.updated)
        ));
        if a.published.is_some() {
            x.push_str(&format!(
                "    <published>{}</published>\n",
                escape_xml(&a.updated)
            ));
        }
        for name in &a.authors {
            x.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                escape_xml(name)
            ));
        }
        x.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape_xml(&link)
        ));
        let mut seen = std::collections::BTreeSet::new();
        for e in &a.events {
            if !seen.insert((&e.source, &e.target, &e.code)) {
                continue;
            }
            x.push_str(&format!(
                "    <category term=\"{}\" label=\"{}→{} CAMEO {}\"/>\n",
                escape_xml(&e.code),
                escape_xml(&e.source),
                escape_xml(&e.target),
                escape_xml(&e.code)
            ));
        }
        x.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            escape_xml(&entry_html(a, &link))
        ));
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_control_chars() {
        assert_eq!(
            escape_xml("<a href=\"x\">&'\u{0}\u{1b}ok"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;ok"
        );
    }
}
