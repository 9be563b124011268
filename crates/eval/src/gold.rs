//! The gold file format (`GUIDELINES.md`) and loading a gold folder.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use shiju_core::EntityType;

use crate::dates::Period;

/// The suffix every gold file name ends with.
pub const GOLD_SUFFIX: &str = ".gold.json";

/// One gold file, deserialised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gold {
    /// File name of the raw document the gold annotates.
    pub doc: String,
    pub article: GoldArticle,
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub timex: Vec<GoldTimex>,
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

/// Section 1 of the guidelines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct GoldArticle {
    /// The headline; `null` when the document prints none.
    #[serde(default)]
    pub title: Option<String>,
    /// Publication date `YYYY-MM-DD`.
    #[serde(default)]
    pub published: Option<String>,
    /// Other acceptable publication dates.
    #[serde(default)]
    pub published_alt: Vec<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// `simplified` or `traditional`.
    #[serde(default)]
    pub script: Option<String>,
    #[serde(default)]
    pub body_starts: String,
    #[serde(default)]
    pub body_ends: String,
    #[serde(default)]
    pub body_must_contain: Vec<String>,
    #[serde(default)]
    pub body_must_not_contain: Vec<String>,
}

/// Section 2: one real-world entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldEntity {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub forms: Vec<String>,
}

/// Section 3: one temporal expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldTimex {
    pub text: String,
    pub value: String,
}

/// Section 4: one quoted span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldQuote {
    /// Entity id of the speaker (one of the gold entities).
    pub speaker: String,
    /// The first characters of the quoted text.
    pub starts: String,
}

/// Section 5: one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldEvent {
    pub source: String,
    pub target: String,
    /// Two-digit CAMEO root.
    pub cameo: String,
    /// Full CAMEO code, when the annotator gave one.
    #[serde(default)]
    pub code: Option<String>,
    /// Other defensible roots.
    #[serde(default)]
    pub cameo_alt: Vec<String>,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Www` or `YYYY`.
    pub date: String,
    #[serde(default)]
    pub evidence: String,
}

/// Loading a gold folder failed; every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: not a valid gold file: {source}", path.display())]
    Parse {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

/// Two-digit CAMEO root of a code (`"042"` → `"04"`), if it is one of `01`–`20`.
pub fn cameo_root(code: &str) -> Option<String> {
    let code = code.trim();
    let root = code.get(..2)?;
    if !root.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u8 = root.parse().ok()?;
    if (1..=20).contains(&n) {
        Some(root.to_string())
    } else {
        None
    }
}

/// GDELT quad class of a two-digit root: 01–05 → 1, 06–09 → 2, 10–14 → 3, 15–20 → 4.
pub fn quad_of_root(root: &str) -> Option<u8> {
    let n: u8 = cameo_root(root)?.parse().ok()?;
    Some(match n {
        1..=5 => 1,
        6..=9 => 2,
        10..=14 => 3,
        _ => 4,
    })
}

impl Gold {
    /// Parses one gold file's text.
    pub fn from_json(text: &str) -> Result<Gold, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// Checks what the scorer relies on: every event has a valid CAMEO root
    /// (and alternatives) and a date in one of the four formats.
    pub fn validate(&self) -> Result<(), String> {
        for (i, ev) in self.events.iter().enumerate() {
            let what = || format!("event {} ({}→{})", i + 1, ev.source, ev.target);
            if cameo_root(&ev.cameo).is_none() {
                return Err(format!("{}: bad cameo root {:?}", what(), ev.cameo));
            }
            if let Some(alt) = ev.cameo_alt.iter().find(|a| cameo_root(a).is_none()) {
                return Err(format!("{}: bad cameo_alt {:?}", what(), alt));
            }
            if Period::parse(&ev.date).is_none() {
                return Err(format!("{}: bad date {:?}", what(), ev.date));
            }
        }
        Ok(())
    }
}

/// Finds every `<name>.gold.json` under `dir` (recursively, not following
/// symbolic links to folders) and returns, sorted by path, the path of the
/// raw document beside each (`<name>`, which need not exist) and its gold.
pub fn load_gold_dir(dir: &Path) -> Result<Vec<(PathBuf, Gold)>, EvalError> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    let mut out = Vec::with_capacity(files.len());
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|source| EvalError::Io {
            path: path.clone(),
            source,
        })?;
        let gold = Gold::from_json(&text).map_err(|source| EvalError::Parse {
            path: path.clone(),
            source,
        })?;
        gold.validate().map_err(|message| EvalError::Invalid {
            path: path.clone(),
            message,
        })?;
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(GOLD_SUFFIX))
            .unwrap_or_default()
            .to_string();
        let raw = path.with_file_name(name);
        out.push((raw, gold));
    }
    Ok(out)
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), EvalError> {
    let io = |source| EvalError::Io {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        let ft = entry.file_type().map_err(|source| EvalError::Io {
            path: path.clone(),
            source,
        })?;
        if ft.is_dir() {
            collect(&path, files)?;
        } else {
            let is_gold = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.len() > GOLD_SUFFIX.len() && n.ends_with(GOLD_SUFFIX));
            // Regular files and symbolic links to files.
            if is_gold && path.is_file() {
                files.push(path);
            }
        }
    }
    Ok(())
}
