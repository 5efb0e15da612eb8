use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sessionpack::diag::{self, Format};
use sessionpack::pipeline::{self, BuildOptions, Progress};

use super::args::{BuildArgs, Global};

/// A progress bar on a terminal; one line per session otherwise (CI logs).
struct Bar {
    bar: ProgressBar,
    terminal: bool,
}

impl Progress for Bar {
    fn start(&self, total: usize) {
        self.bar.set_length(total as u64);
    }

    fn session_done(&self, id: &str, message: &str) {
        if self.terminal {
            self.bar.set_message(format!("{id}: {message}"));
        } else {
            eprintln!("build: {id}: {message}");
        }
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// `sessionpack build`: true when every selected session was built without errors.
pub fn execute(global: &Global, args: &BuildArgs) -> Result<bool> {
    let root = global.project_root()?;
    let format = global.format;
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr()) && format == Format::Human;
    let bar = ProgressBar::with_draw_target(
        None,
        if terminal {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    bar.set_style(
        ProgressStyle::with_template("{spinner} compiling [{bar:30}] {pos}/{len} sessions  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let options = BuildOptions {
        check: args.check.options(),
        sessions: args.sessions.clone(),
        jobs: args.jobs.map(usize::from),
        typst: args.typst.clone(),
        typst_timeout: std::time::Duration::from_secs(args.typst_timeout),
        keep_build_dir: args.keep_build_dir,
    };
    let (diags, report) = pipeline::build(&root, &options, &Bar { bar, terminal })?;
    diag::report(&diags, format, global.verbose);
    if format == Format::Human {
        for built in &report.built {
            eprintln!(
                "built {}: {} files in out/{}/",
                built.id, built.files, built.id
            );
        }
        for id in &report.up_to_date {
            eprintln!("up to date: {id}");
        }
        for id in &report.blocked {
            if report.previewed.contains(id) {
                eprintln!(
                    "not built: {id} (fix the errors above; only its preview list was written, out/{id}/preview.pdf)"
                );
            } else {
                eprintln!("not built: {id} (fix the errors above; nothing was written for it)");
            }
        }
        if !report.relaxed.is_empty() {
            eprintln!("{}", super::args::relaxed_line(&report.relaxed));
        }
        for id in &report.failed {
            eprintln!("failed: {id} (nothing was written for it)");
        }
    }
    Ok(!diags.has_errors() && report.failed.is_empty())
}
