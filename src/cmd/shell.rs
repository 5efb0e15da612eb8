//! The one output channel of every command (cargo's `Shell` is the model). Text for people
//! goes to stderr (what a command was asked to show goes to stdout), coloured only when
//! `--color` allows; with `--format json` stdout holds JSON lines and nothing else, and stderr
//! nothing; with `-q`, only problems are said. No command prints around it.

use std::io::Write;

use indicatif::{ProgressBar, ProgressDrawTarget};
use serde_json::{Value, json};
use sessionpack::diag::{self, Diagnostics, Format, Level, paint, plural};

use super::args::Global;

pub struct Shell {
    format: Format,
    quiet: bool,
    verbose: bool,
    colour: bool,
}

impl Shell {
    pub fn new(global: &Global) -> Shell {
        Shell {
            format: global.format,
            quiet: global.quiet,
            verbose: global.verbose,
            colour: global.colour(),
        }
    }

    pub fn is_json(&self) -> bool {
        self.format == Format::Json
    }

    pub fn verbose(&self) -> bool {
        self.verbose
    }

    /// Whether progress and summaries are said as text: not with `-q`, not with JSON.
    pub fn chatty(&self) -> bool {
        !self.quiet && !self.is_json()
    }

    /// A progress bar drawn on the terminal, when there is one and the shell is chatty;
    /// hidden otherwise.
    pub fn bar(&self) -> (ProgressBar, bool) {
        let terminal = self.chatty() && std::io::IsTerminal::is_terminal(&std::io::stderr());
        let target = if terminal {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        (ProgressBar::with_draw_target(None, target), terminal)
    }

    /// A line for people (`build: 3 built of 3 sessions`), on stderr; nothing with `-q` or
    /// JSON.
    pub fn note(&self, line: &str) {
        if self.chatty() {
            let _ = writeln!(std::io::stderr(), "{line}");
        }
    }

    /// `verb: what happened`, the verb in bold green when colour is on; nothing with `-q` or
    /// JSON.
    pub fn status(&self, verb: &str, text: &str) {
        self.note(&format!("{}: {text}", paint(self.colour, "1;32", verb)));
    }

    /// A problem that is not a diagnostic of the project (a row of a translator's workbook):
    /// said even with `-q`; with JSON, a JSON line.
    pub fn problem(&self, level: Level, text: &str) {
        if self.is_json() {
            self.json(&json!({ "level": level, "message": text }));
            return;
        }
        let (word, code) = match level {
            Level::Error => ("error", "1;31"),
            _ => ("warning", "1;33"),
        };
        let _ = writeln!(
            std::io::stderr(),
            "{}: {text}",
            paint(self.colour, code, word)
        );
    }

    /// What a command was asked to show (`rules`, `columns`, `explain`): the text on stdout,
    /// or, with JSON, the value as one line.
    pub fn show(&self, text: &str, value: Value) {
        if self.is_json() {
            self.json(&value);
        } else {
            let _ = write!(std::io::stdout(), "{text}");
        }
    }

    /// `text` in a terminal colour (`1` bold, `1;32` bold green), when colour is on.
    pub fn paint(&self, code: &str, text: &str) -> String {
        paint(self.colour, code, text)
    }

    /// A command's result as one JSON line (`{"clean": {...}}`), with `--format json` only.
    pub fn result(&self, name: &str, value: Value) {
        if self.is_json() {
            self.json(&json!({ name: value }));
        }
    }

    /// The project's problems, in the format asked for; with text, a count at the end.
    pub fn diagnostics(&self, diags: &Diagnostics, prefix: &str) {
        let mut out = std::io::stdout().lock();
        match self.format {
            Format::Json => {
                for d in diags.iter() {
                    let _ = writeln!(out, "{}", diag::render_json(d));
                }
            }
            Format::Github => {
                // GitHub shows 10 annotations of each kind; the rest go to the job summary.
                let mut shown = [0usize; 2];
                let mut rest = Vec::new();
                for d in diags.iter() {
                    let kind = usize::from(d.level != Level::Error);
                    if shown[kind] < diag::GITHUB_ANNOTATIONS {
                        shown[kind] += 1;
                        let _ = writeln!(out, "{}", diag::render_github(d, prefix));
                    } else {
                        rest.push(d);
                    }
                }
                if !rest.is_empty() {
                    let table = diag::github_summary_table(&rest, prefix);
                    let written = std::env::var_os("GITHUB_STEP_SUMMARY").is_some_and(|path| {
                        std::fs::OpenOptions::new()
                            .append(true)
                            .create(true)
                            .open(path)
                            .and_then(|mut f| f.write_all(table.as_bytes()))
                            .is_ok()
                    });
                    let _ = writeln!(
                        out,
                        "::notice title=sessionpack::{} more than GitHub shows {}",
                        plural(rest.len(), "problem"),
                        if written {
                            "are listed in the job summary"
                        } else {
                            "are in this log (set GITHUB_STEP_SUMMARY for a table in the job summary)"
                        }
                    );
                    if !written {
                        for d in rest {
                            let _ = writeln!(out, "{}", diag::render_human(d, false));
                        }
                    }
                }
            }
            Format::Gitlab => {
                let _ = writeln!(out, "{}", diag::render_gitlab(diags, prefix));
            }
            Format::Sarif => {
                let _ = writeln!(out, "{}", diag::render_sarif(diags, prefix));
            }
            Format::Human => {
                let mut err = std::io::stderr().lock();
                for text in diag::render_report(diags, self.verbose, self.colour) {
                    let _ = writeln!(err, "{text}");
                }
                let errors = diags.count(Level::Error);
                let warnings = diags.count(Level::Warning);
                if errors + warnings > 0 {
                    let _ = writeln!(
                        err,
                        "{} {}, {}",
                        if errors > 0 {
                            paint(self.colour, "1;31", "failed:")
                        } else {
                            paint(self.colour, "1;33", "finished:")
                        },
                        plural(errors, "error"),
                        plural(warnings, "warning")
                    );
                }
            }
        }
    }

    /// The error that ended a command: `error: …` on stderr, or with JSON one line
    /// `{"error": {"message": …, "exit": N}}` on stdout.
    pub fn error(&self, message: &str, exit: u8) {
        if self.is_json() {
            self.json(&json!({ "error": { "message": message, "exit": exit } }));
        } else {
            let _ = writeln!(
                std::io::stderr(),
                "{}: {message}",
                paint(self.colour, "1;31", "error")
            );
        }
    }

    fn json(&self, value: &Value) {
        let _ = writeln!(std::io::stdout(), "{value}");
    }
}
