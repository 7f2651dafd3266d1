//! The bounds a spreadsheet must keep before it is read, so that no file under the upload
//! limit can take one import over a fixed memory budget (about 256 MB) or a few seconds.
//!
//! calamine trusts what a file says: a zip entry inflates as far as it goes, ODS repeat
//! counts are looped over, and a sheet becomes one dense range from its first to its last
//! cell. So the zip parts are inflated here first with a cap, and an OpenDocument table is
//! walked here with a streaming XML reader, adding up repeats, before calamine sees either.
//! XLSX cells are read one by one (`sheet.rs`) and checked against the same bounds.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::sheet::MAX_ROWS;

/// Largest number of columns a list may use (column GR).
pub const MAX_COLUMNS: u64 = 200;
/// Largest area, from A1 to the last cell used, of all the sheets of a file.
pub const MAX_CELLS: u64 = 2_000_000;
/// Largest total length of the cells' text, in bytes.
pub const MAX_TEXT: u64 = 48 * 1024 * 1024;
/// The last row a list may use: its rows, and room for title and blank rows.
pub const LAST_ROW: u64 = MAX_ROWS as u64 + MAX_ROWS as u64 / 10;
/// Largest inflated size of a sheet's XML (XLSX worksheet, ODS content).
pub const MAX_SHEET_XML: u64 = 128 * 1024 * 1024;
/// Largest inflated size of any other part (shared strings, styles …).
pub const MAX_PART: u64 = 32 * 1024 * 1024;
/// Largest inflated size of all parts together.
pub const MAX_INFLATED: u64 = 192 * 1024 * 1024;
/// Largest number of parts in the zip package.
pub const MAX_PARTS: usize = 10_000;

const MB: u64 = 1024 * 1024;

/// A bound the file goes beyond, as the user is told.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Exceeded {
    #[error(
        "the sheet uses row {row}; a list may have at most {MAX_ROWS} rows (and {LAST_ROW} rows \
         with its titles and blank rows)"
    )]
    Rows { row: u64 },
    #[error(
        "the sheet uses column {column} ({letters}); a list may have at most {MAX_COLUMNS} columns (A to GR)"
    )]
    Columns { column: u64, letters: String },
    #[error(
        "the sheets span {cells} cells from A1 to their last cell; a file may span at most \
         {MAX_CELLS} (for instance 100000 rows × 20 columns)"
    )]
    Cells { cells: u64 },
    #[error("the cells hold more than {} MB of text", MAX_TEXT / MB)]
    Text,
    #[error(
        "the part '{part}' of the file inflates to more than {} MB (a compressed spreadsheet may \
         hold at most {} MB of sheet XML and {} MB of any other part, {} MB in all)",
        limit / MB, MAX_SHEET_XML / MB, MAX_PART / MB, MAX_INFLATED / MB
    )]
    Inflated { part: String, limit: u64 },
    #[error("the compressed parts inflate to more than {} MB in all", MAX_INFLATED / MB)]
    InflatedInAll,
    #[error("the file has more than {MAX_PARTS} parts")]
    Parts,
    #[error("the file is damaged ({0})")]
    Damaged(String),
}

/// "A" for column 1, "GR" for 200: the letters of a 1-based column number.
pub fn letters(mut column: u64) -> String {
    let mut out = Vec::new();
    while column > 0 {
        column -= 1;
        out.push(b'A' + (column % 26) as u8);
        column /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Tracks the extent and text of the cells read so far against the bounds.
#[derive(Debug, Default)]
pub struct Extent {
    /// Area of the sheets finished so far.
    cells: u64,
    /// Last row and column (1-based) of the current sheet.
    rows: u64,
    columns: u64,
    text: u64,
}

impl Extent {
    /// A filled cell at 1-based `row` and `column`, repeated `times`, with `text` bytes.
    pub fn cell(&mut self, row: u64, column: u64, text: u64, times: u64) -> Result<(), Exceeded> {
        if row > LAST_ROW {
            return Err(Exceeded::Rows { row });
        }
        if column > MAX_COLUMNS {
            return Err(Exceeded::Columns {
                column,
                letters: letters(column),
            });
        }
        self.rows = self.rows.max(row);
        self.columns = self.columns.max(column);
        let cells = self.cells + self.rows * self.columns;
        if cells > MAX_CELLS {
            return Err(Exceeded::Cells { cells });
        }
        self.text = self.text.saturating_add(text.saturating_mul(times));
        if self.text > MAX_TEXT {
            return Err(Exceeded::Text);
        }
        Ok(())
    }

    /// The current sheet is done; the next one adds its own area.
    pub fn next_sheet(&mut self) {
        self.cells += self.rows * self.columns;
        self.rows = 0;
        self.columns = 0;
    }
}

/// Walk a CSV text field by field, holding none of it, and hold it to the bounds of a
/// spreadsheet (rows, columns, area, text) before the csv reader builds records: one line
/// of twenty million commas would otherwise become twenty million cells in memory.
pub fn check_csv(text: &[u8], delimiter: u8) -> Result<(), Exceeded> {
    use csv_core::ReadFieldResult;
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut scratch = [0u8; 4096];
    let mut extent = Extent::default();
    let (mut input, mut row, mut column, mut length) = (text, 1u64, 0u64, 0u64);
    loop {
        let (result, read, written) = reader.read_field(input, &mut scratch);
        input = &input[read..];
        length += written as u64;
        match result {
            ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
            ReadFieldResult::Field { record_end } => {
                column += 1;
                extent.cell(row, column, length, 1)?;
                length = 0;
                if record_end {
                    row += 1;
                    column = 0;
                }
            }
            ReadFieldResult::End => return Ok(()),
        }
    }
}

/// Inflate every part of a zip package (XLSX, ODS) with a cap, before calamine trusts the
/// sizes it declares: a few MB can hold gigabytes of XML.
pub fn check_zip(bytes: &[u8]) -> Result<(), Exceeded> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Exceeded::Damaged(e.to_string()))?;
    if zip.len() > MAX_PARTS {
        return Err(Exceeded::Parts);
    }
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut part = zip
            .by_index(i)
            .map_err(|e| Exceeded::Damaged(e.to_string()))?;
        let name = part.name().to_string();
        let limit = if name.starts_with("xl/worksheets/") || name == "content.xml" {
            MAX_SHEET_XML
        } else {
            MAX_PART
        };
        let too_big = || Exceeded::Inflated {
            part: name.clone(),
            limit,
        };
        if part.size() > limit {
            return Err(too_big());
        }
        // The declared size may lie: count what actually comes out.
        let mut inflated = 0u64;
        loop {
            let n = match part.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n as u64,
                // A damaged part is calamine's to report, as it would without this check.
                Err(_) => break,
            };
            inflated += n;
            total += n;
            if inflated > limit {
                return Err(too_big());
            }
            if total > MAX_INFLATED {
                return Err(Exceeded::InflatedInAll);
            }
        }
    }
    Ok(())
}

/// Walk the tables of an OpenDocument spreadsheet (`content.xml`), adding up the repeated
/// rows and columns as calamine would expand them, and stop at the first bound passed.
/// Call after `check_zip`.
pub fn check_ods(bytes: &[u8]) -> Result<(), Exceeded> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Exceeded::Damaged(e.to_string()))?;
    let Ok(content) = zip.by_name("content.xml") else {
        // calamine names the missing part.
        return Ok(());
    };
    let mut xml = Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    let mut extent = Extent::default();
    // Position of the current row (0-based) and its repeat count.
    let mut row = 0u64;
    let mut row_times = 1u64;
    // Within the row: the next column (0-based), the last filled column, the row's text.
    let mut column = 0u64;
    let mut last_filled = 0u64;
    let mut row_text = 0u64;
    // Within a cell: its repeat count, whether it holds anything, its text.
    let mut cell: Option<(u64, bool, u64)> = None;
    loop {
        let event = match xml.read_event_into(&mut buf) {
            Ok(e) => e,
            // Refused rather than left to calamine, whose reader might go on past it.
            Err(e) => return Err(Exceeded::Damaged(format!("content.xml: {e}"))),
        };
        let self_closing = matches!(event, Event::Empty(_));
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e)
                if matches!(
                    e.name().as_ref(),
                    b"table:table-cell" | b"table:covered-table-cell"
                ) =>
            {
                let times = repeat(&e, b"table:number-columns-repeated")?;
                let (filled, text) = cell_value(&e);
                cell = Some((times, filled, text));
                if self_closing {
                    end_cell(&mut cell, &mut column, &mut last_filled, &mut row_text);
                }
            }
            Event::End(e)
                if matches!(
                    e.name().as_ref(),
                    b"table:table-cell" | b"table:covered-table-cell"
                ) =>
            {
                end_cell(&mut cell, &mut column, &mut last_filled, &mut row_text);
            }
            Event::Text(t) if cell.is_some() => {
                if let Some((_, filled, text)) = &mut cell {
                    let t: &[u8] = t.as_ref();
                    if t.iter().any(|b| !b.is_ascii_whitespace()) {
                        *filled = true;
                    }
                    *text += t.len() as u64;
                }
            }
            Event::CData(t) if cell.is_some() => {
                if let Some((_, filled, text)) = &mut cell {
                    *filled = true;
                    *text += t.len() as u64;
                }
            }
            Event::Start(e) if e.name().as_ref() == b"table:table-row" => {
                row_times = repeat(&e, b"table:number-rows-repeated")?;
                column = 0;
                last_filled = 0;
                row_text = 0;
            }
            Event::End(e) if e.name().as_ref() == b"table:table-row" => {
                if last_filled > 0 {
                    extent.cell(
                        row.saturating_add(row_times),
                        last_filled,
                        row_text,
                        row_times,
                    )?;
                }
                row = row.saturating_add(row_times);
            }
            Event::Empty(e) if e.name().as_ref() == b"table:table-row" => {
                row = row.saturating_add(repeat(&e, b"table:number-rows-repeated")?);
            }
            Event::Start(e) if e.name().as_ref() == b"table:table" => {
                extent.next_sheet();
                row = 0;
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

fn end_cell(
    cell: &mut Option<(u64, bool, u64)>,
    column: &mut u64,
    last_filled: &mut u64,
    row_text: &mut u64,
) {
    if let Some((times, filled, text)) = cell.take() {
        *column = column.saturating_add(times);
        if filled {
            *last_filled = *column;
            *row_text = row_text.saturating_add(text.saturating_mul(times));
        }
    }
}

/// A repeat attribute; 1 when absent. A number calamine cannot read either is its to report.
fn repeat(e: &BytesStart, name: &[u8]) -> Result<u64, Exceeded> {
    Ok(e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| std::str::from_utf8(&a.value).ok()?.trim().parse().ok())
        .unwrap_or(1)
        .max(1))
}

/// Whether a cell's attributes give it a value or formula, and their length.
fn cell_value(e: &BytesStart) -> (bool, u64) {
    let mut filled = false;
    let mut text = 0;
    for a in e.attributes().flatten() {
        let key = a.key.as_ref();
        if key.starts_with(b"office:") && key.ends_with(b"value") || key == b"table:formula" {
            filled = true;
            text += a.value.len() as u64;
        }
    }
    (filled, text)
}

/// Walk the records of an Excel 97–2003 workbook: calamine reserves room for the cells a
/// sheet's DIMENSIONS record declares, and builds a dense range from its first to its last
/// cell. Call once the compound file is known sound.
pub fn check_xls(bytes: &[u8]) -> Result<(), Exceeded> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| Exceeded::Damaged(e.to_string()))?;
    let mut stream = Vec::new();
    let opened = file
        .open_stream("Workbook")
        .or_else(|_| file.open_stream("Book"));
    match opened {
        Ok(mut s) => s
            .read_to_end(&mut stream)
            .map_err(|e| Exceeded::Damaged(e.to_string()))?,
        // calamine names what is missing.
        Err(_) => return Ok(()),
    };
    let u16_at = |d: &[u8], i: usize| {
        d.get(i..i + 2)
            .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
    };
    let u32_at = |d: &[u8], i: usize| {
        d.get(i..i + 4)
            .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let mut records = Vec::new();
    let mut rest = stream.as_slice();
    while rest.len() >= 4 {
        let kind = u16_at(rest, 0);
        let len = usize::from(u16_at(rest, 2));
        let Some(data) = rest.get(4..4 + len) else {
            break;
        };
        records.push((kind, data));
        rest = &rest[4 + len..];
    }
    let mut extent = Extent::default();
    // The characters of each shared string: calamine copies a string into every cell that
    // names it, so one long string named by many cells is text many times over.
    let mut shared: Vec<u64> = Vec::new();
    for (i, &(kind, data)) in records.iter().enumerate() {
        let len = data.len();
        let at = |row: u16, column: u16| (u64::from(row) + 1, u64::from(column) + 1);
        match kind {
            // BOF: a sheet (or the globals) begins.
            0x0809 => extent.next_sheet(),
            // DIMENSIONS, read as calamine reads it, and the room it reserves.
            0x0200 => {
                let (first_row, last_row, mut first_col, last_col) = match len {
                    10 => (
                        u32::from(u16_at(data, 0)),
                        u32::from(u16_at(data, 2)),
                        u32::from(u16_at(data, 4)),
                        u32::from(u16_at(data, 6)),
                    ),
                    14 => (
                        u32_at(data, 0),
                        u32_at(data, 4),
                        u32::from(u16_at(data, 8)),
                        u32::from(u16_at(data, 10)),
                    ),
                    _ => continue,
                };
                if first_col > 0xFF || last_col < first_col {
                    first_col = 0;
                }
                let (end_row, end_col) = if last_row >= 1 && last_col >= 1 {
                    (last_row - 1, last_col - 1)
                } else {
                    (first_row, first_col)
                };
                if end_row < first_row || end_col < first_col {
                    return Err(Exceeded::Damaged(
                        "its dimensions end before they start".into(),
                    ));
                }
                let cells =
                    (u64::from(end_row - first_row) + 1) * (u64::from(end_col - first_col) + 1);
                if cells > MAX_CELLS {
                    return Err(Exceeded::Cells { cells });
                }
            }
            // SST and the CONTINUE records after it.
            0x00FC => {
                let continued = records[i + 1..]
                    .iter()
                    .take_while(|(kind, _)| *kind == 0x003C)
                    .map(|&(_, data)| data);
                shared = shared_string_lengths(std::iter::once(data).chain(continued));
            }
            // LABELSST: one cell holding a shared string, counted at the string's length
            // (UTF-8 takes at most three bytes for a character of either width).
            0x00FD => {
                let (row, column) = at(u16_at(data, 0), u16_at(data, 2));
                let index = u32_at(data, 6) as usize;
                let chars = shared.get(index).copied().unwrap_or(0);
                extent.cell(row, column, (len as u64).max(chars * 3), 1)?;
            }
            // NUMBER, LABEL, BOOLERR, RK, FORMULA: one cell.
            0x0203 | 0x0204 | 0x0205 | 0x027E | 0x0006 => {
                let (row, column) = at(u16_at(data, 0), u16_at(data, 2));
                extent.cell(row, column, len as u64, 1)?;
            }
            // MULRK: cells from a first to a last column.
            0x00BD if len >= 6 => {
                let (row, column) = at(u16_at(data, 0), u16_at(data, len - 2));
                extent.cell(row, column, len as u64, 1)?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// The length in characters of each string of a shared-string table, walked as calamine
/// walks it: a string's header is in one record; its characters may go on in the next
/// record, which then starts with a new flags byte. A damaged table ends the walk: the
/// strings after it are not read by calamine either.
fn shared_string_lengths<'a>(mut segments: impl Iterator<Item = &'a [u8]>) -> Vec<u64> {
    let mut lengths = Vec::new();
    let Some(first) = segments.next() else {
        return lengths;
    };
    let mut data = first.get(8..).unwrap_or_default();
    let u16_at = |d: &[u8]| {
        d.get(..2)
            .map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
    };
    loop {
        if data.is_empty() {
            match segments.next() {
                Some(next) => data = next,
                None => return lengths,
            }
            continue;
        }
        let (Some(cch), Some(&flags)) = (u16_at(data), data.get(2)) else {
            return lengths;
        };
        data = &data[3..];
        let mut runs = 0;
        if flags & 0x8 != 0 {
            let Some(n) = u16_at(data) else {
                return lengths;
            };
            runs = n * 4;
            data = &data[2..];
        }
        let mut ext = 0;
        if flags & 0x4 != 0 {
            let Some(b) = data.get(..4) else {
                return lengths;
            };
            ext = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
            data = &data[4..];
        }
        lengths.push(cch as u64);
        let (mut left, mut wide) = (cch, flags & 0x1 != 0);
        while left > 0 {
            let width = if wide { 2 } else { 1 };
            let here = (data.len() / width).min(left);
            data = &data[here * width..];
            left -= here;
            if left > 0 {
                let Some(next) = segments.next() else {
                    return lengths;
                };
                let Some(&flags) = next.first() else {
                    return lengths;
                };
                wide = flags & 0x1 != 0;
                data = &next[1..];
            }
        }
        // The formatting runs and the phonetic block, which may also go on in the next record.
        let mut skip = runs + ext;
        while skip > 0 {
            let here = data.len().min(skip);
            data = &data[here..];
            skip -= here;
            if skip > 0 {
                let Some(next) = segments.next() else {
                    return lengths;
                };
                data = next;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An Excel 97–2003 file whose Workbook stream holds `records` (type, data).
    fn xls(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
        use std::io::Write;
        let mut stream = Vec::new();
        for (kind, data) in records {
            stream.extend(kind.to_le_bytes());
            stream.extend((data.len() as u16).to_le_bytes());
            stream.extend(data);
        }
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        file.create_stream("Workbook")
            .unwrap()
            .write_all(&stream)
            .unwrap();
        file.flush().unwrap();
        file.into_inner().into_inner()
    }

    /// calamine reserves room for the cells a DIMENSIONS record declares, and builds the
    /// range between the first and last cells; both are checked first.
    #[test]
    fn xls_dimensions_and_cells_are_bounded() {
        let bof = (0x0809, vec![0u8; 16]);
        let dimensions = |rows: u32, columns: u16| {
            let mut d = Vec::new();
            d.extend(0u32.to_le_bytes());
            d.extend(rows.to_le_bytes());
            d.extend(0u16.to_le_bytes());
            d.extend(columns.to_le_bytes());
            d.extend(0u16.to_le_bytes());
            (0x0200, d)
        };
        let number = |row: u16, column: u16| {
            let mut d = Vec::new();
            d.extend(row.to_le_bytes());
            d.extend(column.to_le_bytes());
            d.extend([0u8; 10]);
            (0x0203, d)
        };
        let huge = xls(&[bof.clone(), dimensions(4_000_000_000, 256)]);
        assert_eq!(
            check_xls(&huge),
            Err(Exceeded::Cells {
                cells: 4_000_000_000 * 256
            })
        );
        let backwards = xls(&[bof.clone(), {
            let mut d = dimensions(5, 2);
            d.1[0..4].copy_from_slice(&9u32.to_le_bytes());
            d
        }]);
        assert!(matches!(check_xls(&backwards), Err(Exceeded::Damaged(_))));
        let far = xls(&[bof.clone(), number(0, 0), number(65_535, 40)]);
        assert_eq!(check_xls(&far), Err(Exceeded::Cells { cells: 65_536 * 41 }));
        let wide = xls(&[bof.clone(), number(0, 0), number(60_000, 255)]);
        assert_eq!(
            check_xls(&wide),
            Err(Exceeded::Columns {
                column: 256,
                letters: "IV".into()
            })
        );
        let fine = xls(&[bof, dimensions(3, 2), number(0, 0), number(2, 1)]);
        assert_eq!(check_xls(&fine), Ok(()));
        // Through `read`, the bound is what the user is told.
        let err = super::super::sheet::read(&huge, None)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("the file cannot be imported: the sheets span 1024000000000 cells"),
            "{err}"
        );
    }

    /// One SST string with its header, `chars` narrow or wide characters of `c`.
    fn sst_string(chars: usize, wide: bool, c: u8) -> Vec<u8> {
        let mut d = (chars as u16).to_le_bytes().to_vec();
        d.push(u8::from(wide));
        for _ in 0..chars {
            d.push(c);
            if wide {
                d.push(0);
            }
        }
        d
    }

    #[test]
    fn shared_string_lengths_follow_continue_records() {
        // Two strings: 3 narrow characters, then 10 wide ones split after 4, going on narrow
        // in a CONTINUE record (which starts with its own flags byte); a rich string after.
        let mut sst = vec![0u8; 8];
        sst.extend(sst_string(3, false, b'a'));
        let long = sst_string(10, true, b'b');
        sst.extend(&long[..3 + 8]);
        let mut cont = vec![0u8];
        cont.extend([b'c'; 6]);
        // fRichSt with one run (4 bytes) after its 2 characters.
        cont.extend([2, 0, 0x8, 1, 0, b'd', b'd', 0, 0, 0, 0]);
        let lengths = shared_string_lengths([sst.as_slice(), cont.as_slice()].into_iter());
        assert_eq!(lengths, vec![3, 10, 2]);
        // A table cut short ends the walk without a panic.
        assert_eq!(shared_string_lengths([&sst[..12]].into_iter()), vec![3]);
    }

    /// calamine copies a shared string into every cell that names it: a 1 MB file of one long
    /// string named by 20,000 cells would be gigabytes of text.
    #[test]
    fn xls_shared_strings_count_for_every_cell() {
        let bof = (0x0809, vec![0u8; 16]);
        let mut sst = vec![0u8; 8];
        let long = sst_string(60_000, false, b'x');
        sst.extend(&long[..8_000]);
        let mut records = vec![bof, (0x00FC, sst)];
        for chunk in long[8_000..].chunks(8_000) {
            let mut cont = vec![0u8];
            cont.extend(chunk);
            records.push((0x003C, cont));
        }
        let label = |row: u16, column: u16| {
            let mut d = Vec::new();
            d.extend(row.to_le_bytes());
            d.extend(column.to_le_bytes());
            d.extend(0u16.to_le_bytes());
            d.extend(0u32.to_le_bytes());
            (0x00FD, d)
        };
        let few: Vec<_> = records
            .iter()
            .cloned()
            .chain((0..10).map(|row| label(row, 0)))
            .collect();
        assert_eq!(check_xls(&xls(&few)), Ok(()));
        let many: Vec<_> = records
            .into_iter()
            .chain((0..1_000).map(|row| label(row, 0)))
            .collect();
        assert_eq!(check_xls(&xls(&many)), Err(Exceeded::Text));
    }

    /// One row of a name and twenty million commas, and ten million small cells: refused
    /// while walking the text, naming the bound, before any cell is held.
    #[test]
    fn csv_is_held_to_the_spreadsheet_bounds() {
        let mut wide = b"Nguy\xE1\xBB\x85n V\xC4\x83n A".to_vec();
        wide.extend(std::iter::repeat_n(b',', 20_000_000));
        assert_eq!(
            check_csv(&wide, b','),
            Err(Exceeded::Columns {
                column: 201,
                letters: "GS".into()
            })
        );
        let row = "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z,a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x\n";
        let many = row.repeat(100_000);
        assert!(matches!(
            check_csv(many.as_bytes(), b','),
            Err(Exceeded::Cells { .. })
        ));
        let tall = "a\n".repeat(LAST_ROW as usize + 1);
        assert!(matches!(
            check_csv(tall.as_bytes(), b','),
            Err(Exceeded::Rows { .. })
        ));
        let fine = "Họ và tên;Đơn vị\nNguyễn Văn A;\"UBND, huyện\"\n".repeat(1000);
        assert_eq!(check_csv(fine.as_bytes(), b';'), Ok(()));
    }

    #[test]
    fn column_letters() {
        assert_eq!(letters(1), "A");
        assert_eq!(letters(26), "Z");
        assert_eq!(letters(27), "AA");
        assert_eq!(letters(200), "GR");
        assert_eq!(letters(16_384), "XFD");
    }

    #[test]
    fn extent_bounds_rows_columns_area_and_text() {
        let mut e = Extent::default();
        assert!(e.cell(1, 1, 10, 1).is_ok());
        assert_eq!(
            e.cell(1_048_576, 1, 0, 1),
            Err(Exceeded::Rows { row: 1_048_576 })
        );
        assert_eq!(
            e.cell(1, 16_384, 0, 1),
            Err(Exceeded::Columns {
                column: 16_384,
                letters: "XFD".into()
            })
        );
        assert!(e.cell(100_000, 20, 0, 1).is_ok());
        assert_eq!(
            e.cell(100_000, 21, 0, 1),
            Err(Exceeded::Cells { cells: 2_100_000 })
        );
        let mut e = Extent::default();
        assert_eq!(e.cell(10, 10, 1024 * 1024, 49), Err(Exceeded::Text));
    }
}
