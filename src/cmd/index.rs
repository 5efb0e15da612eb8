use anyhow::Result;
use serde_json::json;
use sessionpack::diag::{Diagnostics, Level, Policy, plural};

use super::args::Global;
use super::shell::Shell;
use super::summary::{Exit, repo_prefix};

/// `sessionpack index`: check the sessions in out/ against the project (after merging the
/// out/ folders of a build split with `--shard`), then write out/index.json.
pub fn execute(global: &Global, shards: Option<u32>) -> Result<Exit> {
    let shell = Shell::new(global);
    let root = global.project_root()?;
    let (problems, count) = sessionpack::pipeline::index(&root, shards)?;
    if !problems.is_empty() {
        let mut diags = Diagnostics::new(Policy::default());
        diags.extend(problems);
        shell.diagnostics(&diags, &repo_prefix(&root));
        let errors = diags.count(Level::Error);
        shell.note(&format!(
            "index: not written: out/ does not hold exactly this project's sessions ({})",
            plural(errors, "problem")
        ));
        shell.result("index", json!({ "written": false, "problems": errors }));
        return Ok(Exit::Input);
    }
    shell.status(
        "index",
        &format!("out/index.json lists {}", plural(count, "session")),
    );
    shell.result("index", json!({ "written": true, "sessions": count }));
    Ok(Exit::Success)
}
