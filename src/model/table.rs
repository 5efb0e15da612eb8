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

use crate::codes::{CSV_UNREADABLE, NOT_UTF8, ROW_SHAPE, WORKBOOK_CELL};
use crate::diag::{Diagnostic, Location, column_letters};
pub use crate::model::cell::{Cell, CellKind};

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
    /// The first rows below the header as they are, whatever their shape: to tell a title
    /// above the real header from the header.
    pub leading: Vec<(usize, Vec<String>)>,
}

impl Table {
    /// SHA-256 over what a session reads of a list for several sessions: the file and sheet,
    /// the header, how many rows could not be read, and the session's own rows with their
    /// row numbers. Another session's row edited leaves it unchanged, so only the session
    /// whose rows changed is built again (issue 18 section 5).
    pub fn digest_of<'a>(&self, rows: impl IntoIterator<Item = &'a TableRow>) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        let mut part = |text: &str| {
            h.update(text.as_bytes());
            h.update([0]);
        };
        part(&self.source.file);
        part(self.source.sheet.as_deref().unwrap_or(""));
        part(&self.header_row.to_string());
        part(&self.dropped.to_string());
        for name in &self.header {
            part(name);
        }
        for row in rows {
            part(&format!("row {}", row.row));
            for cell in &row.cells {
                part(&format!("{:?}", cell.kind));
                part(&cell.text);
            }
        }
        format!("{:x}", h.finalize())
    }
}

/// How many rows below the header are kept as they are, in [`Table::leading`].
const LEADING: usize = 5;

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
/// The text of a CSV file, how it was read, and the warning about it, if any.
struct Decoded {
    text: String,
    warning: Option<Diagnostic>,
    /// Mostly UTF-8 with a few bytes that are not: the cells holding them are errors.
    mixed: bool,
}

impl Decoded {
    fn utf8(text: impl Into<String>) -> Decoded {
        Decoded {
            text: text.into(),
            warning: None,
            mixed: false,
        }
    }
}

fn decode(source: &TableSource, bytes: &[u8]) -> Result<Decoded, Diagnostic> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(unreadable(
            source,
            "this is a workbook, not a CSV file",
            "give it the extension it was saved with (.xlsx, .xls or .ods): workbooks are read as they are",
        ));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(t) => Ok(Decoded::utf8(t)),
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
            return Ok(Decoded::utf8(text));
        }
    }
    if let Ok(t) = std::str::from_utf8(bytes) {
        return Ok(Decoded::utf8(t));
    }
    // Mostly UTF-8 (it has letters written in UTF-8) with a few bytes that are not: one file
    // has one encoding, so those bytes are not Windows-1252 letters but damage. Their cells
    // are errors (`bad_bytes`); the rest of the file is read as the UTF-8 it is.
    if has_utf8_letters(bytes) {
        return Ok(Decoded {
            mixed: true,
            ..Decoded::utf8(String::from_utf8_lossy(bytes))
        });
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
    Ok(Decoded {
        warning: Some(warning),
        ..Decoded::utf8(text)
    })
}

/// Whether `bytes`, which are not all UTF-8, hold letters beyond ASCII written in UTF-8.
fn has_utf8_letters(bytes: &[u8]) -> bool {
    bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii())
}

/// Each cell of a mostly UTF-8 file that holds bytes that are not UTF-8 (read as `�`).
fn bad_bytes(source: &TableSource, line: usize, cells: &[String]) -> Vec<Diagnostic> {
    cells
        .iter()
        .enumerate()
        .filter(|(_, c)| c.contains('\u{FFFD}'))
        .map(|(i, c)| {
            Diagnostic::new(
                &CSV_UNREADABLE,
                "the cell holds bytes that are not UTF-8, in a file that is otherwise UTF-8: its text cannot be trusted",
            )
            .at(source.loc(line, i + 1))
            .snippet(c.clone())
            .help("type the cell again in your spreadsheet and save the list as \"CSV UTF-8 (Comma delimited)\"")
        })
        .collect()
}

fn csv(source: &TableSource, bytes: &[u8]) -> (Option<Table>, Vec<Diagnostic>) {
    let Decoded {
        text,
        warning,
        mixed,
    } = match decode(source, bytes) {
        Ok(d) => d,
        Err(d) => return (None, vec![d]),
    };
    let mut diags: Vec<Diagnostic> = warning.into_iter().collect();
    // Every line ending as one: CRLF (Windows), LF, and a lone CR (Excel for Mac's "CSV
    // (Macintosh)"), so a line number is the one the officer's editor shows.
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
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
    let mut leading = Vec::new();
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
        if mixed {
            diags.extend(bad_bytes(source, line, &cells));
        }
        let Some((_, head)) = &header else {
            header = Some((line, cells));
            continue;
        };
        if leading.len() < LEADING {
            leading.push((line, cells.clone()));
        }
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
            leading,
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

/// The most columns a claimant list's header may span: a real list has a few dozen.
pub const MAX_COLUMNS: usize = 256;

fn workbook(source: &TableSource, bytes: &[u8]) -> (Option<Table>, Vec<Diagnostic>) {
    use crate::model::workbook::{self, Content, Kind, Problem, Wanted};
    let mut diags = Vec::new();
    let Some(kind) = Kind::of(&source.file) else {
        return (None, diags);
    };
    let wanted = match &source.sheet {
        Some(name) => Wanted::Named(name.clone()),
        None => Wanted::FirstVisible,
    };
    let resave = "open it in Excel or LibreOffice and save it again as .xlsx (Excel Workbook)";
    let sheet = match workbook::read(kind, bytes, &wanted) {
        Ok(sheet) => sheet,
        Err(problem) => {
            diags.push(match problem {
                Problem::Open(e) => unreadable(
                    source,
                    format!("the workbook cannot be opened: {e}"),
                    resave,
                ),
                Problem::NoSheet { wanted, names } => {
                    let close = names.iter().find(|n| {
                        n.eq_ignore_ascii_case(&wanted) || strsim::jaro_winkler(n, &wanted) > 0.85
                    });
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
                    })
                }
                Problem::NoVisibleSheet => unreadable(
                    source,
                    "the workbook has no visible sheet",
                    "show the sheet with the claimant list, or name it with `sheet:`",
                ),
                Problem::Sheet(e) => unreadable(
                    source,
                    format!("the sheet cannot be read: {e}"),
                    resave,
                ),
                Problem::TooLarge(what) => unreadable(
                    source,
                    format!("the workbook is too large to be a claimant list: {what}"),
                    "check it is the right file; keep only the claimant list in it (delete stray cells far below or to the right of it), and save it again as .xlsx",
                ),
                Problem::Failed(why) => unreadable(
                    source,
                    format!("the workbook is damaged and cannot be read: {why}"),
                    resave,
                ),
            });
            return (None, diags);
        }
    };
    let source = TableSource {
        file: source.file.clone(),
        sheet: Some(sheet.name.clone()),
    };
    let mut header: Option<(usize, Vec<String>)> = None;
    let mut rows = Vec::new();
    let mut leading = Vec::new();
    let mut dropped = 0;
    for cells in sheet.cells.chunk_by(|a, b| a.row == b.row) {
        let row = cells[0].row as usize;
        let mut bad = false;
        let mut texts: Vec<(usize, Cell)> = Vec::new();
        for cell in cells {
            let column = cell.column as usize;
            match &cell.content {
                Content::Value(c) => texts.push((column, c.clone())),
                Content::Error(error) => {
                    bad = true;
                    diags.push(
                        Diagnostic::new(
                            &WORKBOOK_CELL,
                            format!("the cell holds the Excel error {error}"),
                        )
                        .at(source.loc(row, column))
                        .help("correct the formula or type the value"),
                    );
                }
                Content::NoStoredValue => {
                    bad = true;
                    // Never a blank: in a column that decides who is invited, a blank is "no".
                    diags.push(
                        Diagnostic::new(
                            &WORKBOOK_CELL,
                            "the cell holds a formula whose result is not stored in the file, so its value cannot be read",
                        )
                        .at(source.loc(row, column))
                        .help("open and save the file in Excel or LibreOffice so its values are stored, or type the value instead of the formula")
                        .fixed(),
                    );
                }
            }
        }
        if !bad && texts.iter().all(|(_, c)| c.text.trim().is_empty()) {
            continue;
        }
        let Some((_, head)) = &header else {
            let width = texts
                .iter()
                .filter(|(_, c)| !c.text.trim().is_empty())
                .map(|(col, _)| *col)
                .max()
                .unwrap_or(0);
            if width > MAX_COLUMNS {
                diags.push(
                    Diagnostic::new(
                        &ROW_SHAPE,
                        format!(
                            "the header row has a value in column {}: a claimant list has at most {MAX_COLUMNS} columns",
                            column_letters(width)
                        ),
                    )
                    .at(source.loc(row, width))
                    .help("delete the stray cell, or move the list to a sheet of its own"),
                );
                return (None, diags);
            }
            let mut names = vec![String::new(); width];
            for (col, c) in texts {
                if col <= width {
                    names[col - 1] = c.text;
                }
            }
            header = Some((row, names));
            continue;
        };
        if leading.len() < LEADING {
            let width = texts.iter().map(|(col, _)| *col).max().unwrap_or(0);
            let mut raw = vec![String::new(); width];
            for (col, c) in &texts {
                raw[col - 1] = c.text.clone();
            }
            leading.push((row, raw));
        }
        if bad {
            dropped += 1;
            continue;
        }
        if let Some((column, _)) = texts
            .iter()
            .find(|(col, c)| *col > head.len() && !c.text.trim().is_empty())
        {
            diags.push(
                Diagnostic::new(
                    &ROW_SHAPE,
                    format!(
                        "this row has a value in column {}, which has no header; the row was not read",
                        column_letters(*column)
                    ),
                )
                .at(source.loc(row, *column))
                .help("give the column a header, or move the value into the right column"),
            );
            dropped += 1;
            continue;
        }
        let mut dense = vec![Cell::text(""); head.len()];
        for (col, c) in texts {
            if col <= head.len() {
                dense[col - 1] = c;
            }
        }
        rows.push(TableRow { row, cells: dense });
    }
    let Some((header_row, header)) = header else {
        diags.push(unreadable(
            &source,
            format!("the sheet `{}` is empty: it has no header row", sheet.name),
            "the first row names the columns: ref, first_name, last_name, address_line_1, postcode…",
        ));
        return (None, diags);
    };
    for (r0, c0, r1, c1) in sheet.merged {
        let (r0, c0, r1, c1) = (r0 as usize, c0 as usize, r1 as usize, c1 as usize);
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
    (
        Some(Table {
            source,
            header_row,
            header,
            rows,
            dropped,
            leading,
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
        // Excel for Mac's CR endings, and a lone CR among CRLF ones.
        for text in [
            &b"a,b\r\r1,2\r\r\r3,4\r"[..],
            b"a,b\r\n\r1,2\r\n\r\n\r3,4\r\n",
        ] {
            let (t, d) = read(&src("x.csv"), text);
            assert!(d.is_empty(), "{d:?}");
            let rows = t.unwrap().rows;
            assert_eq!(rows.iter().map(|r| r.row).collect::<Vec<_>>(), [3, 6]);
            assert_eq!(rows[1].cells[1].text, "4");
        }
    }

    #[test]
    fn a_utf8_file_with_a_stray_byte_is_an_error_at_that_cell() {
        let (t, d) = read(
            &src("x.csv"),
            b"name,town\nSi\xC3\xA2n,Llandaf\nSi\xE2n,Caerdydd\n",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].rule.code, CSV_UNREADABLE.code);
        assert_eq!(d[0].location.as_ref().unwrap().to_string(), "x.csv:3:1");
        assert_eq!(t.unwrap().rows[0].cells[0].text, "Siân");
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
