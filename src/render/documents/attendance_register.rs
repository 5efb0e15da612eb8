//! The attendance register (GIS 20, 23; GSG 42): every invited claimant, sorted by last name,
//! with columns to sign; labels in the office's languages, Welsh first.

use serde::Serialize;

use crate::l10n::Lang;
use crate::l10n::strings::Arg;
use crate::out::Bundle;
use crate::render::document::{Audience, DocumentKind, Input, Lists, Split, no_side_files};
use crate::render::engine::Renderer;
use crate::render::error::RenderError;
use crate::render::view::{PART_OF, Piece, page_args, unbroken_date};

pub const DOCUMENT: DocumentKind = DocumentKind {
    name: "attendance register",
    template: "attendance-register.typ.tera",
    bundle: Some(Bundle::FacilitatorPack),
    split: Split::Table {
        rows_per_item: |_| 1,
    },
    audience: Audience::OfficeSensitive,
    lists: Lists::InvitedByName,
    made_when_not_built: false,
    strings: &[TITLE],
    outputs,
    render,
    side_files: no_side_files,
};

const TITLE: &str = "register-title";

#[derive(Serialize)]
struct Row {
    name: String,
    reference: String,
}

/// `attendance-register.pdf`, or `attendance-register-2-of-3.pdf` for a register in parts.
fn outputs(input: &Input) -> Vec<String> {
    vec![input.view.part_file("attendance-register")]
}

fn render(input: &Input, renderer: &Renderer) -> Result<String, RenderError> {
    let view = input.view;
    let langs = view.office_langs();
    let s = view.session;
    let title_args = |lang: Lang| -> Result<Vec<(&str, Arg)>, RenderError> {
        let [page, total] = page_args();
        Ok(vec![("title", Arg::Text(view.title(lang)?)), page, total])
    };
    // Labels take the title in their own language, so resolve them one language at a time.
    let mut labels = std::collections::BTreeMap::<String, Vec<Piece>>::new();
    for &lang in langs {
        for (k, mut v) in view.labels(&[lang], &title_args(lang)?) {
            labels.entry(k).or_default().append(&mut v);
        }
    }
    // A long register is made in parts: this part's rows, by last name.
    let rows: Vec<Row> = input
        .claimants
        .iter()
        .map(|c| Row {
            name: format!(
                "{}, {}{}",
                c.last_name,
                c.first_name,
                if c.title.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", c.title)
                }
            ),
            reference: c.reference.clone(),
        })
        .collect();
    let first = langs[0];
    let title = view.joined(langs, |l| view.string(l, TITLE, &title_args(l)?))?;
    let part = match view.part_number() {
        Some(_) => Some(view.each(langs, |l| view.string(l, PART_OF, &view.part_args()))?),
        None => None,
    };
    let context = serde_json::json!({
        "file": view.part_file("attendance-register"),
        "title": match &part {
            Some(p) => format!("{title} – {}", p[0].text),
            None => title,
        },
        "part": part,
        "lang": first,
        "page_format": view.page_format(langs)?,
        "marking": input.marking,
        // Blank rows for people who come without an invitation, on the last part only.
        "walk_ins": if view.part_number().is_none_or(|(k, n)| k == n) { 3 } else { 0 },
        "place": view.each(langs, |l| {
            let (name, _) = view.place(l)?;
            Ok(name)
        })?,
        "time": view.each(langs, |l| Ok(view.facts(l)?.time_range))?,
        "l": labels,
        "lms": s.lms_interview_type,
        "session_title": view.each(langs, |l| view.title(l))?,
        "date": view.each(langs, |l| Ok(unbroken_date(l, s.date())))?,
        "facilitators": s.facilitators.iter().map(|f| f.name.clone()).collect::<Vec<_>>(),
        "rows": rows,
    });
    renderer.render(DOCUMENT.template, &context)
}
