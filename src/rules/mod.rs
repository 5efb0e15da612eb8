//! Validate: the checks run on the loaded project before anything is planned or written.
//! Each check is a named [`Rule`](crate::diag::Rule) with a stable code, a default level and,
//! for the guidance rules, the paragraph it comes from.
//!
//! One file per concern; each exports `CONCERN`: its rules and its check. The list of every
//! rule is built from [`CONCERNS`], so a rule is listed where it is written: a check that
//! reports a rule its concern does not list stops with a message naming both (caught by the
//! rule's test).

pub mod addresses;
mod agenda;
mod claimants;
mod config;
mod facilitators;
mod invitations;
mod privacy;
mod risk_assessment;
pub mod welsh;

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

/// Every concern, in the order their checks run.
static CONCERNS: &[&Concern] = &[
    &config::CONCERN,
    &addresses::CONCERN,
    &welsh::CONCERN,
    &privacy::CONCERN,
    &invitations::CONCERN,
    &risk_assessment::CONCERN,
    &facilitators::CONCERN,
    &agenda::CONCERN,
    &claimants::CONCERN,
];

/// Every code the tool knows: the format codes, then each concern's rules.
pub fn all() -> Vec<&'static Rule> {
    crate::codes::FORMAT
        .iter()
        .copied()
        .chain(CONCERNS.iter().flat_map(|c| c.rules.iter().copied()))
        .collect()
}

pub fn is_known_code(code: &str) -> bool {
    all().iter().any(|r| r.code == code)
}

/// What the checks read: the project, and each parsed session with what it refers to,
/// joined once.
pub struct Input<'a> {
    pub project: &'a Project,
    pub sessions: Vec<SessionInput<'a>>,
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

/// What the checks found about claimant rows, by session and row: the typed hand-over to the
/// preview list.
#[derive(Debug, Default)]
pub struct Findings {
    rows: BTreeMap<(String, usize), Vec<RowNote>>,
}

impl Findings {
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

/// Run every check on the loaded project. Problems go into `diags` (at the level the project
/// sets); notes on claimant rows come back for the preview list.
pub fn check(project: &Project, diags: &mut Diagnostics) -> Findings {
    let input = Input {
        project,
        sessions: project
            .sessions
            .iter()
            .map(|loaded| {
                let office = project.offices.get(&loaded.session.office);
                SessionInput {
                    session: &loaded.session,
                    office,
                    claimants: loaded.claimants.as_ref(),
                    facilities: office.map(|o| Facilities::of(&loaded.session, o)),
                }
            })
            .collect(),
    };
    let mut findings = Findings::default();
    for concern in CONCERNS {
        let mut report = Report {
            diags,
            findings: &mut findings,
            concern,
        };
        (concern.check)(&input, &mut report);
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_guidance_rules_cite_their_paragraph() {
        let all = all();
        let mut codes: Vec<&str> = all.iter().map(|r| r.code).collect();
        codes.sort();
        let before = codes.len();
        codes.dedup();
        assert_eq!(before, codes.len(), "duplicate rule codes");
        for r in all
            .iter()
            .filter(|r| r.code.starts_with("GS") && r.code != "GS016")
        {
            assert!(r.source.is_some(), "{} has no source", r.code);
        }
        for code in [
            "GS001", "GS002", "GS003", "GS004", "GS005", "GS006", "GS007", "GS008", "GS009",
            "GS011", "GS012", "GS013", "GS014", "GS015", "GS016", "AD001", "AD002",
        ] {
            assert!(is_known_code(code), "{code}");
        }
    }
}
