//! Welsh is first-class: when a session produces any Welsh output, every text it prints has a
//! Welsh version (addresses of offices and venues included; an office in Wales always has a
//! Welsh address), and the two strings files have the same keys. Never a silent English
//! fallback (Welsh Language Standards; welsh.md §0).

use crate::codes::BAD_VALUE;
use crate::diag::{Diagnostic, Level, Location, Rule};
use crate::l10n::Lang;
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

pub const CONCERN: Concern = Concern {
    rules: &[&WELSH_MISSING],
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
        if let Some(v) = &session.venue
            && (welsh || in_wales)
            && !v.address.has_welsh()
        {
            report.push(
                Diagnostic::new(
                    &WELSH_MISSING,
                    "`venue.address`: the venue has no Welsh address, and this session produces Welsh documents",
                )
                .at_key(&session.data, "venue.address")
                .help("give the address as `address: { en: [...], cy: [...] }` (ask a Welsh translator for the Welsh street names); English is never printed in its place")
                .session(&session.id),
            );
        }
        if let Some(office) = s.office {
            if (welsh || office.in_wales) && !office.address.has_welsh() {
                report.push(
                    Diagnostic::new(
                        &WELSH_MISSING,
                        if office.in_wales {
                            "`address`: the office is in Wales and has no Welsh address".to_string()
                        } else {
                            format!("`address`: the office has no Welsh address, and session `{}` produces Welsh documents", session.id)
                        },
                    )
                    .at_key(&office.data, "address")
                    .help("give the address as `address: { en: [...], cy: [...] }` (ask a Welsh translator for the Welsh street names); English is never printed in its place")
                    .session(&session.id),
                );
            }
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

/// Every string is in both languages: a key in one strings file only is an error at its line.
fn strings(input: &Input, report: &mut Report) {
    let Some(strings) = &input.project.strings else {
        return;
    };
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
