//! Pack: the manifest of each session (every file with its SHA-256, the SHA-256 of every input,
//! the tool and typst versions), the two deterministic zip bundles, and the move of the finished
//! files into `out/` in one step each, so files there are complete or absent, never
//! half-written. Also `clean`, which removes only what `build` wrote.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::fs;
use crate::out::{Bundle, FINGERPRINT_FILE, MANIFEST, OutDir};
use crate::render::RenderedSession;
use crate::rules::RelaxedRule;
use crate::typst::Typst;

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
    /// `null` when built; the number of errors when only the preview list was made.
    not_built_errors: Option<usize>,
    /// Rules sessionpack.yaml sets below their default level.
    relaxed_rules: &'a [RelaxedRule],
    files: Vec<FileEntry>,
    inputs: Vec<FileEntry>,
}

/// `manifest.json` for `files` (paths under `dir`), sorted, with the inputs' hashes as they
/// were read at load.
fn manifest(
    dir: &Path,
    session: &RenderedSession,
    files: &[String],
    typst: &Typst,
    relaxed: &[RelaxedRule],
) -> Result<Vec<u8>> {
    let mut files: Vec<String> = files.to_vec();
    files.sort();
    let m = Manifest {
        tool: "sessionpack",
        tool_version: env!("CARGO_PKG_VERSION"),
        typst_version: &typst.version,
        session: session.id(),
        not_built_errors: session.plan.not_built,
        relaxed_rules: relaxed,
        files: files
            .iter()
            .map(|f| {
                let bytes = fs::read(&dir.join(f))?;
                Ok(FileEntry {
                    path: f.clone(),
                    sha256: sha256(&bytes),
                    bytes: bytes.len(),
                })
            })
            .collect::<Result<_>>()?,
        inputs: session
            .plan
            .inputs
            .iter()
            .map(|i| FileEntry {
                path: i.path.clone(),
                sha256: i.sha256.clone(),
                bytes: i.bytes,
            })
            .collect(),
    };
    let mut json = serde_json::to_vec_pretty(&m)?;
    json.push(b'\n');
    Ok(json)
}

/// A zip with `files` from `dir` and the manifest, entries sorted, every timestamp and
/// permission fixed: identical input gives identical bytes.
fn zip(
    dir: &Path,
    files: &[String],
    manifest: &[u8],
    date: chrono::NaiveDate,
    fingerprint: &str,
) -> Result<Vec<u8>> {
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
        .map(|f| Ok((f.clone(), fs::read(&dir.join(f))?)))
        .collect::<Result<_>>()?;
    entries.push((MANIFEST.to_string(), manifest.to_vec()));
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // The build it belongs to, so "up to date" is decided by what is on disk.
    writer.set_comment(fingerprint);
    for (name, bytes) in entries {
        writer.start_file(name.as_str(), options)?;
        writer.write_all(&bytes)?;
    }
    Ok(writer.finish()?.into_inner())
}

/// Write the session's manifests and bundles next to its compiled files, then move them all
/// into `out/` (`out/ID`, `out/ID-*.zip`), replacing what was there. When a move fails, what
/// was moved is put back, so `out/` holds the session's previous files, never a mix. Returns
/// the number of files in `out/ID`.
pub fn publish(
    out: &OutDir,
    session: &RenderedSession,
    typst: &Typst,
    relaxed: &[RelaxedRule],
) -> Result<usize> {
    let id = session.id();
    let staging = out.staging(id);
    let dir = staging.join("pdf");
    let date = chrono::DateTime::from_timestamp(session.plan.timestamp, 0)
        .map_or(chrono::NaiveDate::MIN, |d| d.date_naive());
    let bundles = session.bundles();
    let fingerprint = session.plan.fingerprint(&typst.version_line);
    for (bundle, files) in &bundles {
        let m = manifest(&dir, session, files, typst, relaxed)?;
        let bytes = zip(&dir, files, &m, date, &fingerprint)?;
        fs::write(&staging.join(bundle.zip_name(id)), bytes)?;
    }
    let all = session.files();
    fs::write(
        &dir.join(MANIFEST),
        manifest(&dir, session, &all, typst, relaxed)?,
    )?;
    fs::write(&dir.join(FINGERPRINT_FILE), &fingerprint)?;

    out.restrict(&staging)
        .map_err(|e| anyhow::anyhow!("cannot set the permissions of {}: {e}", staging.display()))?;
    // (new file in staging, its place in out/): the folder, then each bundle made.
    let mut moves = vec![(dir, out.session(id))];
    moves.extend(
        bundles
            .iter()
            .map(|(b, _)| (staging.join(b.zip_name(id)), out.bundle(id, *b))),
    );
    // Only what build wrote is replaced: a folder of the user's in the way is an error.
    for (_, dest) in &moves {
        let ours = if dest.is_dir() {
            dest.join(FINGERPRINT_FILE).is_file()
        } else {
            true
        };
        let is_zip = dest.extension().is_some_and(|e| e == "zip");
        if !ours || (is_zip && dest.is_dir()) {
            let root = out.path().parent().unwrap_or(out.path());
            anyhow::bail!(
                "{} is in the way: it was not written by sessionpack; move it elsewhere",
                fs::rel_path(root, dest)
            );
        }
    }
    // A bundle no longer made goes too.
    let stale: Vec<_> = Bundle::ALL
        .into_iter()
        .filter(|b| !bundles.iter().any(|(made, _)| made == b))
        .map(|b| out.bundle(id, b))
        .filter(|p| p.is_file())
        .collect();

    let previous = staging.join("previous");
    fs::create_dir_all(&previous)?;
    let mut aside: Vec<(std::path::PathBuf, std::path::PathBuf)> = Vec::new();
    let mut placed: Vec<std::path::PathBuf> = Vec::new();
    let result = (|| -> Result<()> {
        for (i, dest) in moves.iter().map(|(_, d)| d).chain(&stale).enumerate() {
            if dest.exists() {
                let keep = previous.join(i.to_string());
                fs::rename(dest, &keep)?;
                aside.push((keep, dest.clone()));
            }
        }
        for (from, dest) in &moves {
            fs::rename(from, dest)?;
            placed.push(dest.clone());
        }
        Ok(())
    })();
    if let Err(e) = result {
        for dest in placed.iter().rev() {
            let _ = if dest.is_dir() {
                std::fs::remove_dir_all(dest)
            } else {
                std::fs::remove_file(dest)
            };
        }
        for (keep, dest) in aside.iter().rev() {
            let _ = std::fs::rename(keep, dest);
        }
        return Err(e);
    }
    fs::remove_dir_all(&staging)?;
    Ok(all.len())
}

/// Remove the build folder of a session after a failed or skipped compile, keeping its
/// generated source when asked (`--keep-build-dir`, to look at after a failure). The source
/// holds the preview list's sensitive reasons: it is owner-only like everything in `out/`.
pub fn discard(out: &OutDir, id: &str, keep_source: bool) {
    let staging = out.staging(id);
    if keep_source {
        let _ = out.restrict(&staging);
        let _ = std::fs::remove_dir_all(staging.join("pdf"));
        let _ = std::fs::remove_dir_all(staging.join("previous"));
        for bundle in Bundle::ALL {
            let _ = std::fs::remove_file(staging.join(bundle.zip_name(id)));
        }
    } else {
        let _ = std::fs::remove_dir_all(&staging);
    }
    finish(out);
}

/// After a build: remove the build folder, unless a failed session keeps its generated source
/// there for inspection.
pub fn finish(out: &OutDir) {
    let _ = std::fs::remove_dir(out.build_root()); // only if empty
}

/// Remove what `build` wrote: session folders it made (they hold its fingerprint file), the
/// session bundles, and its build folder. Anything else in `out/` is left alone.
pub fn clean(out: &OutDir) -> Result<Vec<String>> {
    let out = out.path();
    let mut removed = Vec::new();
    if !out.is_dir() {
        return Ok(removed);
    }
    let mut entries = fs::read_dir(out)?;
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ours = if path.is_dir() {
            name == ".build" || path.join(FINGERPRINT_FILE).is_file()
        } else {
            Bundle::is_bundle_name(&name)
        };
        if ours {
            if path.is_dir() {
                fs::remove_dir_all(&path)?;
            } else {
                fs::remove_file(&path)?;
            }
            removed.push(format!("out/{name}"));
        }
    }
    let _ = std::fs::remove_dir(out); // only if now empty
    Ok(removed)
}
