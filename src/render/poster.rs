//! The poster for the office wall: the session, where and when, how to ask about it, and the
//! venue's access facts. Bilingual in Wales, Welsh first, both languages equally prominent.

use serde::Serialize;

use super::strings::{Arg, pick};
use super::{Facts, Lang, SessionView};
use crate::project::PosterSize;

pub const TEMPLATE: &str = "poster.typ.tera";

#[derive(Serialize)]
struct Part {
    lang: Lang,
    s: std::collections::BTreeMap<String, String>,
    facts: Facts,
    access: Vec<String>,
}

pub fn outputs(_: &SessionView) -> Vec<String> {
    vec!["poster.pdf".into()]
}

pub fn render(view: &SessionView, templates: &super::Templates) -> Result<String, String> {
    let (step_free, hearing_loop, toilet) = match &view.session.venue {
        Some(v) => (v.step_free, v.hearing_loop, v.accessible_toilet),
        None => (
            view.office.step_free,
            view.office.hearing_loop,
            view.office.accessible_toilet,
        ),
    };
    let mut parts = Vec::new();
    for &lang in view.office_langs() {
        let s = view
            .strings
            .resolve_all(lang, &[("phone", Arg::Text(view.office.phone.clone()))]);
        let fact = |has: bool, name: &str| {
            let key = if has {
                format!("access_fact_{name}")
            } else {
                format!("access_fact_no_{name}")
            };
            pick(&s, &key)
        };
        let access = vec![
            fact(step_free, "step_free")?,
            fact(hearing_loop, "hearing_loop")?,
            fact(toilet, "accessible_toilet")?,
        ];
        parts.push(Part {
            lang,
            facts: view.facts(lang)?,
            access,
            s,
        });
    }
    let (paper, scale) = match view.poster_size {
        PosterSize::A4 => ("a4", 1.0),
        PosterSize::A3 => ("a3", 1.414),
    };
    let title = format!(
        "{}: {}",
        parts[0]
            .s
            .get("poster_heading")
            .cloned()
            .unwrap_or_default(),
        parts[0].facts.title
    );
    templates.render(
        TEMPLATE,
        &serde_json::json!({ "title": title, "parts": parts, "paper": paper, "scale": scale }),
    )
}
