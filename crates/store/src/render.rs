//! Query results as a terminal table, JSON or CSV.

use std::io::Write;

use serde_json::Value;

/// Output format of the query commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "table" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            _ => Err(format!(
                "unknown format {s:?} (expected table, json or csv)"
            )),
        }
    }
}

/// Rows with named columns; cells are JSON values (null, number, string).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

impl Rows {
    pub fn new(columns: &[&str]) -> Rows {
        Rows {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// The rows as JSON objects.
    pub fn to_json(&self) -> Value {
        Value::Array(
            self.rows
                .iter()
                .map(|r| {
                    Value::Object(
                        self.columns
                            .iter()
                            .cloned()
                            .zip(r.iter().cloned())
                            .collect(),
                    )
                })
                .collect(),
        )
    }

    pub fn write(&self, format: Format, w: &mut dyn Write) -> std::io::Result<()> {
        match format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *w, &self.to_json())?;
                writeln!(w)
            }
            Format::Csv => {
                write_csv_row(w, self.columns.iter().map(String::as_str))?;
                for r in &self.rows {
                    let cells: Vec<String> = r.iter().map(plain).collect();
                    write_csv_row(w, cells.iter().map(String::as_str))?;
                }
                Ok(())
            }
            Format::Table => self.write_table(w),
        }
    }

    fn write_table(&self, w: &mut dyn Write) -> std::io::Result<()> {
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().map(|c| one_line(&plain(c))).collect())
            .collect();
        let mut widths: Vec<usize> = self.columns.iter().map(|c| width(c)).collect();
        for r in &cells {
            for (i, c) in r.iter().enumerate() {
                if let Some(wd) = widths.get_mut(i) {
                    *wd = (*wd).max(width(c));
                }
            }
        }
        let line = |w: &mut dyn Write, r: &[String]| -> std::io::Result<()> {
            let mut out = String::new();
            for (i, c) in r.iter().enumerate() {
                let wd = widths.get(i).copied().unwrap_or(0);
                if i + 1 < r.len() {
                    out.push_str(c);
                    out.push_str(&" ".repeat(wd.saturating_sub(width(c)) + 2));
                } else {
                    out.push_str(c);
                }
            }
            writeln!(w, "{}", out.trim_end())
        };
        line(w, &self.columns)?;
        let rule: Vec<String> = widths.iter().map(|n| "-".repeat(*n)).collect();
        line(w, &rule)?;
        for r in &cells {
            line(w, r)?;
        }
        Ok(())
    }
}

/// A cell as plain text (strings unquoted, null empty).
pub fn plain(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if !n.is_i64() && !n.is_u64() => format!("{f:.2}"),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r', '\t'], " ")
}

/// Terminal width of `s`: wide (CJK, full-width) characters count two.
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Writes one RFC 4180 CSV row.
pub fn write_csv_row<'a>(
    w: &mut dyn Write,
    cells: impl Iterator<Item = &'a str>,
) -> std::io::Result<()> {
    write_csv_cells(w, cells.map(|c| (c, false)))
}

/// Writes one RFC 4180 CSV row: a cell is quoted when it needs quoting, or
/// always when its flag is set (text columns whose readers must keep them
/// strings, such as CAMEO codes like `042`).
pub(crate) fn write_csv_cells<'a>(
    w: &mut dyn Write,
    cells: impl Iterator<Item = (&'a str, bool)>,
) -> std::io::Result<()> {
    let mut out = String::new();
    for (i, (c, always)) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if always || c.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(c);
        }
    }
    out.push_str("\r\n");
    w.write_all(out.as_bytes())
}

/// A sparkline (▁▂▃▄▅▆▇█) of `values` on a scale symmetric around zero,
/// from −m (▁) to +m (█) where m is the largest magnitude: zero falls
/// between ▄ and ▅, so all-positive means stay in the upper half and a
/// negative period reads as low however the others go. `None` values
/// (periods without events) print as a space.
pub fn sparkline(values: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let m = values.iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(_) if m < 1e-9 => BARS[4],
            Some(v) => {
                let i = ((v + m) / (2.0 * m) * 7.0).round() as usize;
                BARS[i.min(7)]
            }
        })
        .collect()
}

/// The legend of [`sparkline`] for `values`: what its lowest and highest
/// bars stand for, and the signs of [`sparkline_signs`].
pub fn sparkline_legend(values: &[Option<f64>]) -> String {
    let m = values.iter().flatten().fold(0.0f64, |m, v| m.max(v.abs()));
    format!(
        "▁ = {:.1}, ▄▅ ≈ 0, █ = +{:.1} (Goldstein mean); below: + above zero, - below zero, 0 zero",
        -m, m
    )
}

/// The zero line of a [`sparkline`], to print under it, one character per
/// value: `+` above zero, `-` below, `0` at zero (within ±0.05), a space
/// for a period without events.
pub fn sparkline_signs(values: &[Option<f64>]) -> String {
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(v) if *v >= 0.05 => '+',
            Some(v) if *v <= -0.05 => '-',
            Some(_) => '0',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("CHN"), 3);
        assert_eq!(width("中俄"), 4);
        assert_eq!(width("Ｇ20峰会"), 8);
    }

    #[test]
    fn csv_quotes() {
        let mut r = Rows::new(&["a", "b"]);
        r.rows.push(vec![json!("x,y"), json!(1)]);
        r.rows.push(vec![json!("say \"hi\""), Value::Null]);
        let mut out = Vec::new();
        r.write(Format::Csv, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,b\r\n\"x,y\",1\r\n\"say \"\"hi\"\"\",\r\n"
        );
    }

    #[test]
    fn table_aligns_wide_chars() {
        let mut r = Rows::new(&["name", "n"]);
        r.rows.push(vec![json!("中国"), json!(2)]);
        r.rows.push(vec![json!("USA"), json!(10)]);
        let mut out = Vec::new();
        r.write(Format::Table, &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[2], "中国  2");
        assert_eq!(lines[3], "USA   10");
    }

    #[test]
    fn sparklines() {
        assert_eq!(sparkline(&[Some(-1.0), None, Some(1.0)]), "▁ █");
        assert_eq!(sparkline(&[Some(2.0), Some(2.0)]), "██");
        // All positive: upper half only; a negative period reads as low.
        assert_eq!(sparkline(&[Some(1.0), Some(2.0), Some(3.0)]), "▆▇█");
        assert_eq!(sparkline(&[Some(-3.0), Some(2.0)]), "▁▇");
        assert_eq!(sparkline(&[Some(0.0)]), "▅");
        assert_eq!(sparkline(&[]), "");
        assert_eq!(
            sparkline_signs(&[Some(-3.0), None, Some(0.0), Some(2.0)]),
            "- 0+"
        );
    }

    #[test]
    fn formats_parse() {
        assert_eq!("JSON".parse::<Format>(), Ok(Format::Json));
        assert!("xml".parse::<Format>().is_err());
    }
}
