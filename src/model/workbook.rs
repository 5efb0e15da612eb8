//! Workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) read as data to distrust: a file's
//! own claims (its size, its cells, its formulas' results) are checked, never believed.
//!
//! - Memory follows what the file holds, not what it says: `.xlsx` sheets are streamed cell by
//!   cell and only cells with something in them are kept, so one cell at XFD1048576 is one
//!   cell; the declared size of every part of a zipped workbook, the number of cells and the
//!   text in them are bounded before or while they are read.
//! - A formula whose file holds no result is not a blank: it is reported as such.
//! - A damaged file is an error, never a crash or a hang: in the command-line tool every
//!   workbook is read by a child process of its own ([`set_helper`]) under a memory, processor
//!   time and wall-clock ceiling, killed if it goes past them; inside a library caller (the
//!   tests) it is read in the process behind a panic guard. The `.xls` container is checked by
//!   the `cfb` crate before calamine reads it, so a looping sector chain is refused.
//!
//! `.xls` and `.ods` sheets are read by calamine as a whole rectangle: a sheet whose used area
//! is too large for the ceiling is refused with a message to save it as `.xlsx`.

use std::io::{Cursor, Read};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use calamine::{Data, DataRef, Reader, SheetVisible};

use crate::model::cell::{Cell, CellKind};

/// The most a zipped workbook's parts may hold uncompressed, together.
pub const MAX_UNCOMPRESSED_BYTES: u64 = 256 << 20;
/// The most cells with something in them one sheet may have (a week of 100,000 claimants
/// with 30 columns is 3 million).
pub const MAX_CELLS: usize = 5_000_000;
/// The most text the cells of one sheet may hold, together.
pub const MAX_TEXT_BYTES: usize = 256 << 20;
/// The reader's ceilings, in the child process.
pub const MEMORY_CEILING_BYTES: u64 = 1 << 30;
pub const CPU_CEILING_SECONDS: u64 = 60;
pub const WALL_CEILING: Duration = Duration::from_secs(120);

/// Which sheet to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wanted {
    FirstVisible,
    Named(String),
}

/// What a cell held.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Value(Cell),
    /// An Excel error such as `#N/A` or `#REF!`.
    Error(String),
    /// A formula whose result the file does not hold (never calculated and saved).
    NoStoredValue,
}

/// A cell with something in it. Rows and columns count from 1, as Excel shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetCell {
    pub row: u32,
    pub column: u32,
    pub content: Content,
}

/// Merged cells: first and last row and column, counting from 1.
pub type Merged = (u32, u32, u32, u32);

/// One sheet of a workbook: its cells with something in them, by row then column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    /// Every sheet of the workbook, by name.
    pub names: Vec<String>,
    /// The sheet read.
    pub name: String,
    pub cells: Vec<SheetCell>,
    pub merged: Vec<Merged>,
}

/// Why a workbook could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not a workbook this tool can open, or damaged: the reason.
    Open(String),
    NoSheet {
        wanted: String,
        names: Vec<String>,
    },
    NoVisibleSheet,
    /// The sheet exists but cannot be read: the reason.
    Sheet(String),
    /// The file holds or says more than a claimant list can: what.
    TooLarge(String),
    /// Reading it crashed or went past a ceiling: the file is damaged or hostile.
    Failed(String),
}

impl Problem {
    fn open(e: impl std::fmt::Display) -> Problem {
        Problem::Open(e.to_string())
    }
}

/// What kind of workbook a file is, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl Kind {
    pub fn of(file: &str) -> Option<Kind> {
        let lower = file.to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
        Some(match ext {
            "xlsx" | "xlsm" => Kind::Xlsx,
            "xlsb" => Kind::Xlsb,
            "xls" => Kind::Xls,
            "ods" => Kind::Ods,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Xlsx => "xlsx",
            Kind::Xlsb => "xlsb",
            Kind::Xls => "xls",
            Kind::Ods => "ods",
        }
    }

    fn from_name(name: &str) -> Option<Kind> {
        Kind::of(&format!("x.{name}"))
    }
}

/// The binary that reads workbooks in a child process (`sessionpack __read-workbook`): set
/// once by the command line. Without it, workbooks are read in this process.
static HELPER: OnceLock<PathBuf> = OnceLock::new();

/// Read workbooks with `exe __read-workbook` from now on.
pub fn set_helper(exe: PathBuf) {
    let _ = HELPER.set(exe);
}

/// The argument that starts the child reader.
pub const HELPER_COMMAND: &str = "__read-workbook";

/// Read one sheet of the workbook `bytes`, guarded: in a child process under ceilings when
/// the command line set one up, else here behind a panic guard.
pub fn read(kind: Kind, bytes: &[u8], wanted: &Wanted) -> Result<Sheet, Problem> {
    match HELPER.get() {
        Some(exe) => read_in_child(exe, kind, bytes, wanted),
        None => std::panic::catch_unwind(|| extract(kind, bytes, wanted)).unwrap_or_else(|p| {
            let why = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(Problem::Failed(format!("the reader crashed ({why})")))
        }),
    }
}

fn read_in_child(
    exe: &PathBuf,
    kind: Kind,
    bytes: &[u8],
    wanted: &Wanted,
) -> Result<Sheet, Problem> {
    use crate::process::{Limits, Ran, run};
    let mut cmd = std::process::Command::new(exe);
    crate::process::empty_environment(&mut cmd);
    cmd.arg(HELPER_COMMAND).arg(kind.name());
    if let Wanted::Named(name) = wanted {
        cmd.arg(name);
    }
    let limits = Limits {
        memory_bytes: Some(MEMORY_CEILING_BYTES),
        cpu_seconds: Some(CPU_CEILING_SECONDS),
    };
    let failed = |why: String| Err(Problem::Failed(why));
    match run(&mut cmd, bytes, WALL_CEILING, limits) {
        Ok(Ran::Finished(out)) if out.status.success() => {
            decode(&out.stdout).unwrap_or_else(|| failed("its reader gave no answer".into()))
        }
        Ok(Ran::Finished(out)) => {
            let said = String::from_utf8_lossy(&out.stderr);
            if said.contains("memory allocation") || said.contains("capacity overflow") {
                return Err(Problem::TooLarge(format!(
                    "reading it needs more than the {} MB allowed",
                    MEMORY_CEILING_BYTES >> 20
                )));
            }
            match crate::process::signal_of(&out.status) {
                Some(signal) => failed(format!("its reader was stopped by {signal}")),
                None => failed("its reader crashed on it".into()),
            }
        }
        Ok(Ran::TimedOut { .. }) => failed(format!(
            "reading it took longer than {} seconds",
            WALL_CEILING.as_secs()
        )),
        Ok(Ran::Stopped(signal)) => failed(format!("stopped by {}", crate::stop::name(signal))),
        Err(e) => failed(format!("its reader could not start: {e}")),
    }
}

/// The child: read the workbook on standard input, write the answer on standard output.
/// `args` are what follows [`HELPER_COMMAND`]: the kind, then the sheet's name if one is
/// wanted.
pub fn serve(args: &[String]) -> i32 {
    use std::io::Write;
    let Some(kind) = args.first().and_then(|k| Kind::from_name(k)) else {
        return 2;
    };
    let wanted = match args.get(1) {
        Some(name) => Wanted::Named(name.clone()),
        None => Wanted::FirstVisible,
    };
    let mut bytes = Vec::new();
    if std::io::stdin()
        .take(crate::model::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .is_err()
    {
        return 3;
    }
    let answer = encode(&extract(kind, &bytes, &wanted));
    match std::io::stdout().lock().write_all(&answer) {
        Ok(()) => 0,
        Err(_) => 3,
    }
}

/// Read one sheet of a workbook, here, with every bound checked.
pub fn extract(kind: Kind, bytes: &[u8], wanted: &Wanted) -> Result<Sheet, Problem> {
    match kind {
        Kind::Xlsx => {
            zipped_size(bytes)?;
            xlsx(bytes, wanted)
        }
        Kind::Ods => {
            zipped_size(bytes)?;
            ods_bounds(bytes)?;
            whole(bytes, wanted)
        }
        Kind::Xlsb => {
            zipped_size(bytes)?;
            whole(bytes, wanted)
        }
        Kind::Xls => {
            container(bytes)?;
            xls_bounds(bytes)?;
            whole(bytes, wanted)
        }
    }
}

/// The parts of a zipped workbook, by what they say they hold uncompressed: at most
/// [`MAX_UNCOMPRESSED_BYTES`] together.
fn zipped_size(bytes: &[u8]) -> Result<(), Problem> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(Problem::open)?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(Problem::open)?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNCOMPRESSED_BYTES {
        return Err(Problem::TooLarge(format!(
            "it unpacks to {} MB; a claimant list is at most {} MB",
            total >> 20,
            MAX_UNCOMPRESSED_BYTES >> 20
        )));
    }
    Ok(())
}

/// An `.xls` file's container (Microsoft's compound file), checked whole by the `cfb` crate
/// before calamine reads it: no loop in a sector chain, no stream larger than the file.
fn container(bytes: &[u8]) -> Result<(), Problem> {
    let file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(Problem::open)?;
    let streams: Vec<(PathBuf, u64)> = file
        .walk()
        .filter(|e| e.is_stream())
        .map(|e| (e.path().to_path_buf(), e.len()))
        .collect();
    if streams.is_empty() {
        return Err(Problem::Open("it holds no workbook".into()));
    }
    for (path, len) in streams {
        if len > bytes.len() as u64 {
            return Err(Problem::Open(format!(
                "its part {} says it holds {len} bytes, more than the whole file",
                path.display()
            )));
        }
    }
    Ok(())
}

/// An `.xls` file's sheets, by the area each says it uses (its DIMENSIONS records), before
/// calamine reads them: calamine makes room for the whole area at once, so a few bytes that
/// say "4 billion rows" would ask for terabytes.
fn xls_bounds(bytes: &[u8]) -> Result<(), Problem> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(Problem::open)?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or_else(|| Problem::Open("it holds no workbook".into()))?;
    let mut stream = Vec::new();
    file.open_stream(name)
        .and_then(|mut s| s.read_to_end(&mut stream))
        .map_err(Problem::open)?;
    let records = |at: usize| biff_records(&stream, at);
    // Each sheet starts where its BOUNDSHEET record (in the workbook's globals) says.
    let starts: Vec<usize> = records(0)
        .take_while(|(kind, _)| *kind != 0x000A)
        .filter(|(kind, data)| *kind == 0x0085 && data.len() >= 4)
        .map(|(_, d)| u32::from_le_bytes([d[0], d[1], d[2], d[3]]) as usize)
        .collect();
    for start in starts {
        // The area its cells span: calamine makes room for all of it.
        let mut area: Option<(u64, u64, u64, u64)> = None;
        let mut cover = |row: u64, first: u64, last: u64| -> Result<(), Problem> {
            let (r0, r1, c0, c1) = area.get_or_insert((row, row, first, last));
            (*r0, *r1, *c0, *c1) = (
                (*r0).min(row),
                (*r1).max(row),
                (*c0).min(first),
                (*c1).max(last),
            );
            let cells = (*r1 - *r0 + 1).saturating_mul(*c1 - *c0 + 1);
            if cells > MAX_CELLS as u64 {
                return Err(Problem::TooLarge(format!(
                    "a sheet's cells span {} rows by {} columns",
                    *r1 - *r0 + 1,
                    *c1 - *c0 + 1
                )));
            }
            Ok(())
        };
        for (kind, data) in records(start).take_while(|(kind, _)| *kind != 0x000A) {
            let u16_at = |i: usize| u64::from(u16::from_le_bytes([data[i], data[i + 1]]));
            match kind {
                // Cells: NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 if data.len() >= 4 => {
                    cover(u16_at(0), u16_at(2), u16_at(2))?;
                }
                // MULRK: a row of cells from the first column to the last.
                0x00BD if data.len() >= 6 => {
                    let (first, last) = (u16_at(2), u16_at(data.len() - 2));
                    cover(u16_at(0), first.min(last), first.max(last))?;
                }
                _ => {}
            }
            if kind != 0x0200 {
                continue;
            }
            // DIMENSIONS: first row, last row + 1, first column, last column + 1; rows are
            // 16 bits in BIFF5 (10 bytes), 32 in BIFF8 (14 or 16).
            let u32_at = |i: usize| {
                u64::from(u32::from_le_bytes([
                    data[i],
                    data[i + 1],
                    data[i + 2],
                    data[i + 3],
                ]))
            };
            let (first_row, end_row, first_col, end_col) = match data.len() {
                10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
                14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
                _ => continue, // calamine refuses it
            };
            if end_row >= 1 && end_col >= 1 && first_row >= end_row {
                // calamine would count the rows backwards, round to billions.
                return Err(Problem::Open(format!(
                    "a sheet says its rows run from {} to {end_row}, which cannot be",
                    first_row + 1
                )));
            }
            let rows = end_row.saturating_sub(first_row) + 1;
            let cols = end_col.saturating_sub(first_col) + 1;
            if end_row > 65_536 || rows.saturating_mul(cols) > MAX_CELLS as u64 {
                return Err(Problem::TooLarge(format!(
                    "a sheet says it spans {rows} rows by {cols} columns"
                )));
            }
        }
    }
    Ok(())
}

/// The BIFF records (type, data) of an `.xls` stream from `at` on, as calamine reads them.
fn biff_records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let head = stream.get(at..at + 4)?;
        let kind = u16::from_le_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((kind, data))
    })
}

/// Counts what a sheet holds as it is read, stopping at the bounds.
#[derive(Default)]
struct Budget {
    cells: usize,
    text: usize,
}

impl Budget {
    fn take(&mut self, text_len: usize) -> Result<(), Problem> {
        self.cells += 1;
        self.text = self.text.saturating_add(text_len);
        if self.cells > MAX_CELLS {
            return Err(Problem::TooLarge(format!(
                "the sheet has more than {MAX_CELLS} cells with something in them"
            )));
        }
        if self.text > MAX_TEXT_BYTES {
            return Err(Problem::TooLarge(format!(
                "the sheet's cells hold more than {} MB of text",
                MAX_TEXT_BYTES >> 20
            )));
        }
        Ok(())
    }
}

/// The name of the sheet to read, among `sheets` (name, visible).
fn choose(sheets: &[(String, bool)], wanted: &Wanted) -> Result<String, Problem> {
    let names = || sheets.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    match wanted {
        Wanted::Named(w) => sheets
            .iter()
            .find(|(n, _)| n == w)
            .map(|(n, _)| n.clone())
            .ok_or_else(|| Problem::NoSheet {
                wanted: w.clone(),
                names: names(),
            }),
        Wanted::FirstVisible => sheets
            .iter()
            .find(|(_, visible)| *visible)
            .map(|(n, _)| n.clone())
            .ok_or(Problem::NoVisibleSheet),
    }
}

fn sheet_list<R: Reader<Cursor<Vec<u8>>>>(book: &R) -> Vec<(String, bool)> {
    book.sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == SheetVisible::Visible))
        .collect()
}

/// `.xlsx`: streamed, cell by cell; only cells with something in them are kept.
fn xlsx(bytes: &[u8], wanted: &Wanted) -> Result<Sheet, Problem> {
    let mut book = calamine::Xlsx::new(Cursor::new(bytes.to_vec())).map_err(Problem::open)?;
    let sheets = sheet_list(&book);
    let name = choose(&sheets, wanted)?;
    let mut cells = Vec::new();
    let mut budget = Budget::default();
    {
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|e| Problem::Sheet(e.to_string()))?;
        while let Some(record) = reader
            .next_cell_with_formula_metadata()
            .map_err(|e| Problem::Sheet(e.to_string()))?
        {
            let (row, column) = record.pos;
            let content = match (&record.value, record.formula.is_some()) {
                (DataRef::Empty, false) => continue,
                (DataRef::Empty, true) => Content::NoStoredValue,
                (DataRef::SharedString(s), _) => {
                    // Counted before it is copied: one long string shared by every cell
                    // must not be copied into each.
                    budget.take(s.len())?;
                    Content::Value(Cell::text(*s))
                }
                (value, _) => {
                    let content = content_of(&Data::from(value.clone()));
                    budget.take(text_len(&content))?;
                    content
                }
            };
            cells.push(SheetCell {
                row: row + 1,
                column: column + 1,
                content,
            });
        }
    }
    let merged = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
    Ok(sheet(sheets, name, cells, &merged))
}

/// The sheet read: its cells by row then column, merged areas counted from 1.
fn sheet(
    sheets: Vec<(String, bool)>,
    name: String,
    mut cells: Vec<SheetCell>,
    merged: &[calamine::Dimensions],
) -> Sheet {
    cells.sort_by_key(|c| (c.row, c.column));
    Sheet {
        names: sheets.into_iter().map(|(n, _)| n).collect(),
        name,
        cells,
        merged: merged
            .iter()
            .map(|m| (m.start.0 + 1, m.start.1 + 1, m.end.0 + 1, m.end.1 + 1))
            .collect(),
    }
}

fn text_len(content: &Content) -> usize {
    match content {
        Content::Value(c) => c.text.len(),
        Content::Error(e) => e.len(),
        Content::NoStoredValue => 0,
    }
}

/// `.xls`, `.xlsb`, `.ods`: read by calamine as a rectangle, then only cells with something
/// in them kept.
fn whole(bytes: &[u8], wanted: &Wanted) -> Result<Sheet, Problem> {
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(Problem::open)?;
    let sheets = sheet_list(&book);
    let name = choose(&sheets, wanted)?;
    let range = book
        .worksheet_range(&name)
        .map_err(|e| Problem::Sheet(e.to_string()))?;
    let formulas = book.worksheet_formula(&name).unwrap_or_default();
    let mut cells = Vec::new();
    let mut budget = Budget::default();
    for (r, c, data) in range.used_cells() {
        let (row, column) = match range.start() {
            Some((r0, c0)) => (r0 + r as u32, c0 + c as u32),
            None => continue,
        };
        let content = content_of(data);
        budget.take(text_len(&content))?;
        cells.push(SheetCell {
            row: row + 1,
            column: column + 1,
            content,
        });
    }
    // A formula with no value beside it: its result is not in the file.
    if let Some((f0, g0)) = formulas.start() {
        for (r, c, formula) in formulas.used_cells() {
            let (row, column) = (f0 + r as u32, g0 + c as u32);
            if formula.trim().is_empty() {
                continue;
            }
            let empty = range
                .get_value((row, column))
                .is_none_or(|d| *d == Data::Empty);
            if empty {
                budget.take(0)?;
                cells.push(SheetCell {
                    row: row + 1,
                    column: column + 1,
                    content: Content::NoStoredValue,
                });
            }
        }
    }
    let merged = match &mut book {
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        _ => Vec::new(),
    };
    Ok(sheet(sheets, name, cells, &merged))
}

/// A cell of a workbook as text, and what it was.
fn content_of(data: &Data) -> Content {
    Content::Value(match data {
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
        Data::Error(e) => return Content::Error(e.to_string()),
    })
}

/// An `.ods` file's sheets, counted before calamine expands them: cells repeated across
/// columns and rows, and runs of spaces (`<text:s text:c="…"/>`), are added up as the file
/// would expand them, so a few kilobytes that say "a million times" are refused unread.
fn ods_bounds(bytes: &[u8]) -> Result<(), Problem> {
    use quick_xml::events::Event;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(Problem::open)?;
    let content = archive
        .by_name("content.xml")
        .map_err(|_| Problem::Open("it has no content.xml: not a spreadsheet".into()))?;
    let limited = std::io::BufReader::new(content.take(MAX_UNCOMPRESSED_BYTES));
    let mut xml = quick_xml::Reader::from_reader(limited);
    let mut buf = Vec::new();
    let number = |e: &quick_xml::events::BytesStart, key: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .and_then(|a| a.value.trim().parse().ok())
            .unwrap_or(1)
    };
    // Per row: (cells, text) of one copy; times the row's repeat.
    let (mut cells, mut text) = (0u64, 0u64);
    let (mut row_cells, mut row_text, mut row_repeat) = (0u64, 0u64, 1u64);
    let (mut cell_repeat, mut cell_text, mut cell_has) = (1u64, 0u64, false);
    let too_large = |what: &str| Err(Problem::TooLarge(what.to_string()));
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| Problem::Open(e.to_string()))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "table-row" => {
                    row_repeat = number(e, "table:number-rows-repeated");
                    (row_cells, row_text) = (0, 0);
                    if matches!(event, Event::Empty(_)) {
                        row_repeat = 1;
                    }
                }
                "table-cell" | "covered-table-cell" => {
                    cell_repeat = number(e, "table:number-columns-repeated");
                    cell_has = e.attributes().flatten().any(|a| {
                        matches!(
                            a.key.as_ref(),
                            "office:value-type" | "table:formula" | "office:value"
                        )
                    });
                    cell_text = 0;
                    if matches!(event, Event::Empty(_)) {
                        if cell_has {
                            row_cells = row_cells.saturating_add(cell_repeat);
                        }
                        cell_repeat = 1;
                    }
                }
                "s" => cell_text = cell_text.saturating_add(number(e, "text:c")),
                _ => {}
            },
            Event::Text(t) => cell_text = cell_text.saturating_add(t.len() as u64),
            Event::End(e) => match e.local_name().as_ref() {
                "table-cell" | "covered-table-cell" => {
                    if cell_has || cell_text > 0 {
                        row_cells = row_cells.saturating_add(cell_repeat);
                        row_text = row_text.saturating_add(cell_text.saturating_mul(cell_repeat));
                    }
                    cell_repeat = 1;
                }
                "table-row" => {
                    cells = cells.saturating_add(row_cells.saturating_mul(row_repeat));
                    text = text.saturating_add(row_text.saturating_mul(row_repeat));
                    if cells > MAX_CELLS as u64 {
                        return too_large(&format!(
                            "its sheets repeat cells to more than {MAX_CELLS} cells with something in them"
                        ));
                    }
                    if text > MAX_TEXT_BYTES as u64 {
                        return too_large(&format!(
                            "its cells repeat text to more than {} MB",
                            MAX_TEXT_BYTES >> 20
                        ));
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

// The child's answer, as bytes: a tag, then the sheet or the problem. Strings are a length
// (u32, little-endian) and UTF-8; numbers u32 little-endian.

fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

fn encode(answer: &Result<Sheet, Problem>) -> Vec<u8> {
    let mut out = Vec::new();
    match answer {
        Ok(sheet) => {
            out.push(0);
            put_u32(&mut out, sheet.names.len() as u32);
            for n in &sheet.names {
                put_str(&mut out, n);
            }
            put_str(&mut out, &sheet.name);
            put_u32(&mut out, sheet.cells.len() as u32);
            for c in &sheet.cells {
                put_u32(&mut out, c.row);
                put_u32(&mut out, c.column);
                match &c.content {
                    Content::Value(cell) => {
                        out.push(match cell.kind {
                            CellKind::Text => 0,
                            CellKind::Number => 1,
                            CellKind::Date => 2,
                            CellKind::Bool => 3,
                        });
                        put_str(&mut out, &cell.text);
                    }
                    Content::Error(e) => {
                        out.push(4);
                        put_str(&mut out, e);
                    }
                    Content::NoStoredValue => out.push(5),
                }
            }
            put_u32(&mut out, sheet.merged.len() as u32);
            for m in &sheet.merged {
                for n in [m.0, m.1, m.2, m.3] {
                    put_u32(&mut out, n);
                }
            }
        }
        Err(problem) => {
            out.push(1);
            let (tag, texts): (u8, Vec<&str>) = match problem {
                Problem::Open(s) => (0, vec![s]),
                Problem::NoSheet { wanted, names } => (
                    1,
                    std::iter::once(wanted.as_str())
                        .chain(names.iter().map(String::as_str))
                        .collect(),
                ),
                Problem::NoVisibleSheet => (2, vec![]),
                Problem::Sheet(s) => (3, vec![s]),
                Problem::TooLarge(s) => (4, vec![s]),
                Problem::Failed(s) => (5, vec![s]),
            };
            out.push(tag);
            put_u32(&mut out, texts.len() as u32);
            for t in texts {
                put_str(&mut out, t);
            }
        }
    }
    out
}

/// Reads the child's answer; `None` when it is not one.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> Option<u8> {
        let (first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(*first)
    }

    fn u32(&mut self) -> Option<u32> {
        let (head, rest) = self.0.split_at_checked(4)?;
        self.0 = rest;
        Some(u32::from_le_bytes(head.try_into().ok()?))
    }

    fn string(&mut self) -> Option<String> {
        let len = self.u32()? as usize;
        let (head, rest) = self.0.split_at_checked(len)?;
        self.0 = rest;
        String::from_utf8(head.to_vec()).ok()
    }

    fn count(&mut self) -> Option<usize> {
        // Never trust a count for an allocation: each item takes at least one byte.
        let n = self.u32()? as usize;
        (n <= self.0.len()).then_some(n)
    }
}

fn decode(bytes: &[u8]) -> Option<Result<Sheet, Problem>> {
    let mut b = Bytes(bytes);
    match b.u8()? {
        0 => {
            let names = (0..b.count()?)
                .map(|_| b.string())
                .collect::<Option<Vec<_>>>()?;
            let name = b.string()?;
            let n = b.count()?;
            let mut cells = Vec::with_capacity(n);
            for _ in 0..n {
                let (row, column) = (b.u32()?, b.u32()?);
                let tag = b.u8()?;
                let content = match tag {
                    0..=3 => Content::Value(Cell {
                        kind: match tag {
                            0 => CellKind::Text,
                            1 => CellKind::Number,
                            2 => CellKind::Date,
                            _ => CellKind::Bool,
                        },
                        text: b.string()?,
                    }),
                    4 => Content::Error(b.string()?),
                    5 => Content::NoStoredValue,
                    _ => return None,
                };
                cells.push(SheetCell {
                    row,
                    column,
                    content,
                });
            }
            let merged = (0..b.count()?)
                .map(|_| Some((b.u32()?, b.u32()?, b.u32()?, b.u32()?)))
                .collect::<Option<Vec<_>>>()?;
            b.0.is_empty().then_some(Ok(Sheet {
                names,
                name,
                cells,
                merged,
            }))
        }
        1 => {
            let tag = b.u8()?;
            let texts = (0..b.count()?)
                .map(|_| b.string())
                .collect::<Option<Vec<_>>>()?;
            let first = texts.first().cloned().unwrap_or_default();
            Some(Err(match tag {
                0 => Problem::Open(first),
                1 => Problem::NoSheet {
                    wanted: first,
                    names: texts.into_iter().skip(1).collect(),
                },
                2 => Problem::NoVisibleSheet,
                3 => Problem::Sheet(first),
                4 => Problem::TooLarge(first),
                5 => Problem::Failed(first),
                _ => return None,
            }))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_childs_answer_reads_back_as_it_was() {
        let sheet = Sheet {
            names: vec!["A".into(), "Wythnos".into()],
            name: "Wythnos".into(),
            cells: vec![
                SheetCell {
                    row: 1,
                    column: 16384,
                    content: Content::Value(Cell {
                        text: "Siân".into(),
                        kind: CellKind::Text,
                    }),
                },
                SheetCell {
                    row: 1_048_576,
                    column: 2,
                    content: Content::NoStoredValue,
                },
                SheetCell {
                    row: 3,
                    column: 1,
                    content: Content::Error("#N/A".into()),
                },
            ],
            merged: vec![(2, 1, 3, 1)],
        };
        for answer in [
            Ok(sheet),
            Err(Problem::NoSheet {
                wanted: "x".into(),
                names: vec!["a".into()],
            }),
            Err(Problem::TooLarge("big".into())),
        ] {
            assert_eq!(decode(&encode(&answer)), Some(answer));
        }
        assert_eq!(decode(&[0, 255, 255, 255, 255]), None);
    }
}
