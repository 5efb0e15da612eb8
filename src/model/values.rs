//! Parsers for the small values in YAML and CSV: yes/no, dates, times, IDs.
//! Each returns a message a support officer understands when the value is wrong.

use chrono::{NaiveDate, NaiveDateTime};

/// Yes/no cells: `yes`, `no`, `y`, `n`, `true`, `false`, `1`, `0`, blank (= no), any case.
/// Anything else is an error, never a silent "no".
pub fn parse_yes_no(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" | "" => Ok(false),
        _ => Err(format!("`{}` is not a yes/no value", text.trim())),
    }
}

pub const YES_NO_HELP: &str =
    "write yes or no (y, n, true, false, 1 and 0 also work; blank means no)";

/// Dates: `YYYY-MM-DD` or `DD/MM/YYYY`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .ok()
        // `%Y` accepts short years such as `26`; a date on a letter needs all four digits, and
        // a year this tool can print and time-stamp (1970 onwards, as PDFs are).
        .filter(|d| YEARS.contains(&chrono::Datelike::year(d)))
        .ok_or_else(|| format!("`{t}` is not a date"))
}

/// The years a date may be in.
pub const YEARS: std::ops::RangeInclusive<i32> = 1970..=2100;

pub const DATE_HELP: &str =
    "write the date as YYYY-MM-DD (2026-12-01) or DD/MM/YYYY (01/12/2026), between 1970 and 2100";

/// Local date and time: `2026-12-01T10:00` (a space instead of `T` and seconds also accepted).
pub fn parse_datetime(text: &str) -> Result<NaiveDateTime, String> {
    let t = text.trim();
    [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
    .filter(|d| YEARS.contains(&chrono::Datelike::year(d)))
    .ok_or_else(|| format!("`{t}` is not a date and time between 1970 and 2100"))
}

pub const DATETIME_HELP: &str =
    "write the local date and time as YYYY-MM-DDTHH:MM, e.g. 2026-12-01T10:00";

/// IDs are file stems: lower-case letters, digits and `-` only, so they can never be a path.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// IDs name folders and zips under `out/`: long enough for any real name, short enough for
/// every file system.
pub const MAX_ID_LEN: usize = 64;

pub const ID_HELP: &str = "use only lower-case letters, digits and `-`, at most 64 of them (for example `cardiff-2026-12-01`)";

/// Claimant references name output files: letters, digits and `-`.
pub fn is_valid_ref(r: &str) -> bool {
    !r.is_empty() && r.len() <= 64 && r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_no_accepts_the_documented_spellings() {
        for t in ["yes", "YES", "Y", "true", "True", "1", " yes "] {
            assert_eq!(parse_yes_no(t), Ok(true), "{t}");
        }
        for t in ["no", "N", "FALSE", "0", "", "  "] {
            assert_eq!(parse_yes_no(t), Ok(false), "{t}");
        }
    }

    #[test]
    fn yes_no_refuses_anything_else() {
        for t in ["maybe", "ja", "Y.", "2", "yes please", "-"] {
            let err = parse_yes_no(t).unwrap_err();
            assert!(err.contains("is not a yes/no value"), "{err}");
        }
    }

    #[test]
    fn dates_in_both_forms() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(parse_date("2026-12-01"), Ok(d));
        assert_eq!(parse_date("01/12/2026"), Ok(d));
        assert_eq!(parse_date("1/12/2026"), Ok(d));
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("12/31/2026").is_err());
        assert!(parse_date("01/12/26").is_err());
        assert!(parse_date("next tuesday").is_err());
        assert!(parse_date("").is_err());
        assert!(parse_date("1969-12-31").is_err());
        assert!(parse_datetime("+262142-12-31T23:30").is_err());
    }

    #[test]
    fn datetimes() {
        let dt = parse_datetime("2026-12-01T10:00").unwrap();
        assert_eq!(dt.to_string(), "2026-12-01 10:00:00");
        assert!(parse_datetime("2026-12-01").is_err());
        assert!(parse_datetime("2026-12-01T25:00").is_err());
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("cardiff-2026-12-01"));
        assert!(!is_valid_id("Cardiff"));
        assert!(!is_valid_id("../etc"));
        assert!(!is_valid_id("a_b"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id(&"a".repeat(65)));
        assert!(is_valid_ref("AB-123"));
        assert!(!is_valid_ref("AB 123"));
        assert!(!is_valid_ref("../x"));
    }
}
