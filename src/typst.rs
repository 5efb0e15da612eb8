//! The typst CLI: find it, check its version, run it (no shell, arguments as a list, a clean
//! environment), and map its diagnostics back to our templates.

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

#[derive(Debug, Clone)]
pub struct Typst {
    pub path: PathBuf,
    pub version: String,
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

fn version_of(path: &Path) -> Result<String> {
    let output = Command::new(path)
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot run {}", path.display()))?;
    let text = String::from_utf8_lossy(&output.stdout);
    // `typst 0.15.1 (unknown commit)`
    text.split_whitespace()
        .nth(1)
        .map(str::to_string)
        .with_context(|| format!("{} --version printed `{}`", path.display(), text.trim()))
}

fn on_path() -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join("typst"))
        .find(|p| p.is_file())
}

impl Typst {
    /// Find typst: `SESSIONPACK_TYPST`, then the per-user cache, then `PATH`; it must be
    /// version 0.15.1.
    pub fn locate() -> Result<Typst> {
        let candidates: Vec<(String, PathBuf)> = [
            std::env::var_os("SESSIONPACK_TYPST")
                .filter(|v| !v.is_empty())
                .map(|p| ("SESSIONPACK_TYPST".to_string(), PathBuf::from(p))),
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
        let version = version_of(&path)
            .with_context(|| format!("typst (from {from}) does not work\n{}", install_help()))?;
        if version != VERSION {
            bail!(
                "typst {} (from {from}) is version {version}; sessionpack needs exactly {VERSION}\n{}",
                path.display(),
                install_help()
            );
        }
        Ok(Typst { path, version })
    }

    /// Compile `main` (relative to `root`) as a bundle into `out_dir`: every `document(...)` in
    /// it becomes a PDF/UA-1 file. Only the project's fonts are used.
    pub fn compile_bundle(
        &self,
        root: &Path,
        main: &Path,
        out_dir: &Path,
        timestamp: i64,
        threads: usize,
    ) -> Result<Vec<String>, Vec<TypstMessage>> {
        let mut cmd = Command::new(&self.path);
        cmd.current_dir(root)
            .args(["--color", "never", "compile"])
            .arg("--root")
            .arg(root)
            .arg("--font-path")
            .arg(root.join("templates/fonts"))
            .args(["--ignore-system-fonts", "--ignore-embedded-fonts"])
            .args(["--pdf-standard", "ua-1"])
            .arg("--creation-timestamp")
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
        for var in LEAKY_ENV {
            cmd.env_remove(var);
        }
        // A compile of a few hundred documents overflows typst's default thread stacks.
        cmd.env("RUST_MIN_STACK", "268435456");
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
        Ok(messages.into_iter().map(|m| m.to_string()).collect())
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

/// The literal text of a template line: what is left outside `{{ }}`, `{% %}` and `{# #}`.
fn literals(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(open) = ["{{", "{%", "{#"].iter().filter_map(|t| rest.find(t)).min() {
        out.push(&rest[..open]);
        let close = match &rest[open..open + 2] {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        match rest[open + 2..].find(close) {
            Some(end) => rest = &rest[open + 2 + end + 2..],
            None => return out,
        }
    }
    out.push(rest);
    out.into_iter()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Map a line of generated Typst back to the template line it came from: the template line
/// whose literal text appears, in order, in the generated line (the longest such match).
pub fn template_line(template: &str, generated_line: &str) -> Option<usize> {
    let generated = generated_line.trim();
    let mut best: Option<(usize, usize)> = None;
    for (i, line) in template.lines().enumerate() {
        let parts = literals(line);
        let len: usize = parts.iter().map(|p| p.len()).sum();
        if len < 3 {
            continue;
        }
        let mut at = 0;
        let found = parts.iter().all(|p| match generated[at..].find(p) {
            Some(pos) => {
                at += pos + p.len();
                true
            }
            None => false,
        });
        if found && best.is_none_or(|(_, l)| len > l) {
            best = Some((i + 1, len));
        }
    }
    best.map(|(line, _)| line)
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

    #[test]
    fn maps_generated_lines_to_the_template() {
        let template =
            "#import \"x\"\n  letter-part(\n    lang: {{ p.lang }},\n    page-format: {{ x }},\n";
        assert_eq!(
            template_line(template, "    page-format: \"Page\","),
            Some(4)
        );
        assert_eq!(template_line(template, "nothing like it"), None);
        let template = "  [\n    {{ p.s.intro }} #nosuch()\n    {{ p.s.other }}\n";
        assert_eq!(
            template_line(template, "    We would like to invite you\\. #nosuch()"),
            Some(2)
        );
    }
}
