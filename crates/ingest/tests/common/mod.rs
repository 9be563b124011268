//! What the page-layout tests share.

use shiju_ingest::Extractor;

/// The one article extracted from `html`, saved as `page.html`.
pub fn extract(html: &str) -> shiju_core::Article {
    let ex = Extractor::new(None).unwrap();
    ex.extract("page.html", html.as_bytes())
        .remove(0)
        .result
        .unwrap()
}
