//! Compile: one typst process per session, at most `--jobs` at a time. Each session's Typst
//! source is written to `out/.build/ID/main.typ` and compiled as a bundle into
//! `out/.build/ID/pdf/`; `pack` then moves the finished files into place.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Level, Location, Rule};
use crate::typst::{Typst, TypstMessage, template_line};

pub static TYPST_ERROR: Rule = Rule {
    code: "SP031",
    name: "typst-error",
    level: Level::Error,
    source: None,
    summary: "typst could not make the PDFs from the rendered templates",
};

pub static TYPST_WARNING: Rule = Rule {
    code: "SP032",
    name: "typst-warning",
    level: Level::Warning,
    source: None,
    summary: "typst made the PDFs but warned about something in the templates",
};

/// A session's rendered Typst, ready to compile.
#[derive(Debug, Clone)]
pub struct RenderedSession {
    pub id: String,
    pub source: String,
    /// Files the compile must produce, relative to `out/ID/`.
    pub outputs: Vec<String>,
    /// (template name, first line in `source`) of each document's section.
    pub sections: Vec<(&'static str, usize)>,
    /// Files written without typst (name under `out/ID/`, bytes), e.g. `preview.csv`.
    pub extra_files: Vec<(String, Vec<u8>)>,
    /// Every input file the session's documents are made from, relative to the root.
    pub inputs: Vec<String>,
    pub timestamp: i64,
    /// Hash of everything that determines the output bytes.
    pub fingerprint: String,
}

/// The build folder of a session: `out/.build/ID`.
pub fn build_dir(root: &Path, id: &str) -> PathBuf {
    root.join("out").join(".build").join(id)
}

/// SHA-256 over the rendered source, the Typst layout and fonts it reads, the tool and typst
/// versions and the timestamp: equal fingerprints mean byte-identical PDFs.
pub fn fingerprint(
    root: &Path,
    source: &str,
    extra_files: &[(String, Vec<u8>)],
    timestamp: i64,
    typst_version: &str,
) -> std::io::Result<String> {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION"));
    h.update(typst_version);
    h.update(timestamp.to_le_bytes());
    h.update(source);
    for (name, bytes) in extra_files {
        h.update(name);
        h.update(bytes);
    }
    let mut files = Vec::new();
    collect_files(&root.join("templates"), &mut files)?;
    files.sort();
    for f in files
        .iter()
        .filter(|f| f.extension().is_none_or(|e| e != "tera"))
    {
        h.update(
            f.strip_prefix(root)
                .unwrap_or(f)
                .to_string_lossy()
                .as_bytes(),
        );
        h.update(std::fs::read(f)?);
    }
    Ok(format!("{:x}", h.finalize()))
}

pub fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Turn typst's messages into diagnostics that point at our template where possible.
fn to_diagnostics(
    root: &Path,
    session: &RenderedSession,
    main_rel: &str,
    messages: Vec<TypstMessage>,
) -> Vec<Diagnostic> {
    messages
        .into_iter()
        .map(|m| {
            let mut d = Diagnostic::new(&TYPST_ERROR, m.message.clone()).session(&session.id);
            match (&m.file, m.line) {
                (Some(file), Some(line)) if file.ends_with(main_rel) => {
                    let generated = session.source.lines().nth(line - 1).unwrap_or("");
                    let template = session
                        .sections
                        .iter()
                        .rev()
                        .find(|(_, start)| *start <= line)
                        .map(|(t, _)| *t);
                    let mapped = template.and_then(|t| {
                        let text = std::fs::read_to_string(root.join("templates").join(t)).ok()?;
                        template_line(&text, generated).map(|l| (t, l))
                    });
                    d = match mapped {
                        Some((t, l)) => d.at(Location::line(format!("templates/{t}"), l)),
                        None => d.at(Location::at(main_rel, line, m.column.unwrap_or(1))),
                    };
                    d = d
                        .snippet(generated.trim())
                        .help(format!("the generated Typst is kept in {main_rel}"));
                }
                (Some(file), line) => {
                    let file = Path::new(file)
                        .strip_prefix(root)
                        .map_or(file.clone(), |p| p.to_string_lossy().into_owned());
                    d = d.at(Location {
                        file,
                        line,
                        column: m.column,
                    });
                }
                _ => {}
            }
            d
        })
        .collect()
}

/// What happened to one session's compile.
pub enum Outcome {
    /// Compiled into `out/.build/ID/pdf`.
    Compiled {
        warnings: Vec<String>,
    },
    /// `out/ID` already holds exactly this build.
    UpToDate,
    Failed(Vec<Diagnostic>),
}

/// Compile every session, at most `jobs` typst processes at once. `done` is called after each.
pub fn run(
    root: &Path,
    typst: &Typst,
    sessions: &[RenderedSession],
    jobs: usize,
    done: &(dyn Fn(&RenderedSession, &Outcome) + Sync),
) -> Vec<(String, Outcome)> {
    let jobs = jobs.clamp(1, sessions.len().max(1));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads_each = (cores / jobs).max(1);
    let queue = Mutex::new(sessions.iter());
    let results = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                while let Some(session) = next_session(&queue) {
                    let outcome = compile_one(root, typst, session, threads_each);
                    done(session, &outcome);
                    if let Ok(mut r) = results.lock() {
                        r.push((session.id.clone(), outcome));
                    }
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    results
}

/// Take the next session off the queue (the lock is released before compiling).
fn next_session<'a>(
    queue: &Mutex<std::slice::Iter<'a, RenderedSession>>,
) -> Option<&'a RenderedSession> {
    queue.lock().ok()?.next()
}

pub const FINGERPRINT_FILE: &str = ".sessionpack-fingerprint";

fn up_to_date(root: &Path, session: &RenderedSession) -> bool {
    let dir = root.join("out").join(&session.id);
    std::fs::read_to_string(dir.join(FINGERPRINT_FILE))
        .is_ok_and(|f| f.trim() == session.fingerprint)
        && session.outputs.iter().all(|o| dir.join(o).is_file())
        && session
            .extra_files
            .iter()
            .all(|(o, _)| dir.join(o).is_file())
        && crate::pack::bundles(session)
            .iter()
            .all(|(zip, _)| root.join("out").join(zip).is_file())
}

fn compile_one(root: &Path, typst: &Typst, session: &RenderedSession, threads: usize) -> Outcome {
    if up_to_date(root, session) {
        return Outcome::UpToDate;
    }
    let dir = build_dir(root, &session.id);
    let main = dir.join("main.typ");
    let pdf = dir.join("pdf");
    let fail = |message: String| {
        Outcome::Failed(vec![
            Diagnostic::new(&TYPST_ERROR, message).session(&session.id),
        ])
    };
    if dir.exists()
        && let Err(e) = std::fs::remove_dir_all(&dir)
    {
        return fail(format!("cannot clear {}: {e}", dir.display()));
    }
    if let Err(e) =
        std::fs::create_dir_all(&pdf).and_then(|_| std::fs::write(&main, &session.source))
    {
        return fail(format!("cannot write {}: {e}", main.display()));
    }
    let main_rel = format!("out/.build/{}/main.typ", session.id);
    let compiled = if session.outputs.is_empty() {
        Ok(Vec::new())
    } else {
        typst.compile_bundle(root, Path::new(&main_rel), &pdf, session.timestamp, threads)
    };
    // After typst, which replaces the contents of its output folder.
    for (name, bytes) in &session.extra_files {
        if let Err(e) = std::fs::write(pdf.join(name), bytes) {
            return fail(format!("cannot write {name}: {e}"));
        }
    }
    match compiled {
        Ok(warnings) => {
            let missing: Vec<&String> = session
                .outputs
                .iter()
                .filter(|o| !pdf.join(o).is_file())
                .collect();
            if missing.is_empty() {
                Outcome::Compiled { warnings }
            } else {
                fail(format!(
                    "typst did not write {}",
                    missing
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            }
        }
        Err(messages) => Outcome::Failed(to_diagnostics(root, session, &main_rel, messages)),
    }
}
