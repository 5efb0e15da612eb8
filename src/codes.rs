//! The codes of problems with the form of the input and of the tools, raised by loading,
//! rendering, compiling and packing (`SP…`). The guidance's rules (`GS…`) and the address
//! rules (`AD…`) live beside their checks in `rules/`.
//!
//! Every `SP` error cannot be relaxed (`must`): relaxed, each would only lose data or print
//! it wrong (a session file that does not parse would vanish, a ref that is not one would
//! name a folder, a list without its columns would make no letters and pass). The warnings
//! (SP012, SP018, SP032, SP041) can be.

use crate::diag::{Level, Rule};

pub static YAML_SYNTAX: Rule = Rule {
    code: "SP001",
    name: "yaml-syntax",
    level: Level::Error,
    must: true,
    source: None,
    summary: "project files are YAML: `key: value`, two-space indentation, lists with `- `",
};

pub static YAML_SCHEMA: Rule = Rule {
    code: "SP002",
    name: "yaml-schema",
    level: Level::Error,
    must: true,
    source: None,
    summary: "every key must be one this kind of file has, with a value of the right type",
};

pub static INVALID_ID: Rule = Rule {
    code: "SP003",
    name: "invalid-id",
    level: Level::Error,
    must: true,
    source: None,
    summary: "IDs are file names: lower-case letters, digits and `-` only",
};

pub static UNKNOWN_OFFICE: Rule = Rule {
    code: "SP004",
    name: "unknown-office",
    level: Level::Error,
    must: true,
    source: None,
    summary: "a session's `office` must be the ID of a file in content/offices/",
};

pub static BAD_VALUE: Rule = Rule {
    code: "SP005",
    name: "bad-value",
    level: Level::Error,
    must: true,
    source: None,
    summary: "dates, times and choices must be written in the form the help shows",
};

pub static MISSING_FILE: Rule = Rule {
    code: "SP006",
    name: "missing-file",
    level: Level::Error,
    must: true,
    source: None,
    summary: "every file the project names must exist and be readable",
};

pub static UNPRINTABLE: Rule = Rule {
    code: "SP007",
    name: "unprintable",
    level: Level::Error,
    must: true,
    source: None,
    summary: "every printed text is in the documents' font (Atkinson Hyperlegible Next): Latin letters, every Welsh one included, but no emoji, Chinese, Arabic or other scripts",
};

pub static CSV_UNREADABLE: Rule = Rule {
    code: "SP010",
    name: "csv-unreadable",
    level: Level::Error,
    must: true,
    source: None,
    summary: "a claimant list is a CSV file or a workbook (.xlsx, .xlsm, .xls, .ods): a header row, then one claimant a row",
};

pub static CSV_MISSING_COLUMN: Rule = Rule {
    code: "SP011",
    name: "csv-missing-column",
    level: Level::Error,
    must: true,
    source: None,
    summary: "a claimant list needs the columns ref, first_name, last_name, address_line_1 and postcode",
};

pub static CSV_UNKNOWN_COLUMN: Rule = Rule {
    code: "SP012",
    name: "csv-unknown-column",
    level: Level::Warning,
    must: false,
    source: None,
    summary: "columns the tool does not know are ignored: name them as the tool does, or map them under `columns:` in sessionpack.yaml",
};

pub static BAD_YES_NO: Rule = Rule {
    code: "SP013",
    name: "bad-yes-no",
    level: Level::Error,
    must: true,
    source: None,
    summary: "yes/no cells accept yes, no, y, n, true, false, 1, 0, ie, na and blank; anything else could be misread",
};

pub static BAD_DATE: Rule = Rule {
    code: "SP014",
    name: "bad-date",
    level: Level::Error,
    must: true,
    source: None,
    summary: "dates are written YYYY-MM-DD or DD/MM/YYYY",
};

pub static DUPLICATE_REF: Rule = Rule {
    code: "SP015",
    name: "duplicate-ref",
    level: Level::Error,
    must: true,
    source: None,
    summary: "each claimant's ref is unique in the list: it names their letter",
};

pub static BAD_CELL: Rule = Rule {
    code: "SP016",
    name: "bad-cell",
    level: Level::Error,
    must: true,
    source: None,
    summary: "cells hold one of the values their column allows",
};

pub static ROW_SHAPE: Rule = Rule {
    code: "SP017",
    name: "row-shape",
    level: Level::Error,
    must: true,
    source: None,
    summary: "every row has as many cells as the header: a row that does not cannot be read without guessing which cell is which",
};

pub static NOT_UTF8: Rule = Rule {
    code: "SP018",
    name: "not-utf8",
    level: Level::Warning,
    must: false,
    source: None,
    summary: "claimant lists are best saved as \"CSV UTF-8\": other encodings cannot hold every Welsh letter",
};

pub static LOST_CHARACTER: Rule = Rule {
    code: "SP019",
    name: "lost-character",
    level: Level::Error,
    must: true,
    source: None,
    summary: "a `?` inside a name or address is a letter the file could not hold (ŵ, ŷ saved as CSV): only the officer can restore it",
};

pub static STRINGS_SYNTAX: Rule = Rule {
    code: "SP020",
    name: "strings-syntax",
    level: Level::Error,
    must: true,
    source: None,
    summary: "strings files are Fluent (.ftl): `key = text`, variables as { $name }",
};

pub static MISSING_STRING: Rule = Rule {
    code: "SP021",
    name: "missing-string",
    level: Level::Error,
    must: true,
    source: None,
    summary: "every string the documents need must be in both strings files, English and Welsh",
};

pub static PLACEHOLDER_MISMATCH: Rule = Rule {
    code: "SP022",
    name: "placeholder-mismatch",
    level: Level::Error,
    must: true,
    source: None,
    summary: "a string uses the same `{ $placeholders }` in both languages: a misspelt one would fail or print nothing",
};

pub static TEMPLATE_ERROR: Rule = Rule {
    code: "SP030",
    name: "template-error",
    level: Level::Error,
    must: true,
    source: None,
    summary: "templates are Tera producing Typst; every variable must exist and every tag be closed",
};

pub static TYPST_ERROR: Rule = Rule {
    code: "SP031",
    name: "typst-error",
    level: Level::Error,
    must: true,
    source: None,
    summary: "typst could not make the PDFs from the rendered templates",
};

pub static TYPST_WARNING: Rule = Rule {
    code: "SP032",
    name: "typst-warning",
    level: Level::Warning,
    must: false,
    source: None,
    summary: "typst made the PDFs but warned about something in the templates",
};

pub static OUT_DIR: Rule = Rule {
    code: "SP033",
    name: "out-dir",
    level: Level::Error,
    must: true,
    source: None,
    summary: "a session's finished files are moved into out/ together; when that cannot be done, none of its files are left there",
};

pub static TYPST_FAILED: Rule = Rule {
    code: "SP035",
    name: "typst-failed",
    level: Level::Error,
    must: true,
    source: None,
    summary: "typst itself failed (it could not start, crashed, ran out of time or was stopped): a problem of the machine, not of the project",
};

pub static UNKNOWN_SESSION: Rule = Rule {
    code: "SP034",
    name: "unknown-session",
    level: Level::Error,
    must: true,
    source: None,
    summary: "`--session` takes the ID of a file in content/sessions/",
};

pub static OUT_MISMATCH: Rule = Rule {
    code: "SP036",
    name: "out-mismatch",
    level: Level::Error,
    must: true,
    source: None,
    summary: "what `index` merges is exactly the project's sessions, each built once under its own name: a missing shard, a session renamed between shards or a folder of another project would make an index that is wrong",
};

pub static WORKBOOK_CELL: Rule = Rule {
    code: "SP040",
    name: "workbook-cell",
    level: Level::Error,
    must: true,
    source: None,
    summary: "each cell of a claimant list holds its own value: no Excel errors (#N/A, #REF!), no merged cells",
};

pub static NUMBER_CELL: Rule = Rule {
    code: "SP041",
    name: "number-cell",
    level: Level::Warning,
    must: false,
    source: None,
    summary: "a reference stored as a number in a workbook has lost any leading zeros",
};

pub static ROW_SESSION: Rule = Rule {
    code: "SP042",
    name: "row-session",
    level: Level::Error,
    must: true,
    source: None,
    summary: "in a list for several sessions, each row's `session` is the ID of a session in content/sessions/",
};

pub static NAME_CAPITALS: Rule = Rule {
    code: "SP043",
    name: "name-in-capitals",
    level: Level::Warning,
    must: false,
    source: None,
    summary: "names are printed exactly as written: a name in capitals is printed in capitals (Dear Mr MORGAN)",
};

/// Every code in this file.
pub static FORMAT: &[&Rule] = &[
    &YAML_SYNTAX,
    &YAML_SCHEMA,
    &INVALID_ID,
    &UNKNOWN_OFFICE,
    &BAD_VALUE,
    &MISSING_FILE,
    &UNPRINTABLE,
    &CSV_UNREADABLE,
    &CSV_MISSING_COLUMN,
    &CSV_UNKNOWN_COLUMN,
    &BAD_YES_NO,
    &BAD_DATE,
    &DUPLICATE_REF,
    &BAD_CELL,
    &ROW_SHAPE,
    &NOT_UTF8,
    &LOST_CHARACTER,
    &STRINGS_SYNTAX,
    &MISSING_STRING,
    &PLACEHOLDER_MISMATCH,
    &TEMPLATE_ERROR,
    &TYPST_ERROR,
    &TYPST_WARNING,
    &OUT_DIR,
    &TYPST_FAILED,
    &UNKNOWN_SESSION,
    &OUT_MISMATCH,
    &WORKBOOK_CELL,
    &NUMBER_CELL,
    &ROW_SESSION,
    &NAME_CAPITALS,
];

/// The allocation's codes (`sessionpack allocate`, `AL…`): what it could not do, and what it
/// refuses to read.
pub static NO_SESSION_POSSIBLE: Rule = Rule {
    code: "AL001",
    name: "no-session-possible",
    level: Level::Warning,
    must: false,
    source: Some("GSG 36-37"),
    summary: "no session of the claimant's office in the week meets a rule that cannot be broken for them (access, Jobsearch Review, direction, notice): arrange an alternative in the Jobcentre or add a session",
};

pub static SESSIONS_FULL: Rule = Rule {
    code: "AL002",
    name: "sessions-full",
    level: Level::Warning,
    must: false,
    source: Some("GSG 32"),
    summary: "every session the claimant could attend is full (at most twice the optimum number are invited): add a session or place them next week",
};

pub static PINNED_CANNOT_ATTEND: Rule = Rule {
    code: "AL003",
    name: "pinned-cannot-attend",
    level: Level::Error,
    must: true,
    source: None,
    summary: "a claimant whose letter has gone out, or who is pinned by the `session` column, can no longer attend that session: the tool never moves them silently; the office decides",
};

pub static BELOW_TARGET: Rule = Rule {
    code: "AL004",
    name: "below-target",
    level: Level::Warning,
    must: false,
    source: Some("GSG 12, GSG 32"),
    summary: "after allocation the session has fewer than twice its optimum attendees invited (half are expected not to come)",
};

pub static GROUPING_TIME_LIMIT: Rule = Rule {
    code: "AL005",
    name: "grouping-time-limit",
    level: Level::Warning,
    must: false,
    source: Some("GSG 29, GSG 32, GSG 40"),
    summary: "the grouping stage stopped at its time limit and kept the best solution it had found",
};

pub static REFUSED_HEADING: Rule = Rule {
    code: "AL006",
    name: "refused-heading",
    level: Level::Error,
    must: true,
    source: Some("GIS 16"),
    summary: "a pool must not carry sex, gender, ethnic origin, race or nationality: grouping by them is unlawful (Equality Act 2010 s.13(5)) and the data has no place in a claimant file (UK GDPR art. 9)",
};

pub static LARGE_COMPONENT: Rule = Rule {
    code: "AL007",
    name: "large-component",
    level: Level::Warning,
    must: false,
    source: Some("GIS 15"),
    summary: "offices joined by sessions that serve each other are solved as one problem: above 5,000 claimants its time grows quickly",
};

pub static FOREIGN_LIST: Rule = Rule {
    code: "AL008",
    name: "list-not-from-allocate",
    level: Level::Error,
    must: true,
    source: None,
    summary: "a session list of the week that `allocate` did not write (or that was edited since) is never replaced silently: its rows would be lost",
};

/// Every allocation code.
pub static ALLOCATE: &[&Rule] = &[
    &NO_SESSION_POSSIBLE,
    &SESSIONS_FULL,
    &PINNED_CANNOT_ATTEND,
    &BELOW_TARGET,
    &GROUPING_TIME_LIMIT,
    &REFUSED_HEADING,
    &LARGE_COMPONENT,
    &FOREIGN_LIST,
];

/// Codes of problems with the machine or the tool, not with the project's input: a build
/// that has one exits 3, for an operator to look at, instead of 1.
pub static ENVIRONMENT: &[&Rule] = &[&OUT_DIR, &TYPST_FAILED];

/// Whether `rule` is the environment's problem (exit 3) rather than the input's (exit 1).
pub fn is_environment(rule: &Rule) -> bool {
    ENVIRONMENT.iter().any(|r| r.code == rule.code)
}
