//! Dates and times in English and Welsh (`reference/welsh.md` §2): our own tables, because
//! neither chrono's locales (English am/pm, ambiguous `Mawrth`) nor ICU4X gives letter style.
//!
//! English (GOV.UK style): `Tuesday 1 December 2026`, `10am`, `1:30pm`, `midday`.
//! Welsh: `Dydd Mawrth 1 Rhagfyr 2026`, in a sentence `ddydd Mawrth 1 Rhagfyr 2026`,
//! `10yb`, `2:30yh`, `canol dydd`, `hanner nos`.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike, Weekday};

use super::Lang;

const EN_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const CY_DAYS: [&str; 7] = [
    "Llun", "Mawrth", "Mercher", "Iau", "Gwener", "Sadwrn", "Sul",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const CY_MONTHS: [&str; 12] = [
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
];

fn day_index(w: Weekday) -> usize {
    w.num_days_from_monday() as usize
}

/// `1 December 2026` / `1 Rhagfyr 2026`: the date line of a letter.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let month = match lang {
        Lang::En => EN_MONTHS[d.month0() as usize],
        Lang::Cy => CY_MONTHS[d.month0() as usize],
    };
    format!("{} {month} {}", d.day(), d.year())
}

/// `Tuesday 1 December 2026` / `Dydd Mawrth 1 Rhagfyr 2026`: a date standing alone
/// (a heading, a label's value, the start of a line).
pub fn weekday_date(lang: Lang, d: NaiveDate) -> String {
    format!("{} {}", weekday(lang, d.weekday()), date(lang, d))
}

/// The weekday with `dydd`, never bare (`Mawrth` is both Tuesday and March).
pub fn weekday(lang: Lang, w: Weekday) -> String {
    match lang {
        Lang::En => EN_DAYS[day_index(w)].to_string(),
        Lang::Cy => format!("Dydd {}", CY_DAYS[day_index(w)]),
    }
}

/// A date inside a sentence: the Welsh adverbial phrase mutates (`ddydd Mawrth ...`).
/// English is the same as [`weekday_date`].
pub fn weekday_date_in_sentence(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::En => weekday_date(lang, d),
        Lang::Cy => format!(
            "ddydd {} {}",
            CY_DAYS[day_index(d.weekday())],
            date(lang, d)
        ),
    }
}

/// `10am`, `2:30pm`, `midday` / `10yb`, `2:30yh`, `canol dydd` (GOV.UK style: no `:00`).
pub fn time(lang: Lang, t: NaiveTime) -> String {
    let (h, m) = (t.hour(), t.minute());
    match (h, m, lang) {
        (12, 0, Lang::En) => return "midday".into(),
        (0, 0, Lang::En) => return "midnight".into(),
        (12, 0, Lang::Cy) => return "canol dydd".into(),
        (0, 0, Lang::Cy) => return "hanner nos".into(),
        _ => {}
    }
    let h12 = match h % 12 {
        0 => 12,
        h => h,
    };
    let suffix = match (h < 12, lang) {
        (true, Lang::En) => "am",
        (false, Lang::En) => "pm",
        (true, Lang::Cy) => "yb",
        (false, Lang::Cy) => "yh",
    };
    if m == 0 {
        format!("{h12}{suffix}")
    } else {
        format!("{h12}:{m:02}{suffix}")
    }
}

/// The start and end of a time range as the `time-range` string takes them: a start at noon or
/// midnight opens the value with a capital (`Midday to 1pm`, `Canol dydd tan 1yh`), and
/// in Welsh the end follows `tan`, which soft-mutates it: `tan ganol dydd` (`hanner nos` does
/// not change). welsh.md §3.3 leaves `tan` off its list of triggers; it is one.
pub fn range_ends(lang: Lang, start: NaiveTime, end: NaiveTime) -> (String, String) {
    let mut from = time(lang, start);
    if let Some(first) = from.chars().next().filter(|c| c.is_alphabetic()) {
        from = first.to_uppercase().chain(from.chars().skip(1)).collect();
    }
    let mut to = time(lang, end);
    if lang == Lang::Cy && to == "canol dydd" {
        to = "ganol dydd".to_string();
    }
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn welsh_dates_as_in_the_reference() {
        assert_eq!(
            weekday_date(Lang::Cy, d(2026, 12, 1)),
            "Dydd Mawrth 1 Rhagfyr 2026"
        );
        assert_eq!(
            weekday_date(Lang::Cy, d(2026, 11, 23)),
            "Dydd Llun 23 Tachwedd 2026"
        );
        assert_eq!(
            weekday_date(Lang::Cy, d(2026, 3, 3)),
            "Dydd Mawrth 3 Mawrth 2026"
        );
        assert_eq!(date(Lang::Cy, d(2025, 2, 1)), "1 Chwefror 2025");
        assert_eq!(
            weekday_date_in_sentence(Lang::Cy, d(2026, 11, 23)),
            "ddydd Llun 23 Tachwedd 2026"
        );
        assert_eq!(
            weekday_date(Lang::Cy, d(2026, 7, 1)),
            "Dydd Mercher 1 Gorffennaf 2026"
        );
    }

    #[test]
    fn english_dates() {
        assert_eq!(
            weekday_date(Lang::En, d(2026, 12, 1)),
            "Tuesday 1 December 2026"
        );
        assert_eq!(date(Lang::En, d(2026, 11, 23)), "23 November 2026");
        assert_eq!(
            weekday_date_in_sentence(Lang::En, d(2026, 12, 1)),
            "Tuesday 1 December 2026"
        );
    }

    #[test]
    fn all_welsh_months_and_days() {
        let months: Vec<String> = (1..=12).map(|m| date(Lang::Cy, d(2026, m, 1))).collect();
        assert_eq!(months[0], "1 Ionawr 2026");
        assert_eq!(months[11], "1 Rhagfyr 2026");
        let days: Vec<String> = (7..=13)
            .map(|day| weekday(Lang::Cy, d(2026, 12, day).weekday()))
            .collect();
        assert_eq!(
            days,
            [
                "Dydd Llun",
                "Dydd Mawrth",
                "Dydd Mercher",
                "Dydd Iau",
                "Dydd Gwener",
                "Dydd Sadwrn",
                "Dydd Sul"
            ]
        );
    }

    #[test]
    fn ranges_mutate_after_tan_and_open_with_a_capital() {
        assert_eq!(
            range_ends(Lang::Cy, t(10, 30), t(12, 0)),
            ("10:30yb".to_string(), "ganol dydd".to_string())
        );
        assert_eq!(
            range_ends(Lang::Cy, t(12, 0), t(13, 0)),
            ("Canol dydd".to_string(), "1yh".to_string())
        );
        assert_eq!(
            range_ends(Lang::En, t(12, 0), t(13, 0)),
            ("Midday".to_string(), "1pm".to_string())
        );
        assert_eq!(range_ends(Lang::Cy, t(23, 0), t(0, 0)).1, "hanner nos");
    }

    #[test]
    fn times() {
        assert_eq!(time(Lang::Cy, t(10, 0)), "10yb");
        assert_eq!(time(Lang::Cy, t(14, 0)), "2yh");
        assert_eq!(time(Lang::Cy, t(12, 0)), "canol dydd");
        assert_eq!(time(Lang::Cy, t(0, 0)), "hanner nos");
        assert_eq!(time(Lang::Cy, t(12, 30)), "12:30yh");
        assert_eq!(time(Lang::En, t(10, 30)), "10:30am");
        assert_eq!(time(Lang::En, t(14, 5)), "2:05pm");
        assert_eq!(time(Lang::En, t(12, 0)), "midday");
    }
}
