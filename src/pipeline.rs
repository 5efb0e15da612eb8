//! The pipeline, one direction: load -> validate -> plan -> render -> compile -> pack.
//! `check` runs the first four stages and writes nothing; `build` runs them all. This file
//! only sequences the stages; each stage owns its step.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::codes::OUT_DIR;
use crate::compile::{Compiler, Outcome};
use crate::diag::{Diagnostic, Diagnostics, Location, Policy};
use crate::out::OutDir;
use crate::project::Project;
use crate::render::engine::Renderer;
use crate::render::{self, RenderedSession};
use crate::rules::{self, Findings, RelaxedRule};
use crate::typst::Typst;
use crate::{pack, plan};

/// What `check` and `build` share: the settings of the run.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub deny_warnings: bool,
    /// `SOURCE_DATE_EPOCH`: the build date, for reproducible builds; today when absent.
    pub source_date_epoch: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub check: CheckOptions,
    pub sessions: Vec<String>,
    pub jobs: Option<usize>,
    /// `SESSIONPACK_TYPST`: the typst binary to use.
    pub typst: Option<PathBuf>,
    /// The most one session's typst may run.
    pub typst_timeout: std::time::Duration,
    /// Keep the generated Typst of a session that fails, in `out/.build/ID/main.typ`.
    pub keep_build_dir: bool,
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
    let (project, loaded) = Project::load(root)?;
    let mut diags = Diagnostics::new(Policy {
        overrides: project.config.rules.clone(),
        deny_warnings: options.deny_warnings,
    });
    diags.extend(loaded);
    let (renderer, prepared) = render::prepare(&project);
    diags.extend(prepared);
    let today = plan::build_date(options.source_date_epoch)?;
    let findings = rules::check(&project, &mut diags, today);
    Ok(Validated {
        project,
        renderer,
        findings,
        diags,
        today,
    })
}

/// Load, validate, plan and render, writing nothing: every problem, and the Typst source of
/// each session that has none.
pub fn render(root: &Path, options: &CheckOptions) -> Result<(Diagnostics, Vec<RenderedSession>)> {
    let mut v = validate(root, options)?;
    let rendered = plan_and_render(&mut v, &[]);
    Ok((v.diags, rendered))
}

/// Plan the selected sessions and render them, unless a project-wide error stops everything.
fn plan_and_render(v: &mut Validated, selected: &[String]) -> Vec<RenderedSession> {
    if v.diags.blocks_project() {
        return Vec::new();
    }
    let plans = plan::plan(&v.project, &mut v.diags, selected, v.today);
    render::render_all(&v.renderer, &v.project, &plans, &v.findings, &mut v.diags)
}

/// What `check` says besides the problems: the decisions on inviting, per session, and the
/// rules the project relaxed.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub sessions: Vec<Decisions>,
    pub relaxed: Vec<RelaxedRule>,
}

/// How many of a session's claimants are invited, and how many not.
#[derive(Debug)]
pub struct Decisions {
    pub id: String,
    pub invited: usize,
    pub not_invited: usize,
}

/// `check`: everything `build` validates, rendering included, writing nothing.
pub fn check(root: &Path, options: &CheckOptions) -> Result<(Diagnostics, CheckReport)> {
    let mut v = validate(root, options)?;
    let report = CheckReport {
        sessions: v
            .project
            .sessions
            .iter()
            .filter_map(|l| {
                let list = l.claimants.as_ref().filter(|c| c.complete)?;
                let invited = list.invited().count();
                Some(Decisions {
                    id: l.session.id.clone(),
                    invited,
                    not_invited: list.claimants.len() - invited,
                })
            })
            .collect(),
        relaxed: v.findings.relaxed.clone(),
    };
    plan_and_render(&mut v, &[]);
    Ok((v.diags, report))
}

/// One session `build` published.
#[derive(Debug)]
pub struct Built {
    pub id: String,
    /// Files in `out/ID/`.
    pub files: usize,
}

/// What `build` did with each session.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub built: Vec<Built>,
    pub up_to_date: Vec<String>,
    pub failed: Vec<String>,
    /// Sessions not built because of errors in their input.
    pub blocked: Vec<String>,
    /// Of those, the ones whose preview list was written, to work from.
    pub previewed: Vec<String>,
    /// Rules the project relaxed, to say so.
    pub relaxed: Vec<RelaxedRule>,
}

/// Progress reporting, so the CLI can show a bar and tests can stay quiet.
pub trait Progress: Sync {
    fn start(&self, total: usize);
    fn session_done(&self, id: &str, message: &str);
    fn finish(&self);
}

/// `build`: validate, then render, compile and publish every session no error blocks.
pub fn build(
    root: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<(Diagnostics, BuildReport)> {
    let mut v = validate(root, &options.check)?;
    let mut report = BuildReport {
        relaxed: v.findings.relaxed.clone(),
        ..BuildReport::default()
    };
    if v.diags.blocks_project() {
        report.blocked = v.project.session_ids.clone();
        return Ok((v.diags, report));
    }
    let typst = Typst::locate(options.typst.as_deref(), options.typst_timeout)?;
    let rendered = plan_and_render(&mut v, &options.sessions);
    for id in &v.project.session_ids {
        let selected = options.sessions.is_empty() || options.sessions.contains(id);
        let built = rendered
            .iter()
            .any(|r| r.id() == id && r.plan.not_built.is_none());
        if selected && !built {
            report.blocked.push(id.clone());
        }
    }

    let out = OutDir::new(&v.project.root)
        .group_readable(v.project.config.out_permissions == crate::config::OutPermissions::Group);
    let compiler = Compiler {
        root: &v.project.root,
        out: &out,
        typst: &typst,
        templates: &v.project.templates,
        keep_build_dir: options.keep_build_dir,
    };
    let jobs = options
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    progress.start(rendered.len());
    let outcomes = compiler.run(&rendered, jobs, &|session, outcome| {
        let message = match outcome {
            Outcome::Compiled { .. } => format!("compiled {} files", session.files().len()),
            Outcome::UpToDate => "up to date".to_string(),
            Outcome::Failed(_) => "failed".to_string(),
        };
        progress.session_done(session.id(), &message);
    });
    progress.finish();

    for (session, outcome) in rendered.iter().zip(outcomes) {
        let id = session.id().to_string();
        match outcome {
            Outcome::Compiled { warnings } => {
                v.diags.extend(warnings);
                match pack::publish(&out, session, &typst, &v.findings.relaxed) {
                    Ok(_) if session.plan.not_built.is_some() => report.previewed.push(id),
                    Ok(files) => report.built.push(Built { id, files }),
                    Err(e) => {
                        v.diags.push(
                            Diagnostic::new(&OUT_DIR, format!("{e:#}"))
                                .at(Location::file("out"))
                                .help("out/ still holds what the last good build of this session wrote; fix the problem and build again")
                                .session(&id),
                        );
                        pack::discard(&out, &id, false);
                        report.failed.push(id);
                    }
                }
            }
            Outcome::UpToDate => {
                pack::discard(&out, &id, false);
                report.up_to_date.push(id);
            }
            Outcome::Failed(ds) => {
                v.diags.extend(ds);
                pack::discard(&out, &id, options.keep_build_dir);
                report.failed.push(id);
            }
        }
    }
    pack::finish(&out);
    Ok((v.diags, report))
}
