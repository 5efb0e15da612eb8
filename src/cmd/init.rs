use std::path::Path;

use anyhow::Result;
use serde_json::json;

use super::args::Global;
use super::shell::Shell;
use super::summary::Exit;

/// `sessionpack init DIR`: a new project that builds as it is.
pub fn execute(global: &Global, dir: &Path) -> Result<Exit> {
    let shell = Shell::new(global);
    // A folder already in use is a mistake in the command, not a fault of the machine.
    let occupied = dir.is_dir() && std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    let written = sessionpack::init::write_project(dir).map_err(|e| {
        if occupied {
            super::args::UsageError(format!("{e:#}")).into()
        } else {
            e
        }
    })?;
    shell.status(
        "init",
        &format!("wrote {} files into {}", written, dir.display()),
    );
    shell.note(&format!(
        "  next: cd {} && sessionpack build",
        dir.display()
    ));
    shell.result(
        "init",
        json!({ "files": written, "dir": dir.display().to_string() }),
    );
    Ok(Exit::Success)
}
