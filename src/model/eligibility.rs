//! Whether a claimant can be placed in a session, by the guidance: the conditions `check`
//! reports on a list (`rules/claimants.rs`) and that a choice of sessions must weigh, as plain
//! functions of a claimant and a session, so the two can never disagree. Each says what it
//! found; the words and the level are the caller's.

use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta, Weekday};

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

/// Working days (Monday to Friday) from `from` up to the day before `to`. Bank holidays are
/// not known to the tool and count as working days.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    from.iter_days()
        .take_while(|d| *d < to)
        .skip(1)
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .count() as i64
}

/// Letters dated `issued` reach the claimant too late for a session on `day`: fewer than
/// `notice` working days before it (GSG 28-29, 35).
pub fn short_notice(issued: NaiveDate, day: NaiveDate, notice: u32) -> bool {
    working_days_between(issued, day) < i64::from(notice)
}

/// The session overlaps the claimant's Jobsearch Review appointment, `signing_time` for
/// `review_minutes` on their review day: it would stand in for the review (GIS 9).
pub fn overlaps_review(claimant: &Claimant, session: &Session, review_minutes: u32) -> bool {
    let (Some(day), Some(time)) = (claimant.jobsearch_review, claimant.signing_time) else {
        return false;
    };
    let review_starts = day.and_time(time);
    let review_ends = review_starts + TimeDelta::minutes(i64::from(review_minutes));
    session.starts < review_ends && review_starts < session.ends()
}

/// Minutes between the session and the claimant's Jobsearch Review on the same day (0 when
/// they touch), for a session on the review day whose review time is known (GIS 8).
pub fn minutes_from_review(
    claimant: &Claimant,
    session: &Session,
    review_minutes: u32,
) -> Option<i64> {
    let (day, time) = (claimant.jobsearch_review?, claimant.signing_time?);
    if day != session.date() {
        return None;
    }
    let review_starts = day.and_time(time);
    let review_ends = review_starts + TimeDelta::minutes(i64::from(review_minutes));
    let gap = if session.ends() <= review_starts {
        review_starts - session.ends()
    } else if session.starts >= review_ends {
        session.starts - review_ends
    } else {
        TimeDelta::zero()
    };
    Some(gap.num_minutes())
}
