//! `sessionpack init DIR`: a new project with the default templates, strings and fonts, the
//! example project of this repository, which builds as it is, and CI for the engines asked
//! for. Both folders are embedded whole at build time, so every file added to them is carried
//! without a list to keep.
//!
//! The example never ages: its dates (in its files and their names) move on by whole weeks,
//! so weekdays stay, until its letters go out no earlier than the day `init` runs; its own
//! check passes on that day. On the example's own dates it is this repository's, byte for
//! byte, but for the one line that lets this repository keep its invented lists in git.

use std::path::Path;

use anyhow::{Result, bail};
use chrono::{Days, NaiveDate};
use include_dir::{Dir, include_dir};

use crate::config::CONFIG_FILE;
use crate::fs;

static TEMPLATES: Dir = include_dir!("$CARGO_MANIFEST_DIR/templates");
static CONTENT: Dir = include_dir!("$CARGO_MANIFEST_DIR/content");
const CONFIG: &str = include_str!("../sessionpack.yaml");

/// The lines of this repository's settings that let it keep the example's invented lists in
/// git (GS022), and what a new project has instead.
const INVENTED_LISTS_ALLOWED: (&str, &str) = (
    "rules:\n  # This repository's example lists are invented, kept in git for its tests (GS022).\n  # `sessionpack init` writes `rules: {}` instead: a new project's lists stay out of git.\n  GS022: allow\n",
    "rules: {}\n",
);

/// Out of git: what the tool writes, and the claimant lists, which are personal data (GS022).
const GITIGNORE: &str = "/out/\n/.sessionpack-check-*/\n/.sessionpack-tool/\n/.sessionpack-example/\n/.cache/\n/content/claimants/\n/content/pools/\n/content/allocations/\n";

/// A CI engine `init --ci` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ci {
    Github,
    Gitlab,
    Kubernetes,
    AwsBatch,
}

/// What `init` writes besides the project.
#[derive(Debug, Clone)]
pub struct Options {
    /// The day `init` runs (`SOURCE_DATE_EPOCH`, or today): the example's letters go out on it
    /// or later.
    pub today: NaiveDate,
    pub ci: Vec<Ci>,
    /// Split the week's build across this many machines (`--shard`), merged by `index`.
    pub shards: Option<u32>,
}

/// What `init` wrote.
pub struct Written {
    pub files: usize,
    /// The example's first session, after its dates moved on.
    pub first_session: NaiveDate,
}

/// Every file of a new project dated from `today`: (path relative to the project, bytes),
/// sorted by path.
pub fn files(today: NaiveDate) -> Vec<(String, Vec<u8>)> {
    fn walk(prefix: &str, dir: &'static Dir<'static>, out: &mut Vec<(String, Vec<u8>)>) {
        for file in dir.files() {
            out.push((
                format!("{prefix}/{}", fs::rel_path(Path::new(""), file.path())),
                file.contents().to_vec(),
            ));
        }
        for sub in dir.dirs() {
            walk(prefix, sub, out);
        }
    }
    let config = CONFIG.replace(INVENTED_LISTS_ALLOWED.0, INVENTED_LISTS_ALLOWED.1);
    let mut out = vec![(CONFIG_FILE.to_string(), config.into_bytes())];
    walk("templates", &TEMPLATES, &mut out);
    let mut content = Vec::new();
    walk("content", &CONTENT, &mut content);
    let days = shift_days(&content, today);
    out.extend(content.into_iter().map(|(path, bytes)| {
        let bytes = match String::from_utf8(bytes) {
            Ok(text) => shift_dates(&text, days).into_bytes(),
            Err(e) => e.into_bytes(),
        };
        (shift_dates(&path, days), bytes)
    }));
    out.sort();
    out
}

/// How many days the example moves on: whole weeks, the fewest that put its first letters on
/// `today` or later.
fn shift_days(content: &[(String, Vec<u8>)], today: NaiveDate) -> u64 {
    let first_letters = content
        .iter()
        .filter(|(path, _)| path.starts_with("content/sessions/"))
        .filter_map(|(_, bytes)| {
            let text = std::str::from_utf8(bytes).ok()?;
            let line = text.lines().find(|l| l.starts_with("letters_issued:"))?;
            NaiveDate::parse_from_str(line["letters_issued:".len()..].trim(), "%Y-%m-%d").ok()
        })
        .min();
    match first_letters {
        Some(first) if first < today => {
            let behind = (today - first).num_days() as u64;
            behind.div_ceil(7) * 7
        }
        _ => 0,
    }
}

/// `text` with every ISO date (`2026-12-01`, not inside a longer run of digits) `days` later.
fn shift_dates(text: &str, days: u64) -> String {
    if days == 0 {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let digit = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_digit);
    while i < bytes.len() {
        let shape = i + 10 <= bytes.len()
            && (0..10).all(|k| match k {
                4 | 7 => bytes[i + k] == b'-',
                _ => bytes[i + k].is_ascii_digit(),
            })
            && !(i > 0 && digit(i - 1))
            && !digit(i + 10);
        let date = shape
            .then(|| NaiveDate::parse_from_str(&text[i..i + 10], "%Y-%m-%d").ok())
            .flatten()
            .and_then(|d| d.checked_add_days(Days::new(days)));
        match date {
            Some(d) => {
                out.push_str(&d.format("%Y-%m-%d").to_string());
                i += 10;
            }
            None => {
                let next = (i + 1..=text.len())
                    .find(|j| text.is_char_boundary(*j))
                    .unwrap_or(text.len());
                out.push_str(&text[i..next]);
                i = next;
            }
        }
    }
    out
}

/// Where the one-machine build job starts, in the GitHub and GitLab files: a split build
/// puts its shards and merge in its place.
const GITHUB_BUILD_JOB: &str = "\n  build:\n";
const GITLAB_BUILD_JOB: &str = "\nbuild:\n";

/// The CI files for `ci`: (path relative to the project, text).
fn ci_files(ci: Ci, shards: Option<u32>) -> Vec<(&'static str, String)> {
    let n = shards.unwrap_or(1);
    let fill = |text: &str| {
        let list: Vec<String> = (1..=n).map(|k| k.to_string()).collect();
        text.replace("@N@", &n.to_string())
            .replace("@LAST@", &(n - 1).to_string())
            .replace("@SHARD_LIST@", &list.join(", "))
    };
    match ci {
        Ci::Github => {
            let full = include_str!("../ci-templates/github.yml");
            let text = match shards {
                None => full.to_string(),
                Some(_) => {
                    let head = full.split_once(GITHUB_BUILD_JOB).map_or(full, |(h, _)| h);
                    format!(
                        "{head}\n{}",
                        fill(include_str!("../ci-templates/github-shards.yml"))
                    )
                }
            };
            vec![(".github/workflows/sessionpack.yml", text)]
        }
        Ci::Gitlab => {
            let full = include_str!("../ci-templates/gitlab.yml");
            let text = match shards {
                None => full.to_string(),
                Some(_) => {
                    let head = full.split_once(GITLAB_BUILD_JOB).map_or(full, |(h, _)| h);
                    let head = head.replace(
                        "stages:\n  - check\n  - build\n",
                        "stages:\n  - check\n  - build\n  - merge\n",
                    );
                    format!(
                        "{head}\n{}",
                        fill(include_str!("../ci-templates/gitlab-shards.yml"))
                    )
                }
            };
            vec![(".gitlab-ci.yml", text)]
        }
        Ci::Kubernetes => vec![
            (
                "ci/kubernetes/shards.yaml",
                fill(include_str!("../ci-templates/kubernetes/shards.yaml")),
            ),
            (
                "ci/kubernetes/merge.yaml",
                fill(include_str!("../ci-templates/kubernetes/merge.yaml")),
            ),
            (
                "ci/kubernetes/run.sh",
                fill(include_str!("../ci-templates/kubernetes/run.sh")),
            ),
        ],
        Ci::AwsBatch => vec![
            (
                "ci/aws-batch/shard-job.json",
                fill(include_str!("../ci-templates/aws-batch/shard-job.json")),
            ),
            (
                "ci/aws-batch/merge-job.json",
                fill(include_str!("../ci-templates/aws-batch/merge-job.json")),
            ),
            (
                "ci/aws-batch/run.sh",
                fill(include_str!("../ci-templates/aws-batch/run.sh")),
            ),
        ],
    }
}

/// Why `options` cannot be written, in words for the command line.
pub fn refuse(options: &Options) -> Option<String> {
    let engines = |ci: Ci| options.ci.contains(&ci);
    match options.shards {
        None if engines(Ci::Kubernetes) || engines(Ci::AwsBatch) => Some(
            "--ci kubernetes and --ci aws-batch split the week's build across machines: give --shards N (2 or more)"
                .into(),
        ),
        Some(n) if n < 2 && engines(Ci::AwsBatch) => {
            Some("--ci aws-batch needs --shards 2 or more: an AWS Batch array job has at least 2 children".into())
        }
        _ => None,
    }
}

/// Write a new project into `dir` (which must not already hold a project).
pub fn write_project(dir: &Path, options: &Options) -> Result<Written> {
    if dir.join(CONFIG_FILE).exists() {
        bail!("{} already holds a sessionpack project", dir.display());
    }
    if dir.is_dir() && !fs::read_dir(dir)?.is_empty() {
        bail!(
            "{} is not empty: choose a new folder so nothing of yours is overwritten",
            dir.display()
        );
    }
    if let Some(why) = refuse(options) {
        bail!(why);
    }
    let mut files = files(options.today);
    for ci in &options.ci {
        files.extend(
            ci_files(*ci, options.shards)
                .into_iter()
                .map(|(path, text)| (path.to_string(), text.into_bytes())),
        );
    }
    files.push((".gitignore".to_string(), GITIGNORE.as_bytes().to_vec()));
    for (path, bytes) in &files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&target, bytes)?;
        #[cfg(unix)]
        if path.ends_with(".sh") {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o755))?;
        }
    }
    let first_session = files
        .iter()
        .filter_map(|(path, _)| path.strip_prefix("content/sessions/"))
        .filter_map(|name| {
            NaiveDate::parse_from_str(name.get(name.len().checked_sub(15)?..)?, "%Y-%m-%d.yaml")
                .ok()
        })
        .min()
        .unwrap_or(options.today);
    Ok(Written {
        files: files.len(),
        first_session,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dates_move_by_whole_weeks_and_nothing_else_changes() {
        let text = "starts: 2026-12-01T10:00\nreference: RA-CC-2026-044\nphone: 02920-123456\nx12026-12-01";
        assert_eq!(
            shift_dates(text, 14),
            "starts: 2026-12-15T10:00\nreference: RA-CC-2026-044\nphone: 02920-123456\nx12026-12-01"
        );
        assert_eq!(
            shift_dates("cardiff-2026-12-29.yaml", 7),
            "cardiff-2027-01-05.yaml"
        );
        assert_eq!(shift_dates("2026-02-30 Siân", 7), "2026-02-30 Siân");
    }

    #[test]
    fn the_example_moves_only_when_its_letters_would_be_late() {
        let content = vec![(
            "content/sessions/a.yaml".to_string(),
            b"letters_issued: 2026-11-23\n".to_vec(),
        )];
        assert_eq!(shift_days(&content, d("2026-11-20")), 0);
        assert_eq!(shift_days(&content, d("2026-11-23")), 0);
        assert_eq!(shift_days(&content, d("2026-11-24")), 7);
        assert_eq!(shift_days(&content, d("2026-11-30")), 7);
        assert_eq!(shift_days(&content, d("2027-03-10")), 112);
    }

    #[test]
    fn the_repository_settings_hold_the_line_init_replaces() {
        assert!(CONFIG.contains(INVENTED_LISTS_ALLOWED.0));
        assert!(include_str!("../ci-templates/github.yml").contains(GITHUB_BUILD_JOB));
        assert!(include_str!("../ci-templates/gitlab.yml").contains(GITLAB_BUILD_JOB));
    }
}
