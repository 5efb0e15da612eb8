//! Pack: the manifest of each session (every file with its SHA-256, the SHA-256 of every input,
//! the tool and typst versions), the two deterministic zip bundles, and the move of the finished
//! files into `out/` in one step each, so files there are complete or absent, never
//! half-written. Also `clean`, which removes only what `build` wrote.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::compile::{FINGERPRINT_FILE, RenderedSession, build_dir};

pub const MANIFEST: &str = "manifest.json";

/// The documents of the facilitator pack, in the bundle.
pub const FACILITATOR_PACK: [&str; 5] = [
    "facilitator-script.pdf",
    "attendance-register.pdf",
    "travel-claims.pdf",
    "feedback.pdf",
    "poster.pdf",
];

/// The two bundles of a session: (zip name under `out/`, files under `out/ID/` it holds).
pub fn bundles(session: &RenderedSession) -> Vec<(String, Vec<String>)> {
    let letters: Vec<String> = session
        .outputs
        .iter()
        .filter(|o| o.starts_with("letters/") || *o == "letters.pdf")
        .cloned()
        .collect();
    let pack: Vec<String> = FACILITATOR_PACK
        .iter()
        .filter(|f| session.outputs.iter().any(|o| o == *f))
        .map(|f| f.to_string())
        .collect();
    let mut out = Vec::new();
    if !letters.is_empty() {
        out.push((format!("{}-letters.zip", session.id), letters));
    }
    if !pack.is_empty() {
        out.push((format!("{}-facilitator-pack.zip", session.id), pack));
    }
    out
}

fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

#[derive(Serialize)]
struct FileEntry {
    path: String,
    sha256: String,
    bytes: usize,
}

#[derive(Serialize)]
struct Manifest<'a> {
    tool: &'a str,
    tool_version: &'a str,
    typst_version: &'a str,
    session: &'a str,
    files: Vec<FileEntry>,
    inputs: Vec<FileEntry>,
}

/// `manifest.json` for `files` (paths under `dir`), sorted, with the inputs' hashes.
fn manifest(
    root: &Path,
    dir: &Path,
    session: &RenderedSession,
    files: &[String],
    typst_version: &str,
) -> Result<Vec<u8>> {
    let entry = |base: &Path, path: &str| -> Result<FileEntry> {
        let bytes =
            std::fs::read(base.join(path)).with_context(|| format!("cannot read {path}"))?;
        Ok(FileEntry {
            path: path.to_string(),
            sha256: sha256(&bytes),
            bytes: bytes.len(),
        })
    };
    let mut files: Vec<String> = files.to_vec();
    files.sort();
    let mut inputs = session.inputs.clone();
    inputs.sort();
    let m = Manifest {
        tool: "sessionpack",
        tool_version: env!("CARGO_PKG_VERSION"),
        typst_version,
        session: &session.id,
        files: files.iter().map(|f| entry(dir, f)).collect::<Result<_>>()?,
        inputs: inputs
            .iter()
            .map(|f| entry(root, f))
            .collect::<Result<_>>()?,
    };
    let mut json = serde_json::to_vec_pretty(&m)?;
    json.push(b'\n');
    Ok(json)
}

/// A zip with `files` from `dir` and the manifest, entries sorted, every timestamp and
/// permission fixed: identical input gives identical bytes.
fn zip(dir: &Path, files: &[String], manifest: &[u8], date: chrono::NaiveDate) -> Result<Vec<u8>> {
    use chrono::Datelike;
    let time = zip::DateTime::from_date_and_time(
        date.year().clamp(1980, 2107) as u16,
        date.month() as u8,
        date.day() as u8,
        0,
        0,
        0,
    )
    .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut entries: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| {
            Ok((
                f.clone(),
                std::fs::read(dir.join(f)).with_context(|| format!("cannot read {f}"))?,
            ))
        })
        .collect::<Result<_>>()?;
    entries.push((MANIFEST.to_string(), manifest.to_vec()));
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        writer.start_file(name.as_str(), options)?;
        writer.write_all(&bytes)?;
    }
    Ok(writer.finish()?.into_inner())
}

/// Write the session's manifest and bundles into its build folder, next to the compiled files.
pub fn pack(root: &Path, session: &RenderedSession, typst_version: &str) -> Result<()> {
    let staging = build_dir(root, &session.id);
    let dir = staging.join("pdf");
    let date = chrono::DateTime::from_timestamp(session.timestamp, 0)
        .map_or(chrono::NaiveDate::MIN, |d| d.date_naive());
    for (name, files) in bundles(session) {
        let m = manifest(root, &dir, session, &files, typst_version)?;
        let bytes = zip(&dir, &files, &m, date)?;
        std::fs::write(staging.join(&name), bytes)
            .with_context(|| format!("cannot write {name}"))?;
    }
    let mut all: Vec<String> = session.outputs.clone();
    all.extend(session.extra_files.iter().map(|(n, _)| n.clone()));
    let m = manifest(root, &dir, session, &all, typst_version)?;
    std::fs::write(dir.join(MANIFEST), m)
        .with_context(|| format!("cannot write {}", dir.display()))?;
    Ok(())
}

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
    // The bundles: a new one replaces the old in one rename; a bundle no longer made goes.
    let made = bundles(session);
    for suffix in ["letters", "facilitator-pack"] {
        let name = format!("{}-{suffix}.zip", session.id);
        let dest = root.join("out").join(&name);
        if made.iter().any(|(n, _)| *n == name) {
            std::fs::rename(staging.join(&name), &dest)
                .with_context(|| format!("cannot move {name} into out/"))?;
        } else if dest.exists() {
            std::fs::remove_file(&dest)
                .with_context(|| format!("cannot remove {}", dest.display()))?;
        }
    }
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
