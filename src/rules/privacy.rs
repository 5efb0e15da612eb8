//! Personal data that must never be in a claimant list (GSG 43), and claimant lists kept
//! where they need not be. The columns are found while the list is read (`model::privacy`),
//! so no cell of them is ever kept.

use crate::diag::{Diagnostic, Level, Rule};
use crate::rules::concern::{Concern, Input, Report};

pub static BANK_DETAILS: Rule = Rule {
    code: "GS015",
    name: "bank-details",
    level: Level::Error,
    must: true,
    source: Some("GSG 43"),
    summary: "claimant data must never hold bank details: documents with full customer details and bank accounts are never couriered",
};

pub static LIST_IN_GIT: Rule = Rule {
    code: "GS022",
    name: "claimant-list-in-git",
    level: Level::Warning,
    must: false,
    source: Some("UK GDPR art. 5(1)(c) and (e), data minimisation and storage limitation"),
    summary: "a claimant list is personal data, kept no longer than needed: in git, every clone and every past commit keeps it for ever. Keep the week's lists out of git; CI reads them from a protected path",
};

pub const CONCERN: Concern = Concern {
    rules: &[&BANK_DETAILS, &LIST_IN_GIT],
    check,
};

fn check(input: &Input, report: &mut Report) {
    for s in &input.sessions {
        let Some(list) = s.claimants else { continue };
        for column in &list.bank_columns {
            report.push(
                Diagnostic::new(
                    &BANK_DETAILS,
                    format!("column `{}` looks like bank details", column.header),
                )
                .at(column.location.clone())
                .help("delete this column from the export: bank details are never kept with claimant lists")
                .session(s.id()),
            );
        }
    }
    // Each tracked list once: a list for several sessions is the project's, not a session's.
    let tracked = &input.project.tracked_in_git;
    let mut seen = std::collections::BTreeSet::new();
    let shared = (input.project.config.claimant_files.iter())
        .filter_map(|l| Some((l.resolve().ok()?.file, None)));
    let own = (input.sessions.iter())
        .filter_map(|s| Some((s.claimants?.file().to_string(), Some(s.id()))));
    for (file, session) in shared.chain(own) {
        if !tracked.contains(&file) || !seen.insert(file.clone()) {
            continue;
        }
        let mut d = Diagnostic::new(
            &LIST_IN_GIT,
            format!("the claimant list {file} is tracked by git: its names and addresses stay in every clone and in the history"),
        )
        .at(crate::diag::Location::file(&file))
        .help(format!(
            "`git rm --cached {file}`, add `/content/claimants/` to .gitignore, and let CI read the lists from a protected path (see the README's CI section)"
        ));
        if let Some(id) = session {
            d = d.session(id);
        }
        report.push(d);
    }
}
