//! `sessionpack init DIR`: a new project with the default templates, strings and fonts, and
//! the example project of this repository, which builds as it is. Both folders are embedded
//! whole at build time, so every file added to them is carried without a list to keep. It has
//! CI workflows for GitHub and GitLab too.

use std::path::Path;

use anyhow::{Result, bail};
use include_dir::{Dir, include_dir};

use crate::config::CONFIG_FILE;
use crate::fs;

static TEMPLATES: Dir = include_dir!("$CARGO_MANIFEST_DIR/templates");
static CONTENT: Dir = include_dir!("$CARGO_MANIFEST_DIR/content");
const CONFIG: &[u8] = include_bytes!("../sessionpack.yaml");

const GITIGNORE: &str = "/out/\n/.sessionpack-check-*/\n/.sessionpack-tool/\n/.cache/\n";

/// CI workflows: check on every pull request, build on the main branch.
pub const GITHUB_WORKFLOW: (&str, &[u8]) = (
    ".github/workflows/sessionpack.yml",
    include_bytes!("../ci-templates/github.yml"),
);
pub const GITLAB_CI: (&str, &[u8]) = (
    ".gitlab-ci.yml",
    include_bytes!("../ci-templates/gitlab.yml"),
);

/// Every file of a new project: (path relative to the project, bytes), sorted by path.
pub fn files() -> Vec<(String, &'static [u8])> {
    fn walk(prefix: &str, dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
        for file in dir.files() {
            out.push((
                format!(
                    "{prefix}/{}",
                    crate::fs::rel_path(Path::new(""), file.path())
                ),
                file.contents(),
            ));
        }
        for sub in dir.dirs() {
            walk(prefix, sub, out);
        }
    }
    let mut out = vec![(CONFIG_FILE.to_string(), CONFIG)];
    walk("templates", &TEMPLATES, &mut out);
    walk("content", &CONTENT, &mut out);
    out.sort();
    out
}

/// Write a new project into `dir` (which must not already hold a project). Returns the number
/// of files written.
pub fn write_project(dir: &Path) -> Result<usize> {
    if dir.join(CONFIG_FILE).exists() {
        bail!("{} already holds a sessionpack project", dir.display());
    }
    if dir.is_dir() && !fs::read_dir(dir)?.is_empty() {
        bail!(
            "{} is not empty: choose a new folder so nothing of yours is overwritten",
            dir.display()
        );
    }
    let files = files();
    for (path, bytes) in &files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&target, bytes)?;
    }
    for (path, bytes) in [GITHUB_WORKFLOW, GITLAB_CI] {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&target, bytes)?;
    }
    fs::write(&dir.join(".gitignore"), GITIGNORE)?;
    Ok(files.len() + 3)
}
