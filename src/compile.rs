//! Compile: one typst process per session, at most `--jobs` at a time. Each session's Typst
//! source is written to `out/.build/ID/main.typ` and compiled as a bundle into
//! `out/.build/ID/pdf/`; `pack` then moves the finished files into place. typst's messages
//! are mapped back to the template lines they came from, errors and warnings alike.

use std::path::Path;
use std::sync::Mutex;

use crate::codes::{OUT_DIR, TYPST_ERROR, TYPST_WARNING};
use crate::diag::{Diagnostic, Location};
use crate::out::{FINGERPRINT_FILE, OutDir};
use crate::project::TemplateFiles;
use crate::render::{RenderedSession, SessionPart};
use crate::typst::{Typst, TypstMessage};

/// What happened to one session's compile.
pub enum Outcome {
    /// Compiled into `out/.build/ID/pdf`, with typst's warnings.
    Compiled {
        warnings: Vec<Diagnostic>,
    },
    /// `out/ID` already holds exactly this build.
    UpToDate,
    Failed(Vec<Diagnostic>),
}

/// A problem writing the session's files under `out/`.
fn out_dir_failure(id: &str, e: anyhow::Error) -> Outcome {
    Outcome::Failed(vec![
        Diagnostic::new(&OUT_DIR, format!("{e:#}"))
            .at(Location::file("out"))
            .session(id),
    ])
}

/// What compile needs besides the sessions.
pub struct Compiler<'a> {
    pub root: &'a Path,
    pub out: &'a OutDir,
    pub typst: &'a Typst,
    /// The templates' text, to map typst's messages back to template lines.
    pub templates: &'a TemplateFiles,
    /// Whether a failed session's generated Typst is kept to look at.
    pub keep_build_dir: bool,
}

impl Compiler<'_> {
    /// Compile every session, at most `jobs` typst processes at once. `done` is called after
    /// each; the outcomes come back in the order of `sessions`.
    pub fn run(
        &self,
        sessions: &[RenderedSession],
        jobs: usize,
        done: &(dyn Fn(&RenderedSession, &Outcome) + Sync),
    ) -> Vec<Outcome> {
        let jobs = jobs.clamp(1, sessions.len().max(1));
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let threads_each = (cores / jobs).max(1);
        let queue = Mutex::new(sessions.iter().enumerate());
        let results: Mutex<Vec<(usize, Outcome)>> = Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                scope.spawn(|| {
                    // The lock is released before compiling.
                    while let Some((i, session)) = queue.lock().ok().and_then(|mut q| q.next()) {
                        let outcome = self.compile_one(session, threads_each);
                        done(session, &outcome);
                        if let Ok(mut r) = results.lock() {
                            r.push((i, outcome));
                        }
                    }
                });
            }
        });
        let mut results = match results.into_inner() {
            Ok(r) => r,
            Err(poisoned) => poisoned.into_inner(),
        };
        results.sort_by_key(|(i, _)| *i);
        // A session whose thread died has no outcome: say so rather than lose it.
        (0..sessions.len())
            .map(|i| match results.iter().position(|(j, _)| *j == i) {
                Some(at) => results.swap_remove(at).1,
                None => Outcome::Failed(vec![
                    Diagnostic::new(
                        &TYPST_ERROR,
                        "the compile of this session stopped unexpectedly",
                    )
                    .session(sessions[i].id()),
                ]),
            })
            .collect()
    }

    /// Whether `out/` holds exactly this build, judged by what is on disk: the session folder
    /// with this fingerprint and every file, and each bundle carrying the same fingerprint.
    /// A crash between moving the folder and the bundles can never pass.
    fn up_to_date(&self, session: &RenderedSession) -> bool {
        let dir = self.out.session(session.id());
        let fingerprint = session.plan.fingerprint(&self.typst.version_line);
        std::fs::read_to_string(dir.join(FINGERPRINT_FILE)).is_ok_and(|f| f.trim() == fingerprint)
            && session.files().iter().all(|f| dir.join(f).is_file())
            && session.bundles().iter().all(|(b, _)| {
                crate::out::bundle_fingerprint(&self.out.bundle(session.id(), *b)).as_deref()
                    == Some(fingerprint.as_str())
            })
    }

    fn compile_one(&self, session: &RenderedSession, threads: usize) -> Outcome {
        if self.up_to_date(session) {
            return Outcome::UpToDate;
        }
        let id = session.id();
        let dir = self.out.staging(id);
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
        // One typst process per part, one after another: a large session never holds all of
        // its letters in memory at once.
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
        let dir = self.out.staging(id);
        let main_rel = OutDir::main_typ_rel(id, index);
        let main = self.root.join(&main_rel);
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
            .compile_bundle(
                self.root,
                Path::new(&main_rel),
                &written,
                session.plan.timestamp,
                threads,
            )
            .map_err(|messages| {
                Outcome::Failed(self.to_diagnostics(session, part, &main_rel, messages))
            })?;
        let missing: Vec<&str> = part
            .outputs
            .iter()
            .map(|o| o.path.as_str())
            .filter(|o| !written.join(o).is_file())
            .collect();
        if !missing.is_empty() {
            return Err(Outcome::Failed(vec![
                Diagnostic::new(
                    &TYPST_ERROR,
                    format!("typst did not write {}", missing.join(", ")),
                )
                .session(id),
            ]));
        }
        for o in &part.outputs {
            let to = pdf.join(&o.path);
            if let Some(parent) = to.parent() {
                crate::fs::create_dir_all(parent).map_err(fail)?;
            }
            crate::fs::rename(&written.join(&o.path), &to).map_err(fail)?;
        }
        let _ = std::fs::remove_dir_all(&written);
        Ok(self.to_diagnostics(session, part, &main_rel, warnings))
    }

    /// Turn typst's messages into diagnostics that point at our template where possible.
    fn to_diagnostics(
        &self,
        session: &RenderedSession,
        part: &SessionPart,
        main_rel: &str,
        messages: Vec<TypstMessage>,
    ) -> Vec<Diagnostic> {
        messages
            .into_iter()
            .map(|m| {
                let rule = if m.error {
                    &TYPST_ERROR
                } else {
                    &TYPST_WARNING
                };
                let mut d = Diagnostic::new(rule, m.message.clone()).session(session.id());
                match (&m.file, m.line) {
                    (Some(file), Some(line)) if file.ends_with(main_rel) => {
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
                        let file = Path::new(file)
                            .strip_prefix(self.root)
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
