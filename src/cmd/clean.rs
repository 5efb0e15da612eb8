use anyhow::Result;
use serde_json::json;
use sessionpack::out::OutDir;
use sessionpack::pack;

use super::args::Global;
use super::shell::Shell;
use super::summary::Exit;

/// `sessionpack clean`: remove what build wrote under out/.
pub fn execute(global: &Global) -> Result<Exit> {
    let shell = Shell::new(global);
    let root = global.project_root()?;
    let out = OutDir::new(&root);
    let removed = {
        let _lock = out.lock("clean")?;
        pack::clean(&out)?
    };
    if removed.is_empty() {
        shell.status("clean", "nothing to remove");
    } else {
        shell.status("clean", &format!("removed {}", removed.join(", ")));
    }
    shell.result("clean", json!({ "removed": removed }));
    Ok(Exit::Success)
}
