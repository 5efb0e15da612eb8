//! Checks on each invited claimant: a direction needs a justification (GIS 11-14), childcare
//! and school hours (GSG 28-29), access needs the venue must meet (GSG 36-37), the Jobsearch
//! Review day (GIS 8, GSG 44), and nobody invited twice on one day.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Level, Rule};
use crate::l10n::{Lang, dates};
use crate::model::eligibility;
use crate::rules::concern::{Concern, Input, Report};

pub static DIRECTION_WITHOUT_JUSTIFICATION: Rule = Rule {
    code: "GS009",
    name: "direction-without-justification",
    level: Level::Error,
    must: true,
    source: Some("GIS 11-14"),
    summary: "a Jobseeker Direction to attend is lawful only where attendance will assist the claimant to find employment or improve their ability to: the session must say how (`direction_justification`)",
};

pub static CHILDCARE_HOURS: Rule = Rule {
    code: "GS011",
    name: "childcare-school-hours",
    level: Level::Warning,
    must: false,
    source: Some("GSG 28-29"),
    summary: "claimants with childcare may not be able to attend outside school hours",
};

pub static ACCESS_NOT_MET: Rule = Rule {
    code: "GS012",
    name: "access-need-not-met",
    level: Level::Error,
    must: false,
    source: Some("GSG 36-37"),
    summary: "the venue must meet every invited claimant's access needs; otherwise arrange an alternative in the Jobcentre",
};

pub static NOT_ON_REVIEW_DAY: Rule = Rule {
    code: "GS013",
    name: "not-on-review-day",
    level: Level::Warning,
    must: false,
    source: Some("GIS 8, GSG 44"),
    summary: "wherever possible hold the session on the claimant's Jobsearch Review day: it saves a journey and travel costs",
};

pub static DOUBLE_BOOKED: Rule = Rule {
    code: "GS016",
    name: "double-booked",
    level: Level::Warning,
    must: false,
    source: None,
    summary: "a claimant should not be invited to two sessions on the same day",
};

pub const CONCERN: Concern = Concern {
    rules: &[
        &DIRECTION_WITHOUT_JUSTIFICATION,
        &CHILDCARE_HOURS,
        &ACCESS_NOT_MET,
        &NOT_ON_REVIEW_DAY,
        &DOUBLE_BOOKED,
    ],
    check,
};

fn check(input: &Input, report: &mut Report) {
    let school = input.project.config.school_hours;
    // (ref, date) -> first (session, where)
    let mut seen: BTreeMap<(String, chrono::NaiveDate), (String, String)> = BTreeMap::new();
    for s in &input.sessions {
        let session = s.session;
        let Some(list) = s.claimants else {
            continue;
        };
        for c in list.invited() {
            let at = |column: &str| list.loc(c.row, column);
            if eligibility::direction_unjustified(c, session) {
                report.on_row(
                    &session.id,
                    c.row,
                    Diagnostic::new(
                        &DIRECTION_WITHOUT_JUSTIFICATION,
                        format!("{} has a Jobseeker Direction but the session has no `direction_justification`", c.reference),
                    )
                    .at(at("jobseeker_direction"))
                    .snippet("yes")
                    .help(format!(
                        "add `direction_justification:` to {} saying how attending will help claimants find work, or set this claimant's direction to no",
                        session.file()
                    )),
                );
            }
            let (from, to) = (school.starts, school.ends);
            if eligibility::outside_school_hours(c, session, from, to) {
                report.on_row(
                    &session.id,
                    c.row,
                    Diagnostic::new(
                        &CHILDCARE_HOURS,
                        format!(
                            "{} has childcare needs and the session ({} to {}) is outside school hours ({} to {})",
                            c.reference,
                            dates::time(Lang::En, session.start_time()),
                            dates::time(Lang::En, session.ends().time()),
                            dates::time(Lang::En, from),
                            dates::time(Lang::En, to)
                        ),
                    )
                    .at(at("childcare"))
                    .snippet("yes")
                    .help("offer a session within school hours, or check the claimant can attend"),
                );
            }
            for need in s
                .facilities
                .map_or_else(Vec::new, |f| eligibility::unmet_access(c, f))
            {
                report.on_row(
                    &session.id,
                    c.row,
                    Diagnostic::new(&ACCESS_NOT_MET, format!("{} needs {} and the venue does not have it", c.reference, need.code()))
                        .at(at("access_needs"))
                        .snippet(c.access_needs.iter().map(|n| n.code()).collect::<Vec<_>>().join(";"))
                        .help("invite the claimant to a session at a venue that meets the need, or arrange an alternative in the Jobcentre"),
                );
            }
            if let Some(review) = eligibility::off_review_day(c, session) {
                report.on_row(
                    &session.id,
                    c.row,
                    Diagnostic::new(
                        &NOT_ON_REVIEW_DAY,
                        format!(
                            "{}'s Jobsearch Review is on {}, not on the session day ({})",
                            c.reference,
                            dates::weekday_date(Lang::En, review),
                            dates::weekday_date(Lang::En, session.date())
                        ),
                    )
                    .at(at("jobsearch_review"))
                    .snippet(review.to_string())
                    .help("where possible invite claimants to a session on their signing day"),
                );
            }
            let key = (c.reference.to_ascii_lowercase(), session.date());
            match seen.get(&key) {
                Some((other, where_)) if *other != session.id => report.on_row(
                    &session.id,
                    c.row,
                    Diagnostic::new(
                        &DOUBLE_BOOKED,
                        format!(
                            "{} is also invited to session `{other}` on the same day ({where_})",
                            c.reference
                        ),
                    )
                    .at(at("ref"))
                    .snippet(&c.reference)
                    .help("invite the claimant to one of the two sessions"),
                ),
                Some(_) => {}
                None => {
                    seen.insert(
                        key,
                        (session.id.clone(), list.source.row_loc(c.row).to_string()),
                    );
                }
            }
        }
    }
}
