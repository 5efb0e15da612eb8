//! Load: find the project, read `sessionpack.yaml`, offices, sessions, claimant lists, strings,
//! templates and fonts, all into memory before anything is written. Every problem found on the
//! way becomes a diagnostic; loading carries on so that all problems are reported at once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::NaiveTime;
use serde::Deserialize;

use crate::diag::{Diagnostic, Diagnostics, LevelOverride, Location};
use crate::model::yaml::{self, Located};
use crate::model::{ClaimantList, office::OfficeFile, session::SessionFile};
use crate::model::{INVALID_ID, MISSING_FILE, Office, Session, claimant, values};
use crate::render::Templates;
use crate::render::metrics::FontMetrics;
use crate::render::strings::Strings;

pub const CONFIG_FILE: &str = "sessionpack.yaml";

/// `sessionpack.yaml`: project settings. Unknown keys are errors.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Rule levels by code: `GS002: allow`, `GS005: deny`.
    #[serde(default)]
    pub rules: BTreeMap<String, LevelOverride>,
    /// School hours for the childcare check (GSG 28-29), `HH:MM`.
    #[serde(default)]
    pub school_hours: SchoolHours,
    /// `a4` (default) or `a3`.
    #[serde(default)]
    pub poster_size: PosterSize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchoolHours {
    pub starts: String,
    pub ends: String,
}

impl Default for SchoolHours {
    fn default() -> Self {
        SchoolHours {
            starts: "09:15".into(),
            ends: "14:45".into(),
        }
    }
}

impl SchoolHours {
    pub fn parse(&self) -> Option<(NaiveTime, NaiveTime)> {
        let p = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").ok();
        Some((p(&self.starts)?, p(&self.ends)?))
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum PosterSize {
    #[default]
    A4,
    A3,
}

/// The whole project, in memory.
pub struct Project {
    pub root: PathBuf,
    pub config: Config,
    pub offices: BTreeMap<String, Office>,
    /// Sessions that parsed, sorted by ID.
    pub sessions: Vec<Session>,
    /// Every session ID found, including those whose file has errors.
    pub session_ids: Vec<String>,
    pub claimants: BTreeMap<String, ClaimantList>,
    pub strings: Option<Strings>,
    pub templates: Templates,
    pub metrics: Option<FontMetrics>,
}

/// Find the project root: the nearest folder, from `start` upwards, holding `sessionpack.yaml`.
pub fn find_root(start: &Path) -> Result<PathBuf> {
    let start = start
        .canonicalize()
        .with_context(|| format!("cannot open the folder {}", start.display()))?;
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

/// The YAML files in `dir`, sorted, with their stems as IDs.
fn yaml_files(root: &Path, dir: &str) -> Result<Vec<(String, PathBuf)>> {
    let path = root.join(dir);
    if !path.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in
        std::fs::read_dir(&path).with_context(|| format!("cannot read {}", path.display()))?
    {
        let p = entry
            .with_context(|| format!("cannot read {}", path.display()))?
            .path();
        if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push((stem, p));
        }
    }
    out.sort();
    Ok(out)
}

fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn read_text(
    root: &Path,
    path: &Path,
    diags: &mut Diagnostics,
    session: Option<&str>,
) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(t) => Some(t),
        Err(e) => {
            let mut d = Diagnostic::new(&MISSING_FILE, format!("cannot read the file: {e}"))
                .at(Location::file(rel(root, path)));
            if let Some(s) = session {
                d = d.session(s);
            }
            diags.push(d);
            None
        }
    }
}

impl Project {
    /// Load everything under `root`. I/O failures that make the project unusable are errors;
    /// problems with its content are diagnostics.
    pub fn load(root: &Path) -> Result<(Project, Diagnostics)> {
        let mut diags = Diagnostics::default();
        let config_path = root.join(CONFIG_FILE);
        let config_text = std::fs::read_to_string(&config_path)
            .with_context(|| format!("cannot read {}", config_path.display()))?;
        let config = if config_text.trim().is_empty() {
            Config::deserialize(serde_json::json!({}))?
        } else {
            match yaml::parse::<Config>(CONFIG_FILE, &config_text) {
                Ok(c) => {
                    for code in c.value.rules.keys() {
                        if !crate::rules::is_known_code(code) {
                            diags.push(
                                Diagnostic::new(
                                    &yaml::YAML_SCHEMA,
                                    format!("`rules`: `{code}` is not a rule code"),
                                )
                                .at(c.loc(&format!("rules.{code}")))
                                .help("use a code shown by `sessionpack check`, such as GS002"),
                            );
                        }
                    }
                    c.value
                }
                Err(d) => {
                    diags.push(d);
                    Config::deserialize(serde_json::json!({}))?
                }
            }
        };

        let mut offices = BTreeMap::new();
        for (id, path) in yaml_files(root, "content/offices")? {
            let file = rel(root, &path);
            if !values::is_valid_id(&id) {
                diags.push(
                    Diagnostic::new(&INVALID_ID, format!("`{id}` is not a valid office ID"))
                        .at(Location::file(&file))
                        .help(values::ID_HELP),
                );
                continue;
            }
            let Some(text) = read_text(root, &path, &mut diags, None) else {
                continue;
            };
            match yaml::parse::<OfficeFile>(&file, &text) {
                Ok(data) => {
                    offices.insert(id.clone(), Office { id, data });
                }
                Err(d) => diags.push(d),
            }
        }

        let mut sessions = Vec::new();
        let mut session_ids = Vec::new();
        let mut claimants = BTreeMap::new();
        for (id, path) in yaml_files(root, "content/sessions")? {
            let file = rel(root, &path);
            if !values::is_valid_id(&id) {
                diags.push(
                    Diagnostic::new(&INVALID_ID, format!("`{id}` is not a valid session ID"))
                        .at(Location::file(&file))
                        .help(values::ID_HELP)
                        .session(&id),
                );
                continue;
            }
            session_ids.push(id.clone());
            let Some(text) = read_text(root, &path, &mut diags, Some(&id)) else {
                continue;
            };
            let located: Located<SessionFile> = match yaml::parse(&file, &text) {
                Ok(l) => l,
                Err(d) => {
                    diags.push(d.session(&id));
                    continue;
                }
            };
            let session = match Session::from_file(&id, located) {
                Ok(s) => s,
                Err(ds) => {
                    diags.extend(ds.into_iter().map(|d| d.session(&id)));
                    continue;
                }
            };
            let csv_path = root.join(&session.claimants_file);
            match std::fs::read(&csv_path) {
                Ok(bytes) => {
                    let (list, ds) = claimant::parse(&session.claimants_file, bytes, &id);
                    diags.extend(ds);
                    claimants.insert(id.clone(), list);
                }
                Err(e) => diags.push(
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
                ),
            }
            sessions.push(session);
        }

        let strings = {
            let en_path = root.join("templates/strings/en.ftl");
            let cy_path = root.join("templates/strings/cy.ftl");
            match (
                read_text(root, &en_path, &mut diags, None),
                read_text(root, &cy_path, &mut diags, None),
            ) {
                (Some(en), Some(cy)) => {
                    let (strings, ds) = Strings::load(
                        "templates/strings/en.ftl",
                        &en,
                        "templates/strings/cy.ftl",
                        &cy,
                    );
                    diags.extend(ds);
                    Some(strings)
                }
                _ => None,
            }
        };

        let (templates, ds) = Templates::load(root)?;
        diags.extend(ds);
        let metrics = match FontMetrics::load(&root.join("templates/fonts")) {
            Ok(m) => Some(m),
            Err(e) => {
                diags.push(
                    Diagnostic::new(&MISSING_FILE, format!("{e:#}"))
                        .at(Location::file("templates/fonts")),
                );
                None
            }
        };

        Ok((
            Project {
                root: root.to_path_buf(),
                config,
                offices,
                sessions,
                session_ids,
                claimants,
                strings,
                templates,
                metrics,
            },
            diags,
        ))
    }

    pub fn session(&self, id: &str) -> Option<&Session> {
        self.sessions.iter().find(|s| s.id == id)
    }
}
