//! The pipeline, one direction: load -> validate -> plan -> render -> compile -> pack.
//! `check` runs the first four stages and writes nothing; `build` runs them all.

use std::path::Path;

use anyhow::Result;

use crate::compile::{self, Outcome, RenderedSession};
use crate::diag::{Diagnostic, Diagnostics, LevelOverride};
use crate::plan::{self, DOCUMENTS, SessionPlan};
use crate::project::Project;
use crate::render::{SessionView, TEMPLATE_ERROR};
use crate::typst::Typst;
use crate::{pack, rules};

/// Load and validate: every problem in the project, as diagnostics.
pub fn load(root: &Path, deny_warnings: bool) -> Result<(Project, Diagnostics)> {
    let (project, mut diags) = Project::load(root)?;
    rules::check(&project, &mut diags);
    apply_levels(&project, &mut diags, deny_warnings);
    Ok((project, diags))
}

fn apply_levels(project: &Project, diags: &mut Diagnostics, deny_warnings: bool) {
    let overrides: std::collections::BTreeMap<String, LevelOverride> = project.config.rules.clone();
    diags.apply_levels(&overrides, deny_warnings);
    diags.sort();
}

/// The view of a planned session (it exists, its office exists, strings loaded).
fn view<'a>(
    project: &'a Project,
    plan: &SessionPlan,
    diags: &Diagnostics,
) -> Option<SessionView<'a>> {
    let session = project.session(&plan.id)?;
    let claimants = project.claimants.get(&session.id)?;
    let warnings = diags
        .iter()
        .filter(|d| d.level == crate::diag::Level::Warning)
        .filter_map(|d| {
            let loc = d.location.as_ref()?;
            (loc.file == claimants.file).then_some((loc.line?, d.rule.code, d.message.clone()))
        })
        .collect();
    Some(SessionView {
        session,
        office: project.offices.get(&session.office)?,
        claimants,
        strings: project.strings.as_ref()?,
        issued: plan.issued,
        warnings,
        poster_size: project.config.poster_size,
    })
}

/// Render every document of each planned session into one Typst source per session.
/// Template and string problems become diagnostics on that session.
pub fn render(
    project: &Project,
    plans: &[SessionPlan],
    diags: &Diagnostics,
    typst_version: &str,
) -> (Vec<RenderedSession>, Vec<Diagnostic>) {
    let mut rendered = Vec::new();
    let mut problems = Vec::new();
    for plan in plans {
        let Some(view) = view(project, plan, diags) else {
            continue;
        };
        let mut source = String::new();
        let mut outputs = Vec::new();
        let mut extra_files = Vec::new();
        let mut sections = Vec::new();
        let mut failed = false;
        for doc in DOCUMENTS {
            if !project.templates.has(doc.template) {
                problems.push(
                    Diagnostic::new(
                        &TEMPLATE_ERROR,
                        format!("the template for the {} is missing", doc.name),
                    )
                    .at(crate::diag::Location::file(format!(
                        "templates/{}",
                        doc.template
                    )))
                    .help("copy it from a new project (sessionpack init)")
                    .session(&plan.id),
                );
                failed = true;
                continue;
            }
            match (doc.render)(&view, &project.templates)
                .and_then(|text| Ok((text, (doc.extra)(&view)?)))
            {
                Ok((text, extra)) => {
                    extra_files.extend(extra);
                    sections.push((doc.template, source.lines().count() + 1));
                    source.push_str(&text);
                    if !source.ends_with('\n') {
                        source.push('\n');
                    }
                    outputs.extend((doc.outputs)(&view));
                }
                Err(message) => {
                    problems.push(
                        Diagnostic::new(
                            &TEMPLATE_ERROR,
                            format!("the {} cannot be rendered: {message}", doc.name),
                        )
                        .at(crate::diag::Location::file(format!(
                            "templates/{}",
                            doc.template
                        )))
                        .session(&plan.id),
                    );
                    failed = true;
                }
            }
        }
        if failed {
            continue;
        }
        let fingerprint = compile::fingerprint(
            &project.root,
            &source,
            &extra_files,
            plan.timestamp,
            typst_version,
        )
        .unwrap_or_default();
        rendered.push(RenderedSession {
            id: plan.id.clone(),
            source,
            outputs,
            sections,
            extra_files,
            inputs: inputs(project, &view),
            timestamp: plan.timestamp,
            fingerprint,
        });
    }
    (rendered, problems)
}

/// The files a session's documents are made from: settings, session, office, claimant list,
/// and everything in `templates/`.
fn inputs(project: &Project, view: &SessionView) -> Vec<String> {
    let mut files = vec![
        crate::project::CONFIG_FILE.to_string(),
        view.session.file().to_string(),
        view.office.data.file.clone(),
        view.claimants.file.clone(),
    ];
    let mut templates = Vec::new();
    compile::collect_files(&project.root.join("templates"), &mut templates).unwrap_or_default();
    files.extend(templates.iter().filter_map(|p| {
        p.strip_prefix(&project.root)
            .ok()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
    }));
    files.sort();
    files
}

/// `check`: everything `build` validates, rendering included, writing nothing.
pub fn check(root: &Path, deny_warnings: bool) -> Result<(Project, Diagnostics)> {
    let (project, mut diags) = load(root, deny_warnings)?;
    if !diags.blocks_project() {
        let (plans, _) = plan::plan(&project, &diags, &[]);
        let (_, problems) = render(&project, &plans, &diags, crate::typst::VERSION);
        diags.extend(problems);
        apply_levels(&project, &mut diags, deny_warnings);
    }
    Ok((project, diags))
}

pub struct BuildOptions {
    pub sessions: Vec<String>,
    pub jobs: Option<usize>,
    pub deny_warnings: bool,
}

/// What `build` did with each session.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub built: Vec<(String, usize)>,
    pub up_to_date: Vec<String>,
    pub failed: Vec<String>,
    /// Sessions not built because of errors in their input.
    pub blocked: Vec<String>,
    pub unknown: Vec<String>,
}

/// Progress reporting, so the CLI can show a bar and tests can stay quiet.
pub trait Progress: Sync {
    fn start(&self, total: usize);
    fn session_done(&self, id: &str, message: &str);
    fn finish(&self);
}

/// `build`: validate, then render and compile every session no error blocks.
pub fn build(
    root: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<(Diagnostics, BuildReport)> {
    let (project, mut diags) = load(root, options.deny_warnings)?;
    let mut report = BuildReport::default();
    if diags.blocks_project() {
        report.blocked = project.session_ids.clone();
        return Ok((diags, report));
    }
    let typst = Typst::locate()?;
    let (plans, unknown) = plan::plan(&project, &diags, &options.sessions);
    report.unknown = unknown;
    let (rendered, problems) = render(&project, &plans, &diags, &typst.version);
    diags.extend(problems);
    apply_levels(&project, &mut diags, options.deny_warnings);
    for id in &project.session_ids {
        let selected = options.sessions.is_empty() || options.sessions.contains(id);
        if selected && !rendered.iter().any(|r| &r.id == id) {
            report.blocked.push(id.clone());
        }
    }
    let jobs = options
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    progress.start(rendered.len());
    let outcomes = compile::run(
        &project.root,
        &typst,
        &rendered,
        jobs,
        &|session, outcome| {
            let message = match outcome {
                Outcome::Compiled { .. } => format!(
                    "wrote {} files",
                    session.outputs.len() + session.extra_files.len()
                ),
                Outcome::UpToDate => "up to date".to_string(),
                Outcome::Failed(_) => "failed".to_string(),
            };
            progress.session_done(&session.id, &message);
        },
    );
    progress.finish();
    for (id, outcome) in outcomes {
        let Some(session) = rendered.iter().find(|r| r.id == id) else {
            continue;
        };
        match outcome {
            Outcome::Compiled { warnings } => {
                for w in warnings {
                    diags.push(Diagnostic::new(&compile::TYPST_WARNING, w).session(&id));
                }
                pack::pack(&project.root, session, &typst.version)?;
                pack::publish(&project.root, session)?;
                report
                    .built
                    .push((id, session.outputs.len() + session.extra_files.len()));
            }
            Outcome::UpToDate => {
                pack::discard(&project.root, &id, false);
                report.up_to_date.push(id);
            }
            Outcome::Failed(ds) => {
                diags.extend(ds);
                pack::discard(&project.root, &id, true);
                report.failed.push(id);
            }
        }
    }
    // Only if empty: a failed session keeps its generated source there for inspection.
    let _ = std::fs::remove_dir(project.root.join("out").join(".build"));
    apply_levels(&project, &mut diags, options.deny_warnings);
    Ok((diags, report))
}
