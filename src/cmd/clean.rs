use std::path::PathBuf;

use anyhow::Result;
use sessionpack::pack;

/// `sessionpack clean`: remove what build wrote under out/.
pub fn execute(root: Option<PathBuf>) -> Result<bool> {
    let root = super::root(root)?;
    let removed = pack::clean(&root)?;
    if removed.is_empty() {
        eprintln!("clean: nothing to remove");
    } else {
        eprintln!("clean: removed {}", removed.join(", "));
    }
    Ok(true)
}
