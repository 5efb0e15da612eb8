//! Welsh is first-class: when a session produces any Welsh output, every text it prints has a
//! Welsh version (addresses of offices and venues included; an office in Wales always has a
//! Welsh address), and the two strings files have the same keys. Never a silent English
//! fallback (Welsh Language Standards; welsh.md §0).

use crate::codes::{BAD_VALUE, PLACEHOLDER_MISMATCH};
use crate::diag::{Diagnostic, Level, Location, Rule};
use crate::l10n::Lang;
use crate::l10n::strings::SAME_IN_BOTH;
use crate::model::{Session, Texts};
use crate::rules::concern::{Concern, Input, Report};

pub static WELSH_MISSING: Rule = Rule {
    code: "GS014",
    name: "welsh-missing",
    level: Level::Error,
    must: false,
    source: Some("Welsh standards"),
    summary: "Welsh output must be complete Welsh: no English fallback for a missing title, note or string",
};

pub static SAME_AS_ENGLISH: Rule = Rule {
    code: "GS021",
    name: "welsh-same-as-english",
    level: Level::Warning,
    must: false,
    source: Some("Welsh standards"),
    summary: "a Welsh text identical to its English is usually English pasted in; mark the few that are rightly the same",
};

pub const CONCERN: Concern = Concern {
    rules: &[&WELSH_MISSING, &SAME_AS_ENGLISH],
    check,
};

/// Every bilingual text a session's documents print, with its key path.
pub fn texts(session: &Session) -> Vec<(String, &Texts)> {
    let mut out = vec![("title".to_string(), &session.title)];
    if let Some(v) = &session.venue {
        out.push(("venue.name".into(), &v.name));
    }
    for (i, o) in session.opportunities.iter().enumerate() {
        out.push((format!("opportunities.{i}"), o));
    }
    for (i, a) in session.agenda.iter().enumerate() {
        if let Some(n) = &a.notes {
            out.push((format!("agenda.{i}.notes"), n));
        }
    }
    let d = &session.domestics;
    for (key, t) in [
        ("refreshments", &d.refreshments),
        ("fire_assembly_point", &d.fire_assembly_point),
        ("toilets", &d.toilets),
    ] {
        if let Some(t) = t {
            out.push((format!("domestics.{key}"), t));
        }
    }
    out
}

fn check(input: &Input, report: &mut Report) {
    strings(input, report);
    for s in &input.sessions {
        let session = s.session;
        let welsh = s.needs_welsh();
        for (path, t) in texts(session) {
            if let (Some(en), Some(cy)) = (t.get(Lang::En), t.get(Lang::Cy))
                && en == cy
                && en.chars().any(char::is_alphabetic)
                && !same_allowed(input, &path)
            {
                report.push(
                    Diagnostic::new(
                        &SAME_AS_ENGLISH,
                        format!("`{path}.cy` is the same as `{path}.en`: `{cy}`"),
                    )
                    .at_key(&session.data, &path)
                    .help(format!("put the Welsh under `{path}.cy`; if it is rightly the same (a proper name), list `{path}` under `same_in_both_languages` in sessionpack.yaml"))
                    .session(&session.id),
                );
            }
            if t.get(Lang::En).is_none() {
                report.push(
                    Diagnostic::new(
                        &BAD_VALUE,
                        format!("`{path}.en`: the English text is missing"),
                    )
                    .at_key(&session.data, &path)
                    .help(format!("add `en:` under `{path}`"))
                    .session(&session.id),
                );
            }
            if welsh && t.get(Lang::Cy).is_none() {
                report.push(
                    Diagnostic::new(&WELSH_MISSING, format!("`{path}.cy`: the Welsh text is missing, and this session produces Welsh documents"))
                        .at_key(&session.data, &path)
                        .help(format!("add `cy:` under `{path}` (ask a Welsh translator); English is never printed in its place"))
                        .session(&session.id),
                );
            }
        }
        // Addresses too: an office in Wales always prints its address in Welsh, and any session
        // with Welsh documents prints its office's or venue's.
        let in_wales = s.office.is_some_and(|o| o.in_wales);
        if let Some(v) = &session.venue {
            check_address(
                input,
                report,
                (&session.data, "venue.address", &v.address),
                "`venue.address.cy` is the same as `venue.address.en`",
                (welsh || in_wales).then(|| "`venue.address`: the venue has no Welsh address, and this session produces Welsh documents".to_string()),
                &session.id,
            );
        }
        if let Some(office) = s.office {
            check_address(
                input,
                report,
                (&office.data, "address", &office.address),
                "the office's `address.cy` is the same as its `address.en`",
                (welsh || office.in_wales).then(|| {
                    if office.in_wales {
                        "`address`: the office is in Wales and has no Welsh address".to_string()
                    } else {
                        format!("`address`: the office has no Welsh address, and session `{}` produces Welsh documents", session.id)
                    }
                }),
                &session.id,
            );
            if welsh && office.name.get(Lang::Cy).is_none() {
                report.push(
                    Diagnostic::new(&WELSH_MISSING, format!("`name.cy`: the office has no Welsh name, and session `{}` produces Welsh documents", session.id))
                        .at_key(&office.data, "name")
                        .help("add `cy:` under `name`")
                        .session(&session.id),
                );
            }
            if office.name.get(Lang::En).is_none() {
                report.push(
                    Diagnostic::new(&BAD_VALUE, "`name.en`: the office has no English name")
                        .at_key(&office.data, "name")
                        .help("add `en:` under `name`")
                        .session(&session.id),
                );
            }
        }
    }
}

/// GS021 when an address's Welsh lines are its English ones; GS014 (`missing`, when Welsh is
/// needed) when it has no Welsh lines. `at` is the file, the key and the address.
fn check_address<T>(
    input: &Input,
    report: &mut Report,
    at: (
        &crate::model::yaml::Located<T>,
        &str,
        &crate::model::AddressLines,
    ),
    same: &str,
    missing: Option<String>,
    session: &str,
) {
    let (data, key, address) = at;
    if same_address(address) && !same_allowed(input, key) {
        report.push(
            Diagnostic::new(&SAME_AS_ENGLISH, same)
                .at_key(data, key)
                .help(format!("put the Welsh street and town names under `cy:`; if the address is rightly the same, list `{key}` under `same_in_both_languages` in sessionpack.yaml"))
                .session(session),
        );
    }
    if let Some(message) = missing.filter(|_| !address.has_welsh()) {
        report.push(
            Diagnostic::new(&WELSH_MISSING, message)
                .at_key(data, key)
                .help("give the address as `address: { en: [...], cy: [...] }` (ask a Welsh translator for the Welsh street names); English is never printed in its place")
                .session(session),
        );
    }
}

/// An address given in both languages whose Welsh lines are the English ones.
fn same_address(address: &crate::model::AddressLines) -> bool {
    matches!(address, crate::model::AddressLines::ByLanguage { en, cy } if !cy.is_empty() && en == cy)
}

/// Whether the project says the text at `path` is rightly the same in both languages.
fn same_allowed(input: &Input, path: &str) -> bool {
    input
        .project
        .config
        .same_in_both_languages
        .iter()
        .any(|p| p == path)
}

/// Every string is in both languages: a key in one strings file only is an error at its line.
/// Both use the same placeholders, and a Welsh string is not the English pasted in.
fn strings(input: &Input, report: &mut Report) {
    let Some(strings) = &input.project.strings else {
        return;
    };
    for key in strings.keys(Lang::Cy).keys() {
        let (Some(en), Some(cy)) = (strings.info(Lang::En, key), strings.info(Lang::Cy, key))
        else {
            continue;
        };
        if en.placeholders != cy.placeholders {
            let show = |set: &std::collections::BTreeSet<String>| {
                if set.is_empty() {
                    "none".to_string()
                } else {
                    set.iter()
                        .map(|p| format!("{{ ${p} }}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            };
            let unknown: Vec<&String> = cy.placeholders.difference(&en.placeholders).collect();
            report.push(
                Diagnostic::new(
                    &PLACEHOLDER_MISMATCH,
                    format!(
                        "`{key}` uses {} in {}, but {} in {}",
                        show(&cy.placeholders),
                        strings.file(Lang::Cy),
                        show(&en.placeholders),
                        strings.file(Lang::En)
                    ),
                )
                .at(Location::line(strings.file(Lang::Cy), cy.line))
                .snippet(format!("{key} = {}", cy.source))
                .help(match unknown.first() {
                    Some(p) => format!("`{{ ${p} }}` is not one of this string's placeholders: use the English string's"),
                    None => "use every placeholder the English string uses".to_string(),
                }),
            );
        }
        if en.source.trim() == cy.source.trim()
            && cy.source.chars().any(char::is_alphabetic)
            && !cy.same_in_both()
        {
            report.push(
                Diagnostic::new(
                    &SAME_AS_ENGLISH,
                    format!(
                        "`{key}` in {} is the same as in {}",
                        strings.file(Lang::Cy),
                        strings.file(Lang::En)
                    ),
                )
                .at(Location::line(strings.file(Lang::Cy), cy.line))
                .snippet(format!("{key} = {}", cy.source))
                .help(format!("translate it; if it is rightly the same in both languages, add the comment `# {SAME_IN_BOTH}` above it")),
            );
        }
    }
    for (have, lack) in [(Lang::En, Lang::Cy), (Lang::Cy, Lang::En)] {
        for (key, line) in strings.keys(have) {
            if !strings.has(lack, key) {
                report.push(
                    Diagnostic::new(
                        &WELSH_MISSING,
                        format!(
                            "the string `{key}` is in {} but missing from {}",
                            strings.file(have),
                            strings.file(lack)
                        ),
                    )
                    .at(Location::line(strings.file(have), *line))
                    .help(format!("add `{key} = ...` to {}", strings.file(lack))),
                );
            }
        }
    }
}
