//! When the letters go out: before the session, with time for the claimant to arrange
//! travel, childcare (GSG 28-29) or an alternative to a group (GSG 35), and not for a session
//! that has already happened. "Today" is the build date: `SOURCE_DATE_EPOCH`, or today.

use crate::diag::{Diagnostic, Level, Rule};
use crate::l10n::{Lang, dates};
use crate::model::eligibility;
use crate::rules::concern::{Concern, Input, Report};

pub static LETTERS_AFTER_SESSION: Rule = Rule {
    code: "GS017",
    name: "letters-after-session",
    level: Level::Error,
    must: false,
    source: Some("GIS 15"),
    summary: "the invitation letter is issued to claimants before the session: a letter dated on or after it invites nobody",
};

pub static SHORT_NOTICE: Rule = Rule {
    code: "GS018",
    name: "short-notice",
    level: Level::Warning,
    must: false,
    source: Some("GSG 28-29, 35"),
    summary: "claimants need time to arrange childcare and travel, or to ask for an alternative to a group session: letters should go out some working days before it (`notice_working_days`)",
};

pub static SESSION_PAST: Rule = Rule {
    code: "GS019",
    name: "session-past",
    level: Level::Warning,
    must: false,
    source: None,
    summary: "the session is before the build date: its letters invite claimants to something that has already happened",
};

pub const CONCERN: Concern = Concern {
    rules: &[&LETTERS_AFTER_SESSION, &SHORT_NOTICE, &SESSION_PAST],
    check,
};

fn check(input: &Input, report: &mut Report) {
    let notice = i64::from(input.project.config.notice_working_days);
    for s in &input.sessions {
        let session = s.session;
        let day = session.date();
        if day < input.today {
            report.push(
                Diagnostic::new(
                    &SESSION_PAST,
                    format!(
                        "the session was on {}, before the build date ({})",
                        dates::weekday_date(Lang::En, day),
                        dates::weekday_date(Lang::En, input.today)
                    ),
                )
                .at_key(&session.data, "starts")
                .help("move the session to a future date, or remove it from content/sessions/")
                .session(&session.id),
            );
        }
        let issued = session.letters_issued.unwrap_or(input.today);
        let key = if session.letters_issued.is_some() {
            "letters_issued"
        } else {
            "starts"
        };
        if session.letters_issued.is_some() && issued >= day {
            report.push(
                Diagnostic::new(
                    &LETTERS_AFTER_SESSION,
                    format!(
                        "the letters are dated {}, which is not before the session on {}",
                        dates::date(Lang::En, issued),
                        dates::date(Lang::En, day)
                    ),
                )
                .at_key(&session.data, key)
                .help("date the letters before the session (`letters_issued`), or move the session")
                .session(&session.id),
            );
        } else if day >= input.today
            && eligibility::short_notice(issued, day, input.project.config.notice_working_days)
        {
            report.push(
                Diagnostic::new(
                    &SHORT_NOTICE,
                    format!(
                        "the letters are dated {}, {} working day{} before the session on {}",
                        dates::date(Lang::En, issued),
                        eligibility::working_days_between(issued, day),
                        if eligibility::working_days_between(issued, day) == 1 { "" } else { "s" },
                        dates::date(Lang::En, day)
                    ),
                )
                .at_key(&session.data, key)
                .help(format!(
                    "send the letters at least {notice} working days before the session, or move it; `notice_working_days` in sessionpack.yaml sets how many"
                ))
                .session(&session.id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn working_days_skip_weekends() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // Friday 27 November to Tuesday 1 December 2026: Monday only.
        assert_eq!(
            eligibility::working_days_between(d("2026-11-27"), d("2026-12-01")),
            1
        );
        assert_eq!(
            eligibility::working_days_between(d("2026-11-23"), d("2026-12-01")),
            5
        );
        assert_eq!(
            eligibility::working_days_between(d("2026-11-30"), d("2026-12-01")),
            0
        );
    }
}
