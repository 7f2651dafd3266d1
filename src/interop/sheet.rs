//! Spreadsheets in: XLSX, XLS, ODS (calamine) and CSV (any encoding of `encoding.rs`) read
//! into rows of NFC strings, and columns found by their header in Vietnamese or English.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Reader};
use serde::Serialize;
use utoipa::ToSchema;

use super::bounds::{self, Exceeded, Extent};
use super::encoding::{self, Encoding};
use crate::domain::text::{fold, normalize};

/// Largest number of data rows a file may have.
pub const MAX_ROWS: usize = 100_000;

/// The kind of file, told by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
    Csv,
}

/// One row of the file, numbered as the user sees it (spreadsheet row or CSV line).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<String>,
}

/// The cells of the first sheet, every text in NFC.
#[derive(Debug, Clone)]
pub struct Grid {
    pub format: Format,
    /// The encoding the text was read in: of the CSV file, or of legacy-font text found in
    /// spreadsheet cells (None: plain Unicode cells).
    pub encoding: Option<Encoding>,
    pub confidence: f32,
    pub rows: Vec<Row>,
}

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("the file cannot be read as {format:?}: {reason}")]
    Unreadable { format: Format, reason: String },
    #[error("{0}")]
    Encoding(#[from] encoding::DecodeError),
    #[error("the file has no rows")]
    Empty,
    #[error("the file has more than {MAX_ROWS} rows")]
    TooManyRows,
    #[error("{0}")]
    Mapping(String),
    /// Required fields no column was found for (by their names, with an example header each).
    #[error(
        "no column found for {}; the headers of row {header_row} are: {}; name the column in the mapping",
        fields.iter().zip(examples).map(|(f, e)| format!("'{f}' (e.g. \"{e}\")")).collect::<Vec<_>>().join(", "),
        headers.iter().map(|h| format!("'{h}'")).collect::<Vec<_>>().join(", ")
    )]
    NoColumns {
        fields: Vec<String>,
        examples: Vec<String>,
        header_row: usize,
        headers: Vec<String>,
    },
    #[error("the file cannot be imported: {0}")]
    TooLarge(#[from] Exceeded),
}

/// Tell the format by the file's magic bytes: zip (XLSX or ODS), OLE (XLS), else text.
pub fn format_of(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") {
        // An ODS package stores its mimetype uncompressed as its first entry.
        let head = &bytes[..bytes.len().min(200)];
        if head
            .windows(39)
            .any(|w| w == b"application/vnd.oasis.opendocument.spre")
        {
            Format::Ods
        } else {
            Format::Xlsx
        }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Format::Xls
    } else {
        Format::Csv
    }
}

/// Read the first sheet (or the CSV text) of `bytes`; `encoding` overrides detection.
pub fn read(bytes: &[u8], encoding: Option<Encoding>) -> Result<Grid, SheetError> {
    let format = format_of(bytes);
    let mut grid = match format {
        Format::Csv => read_csv(bytes, encoding)?,
        _ => read_workbook(bytes, format, encoding)?,
    };
    grid.rows
        .retain(|r| r.cells.iter().any(|c| !c.trim().is_empty()));
    for cell in grid.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
        unescape_formula(cell);
    }
    if grid.rows.is_empty() {
        return Err(SheetError::Empty);
    }
    if grid.rows.len() > MAX_ROWS + 1 {
        return Err(SheetError::TooManyRows);
    }
    Ok(grid)
}

/// Take off the `'` a CSV export puts before a cell that starts like a formula
/// (`export::neutralise_formula`), so that a list reads its own exports back the same.
pub fn unescape_formula(cell: &mut String) {
    if cell.starts_with('\'') && super::export::starts_like_formula(&cell[1..]) {
        cell.remove(0);
    }
}

fn read_csv(bytes: &[u8], encoding: Option<Encoding>) -> Result<Grid, SheetError> {
    let (enc, confidence) = match encoding {
        Some(e) => (e, 1.0),
        None => encoding::detect(bytes),
    };
    // The delimiter most used in the first lines (a title line may have none); a comma on a
    // tie. Counted on the bytes: in every encoding read here (UTF-16 too, beside its zero
    // bytes) a tab, semicolon, comma and line feed are those bytes, so the file is held to
    // the bounds before it is decoded into a copy.
    let in_head = |d: u8| -> usize {
        bytes
            .split(|&b| b == b'\n')
            .take(10)
            .map(|line| line.iter().filter(|&&b| b == d).count())
            .sum()
    };
    let delimiter = [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|&d| in_head(d))
        .unwrap_or(b',');
    super::bounds::check_csv(bytes, delimiter)?;
    let text = encoding::decode(bytes, enc)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| SheetError::Unreadable {
            format: Format::Csv,
            reason: e.to_string(),
        })?;
        let number = record
            .position()
            .map_or(rows.len() + 1, |p| p.line() as usize);
        rows.push(Row {
            number,
            cells: record.iter().map(normalize).collect(),
        });
        if rows.len() > MAX_ROWS + 1 {
            return Err(SheetError::TooManyRows);
        }
    }
    Ok(Grid {
        format: Format::Csv,
        encoding: Some(enc),
        confidence,
        rows,
    })
}

fn read_workbook(
    bytes: &[u8],
    format: Format,
    encoding: Option<Encoding>,
) -> Result<Grid, SheetError> {
    let unreadable = |reason: String| SheetError::Unreadable { format, reason };
    // calamine takes an XLS file's sector numbers on trust and sizes buffers by them: a few
    // damaged bytes ask for hundreds of gigabytes (found by fuzzing), which would end the
    // process. The cfb crate checks every chain of the compound file against its length.
    if format == Format::Xls {
        cfb::CompoundFile::open_strict(Cursor::new(bytes))
            .map_err(|e| unreadable(format!("the file is damaged ({e})")))?;
    }
    // Bounds before calamine allocates anything by what the file says (see `bounds.rs`).
    if matches!(format, Format::Xlsx | Format::Ods) {
        bounds::check_zip(bytes).map_err(|e| match e {
            Exceeded::Damaged(reason) => unreadable(format!("the file is damaged ({reason})")),
            e => e.into(),
        })?;
    }
    if format == Format::Ods {
        bounds::check_ods(bytes).map_err(|e| match e {
            Exceeded::Damaged(reason) => unreadable(format!("the file is damaged ({reason})")),
            e => e.into(),
        })?;
    }
    if format == Format::Xls {
        bounds::check_xls(bytes).map_err(|e| match e {
            Exceeded::Damaged(reason) => unreadable(format!("the file is damaged ({reason})")),
            e => e.into(),
        })?;
    }
    // calamine indexes some tables of the file without checking them and panics on a damaged
    // workbook (a shared-string index past the table, found by fuzzing); that is a bad file,
    // not a bug of ours.
    let parsed = std::panic::catch_unwind(|| {
        let cursor = Cursor::new(bytes);
        let range = match format {
            Format::Xlsx => return xlsx_rows(bytes),
            Format::Xls => calamine::Xls::new(cursor)
                .map_err(|e| e.to_string())
                .and_then(first_sheet),
            _ => calamine::Ods::new(cursor)
                .map_err(|e| e.to_string())
                .and_then(first_sheet),
        };
        let range = range.map_err(unreadable)?;
        let first_row = range.start().map_or(0, |(r, _)| r as usize);
        Ok(range
            .rows()
            .enumerate()
            .map(|(i, cells)| Row {
                number: first_row + i + 1,
                cells: cells.iter().map(cell_text).collect(),
            })
            .collect::<Vec<Row>>())
    });
    let mut rows = match parsed {
        Ok(rows) => rows?,
        Err(_) => return Err(unreadable("the file is damaged".into())),
    };
    // Text typed in a legacy font is stored as Windows-1252 look-alikes ("NguyÔn").
    let detected = match encoding {
        Some(Encoding::Utf8 | Encoding::Utf16Le | Encoding::Utf16Be) => None,
        Some(e) => Some((e, 1.0)),
        None => {
            let all: Vec<&str> = rows
                .iter()
                .flat_map(|r| r.cells.iter().map(String::as_str))
                .collect();
            encoding::legacy_in_unicode(&all.join(" "))
        }
    };
    if let Some((enc, _)) = detected {
        for row in &mut rows {
            for cell in &mut row.cells {
                *cell = normalize(&encoding::reinterpret(cell, enc));
            }
        }
    }
    Ok(Grid {
        format,
        encoding: detected.map(|(e, _)| e),
        confidence: detected.map_or(1.0, |(_, c)| c),
        rows,
    })
}

/// The first sheet of an XLSX workbook, read cell by cell (calamine's dense range would
/// allocate from the first to the last cell before we could check either), each cell checked
/// against the bounds before it is kept. Columns count from the first one used, as in a range.
fn xlsx_rows(bytes: &[u8]) -> Result<Vec<Row>, SheetError> {
    let unreadable = |reason: String| SheetError::Unreadable {
        format: Format::Xlsx,
        reason,
    };
    let mut book =
        calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| unreadable("the workbook has no sheet".into()))?;
    let mut reader = book
        .worksheet_cells_reader(&name)
        .map_err(|e| unreadable(e.to_string()))?;
    let mut extent = Extent::default();
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|e| unreadable(e.to_string()))? {
        let (row, column) = cell.get_position();
        let value = cell.get_value();
        let text = match value {
            DataRef::Empty => continue,
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len(),
            DataRef::SharedString(s) => s.len(),
            _ => 24,
        };
        extent.cell(u64::from(row) + 1, u64::from(column) + 1, text as u64, 1)?;
        cells.push((row, column, cell_text(&Data::from(value.clone()))));
    }
    cells.sort_by_key(|&(row, column, _)| (row, column));
    let first_column = cells.iter().map(|c| c.1).min().unwrap_or(0);
    let mut rows: Vec<Row> = Vec::new();
    for (row, column, text) in cells {
        let number = row as usize + 1;
        if rows.last().is_none_or(|r| r.number != number) {
            rows.push(Row {
                number,
                cells: Vec::new(),
            });
        }
        if let Some(last) = rows.last_mut() {
            let at = (column - first_column) as usize;
            if last.cells.len() <= at {
                last.cells.resize(at + 1, String::new());
            }
            last.cells[at] = text;
        }
    }
    Ok(rows)
}

fn first_sheet<R, W>(mut book: W) -> Result<calamine::Range<Data>, String>
where
    W: Reader<R>,
    R: std::io::Read + std::io::Seek,
    W::Error: std::fmt::Display,
{
    match book.worksheet_range_at(0) {
        Some(range) => range.map_err(|e| e.to_string()),
        None => Err("the workbook has no sheet".into()),
    }
}

/// A cell as the text a person sees: whole numbers without ".0", dates as YYYY-MM-DD.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => normalize(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
            Some(t) => t.to_string(),
            None => d.as_f64().to_string(),
        },
    }
}

/// A field a list may carry, and the headers that name it (compared after `fold`).
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    /// Headers in Vietnamese or English; matching ignores case, diacritics and punctuation.
    pub headers: &'static [&'static str],
    pub required: bool,
}

/// Which column holds which field.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Mapping {
    /// The spreadsheet row (or CSV line) of the headers.
    pub header_row: usize,
    /// Field name → the header of its column, as written in the file.
    pub columns: BTreeMap<String, String>,
    /// Headers no field uses (their data is ignored).
    pub ignored: Vec<String>,
    #[serde(skip)]
    pub index: BTreeMap<&'static str, usize>,
    #[serde(skip)]
    pub headers: Vec<String>,
}

impl Mapping {
    /// The cell of `field` in `row`, if mapped and not blank.
    pub fn get<'r>(&self, row: &'r Row, field: &str) -> Option<&'r str> {
        let i = *self.index.get(field)?;
        row.cells
            .get(i)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    /// The header of `field`'s column, for messages ("row 14, 'Họ và tên': empty").
    pub fn header(&self, field: &str) -> String {
        match self.index.get(field) {
            Some(&i) => column_name(&self.headers, i),
            None => field.to_string(),
        }
    }
}

/// A column as a message names it: its header, or "column C" when the header cell is blank.
fn column_name(headers: &[String], i: usize) -> String {
    match headers.get(i) {
        Some(h) if !h.is_empty() => h.clone(),
        _ => format!("column {}", column_letter(i)),
    }
}

impl Grid {
    /// When no header row names the fields: the row that looks most like headers among the
    /// first ten (the most filled, the first of equals), its cells as wide as the widest row.
    pub fn likely_header(&self) -> Option<(usize, Vec<String>)> {
        let header = self.rows.iter().take(10).max_by_key(|r| {
            let filled = r.cells.iter().filter(|c| !c.trim().is_empty()).count();
            (filled, std::cmp::Reverse(r.number))
        })?;
        let width = self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        let mut headers = header.cells.clone();
        headers.resize(width, String::new());
        Some((header.number, headers))
    }
}

/// How a mapping names each column, as `map_columns` takes it (value) and as a person
/// reads it (label): its header when that names it alone, else its number; labelled with
/// its letter and header ("C – Đơn vị").
pub fn column_choices(headers: &[String]) -> Vec<(String, String)> {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let (h, letter) = (h.trim(), column_letter(i));
            let unique = !h.is_empty()
                && headers.iter().filter(|o| o.trim() == h).count() == 1
                && h.parse::<usize>().is_err();
            let value = if unique {
                h.to_string()
            } else {
                (i + 1).to_string()
            };
            let label = if h.is_empty() {
                letter
            } else {
                format!("{letter} – {h}")
            };
            (value, label)
        })
        .collect()
}

/// "A" for column 0, "Z" for 25, "AA" for 26.
pub fn column_letter(mut i: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Find the header row (the first of the first ten rows naming a required field) and the
/// column of each field. `explicit` maps field names to a header, a column letter ("C") or a
/// column number ("3"), and wins over matching by name.
pub fn map_columns(
    grid: &Grid,
    fields: &[FieldSpec],
    explicit: &BTreeMap<String, String>,
) -> Result<(Mapping, usize), SheetError> {
    for name in explicit.keys() {
        if !fields.iter().any(|f| f.name == name) {
            return Err(SheetError::Mapping(format!(
                "mapping: unknown field '{name}'; the fields are {}",
                fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
            )));
        }
    }
    // A header names a field as a whole ("Họ và tên"), or in one of its parts when an office
    // names two things in one column ("Họ và tên / Tên tập thể").
    let matches = |header: &str, f: &FieldSpec| {
        let named = |text: &str| {
            let key = fold(text);
            !key.is_empty() && f.headers.iter().any(|h| fold(h) == key)
        };
        named(header) || (header.contains('/') && header.split('/').any(named))
    };
    let header_at = grid
        .rows
        .iter()
        .take(10)
        .position(|r| {
            r.cells.iter().any(|c| {
                fields.iter().any(|f| f.required && matches(c, f))
                    || explicit
                        .values()
                        .any(|v| fold(v) == fold(c) && !fold(c).is_empty())
            })
        })
        .unwrap_or(0);
    let headers = grid.rows[header_at].cells.clone();
    let width = grid.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut index = BTreeMap::new();
    for f in fields {
        let column = match explicit.get(f.name) {
            Some(wanted) => Some(
                explicit_column(wanted, &headers)
                    .filter(|&i| i < width)
                    .ok_or_else(|| {
                        SheetError::Mapping(format!(
                            "mapping: {} = '{wanted}' is not a header, column letter or number \
                             of this file (it has {width} columns, A to {})",
                            f.name,
                            column_letter(width.saturating_sub(1))
                        ))
                    })?,
            ),
            None => headers
                .iter()
                .position(|h| matches(h, f))
                .filter(|i| !index.values().any(|used| used == i)),
        };
        if let Some(i) = column {
            index.insert(f.name, i);
        }
    }
    let missing: Vec<&FieldSpec> = fields
        .iter()
        .filter(|f| f.required && !index.contains_key(f.name))
        .collect();
    if !missing.is_empty() {
        return Err(SheetError::NoColumns {
            fields: missing.iter().map(|f| f.name.to_string()).collect(),
            examples: missing.iter().map(|f| f.headers[0].to_string()).collect(),
            header_row: grid.rows[header_at].number,
            headers: headers.iter().filter(|h| !h.is_empty()).cloned().collect(),
        });
    }
    let columns = index
        .iter()
        .map(|(f, &i)| (f.to_string(), column_name(&headers, i)))
        .collect();
    let ignored = headers
        .iter()
        .enumerate()
        .filter(|(i, h)| !h.is_empty() && !index.values().any(|u| u == i))
        .map(|(_, h)| h.clone())
        .collect();
    Ok((
        Mapping {
            header_row: grid.rows[header_at].number,
            columns,
            ignored,
            index,
            headers,
        },
        header_at,
    ))
}

fn explicit_column(wanted: &str, headers: &[String]) -> Option<usize> {
    let wanted = wanted.trim();
    if let Some(i) = headers
        .iter()
        .position(|h| fold(h) == fold(wanted) && !h.is_empty())
    {
        return Some(i);
    }
    if let Ok(n) = wanted.parse::<usize>() {
        return n.checked_sub(1);
    }
    if !wanted.is_empty() && wanted.len() <= 3 && wanted.chars().all(|c| c.is_ascii_alphabetic()) {
        let n = wanted
            .to_ascii_uppercase()
            .bytes()
            .fold(0usize, |n, b| n * 26 + (b - b'A' + 1) as usize);
        return n.checked_sub(1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[FieldSpec] = &[
        FieldSpec {
            name: "full_name",
            headers: &["Họ và tên", "Họ tên", "Full name"],
            required: true,
        },
        FieldSpec {
            name: "organisation",
            headers: &["Đơn vị", "Unit", "Organisation"],
            required: false,
        },
    ];

    #[test]
    fn csv_with_title_rows_semicolons_and_odd_headers() {
        let text =
            "DANH SÁCH ĐẠI BIỂU;;\nSTT;HO TEN;don vi\n1;Nguyễn Văn A;UBND\n;;\n2;Trần Thị B;\n";
        let grid = read(text.as_bytes(), None).unwrap();
        let (m, at) = map_columns(&grid, FIELDS, &BTreeMap::new()).unwrap();
        assert_eq!(at, 1);
        assert_eq!(m.header_row, 2);
        assert_eq!(m.columns["full_name"], "HO TEN");
        assert_eq!(m.ignored, vec!["STT"]);
        let last = grid.rows.last().unwrap();
        assert_eq!(last.number, 5);
        assert_eq!(m.get(last, "full_name"), Some("Trần Thị B"));
        assert_eq!(m.get(last, "organisation"), None);
    }

    /// Offices' own headers: two things named in one column, "Hình thức khen", "Danh hiệu thi
    /// đua" (once unmatched, so the wizard showed every mapping as "(tự nhận)").
    #[test]
    fn offices_headers_find_their_fields() {
        let text = "STT;Họ và tên / Tên tập thể;Đơn vị;Hình thức khen;Danh hiệu thi đua;Số QĐ;Cơ quan khen thưởng\n\
                    1;Công an xã Kim Chính;Kim Sơn;Giấy khen;;12/QĐ-UBND;UBND huyện Kim Sơn\n";
        let grid = read(text.as_bytes(), None).unwrap();
        let fields = crate::interop::lists::AWARD_FIELDS;
        let (m, _) = map_columns(&grid, fields, &BTreeMap::new()).unwrap();
        assert_eq!(m.columns["name"], "Họ và tên / Tên tập thể");
        assert_eq!(m.columns["form"], "Hình thức khen");
        assert_eq!(m.columns["title_name"], "Danh hiệu thi đua");
        assert_eq!(m.columns["unit"], "Đơn vị");
        for header in ["Tên đơn vị/cá nhân", "Tên tập thể, cá nhân", "Họ tên"] {
            let grid = read(
                format!("{header};Số QĐ;Cơ quan khen thưởng\nA;1;B\n").as_bytes(),
                None,
            )
            .unwrap();
            let (m, _) = map_columns(&grid, fields, &BTreeMap::new()).unwrap();
            assert_eq!(m.columns["name"], header);
        }
        // "Cá nhân/Tập thể" still names the kind, not the name.
        let grid = read(
            "Họ và tên;Cá nhân/Tập thể;Số QĐ;Cơ quan khen thưởng\nA;Cá nhân;1;B\n".as_bytes(),
            None,
        )
        .unwrap();
        let (m, _) = map_columns(&grid, fields, &BTreeMap::new()).unwrap();
        assert_eq!(
            (m.columns["name"].as_str(), m.columns["kind"].as_str()),
            ("Họ và tên", "Cá nhân/Tập thể")
        );
    }

    #[test]
    fn explicit_mapping_by_letter() {
        let grid = read(b"a,b,c\nx,y,z\n", None).unwrap();
        let explicit = BTreeMap::from([("full_name".to_string(), "C".to_string())]);
        let (m, _) = map_columns(&grid, FIELDS, &explicit).unwrap();
        assert_eq!(m.get(&grid.rows[1], "full_name"), Some("z"));
        let err = map_columns(&grid, FIELDS, &BTreeMap::new()).unwrap_err();
        assert!(err.to_string().contains("'a', 'b', 'c'"), "{err}");
    }

    /// Found by the `sheet_import` fuzz target: a column letter past the header row's last
    /// cell panicked when naming the column.
    #[test]
    fn explicit_column_beyond_the_headers() {
        // The header row has one cell; the data rows have three.
        let grid = read(b"Ho ten\nx,y,z\n", None).unwrap();
        let explicit = BTreeMap::from([
            ("full_name".to_string(), "1".to_string()),
            ("organisation".to_string(), "C".to_string()),
        ]);
        let (m, _) = map_columns(&grid, FIELDS, &explicit).unwrap();
        assert_eq!(m.columns["organisation"], "column C");
        assert_eq!(m.header("organisation"), "column C");
        assert_eq!(m.get(&grid.rows[1], "organisation"), Some("z"));
        let explicit = BTreeMap::from([("full_name".to_string(), "D".to_string())]);
        let err = map_columns(&grid, FIELDS, &explicit).unwrap_err();
        assert_eq!(
            err.to_string(),
            "mapping: full_name = 'D' is not a header, column letter or number of this file \
             (it has 3 columns, A to C)"
        );
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    /// An XLSX package around `sheet` (the worksheet XML) and the shared strings `shared`,
    /// the sheet deflated or stored.
    pub(crate) fn xlsx(sheet: &str, shared: &str, deflate: bool) -> Vec<u8> {
        xlsx_parts(&[sheet.as_bytes()], shared, deflate)
    }

    /// The same, the worksheet XML given in chunks written one after the other.
    pub(crate) fn xlsx_parts(sheet: &[&[u8]], shared: &str, deflate: bool) -> Vec<u8> {
        use std::io::Write;
        let shared = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{shared}</sst>"#
        );
        let parts = [
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#,
            ),
            (
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            (
                "xl/workbook.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
            ),
            ("xl/sharedStrings.xml", shared.as_str()),
        ];
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, body) in parts {
            zip.start_file(name, stored).unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        let method = if deflate {
            stored
                .compression_method(zip::CompressionMethod::Deflated)
                .compression_level(Some(1))
                .large_file(true)
        } else {
            stored
        };
        zip.start_file("xl/worksheets/sheet1.xml", method).unwrap();
        for chunk in sheet {
            zip.write_all(chunk).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    /// A worksheet of inline-string cells at the given references.
    pub(crate) fn sheet_with(cells: &[(&str, &str)]) -> String {
        let cells: String = cells
            .iter()
            .map(|(at, text)| {
                let row: String = at.chars().filter(char::is_ascii_digit).collect();
                format!(
                    r#"<row r="{row}"><c r="{at}" t="inlineStr"><is><t>{text}</t></is></c></row>"#
                )
            })
            .collect();
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>"#
        )
    }

    use crate::test_support::ods;

    fn too_large(bytes: &[u8]) -> Exceeded {
        match read(bytes, None) {
            Err(SheetError::TooLarge(e)) => e,
            other => panic!(
                "expected a bound to be passed, got {:?}",
                other.map(|g| g.rows.len())
            ),
        }
    }

    /// Defect 1 of issue 11: two cells, A1 and XFD1048576, made calamine allocate the dense
    /// range between them (549 GB) and the process abort; A1 and CV1000000 peaked at 7 GB.
    #[test]
    fn a_far_cell_is_refused_before_anything_is_allocated() {
        let far = xlsx(
            &sheet_with(&[("A1", "Họ và tên"), ("XFD1048576", "x")]),
            "",
            true,
        );
        assert!(far.len() < 3_000, "{}", far.len());
        assert_eq!(too_large(&far), Exceeded::Rows { row: 1_048_576 });
        let wide = xlsx(
            &sheet_with(&[("A1", "Họ và tên"), ("XFD1", "x")]),
            "",
            false,
        );
        assert_eq!(
            too_large(&wide),
            Exceeded::Columns {
                column: 16_384,
                letters: "XFD".into()
            }
        );
        let tall = xlsx(
            &sheet_with(&[("A1", "Họ và tên"), ("CV1000000", "x")]),
            "",
            false,
        );
        assert_eq!(too_large(&tall), Exceeded::Rows { row: 1_000_000 });
        // Within the rows and columns, but spanning 100000 × 100 cells.
        let area = xlsx(
            &sheet_with(&[("A1", "Họ và tên"), ("CV100000", "x")]),
            "",
            false,
        );
        assert_eq!(too_large(&area), Exceeded::Cells { cells: 10_000_000 });
        assert_eq!(
            SheetError::from(Exceeded::Rows { row: 1_000_000 }).to_string(),
            "the file cannot be imported: the sheet uses row 1000000; a list may have at most \
             100000 rows (and 110000 rows with its titles and blank rows)"
        );
        // A list that keeps the bounds reads, its columns counted from the first one used.
        let fine = xlsx(
            &sheet_with(&[("B2", "Họ và tên"), ("B3", "Đặng Văn Ngọc"), ("C3", "x")]),
            "",
            false,
        );
        let grid = read(&fine, None).unwrap();
        assert_eq!(grid.rows[0].number, 2);
        assert_eq!(grid.rows[1].cells, vec!["Đặng Văn Ngọc", "x"]);
    }

    /// One long shared string named by many cells would be copied into each.
    #[test]
    fn a_shared_string_named_by_many_cells_is_bounded() {
        let long = "a".repeat(1024 * 1024);
        let cells: String = (1..=60)
            .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#))
            .collect();
        let sheet = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>"#
        );
        let file = xlsx(&sheet, &format!("<si><t>{long}</t></si>"), true);
        assert_eq!(too_large(&file), Exceeded::Text);
    }

    /// Defect 1 of issue 11: an 829-byte ODS with table:number-columns-repeated="2000000000"
    /// grew at 1 GB/s; the repeats are added up before calamine loops over them.
    #[test]
    fn ods_repeats_are_bounded() {
        let cell = |times: &str, text: &str| {
            format!(
                r#"<table:table-cell table:number-columns-repeated="{times}" office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
            )
        };
        let header = format!(
            "<table:table-row>{}</table:table-row>",
            cell("1", "Họ và tên")
        );
        let columns = ods(&format!(
            "{header}<table:table-row>{}</table:table-row>",
            cell("2000000000", "x")
        ));
        assert!(columns.len() < 2_000, "{}", columns.len());
        assert_eq!(
            too_large(&columns),
            Exceeded::Columns {
                column: 2_000_000_000,
                letters: bounds::letters(2_000_000_000)
            }
        );
        let rows = ods(&format!(
            r#"{header}<table:table-row table:number-rows-repeated="2000000000">{}</table:table-row>"#,
            cell("1", "x")
        ));
        assert_eq!(too_large(&rows), Exceeded::Rows { row: 2_000_000_001 });
        // An empty cell repeated far, then a filled one, is as far.
        let gap = ods(&format!(
            r#"{header}<table:table-row><table:table-cell table:number-columns-repeated="2000000000"/>{}</table:table-row>"#,
            cell("1", "x")
        ));
        assert!(matches!(too_large(&gap), Exceeded::Columns { .. }));
        // 150 columns × 20000 rows: within the rows and columns, beyond the area.
        let area = ods(&format!(
            r#"{header}<table:table-row table:number-rows-repeated="20000">{}</table:table-row>"#,
            cell("150", "x")
        ));
        assert_eq!(
            too_large(&area),
            Exceeded::Cells {
                cells: 20_001 * 150
            }
        );
        // What LibreOffice writes: the empty rest of each row and of the sheet repeated to
        // the sheet's end. That reads.
        let saved = ods(&format!(
            r#"{header}<table:table-row>{}<table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
            cell("1", "Đặng Văn Ngọc")
        ));
        let grid = read(&saved, None).unwrap();
        assert_eq!(grid.rows.len(), 2);
        assert_eq!(grid.rows[1].cells, vec!["Đặng Văn Ngọc"]);
    }

    /// A sheet of `size` bytes of XML (about), made of one repeated row.
    fn big_sheet(size: usize) -> Vec<Vec<u8>> {
        let row = br#"<row><c t="inlineStr"><is><t>Nguyen Van A</t></is></c></row>"#;
        let chunk: Vec<u8> = row.repeat(1024 * 1024 / row.len());
        let head = br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#.to_vec();
        let mut parts = vec![head];
        parts.extend(std::iter::repeat_n(chunk.clone(), size / chunk.len() + 1));
        parts.push(b"</sheetData></worksheet>".to_vec());
        parts
    }

    /// Defect 1 of issue 11: a 6 MB XLSX holding 2 GB of sheet XML peaked at 6.3 GB and took
    /// 23 s. The parts are inflated with a cap first, whatever size they declare.
    #[test]
    fn a_zip_bomb_is_refused_at_its_cap() {
        let parts = big_sheet(bounds::MAX_SHEET_XML as usize + 1024 * 1024);
        let chunks: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        let bomb = xlsx_parts(&chunks, "", true);
        assert!(bomb.len() < 4 * 1024 * 1024, "{}", bomb.len());
        let limit = Exceeded::Inflated {
            part: "xl/worksheets/sheet1.xml".into(),
            limit: bounds::MAX_SHEET_XML,
        };
        assert_eq!(too_large(&bomb), limit);
        assert_eq!(
            limit.to_string(),
            "the part 'xl/worksheets/sheet1.xml' of the file inflates to more than 128 MB (a \
             compressed spreadsheet may hold at most 128 MB of sheet XML and 32 MB of any other \
             part, 192 MB in all)"
        );
        // The same bomb declaring a small size in both of its headers is counted as it inflates.
        let mut lying = bomb.clone();
        let small = 4096u32.to_le_bytes();
        let name = b"xl/worksheets/sheet1.xml";
        for (signature, size_at, name_at) in
            [(&b"PK\x03\x04"[..], 22, 30), (&b"PK\x01\x02"[..], 24, 46)]
        {
            let at = (0..lying.len() - name_at - name.len())
                .find(|&i| {
                    lying[i..].starts_with(signature) && lying[i + name_at..].starts_with(name)
                })
                .unwrap();
            lying[at + size_at..at + size_at + 4].copy_from_slice(&small);
        }
        assert_eq!(too_large(&lying), limit);
    }

    /// Found by the `sheet_import` fuzz target: calamine panics on a shared-string index past
    /// the end of the table; the import answers that the file is damaged.
    #[test]
    fn damaged_xlsx_is_an_error_not_a_panic() {
        let sheet = |index: &str| {
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>{index}</v></c></row></sheetData></worksheet>"#
            )
        };
        // The same file with a valid index reads, so the error below is the damage alone.
        let xlsx = |sheet: &str| xlsx(sheet, r#"<si><t>Họ và tên</t></si>"#, false);
        assert_eq!(read(&xlsx(&sheet("0")), None).unwrap().rows.len(), 2);
        let err = read(&xlsx(&sheet("7273")), None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the file cannot be read as Xlsx: the file is damaged"
        );
    }

    /// Found by the `sheet_import` fuzz target: an XLS whose sector numbers made calamine
    /// allocate 600 GB. Refused before calamine reads it.
    #[test]
    fn damaged_xls_is_refused_before_it_is_read() {
        let bytes = include_bytes!("../../tests/fixtures/damaged/huge-sector.xls");
        let err = read(bytes, None).unwrap_err().to_string();
        assert!(
            err.starts_with("the file cannot be read as Xls: the file is damaged ("),
            "{err}"
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bytes in [
            &b"PK\x03\x04garbage"[..],
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0][..],
            b"",
            b"\"unclosed",
        ] {
            let _ = read(bytes, None);
        }
    }

    #[test]
    fn columns_are_named_by_header_unless_ambiguous() {
        let headers = vec![
            "Họ và tên".to_string(),
            String::new(),
            "Đơn vị".into(),
            "Đơn vị".into(),
        ];
        let options = column_choices(&headers);
        assert_eq!(options[0], ("Họ và tên".into(), "A – Họ và tên".into()));
        assert_eq!(options[1], ("2".into(), "B".into()));
        assert_eq!(options[2].0, "3");
        assert_eq!(column_letter(27), "AB");
    }
}
