//! Load: find the project, and read `sessionpack.yaml`, offices, sessions, claimant lists and
//! everything under `templates/` into memory, once, before anything is written. Each file's
//! SHA-256 is taken from the bytes read here, for fingerprints and manifests. Every problem
//! found on the way becomes a diagnostic; loading carries on so that all are reported at once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use sha2::{Digest, Sha256};

use crate::codes::{CSV_UNREADABLE, ROW_SESSION, ROW_SHAPE};
use crate::codes::{INVALID_ID, MISSING_FILE};
use crate::config::{self, CONFIG_FILE, Config};
use crate::diag::{Diagnostic, Location};
use crate::envelope::FontMetrics;
use crate::fs::rel_path;
use crate::l10n::strings::{CY_FILE, EN_FILE, Strings};
use crate::model::MAX_FILE_BYTES;
use crate::model::claimant::ColumnMap;
use crate::model::table::{self, Table, TableRow};
use crate::model::yaml::{self, Located};
use crate::model::{ClaimantList, office::OfficeFile, session::SessionFile};
use crate::model::{Office, Session, claimant, values};

/// A file the documents are made from, as read at load: its project-relative path, size and
/// SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// Shared, not copied: every session's plan lists the templates and fonts.
    pub path: std::sync::Arc<str>,
    pub sha256: std::sync::Arc<str>,
    pub bytes: usize,
}

impl InputFile {
    fn new(path: String, bytes: &[u8]) -> InputFile {
        InputFile {
            path: path.into(),
            sha256: format!("{:x}", Sha256::digest(bytes)).into(),
            bytes: bytes.len(),
        }
    }
}

/// Every file under `templates/`, by its path inside that folder (`strings/en.ftl`).
#[derive(Debug, Default)]
pub struct TemplateFiles {
    files: BTreeMap<String, Vec<u8>>,
}

impl TemplateFiles {
    /// A file's text, when it is there and UTF-8.
    pub fn text(&self, name: &str) -> Option<&str> {
        std::str::from_utf8(self.files.get(name)?).ok()
    }

    /// The Tera templates (`*.tera` at the top of `templates/`), by name, with their text.
    pub fn tera_sources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files
            .iter()
            .filter(|(name, _)| !name.contains('/') && name.ends_with(".tera"))
            .filter_map(|(name, bytes)| Some((name.as_str(), std::str::from_utf8(bytes).ok()?)))
    }

    /// The files typst reads, by their path inside `templates/`: everything but the Tera
    /// templates and the strings.
    pub fn for_typst(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter(|(name, _)| !name.ends_with(".tera") && !name.starts_with("strings/"))
            .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
    }

    /// The files under `templates/fonts/`, by name.
    pub fn fonts(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(name, bytes)| Some((name.strip_prefix("fonts/")?, bytes.as_slice())))
    }
}

/// A session that parsed, with its claimant list when that could be read.
#[derive(Debug)]
pub struct LoadedSession {
    pub session: Session,
    pub claimants: Option<ClaimantList>,
}

/// The whole project, in memory.
pub struct Project {
    pub root: PathBuf,
    pub config: Config,
    /// `sessionpack.yaml` with the position of each key, when it parsed.
    pub config_file: Option<Located<Config>>,
    pub offices: BTreeMap<String, Office>,
    /// Every office ID with a file, including those whose file has errors.
    pub office_ids: Vec<String>,
    /// Sessions that parsed, sorted by ID.
    pub sessions: Vec<LoadedSession>,
    /// Every session ID found, including those whose file has errors.
    pub session_ids: Vec<String>,
    /// The names of files in `content/sessions/` that are not valid IDs (`Bad_Name`): never
    /// built, but counted, so the totals count every file.
    pub invalid_session_files: Vec<String>,
    pub strings: Option<Strings>,
    pub templates: TemplateFiles,
    pub fonts: Option<FontMetrics>,
    /// Every file read, by project-relative path.
    pub inputs: BTreeMap<String, InputFile>,
    /// The files under `content/` that git tracks, by project-relative path (none when the
    /// project is not in a git repository, or git is not installed).
    pub tracked_in_git: std::collections::BTreeSet<String>,
}

/// The files under `root/content/` that git tracks, relative to `root`. One `git ls-files`:
/// no repository, or no git, is none.
fn tracked_in_git(root: &Path) -> std::collections::BTreeSet<String> {
    let output = std::process::Command::new("git")
        .args(["ls-files", "-z", "--", "content"])
        .current_dir(root)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output();
    match output {
        Ok(o) if o.status.success() => o
            .stdout
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect(),
        _ => Default::default(),
    }
}

/// Find the project root: the nearest folder, from `start` upwards, holding `sessionpack.yaml`.
pub fn find_root(start: &Path) -> Result<PathBuf> {
    let start = crate::fs::canonicalize(start)?;
    for dir in start.ancestors() {
        if dir.join(CONFIG_FILE).is_file() {
            return Ok(dir.to_path_buf());
        }
    }
    bail!(
        "no {CONFIG_FILE} in {} or any folder above it\n  help: run sessionpack in a project folder, or create one with `sessionpack init DIR`",
        start.display()
    )
}

/// The YAML files in `dir` (not its subfolders), sorted, with their stems as IDs. Two files
/// for one ID (`x.yaml` and `x.yml`) are an error naming both, and neither is read.
fn yaml_files(
    root: &Path,
    dir: &str,
    diags: &mut Vec<Diagnostic>,
    sessions: bool,
) -> Result<Vec<(String, PathBuf)>> {
    let path = root.join(dir);
    if !path.is_dir() {
        return Ok(Vec::new());
    }
    let mut out: Vec<(String, PathBuf)> = Vec::new();
    for entry in crate::fs::read_dir(&path)? {
        if entry.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            let stem = entry
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push((stem, entry));
        }
    }
    out.sort();
    let mut seen = Vec::new();
    for pair in out.windows(2) {
        if pair[0].0 == pair[1].0 {
            let id = &pair[0].0;
            let mut d = Diagnostic::new(
                &INVALID_ID,
                format!(
                    "`{id}` has two files, {} and {}: which one is meant cannot be guessed",
                    rel_path(root, &pair[0].1),
                    rel_path(root, &pair[1].1)
                ),
            )
            .at(Location::file(rel_path(root, &pair[1].1)))
            .help("delete or rename one of them");
            if sessions {
                d = d.session(id);
            }
            diags.push(d);
            seen.push(id.clone());
        }
    }
    out.retain(|(id, _)| !seen.contains(id));
    Ok(out)
}

/// The largest YAML file read: settings, offices and sessions are a few kilobytes.
const MAX_YAML_BYTES: u64 = 1 << 20;

/// Reads files, remembering each one's hash, and turns a failure into a diagnostic.
struct Reader<'a> {
    root: &'a Path,
    inputs: BTreeMap<String, InputFile>,
    diags: Vec<Diagnostic>,
    /// The files under `content/`, once asked for (`same_name_in_content`).
    content_files: Option<Vec<(std::ffi::OsString, String)>>,
}

impl Reader<'_> {
    fn problem(&mut self, path: &Path, session: Option<&str>, message: String, help: &str) {
        let mut d = Diagnostic::new(&MISSING_FILE, message)
            .at(Location::file(rel_path(self.root, path)))
            .help(help);
        if let Some(s) = session {
            d = d.session(s);
        }
        self.diags.push(d);
    }

    /// The bytes of a file of the project: never through a link that leaves the project,
    /// never more than `limit`.
    fn bytes_within(&mut self, path: &Path, session: Option<&str>, limit: u64) -> Option<Vec<u8>> {
        let rel = rel_path(self.root, path);
        match std::fs::canonicalize(path) {
            Ok(real) if !real.starts_with(self.root) => {
                // Nothing of it is read, so nothing of it can reach a log.
                self.problem(
                    path,
                    session,
                    "the file is a link to a file outside the project, which is never read".into(),
                    "copy the file into the project instead of linking to it",
                );
                return None;
            }
            _ => {}
        }
        if let Ok(meta) = std::fs::metadata(path) {
            let problem = if !meta.is_file() {
                // A FIFO would block the read forever; a device or socket is no input either.
                Some((
                    "this is not a regular file (a pipe, device or socket), so it is not read"
                        .to_string(),
                    "put the file itself here",
                ))
            } else if meta.len() > limit {
                Some((
                    format!(
                        "the file is {} MB; files of this kind are at most {} MB",
                        meta.len() >> 20,
                        (limit >> 20).max(1)
                    ),
                    "check it is the right file",
                ))
            } else {
                None
            };
            if let Some((message, help)) = problem {
                self.problem(path, session, message, help);
                return None;
            }
        }
        match std::fs::read(path) {
            Ok(bytes) => {
                self.inputs.insert(rel.clone(), InputFile::new(rel, &bytes));
                Some(bytes)
            }
            Err(e) => {
                let mut d = Diagnostic::new(&MISSING_FILE, format!("cannot read the file: {e}"))
                    .at(Location::file(rel));
                if let Some(s) = session {
                    d = d.session(s);
                }
                self.diags.push(d);
                None
            }
        }
    }

    /// A claimant list or template file.
    fn bytes(&mut self, path: &Path, session: Option<&str>) -> Option<Vec<u8>> {
        self.bytes_within(path, session, MAX_FILE_BYTES)
    }

    /// A YAML file, checked not to nest deeper than any real one does.
    fn text(&mut self, path: &Path, session: Option<&str>) -> Option<String> {
        let bytes = self.bytes_within(path, session, MAX_YAML_BYTES)?;
        match String::from_utf8(bytes) {
            Ok(t) => match yaml::check_nesting(&t) {
                Ok(()) => Some(t),
                Err(m) => {
                    self.problem(
                        path,
                        session,
                        m,
                        "write the file as the examples are written",
                    );
                    None
                }
            },
            Err(_) => {
                let mut d = Diagnostic::new(&MISSING_FILE, "the file is not UTF-8 text")
                    .at(Location::file(rel_path(self.root, path)))
                    .help("save it as UTF-8");
                if let Some(s) = session {
                    d = d.session(s);
                }
                self.diags.push(d);
                None
            }
        }
    }
}

/// Whether [`Project::load_with`] reads the sessions' claimant lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lists {
    Read,
    /// Not read: every session's `claimants` is `None` (allocate writes the lists; it does
    /// not read them).
    Skip,
}

impl Project {
    /// Load everything under `root`. I/O failures that make the project unusable are errors;
    /// problems with its content are diagnostics.
    pub fn load(root: &Path) -> Result<(Project, Vec<Diagnostic>)> {
        Self::load_with(root, Lists::Read)
    }

    /// Load everything under `root`, the claimant lists only when asked.
    pub fn load_with(root: &Path, lists: Lists) -> Result<(Project, Vec<Diagnostic>)> {
        // Canonical, so a link that leaves the project can be told from one that does not.
        let root = &crate::fs::canonicalize(root)?;
        let mut reader = Reader {
            root,
            inputs: BTreeMap::new(),
            diags: Vec::new(),
            content_files: None,
        };
        let config_text = reader
            .text(&root.join(CONFIG_FILE), None)
            .unwrap_or_default();
        let (config, config_file, problems) = config::parse(&config_text);
        reader.diags.extend(problems);

        let mut offices = BTreeMap::new();
        let mut office_ids = Vec::new();
        for (id, path) in yaml_files(root, "content/offices", &mut reader.diags, false)? {
            let file = rel_path(root, &path);
            if !values::is_valid_id(&id) {
                reader.diags.push(
                    Diagnostic::new(&INVALID_ID, format!("`{id}` is not a valid office ID"))
                        .at(Location::file(&file))
                        .help(values::id_help(&id, "content/offices", extension(&path))),
                );
                continue;
            }
            office_ids.push(id.clone());
            let Some(text) = reader.text(&path, None) else {
                continue;
            };
            match yaml::parse::<OfficeFile>(&file, &text) {
                Ok(data) => {
                    offices.insert(id.clone(), Office { id, data });
                }
                Err(d) => reader.diags.push(d),
            }
        }

        let mut sessions = Vec::new();
        let mut parsed = Vec::new();
        let mut session_ids = Vec::new();
        let mut invalid_session_files = Vec::new();
        for (id, path) in yaml_files(root, "content/sessions", &mut reader.diags, true)? {
            let file = rel_path(root, &path);
            if !values::is_valid_id(&id) {
                reader.diags.push(
                    Diagnostic::new(&INVALID_ID, format!("`{id}` is not a valid session ID"))
                        .at(Location::file(&file))
                        .help(values::id_help(&id, "content/sessions", extension(&path)))
                        .session(&id),
                );
                invalid_session_files.push(id);
                continue;
            }
            session_ids.push(id.clone());
            let Some(text) = reader.text(&path, Some(&id)) else {
                continue;
            };
            let located: Located<SessionFile> = match yaml::parse(&file, &text) {
                Ok(l) => l,
                Err(d) => {
                    reader.diags.push(d.session(&id));
                    continue;
                }
            };
            let session = match Session::from_file(&id, located) {
                Ok(s) => s,
                Err(ds) => {
                    reader.diags.extend(ds.into_iter().map(|d| d.session(&id)));
                    continue;
                }
            };
            parsed.push(session);
        }
        let shared = match lists {
            Lists::Read => Some(SharedLists::read(&mut reader, &config, &session_ids)),
            Lists::Skip => None,
        };
        for session in parsed {
            let claimants = (shared.as_ref())
                .and_then(|shared| claimant_list(&mut reader, &config, shared, &session));
            sessions.push(LoadedSession { session, claimants });
        }
        sessions.shrink_to_fit();

        let templates = read_templates(&mut reader)?;
        let strings = match (
            templates.text("strings/en.ftl"),
            templates.text("strings/cy.ftl"),
        ) {
            (Some(en), Some(cy)) => {
                let (strings, ds) = Strings::load(EN_FILE, en, CY_FILE, cy);
                reader.diags.extend(ds);
                Some(strings)
            }
            (en, cy) => {
                for (file, text) in [(EN_FILE, en), (CY_FILE, cy)] {
                    if text.is_none()
                        && !reader
                            .diags
                            .iter()
                            .any(|d| d.location == Some(Location::file(file)))
                    {
                        reader.diags.push(
                            Diagnostic::new(
                                &MISSING_FILE,
                                "the strings file is missing or not UTF-8 text",
                            )
                            .at(Location::file(file))
                            .help("copy it from a new project (sessionpack init)"),
                        );
                    }
                }
                None
            }
        };
        let fonts = match FontMetrics::find(templates.fonts()) {
            Ok(m) => Some(m),
            Err(message) => {
                reader.diags.push(
                    Diagnostic::new(&MISSING_FILE, message).at(Location::file("templates/fonts")),
                );
                None
            }
        };

        Ok((
            Project {
                root: root.to_path_buf(),
                config,
                config_file,
                offices,
                office_ids,
                sessions,
                session_ids,
                invalid_session_files,
                strings,
                templates,
                fonts,
                inputs: reader.inputs,
                tracked_in_git: tracked_in_git(root),
            },
            reader.diags,
        ))
    }

    pub fn session(&self, id: &str) -> Option<&LoadedSession> {
        self.sessions.iter().find(|s| s.session.id == id)
    }

    /// The files a session's documents are made from: the settings, the session, its office,
    /// its claimant list and everything under `templates/`, sorted by path.
    pub fn inputs_of(&self, loaded: &LoadedSession) -> Vec<InputFile> {
        let session = &loaded.session;
        let named = [
            Some(CONFIG_FILE.to_string()),
            Some(session.file().to_string()),
            self.offices
                .get(&session.office)
                .map(|o| o.data.file.clone()),
            loaded
                .claimants
                .as_ref()
                .filter(|c| c.rows_digest.is_none())
                .map(|c| c.file().to_string()),
        ];
        // A session's rows of a list for several sessions stand for that list: `FILE#ID`,
        // so editing another session's rows leaves this session up to date.
        let rows = loaded.claimants.as_ref().and_then(|c| {
            let digest = c.rows_digest.as_deref()?;
            let file = self.inputs.get(c.file())?;
            Some(InputFile {
                path: format!("{}#{}", c.file(), session.id).into(),
                sha256: digest.into(),
                bytes: file.bytes,
            })
        });
        let mut out: Vec<InputFile> = named
            .into_iter()
            .flatten()
            .filter_map(|p| self.inputs.get(&p).cloned())
            .chain(rows)
            .chain(
                self.inputs
                    .iter()
                    .filter(|(p, _)| p.starts_with("templates/"))
                    .map(|(_, i)| i.clone()),
            )
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out.dedup_by(|a, b| a.path == b.path);
        out
    }
}

/// Read one more table file of the project (a week's pool) as loading reads claimant lists:
/// never through a link that leaves the project, never more than the largest list; its
/// SHA-256 taken from the bytes read. A problem is a diagnostic at the file.
pub fn read_table_file(root: &Path, file: &str) -> (Option<(Vec<u8>, InputFile)>, Vec<Diagnostic>) {
    let mut reader = Reader {
        root,
        inputs: BTreeMap::new(),
        diags: Vec::new(),
        content_files: None,
    };
    let bytes = reader.bytes(&root.join(file), None);
    let read = bytes.and_then(|b| Some((b, reader.inputs.remove(file)?)));
    (read, reader.diags)
}

/// A file's extension (`yaml`), for saying what to rename it to.
fn extension(path: &Path) -> &str {
    path.extension().and_then(|e| e.to_str()).unwrap_or("yaml")
}

impl Project {
    /// Each session's place in the project's order (`content/sessions/` sorted), the files
    /// whose names are not IDs last: the order plans and reports are in.
    pub fn session_order(&self) -> std::collections::HashMap<&str, usize> {
        self.session_ids
            .iter()
            .chain(&self.invalid_session_files)
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect()
    }

    /// The inputs of a session whose file could not be read: its file as it is, the
    /// settings and the templates.
    pub fn inputs_of_unread(&self, id: &str) -> Vec<InputFile> {
        let file = |p: &str| {
            p == CONFIG_FILE
                || p.starts_with("templates/")
                || p.strip_prefix("content/sessions/")
                    .and_then(|name| name.rsplit_once('.'))
                    .is_some_and(|(stem, _)| stem == id)
        };
        self.inputs
            .iter()
            .filter(|(p, _)| file(p))
            .map(|(_, i)| i.clone())
            .collect()
    }
}

/// A list's reading problems, less the rows' shapes when a title stands above its header:
/// those are the title's consequence, reported once as the title (`claimant::title_rows`).
fn without_title_cascade(
    table: Option<&Table>,
    config: &Config,
    diags: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let titled = table.is_some_and(|t| claimant::title_rows(t, &config.columns).is_some());
    diags
        .into_iter()
        .filter(|d| !titled || d.rule.code != ROW_SHAPE.code)
        .collect()
}

/// The rows of the lists for several sessions (`claimant_files`), by the session they name.
struct SharedLists {
    tables: Vec<(Table, ColumnMap)>,
    /// Session ID -> (table, row index).
    rows: BTreeMap<String, Vec<(usize, usize)>>,
}

impl SharedLists {
    fn read(reader: &mut Reader, config: &Config, session_ids: &[String]) -> SharedLists {
        let mut shared = SharedLists {
            tables: Vec::new(),
            rows: BTreeMap::new(),
        };
        for source in &config.claimant_files {
            let Ok(source) = source.resolve() else {
                continue; // reported with the settings
            };
            let Some(bytes) = reader.bytes(&reader.root.join(&source.file), None) else {
                continue;
            };
            let (table, ds) = table::read(&source, &bytes);
            reader
                .diags
                .extend(without_title_cascade(table.as_ref(), config, ds));
            let Some(table) = table else { continue };
            let (map, ds) = claimant::map_columns(&table, &config.columns);
            reader.diags.extend(ds);
            if !map.has("session") {
                reader.diags.push(
                    Diagnostic::new(
                        &ROW_SESSION,
                        "this list is for several sessions but has no `session` column",
                    )
                    .at(table.source.row_loc(table.header_row))
                    .help("add a `session` column with the session ID of each row, or name the list in the session's file (`claimants:`)"),
                );
                continue;
            }
            let index = shared.tables.len();
            for (i, row) in table.rows.iter().enumerate() {
                let id = map
                    .cell(row, "session")
                    .map(|c| c.text.trim().to_string())
                    .unwrap_or_default();
                if session_ids.contains(&id) {
                    shared.rows.entry(id).or_default().push((index, i));
                } else if let Some(label) = claimant::total_label(&row.cells) {
                    reader.diags.push(
                        Diagnostic::new(
                            &CSV_UNREADABLE,
                            format!(
                                "row {} is a `{label}` row, not a claimant; it was not read",
                                row.row
                            ),
                        )
                        .at(table.source.row_loc(row.row))
                        .help("delete the totals row: the tool counts the claimants itself"),
                    );
                } else {
                    // The session the cell plainly means (`Cardiff 10 Dec`): only it is
                    // stopped, as it lacks this row; the others are built.
                    let meant = session_meant(&id, session_ids);
                    let close = meant.or_else(|| {
                        session_ids
                            .iter()
                            .max_by(|a, b| {
                                strsim::jaro_winkler(a, &id)
                                    .total_cmp(&strsim::jaro_winkler(b, &id))
                            })
                            .filter(|c| strsim::jaro_winkler(c, &id) > 0.8)
                    });
                    let mut d = Diagnostic::new(
                        &ROW_SESSION,
                        if id.is_empty() {
                            "`session` is empty: the row belongs to no session".to_string()
                        } else {
                            format!("`session`: there is no session `{id}`")
                        },
                    )
                    .at(map.loc(&table, row.row, "session"))
                    .help(match close {
                        Some(c) => format!(
                            "did you mean `{c}`? write the session's ID, the name of its file in content/sessions/"
                        ),
                        None => "write the ID of a session in content/sessions/".to_string(),
                    });
                    if let Some(m) = meant {
                        d = d.session(m);
                    }
                    reader.diags.push(d);
                }
            }
            shared.tables.push((table, map));
        }
        shared
    }
}

/// The one session a `session` cell plainly means when it is not an ID: a date (`10 Dec`,
/// `10/12/2026`, `2026-12-10`) and, when it names one, a place (`Cardiff`) that exactly one
/// session's ID holds. None when no session or more than one fits.
fn session_meant<'a>(cell: &str, session_ids: &'a [String]) -> Option<&'a String> {
    const MONTHS: [[&str; 2]; 12] = [
        ["january", "ionawr"],
        ["february", "chwefror"],
        ["march", "mawrth"],
        ["april", "ebrill"],
        ["may", "mai"],
        ["june", "mehefin"],
        ["july", "gorffennaf"],
        ["august", "awst"],
        ["september", "medi"],
        ["october", "hydref"],
        ["november", "tachwedd"],
        ["december", "rhagfyr"],
    ];
    let lower = cell.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let month_of = |w: &str| {
        let w = w.trim_end_matches('.');
        (w.len() >= 3)
            .then(|| {
                MONTHS
                    .iter()
                    .position(|m| m.iter().any(|name| name.starts_with(w)))
            })
            .flatten()
            .map(|m| m as u32 + 1)
    };
    let day_of = |w: &str| {
        w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=31).contains(d))
    };
    let mut date = None;
    for (i, w) in words.iter().enumerate() {
        let numbers: Vec<u32> = w
            .split(['/', '.', '-'])
            .filter_map(|n| n.parse().ok())
            .collect();
        let parts = w.split(['/', '.', '-']).count();
        if parts >= 2 && numbers.len() == parts {
            date = match numbers.as_slice() {
                [y, m, d] if *y > 1000 => Some((*m, *d)),
                [d, m, ..] => Some((*m, *d)),
                _ => None,
            };
        } else if let Some(m) = month_of(w) {
            let before = i.checked_sub(1).and_then(|j| day_of(words[j]));
            let after = words.get(i + 1).and_then(|n| day_of(n));
            if let Some(d) = before.or(after) {
                date = Some((m, d));
            }
        }
    }
    let (month, day) = date?;
    let on = format!("-{month:02}-{day:02}");
    let places: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.len() >= 3 && w.chars().all(char::is_alphabetic) && month_of(w).is_none())
        .collect();
    let mut fits = session_ids.iter().filter(|id| {
        id.contains(&on) && (places.is_empty() || places.iter().any(|p| id.contains(p)))
    });
    let one = fits.next()?;
    fits.next().is_none().then_some(one)
}

/// A session's claimant list: its own (named, or `content/claimants/ID.csv` when that
/// exists), or its rows of the lists for several sessions; never both.
fn claimant_list(
    reader: &mut Reader,
    config: &Config,
    shared: &SharedLists,
    session: &Session,
) -> Option<ClaimantList> {
    let id = session.id.as_str();
    let source = &session.claimants_source;
    let path = reader.root.join(&source.file);
    let shared_rows = shared.rows.get(id);
    let own = session.names_its_list || path.exists();
    if own {
        if let Some(rows) = shared_rows {
            let (table, _) = &shared.tables[rows[0].0];
            reader.diags.push(
                Diagnostic::new(
                    &ROW_SESSION,
                    format!(
                        "session `{id}` has its own list {} and {} rows in {}: which is its list?",
                        source.file,
                        rows.len(),
                        table.source.file
                    ),
                )
                .at(table.source.row_loc(table.rows[rows[0].1].row))
                .help("keep the session's rows in one list")
                .session(id),
            );
        }
        if !path.exists() {
            let missing = list_missing(reader, session);
            reader.diags.push(missing);
            return None;
        }
        let bytes = reader.bytes(&path, Some(id))?;
        let (table, ds) = table::read(source, &bytes);
        let ds = without_title_cascade(table.as_ref(), config, ds);
        reader.diags.extend(ds.into_iter().map(|d| d.session(id)));
        let table = table?;
        let (list, ds) = claimant::parse(&table, &config.columns, id);
        reader.diags.extend(ds);
        // A list of the session's own may say whose rows they are: they must be its.
        if let Some(c) = list.column_of("session") {
            for row in &table.rows {
                let named = row.cells.get(c - 1).map_or("", |c| c.text.trim());
                if !named.is_empty() && named != id {
                    reader.diags.push(
                        Diagnostic::new(
                            &ROW_SESSION,
                            format!("`session`: this row is for `{named}`, but the list is session `{id}`'s"),
                        )
                        .at(table.source.loc(row.row, c))
                        .help("move the row to that session's list, or correct the cell")
                        .session(id),
                    );
                }
            }
        }
        return Some(list);
    }
    match shared_rows {
        Some(rows) => {
            // Rows of one session may come from more than one list: read them per list.
            let mut lists: Vec<ClaimantList> = Vec::new();
            for (index, (table, map)) in shared.tables.iter().enumerate() {
                let mine: Vec<&TableRow> = rows
                    .iter()
                    .filter(|(t, _)| *t == index)
                    .map(|(_, r)| &table.rows[*r])
                    .collect();
                if mine.is_empty() {
                    continue;
                }
                let digest = table.digest_of(mine.iter().copied());
                let (mut list, ds) = claimant::parse_rows(table, map, mine, id);
                list.rows_digest = Some(digest);
                reader.diags.extend(ds);
                lists.push(list);
            }
            if lists.len() > 1 {
                reader.diags.push(
                    Diagnostic::new(
                        &ROW_SESSION,
                        format!(
                            "session `{id}` has rows in {}: keep each session's rows in one list",
                            lists
                                .iter()
                                .map(|l| l.file())
                                .collect::<Vec<_>>()
                                .join(" and ")
                        ),
                    )
                    .at(Location::file(lists[1].file()))
                    .session(id),
                );
            }
            lists.into_iter().next()
        }
        None if !config.claimant_files.is_empty() => {
            reader.diags.push(
                Diagnostic::new(
                    &MISSING_FILE,
                    format!("session `{id}` has no claimant list: no row of the lists for the week names it, and {} does not exist", source.file),
                )
                .at_key(&session.data, "office")
                .help(format!("add its rows (with `session` {id}) to the list for the week, or create {}", source.file))
                .session(id),
            );
            None
        }
        None => {
            let missing = list_missing(reader, session);
            reader.diags.push(missing);
            None
        }
    }
}

/// What is said when a session's own claimant list is not there.
fn list_missing_message(session: &Session) -> String {
    format!(
        "the claimant list {} cannot be read: it does not exist",
        session.claimants_source.file
    )
}

/// A session's own claimant list is not there.
fn list_missing(reader: &mut Reader, session: &Session) -> Diagnostic {
    let file = &session.claimants_source.file;
    let help = match reader.same_name_in_content(file) {
        Some(found) => format!(
            "did you mean `{}`? {found} exists; `claimants` is written from content/ (`claimants: {}`)",
            found.trim_start_matches("content/"),
            found.trim_start_matches("content/")
        ),
        None => format!("create {file} or point `claimants` at the right file"),
    };
    Diagnostic::new(&MISSING_FILE, list_missing_message(session))
        .at_key(&session.data, "claimants")
        .help(help)
        .session(&session.id)
}

/// Every file under `content/`, two folders deep at most, in the order they are looked
/// through for a file of the same name: (its name, its project-relative path).
fn content_files(root: &Path) -> Vec<(std::ffi::OsString, String)> {
    let mut out = Vec::new();
    let mut folders = vec![(root.join("content"), 0)];
    while let Some((dir, depth)) = folders.pop() {
        let Ok(read) = std::fs::read_dir(&dir) else {
            break;
        };
        let mut entries: Vec<_> = read.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() && depth < 2 {
                folders.push((path, depth + 1));
            } else if kind.is_file() {
                out.push((entry.file_name(), rel_path(root, &path)));
            }
        }
    }
    out
}

impl Reader<'_> {
    /// A file of the same name as `file` elsewhere under `content/` (`content/claimants/`
    /// when the session said `week.xlsx`), two folders deep at most. The folders are read
    /// once a load, however many lists are missing.
    fn same_name_in_content(&mut self, file: &str) -> Option<String> {
        let name = Path::new(file).file_name()?;
        let root = self.root;
        let files = self
            .content_files
            .get_or_insert_with(|| content_files(root));
        files
            .iter()
            .find(|(n, _)| n.as_os_str() == name)
            .map(|(_, p)| p.clone())
    }
}

/// Read every file under `templates/` (following links, never round a loop).
fn read_templates(reader: &mut Reader) -> Result<TemplateFiles> {
    let dir = reader.root.join("templates");
    if !dir.is_dir() {
        bail!(
            "the project has no templates folder ({})\n  help: copy it from a new project (sessionpack init)",
            dir.display()
        );
    }
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e
                    .path()
                    .map_or_else(|| "templates".to_string(), |p| rel_path(reader.root, p));
                let reason = e
                    .io_error()
                    .map_or_else(|| e.to_string(), |io| io.to_string());
                reader.diags.push(
                    Diagnostic::new(&MISSING_FILE, format!("cannot read the file: {reason}"))
                        .at(Location::file(at))
                        .help("remove it, or put the file it stands for in its place"),
                );
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        if let Some(bytes) = reader.bytes(entry.path(), None) {
            files.insert(rel_path(&dir, entry.path()), bytes);
        }
    }
    Ok(TemplateFiles { files })
}

#[cfg(test)]
mod tests {
    use super::session_meant;

    #[test]
    fn a_session_cell_as_people_write_it_means_the_one_session_it_fits() {
        let ids: Vec<String> = [
            "cardiff-2026-12-10",
            "cardiff-venue-2026-12-03",
            "bristol-2026-12-10",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for cell in [
            "Cardiff 10 Dec",
            "cardiff, 10th December",
            "Cardiff 10/12/2026",
            "Caerdydd cardiff 10 Rhagfyr",
        ] {
            assert_eq!(
                session_meant(cell, &ids).map(String::as_str),
                Some("cardiff-2026-12-10"),
                "{cell}"
            );
        }
        // Two sessions on the day, and no place: not guessed.
        assert_eq!(session_meant("10 Dec", &ids), None);
        assert_eq!(session_meant("Cardiff 11 Dec", &ids), None);
        assert_eq!(session_meant("Cardiff", &ids), None);
        assert_eq!(
            session_meant("2026-12-03", &ids).map(String::as_str),
            Some("cardiff-venue-2026-12-03")
        );
    }
}
