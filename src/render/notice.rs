//! The NOT BUILT notice of a session with no list to show: its file, its office or its
//! claimant list could not be read (a session file that does not parse, an office that does
//! not exist). The session's ID and its problems under the banner, in Welsh and English
//! (Welsh first: with no office read, its languages are not known). Written where its preview
//! list would be, `out/ID/preview.pdf`, so every session in `content/sessions/` has a page to
//! work from. The template is the tool's own: it does not depend on the project's.

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::l10n::Lang;
use crate::l10n::strings::{Arg, Strings};
use crate::plan::SessionPlan;
use crate::render::document::Output;
use crate::render::engine::Renderer;
use crate::render::error::RenderError;
use crate::render::view::{PAGE_NUMBER, page_args};
use crate::render::{RenderedSession, SessionPart};

pub const TEMPLATE: &str = "sessionpack-notice.typ.tera";
pub const SOURCE: &str = include_str!("notice.typ.tera");
const FILE: &str = "preview.pdf";
/// Optional: a project whose strings lack it still gets the notice, without this line.
const UNREADABLE: &str = "preview-unreadable";
const NOT_BUILT: &str = "preview-not-built";
const NOTE_ERROR: &str = "note-error";

#[derive(Serialize)]
struct Part {
    lang: Lang,
    page_format: String,
    not_built: String,
    unreadable: Option<String>,
    problems: Vec<String>,
}

#[derive(Serialize)]
struct Context {
    file: &'static str,
    title: String,
    id: String,
    marking: &'static str,
    parts: Vec<Part>,
}

/// The notice of a session that is not built and has no list to show.
pub fn render(
    renderer: &Renderer,
    strings: &Strings,
    plan: &SessionPlan,
) -> Result<RenderedSession, Vec<Diagnostic>> {
    let problem = |e: RenderError| vec![e.to_diagnostic("preview list", &plan.id)];
    let errors = plan.not_built.unwrap_or(plan.problems.len()).max(1);
    let mut parts = Vec::new();
    for lang in [Lang::Cy, Lang::En] {
        let get = |key: &str, args: &[(&str, Arg)]| strings.get(lang, key, args);
        let not_built = get(NOT_BUILT, &[("errors", Arg::Number(errors as i64))])
            .map_err(|e| problem(e.into()))?;
        let problems = plan
            .problems
            .iter()
            .map(|p| {
                let (code, message) = p.split_once(": ").unwrap_or(("", p));
                Ok(format!(
                    "{}: {message}",
                    get(NOTE_ERROR, &[("code", Arg::Text(code.into()))])?
                ))
            })
            .collect::<Result<Vec<_>, crate::l10n::strings::StringError>>()
            .map_err(|e| problem(e.into()))?;
        parts.push(Part {
            lang,
            page_format: get(PAGE_NUMBER, &page_args()).map_err(|e| problem(e.into()))?,
            not_built,
            unreadable: strings
                .has(lang, UNREADABLE)
                .then(|| get(UNREADABLE, &[]).ok())
                .flatten(),
            problems,
        });
    }
    let context = Context {
        file: FILE,
        title: format!("{} – {}", plan.id, parts[1].not_built),
        id: plan.id.clone(),
        marking: "OFFICIAL-SENSITIVE",
        parts,
    };
    let source = renderer.render(TEMPLATE, &context).map_err(problem)?;
    let mut part = SessionPart {
        outputs: vec![Output {
            path: FILE.to_string(),
            bundle: None,
            template: TEMPLATE,
        }],
        ..SessionPart::default()
    };
    part.source_map.push(TEMPLATE, 1);
    part.source = source;
    Ok(RenderedSession {
        plan: plan.clone(),
        parts: vec![part],
        side_files: Vec::new(),
    })
}
