//! What the session covers and how long it lasts: the four parts (GIS 19), no longer than an
//! hour (GIS 18), or 90 minutes where language support is needed (GSG 40).

use crate::diag::{Diagnostic, Level, Rule};
use crate::model::session::Section;
use crate::rules::concern::{Concern, Input, Report};

pub static AGENDA: Rule = Rule {
    code: "GS006",
    name: "agenda",
    level: Level::Error,
    must: false,
    source: Some("GIS 19"),
    summary: "the agenda has an introduction, opportunities, Jobcentre Plus services and a summary, and its minutes add up to the session's length",
};

pub static TOO_LONG: Rule = Rule {
    code: "GS007",
    name: "session-too-long",
    level: Level::Error,
    must: false,
    source: Some("GIS 18, GSG 40"),
    summary: "a session lasts no more than an hour; up to 90 minutes when extended for language support",
};

pub static INTERPRETERS_NOT_EXTENDED: Rule = Rule {
    code: "GS008",
    name: "interpreters-not-extended",
    level: Level::Warning,
    must: false,
    source: Some("GSG 29, 40"),
    summary: "where interpreters are needed, consider extending the session for language support",
};

pub const LONGEST: u32 = 60; // GIS 18
pub const LONGEST_EXTENDED: u32 = 90; // GSG 40

pub const CONCERN: Concern = Concern {
    rules: &[&AGENDA, &TOO_LONG, &INTERPRETERS_NOT_EXTENDED],
    check,
};

fn check(input: &Input, report: &mut Report) {
    for s in &input.sessions {
        let session = s.session;
        for section in Section::ALL {
            if !session.agenda.iter().any(|a| a.section == section) {
                report.push(
                    Diagnostic::new(
                        &AGENDA,
                        format!("the agenda has no `{}` section", section.key()),
                    )
                    .at_key(&session.data, "agenda")
                    .help(format!(
                        "add `- section: {}` with its `minutes`",
                        section.key()
                    ))
                    .session(&session.id),
                );
            }
        }
        // Each part is at most a working day (checked at load), so the sum cannot overflow.
        let total: u64 = session.agenda.iter().map(|a| u64::from(a.minutes)).sum();
        if !session.agenda.is_empty() && total != u64::from(session.minutes) {
            report.push(
                Diagnostic::new(
                    &AGENDA,
                    format!(
                        "the agenda adds up to {total} minutes but the session lasts {}",
                        session.minutes
                    ),
                )
                .at_key(&session.data, "agenda")
                .help("change the sections' `minutes` or the session's `minutes` so they agree")
                .session(&session.id),
            );
        }
        let limit = if session.extended_for_language_support {
            LONGEST_EXTENDED
        } else {
            LONGEST
        };
        if session.minutes > limit {
            report.push(
                Diagnostic::new(&TOO_LONG, format!("the session lasts {} minutes; the most is {limit}", session.minutes))
                    .at_key(&session.data, "minutes")
                    .help(if session.extended_for_language_support {
                        "shorten the session to 90 minutes or less"
                    } else {
                        "shorten it to an hour, or set `extended_for_language_support: true` (up to 90 minutes) where interpreters are needed"
                    })
                    .session(&session.id),
            );
        }
        if !session.extended_for_language_support
            && let Some(list) = s.claimants
        {
            let needing: Vec<&str> = list
                .invited()
                .filter_map(|c| c.interpreter.as_deref())
                .collect();
            if !needing.is_empty() {
                report.push(
                    Diagnostic::new(
                        &INTERPRETERS_NOT_EXTENDED,
                        format!(
                            "{} an interpreter but the session is not extended for language support",
                            match needing.len() {
                                1 => "1 invited claimant needs".to_string(),
                                n => format!("{n} invited claimants need"),
                            }
                        ),
                    )
                    .at_key(&session.data, "minutes")
                    .help("set `extended_for_language_support: true` and allow up to 90 minutes, or group claimants with the same language")
                    .session(&session.id),
                );
            }
        }
    }
}
