//! Whether a claimant can be placed in a session, by the guidance: the conditions `check`
//! reports on a list (`rules/claimants.rs`) and that a choice of sessions must weigh, as plain
//! functions of a claimant and a session, so the two can never disagree. Each says what it
//! found; the words and the level are the caller's.

use chrono::{NaiveDate, NaiveTime};

use crate::model::claimant::{AccessNeed, Claimant, Decision, NotInvitedReason};
use crate::model::session::{Facilities, Session};

/// Why a claimant must not be invited to any group session (GSG 28, 30, 33, 35-36; GIS 7),
/// the most serious first; `None` when they may be.
pub fn exclusion(claimant: &Claimant) -> Option<NotInvitedReason> {
    match claimant.decision() {
        Decision::Invited => None,
        Decision::NotInvited(reason) => Some(reason),
    }
}

/// A Jobseeker Direction to a session that does not say how attending helps find work
/// (GIS 11-14).
pub fn direction_unjustified(claimant: &Claimant, session: &Session) -> bool {
    claimant.jobseeker_direction
        && session
            .direction_justification
            .as_deref()
            .is_none_or(|j| j.trim().is_empty())
}

/// Childcare needs and a session not wholly inside school hours, `starts` to `ends`, on one
/// day (GSG 28-29).
pub fn outside_school_hours(
    claimant: &Claimant,
    session: &Session,
    starts: NaiveTime,
    ends: NaiveTime,
) -> bool {
    claimant.childcare
        && (session.start_time() < starts
            || session.ends().time() > ends
            || session.ends().date() != session.date())
}

/// The claimant's access needs the venue does not meet (GSG 36-37), in the list's order.
pub fn unmet_access(claimant: &Claimant, facilities: Facilities) -> Vec<AccessNeed> {
    (claimant.access_needs.iter())
        .copied()
        .filter(|need| !facilities.meets(*need))
        .collect()
}

/// The claimant's Jobsearch Review day when the session is on another day (GIS 8, GSG 44).
pub fn off_review_day(claimant: &Claimant, session: &Session) -> Option<NaiveDate> {
    claimant
        .jobsearch_review
        .filter(|review| *review != session.date())
}
