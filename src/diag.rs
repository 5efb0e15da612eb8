//! Diagnostics: what is wrong, where, why (the guidance paragraph), and what to do.
//!
//! Every problem the tool can find has a [`Rule`] with a stable code. Loading and validation
//! collect [`Diagnostic`]s for all problems at once; the commands print them like a compiler
//! does (human, coloured on a terminal) or as JSON lines.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::IsTerminal;

use serde::Serialize;

/// How serious a diagnostic is. `Allow` means the user turned the rule off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Allow,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// A named check: its stable code, default level, a one-line summary and where it comes from.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub level: Level,
    /// The guidance says "must", the law requires it, or relaxing it could only lose data or
    /// print it wrong: `rules:` cannot set it to allow or warn.
    pub must: bool,
    /// The guidance paragraph(s) behind the rule, cited as in the guidance (`GSG 32`).
    pub source: Option<&'static str>,
    /// The rule in one sentence, shown as a note under the diagnostic.
    pub summary: &'static str,
}

impl Rule {
    /// What to do about a problem of this rule, for `explain` and the overview.
    pub fn fix(&self) -> &'static str {
        if self.must && self.source.is_none() {
            "change the file at the line the error points to, then run `sessionpack check` again; relaxed, it could only lose data or print it wrong, so it cannot be switched off"
        } else if self.must {
            "change the session or the claimant list so the rule holds; the guidance says it must, so it cannot be switched off"
        } else if self.level == Level::Warning {
            "look at what the warning points to; if it is right as it is, the project can set the rule to allow"
        } else {
            "change the file at the line the error points to, then run `sessionpack check` again"
        }
    }
}

/// Where a diagnostic points: a project-relative file, and a line and column when known.
/// For CSV files `line` is the file's own line (the header is line 1) and `column` the 1-based
/// column number. In a workbook, `sheet` names the worksheet and `line` and `column` are the
/// Excel row and column, shown the way Excel shows them: `file:Sheet!B7`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    pub file: String,
    pub sheet: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            sheet: None,
            line: None,
            column: None,
        }
    }

    pub fn at(file: impl Into<String>, line: usize, column: usize) -> Self {
        Location {
            line: Some(line),
            column: Some(column),
            ..Location::file(file)
        }
    }

    pub fn line(file: impl Into<String>, line: usize) -> Self {
        Location {
            line: Some(line),
            ..Location::file(file)
        }
    }

    /// A place in a worksheet: Excel's row, and its column number (1 is A); or the whole row.
    pub fn cell(
        file: impl Into<String>,
        sheet: impl Into<String>,
        row: usize,
        column: Option<usize>,
    ) -> Self {
        Location {
            sheet: Some(sheet.into()),
            line: Some(row),
            column,
            ..Location::file(file)
        }
    }

    /// `sheet Week 48, cell P14` (or `row 7`): the place in a workbook, in words, for
    /// formats whose locations are lines and columns only (GitHub, SARIF).
    pub fn sheet_and_cell(&self) -> Option<String> {
        let sheet = self.sheet.as_ref()?;
        let cell = self.cell_name()?;
        Some(match self.column {
            Some(_) => format!("sheet {sheet}, cell {cell}"),
            None => format!("sheet {sheet}, row {cell}"),
        })
    }

    /// `B7`, `AA12`, or `7` for a whole row: how Excel names the place, when in a sheet.
    pub fn cell_name(&self) -> Option<String> {
        self.sheet.as_ref()?;
        let row = self.line?;
        Some(match self.column {
            Some(c) => format!("{}{row}", column_letters(c)),
            None => row.to_string(),
        })
    }
}

/// Excel's name for a 1-based column number: 1 is `A`, 27 is `AA`.
pub fn column_letters(mut column: usize) -> String {
    let mut out = Vec::new();
    while column > 0 {
        let rem = (column - 1) % 26;
        out.push(b'A' + rem as u8);
        column = (column - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ":{sheet}")?;
            if let Some(cell) = self.cell_name() {
                write!(f, "!{cell}")?;
            }
            return Ok(());
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub level: Level,
    pub message: String,
    pub location: Option<Location>,
    /// The offending text, quoted under the location.
    pub snippet: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// The session whose output this problem blocks (or concerns), if any.
    pub session: Option<String>,
    /// The level cannot be changed by `rules:` in `sessionpack.yaml`: a document cannot be
    /// made until this is fixed.
    pub fixed: bool,
}

impl Diagnostic {
    pub fn new(rule: &'static Rule, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            level: rule.level,
            message: message.into(),
            location: None,
            snippet: None,
            help: None,
            session: None,
            fixed: false,
        }
    }

    /// An error whose level no setting can change (the document cannot be made without a fix).
    pub fn fixed(mut self) -> Self {
        self.level = Level::Error;
        self.fixed = true;
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn snippet(mut self, text: impl Into<String>) -> Self {
        self.snippet = Some(text.into());
        self
    }

    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }

    pub fn session(mut self, id: impl Into<String>) -> Self {
        self.session = Some(id.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

/// The level a user chose for a code in `sessionpack.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LevelOverride {
    Allow,
    Warn,
    Deny,
}

/// How the user set the levels: per code in `sessionpack.yaml`, and `--deny-warnings`.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    pub overrides: BTreeMap<String, LevelOverride>,
    pub deny_warnings: bool,
}

impl Policy {
    /// The level a diagnostic of `rule` has under this policy.
    pub fn level(&self, rule: &Rule) -> Level {
        if rule.must {
            return rule.level;
        }
        let level = match self.overrides.get(rule.code) {
            Some(LevelOverride::Allow) => Level::Allow,
            Some(LevelOverride::Warn) => Level::Warning,
            Some(LevelOverride::Deny) => Level::Error,
            None => rule.level,
        };
        if self.deny_warnings && level == Level::Warning {
            Level::Error
        } else {
            level
        }
    }
}

/// All diagnostics of a run, in the order found. The level policy is applied once, as each
/// diagnostic arrives.
#[derive(Debug, Default)]
pub struct Diagnostics {
    policy: Policy,
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new(policy: Policy) -> Self {
        Diagnostics {
            policy,
            items: Vec::new(),
        }
    }

    /// The level a diagnostic of `rule` gets in this run.
    pub fn level_of(&self, rule: &Rule) -> Level {
        self.policy.level(rule)
    }

    pub fn push(&mut self, mut diagnostic: Diagnostic) {
        if diagnostic.fixed {
            // One problem, one message: a fixed error replaces a relaxed report of the same
            // problem at the same place.
            self.items.retain(|d| {
                d.fixed
                    || d.rule.code != diagnostic.rule.code
                    || d.location != diagnostic.location
                    || d.session != diagnostic.session
            });
        } else {
            diagnostic.level = self.policy.level(diagnostic.rule);
        }
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        for d in other {
            self.push(d);
        }
    }

    /// Keep only the problems of the sessions a run was asked for (`--session`, `--shard`),
    /// and those of no particular session.
    pub fn keep_sessions(&mut self, asked: impl Fn(&str) -> bool) {
        self.items
            .retain(|d| d.session.as_deref().is_none_or(&asked));
    }

    /// The diagnostics to show, sorted by file, then position, so output is the same on
    /// every run. A problem in a file several sessions share (an office) is held once per
    /// session, so that it stops each of them, and shown once.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        let mut shown: Vec<&Diagnostic> = self
            .items
            .iter()
            .filter(|d| d.level != Level::Allow)
            .collect();
        shown.sort_by(|a, b| {
            a.location
                .cmp(&b.location)
                .then_with(|| a.rule.code.cmp(b.rule.code))
                .then_with(|| a.message.cmp(&b.message))
        });
        shown.dedup_by(|a, b| {
            a.rule.code == b.rule.code && a.location == b.location && a.message == b.message
        });
        shown.into_iter()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// How many problems of `level` are shown.
    pub fn count(&self, level: Level) -> usize {
        self.iter().filter(|d| d.level == level).count()
    }

    /// True when an error blocks this session (an error about it, or a project-wide error).
    pub fn blocks_session(&self, id: &str) -> bool {
        self.items
            .iter()
            .any(|d| d.is_error() && d.session.as_deref().is_none_or(|s| s == id))
    }

    /// The errors that concern this session, as found.
    pub fn errors_of<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Diagnostic> {
        self.items
            .iter()
            .filter(move |d| d.is_error() && d.session.as_deref() == Some(id))
    }

    /// How many errors concern this session.
    pub fn errors_for(&self, id: &str) -> usize {
        self.items
            .iter()
            .filter(|d| d.is_error() && d.session.as_deref() == Some(id))
            .count()
    }

    /// True when an error concerns no particular session, so nothing can be built.
    pub fn blocks_project(&self) -> bool {
        self.items
            .iter()
            .any(|d| d.is_error() && d.session.is_none())
    }
}

/// An error and every reason beneath it (`source()`), one per item: the real reason is often
/// one level down (Tera, I/O).
pub fn causes(e: &dyn std::error::Error) -> Vec<String> {
    let mut out = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if out.last() != Some(&text) {
            out.push(text);
        }
        source = s.source();
    }
    out
}

/// The one way a chain of causes is printed: `first`, then `  because: …` lines.
pub fn chain_text(causes: &[String]) -> String {
    let mut out = String::new();
    for (i, c) in causes.iter().enumerate() {
        if i > 0 {
            out.push_str("\n  because: ");
        }
        out.push_str(c);
    }
    out
}

/// Output format for diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
    /// One SARIF 2.1.0 log on stdout, for code-scanning tools.
    Sarif,
    /// One GitLab Code Quality report on stdout (a JSON array), for merge requests.
    Gitlab,
}

/// Whether to colour human output: only on a terminal, never with `NO_COLOR` set.
pub fn use_colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// `text` in a terminal colour (`1;31` bold red), when `on`.
pub fn paint(on: bool, code: &str, text: &str) -> String {
    Paint { on }.wrap(code, text)
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// `text` safe to print on a terminal: control characters (ESC, which starts the terminal's
/// own sequences, and the rest of C0 and C1 but line breaks and tabs) and the characters that
/// reverse the direction of text are shown escaped, `\u{1b}`, never sent raw. A cell, a file
/// name or a string file can hold any of them.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        (c.is_control() && !matches!(c, '\n' | '\t'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| {
            if hidden(c) {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// Render one diagnostic as a compiler would.
pub fn render_human(d: &Diagnostic, colour: bool) -> String {
    let p = Paint { on: colour };
    let message = visible(&d.message);
    let mut out = String::new();
    heading(&mut out, &p, d.level, d.rule.code, &message);
    if let Some(loc) = &d.location {
        let _ = writeln!(
            out,
            "  {} {}",
            p.wrap("1;34", "-->"),
            visible(&loc.to_string())
        );
    }
    let bar = p.wrap("1;34", "   |");
    if let Some(snippet) = &d.snippet {
        let _ = writeln!(out, "{bar}");
        for line in visible(snippet).lines() {
            let _ = writeln!(out, "{bar} {line}");
        }
        let _ = writeln!(out, "{bar}");
    }
    help_and_note(&mut out, &p, d.help.as_deref(), d.rule);
    out
}

/// `error[SP013]: message`, in bold (red or yellow) when colour is on.
fn heading(out: &mut String, p: &Paint, level: Level, code: &str, message: &str) {
    let head = match level {
        Level::Error => p.wrap("1;31", &format!("error[{code}]")),
        _ => p.wrap("1;33", &format!("warning[{code}]")),
    };
    let _ = writeln!(out, "{head}{} {}", p.wrap("1", ":"), p.wrap("1", message));
}

/// The `= help:` line, when there is help, and the rule's `= note:` with its source.
fn help_and_note(out: &mut String, p: &Paint, help: Option<&str>, rule: &Rule) {
    let eq = p.wrap("1;34", "   =");
    if let Some(help) = help {
        let _ = writeln!(out, "{eq} help: {}", visible(help));
    }
    match rule.source {
        Some(source) => {
            let _ = writeln!(out, "{eq} note: {} ({source})", rule.summary);
        }
        None if !rule.summary.is_empty() => {
            let _ = writeln!(out, "{eq} note: {}", rule.summary);
        }
        None => {}
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    level: Level,
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'a str>,
    /// `B7`, in a sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    help: Option<&'a str>,
    snippet: Option<&'a str>,
    source: Option<&'a str>,
    rule: &'a str,
    session: Option<&'a str>,
}

/// Render one diagnostic as a single JSON object (one line).
pub fn render_json(d: &Diagnostic) -> String {
    let loc = d.location.as_ref();
    let json = JsonDiagnostic {
        code: d.rule.code,
        level: d.level,
        file: loc.map(|l| l.file.as_str()),
        sheet: loc.and_then(|l| l.sheet.as_deref()),
        cell: loc.and_then(Location::cell_name),
        line: loc.and_then(|l| l.line),
        column: loc.and_then(|l| l.column),
        message: &d.message,
        help: d.help.as_deref(),
        snippet: d.snippet.as_deref(),
        source: d.rule.source,
        rule: d.rule.summary,
        session: d.session.as_deref(),
    };
    serde_json::to_string(&json).unwrap_or_default()
}

/// GitHub Actions' escaping of a workflow command's message.
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub Actions' escaping of a workflow command's property.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One diagnostic as a GitHub Actions workflow command, so it shows on the pull request's
/// line: `::error file=content/sessions/a.yaml,line=3,col=1,title=GS003::message`. `prefix`
/// is the project's folder within the repository (`""` at its top).
/// GitHub shows at most this many annotations of each kind (errors, warnings) for a step.
pub const GITHUB_ANNOTATIONS: usize = 10;

/// The problems past GitHub's annotations, as a Markdown table for the job summary
/// (`GITHUB_STEP_SUMMARY`): level, code, file and line, message.
pub fn github_summary_table(rest: &[&Diagnostic], prefix: &str) -> String {
    let cell = |text: &str| visible(text).replace('|', "\\|").replace('\n', " ");
    let mut out = format!(
        "### sessionpack: {} more\n\nGitHub shows {GITHUB_ANNOTATIONS} annotations of each kind; these are the rest.\n\n| level | code | where | problem |\n|---|---|---|---|\n",
        plural(rest.len(), "problem")
    );
    for d in rest {
        let place = d
            .location
            .as_ref()
            .map(|l| {
                let mut at = Location {
                    file: format!("{prefix}{}", l.file),
                    ..l.clone()
                }
                .to_string();
                if let Some(words) = l.sheet_and_cell() {
                    at = format!("{at} ({words})");
                }
                at
            })
            .unwrap_or_default();
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            d.level.as_str(),
            d.rule.code,
            cell(&place),
            cell(&d.message)
        ));
    }
    out
}

pub fn render_github(d: &Diagnostic, prefix: &str) -> String {
    let kind = if d.level == Level::Error {
        "error"
    } else {
        "warning"
    };
    let mut props = Vec::new();
    if let Some(loc) = &d.location {
        props.push(format!(
            "file={}",
            github_property(&format!("{prefix}{}", loc.file))
        ));
        if let Some(line) = loc.line {
            props.push(format!("line={line}"));
        }
        if let Some(col) = loc.column {
            props.push(format!("col={col}"));
        }
    }
    props.push(format!("title={}", github_property(d.rule.code)));
    let mut message = d.message.clone();
    if let Some(place) = d.location.as_ref().and_then(Location::sheet_and_cell) {
        message = format!("{message} ({place})");
    }
    if let Some(help) = &d.help {
        message = format!("{message}\nhelp: {help}");
    }
    if let Some(source) = d.rule.source {
        message = format!("{message}\nnote: {} ({source})", d.rule.summary);
    }
    format!(
        "::{kind} {}::{}",
        visible(&props.join(",")),
        github_data(&visible(&message))
    )
}

/// Every diagnostic as one SARIF 2.1.0 log: each rule that fired, each result at its file,
/// line and column (`prefix` is the project's folder within the repository).
pub fn render_sarif(diags: &Diagnostics, prefix: &str) -> String {
    let mut rules: Vec<&Rule> = Vec::new();
    for d in diags.iter() {
        if !rules.iter().any(|r| r.code == d.rule.code) {
            rules.push(d.rule);
        }
    }
    rules.sort_by_key(|r| r.code);
    let results: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(place) = d.location.as_ref().and_then(Location::sheet_and_cell) {
                text = format!("{text} ({place})");
            }
            if let Some(help) = &d.help {
                text = format!("{text}\nhelp: {help}");
            }
            let mut result = serde_json::json!({
                "ruleId": d.rule.code,
                "level": if d.level == Level::Error { "error" } else { "warning" },
                "message": { "text": text },
            });
            if let Some(loc) = &d.location {
                let mut region = serde_json::Map::new();
                if let Some(line) = loc.line {
                    region.insert("startLine".into(), line.into());
                }
                if let Some(column) = loc.column {
                    region.insert("startColumn".into(), column.into());
                }
                let mut physical = serde_json::json!({
                    "artifactLocation": { "uri": format!("{prefix}{}", loc.file) },
                });
                if !region.is_empty() {
                    physical["region"] = serde_json::Value::Object(region);
                }
                result["locations"] = serde_json::json!([{ "physicalLocation": physical }]);
            }
            result
        })
        .collect();
    let log = serde_json::json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": { "driver": {
                "name": "sessionpack",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.iter().map(|r| serde_json::json!({
                    "id": r.code,
                    "name": r.name,
                    "shortDescription": { "text": r.summary },
                    "defaultConfiguration": { "level": if r.level == Level::Error { "error" } else { "warning" } },
                    "properties": { "source": r.source },
                })).collect::<Vec<_>>(),
            }},
            "results": results,
        }],
    });
    serde_json::to_string(&log).unwrap_or_default()
}

/// A GitLab Code Quality report: a JSON array of issues, each with a description, the rule as
/// `check_name`, a fingerprint unique to the problem, a severity, and the file (under the
/// repository, with `prefix`) and line. A place in a workbook is said in the description.
pub fn render_gitlab(diags: &Diagnostics, prefix: &str) -> String {
    use sha2::{Digest, Sha256};
    let issues: Vec<serde_json::Value> = diags
        .iter()
        .map(|d| {
            let path = d.location.as_ref().map_or_else(
                || "sessionpack.yaml".to_string(),
                |l| format!("{prefix}{}", l.file),
            );
            let line = d.location.as_ref().and_then(|l| l.line).unwrap_or(1);
            let mut description = format!("{}: {}", d.rule.code, d.message);
            if let Some(place) = d.location.as_ref().and_then(Location::sheet_and_cell) {
                description = format!("{description} ({place})");
            }
            if let Some(help) = &d.help {
                description = format!("{description}. help: {help}");
            }
            let fingerprint = format!(
                "{:x}",
                Sha256::digest(format!(
                    "{}\0{path}\0{line}\0{:?}\0{}",
                    d.rule.code,
                    d.location.as_ref().map(|l| (&l.sheet, l.column)),
                    d.message
                ))
            );
            serde_json::json!({
                "description": description,
                "check_name": d.rule.code,
                "fingerprint": fingerprint,
                "severity": if d.level == Level::Error { "critical" } else { "minor" },
                "location": { "path": path, "lines": { "begin": line } },
            })
        })
        .collect();
    serde_json::Value::Array(issues).to_string()
}

/// Of each warning code, how many are shown in full before the rest are counted (without
/// `--verbose`).
const WARNINGS_SHOWN_PER_CODE: usize = 3;

/// From how many rows one problem in one column of one file is said once, with the rows
/// (issue 18 section 3): 32 rows saying `English` are one message, not 32.
const GROUPED_FROM: usize = 3;

/// What makes problems the same problem on different rows: the code, the level, the file,
/// the sheet and the column.
type GroupKey<'a> = (&'a str, Level, &'a str, Option<&'a str>, Option<usize>);

fn group_key(d: &Diagnostic) -> Option<GroupKey<'_>> {
    let loc = d.location.as_ref()?;
    loc.line?;
    // Rows are a list's: a settings file's lines are each their own problem.
    let lower = loc.file.to_ascii_lowercase();
    let table = [
        ".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".xlsb", ".ods",
    ]
    .iter()
    .any(|e| lower.ends_with(e));
    if !table {
        return None;
    }
    Some((
        d.rule.code,
        d.level,
        loc.file.as_str(),
        loc.sheet.as_deref(),
        loc.column,
    ))
}

/// Row numbers as ranges: `2–5, 8, 10–12`.
pub fn row_ranges(rows: &[usize]) -> String {
    let mut rows = rows.to_vec();
    rows.sort_unstable();
    rows.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i;
        while j + 1 < rows.len() && rows[j + 1] == rows[j] + 1 {
            j += 1;
        }
        parts.push(if j > i {
            format!("{}\u{2013}{}", rows[i], rows[j])
        } else {
            rows[i].to_string()
        });
        i = j + 1;
    }
    parts.join(", ")
}

/// Sessions named in a line of warnings counted, not shown, before "and N more".
const SESSIONS_NAMED: usize = 5;

/// Examples shown of a grouped problem, before "and N more".
const GROUP_EXAMPLES: usize = 3;

/// One problem on many rows of a column, said once: how many rows and which, the first few
/// in words, the help once when it is the same for all.
fn render_group(ds: &[&Diagnostic], colour: bool) -> String {
    let p = Paint { on: colour };
    let first = ds[0];
    let rows: Vec<usize> = ds
        .iter()
        .filter_map(|d| d.location.as_ref()?.line)
        .collect();
    // `language`: `Welsh` is not… -> the field, then what each row says.
    let field = first
        .message
        .starts_with('`')
        .then(|| {
            first
                .message
                .split_once("`: ")
                .map(|(f, _)| format!("{f}`"))
        })
        .flatten()
        .filter(|f| ds.iter().all(|d| d.message.starts_with(&format!("{f}: "))));
    let what = |d: &Diagnostic| -> String {
        match &field {
            Some(f) => d.message[f.len() + 2..].to_string(),
            None => d.message.clone(),
        }
    };
    let n = ds.len();
    let headline = match &field {
        Some(f) => format!(
            "{f}: {n} rows have this problem (rows {})",
            row_ranges(&rows)
        ),
        None => format!(
            "{n} rows have this problem (rows {}): {}",
            row_ranges(&rows),
            first.message
        ),
    };
    let mut out = String::new();
    heading(
        &mut out,
        &p,
        first.level,
        first.rule.code,
        &visible(&headline),
    );
    if let Some(loc) = &first.location {
        let more = match loc.column {
            Some(_) => "in this column",
            None => "in this file",
        };
        let _ = writeln!(
            out,
            "  {} {} and {} more {more}",
            p.wrap("1;34", "-->"),
            visible(&loc.to_string()),
            n - 1
        );
    }
    let same_help = ds.iter().all(|d| d.help == first.help);
    let bar = p.wrap("1;34", "   |");
    let _ = writeln!(out, "{bar}");
    for d in ds.iter().take(GROUP_EXAMPLES) {
        let row = d.location.as_ref().and_then(|l| l.line).unwrap_or(0);
        let help = match (&d.help, same_help) {
            (Some(h), false) => format!(" ({h})"),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "{bar} row {row}: {}{}",
            visible(&what(d)),
            visible(&help)
        );
    }
    if n > GROUP_EXAMPLES {
        let _ = writeln!(out, "{bar} and {} more like these", n - GROUP_EXAMPLES);
    }
    let _ = writeln!(out, "{bar}");
    let help = first.help.as_deref().filter(|_| same_help);
    help_and_note(&mut out, &p, help, first.rule);
    let _ = writeln!(
        out,
        "{} --verbose shows each row; --format json lists them all",
        p.wrap("1;34", "   =")
    );
    out
}

/// The human report: every error, and of each warning code the first few in full and the rest
/// as a count (all of them with `verbose`). Without `verbose`, one problem on many rows of a
/// column is one message with the rows.
pub fn render_report(diags: &Diagnostics, verbose: bool, colour: bool) -> Vec<String> {
    let all: Vec<&Diagnostic> = diags.iter().collect();
    let mut groups: std::collections::HashMap<GroupKey<'_>, Vec<usize>> =
        std::collections::HashMap::new();
    if !verbose {
        for (i, d) in all.iter().enumerate() {
            if let Some(key) = group_key(d) {
                groups.entry(key).or_default().push(i);
            }
        }
    }
    let mut said = vec![false; all.len()];
    let mut out = Vec::new();
    let mut shown: BTreeMap<&str, usize> = BTreeMap::new();
    let mut held: BTreeMap<&str, (usize, std::collections::BTreeSet<&str>)> = BTreeMap::new();
    for (i, d) in all.iter().enumerate() {
        if said[i] {
            continue;
        }
        let members: Vec<usize> = group_key(d)
            .and_then(|k| groups.get(&k))
            .filter(|m| m.len() >= GROUPED_FROM)
            .cloned()
            .unwrap_or_else(|| vec![i]);
        for &j in &members {
            said[j] = true;
        }
        let n = shown.entry(d.rule.code).or_default();
        if verbose || d.level == Level::Error || *n < WARNINGS_SHOWN_PER_CODE {
            *n += 1;
            out.push(if members.len() > 1 {
                let ds: Vec<&Diagnostic> = members.iter().map(|&j| all[j]).collect();
                render_group(&ds, colour)
            } else {
                render_human(d, colour)
            });
        } else {
            let (count, sessions) = held.entry(d.rule.code).or_default();
            for &j in &members {
                *count += 1;
                if let Some(s) = &all[j].session {
                    sessions.insert(s);
                }
            }
        }
    }
    for (code, (count, sessions)) in held {
        let p = Paint { on: colour };
        out.push(format!(
            "{}: {} more like these{} (--verbose shows each, --format json lists them all)\n",
            p.wrap("1;33", &format!("warning[{code}]")),
            count,
            match sessions.len() {
                0 => String::new(),
                n if n <= SESSIONS_NAMED => format!(
                    " in {}: {}",
                    plural(n, "session"),
                    sessions.iter().copied().collect::<Vec<_>>().join(", ")
                ),
                n => format!(
                    " in {}: {} and {} more",
                    plural(n, "session"),
                    sessions
                        .iter()
                        .take(SESSIONS_NAMED)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", "),
                    n - SESSIONS_NAMED
                ),
            }
        ));
    }
    out
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static TEST_RULE: Rule = Rule {
        code: "T001",
        name: "test",
        level: Level::Warning,
        must: false,
        source: Some("GSG 32"),
        summary: "a test rule",
    };

    #[test]
    fn human_output_has_code_location_and_source() {
        let d = Diagnostic::new(&TEST_RULE, "too many")
            .at(Location::at("content/x.csv", 4, 2))
            .snippet("maybe")
            .help("do less");
        let text = render_human(&d, false);
        assert!(text.starts_with("warning[T001]: too many\n"), "{text}");
        assert!(text.contains("--> content/x.csv:4:2"));
        assert!(text.contains("| maybe"));
        assert!(text.contains("help: do less"));
        assert!(text.contains("note: a test rule (GSG 32)"));
    }

    #[test]
    fn levels_can_be_overridden_and_warnings_denied() {
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::new(&TEST_RULE, "x"));
        assert!(!diags.has_errors());
        let mut diags = Diagnostics::new(Policy {
            overrides: BTreeMap::new(),
            deny_warnings: true,
        });
        diags.push(Diagnostic::new(&TEST_RULE, "x"));
        assert!(diags.has_errors());
        let mut overrides = BTreeMap::new();
        overrides.insert("T001".to_string(), LevelOverride::Allow);
        let mut diags = Diagnostics::new(Policy {
            overrides,
            deny_warnings: true,
        });
        diags.push(Diagnostic::new(&TEST_RULE, "x"));
        assert_eq!(diags.iter().count(), 0);
        // A fixed diagnostic keeps its level whatever the settings say.
        diags.push(Diagnostic::new(&TEST_RULE, "y").fixed());
        assert!(diags.has_errors());
    }

    #[test]
    fn rows_are_said_as_ranges() {
        assert_eq!(
            row_ranges(&[5, 2, 3, 4, 8, 10, 11, 12, 8]),
            "2\u{2013}5, 8, 10\u{2013}12"
        );
        assert_eq!(row_ranges(&[7]), "7");
    }

    #[test]
    fn one_problem_on_many_rows_of_a_column_is_one_message() {
        let mut diags = Diagnostics::default();
        for row in 2..=35 {
            diags.push(
                Diagnostic::new(&TEST_RULE, "`language`: `Anglais` is not a language")
                    .at(Location::at("content/x.csv", row, 9))
                    .help("write en, cy or cy+en"),
            );
        }
        // Another column, and two rows only: each said on its own.
        for row in [4, 9] {
            diags.push(
                Diagnostic::new(&TEST_RULE, "`format`: `huge` is not a format").at(Location::at(
                    "content/x.csv",
                    row,
                    10,
                )),
            );
        }
        let report = render_report(&diags, false, false);
        assert_eq!(report.len(), 3, "{report:#?}");
        let group = &report[0];
        assert!(
            group.starts_with(
                "warning[T001]: `language`: 34 rows have this problem (rows 2\u{2013}35)\n"
            ),
            "{group}"
        );
        assert!(
            group.contains("--> content/x.csv:2:9 and 33 more in this column"),
            "{group}"
        );
        assert!(
            group.contains("| row 2: `Anglais` is not a language\n"),
            "{group}"
        );
        assert!(group.contains("| and 31 more like these"), "{group}");
        assert_eq!(
            group.matches("help: write en, cy or cy+en").count(),
            1,
            "{group}"
        );
        assert!(report[1].contains("content/x.csv:4:10"));
        // -v says each.
        assert_eq!(render_report(&diags, true, false).len(), 36);
    }

    #[test]
    fn sheet_locations_read_like_excel() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(53), "BA");
        let l = Location::cell("content/claimants/week.xlsx", "Cardiff", 7, Some(2));
        assert_eq!(l.to_string(), "content/claimants/week.xlsx:Cardiff!B7");
        let l = Location::cell("w.xlsx", "Sheet1", 7, None);
        assert_eq!(l.to_string(), "w.xlsx:Sheet1!7");
    }

    #[test]
    fn many_warnings_of_one_code_are_counted_not_repeated() {
        let mut diags = Diagnostics::default();
        for i in 0..10 {
            diags.push(
                Diagnostic::new(&TEST_RULE, format!("w{i}"))
                    .at(Location::line(format!("f{i}.yaml"), i + 1))
                    .session(format!("s{}", i % 4)),
            );
        }
        let text = render_report(&diags, false, false);
        assert_eq!(text.len(), 4, "{text:?}");
        assert!(
            text[3].starts_with("warning[T001]: 7 more like these in 4 sessions: s0, s1, s2, s3 ("),
            "{}",
            text[3]
        );
        assert_eq!(render_report(&diags, true, false).len(), 10);
    }

    #[test]
    fn json_is_one_line_with_fields() {
        let d = Diagnostic::new(&TEST_RULE, "m").at(Location::at("f.csv", 2, 3));
        let v: serde_json::Value = serde_json::from_str(&render_json(&d)).unwrap();
        assert_eq!(v["code"], "T001");
        assert_eq!(v["level"], "warning");
        assert_eq!(v["line"], 2);
        assert_eq!(v["column"], 3);
        assert_eq!(v["source"], "GSG 32");
    }
}
