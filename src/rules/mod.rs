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
pub mod concern;
mod config;
mod dates;
mod facilitators;
mod glyphs;
mod invitations;
pub mod privacy;
mod risk_assessment;
pub mod welsh;

use crate::diag::{Diagnostics, Rule};
use crate::model::session::Facilities;
use crate::project::Project;
use concern::{Concern, Input, Report, SessionInput};
pub use concern::{Findings, RelaxedRule, RowNote};

/// Every concern, in the order their checks run.
static CONCERNS: &[&Concern] = &[
    &config::CONCERN,
    &addresses::CONCERN,
    &glyphs::CONCERN,
    &welsh::CONCERN,
    &privacy::CONCERN,
    &invitations::CONCERN,
    &dates::CONCERN,
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
        .chain(crate::codes::ALLOCATE.iter().copied())
        .chain(CONCERNS.iter().flat_map(|c| c.rules.iter().copied()))
        .collect()
}

pub fn is_known_code(code: &str) -> bool {
    all().iter().any(|r| r.code == code)
}

/// The rules `rules:` sets below their default level (a rule that cannot be relaxed is an
/// error instead, and stays at its level).
pub fn relaxed(
    overrides: &std::collections::BTreeMap<String, crate::diag::LevelOverride>,
) -> Vec<RelaxedRule> {
    use crate::diag::{Level, LevelOverride};
    all()
        .into_iter()
        .filter(|r| !r.must)
        .filter_map(|r| {
            let level = match overrides.get(r.code)? {
                LevelOverride::Allow => "allow",
                LevelOverride::Warn if r.level == Level::Error => "warn",
                _ => return None,
            };
            Some(RelaxedRule {
                code: r.code,
                level,
            })
        })
        .collect()
}

/// Run every check on the loaded project. Problems go into `diags` (at the level the project
/// sets); notes on claimant rows come back for the preview list.
pub fn check(project: &Project, diags: &mut Diagnostics, today: chrono::NaiveDate) -> Findings {
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
        known_codes: all().iter().map(|r| r.code).collect(),
        must_rules: all().into_iter().filter(|r| r.must).collect(),
        today,
    };
    let mut findings = Findings::default();
    findings.relaxed = relaxed(&project.config.rules);
    // What reading the rows found goes to the preview list with what the checks find.
    for loaded in &project.sessions {
        for p in loaded.claimants.iter().flat_map(|l| &l.row_problems) {
            let level = diags.level_of(p.rule);
            if level != crate::diag::Level::Allow {
                findings.note(
                    &loaded.session.id,
                    p.row,
                    RowNote {
                        rule: p.rule,
                        level,
                        message: p.message.clone(),
                    },
                );
            }
        }
    }
    for concern in CONCERNS {
        let mut report = Report::new(diags, &mut findings, concern);
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
            .filter(|r| r.code.starts_with("GS") && !["GS016", "GS019"].contains(&r.code))
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
