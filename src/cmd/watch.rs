//! `sessionpack watch`: build once, then again each time the input changes, for template
//! editors and officers with the overview open: one line a rebuild, the overview's pages
//! reloading themselves after a build that passed, the errors of one that failed shown on the
//! page until it is fixed.

use std::time::{Duration, Instant};

use anyhow::Result;
use sessionpack::diag::{Diagnostics, Level};
use sessionpack::out::OutDir;
use sessionpack::pipeline::{self, BuildOptions};
use sessionpack::watch::{Batch, Options, Watch};

use super::args::{Global, WatchArgs};
use super::shell::Shell;
use super::summary::{self, Command, Exit, Lines};

pub fn execute(global: &Global, args: &WatchArgs) -> Result<Exit> {
    let shell = Shell::new(global);
    let root = global.project_root()?;
    let (run, _) = args.run.options()?;
    let lists = claimant_files(&root);
    let watch = Watch::start(
        &root,
        &lists,
        &Options {
            poll: args.poll,
            debounce: Duration::from_millis(args.debounce),
        },
    )?;
    let out = OutDir::new(&root);
    let mut number = 0u64;
    let mut changed = Vec::new();
    loop {
        number += 1;
        let build = format!("{}-{number}", std::process::id());
        let options = BuildOptions {
            check: args.validate.options(),
            run: run.clone(),
            keep_build_dir: false,
            thumbnails: !args.no_thumbnails,
            watch: Some(build.clone()),
        };
        let started = Instant::now();
        let at = chrono::Local::now().format("%H:%M:%S").to_string();
        let what = match changed.as_slice() {
            [] => "first build".to_string(),
            [one] => format!("{one} changed"),
            [one, rest @ ..] => format!("{one} and {} more changed", rest.len()),
        };
        match pipeline::build(&root, &options, &Lines::new(&shell, Command::Build)) {
            Ok((diags, report)) => {
                let rebuilt = (report.sessions.iter())
                    .filter(|s| s.status == pipeline::Status::Built)
                    .count();
                let (errors, warnings) = (diags.count(Level::Error), diags.count(Level::Warning));
                shell.note(&format!(
                    "{at} {what}: {} rebuilt ({:.1} s), {}, {}",
                    sessionpack::diag::plural(rebuilt, "session"),
                    started.elapsed().as_secs_f64(),
                    sessionpack::diag::plural(errors, "error"),
                    sessionpack::diag::plural(warnings, "warning"),
                ));
                let exit = summary::finish(&shell, &root, &diags, &report, Command::Build);
                if let Exit::Signal(_) = exit {
                    return Ok(exit);
                }
                let passed = exit == Exit::Success;
                sessionpack::overview::write_watch_state(
                    &out,
                    &build,
                    passed,
                    &error_lines(&diags),
                    &at,
                )?;
            }
            Err(e) if number == 1 => return Err(e),
            Err(e) => {
                let text = format!("{e:#}");
                shell.note(&format!("{at} {what}: the build failed: {text}"));
                sessionpack::overview::write_watch_state(&out, &build, false, &[text], &at)?;
            }
        }
        if number == 1 && args.open {
            open(&shell, &out.path().join(sessionpack::out::INDEX_PAGE));
        }
        changed = loop {
            if let Some(signal) = sessionpack::stop::requested() {
                return Ok(Exit::Signal(signal));
            }
            match watch.next(Duration::from_millis(200)) {
                None => continue,
                Some(Batch::Changed(files)) => break files,
                Some(Batch::Failed(why)) => {
                    anyhow::bail!("watching the project failed: {why}")
                }
            }
        };
    }
}

/// The lists named in `claimant_files`, as the settings name them (none when they cannot be
/// read: the build says why).
fn claimant_files(root: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok((project, _)) = sessionpack::project::Project::load(root) else {
        return Vec::new();
    };
    (project.config.claimant_files.iter())
        .filter_map(|source| source.resolve().ok())
        .map(|source| source.file.into())
        .collect()
}

/// The errors of a build, `file:line: message (CODE)`, for the page.
fn error_lines(diags: &Diagnostics) -> Vec<String> {
    (diags.iter())
        .filter(|d| d.is_error())
        .map(|d| match &d.location {
            Some(place) => format!("{place}: {} ({})", d.message, d.rule.code),
            None => format!("{} ({})", d.message, d.rule.code),
        })
        .collect()
}

/// Open the overview in the default browser, once.
fn open(shell: &Shell, page: &std::path::Path) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let opened = std::process::Command::new(opener)
        .arg(page)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if opened.is_err() {
        shell.note(&format!(
            "could not open a browser ({opener}); open {} yourself",
            page.display()
        ));
    }
}
