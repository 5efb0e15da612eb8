//! The pipeline, one direction: load -> validate -> plan -> render -> compile -> pack.
//! `check` runs every stage but pack, compiling into a folder it then throws away (or, with
//! `--no-typeset`, stops after render); `build` runs them all and publishes each session as
//! soon as it is compiled. This file only sequences the stages; each stage owns its step.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::codes::OUT_DIR;
use crate::compile::{Compiler, Outcome};
use crate::diag::{Diagnostic, Diagnostics, Location, Policy};
use crate::out::{OutDir, Workspace};
use crate::plan::{Selection, SessionPlan};
use crate::project::Project;
use crate::render::engine::Renderer;
use crate::render::{self, RenderedSession};
use crate::rules::{self, Findings, RelaxedRule};
use crate::typst::Typst;
use crate::{pack, plan};

/// What `check` and `build` share: the settings of the validation.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub deny_warnings: bool,
    /// `SOURCE_DATE_EPOCH`: the build date, for reproducible builds; today when absent.
    pub source_date_epoch: Option<i64>,
}

/// How sessions are typeset, by `check` and `build` alike.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub selection: Selection,
    pub jobs: Option<usize>,
    /// `SESSIONPACK_TYPST`: the typst binary to use.
    pub typst: Option<PathBuf>,
    /// The most one typst process may run (otherwise a limit by its size).
    pub typst_timeout: Option<Duration>,
    /// Without `jobs`, run only as many typst processes at once as fit beside the tool in
    /// this many MB.
    pub memory_budget_mb: u64,
}

/// The memory a build aims to stay within, the tool and its typst processes together.
pub const DEFAULT_MEMORY_BUDGET_MB: u64 = 300;

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            selection: Selection::default(),
            jobs: None,
            typst: None,
            typst_timeout: None,
            memory_budget_mb: DEFAULT_MEMORY_BUDGET_MB,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub check: CheckOptions,
    pub run: RunOptions,
    /// Keep the generated Typst of a session that fails, in `out/.build/ID/main.typ`.
    pub keep_build_dir: bool,
    /// Make the overview's thumbnails (for projects of up to 200 sessions).
    pub thumbnails: bool,
    /// Run by `watch`: the ID of this build, which the overview's pages carry to reload
    /// themselves after the next.
    pub watch: Option<String>,
}

/// The project loaded and validated, ready to plan.
struct Validated {
    project: Project,
    renderer: Renderer,
    findings: Findings,
    diags: Diagnostics,
    /// The build date.
    today: chrono::NaiveDate,
}

/// Load, prepare the templates, validate: every problem in the project, as diagnostics, at the
/// levels the project sets.
fn validate(root: &Path, options: &CheckOptions) -> Result<Validated> {
    let today = plan::build_date(options.source_date_epoch)?;
    let (project, loaded) = Project::load(root)?;
    Ok(validate_on(project, loaded, options.deny_warnings, today))
}

/// Check a loaded project, with the problems found loading it (`loaded`), on the build date
/// `today`.
fn validate_on(
    project: Project,
    loaded: Vec<Diagnostic>,
    deny_warnings: bool,
    today: chrono::NaiveDate,
) -> Validated {
    let mut diags = Diagnostics::new(Policy {
        overrides: project.config.rules.clone(),
        deny_warnings,
    });
    diags.extend(loaded);
    let (renderer, prepared) = render::prepare(&project);
    diags.extend(prepared);
    let findings = rules::check(&project, &mut diags, today);
    Validated {
        project,
        renderer,
        findings,
        diags,
        today,
    }
}

/// Load, validate, plan and render, writing nothing: every problem, and the Typst source of
/// each session that has none.
pub fn render(root: &Path, options: &CheckOptions) -> Result<(Diagnostics, Vec<RenderedSession>)> {
    let mut v = validate(root, options)?;
    if v.diags.blocks_project() {
        return Ok((v.diags, Vec::new()));
    }
    let plans = plan::plan(&v.project, &mut v.diags, &Selection::default(), v.today);
    let rendered = render::render_all(&v.renderer, &v.project, &plans, &v.findings, &mut v.diags);
    Ok((v.diags, rendered))
}

/// What happened to one session in this run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Compiled and published (`build`) or compiled and thrown away (`check`).
    Built,
    /// `out/` already holds exactly this build.
    UpToDate,
    /// Errors in its input: only its preview list was made, to work from.
    Previewed,
    /// Errors in its input or the project: nothing was made.
    Blocked,
    /// typst or the disk failed.
    Failed,
    /// Stopped (SIGINT, SIGTERM) before it was done.
    Stopped,
}

/// One session's result.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SessionResult {
    pub id: String,
    /// Said in words by the command that reports it (`built` or `checked`).
    #[serde(skip)]
    pub status: Status,
    /// Files in `out/ID/`.
    pub files: usize,
    /// Letters (one per invited claimant) and pages in its PDFs.
    pub letters: usize,
    pub pages: usize,
    /// The print batches, to post, under the project (`out/ID/letters.pdf`).
    pub print: Vec<String>,
    /// The preview list: for the office only, never under "print".
    pub office_only: Vec<String>,
    /// Its bundles under the project (`out/ID-letters.zip`, `out/ID-facilitator-pack.zip`).
    pub zips: Vec<String>,
    /// Of its claimant list, how many are invited and how many not; none when the list could
    /// not be read whole.
    pub invited: Option<usize>,
    pub not_invited: Option<usize>,
}

impl SessionResult {
    fn new(id: &str, status: Status) -> SessionResult {
        SessionResult {
            id: id.to_string(),
            status,
            files: 0,
            letters: 0,
            pages: 0,
            print: Vec::new(),
            office_only: Vec::new(),
            zips: Vec::new(),
            invited: None,
            not_invited: None,
        }
    }

    /// With the decisions on inviting of the session's claimant list.
    fn decided(mut self, project: &Project) -> SessionResult {
        if let Some(list) = project
            .sessions
            .iter()
            .find(|l| l.session.id == self.id)
            .and_then(|l| l.claimants.as_ref())
            .filter(|c| c.complete)
        {
            let invited = list.invited().count();
            self.invited = Some(invited);
            self.not_invited = Some(list.claimants.len() - invited);
        }
        self
    }
}

/// A session as `out/` holds it, from its manifest.
fn published(out: &OutDir, id: &str, status: Status) -> SessionResult {
    let p = pack::describe(out, id);
    SessionResult {
        files: p.files,
        letters: p.letters,
        pages: p.pages,
        print: p.print,
        office_only: p.office_only,
        zips: crate::out::Bundle::ALL
            .iter()
            .map(|b| b.zip_name(id))
            .filter(|name| out.path().join(name).is_file())
            .map(|name| format!("out/{name}"))
            .collect(),
        ..SessionResult::new(id, status)
    }
}

/// A session's published files removed by this build, and why.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Removed {
    pub id: String,
    pub why: &'static str,
}

/// What `check` or `build` did.
#[derive(Debug, Default)]
pub struct Report {
    /// Each session asked for, in the project's order.
    pub sessions: Vec<SessionResult>,
    pub removed: Vec<Removed>,
    /// What `out/` holds that `build` did not write, left alone.
    pub foreign: Vec<String>,
    /// Rules the project relaxed, to say so.
    pub relaxed: Vec<RelaxedRule>,
    /// Whether `out/index.json` was written (a build of every session).
    pub indexed: bool,
    /// The signal that stopped the run.
    pub stopped: Option<i32>,
    /// Welsh strings still awaiting a translator's review (`check`).
    pub awaiting_review: Vec<String>,
    /// Fewer typst processes at once than cores, to stay within the memory budget: (how
    /// many, the budget in MB, what the tool held in MB).
    pub jobs_limited: Option<(usize, u64, u64)>,
    pub duration: Duration,
}

impl Report {
    pub fn with(&self, status: Status) -> impl Iterator<Item = &SessionResult> {
        self.sessions.iter().filter(move |s| s.status == status)
    }
}

/// Progress reporting, so the CLI can show a bar and tests can stay quiet.
pub trait Progress: Sync {
    fn start(&self, total: usize);
    /// Called once per session, as soon as it is done (published, for `build`).
    fn session_done(&self, session: &SessionResult);
    fn finish(&self);
}

/// No progress shown.
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: usize) {}
    fn session_done(&self, _: &SessionResult) {}
    fn finish(&self) {}
}

/// `check`: everything `build` does but publishing: `check` passes exactly when `build`
/// would succeed. Writes nothing under `out/`. Without `typeset` (`--no-typeset`, for
/// editors) it stops after rendering, and can pass what typst would fail.
pub fn check(
    root: &Path,
    options: &CheckOptions,
    run: &RunOptions,
    typeset: bool,
    progress: &dyn Progress,
) -> Result<(Diagnostics, Report)> {
    let started = Instant::now();
    let mut v = validate(root, options)?;
    let selection = run.selection.clone();
    v.diags.keep_sessions(|id| selection.contains(id));
    let mut report = Report {
        relaxed: v.findings.relaxed.clone(),
        awaiting_review: awaiting_review(&v.project),
        ..Report::default()
    };
    if v.diags.blocks_project() {
        report.sessions = blocked_all(&v.project, &selection, progress);
        return Ok((v.diags, report));
    }
    let plans = plan::plan(&v.project, &mut v.diags, &selection, v.today);
    if !typeset {
        for plan in &plans {
            let status = match render::render_one(&v.renderer, &v.project, plan, &v.findings) {
                Ok(_) if plan.not_built.is_some() => Status::Previewed,
                Ok(_) => Status::Built,
                Err(problems) => {
                    v.diags.extend(problems);
                    Status::Blocked
                }
            };
            let result = SessionResult::new(&plan.id, status).decided(&v.project);
            progress.session_done(&result);
            report.sessions.push(result);
        }
        report.sessions = with_unreadable(&v.project, &selection, report.sessions);
    } else {
        let typst = Typst::locate(run.typst.as_deref(), run.typst_timeout)?;
        Workspace::remove_stale_checks(&v.project.root);
        let work = Workspace::check(&v.project.root);
        let _cleanup = RemoveOnDrop(work.dir());
        work.prepare(v.project.templates.for_typst())?;
        let out = OutDir::new(&v.project.root);
        let engine = Engine {
            v: &v,
            typst: &typst,
            out: &out,
            work: &work,
            publish: false,
            keep_build_dir: false,
        };
        let (results, found, limited) = engine.run(&plans, run, progress);
        v.diags.extend(found);
        report.sessions = with_unreadable(&v.project, &selection, results);
        report.jobs_limited = limited;
    }
    report.stopped = crate::stop::requested();
    report.duration = started.elapsed();
    Ok((v.diags, report))
}

/// The Welsh strings whose comment says they await a translator's review, in file order.
fn awaiting_review(project: &Project) -> Vec<String> {
    let Some(strings) = &project.strings else {
        return Vec::new();
    };
    let mut keys: Vec<(usize, String)> = strings
        .keys(crate::l10n::Lang::Cy)
        .keys()
        .filter_map(|k| {
            let info = strings.info(crate::l10n::Lang::Cy, k)?;
            info.awaiting_review().then(|| (info.line, k.clone()))
        })
        .collect();
    keys.sort();
    keys.into_iter().map(|(_, k)| k).collect()
}

/// Removes a folder when dropped: the check's workspace, whatever happens.
struct RemoveOnDrop(PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = crate::fs::remove(&self.0);
    }
}

/// The results with every selected session that has no plan counted too, as not built, in
/// the project's order: a file whose name is not an ID (a session whose file does not parse
/// is planned, for its notice). The totals count every file in `content/sessions/`.
fn with_unreadable(
    project: &Project,
    selection: &Selection,
    mut results: Vec<SessionResult>,
) -> Vec<SessionResult> {
    let planned: std::collections::HashSet<String> = results.iter().map(|r| r.id.clone()).collect();
    results.extend(
        project
            .session_ids
            .iter()
            .chain(&project.invalid_session_files)
            .filter(|id| selection.contains(id) && !planned.contains(*id))
            .map(|id| SessionResult::new(id, Status::Blocked)),
    );
    let order = project.session_order();
    results.sort_by_key(|r| order.get(r.id.as_str()).copied().unwrap_or(usize::MAX));
    results
}

/// Every selected session, when errors in the project stop them all.
fn blocked_all(
    project: &Project,
    selection: &Selection,
    progress: &dyn Progress,
) -> Vec<SessionResult> {
    let blocked: Vec<SessionResult> = project
        .session_ids
        .iter()
        .chain(&project.invalid_session_files)
        .filter(|id| selection.contains(id))
        .map(|id| SessionResult::new(id, Status::Blocked).decided(project))
        .collect();
    progress.start(blocked.len());
    for b in &blocked {
        progress.session_done(b);
    }
    progress.finish();
    blocked
}

/// `build`: validate, then render, compile and publish every selected session, each as soon
/// as it is compiled; then remove from `out/` what no longer matches the project, so that
/// `out/` holds exactly the sessions that built now.
pub fn build(
    root: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<(Diagnostics, Report)> {
    let started = Instant::now();
    let mut v = validate(root, &options.check)?;
    let selection = &options.run.selection;
    v.diags.keep_sessions(|id| selection.contains(id));
    let mut report = Report {
        relaxed: v.findings.relaxed.clone(),
        ..Report::default()
    };
    let out = OutDir::new(&v.project.root)
        .group_readable(v.project.config.out_permissions == crate::config::OutPermissions::Group);
    // typst first: without it nothing is written, not even out/.
    let typst = match v.diags.blocks_project() {
        true => None,
        false => Some(Typst::locate(
            options.run.typst.as_deref(),
            options.run.typst_timeout,
        )?),
    };
    let _lock = out.lock("build")?;
    // What a build killed earlier left behind goes; typst sees only what is put here.
    let work = Workspace::build(&v.project.root);
    if typst.is_some() {
        work.prepare(v.project.templates.for_typst())?;
    } else {
        crate::fs::remove(&work.dir())?;
    }

    if let Some(typst) = &typst {
        let plans = plan::plan(&v.project, &mut v.diags, selection, v.today);
        let engine = Engine {
            v: &v,
            typst,
            out: &out,
            work: &work,
            publish: true,
            keep_build_dir: options.keep_build_dir,
        };
        let (results, found, limited) = engine.run(&plans, &options.run, progress);
        v.diags.extend(found);
        report.sessions = with_unreadable(&v.project, selection, results);
        report.jobs_limited = limited;
    } else {
        report.sessions = blocked_all(&v.project, selection, progress);
    }
    work.tidy();
    report.stopped = crate::stop::requested();
    if report.stopped.is_none() {
        // out/ holds exactly the sessions that built now; the others asked for go.
        let status = |id: &str| {
            report
                .sessions
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.status)
        };
        let keep = |id: &str| {
            v.project.session_ids.iter().any(|s| s == id)
                && (!selection.contains(id)
                    || matches!(
                        status(id),
                        Some(Status::Built | Status::UpToDate | Status::Previewed)
                    ))
        };
        let sweep = pack::sweep(&out, &keep)?;
        report.removed = sweep
            .removed
            .into_iter()
            .map(|id| Removed {
                why: match status(&id) {
                    _ if !v.project.session_ids.contains(&id) => {
                        "its session file is no longer in content/sessions/"
                    }
                    Some(Status::Failed) => "it failed to build",
                    _ => "errors in its input stop it being built",
                },
                id,
            })
            .collect();
        report.foreign = sweep.foreign;
        if let Some(shard) = selection.shard {
            let sessions = (v.project.session_ids.iter())
                .filter(|id| selection.contains(id))
                .cloned()
                .collect();
            pack::write_receipt(&out, shard, &project_input(&v.project), v.today, sessions)?;
        }
        // Each session asked for that is in out/ now (a NOT BUILT notice too) gets its own.
        let in_out = crate::out::session_ids(&out)?;
        let in_out: Vec<(&str, pack::SessionProblems)> = (in_out.iter())
            .filter(|id| selection.contains(id))
            .map(|id| match status(id) {
                Some(Status::UpToDate) => (id.as_str(), pack::SessionProblems::UpToDate),
                _ => (id.as_str(), pack::SessionProblems::Built),
            })
            .collect();
        pack::write_diagnostics(&out, &v.diags, &in_out)?;
        if selection.is_everything() {
            pack::remove_receipts(&out)?;
            pack::write_index(&out)?;
            report.indexed = true;
        }
        let thumbnails = (typst.as_ref().filter(|_| options.thumbnails)).map(|typst| {
            crate::overview::Thumbnailer {
                typst,
                fonts: v.project.root.join("templates/fonts"),
            }
        });
        crate::overview::write(
            &out,
            &session_facts(&v.project),
            thumbnails.as_ref(),
            options.watch.as_deref(),
        )?;
    }
    report.duration = started.elapsed();
    Ok((v.diags, report))
}

/// What `index` found.
pub struct Indexed {
    /// Why `out/` cannot be indexed (then no index is left: an old one would be wrong).
    pub problems: Vec<Diagnostic>,
    /// How many sessions the index lists.
    pub sessions: usize,
    /// After `--shards N`: the region's problems, each once, as the project is checked on the
    /// shards' build date. Each shard showed its own sessions' and the project's; here the
    /// project's are not repeated N times.
    pub region: Option<Diagnostics>,
}

/// `index`: write `out/index.json` from the sessions in `out/`, as after merging the folders
/// of a build split with `--shard`, once they are checked against the project: exactly its
/// sessions, each under its own name.
///
/// With `shards` (`index --shards N`), each of the N shards' receipts must be there, from this
/// input, this version of the tool and one build date, no session in two; once merged, the
/// receipts go, so `out/` is what one build on one machine writes.
pub fn index(root: &Path, shards: Option<u32>) -> Result<Indexed> {
    let (project, loaded) = Project::load(root)?;
    let out = OutDir::new(&project.root);
    let _lock = out.lock("index")?;
    let (mut problems, date) = match shards {
        Some(count) => pack::receipt_problems(&out, count, &project_input(&project))?,
        None => (Vec::new(), None),
    };
    problems.extend(pack::index_problems(&out, &project.session_ids)?);
    if !problems.is_empty() {
        crate::fs::remove(&out.path().join(crate::out::INDEX))?;
        return Ok(Indexed {
            problems,
            sessions: 0,
            region: None,
        });
    }
    let facts = session_facts(&project);
    let region = date.map(|today| validate_on(project, loaded, false, today).diags);
    if shards.is_some() {
        pack::remove_receipts(&out)?;
    }
    let sessions = pack::write_index(&out)?;
    if let Some(region) = &region {
        let ids = crate::out::session_ids(&out)?;
        let kept: Vec<(&str, pack::SessionProblems)> = (ids.iter())
            .map(|id| (id.as_str(), pack::SessionProblems::Kept))
            .collect();
        pack::write_diagnostics(&out, region, &kept)?;
    }
    crate::overview::write(&out, &facts, None, None)?;
    Ok(Indexed {
        problems,
        sessions,
        region,
    })
}

/// What the overview shows of each session the project holds.
fn session_facts(project: &Project) -> Vec<crate::overview::SessionFacts> {
    use crate::l10n::Lang;
    (project.sessions.iter())
        .map(|loaded| {
            let s = &loaded.session;
            let text = |t: &crate::model::Texts| {
                (t.get(Lang::En).or(t.get(Lang::Cy)))
                    .unwrap_or_default()
                    .to_string()
            };
            let place = match &s.venue {
                Some(venue) => text(&venue.name),
                None => project
                    .offices
                    .get(&s.office)
                    .map_or_else(|| s.office.clone(), |o| text(&o.name)),
            };
            crate::overview::SessionFacts {
                id: s.id.clone(),
                title: text(&s.title),
                starts: format!(
                    "{} {}",
                    s.date().format("%Y-%m-%d"),
                    s.start_time().format("%H:%M")
                ),
                place,
                max_invites: s.max_invites,
                optimum: s.optimum_attendees,
                in_wales: project.offices.get(&s.office).is_some_and(|o| o.in_wales),
            }
        })
        .collect()
}

/// The digest of everything the project's documents are made from.
fn project_input(project: &Project) -> String {
    pack::input_digest(project.inputs.values().map(|f| (&*f.path, &*f.sha256)))
}

/// What every session's run shares.
struct Engine<'a> {
    v: &'a Validated,
    typst: &'a Typst,
    out: &'a OutDir,
    work: &'a Workspace,
    /// Publish into `out/` (`build`), or throw away (`check`).
    publish: bool,
    keep_build_dir: bool,
}

impl Engine<'_> {
    /// Run every session, at most `jobs` at once; each is rendered only when it is not up to
    /// date, and its rendered source dropped once it is compiled, so memory holds a few
    /// sessions, not the project. Results come back in the order of `plans`, with the
    /// diagnostics found on the way.
    #[allow(clippy::type_complexity)]
    fn run(
        &self,
        plans: &[SessionPlan],
        run: &RunOptions,
        progress: &dyn Progress,
    ) -> (
        Vec<SessionResult>,
        Vec<Diagnostic>,
        Option<(usize, u64, u64)>,
    ) {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let wanted = run.jobs.unwrap_or(cores).clamp(1, plans.len().max(1));
        // Asked for a number: that many. Otherwise as many as fit in the memory budget.
        let jobs = match run.jobs {
            Some(_) => wanted,
            None => crate::memory::jobs_within(run.memory_budget_mb, wanted),
        };
        let limited = (jobs < wanted).then(|| {
            (
                jobs,
                run.memory_budget_mb,
                crate::memory::own_mb().unwrap_or(0),
            )
        });
        let threads_each = (cores / jobs).max(1);
        progress.start(plans.len());
        let queue = Mutex::new(plans.iter().enumerate());
        let results: Mutex<Vec<(usize, SessionResult, Vec<Diagnostic>)>> = Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                scope.spawn(|| {
                    // The queue's lock is released before the session runs.
                    while let Some((i, plan)) = queue.lock().ok().and_then(|mut q| q.next()) {
                        let (result, found) = if crate::stop::requested().is_some() {
                            (SessionResult::new(&plan.id, Status::Stopped), Vec::new())
                        } else {
                            self.session(plan, threads_each)
                        };
                        let result = result.decided(&self.v.project);
                        if result.status != Status::Stopped {
                            progress.session_done(&result);
                        }
                        if let Ok(mut r) = results.lock() {
                            r.push((i, result, found));
                        }
                    }
                });
            }
        });
        progress.finish();
        let mut results = match results.into_inner() {
            Ok(r) => r,
            Err(poisoned) => poisoned.into_inner(),
        };
        results.sort_by_key(|(i, ..)| *i);
        let mut found = Vec::new();
        let sessions = plans
            .iter()
            .enumerate()
            .map(
                |(i, plan)| match results.iter().position(|(j, ..)| *j == i) {
                    Some(at) => {
                        let (_, result, diags) = results.swap_remove(at);
                        found.extend(diags);
                        result
                    }
                    // A session whose thread died has no result: say so rather than lose it.
                    None => {
                        found.push(
                            Diagnostic::new(
                                &crate::codes::TYPST_FAILED,
                                "the build of this session stopped unexpectedly",
                            )
                            .session(&plan.id),
                        );
                        SessionResult::new(&plan.id, Status::Failed)
                    }
                },
            )
            .collect();
        (sessions, found, limited)
    }

    /// One session: up to date, or render, compile and publish (or throw away).
    fn session(&self, plan: &SessionPlan, threads: usize) -> (SessionResult, Vec<Diagnostic>) {
        let v = self.v;
        let id = plan.id.as_str();
        let fingerprint = plan.fingerprint(&self.typst.version_line);
        if pack::is_published(self.out, id, &fingerprint) {
            // A session not built stays not built, however often it is run: only its
            // unchanged preview list is up to date.
            let status = match plan.not_built {
                Some(_) => Status::Previewed,
                None => Status::UpToDate,
            };
            return (published(self.out, id, status), Vec::new());
        }
        let session = match render::render_one(&v.renderer, &v.project, plan, &v.findings) {
            Ok(s) => s,
            Err(problems) => return (SessionResult::new(id, Status::Blocked), problems),
        };
        let compiler = Compiler {
            work: self.work,
            out: self.out,
            typst: self.typst,
            templates: &v.project.templates,
            keep_build_dir: self.keep_build_dir,
        };
        let staging = self.work.staging(id);
        let made = if plan.not_built.is_some() {
            Status::Previewed
        } else {
            Status::Built
        };
        match compiler.compile(&session, threads) {
            Outcome::Failed(problems) => {
                pack::discard(self.out, &staging, id, self.keep_build_dir);
                let status = if crate::stop::requested().is_some() {
                    Status::Stopped
                } else {
                    Status::Failed
                };
                (SessionResult::new(id, status), problems)
            }
            Outcome::Compiled { warnings } if !self.publish => {
                pack::discard(self.out, &staging, id, false);
                (SessionResult::new(id, made), warnings)
            }
            Outcome::Compiled { mut warnings } => {
                match pack::publish(
                    self.out,
                    &staging,
                    &session,
                    self.typst,
                    &v.findings.relaxed,
                ) {
                    Ok(_) => (published(self.out, id, made), warnings),
                    Err(e) => {
                        pack::discard(self.out, &staging, id, false);
                        warnings.push(
                            Diagnostic::new(&OUT_DIR, format!("{e:#}"))
                                .at(Location::file("out"))
                                .help("none of this session's files are left in out/; fix the problem and build again")
                                .session(id),
                        );
                        (SessionResult::new(id, Status::Failed), warnings)
                    }
                }
            }
        }
    }
}
