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

/// The fingerprint a bundle was built with (its zip comment), if it is one of ours and
/// readable.
pub fn bundle_fingerprint(path: &Path) -> Option<String> {
    let file = std::fs::File::open(path).ok()?;
    let archive = zip::ZipArchive::new(file).ok()?;
    String::from_utf8(archive.comment().to_vec()).ok()
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
        std::fs::create_dir_all(&self.path).map_err(LockError::Io)?;
        let path = self.path.join(LOCK_FILE);
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .map_err(LockError::Io)?;
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
}

/// Where sessions are compiled before they are published (`build`: `out/.build`) or thrown
/// away (`check`: `.sessionpack-check-PID` in the project, outside `out/`). It is inside the
/// project because typst reads only files under its `--root`.
#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
    rel: String,
}

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
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }

    /// The folder of one session: `out/.build/ID`.
    pub fn staging(&self, id: &str) -> PathBuf {
        self.dir().join(id)
    }

    /// The generated Typst of a part of a session, relative to the project root (typst's
    /// `--root`): `main.typ`, then `main-2.typ`… for a session compiled in parts.
    pub fn main_typ_rel(&self, id: &str, part: usize) -> String {
        if part == 0 {
            format!("{}/{id}/main.typ", self.rel)
        } else {
            format!("{}/{id}/main-{}.typ", self.rel, part + 1)
        }
    }
}
