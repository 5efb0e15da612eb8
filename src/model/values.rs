//! Parsers for the small values in YAML and CSV: yes/no, dates, times, IDs.
//! Each returns a message a support officer understands when the value is wrong.

use chrono::{NaiveDate, NaiveDateTime};

/// Yes/no cells: `yes`, `no`, `y`, `n`, `true`, `false`, `1`, `0`, Welsh `ie`, `na`, blank
/// (= no), any case, as offices type them. Anything else is an error, never a silent "no".
pub fn parse_yes_no(text: &str) -> Result<bool, String> {
    // Matched exactly, case aside: these cells decide who is invited, so `-` or `Y.` is asked
    // about, never read.
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "ie" => Ok(true),
        "no" | "n" | "false" | "0" | "na" | "" => Ok(false),
        _ => Err(format!("`{}` is not a yes/no value", text.trim())),
    }
}

pub const YES_NO_HELP: &str =
    "write yes or no (y, n, true, false, 1, 0, ie and na also work; blank means no)";

/// A cell's value matched the way headings are: case, spaces, `_`, `-`, `+` and other
/// punctuation do not matter (`Cy+En`, `cy-en`, `CY EN` are all `cy_en`).
pub fn value_key(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// A value of a fixed set, each with the spellings offices use (matched by [`value_key`]); a
/// cell that is none of them gets the nearest spellings, for a "did you mean", and is never
/// guessed.
pub fn match_value<T: Copy>(text: &str, spellings: &[(&str, T)]) -> Result<T, Vec<String>> {
    let key = value_key(text);
    if let Some((_, v)) = spellings.iter().find(|(s, _)| value_key(s) == key) {
        return Ok(*v);
    }
    let mut near: Vec<(f64, &str)> = spellings
        .iter()
        .map(|(s, _)| (strsim::jaro_winkler(&key, &value_key(s)), *s))
        .filter(|(score, _)| *score > 0.8)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0));
    // Only the closest: `Welsch` is `welsh`, not also `welsh and english`.
    let best = near.first().map_or(0.0, |n| n.0);
    let mut names: Vec<String> = Vec::new();
    for (_, s) in near.into_iter().filter(|(score, _)| *score >= best - 0.02) {
        if !names.iter().any(|n| n == s) {
            names.push(s.to_string());
        }
    }
    names.truncate(3);
    Err(names)
}

/// "did you mean X or Y?" for the nearest spellings, or nothing.
pub fn did_you_mean(near: &[String]) -> String {
    match near {
        [] => String::new(),
        [one] => format!("did you mean `{one}`? "),
        [rest @ .., last] => format!(
            "did you mean {} or `{last}`? ",
            rest.iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A UK National Insurance number typed with spaces (`AB 12 34 56 C`), as its nine
/// characters (`AB123456C`); anything else unchanged.
pub fn compact_nino(text: &str) -> String {
    let compact: String = text.split_whitespace().collect();
    let b = compact.as_bytes();
    let nino = b.len() == 9
        && b[..2].iter().all(u8::is_ascii_alphabetic)
        && b[2..8].iter().all(u8::is_ascii_digit)
        && b[8].is_ascii_alphabetic();
    if nino && compact != text.trim() {
        compact.to_ascii_uppercase()
    } else {
        text.trim().to_string()
    }
}

/// Dates: `YYYY-MM-DD`, the UK's `DD/MM/YYYY` (also with `-` or `.`), or an Excel serial
/// date (`46359`, a date cell saved without its date format), between 1970 and 2100.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .or_else(|_| NaiveDate::parse_from_str(t, "%d-%m-%Y"))
        .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%Y"))
        .ok()
        .or_else(|| excel_serial(t))
        // `%Y` accepts short years such as `26`; a date on a letter needs all four digits, and
        // a year this tool can print and time-stamp (1970 onwards, as PDFs are).
        .filter(|d| YEARS.contains(&chrono::Datelike::year(d)))
        .ok_or_else(|| format!("`{t}` is not a date"))
}

/// An Excel serial date: whole days since 30 December 1899 (Excel's day 1 is 1 January
/// 1900, counting its 29 February 1900). Only five-digit numbers, 1970 to 2100, are taken:
/// a smaller number in a date column is a typing slip, not a date.
fn excel_serial(text: &str) -> Option<NaiveDate> {
    if text.len() != 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let days: i64 = text.parse().ok()?;
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::TimeDelta::days(days))
}

/// A time of day on the 24-hour clock: `10:40`, `9:05`, or with seconds as a workbook's time
/// cell is read (`10:40:00`).
pub fn parse_time(text: &str) -> Result<chrono::NaiveTime, String> {
    let t = text.trim();
    chrono::NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| chrono::NaiveTime::parse_from_str(t, "%H:%M:%S"))
        .map_err(|_| format!("`{t}` is not a time"))
}

/// The years a date may be in.
pub const YEARS: std::ops::RangeInclusive<i32> = 1970..=2100;

pub const DATE_HELP: &str =
    "write the date as DD/MM/YYYY (01/12/2026) or YYYY-MM-DD (2026-12-01), between 1970 and 2100";

/// Local date and time: `2026-12-01T10:00` (a space instead of `T` and seconds also
/// accepted), or as UK offices write it, `01/12/2026 10:00` (also with `-` or `.`), as
/// claimant cells are read.
pub fn parse_datetime(text: &str) -> Result<NaiveDateTime, String> {
    let t = text.trim();
    [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%d-%m-%Y %H:%M",
        "%d.%m.%Y %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
    .filter(|d| YEARS.contains(&chrono::Datelike::year(d)))
    .ok_or_else(|| format!("`{t}` is not a date and time between 1970 and 2100"))
}

pub const DATETIME_HELP: &str = "write the local date and time as YYYY-MM-DDTHH:MM (2026-12-01T10:00) or DD/MM/YYYY HH:MM (01/12/2026 10:00), the hour from 00 to 23";

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

/// What to do about a file whose name is not a valid ID: rename it to the nearest valid one
/// (`Bristol 2026-12-09 - Copy` becomes `bristol-2026-12-09-copy`), when there is one.
pub fn id_help(stem: &str, folder: &str, extension: &str) -> String {
    let mut id = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let id: String = id.trim_matches('-').chars().take(MAX_ID_LEN).collect();
    let id = id.trim_end_matches('-');
    if is_valid_id(id) {
        format!("rename it {folder}/{id}.{extension}; {ID_HELP}")
    } else {
        ID_HELP.to_string()
    }
}

/// Claimant references name output files: letters, digits and `-`.
pub fn is_valid_ref(r: &str) -> bool {
    !r.is_empty() && r.len() <= 64 && r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_as_offices_type_them() {
        for yes in ["Y", "yes", "TRUE", "1", "Ie", " ie "] {
            assert_eq!(parse_yes_no(yes), Ok(true), "{yes}");
        }
        for no in ["N", "No", "false", "0", "Na", ""] {
            assert_eq!(parse_yes_no(no), Ok(false), "{no}");
        }
        assert!(parse_yes_no("maybe").is_err());
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(parse_date("03/12/2026").ok(), d(2026, 12, 3));
        assert_eq!(parse_date("03-12-2026").ok(), d(2026, 12, 3));
        assert_eq!(parse_date("03.12.2026").ok(), d(2026, 12, 3));
        // Excel: 46359 is 3 December 2026 (25569 is 1 January 1970).
        assert_eq!(parse_date("46359").ok(), d(2026, 12, 3));
        assert_eq!(parse_date("25569").ok(), d(1970, 1, 1));
        assert!(parse_date("463").is_err());
        assert!(parse_date("99999").is_err(), "after 2100");
        assert_eq!(compact_nino("ab 12 34 56 c"), "AB123456C");
        assert_eq!(compact_nino("AB123456C"), "AB123456C");
        assert_eq!(compact_nino("C1001"), "C1001");
        assert_eq!(
            compact_nino("B 3001"),
            "B 3001",
            "not a NINO: left for the check"
        );
        let spellings = [("yes", 1), ("no", 0), ("both", 2)];
        assert_eq!(match_value("  BOTH ", &spellings), Ok(2));
        assert_eq!(
            match_value("bothh", &spellings),
            Err(vec!["both".to_string()])
        );
    }

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
        assert_eq!(
            parse_datetime("08/12/2026 10:00").unwrap().to_string(),
            "2026-12-08 10:00:00"
        );
        assert_eq!(
            id_help("Bristol 2026-12-09 - Copy", "content/sessions", "yaml"),
            format!("rename it content/sessions/bristol-2026-12-09-copy.yaml; {ID_HELP}")
        );
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
