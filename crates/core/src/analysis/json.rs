//! An [`Analysis`]' JSON written by hand: the bytes `serde_json::to_string`
//! gives for its derived `Serialize` (the same fields in the same order,
//! the same escapes, numbers and nulls), with each string scanned eight
//! bytes at a time for the few bytes JSON escapes instead of serde_json's
//! loop over every byte; the paragraphs and the evidence of events are
//! most of a line. Every struct is taken apart field by field (no `..`), so
//! a field added to one does not compile until it is written here too; a
//! test compares the two writers.

use super::{Analysis, Chars, Entity, Event, Mention, Quote, Role, Timex};
use crate::Article;

impl Analysis {
    /// The analysis as one JSON object: what `serde_json::to_string` makes of it.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(self.json_len_hint() + 1);
        out.push('{');
        self.write_json_fields(&mut out);
        out
    }

    /// Appends the analysis' JSON object without its opening brace
    /// (`"doc":…,"article":{…},…,"events":[…]}`), for a line that puts
    /// fields of its own first.
    pub fn write_json_fields(&self, out: &mut String) {
        let Analysis {
            doc,
            article,
            entities,
            timex,
            quotes,
            events,
        } = self;
        out.push_str("\"doc\":");
        string(out, doc);
        out.push_str(",\"article\":");
        write_article(out, article);
        out.push_str(",\"entities\":");
        list(out, entities, write_entity);
        out.push_str(",\"timex\":");
        list(out, timex, write_timex);
        out.push_str(",\"quotes\":");
        list(out, quotes, write_quote);
        out.push_str(",\"events\":");
        list(out, events, write_event);
        out.push('}');
    }

    /// About as many bytes as the JSON takes (the text it quotes; for
    /// sizing the line once).
    pub fn json_len_hint(&self) -> usize {
        let a = &self.article;
        let paragraphs: usize = a.paragraphs.iter().map(|p| p.len() + 3).sum();
        let events: usize = self.events.iter().map(|e| e.evidence.len() + 200).sum();
        256 + paragraphs + events + 100 * (self.entities.len() + self.timex.len())
    }
}

fn write_article(out: &mut String, a: &Article) {
    let Article {
        title,
        published,
        authors,
        outlet,
        url,
        script,
        dateline,
        paragraphs,
        captions,
        form,
        encoding,
    } = a;
    out.push_str("{\"title\":");
    opt_string(out, title.as_deref());
    out.push_str(",\"published\":");
    opt_string(out, published.as_deref());
    out.push_str(",\"authors\":");
    strings(out, authors);
    out.push_str(",\"outlet\":");
    opt_string(out, outlet.as_deref());
    out.push_str(",\"url\":");
    opt_string(out, url.as_deref());
    out.push_str(",\"script\":");
    string(out, script.as_str());
    // (Skipped when none, as serde's `skip_serializing_if` does.)
    if let Some(d) = dateline {
        out.push_str(",\"dateline\":");
        string(out, d);
    }
    out.push_str(",\"paragraphs\":");
    strings(out, paragraphs);
    if !captions.is_empty() {
        out.push_str(",\"captions\":");
        strings(out, captions);
    }
    out.push_str(",\"form\":");
    string(out, form.as_str());
    out.push_str(",\"encoding\":");
    string(out, encoding);
    out.push('}');
}

fn write_entity(out: &mut String, e: &Entity<Chars>) {
    let Entity {
        id,
        kind,
        country,
        role,
        name,
        forms,
        mentions,
        actor,
    } = e;
    out.push_str("{\"id\":");
    string(out, id);
    out.push_str(",\"type\":");
    string(out, kind.as_str());
    out.push_str(",\"country\":");
    opt_string(out, country.as_deref());
    out.push_str(",\"role\":");
    match role {
        Some(Role { title, of, status }) => {
            out.push_str("{\"title\":");
            string(out, title);
            out.push_str(",\"of\":");
            opt_string(out, of.as_deref());
            out.push_str(",\"status\":");
            string(out, status.as_str());
            out.push('}');
        }
        None => out.push_str("null"),
    }
    out.push_str(",\"name\":");
    opt_string(out, name.as_deref());
    out.push_str(",\"forms\":");
    strings(out, forms);
    out.push_str(",\"mentions\":");
    list(out, mentions, |out, m| {
        let Mention {
            text,
            start,
            end,
            unit: _,
        } = m;
        out.push_str("{\"text\":");
        string(out, text);
        span(out, *start, *end);
    });
    if let Some(a) = actor {
        out.push_str(",\"actor\":");
        string(out, a);
    }
    out.push('}');
}

fn write_timex(out: &mut String, t: &Timex<Chars>) {
    let Timex {
        text,
        value,
        start,
        end,
        unit: _,
    } = t;
    out.push_str("{\"text\":");
    string(out, text);
    out.push_str(",\"value\":");
    string(out, value);
    span(out, *start, *end);
}

fn write_quote(out: &mut String, q: &Quote<Chars>) {
    let Quote {
        speaker,
        text,
        start,
        end,
        unit: _,
    } = q;
    out.push_str("{\"speaker\":");
    opt_string(out, speaker.as_deref());
    out.push_str(",\"text\":");
    string(out, text);
    span(out, *start, *end);
}

fn write_event(out: &mut String, e: &Event<Chars>) {
    let Event {
        source,
        target,
        source_entity,
        target_entity,
        code,
        cameo,
        goldstein,
        quad_class,
        plover,
        date,
        evidence,
        start,
        end,
        unit: _,
    } = e;
    out.push_str("{\"source\":");
    string(out, source);
    out.push_str(",\"target\":");
    string(out, target);
    out.push_str(",\"source_entity\":");
    opt_string(out, source_entity.as_deref());
    out.push_str(",\"target_entity\":");
    opt_string(out, target_entity.as_deref());
    out.push_str(",\"code\":");
    string(out, code);
    out.push_str(",\"cameo\":");
    string(out, cameo);
    out.push_str(",\"goldstein\":");
    match goldstein {
        // serde_json's own float format (ryu; null for NaN and infinities).
        Some(g) => match serde_json::to_string(g) {
            Ok(s) => out.push_str(&s),
            Err(_) => out.push_str("null"),
        },
        None => out.push_str("null"),
    }
    out.push_str(",\"quad_class\":");
    number(out, usize::from(*quad_class));
    out.push_str(",\"plover\":");
    opt_string(out, plover.as_deref());
    out.push_str(",\"date\":");
    string(out, date);
    out.push_str(",\"evidence\":");
    string(out, evidence);
    span(out, *start, *end);
}

/// `,"start":S,"end":E}`: the last fields of a spanned value.
fn span(out: &mut String, start: usize, end: usize) {
    out.push_str(",\"start\":");
    number(out, start);
    out.push_str(",\"end\":");
    number(out, end);
    out.push('}');
}

/// `[a,b,…]`, each item written by `item`.
fn list<T>(out: &mut String, items: &[T], mut item: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        item(out, x);
    }
    out.push(']');
}

fn strings(out: &mut String, items: &[String]) {
    list(out, items, |out, s| string(out, s));
}

fn opt_string(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.push_str("null"),
    }
}

/// A number's decimal digits (as serde_json's itoa writes them).
fn number(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` that JSON escapes (a control
/// character, `"` or `\`); the lowest one set marks the first such byte
/// exactly (a borrow only reaches the bytes above a true one).
fn escapes_in(w: u64) -> u64 {
    let control = w.wrapping_sub(ONES * 0x20) & !w;
    let q = w ^ (ONES * u64::from(b'"'));
    let quote = q.wrapping_sub(ONES) & !q;
    let b = w ^ (ONES * u64::from(b'\\'));
    let backslash = b.wrapping_sub(ONES) & !b;
    (control | quote | backslash) & HIGHS
}

/// A string in quotes, escaped as serde_json escapes it: `\"`, `\\`,
/// `\b`, `\t`, `\n`, `\f`, `\r`, any other control character as `\u00xx`
/// (lower-case hex); every other character as it is.
fn string(out: &mut String, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push('"');
    // `run` is where the text not yet copied starts, `i` the byte looked at.
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        if let Some(w) = b.get(i..i + 8) {
            let hits = escapes_in(u64::from_le_bytes(w.try_into().unwrap_or_default()));
            if hits == 0 {
                i += 8;
                continue;
            }
            i += hits.trailing_zeros() as usize / 8;
        }
        let c = b[i];
        let short = match c {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            0x0C => "\\f",
            b'\r' => "\\r",
            0..=0x1F => "",
            _ => {
                i += 1;
                continue;
            }
        };
        // (`i` is at an ASCII byte: a character boundary.)
        out.push_str(&s[run..i]);
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(c >> 4)]));
            out.push(char::from(HEX[usize::from(c & 0xF)]));
        } else {
            out.push_str(short);
        }
        i += 1;
        run = i;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EntityType, Form, RoleStatus, Script};

    fn json_of(s: &str) -> String {
        let mut out = String::new();
        string(&mut out, s);
        out
    }

    #[test]
    fn strings_escape_as_serde_json_escapes_them() {
        // Every ASCII byte at every offset of an eight-byte word, between
        // characters of one, two, three and four bytes.
        for c in 0u8..0x80 {
            let c = char::from(c);
            for pad in 0..10 {
                for filler in ["a", "é", "美", "𠀀"] {
                    let s = format!("{}{c}{}{c}", filler.repeat(pad), filler.repeat(pad % 3));
                    assert_eq!(json_of(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
                }
            }
        }
        for s in [
            "",
            "\"",
            "\\\\",
            "美国总统说：“我们”\n",
            "\u{7f}\u{80}\u{1f}x\u{2028}",
        ] {
            assert_eq!(json_of(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn numbers_as_serde_json_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            let mut out = String::new();
            number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    fn sample() -> Analysis {
        let mention = |t: &str, s, e| Mention {
            text: t.into(),
            start: s,
            end: e,
            unit: Chars,
        };
        let entity = |role: Option<Role>, actor: Option<&str>| Entity {
            id: "person:a\"b".into(),
            kind: EntityType::Person,
            country: Some("USA".into()),
            role,
            name: None,
            forms: vec!["拜登".into(), "乔·拜登\t".into()],
            mentions: vec![mention("拜登", 0, 2), mention("乔·拜登", 17, 21)],
            actor: actor.map(str::to_string),
        };
        let event = |goldstein: Option<f64>, plover: Option<&str>| Event {
            source: "USA".into(),
            target: "CHN".into(),
            source_entity: Some("country:USA".into()),
            target_entity: None,
            code: "042".into(),
            cameo: "04".into(),
            goldstein,
            quad_class: 1,
            plover: plover.map(str::to_string),
            date: "2024-05-01".into(),
            evidence: "美方表示，\\“将访问”\r\n中国。".into(),
            start: 3,
            end: 40,
            unit: Chars,
        };
        Analysis {
            doc: "a/b.html#1".into(),
            article: Article {
                title: Some("标题\u{1}".into()),
                published: Some("2024-05-01".into()),
                authors: vec!["记者".into(), "x".into()],
                outlet: None,
                url: Some("https://example.org/a?b=\"c\"".into()),
                script: Script::Traditional,
                dateline: Some("2024-04-30".into()),
                paragraphs: vec!["第一段。".into(), String::new(), "第二段\u{8}\u{c}".into()],
                captions: vec!["图".into()],
                form: Form::FeedItem,
                encoding: "GB18030".into(),
            },
            entities: vec![
                entity(None, None),
                entity(
                    Some(Role {
                        title: "president".into(),
                        of: Some("USA".into()),
                        status: RoleStatus::InOffice,
                    }),
                    Some("UN"),
                ),
                entity(
                    Some(Role {
                        title: "minister".into(),
                        of: None,
                        status: RoleStatus::Former,
                    }),
                    None,
                ),
            ],
            timex: vec![Timex {
                text: "昨天".into(),
                value: "2024-W17".into(),
                start: 5,
                end: 7,
                unit: Chars,
            }],
            quotes: vec![
                Quote {
                    speaker: Some("person:x".into()),
                    text: "我们\"会\"".into(),
                    start: 9,
                    end: 14,
                    unit: Chars,
                },
                Quote {
                    speaker: None,
                    text: String::new(),
                    start: 0,
                    end: 0,
                    unit: Chars,
                },
            ],
            events: vec![
                event(Some(3.4), Some("CONSULT")),
                event(Some(-10.0), None),
                event(Some(0.0), None),
                event(Some(1e21), None),
                event(Some(f64::NAN), None),
                event(None, None),
            ],
        }
    }

    #[test]
    fn an_analysis_is_written_as_serde_json_writes_it() {
        let a = sample();
        assert_eq!(a.to_json(), serde_json::to_string(&a).unwrap());
        let mut bare = a.clone();
        bare.article.dateline = None;
        bare.article.captions.clear();
        bare.article.title = None;
        assert_eq!(bare.to_json(), serde_json::to_string(&bare).unwrap());
        let empty = Analysis::default();
        assert_eq!(empty.to_json(), serde_json::to_string(&empty).unwrap());
        let mut fields = String::new();
        a.write_json_fields(&mut fields);
        assert_eq!(format!("{{{fields}"), a.to_json());
    }
}
