//! The claimant list of a session: `content/claimants/ID.csv`, a workbook, or its rows of a
//! list for the week (`model::table` reads the cells).
//!
//! Headers match case-insensitively, treating space, `_`, `-` and punctuation alike, with the
//! spellings offices' exports use (`Surname`, `Post Code`) and the project's own mapping
//! (`columns:` in sessionpack.yaml). Every cell problem is reported at its row and column.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};

use crate::codes::{
    BAD_CELL, BAD_DATE, BAD_YES_NO, CSV_MISSING_COLUMN, CSV_UNKNOWN_COLUMN, CSV_UNREADABLE,
    DUPLICATE_REF, LOST_CHARACTER, NAME_CAPITALS, NUMBER_CELL,
};
use crate::diag::{Diagnostic, Location, Rule};
use crate::l10n::LanguageChoice;
use crate::model::address::{self, PostalAddress};
use crate::model::privacy;
use crate::model::table::{Cell, CellKind, Table, TableRow, TableSource};
use crate::model::values;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AccessNeed {
    StepFree,
    HearingLoop,
    AccessibleToilet,
}

impl AccessNeed {
    pub const ALL: [AccessNeed; 3] = [
        AccessNeed::StepFree,
        AccessNeed::HearingLoop,
        AccessNeed::AccessibleToilet,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AccessNeed::StepFree => "step-free",
            AccessNeed::HearingLoop => "hearing-loop",
            AccessNeed::AccessibleToilet => "accessible-toilet",
        }
    }

    /// The spellings offices use, matched like headings (`Hearing loop`, `step free`); a
    /// wheelchair needs a step-free route.
    const SPELLINGS: &[(&str, AccessNeed)] = &[
        ("step-free", AccessNeed::StepFree),
        ("step free access", AccessNeed::StepFree),
        ("step-free route", AccessNeed::StepFree),
        ("wheelchair", AccessNeed::StepFree),
        ("wheelchair user", AccessNeed::StepFree),
        ("wheelchair access", AccessNeed::StepFree),
        ("level access", AccessNeed::StepFree),
        ("hearing-loop", AccessNeed::HearingLoop),
        ("loop", AccessNeed::HearingLoop),
        ("induction loop", AccessNeed::HearingLoop),
        ("accessible-toilet", AccessNeed::AccessibleToilet),
        ("disabled toilet", AccessNeed::AccessibleToilet),
        ("accessible toilets", AccessNeed::AccessibleToilet),
    ];

    fn parse(text: &str) -> Result<AccessNeed, Vec<String>> {
        values::match_value(text, Self::SPELLINGS)
    }
}

/// Print format of a claimant's letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrintFormat {
    Standard,
    LargePrint,
}

impl PrintFormat {
    pub const ALL: [PrintFormat; 2] = [PrintFormat::Standard, PrintFormat::LargePrint];

    /// The spellings offices use, matched like headings (`Large print`, `LARGE_PRINT`).
    pub const SPELLINGS: &[(&str, PrintFormat)] = &[
        ("standard", PrintFormat::Standard),
        ("normal", PrintFormat::Standard),
        ("large-print", PrintFormat::LargePrint),
        ("large", PrintFormat::LargePrint),
        ("lp", PrintFormat::LargePrint),
        ("print bras", PrintFormat::LargePrint),
    ];

    pub fn code(self) -> &'static str {
        match self {
            PrintFormat::Standard => "standard",
            PrintFormat::LargePrint => "large-print",
        }
    }
}

/// Why a claimant is not invited (GSG 26-37). Sensitive reasons appear only in the preview list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotInvitedReason {
    PotentiallyViolent,
    UnacceptableBehaviour,
    Mappa,
    SuitabilityReview,
    ObjectsToGroup,
}

impl NotInvitedReason {
    pub const ALL: [NotInvitedReason; 5] = [
        NotInvitedReason::PotentiallyViolent,
        NotInvitedReason::UnacceptableBehaviour,
        NotInvitedReason::Mappa,
        NotInvitedReason::SuitabilityReview,
        NotInvitedReason::ObjectsToGroup,
    ];

    pub fn code(self) -> &'static str {
        match self {
            NotInvitedReason::PotentiallyViolent => "potentially-violent",
            NotInvitedReason::UnacceptableBehaviour => "unacceptable-behaviour",
            NotInvitedReason::Mappa => "mappa",
            NotInvitedReason::SuitabilityReview => "suitability-review",
            NotInvitedReason::ObjectsToGroup => "objects-to-group",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Invited,
    NotInvited(NotInvitedReason),
}

/// One row of a claimant list.
#[derive(Debug, Clone)]
pub struct Claimant {
    /// Spreadsheet row: the header is row 1, the first claimant row 2.
    pub row: usize,
    pub reference: String,
    pub title: String,
    pub first_name: String,
    pub last_name: String,
    pub address: Result<PostalAddress, Vec<address::Problem>>,
    /// Blank means the office default (bilingual in Wales, else English).
    pub language: Option<LanguageChoice>,
    pub format: PrintFormat,
    pub jobsearch_review: Option<NaiveDate>,
    pub jobseeker_direction: bool,
    pub interpreter: Option<String>,
    pub access_needs: Vec<AccessNeed>,
    pub childcare: bool,
    /// Wishes to use Welsh at the session (the meetings standards): counted on the facilitator
    /// script, never named.
    pub welsh_at_session: bool,
    pub objects_to_group: bool,
    pub potentially_violent: bool,
    pub mappa: bool,
    pub unacceptable_behaviour: bool,
    pub suitability_review: bool,
    pub manager_approved: bool,
    /// The rest are read from a week's pool, for `allocate`: the claimant's office,
    /// as written (checked against the offices there).
    pub office: Option<String>,
    /// The time of the Jobsearch Review on `jobsearch_review` (GIS 8-9).
    pub signing_time: Option<NaiveTime>,
    /// Unemployed since (GIS 16).
    pub unemployed_since: Option<NaiveDate>,
    /// A relative or friend interprets (GSG 41).
    pub interpreter_arranged: bool,
}

impl Claimant {
    /// `Ms Jo Bloggs`: the name line of the address and the register.
    pub fn full_name(&self) -> String {
        [
            self.title.as_str(),
            self.first_name.as_str(),
            self.last_name.as_str(),
        ]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
    }

    /// Who is invited (GSG 26-37): the first reason that applies, most serious first.
    pub fn decision(&self) -> Decision {
        use NotInvitedReason::*;
        let reason = if self.potentially_violent {
            Some(PotentiallyViolent) // GSG 28
        } else if self.unacceptable_behaviour {
            Some(UnacceptableBehaviour) // GSG 30
        } else if self.mappa && !self.manager_approved {
            Some(Mappa) // GSG 33
        } else if self.suitability_review && !self.manager_approved {
            Some(SuitabilityReview) // GSG 28
        } else if self.objects_to_group {
            Some(ObjectsToGroup) // GSG 35-36, GIS 7
        } else {
            None
        };
        reason.map_or(Decision::Invited, Decision::NotInvited)
    }

    pub fn is_invited(&self) -> bool {
        self.decision() == Decision::Invited
    }

    /// They wish to use Welsh at the session: they said so (`welsh_at_session`, or Welsh in
    /// the interpreter column), or they chose Welsh letters (welsh-review-2 finding 2). One
    /// answer for the script's counts, the preview's note and GS020.
    pub fn wishes_welsh(&self) -> bool {
        self.welsh_at_session || self.language == Some(LanguageChoice::Cy)
    }

    pub fn language_or(&self, in_wales: bool) -> LanguageChoice {
        self.language.unwrap_or(if in_wales {
            LanguageChoice::CyEn
        } else {
            LanguageChoice::En
        })
    }
}

/// A parsed claimant list: the session's rows of a table, with the column of each known
/// field for diagnostics.
#[derive(Debug, Clone, Default)]
pub struct ClaimantList {
    pub source: TableSource,
    pub claimants: Vec<Claimant>,
    columns: BTreeMap<&'static str, usize>,
    /// Columns whose header looks like bank details (GSG 43): none of their cells is kept.
    pub bank_columns: Vec<BankColumn>,
    /// False when a problem with the whole list (a missing column) means its rows were not
    /// read: counts of invitations would mislead.
    pub complete: bool,
    /// Problems with single rows found while reading, for the preview list.
    pub row_problems: Vec<RowProblem>,
    /// For a session's rows of a list for several sessions: the digest of what it reads
    /// there ([`super::table::Table::digest_of`]), which stands for the file in its inputs.
    pub rows_digest: Option<String>,
}

/// A problem with one row, found while reading it.
#[derive(Debug, Clone)]
pub struct RowProblem {
    pub row: usize,
    pub rule: &'static Rule,
    pub message: String,
}

/// A column of the claimant list whose header looks like bank details.
#[derive(Debug, Clone)]
pub struct BankColumn {
    pub header: String,
    pub location: Location,
}

impl ClaimantList {
    /// Invited claimants, in the order of the list.
    pub fn invited(&self) -> impl Iterator<Item = &Claimant> {
        self.claimants.iter().filter(|c| c.is_invited())
    }

    /// Where a cell is: `file:row:column`, or `file:Sheet!B7`.
    pub fn loc(&self, row: usize, column: &str) -> Location {
        match self.columns.get(column) {
            Some(c) => self.source.loc(row, *c),
            None => self.source.row_loc(row),
        }
    }

    /// The file the list comes from.
    pub fn file(&self) -> &str {
        &self.source.file
    }

    /// The column number of a field, when the list has it.
    pub fn column_of(&self, field: &str) -> Option<usize> {
        self.columns.get(field).copied()
    }
}

/// The columns a list must have.
const REQUIRED: [&str; 5] = [
    "ref",
    "first_name",
    "last_name",
    "address_line_1",
    "postcode",
];

/// Every column the tool reads, by the name it gives it.
pub const FIELDS: [&str; 31] = [
    "ref",
    "title",
    "first_name",
    "last_name",
    "address_line_1",
    "address_line_2",
    "address_line_3",
    "address_line_4",
    "address_line_5",
    "address_line_6",
    "postcode",
    "language",
    "format",
    "jobsearch_review",
    "jobseeker_direction",
    "interpreter",
    "access_needs",
    "childcare",
    "welsh_at_session",
    "objects_to_group",
    "potentially_violent",
    "mappa",
    "unacceptable_behaviour",
    "suitability_review",
    "manager_approved",
    "notes",
    "session",
    "office",
    "signing_time",
    "unemployed_since",
    "interpreter_arranged",
];

/// Headings offices' exports use for the tool's columns, normalised.
const SYNONYMS: &[(&str, &str)] = &[
    ("reference", "ref"),
    ("ref_no", "ref"),
    ("reference_number", "ref"),
    ("customer_reference", "ref"),
    ("claimant_reference", "ref"),
    ("salutation", "title"),
    ("forename", "first_name"),
    ("forenames", "first_name"),
    ("firstname", "first_name"),
    ("first_names", "first_name"),
    ("given_name", "first_name"),
    ("given_names", "first_name"),
    ("surname", "last_name"),
    ("lastname", "last_name"),
    ("family_name", "last_name"),
    ("post_code", "postcode"),
    ("postal_code", "postcode"),
    ("preferred_language", "language"),
    ("language_preference", "language"),
    ("letter_format", "format"),
    ("jobsearch_review_date", "jobsearch_review"),
    ("job_search_review", "jobsearch_review"),
    ("signing_day", "jobsearch_review"),
    ("direction", "jobseeker_direction"),
    ("jobseeker_s_direction", "jobseeker_direction"),
    ("interpreter_language", "interpreter"),
    ("interpreter_needed", "interpreter"),
    ("access", "access_needs"),
    ("access_need", "access_needs"),
    ("childcare_needs", "childcare"),
    ("pv", "potentially_violent"),
    ("pv_marker", "potentially_violent"),
    ("manager_approval", "manager_approved"),
    ("session_id", "session"),
    ("office_id", "office"),
    ("jobcentre", "office"),
    ("review_time", "signing_time"),
    ("signing_time_hh_mm", "signing_time"),
    ("unemployment_date", "unemployed_since"),
    ("claim_start", "unemployed_since"),
    ("claim_start_date", "unemployed_since"),
    // The town or city is the last line of an address (issue 18): after any numbered lines.
    ("town", "address_line_5"),
    ("city", "address_line_6"),
    ("town_city", "address_line_6"),
];

/// Headings that look like a tool column but are not read as one without the office saying
/// so: a "did you mean" with the exact `columns:` line. A National Insurance number may be
/// the office's reference, or may not.
const HINTS: &[(&str, &str)] = &[
    ("nino", "ref"),
    ("ni_number", "ref"),
    ("ni_no", "ref"),
    ("national_insurance_number", "ref"),
    ("jsr", "jobsearch_review"),
    ("jsr_day", "jobsearch_review"),
    ("jsr_date", "jobsearch_review"),
    ("signing_date", "jobsearch_review"),
    ("lang", "language"),
    ("welsh", "language"),
    ("large_print", "format"),
    ("needs", "access_needs"),
];

/// What each column is for and what it holds, for `sessionpack columns`: one line a column,
/// in [`FIELDS`]'s order.
pub const COLUMN_DOCS: [(&str, &str, &str); 31] = [
    (
        "ref",
        "letters, digits and - (a NINO typed with spaces is read without them)",
        "the claimant's reference: names their letter and claim form",
    ),
    (
        "title",
        "text",
        "Mr, Ms, Dr…: the greeting (\"Dear Ms Evans\")",
    ),
    ("first_name", "text", "the address and the register"),
    (
        "last_name",
        "text",
        "the address, the greeting, the register's order",
    ),
    (
        "address_line_1",
        "text",
        "the first line of the address in the envelope window",
    ),
    (
        "address_line_2",
        "text",
        "more lines of the address (up to 6 lines with the postcode's)",
    ),
    ("address_line_3", "text", "more lines of the address"),
    ("address_line_4", "text", "more lines of the address"),
    (
        "address_line_5",
        "text",
        "more lines of the address (`Town` is read here)",
    ),
    (
        "address_line_6",
        "text",
        "more lines of the address (`City` is read here)",
    ),
    ("postcode", "a real UK postcode", "the address's last line"),
    (
        "language",
        "en, cy, cy+en (English, Welsh, Both…); blank: the office's default",
        "the language of their letter and claim form",
    ),
    (
        "format",
        "standard, large-print (Large print, LP); blank: standard",
        "large print letters at 16 pt",
    ),
    (
        "jobsearch_review",
        "a date (DD/MM/YYYY, YYYY-MM-DD, Excel)",
        "warns when the session is not on their review day (GSG 44, GIS 8)",
    ),
    (
        "jobseeker_direction",
        "yes/no",
        "a Jobseeker's Direction letter instead of a voluntary one (GIS 11-12)",
    ),
    (
        "interpreter",
        "a language (pl, Polish, Pwyleg); Welsh means welsh_at_session",
        "their letter says an interpreter is arranged; the script counts them (GSG 29, 40)",
    ),
    (
        "access_needs",
        "step-free, hearing-loop, accessible-toilet, by ; or ,",
        "checked against the venue (GSG 36-37); the letter says they are noted",
    ),
    (
        "childcare",
        "yes/no",
        "warns when the session is outside school hours (GSG 28-29)",
    ),
    (
        "welsh_at_session",
        "yes/no",
        "counts those who wish to use Welsh at the session (meetings standards)",
    ),
    (
        "objects_to_group",
        "yes/no",
        "decides who is invited: offer a one-to-one instead (GSG 35-36)",
    ),
    (
        "potentially_violent",
        "yes/no",
        "decides who is invited: never invited (GSG 28)",
    ),
    (
        "mappa",
        "yes/no",
        "decides who is invited: not without manager approval (GSG 33)",
    ),
    (
        "unacceptable_behaviour",
        "yes/no",
        "decides who is invited: never invited (GSG 30)",
    ),
    (
        "suitability_review",
        "yes/no",
        "decides who is invited: not without manager approval (GSG 28)",
    ),
    (
        "manager_approved",
        "yes/no",
        "a manager approved a MAPPA or suitability case (GSG 33)",
    ),
    (
        "notes",
        "text",
        "the office's own notes: read by nobody but the office",
    ),
    (
        "session",
        "a session ID",
        "in a list for several sessions: the session the row belongs to; in a week's pool, pins the claimant there",
    ),
    (
        "office",
        "an office ID",
        "in a week's pool (`allocate`): the claimant's office, needed when there are several (GIS 15)",
    ),
    (
        "signing_time",
        "a time, HH:MM",
        "in a week's pool: the time of the Jobsearch Review, never overlapped by a session (GIS 8-9)",
    ),
    (
        "unemployed_since",
        "a date (DD/MM/YYYY, YYYY-MM-DD, Excel)",
        "in a week's pool: months of unemployment, for a session's audience (GIS 16)",
    ),
    (
        "interpreter_arranged",
        "yes/no",
        "in a week's pool: a relative or friend interprets, so no booking is needed (GSG 41)",
    ),
];

/// Every column the tool reads: its name, the other headings it accepts, whether the list
/// must have it, what it holds and what it is for.
pub fn column_docs() -> Vec<(
    &'static str,
    Vec<&'static str>,
    bool,
    &'static str,
    &'static str,
)> {
    COLUMN_DOCS
        .iter()
        .map(|&(field, values, purpose)| {
            let accepts = SYNONYMS
                .iter()
                .filter(|(_, f)| *f == field)
                .map(|(s, _)| *s)
                .collect();
            (field, accepts, REQUIRED.contains(&field), values, purpose)
        })
        .collect()
}

/// Words of headers that suggest a column that decides who is invited.
const SAFETY_STEMS: &[&str] = &["violen", "mappa", "behaviour", "suitab", "approv"];

/// The columns that decide who is invited (GSG 26-37).
pub const DECIDING: [&str; 6] = [
    "objects_to_group",
    "potentially_violent",
    "mappa",
    "unacceptable_behaviour",
    "suitability_review",
    "manager_approved",
];

/// Whether a heading (normalised) looks like a column that decides who is invited: one of
/// them by name or a spelling offices use (`PV Marker`), or a word such as "violent".
pub fn looks_like_deciding(normalised: &str) -> bool {
    let field = SYNONYMS
        .iter()
        .find(|(s, _)| *s == normalised)
        .map_or(normalised, |(_, f)| *f);
    DECIDING.contains(&field)
        || SAFETY_STEMS.iter().any(|s| normalised.contains(s))
        || normalised.contains("objects")
        || normalised.split('_').any(|w| w == "pv")
}

/// `First Name`, `first-name`, `FIRST_NAME` all become `first_name`; punctuation goes, and a
/// trailing `(Y/N)` or `?`: `Potentially violent (Y/N)` is `potentially_violent`.
pub fn normalise_header(h: &str) -> String {
    let mut words: Vec<String> = h
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    if words.len() > 2 && words.ends_with(&["y".to_string(), "n".to_string()]) {
        words.truncate(words.len() - 2);
    }
    let joined = words.join("_");
    // `Address 1`, `Address1`, `Address line1`: address_line_N.
    for prefix in [
        "address_line_",
        "address_line",
        "address_",
        "address",
        "add_line_",
    ] {
        if let Some(n) = joined.strip_prefix(prefix)
            && n.len() == 1
            && ('1'..='6').any(|d| n == d.to_string())
        {
            return format!("address_line_{n}");
        }
    }
    joined
}

/// How the columns of a table map to the tool's fields.
#[derive(Debug, Clone, Default)]
pub struct ColumnMap {
    columns: BTreeMap<&'static str, usize>,
    bank_columns: Vec<BankColumn>,
    /// Every required column is there.
    pub complete: bool,
}

impl ColumnMap {
    pub fn has(&self, field: &str) -> bool {
        self.columns.contains_key(field)
    }

    /// Where a field's cell of a row is.
    pub fn loc(&self, table: &Table, row: usize, field: &str) -> Location {
        match self.columns.get(field) {
            Some(c) => table.source.loc(row, *c),
            None => table.source.row_loc(row),
        }
    }

    /// The cell of `field` in a row; none when the table has no such column.
    pub fn cell<'a>(&self, row: &'a TableRow, field: &str) -> Option<&'a Cell> {
        self.columns.get(field).and_then(|c| row.cells.get(c - 1))
    }
}

/// Map the header of `table` to fields: the project's own headings (`columns:` in
/// sessionpack.yaml, by normalised heading), the tool's names, common spellings. Problems with
/// the header are returned; a missing required column makes the map incomplete.
pub fn map_columns(
    table: &Table,
    custom: &BTreeMap<String, String>,
) -> (ColumnMap, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut map = ColumnMap::default();
    // A title above the header ("Cardiff Jobcentre: week 48") is one error, not one for each
    // heading it lacks and each row it misreads.
    if let Some(d) = title_rows(table, custom) {
        diags.push(d);
        return (map, diags);
    }
    // A heading that decides who is invited can never be mapped to another column: that is
    // an error in the settings (config), and the mapping is not applied.
    let custom: BTreeMap<String, &str> = custom
        .iter()
        .map(|(heading, field)| (normalise_header(heading), field.as_str()))
        .filter(|(heading, field)| !looks_like_deciding(heading) || DECIDING.contains(field))
        .collect();
    for (i, raw) in table.header.iter().enumerate() {
        let name = normalise_header(raw);
        let loc = table.source.loc(table.header_row, i + 1);
        if name.is_empty() {
            continue;
        }
        let field = custom
            .get(&name)
            .and_then(|f| FIELDS.iter().find(|k| *k == f))
            .or_else(|| FIELDS.iter().find(|k| **k == name))
            .or_else(|| {
                SYNONYMS
                    .iter()
                    .find(|(s, _)| *s == name)
                    .and_then(|(_, f)| FIELDS.iter().find(|k| *k == f))
            });
        if let Some(field) = field {
            if map.columns.insert(field, i + 1).is_some() {
                diags.push(
                    Diagnostic::new(
                        &CSV_UNREADABLE,
                        format!("column `{}` is `{field}` a second time", raw.trim()),
                    )
                    .at(loc)
                    .help("delete or rename one of the two columns"),
                );
            }
        } else if privacy::looks_like_bank_details(&name) {
            // GSG 43: reported by rules::privacy; no cell of it is read.
            map.bank_columns.push(BankColumn {
                header: raw.trim().to_string(),
                location: loc,
            });
        } else if SAFETY_STEMS.iter().any(|s| name.contains(s)) {
            diags.push(
                Diagnostic::new(
                    &CSV_UNKNOWN_COLUMN,
                    format!(
                        "column `{}` looks like it decides who is invited, but it is not a column the tool knows",
                        raw.trim()
                    ),
                )
                .at(loc)
                .help("name it as the tool does (potentially_violent, mappa, unacceptable_behaviour, suitability_review, manager_approved), or map it under `columns:` in sessionpack.yaml: otherwise nobody is kept off the list by it")
                .fixed(),
            );
        } else {
            let guess = HINTS
                .iter()
                .find(|(h, _)| *h == name)
                .map(|(_, f)| *f)
                .or_else(|| {
                    FIELDS
                        .iter()
                        .copied()
                        .chain(SYNONYMS.iter().map(|(s, _)| *s))
                        .map(|k| (strsim::jaro_winkler(k, &name), k))
                        .filter(|(score, _)| *score > 0.85)
                        .max_by(|a, b| a.0.total_cmp(&b.0))
                        .map(|(_, k)| {
                            SYNONYMS
                                .iter()
                                .find(|(s, _)| *s == k)
                                .map_or(k, |(_, f)| *f)
                        })
                });
            diags.push(
                Diagnostic::new(
                    &CSV_UNKNOWN_COLUMN,
                    format!("column `{}` is not used and will be ignored", raw.trim()),
                )
                .at(loc)
                .help(match guess {
                    Some(g) => format!(
                        "did you mean `{g}`? rename the column, or map it once under `columns:` in sessionpack.yaml (`\"{}\": {g}`)",
                        raw.trim()
                    ),
                    None => "if it is one of the tool's columns, rename it or map it under `columns:` in sessionpack.yaml".to_string(),
                }),
            );
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|r| !map.columns.contains_key(**r))
        .copied()
        .collect();
    if missing.is_empty() {
        map.complete = true;
    } else {
        let names = missing
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(", ");
        diags.push(
            Diagnostic::new(
                &CSV_MISSING_COLUMN,
                format!(
                    "the claimant list has no {} column{}",
                    names,
                    if missing.len() > 1 { "s" } else { "" }
                ),
            )
            .at(table.source.row_loc(table.header_row))
            .snippet(table.header.join(","))
            .help("add the column(s) to the header row, or map the office's own headings under `columns:` in sessionpack.yaml"),
        );
    }
    (map, diags)
}

/// How many of `cells` are headings the tool knows (its names, common spellings, the
/// project's own under `columns:`).
fn known_headings<'c>(
    cells: impl IntoIterator<Item = &'c str>,
    custom: &BTreeMap<String, &str>,
) -> Vec<&'static str> {
    cells
        .into_iter()
        .filter_map(|raw| {
            let name = normalise_header(raw);
            let field = custom
                .get(&name)
                .copied()
                .unwrap_or(name.as_str())
                .to_string();
            FIELDS
                .iter()
                .copied()
                .find(|k| *k == field)
                .or_else(|| SYNONYMS.iter().find(|(s, _)| *s == name).map(|(_, f)| *f))
        })
        .collect()
}

/// The header row when it is a title, and a row below it (among the next five) reads as the
/// header: one error naming both, and nothing of the list is read. (The rows' shapes, wrong
/// against a one-cell "header", are this problem's consequence: the caller drops them.)
pub fn title_rows(table: &Table, custom: &BTreeMap<String, String>) -> Option<Diagnostic> {
    let custom: BTreeMap<String, &str> = custom
        .iter()
        .map(|(heading, field)| (normalise_header(heading), field.as_str()))
        .collect();
    let custom = &custom;
    if known_headings(table.header.iter().map(String::as_str), custom).len() >= 2 {
        return None;
    }
    let (row, names) = table.leading.iter().find_map(|(row, cells)| {
        let names = known_headings(cells.iter().map(String::as_str), custom);
        (names.len() >= 3 && REQUIRED.iter().filter(|f| names.contains(f)).count() >= 2)
            .then_some((*row, names))
    })?;
    let above = if row - table.header_row > 1 {
        format!("rows {} to {}", table.header_row, row - 1)
    } else {
        format!("row {}", table.header_row)
    };
    Some(
        Diagnostic::new(
            &CSV_MISSING_COLUMN,
            format!(
                "row {} is not the header; row {row} looks like it ({}): delete {above}",
                table.header_row,
                names
                    .iter()
                    .take(4)
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .at(table.source.row_loc(table.header_row))
        .snippet(table.header.join(",").trim_end_matches(',').to_string())
        .help(format!(
            "the header must be the list's first row: delete the title {above} above it, then save"
        )),
    )
}

/// A row of totals ("Total", "Grand total") at the foot of a list: not a claimant.
pub fn total_label(cells: &[Cell]) -> Option<&str> {
    let first = cells
        .iter()
        .map(|c| c.text.trim())
        .find(|t| !t.is_empty())?;
    matches!(
        values::value_key(first).as_str(),
        "total" | "totals" | "grand_total" | "cyfanswm" | "count" | "sum"
    )
    .then_some(first)
}

/// Cells that mean "no interpreter".
fn means_none(text: &str) -> bool {
    matches!(
        text.trim().to_ascii_lowercase().as_str(),
        "" | "no" | "n" | "none" | "n/a" | "na" | "-" | "nil" | "not needed" | "no interpreter"
    )
}

/// A `?` next to a letter: a character the file could not hold, saved as `?`.
fn has_lost_character(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        *c == '?'
            && (i.checked_sub(1).is_some_and(|p| chars[p].is_alphabetic())
                || chars.get(i + 1).is_some_and(|n| n.is_alphabetic()))
    })
}

/// Read the rows of `table` (all of them, or those for which `take` says yes) as one session's
/// list. Problems are collected; rows with problems are still returned (with defaults in bad
/// cells) so later checks can report on them too.
pub fn parse_rows<'a>(
    table: &Table,
    map: &ColumnMap,
    rows: impl IntoIterator<Item = &'a TableRow>,
    session: &str,
) -> (ClaimantList, Vec<Diagnostic>) {
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut list = ClaimantList {
        source: table.source.clone(),
        columns: map.columns.clone(),
        bank_columns: map.bank_columns.clone(),
        complete: map.complete && table.dropped == 0,
        ..Default::default()
    };
    if !map.complete {
        return (list, diags);
    }
    let mut seen_refs: BTreeMap<String, usize> = BTreeMap::new();
    for record in rows {
        // A totals row is one error naming it, and is not read as a claimant.
        if let Some(label) = total_label(&record.cells) {
            diags.push(
                Diagnostic::new(
                    &CSV_UNREADABLE,
                    format!(
                        "row {} is a `{label}` row, not a claimant; it was not read",
                        record.row
                    ),
                )
                .at(table.source.row_loc(record.row))
                .snippet(label.to_string())
                .help("delete the totals row from the list (keep totals on another sheet)")
                .session(session),
            );
            list.complete = false;
            continue;
        }
        let mut r = RowReader {
            table,
            map,
            record,
            problems: Vec::new(),
        };
        let row = record.row;
        // GSG 26-37: the cells that decide who is invited cannot be relaxed into "no".
        let objects_to_group = r.yes_no("objects_to_group", true);
        let potentially_violent = r.yes_no("potentially_violent", true);
        let mappa = r.yes_no("mappa", true);
        let unacceptable_behaviour = r.yes_no("unacceptable_behaviour", true);
        let suitability_review = r.yes_no("suitability_review", true);
        let manager_approved = r.yes_no("manager_approved", true);
        let jobseeker_direction = r.yes_no("jobseeker_direction", false);
        let childcare = r.yes_no("childcare", false);
        let welsh_at_session = r.yes_no("welsh_at_session", false);

        // A National Insurance number typed with spaces is read as its nine characters.
        let reference = values::compact_nino(&r.text("ref"));
        if !values::is_valid_ref(&reference) {
            r.problem(
                &BAD_CELL,
                "ref",
                if reference.is_empty() {
                    "`ref` is empty".into()
                } else {
                    format!("`ref`: `{reference}` is not a valid reference")
                },
                "a reference uses only letters, digits and `-`; it names the claimant's letter file",
            );
        } else if let Some(first) = seen_refs.insert(reference.to_ascii_lowercase(), row) {
            let at = table.source.row_name(first);
            r.problem(
                &DUPLICATE_REF,
                "ref",
                format!("`ref`: `{reference}` is also used on {at}"),
                "each claimant needs their own reference; remove the duplicate row or correct the reference",
            );
        }
        if map
            .cell(record, "ref")
            .is_some_and(|c| c.kind == CellKind::Date)
        {
            r.problem(
                &BAD_CELL,
                "ref",
                format!("`ref`: Excel turned the reference into the date `{reference}`"),
                "format the column as Text in Excel and type the reference again as it is (or save the list as CSV UTF-8)",
            );
        } else if map
            .cell(record, "ref")
            .is_some_and(|c| c.kind == CellKind::Number)
        {
            r.problem(
                &NUMBER_CELL,
                "ref",
                format!("`ref`: `{reference}` is stored as a number, so any leading zeros are gone"),
                "format the column as Text in Excel and type the references again (or save the list as CSV UTF-8)",
            );
        }
        for column in ["first_name", "last_name"] {
            if r.text(column).is_empty() {
                r.problem(
                    &BAD_CELL,
                    column,
                    format!("`{column}` is empty"),
                    "every claimant needs a first and last name",
                );
            }
        }
        // Names are never re-cased by guess (McDonald, ap Rhys, van Dijk): said, not changed.
        for column in ["title", "first_name", "last_name"] {
            let text = r.text(column);
            let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
            if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
                r.problem(
                    &NAME_CAPITALS,
                    column,
                    format!("`{column}`: `{text}` is in capitals, and is printed so on the letter"),
                    "write the name as the person writes it (Morgan, not MORGAN): the tool prints names exactly as written and never guesses their case",
                );
            }
        }
        let printed: Vec<String> = ["title", "first_name", "last_name", "postcode"]
            .into_iter()
            .map(str::to_string)
            .chain((1..=6).map(|n| format!("address_line_{n}")))
            .collect();
        for column in &printed {
            let text = r.text(column);
            if has_lost_character(&text) {
                r.problem(
                    &LOST_CHARACTER,
                    column,
                    format!("`{column}`: `{text}` has a `?` where a letter should be"),
                    "type the name or address again with its real letters (ŵ and ŷ are often lost this way), and save the list as CSV UTF-8",
                );
            }
        }
        let language = match r.text("language") {
            t if t.is_empty() => None,
            t => match values::match_value(&t, LanguageChoice::SPELLINGS) {
                Ok(choice) => Some(choice),
                Err(near) => {
                    r.problem(
                        &BAD_CELL,
                        "language",
                        format!("`language`: `{t}` is not a language choice"),
                        &format!(
                            "{}write en (or English), cy (Welsh, Cymraeg) or cy+en (Both, Bilingual, Dwyieithog: Welsh first); blank uses the office default",
                            values::did_you_mean(&near)
                        ),
                    );
                    None
                }
            },
        };
        let format = match r.text("format") {
            t if t.is_empty() => PrintFormat::Standard,
            t => match values::match_value(&t, PrintFormat::SPELLINGS) {
                Ok(f) => f,
                Err(near) => {
                    r.problem(
                        &BAD_CELL,
                        "format",
                        format!("`format`: `{t}` is not a letter format"),
                        &format!(
                            "{}write standard or large-print; blank means standard",
                            values::did_you_mean(&near)
                        ),
                    );
                    PrintFormat::Standard
                }
            },
        };
        let jobsearch_review = match r.text("jobsearch_review") {
            t if t.is_empty() => None,
            t => match values::parse_date(t.split(' ').next().unwrap_or(&t)) {
                Ok(d) => Some(d),
                Err(m) => {
                    r.problem(
                        &BAD_DATE,
                        "jobsearch_review",
                        format!("`jobsearch_review`: {m}"),
                        values::DATE_HELP,
                    );
                    None
                }
            },
        };
        let mut access_needs = Vec::new();
        // A list, separated by `;` or `,` (or ` and `), as offices type it.
        for part in r
            .text("access_needs")
            .split([';', ','])
            .flat_map(|p| p.split(" and "))
            .map(str::trim)
            .filter(|p| !p.is_empty() && !means_none(p))
        {
            match AccessNeed::parse(part) {
                Ok(n) if !access_needs.contains(&n) => access_needs.push(n),
                Ok(_) => {}
                Err(near) => r.problem(
                    &BAD_CELL,
                    "access_needs",
                    format!("`access_needs`: `{part}` is not a known access need"),
                    &format!(
                        "{}list any of step-free (wheelchair), hearing-loop, accessible-toilet, separated by `;` or `,`",
                        values::did_you_mean(&near)
                    ),
                ),
            }
        }
        let address_lines: Vec<String> = (1..=6)
            .map(|n| r.text(&format!("address_line_{n}")))
            .collect();
        let address = address::parse(&address_lines, &r.text("postcode"));
        let interpreter = match Some(r.text("interpreter")).filter(|t| !means_none(t)) {
            None => None,
            Some(text) => match crate::l10n::languages::parse(&text) {
                Ok(code) => Some(code),
                Err(near) => {
                    let help = match near.as_slice() {
                        [] => "write the language as an ISO 639 code (pl) or its English or Welsh name (Polish, Pwyleg)".to_string(),
                        names => format!("did you mean {}? (or write its ISO 639 code, such as pl)", names.join(", ")),
                    };
                    r.problem(
                        &BAD_CELL,
                        "interpreter",
                        format!("`interpreter`: `{text}` is not a language this tool knows"),
                        &help,
                    );
                    None
                }
            },
        };
        // Welsh is not an interpreter language: it is a language of the meeting, provided by a
        // Welsh-speaking facilitator or simultaneous interpretation (the meetings standards;
        // welsh-review-2 finding 3). `Welsh`, `Cymraeg` or `cy` there is a wish to use Welsh.
        let (interpreter, welsh_at_session) = match interpreter {
            Some(code) if code == "cy" => (None, true),
            other => (other, welsh_at_session),
        };
        let interpreter_arranged = r.yes_no("interpreter_arranged", false);
        let signing_time = match r.text("signing_time") {
            t if t.is_empty() => None,
            t => match values::parse_time(&t) {
                Ok(time) => Some(time),
                Err(m) => {
                    r.problem(
                        &BAD_CELL,
                        "signing_time",
                        format!("`signing_time`: {m}"),
                        "write the time of the Jobsearch Review as HH:MM on the 24-hour clock, such as 10:40",
                    );
                    None
                }
            },
        };
        let unemployed_since = match r.text("unemployed_since") {
            t if t.is_empty() => None,
            t => match values::parse_date(t.split(' ').next().unwrap_or(&t)) {
                Ok(d) => Some(d),
                Err(m) => {
                    r.problem(
                        &BAD_DATE,
                        "unemployed_since",
                        format!("`unemployed_since`: {m}"),
                        values::DATE_HELP,
                    );
                    None
                }
            },
        };
        let office = Some(r.text("office")).filter(|t| !t.is_empty());
        let claimant = Claimant {
            row,
            reference,
            title: r.text("title"),
            first_name: r.text("first_name"),
            last_name: r.text("last_name"),
            address,
            language,
            format,
            jobsearch_review,
            jobseeker_direction,
            interpreter,
            access_needs,
            childcare,
            welsh_at_session,
            objects_to_group,
            potentially_violent,
            mappa,
            unacceptable_behaviour,
            suitability_review,
            manager_approved,
            office,
            signing_time,
            unemployed_since,
            interpreter_arranged,
        };
        for d in r.problems {
            list.row_problems.push(RowProblem {
                row,
                rule: d.rule,
                message: d.message.clone(),
            });
            diags.push(d.session(session));
        }
        list.claimants.push(claimant);
    }
    // Held for the whole run: no spare room (at 100,000 claimants, about 14 MB).
    list.claimants.shrink_to_fit();
    (list, diags)
}

/// Reads the cells of one row, collecting its problems.
struct RowReader<'a> {
    table: &'a Table,
    map: &'a ColumnMap,
    record: &'a TableRow,
    problems: Vec<Diagnostic>,
}

impl RowReader<'_> {
    fn text(&self, field: &str) -> String {
        self.map
            .cell(self.record, field)
            .map(|c| c.text.trim().to_string())
            .unwrap_or_default()
    }

    fn loc(&self, field: &str) -> Location {
        self.map.loc(self.table, self.record.row, field)
    }

    fn problem(&mut self, rule: &'static Rule, field: &str, message: String, help: &str) {
        let d = Diagnostic::new(rule, message)
            .at(self.loc(field))
            .snippet(self.text(field))
            .help(help);
        self.problems.push(d);
    }

    /// A yes/no cell; a doubtful one is an error, never a silent "no". When the cell decides
    /// who is invited, the error cannot be relaxed in sessionpack.yaml.
    fn yes_no(&mut self, field: &str, decides: bool) -> bool {
        match values::parse_yes_no(&self.text(field)) {
            Ok(b) => b,
            Err(m) => {
                self.problem(
                    &BAD_YES_NO,
                    field,
                    format!("`{field}`: {m}"),
                    values::YES_NO_HELP,
                );
                if decides && let Some(d) = self.problems.pop() {
                    self.problems.push(d.fixed());
                }
                false
            }
        }
    }
}

/// Read a whole table as one session's claimant list (a list of its own).
pub fn parse(
    table: &Table,
    custom: &BTreeMap<String, String>,
    session: &str,
) -> (ClaimantList, Vec<Diagnostic>) {
    let (map, mut diags) = map_columns(table, custom);
    let diags_head: Vec<Diagnostic> = diags.drain(..).map(|d| d.session(session)).collect();
    let (list, rows) = parse_rows(table, &map, &table.rows, session);
    (list, diags_head.into_iter().chain(rows).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_is_documented_once_in_order() {
        let documented: Vec<&str> = COLUMN_DOCS.iter().map(|(f, _, _)| *f).collect();
        assert_eq!(documented, FIELDS);
        for (s, f) in SYNONYMS.iter().chain(HINTS) {
            assert!(FIELDS.contains(f), "{s} -> {f}");
        }
    }

    fn parse_str(text: &str) -> (ClaimantList, Vec<Diagnostic>) {
        parse_with(text, &BTreeMap::new())
    }

    fn parse_with(
        text: &str,
        custom: &BTreeMap<String, String>,
    ) -> (ClaimantList, Vec<Diagnostic>) {
        let source = TableSource {
            file: "content/claimants/t.csv".into(),
            sheet: None,
        };
        let (table, mut diags) = crate::model::table::read(&source, text.as_bytes());
        let (list, more) = parse(&table.unwrap(), custom, "t");
        diags.extend(more);
        (list, diags)
    }

    const HEADER: &str = "ref,first_name,last_name,address_line_1,address_line_2,postcode";

    #[test]
    fn headers_match_loosely_and_bom_and_crlf_work() {
        let text = "\u{feff}Reference,Forename,SURNAME,Address 1,address_line_2,Post code\r\nA1,Jo,Bloggs,1 High St,Cardiff,CF10 1EP\r\n";
        let (list, diags) = parse_str(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(list.claimants[0].last_name, "Bloggs");
        let text = "\u{feff}Ref,First Name,LAST-NAME,Address Line 1,address_line_2,Postcode\r\nA1,Jo,Bloggs,1 High St,Cardiff,cf10 1ep\r\n";
        let (list2, diags) = parse_str(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(list2.claimants[0].first_name, "Jo");
        assert_eq!(
            list2.claimants[0].address.as_ref().unwrap().postcode,
            "CF10 1EP"
        );
    }

    #[test]
    fn an_unknown_header_gets_one_did_you_mean_and_an_office_mapping_works() {
        let text = format!(
            "{HEADER},Postcde X,Customer Surname\nA1,Jo,Bloggs,1 High St,Cardiff,CF10 1EP,,Jones\n"
        );
        let (_, diags) = parse_str(&text);
        let unknown: Vec<_> = diags.iter().filter(|d| d.rule.code == "SP012").collect();
        assert_eq!(unknown.len(), 2, "{diags:?}");
        assert!(!unknown[0].help.as_ref().unwrap().contains("known columns"));
        let mut custom = BTreeMap::new();
        custom.insert("Customer Surname".to_string(), "last_name".to_string());
        let text = "ref,first_name,Customer Surname,address_line_1,address_line_2,postcode\nA1,Jo,Jones,1 High St,Cardiff,CF10 1EP\n";
        let (list, diags) = parse_with(text, &custom);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(list.claimants[0].last_name, "Jones");
    }

    #[test]
    fn none_means_no_interpreter_and_a_question_mark_in_a_word_is_a_lost_letter() {
        let text = format!(
            "{HEADER},interpreter\nA1,Jo,Bloggs,8 Ffordd T? Gwyn,Cardiff,CF10 1EP,N/A\nA2,Al,Jones,2 High St,Cardiff,CF10 1EP,No\nA3,Al,Jones,2 High St,Cardiff,CF10 1EP,-\n"
        );
        let (list, diags) = parse_str(&text);
        assert!(list.claimants.iter().all(|c| c.interpreter.is_none()));
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].rule.code, "SP019");
        assert_eq!(
            diags[0].location.as_ref().unwrap().to_string(),
            "content/claimants/t.csv:2:4"
        );
    }

    #[test]
    fn safety_headers_as_people_write_them() {
        let text = format!(
            "{HEADER},Potentially violent (Y/N),MAPPA?,Violence marker\nA1,Jo,Bloggs,1 High St,Cardiff,CF10 1EP,yes,no,\n"
        );
        let (list, diags) = parse_str(&text);
        assert!(list.claimants[0].potentially_violent);
        let unknown: Vec<_> = diags.iter().filter(|d| d.rule.code == "SP012").collect();
        assert_eq!(unknown.len(), 1, "{diags:?}");
        assert!(unknown[0].is_error() && unknown[0].fixed);
    }

    #[test]
    fn every_bad_cell_is_reported_with_row_and_column() {
        let text = format!(
            "{HEADER},childcare,jobsearch_review\nA1,Jo,Bloggs,1 High St,Cardiff,CF10 1EP,maybe,31/02/2026\nA1,Al,Jones,2 High St,Cardiff,CF10 1EP,no,\n"
        );
        let (_, diags) = parse_str(&text);
        let codes: Vec<_> = diags
            .iter()
            .map(|d| (d.rule.code, d.location.clone().unwrap().to_string()))
            .collect();
        assert!(
            codes.contains(&("SP013", "content/claimants/t.csv:2:7".into())),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("SP014", "content/claimants/t.csv:2:8".into())),
            "{codes:?}"
        );
        assert!(
            codes.contains(&("SP015", "content/claimants/t.csv:3:1".into())),
            "{codes:?}"
        );
    }

    #[test]
    fn missing_columns_and_bank_details() {
        let (list, diags) = parse_str("ref,first_name,Sort Code\nA1,Jo,12-34-56\n");
        let codes: Vec<_> = diags.iter().map(|d| d.rule.code).collect();
        assert_eq!(list.bank_columns.len(), 1);
        assert_eq!(list.bank_columns[0].location.column, Some(3));
        assert!(codes.contains(&"SP011"), "{codes:?}");
        let missing = diags.iter().find(|d| d.rule.code == "SP011").unwrap();
        assert!(
            missing.message.contains("`last_name`"),
            "{}",
            missing.message
        );
    }

    #[test]
    fn decisions() {
        let text = format!(
            "{HEADER},potentially_violent,mappa,manager_approved,objects_to_group\n\
             A1,a,b,1 St,Town,CF10 1EP,yes,,,\n\
             A2,a,b,1 St,Town,CF10 1EP,,yes,,\n\
             A3,a,b,1 St,Town,CF10 1EP,,yes,yes,\n\
             A4,a,b,1 St,Town,CF10 1EP,,,,y\n"
        );
        let (list, diags) = parse_str(&text);
        assert!(diags.is_empty(), "{diags:?}");
        let d: Vec<_> = list.claimants.iter().map(Claimant::decision).collect();
        assert_eq!(
            d[0],
            Decision::NotInvited(NotInvitedReason::PotentiallyViolent)
        );
        assert_eq!(d[1], Decision::NotInvited(NotInvitedReason::Mappa));
        assert_eq!(d[2], Decision::Invited);
        assert_eq!(d[3], Decision::NotInvited(NotInvitedReason::ObjectsToGroup));
    }
}
