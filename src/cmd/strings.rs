//! `sessionpack strings export FILE.xlsx` and `strings import FILE.xlsx`: the translator's
//! round trip.

use std::path::Path;

use anyhow::{Context, Result};
use sessionpack::l10n::strings::CY_FILE;
use sessionpack::project::Project;
use sessionpack::translate;

use super::args::Global;
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
    let (_, project) = strings(global)?;
    let Some(strings) = &project.strings else {
        return Ok(Exit::Input);
    };
    let count = translate::export(strings, file)?;
    let awaiting = translate::rows(strings)
        .iter()
        .filter(|r| r.status == translate::AWAITING)
        .count();
    if !global.quiet {
        eprintln!(
            "strings: wrote {count} strings to {} ({awaiting} awaiting review)",
            file.display()
        );
    }
    Ok(Exit::Success)
}

pub fn import(global: &Global, file: &Path) -> Result<Exit> {
    let (root, project) = strings(global)?;
    let Some(strings) = &project.strings else {
        return Ok(Exit::Input);
    };
    let rows = translate::read(file)?;
    let path = root.join(CY_FILE);
    let before = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let say = |level: &str, p: &translate::RowProblem| {
        eprintln!(
            "{level}: {}:{} (`{}`): {}",
            file.display(),
            p.row,
            sessionpack::diag::visible(&p.key),
            p.message
        );
    };
    match translate::merge(strings, &before, &rows) {
        Err(problems) => {
            for p in &problems {
                say("error", p);
            }
            eprintln!(
                "strings: nothing imported: {} row(s) to fix in {}",
                problems.len(),
                file.display()
            );
            Ok(Exit::Input)
        }
        Ok(merged) => {
            for p in &merged.stale {
                say("warning", p);
            }
            if merged.text == before {
                if !global.quiet {
                    eprintln!("strings: {CY_FILE} already says this; nothing changed");
                }
                return Ok(Exit::Success);
            }
            translate::write_strings(&root, &path, &merged.text)?;
            if !global.quiet {
                eprintln!(
                    "strings: {CY_FILE} updated from {}: {} ({}); run `sessionpack check`",
                    file.display(),
                    sessionpack::diag::plural(merged.changed.len(), "string"),
                    merged.changed.join(", ")
                );
            }
            Ok(Exit::Success)
        }
    }
}
