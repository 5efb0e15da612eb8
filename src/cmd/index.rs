use anyhow::Result;
use serde_json::json;
use sessionpack::diag::{Diagnostics, Level, Policy, plural};

use super::args::Global;
use super::shell::Shell;
use super::summary::{Exit, repo_prefix};

/// `sessionpack index`: check the sessions in out/ against the project (after merging the
/// out/ folders of a build split with `--shard`, with `--shards N` their receipts too), then
/// write out/index.json.
pub fn execute(global: &Global, shards: Option<u32>) -> Result<Exit> {
    let shell = Shell::new(global);
    let root = global.project_root()?;
    let indexed = sessionpack::pipeline::index(&root, shards)?;
    if !indexed.problems.is_empty() {
        let mut diags = Diagnostics::new(Policy::default());
        diags.extend(indexed.problems);
        shell.diagnostics(&diags, &repo_prefix(&root));
        let errors = diags.count(Level::Error);
        shell.note(&format!(
            "index: not written: out/ does not hold exactly this project's sessions ({})",
            plural(errors, "problem")
        ));
        shell.result("index", json!({ "written": false, "problems": errors }));
        return Ok(Exit::Input);
    }
    // The region's problems once, not once a shard: what its shards showed, merged.
    let (errors, warnings) = match &indexed.region {
        Some(region) => {
            shell.diagnostics(region, &repo_prefix(&root));
            (region.count(Level::Error), region.count(Level::Warning))
        }
        None => (0, 0),
    };
    let merged = match shards {
        Some(n) => format!(" (the {} merged)", plural(n as usize, "shard")),
        None => String::new(),
    };
    shell.status(
        "index",
        &format!(
            "out/index.json lists {}{merged}",
            plural(indexed.sessions, "session")
        ),
    );
    shell.result(
        "index",
        json!({ "written": true, "sessions": indexed.sessions, "shards": shards, "errors": errors, "warnings": warnings }),
    );
    Ok(Exit::Success)
}
