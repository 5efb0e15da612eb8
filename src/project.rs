//! Load: find the project, and read `sessionpack.yaml`, offices, sessions, claimant lists and
//! everything under `templates/` into memory, once, before anything is written. Each file's
//! SHA-256 is taken from the bytes read here, for fingerprints and manifests. Every problem
//! found on the way becomes a diagnostic; loading carries on so that all are reported at once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use sha2::{Digest, Sha256};

use crate::codes::{INVALID_ID, MISSING_FILE};
use crate::config::{self, CONFIG_FILE, Config};
use crate::diag::{Diagnostic, Location};
use crate::envelope::FontMetrics;
use crate::fs::rel_path;
use crate::l10n::strings::{CY_FILE, EN_FILE, Strings};
use crate::model::yaml::{self, Located};
use crate::model::{ClaimantList, office::OfficeFile, session::SessionFile};
use crate::model::{Office, Session, claimant, values};

/// A file the documents are made from, as read at load: its project-relative path, size and
/// SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: String,
    pub sha256: String,
    pub bytes: usize,
}

impl InputFile {
    fn new(path: String, bytes: &[u8]) -> InputFile {
        InputFile {
            path,
            sha256: format!("{:x}", Sha256::digest(bytes)),
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
    /// Sessions that parsed, sorted by ID.
    pub sessions: Vec<LoadedSession>,
    /// Every session ID found, including those whose file has errors.
    pub session_ids: Vec<String>,
    pub strings: Option<Strings>,
    pub templates: TemplateFiles,
    pub fonts: Option<FontMetrics>,
    /// Every file read, by project-relative path.
    pub inputs: BTreeMap<String, InputFile>,
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

/// The YAML files in `dir` (not its subfolders), sorted, with their stems as IDs.
fn yaml_files(root: &Path, dir: &str) -> Result<Vec<(String, PathBuf)>> {
    let path = root.join(dir);
    if !path.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
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
    Ok(out)
}

/// Reads files, remembering each one's hash, and turns a failure into a diagnostic.
struct Reader<'a> {
    root: &'a Path,
    inputs: BTreeMap<String, InputFile>,
    diags: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn bytes(&mut self, path: &Path, session: Option<&str>) -> Option<Vec<u8>> {
        let rel = rel_path(self.root, path);
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

    fn text(&mut self, path: &Path, session: Option<&str>) -> Option<String> {
        let bytes = self.bytes(path, session)?;
        match String::from_utf8(bytes) {
            Ok(t) => Some(t),
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

impl Project {
    /// Load everything under `root`. I/O failures that make the project unusable are errors;
    /// problems with its content are diagnostics.
    pub fn load(root: &Path) -> Result<(Project, Vec<Diagnostic>)> {
        let mut reader = Reader {
            root,
            inputs: BTreeMap::new(),
            diags: Vec::new(),
        };
        let config_text = crate::fs::read(&root.join(CONFIG_FILE))
            .map(|b| String::from_utf8_lossy(&b).into_owned())?;
        reader.inputs.insert(
            CONFIG_FILE.to_string(),
            InputFile::new(CONFIG_FILE.to_string(), config_text.as_bytes()),
        );
        let (config, config_file, problem) = config::parse(&config_text);
        reader.diags.extend(problem);

        let mut offices = BTreeMap::new();
        for (id, path) in yaml_files(root, "content/offices")? {
            let file = rel_path(root, &path);
            if !values::is_valid_id(&id) {
                reader.diags.push(
                    Diagnostic::new(&INVALID_ID, format!("`{id}` is not a valid office ID"))
                        .at(Location::file(&file))
                        .help(values::ID_HELP),
                );
                continue;
            }
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
        let mut session_ids = Vec::new();
        for (id, path) in yaml_files(root, "content/sessions")? {
            let file = rel_path(root, &path);
            if !values::is_valid_id(&id) {
                reader.diags.push(
                    Diagnostic::new(&INVALID_ID, format!("`{id}` is not a valid session ID"))
                        .at(Location::file(&file))
                        .help(values::ID_HELP)
                        .session(&id),
                );
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
            let csv_path = root.join(&session.claimants_file);
            let claimants = match std::fs::read(&csv_path) {
                Ok(bytes) => {
                    reader.inputs.insert(
                        session.claimants_file.clone(),
                        InputFile::new(session.claimants_file.clone(), &bytes),
                    );
                    let (list, ds) = claimant::parse(&session.claimants_file, &bytes, &id);
                    reader.diags.extend(ds);
                    Some(list)
                }
                Err(e) => {
                    reader.diags.push(
                        Diagnostic::new(
                            &MISSING_FILE,
                            format!(
                                "the claimant list {} cannot be read: {e}",
                                session.claimants_file
                            ),
                        )
                        .at_key(&session.data, "claimants")
                        .help(format!(
                            "create {} or point `claimants` at the right file",
                            session.claimants_file
                        ))
                        .session(&id),
                    );
                    None
                }
            };
            sessions.push(LoadedSession { session, claimants });
        }

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
                sessions,
                session_ids,
                strings,
                templates,
                fonts,
                inputs: reader.inputs,
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
            loaded.claimants.as_ref().map(|c| c.file.clone()),
        ];
        let mut out: Vec<InputFile> = named
            .into_iter()
            .flatten()
            .filter_map(|p| self.inputs.get(&p).cloned())
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
        if !entry.file_type().is_file() {
            continue;
        }
        if let Some(bytes) = reader.bytes(entry.path(), None) {
            files.insert(rel_path(&dir, entry.path()), bytes);
        }
    }
    Ok(TemplateFiles { files })
}
