use anyhow::Result;
use sessionpack::out::OutDir;
use sessionpack::pack;

use super::args::Global;
use super::summary::Exit;

/// `sessionpack clean`: remove what build wrote under out/.
pub fn execute(global: &Global) -> Result<Exit> {
    let root = global.project_root()?;
    let out = OutDir::new(&root);
    let removed = {
        let _lock = out.lock("clean")?;
        pack::clean(&out)?
    };
    if !global.quiet {
        if removed.is_empty() {
            eprintln!("clean: nothing to remove");
        } else {
            eprintln!("clean: removed {}", removed.join(", "));
        }
    }
    Ok(Exit::Success)
}
