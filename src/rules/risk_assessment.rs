//! Risk assessment before the session (GSG 14-17): completed before the session starts, and
//! the external process for a session outside the Jobcentre.

use crate::diag::{Diagnostic, Level, Rule};
use crate::l10n::{Lang, dates};
use crate::model::session::RiskKind;
use crate::rules::concern::{Concern, Input, Report};

pub static RISK_ASSESSMENT: Rule = Rule {
    code: "GS003",
    name: "risk-assessment",
    level: Level::Error,
    must: true,
    source: Some("GSG 14-17"),
    summary: "a risk assessment must be completed before a session; an external venue needs the external risk assessment process",
};

pub const CONCERN: Concern = Concern {
    rules: &[&RISK_ASSESSMENT],
    check,
};

fn check(input: &Input, report: &mut Report) {
    for s in &input.sessions {
        let session = s.session;
        let mut problem = |path: &str, message: String, help: &str| {
            report.push(
                Diagnostic::new(&RISK_ASSESSMENT, message)
                    .at_key(&session.data, path)
                    .help(help)
                    .session(&session.id),
            );
        };
        let Some(ra) = &session.risk_assessment else {
            problem(
                "risk_assessment",
                "the session has no risk assessment".into(),
                "add `risk_assessment:` with `kind`, `reference` and `completed` once the assessment is done",
            );
            continue;
        };
        match session.risk_completed {
            None => problem(
                "risk_assessment.completed",
                "the risk assessment has no completion date".into(),
                "add `completed:` with the date the assessment was completed",
            ),
            Some(done) if done > session.date() => problem(
                "risk_assessment.completed",
                format!(
                    "the risk assessment was completed on {}, after the session on {}",
                    dates::date(Lang::En, done),
                    dates::date(Lang::En, session.date())
                ),
                "complete the risk assessment before the session, or move the session",
            ),
            Some(_) => {}
        }
        if session.venue.is_some() && ra.kind == RiskKind::Internal {
            problem(
                "risk_assessment.kind",
                "the session is at an external venue but its risk assessment is internal".into(),
                "follow the external risk assessment process (GSG 17) and set `kind: external`",
            );
        }
    }
}
