//! Render: Tera templates in `templates/` turn plain data into Typst source, one source per
//! session holding all of its documents. Every `{{ value }}` in a `*.typ.tera` template is
//! escaped for Typst markup; `| typst_str` makes a Typst string literal for code positions.
//! Wording comes from the strings files; each document type lives in `documents/`.

pub mod documents;
mod escape;
pub mod source_map;
mod view;

use std::collections::HashMap;

use serde::Serialize;

use crate::codes::{BAD_VALUE, MISSING_STRING, STRINGS_SYNTAX, TEMPLATE_ERROR};
use crate::diag::{Diagnostic, Diagnostics, Location, causes, chain_text};
use crate::l10n::Lang;
use crate::l10n::strings::StringError;
use crate::out::Bundle;
use crate::plan::SessionPlan;
use crate::project::Project;
use crate::rules::Findings;
use documents::{DOCUMENTS, DocumentKind};
use source_map::SourceMap;
pub use view::SessionView;

/// Why a document cannot be rendered. Each names the file, key and code it belongs to.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A text of the session or office in one language is missing (GS014 for Welsh).
    #[error("`{key}.{}`: the {} text is missing", lang.code(), if *lang == Lang::Cy { "Welsh" } else { "English" })]
    MissingText {
        location: Location,
        key: String,
        lang: Lang,
    },
    /// A string the Rust code reads is missing from a strings file, or does not format.
    #[error(transparent)]
    String(#[from] StringError),
    /// Tera could not render the template.
    #[error("templates/{template}: {}", chain_text(&causes(source)))]
    Template {
        template: &'static str,
        source: tera::Error,
    },
    /// The template file is not in `templates/`.
    #[error("the template templates/{template} is missing")]
    MissingTemplate { template: &'static str },
    /// A claimant's address cannot be printed (AD001).
    #[error("the address of {reference} is not valid")]
    Address {
        location: Location,
        reference: String,
    },
}

impl RenderError {
    /// The diagnostic for the user, on `session`. Its level is fixed: the document cannot
    /// be made until it is fixed, whatever `rules:` says.
    fn to_diagnostic(&self, doc: &DocumentKind, session: &str) -> Diagnostic {
        let d = match self {
            RenderError::MissingText { location, lang, .. } => Diagnostic::new(
                if *lang == Lang::Cy {
                    &crate::rules::welsh::WELSH_MISSING
                } else {
                    &BAD_VALUE
                },
                format!("{self}, and the session's documents cannot be made without it"),
            )
            .at(location.clone())
            .help("add the text (ask a Welsh translator for Welsh); English is never printed in its place"),
            RenderError::String(e @ StringError::Missing { key, file }) => {
                Diagnostic::new(&MISSING_STRING, e.to_string())
                    .at(Location::file(file))
                    .help(format!("add `{key} = ...` to {file}"))
            }
            RenderError::String(e @ StringError::Format { file, line, .. }) => {
                Diagnostic::new(&STRINGS_SYNTAX, e.to_string())
                    .at(Location::line(file, *line))
            }
            RenderError::Template { template, .. } | RenderError::MissingTemplate { template } => {
                let d = Diagnostic::new(
                    &TEMPLATE_ERROR,
                    format!("the {} cannot be rendered: {self}", doc.name),
                )
                .at(Location::file(format!("templates/{template}")));
                if matches!(self, RenderError::MissingTemplate { .. }) {
                    d.help("copy it from a new project (sessionpack init)")
                } else {
                    d
                }
            }
            RenderError::Address { location, .. } => {
                Diagnostic::new(&crate::rules::addresses::BAD_ADDRESS, self.to_string())
                    .at(location.clone())
            }
        };
        d.fixed().session(session)
    }
}

/// Escaped for Typst: `#"..."` literals in code positions.
struct TypstStr;

impl tera::Filter for TypstStr {
    fn filter(
        &self,
        value: &tera::Value,
        _: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let text = match value {
            tera::Value::String(s) => s.clone(),
            tera::Value::Null => String::new(),
            other => other.to_string(),
        };
        Ok(tera::Value::String(escape::string_literal(&text)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// The project's templates, parsed once up front, with Typst escaping.
pub struct Renderer {
    tera: tera::Tera,
}

impl Renderer {
    fn new() -> Renderer {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".typ.tera"]);
        tera.set_escape_fn(escape::markup);
        tera.register_filter("typst_str", TypstStr);
        Renderer { tera }
    }

    /// Parse every template, and check that every string the documents' Rust code reads is in
    /// both strings files. Problems become diagnostics; nothing is rendered yet.
    pub fn prepare(project: &Project) -> (Renderer, Vec<Diagnostic>) {
        let mut renderer = Renderer::new();
        let mut diags = Vec::new();
        let sources: Vec<(&str, &str)> = project.templates.tera_sources().collect();
        // All at once: templates import each other's macros.
        if let Err(e) = renderer.tera.add_raw_templates(sources.iter().copied()) {
            let message = chain_text(&causes(&e));
            let file = sources
                .iter()
                .find(|(n, _)| {
                    message.contains(&format!("'{n}'")) || message.contains(&format!("`{n}`"))
                })
                .map_or("templates".to_string(), |(n, _)| format!("templates/{n}"));
            diags.push(
                Diagnostic::new(
                    &TEMPLATE_ERROR,
                    format!("the templates cannot be parsed: {message}"),
                )
                .at(Location::file(file)),
            );
        }
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

    fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// Render `template` with `context`.
    pub fn render(
        &self,
        template: &'static str,
        context: &impl Serialize,
    ) -> Result<String, RenderError> {
        let error = |source| RenderError::Template { template, source };
        let ctx = tera::Context::from_serialize(context).map_err(error)?;
        self.tera.render(template, &ctx).map_err(error)
    }

    /// Render every document of each planned session into one Typst source per session.
    /// A session with a problem is left out, its problems added to `diags`.
    pub fn render_all(
        &self,
        project: &Project,
        plans: &[SessionPlan],
        findings: &Findings,
        diags: &mut Diagnostics,
    ) -> Vec<RenderedSession> {
        let Some(strings) = &project.strings else {
            return Vec::new();
        };
        let mut rendered = Vec::new();
        for plan in plans {
            let Some(view) = SessionView::new(project, plan, strings, findings) else {
                continue;
            };
            match self.render_session(&view, plan) {
                Ok(session) => rendered.push(session),
                Err(problems) => diags.extend(problems),
            }
        }
        rendered
    }

    fn render_session(
        &self,
        view: &SessionView,
        plan: &SessionPlan,
    ) -> Result<RenderedSession, Vec<Diagnostic>> {
        let mut session = RenderedSession {
            plan: plan.clone(),
            source: String::new(),
            outputs: Vec::new(),
            side_files: Vec::new(),
            source_map: SourceMap::default(),
        };
        let mut problems: Vec<Diagnostic> = Vec::new();
        for doc in DOCUMENTS {
            let result = if self.has(doc.template) {
                (doc.render)(view, self).and_then(|text| Ok((text, (doc.side_files)(view)?)))
            } else {
                Err(RenderError::MissingTemplate {
                    template: doc.template,
                })
            };
            match result {
                Ok((text, side_files)) => {
                    session.side_files.extend(side_files);
                    session
                        .source_map
                        .push(doc.template, session.source.lines().count() + 1);
                    session.source.push_str(&text);
                    if !session.source.ends_with('\n') {
                        session.source.push('\n');
                    }
                    session
                        .outputs
                        .extend((doc.outputs)(view).into_iter().map(|path| Output {
                            path,
                            bundle: doc.bundle,
                        }));
                }
                Err(e) => {
                    let d = e.to_diagnostic(doc, &plan.id);
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
        if problems.is_empty() {
            Ok(session)
        } else {
            Err(problems)
        }
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

/// A file a document writes, under `out/ID/`, and the bundle it goes in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bundle: Option<Bundle>,
}

/// A file written without typst (e.g. `preview.csv`), under `out/ID/`.
#[derive(Debug, Clone)]
pub struct SideFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A session's rendered Typst, ready to compile.
#[derive(Debug, Clone)]
pub struct RenderedSession {
    pub plan: SessionPlan,
    pub source: String,
    /// Files the compile must produce.
    pub outputs: Vec<Output>,
    pub side_files: Vec<SideFile>,
    /// Where each document's part starts in `source`.
    pub source_map: SourceMap,
}

impl RenderedSession {
    pub fn id(&self) -> &str {
        &self.plan.id
    }

    /// Every file the session writes into `out/ID/`: the PDFs, then the side files.
    pub fn files(&self) -> Vec<String> {
        self.outputs
            .iter()
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
                    .outputs
                    .iter()
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
        let (renderer, problems) = Renderer::prepare(&project);
        assert!(problems.is_empty(), "{problems:?}");
        let mut diags = Diagnostics::default();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let plans = crate::plan::plan(&project, &mut diags, &[], today);
        assert_eq!(plans.len(), 3);
        READ.with(|r| r.borrow_mut().clear());
        let rendered = renderer.render_all(&project, &plans, &Findings::default(), &mut diags);
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

    #[test]
    fn autoescape_and_typst_str_do_not_double_escape() {
        let mut r = Renderer::new();
        r.tera
            .add_raw_template("t.typ.tera", "{{ name }}|#{{ name | typst_str }}")
            .unwrap();
        let out = r
            .render(
                "t.typ.tera",
                &serde_json::json!({ "name": "O'Brien #1 \"q\" a/b" }),
            )
            .unwrap();
        assert_eq!(out, r#"O\'Brien \#1 \"q\" a\/b|#"O'Brien #1 \"q\" a/b""#);
    }
}
