//! Welsh is first-class: when a session produces any Welsh output, every text it prints has a
//! Welsh version. Never a silent English fallback (Welsh Language Standards; welsh.md §0).

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{BAD_VALUE, Session, Texts};
use crate::project::Project;
use crate::render::strings::WELSH_MISSING;

/// Whether the session's documents include Welsh: an office in Wales (posters, forms and the
/// facilitator pack are bilingual) or an invited claimant who reads Welsh.
pub fn needs_welsh(project: &Project, session: &Session) -> bool {
    let in_wales = project
        .offices
        .get(&session.office)
        .is_some_and(|o| o.in_wales);
    in_wales
        || project.claimants.get(&session.id).is_some_and(|list| {
            list.claimants
                .iter()
                .filter(|c| c.is_invited())
                .any(|c| c.language_or(in_wales).needs_welsh())
        })
}

/// Every bilingual text a session's documents print, with its key path.
fn texts(session: &Session) -> Vec<(String, &Texts)> {
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

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for session in &project.sessions {
        let welsh = needs_welsh(project, session);
        for (path, t) in texts(session) {
            if t.get(crate::render::Lang::En).is_none() {
                diags.push(
                    Diagnostic::new(
                        &BAD_VALUE,
                        format!("`{path}.en`: the English text is missing"),
                    )
                    .at_key(&session.data, &path)
                    .help(format!("add `en:` under `{path}`"))
                    .session(&session.id),
                );
            }
            if welsh && t.get(crate::render::Lang::Cy).is_none() {
                diags.push(
                    Diagnostic::new(&WELSH_MISSING, format!("`{path}.cy`: the Welsh text is missing, and this session produces Welsh documents"))
                        .at_key(&session.data, &path)
                        .help(format!("add `cy:` under `{path}` (ask a Welsh translator); English is never printed in its place"))
                        .session(&session.id),
                );
            }
        }
        if let Some(office) = project.offices.get(&session.office) {
            let missing_cy = welsh && office.name.get(crate::render::Lang::Cy).is_none();
            if missing_cy {
                diags.push(
                    Diagnostic::new(&WELSH_MISSING, format!("`name.cy`: the office has no Welsh name, and session `{}` produces Welsh documents", session.id))
                        .at_key(&office.data, "name")
                        .help("add `cy:` under `name`")
                        .session(&session.id),
                );
            }
            if office.name.get(crate::render::Lang::En).is_none() {
                diags.push(
                    Diagnostic::new(&BAD_VALUE, "`name.en`: the office has no English name")
                        .at_key(&office.data, "name")
                        .help("add `en:` under `name`")
                        .session(&session.id),
                );
            }
        }
    }
}
