//! A translator's round trip. Translators work in a spreadsheet, not in `.ftl` files:
//! `strings export` writes every string with its English, its Welsh, its review status and its
//! note; `strings import` writes the reviewed Welsh back into `cy.ftl`, keeping its comments
//! and order, changing only what changed, and refusing a file whose placeholders do not match
//! the English (nothing is written then).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use calamine::{Data, Reader};

use crate::fs;
use crate::l10n::Lang;
use crate::l10n::strings::{AWAITING_REVIEW, KeyInfo, SAME_IN_BOTH, Strings};

const HEADER: [&str; 5] = ["key", "English", "Welsh", "status", "note"];
pub const TRANSLATED: &str = "translated";
pub const AWAITING: &str = "composed, awaiting review";
pub const MISSING: &str = "missing";

/// One row of the spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub key: String,
    pub english: String,
    pub welsh: String,
    pub status: String,
    pub note: String,
}

fn status_of(info: Option<&KeyInfo>) -> &'static str {
    match info {
        None => MISSING,
        Some(i) if i.awaiting_review() => AWAITING,
        Some(_) => TRANSLATED,
    }
}

/// Every string, in the order of en.ftl, then any only in cy.ftl.
pub fn rows(strings: &Strings) -> Vec<Row> {
    let mut keys: Vec<(&String, usize)> = strings
        .keys(Lang::En)
        .iter()
        .map(|(k, l)| (k, *l))
        .collect();
    keys.sort_by_key(|(_, line)| *line);
    let mut only_cy: Vec<(&String, usize)> = strings
        .keys(Lang::Cy)
        .iter()
        .filter(|(k, _)| !strings.has(Lang::En, k))
        .map(|(k, l)| (k, *l))
        .collect();
    only_cy.sort_by_key(|(_, line)| *line);
    keys.into_iter()
        .chain(only_cy)
        .map(|(key, _)| {
            let en = strings.info(Lang::En, key);
            let cy = strings.info(Lang::Cy, key);
            let note = en
                .into_iter()
                .chain(cy)
                .flat_map(|i| i.comment.iter())
                .map(|c| c.trim())
                .filter(|c| {
                    !c.eq_ignore_ascii_case(AWAITING_REVIEW)
                        && !c.eq_ignore_ascii_case(SAME_IN_BOTH)
                })
                .collect::<Vec<_>>()
                .join("\n");
            Row {
                key: key.clone(),
                english: en.map(|i| i.source.clone()).unwrap_or_default(),
                welsh: cy.map(|i| i.source.clone()).unwrap_or_default(),
                status: status_of(cy).to_string(),
                note,
            }
        })
        .collect()
}

/// Write the strings to `path` as a workbook: one sheet, a row per string.
pub fn export(strings: &Strings, path: &Path) -> Result<usize> {
    use rust_xlsxwriter::{Format, Workbook};
    let rows = rows(strings);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("strings")?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1)?;
        for (c, text) in [&r.key, &r.english, &r.welsh, &r.status, &r.note]
            .into_iter()
            .enumerate()
        {
            sheet.write_string_with_format(row, c as u16, text, &wrap)?;
        }
    }
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 60)?;
    sheet.set_column_width(2, 60)?;
    sheet.set_column_width(3, 24)?;
    sheet.set_column_width(4, 40)?;
    sheet.set_freeze_panes(1, 0)?;
    book.save(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(rows.len())
}

/// The rows of a workbook `export` wrote (and a translator edited).
pub fn read(path: &Path) -> Result<Vec<(usize, Row)>> {
    let mut book = calamine::open_workbook_auto(path)
        .with_context(|| format!("cannot read {} as a workbook", path.display()))?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .with_context(|| format!("{} has no sheet", path.display()))?;
    let range = book.worksheet_range(&name)?;
    let text = |c: Option<&Data>| match c {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .map(|r| r.iter().map(|c| text(Some(c)).trim().to_string()).collect())
        .unwrap_or_default();
    if header.len() < 4 || header[..4] != HEADER[..4] {
        bail!(
            "{}: the first row must be the headings `sessionpack strings export` writes: {}",
            path.display(),
            HEADER.join(", ")
        );
    }
    Ok(rows
        .enumerate()
        .map(|(i, r)| {
            (
                i + 2,
                Row {
                    key: text(r.first()).trim().to_string(),
                    english: text(r.get(1)),
                    welsh: text(r.get(2)),
                    status: text(r.get(3)).trim().to_string(),
                    note: text(r.get(4)),
                },
            )
        })
        .filter(|(_, r)| !r.key.is_empty())
        .collect())
}

/// A problem with one row of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub row: usize,
    pub key: String,
    pub message: String,
}

/// `cy.ftl` (`cy_text`) with the Welsh of `rows` written in: a changed value replaces the old
/// one in place, the "awaiting review" line follows the status column, comments and order
/// stay, and a string new to cy.ftl goes at the end. Every row is checked first: an unknown
/// key, an unknown status, Welsh that is not valid Fluent, or placeholders that differ from
/// the English refuse the whole import.
pub fn merge(
    strings: &Strings,
    cy_text: &str,
    rows: &[(usize, Row)],
) -> Result<(String, Vec<String>), Vec<RowProblem>> {
    let mut changed = Vec::new();
    let mut problems = Vec::new();
    let mut wanted: BTreeMap<&str, (&Row, usize)> = BTreeMap::new();
    for (n, row) in rows {
        let problem = |message: String| RowProblem {
            row: *n,
            key: row.key.clone(),
            message,
        };
        let Some(en) = strings.info(Lang::En, &row.key) else {
            problems.push(problem(format!(
                "`{}` is not a string of {}",
                row.key,
                strings.file(Lang::En)
            )));
            continue;
        };
        if ![TRANSLATED, AWAITING, MISSING].contains(&row.status.as_str()) {
            problems.push(problem(format!(
                "the status `{}` is not one of: {TRANSLATED}; {AWAITING}; {MISSING}",
                row.status
            )));
            continue;
        }
        if row.welsh.trim().is_empty() {
            if row.status != MISSING {
                problems.push(problem("the Welsh is empty".to_string()));
            }
            continue;
        }
        let parsed = Strings::load(
            "en.ftl",
            &format!("{} = {}\n", row.key, en.source),
            "cy.ftl",
            &format!("{} = {}\n", row.key, row.welsh),
        );
        let Some(cy) = parsed
            .0
            .info(Lang::Cy, &row.key)
            .filter(|_| parsed.1.is_empty())
        else {
            problems.push(problem(
                "the Welsh is not valid Fluent (check its `{ }` and `->` select expressions)"
                    .to_string(),
            ));
            continue;
        };
        if cy.placeholders != en.placeholders {
            let list = |i: &KeyInfo| {
                i.placeholders
                    .iter()
                    .map(|p| format!("{{ ${p} }}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            problems.push(problem(format!(
                "the Welsh uses placeholders [{}] but the English uses [{}]; placeholders are not translated",
                list(cy),
                list(en)
            )));
            continue;
        }
        wanted.insert(row.key.as_str(), (row, *n));
    }
    if !problems.is_empty() {
        return Err(problems);
    }

    let mut lines: Vec<String> = cy_text.split('\n').map(str::to_string).collect();
    // Work from the bottom up, so earlier line numbers stay right.
    let mut present: Vec<(&str, &KeyInfo)> = wanted
        .keys()
        .filter_map(|k| strings.info(Lang::Cy, k).map(|i| (*k, i)))
        .collect();
    present.sort_by_key(|(_, i)| std::cmp::Reverse(i.line));
    for (key, info) in present {
        let (row, _) = wanted[key];
        let start = info.line - 1;
        let len = info.source.split('\n').count();
        let marked_now = start > 0 && lines[start - 1].trim() == format!("# {AWAITING_REVIEW}");
        if row.welsh != info.source || marked_now != (row.status == AWAITING) {
            changed.push(key.to_string());
        }
        if row.welsh != info.source {
            let new: Vec<String> = format!("{key} = {}", row.welsh)
                .split('\n')
                .map(str::to_string)
                .collect();
            lines.splice(start..start + len, new);
        }
        let marked = start > 0 && lines[start - 1].trim() == format!("# {AWAITING_REVIEW}");
        let awaiting = row.status == AWAITING;
        if marked && !awaiting {
            lines.remove(start - 1);
        } else if !marked && awaiting {
            lines.insert(start, format!("# {AWAITING_REVIEW}"));
        }
    }
    let mut added: Vec<(usize, &str)> = wanted
        .iter()
        .filter(|(k, _)| !strings.has(Lang::Cy, k))
        .map(|(k, (_, n))| (*n, *k))
        .collect();
    added.sort();
    let mut text = lines.join("\n");
    for (_, key) in added {
        let (row, _) = wanted[key];
        if !text.ends_with('\n') {
            text.push('\n');
        }
        if row.status == AWAITING {
            text.push_str(&format!("# {AWAITING_REVIEW}\n"));
        }
        text.push_str(&format!("{key} = {}\n", row.welsh));
        changed.push(key.to_string());
    }
    changed.sort();
    Ok((text, changed))
}

/// Write `text` to `path` in one step: a crash leaves the old file or the new, never half.
pub fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let temp = path.with_extension("ftl.tmp");
    fs::write(&temp, text)?;
    fs::rename(&temp, path)
}
