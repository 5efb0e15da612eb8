use std::path::Path;

use anyhow::Result;

use super::summary::Exit;

/// `sessionpack init DIR`: a new project that builds as it is.
pub fn execute(dir: &Path) -> Result<Exit> {
    // A folder already in use is a mistake in the command, not a fault of the machine.
    let occupied = dir.is_dir() && std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    let written = sessionpack::init::write_project(dir).map_err(|e| {
        if occupied {
            super::args::UsageError(format!("{e:#}")).into()
        } else {
            e
        }
    })?;
    eprintln!("init: wrote {} files into {}", written, dir.display());
    eprintln!("  next: cd {} && sessionpack build", dir.display());
    Ok(Exit::Success)
}
