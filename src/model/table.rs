//! Tables of cells as offices have them: a CSV file (UTF-8, UTF-8 with a byte-order mark,
//! Windows-1252 from Excel's "CSV (Comma delimited)", or UTF-16 from Excel's "Unicode text")
//! or a worksheet of a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`, read with calamine). Every
//! cell keeps where it is, so a problem points at the file's own line, or at `Sheet!B7`.
//!
//! Decisions for workbooks: formulas are read by the value Excel last calculated and saved;
//! dates typed as Excel dates become `YYYY-MM-DD`; numbers keep their digits (a number cannot
//! hold leading zeros: see `claimant`); hidden rows are read like any other row (hiding a row in
//! Excel does not take a claimant off the list); merged cells below the header are an error in
//! `.xlsx` files (each row needs its own value), and cannot be seen in `.xls` and `.ods` files.
//! The first visible worksheet is read unless the session names one.

use std::io::Cursor;

use calamine::{Data, Reader, SheetVisible};

use crate::codes::{CSV_UNREADABLE, NOT_UTF8, ROW_SHAPE, WORKBOOK_CELL};
use crate::diag::{Diagnostic, Location, column_letters};

/// Where a table comes from: a file under the project, and the worksheet of a workbook.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableSource {
    pub file: String,
    pub sheet: Option<String>,
}

impl TableSource {
    /// A cell: `file:row:column`, or `file:Sheet!B7`.
    pub fn loc(&self, row: usize, column: usize) -> Location {
        match &self.sheet {
            Some(sheet) => Location::cell(&self.file, sheet, row, Some(column)),
            None => Location::at(&self.file, row, column),
        }
    }

    /// How a row is named in a message: `line 7` of a CSV file, `row 7` of a sheet.
    pub fn row_name(&self, row: usize) -> String {
        match &self.sheet {
            Some(_) => format!("row {row}"),
            None => format!("line {row}"),
        }
    }

    /// A whole row.
    pub fn row_loc(&self, row: usize) -> Location {
        match &self.sheet {
            Some(sheet) => Location::cell(&self.file, sheet, row, None),
            None => Location::line(&self.file, row),
        }
    }
}

/// What a cell held in the file, before it became text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Text,
    Number,
    Date,
    Bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub kind: CellKind,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            kind: CellKind::Text,
        }
    }
}

/// One row below the header, with the row number the user sees (the CSV file's own line, or
/// Excel's row).
#[derive(Debug, Clone)]
pub struct TableRow {
    pub row: usize,
    /// As many cells as the header has.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub source: TableSource,
    pub header_row: usize,
    pub header: Vec<String>,
    pub rows: Vec<TableRow>,
    /// Rows left out because they could not be read (their problems are reported).
    pub dropped: usize,
}

/// The kinds of file a table can be read from, by extension.
pub fn is_workbook(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// Read a table from `bytes` of `source.file`. A problem with the whole file gives no table;
/// a row of the wrong shape is reported and left out.
pub fn read(source: &TableSource, bytes: &[u8]) -> (Option<Table>, Vec<Diagnostic>) {
    if is_workbook(&source.file) {
        workbook(source, bytes)
    } else {
        let mut diags = Vec::new();
        if source.sheet.is_some() {
            diags.push(
                Diagnostic::new(
                    &CSV_UNREADABLE,
                    format!("{} is a CSV file: it has no sheets", source.file),
                )
                .at(Location::file(&source.file))
                .help("remove `sheet`, or name a workbook (.xlsx, .xls, .ods)"),
            );
            return (None, diags);
        }
        let (table, more) = csv(source, bytes);
        diags.extend(more);
        (table, diags)
    }
}

fn unreadable(source: &TableSource, message: impl Into<String>, help: &str) -> Diagnostic {
    Diagnostic::new(&CSV_UNREADABLE, message)
        .at(Location::file(&source.file))
        .help(help)
}

/// Text of a CSV file, whatever Excel saved it as.
fn decode(source: &TableSource, bytes: &[u8]) -> Result<(String, Vec<Diagnostic>), Diagnostic> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(unreadable(
            source,
            "this is a workbook, not a CSV file",
            "give it the extension it was saved with (.xlsx, .xls or .ods): workbooks are read as they are",
        ));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(t) => Ok((t.to_string(), Vec::new())),
            Err(_) => Err(unreadable(
                source,
                "the file says it is UTF-8 but is not",
                "save it from your spreadsheet as \"CSV UTF-8 (Comma delimited)\"",
            )),
        };
    }
    for (bom, encoding) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) {
            // Excel's "Unicode text": UTF-16, tab-separated. Read as it is.
            let (text, _, malformed) = encoding.decode(bytes);
            if malformed {
                return Err(unreadable(
                    source,
                    "the file is UTF-16 text with characters that cannot be read",
                    "save it from your spreadsheet as \"CSV UTF-8 (Comma delimited)\"",
                ));
            }
            return Ok((text.into_owned(), Vec::new()));
        }
    }
    if let Ok(t) = std::str::from_utf8(bytes) {
        return Ok((t.to_string(), Vec::new()));
    }
    let nuls = bytes.iter().filter(|b| **b == 0).count();
    if nuls * 4 > bytes.len() {
        return Err(unreadable(
            source,
            "the file looks like UTF-16 text without a byte-order mark, which cannot be read safely",
            "save it from your spreadsheet as \"CSV UTF-8 (Comma delimited)\"",
        ));
    }
    // Excel's "CSV (Comma delimited)" on Windows: Windows-1252. Characters it cannot hold
    // (ŵ, ŷ) were saved as `?`, which the claimant checks catch.
    let first_bad = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let line = bytes[..first_bad].iter().filter(|b| **b == b'\n').count() + 1;
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    let warning = Diagnostic::new(
        &NOT_UTF8,
        "the file is not UTF-8: it was read as Windows-1252, the encoding of Excel's \"CSV (Comma delimited)\"",
    )
    .at(Location::line(&source.file, line))
    .help("save it from Excel as \"CSV UTF-8 (Comma delimited)\": Windows-1252 cannot hold ŵ or ŷ, which Excel then saves as `?`");
    Ok((text.into_owned(), vec![warning]))
}

fn csv(source: &TableSource, bytes: &[u8]) -> (Option<Table>, Vec<Diagnostic>) {
    let (text, mut diags) = match decode(source, bytes) {
        Ok(t) => t,
        Err(d) => return (None, vec![d]),
    };
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first_line.contains('\t') && !first_line.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // The file's own line of a byte (the csv crate's line count skips blank lines).
    let newlines: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
        .collect();
    // A record's position is where the reader started, before the blank lines it skipped.
    let bytes = text.as_bytes();
    let line_at = |byte: u64| {
        let mut at = byte as usize;
        while at < bytes.len() && (bytes[at] == b'\n' || bytes[at] == b'\r') {
            at += 1;
        }
        newlines.partition_point(|&n| n < at) + 1
    };
    let mut header: Option<(usize, Vec<String>)> = None;
    let mut rows = Vec::new();
    // Rows of the wrong shape: (line, cells).
    let mut short: Vec<(usize, usize)> = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(1, |p| line_at(p.byte()));
                diags.push(
                    Diagnostic::new(&CSV_UNREADABLE, format!("line {line} cannot be read: {e}"))
                        .at(Location::line(&source.file, line)),
                );
                continue;
            }
        };
        let line = record.position().map_or(1, |p| line_at(p.byte()));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue; // blank rows from spreadsheets
        }
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        let Some((_, head)) = &header else {
            header = Some((line, cells));
            continue;
        };
        if cells.len() != head.len() {
            short.push((line, cells.len()));
            continue;
        }
        rows.push(TableRow {
            row: line,
            cells: cells.into_iter().map(Cell::text).collect(),
        });
    }
    let Some((header_row, header)) = header else {
        diags.push(unreadable(
            source,
            "the file is empty: it has no header row",
            "the first row names the columns: ref, first_name, last_name, address_line_1, postcode…",
        ));
        return (None, diags);
    };
    // One problem, one message: when no row matches the header, the header is what is wrong.
    let same = short.first().map(|(_, n)| *n);
    if rows.is_empty() && short.len() > 1 && short.iter().all(|(_, n)| Some(*n) == same) {
        let n = same.unwrap_or(0);
        diags.push(
            Diagnostic::new(
                &ROW_SHAPE,
                format!(
                    "the header has {} cells but every row has {n}; no row was read",
                    header.len()
                ),
            )
            .at(source.row_loc(header_row))
            .help(
                "make the header name each column once, with as many names as the rows have cells",
            ),
        );
    } else {
        for (line, n) in &short {
            diags.push(row_shape(source, *line, *n, header.len()));
        }
    }
    let dropped = short.len();
    (
        Some(Table {
            source: source.clone(),
            header_row,
            header,
            rows,
            dropped,
        }),
        diags,
    )
}

fn row_shape(source: &TableSource, row: usize, cells: usize, header: usize) -> Diagnostic {
    Diagnostic::new(
        &ROW_SHAPE,
        format!("this row has {cells} cells but the header has {header}; the row was not read"),
    )
    .at(source.row_loc(row))
    .help(if cells > header {
        "a cell with a comma in it (often an address) must be in double quotes; saving from a spreadsheet does this"
    } else {
        "a cell is missing: every row needs as many cells as the header, even empty ones"
    })
}

/// A cell of a workbook as text, and what it was.
fn workbook_cell(data: &Data) -> Result<Cell, String> {
    Ok(match data {
        Data::Empty => Cell::text(""),
        Data::String(s) => Cell::text(s.clone()),
        Data::Int(i) => Cell {
            text: i.to_string(),
            kind: CellKind::Number,
        },
        Data::Float(f) => Cell {
            text: if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            },
            kind: CellKind::Number,
        },
        Data::Bool(b) => Cell {
            text: if *b { "yes" } else { "no" }.to_string(),
            kind: CellKind::Bool,
        },
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, _, _) = d.to_ymd_hms_milli();
            Cell {
                text: if h == 0 && min == 0 {
                    format!("{y:04}-{m:02}-{day:02}")
                } else {
                    format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}")
                },
                kind: CellKind::Date,
            }
        }
        Data::DateTime(d) => Cell::text(d.as_f64().to_string()),
        Data::DateTimeIso(s) => Cell {
            text: s.strip_suffix("T00:00:00").unwrap_or(s).to_string(),
            kind: CellKind::Date,
        },
        Data::DurationIso(s) => Cell::text(s.clone()),
        Data::Error(e) => return Err(e.to_string()),
    })
}

fn workbook(source: &TableSource, bytes: &[u8]) -> (Option<Table>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut book = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())) {
        Ok(b) => b,
        Err(e) => {
            diags.push(unreadable(
                source,
                format!("the workbook cannot be opened: {e}"),
                "open it in Excel and save it again as .xlsx (Excel Workbook)",
            ));
            return (None, diags);
        }
    };
    let names: Vec<String> = book.sheet_names();
    let sheet = match &source.sheet {
        Some(wanted) => match names.iter().find(|n| *n == wanted) {
            Some(n) => n.clone(),
            None => {
                let close = names.iter().find(|n| {
                    n.eq_ignore_ascii_case(wanted) || strsim::jaro_winkler(n, wanted) > 0.85
                });
                diags.push(
                    Diagnostic::new(
                        &CSV_UNREADABLE,
                        format!("the workbook has no sheet `{wanted}`"),
                    )
                    .at(Location::file(&source.file))
                    .help(match close {
                        Some(n) => {
                            format!("did you mean `{n}`? its sheets are: {}", names.join(", "))
                        }
                        None => format!("its sheets are: {}", names.join(", ")),
                    }),
                );
                return (None, diags);
            }
        },
        None => match book
            .sheets_metadata()
            .iter()
            .find(|s| s.visible == SheetVisible::Visible)
        {
            Some(s) => s.name.clone(),
            None => {
                diags.push(unreadable(
                    source,
                    "the workbook has no visible sheet",
                    "show the sheet with the claimant list, or name it with `sheet:`",
                ));
                return (None, diags);
            }
        },
    };
    let source = TableSource {
        file: source.file.clone(),
        sheet: Some(sheet.clone()),
    };
    let range = match book.worksheet_range(&sheet) {
        Ok(r) => r,
        Err(e) => {
            diags.push(unreadable(
                &source,
                format!("the sheet `{sheet}` cannot be read: {e}"),
                "open it in Excel and save it again as .xlsx (Excel Workbook)",
            ));
            return (None, diags);
        }
    };
    let (first_row, first_col) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut header: Option<(usize, Vec<String>)> = None;
    let mut rows = Vec::new();
    let mut dropped = 0;
    for (i, cells) in range.rows().enumerate() {
        let row = first_row + i + 1;
        // Leading empty columns of the used range are not part of the table.
        let mut texts = vec![Cell::text(""); first_col];
        let mut bad = false;
        for (j, data) in cells.iter().enumerate() {
            match workbook_cell(data) {
                Ok(c) => texts.push(c),
                Err(error) => {
                    bad = true;
                    diags.push(
                        Diagnostic::new(
                            &WORKBOOK_CELL,
                            format!("the cell holds the Excel error {error}"),
                        )
                        .at(source.loc(row, first_col + j + 1))
                        .help("correct the formula or type the value"),
                    );
                    texts.push(Cell::text(""));
                }
            }
        }
        if texts.iter().all(|c| c.text.trim().is_empty()) && !bad {
            continue;
        }
        let Some((_, head)) = &header else {
            let mut names: Vec<String> = texts.into_iter().map(|c| c.text).collect();
            while names.last().is_some_and(|n| n.trim().is_empty()) {
                names.pop();
            }
            header = Some((row, names));
            continue;
        };
        if bad {
            dropped += 1;
            continue;
        }
        if let Some(extra) = texts
            .iter()
            .enumerate()
            .skip(head.len())
            .find(|(_, c)| !c.text.trim().is_empty())
        {
            diags.push(
                Diagnostic::new(
                    &ROW_SHAPE,
                    format!(
                        "this row has a value in column {}, which has no header; the row was not read",
                        column_letters(extra.0 + 1)
                    ),
                )
                .at(source.loc(row, extra.0 + 1))
                .help("give the column a header, or move the value into the right column"),
            );
            dropped += 1;
            continue;
        }
        texts.resize(head.len(), Cell::text(""));
        rows.push(TableRow { row, cells: texts });
    }
    let Some((header_row, header)) = header else {
        diags.push(unreadable(
            &source,
            format!("the sheet `{sheet}` is empty: it has no header row"),
            "the first row names the columns: ref, first_name, last_name, address_line_1, postcode…",
        ));
        return (None, diags);
    };
    if let calamine::Sheets::Xlsx(x) = &mut book
        && let Ok(merged) = x.merge_cells_by_sheet_name(&sheet)
    {
        for m in merged {
            let (r0, c0) = (m.start.0 as usize + 1, m.start.1 as usize + 1);
            let (r1, c1) = (m.end.0 as usize + 1, m.end.1 as usize + 1);
            if r1 > header_row && (r1 > r0 || c1 > c0) {
                diags.push(
                    Diagnostic::new(
                        &WORKBOOK_CELL,
                        format!(
                            "cells {}{r0}:{}{r1} are merged; the rows they cover were not read",
                            column_letters(c0),
                            column_letters(c1)
                        ),
                    )
                    .at(source.loc(r0, c0))
                    .help("unmerge the cells and give each row its own value"),
                );
                let before = rows.len();
                rows.retain(|r| r.row < r0.max(header_row + 1) || r.row > r1);
                dropped += before - rows.len();
            }
        }
    }
    (
        Some(Table {
            source,
            header_row,
            header,
            rows,
            dropped,
        }),
        diags,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(file: &str) -> TableSource {
        TableSource {
            file: file.into(),
            sheet: None,
        }
    }

    #[test]
    fn csv_rows_keep_the_files_own_line_numbers() {
        let (t, d) = read(&src("x.csv"), b"a,b\n\n1,2\n\n\n3,4\n");
        assert!(d.is_empty(), "{d:?}");
        let t = t.unwrap();
        assert_eq!(t.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [3, 6]);
    }

    #[test]
    fn a_row_of_the_wrong_shape_is_one_error_and_left_out() {
        let (t, d) = read(&src("x.csv"), b"a,b,c\n1,2,3\n1,2,3,4\n1,2\n");
        let t = t.unwrap();
        assert_eq!((t.rows.len(), t.dropped), (1, 2));
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].message.contains("has 4 cells but the header has 3"));
        assert_eq!(d[0].location.as_ref().unwrap().to_string(), "x.csv:3");
        assert!(d[1].message.contains("has 2 cells but the header has 3"));
    }

    #[test]
    fn a_header_with_a_cell_too_many_is_one_error_not_one_per_row() {
        let (_, d) = read(&src("x.csv"), b"a,b,c,d\n1,2,3\n4,5,6\n7,8,9\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message
                .contains("the header has 4 cells but every row has 3")
        );
        assert_eq!(d[0].location.as_ref().unwrap().to_string(), "x.csv:1");
    }

    #[test]
    fn windows_1252_is_decoded_with_a_warning() {
        let (t, d) = read(&src("x.csv"), b"name\nSi\xE2n\nLlandaf\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].rule.code, NOT_UTF8.code);
        assert_eq!(t.unwrap().rows[0].cells[0].text, "Siân");
    }

    #[test]
    fn utf16_is_read_and_a_workbook_named_csv_is_refused() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "a\tb\r\n1\tŵ\r\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let (t, d) = read(&src("x.csv"), &bytes);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(t.unwrap().rows[0].cells[1].text, "ŵ");
        let (t, d) = read(&src("x.csv"), b"PK\x03\x04rest");
        assert!(t.is_none());
        assert!(d[0].message.contains("workbook"));
    }
}
