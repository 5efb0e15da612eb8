//! The anonymous customer feedback questionnaire (GSG 25): content, facilitator and venue on
//! 5-point scales, and free text; in the office's languages, Welsh first.

use crate::l10n::dates;
use crate::out::Bundle;
use crate::render::document::{Audience, DocumentKind, Input, Lists, Split, no_side_files};
use crate::render::engine::Renderer;
use crate::render::error::RenderError;
use crate::render::view::Piece;

pub const DOCUMENT: DocumentKind = DocumentKind {
    name: "feedback questionnaire",
    template: "feedback.typ.tera",
    bundle: Some(Bundle::FacilitatorPack),
    split: Split::Whole,
    audience: Audience::Public,
    lists: Lists::Nobody,
    made_when_not_built: false,
    strings: &[
        TITLE,
        SCALES[0],
        SCALES[1],
        SCALES[2],
        SCALES[3],
        SCALES[4],
        FREE_TEXT[0],
        FREE_TEXT[1],
    ],
    outputs,
    render,
    side_files: no_side_files,
};

const TITLE: &str = "feedback-title";
const SCALES: [&str; 5] = [
    "q-content",
    "q-clear",
    "q-facilitator",
    "q-venue",
    "q-overall",
];
const FREE_TEXT: [&str; 2] = ["q-best", "q-improve"];

fn outputs(_: &Input) -> Vec<String> {
    vec!["feedback.pdf".into()]
}

fn render(input: &Input, renderer: &Renderer) -> Result<String, RenderError> {
    let view = input.view;
    let langs = view.office_langs();
    let s = view.session;
    let questions = |keys: &[&str]| -> Result<Vec<Vec<Piece>>, RenderError> {
        keys.iter()
            .map(|k| view.each(langs, |lang| view.string(lang, k, &[])))
            .collect()
    };
    let title = view.joined(langs, |l| {
        Ok(format!(
            "{}: {}",
            view.string(l, TITLE, &[])?,
            view.title(l)?
        ))
    })?;
    let context = serde_json::json!({
        "title": title,
        "lang": langs[0],
        "scales": questions(&SCALES)?,
        "free_text": questions(&FREE_TEXT)?,
        "session_title": view.each(langs, |lang| view.title(lang))?,
        "date": view.each(langs, |lang| Ok(dates::weekday_date(lang, s.date())))?,
        "l": view.labels(langs, &[]),
        "page_format": view.page_format(langs)?,
    });
    renderer.render(DOCUMENT.template, &context)
}
