use anyhow::Result;
use sessionpack::out::OutDir;
use sessionpack::pack;

use super::args::Global;

/// `sessionpack clean`: remove what build wrote under out/.
pub fn execute(global: &Global) -> Result<bool> {
    let root = global.project_root()?;
    let removed = pack::clean(&OutDir::new(&root))?;
    if removed.is_empty() {
        eprintln!("clean: nothing to remove");
    } else {
        eprintln!("clean: removed {}", removed.join(", "));
    }
    Ok(true)
}
