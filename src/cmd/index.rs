use anyhow::Result;
use sessionpack::diag::{Diagnostics, Policy};

use super::args::Global;
use super::summary::{Exit, repo_prefix};

/// `sessionpack index`: check the sessions in out/ against the project (after merging the
/// out/ folders of a build split with `--shard`), then write out/index.json.
pub fn execute(global: &Global) -> Result<Exit> {
    let root = global.project_root()?;
    let (problems, count) = sessionpack::pipeline::index(&root)?;
    if !problems.is_empty() {
        let mut diags = Diagnostics::new(Policy::default());
        diags.extend(problems);
        sessionpack::diag::report(
            &diags,
            global.format,
            global.verbose,
            global.colour(),
            &repo_prefix(&root),
        );
        if !global.quiet {
            eprintln!(
                "index: not written: out/ does not hold exactly this project's sessions ({})",
                sessionpack::diag::plural(diags.count(sessionpack::diag::Level::Error), "problem")
            );
        }
        return Ok(Exit::Input);
    }
    if !global.quiet {
        eprintln!(
            "index: out/index.json lists {}",
            sessionpack::diag::plural(count, "session")
        );
    }
    Ok(Exit::Success)
}
