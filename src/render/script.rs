//! The facilitator script (GIS 18-19): a timed run-sheet and what to cover in each part, in
//! the office's language(s), Welsh first. Interpreter and access needs as counts, no names.

use std::collections::BTreeMap;

use chrono::TimeDelta;
use serde::Serialize;

use super::strings::{Arg, pick};
use super::{Facts, Lang, SessionView, dates};
use crate::model::session::{Role, Section};
use crate::model::{AccessNeed, Texts};

pub const TEMPLATE: &str = "facilitator-script.typ.tera";

#[derive(Serialize)]
struct Facilitator {
    name: String,
    role: String,
}

#[derive(Serialize)]
struct Step {
    from: String,
    to: String,
    section: String,
    minutes: u32,
    speaker: String,
    notes: String,
}

#[derive(Serialize)]
struct Domestics {
    refreshments: String,
    fire: String,
    toilets: String,
}

#[derive(Serialize)]
struct Counts {
    invited: String,
    lines: Vec<String>,
}

#[derive(Serialize)]
struct Part {
    lang: Lang,
    s: BTreeMap<String, String>,
    page_format: String,
    facts: Facts,
    facilitators: Vec<Facilitator>,
    runsheet: Vec<Step>,
    /// Clock time of each section, by section key.
    times: BTreeMap<&'static str, String>,
    travel: &'static str,
    domestics: Domestics,
    opportunities: Vec<String>,
    counts: Counts,
}

pub fn outputs(_: &SessionView) -> Vec<String> {
    vec!["facilitator-script.pdf".into()]
}

fn role_key(r: Role) -> &'static str {
    match r {
        Role::Lead => "role_lead",
        Role::Deputy => "role_deputy",
        Role::Support => "role_support",
    }
}

/// Interpreter languages and access needs among the invited, as counts (no names).
fn counts(view: &SessionView, lang: Lang) -> Result<Counts, String> {
    let invited = view.invited();
    let mut languages: BTreeMap<String, i64> = BTreeMap::new();
    for c in &invited {
        if let Some(i) = &c.interpreter {
            *languages.entry(i.trim().to_string()).or_default() += 1;
        }
    }
    let mut lines = Vec::new();
    for (language, n) in languages {
        lines.push(view.strings.get(
            lang,
            "count-interpreter",
            &[("language", Arg::Text(language)), ("count", Arg::Number(n))],
        )?);
    }
    for need in AccessNeed::ALL {
        let n = invited
            .iter()
            .filter(|c| c.access_needs.contains(&need))
            .count() as i64;
        if n > 0 {
            let label = view
                .strings
                .get(lang, &format!("access-{}", need.code()), &[])?;
            lines.push(view.strings.get(
                lang,
                "count-access",
                &[("need", Arg::Text(label)), ("count", Arg::Number(n))],
            )?);
        }
    }
    Ok(Counts {
        invited: view.strings.get(
            lang,
            "count-invited",
            &[("count", Arg::Number(invited.len() as i64))],
        )?,
        lines,
    })
}

fn text_or_blank(view: &SessionView, t: &Option<Texts>, lang: Lang) -> Result<String, String> {
    t.as_ref().map_or(Ok(String::new()), |t| view.text(t, lang))
}

pub fn render(view: &SessionView, templates: &super::Templates) -> Result<String, String> {
    let s = view.session;
    let mut parts = Vec::new();
    for &lang in view.office_langs() {
        let title = view.text(&s.title, lang)?;
        let strings = view.strings.resolve_all(
            lang,
            &[
                ("title", Arg::Text(title)),
                ("minutes", Arg::Number(i64::from(s.minutes))),
                ("page", Arg::Text("{page}".into())),
                ("total", Arg::Text("{total}".into())),
            ],
        );
        let get = |k: &str| pick(&strings, k);
        let mut clock = s.starts;
        let mut runsheet = Vec::new();
        let mut times = BTreeMap::new();
        for item in &s.agenda {
            let end = clock + TimeDelta::minutes(i64::from(item.minutes));
            let from = dates::time(lang, clock.time());
            times
                .entry(item.section.key())
                .or_insert_with(|| from.clone());
            runsheet.push(Step {
                from,
                to: dates::time(lang, end.time()),
                section: get(&format!("section_{}", item.section.key()))?,
                minutes: item.minutes,
                speaker: item.speaker.clone().unwrap_or_default(),
                notes: text_or_blank(view, &item.notes, lang)?,
            });
            clock = end;
        }
        for section in Section::ALL {
            times.entry(section.key()).or_insert_with(String::new);
        }
        let facilitators = s
            .facilitators
            .iter()
            .map(|f| {
                Ok(Facilitator {
                    name: f.name.clone(),
                    role: get(role_key(f.role))?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let d = &s.domestics;
        parts.push(Part {
            lang,
            page_format: get("page_number")?,
            facts: view.facts(lang)?,
            facilitators,
            runsheet,
            times,
            travel: s.travel_claims.code(),
            domestics: Domestics {
                refreshments: text_or_blank(view, &d.refreshments, lang)?,
                fire: text_or_blank(view, &d.fire_assembly_point, lang)?,
                toilets: text_or_blank(view, &d.toilets, lang)?,
            },
            opportunities: s
                .opportunities
                .iter()
                .map(|o| view.text(o, lang))
                .collect::<Result<_, _>>()?,
            counts: counts(view, lang)?,
            s: strings,
        });
    }
    let title = parts[0].s.get("script_title").cloned().unwrap_or_default();
    templates.render(
        TEMPLATE,
        &serde_json::json!({ "title": title, "parts": parts }),
    )
}
