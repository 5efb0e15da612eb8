//! The week's pool: every claimant to place, read by the loader of claimant lists (CSV in
//! UTF-8, Windows-1252 or UTF-16; xlsx, xls, ods; the office's `columns:`), so every cell
//! problem is the same diagnostic at the same cell as in a list. Headings the law forbids
//! grouping by are refused at their cells (AL006).

use std::collections::BTreeMap;
use std::path::Path;

use crate::codes::{BAD_VALUE, DUPLICATE_REF, REFUSED_HEADING};
use crate::config::Config;
use crate::diag::{Diagnostic, Location};
use crate::model::claimant::{self, Claimant, FIELDS};
use crate::model::table::{self, TableSource};
use crate::project::{InputFile, read_table_file};

/// One claimant of the pool, with where they are and the cells as written.
#[derive(Debug, Clone)]
pub struct PoolRow {
    pub claimant: Claimant,
    /// Their office, resolved (the only office when the project has one).
    pub office: std::sync::Arc<str>,
    /// The cell of their reference: where their problems are reported.
    pub at: Location,
    /// The `session` cell: pins them there (AL-H10).
    pub pin: Option<Box<(String, Location)>>,
    /// The cells the tool reads, as written: what their session's list gets. One string, a
    /// cell for each of [`FIELDS`] in its order, separated by [`UNIT`]: a region's pool is
    /// 100,000 rows.
    cells: Box<str>,
}

/// The separator of the cells in [`PoolRow`]: ASCII's unit separator, which no cell holds
/// (a control character is refused at load).
const UNIT: char = '\u{1f}';

impl PoolRow {
    /// The cell of `field` as written, or "" when the pool has no such column.
    pub fn cell(&self, field: &str) -> &str {
        FIELDS
            .iter()
            .position(|f| *f == field)
            .and_then(|i| self.cells.split(UNIT).nth(i))
            .unwrap_or_default()
    }
}

/// The week's pool: its claimants in file and row order, and the files read.
#[derive(Debug, Default)]
pub struct Pool {
    pub rows: Vec<PoolRow>,
    pub inputs: Vec<InputFile>,
    /// The tool's columns some pool file has, in the tool's order.
    pub columns: Vec<&'static str>,
    /// Each file's (and sheet's) columns: field -> 1-based column number.
    columns_of: Vec<(TableSource, BTreeMap<String, usize>)>,
}

impl Pool {
    /// The column of `field` in the file of the cell `at`.
    pub fn column_of(&self, at: &Location, field: &str) -> Option<usize> {
        self.columns_of
            .iter()
            .find(|(source, _)| source.file == at.file && source.sheet == at.sheet)
            .and_then(|(_, columns)| columns.get(field).copied())
    }
}

/// The words of a heading that must never be a column of a pool: grouping by them is
/// unlawful (Equality Act 2010 s.13(5)), and ethnic origin is special-category data (UK GDPR
/// art. 9) a claimant file has no reason to carry.
const REFUSED: [&str; 7] = [
    "sex",
    "gender",
    "ethnic",
    "ethnicity",
    "race",
    "racial",
    "nationality",
];

/// Whether a heading, normalised, names a refused characteristic.
pub fn is_refused(normalised: &str) -> bool {
    normalised.split('_').any(|w| REFUSED.contains(&w))
}

/// Read the pool files, each `file` or `file` with a worksheet.
pub fn read(
    root: &Path,
    sources: &[TableSource],
    config: &Config,
    offices: &[String],
) -> (Pool, Vec<Diagnostic>) {
    let mut pool = Pool::default();
    let mut diags = Vec::new();
    let mut seen: BTreeMap<String, Location> = BTreeMap::new();
    // One copy of each office's ID, shared by its claimants.
    let shared: Vec<std::sync::Arc<str>> = offices.iter().map(|o| o.as_str().into()).collect();
    for source in sources {
        let (read, problems) = read_table_file(root, &source.file);
        diags.extend(problems);
        let Some((bytes, input)) = read else { continue };
        pool.inputs.push(input);
        let (table, problems) = table::read(source, &bytes);
        diags.extend(problems);
        let Some(table) = table else { continue };
        for (i, heading) in table.header.iter().enumerate() {
            if is_refused(&claimant::normalise_header(heading)) {
                diags.push(
                    Diagnostic::new(
                        &REFUSED_HEADING,
                        format!("`{heading}`: a pool must not carry this; grouping claimants by it is unlawful"),
                    )
                    .at(table.source.loc(table.header_row, i + 1))
                    .snippet(heading.clone())
                    .help("delete the column from the pool: the tool never groups by sex, gender, ethnic origin, race or nationality (Equality Act 2010 s.13(5); UK GDPR art. 9)")
                    .fixed(),
                );
            }
        }
        let (map, problems) = claimant::map_columns(&table, &config.columns);
        diags.extend(problems);
        let (list, problems) = claimant::parse_rows(&table, &map, &table.rows, "");
        diags.extend(problems.into_iter().map(|mut d| {
            d.session = None;
            d
        }));
        pool.columns_of.push((
            table.source.clone(),
            FIELDS
                .iter()
                .filter_map(|f| Some((f.to_string(), list.column_of(f)?)))
                .collect(),
        ));
        for field in FIELDS {
            if map.has(field) && !pool.columns.contains(&field) {
                pool.columns.push(field);
            }
        }
        pool.columns
            .sort_by_key(|f| FIELDS.iter().position(|x| x == f));
        let by_row: BTreeMap<usize, usize> = (table.rows.iter().enumerate())
            .map(|(i, r)| (r.row, i))
            .collect();
        let mut list = list;
        let claimants = std::mem::take(&mut list.claimants);
        for c in claimants {
            let Some(record) = by_row.get(&c.row).map(|i| &table.rows[*i]) else {
                continue;
            };
            let at = list.loc(c.row, "ref");
            let key = c.reference.to_ascii_lowercase();
            if let Some(first) = seen.get(&key) {
                if first.file != at.file || first.sheet != at.sheet {
                    diags.push(
                        Diagnostic::new(
                            &DUPLICATE_REF,
                            format!("`ref`: `{}` is also in the pool at {first}", c.reference),
                        )
                        .at(at.clone())
                        .snippet(c.reference.clone())
                        .help("each claimant is in the week's pool once: remove the duplicate row"),
                    );
                }
                continue;
            }
            seen.insert(key, at.clone());
            let office = match (c.office.as_deref(), offices) {
                (Some(o), _) if let Some(i) = offices.iter().position(|x| x == o) => {
                    shared[i].clone()
                }
                (None, [_]) => shared[0].clone(),
                (written, _) => {
                    let message = match written {
                        Some(o) => format!("`office`: there is no office `{o}`"),
                        None if map.has("office") => "`office` is empty".to_string(),
                        None => {
                            "the pool has no `office` column, and the project has several offices"
                                .to_string()
                        }
                    };
                    let location = if map.has("office") {
                        list.loc(c.row, "office")
                    } else {
                        table.source.row_loc(table.header_row)
                    };
                    diags.push(
                        Diagnostic::new(&BAD_VALUE, message)
                            .at(location)
                            .help(format!(
                                "write the ID of the claimant's office, the name of its file in content/offices/: {}",
                                offices.join(", ")
                            )),
                    );
                    continue;
                }
            };
            let pin = map
                .cell(record, "session")
                .map(|cell| cell.text.trim().to_string())
                .filter(|t| !t.is_empty())
                .map(|t| Box::new((t, list.loc(c.row, "session"))));
            let mut cells = String::new();
            for (i, field) in FIELDS.iter().enumerate() {
                if i > 0 {
                    cells.push(UNIT);
                }
                if let Some(cell) = map.cell(record, field) {
                    cells.push_str(&cell.text.trim().replace(UNIT, " "));
                }
            }
            let cells = cells.into_boxed_str();
            let mut c = c;
            c.office = None; // resolved above
            pool.rows.push(PoolRow {
                claimant: c,
                office,
                at,
                pin,
                cells,
            });
        }
    }
    (pool, diags)
}
