//! JSON-LD `NewsArticle` (and other `…Article`, `…Posting`, `…Report`)
//! metadata: headline, dates, URL, publisher, authors. A script is read
//! into [`Ld`], which keeps only the keys [`json_ld`] asks for: the
//! rest of the script (an `articleBody`, images, breadcrumbs) is parsed
//! as serde_json parses any value, and dropped as it is read.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{collapse_ws, PageMeta};

/// A JSON value as [`json_ld`] reads it: strings, arrays and objects with
/// the keys it asks for; anything else (numbers, `true`, `null`) is
/// [`Ld::Other`].
#[derive(Debug, PartialEq)]
pub(super) enum Ld {
    Str(String),
    Arr(Vec<Ld>),
    Obj(Box<LdObj>),
    Other,
}

/// The keys of an object [`json_ld`] reads (the last of a key written
/// twice, as `serde_json::Map` keeps it).
#[derive(Debug, Default, PartialEq)]
pub(super) struct LdObj {
    graph: Option<Ld>,
    ty: Option<Ld>,
    headline: Option<Ld>,
    date_published: Option<Ld>,
    url: Option<Ld>,
    main_entity: Option<Ld>,
    publisher: Option<Ld>,
    author: Option<Ld>,
    id: Option<Ld>,
    name: Option<Ld>,
}

impl Ld {
    fn as_str(&self) -> Option<&str> {
        match self {
            Ld::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// A key of an object: the field of [`LdObj`] it fills, or none.
struct Key(Option<fn(&mut LdObj) -> &mut Option<Ld>>);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, k: &str) -> Result<Key, E> {
                Ok(Key(Some(match k {
                    "@graph" => |o| &mut o.graph,
                    "@type" => |o| &mut o.ty,
                    "headline" => |o| &mut o.headline,
                    "datePublished" => |o| &mut o.date_published,
                    "url" => |o| &mut o.url,
                    "mainEntityOfPage" => |o| &mut o.main_entity,
                    "publisher" => |o| &mut o.publisher,
                    "author" => |o| &mut o.author,
                    "@id" => |o| &mut o.id,
                    "name" => |o| &mut o.name,
                    _ => return Ok(Key(None)),
                })))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// A value nobody reads: parsed as any value is (`deserialize_any`, the
/// way `serde_json::Value` is read, so that a script fails or passes as
/// it did), kept nowhere.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LdVisitor { keep: false }).map(|_| Skip)
    }
}

impl<'de> Deserialize<'de> for Ld {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LdVisitor { keep: true })
    }
}

/// Reads any value; with `keep`, into an [`Ld`], else into
/// [`Ld::Other`] (its parts skipped).
struct LdVisitor {
    keep: bool,
}

impl<'de> Visitor<'de> for LdVisitor {
    type Value = Ld;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Ld, E> {
        Ok(Ld::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Ld, E> {
        Ok(Ld::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Ld, E> {
        Ok(Ld::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Ld, E> {
        Ok(Ld::Other)
    }
    fn visit_unit<E>(self) -> Result<Ld, E> {
        Ok(Ld::Other)
    }
    fn visit_str<E>(self, s: &str) -> Result<Ld, E> {
        Ok(if self.keep {
            Ld::Str(s.to_string())
        } else {
            Ld::Other
        })
    }
    fn visit_string<E>(self, s: String) -> Result<Ld, E> {
        Ok(if self.keep { Ld::Str(s) } else { Ld::Other })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ld, A::Error> {
        if !self.keep {
            while seq.next_element::<Skip>()?.is_some() {}
            return Ok(Ld::Other);
        }
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Ld>()? {
            items.push(item);
        }
        Ok(Ld::Arr(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ld, A::Error> {
        let mut o = LdObj::default();
        while let Some(Key(field)) = map.next_key::<Key>()? {
            match field {
                Some(field) if self.keep => *field(&mut o) = Some(map.next_value::<Ld>()?),
                _ => {
                    map.next_value::<Skip>()?;
                }
            }
        }
        Ok(if self.keep {
            Ld::Obj(Box::new(o))
        } else {
            Ld::Other
        })
    }
}

/// Fills `m`'s JSON-LD fields from `v`: the first article-like object
/// (in an array, or an `@graph`, at most 4 deep) that has a field gives it.
pub(super) fn json_ld(v: &Ld, m: &mut PageMeta, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Ld::Arr(items) => items.iter().for_each(|i| json_ld(i, m, depth + 1)),
        Ld::Obj(o) => {
            if let Some(g) = &o.graph {
                json_ld(g, m, depth + 1);
            }
            let ty = match &o.ty {
                Some(Ld::Str(s)) => s.clone(),
                Some(Ld::Arr(a)) => a
                    .iter()
                    .filter_map(Ld::as_str)
                    .collect::<Vec<_>>()
                    .join(","),
                _ => String::new(),
            };
            if !(ty.contains("Article") || ty.contains("Posting") || ty.contains("Report")) {
                return;
            }
            let s = |x: &Option<Ld>| x.as_ref().and_then(Ld::as_str).map(collapse_ws);
            m.ld_headline = m.ld_headline.take().or_else(|| s(&o.headline));
            m.ld_published = m.ld_published.take().or_else(|| s(&o.date_published));
            m.ld_url = m.ld_url.take().or_else(|| s(&o.url)).or_else(|| {
                o.main_entity.as_ref().and_then(|x| match x {
                    Ld::Str(u) => Some(u.clone()),
                    Ld::Obj(p) => p.id.as_ref().and_then(Ld::as_str).map(str::to_string),
                    _ => None,
                })
            });
            if m.ld_publisher.is_none() {
                m.ld_publisher = o.publisher.as_ref().and_then(name_of);
            }
            if m.ld_authors.is_empty() {
                match &o.author {
                    Some(Ld::Arr(a)) => m.ld_authors = a.iter().filter_map(name_of).collect(),
                    Some(x) => m.ld_authors = name_of(x).into_iter().collect(),
                    None => {}
                }
            }
        }
        _ => {}
    }
}

fn name_of(v: &Ld) -> Option<String> {
    match v {
        Ld::Str(s) => Some(collapse_ws(s)).filter(|s| !s.is_empty()),
        Ld::Obj(o) => o
            .name
            .as_ref()
            .and_then(Ld::as_str)
            .map(collapse_ws)
            .filter(|s| !s.is_empty()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fields as `json_ld` read them from a `serde_json::Value`.
    fn by_value(v: &serde_json::Value, m: &mut PageMeta, depth: usize) {
        use serde_json::Value;
        if depth > 4 {
            return;
        }
        match v {
            Value::Array(items) => items.iter().for_each(|i| by_value(i, m, depth + 1)),
            Value::Object(o) => {
                if let Some(g) = o.get("@graph") {
                    by_value(g, m, depth + 1);
                }
                let ty = match o.get("@type") {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Array(a)) => a
                        .iter()
                        .filter_map(|x| x.as_str())
                        .collect::<Vec<_>>()
                        .join(","),
                    _ => String::new(),
                };
                if !(ty.contains("Article") || ty.contains("Posting") || ty.contains("Report")) {
                    return;
                }
                let s = |k: &str| o.get(k).and_then(|x| x.as_str()).map(collapse_ws);
                let name = |v: &Value| match v {
                    Value::String(s) => Some(collapse_ws(s)).filter(|s| !s.is_empty()),
                    Value::Object(o) => o
                        .get("name")
                        .and_then(|n| n.as_str())
                        .map(collapse_ws)
                        .filter(|s| !s.is_empty()),
                    _ => None,
                };
                m.ld_headline = m.ld_headline.take().or_else(|| s("headline"));
                m.ld_published = m.ld_published.take().or_else(|| s("datePublished"));
                m.ld_url = m.ld_url.take().or_else(|| s("url")).or_else(|| {
                    o.get("mainEntityOfPage").and_then(|x| match x {
                        Value::String(u) => Some(u.clone()),
                        Value::Object(p) => {
                            p.get("@id").and_then(|i| i.as_str()).map(str::to_string)
                        }
                        _ => None,
                    })
                });
                if m.ld_publisher.is_none() {
                    m.ld_publisher = o.get("publisher").and_then(name);
                }
                if m.ld_authors.is_empty() {
                    match o.get("author") {
                        Some(Value::Array(a)) => m.ld_authors = a.iter().filter_map(name).collect(),
                        Some(x) => m.ld_authors = name(x).into_iter().collect(),
                        None => {}
                    }
                }
            }
            _ => {}
        }
    }

    fn fields(m: &PageMeta) -> String {
        format!(
            "{:?} {:?} {:?} {:?} {:?}",
            m.ld_headline, m.ld_published, m.ld_url, m.ld_publisher, m.ld_authors
        )
    }

    #[test]
    fn scripts_read_as_from_a_value() {
        let scripts = [
            r#"{"@type":"NewsArticle","headline":" A  b ","datePublished":"2020-01-02",
                "url":"http://x/1","author":[{"name":"Li  Wei"},"Wang",{"name":""},3],
                "publisher":{"@type":"Organization","name":"Org","logo":{"url":"u"}},
                "articleBody":"long \"text\" \u4e2d","image":[1,2.5,null,true,{"a":[]}]}"#,
            r#"[{"@type":"WebPage"},{"@type":["Thing","ReportageNewsArticle"],
                "mainEntityOfPage":{"@id":"http://x/2","url":"no"},"author":"Zhao"}]"#,
            r#"{"@context":"https://schema.org","@graph":[{"@type":"BlogPosting",
                "headline":"G","headline":"H2","author":{"name":"N"},
                "mainEntityOfPage":"http://x/3"},{"@type":"Article","headline":"later"}]}"#,
            r#"{"@type":"Article","author":{"@type":"Person"},"url":5,"publisher":"P"}"#,
            r#"[[[[[{"@type":"Article","headline":"deep"}]]]]]"#,
            r#"[[[{"@type":"Article","headline":"not so deep"}]]]"#,
            r#"{"@type":{"x":"Article"},"headline":"no type"}"#,
            r#"{"@type":"Article","headline":"bad" "#,
            r#"{"@type":"Article","headline":"big","n":1e400}"#,
            r#"{"@type":"Article","headline":"x"} trailing"#,
            r#"{"@type":"Article","headline":"esc\n\ttab\u00a0nb"}"#,
            "[]",
            "",
        ];
        for s in scripts {
            let (mut a, mut b) = (PageMeta::default(), PageMeta::default());
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(s) {
                by_value(&v, &mut a, 0);
            }
            if let Ok(v) = serde_json::from_str::<Ld>(s) {
                json_ld(&v, &mut b, 0);
            }
            assert_eq!(fields(&a), fields(&b), "{s}");
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(s).is_ok(),
                serde_json::from_str::<Ld>(s).is_ok(),
                "{s}"
            );
        }
    }
}
