//! Compile: one session's Typst source, one typst process per part, into the session's folder
//! of the workspace (`out/.build/ID/` for `build`, a folder of its own for `check`), the
//! finished files gathered in `pdf/`; `pack` then moves them into place. typst's messages are
//! mapped back to the template lines they came from, errors and warnings alike.

use std::path::Path;

use crate::codes::{OUT_DIR, TYPST_ERROR, TYPST_FAILED, TYPST_WARNING};
use crate::diag::{Diagnostic, Location};
use crate::out::{OutDir, Workspace};
use crate::project::TemplateFiles;
use crate::render::document::Output;
use crate::render::{RenderedSession, SessionPart};
use crate::typst::{Job, Typst, TypstMessage};

/// What happened to one session's compile.
pub enum Outcome {
    /// Compiled into the workspace's `ID/pdf`, with typst's warnings.
    Compiled {
        warnings: Vec<Diagnostic>,
    },
    Failed(Vec<Diagnostic>),
}

/// A problem writing the session's files.
fn out_dir_failure(id: &str, e: anyhow::Error) -> Outcome {
    Outcome::Failed(vec![
        Diagnostic::new(&OUT_DIR, format!("{e:#}"))
            .at(Location::file("out"))
            .session(id),
    ])
}

/// What compile needs besides the session.
pub struct Compiler<'a> {
    /// Where the session is compiled.
    pub work: &'a Workspace,
    /// The permissions of what is written.
    pub out: &'a OutDir,
    pub typst: &'a Typst,
    /// The templates' text, to map typst's messages back to template lines.
    pub templates: &'a TemplateFiles,
    /// Whether a failed session's generated Typst is kept to look at.
    pub keep_build_dir: bool,
}

impl Compiler<'_> {
    /// Compile every part of `session` with typst using `threads` threads, one part after
    /// another: a large session never holds all of its letters in memory at once.
    pub fn compile(&self, session: &RenderedSession, threads: usize) -> Outcome {
        let id = session.id();
        let dir = self.work.staging(id);
        let pdf = dir.join("pdf");
        let fail = |e: anyhow::Error| out_dir_failure(id, e);
        if dir.exists()
            && let Err(e) = crate::fs::remove_dir_all(&dir)
        {
            return fail(e);
        }
        if let Err(e) = crate::fs::create_dir_all(&pdf).and_then(|_| Ok(self.out.restrict(&dir)?)) {
            return fail(e);
        }
        let mut warnings = Vec::new();
        for (index, part) in session.parts.iter().enumerate() {
            match self.compile_part(session, index, part, &pdf, threads) {
                Ok(w) => warnings.extend(w),
                Err(outcome) => return outcome,
            }
        }
        for file in &session.side_files {
            if let Err(e) = crate::fs::write(&pdf.join(&file.name), &file.bytes) {
                return fail(e);
            }
        }
        Outcome::Compiled { warnings }
    }

    /// Compile one part into its own folder (typst replaces the contents of the folder it
    /// writes), then move its files into `pdf`.
    fn compile_part(
        &self,
        session: &RenderedSession,
        index: usize,
        part: &SessionPart,
        pdf: &Path,
        threads: usize,
    ) -> Result<Vec<Diagnostic>, Outcome> {
        let id = session.id();
        let dir = self.work.staging(id);
        let main_rel = self.work.main_typ_rel(id, index);
        let main_in_work = self.work.main_typ(id, index);
        let main = self.work.dir().join(&main_in_work);
        let written = dir.join(format!("part-{index}"));
        let fail = |e: anyhow::Error| out_dir_failure(id, e);
        crate::fs::create_dir_all(&written)
            .and_then(|_| crate::fs::write(&main, &part.source))
            .and_then(|_| Ok(self.out.restrict(&main)?))
            .map_err(fail)?;
        if part.outputs.is_empty() {
            return Ok(Vec::new());
        }
        let warnings = self
            .typst
            .compile_bundle(&Job {
                root: &self.work.dir(),
                fonts: &self.work.fonts(),
                main: Path::new(&main_in_work),
                out_dir: &written,
                timestamp: session.plan.timestamp,
                threads,
                pdfs: part.outputs.len(),
            })
            .map_err(|messages| {
                Outcome::Failed(self.to_diagnostics(
                    session,
                    part,
                    &main_in_work,
                    &main_rel,
                    messages,
                ))
            })?;
        let missing: Vec<&Output> = part
            .outputs
            .iter()
            .filter(|o| !written.join(&o.path).is_file())
            .collect();
        if !missing.is_empty() {
            // typst succeeded, so the templates named other files: the project's to fix.
            let expected: Vec<&str> = part.outputs.iter().map(|o| o.path.as_str()).collect();
            let instead: Vec<String> = walkdir::WalkDir::new(&written)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .filter_map(|e| {
                    let rel = e.path().strip_prefix(&written).ok()?;
                    let rel = crate::fs::rel_path(Path::new(""), rel);
                    (!expected.contains(&rel.as_str())).then_some(rel)
                })
                .collect();
            let d = Diagnostic::new(
                &TYPST_ERROR,
                format!(
                    "the templates did not make {}{}",
                    missing
                        .iter()
                        .map(|o| o.path.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    if instead.is_empty() {
                        String::new()
                    } else {
                        format!(" (they made {})", instead.join(", "))
                    }
                ),
            )
            .session(id)
            .help("each `#document(...)` in a template must name the file the tool expects: use the `file` or `path` value the template is given, as the templates `sessionpack init` writes do")
            .at(Location::file(format!("templates/{}", missing[0].template)));
            return Err(Outcome::Failed(vec![d]));
        }
        for o in &part.outputs {
            let to = pdf.join(&o.path);
            if let Some(parent) = to.parent() {
                crate::fs::create_dir_all(parent).map_err(fail)?;
            }
            crate::fs::rename(&written.join(&o.path), &to).map_err(fail)?;
        }
        let _ = std::fs::remove_dir_all(&written);
        Ok(self.to_diagnostics(session, part, &main_in_work, &main_rel, warnings))
    }

    /// Turn typst's messages into diagnostics that point at our template where possible.
    /// `main` is the generated source as typst names it (in the workspace), `main_rel` as the
    /// project does.
    fn to_diagnostics(
        &self,
        session: &RenderedSession,
        part: &SessionPart,
        main: &str,
        main_rel: &str,
        messages: Vec<TypstMessage>,
    ) -> Vec<Diagnostic> {
        messages
            .into_iter()
            .map(|m| {
                let rule = if m.process || is_machine_failure(&m.message) {
                    &TYPST_FAILED
                } else if m.error {
                    &TYPST_ERROR
                } else {
                    &TYPST_WARNING
                };
                let mut d = Diagnostic::new(rule, m.message.clone()).session(session.id());
                match (&m.file, m.line) {
                    (Some(file), Some(line)) if file.ends_with(main) => {
                        let generated = part.source.lines().nth(line - 1).unwrap_or("");
                        let mapped = part.source_map.locate(line, generated, |t| {
                            self.templates.text(t).map(str::to_string)
                        });
                        d = d.at(mapped.unwrap_or_else(|| {
                            Location::at(main_rel, line, m.column.unwrap_or(1))
                        }));
                        d = d.snippet(generated.trim());
                        if m.error {
                            d = d.help(if self.keep_build_dir {
                                format!("the generated Typst is kept in {main_rel}")
                            } else {
                                "build again with --keep-build-dir to keep the generated Typst and look at it".to_string()
                            });
                        }
                    }
                    (Some(file), line) => {
                        // typst names files in the workspace; those under templates/ are the
                        // project's own.
                        let file = Path::new(file)
                            .strip_prefix(self.work.dir())
                            .map_or(file.clone(), |p| crate::fs::rel_path(Path::new(""), p));
                        d = d.at(Location {
                            line,
                            column: m.column,
                            ..Location::file(file)
                        });
                    }
                    _ => {}
                }
                d
            })
            .collect()
    }
}

/// A message of typst's that is the machine's failure, not the templates': the disk is full,
/// a file cannot be written. The build's operator fixes it (exit 3), on the session it stopped.
fn is_machine_failure(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    [
        "no space left on device",
        "os error 28",
        "disk quota exceeded",
        "read-only file system",
        "failed to write",
        "failed to create",
        "permission denied",
    ]
    .iter()
    .any(|k| m.contains(k))
}
