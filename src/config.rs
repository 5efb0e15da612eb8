//! `sessionpack.yaml`: the project's settings, typed, with every default in one place.
//! Unknown keys and badly written values are errors at their line, never silently ignored.

use std::collections::BTreeMap;

use chrono::NaiveTime;
use serde::{Deserialize, Deserializer};

use crate::codes::{BAD_VALUE, YAML_SCHEMA};
use crate::diag::{Diagnostic, LevelOverride};
use crate::model::claimant::{DECIDING, FIELDS, looks_like_deciding, normalise_header};
use crate::model::session::ListSource;
use crate::model::yaml::{self, Located};

pub const CONFIG_FILE: &str = "sessionpack.yaml";

/// `sessionpack.yaml`. Unknown keys are errors.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Rule levels by code: `GS002: allow`, `GS005: deny`.
    pub rules: BTreeMap<String, LevelOverride>,
    /// School hours for the childcare check (GSG 28-29).
    pub school_hours: SchoolHours,
    /// `a4` (default) or `a3`.
    pub poster_size: PosterSize,
    /// Claimant lists for several sessions (a week's export): each row's `session` column
    /// names its session. Paths under `content/`, or `{ file, sheet }`.
    pub claimant_files: Vec<ListSource>,
    /// The office's own column headings, mapped once to the tool's: `"Customer Surname":
    /// last_name`.
    pub columns: BTreeMap<String, String>,
    /// Letters issued fewer working days than this before the session get a warning.
    pub notice_working_days: u32,
    /// Who may read what `build` writes: `owner` (default) or `group`.
    pub out_permissions: OutPermissions,
    /// Most letters one typst process makes: a session with more invited claimants is
    /// compiled in parts, its print batch and claim forms numbered, so memory stays bounded.
    pub letters_per_typst: u32,
    /// Most table rows (preview list, register) one typst process makes: a longer table is
    /// compiled in parts, each a numbered file, so memory stays bounded.
    pub rows_per_typst: u32,
    /// Key paths of session texts that are rightly the same in Welsh and English (a proper
    /// name): no GS021 warning for them.
    pub same_in_both_languages: Vec<String>,
    /// How `sessionpack allocate` chooses sessions for a week's claimants.
    pub allocate: AllocateSettings,
}

/// `allocate:` in `sessionpack.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AllocateSettings {
    /// The week's pool of claimants, when `--pool` names none.
    pub pool: Option<ListSource>,
    /// For a project that reads lists of several sessions (`claimant_files`): the one list,
    /// with a `session` column, allocate writes for the window's sessions (one of
    /// `claimant_files`, a CSV file).
    pub week_list: Option<String>,
    /// The length assumed for a Jobsearch Review appointment (GIS 9).
    pub review_minutes: u32,
    /// Whether a claimant who wishes to use Welsh may be placed where no facilitator speaks
    /// it (`preferred`, at a cost) or not (`required`).
    pub welsh_at_session: WelshAtSession,
    pub weights: Weights,
    /// The points of booking an interpreter for one language at one session, shared by
    /// everyone placed there who needs it (GSG 29, 40). Set, it turns on the grouping stage
    /// for bookings (AL-G01), which replaces `interpreter_not_booked`.
    pub interpreter_booking: Option<u32>,
    /// Close the sessions that would run below their target of twice the optimum (GSG 32):
    /// the grouping stage (AL-G02) keeps a session only with enough claimants, or closes it.
    pub close_below_target: bool,
}

impl AllocateSettings {
    /// Whether the grouping stage runs.
    pub fn grouping(&self) -> bool {
        self.interpreter_booking.is_some() || self.close_below_target
    }
}

impl Default for AllocateSettings {
    fn default() -> Self {
        AllocateSettings {
            pool: None,
            week_list: None,
            review_minutes: 20,
            welsh_at_session: WelshAtSession::Preferred,
            weights: Weights::default(),
            interpreter_booking: None,
            close_below_target: false,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum WelshAtSession {
    #[default]
    Preferred,
    Required,
}

/// The points a placement costs for each preference it misses: bigger is worse. Printed in
/// the report and the baseline, so a result can be made again.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    pub not_review_day: u32,
    pub per_half_hour_from_review: u32,
    pub childcare_outside_school_hours: u32,
    pub welsh_wished_no_speaker: u32,
    pub welsh_correspondent_no_speaker: u32,
    pub interpreter_not_booked: u32,
    pub not_extended_for_interpreter: u32,
    pub audience_mismatch: u32,
    pub postal_outside_area: u32,
    #[serde(rename = "move")]
    pub move_: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            not_review_day: 100,
            per_half_hour_from_review: 2,
            childcare_outside_school_hours: 60,
            welsh_wished_no_speaker: 150,
            welsh_correspondent_no_speaker: 10,
            interpreter_not_booked: 40,
            not_extended_for_interpreter: 10,
            audience_mismatch: 10,
            postal_outside_area: 20,
            move_: 500,
        }
    }
}

impl Weights {
    /// The most half hours from the review that cost points (AL-T02: at most 10 points at
    /// the default weight).
    pub const HALF_HOURS_CAP: u32 = 5;
    /// The most steps outside a session's audience that cost points (AL-T08).
    pub const AUDIENCE_STEPS_CAP: u32 = 3;
    /// The points of leaving a claimant unplaced: above any one claimant's terms and a move
    /// together, so placing one more claimant always wins.
    pub const NOT_PLACED: u32 = 10_000;
    /// The most one weight may be.
    pub const MAX: u32 = 1_000;

    /// Every weight by its key, in the file's order.
    pub fn entries(&self) -> [(&'static str, u32); 10] {
        [
            ("not_review_day", self.not_review_day),
            ("per_half_hour_from_review", self.per_half_hour_from_review),
            (
                "childcare_outside_school_hours",
                self.childcare_outside_school_hours,
            ),
            ("welsh_wished_no_speaker", self.welsh_wished_no_speaker),
            (
                "welsh_correspondent_no_speaker",
                self.welsh_correspondent_no_speaker,
            ),
            ("interpreter_not_booked", self.interpreter_not_booked),
            (
                "not_extended_for_interpreter",
                self.not_extended_for_interpreter,
            ),
            ("audience_mismatch", self.audience_mismatch),
            ("postal_outside_area", self.postal_outside_area),
            ("move", self.move_),
        ]
    }

    /// The largest sum of one claimant's terms, plus a move.
    pub fn largest_claimant_sum(&self) -> u64 {
        let w = |x: u32| u64::from(x);
        w(self.not_review_day)
            .max(w(self.per_half_hour_from_review) * u64::from(Self::HALF_HOURS_CAP))
            + w(self.childcare_outside_school_hours)
            + w(self.welsh_wished_no_speaker).max(w(self.welsh_correspondent_no_speaker))
            + w(self.interpreter_not_booked)
            + w(self.not_extended_for_interpreter)
            + w(self.audience_mismatch) * u64::from(Self::AUDIENCE_STEPS_CAP + 1)
            + w(self.postal_outside_area)
            + w(self.move_)
    }
}

/// Who may read the files under `out/`: they hold personal data.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum OutPermissions {
    #[default]
    Owner,
    Group,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            rules: BTreeMap::new(),
            school_hours: SchoolHours::default(),
            poster_size: PosterSize::default(),
            claimant_files: Vec::new(),
            columns: BTreeMap::new(),
            notice_working_days: 2,
            out_permissions: OutPermissions::Owner,
            letters_per_typst: 30,
            rows_per_typst: 500,
            same_in_both_languages: Vec::new(),
            allocate: AllocateSettings::default(),
        }
    }
}

/// School hours, `HH:MM` (24-hour clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchoolHours {
    #[serde(deserialize_with = "clock_time")]
    pub starts: NaiveTime,
    #[serde(deserialize_with = "clock_time")]
    pub ends: NaiveTime,
}

impl Default for SchoolHours {
    fn default() -> Self {
        SchoolHours {
            starts: NaiveTime::from_hms_opt(9, 15, 0).unwrap_or(NaiveTime::MIN),
            ends: NaiveTime::from_hms_opt(14, 45, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

/// `09:15`: a time on the 24-hour clock, or an error naming the value.
fn clock_time<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
    let text = String::deserialize(d)?;
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
        serde::de::Error::custom(format!(
            "`{text}` is not a time: write it as HH:MM on the 24-hour clock, such as 09:15"
        ))
    })
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum PosterSize {
    /// A3 for an office in Wales (two languages at reading size from two metres), A4 in
    /// England.
    #[default]
    Auto,
    A4,
    A3,
}

impl PosterSize {
    /// The paper for a poster of an office in Wales or not.
    pub fn resolve(self, in_wales: bool) -> PosterSize {
        match (self, in_wales) {
            (PosterSize::Auto, true) => PosterSize::A3,
            (PosterSize::Auto, false) => PosterSize::A4,
            (size, _) => size,
        }
    }
}

/// Parse `sessionpack.yaml`: the settings (defaults where a problem leaves none), the file
/// with its key positions for later checks, and any problems.
pub fn parse(text: &str) -> (Config, Option<Located<Config>>, Vec<Diagnostic>) {
    if text.trim().is_empty() {
        return (Config::default(), None, Vec::new());
    }
    match yaml::parse::<Config>(CONFIG_FILE, text) {
        Ok(located) => {
            let mut diags = Vec::new();
            for (heading, field) in &located.value.columns {
                // GSG 26-37: a column that decides who is invited is read as such, always.
                if looks_like_deciding(&normalise_header(heading))
                    && !DECIDING.contains(&field.as_str())
                {
                    diags.push(
                        Diagnostic::new(
                            &YAML_SCHEMA,
                            format!(
                                "`columns`: `{heading}` looks like a column that decides who is invited; it cannot be read as `{field}`"
                            ),
                        )
                        .at_key(&located, &format!("columns.{heading}"))
                        .help(format!(
                            "map it to the column it is ({}), or remove the line: otherwise nobody would be kept off the list by it (GSG 26-37)",
                            DECIDING.join(", ")
                        ))
                        .fixed(),
                    );
                    continue;
                }
                if !FIELDS.contains(&field.as_str()) {
                    let close = FIELDS
                        .iter()
                        .max_by(|a, b| {
                            strsim::jaro_winkler(a, field)
                                .total_cmp(&strsim::jaro_winkler(b, field))
                        })
                        .copied()
                        .unwrap_or("last_name");
                    diags.push(
                        Diagnostic::new(
                            &YAML_SCHEMA,
                            format!("`columns`: `{field}` is not a column of the claimant list"),
                        )
                        .at_key(&located, &format!("columns.{heading}"))
                        .help(format!("did you mean `{close}`?")),
                    );
                }
            }
            for (i, source) in located.value.claimant_files.iter().enumerate() {
                if let Err(m) = source.resolve() {
                    diags.push(
                        Diagnostic::new(&BAD_VALUE, format!("`claimant_files`: {m}"))
                            .at_key(&located, &format!("claimant_files.{i}")),
                    );
                }
            }
            let weights = located.value.allocate.weights;
            for (key, value) in weights.entries() {
                if value > Weights::MAX {
                    diags.push(
                        Diagnostic::new(
                            &BAD_VALUE,
                            format!(
                                "`allocate.weights.{key}`: {value} is more than {}",
                                Weights::MAX
                            ),
                        )
                        .at_key(&located, &format!("allocate.weights.{key}"))
                        .help("a weight is a whole number of points from 0 to 1000"),
                    );
                }
            }
            let booking = located.value.allocate.interpreter_booking;
            if let Some(points) = booking.filter(|p| *p > Weights::MAX) {
                diags.push(
                    Diagnostic::new(
                        &BAD_VALUE,
                        format!(
                            "`allocate.interpreter_booking`: {points} is more than {}",
                            Weights::MAX
                        ),
                    )
                    .at_key(&located, "allocate.interpreter_booking")
                    .help("the points of one booking, a whole number from 0 to 1000; leave it out to turn the grouping stage for bookings off"),
                );
            }
            // One claimant may be the only one a booking is for: it counts as one of their terms.
            let largest = weights.largest_claimant_sum() + u64::from(booking.unwrap_or(0));
            if largest >= u64::from(Weights::NOT_PLACED) {
                diags.push(
                    Diagnostic::new(
                        &BAD_VALUE,
                        format!(
                            "`allocate.weights`: one claimant's terms, a booking and a move can add up to {largest} points, not below the {} points of leaving someone unplaced",
                            Weights::NOT_PLACED
                        ),
                    )
                    .at_key(&located, "allocate.weights")
                    .help("lower the weights: placing one more claimant must always count for more than any preference"),
                );
            }
            if let Some(Err(m)) = located
                .value
                .allocate
                .pool
                .as_ref()
                .map(ListSource::resolve)
            {
                diags.push(
                    Diagnostic::new(&BAD_VALUE, format!("`allocate.pool`: {m}"))
                        .at_key(&located, "allocate.pool"),
                );
            }
            (located.value.clone(), Some(located), diags)
        }
        Err(d) => (Config::default(), None, vec![d]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_in_one_place() {
        let (c, _, d) = parse("");
        assert!(d.is_empty());
        assert_eq!(c.school_hours, SchoolHours::default());
        assert_eq!(c.poster_size, PosterSize::Auto);
        assert_eq!(c.poster_size.resolve(true), PosterSize::A3);
        assert_eq!(c.poster_size.resolve(false), PosterSize::A4);
        let (c, _, d) = parse("poster_size: a3\n");
        assert!(d.is_empty());
        assert_eq!(c.notice_working_days, 2);
        assert_eq!(c.poster_size, PosterSize::A3);
        assert_eq!(c.school_hours.starts.to_string(), "09:15:00");
    }

    #[test]
    fn columns_map_to_the_tools_fields_only() {
        let (c, _, d) = parse("columns:\n  \"Customer Surname\": last_name\n  Town: twon\n");
        assert_eq!(c.columns["Customer Surname"], "last_name");
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("`twon`"), "{}", d[0].message);
        assert_eq!(d[0].location.as_ref().unwrap().line, Some(3));
        let (c, _, d) = parse(
            "claimant_files:\n  - claimants/week.xlsx\n  - { file: w.xlsx, sheet: Cardiff }\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(c.claimant_files.len(), 2);
    }

    #[test]
    fn a_bad_school_time_is_an_error_naming_the_value() {
        let (_, _, d) = parse("school_hours:\n  starts: \"9.15am\"\n  ends: \"14:45\"\n");
        let d = d.into_iter().next().expect("an error");
        assert!(
            d.message.contains("`9.15am` is not a time"),
            "{}",
            d.message
        );
        assert_eq!(d.location.unwrap().line, Some(2));
    }
}
