//! Plan: which sessions to build, which documents each gets, the date on its letters and the
//! timestamp that makes its PDFs byte-identical on rebuild.

use chrono::{NaiveDate, NaiveTime};

use crate::diag::Diagnostics;
use crate::project::Project;
use crate::render::{
    SessionView, Templates, claims, feedback, letters, poster, preview, register, script,
};

/// Files a document writes without typst: (name under `out/ID/`, bytes).
pub type ExtraFiles = Vec<(String, Vec<u8>)>;

/// One kind of document: a template and the small Rust entry that feeds it.
pub struct DocumentKind {
    pub name: &'static str,
    pub template: &'static str,
    /// The files it writes, relative to `out/ID/`.
    pub outputs: fn(&SessionView) -> Vec<String>,
    /// Its Typst source.
    pub render: fn(&SessionView, &Templates) -> Result<String, String>,
    /// Files it writes without typst (name under `out/ID/`, bytes).
    pub extra: fn(&SessionView) -> Result<ExtraFiles, String>,
}

fn no_extra(_: &SessionView) -> Result<ExtraFiles, String> {
    Ok(Vec::new())
}

fn preview_csv(view: &SessionView) -> Result<ExtraFiles, String> {
    Ok(vec![("preview.csv".to_string(), preview::csv(view)?)])
}

/// Every document a session gets, in build order.
pub static DOCUMENTS: &[DocumentKind] = &[
    DocumentKind {
        name: "invitation letters",
        template: letters::TEMPLATE,
        outputs: letters::outputs,
        render: letters::render,
        extra: no_extra,
    },
    DocumentKind {
        name: "facilitator script",
        template: script::TEMPLATE,
        outputs: script::outputs,
        render: script::render,
        extra: no_extra,
    },
    DocumentKind {
        name: "attendance register",
        template: register::TEMPLATE,
        outputs: register::outputs,
        render: register::render,
        extra: no_extra,
    },
    DocumentKind {
        name: "travel-claim forms",
        template: claims::TEMPLATE,
        outputs: claims::outputs,
        render: claims::render,
        extra: no_extra,
    },
    DocumentKind {
        name: "feedback questionnaire",
        template: feedback::TEMPLATE,
        outputs: feedback::outputs,
        render: feedback::render,
        extra: no_extra,
    },
    DocumentKind {
        name: "poster",
        template: poster::TEMPLATE,
        outputs: poster::outputs,
        render: poster::render,
        extra: no_extra,
    },
    DocumentKind {
        name: "preview list",
        template: preview::TEMPLATE,
        outputs: preview::outputs,
        render: preview::render,
        extra: preview_csv,
    },
];

/// A session to build.
#[derive(Debug, Clone)]
pub struct SessionPlan {
    pub id: String,
    /// The date printed on letters.
    pub issued: NaiveDate,
    /// `--creation-timestamp` for typst: midnight (UTC) of the issue date.
    pub timestamp: i64,
}

/// The build date: `SOURCE_DATE_EPOCH` when set (reproducible builds), otherwise today.
pub fn build_date() -> NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map_or_else(|| chrono::Local::now().date_naive(), |d| d.date_naive())
}

/// Sessions to build: those selected (all when `selected` is empty) that no error blocks.
/// Returns the plans and the selected IDs that do not exist.
pub fn plan(
    project: &Project,
    diags: &Diagnostics,
    selected: &[String],
) -> (Vec<SessionPlan>, Vec<String>) {
    let unknown = selected
        .iter()
        .filter(|id| !project.session_ids.contains(id))
        .cloned()
        .collect();
    let today = build_date();
    let plans = project
        .sessions
        .iter()
        .filter(|s| selected.is_empty() || selected.contains(&s.id))
        .filter(|s| !diags.blocks_session(&s.id))
        .map(|s| {
            let issued = s.letters_issued.unwrap_or(today);
            SessionPlan {
                id: s.id.clone(),
                issued,
                timestamp: issued.and_time(NaiveTime::MIN).and_utc().timestamp(),
            }
        })
        .collect();
    (plans, unknown)
}
