use anyhow::Result;

use super::args::Global;
use super::summary::Exit;

/// `sessionpack index`: write out/index.json from the sessions in out/, after merging the
/// out/ folders of a build split with `--shard`.
pub fn execute(global: &Global) -> Result<Exit> {
    let root = global.project_root()?;
    let count = sessionpack::pipeline::index(&root)?;
    if !global.quiet {
        eprintln!(
            "index: out/index.json lists {}",
            sessionpack::diag::plural(count, "session")
        );
    }
    Ok(Exit::Success)
}
