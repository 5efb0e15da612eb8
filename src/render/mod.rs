//! Render: Tera templates in `templates/` turn plain data into Typst source, one source per
//! session holding all of its documents. Every `{{ value }}` in a `*.typ.tera` template is
//! escaped for Typst markup; `| typst_str` makes a Typst string literal for code positions.
//! Wording comes from the strings files; each document type lives in `documents/`.

pub mod document;
mod documents;
pub mod engine;
pub mod error;
mod escape;
mod notice;
pub mod source_map;
pub mod view;

use crate::codes::MISSING_STRING;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::l10n::Lang;
use crate::out::Bundle;
use crate::plan::SessionPlan;
use crate::project::Project;
use crate::rules::Findings;
use document::{DocumentKind, Input, Split};
use document::{Output, SideFile};
use documents::DOCUMENTS;
use engine::Renderer;
use error::RenderError;
use source_map::SourceMap;
use view::SessionView;

/// Parse every template, and check that every string the documents' Rust code reads is in
/// both strings files. Problems become diagnostics; nothing is rendered yet.
pub fn prepare(project: &Project) -> (Renderer, Vec<Diagnostic>) {
    // With the project's templates, the tool's own notice of a session with no list to show.
    let (renderer, problem) = Renderer::parse(
        project
            .templates
            .tera_sources()
            .chain([(notice::TEMPLATE, notice::SOURCE)]),
    );
    let mut diags: Vec<Diagnostic> = problem.into_iter().collect();
    if let Some(strings) = &project.strings {
        for key in required_strings() {
            let missing: Vec<&str> = [Lang::En, Lang::Cy]
                .into_iter()
                .filter(|&lang| !strings.has(lang, key))
                .map(|lang| strings.file(lang))
                .collect();
            if !missing.is_empty() {
                diags.push(
                    Diagnostic::new(
                        &MISSING_STRING,
                        format!(
                            "the string `{key}`, which the documents need, is missing from {}",
                            missing.join(" and ")
                        ),
                    )
                    .at(Location::file(missing[0]))
                    .help(format!("add `{key} = ...` to {}", missing.join(" and "))),
                );
            }
        }
    }
    (renderer, diags)
}

/// Render every document of each planned session into one Typst source per session.
/// A session with a problem is left out, its problems added to `diags`.
pub fn render_all(
    renderer: &Renderer,
    project: &Project,
    plans: &[SessionPlan],
    findings: &Findings,
    diags: &mut Diagnostics,
) -> Vec<RenderedSession> {
    let mut rendered = Vec::new();
    for plan in plans {
        match render_one(renderer, project, plan, findings) {
            Ok(session) => rendered.push(session),
            Err(problems) => diags.extend(problems),
        }
    }
    rendered
}

/// Render every document of one planned session. An error is the session's problems, none
/// when what stops it was already reported at load (no strings, no office).
pub fn render_one(
    renderer: &Renderer,
    project: &Project,
    plan: &SessionPlan,
    findings: &Findings,
) -> Result<RenderedSession, Vec<Diagnostic>> {
    let strings = project.strings.as_ref().ok_or_else(Vec::new)?;
    match SessionView::new(project, plan, strings, findings) {
        Some(view) => render_session(renderer, &view, plan),
        // Its file, office or list could not be read: the notice stands for its preview.
        None if plan.not_built.is_some() => notice::render(renderer, strings, plan),
        None => Err(Vec::new()),
    }
}

fn render_session(
    renderer: &Renderer,
    view: &SessionView,
    plan: &SessionPlan,
) -> Result<RenderedSession, Vec<Diagnostic>> {
    let mut session = RenderedSession {
        plan: plan.clone(),
        parts: Vec::new(),
        side_files: Vec::new(),
    };
    let mut problems: Vec<Diagnostic> = Vec::new();
    // A large session is compiled in parts, so one typst process never holds thousands of
    // documents or table rows: each letters part has at most `letters_per_typst` letters and
    // their claim forms, each table part (preview list, register) at most `rows_per_typst`
    // rows, and the documents that fit are one part together. A session that fits is one part.
    let made = DOCUMENTS
        .iter()
        .copied()
        .filter(|d| plan.not_built.is_none() || d.made_when_not_built);
    let mut whole: Vec<&DocumentKind> = Vec::new();
    let mut split: Vec<(SessionView, Vec<&DocumentKind>)> = Vec::new();
    for doc in made {
        let (parts, per_part) = doc.split.parts(view, doc.lists.of(view).len());
        if parts == 1 {
            whole.push(doc);
            continue;
        }
        for k in 0..parts {
            let part = view.part(k, parts, per_part);
            // The letters' documents share their parts: one process per group of claimants.
            match split.iter_mut().find(|(v, docs)| {
                matches!(doc.split, Split::Letters)
                    && matches!(docs[0].split, Split::Letters)
                    && v.part_number() == part.part_number()
            }) {
                Some((_, docs)) => docs.push(doc),
                None => split.push((part, vec![doc])),
            }
        }
    }
    let mut units = vec![(view.part(0, 1, usize::MAX), whole)];
    units.extend(split);
    for (view, docs) in units {
        if docs.is_empty() {
            continue;
        }
        let first_part = view.part_number().is_none_or(|(k, _)| k == 1);
        let mut piece = SessionPart::default();
        for doc in docs {
            // The document gets the claimants of its part, already sliced.
            let input = Input {
                view: &view,
                claimants: view.in_part(doc.lists.of(&view)),
                start: view.part_start(),
                marking: doc.audience.marking(),
                own_sheet: doc.audience.own_sheet(),
            };
            let result = if renderer.has(doc.template) {
                (doc.render)(&input, renderer).and_then(|text| {
                    let side = if first_part {
                        (doc.side_files)(&view)?
                    } else {
                        Vec::new()
                    };
                    Ok((text, side))
                })
            } else {
                Err(RenderError::MissingTemplate {
                    template: doc.template,
                })
            };
            match result {
                Ok((text, side_files)) => {
                    session.side_files.extend(side_files);
                    piece
                        .source_map
                        .push(doc.template, piece.source.lines().count() + 1);
                    piece.source.push_str(&text);
                    if !piece.source.ends_with('\n') {
                        piece.source.push('\n');
                    }
                    piece
                        .outputs
                        .extend((doc.outputs)(&input).into_iter().map(|path| Output {
                            path,
                            bundle: doc.bundle,
                            template: doc.template,
                        }));
                }
                Err(e) => {
                    let d = e.to_diagnostic(doc.name, &plan.id);
                    // One problem, one message: documents share the texts they print.
                    let seen = problems.iter().any(|p| {
                        p.rule.code == d.rule.code
                            && p.location == d.location
                            && p.message == d.message
                    });
                    if !seen {
                        problems.push(d);
                    }
                }
            }
        }
        session.parts.push(piece);
    }
    if problems.is_empty() {
        Ok(session)
    } else {
        Err(problems)
    }
}

/// Every Fluent ID the Rust code reads: each document's, and the labels shared by all.
pub fn required_strings() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = DOCUMENTS
        .iter()
        .flat_map(|d| d.strings.iter().copied())
        .chain(view::strings())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// A session's rendered Typst, ready to compile: one part per typst process.
#[derive(Debug, Clone)]
pub struct RenderedSession {
    pub plan: SessionPlan,
    pub parts: Vec<SessionPart>,
    pub side_files: Vec<SideFile>,
}

/// The Typst source one typst process compiles, and the files it writes.
#[derive(Debug, Clone, Default)]
pub struct SessionPart {
    pub source: String,
    /// Files the compile must produce.
    pub outputs: Vec<Output>,
    /// Where each document's section starts in `source`.
    pub source_map: SourceMap,
}

impl RenderedSession {
    pub fn id(&self) -> &str {
        &self.plan.id
    }

    /// Every PDF the session's parts write.
    pub fn outputs(&self) -> impl Iterator<Item = &Output> {
        self.parts.iter().flat_map(|p| &p.outputs)
    }

    /// Every file the session writes into `out/ID/`: the PDFs, then the side files.
    pub fn files(&self) -> Vec<String> {
        self.outputs()
            .map(|o| o.path.clone())
            .chain(self.side_files.iter().map(|f| f.name.clone()))
            .collect()
    }

    /// The bundles this session has, each with the files it holds, in a fixed order.
    pub fn bundles(&self) -> Vec<(Bundle, Vec<String>)> {
        Bundle::ALL
            .into_iter()
            .filter_map(|b| {
                let files: Vec<String> = self
                    .outputs()
                    .filter(|o| o.bundle == Some(b))
                    .map(|o| o.path.clone())
                    .collect();
                (!files.is_empty()).then_some((b, files))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::l10n::strings::READ;

    /// A string the Rust code reads without declaring it would escape the check at load and
    /// fail only while rendering: render the example project (Welsh, English, bilingual, an
    /// office and a venue) and compare what was read with what is declared.
    #[test]
    fn every_string_the_rust_code_reads_is_declared() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (project, _) = Project::load(root).unwrap();
        let (renderer, problems) = prepare(&project);
        assert!(problems.is_empty(), "{problems:?}");
        let mut diags = Diagnostics::default();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let plans = crate::plan::plan(&project, &mut diags, &Default::default(), today);
        assert_eq!(plans.len(), 3);
        READ.with(|r| r.borrow_mut().clear());
        let rendered = render_all(
            &renderer,
            &project,
            &plans,
            &Findings::default(),
            &mut diags,
        );
        assert_eq!(rendered.len(), 3, "{:?}", diags.iter().collect::<Vec<_>>());
        let required = required_strings();
        let undeclared: Vec<String> = READ.with(|r| {
            r.borrow()
                .iter()
                // Labels of warnings are optional: read only when the strings files have them.
                .filter(|k| !k.starts_with("warning-") && !required.contains(&k.as_str()))
                .cloned()
                .collect()
        });
        assert!(
            undeclared.is_empty(),
            "the Rust code reads these strings but no document declares them: {undeclared:?}"
        );
        let read = READ.with(|r| r.borrow().len());
        assert!(read > 40, "only {read} strings read");
    }
}
