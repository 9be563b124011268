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
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn parquet_type(&self) -> &'static str {
        match self {
            Column::Utf8(_) => "BYTE_ARRAY",
            Column::Int32(_) | Column::Date(_) => "INT32",
            Column::Int64(_) | Column::Timestamp(_) => "INT64",
            Column::Double(_) => "DOUBLE",
        }
    }

    fn annotation(&self) -> &'static str {
        match self {
            Column::Utf8(_) => " (UTF8)",
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
        let annot = col.annotation();
        schema.push_str(&format!(
            "  OPTIONAL {} {name}{annot};\n",
            col.parquet_type()
        ));
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
    let file = File::create(path)
        .map_err(|e| ParquetError::General(format!("{}: {e}", path.display())))?;
    let mut writer = SerializedFileWriter::new(file, schema, props)?;
    let mut start = 0;
    loop {
        let end = (start + ROW_GROUP).min(rows);
        let mut rg = writer.next_row_group()?;
        let mut i = 0;
        while let Some(mut cw) = rg.next_column()? {
            let col = &table.columns[i];
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
            }
            cw.close()?;
            i += 1;
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
