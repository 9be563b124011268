//! The `shiju analyze --jsonl` protocol, one input line at a time: a JSON
//! object `{"id", "bytes_b64" | "text", "published"?}` in, one JSON object
//! per article (the analysis with `"id"` added) or per rejection
//! (`{"id", "doc", "error"}`) out. A line that is not valid UTF-8 or JSON,
//! or lacks the bytes, answers one error line; nothing a line holds stops
//! the stream (the Spark driver relies on every line being answered).

use base64::Engine as _;
use serde_json::{json, Value};

use crate::Pipeline;

/// One input line.
#[derive(serde::Deserialize)]
struct Input {
    id: Value,
    #[serde(default)]
    bytes_b64: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

/// The answers to input line number `n` (1-based, for messages): none for
/// a blank line, else one or more JSON objects in order.
pub fn answer(pl: &Pipeline, n: usize, line: &[u8]) -> Vec<Value> {
    let err = |id: &Value, msg: String| vec![json!({"id": id, "error": msg})];
    let Ok(line) = std::str::from_utf8(line) else {
        return err(&Value::Null, format!("line {n}: not UTF-8"));
    };
    if line.trim().is_empty() {
        return Vec::new();
    }
    let input: Input = match serde_json::from_str(line) {
        Ok(i) => i,
        Err(e) => return err(&Value::Null, format!("line {n}: invalid JSON: {e}")),
    };
    let id = input.id;
    let name = match &id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let bytes = match (input.bytes_b64, input.text) {
        (Some(b), _) => match base64::engine::general_purpose::STANDARD.decode(b.trim()) {
            Ok(b) => b,
            Err(e) => return err(&id, format!("bytes_b64: {e}")),
        },
        (None, Some(t)) => t.into_bytes(),
        (None, None) => return err(&id, "neither bytes_b64 nor text".into()),
    };
    if let Some(p) = &input.published {
        if shiju_core::date::parse_ymd(p).is_none() {
            return err(&id, format!("published {p:?} is not YYYY-MM-DD"));
        }
    }
    pl.analyze_bytes_with(&name, &bytes, input.published.as_deref())
        .into_iter()
        .map(|o| match o.result {
            Ok(a) => {
                let mut v = serde_json::to_value(&a)
                    .unwrap_or_else(|e| json!({"error": format!("serialising: {e}")}));
                if let Some(obj) = v.as_object_mut() {
                    obj.insert("id".into(), id.clone());
                }
                v
            }
            Err(e) => json!({"id": id, "doc": o.name, "error": e.to_string()}),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::answer;
    use crate::{Options, Pipeline};

    #[test]
    fn every_line_is_answered() {
        let pl = Pipeline::new(&Options::default()).unwrap();
        let ok = r#"{"id": 7, "text": "美国总统当天在白宫会见来访的日本首相，双方就地区安全局势和经贸合作深入交换了意见。", "published": "2024-05-01"}"#.as_bytes();
        let out = answer(&pl, 1, ok);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0]["id"], 7);
        assert!(out[0].get("error").is_none(), "{}", out[0]);
        assert!(answer(&pl, 2, b"   ").is_empty());
        for (line, why) in [
            (&b"\xff\xfe{}"[..], "not UTF-8"),
            (b"{\"id\": 1", "invalid JSON"),
            (b"{\"id\": 1}", "neither bytes_b64 nor text"),
            (b"{\"id\": 1, \"bytes_b64\": \"%%%\"}", "bytes_b64"),
            (
                b"{\"id\": 1, \"text\": \"x\", \"published\": \"May 1\"}",
                "YYYY-MM-DD",
            ),
            (b"{\"id\": 1, \"text\": \"\"}", "empty"),
        ] {
            let out = answer(&pl, 3, line);
            assert_eq!(out.len(), 1, "{line:?}");
            let e = out[0]["error"].as_str().unwrap_or_default();
            assert!(e.contains(why), "{line:?}: {e}");
        }
    }
}
