//! The poster for the office wall: the session, where and when, how to ask about it, and the
//! venue's access facts. Bilingual in Wales, Welsh first, both languages equally prominent.

use serde::Serialize;

use crate::config::PosterSize;
use crate::l10n::Lang;
use crate::l10n::strings::Arg;
use crate::out::Bundle;
use crate::render::document::{Audience, DocumentKind, Input, Lists, Split, no_side_files};
use crate::render::engine::Renderer;
use crate::render::error::RenderError;
use crate::render::view::Facts;

pub const DOCUMENT: DocumentKind = DocumentKind {
    name: "poster",
    template: "poster.typ.tera",
    bundle: Some(Bundle::FacilitatorPack),
    split: Split::Whole,
    audience: Audience::Public,
    lists: Lists::Nobody,
    made_when_not_built: false,
    strings: &[HEADING, WELSH_WELCOME],
    outputs,
    render,
    side_files: no_side_files,
};

const HEADING: &str = "poster-heading";
/// The meetings standards: what advertises a session in Wales says Welsh is welcome.
const WELSH_WELCOME: &str = "poster-welsh-welcome";
#[derive(Serialize)]
struct Part {
    welsh_welcome: bool,
    lang: Lang,
    s: std::collections::BTreeMap<String, String>,
    facts: Facts,
    /// What the place has and has not, in one line.
    access: String,
}

fn outputs(_: &Input) -> Vec<String> {
    vec!["poster.pdf".into()]
}

fn render(input: &Input, renderer: &Renderer) -> Result<String, RenderError> {
    let view = input.view;
    let mut parts = Vec::new();
    for &lang in view.office_langs() {
        parts.push(Part {
            lang,
            welsh_welcome: view.office.in_wales,
            facts: view.facts(lang)?,
            access: crate::render::view::listed(view.access_facts(lang)?),
            s: view
                .strings
                .resolve_all(lang, &[("phone", Arg::Text(view.phone()))]),
        });
    }
    let (paper, scale) = match view.poster_size {
        PosterSize::A3 => ("a3", 1.414),
        _ => ("a4", 1.0),
    };
    let title = view.joined(view.office_langs(), |l| {
        Ok(format!(
            "{}: {}",
            view.string(l, HEADING, &[])?,
            view.title(l)?
        ))
    })?;
    renderer.render(
        DOCUMENT.template,
        &serde_json::json!({ "title": title, "parts": parts, "paper": paper, "scale": scale }),
    )
}
