//! The typst CLI: find it, check its version, run it (no shell, arguments as a list, a clean
//! environment) and read its diagnostics. Mapping them back to our templates is render's
//! (`render::source_map`), which made the source.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

pub const VERSION: &str = "0.15.1";

/// Variables that would change typst's output if inherited from the caller's environment.
const LEAKY_ENV: &[&str] = &[
    "TYPST_ROOT",
    "TYPST_FONT_PATHS",
    "TYPST_IGNORE_SYSTEM_FONTS",
    "TYPST_IGNORE_EMBEDDED_FONTS",
    "TYPST_PACKAGE_PATH",
    "TYPST_PACKAGE_CACHE_PATH",
    "TYPST_FEATURES",
    "TYPST_CERT",
    "TYPST_DIAGNOSTIC_FORMAT",
    "TYPST_UPDATE_BACKUP_PATH",
    "SOURCE_DATE_EPOCH",
];

/// How long `typst --version` may take.
const VERSION_TIMEOUT: Duration = Duration::from_secs(30);

/// How long one session's compile may take unless set otherwise: generous, since a session
/// of hundreds of letters takes seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);

/// The typst found for this run, and what it says of itself.
#[derive(Debug, Clone)]
pub struct Typst {
    pub path: PathBuf,
    /// The most one compile may take before it is stopped.
    pub timeout: Duration,
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
        "install Rust (rustup.rs), then run"
    } else {
        "install it with `scripts/setup.sh` (from the sessionpack repository), or run"
    };
    format!(
        "  help: {setup}\n        cargo install typst-cli --locked --version {VERSION} --root \"{dir}\"\n        or set SESSIONPACK_TYPST to the path of a typst {VERSION} binary"
    )
}

/// How a child process ended.
pub enum Ran {
    Finished(Output),
    /// Still running after the time allowed: killed.
    TimedOut {
        stderr: Vec<u8>,
    },
    /// Killed because the user asked the tool to stop (SIGINT, SIGTERM).
    Stopped(i32),
}

/// Run `cmd` with its output captured, killing it if it runs longer than `timeout`.
pub fn run_with_timeout(cmd: &mut Command, timeout: Duration) -> std::io::Result<Ran> {
    // Its own process group, so stopping it stops anything it started too.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(cmd, 0);
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    // Read both pipes while waiting, so a chatty child never blocks on a full pipe.
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let out = std::thread::spawn(move || {
        let mut b = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut b);
        }
        b
    });
    let err = std::thread::spawn(move || {
        let mut b = Vec::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.read_to_end(&mut b);
        }
        b
    });
    let deadline = Instant::now() + timeout;
    let mut stopped = None;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        stopped = crate::stop::requested();
        if Instant::now() >= deadline || stopped.is_some() {
            #[cfg(unix)]
            if let Ok(pgid) = i32::try_from(child.id()) {
                // SAFETY: killpg only sends a signal; the group is the child's own (above).
                unsafe {
                    libc::killpg(pgid, libc::SIGKILL);
                }
            }
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    Ok(match (status, stopped) {
        (Some(status), _) => Ran::Finished(Output {
            status,
            stdout,
            stderr,
        }),
        (None, Some(signal)) => Ran::Stopped(signal),
        (None, None) => Ran::TimedOut { stderr },
    })
}

/// Why a process that did not succeed ended: its exit code, or the signal that stopped it.
fn ended(status: &std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                6 => " (SIGABRT: it aborted, often a stack overflow)",
                9 => " (SIGKILL: killed, often for want of memory)",
                11 => " (SIGSEGV: it crashed)",
                15 => " (SIGTERM)",
                _ => "",
            };
            return format!("typst was stopped by signal {signal}{name}");
        }
    }
    format!("typst failed ({status})")
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
    let output = match run_with_timeout(&mut cmd, timeout)
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
    /// must be version 0.15.1. A compile may take at most `timeout`; `--version`, at most 30
    /// seconds of it.
    pub fn locate(explicit: Option<&Path>, timeout: Duration) -> Result<Typst> {
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
        let (version, version_line) = version_of(&path, timeout.min(VERSION_TIMEOUT))
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

    /// `typst compile` as every build runs it: the project as root, only the project's fonts,
    /// PDF/UA-1, and an environment that cannot change the output. Add the timestamp, input
    /// and output.
    pub fn compile_command(&self, root: &Path) -> Command {
        let mut cmd = Command::new(&self.path);
        cmd.current_dir(root)
            .args(["--color", "never", "compile"])
            .arg("--root")
            .arg(root)
            .arg("--font-path")
            .arg(root.join("templates/fonts"))
            .args(["--ignore-system-fonts", "--ignore-embedded-fonts"])
            .args(["--pdf-standard", "ua-1"]);
        for var in LEAKY_ENV {
            cmd.env_remove(var);
        }
        // A compile of a few hundred documents overflows typst's default thread stacks.
        cmd.env("RUST_MIN_STACK", "268435456");
        cmd
    }

    /// Compile `main` (relative to `root`) as a bundle into `out_dir`: every `document(...)` in
    /// it becomes a PDF/UA-1 file. Only the project's fonts are used. The warnings when it
    /// worked, every message when it did not.
    pub fn compile_bundle(
        &self,
        root: &Path,
        main: &Path,
        out_dir: &Path,
        timestamp: i64,
        threads: usize,
    ) -> Result<Vec<TypstMessage>, Vec<TypstMessage>> {
        let mut cmd = self.compile_command(root);
        cmd.arg("--creation-timestamp")
            .arg(timestamp.to_string())
            // Experimental in 0.15 (pinned): one process writes all of a session's PDFs.
            .args(["--features", "bundle", "--format", "bundle"])
            .args(["--diagnostic-format", "short"])
            .arg("-j")
            .arg(threads.max(1).to_string())
            .arg(main)
            .arg(out_dir);
        let failure = |message: String| TypstMessage {
            process: true,
            error: true,
            file: None,
            line: None,
            column: None,
            message,
        };
        let output = match run_with_timeout(&mut cmd, self.timeout) {
            Ok(Ran::Finished(o)) => o,
            Ok(Ran::TimedOut { stderr }) => {
                let words = last_words(&stderr);
                return Err(vec![failure(format!(
                    "typst did not finish within {} seconds and was stopped{}",
                    self.timeout.as_secs(),
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
