//! `sessionpack.yaml`: the project's settings, typed, with every default in one place.
//! Unknown keys and badly written values are errors at their line, never silently ignored.

use std::collections::BTreeMap;

use chrono::NaiveTime;
use serde::{Deserialize, Deserializer};

use crate::diag::{Diagnostic, LevelOverride};
use crate::model::yaml::{self, Located};

pub const CONFIG_FILE: &str = "sessionpack.yaml";

/// `sessionpack.yaml`. Unknown keys are errors.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Rule levels by code: `GS002: allow`, `GS005: deny`.
    pub rules: BTreeMap<String, LevelOverride>,
    /// School hours for the childcare check (GSG 28-29).
    pub school_hours: SchoolHours,
    /// `a4` (default) or `a3`.
    pub poster_size: PosterSize,
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
    #[default]
    A4,
    A3,
}

/// Parse `sessionpack.yaml`: the settings (defaults where a problem leaves none), the file
/// with its key positions for later checks, and any problem.
pub fn parse(text: &str) -> (Config, Option<Located<Config>>, Option<Diagnostic>) {
    if text.trim().is_empty() {
        return (Config::default(), None, None);
    }
    match yaml::parse::<Config>(CONFIG_FILE, text) {
        Ok(located) => (located.value.clone(), Some(located), None),
        Err(d) => (Config::default(), None, Some(d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_in_one_place() {
        let (c, _, d) = parse("");
        assert!(d.is_none());
        assert_eq!(c.school_hours, SchoolHours::default());
        assert_eq!(c.poster_size, PosterSize::A4);
        let (c, _, d) = parse("poster_size: a3\n");
        assert!(d.is_none());
        assert_eq!(c.poster_size, PosterSize::A3);
        assert_eq!(c.school_hours.starts.to_string(), "09:15:00");
    }

    #[test]
    fn a_bad_school_time_is_an_error_naming_the_value() {
        let (_, _, d) = parse("school_hours:\n  starts: \"9.15am\"\n  ends: \"14:45\"\n");
        let d = d.expect("an error");
        assert!(
            d.message.contains("`9.15am` is not a time"),
            "{}",
            d.message
        );
        assert_eq!(d.location.unwrap().line, Some(2));
    }
}
