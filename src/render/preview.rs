//! The preview list (`preview.pdf`, `preview.csv`): every claimant row with the decision on
//! inviting them, its reason and the warnings about them (GSG 26-37). Sensitive reasons appear
//! here and nowhere else. In the office's language(s): Welsh first in Wales.

use serde::Serialize;

use super::strings::Arg;
use super::{Lang, SessionView};
use crate::model::{AccessNeed, Claimant, Decision, Format, Language, NotInvitedReason};

pub const TEMPLATE: &str = "preview.typ.tera";

#[derive(Serialize)]
struct Row {
    row: usize,
    reference: String,
    name: String,
    language: String,
    format: String,
    invited: bool,
    decision: String,
    reason: String,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct Part {
    lang: Lang,
    s: std::collections::BTreeMap<String, String>,
    summary: String,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct Context {
    title: String,
    parts: Vec<Part>,
}

pub fn outputs(_: &SessionView) -> Vec<String> {
    vec!["preview.pdf".into()]
}

fn language_key(l: Language) -> &'static str {
    match l {
        Language::En => "language-en",
        Language::Cy => "language-cy",
        Language::CyEn => "language-cy-en",
    }
}

fn reason_key(r: NotInvitedReason) -> String {
    format!("reason-{}", r.code())
}

fn access_key(n: AccessNeed) -> String {
    format!("access-{}", n.code())
}

fn row(view: &SessionView, c: &Claimant, lang: Lang) -> Result<Row, String> {
    let s = view.strings;
    let get = |key: &str| s.get(lang, key, &[]);
    let in_wales = view.office.in_wales;
    let (decision, reason) = match c.decision() {
        Decision::Invited => (get("decision-invited")?, String::new()),
        Decision::NotInvited(r) => (get("decision-not-invited")?, get(&reason_key(r))?),
    };
    let mut notes = Vec::new();
    if c.jobseeker_direction {
        notes.push(get("note-direction")?);
    }
    if c.manager_approved && (c.mappa || c.suitability_review) {
        notes.push(get("note-manager-approved")?);
    }
    if let Some(i) = &c.interpreter {
        notes.push(s.get(
            lang,
            "note-interpreter",
            &[("language", Arg::Text(i.clone()))],
        )?);
    }
    if !c.access_needs.is_empty() {
        let needs = c
            .access_needs
            .iter()
            .map(|n| get(&access_key(*n)))
            .collect::<Result<Vec<_>, _>>()?
            .join(", ");
        notes.push(s.get(lang, "note-access", &[("needs", Arg::Text(needs))])?);
    }
    for (code, _) in view.row_warnings(c.row) {
        // Warnings without a translated label are shown by their code, which is the same in both languages.
        notes.push(get(&format!("warning-{code}")).unwrap_or_else(|_| code.to_string()));
    }
    Ok(Row {
        row: c.row,
        reference: c.reference.clone(),
        name: c.full_name(),
        language: get(language_key(c.language_or(in_wales)))?,
        format: get(match c.format {
            Format::Standard => "format-standard",
            Format::LargePrint => "format-large-print",
        })?,
        invited: c.is_invited(),
        decision,
        reason,
        notes,
    })
}

pub fn render(view: &SessionView, templates: &super::Templates) -> Result<String, String> {
    let langs: &[Lang] = if view.office.in_wales {
        &[Lang::Cy, Lang::En]
    } else {
        &[Lang::En]
    };
    let invited = view.invited().len() as i64;
    let not_invited = view.claimants.claimants.len() as i64 - invited;
    let mut parts = Vec::new();
    for &lang in langs {
        let title = view.text(&view.session.title, lang)?;
        let s = view.strings.resolve_all(
            lang,
            &[
                ("title", Arg::Text(title)),
                ("invited", Arg::Number(invited)),
                ("notinvited", Arg::Number(not_invited)),
            ],
        );
        let rows = view
            .claimants
            .claimants
            .iter()
            .map(|c| row(view, c, lang))
            .collect::<Result<Vec<_>, _>>()?;
        parts.push(Part {
            lang,
            summary: s.get("preview_summary").cloned().unwrap_or_default(),
            s,
            rows,
        });
    }
    let context = Context {
        title: parts[0].s.get("preview_title").cloned().unwrap_or_default(),
        parts,
    };
    templates.render(TEMPLATE, &context)
}

/// `preview.csv`: the same list as data, in English, with warnings as codes and messages.
pub fn csv(view: &SessionView) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "row",
        "ref",
        "name",
        "language",
        "format",
        "decision",
        "reason",
        "interpreter",
        "access_needs",
        "warnings",
    ];
    w.write_record(header).map_err(|e| e.to_string())?;
    for c in &view.claimants.claimants {
        let (decision, reason) = match c.decision() {
            Decision::Invited => ("invited", String::new()),
            Decision::NotInvited(r) => ("not invited", r.describe().to_string()),
        };
        let warnings = view
            .row_warnings(c.row)
            .into_iter()
            .map(|(code, message)| format!("{code}: {message}"))
            .collect::<Vec<_>>()
            .join("; ");
        w.write_record([
            c.row.to_string(),
            c.reference.clone(),
            c.full_name(),
            c.language_or(view.office.in_wales).code().to_string(),
            c.format.code().to_string(),
            decision.to_string(),
            reason,
            c.interpreter.clone().unwrap_or_default(),
            c.access_needs
                .iter()
                .map(|n| n.code())
                .collect::<Vec<_>>()
                .join(";"),
            warnings,
        ])
        .map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}
