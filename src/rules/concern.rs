//! What a concern of the guidance is, what its check reads and where it reports: the types
//! every file of `rules/` shares.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Diagnostics, Level, Rule};
use crate::model::session::Facilities;
use crate::model::{ClaimantList, Office, Session};
use crate::project::Project;

/// One concern of the guidance: the rules it reports and the check that finds them.
pub struct Concern {
    pub rules: &'static [&'static Rule],
    pub check: fn(&Input, &mut Report),
}

/// What the checks read: the project, and each parsed session with what it refers to,
/// joined once.
pub struct Input<'a> {
    pub project: &'a Project,
    pub sessions: Vec<SessionInput<'a>>,
    /// Every code the tool knows, for checking `rules:` in `sessionpack.yaml`.
    pub known_codes: Vec<&'static str>,
    /// The rules `rules:` cannot relax.
    pub must_rules: Vec<&'static Rule>,
    /// The build date (`SOURCE_DATE_EPOCH`, or today).
    pub today: chrono::NaiveDate,
}

/// One session with its office (when it exists), its claimant list (when it could be read)
/// and the facilities of its place.
pub struct SessionInput<'a> {
    pub session: &'a Session,
    pub office: Option<&'a Office>,
    pub claimants: Option<&'a ClaimantList>,
    pub facilities: Option<Facilities>,
}

impl SessionInput<'_> {
    pub fn id(&self) -> &str {
        &self.session.id
    }

    pub fn in_wales(&self) -> bool {
        self.office.is_some_and(|o| o.in_wales)
    }

    /// Whether the session's documents include Welsh: an office in Wales (posters, forms and
    /// the facilitator pack are bilingual) or an invited claimant who reads Welsh.
    pub fn needs_welsh(&self) -> bool {
        let in_wales = self.in_wales();
        in_wales
            || self.claimants.is_some_and(|list| {
                list.invited()
                    .any(|c| c.language_or(in_wales).needs_welsh())
            })
    }
}

/// A note on one claimant row that the preview list shows beside the row.
#[derive(Debug, Clone)]
pub struct RowNote {
    pub rule: &'static Rule,
    /// The level after the project's settings.
    pub level: Level,
    pub message: String,
}

/// What the checks found: notes on claimant rows, by session and row, and the rules the
/// project relaxed. The typed hand-over to the preview list and the manifests.
#[derive(Debug, Default)]
pub struct Findings {
    rows: BTreeMap<(String, usize), Vec<RowNote>>,
    /// Rules `sessionpack.yaml` sets below their default level, by code.
    pub relaxed: Vec<RelaxedRule>,
}

/// A rule the project set below its default level: never invisible.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RelaxedRule {
    pub code: &'static str,
    /// `allow` or `warn`.
    pub level: &'static str,
}

impl Findings {
    /// Note a problem found on a row while reading it.
    pub fn note(&mut self, session: &str, row: usize, note: RowNote) {
        self.rows
            .entry((session.to_string(), row))
            .or_default()
            .push(note);
    }

    /// The notes on a row of a session's claimant list, in the order found.
    pub fn row(&self, session: &str, row: usize) -> &[RowNote] {
        self.rows
            .get(&(session.to_string(), row))
            .map_or(&[], Vec::as_slice)
    }
}

/// Where a concern's check reports.
pub struct Report<'a> {
    diags: &'a mut Diagnostics,
    findings: &'a mut Findings,
    concern: &'static Concern,
}

impl<'a> Report<'a> {
    pub fn new(
        diags: &'a mut Diagnostics,
        findings: &'a mut Findings,
        concern: &'static Concern,
    ) -> Report<'a> {
        Report {
            diags,
            findings,
            concern,
        }
    }
}

impl Report<'_> {
    pub fn push(&mut self, d: Diagnostic) {
        assert!(
            self.concern.rules.iter().any(|r| std::ptr::eq(*r, d.rule))
                || crate::codes::FORMAT
                    .iter()
                    .any(|r| std::ptr::eq(*r, d.rule)),
            "rule {} is reported by a concern that does not list it in its CONCERN",
            d.rule.code
        );
        self.diags.push(d);
    }

    /// A problem with one claimant row of `session`: reported, and noted for the preview list.
    pub fn on_row(&mut self, session: &str, row: usize, d: Diagnostic) {
        let level = self.diags.level_of(d.rule);
        if level != Level::Allow {
            self.findings
                .rows
                .entry((session.to_string(), row))
                .or_default()
                .push(RowNote {
                    rule: d.rule,
                    level,
                    message: d.message.clone(),
                });
        }
        self.push(d.session(session));
    }
}
