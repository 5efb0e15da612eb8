//! Plan: which sessions to build, the date on their letters, the timestamp that makes their
//! PDFs byte-identical on rebuild, and the files they are made from, with the fingerprint
//! that says whether `out/` already holds exactly this build.

use anyhow::{Result, anyhow};
use chrono::{NaiveDate, NaiveTime};
use sha2::{Digest, Sha256};

use crate::codes::UNKNOWN_SESSION;
use crate::diag::{Diagnostic, Diagnostics};
use crate::project::{InputFile, Project};

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
}

impl SessionPlan {
    /// SHA-256 over the tool's version, typst's `--version` line, the timestamp and every
    /// input's path and hash: equal fingerprints mean byte-identical output.
    pub fn fingerprint(&self, typst_version_line: &str) -> String {
        let mut h = Sha256::new();
        let made = match self.not_built {
            Some(errors) => format!("preview only, {errors} errors"),
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
            h.update(&input.path);
            h.update([0]);
            h.update(&input.sha256);
            h.update([0]);
        }
        format!("{:x}", h.finalize())
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

/// Sessions to build: those selected (all when `selected` is empty). A session an error
/// blocks gets only its preview list, so the officer has the list to work from. A selected ID
/// that does not exist is a diagnostic.
pub fn plan(
    project: &Project,
    diags: &mut Diagnostics,
    selected: &[String],
    today: NaiveDate,
) -> Vec<SessionPlan> {
    let plans = project
        .sessions
        .iter()
        .filter(|l| selected.is_empty() || selected.contains(&l.session.id))
        .map(|loaded| {
            let s = &loaded.session;
            let issued = s.letters_issued.unwrap_or(today);
            SessionPlan {
                id: s.id.clone(),
                issued,
                timestamp: issued.and_time(NaiveTime::MIN).and_utc().timestamp(),
                inputs: project.inputs_of(loaded),
                not_built: diags.blocks_session(&s.id).then(|| diags.errors_for(&s.id)),
            }
        })
        .collect();
    for id in selected {
        if !project.session_ids.contains(id) {
            diags.push(
                Diagnostic::new(&UNKNOWN_SESSION, format!("there is no session `{id}`"))
                    .help(format!(
                        "sessions are the files in content/sessions/ (content/sessions/{id}.yaml does not exist)"
                    ))
                    .session(id),
            );
        }
    }
    plans
}
