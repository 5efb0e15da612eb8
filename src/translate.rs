//! A translator's round trip. Translators work in a spreadsheet, not in `.ftl` files:
//! `strings export` writes every string with its English, its Welsh, its review status and its
//! note; `strings import` writes the reviewed Welsh back into `cy.ftl`, keeping its comments
//! and order, changing only what changed, and refusing a file whose placeholders do not match
//! the English (nothing is written then).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};

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

/// The rows of a workbook `export` wrote (and a translator edited), read as any workbook
/// is: guarded, bounded, a formula without its result refused.
pub fn read(path: &Path) -> Result<Vec<(usize, Row)>> {
    use crate::model::workbook::{self, Content, Kind, Wanted};
    let kind = Kind::of(&path.to_string_lossy())
        .with_context(|| format!("{} is not a workbook (.xlsx)", path.display()))?;
    let bytes = fs::read(path)?;
    let sheet = workbook::read(kind, &bytes, &Wanted::FirstVisible)
        .map_err(|p| anyhow::anyhow!("cannot read {} as a workbook: {p:?}", path.display()))?;
    let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for cell in &sheet.cells {
        let text = match &cell.content {
            Content::Value(c) => c.text.clone(),
            Content::Error(e) => bail!(
                "{}: row {} holds the Excel error {e}; correct it and import again",
                path.display(),
                cell.row
            ),
            Content::NoStoredValue => bail!(
                "{}: row {} holds a formula whose result is not stored; type the text instead",
                path.display(),
                cell.row
            ),
        };
        if cell.column as usize > HEADER.len() {
            continue;
        }
        let row = rows
            .entry(cell.row)
            .or_insert_with(|| vec![String::new(); HEADER.len()]);
        row[cell.column as usize - 1] = text;
    }
    let mut rows = rows.into_iter();
    let header: Vec<String> = rows
        .next()
        .map(|(_, r)| r.iter().map(|c| c.trim().to_string()).collect())
        .unwrap_or_default();
    if header.len() < 4 || header[..4] != HEADER[..4] {
        bail!(
            "{}: the first row must be the headings `sessionpack strings export` writes: {}",
            path.display(),
            HEADER.join(", ")
        );
    }
    Ok(rows
        .map(|(n, r)| {
            let [key, english, welsh, status, note] =
                <[String; 5]>::try_from(r).unwrap_or_else(|_| Default::default());
            (
                n as usize,
                Row {
                    key: key.trim().to_string(),
                    english,
                    welsh,
                    status: status.trim().to_string(),
                    note,
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

/// What an import makes of `cy.ftl`.
#[derive(Debug)]
pub struct Merged {
    pub text: String,
    /// The strings whose Welsh or review status changed.
    pub changed: Vec<String>,
    /// Rows whose English is not the English of `en.ftl` now: the Welsh translates an older
    /// English, so it is imported marked awaiting review.
    pub stale: Vec<RowProblem>,
}

/// Whether `welsh`, written as the value of `key`, is exactly one message and nothing else:
/// no second message, no comment or marker for the next one, nothing Fluent cannot read.
fn one_message(key: &str, welsh: &str) -> Result<(), String> {
    use fluent_syntax::ast::Entry;
    let text = format!("{key} = {welsh}\n");
    let resource = match fluent_syntax::parser::parse(text.as_str()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    match resource.body.as_slice() {
        [Entry::Message(m)] if m.id.name == key && m.attributes.is_empty() && m.comment.is_none() => {
            Ok(())
        }
        [Entry::Message(_)] => Err(
            "the Welsh holds something other than its text (an attribute such as `.title =`); write only the text".into(),
        ),
        _ => Err(
            "the Welsh would change cy.ftl beyond this string (a line not starting with spaces starts a new string or a comment): keep every line after the first indented, as it was exported".into(),
        ),
    }
}

/// `cy.ftl` (`cy_text`) with the Welsh of `rows` written in: a changed value replaces the old
/// one in place, the "awaiting review" line follows the status column (or is set when the
/// row's English is not today's), comments and order stay, and a string new to cy.ftl goes
/// at the end. Every row is checked first: an unknown key, an unknown status, Welsh that is
/// not exactly one Fluent message, or placeholders that differ from the English refuse the
/// whole import.
pub fn merge(
    strings: &Strings,
    cy_text: &str,
    rows: &[(usize, Row)],
) -> Result<Merged, Vec<RowProblem>> {
    let mut changed = Vec::new();
    let mut problems = Vec::new();
    let mut stale = Vec::new();
    // Key -> (row, its number, whether it is awaiting review).
    let mut wanted: BTreeMap<&str, (&Row, usize, bool)> = BTreeMap::new();
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
        if let Err(why) = one_message(&row.key, &row.welsh) {
            problems.push(problem(why));
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
        let english_changed = row.english.trim_end() != en.source.trim_end();
        if english_changed {
            stale.push(problem(
                "the English has changed since this file was exported, so the Welsh translates the old English: imported, marked awaiting review".into(),
            ));
        }
        wanted.insert(
            row.key.as_str(),
            (row, *n, row.status == AWAITING || english_changed),
        );
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
        let (row, _, awaiting) = wanted[key];
        let start = info.line - 1;
        let len = info.source.split('\n').count();
        let marked_now = start > 0 && lines[start - 1].trim() == format!("# {AWAITING_REVIEW}");
        if row.welsh != info.source || marked_now != awaiting {
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
        if marked && !awaiting {
            lines.remove(start - 1);
        } else if !marked && awaiting {
            lines.insert(start, format!("# {AWAITING_REVIEW}"));
        }
    }
    let mut added: Vec<(usize, &str)> = wanted
        .iter()
        .filter(|(k, _)| !strings.has(Lang::Cy, k))
        .map(|(k, (_, n, _))| (*n, *k))
        .collect();
    added.sort();
    let mut text = lines.join("\n");
    for (_, key) in added {
        let (row, _, awaiting) = wanted[key];
        if !text.ends_with('\n') {
            text.push('\n');
        }
        if awaiting {
            text.push_str(&format!("# {AWAITING_REVIEW}\n"));
        }
        text.push_str(&format!("{key} = {}\n", row.welsh));
        changed.push(key.to_string());
    }
    changed.sort();
    Ok(Merged {
        text,
        changed,
        stale,
    })
}

/// Write `cy.ftl` at `path` of the project at `root` in one step (a crash leaves the old file
/// or the new, never half), never through a link, never outside the project.
pub fn write_strings(root: &Path, path: &Path, text: &str) -> Result<()> {
    let parent = path.parent().unwrap_or(root);
    let real = fs::canonicalize(parent)?;
    if !real.starts_with(fs::canonicalize(root)?) {
        bail!(
            "{} leads outside the project (a link); the strings are not written there",
            parent.display()
        );
    }
    fs::write_atomic(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(en: &str, cy: &str) -> Strings {
        let (s, d) = Strings::load("en.ftl", en, "cy.ftl", cy);
        assert!(d.is_empty(), "{d:?}");
        s
    }

    fn row(key: &str, english: &str, welsh: &str, status: &str) -> (usize, Row) {
        (
            2,
            Row {
                key: key.into(),
                english: english.into(),
                welsh: welsh.into(),
                status: status.into(),
                note: String::new(),
            },
        )
    }

    #[test]
    fn a_cell_that_would_define_or_mark_another_message_is_refused() {
        let en = "greeting = Dear customer\ncancel = Cancelled\n";
        let cy = "greeting = Annwyl gwsmer\ncancel = Wedi'i ganslo\n";
        let s = strings(en, cy);
        for welsh in [
            "Annwyl gwsmer\ncancel = Mae'r sesiwn wedi'i chanslo",
            "Annwyl gwsmer\n# same in both languages",
            "Annwyl gwsmer\n    .title = x",
        ] {
            let problems = merge(
                &s,
                cy,
                &[row("greeting", "Dear customer", welsh, TRANSLATED)],
            )
            .expect_err(welsh);
            assert_eq!(problems[0].row, 2);
        }
        // Paragraphs, indented as exported, are one message.
        let merged = merge(
            &s,
            cy,
            &[row(
                "greeting",
                "Dear customer",
                "Annwyl gwsmer\n\n    Ail baragraff",
                TRANSLATED,
            )],
        )
        .unwrap();
        assert!(
            merged
                .text
                .contains("greeting = Annwyl gwsmer\n\n    Ail baragraff\ncancel")
        );
    }

    #[test]
    fn export_shows_every_paragraph_and_a_stale_english_is_marked_awaiting_review() {
        let en = "body = One\n\n    Two\nnext = N\n";
        let cy = "body = Un\n\n    Dau\nnext = N\n";
        let s = strings(en, cy);
        let rows = rows(&s);
        assert_eq!(rows[0].english, "One\n\n    Two");
        assert_eq!(rows[0].welsh, "Un\n\n    Dau");
        let merged = merge(&s, cy, &[row("body", "One", "Un\n\n    Dau", TRANSLATED)]).unwrap();
        assert_eq!(merged.stale.len(), 1);
        assert!(
            merged.text.starts_with("# awaiting review\nbody = Un"),
            "{}",
            merged.text
        );
    }
}
