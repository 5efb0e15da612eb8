//! Personal data that must never be in a claimant list (GSG 43). The columns are found while
//! the list is read (`model::privacy`), so no cell of them is ever kept.

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

pub const CONCERN: Concern = Concern {
    rules: &[&BANK_DETAILS],
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
}
