//! The facilitator script (GIS 18-19): a timed run-sheet and what to cover in each part, in
//! the office's language(s), Welsh first. Interpreter and access needs as counts, no names.

use std::collections::BTreeMap;

use chrono::TimeDelta;
use serde::Serialize;

use crate::l10n::strings::Arg;
use crate::l10n::{Lang, LanguageChoice, dates};
use crate::model::AccessNeed;
use crate::model::session::Section;
use crate::out::Bundle;
use crate::render::document::{Audience, DocumentKind, Input, Lists, Split, no_side_files};
use crate::render::engine::Renderer;
use crate::render::error::RenderError;
use crate::render::view::SessionView;
use crate::render::view::{Facts, PAGE_NUMBER, access_key, page_args, role_key, section_key};

pub const DOCUMENT: DocumentKind = DocumentKind {
    name: "facilitator script",
    template: "facilitator-script.typ.tera",
    bundle: Some(Bundle::FacilitatorPack),
    split: Split::Whole,
    audience: Audience::Facilitator,
    lists: Lists::Nobody,
    made_when_not_built: false,
    strings: &[
        TITLE,
        COUNT_INVITED,
        COUNT_INTERPRETER,
        COUNT_ACCESS,
        COUNT_WELSH,
        COUNT_WELSH_CHOICE,
        NO_WELSH_SPEAKER,
        WELSH_SPEAKER,
    ],
    outputs,
    render,
    side_files: no_side_files,
};

const TITLE: &str = "script-title";
const COUNT_INVITED: &str = "count-invited";
const COUNT_INTERPRETER: &str = "count-interpreter";
const COUNT_ACCESS: &str = "count-access";
const COUNT_WELSH: &str = "count-welsh-at-session";
const NO_WELSH_SPEAKER: &str = "script-no-welsh-speaker";
/// Those who chose Welsh or bilingual letters (welsh-review-2 finding 2).
const COUNT_WELSH_CHOICE: &str = "count-welsh-choice";
/// After a facilitator's role: they speak Welsh (welsh-review-2 finding 12).
const WELSH_SPEAKER: &str = "role-welsh-speaker";

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
    /// An office in Wales: the script tells the facilitators to say Welsh is welcome.
    in_wales: bool,
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

fn outputs(_: &Input) -> Vec<String> {
    vec!["facilitator-script.pdf".into()]
}

/// Interpreter languages and access needs among the invited, as counts (no names).
fn counts(view: &SessionView, lang: Lang) -> Result<Counts, RenderError> {
    let invited = view.invited();
    let mut languages: BTreeMap<String, i64> = BTreeMap::new();
    for c in &invited {
        if let Some(code) = &c.interpreter {
            *languages
                .entry(view.language_name(code, lang)?)
                .or_default() += 1;
        }
    }
    let mut lines = Vec::new();
    for (language, n) in languages {
        lines.push(view.string(
            lang,
            COUNT_INTERPRETER,
            &[("language", Arg::Text(language)), ("count", Arg::Number(n))],
        )?);
    }
    for need in AccessNeed::ALL {
        let n = invited
            .iter()
            .filter(|c| c.access_needs.contains(&need))
            .count() as i64;
        if n > 0 {
            // A list item opens with a capital (welsh-review-2 finding 22).
            let label = capitalised(&view.string(lang, access_key(need), &[])?);
            lines.push(view.string(
                lang,
                COUNT_ACCESS,
                &[("need", Arg::Text(label)), ("count", Arg::Number(n))],
            )?);
        }
    }
    // The meetings standards: those who chose Welsh or bilingual letters, those who wish to
    // use Welsh at the session, as counts, and a warning when no facilitator speaks Welsh.
    if view.office.in_wales {
        let chose = invited
            .iter()
            .filter(|c| {
                matches!(
                    c.language,
                    Some(LanguageChoice::Cy) | Some(LanguageChoice::CyEn)
                )
            })
            .count() as i64;
        lines.push(view.string(lang, COUNT_WELSH_CHOICE, &[("count", Arg::Number(chose))])?);
    }
    let welsh = invited.iter().filter(|c| c.wishes_welsh()).count() as i64;
    if welsh > 0 {
        lines.push(view.string(lang, COUNT_WELSH, &[("count", Arg::Number(welsh))])?);
        if !view.session.facilitators.iter().any(|f| f.welsh_speaker) {
            lines.push(view.string(lang, NO_WELSH_SPEAKER, &[])?);
        }
    }
    Ok(Counts {
        invited: view.string(
            lang,
            COUNT_INVITED,
            &[("count", Arg::Number(invited.len() as i64))],
        )?,
        lines,
    })
}

fn render(input: &Input, renderer: &Renderer) -> Result<String, RenderError> {
    let view = input.view;
    let s = view.session;
    let mut parts = Vec::new();
    for &lang in view.office_langs() {
        let title = view.title(lang)?;
        let [page, total] = page_args();
        let args = [
            ("title", Arg::Text(title)),
            ("minutes", Arg::Number(i64::from(s.minutes))),
            page,
            total,
        ];
        let mut clock = s.starts;
        let mut runsheet = Vec::new();
        let mut times = BTreeMap::new();
        for (i, item) in s.agenda.iter().enumerate() {
            let end = clock + TimeDelta::minutes(i64::from(item.minutes));
            let from = dates::time(lang, clock.time());
            times
                .entry(item.section.key())
                .or_insert_with(|| from.clone());
            runsheet.push(Step {
                from,
                to: dates::time(lang, end.time()),
                section: view.string(lang, section_key(item.section), &[])?,
                minutes: item.minutes,
                speaker: item.speaker.clone().unwrap_or_default(),
                notes: view.optional_text(&format!("agenda.{i}.notes"), &item.notes, lang)?,
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
                let mut role = view.string(lang, role_key(f.role), &[])?;
                if f.welsh_speaker {
                    role = format!("{role}, {}", view.string(lang, WELSH_SPEAKER, &[])?);
                }
                Ok(Facilitator {
                    name: f.name.clone(),
                    role,
                })
            })
            .collect::<Result<Vec<_>, RenderError>>()?;
        let d = &s.domestics;
        parts.push(Part {
            lang,
            in_wales: view.office.in_wales,
            page_format: view.string(lang, PAGE_NUMBER, &args)?,
            facts: view.facts(lang)?,
            facilitators,
            runsheet,
            times,
            travel: s.travel_claims.code(),
            domestics: Domestics {
                refreshments: view.optional_text(
                    "domestics.refreshments",
                    &d.refreshments,
                    lang,
                )?,
                fire: view.optional_text(
                    "domestics.fire_assembly_point",
                    &d.fire_assembly_point,
                    lang,
                )?,
                toilets: view.optional_text("domestics.toilets", &d.toilets, lang)?,
            },
            opportunities: s
                .opportunities
                .iter()
                .enumerate()
                .map(|(i, o)| view.session_text(&format!("opportunities.{i}"), o, lang))
                .collect::<Result<_, _>>()?,
            counts: counts(view, lang)?,
            s: view.strings.resolve_all(lang, &args),
        });
    }
    let title = view.joined(view.office_langs(), |l| {
        view.string(l, TITLE, &[("title", Arg::Text(view.title(l)?))])
    })?;
    renderer.render(
        DOCUMENT.template,
        &serde_json::json!({ "title": title, "parts": parts }),
    )
}

/// `text` with its first letter a capital.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
