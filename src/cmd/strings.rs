//! `sessionpack strings export FILE.xlsx` and `strings import FILE.xlsx`: the translator's
//! round trip.

use std::path::Path;

use anyhow::{Context, Result};
use sessionpack::l10n::strings::CY_FILE;
use sessionpack::project::Project;
use sessionpack::translate;

use serde_json::json;
use sessionpack::diag::{Level, plural};

use super::args::Global;
use super::shell::Shell;
use super::summary::Exit;

fn strings(global: &Global) -> Result<(std::path::PathBuf, Project)> {
    let root = global.project_root()?;
    let (project, _) = Project::load(&root)?;
    if project.strings.is_none() {
        anyhow::bail!(
            "the strings files cannot be read: run `sessionpack check` to see why, and fix them first"
        );
    }
    Ok((root, project))
}

pub fn export(global: &Global, file: &Path) -> Result<Exit> {
    let shell = Shell::new(global);
    let (_, project) = strings(global)?;
    let Some(strings) = &project.strings else {
        return Ok(Exit::Input);
    };
    let count = translate::export(strings, file)?;
    let awaiting = translate::rows(strings)
        .iter()
        .filter(|r| r.status == translate::AWAITING)
        .count();
    shell.status(
        "strings",
        &format!(
            "wrote {count} strings to {} ({awaiting} awaiting review)",
            file.display()
        ),
    );
    shell.result(
        "strings",
        json!({ "exported": count, "awaiting_review": awaiting, "file": file.display().to_string() }),
    );
    Ok(Exit::Success)
}

pub fn import(global: &Global, file: &Path) -> Result<Exit> {
    let shell = Shell::new(global);
    let (root, project) = strings(global)?;
    let Some(strings) = &project.strings else {
        return Ok(Exit::Input);
    };
    let rows = translate::read(file)?;
    let path = root.join(CY_FILE);
    let before = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let say = |level: Level, p: &translate::RowProblem| {
        shell.problem(
            level,
            &format!(
                "{}:{} (`{}`): {}",
                file.display(),
                p.row,
                sessionpack::diag::visible(&p.key),
                p.message
            ),
        );
    };
    match translate::merge(strings, &before, &rows) {
        Err(problems) => {
            for p in &problems {
                say(Level::Error, p);
            }
            shell.status(
                "strings",
                &format!(
                    "nothing imported: {} to fix in {}",
                    plural(problems.len(), "row"),
                    file.display()
                ),
            );
            shell.result(
                "strings",
                json!({ "imported": false, "problems": problems.len() }),
            );
            Ok(Exit::Input)
        }
        Ok(merged) => {
            for p in &merged.stale {
                say(Level::Warning, p);
            }
            if merged.text == before {
                shell.status(
                    "strings",
                    &format!("{CY_FILE} already says this; nothing changed"),
                );
                shell.result("strings", json!({ "imported": true, "changed": [] }));
                return Ok(Exit::Success);
            }
            translate::write_strings(&root, &path, &merged.text)?;
            shell.status(
                "strings",
                &format!(
                    "{CY_FILE} updated from {}: {} ({}); run `sessionpack check`",
                    file.display(),
                    plural(merged.changed.len(), "string"),
                    merged.changed.join(", ")
                ),
            );
            shell.result(
                "strings",
                json!({ "imported": true, "changed": merged.changed }),
            );
            Ok(Exit::Success)
        }
    }
}
