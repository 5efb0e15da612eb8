//! What `check` and `build` print besides the diagnostics: a line per session as it is done
//! (above a progress bar on a terminal), then the totals once; with `--format json`, one
//! summary object at the end; and the exit status, which says whose problem it is.

use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use sessionpack::diag::{Diagnostics, Level, plural};
use sessionpack::pipeline::{Progress, Report, SessionResult, Status};

use super::shell::Shell;

/// How the command ended, and so its exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: success (warnings allowed).
    Success,
    /// 1: problems in the project's input, for the officer to fix.
    Input,
    /// 2: the command was used wrongly.
    Usage,
    /// 3: the machine or the tool failed (typst missing or failing, a disk error, another
    /// build running), for an operator to look at.
    Environment,
    /// 128 + the signal that stopped the run: 130 for SIGINT, 143 for SIGTERM.
    Signal(i32),
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Input => 1,
            Exit::Usage => 2,
            Exit::Environment => 3,
            Exit::Signal(s) => u8::try_from(128 + s).unwrap_or(1),
        }
    }

    /// The exit of a run: stopped, then the environment's errors, then the input's.
    pub fn of(diags: &Diagnostics, report: &Report) -> Exit {
        let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
        if let Some(signal) = report.stopped {
            Exit::Signal(signal)
        } else if errors
            .iter()
            .any(|d| sessionpack::codes::is_environment(d.rule))
        {
            Exit::Environment
        } else if !errors.is_empty() || report.with(Status::Failed).next().is_some() {
            Exit::Input
        } else {
            Exit::Success
        }
    }
}

/// The command that is reporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Command {
    Check,
    /// `check --no-typeset`: nothing was typeset, so nothing may say it was.
    #[serde(rename = "check")]
    CheckWithoutTypst,
    Build,
}

impl Command {
    fn name(self) -> &'static str {
        match self {
            Command::Check | Command::CheckWithoutTypst => "check",
            Command::Build => "build",
        }
    }
}

/// A session's status as JSON and the totals say it: `built`, `checked` (by `check`, which
/// keeps nothing), `up_to_date`, `not_built`, `failed`, `stopped`.
pub fn status_word(status: Status, command: Command) -> &'static str {
    match (status, command) {
        (Status::Built, Command::Build) => "built",
        (Status::Built, _) => "checked",
        (Status::UpToDate, _) => "up_to_date",
        (Status::Previewed | Status::Blocked, _) => "not_built",
        (Status::Failed, _) => "failed",
        (Status::Stopped, _) => "stopped",
    }
}

/// Whether a session's line waits for the diagnostics: its "not built" or "failed" points at
/// the errors above it, so it is printed after them.
fn after_diagnostics(status: Status) -> bool {
    matches!(status, Status::Previewed | Status::Blocked | Status::Failed)
}

/// One line per session as it is done: above the bar on a terminal, plain lines otherwise
/// (CI logs); nothing with `-q` or `--format json`. A session that is not built or failed is
/// said after the diagnostics instead ([`finish`]), below its errors.
pub struct Lines<'a> {
    shell: &'a Shell,
    bar: ProgressBar,
    terminal: bool,
    command: Command,
    letters: std::sync::atomic::AtomicUsize,
}

impl Lines<'_> {
    pub fn new(shell: &Shell, command: Command) -> Lines<'_> {
        let (bar, terminal) = shell.bar();
        let verb = match command {
            Command::Check => "typesetting",
            Command::CheckWithoutTypst => "checking",
            Command::Build => "building",
        };
        bar.set_style(
            ProgressStyle::with_template(&format!(
                "{{spinner}} {verb} [{{bar:30}}] {{pos}}/{{len}} sessions  {{msg}}  {{eta}} left"
            ))
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        Lines {
            shell,
            bar,
            terminal,
            command,
            letters: std::sync::atomic::AtomicUsize::new(0),
        }
    }
}

/// What the line of a finished session says.
pub fn session_line(s: &SessionResult, command: Command) -> String {
    // A file name that is not an ID can hold anything: shown escaped, never raw.
    let id = &sessionpack::diag::visible(&s.id);
    match (s.status, command) {
        (Status::Built, Command::Build) => format!(
            "built {id}: {} ({}, {}){}",
            plural(s.files, "file"),
            plural(s.letters, "letter"),
            plural(s.pages, "page"),
            print_paths(s)
        ),
        (Status::Built, Command::Check) => {
            format!("checked {id}: typeset without errors{}", decisions(s))
        }
        (Status::Built, Command::CheckWithoutTypst) => format!(
            "checked {id}: no errors in its input (not typeset: --no-typeset){}",
            decisions(s)
        ),
        (Status::UpToDate, Command::Build) => format!("up to date: {id}"),
        (Status::UpToDate, _) => {
            format!(
                "checked {id}: out/{id} already holds this build{}",
                decisions(s)
            )
        }
        (Status::Previewed, Command::Build) => format!(
            "not built: {id} (fix the errors above; its preview list is out/{id}/preview.pdf)"
        ),
        (Status::Previewed, _) => format!(
            "not built: {id} (errors in its input; build would write only its preview list){}",
            decisions(s)
        ),
        (Status::Blocked, Command::Build) => {
            format!("not built: {id} (fix the errors above; nothing was written for it)")
        }
        (Status::Blocked, _) => format!("not built: {id} (errors in its input)"),
        (Status::Failed, Command::Build) => {
            format!("failed: {id} (see the errors above; none of its files are left in out/)")
        }
        (Status::Failed, _) => format!("failed: {id} (build would fail too)"),
        (Status::Stopped, _) => format!("stopped: {id}"),
    }
}

/// `; 10 invited, 2 not invited (…)`, when the list was read whole.
fn decisions(s: &SessionResult) -> String {
    match (s.invited, s.not_invited) {
        (Some(invited), Some(not)) => format!("; {invited} invited, {not} not invited"),
        _ => String::new(),
    }
}

/// `; print out/ID/letters.pdf; office only: out/ID/preview.pdf`; a file in parts is shown
/// by its first and last part: `out/ID/letters-1-of-60.pdf to letters-60-of-60.pdf`.
fn print_paths(s: &SessionResult) -> String {
    let mut said = String::new();
    if !s.print.is_empty() {
        said.push_str(&format!("; print {}", runs(&s.print)));
    }
    if !s.office_only.is_empty() {
        said.push_str(&format!(
            "; office only (OFFICIAL-SENSITIVE): {}",
            runs(&s.office_only)
        ));
    }
    said
}

/// Paths, the parts of one file shown by the first and the last.
fn runs(paths: &[String]) -> String {
    // The parts of one file are next to each other, in order.
    let stem = |p: &str| sessionpack::pack::part_number(p).map(|(stem, _)| stem.to_string());
    paths
        .chunk_by(|a, b| stem(a).is_some() && stem(a) == stem(b))
        .map(|run| match run {
            [one] => one.clone(),
            [first, .., last] => {
                let name = last.rsplit('/').next().unwrap_or(last);
                format!("{first} to {name}")
            }
            [] => String::new(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Progress for Lines<'_> {
    fn start(&self, total: usize) {
        self.bar.set_length(total as u64);
        if self.command == Command::Build {
            self.bar.set_message(plural(0, "letter"));
        }
    }

    fn session_done(&self, session: &SessionResult) {
        if !self.shell.chatty() {
            return;
        }
        if !after_diagnostics(session.status) {
            let line = session_line(session, self.command);
            if self.terminal {
                self.bar.println(line);
            } else {
                self.shell.note(&line);
            }
        }
        let letters = self
            .letters
            .fetch_add(session.letters, std::sync::atomic::Ordering::Relaxed)
            + session.letters;
        if self.command == Command::Build {
            self.bar.set_message(plural(letters, "letter"));
        }
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[derive(Serialize)]
struct Totals {
    sessions: usize,
    built: usize,
    checked: usize,
    up_to_date: usize,
    not_built: usize,
    failed: usize,
    stopped: usize,
    removed: usize,
    letters: usize,
    pages: usize,
    errors: usize,
    warnings: usize,
}

/// A session in the JSON summary: its result, with its status in words.
#[derive(Serialize)]
struct JsonSession<'a> {
    status: &'static str,
    /// For a session not built: its preview list, when one was made.
    preview: Option<String>,
    #[serde(flatten)]
    result: &'a SessionResult,
}

/// The version of the JSON summary's shape: raised when a field changes meaning or goes.
const SCHEMA_VERSION: u32 = 2;

#[derive(Serialize)]
struct Summary<'a> {
    schema_version: u32,
    command: Command,
    exit: u8,
    sessions: Vec<JsonSession<'a>>,
    removed: &'a [sessionpack::pipeline::Removed],
    not_ours: &'a [String],
    totals: Totals,
    duration_ms: u128,
    stopped_by: Option<&'static str>,
    awaiting_review: &'a [String],
}

fn totals(diags: &Diagnostics, report: &Report, command: Command) -> Totals {
    let n = |status| report.with(status).count();
    Totals {
        sessions: report.sessions.len(),
        built: if command == Command::Build {
            n(Status::Built)
        } else {
            0
        },
        checked: if command == Command::Build {
            0
        } else {
            n(Status::Built)
        },
        up_to_date: n(Status::UpToDate),
        not_built: n(Status::Previewed) + n(Status::Blocked),
        failed: n(Status::Failed),
        stopped: n(Status::Stopped),
        removed: report.removed.len(),
        letters: report.sessions.iter().map(|s| s.letters).sum(),
        pages: report.sessions.iter().map(|s| s.pages).sum(),
        errors: diags.count(Level::Error),
        warnings: diags.count(Level::Warning),
    }
}

/// The project's folder within its git repository, for GitHub's file paths: `""` at the top,
/// `projects/bristol/` below it.
pub fn repo_prefix(root: &Path) -> String {
    // On GitHub, the workspace is the repository's top; elsewhere, the folder holding `.git`.
    let workspace = std::env::var_os("GITHUB_WORKSPACE")
        .map(std::path::PathBuf::from)
        .and_then(|w| w.canonicalize().ok())
        .filter(|w| root.canonicalize().is_ok_and(|r| r.starts_with(w)));
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let root = root.as_path();
    workspace
        .or_else(|| {
            root.ancestors()
                .find(|dir| dir.join(".git").exists())
                .map(Path::to_path_buf)
        })
        .and_then(|top| root.strip_prefix(top).ok().map(Path::to_path_buf))
        .map(|rel| {
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel.is_empty() {
                rel
            } else {
                format!("{rel}/")
            }
        })
        .unwrap_or_default()
}

/// Print the diagnostics, then the summary, in the format asked for; return the exit.
pub fn finish(
    shell: &Shell,
    root: &Path,
    diags: &Diagnostics,
    report: &Report,
    command: Command,
) -> Exit {
    let exit = Exit::of(diags, report);
    shell.diagnostics(diags, &repo_prefix(root));
    let t = totals(diags, report, command);
    if shell.is_json() {
        let summary = Summary {
            schema_version: SCHEMA_VERSION,
            command,
            exit: exit.code(),
            sessions: report
                .sessions
                .iter()
                .map(|s| JsonSession {
                    status: status_word(s.status, command),
                    preview: (s.status == Status::Previewed && command == Command::Build)
                        .then(|| format!("out/{}/preview.pdf", s.id)),
                    result: s,
                })
                .collect(),
            removed: &report.removed,
            not_ours: &report.foreign,
            totals: t,
            duration_ms: report.duration.as_millis(),
            stopped_by: report.stopped.map(sessionpack::stop::name),
            awaiting_review: &report.awaiting_review,
        };
        shell.result(
            "summary",
            serde_json::to_value(&summary).unwrap_or_default(),
        );
        return exit;
    }
    if !shell.chatty() {
        return exit;
    }
    // Below the errors they point at.
    for s in report
        .sessions
        .iter()
        .filter(|s| after_diagnostics(s.status))
    {
        shell.note(&session_line(s, command));
    }
    for r in &report.removed {
        shell.note(&format!("removed from out/: {} ({})", r.id, r.why));
    }
    for f in &report.foreign {
        shell.note(&format!(
            "left alone: {} (not written by sessionpack)",
            sessionpack::diag::visible(f)
        ));
    }
    if !report.relaxed.is_empty() {
        shell.note(&super::args::relaxed_line(&report.relaxed));
    }
    if let Some((jobs, budget, own)) = report.jobs_limited {
        shell.note(&format!(
            "memory: {} at a time, to stay within {budget} MB (the loaded project took {own} MB; --memory-budget or --jobs changes it)",
            plural(jobs, "typst process")
        ));
    }
    if !report.awaiting_review.is_empty() {
        shell.note(&format!(
            "{}: {} await a translator's review{}",
            sessionpack::l10n::strings::CY_FILE,
            plural(report.awaiting_review.len(), "Welsh string"),
            if shell.verbose() {
                format!(": {}", report.awaiting_review.join(", "))
            } else {
                " (-v names them; `sessionpack strings export FILE.xlsx` gives them to a translator)"
                    .to_string()
            }
        ));
    }
    if let Some(signal) = report.stopped {
        let published: Vec<&str> = report
            .sessions
            .iter()
            .filter(|s| matches!(s.status, Status::Built | Status::Previewed))
            .map(|s| s.id.as_str())
            .collect();
        shell.note(&format!(
            "stopped by {}: {} finished before it ({}); the rest were not {}",
            sessionpack::stop::name(signal),
            plural(published.len(), "session"),
            if published.is_empty() {
                "none".to_string()
            } else {
                published.join(", ")
            },
            match command {
                Command::Build => "built, and out/ holds none of their files half-written",
                Command::Check | Command::CheckWithoutTypst => "checked",
            }
        ));
        return exit;
    }
    let mut parts = Vec::new();
    for (count, what) in [
        (t.built, "built"),
        (t.checked, "checked"),
        (t.up_to_date, "up to date"),
        (t.not_built, "not built"),
        (t.failed, "failed"),
    ] {
        if count > 0 {
            parts.push(format!("{count} {what}"));
        }
    }
    if parts.is_empty() && command != Command::Build {
        // `--no-typeset` on a project with no sessions.
        if diags.iter().next().is_none() {
            shell.status("check", "no problems found");
        }
        return exit;
    }
    let mut line = format!(
        "{} of {}",
        if parts.is_empty() {
            "nothing".to_string()
        } else {
            parts.join(", ")
        },
        plural(t.sessions, "session")
    );
    if command == Command::Build && t.letters + t.pages > 0 {
        line.push_str(&format!(
            "; {}, {} in out/",
            plural(t.letters, "letter"),
            plural(t.pages, "page")
        ));
    }
    line.push_str(&format!(" ({:.1} s)", report.duration.as_secs_f64()));
    shell.status(command.name(), &line);
    if command != Command::Build && diags.iter().next().is_none() {
        shell.status("check", "no problems found");
    }
    exit
}
