//! The layout of `out/`, in one place: a folder per session, its two zip bundles beside it,
//! the build folder where sessions are compiled before they are moved into place, and the
//! marker that says a folder was written by `build`.

use std::path::{Path, PathBuf};

/// Written into every session folder `build` publishes: the fingerprint of what it was built
/// from. `clean` removes only folders that hold it.
pub const FINGERPRINT_FILE: &str = ".sessionpack-fingerprint";
pub const MANIFEST: &str = "manifest.json";

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
        Self::ALL
            .iter()
            .any(|b| name.ends_with(&format!("-{}.zip", b.suffix())))
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

    /// `out/.build`: where sessions are compiled before they are published.
    pub fn build_root(&self) -> PathBuf {
        self.path.join(".build")
    }

    /// `out/.build/ID`.
    pub fn staging(&self, id: &str) -> PathBuf {
        self.build_root().join(id)
    }

    /// The generated Typst of a part of a session, relative to the project root (typst's
    /// `--root`): `main.typ`, then `main-2.typ`… for a session compiled in parts.
    pub fn main_typ_rel(id: &str, part: usize) -> String {
        if part == 0 {
            format!("out/.build/{id}/main.typ")
        } else {
            format!("out/.build/{id}/main-{}.typ", part + 1)
        }
    }
}
