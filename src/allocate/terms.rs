//! What placing one claimant in one session costs, by the guidance: the hard rules that forbid
//! the pair (AL-H02 to AL-H07, first failing first), or the terms (AL-T01 to AL-T09) whose
//! points add up to the arc's cost. One function each, called by the solver and by the report,
//! so an explanation can never disagree with the choice (next-capabilities 1.6).

use chrono::{NaiveDate, NaiveTime};

use crate::config::{SchoolHours, Weights};
use crate::l10n::{Lang, LanguageChoice, dates, languages};
use crate::model::claimant::{AccessNeed, Claimant};
use crate::model::eligibility;
use crate::model::session::{Facilities, Session};

/// A session the week's claimants may be placed in, with what the rules need of it.
#[derive(Debug)]
pub struct Candidate<'a> {
    pub session: &'a Session,
    /// Its own office, then the offices it also serves (GIS 15).
    pub offices: Vec<&'a str>,
    pub capacity: u32,
    pub facilities: Facilities,
    pub welsh_speaker: bool,
    /// Languages with an interpreter booked (ISO 639 codes).
    pub interpreters: Vec<String>,
    /// The languages the grouping stage proposes to book here, once it has decided (AL-G01);
    /// `None` while it decides, or when it is off.
    pub proposed: Option<Vec<String>>,
    /// The grouping stage closed the session: too few claimants for its target (AL-G02).
    pub closed: bool,
    /// The fewest claimants the flow gives the session when it can: its target, when the
    /// grouping stage kept it open (AL-G02); 0 otherwise.
    pub floor: u32,
}

impl Candidate<'_> {
    pub fn id(&self) -> &str {
        &self.session.id
    }

    /// Twice the optimum number of attendees: half are expected not to come (GSG 32).
    pub fn target(&self) -> u32 {
        (2 * self.session.optimum_attendees).min(self.capacity)
    }

    /// `Tue 1 Dec 10:00`.
    pub fn when(&self) -> String {
        format!(
            "{} {}",
            self.session.date().format("%a %-d %b"),
            dates::time(Lang::En, self.session.start_time())
        )
    }
}

/// What the rules read besides the claimant and the session.
#[derive(Debug, Clone)]
pub struct Context {
    pub weights: Weights,
    pub review_minutes: u32,
    pub welsh_required: bool,
    pub school: SchoolHours,
    pub today: NaiveDate,
    pub notice_working_days: u32,
    /// The points of one interpreter booking, when the grouping stage books them (AL-G01):
    /// a booking then replaces AL-T06.
    pub booking: Option<u32>,
}

/// A rule that cannot be broken for this pair (1.7.3), the first that fails, in this order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hard {
    /// AL-H02: a session of another office that does not serve the claimant's.
    Office,
    /// AL-G02: the grouping stage closed the session (fewer claimants than its target).
    Closed(u32),
    /// AL-H03: before the build date.
    Past,
    /// AL-H03: too soon for a letter dated then to arrive.
    Notice(NaiveDate),
    /// AL-H04: the venue lacks access the claimant needs.
    Access(Vec<AccessNeed>),
    /// AL-H05: a Jobseeker Direction and no justification.
    Direction,
    /// AL-H06: over the claimant's Jobsearch Review.
    Review(NaiveTime),
    /// AL-H07: Welsh required and no Welsh-speaking facilitator.
    Welsh,
    /// AL-G01: an interpreter is needed and none is booked or proposed there (the grouping
    /// stage books for bookings, so a session without one is not for the claimant).
    Unbooked(String),
}

impl Hard {
    pub fn code(&self) -> &'static str {
        match self {
            Hard::Office => "AL-H02",
            Hard::Closed(_) => "AL-G02",
            Hard::Unbooked(_) => "AL-G01",
            Hard::Past | Hard::Notice(_) => "AL-H03",
            Hard::Access(_) => "AL-H04",
            Hard::Direction => "AL-H05",
            Hard::Review(_) => "AL-H06",
            Hard::Welsh => "AL-H07",
        }
    }

    pub fn source(&self) -> &'static str {
        match self {
            Hard::Office => "GIS 15",
            Hard::Closed(_) => "GSG 32",
            Hard::Unbooked(_) => "GSG 29, 40",
            Hard::Past | Hard::Notice(_) => "GSG 28-29, 35",
            Hard::Access(_) => "GSG 36-37",
            Hard::Direction => "GIS 11-12",
            Hard::Review(_) => "GIS 9",
            Hard::Welsh => "Welsh language standards",
        }
    }

    /// The rule in words, with its code and paragraph.
    pub fn sentence(&self) -> String {
        let text = match self {
            Hard::Office => "a session of another office".to_string(),
            Hard::Closed(target) => format!(
                "closed: it would not reach its target of {target} claimants (twice the optimum)"
            ),
            Hard::Unbooked(language) => format!(
                "needs {}, and none is booked or proposed there",
                an_interpreter(language)
            ),
            Hard::Past => "the session is before the build date".to_string(),
            Hard::Notice(issued) => format!(
                "too soon: a letter sent {} would not give the notice needed",
                dates::weekday_date(Lang::En, *issued)
            ),
            Hard::Access(needs) => format!(
                "the venue has no {}",
                needs
                    .iter()
                    .map(|n| n.code())
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            Hard::Direction => {
                "a Jobseeker Direction, and the session has no direction_justification".to_string()
            }
            Hard::Review(time) => format!(
                "over the Jobsearch Review at {}",
                dates::time(Lang::En, *time)
            ),
            Hard::Welsh => "no Welsh-speaking facilitator, and Welsh is required".to_string(),
        };
        format!("{text} ({}, {})", self.code(), self.source())
    }
}

/// The first hard rule the pair breaks; `None` when the claimant may be placed there.
/// `new` is a placement whose letter is still to be sent (a pinned claimant's has gone).
pub fn hard(
    claimant: &Claimant,
    office: &str,
    candidate: &Candidate,
    context: &Context,
    new: bool,
) -> Option<Hard> {
    let session = candidate.session;
    if !candidate.offices.contains(&office) {
        return Some(Hard::Office); // GIS 15
    }
    if candidate.closed {
        return Some(Hard::Closed(candidate.target())); // GSG 32
    }
    if new {
        let day = session.date();
        if day < context.today {
            return Some(Hard::Past);
        }
        // GSG 28-29, 35: the letter is dated `letters_issued` when that is still to come,
        // otherwise today.
        let issued = session
            .letters_issued
            .filter(|d| *d >= context.today)
            .unwrap_or(context.today);
        if eligibility::short_notice(issued, day, context.notice_working_days) {
            return Some(Hard::Notice(issued));
        }
    }
    let unmet = eligibility::unmet_access(claimant, candidate.facilities);
    if !unmet.is_empty() {
        return Some(Hard::Access(unmet)); // GSG 36-37
    }
    if eligibility::direction_unjustified(claimant, session) {
        return Some(Hard::Direction); // GIS 11-12
    }
    if eligibility::overlaps_review(claimant, session, context.review_minutes) {
        return Some(Hard::Review(
            claimant.signing_time.unwrap_or(NaiveTime::MIN),
        )); // GIS 9
    }
    if context.welsh_required && claimant.wishes_welsh() && !candidate.welsh_speaker {
        return Some(Hard::Welsh);
    }
    // GSG 29, 40: once the grouping stage has proposed its bookings, an interpreter is there
    // or the session is not for the claimant.
    if let (Some(proposed), Some(language)) = (&candidate.proposed, to_book(claimant, candidate))
        && context.booking.is_some()
        && !proposed.iter().any(|l| l == language)
    {
        return Some(Hard::Unbooked(language.to_string()));
    }
    None
}

/// The language of an interpreter to book for the claimant at the session: they need one, it
/// is not arranged (a companion, GSG 41) and none is listed under the session's `interpreters`.
pub fn to_book<'c>(claimant: &'c Claimant, candidate: &Candidate) -> Option<&'c str> {
    let language = claimant.interpreter.as_deref()?;
    let listed = candidate.interpreters.iter().any(|l| l == language);
    (!claimant.interpreter_arranged && !listed).then_some(language)
}

/// `a Polish interpreter`, `an Arabic interpreter`.
pub fn an_interpreter(language: &str) -> String {
    let name = languages::name(language, Lang::En).unwrap_or(language);
    // By sound: an Urdu, an Uzbek; a Ukrainian, a Uyghur.
    let sounds_like_you = name.starts_with("Ukr") || name.starts_with("Uy");
    let article = if name.starts_with(['A', 'E', 'I', 'O', 'U']) && !sounds_like_you {
        "an"
    } else {
        "a"
    };
    format!("{article} {name} interpreter")
}

/// One reason a placement costs points.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Term {
    pub code: &'static str,
    pub points: u32,
    pub source: &'static str,
    pub text: String,
}

/// The claimant's months out of work on the session's day (GIS 16).
fn months_unemployed(since: NaiveDate, day: NaiveDate) -> u32 {
    use chrono::Datelike;
    let months = (day.year() - since.year()) * 12 + day.month() as i32
        - since.month() as i32
        - i32::from(day.day() < since.day());
    u32::try_from(months).unwrap_or(0)
}

/// The district of a postcode: `CF10 1EP` is `CF10`.
pub fn district(postcode: &str) -> String {
    postcode
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase()
}

/// The terms of placing the claimant in the session, in code order; their points are the
/// placement's cost. Only for a pair no hard rule forbids.
pub fn terms(claimant: &Claimant, candidate: &Candidate, context: &Context) -> Vec<Term> {
    assess(claimant, candidate, context, true)
}

/// The points of placing the claimant in the session: the sum of its [`terms`], by the same
/// function, without the words (the solver asks this of every pair).
pub fn cost(claimant: &Claimant, candidate: &Candidate, context: &Context) -> u32 {
    points(&assess(claimant, candidate, context, false))
}

/// The terms, with their sentences when `words`.
fn assess(claimant: &Claimant, candidate: &Candidate, context: &Context, words: bool) -> Vec<Term> {
    let session = candidate.session;
    let w = &context.weights;
    let mut out = Vec::new();
    let mut add = |code, points: u32, source, text: &dyn Fn() -> String| {
        if points > 0 {
            out.push(Term {
                code,
                points,
                source,
                text: if words { text() } else { String::new() },
            });
        }
    };
    if let Some(review) = eligibility::off_review_day(claimant, session) {
        add("AL-T01", w.not_review_day, "GIS 8, GSG 44", &|| {
            format!(
                "not on the Jobsearch Review day ({})",
                dates::weekday_date(Lang::En, review)
            )
        });
    } else if let Some(minutes) =
        eligibility::minutes_from_review(claimant, session, context.review_minutes)
    {
        let half_hours = u32::try_from(minutes / 30).unwrap_or(u32::MAX);
        add(
            "AL-T02",
            w.per_half_hour_from_review * half_hours.min(Weights::HALF_HOURS_CAP),
            "GIS 8",
            &|| format!("{minutes} minutes from the Jobsearch Review"),
        );
    }
    let (from, to) = (context.school.starts, context.school.ends);
    if eligibility::outside_school_hours(claimant, session, from, to) {
        add(
            "AL-T03",
            w.childcare_outside_school_hours,
            "GSG 28-29",
            &|| {
                format!(
                    "childcare, and the session is outside school hours ({} to {})",
                    dates::time(Lang::En, from),
                    dates::time(Lang::En, to)
                )
            },
        );
    }
    if !candidate.welsh_speaker {
        if claimant.wishes_welsh() {
            add(
                "AL-T04",
                w.welsh_wished_no_speaker,
                "Welsh language standards",
                &|| "wishes to use Welsh, and no facilitator speaks Welsh".into(),
            );
        } else if claimant.language == Some(LanguageChoice::CyEn) {
            add(
                "AL-T05",
                w.welsh_correspondent_no_speaker,
                "Welsh language standards",
                &|| "writes in Welsh and English, and no facilitator speaks Welsh".into(),
            );
        }
    }
    if let Some(language) = claimant.interpreter.as_deref() {
        let name = languages::name(language, Lang::En).unwrap_or(language);
        // With the grouping stage booking, the booking's points replace this term (AL-G01).
        if to_book(claimant, candidate).is_some() && context.booking.is_none() {
            add("AL-T06", w.interpreter_not_booked, "GSG 29, 40", &|| {
                format!("no {name} interpreter booked for the session")
            });
        }
        if !session.extended_for_language_support {
            add("AL-T07", w.not_extended_for_interpreter, "GSG 40", &|| {
                format!("needs a {name} interpreter, and the session is not extended")
            });
        }
    }
    let audience = &session.allocate.audience;
    if let (Some([lo, hi]), Some(since)) = (audience.unemployed_months, claimant.unemployed_since) {
        let months = months_unemployed(since, session.date());
        let outside = if months < lo {
            lo - months
        } else {
            months.saturating_sub(hi)
        };
        // A step is each started six months outside the band.
        let steps = outside.div_ceil(6).min(Weights::AUDIENCE_STEPS_CAP);
        add("AL-T08", w.audience_mismatch * steps, "GIS 16", &|| {
            format!("{months} months unemployed; the session is for {lo} to {hi}")
        });
    }
    if !audience.postcode_districts.is_empty()
        && let Ok(address) = &claimant.address
    {
        let own = district(&address.postcode);
        if !audience
            .postcode_districts
            .iter()
            .any(|d| d.eq_ignore_ascii_case(&own))
        {
            let (code, points, why) = if claimant.jobsearch_review.is_none() {
                ("AL-T09", w.postal_outside_area, "a postal claimant from")
            } else {
                ("AL-T08", w.audience_mismatch, "from")
            };
            add(code, points, "GIS 16", &|| {
                format!(
                    "{why} {own}; the session is for {}",
                    audience.postcode_districts.join(", ")
                )
            });
        }
    }
    out
}

/// The points of a list of terms.
pub fn points(terms: &[Term]) -> u32 {
    terms.iter().map(|t| t.points).sum()
}

#[cfg(test)]
mod tests {
    use super::an_interpreter;

    #[test]
    fn an_interpreter_takes_its_article_by_sound() {
        assert_eq!(an_interpreter("ar"), "an Arabic interpreter");
        assert_eq!(an_interpreter("pl"), "a Polish interpreter");
        assert_eq!(an_interpreter("ur"), "an Urdu interpreter");
        assert_eq!(an_interpreter("uk"), "a Ukrainian interpreter");
    }
}
