//! `sessionpack init DIR`: a new project with the default templates, strings and fonts, and
//! the example project of this repository, which builds as it is.

use std::path::Path;

use anyhow::{Context, Result, bail};

macro_rules! project_files {
    ($($path:literal),* $(,)?) => {
        /// Every file of a new project, embedded from this repository at build time.
        pub static FILES: &[(&str, &[u8])] = &[
            $(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $path)))),*
        ];
    };
}

project_files!(
    "sessionpack.yaml",
    "content/offices/cardiff-central.yaml",
    "content/offices/bristol-south.yaml",
    "content/sessions/cardiff-2026-12-01.yaml",
    "content/sessions/cardiff-venue-2026-12-03.yaml",
    "content/sessions/bristol-2026-12-02.yaml",
    "content/claimants/cardiff-2026-12-01.csv",
    "content/claimants/cardiff-venue-2026-12-03.csv",
    "content/claimants/bristol-2026-12-02.csv",
    "templates/layout.typ",
    "templates/attendance-register.typ.tera",
    "templates/facilitator-script.typ.tera",
    "templates/feedback.typ.tera",
    "templates/letters.typ.tera",
    "templates/macros.typ.tera",
    "templates/poster.typ.tera",
    "templates/preview.typ.tera",
    "templates/travel-claims.typ.tera",
    "templates/strings/en.ftl",
    "templates/strings/cy.ftl",
    "templates/fonts/AtkinsonHyperlegibleNext_400Regular.ttf",
    "templates/fonts/AtkinsonHyperlegibleNext_400Regular_Italic.ttf",
    "templates/fonts/AtkinsonHyperlegibleNext_700Bold.ttf",
    "templates/fonts/AtkinsonHyperlegibleNext_700Bold_Italic.ttf",
    "templates/fonts/OFL.txt",
);

const GITIGNORE: &str = "/out/\n";

/// Write a new project into `dir` (which must not already hold a project). Returns the number
/// of files written.
pub fn write_project(dir: &Path) -> Result<usize> {
    if dir.join(crate::project::CONFIG_FILE).exists() {
        bail!("{} already holds a sessionpack project", dir.display());
    }
    if dir.is_dir() && std::fs::read_dir(dir)?.next().is_some() {
        bail!(
            "{} is not empty: choose a new folder so nothing of yours is overwritten",
            dir.display()
        );
    }
    for (path, bytes) in FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&target, bytes)
            .with_context(|| format!("cannot write {}", target.display()))?;
    }
    std::fs::write(dir.join(".gitignore"), GITIGNORE)
        .with_context(|| format!("cannot write into {}", dir.display()))?;
    Ok(FILES.len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `init` must carry every file of the example project, so a new project is the same as
    /// the one our tests build.
    #[test]
    fn init_embeds_every_project_file() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut on_disk = Vec::new();
        for dir in ["content", "templates"] {
            collect(root, &root.join(dir), &mut on_disk);
        }
        on_disk.push("sessionpack.yaml".to_string());
        on_disk.sort();
        let mut embedded: Vec<String> = FILES.iter().map(|(p, _)| p.to_string()).collect();
        embedded.sort();
        assert_eq!(embedded, on_disk);
    }

    fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect(root, &path, out);
            } else {
                out.push(
                    path.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
}
