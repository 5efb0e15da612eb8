//! Pack: move a session's finished files into `out/ID/` in one step, so files under `out/`
//! are complete or absent, never half-written; and `clean`, which removes only what `build`
//! wrote.

use std::path::Path;

use anyhow::{Context, Result};

use crate::compile::{FINGERPRINT_FILE, RenderedSession, build_dir};

/// Replace `out/ID` with the compiled files in `out/.build/ID/pdf`.
pub fn publish(root: &Path, session: &RenderedSession) -> Result<()> {
    let staging = build_dir(root, &session.id);
    let pdf = staging.join("pdf");
    std::fs::write(pdf.join(FINGERPRINT_FILE), &session.fingerprint)
        .with_context(|| format!("cannot write into {}", pdf.display()))?;
    let target = root.join("out").join(&session.id);
    let old = staging.join("previous");
    if target.exists() {
        std::fs::rename(&target, &old)
            .with_context(|| format!("cannot move {} aside", target.display()))?;
    }
    std::fs::rename(&pdf, &target)
        .with_context(|| format!("cannot move the new files into {}", target.display()))?;
    std::fs::remove_dir_all(&staging)
        .with_context(|| format!("cannot remove {}", staging.display()))?;
    Ok(())
}

/// Remove the build folder of a session after a failed or skipped compile.
pub fn discard(root: &Path, id: &str, keep_source: bool) {
    let staging = build_dir(root, id);
    if keep_source {
        let _ = std::fs::remove_dir_all(staging.join("pdf"));
    } else {
        let _ = std::fs::remove_dir_all(&staging);
    }
    let build = root.join("out").join(".build");
    let _ = std::fs::remove_dir(&build); // only if empty
}

/// Remove what `build` wrote: session folders it made (they hold its fingerprint file), the
/// session bundles, and its build folder. Anything else in `out/` is left alone.
pub fn clean(root: &Path) -> Result<Vec<String>> {
    let out = root.join("out");
    let mut removed = Vec::new();
    if !out.is_dir() {
        return Ok(removed);
    }
    let mut entries: Vec<_> = std::fs::read_dir(&out)
        .with_context(|| format!("cannot read {}", out.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ours = if path.is_dir() {
            name == ".build" || path.join(FINGERPRINT_FILE).is_file()
        } else {
            name.ends_with("-letters.zip") || name.ends_with("-facilitator-pack.zip")
        };
        if ours {
            if path.is_dir() {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            }
            .with_context(|| format!("cannot remove {}", path.display()))?;
            removed.push(format!("out/{name}"));
        }
    }
    let _ = std::fs::remove_dir(&out); // only if now empty
    Ok(removed)
}
