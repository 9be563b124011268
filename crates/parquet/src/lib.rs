//! shiju-parquet: writes a table of typed, nullable columns as one Parquet
//! file (Snappy-compressed, row groups of 64 Ki rows) that pandas, DuckDB
//! and Spark read, and reads such files back as JSON rows.
//!
//! The `parquet` crate is used without its Arrow integration: shiju's
//! tables are flat (strings, integers, doubles, dates, timestamps), and the
//! Arrow stack would multiply the build time. Files are written as Parquet
//! format version 2 (`WriterVersion::PARQUET_2_0`).

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

pub use parquet::errors::ParquetError as Error;

/// One column's values; `None` is a null.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    Utf8(Vec<Option<String>>),
    Int32(Vec<Option<i32>>),
    Int64(Vec<Option<i64>>),
    Double(Vec<Option<f64>>),
    /// Days since 1970-01-01: INT32 with the DATE logical type.
    Date(Vec<Option<i32>>),
    /// Milliseconds since 1970-01-01 00:00 UTC: INT64 with the
    /// TIMESTAMP(MILLIS, UTC) logical type.
    Timestamp(Vec<Option<i64>>),
    /// A list of strings per row (never null, elements never null): a
    /// standard three-level LIST (Spark: `array<string>`).
    List(Vec<Vec<String>>),
    /// A list of records per row (never null, records never null): a LIST
    /// of a group (Spark: `array<struct<…>>`).
    Records(Records),
}

/// The rows of a [`Column::Records`]: `lens[r]` records in row `r`, the
/// records of all rows one after another in each field's values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Records {
    pub lens: Vec<usize>,
    pub fields: Vec<Field>,
}

/// One field of a record: its name, whether it may be null, and its values
/// (one per record of the whole column).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub nullable: bool,
    pub values: Leaf,
}

/// The values of a record field.
#[derive(Debug, Clone, PartialEq)]
pub enum Leaf {
    Utf8(Vec<Option<String>>),
    Int32(Vec<Option<i32>>),
}

impl Leaf {
    fn len(&self) -> usize {
        match self {
            Leaf::Utf8(v) => v.len(),
            Leaf::Int32(v) => v.len(),
        }
    }
}

impl Column {
    pub fn len(&self) -> usize {
        match self {
            Column::Utf8(v) => v.len(),
            Column::Int32(v) => v.len(),
            Column::Int64(v) => v.len(),
            Column::Double(v) => v.len(),
            Column::Date(v) => v.len(),
            Column::Timestamp(v) => v.len(),
            Column::List(v) => v.len(),
            Column::Records(r) => r.lens.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn parquet_type(&self) -> &'static str {
        match self {
            Column::Utf8(_) | Column::List(_) => "BYTE_ARRAY",
            Column::Int32(_) | Column::Date(_) => "INT32",
            Column::Int64(_) | Column::Timestamp(_) => "INT64",
            Column::Double(_) => "DOUBLE",
            Column::Records(_) => "group",
        }
    }

    fn annotation(&self) -> &'static str {
        match self {
            Column::Utf8(_) | Column::List(_) => " (UTF8)",
            Column::Date(_) => " (DATE)",
            Column::Timestamp(_) => " (TIMESTAMP(MILLIS,true))",
            _ => "",
        }
    }
}

/// Named columns of equal length.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub names: Vec<String>,
    pub columns: Vec<Column>,
}

impl Table {
    pub fn push(&mut self, name: &str, column: Column) {
        self.names.push(name.to_string());
        self.columns.push(column);
    }

    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, Column::len)
    }
}

const ROW_GROUP: usize = 64 * 1024;

fn is_identifier(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The schema line(s) of one column.
fn schema_of(name: &str, col: &Column) -> Result<String, ParquetError> {
    let list = |inner: String| {
        format!(
            "  REQUIRED group {name} (LIST) {{\n    REPEATED group list {{\n{inner}    }}\n  }}\n"
        )
    };
    Ok(match col {
        Column::List(_) => list("      REQUIRED BYTE_ARRAY element (UTF8);\n".into()),
        Column::Records(r) => {
            let mut inner = String::from("      REQUIRED group element {\n");
            for f in &r.fields {
                if !is_identifier(&f.name) {
                    return Err(ParquetError::General(format!(
                        "bad field name {:?}",
                        f.name
                    )));
                }
                if f.values.len() != r.lens.iter().sum::<usize>() {
                    return Err(ParquetError::General(format!(
                        "field {} of {name}: values and records differ in number",
                        f.name
                    )));
                }
                let (ty, annot) = match f.values {
                    Leaf::Utf8(_) => ("BYTE_ARRAY", " (UTF8)"),
                    Leaf::Int32(_) => ("INT32", ""),
                };
                let rep = if f.nullable { "OPTIONAL" } else { "REQUIRED" };
                let missing = match &f.values {
                    Leaf::Utf8(v) => v.iter().any(Option::is_none),
                    Leaf::Int32(v) => v.iter().any(Option::is_none),
                };
                if missing && !f.nullable {
                    return Err(ParquetError::General(format!(
                        "field {} of {name}: a null in a required field",
                        f.name
                    )));
                }
                inner.push_str(&format!("        {rep} {ty} {}{annot};\n", f.name));
            }
            inner.push_str("      }\n");
            list(inner)
        }
        _ => format!(
            "  OPTIONAL {} {name}{};\n",
            col.parquet_type(),
            col.annotation()
        ),
    })
}

/// Writes `table` to `path` (created or truncated).
pub fn write(path: &Path, table: &Table) -> Result<(), ParquetError> {
    let rows = table.rows();
    if table.columns.iter().any(|c| c.len() != rows) {
        return Err(ParquetError::General("columns of unequal length".into()));
    }
    let mut schema = String::from("message shiju {\n");
    for (name, col) in table.names.iter().zip(&table.columns) {
        if !is_identifier(name) {
            return Err(ParquetError::General(format!("bad column name {name:?}")));
        }
        schema.push_str(&schema_of(name, col)?);
    }
    schema.push('}');
    let schema = Arc::new(parse_message_type(&schema)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_writer_version(parquet::file::properties::WriterVersion::PARQUET_2_0)
            .set_created_by(format!("shiju {}", env!("CARGO_PKG_VERSION")))
            .build(),
    );
    // Where each row's records start, for the record columns.
    let offsets: Vec<Vec<usize>> = table
        .columns
        .iter()
        .map(|c| match c {
            Column::List(v) => prefix_sums(v.iter().map(Vec::len)),
            Column::Records(r) => prefix_sums(r.lens.iter().copied()),
            _ => Vec::new(),
        })
        .collect();
    let file = File::create(path)
        .map_err(|e| ParquetError::General(format!("{}: {e}", path.display())))?;
    let mut writer = SerializedFileWriter::new(file, schema, props)?;
    let mut start = 0;
    loop {
        let end = (start + ROW_GROUP).min(rows);
        let mut rg = writer.next_row_group()?;
        for (col, offs) in table.columns.iter().zip(&offsets) {
            let leaves = match col {
                Column::Records(r) => r.fields.len(),
                _ => 1,
            };
            for leaf in 0..leaves {
                let Some(mut cw) = rg.next_column()? else {
                    return Err(ParquetError::General("schema and columns differ".into()));
                };
                write_leaf(&mut cw, col, leaf, offs, start, end)?;
                cw.close()?;
            }
        }
        rg.close()?;
        start = end;
        if start >= rows {
            break;
        }
    }
    writer.close()?;
    Ok(())
}

fn prefix_sums(lens: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut out = vec![0];
    let mut total = 0;
    for n in lens {
        total += n;
        out.push(total);
    }
    out
}

/// Writes rows `start..end` of leaf number `leaf` of `col`.
fn write_leaf(
    cw: &mut parquet::file::writer::SerializedColumnWriter<'_>,
    col: &Column,
    leaf: usize,
    offs: &[usize],
    start: usize,
    end: usize,
) -> Result<(), ParquetError> {
    match col {
        Column::Utf8(v) => {
            let (vals, defs) = split(&v[start..end], |s: &String| {
                ByteArray::from(s.as_bytes().to_vec())
            });
            cw.typed::<ByteArrayType>()
                .write_batch(&vals, Some(&defs), None)?;
        }
        Column::Int32(v) | Column::Date(v) => {
            let (vals, defs) = split(&v[start..end], |x: &i32| *x);
            cw.typed::<Int32Type>()
                .write_batch(&vals, Some(&defs), None)?;
        }
        Column::Int64(v) | Column::Timestamp(v) => {
            let (vals, defs) = split(&v[start..end], |x: &i64| *x);
            cw.typed::<Int64Type>()
                .write_batch(&vals, Some(&defs), None)?;
        }
        Column::Double(v) => {
            let (vals, defs) = split(&v[start..end], |x: &f64| *x);
            cw.typed::<DoubleType>()
                .write_batch(&vals, Some(&defs), None)?;
        }
        Column::List(v) => {
            let flat: Vec<Option<&String>> = v[start..end].iter().flatten().map(Some).collect();
            write_strings(cw, &offs[start..=end], &flat, false)?;
        }
        Column::Records(r) => {
            let f = &r.fields[leaf];
            let span = &offs[start..=end];
            let (lo, hi) = (span[0], span[span.len() - 1]);
            match &f.values {
                Leaf::Utf8(v) => {
                    let vals: Vec<Option<&String>> = v[lo..hi].iter().map(Option::as_ref).collect();
                    write_strings(cw, span, &vals, f.nullable)?;
                }
                Leaf::Int32(v) => {
                    let vals: Vec<Option<&i32>> = v[lo..hi].iter().map(Option::as_ref).collect();
                    let (defs, reps) = levels(span, &vals, f.nullable);
                    let vals: Vec<i32> = vals.iter().flatten().map(|x| **x).collect();
                    cw.typed::<Int32Type>()
                        .write_batch(&vals, Some(&defs), Some(&reps))?;
                }
            }
        }
    }
    Ok(())
}

/// Writes the strings of a list column (or of a string leaf of a list of
/// records) with their levels over `span`.
fn write_strings(
    cw: &mut parquet::file::writer::SerializedColumnWriter<'_>,
    span: &[usize],
    vals: &[Option<&String>],
    nullable: bool,
) -> Result<(), ParquetError> {
    let (defs, reps) = levels(span, vals, nullable);
    let vals: Vec<ByteArray> = vals
        .iter()
        .flatten()
        .map(|s| ByteArray::from(s.as_bytes().to_vec()))
        .collect();
    cw.typed::<ByteArrayType>()
        .write_batch(&vals, Some(&defs), Some(&reps))?;
    Ok(())
}

/// Definition and repetition levels of a list leaf over rows whose
/// elements start at `span[i]` (the elements `vals`, from `span[0]`): an
/// empty list is one level pair (0, 0); an element is defined at 1, a
/// present value of a nullable leaf at 2. A required leaf without a value
/// is refused before (`schema_of`).
fn levels<T>(span: &[usize], vals: &[Option<T>], nullable: bool) -> (Vec<i16>, Vec<i16>) {
    let base = span[0];
    let mut defs = Vec::with_capacity(vals.len() + span.len());
    let mut reps = Vec::with_capacity(vals.len() + span.len());
    for w in span.windows(2) {
        if w[0] == w[1] {
            defs.push(0);
            reps.push(0);
            continue;
        }
        for i in w[0]..w[1] {
            reps.push(if i == w[0] { 0 } else { 1 });
            let present = vals[i - base].is_some();
            defs.push(if nullable && present { 2 } else { 1 });
        }
    }
    (defs, reps)
}

fn split<T, U>(v: &[Option<T>], f: impl Fn(&T) -> U) -> (Vec<U>, Vec<i16>) {
    let mut vals = Vec::with_capacity(v.len());
    let mut defs = Vec::with_capacity(v.len());
    for x in v {
        match x {
            Some(x) => {
                vals.push(f(x));
                defs.push(1);
            }
            None => defs.push(0),
        }
    }
    (vals, defs)
}

/// Reads a Parquet file back, one JSON object per row.
pub fn read_json(path: &Path) -> Result<Vec<serde_json::Value>, ParquetError> {
    let file =
        File::open(path).map_err(|e| ParquetError::General(format!("{}: {e}", path.display())))?;
    let reader = SerializedFileReader::new(file)?;
    let mut out = Vec::new();
    for row in reader.get_row_iter(None)? {
        out.push(row?.to_json_value());
    }
    Ok(out)
}

/// The columns of a Parquet file: (name, physical type, logical type), the
/// types as the format names them (`INT32`, `DATE`; `BYTE_ARRAY`, `STRING`;
/// the logical type is empty when there is none).
pub fn column_types(path: &Path) -> Result<Vec<(String, String, String)>, ParquetError> {
    let file =
        File::open(path).map_err(|e| ParquetError::General(format!("{}: {e}", path.display())))?;
    let reader = SerializedFileReader::new(file)?;
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    Ok(schema
        .columns()
        .iter()
        .map(|c| {
            let logical = match c.logical_type_ref() {
                Some(parquet::basic::LogicalType::String) => "STRING".to_string(),
                Some(parquet::basic::LogicalType::Date) => "DATE".to_string(),
                Some(parquet::basic::LogicalType::Timestamp(_)) => "TIMESTAMP".to_string(),
                Some(other) => format!("{other:?}"),
                // Written as the UTF8 converted type (which readers take as STRING).
                None if c.converted_type() == parquet::basic::ConvertedType::UTF8 => {
                    "STRING".to_string()
                }
                None => String::new(),
            };
            (c.name().to_string(), c.physical_type().to_string(), logical)
        })
        .collect())
}

/// Reads only the named top-level columns of a Parquet file (any schema,
/// nested columns included), one JSON object per row; columns the file does
/// not have are left out of the objects.
pub fn read_json_columns(
    path: &Path,
    columns: &[&str],
) -> Result<Vec<serde_json::Value>, ParquetError> {
    let file =
        File::open(path).map_err(|e| ParquetError::General(format!("{}: {e}", path.display())))?;
    let reader = SerializedFileReader::new(file)?;
    let root = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .root_schema();
    let fields: Vec<_> = root
        .get_fields()
        .iter()
        .filter(|f| columns.contains(&f.name()))
        .cloned()
        .collect();
    let mut out = Vec::new();
    if fields.is_empty() {
        // Nothing to project: one empty object per row.
        let n = reader.metadata().file_metadata().num_rows();
        out.resize(usize::try_from(n).unwrap_or(0), serde_json::json!({}));
        return Ok(out);
    }
    let projection = parquet::schema::types::Type::group_type_builder(root.name())
        .with_fields(fields)
        .build()?;
    for row in reader.get_row_iter(Some(projection))? {
        out.push(row?.to_json_value());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_nulls_and_chinese_text() {
        let mut t = Table::default();
        t.push(
            "source",
            Column::Utf8(vec![Some("CHN".into()), Some("RUS".into()), None]),
        );
        t.push(
            "evidence",
            Column::Utf8(vec![
                Some("习近平与普京举行视频通话".into()),
                None,
                Some("蒲亭".into()),
            ]),
        );
        t.push(
            "day",
            Column::Int32(vec![Some(20250224), Some(20250225), None]),
        );
        t.push("id", Column::Int64(vec![Some(1), Some(i64::MAX), Some(-3)]));
        t.push(
            "goldstein",
            Column::Double(vec![Some(1.0), None, Some(-10.0)]),
        );
        let path = std::env::temp_dir().join(format!("shiju-pq-{}.parquet", std::process::id()));
        write(&path, &t).unwrap();
        let rows = read_json(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0]["evidence"], "习近平与普京举行视频通话");
        assert_eq!(rows[0]["day"], 20250224);
        assert_eq!(rows[1]["id"], i64::MAX);
        assert!(rows[1]["goldstein"].is_null());
        assert!(rows[2]["source"].is_null());
        assert_eq!(rows[2]["goldstein"], -10.0);
        let mut typed = Table::default();
        typed.push("day", Column::Date(vec![Some(19787), None]));
        typed.push(
            "added",
            Column::Timestamp(vec![Some(1_709_629_200_000), None]),
        );
        let path3 = std::env::temp_dir().join(format!("shiju-pq-t-{}.parquet", std::process::id()));
        write(&path3, &typed).unwrap();
        let types = column_types(&path3).unwrap();
        let back = read_json(&path3).unwrap();
        std::fs::remove_file(&path3).unwrap();
        assert_eq!(types[0], ("day".into(), "INT32".into(), "DATE".into()));
        assert_eq!(types[1].1, "INT64");
        assert!(types[1].2.starts_with("TIMESTAMP"), "{:?}", types[1]);
        assert!(
            back[0]["day"].to_string().contains("2024-03-05"),
            "{}",
            back[0]
        );
        assert!(back[1]["day"].is_null());
        let path2 = std::env::temp_dir().join(format!("shiju-pq-p-{}.parquet", std::process::id()));
        write(&path2, &t).unwrap();
        let some = read_json_columns(&path2, &["id", "source", "absent"]).unwrap();
        let none = read_json_columns(&path2, &["absent"]).unwrap();
        std::fs::remove_file(&path2).unwrap();
        assert_eq!(
            some[1],
            serde_json::json!({"source": "RUS", "id": i64::MAX})
        );
        assert_eq!(none.len(), 3);
    }

    #[test]
    fn many_rows_span_row_groups() {
        let n = ROW_GROUP + 10;
        let mut t = Table::default();
        t.push("n", Column::Int64((0..n as i64).map(Some).collect()));
        let path =
            std::env::temp_dir().join(format!("shiju-pq-big-{}.parquet", std::process::id()));
        write(&path, &t).unwrap();
        let rows = read_json(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(rows.len(), n);
        assert_eq!(rows[n - 1]["n"], (n - 1) as i64);
    }

    #[test]
    fn bad_tables_are_errors() {
        let mut t = Table::default();
        t.push("a", Column::Int64(vec![Some(1)]));
        t.push("b", Column::Int64(vec![]));
        let path = std::env::temp_dir().join("shiju-pq-bad.parquet");
        assert!(write(&path, &t).is_err());
        let mut t = Table::default();
        t.push("bad name", Column::Int64(vec![Some(1)]));
        assert!(write(&path, &t).is_err());
        let _ = std::fs::remove_file(&path);
    }
}

#[cfg(test)]
mod nested_tests {
    use super::*;

    /// Lists of strings and of records, empty lists and null fields, read
    /// back as written, across row groups.
    #[test]
    fn lists_and_records_round_trip() {
        let n = ROW_GROUP + 3;
        let lists: Vec<Vec<String>> = (0..n)
            .map(|i| (0..i % 3).map(|k| format!("段落{i}-{k}")).collect())
            .collect();
        let lens: Vec<usize> = (0..n).map(|i| (i + 1) % 3).collect();
        let total: usize = lens.iter().sum();
        let records = Records {
            lens: lens.clone(),
            fields: vec![
                Field {
                    name: "text".into(),
                    nullable: false,
                    values: Leaf::Utf8((0..total).map(|k| Some(format!("明天{k}"))).collect()),
                },
                Field {
                    name: "value".into(),
                    nullable: true,
                    values: Leaf::Utf8(
                        (0..total)
                            .map(|k| (k % 2 == 0).then(|| format!("2024-05-{:02}", k % 28 + 1)))
                            .collect(),
                    ),
                },
                Field {
                    name: "start".into(),
                    nullable: false,
                    values: Leaf::Int32((0..total).map(|k| Some(k as i32)).collect()),
                },
            ],
        };
        let mut t = Table::default();
        t.push("id", Column::Int64((0..n as i64).map(Some).collect()));
        t.push("paragraphs", Column::List(lists.clone()));
        t.push("timex", Column::Records(records));
        let path = std::env::temp_dir().join(format!("shiju-pq-n-{}.parquet", std::process::id()));
        write(&path, &t).unwrap();
        let rows = read_json(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(rows.len(), n);
        let mut k = 0;
        for (i, row) in rows.iter().enumerate() {
            assert_eq!(row["id"], i as i64);
            let got: Vec<String> = row["paragraphs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect();
            assert_eq!(got, lists[i], "row {i}");
            let recs = row["timex"].as_array().unwrap();
            assert_eq!(recs.len(), lens[i], "row {i}: {}", row["timex"]);
            for r in recs {
                assert_eq!(r["text"], format!("明天{k}"));
                assert_eq!(r["start"], k as i64);
                assert_eq!(r["value"].is_null(), k % 2 == 1, "{r}");
                k += 1;
            }
        }
    }

    #[test]
    fn a_null_in_a_required_field_is_an_error() {
        let mut t = Table::default();
        t.push(
            "quotes",
            Column::Records(Records {
                lens: vec![1],
                fields: vec![Field {
                    name: "text".into(),
                    nullable: false,
                    values: Leaf::Utf8(vec![None]),
                }],
            }),
        );
        let path = std::env::temp_dir().join("shiju-pq-req.parquet");
        assert!(write(&path, &t).is_err());
        let _ = std::fs::remove_file(&path);
    }
}
