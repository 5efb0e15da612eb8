//! The claimant list of a session: `content/claimants/ID.csv`.
//!
//! Headers match case-insensitively, treating space, `_` and `-` alike; UTF-8 with or without a
//! byte-order mark, CRLF or LF, so files exported from Excel simply work. Every cell problem is
//! reported with its row (the header is row 1) and column.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::codes::{
    BAD_CELL, BAD_DATE, BAD_YES_NO, CSV_MISSING_COLUMN, CSV_UNKNOWN_COLUMN, CSV_UNREADABLE,
    DUPLICATE_REF,
};
use crate::diag::{Diagnostic, Location, Rule};
use crate::l10n::LanguageChoice;
use crate::model::address::{self, PostalAddress};
use crate::model::privacy;
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

    fn parse(text: &str) -> Option<AccessNeed> {
        Self::ALL
            .into_iter()
            .find(|n| n.code() == text.trim().to_ascii_lowercase())
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
    pub objects_to_group: bool,
    pub potentially_violent: bool,
    pub mappa: bool,
    pub unacceptable_behaviour: bool,
    pub suitability_review: bool,
    pub manager_approved: bool,
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

    pub fn language_or(&self, in_wales: bool) -> LanguageChoice {
        self.language.unwrap_or(if in_wales {
            LanguageChoice::CyEn
        } else {
            LanguageChoice::En
        })
    }
}

/// A parsed claimant list, with the column number of each known column for diagnostics.
#[derive(Debug, Clone, Default)]
pub struct ClaimantList {
    pub file: String,
    pub claimants: Vec<Claimant>,
    columns: BTreeMap<&'static str, usize>,
    /// Columns whose header looks like bank details (GSG 43): none of their cells is kept.
    pub bank_columns: Vec<BankColumn>,
}

/// A column of the claimant list whose header looks like bank details.
#[derive(Debug, Clone)]
pub struct BankColumn {
    /// 1-based column number.
    pub column: usize,
    pub header: String,
}

impl ClaimantList {
    /// Invited claimants, in the order of the list.
    pub fn invited(&self) -> impl Iterator<Item = &Claimant> {
        self.claimants.iter().filter(|c| c.is_invited())
    }

    /// Where a cell is: `file:row:column`.
    pub fn loc(&self, row: usize, column: &str) -> Location {
        match self.columns.get(column) {
            Some(c) => Location::at(&self.file, row, *c),
            None => Location::line(&self.file, row),
        }
    }
}

const REQUIRED: [&str; 5] = [
    "ref",
    "first_name",
    "last_name",
    "address_line_1",
    "postcode",
];
const KNOWN: [&str; 25] = [
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
    "objects_to_group",
    "potentially_violent",
    "mappa",
    "unacceptable_behaviour",
    "suitability_review",
    "manager_approved",
    "notes",
];

/// `First Name`, `first-name`, `FIRST_NAME` all become `first_name`.
pub fn normalise_header(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .split([' ', '_', '-'])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// Parse a claimant list. Problems are collected; rows with problems are still returned
/// (with defaults in bad cells) so later checks can report on them too.
pub fn parse(file: &str, bytes: &[u8], session: &str) -> (ClaimantList, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut list = ClaimantList {
        file: file.to_string(),
        ..Default::default()
    };
    let text = match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
        Ok(t) => t.to_string(),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            diags.push(
                Diagnostic::new(&CSV_UNREADABLE, "the file is not UTF-8 text")
                    .at(Location::line(file, line))
                    .help("save it from your spreadsheet as \"CSV UTF-8 (Comma delimited)\"")
                    .session(session),
            );
            return (list, diags);
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::None)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diags.push(
                Diagnostic::new(
                    &CSV_UNREADABLE,
                    format!("the header row cannot be read: {e}"),
                )
                .at(Location::line(file, 1))
                .session(session),
            );
            return (list, diags);
        }
    };

    let mut columns: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (i, raw) in headers.iter().enumerate() {
        let name = normalise_header(raw);
        let loc = Location::at(file, 1, i + 1);
        if privacy::looks_like_bank_details(&name) {
            // GSG 43: reported by rules::privacy; no cell of it is read.
            list.bank_columns.push(BankColumn {
                column: i + 1,
                header: raw.trim().to_string(),
            });
        } else if let Some(known) = KNOWN.iter().find(|k| **k == name) {
            if columns.insert(known, i + 1).is_some() {
                diags.push(
                    Diagnostic::new(
                        &CSV_UNREADABLE,
                        format!("column `{}` appears twice", raw.trim()),
                    )
                    .at(loc)
                    .help("delete or rename one of the two columns")
                    .session(session),
                );
            }
        } else if !name.is_empty() {
            diags.push(
                Diagnostic::new(
                    &CSV_UNKNOWN_COLUMN,
                    format!("column `{}` is not used and will be ignored", raw.trim()),
                )
                .at(loc)
                .help(format!("known columns are: {}", KNOWN.join(", ")))
                .session(session),
            );
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|r| !columns.contains_key(**r))
        .copied()
        .collect();
    if !missing.is_empty() {
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
            .at(Location::line(file, 1))
            .snippet(headers.iter().collect::<Vec<_>>().join(","))
            .help("add the column(s) to the header row; names match whatever the case and spaces")
            .session(session),
        );
        list.columns = columns;
        return (list, diags);
    }
    list.columns = columns.clone();

    let mut seen_refs: BTreeMap<String, usize> = BTreeMap::new();
    for (index, record) in reader.records().enumerate() {
        let row = index + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                diags.push(
                    Diagnostic::new(&CSV_UNREADABLE, format!("row {row} cannot be read: {e}"))
                        .at(Location::line(file, row))
                        .session(session),
                );
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue; // blank rows from spreadsheets
        }
        let cell = |name: &str| -> String {
            columns
                .get(name)
                .and_then(|c| record.get(c - 1))
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let mut problem = |rule: &'static Rule, column: &str, message: String, help: &str| {
            let loc = columns
                .get(column)
                .map_or(Location::line(file, row), |c| Location::at(file, row, *c));
            diags.push(
                Diagnostic::new(rule, message)
                    .at(loc)
                    .snippet(cell(column))
                    .help(help)
                    .session(session),
            );
        };
        let mut yes_no = |column: &str| -> bool {
            values::parse_yes_no(&cell(column))
                .map_err(|m| {
                    problem(
                        &BAD_YES_NO,
                        column,
                        format!("`{column}`: {m}"),
                        values::YES_NO_HELP,
                    )
                })
                .unwrap_or(false)
        };
        let jobseeker_direction = yes_no("jobseeker_direction");
        let childcare = yes_no("childcare");
        let objects_to_group = yes_no("objects_to_group");
        let potentially_violent = yes_no("potentially_violent");
        let mappa = yes_no("mappa");
        let unacceptable_behaviour = yes_no("unacceptable_behaviour");
        let suitability_review = yes_no("suitability_review");
        let manager_approved = yes_no("manager_approved");

        let reference = cell("ref");
        if !values::is_valid_ref(&reference) {
            problem(
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
            problem(
                &DUPLICATE_REF,
                "ref",
                format!("`ref`: `{reference}` is also used on row {first}"),
                "each claimant needs their own reference; remove the duplicate row or correct the reference",
            );
        }
        for column in ["first_name", "last_name"] {
            if cell(column).is_empty() {
                problem(
                    &BAD_CELL,
                    column,
                    format!("`{column}` is empty"),
                    "every claimant needs a first and last name",
                );
            }
        }
        let language = match cell("language") {
            s if s.is_empty() => None,
            s => LanguageChoice::parse(&s).or_else(|| {
                problem(
                    &BAD_CELL,
                    "language",
                    format!("`language`: `{s}` is not a language choice"),
                    "write en, cy or cy+en (bilingual, Welsh first); blank uses the office default",
                );
                None
            }),
        };
        let format = match cell("format").to_ascii_lowercase().as_str() {
            "" | "standard" => PrintFormat::Standard,
            "large-print" | "large print" | "large_print" => PrintFormat::LargePrint,
            other => {
                problem(
                    &BAD_CELL,
                    "format",
                    format!("`format`: `{other}` is not a letter format"),
                    "write standard or large-print; blank means standard",
                );
                PrintFormat::Standard
            }
        };
        let jobsearch_review = match cell("jobsearch_review") {
            s if s.is_empty() => None,
            s => values::parse_date(&s)
                .map_err(|m| {
                    problem(
                        &BAD_DATE,
                        "jobsearch_review",
                        format!("`jobsearch_review`: {m}"),
                        values::DATE_HELP,
                    )
                })
                .ok(),
        };
        let mut access_needs = Vec::new();
        for part in cell("access_needs")
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match AccessNeed::parse(part) {
                Some(n) if !access_needs.contains(&n) => access_needs.push(n),
                Some(_) => {}
                None => problem(
                    &BAD_CELL,
                    "access_needs",
                    format!("`access_needs`: `{part}` is not a known access need"),
                    "list any of step-free, hearing-loop, accessible-toilet, separated by `;`",
                ),
            }
        }
        let address_lines: Vec<String> = (1..=6)
            .map(|n| cell(&format!("address_line_{n}")))
            .collect();
        let address = address::parse(&address_lines, &cell("postcode"));
        let interpreter = Some(cell("interpreter")).filter(|s| !s.is_empty());
        list.claimants.push(Claimant {
            row,
            reference,
            title: cell("title"),
            first_name: cell("first_name"),
            last_name: cell("last_name"),
            address,
            language,
            format,
            jobsearch_review,
            jobseeker_direction,
            interpreter,
            access_needs,
            childcare,
            objects_to_group,
            potentially_violent,
            mappa,
            unacceptable_behaviour,
            suitability_review,
            manager_approved,
        });
    }
    (list, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (ClaimantList, Vec<Diagnostic>) {
        parse("content/claimants/t.csv", text.as_bytes(), "t")
    }

    const HEADER: &str = "ref,first_name,last_name,address_line_1,address_line_2,postcode";

    #[test]
    fn headers_match_loosely_and_bom_and_crlf_work() {
        let text = "\u{feff}Ref,First Name,LAST-NAME,Address Line 1,address_line_2,Post code\r\nA1,Jo,Bloggs,1 High St,Cardiff,CF10 1EP\r\n";
        let (list, diags) = parse_str(text);
        // "Post code" normalises to `post_code`, which is not `postcode`.
        assert_eq!(diags.len(), 2, "{diags:?}");
        let text = "\u{feff}Ref,First Name,LAST-NAME,Address Line 1,address_line_2,Postcode\r\nA1,Jo,Bloggs,1 High St,Cardiff,cf10 1ep\r\n";
        let (list2, diags) = parse_str(text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(list2.claimants[0].first_name, "Jo");
        assert_eq!(
            list2.claimants[0].address.as_ref().unwrap().postcode,
            "CF10 1EP"
        );
        assert!(list.claimants.is_empty());
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
        assert_eq!(list.bank_columns[0].column, 3);
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
