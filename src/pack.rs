//! Pack: the manifest of each session (every file with its SHA-256, the SHA-256 of every input,
//! the tool and typst versions), the two deterministic zip bundles, and the move of the finished
//! files into `out/` in one step each, so files there are complete or absent, never
//! half-written. Whether `out/` already holds a build is read from what is on disk. Also the
//! removal of what no longer matches the project, `index`, and `clean`, each touching only
//! what `build` wrote.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::codes::OUT_MISMATCH;
use crate::diag::{Diagnostic, Location};
use crate::fs;
use crate::out::{
    Bundle, DIAGNOSTICS, FINGERPRINT_FILE, FileEntry, INDEX, LOCK_FILE, MANIFEST, Manifest, OutDir,
    OutEntry, RECEIPT_PREFIX, RelaxedEntry, classify, entries, owned_by, receipt_name,
};
use crate::plan::Shard;
use crate::render::RenderedSession;
use crate::rules::RelaxedRule;
use crate::typst::Typst;

fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// The number of pages of a PDF typst wrote: the `/Count` of its page tree's root, the
/// largest `/Count` of a `/Type /Pages` dictionary in the file.
pub fn pdf_pages(bytes: &[u8]) -> usize {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let mut pages = 0;
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"/Count") {
        let count_at = at + found;
        at = count_at + 6;
        let open = bytes[..count_at]
            .windows(2)
            .rposition(|w| w == b"<<")
            .unwrap_or(0);
        let close = find(&bytes[count_at..], b">>").map_or(bytes.len(), |e| count_at + e);
        let dict: Vec<u8> = bytes[open..close]
            .iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        if find(&dict, b"/Type/Pages").is_none() {
            continue;
        }
        let digits: String = bytes[at..]
            .iter()
            .skip_while(|b| b.is_ascii_whitespace())
            .take_while(|b| b.is_ascii_digit())
            .map(|&b| b as char)
            .collect();
        if let Ok(n) = digits.parse::<usize>() {
            pages = pages.max(n);
        }
    }
    pages
}

/// What `out/ID` holds, from its manifest.
#[derive(Debug, Default)]
pub struct Published {
    pub files: usize,
    /// Letters: one per invited claimant.
    pub letters: usize,
    /// Pages of every PDF.
    pub pages: usize,
    /// The print batches, to post (`out/ID/letters.pdf`).
    pub print: Vec<String>,
    /// The preview list, for the office only (OFFICIAL-SENSITIVE): never under "print".
    pub office_only: Vec<String>,
}

/// Whether a file is the document `stem` (`letters`) or one of its parts
/// (`letters-2-of-7.pdf`).
fn is_document(path: &str, stem: &str) -> bool {
    path == format!("{stem}.pdf") || part_number(path).is_some_and(|(s, _)| s == stem)
}

/// Files in order, a file's parts by number (2 before 10).
fn part_key(path: &str) -> (&str, usize) {
    part_number(path).unwrap_or((path, 0))
}

/// `("letters", 2)` for a part file `letters-2-of-7.pdf` (`("out/ID/letters", 2)` for
/// `out/ID/letters-2-of-7.pdf`).
pub fn part_number(path: &str) -> Option<(&str, usize)> {
    let name = path.strip_suffix(".pdf")?;
    let (rest, parts) = name.rsplit_once("-of-")?;
    let (stem, part) = rest.rsplit_once('-')?;
    parts.parse::<usize>().ok()?;
    Some((stem, part.parse().ok()?))
}

/// What `build` published for session `id`, read from its manifest.
pub fn describe(out: &OutDir, id: &str) -> Published {
    match Manifest::read(out, id) {
        Ok((m, _)) => described(&m, id),
        Err(_) => Published::default(),
    }
}

/// What a session's manifest says was published.
pub fn described(m: &Manifest, id: &str) -> Published {
    Published {
        files: m.files.len(),
        letters: m
            .files
            .iter()
            .filter(|f| f.path.starts_with("letters/"))
            .count(),
        pages: m.files.iter().filter_map(|f| f.pages).sum(),
        print: files_of(&m.files, id, "letters"),
        office_only: files_of(&m.files, id, "preview"),
    }
}

/// The files of document `stem` under `out/ID/`, parts in their order (2 before 10), not the
/// manifest's.
fn files_of(files: &[FileEntry], id: &str, stem: &str) -> Vec<String> {
    let mut found: Vec<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| is_document(p, stem))
        .collect();
    found.sort_by(|a, b| part_key(a).cmp(&part_key(b)));
    found.iter().map(|p| format!("out/{id}/{p}")).collect()
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
        tool: "sessionpack".into(),
        tool_version: env!("CARGO_PKG_VERSION").into(),
        typst_version: typst.version.clone(),
        session: session.id().into(),
        not_built_errors: session.plan.not_built,
        relaxed_rules: (relaxed.iter())
            .map(|r| RelaxedEntry {
                code: r.code.into(),
                level: r.level.into(),
            })
            .collect(),
        files: files
            .iter()
            .map(|f| {
                let bytes = fs::read(&dir.join(f))?;
                Ok(FileEntry {
                    path: f.clone(),
                    sha256: sha256(&bytes),
                    bytes: bytes.len(),
                    pages: f.ends_with(".pdf").then(|| pdf_pages(&bytes)),
                })
            })
            .collect::<Result<_>>()?,
        inputs: session
            .plan
            .inputs
            .iter()
            .map(|i| FileEntry {
                path: i.path.to_string(),
                sha256: i.sha256.to_string(),
                bytes: i.bytes,
                pages: None,
            })
            .collect(),
    };
    Ok(m.to_json())
}

/// Write `dest`, a zip with `files` from `dir` and the manifest, entries sorted, every
/// timestamp and permission fixed: identical input gives identical bytes. Streamed, one file
/// at a time, so a bundle of thousands of letters is never held in memory.
fn zip(
    dest: &Path,
    dir: &Path,
    files: &[String],
    manifest: &[u8],
    date: chrono::NaiveDate,
    fingerprint: &str,
) -> Result<()> {
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
    let mut names: Vec<&str> = files.iter().map(String::as_str).chain([MANIFEST]).collect();
    names.sort_unstable();
    let write = || -> Result<()> {
        let file = std::fs::File::create(dest)?;
        let mut writer = zip::ZipWriter::new(std::io::BufWriter::new(file));
        // The build it belongs to, so "up to date" is decided by what is on disk.
        writer.set_comment(fingerprint);
        for name in names {
            writer.start_file(name, options)?;
            if name == MANIFEST {
                writer.write_all(manifest)?;
            } else {
                let path = dir.join(name);
                let mut file = std::fs::File::open(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                std::io::copy(&mut file, &mut writer)?;
            }
        }
        writer.finish()?.flush()?;
        Ok(())
    };
    write().with_context(|| format!("cannot write {}", dest.display()))
}

/// Write the session's manifests and bundles next to its compiled files in `staging`, then
/// move them all into `out/` (`out/ID`, `out/ID-*.zip`), replacing what was there. When a
/// move fails, what was moved is put back, so `out/` holds the session's previous files,
/// never a mix. Returns the number of files in `out/ID`.
pub fn publish(
    out: &OutDir,
    staging: &Path,
    session: &RenderedSession,
    typst: &Typst,
    relaxed: &[RelaxedRule],
) -> Result<usize> {
    let id = session.id();
    let dir = staging.join("pdf");
    let date = chrono::DateTime::from_timestamp(session.plan.timestamp, 0)
        .map_or(chrono::NaiveDate::MIN, |d| d.date_naive());
    let bundles = session.bundles();
    let fingerprint = session.plan.fingerprint(&typst.version_line);
    for (bundle, files) in &bundles {
        let m = manifest(&dir, session, files, typst, relaxed)?;
        zip(
            &staging.join(bundle.zip_name(id)),
            &dir,
            files,
            &m,
            date,
            &fingerprint,
        )?;
    }
    let all = session.files();
    fs::write(
        &dir.join(MANIFEST),
        manifest(&dir, session, &all, typst, relaxed)?,
    )?;
    // The fingerprint, then the bundles that belong with the folder: what `is_published`
    // reads.
    let mut marker = fingerprint.clone();
    for (bundle, _) in &bundles {
        marker.push('\n');
        marker.push_str(&bundle.zip_name(id));
    }
    marker.push('\n');
    fs::write(&dir.join(FINGERPRINT_FILE), marker)?;

    out.restrict(staging)
        .map_err(|e| anyhow::anyhow!("cannot set the permissions of {}: {e}", staging.display()))?;
    // (new file in staging, its place in out/): the folder, then each bundle made.
    let mut moves = vec![(dir, out.session(id))];
    moves.extend(
        bundles
            .iter()
            .map(|(b, _)| (staging.join(b.zip_name(id)), out.bundle(id, *b))),
    );
    // Only what build wrote is replaced: anything of the user's in the way (a file, a
    // folder, a link, a zip without our fingerprint) is an error, and left as it is.
    for (_, dest) in &moves {
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ours = match classify(out.path(), &name) {
            OutEntry::Session(_) | OutEntry::Bundle(_) => true,
            _ => fs::entry(dest)? == fs::Entry::Missing,
        };
        if !ours {
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
        .filter(|p| crate::out::bundle_fingerprint(p).is_some())
        .collect();

    // The overview's thumbnails go with the folder, to be kept where their PDF did not change
    // (the overview checks each against its PDF's SHA-256, and makes the others again).
    let thumbs = out.session(id).join(crate::out::THUMBS_DIR);
    if classify(out.path(), id) == OutEntry::Session(id.to_string())
        && fs::entry(&thumbs)? == fs::Entry::Dir
    {
        let to = staging.join("pdf").join(crate::out::THUMBS_DIR);
        fs::create_dir_all(&to)?;
        for file in fs::read_dir(&thumbs)? {
            if let (Some(name), fs::Entry::File) = (file.file_name(), fs::entry(&file)?) {
                // A second name for the same file (it is not re-made), else a copy.
                if std::fs::hard_link(&file, to.join(name)).is_err() {
                    std::fs::copy(&file, to.join(name))?;
                }
            }
        }
    }
    let previous = staging.join("previous");
    fs::create_dir_all(&previous)?;
    let mut aside: Vec<(std::path::PathBuf, std::path::PathBuf)> = Vec::new();
    let mut placed: Vec<std::path::PathBuf> = Vec::new();
    let result = (|| -> Result<()> {
        for (i, dest) in moves.iter().map(|(_, d)| d).chain(&stale).enumerate() {
            if fs::entry(dest)? != fs::Entry::Missing {
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
            let _ = fs::remove(dest);
        }
        for (keep, dest) in aside.iter().rev() {
            let _ = std::fs::rename(keep, dest);
        }
        return Err(e);
    }
    fs::remove(staging)?;
    Ok(all.len())
}

/// Whether `out/` holds exactly the build with `fingerprint` of session `id`, judged by what
/// is on disk, without rendering anything: the folder's fingerprint, every file its manifest
/// lists, and each bundle carrying the same fingerprint. A crash between moving the folder
/// and the bundles can never pass.
pub fn is_published(out: &OutDir, id: &str, fingerprint: &str) -> bool {
    let dir = out.session(id);
    let Ok(marker) = std::fs::read_to_string(dir.join(FINGERPRINT_FILE)) else {
        return false;
    };
    let mut lines = marker.lines();
    if lines.next() != Some(fingerprint) {
        return false;
    }
    let bundles: Vec<&str> = lines.collect();
    let Ok((listed, _)) = Manifest::read(out, id) else {
        return false;
    };
    listed.files.iter().all(|f| dir.join(&f.path).is_file())
        && bundles.iter().all(|b| {
            crate::out::bundle_fingerprint(&out.path().join(b)).as_deref() == Some(fingerprint)
        })
}

/// Remove what `build` published for session `id`: its folder and its bundles, each only when
/// it is ours (never a file of the user's of the same name). Whether anything was there.
pub fn remove_published(out: &OutDir, id: &str) -> Result<bool> {
    let mut removed = false;
    for name in owned_by(id) {
        if matches!(
            classify(out.path(), &name),
            OutEntry::Session(_) | OutEntry::Bundle(_)
        ) {
            fs::remove(&out.path().join(&name))?;
            removed = true;
        }
    }
    Ok(removed)
}

/// What is in `out/` besides what `build` made for the sessions it was asked to keep.
#[derive(Debug, Default)]
pub struct Sweep {
    /// Sessions whose files were removed.
    pub removed: Vec<String>,
    /// Entries that `build` did not write, left alone (`out/notes.txt`).
    pub foreign: Vec<String>,
}

/// Remove the published files of every session for which `keep` is false, and list what in
/// `out/` is not ours. Only what `build` wrote is removed.
pub fn sweep(out: &OutDir, keep: &dyn Fn(&str) -> bool) -> Result<Sweep> {
    let mut sweep = Sweep::default();
    let mut ids = std::collections::BTreeSet::new();
    for (name, kind) in entries(out)? {
        match kind {
            OutEntry::Session(id) | OutEntry::Bundle(id) => {
                ids.insert(id);
            }
            OutEntry::Tool => {}
            OutEntry::Foreign => sweep.foreign.push(format!("out/{name}")),
        }
    }
    for id in ids {
        if !keep(&id) && remove_published(out, &id)? {
            sweep.removed.push(id);
        }
    }
    Ok(sweep)
}

#[derive(Serialize)]
struct IndexEntry {
    session: String,
    manifest: String,
    sha256: String,
    not_built_errors: Option<usize>,
}

#[derive(Serialize)]
struct Index {
    tool: &'static str,
    sessions: Vec<IndexEntry>,
}

/// What in `out/` does not match the project's sessions (`ids`), as `index` finds it after
/// merging shards: a session of the project with no folder (a shard missing), a folder or
/// bundle that is no session of the project (renamed or deleted between shards, or another
/// project's), and a folder whose manifest names another session.
pub fn index_problems(out: &OutDir, ids: &[String]) -> Result<Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut found = std::collections::BTreeSet::new();
    for (name, kind) in entries(out)? {
        let (id, what) = match kind {
            OutEntry::Session(id) => (id, "folder"),
            OutEntry::Bundle(id) => (id, "bundle"),
            _ => continue,
        };
        if !ids.contains(&id) {
            problems.push(
                Diagnostic::new(
                    &OUT_MISMATCH,
                    format!("out/{name} is the {what} of a session `{id}`, which is not in content/sessions/ (renamed or removed between shards, or another project's)"),
                )
                .at(Location::file(format!("out/{name}")))
                .help("build every shard from the same commit, or remove what is not this project's (`sessionpack clean` removes what build wrote)"),
            );
            continue;
        }
        if what == "folder" {
            match Manifest::read(out, &id).ok().map(|(m, _)| m) {
                Some(h) if h.session == id => {}
                Some(h) => problems.push(
                    Diagnostic::new(
                        &OUT_MISMATCH,
                        format!("out/{id} holds the documents of session `{}`", h.session),
                    )
                    .at(Location::file(format!("out/{id}/{MANIFEST}")))
                    .help("build the session again; never rename folders under out/"),
                ),
                None => problems.push(
                    Diagnostic::new(&OUT_MISMATCH, format!("out/{id} has no readable manifest"))
                        .at(Location::file(format!("out/{id}")))
                        .help("build the session again"),
                ),
            }
            found.insert(id);
        }
    }
    for id in ids.iter().filter(|id| !found.contains(*id)) {
        problems.push(
            Diagnostic::new(
                &OUT_MISMATCH,
                format!("session `{id}` is not in out/: was a shard's out/ not merged, or did it fail?"),
            )
            .at(Location::file(format!("content/sessions/{id}.yaml")))
            .help("copy every shard's out/ into this one (or build the missing shard), then run `sessionpack index` again")
            .session(id),
        );
    }
    Ok(problems)
}

/// Write the run's problems beside what they concern (`out::DIAGNOSTICS`), for the overview:
/// each session in `out/` named in `sessions` gets its own, and `out/` those of the project and
/// of every session without a folder there (one that failed or was stopped by errors). A
/// session found up to date keeps typst's warnings from when it was built: typst did not run.
pub fn write_diagnostics(
    out: &OutDir,
    diags: &crate::diag::Diagnostics,
    sessions: &[(&str, SessionProblems)],
) -> Result<()> {
    let mut project = Vec::new();
    let mut by_session: std::collections::BTreeMap<&str, Vec<String>> =
        sessions.iter().map(|(id, _)| (*id, Vec::new())).collect();
    for d in diags.iter() {
        let line = crate::diag::render_json(d);
        match (d.session.as_deref()).and_then(|id| by_session.get_mut(id)) {
            Some(lines) => lines.push(line),
            None => project.push(line),
        }
    }
    for (id, kind) in sessions {
        let path = out.session(id).join(DIAGNOSTICS);
        let lines = by_session.entry(id).or_default();
        if *kind == SessionProblems::Kept {
            continue;
        }
        if *kind == SessionProblems::UpToDate {
            let kept = fs::read(&path).unwrap_or_default();
            lines.extend(
                (String::from_utf8_lossy(&kept).lines())
                    .filter(|l| {
                        l.contains(&format!(
                            "\"code\":\"{}\"",
                            crate::codes::TYPST_WARNING.code
                        ))
                    })
                    .map(str::to_string),
            );
        }
        out.write_derived(&path, lines_of(lines))?;
    }
    out.write_derived(&out.path().join(DIAGNOSTICS), lines_of(&project))
}

/// What `write_diagnostics` does with a session's problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionProblems {
    /// Built now: this run's.
    Built,
    /// Found up to date: this run's, and typst's warnings from when it was built.
    UpToDate,
    /// Built elsewhere (a shard, merged by `index`): left as they are, and not in `out/`'s.
    Kept,
}

fn lines_of(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// Write `out/index.json`: every session folder in `out/` with its manifest's path and SHA-256,
/// sorted by ID, nothing that depends on when or where it was made, so folders built apart
/// (`build --shard`) and merged give the same index as one full build. Returns how many
/// sessions it lists.
pub fn write_index(out: &OutDir) -> Result<usize> {
    let mut sessions = Vec::new();
    if fs::entry(out.path())? == fs::Entry::Dir {
        for (_, kind) in entries(out)? {
            let OutEntry::Session(id) = kind else {
                continue;
            };
            let (manifest, bytes) = Manifest::read(out, &id).map_err(anyhow::Error::msg)?;
            sessions.push(IndexEntry {
                manifest: format!("{id}/{MANIFEST}"),
                session: id,
                sha256: sha256(&bytes),
                not_built_errors: manifest.not_built_errors,
            });
        }
    } else {
        fs::ensure_dir(out.path(), "out")?;
    }
    let count = sessions.len();
    let mut json = serde_json::to_vec_pretty(&Index {
        tool: "sessionpack",
        sessions,
    })?;
    json.push(b'\n');
    let path = out.path().join(INDEX);
    fs::write_atomic(&path, json)?;
    out.restrict(&path)?;
    Ok(count)
}

/// Remove the folder a session was compiled in (`staging`), keeping its generated source when
/// asked (`--keep-build-dir`, to look at after a failure). The source holds the preview
/// list's sensitive reasons: it is owner-only like everything in `out/`.
pub fn discard(out: &OutDir, staging: &Path, id: &str, keep_source: bool) {
    if keep_source {
        let _ = out.restrict(staging);
        let _ = std::fs::remove_dir_all(staging.join("pdf"));
        let _ = std::fs::remove_dir_all(staging.join("previous"));
        for bundle in Bundle::ALL {
            let _ = std::fs::remove_file(staging.join(bundle.zip_name(id)));
        }
    } else {
        let _ = std::fs::remove_dir_all(staging);
    }
}

/// Remove what `build` wrote: session folders it made (they hold its fingerprint file), the
/// session bundles carrying its fingerprint, its build folder and the index. Anything else in
/// `out/` is left alone, and nothing is removed through a link.
pub fn clean(out: &OutDir) -> Result<Vec<String>> {
    let mut removed = Vec::new();
    for (name, kind) in entries(out)? {
        let ours = match kind {
            OutEntry::Session(_) | OutEntry::Bundle(_) => true,
            OutEntry::Tool => name != LOCK_FILE,
            OutEntry::Foreign => false,
        };
        if ours {
            fs::remove(&out.path().join(&name))?;
            removed.push(format!("out/{name}"));
        }
    }
    // The lock file goes last, and only when nothing else is left.
    let lock = out.path().join(LOCK_FILE);
    if fs::entry(out.path())? == fs::Entry::Dir
        && fs::read_dir(out.path())?.iter().all(|p| *p == lock)
    {
        let _ = fs::remove(&lock);
    }
    let _ = std::fs::remove_dir(out.path()); // only if now empty
    Ok(removed)
}

/// What one shard of a split build says it built: `out/.sessionpack-shard-K-of-N.json`.
#[derive(Serialize, serde::Deserialize)]
struct Receipt {
    tool: String,
    version: String,
    shard: String,
    /// The SHA-256 of every input of the project (settings, content, lists, templates), each
    /// by path and SHA-256: shards of one build read the same input.
    input: String,
    /// The build date the shard checked with (`SOURCE_DATE_EPOCH`, or its day).
    build_date: String,
    sessions: Vec<String>,
}

/// The digest of a project's whole input, from each file's path and SHA-256, sorted by path.
pub fn input_digest<'a>(inputs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut all: Vec<(&str, &str)> = inputs.into_iter().collect();
    all.sort();
    let mut hash = Sha256::new();
    for (path, sha) in all {
        hash.update(path.as_bytes());
        hash.update([0]);
        hash.update(sha.as_bytes());
        hash.update([b'\n']);
    }
    format!("{:x}", hash.finalize())
}

/// Write shard `shard`'s receipt: the sessions it holds, from input `input`.
pub fn write_receipt(
    out: &OutDir,
    shard: Shard,
    input: &str,
    build_date: chrono::NaiveDate,
    sessions: Vec<String>,
) -> Result<()> {
    let receipt = Receipt {
        tool: "sessionpack".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        shard: format!("{}/{}", shard.index, shard.count),
        input: input.into(),
        build_date: build_date.format("%Y-%m-%d").to_string(),
        sessions,
    };
    let mut json = serde_json::to_vec_pretty(&receipt)?;
    json.push(b'\n');
    let path = out.path().join(receipt_name(shard.index, shard.count));
    fs::write_atomic(&path, json)?;
    out.restrict(&path)?;
    Ok(())
}

/// Every shard receipt in `out/`, by file name.
fn receipt_names(out: &OutDir) -> Result<Vec<String>> {
    Ok(entries(out)?
        .into_iter()
        .filter(|(name, kind)| *kind == OutEntry::Tool && name.starts_with(RECEIPT_PREFIX))
        .map(|(name, _)| name)
        .collect())
}

/// Remove every shard receipt: after a merge, and in a build of the whole project, which
/// needs none.
pub fn remove_receipts(out: &OutDir) -> Result<()> {
    for name in receipt_names(out)? {
        fs::remove(&out.path().join(name))?;
    }
    Ok(())
}

/// The problems with the receipts of a build in `count` shards, against the project's input
/// `input`: a shard missing, one from another build (other input, another version of the tool,
/// another build date, another number of shards), a session in two shards. With no problem,
/// the build date the shards checked with.
pub fn receipt_problems(
    out: &OutDir,
    count: u32,
    input: &str,
) -> Result<(Vec<Diagnostic>, Option<chrono::NaiveDate>)> {
    let problem = |file: &str, message: String, help: String| {
        Diagnostic::new(&OUT_MISMATCH, message)
            .at(Location::file(format!("out/{file}")))
            .help(help)
    };
    let mut problems = Vec::new();
    let mut holder: std::collections::BTreeMap<String, u32> = Default::default();
    let mut dates: std::collections::BTreeMap<String, u32> = Default::default();
    let names = receipt_names(out)?;
    for index in 1..=count {
        let name = receipt_name(index, count);
        if !names.contains(&name) {
            problems.push(problem(
                &name,
                format!("shard {index}/{count} is missing: out/ has no receipt of it"),
                format!("copy that shard's out/ into this one (its receipt comes with it), or build it again with `--shard {index}/{count}`"),
            ));
            continue;
        }
        let bytes = fs::read(&out.path().join(&name))?;
        let Ok(receipt) = serde_json::from_slice::<Receipt>(&bytes) else {
            problems.push(problem(
                &name,
                format!("the receipt of shard {index}/{count} cannot be read"),
                "build that shard again".into(),
            ));
            continue;
        };
        if receipt.version != env!("CARGO_PKG_VERSION") {
            problems.push(problem(
                &name,
                format!(
                    "shard {index}/{count} was built by sessionpack {}, this is {}",
                    receipt.version,
                    env!("CARGO_PKG_VERSION")
                ),
                "build every shard with the same version of sessionpack".into(),
            ));
        }
        if receipt.input != input {
            problems.push(problem(
                &name,
                format!("shard {index}/{count} was built from other input than this project holds (another commit, or lists changed since)"),
                "build every shard from the same commit and the same lists, then merge again".into(),
            ));
        }
        if let Some((date, other)) = dates.iter().find(|(d, _)| **d != receipt.build_date) {
            problems.push(problem(
                &name,
                format!(
                    "shard {index}/{count} was checked on the build date {}, shard {other}/{count} on {date}",
                    receipt.build_date
                ),
                "give every shard one build date: set SOURCE_DATE_EPOCH for the whole region".into(),
            ));
        }
        dates.entry(receipt.build_date.clone()).or_insert(index);
        for id in receipt.sessions {
            if let Some(other) = holder.insert(id.clone(), index) {
                problems.push(
                    problem(
                        &name,
                        format!("session `{id}` is in shard {other}/{count} and in shard {index}/{count}"),
                        "build every shard with the same --shard count from the same commit".into(),
                    )
                    .session(&id),
                );
            }
        }
    }
    for name in names {
        let ours = (1..=count).any(|k| receipt_name(k, count) == name);
        if !ours {
            problems.push(problem(
                &name,
                format!("out/{name} is the receipt of a build in another number of shards than {count}"),
                "remove it (or merge the shards of one build only), then run `sessionpack index --shards N` again".into(),
            ));
        }
    }
    let date = (dates.into_keys().next())
        .filter(|_| problems.is_empty())
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    Ok((problems, date))
}
