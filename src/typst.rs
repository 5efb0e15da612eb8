//! The typst CLI: find it, check its version, run it (no shell, arguments as a list, a clean
//! environment) and read its diagnostics. Mapping them back to our templates is render's
//! (`render::source_map`), which made the source.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

/// The typst found for this run, and what it says of itself.
#[derive(Debug, Clone)]
pub struct Typst {
    pub path: PathBuf,
    /// Always [`VERSION`]: any other is refused.
    pub version: String,
    /// The whole `--version` line, commit included (`typst 0.15.1 (abc123)`), for manifests
    /// and fingerprints.
    pub version_line: String,
}

/// Where the set-up script installs typst: `${XDG_CACHE_HOME:-$HOME/.cache}/sessionpack/typst-0.15.1`.
pub fn cache_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("sessionpack").join(format!("typst-{VERSION}")))
}

fn install_help() -> String {
    let dir = cache_dir().map_or("~/.cache/sessionpack/typst-0.15.1".to_string(), |d| {
        d.display().to_string()
    });
    format!(
        "  help: install it with `scripts/setup.sh` (from the sessionpack repository), or run\n        cargo install typst-cli --locked --version {VERSION} --root {dir}\n        or set SESSIONPACK_TYPST to the path of a typst {VERSION} binary"
    )
}

/// (version, whole line) from `typst --version`: `typst 0.15.1 (unknown commit)`.
fn version_of(path: &Path) -> Result<(String, String)> {
    let output = Command::new(path)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run {}", path.display()))?;
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text.trim().to_string();
    text.split_whitespace()
        .nth(1)
        .map(|v| (v.to_string(), line.clone()))
        .with_context(|| format!("{} --version printed `{line}`", path.display()))
}

fn on_path() -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join("typst"))
        .find(|p| p.is_file())
}

impl Typst {
    /// Find typst: `explicit` (`SESSIONPACK_TYPST`), then the per-user cache, then `PATH`; it
    /// must be version 0.15.1.
    pub fn locate(explicit: Option<&Path>) -> Result<Typst> {
        let candidates: Vec<(String, PathBuf)> = [
            explicit
                .filter(|p| !p.as_os_str().is_empty())
                .map(|p| ("SESSIONPACK_TYPST".to_string(), p.to_path_buf())),
            cache_dir()
                .map(|d| d.join("bin/typst"))
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
        let (version, version_line) = version_of(&path)
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
            .arg(out_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let output = match cmd.output() {
            Ok(o) => o,
            Err(e) => {
                return Err(vec![TypstMessage {
                    error: true,
                    file: None,
                    line: None,
                    column: None,
                    message: format!("cannot run {}: {e}", self.path.display()),
                }]);
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
            if messages.is_empty() {
                messages.push(TypstMessage {
                    error: true,
                    file: None,
                    line: None,
                    column: None,
                    message: format!("typst failed ({})", output.status),
                });
            }
            return Err(messages);
        }
        Ok(messages)
    }
}

/// One line of typst's `--diagnostic-format short` output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypstMessage {
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
