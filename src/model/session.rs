//! One group session: `content/sessions/ID.yaml`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use serde::Deserialize;

use crate::codes::BAD_VALUE;
use crate::diag::Diagnostic;
use crate::model::claimant::AccessNeed;
use crate::model::office::Office;
use crate::model::table::TableSource;
use crate::model::texts::{AddressLines, Texts};
use crate::model::values;
use crate::model::yaml::Located;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionFile {
    pub title: Texts,
    pub office: String,
    #[serde(default)]
    pub venue: Option<Venue>,
    pub starts: String,
    pub minutes: u32,
    /// Allows up to 90 minutes where language barriers are known (GSG 40).
    #[serde(default)]
    pub extended_for_language_support: bool,
    #[serde(default)]
    pub letters_issued: Option<String>,
    #[serde(default = "default_max_invites")]
    pub max_invites: u32,
    #[serde(default = "default_optimum_attendees")]
    pub optimum_attendees: u32,
    #[serde(default)]
    pub risk_assessment: Option<RiskAssessment>,
    #[serde(default)]
    pub facilitators: Vec<Facilitator>,
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    #[serde(default)]
    pub opportunities: Vec<Texts>,
    #[serde(default)]
    pub domestics: Domestics,
    #[serde(default)]
    pub direction_justification: Option<String>,
    #[serde(default)]
    pub travel_claims: Option<String>,
    /// The claimant list: a path under `content/`, or `{ file, sheet }` for a worksheet.
    #[serde(default)]
    pub claimants: Option<ListSource>,
    #[serde(default)]
    pub lms_interview_type: Option<String>,
    /// How `sessionpack allocate` may fill the session.
    #[serde(default)]
    pub allocate: Allocation,
}

/// `allocate:` in a session's file: who the session is for, and for how many.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    /// The most claimants `allocate` places here (default `max_invites`, GSG 32).
    #[serde(default)]
    pub capacity: Option<u32>,
    /// Other offices whose claimants may come (GIS 15).
    #[serde(default)]
    pub serves: Vec<String>,
    #[serde(default)]
    pub audience: Audience,
    /// Languages with an interpreter booked for this session (GSG 29, 40).
    #[serde(default)]
    pub interpreters: Vec<String>,
}

/// The claimants a session is aimed at (GIS 15-16, GSG 6, GSG 39): placing others costs
/// points, never forbids.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    /// Months of unemployment at the session, from and to.
    #[serde(default)]
    pub unemployed_months: Option<[u32; 2]>,
    /// Postcode districts (CF10, CF24).
    #[serde(default)]
    pub postcode_districts: Vec<String>,
}

/// Where a claimant list is: a path under `content/`, or a worksheet of a workbook there.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ListSource {
    Path(String),
    Sheet(SheetOfFile),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetOfFile {
    pub file: String,
    #[serde(default)]
    pub sheet: Option<String>,
}

impl ListSource {
    /// The table it names, with the file relative to the project root; or why it cannot be
    /// one (a path that leaves `content/`).
    pub fn resolve(&self) -> Result<TableSource, String> {
        let (path, sheet) = match self {
            ListSource::Path(p) => (p.as_str(), None),
            ListSource::Sheet(s) => (s.file.as_str(), s.sheet.clone()),
        };
        let file = format!("content/{}", path.trim());
        if file.split('/').any(|part| part == ".." || part.is_empty()) {
            return Err(format!("`{file}` must be a path inside content/"));
        }
        Ok(TableSource { file, sheet })
    }
}

/// The longest a session or a part of one may be written as: a working day.
pub const MAX_MINUTES: u32 = 480;

// GSG 32: optimum 10 attendees, at most 20 invitations.
fn default_max_invites() -> u32 {
    20
}

fn default_optimum_attendees() -> u32 {
    10
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Venue {
    pub name: Texts,
    #[serde(default)]
    pub address: AddressLines,
    #[serde(default)]
    pub step_free: bool,
    #[serde(default)]
    pub hearing_loop: bool,
    #[serde(default)]
    pub accessible_toilet: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskAssessment {
    pub kind: RiskKind,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub completed: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskKind {
    Internal,
    External,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facilitator {
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub facilitator_course: Option<String>,
    #[serde(default)]
    pub presentation_course: Option<String>,
    /// Speaks Welsh: can run the session, or part of it, in Welsh (the meetings standards).
    #[serde(default)]
    pub welsh_speaker: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Lead,
    Deputy,
    Support,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Lead, Role::Deputy, Role::Support];
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    pub section: Section,
    pub minutes: u32,
    #[serde(default)]
    pub notes: Option<Texts>,
    #[serde(default)]
    pub speaker: Option<String>,
}

/// The four parts of a session (GIS 19).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Introduction,
    Opportunities,
    Services,
    Summary,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Introduction,
        Section::Opportunities,
        Section::Services,
        Section::Summary,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Section::Introduction => "introduction",
            Section::Opportunities => "opportunities",
            Section::Services => "services",
            Section::Summary => "summary",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domestics {
    #[serde(default)]
    pub refreshments: Option<Texts>,
    #[serde(default)]
    pub fire_assembly_point: Option<Texts>,
    #[serde(default)]
    pub toilets: Option<Texts>,
}

/// How travel costs are claimed (GSG 41).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TravelRoute {
    AtNextVisit,
    ByPost,
}

impl TravelRoute {
    pub fn code(self) -> &'static str {
        match self {
            TravelRoute::AtNextVisit => "at-next-visit",
            TravelRoute::ByPost => "by-post",
        }
    }
}

/// A session with its dates parsed and defaults resolved.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub data: Located<SessionFile>,
    pub starts: NaiveDateTime,
    pub letters_issued: Option<NaiveDate>,
    pub risk_completed: Option<NaiveDate>,
    /// Per facilitator: (facilitator course, presentation course).
    pub facilitator_courses: Vec<(Option<NaiveDate>, Option<NaiveDate>)>,
    pub travel_claims: TravelRoute,
    /// The claimant list: the one the session names, or `content/claimants/ID.csv`.
    pub claimants_source: TableSource,
    /// Whether the session names its list (otherwise the default, which may instead come
    /// from a list for the week).
    pub names_its_list: bool,
    pub lms_interview_type: String,
}

impl std::ops::Deref for Session {
    type Target = SessionFile;
    fn deref(&self) -> &SessionFile {
        &self.data.value
    }
}

impl Session {
    /// Resolve dates and defaults; format problems become diagnostics at the key's line.
    pub fn from_file(id: &str, data: Located<SessionFile>) -> Result<Session, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let s = &data.value;
        let mut date_at = |path: &str, text: &Option<String>| -> Option<NaiveDate> {
            let text = text.as_deref()?;
            values::parse_date(text)
                .map_err(|m| {
                    problems.push(
                        Diagnostic::new(&BAD_VALUE, format!("`{path}`: {m}"))
                            .at_key(&data, path)
                            .help(values::DATE_HELP),
                    )
                })
                .ok()
        };
        let letters_issued = date_at("letters_issued", &s.letters_issued);
        let risk_completed = s
            .risk_assessment
            .as_ref()
            .and_then(|r| date_at("risk_assessment.completed", &r.completed));
        let facilitator_courses = s
            .facilitators
            .iter()
            .enumerate()
            .map(|(i, f)| {
                (
                    date_at(
                        &format!("facilitators.{i}.facilitator_course"),
                        &f.facilitator_course,
                    ),
                    date_at(
                        &format!("facilitators.{i}.presentation_course"),
                        &f.presentation_course,
                    ),
                )
            })
            .collect();
        let starts = values::parse_datetime(&s.starts)
            .map_err(|m| {
                problems.push(
                    Diagnostic::new(&BAD_VALUE, format!("`starts`: {m}"))
                        .at_key(&data, "starts")
                        .help(values::DATETIME_HELP),
                )
            })
            .ok();
        // GSG 41: claims at the next visit in an office; by post from an external venue.
        let travel_claims = match s.travel_claims.as_deref().map(str::trim) {
            None => Some(if s.venue.is_some() {
                TravelRoute::ByPost
            } else {
                TravelRoute::AtNextVisit
            }),
            Some("at-next-visit") => Some(TravelRoute::AtNextVisit),
            Some("by-post") => Some(TravelRoute::ByPost),
            Some(other) => {
                problems.push(
                    Diagnostic::new(
                        &BAD_VALUE,
                        format!("`travel_claims`: `{other}` is not a way to claim travel costs"),
                    )
                    .at_key(&data, "travel_claims")
                    .help("write `at-next-visit` or `by-post`"),
                );
                None
            }
        };
        let claimants_source = s
            .claimants
            .clone()
            .unwrap_or_else(|| ListSource::Path(format!("claimants/{id}.csv")))
            .resolve()
            .unwrap_or_else(|m| {
                problems.push(
                    Diagnostic::new(&BAD_VALUE, format!("`claimants`: {m}"))
                        .at_key(&data, "claimants")
                        .help("write a path under content/, such as claimants/my-session.csv"),
                );
                TableSource::default()
            });
        // Every number from input has a range, so no sum or time can overflow.
        let mut range = |path: String, value: u32, allowed: std::ops::RangeInclusive<u32>| {
            if !allowed.contains(&value) {
                problems.push(
                    Diagnostic::new(
                        &BAD_VALUE,
                        format!(
                            "`{path}`: {value} is out of range ({} to {})",
                            allowed.start(),
                            allowed.end()
                        ),
                    )
                    .at_key(&data, &path)
                    .help("write the number as it really is"),
                );
            }
        };
        range("minutes".into(), s.minutes, 1..=MAX_MINUTES);
        range("max_invites".into(), s.max_invites, 1..=10_000);
        range("optimum_attendees".into(), s.optimum_attendees, 1..=1000);
        for (i, item) in s.agenda.iter().enumerate() {
            range(format!("agenda.{i}.minutes"), item.minutes, 0..=MAX_MINUTES);
        }
        let names_its_list = s.claimants.is_some();
        let lms_interview_type = s
            .lms_interview_type
            .clone()
            // GIS 20
            .unwrap_or_else(|| "Group Info Session (Non New Deal)".to_string());
        match (starts, travel_claims, problems.is_empty()) {
            (Some(starts), Some(travel_claims), true) => Ok(Session {
                id: id.to_string(),
                data,
                starts,
                letters_issued,
                risk_completed,
                facilitator_courses,
                travel_claims,
                claimants_source,
                names_its_list,
                lms_interview_type,
            }),
            _ => Err(problems),
        }
    }

    pub fn file(&self) -> &str {
        &self.data.file
    }

    pub fn ends(&self) -> NaiveDateTime {
        self.starts + TimeDelta::minutes(i64::from(self.minutes))
    }

    pub fn start_time(&self) -> NaiveTime {
        self.starts.time()
    }

    pub fn date(&self) -> NaiveDate {
        self.starts.date()
    }
}

/// What the place of a session has, for access needs (GSG 36-37): the venue's, or the office's
/// when there is no venue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facilities {
    pub step_free: bool,
    pub hearing_loop: bool,
    pub accessible_toilet: bool,
}

impl Facilities {
    pub fn of(session: &Session, office: &Office) -> Facilities {
        match &session.venue {
            Some(v) => Facilities {
                step_free: v.step_free,
                hearing_loop: v.hearing_loop,
                accessible_toilet: v.accessible_toilet,
            },
            None => Facilities {
                step_free: office.step_free,
                hearing_loop: office.hearing_loop,
                accessible_toilet: office.accessible_toilet,
            },
        }
    }

    pub fn meets(self, need: AccessNeed) -> bool {
        match need {
            AccessNeed::StepFree => self.step_free,
            AccessNeed::HearingLoop => self.hearing_loop,
            AccessNeed::AccessibleToilet => self.accessible_toilet,
        }
    }
}
