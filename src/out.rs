//! The layout of `out/`, in one place: a folder per session, its two zip bundles beside it,
//! the build folder where sessions are compiled before they are moved into place, and the
//! marker that says a folder was written by `build`.

use std::path::{Path, PathBuf};

/// Written into every session folder `build` publishes: the fingerprint of what it was built
/// from. `clean` removes only folders that hold it.
pub const FINGERPRINT_FILE: &str = ".sessionpack-fingerprint";
pub const MANIFEST: &str = "manifest.json";
/// `out/index.json`: every session's manifest, written by a full build and by `index`.
pub const INDEX: &str = "index.json";
/// `out/diagnostics.json` (the project's problems at the last run) and `out/ID/diagnostics.json`
/// (a session's, with typst's warnings from when it was built): one JSON object a line, as
/// `--format json` prints them, for the overview. Not in the manifests or zips.
pub const DIAGNOSTICS: &str = "diagnostics.json";
/// `out/.watch/`: what `watch` tells the open overview (`state.js`).
pub const WATCH_DIR: &str = ".watch";
/// `out/allocation/WEEK/`: `sessionpack allocate`'s office-only reports.
pub const ALLOCATION_DIR: &str = "allocation";
/// `out/index.html`: the overview of the week (`overview`).
pub const INDEX_PAGE: &str = "index.html";
/// `out/ID/overview.html`: a session's page of the overview, not in its manifest or zips.
pub const SESSION_PAGE: &str = "overview.html";
/// `out/ID/thumbs/`: the overview's thumbnail of each document's first page, with
/// `thumbs.json` (the SHA-256 of the PDF each came from); not in the manifest or zips.
pub const THUMBS_DIR: &str = "thumbs";
/// `out/.sessionpack-shard-K-of-N.json`: what one shard of a split build built, from what input
/// and with which tool, for `index --shards N` to check before it merges; removed once merged.
pub const RECEIPT_PREFIX: &str = ".sessionpack-shard-";

/// The receipt of shard `index` of `count`.
pub fn receipt_name(index: u32, count: u32) -> String {
    format!("{RECEIPT_PREFIX}{index}-of-{count}.json")
}

/// One file a manifest lists: its path (under `out/ID`, or in a zip), SHA-256, size and, for a
/// PDF, pages.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FileEntry {
    pub path: String,
    pub sha256: String,
    pub bytes: usize,
    /// Pages, for a PDF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
}

/// A rule the project set below its default level, as a manifest records it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RelaxedEntry {
    pub code: String,
    /// `allow` or `warn`.
    pub level: String,
}

/// `manifest.json`: what a session's folder (or one of its bundles) holds, what it was made
/// from and by what. The one declaration of it: `pack` writes it, and `pack`'s readers
/// (up to date, summaries, `index`) read it through `Manifest::read`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Manifest {
    pub tool: String,
    pub tool_version: String,
    pub typst_version: String,
    pub session: String,
    /// `null` when built; the number of errors when only the preview list was made.
    pub not_built_errors: Option<usize>,
    /// Rules sessionpack.yaml sets below their default level.
    pub relaxed_rules: Vec<RelaxedEntry>,
    pub files: Vec<FileEntry>,
    pub inputs: Vec<FileEntry>,
}

impl Manifest {
    /// The manifest of `out/ID` with its bytes (its SHA-256 goes in the index), or why it
    /// cannot be read.
    pub fn read(out: &OutDir, id: &str) -> Result<(Manifest, Vec<u8>), String> {
        let bytes = crate::fs::read(&out.session(id).join(MANIFEST))
            .map_err(|e| format!("out/{id}/{MANIFEST} cannot be read: {e:#}"))?;
        let manifest = serde_json::from_slice(&bytes)
            .map_err(|e| format!("out/{id}/{MANIFEST} is not a manifest: {e}"))?;
        Ok((manifest, bytes))
    }

    /// As written: pretty JSON and a newline.
    pub fn to_json(&self) -> Vec<u8> {
        let mut json = serde_json::to_vec_pretty(self).unwrap_or_default();
        json.push(b'\n');
        json
    }
}

/// What a session owns at the top of `out/`: its folder and its bundles, by name.
pub fn owned_by(id: &str) -> Vec<String> {
    std::iter::once(id.to_string())
        .chain(Bundle::ALL.map(|b| b.zip_name(id)))
        .collect()
}

/// A zip bundle of a session's documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bundle {
    /// Every letter and the print batch: for the post room.
    Letters,
    /// Script, register, claim forms, feedback forms and poster: for the facilitator.
    FacilitatorPack,
}

impl Bundle {
    pub const ALL: [Bundle; 2] = [Bundle::Letters, Bundle::FacilitatorPack];

    fn suffix(self) -> &'static str {
        match self {
            Bundle::Letters => "letters",
            Bundle::FacilitatorPack => "facilitator-pack",
        }
    }

    /// `ID-letters.zip`, under `out/`.
    pub fn zip_name(self, session: &str) -> String {
        format!("{session}-{}.zip", self.suffix())
    }

    /// Whether a file name under `out/` is a bundle `build` writes.
    pub fn is_bundle_name(name: &str) -> bool {
        Self::session_of(name).is_some()
    }

    /// The session a bundle's file name belongs to: `a-letters.zip` → `a`.
    pub fn session_of(name: &str) -> Option<&str> {
        Self::ALL
            .iter()
            .find_map(|b| name.strip_suffix(&format!("-{}.zip", b.suffix())))
            .filter(|id| !id.is_empty())
    }
}

/// The fingerprint a bundle was built with (its zip comment), if it is one of ours: a regular
/// file (not a link) whose comment is a fingerprint.
pub fn bundle_fingerprint(path: &Path) -> Option<String> {
    if crate::fs::entry(path).ok()? != crate::fs::Entry::File {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    let archive = zip::ZipArchive::new(file).ok()?;
    String::from_utf8(archive.comment().to_vec())
        .ok()
        .filter(|c| is_fingerprint(c))
}

/// A fingerprint as `build` writes it: a SHA-256 in lower-case hex.
fn is_fingerprint(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// What an entry of `out/` is, judged from what is on disk, links never followed. Only what
/// `build` wrote is ever replaced or removed; everything else is the user's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutEntry {
    /// `out/ID`: a real folder holding the fingerprint file.
    Session(String),
    /// `out/ID-letters.zip`, `out/ID-facilitator-pack.zip`: a zip carrying a fingerprint.
    Bundle(String),
    /// The build folder, the lock file, the index, the overview page, a shard's receipt.
    Tool,
    /// Not written by `build`: left alone and reported.
    Foreign,
}

/// The entries of `out/`, by name, sorted, with what each is.
pub fn entries(out: &OutDir) -> anyhow::Result<Vec<(String, OutEntry)>> {
    if crate::fs::entry(out.path())? != crate::fs::Entry::Dir {
        return Ok(Vec::new());
    }
    let mut names: Vec<String> = crate::fs::read_dir(out.path())?
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    Ok(names
        .into_iter()
        .map(|n| {
            let kind = classify(out.path(), &n);
            (n, kind)
        })
        .collect())
}

/// The sessions in `out/`, by ID, sorted.
pub fn session_ids(out: &OutDir) -> anyhow::Result<Vec<String>> {
    Ok((entries(out)?.into_iter())
        .filter_map(|(_, kind)| match kind {
            OutEntry::Session(id) => Some(id),
            _ => None,
        })
        .collect())
}

/// What the entry `name` of `out/` (at `out`) is.
pub fn classify(out: &Path, name: &str) -> OutEntry {
    use crate::fs::{Entry, entry};
    let path = out.join(name);
    let Ok(kind) = entry(&path) else {
        return OutEntry::Foreign;
    };
    if name == ".build"
        || name == LOCK_FILE
        || name == INDEX
        || ((name == INDEX_PAGE || name == DIAGNOSTICS) && kind == Entry::File)
        || ((name == WATCH_DIR || name == ALLOCATION_DIR) && kind == Entry::Dir)
        || (name.starts_with(RECEIPT_PREFIX) && kind == Entry::File)
    {
        return OutEntry::Tool;
    }
    match kind {
        Entry::Dir if entry(&path.join(FINGERPRINT_FILE)).ok() == Some(Entry::File) => {
            OutEntry::Session(name.to_string())
        }
        Entry::File => match Bundle::session_of(name) {
            Some(id) if bundle_fingerprint(&path).is_some() => OutEntry::Bundle(id.to_string()),
            _ => OutEntry::Foreign,
        },
        _ => OutEntry::Foreign,
    }
}

/// `out/` of a project. Letters, registers and preview lists hold personal data: what is
/// written here is readable by its owner only, or by the owner's group when the project says
/// so (`out_permissions: group`).
#[derive(Debug, Clone)]
pub struct OutDir {
    path: PathBuf,
    group: bool,
}

impl OutDir {
    pub fn new(root: &Path) -> OutDir {
        OutDir {
            path: root.join("out"),
            group: false,
        }
    }

    /// Also readable by the owner's group.
    pub fn group_readable(mut self, group: bool) -> OutDir {
        self.group = group;
        self
    }

    /// Write a file the next run makes again from others (the overview's pages, the problems
    /// of the last run): atomically, with the permissions of `out/`, only when it changed.
    pub fn write_derived(&self, path: &Path, bytes: impl AsRef<[u8]>) -> anyhow::Result<()> {
        let bytes = bytes.as_ref();
        if std::fs::read(path).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        crate::fs::write_atomic_derived(path, bytes)?;
        self.restrict(path)?;
        Ok(())
    }

    /// Give `path` (a file, or a folder and everything in it) the permissions of `out/`:
    /// owner only (0600 files, 0700 folders), or owner and group (0640, 0750).
    pub fn restrict(&self, path: &Path) -> std::io::Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let (file, dir) = if self.group {
                (0o640, 0o750)
            } else {
                (0o600, 0o700)
            };
            for entry in walkdir::WalkDir::new(path) {
                let entry = entry.map_err(std::io::Error::other)?;
                if entry.path_is_symlink() {
                    continue; // its mode is its target's: never changed through it
                }
                let mode = if entry.file_type().is_dir() {
                    dir
                } else {
                    file
                };
                std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode))?;
            }
        }
        #[cfg(not(unix))]
        let _ = path;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `out/ID`: the published documents of a session.
    pub fn session(&self, id: &str) -> PathBuf {
        self.path.join(id)
    }

    /// `out/ID-letters.zip` and the like.
    pub fn bundle(&self, id: &str, bundle: Bundle) -> PathBuf {
        self.path.join(bundle.zip_name(id))
    }

    /// `out/.build`: where `build` compiles sessions before it publishes them.
    pub fn build_root(&self) -> PathBuf {
        self.path.join(".build")
    }

    /// Take the project's build lock, `out/.sessionpack.lock`, or say who holds it. The lock is
    /// the operating system's advisory lock on the file: a process that dies, even by
    /// `kill -9`, releases it.
    pub fn lock(&self, command: &str) -> Result<BuildLock, LockError> {
        use std::io::Write;
        crate::fs::ensure_dir(&self.path, "out").map_err(LockError::Out)?;
        let path = self.path.join(LOCK_FILE);
        match crate::fs::entry(&path).map_err(LockError::Out)? {
            crate::fs::Entry::File | crate::fs::Entry::Missing => {}
            _ => return Err(LockError::NotAFile),
        }
        let mut options = std::fs::OpenOptions::new();
        options.create(true).truncate(false).read(true).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // Never through a link put there since the look above.
            options.custom_flags(libc::O_NOFOLLOW).mode(0o600);
        }
        let mut file = options.open(&path).map_err(LockError::Io)?;
        if !file.metadata().map_err(LockError::Io)?.is_file() {
            return Err(LockError::NotAFile);
        }
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&path).unwrap_or_default();
                return Err(LockError::Held(holder.trim().to_string()));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
        let _ = file.set_len(0);
        let _ = writeln!(
            file,
            "sessionpack {command} (process {}, started {})",
            std::process::id(),
            chrono::Local::now().format("%Y-%m-%d %H:%M:%S")
        );
        Ok(BuildLock { file })
    }
}

/// The lock file under `out/`, left in place between builds.
pub const LOCK_FILE: &str = ".sessionpack.lock";

/// Held while a build writes `out/`; released when dropped or when the process ends.
#[derive(Debug)]
pub struct BuildLock {
    file: std::fs::File,
}

impl Drop for BuildLock {
    /// Who held it is left out once it is free, so `out/` after a build is the same bytes
    /// whoever built it.
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(
        "another sessionpack is writing out/ of this project: {0}; wait for it to finish, or stop it"
    )]
    Held(String),
    #[error("cannot lock out/{LOCK_FILE}: {0}")]
    Io(std::io::Error),
    #[error(
        "out/{LOCK_FILE} is not a file sessionpack wrote (a link or a folder); sessionpack never writes through a link: remove it"
    )]
    NotAFile,
    #[error("{0:#}")]
    Out(anyhow::Error),
}

/// Where sessions are compiled before they are published (`build`: `out/.build`) or thrown
/// away (`check`: `.sessionpack-check-PID` in the project, outside `out/`). It is typst's
/// `--root`: typst sees only what the tool put here (the generated source, and the files under
/// `templates/` that the tool itself read and checked), never the project with whatever links
/// it holds.
#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
    rel: String,
}

/// The folder of the workspace holding the copy of the project's `templates/` typst reads.
const TEMPLATES: &str = "templates";

impl Workspace {
    /// `out/.build` of the project at `root`.
    pub fn build(root: &Path) -> Workspace {
        Workspace {
            root: root.to_path_buf(),
            rel: "out/.build".to_string(),
        }
    }

    /// A folder of this process's own for `check`, outside `out/`.
    pub fn check(root: &Path) -> Workspace {
        Workspace {
            root: root.to_path_buf(),
            rel: format!(".sessionpack-check-{}", std::process::id()),
        }
    }

    pub fn dir(&self) -> PathBuf {
        self.root.join(&self.rel)
    }

    /// Make the workspace new (what was there goes, a link as a link), holding `templates`:
    /// the files under the project's `templates/` that typst reads, as the tool read them.
    pub fn prepare<'a>(
        &self,
        templates: impl Iterator<Item = (&'a str, &'a [u8])>,
    ) -> anyhow::Result<()> {
        let dir = self.dir();
        crate::fs::fresh_dir(&dir)?;
        for (name, bytes) in templates {
            let path = dir.join(TEMPLATES).join(name);
            if let Some(parent) = path.parent() {
                crate::fs::create_dir_all(parent)?;
            }
            crate::fs::write_new(&path, bytes)?;
        }
        Ok(())
    }

    /// After the run: the templates' copy goes, and the folder too unless a failure kept with
    /// `--keep-build-dir` is in it.
    pub fn tidy(&self) {
        let _ = crate::fs::remove(&self.dir().join(TEMPLATES));
        let _ = std::fs::remove_dir(self.dir());
    }

    /// The fonts typst may use: the project's, as copied into the workspace.
    pub fn fonts(&self) -> PathBuf {
        self.dir().join(TEMPLATES).join("fonts")
    }

    /// Remove the folders of checks that were killed before they could (their process is
    /// gone). Where the system cannot say (not Linux), they are left.
    pub fn remove_stale_checks(root: &Path) {
        let Ok(entries) = std::fs::read_dir(root) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(pid) = name
                .strip_prefix(".sessionpack-check-")
                .and_then(|p| p.parse::<u32>().ok())
            else {
                continue;
            };
            let gone = cfg!(target_os = "linux")
                && Path::new("/proc/self").exists()
                && !Path::new(&format!("/proc/{pid}")).exists();
            if gone {
                // As itself: a link is removed, never followed.
                let _ = crate::fs::remove(&entry.path());
            }
        }
    }

    /// The folder of one session: `out/.build/ID`.
    pub fn staging(&self, id: &str) -> PathBuf {
        self.dir().join(id)
    }

    /// The generated Typst of a part of a session, relative to the workspace (typst's
    /// `--root`): `ID/main.typ`, then `ID/main-2.typ`… for a session compiled in parts.
    pub fn main_typ(&self, id: &str, part: usize) -> String {
        if part == 0 {
            format!("{id}/main.typ")
        } else {
            format!("{id}/main-{}.typ", part + 1)
        }
    }

    /// The same file relative to the project root, for messages: `out/.build/ID/main.typ`.
    pub fn main_typ_rel(&self, id: &str, part: usize) -> String {
        format!("{}/{}", self.rel, self.main_typ(id, part))
    }
}
