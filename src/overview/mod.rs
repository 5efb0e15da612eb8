//! The overview of `out/` for the office: `out/index.html` (every session in `out/`, what to
//! print, what to post, what goes to the facilitator and what stays in the office) and
//! `out/ID/overview.html` (a session's documents and every claimant's decision, with a filter
//! box). Written by `build` and by `index`, from what is in `out/` (the manifests and the
//! preview lists) and the project's sessions, so a merged region and a one-machine build give
//! the same bytes. Not in the manifests or the zips; removed with their session.
//!
//! Safe as a file opened from disk: every value is escaped (Tera's HTML escaping), nothing is
//! loaded from elsewhere, and the one inline script (the filter) runs only because the page's
//! Content-Security-Policy names its SHA-256. Everything is there with scripts off.

use anyhow::Result;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::fs;
use crate::out::{Bundle, INDEX_PAGE, Manifest, OutDir, OutEntry, SESSION_PAGE, classify};

const INDEX_TEMPLATE: &str = include_str!("index.html");
const SESSION_TEMPLATE: &str = include_str!("session.html");
/// The filter of a session page's claimant table: shows the box (hidden without scripts),
/// hides the rows that do not hold what is typed.
const FILTER_SCRIPT: &str = "const box = document.getElementById('filter');\nconst rows = document.querySelectorAll('#claimants tbody tr');\nbox.hidden = false;\nbox.querySelector('input').addEventListener('input', (e) => {\n  const want = e.target.value.trim().toLowerCase();\n  for (const row of rows) { row.hidden = want !== '' && !row.textContent.toLowerCase().includes(want); }\n});\n";

/// In pages written by `watch` only: twice a second, load `.watch/state.js` again (a script
/// element loads from `file://`, `fetch` does not); reload the page when a newer build passed;
/// while the last build failed, keep the page and show its errors at the top.
const REFRESH_SCRIPT: &str = "(() => {\n  const page = document.documentElement.dataset;\n  const look = () => {\n    const s = document.createElement('script');\n    s.src = page.state + '?' + Date.now();\n    s.onload = s.onerror = () => { s.remove(); seen(window.sessionpackBuild); };\n    document.head.appendChild(s);\n  };\n  const seen = (b) => {\n    if (!b) return;\n    let box = document.getElementById('watch-errors');\n    if (b.status === 'passed') {\n      if (b.id !== page.build) { location.reload(); } else if (box) { box.remove(); }\n      return;\n    }\n    if (!box) {\n      box = document.createElement('div');\n      box.id = 'watch-errors';\n      box.setAttribute('role', 'alert');\n      box.style.cssText = 'border: 5px solid #d4351c; padding: 0 1rem 0.5rem; margin: 1rem 0;';\n      document.body.prepend(box);\n    }\n    box.replaceChildren();\n    const h = document.createElement('h2');\n    h.textContent = 'The last build failed (' + b.at + '): this page is from the build before';\n    const list = document.createElement('ul');\n    for (const e of b.errors) { const li = document.createElement('li'); li.textContent = e; list.append(li); }\n    box.append(h, list);\n  };\n  setInterval(look, 500);\n  look();\n})();\n";

/// A page written by `watch`: the build that wrote it, and where its state is, from the page.
#[derive(Serialize)]
struct Watched<'a> {
    build: &'a str,
    state: String,
}

/// The Content-Security-Policy of a page running `scripts`: nothing loaded from elsewhere,
/// images from `out/`, only these scripts (and, in `watch`, the state they load:
/// `'strict-dynamic'` lets a script allowed by its hash add script elements).
fn policy(scripts: &[&str]) -> String {
    use base64::Engine;
    let mut csp = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'".to_string();
    if !scripts.is_empty() {
        csp.push_str("; script-src");
        for script in scripts {
            let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script));
            csp.push_str(&format!(" 'sha256-{hash}'"));
        }
        if scripts.contains(&REFRESH_SCRIPT) {
            csp.push_str(" 'strict-dynamic'");
        }
    }
    csp
}

/// `out/.watch/state.js`, which the pages `watch` writes look at every second: the last
/// build's ID, whether it passed, its errors (`file:line: message`) and when it finished.
pub fn write_watch_state(
    out: &OutDir,
    build: &str,
    passed: bool,
    errors: &[String],
    at: &str,
) -> Result<()> {
    let dir = out.path().join(crate::out::WATCH_DIR);
    fs::ensure_dir(&dir, "out/.watch")?;
    let state = serde_json::json!({
        "id": build,
        "status": if passed { "passed" } else { "failed" },
        "errors": errors,
        "at": at,
    });
    out.write_derived(
        &dir.join("state.js"),
        format!("window.sessionpackBuild = {state};\n"),
    )
}

/// What the project says of a session, for its row: from its file when that parsed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SessionFacts {
    pub id: String,
    pub title: String,
    /// `2026-12-01 10:00`.
    pub starts: String,
    pub place: String,
    pub max_invites: u32,
    pub optimum: u32,
    /// Its office is in Wales: the pages' banner is in Welsh first.
    pub in_wales: bool,
}

/// One document of a session, from its manifest.
#[derive(Serialize)]
struct Document {
    path: String,
    pages: usize,
    /// `thumbs/NAME.png`, when there is one.
    thumbnail: Option<String>,
    #[serde(skip)]
    sha256: String,
}

/// One line of a `diagnostics.json` (the fields of `--format json` the overview shows).
#[derive(serde::Deserialize)]
struct ProblemLine {
    code: String,
    level: String,
    file: Option<String>,
    sheet: Option<String>,
    cell: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
    help: Option<String>,
    session: Option<String>,
}

/// One problem, where it is and what to do.
#[derive(Serialize, PartialEq)]
struct Problem {
    /// `content/claimants/week.csv:7:3`, `content/claimants/week.xlsx:Claimants!B7`.
    place: String,
    message: String,
    help: Option<String>,
    session: Option<String>,
}

/// The problems of one rule, with what `sessionpack explain` says of it.
#[derive(Serialize)]
struct ProblemGroup {
    code: String,
    name: String,
    level: String,
    summary: String,
    source: Option<String>,
    /// The guidance quoted: (citation, text).
    guidance: Vec<(String, String)>,
    fix: String,
    problems: Vec<Problem>,
}

/// The problems recorded in `files` (`diagnostics.json`), grouped by rule, errors first, each
/// problem once.
fn problems(files: impl Iterator<Item = std::path::PathBuf>) -> Vec<ProblemGroup> {
    let rules = crate::rules::all();
    let mut groups: Vec<ProblemGroup> = Vec::new();
    for file in files {
        let bytes = fs::read(&file).unwrap_or_default();
        for line in String::from_utf8_lossy(&bytes).lines() {
            let Ok(p) = serde_json::from_str::<ProblemLine>(line) else {
                continue;
            };
            let mut place = p.file.unwrap_or_default();
            match (p.sheet, p.cell, p.line) {
                (Some(sheet), Some(cell), _) => place.push_str(&format!(":{sheet}!{cell}")),
                (None, Some(cell), _) => place.push_str(&format!(":{cell}")),
                (_, None, Some(line)) => {
                    place.push_str(&format!(":{line}"));
                    if let Some(column) = p.column {
                        place.push_str(&format!(":{column}"));
                    }
                }
                _ => {}
            }
            let problem = Problem {
                place,
                message: p.message,
                help: p.help,
                session: p.session,
            };
            let at = match groups.iter().position(|g| g.code == p.code) {
                Some(i) => i,
                None => {
                    let rule = rules.iter().find(|r| r.code == p.code);
                    groups.push(ProblemGroup {
                        name: rule.map(|r| r.name.to_string()).unwrap_or_default(),
                        summary: rule.map(|r| r.summary.to_string()).unwrap_or_default(),
                        source: rule.and_then(|r| r.source).map(str::to_string),
                        guidance: (rule.and_then(|r| r.source))
                            .map(crate::guidance::quote)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|q| (q.citation, q.text))
                            .collect(),
                        fix: rule.map(|r| r.fix().to_string()).unwrap_or_default(),
                        code: p.code,
                        level: p.level,
                        problems: Vec::new(),
                    });
                    groups.len() - 1
                }
            };
            let group = &mut groups[at];
            // A problem in a file several sessions share is recorded with each.
            if !(group.problems.iter())
                .any(|q| q.place == problem.place && q.message == problem.message)
            {
                group.problems.push(problem);
            }
        }
    }
    groups.sort_by(|a, b| (a.level != "error", &a.code).cmp(&(b.level != "error", &b.code)));
    groups
}

/// Thumbnails are made for a project of at most this many sessions (0.09 s a session; the
/// overview of a region lists its sessions without them).
pub const THUMBNAILS_UP_TO: usize = 200;

/// The first page of each document, 120 pt wide at 96 ppi.
const THUMBS: &str = crate::out::THUMBS_DIR;

/// Who makes thumbnails: typst, with the project's fonts folder (none when `index` runs
/// without typst: the shards' thumbnails are kept as they are).
pub struct Thumbnailer<'a> {
    pub typst: &'a crate::typst::Typst,
    pub fonts: std::path::PathBuf,
}

/// Bring `out/ID/thumbs/` up to date with the session's documents: render only those whose
/// PDF changed (or has none yet), drop those of documents gone. A failure leaves the session
/// without thumbnails, never without its page.
fn thumbnails(out: &OutDir, id: &str, documents: &mut [Document], by: Option<&Thumbnailer>) {
    let dir = out.session(id).join(THUMBS);
    let record = dir.join("thumbs.json");
    let mut had: std::collections::BTreeMap<String, String> = fs::read(&record)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let png = |path: &str| format!("{}.png", path.trim_end_matches(".pdf"));
    had.retain(|pdf, sha| {
        documents.iter().any(|d| d.path == *pdf && d.sha256 == *sha) && dir.join(png(pdf)).is_file()
    });
    let wanted: Vec<&Document> = documents
        .iter()
        .filter(|d| !had.contains_key(&d.path))
        .collect();
    if let (Some(by), false) = (by, wanted.is_empty()) {
        let mut source = String::from("#set page(width: auto, height: auto, margin: 0pt)\n");
        for d in &wanted {
            source.push_str(&format!(
                "#document({:?}, title: {:?})[#image({:?}, page: 1, width: 120pt)]\n",
                png(&d.path),
                d.path,
                d.path
            ));
        }
        let fresh = out.session(id).join(".thumbs-new");
        let _ = fs::remove(&fresh);
        if by
            .typst
            .render_pngs(&out.session(id), &by.fonts, &source, &fresh)
            .is_ok()
            && fs::ensure_dir(&dir, "thumbs").is_ok()
        {
            for d in &wanted {
                if fs::rename(&fresh.join(png(&d.path)), &dir.join(png(&d.path))).is_ok() {
                    had.insert(d.path.clone(), d.sha256.clone());
                }
            }
        }
        let _ = fs::remove(&fresh);
    }
    // What is not recorded goes: a document gone, a render that failed.
    if let Ok(entries) = fs::read_dir(&dir) {
        for path in entries {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let kept = name
                .as_deref()
                .is_some_and(|n| n == "thumbs.json" || had.keys().any(|pdf| png(pdf) == n));
            if !kept {
                let _ = fs::remove(&path);
            }
        }
    }
    if had.is_empty() {
        let _ = fs::remove(&dir);
        return;
    }
    let json = serde_json::to_vec_pretty(&had).unwrap_or_default();
    if fs::read(&record).ok().as_deref() != Some(json.as_slice()) {
        let _ = fs::write_atomic(&record, json);
    }
    let _ = out.restrict(&dir);
    for d in documents.iter_mut() {
        d.thumbnail = had
            .contains_key(&d.path)
            .then(|| format!("{THUMBS}/{}", png(&d.path)));
    }
}

/// One row of a session's preview list (`preview.csv`), as written.
#[derive(Serialize, Default)]
struct Row {
    row: String,
    reference: String,
    name: String,
    language: String,
    format: String,
    decision: String,
    reason: String,
    interpreter: String,
    access_needs: String,
    warnings: String,
}

#[derive(Serialize)]
struct SessionView {
    facts: SessionFacts,
    built: bool,
    status: String,
    invited: usize,
    not_invited: usize,
    letters: usize,
    pages: usize,
    interpreters: usize,
    access_needs: usize,
    languages: Vec<(String, usize)>,
    /// To print and post, relative to `out/`.
    print: Vec<String>,
    /// For the office only (OFFICIAL-SENSITIVE), relative to `out/`.
    office_only: Vec<String>,
    zips: Vec<String>,
    documents: Vec<Document>,
    rows: Vec<Row>,
}

/// Write `out/index.html` and each session's `overview.html` from what `out/` holds.
/// `facts`: what the project says of its sessions (a session in `out/` without facts is
/// shown by its ID).
/// `watch`: the ID of the build writing the pages, which then reload themselves after the next.
pub fn write(
    out: &OutDir,
    facts: &[SessionFacts],
    by: Option<&Thumbnailer>,
    watch: Option<&str>,
) -> Result<()> {
    if fs::entry(out.path())? != fs::Entry::Dir {
        return Ok(());
    }
    let ids = crate::out::session_ids(out)?;
    // Counted in the project, not in out/: a shard of a large project makes none either, so
    // a merged region is what one machine would write.
    let by = by.filter(|_| facts.len().max(ids.len()) <= THUMBNAILS_UP_TO);
    // Each session's manifest and preview list read, and its thumbnails made (a typst
    // process a session that needs them), as many at once as cores.
    let mut read: Vec<(String, Option<(Manifest, SessionView)>)> =
        ids.iter().map(|id| (id.clone(), None)).collect();
    in_parallel(&mut read, |(id, slot)| {
        let Ok((manifest, _)) = Manifest::read(out, id) else {
            return;
        };
        let mut view = view(out, id, &manifest, facts);
        thumbnails(out, id, &mut view.documents, by);
        *slot = Some((manifest, view));
    });
    let mut sessions = Vec::new();
    let mut versions = std::collections::BTreeSet::new();
    let mut relaxed = std::collections::BTreeSet::new();
    for (manifest, view) in read.into_iter().filter_map(|(_, slot)| slot) {
        versions.insert((manifest.tool_version, manifest.typst_version));
        for r in &manifest.relaxed_rules {
            relaxed.insert(format!("{} ({})", r.code, r.level));
        }
        sessions.push(view);
    }
    // By start, then ID: sorted without a script.
    sessions.sort_by(|a, b| (&a.facts.starts, &a.facts.id).cmp(&(&b.facts.starts, &b.facts.id)));
    let watched = |state: &str| {
        watch.map(|build| Watched {
            build,
            state: state.to_string(),
        })
    };
    let with_refresh = |mut scripts: Vec<&'static str>| {
        if watch.is_some() {
            scripts.push(REFRESH_SCRIPT);
        }
        scripts
    };
    let session_scripts = with_refresh(vec![FILTER_SCRIPT]);
    let session_watch = watched("../.watch/state.js");
    let mut tera = tera::Tera::default();
    tera.add_raw_templates([
        ("index.html", INDEX_TEMPLATE),
        ("session.html", SESSION_TEMPLATE),
    ])?;
    tera.autoescape_on(vec![".html"]);
    let mut written: Vec<(&SessionView, Result<()>)> =
        sessions.iter().map(|s| (s, Ok(()))).collect();
    in_parallel(&mut written, |(s, result)| {
        let mut context = tera::Context::new();
        context.insert("s", s);
        let problems = problems(std::iter::once(
            out.session(&s.facts.id).join(crate::out::DIAGNOSTICS),
        ));
        context.insert("problems", &problems);
        context.insert("scripts", &session_scripts);
        context.insert("csp", &policy(&session_scripts));
        context.insert("watch", &session_watch);
        *result = (tera
            .render("session.html", &context)
            .map_err(anyhow::Error::from))
        .and_then(|html| out.write_derived(&out.session(&s.facts.id).join(SESSION_PAGE), html));
    });
    for (_, result) in written {
        result?;
    }
    // The project's, then each session's in ID order.
    let problems = problems(
        std::iter::once(out.path().join(crate::out::DIAGNOSTICS)).chain(
            ids.iter()
                .map(|id| out.session(id).join(crate::out::DIAGNOSTICS)),
        ),
    );
    let count = |level: &str| -> usize {
        (problems.iter().filter(|g| g.level == level))
            .map(|g| g.problems.len())
            .sum()
    };
    let mut context = tera::Context::new();
    let scripts = with_refresh(Vec::new());
    context.insert("scripts", &scripts);
    context.insert("csp", &policy(&scripts));
    context.insert("watch", &watched(".watch/state.js"));
    context.insert("errors", &count("error"));
    context.insert("warnings", &count("warning"));
    context.insert("problems", &problems);
    context.insert("sessions", &sessions);
    context.insert("in_wales", &sessions.iter().any(|s| s.facts.in_wales));
    context.insert("versions", &versions);
    context.insert("relaxed", &relaxed);
    context.insert(
        "totals",
        &serde_json::json!({
            "built": sessions.iter().filter(|s| s.built).count(),
            "not_built": sessions.iter().filter(|s| !s.built).count(),
            "letters": sessions.iter().map(|s| s.letters).sum::<usize>(),
            "pages": sessions.iter().map(|s| s.pages).sum::<usize>(),
        }),
    );
    let html = tera.render("index.html", &context)?;
    out.write_derived(&out.path().join(INDEX_PAGE), html)
}

/// Run `work` on every item, as many at once as the machine has cores.
fn in_parallel<T: Send>(items: &mut [T], work: impl Fn(&mut T) + Sync) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let queue = std::sync::Mutex::new(items.iter_mut());
    std::thread::scope(|scope| {
        for _ in 0..cores.min(queue.lock().map_or(0, |q| q.len())) {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().map(|mut q| q.next());
                    let Ok(Some(item)) = next else { break };
                    work(item);
                }
            });
        }
    });
}

fn view(out: &OutDir, id: &str, manifest: &Manifest, facts: &[SessionFacts]) -> SessionView {
    let facts = (facts.iter().find(|f| f.id == id).cloned()).unwrap_or_else(|| SessionFacts {
        id: id.to_string(),
        ..SessionFacts::default()
    });
    let rows = preview_rows(&out.session(id).join("preview.csv"));
    let built = manifest.not_built_errors.is_none();
    let status = match manifest.not_built_errors {
        None => "built".to_string(),
        Some(n) => format!(
            "NOT BUILT: {} in its input; only the preview list was made",
            crate::diag::plural(n, "error")
        ),
    };
    let mut languages = std::collections::BTreeMap::new();
    for r in rows.iter().filter(|r| r.decision == "invited") {
        *languages.entry(r.language.clone()).or_insert(0) += 1;
    }
    let invited = rows.iter().filter(|r| r.decision == "invited").count();
    let published = crate::pack::described(manifest, id);
    let under_out = |p: &String| p.strip_prefix("out/").unwrap_or(p).to_string();
    let documents: Vec<Document> = (manifest.files.iter())
        .filter(|f| f.path.ends_with(".pdf") && !f.path.starts_with("letters/"))
        .map(|f| Document {
            path: f.path.clone(),
            pages: f.pages.unwrap_or(0),
            thumbnail: None,
            sha256: f.sha256.clone(),
        })
        .collect();
    SessionView {
        built,
        status,
        invited,
        not_invited: rows.len() - invited,
        letters: (manifest.files.iter())
            .filter(|f| f.path.starts_with("letters/"))
            .count(),
        pages: manifest.files.iter().filter_map(|f| f.pages).sum(),
        interpreters: (rows.iter())
            .filter(|r| r.decision == "invited" && !r.interpreter.is_empty())
            .count(),
        access_needs: (rows.iter())
            .filter(|r| r.decision == "invited" && !r.access_needs.is_empty())
            .count(),
        languages: languages.into_iter().collect(),
        print: published.print.iter().map(under_out).collect(),
        office_only: published.office_only.iter().map(under_out).collect(),
        zips: (Bundle::ALL.iter())
            .map(|b| b.zip_name(id))
            .filter(|z| classify(out.path(), z) == OutEntry::Bundle(id.to_string()))
            .collect(),
        documents,
        rows,
        facts,
    }
}

/// The rows of a session's `preview.csv` (none when it cannot be read).
fn preview_rows(path: &std::path::Path) -> Vec<Row> {
    let Ok(bytes) = fs::read(path) else {
        return Vec::new();
    };
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut reader = csv::Reader::from_reader(bytes);
    let Ok(headers) = reader.headers().cloned() else {
        return Vec::new();
    };
    let column = |name: &str| headers.iter().position(|h| h == name);
    let get = |record: &csv::StringRecord, name: &str| {
        column(name)
            .and_then(|i| record.get(i))
            .unwrap_or_default()
            .to_string()
    };
    reader
        .records()
        .flatten()
        .map(|r| Row {
            row: get(&r, "row"),
            reference: get(&r, "ref"),
            name: get(&r, "name"),
            language: get(&r, "language"),
            format: get(&r, "format"),
            decision: get(&r, "decision"),
            reason: get(&r, "reason"),
            interpreter: get(&r, "interpreter"),
            access_needs: get(&r, "access_needs"),
            warnings: get(&r, "warnings"),
        })
        .collect()
}
