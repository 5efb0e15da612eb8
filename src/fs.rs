//! File-system calls that name their path in every error, and the one way to write a path
//! relative to the project root.
//!
//! Writing and deleting never go through a link: a file the tool writes is created new (a
//! link, or anything else, already at its temporary name is refused, not followed), put in
//! place by a rename (which replaces a link at the final name instead of writing through it),
//! and a folder or file is removed as itself, never as the target of a link.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// The entries of a folder (not its subfolders' entries), unsorted.
pub fn read_dir(path: &Path) -> Result<Vec<std::path::PathBuf>> {
    std::fs::read_dir(path)
        .and_then(|entries| entries.map(|e| e.map(|e| e.path())).collect())
        .with_context(|| format!("cannot read the folder {}", path.display()))
}

pub fn canonicalize(path: &Path) -> Result<std::path::PathBuf> {
    path.canonicalize()
        .with_context(|| format!("cannot open the folder {}", path.display()))
}

pub fn write(path: &Path, bytes: impl AsRef<[u8]>) -> Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).with_context(|| format!("cannot create {}", path.display()))
}

pub fn remove_dir_all(path: &Path) -> Result<()> {
    std::fs::remove_dir_all(path).with_context(|| format!("cannot remove {}", path.display()))
}

pub fn remove_file(path: &Path) -> Result<()> {
    std::fs::remove_file(path).with_context(|| format!("cannot remove {}", path.display()))
}

pub fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to)
        .with_context(|| format!("cannot move {} to {}", from.display(), to.display()))
}

/// What is at a path, links not followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Missing,
    File,
    Dir,
    Link,
    /// A FIFO, socket or device: never read or written.
    Other,
}

pub fn entry(path: &Path) -> Result<Entry> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Ok(Entry::Link),
        Ok(m) if m.is_dir() => Ok(Entry::Dir),
        Ok(m) if m.is_file() => Ok(Entry::File),
        Ok(_) => Ok(Entry::Other),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Entry::Missing),
        Err(e) => Err(e).with_context(|| format!("cannot look at {}", path.display())),
    }
}

/// Remove what is at `path` as itself: a folder with everything in it (links inside are
/// removed, never followed), a file, or a link (never its target). Nothing there is fine.
pub fn remove(path: &Path) -> Result<()> {
    match entry(path)? {
        Entry::Missing => Ok(()),
        Entry::Dir => remove_dir_all(path),
        _ => remove_file(path),
    }
}

/// An empty folder of the tool's own at `path`: whatever was there is removed as itself
/// (a link is removed, not followed), then the folder is created new.
pub fn fresh_dir(path: &Path) -> Result<()> {
    remove(path)?;
    std::fs::create_dir(path).with_context(|| format!("cannot create {}", path.display()))
}

/// A real folder at `path`, created if missing; a link or a file there is refused, since the
/// tool never writes through a link and never replaces a file of the user's.
pub fn ensure_dir(path: &Path, what: &str) -> Result<()> {
    match entry(path)? {
        Entry::Dir => Ok(()),
        Entry::Missing => {
            std::fs::create_dir(path).with_context(|| format!("cannot create {}", path.display()))
        }
        Entry::Link => bail!(
            "{what} is a link; sessionpack never writes through a link: remove the link (the folder it points to is not touched)"
        ),
        Entry::File | Entry::Other => bail!(
            "{what} is a file, not a folder; sessionpack writes into the folder {what}: move the file elsewhere"
        ),
    }
}

/// Create a new file at `path` and write `bytes` into it: refused when anything, a link
/// included, is already there.
pub fn write_new(path: &Path, bytes: impl AsRef<[u8]>) -> Result<()> {
    create(path, bytes.as_ref(), true)
}

/// Create `path` (never an existing file, never through a link), owner-only; on disk before
/// this returns when `sync`.
fn create(path: &Path, bytes: &[u8], sync: bool) -> Result<()> {
    create_with(path, sync, |file| std::io::Write::write_all(file, bytes))
}

/// `write_atomic` for a file too large to hold twice in memory: `write` writes it (buffered)
/// into the temporary file.
pub fn write_atomic_streamed(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<()> {
    let temp = temporary_beside(path);
    create_with(&temp, true, |file| {
        let mut buffered = std::io::BufWriter::new(&mut *file);
        write(&mut buffered)?;
        std::io::Write::flush(&mut buffered)
    })
    .inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })?;
    if entry(path)? == Entry::Dir {
        let _ = std::fs::remove_file(&temp);
        bail!("{} is a folder; it was left alone", path.display());
    }
    rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

fn create_with(
    path: &Path,
    sync: bool,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW).mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    write(&mut file)
        .and_then(|_| if sync { file.sync_all() } else { Ok(()) })
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Write `path` in one step: a new temporary file beside it, then a rename, so a crash
/// leaves the old file or the new, never half; a link at `path` is replaced, not followed.
pub fn write_atomic(path: &Path, bytes: impl AsRef<[u8]>) -> Result<()> {
    replace(path, bytes.as_ref(), true)
}

/// `write_atomic` for a file the next run makes again from others (the overview's pages):
/// not waited for on disk, as a page cut short by a power cut differs from what the next run
/// makes and is written again.
pub fn write_atomic_derived(path: &Path, bytes: impl AsRef<[u8]>) -> Result<()> {
    replace(path, bytes.as_ref(), false)
}

fn replace(path: &Path, bytes: &[u8], sync: bool) -> Result<()> {
    let temp = temporary_beside(path);
    create(&temp, bytes, sync)?;
    if entry(path)? == Entry::Dir {
        let _ = std::fs::remove_file(&temp);
        bail!("{} is a folder; it was left alone", path.display());
    }
    rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// A name beside `path` for a temporary file, that no other process of the tool uses.
fn temporary_beside(path: &Path) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    ))
}

/// `path` relative to `root`, with `/` between parts whatever the platform
/// (`content/claimants/x.csv`).
pub fn rel_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn writes_never_go_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.txt");
        std::fs::write(&outside, "keep").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        assert!(write_new(&link, "x").is_err());
        write_atomic(&link, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep");
        assert_eq!(entry(&link).unwrap(), Entry::File);
        // A link to a folder is removed as a link; the folder and its files stay.
        let folder = dir.path().join("folder");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("f"), "f").unwrap();
        let to_folder = dir.path().join("to-folder");
        std::os::unix::fs::symlink(&folder, &to_folder).unwrap();
        assert!(ensure_dir(&to_folder, "out").is_err());
        fresh_dir(&to_folder).unwrap();
        assert!(folder.join("f").is_file());
        assert_eq!(entry(&to_folder).unwrap(), Entry::Dir);
    }

    #[test]
    fn relative_paths_use_slashes() {
        let root = Path::new("/p");
        assert_eq!(
            rel_path(root, &root.join("content").join("x.csv")),
            "content/x.csv"
        );
        let e = read(Path::new("/no/such/file")).unwrap_err();
        assert!(format!("{e:#}").contains("/no/such/file"));
    }
}
