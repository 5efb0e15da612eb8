//! Plan: which sessions to build, the date on their letters, the timestamp that makes their
//! PDFs byte-identical on rebuild, and the files they are made from, with the fingerprint
//! that says whether `out/` already holds exactly this build.

use anyhow::{Result, anyhow};
use chrono::{NaiveDate, NaiveTime};
use sha2::{Digest, Sha256};

use crate::codes::UNKNOWN_SESSION;
use crate::diag::{Diagnostic, Diagnostics};
use crate::project::{InputFile, LoadedSession, Project};

/// A session to build.
#[derive(Debug, Clone)]
pub struct SessionPlan {
    pub id: String,
    /// The date printed on letters.
    pub issued: NaiveDate,
    /// `--creation-timestamp` for typst: midnight (UTC) of the issue date.
    pub timestamp: i64,
    /// Every file the session's documents are made from, as read at load, sorted by path.
    pub inputs: Vec<InputFile>,
    /// Errors in its input block the session: only its preview list is made, saying how
    /// many.
    pub not_built: Option<usize>,
    /// Of those errors, the ones no row of its list shows (a missing risk assessment, GS003),
    /// as the terminal says them: under the preview list's banner.
    pub problems: Vec<String>,
}

impl SessionPlan {
    /// SHA-256 over the tool's version, typst's `--version` line, the timestamp and every
    /// input's path and hash: equal fingerprints mean byte-identical output.
    pub fn fingerprint(&self, typst_version_line: &str) -> String {
        let mut h = Sha256::new();
        let made = match self.not_built {
            Some(errors) => format!(
                "preview only, {errors} errors: {}",
                self.problems.join("\n")
            ),
            None => "everything".to_string(),
        };
        for part in [
            env!("CARGO_PKG_VERSION"),
            typst_version_line,
            &self.timestamp.to_string(),
            &made,
        ] {
            h.update(part);
            h.update([0]);
        }
        for input in &self.inputs {
            h.update(input.path.as_bytes());
            h.update([0]);
            h.update(input.sha256.as_bytes());
            h.update([0]);
        }
        format!("{:x}", h.finalize())
    }
}

/// One of N slices of a project's sessions, for a build split across machines (`build
/// --shard K/N`): a session belongs to the slice its ID's SHA-256 picks, so the split is the
/// same on every machine and every run, and a session never moves when others are added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1..=count.
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// `K/N` with 1 <= K <= N.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let (k, n) = text
            .split_once('/')
            .ok_or_else(|| format!("`{text}` is not K/N, such as 2/5"))?;
        let index: u32 = k
            .trim()
            .parse()
            .map_err(|_| format!("`{k}` in `{text}` is not a whole number"))?;
        let count: u32 = n
            .trim()
            .parse()
            .map_err(|_| format!("`{n}` in `{text}` is not a whole number"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!(
                "`{text}`: K must be from 1 to N, and N at least 1 (such as 1/{})",
                count.max(1)
            ));
        }
        Ok(Shard { index, count })
    }

    pub fn contains(&self, id: &str) -> bool {
        let hash = Sha256::digest(id.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&hash[..8]);
        u64::from_be_bytes(first) % u64::from(self.count) == u64::from(self.index - 1)
    }
}

/// `--shard auto`: the slice from the environment of the CI engine running this job, and
/// where it was found. Indices are 1-based in `SESSIONPACK_SHARD` (`K/N`) and GitLab's
/// `CI_NODE_INDEX`, 0-based in Kubernetes' `JOB_COMPLETION_INDEX`, AWS Batch's
/// `AWS_BATCH_JOB_ARRAY_INDEX` and `SESSIONPACK_SHARD_INDEX` (GitHub's `strategy.job-index`,
/// passed in), which take their count from `SESSIONPACK_SHARD_COUNT`. None found, or more than
/// one, is an error: a shard never guesses which slice is its own.
pub fn shard_from_env(
    get: impl Fn(&str) -> Option<String>,
) -> Result<(Shard, &'static str), String> {
    let var = |name: &str| {
        get(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let number = |name: &str, text: &str| {
        text.parse::<u32>()
            .map_err(|_| format!("{name}=`{text}` is not a whole number"))
    };
    let zero_based = |name: &'static str,
                      what: &'static str|
     -> Option<Result<(Shard, &'static str), String>> {
        let index = var(name)?;
        Some((|| {
            let count = var("SESSIONPACK_SHARD_COUNT").ok_or_else(|| {
                format!("{name} is set but SESSIONPACK_SHARD_COUNT is not: set it to the number of shards")
            })?;
            let index = number(name, &index)?;
            let count = number("SESSIONPACK_SHARD_COUNT", &count)?;
            let shard = Shard::parse(&format!("{}/{count}", index + 1))
                .map_err(|e| format!("{name}={index} with SESSIONPACK_SHARD_COUNT={count}: {e}"))?;
            Ok((shard, what))
        })())
    };
    let found: Vec<Result<(Shard, &'static str), String>> = [
        var("SESSIONPACK_SHARD").map(|k_n| {
            Shard::parse(&k_n)
                .map(|s| (s, "SESSIONPACK_SHARD"))
                .map_err(|e| format!("SESSIONPACK_SHARD: {e}"))
        }),
        var("CI_NODE_INDEX").map(|index| {
            let total = var("CI_NODE_TOTAL")
                .ok_or("CI_NODE_INDEX is set but CI_NODE_TOTAL is not".to_string())?;
            Shard::parse(&format!("{index}/{total}"))
                .map(|s| (s, "GitLab's CI_NODE_INDEX and CI_NODE_TOTAL"))
                .map_err(|e| format!("CI_NODE_INDEX/CI_NODE_TOTAL: {e}"))
        }),
        zero_based(
            "JOB_COMPLETION_INDEX",
            "Kubernetes' JOB_COMPLETION_INDEX and SESSIONPACK_SHARD_COUNT",
        ),
        zero_based(
            "AWS_BATCH_JOB_ARRAY_INDEX",
            "AWS Batch's AWS_BATCH_JOB_ARRAY_INDEX and SESSIONPACK_SHARD_COUNT",
        ),
        zero_based(
            "SESSIONPACK_SHARD_INDEX",
            "SESSIONPACK_SHARD_INDEX and SESSIONPACK_SHARD_COUNT",
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    match found.as_slice() {
        [] => Err("--shard auto found no shard: set SESSIONPACK_SHARD=K/N, or run it where GitLab (parallel:), a Kubernetes Indexed Job or an AWS Batch array job sets its index (with SESSIONPACK_SHARD_COUNT for the last two); on GitHub pass SESSIONPACK_SHARD_INDEX: ${{ strategy.job-index }} and SESSIONPACK_SHARD_COUNT: ${{ strategy.job-total }}".to_string()),
        [one] => one.clone(),
        several => Err(format!(
            "--shard auto found more than one shard ({}): set only one",
            several
                .iter()
                .map(|r| match r {
                    Ok((s, from)) => format!("{}/{} from {from}", s.index, s.count),
                    Err(e) => e.clone(),
                })
                .collect::<Vec<_>>()
                .join("; ")
        )),
    }
}

/// Which sessions a run is asked for: those named with `--session` (all when none), within
/// the shard when there is one.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub sessions: Vec<String>,
    pub shard: Option<Shard>,
}

impl Selection {
    pub fn contains(&self, id: &str) -> bool {
        (self.sessions.is_empty() || self.sessions.iter().any(|s| s == id))
            && self.shard.is_none_or(|s| s.contains(id))
    }

    /// Every session of the project.
    pub fn is_everything(&self) -> bool {
        self.sessions.is_empty() && self.shard.is_none()
    }
}

/// The build date: `SOURCE_DATE_EPOCH` (seconds since 1970, for reproducible builds) when
/// given, otherwise today.
pub fn build_date(source_date_epoch: Option<i64>) -> Result<NaiveDate> {
    match source_date_epoch {
        None => Ok(chrono::Local::now().date_naive()),
        Some(secs) => chrono::DateTime::from_timestamp(secs, 0)
            .map(|d| d.date_naive())
            .ok_or_else(|| anyhow!("SOURCE_DATE_EPOCH={secs} is not a date this tool can use")),
    }
}

/// A blocked session's errors that no row of its list shows, as the terminal says them:
/// `GS003: the session has no risk assessment (content/sessions/ID.yaml:5:1)`.
fn own_problems(loaded: &LoadedSession, diags: &Diagnostics) -> Vec<String> {
    problems_of(&loaded.session.id, loaded.claimants.as_ref(), diags)
}

/// A session's errors, less those on rows of its list (`list`), as the terminal says them.
fn problems_of(
    id: &str,
    list: Option<&crate::model::ClaimantList>,
    diags: &Diagnostics,
) -> Vec<String> {
    let rows: std::collections::HashSet<usize> = list
        .iter()
        .flat_map(|l| l.claimants.iter().map(|c| c.row))
        .collect();
    let on_a_row = |d: &Diagnostic| {
        d.location.as_ref().is_some_and(|l| {
            list.is_some_and(|list| l.file == list.file())
                && l.line.is_some_and(|n| rows.contains(&n))
        })
    };
    let mut problems: Vec<String> = diags
        .errors_of(id)
        .filter(|d| !on_a_row(d))
        .map(|d| match &d.location {
            Some(at) => format!("{}: {} ({at})", d.rule.code, d.message),
            None => format!("{}: {}", d.rule.code, d.message),
        })
        .collect();
    problems.sort();
    problems.dedup();
    problems
}

/// Sessions to build: those selected. A session an error blocks gets only its preview list,
/// so the officer has the list to work from. A selected ID that does not exist is a
/// diagnostic, with the nearest that does.
pub fn plan(
    project: &Project,
    diags: &mut Diagnostics,
    selected: &Selection,
    today: NaiveDate,
) -> Vec<SessionPlan> {
    let mut plans: Vec<SessionPlan> = project
        .sessions
        .iter()
        .filter(|l| selected.contains(&l.session.id))
        .map(|loaded| {
            let s = &loaded.session;
            let issued = s.letters_issued.unwrap_or(today);
            let blocked = diags.blocks_session(&s.id);
            SessionPlan {
                id: s.id.clone(),
                issued,
                timestamp: issued.and_time(NaiveTime::MIN).and_utc().timestamp(),
                inputs: project.inputs_of(loaded),
                not_built: blocked.then(|| diags.errors_for(&s.id)),
                problems: if blocked {
                    own_problems(loaded, diags)
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    // A session whose file could not be read is still planned, for its NOT BUILT notice:
    // made from its file (as read), the settings and the templates.
    let read: std::collections::HashSet<&str> = project
        .sessions
        .iter()
        .map(|l| l.session.id.as_str())
        .collect();
    for id in project
        .session_ids
        .iter()
        .filter(|id| selected.contains(id) && !read.contains(id.as_str()))
    {
        let issued = today;
        plans.push(SessionPlan {
            id: id.clone(),
            issued,
            timestamp: issued.and_time(NaiveTime::MIN).and_utc().timestamp(),
            inputs: project.inputs_of_unread(id),
            not_built: Some(diags.errors_for(id).max(1)),
            problems: problems_of(id, None, diags),
        });
    }
    let order = project.session_order();
    plans.sort_by_key(|p| order.get(p.id.as_str()).copied().unwrap_or(usize::MAX));
    for id in &selected.sessions {
        if !project.session_ids.contains(id) {
            let nearest = project
                .session_ids
                .iter()
                .map(|known| (strsim::jaro_winkler(id, known), known))
                .filter(|(score, _)| *score > 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, known)| known);
            let help = match nearest {
                Some(known) => {
                    format!("did you mean `{known}`? (content/sessions/{id}.yaml does not exist)")
                }
                None => format!(
                    "sessions are the files in content/sessions/ (content/sessions/{id}.yaml does not exist)"
                ),
            };
            diags.push(
                Diagnostic::new(&UNKNOWN_SESSION, format!("there is no session `{id}`"))
                    .help(help)
                    .session(id),
            );
        }
    }
    plans
}

#[cfg(test)]
mod tests {
    use super::shard_from_env;

    fn from(vars: &[(&str, &str)]) -> Result<(u32, u32, &'static str), String> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        shard_from_env(|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
            .map(|(s, from)| (s.index, s.count, from))
    }

    #[test]
    fn a_shard_is_read_from_each_engine_with_its_base() {
        assert_eq!(from(&[("SESSIONPACK_SHARD", "2/16")]).unwrap().0, 2);
        let gitlab = from(&[("CI_NODE_INDEX", "1"), ("CI_NODE_TOTAL", "4")]).unwrap();
        assert_eq!((gitlab.0, gitlab.1), (1, 4));
        for index in [
            "JOB_COMPLETION_INDEX",
            "AWS_BATCH_JOB_ARRAY_INDEX",
            "SESSIONPACK_SHARD_INDEX",
        ] {
            let got = from(&[(index, "0"), ("SESSIONPACK_SHARD_COUNT", "16")]).unwrap();
            assert_eq!((got.0, got.1), (1, 16), "{index}: 0-based");
            assert!(from(&[(index, "16"), ("SESSIONPACK_SHARD_COUNT", "16")]).is_err());
            assert!(
                from(&[(index, "3")])
                    .unwrap_err()
                    .contains("SESSIONPACK_SHARD_COUNT")
            );
        }
        assert!(from(&[]).unwrap_err().contains("found no shard"));
        let two = from(&[
            ("SESSIONPACK_SHARD", "1/2"),
            ("CI_NODE_INDEX", "2"),
            ("CI_NODE_TOTAL", "2"),
        ])
        .unwrap_err();
        assert!(two.contains("more than one shard"), "{two}");
        assert!(from(&[("CI_NODE_INDEX", "0"), ("CI_NODE_TOTAL", "2")]).is_err());
    }
}
