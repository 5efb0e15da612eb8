//! The poster for the office wall: the session, where and when, how to ask about it, and the
//! venue's access facts. Bilingual in Wales, Welsh first, both languages equally prominent.

use serde::Serialize;

use crate::config::PosterSize;
use crate::l10n::Lang;
use crate::l10n::strings::Arg;
use crate::out::Bundle;
use crate::render::document::{DocumentKind, Split, no_side_files};
use crate::render::engine::Renderer;
use crate::render::error::RenderError;
use crate::render::view::Facts;
use crate::render::view::SessionView;

pub const DOCUMENT: DocumentKind = DocumentKind {
    name: "poster",
    template: "poster.typ.tera",
    bundle: Some(Bundle::FacilitatorPack),
    split: Split::Whole,
    made_when_not_built: false,
    strings: &[
        HEADING,
        HAS[0],
        HAS[1],
        HAS[2],
        HAS_NOT[0],
        HAS_NOT[1],
        HAS_NOT[2],
        WELSH_WELCOME,
    ],
    outputs,
    render,
    side_files: no_side_files,
};

const HEADING: &str = "poster-heading";
/// The meetings standards: what advertises a session in Wales says Welsh is welcome.
const WELSH_WELCOME: &str = "poster-welsh-welcome";
/// Step-free access, hearing loop, accessible toilet: what the place has, or has not.
const HAS: [&str; 3] = [
    "access-fact-step-free",
    "access-fact-hearing-loop",
    "access-fact-accessible-toilet",
];
const HAS_NOT: [&str; 3] = [
    "access-fact-no-step-free",
    "access-fact-no-hearing-loop",
    "access-fact-no-accessible-toilet",
];

#[derive(Serialize)]
struct Part {
    welsh_welcome: bool,
    lang: Lang,
    s: std::collections::BTreeMap<String, String>,
    facts: Facts,
    access: Vec<String>,
}

fn outputs(_: &SessionView) -> Vec<String> {
    vec!["poster.pdf".into()]
}

fn render(view: &SessionView, renderer: &Renderer) -> Result<String, RenderError> {
    let f = view.facilities;
    let mut parts = Vec::new();
    for &lang in view.office_langs() {
        let access = [f.step_free, f.hearing_loop, f.accessible_toilet]
            .into_iter()
            .enumerate()
            .map(|(i, has)| view.string(lang, if has { HAS[i] } else { HAS_NOT[i] }, &[]))
            .collect::<Result<Vec<_>, _>>()?;
        parts.push(Part {
            lang,
            welsh_welcome: view.office.in_wales,
            facts: view.facts(lang)?,
            access,
            s: view
                .strings
                .resolve_all(lang, &[("phone", Arg::Text(view.office.phone.clone()))]),
        });
    }
    let (paper, scale) = match view.poster_size {
        PosterSize::A4 => ("a4", 1.0),
        PosterSize::A3 => ("a3", 1.414),
    };
    let first = view.office_langs()[0];
    let title = format!(
        "{}: {}",
        view.string(first, HEADING, &[])?,
        view.title(first)?
    );
    renderer.render(
        DOCUMENT.template,
        &serde_json::json!({ "title": title, "parts": parts, "paper": paper, "scale": scale }),
    )
}
