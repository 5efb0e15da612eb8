use std::path::Path;

use anyhow::Result;

/// `sessionpack init DIR`: a new project that builds as it is.
pub fn execute(dir: &Path) -> Result<bool> {
    let written = sessionpack::init::write_project(dir)?;
    eprintln!("init: wrote {} files into {}", written, dir.display());
    eprintln!("  next: cd {} && sessionpack build", dir.display());
    Ok(true)
}
