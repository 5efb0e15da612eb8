use anyhow::Result;
use sessionpack::diag::{self, Format};
use sessionpack::pipeline;

use super::args::{CheckArgs, Global};

/// `sessionpack check`: report every problem; true when there are no errors.
pub fn execute(global: &Global, args: &CheckArgs) -> Result<bool> {
    let root = global.project_root()?;
    let (diags, report) = pipeline::check(&root, &args.options())?;
    diag::report(&diags, global.format, global.verbose);
    if global.format == Format::Human {
        for s in &report.sessions {
            eprintln!(
                "{}: {} invited, {} not invited (the preview list gives each row's decision)",
                s.id, s.invited, s.not_invited
            );
        }
        if !report.relaxed.is_empty() {
            eprintln!("{}", super::args::relaxed_line(&report.relaxed));
        }
        if diags.iter().next().is_none() {
            eprintln!("check: no problems found");
        }
    }
    Ok(!diags.has_errors())
}
