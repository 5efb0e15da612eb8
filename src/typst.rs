//! The typst CLI: find it, check its version, run it (no shell, arguments as a list, a clean
//! environment) and read its diagnostics. Mapping them back to our templates is render's
//! (`render::source_map`), which made the source.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::process::{Limits, Ran};

use anyhow::{Context, Result, bail};

pub const VERSION: &str = "0.15.1";

/// How long `typst --version` may take.
const VERSION_TIMEOUT: Duration = Duration::from_secs(30);

/// How long one typst process may take unless set otherwise: a minute, and three seconds
/// for each PDF it writes. Generous (a part of 30 letters takes a few seconds), yet a hung
/// typst holds a build minutes, not half an hour.
pub fn default_timeout(pdfs: usize) -> Duration {
    Duration::from_secs(60 + 3 * pdfs as u64)
}

/// The typst found for this run, and what it says of itself.
#[derive(Debug, Clone)]
pub struct Typst {
    pub path: PathBuf,
    /// The most one typst process may take before it is stopped, when set
    /// (`--typst-timeout`); otherwise [`default_timeout`] for its size.
    pub timeout: Option<Duration>,
    /// Always [`VERSION`]: any other is refused.
    pub version: String,
    /// The whole `--version` line, commit included (`typst 0.15.1 (abc123)`), for manifests
    /// and fingerprints.
    pub version_line: String,
}

/// The typst executable's file name on this platform.
const EXE: &str = if cfg!(windows) { "typst.exe" } else { "typst" };

/// Where the set-up script installs typst: the platform's cache folder (`$XDG_CACHE_HOME` or
/// `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows), then
/// `sessionpack/typst-0.15.1`.
pub fn cache_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(dirs::cache_dir)?;
    Some(base.join("sessionpack").join(format!("typst-{VERSION}")))
}

fn install_help() -> String {
    let dir = cache_dir().map_or(format!("~/.cache/sessionpack/typst-{VERSION}"), |d| {
        d.display().to_string()
    });
    let setup = if cfg!(windows) {
        "install it with `scripts\\setup.ps1` (from the sessionpack release or repository), or run"
    } else {
        "install it with `scripts/setup.sh` (from the sessionpack repository), or run"
    };
    format!(
        "  help: {setup}\n        cargo install typst-cli --locked --version {VERSION} --root \"{dir}\"\n        or set SESSIONPACK_TYPST to the path of a typst {VERSION} binary"
    )
}

/// Why a process that did not succeed ended: its exit code, or the signal that stopped it.
fn ended(status: &std::process::ExitStatus) -> String {
    match crate::process::signal_of(status) {
        Some(signal) => format!("typst was stopped by {signal}"),
        None => format!("typst failed ({status})"),
    }
}

/// The last lines typst wrote that are not diagnostics: the reason it gave when it died.
fn last_words(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty() && TypstMessage::parse(l).is_none())
        .collect();
    lines[lines.len().saturating_sub(3)..].join(" / ")
}

/// (version, whole line) from `typst --version`: `typst 0.15.1 (unknown commit)`.
fn version_of(path: &Path, timeout: Duration) -> Result<(String, String)> {
    let mut cmd = Command::new(path);
    cmd.arg("--version");
    let output = match crate::process::run(&mut cmd, &[], timeout, Limits::default())
        .with_context(|| format!("cannot run {}", path.display()))?
    {
        Ran::Finished(o) => o,
        Ran::TimedOut { .. } => bail!(
            "{} --version did not answer within {} seconds",
            path.display(),
            timeout.as_secs()
        ),
        Ran::Stopped(signal) => bail!("stopped by {}", crate::stop::name(signal)),
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.trim().to_string();
    text.split_whitespace()
        .nth(1)
        .map(|v| (v.to_string(), line.clone()))
        .with_context(|| format!("{} --version printed `{line}`", path.display()))
}

fn on_path() -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(EXE))
        .find(|p| p.is_file())
}

impl Typst {
    /// Find typst: `explicit` (`SESSIONPACK_TYPST`), then the per-user cache, then `PATH`; it
    /// must be version 0.15.1. A compile may take at most `timeout` when given; `--version`,
    /// at most 30 seconds of it.
    pub fn locate(explicit: Option<&Path>, timeout: Option<Duration>) -> Result<Typst> {
        let candidates: Vec<(String, PathBuf)> = [
            explicit
                .filter(|p| !p.as_os_str().is_empty())
                .map(|p| ("SESSIONPACK_TYPST".to_string(), p.to_path_buf())),
            cache_dir()
                .map(|d| d.join("bin").join(EXE))
                .filter(|p| p.is_file())
                .map(|p| ("the sessionpack cache".to_string(), p)),
            on_path().map(|p| ("PATH".to_string(), p)),
        ]
        .into_iter()
        .flatten()
        .collect();
        let Some((from, path)) = candidates.into_iter().next() else {
            bail!("typst {VERSION} is not installed\n{}", install_help());
        };
        let (version, version_line) = version_of(
            &path,
            timeout.unwrap_or(VERSION_TIMEOUT).min(VERSION_TIMEOUT),
        )
        .with_context(|| format!("typst (from {from}) does not work\n{}", install_help()))?;
        if version != VERSION {
            bail!(
                "typst {} (from {from}) is version {version}; sessionpack needs exactly {VERSION}\n{}",
                path.display(),
                install_help()
            );
        }
        Ok(Typst {
            path,
            timeout,
            version,
            version_line,
        })
    }

    /// `typst compile` as every build runs it: `root` (the workspace, holding only what the
    /// tool wrote) as its root, only the project's `fonts`, PDF/UA-1, and an empty
    /// environment. Add the timestamp, input and output.
    pub fn compile_command(&self, root: &Path, fonts: &Path) -> Command {
        let mut cmd = Command::new(&self.path);
        // No CI secret, and nothing that changes typst's output (`TYPST_*`,
        // `SOURCE_DATE_EPOCH`), reaches it.
        crate::process::empty_environment(&mut cmd);
        cmd.current_dir(root)
            .args(["--color", "never", "compile"])
            .arg("--root")
            .arg(root)
            .arg("--font-path")
            .arg(fonts)
            .args(["--ignore-system-fonts", "--ignore-embedded-fonts"])
            .args(["--pdf-standard", "ua-1"]);
        // A compile of a few hundred documents overflows typst's default thread stacks.
        cmd.env("RUST_MIN_STACK", "268435456");
        cmd
    }

    /// Render `source` (read from standard input, with `root` as its root) as a bundle of PNG
    /// documents into `out_dir`, at 96 ppi: the overview's thumbnails of PDFs under `root`.
    pub fn render_pngs(
        &self,
        root: &Path,
        fonts: &Path,
        source: &str,
        out_dir: &Path,
    ) -> Result<(), String> {
        let mut cmd = self.compile_command(root, fonts);
        cmd.args(["--creation-timestamp", "0"])
            .args(["--features", "bundle", "--format", "bundle", "--ppi", "96"])
            .args(["--diagnostic-format", "short", "-j", "1", "-"])
            .arg(out_dir);
        match crate::process::run(
            &mut cmd,
            source.as_bytes(),
            default_timeout(0),
            Limits::default(),
        ) {
            Ok(Ran::Finished(o)) if o.status.success() => Ok(()),
            Ok(Ran::Finished(o)) => Err(last_words(&o.stderr)),
            Ok(_) => Err("typst was stopped".into()),
            Err(e) => Err(format!("cannot run {}: {e}", self.path.display())),
        }
    }

    /// Compile `job.main` (relative to `job.root`) as a bundle into `job.out_dir`: every
    /// `document(...)` in it becomes a PDF/UA-1 file. Only the project's fonts are used. The
    /// warnings when it worked, every message when it did not.
    pub fn compile_bundle(&self, job: &Job) -> Result<Vec<TypstMessage>, Vec<TypstMessage>> {
        let timeout = self.timeout.unwrap_or_else(|| default_timeout(job.pdfs));
        let mut cmd = self.compile_command(job.root, job.fonts);
        cmd.arg("--creation-timestamp")
            .arg(job.timestamp.to_string())
            // Experimental in 0.15 (pinned): one process writes all of a session's PDFs
            // (`bundle`); label and value rows are tagged as row headers (`a11y-extras`).
            .args(["--features", "bundle,a11y-extras", "--format", "bundle"])
            .args(["--diagnostic-format", "short"])
            .arg("-j")
            .arg(job.threads.max(1).to_string())
            .arg(job.main)
            .arg(job.out_dir);
        let failure = |message: String| TypstMessage {
            process: true,
            error: true,
            file: None,
            line: None,
            column: None,
            message,
        };
        let output = match crate::process::run(&mut cmd, &[], timeout, Limits::default()) {
            Ok(Ran::Finished(o)) => o,
            Ok(Ran::TimedOut { stderr }) => {
                let words = last_words(&stderr);
                return Err(vec![failure(format!(
                    "typst did not finish within {} seconds and was stopped{}",
                    timeout.as_secs(),
                    if words.is_empty() {
                        String::new()
                    } else {
                        format!("; it said: {words}")
                    }
                ))]);
            }
            Ok(Ran::Stopped(signal)) => {
                return Err(vec![failure(format!(
                    "stopped by {} before typst finished",
                    crate::stop::name(signal)
                ))]);
            }
            Err(e) => {
                return Err(vec![failure(format!(
                    "cannot run {}: {e}",
                    self.path.display()
                ))]);
            }
        };
        let messages: Vec<TypstMessage> = String::from_utf8_lossy(&output.stderr)
            .lines()
            .filter_map(TypstMessage::parse)
            .filter(|m| !m.message.contains("bundle export is experimental"))
            .collect();
        // A font warning means text would fall back or vanish: treat it as an error.
        let failed = !output.status.success()
            || messages
                .iter()
                .any(|m| m.error || m.message.contains("font"));
        if failed {
            let mut messages = messages;
            // typst said what is wrong with the source: that is the whole story. Died of a
            // signal, or failed without a reason: the process's own failure.
            let killed = !output.status.success() && output.status.code().is_none();
            if killed
                || !messages
                    .iter()
                    .any(|m| m.error || m.message.contains("font"))
            {
                let words = last_words(&output.stderr);
                let ended = ended(&output.status);
                messages.push(failure(if words.is_empty() {
                    ended
                } else {
                    format!("{ended}; it said: {words}")
                }));
            }
            return Err(messages);
        }
        Ok(messages)
    }
}

/// One typst process's work: a bundle to compile.
pub struct Job<'a> {
    /// typst's `--root`: the workspace.
    pub root: &'a Path,
    pub fonts: &'a Path,
    /// The generated source, relative to `root`.
    pub main: &'a Path,
    pub out_dir: &'a Path,
    pub timestamp: i64,
    pub threads: usize,
    /// How many PDFs it writes: the default time limit grows with it.
    pub pdfs: usize,
}

/// One line of typst's `--diagnostic-format short` output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypstMessage {
    /// About the typst process itself (it crashed, timed out, could not run, was stopped),
    /// not about the source: the environment's problem, not the project's.
    pub process: bool,
    pub error: bool,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl TypstMessage {
    /// `path:line:col: error: message`, `error: message` or `path:line:col: warning: message`.
    pub fn parse(line: &str) -> Option<TypstMessage> {
        let line = line.trim_end();
        for (kind, error) in [(": error: ", true), (": warning: ", false)] {
            if let Some((place, message)) = line.split_once(kind) {
                let mut parts = place.rsplitn(3, ':');
                let column = parts.next().and_then(|c| c.parse().ok());
                let line_no = parts.next().and_then(|l| l.parse().ok());
                let file = parts.next().map(str::to_string);
                return Some(TypstMessage {
                    process: false,
                    error,
                    file: file.or_else(|| Some(place.to_string())),
                    line: line_no,
                    column,
                    message: message.to_string(),
                });
            }
        }
        for (kind, error) in [("error: ", true), ("warning: ", false)] {
            if let Some(message) = line.strip_prefix(kind) {
                return Some(TypstMessage {
                    process: false,
                    error,
                    file: None,
                    line: None,
                    column: None,
                    message: message.to_string(),
                });
            }
        }
        None
    }
}

impl std::fmt::Display for TypstMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}")?;
            if let (Some(l), Some(c)) = (self.line, self.column) {
                write!(f, ":{l}:{c}")?;
            }
            write!(f, ": ")?;
        }
        write!(
            f,
            "{}: {}",
            if self.error { "error" } else { "warning" },
            self.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_limit_grows_with_the_pdfs_a_typst_writes() {
        assert_eq!(default_timeout(0).as_secs(), 60);
        // The example's largest session, about 20 PDFs, in one process: 2 minutes, not 10.
        assert_eq!(default_timeout(20).as_secs(), 120);
        assert!(default_timeout(33) > default_timeout(1));
    }

    #[test]
    fn parses_short_diagnostics() {
        let m = TypstMessage::parse("out/.build/x/main.typ:12:5: error: unknown variable: foo")
            .unwrap();
        assert_eq!(m.file.as_deref(), Some("out/.build/x/main.typ"));
        assert_eq!((m.line, m.column, m.error), (Some(12), Some(5), true));
        assert_eq!(m.message, "unknown variable: foo");
        let m = TypstMessage::parse("error: input file not found").unwrap();
        assert!(m.error && m.file.is_none());
        let m = TypstMessage::parse("a.typ:1:16: warning: unknown font family: nope").unwrap();
        assert!(!m.error);
        assert!(TypstMessage::parse("  = hint: something").is_none());
    }
}
