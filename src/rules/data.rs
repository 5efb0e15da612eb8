//! Checks that the data can become letters: the office exists, invited claimants have postal
//! addresses that fit the envelope window.

use crate::diag::{Diagnostic, Diagnostics, Level, Rule};
use crate::model::address::Field;
use crate::model::claimant::BAD_ADDRESS;
use crate::model::{ClaimantList, UNKNOWN_OFFICE};
use crate::project::Project;
use crate::render::metrics::{self, FontMetrics};

pub static ADDRESS_TOO_WIDE: Rule = Rule {
    code: "AD002",
    name: "address-too-wide",
    level: Level::Error,
    source: None,
    summary: "every address line must fit the envelope window's width at 8pt: a clipped or wrapped line may not be delivered",
};

fn column(field: Field) -> String {
    match field {
        Field::Line(n) => format!("address_line_{n}"),
        Field::Postcode => "postcode".to_string(),
    }
}

pub fn check(project: &Project, diags: &mut Diagnostics) {
    for session in &project.sessions {
        if !project.offices.contains_key(&session.office) {
            let known: Vec<&str> = project.offices.keys().map(String::as_str).collect();
            diags.push(
                Diagnostic::new(
                    &UNKNOWN_OFFICE,
                    format!("`office`: there is no office `{}`", session.office),
                )
                .at_key(&session.data, "office")
                .help(if known.is_empty() {
                    "add the office as content/offices/ID.yaml".to_string()
                } else {
                    format!("known offices: {}", known.join(", "))
                })
                .session(&session.id),
            );
        }
        if let Some(list) = project.claimants.get(&session.id) {
            addresses(list, project.metrics.as_ref(), &session.id, diags);
        }
    }
}

/// Invited claimants need a deliverable address that fits the window. Not-invited rows get no
/// letter, so their addresses are not checked.
fn addresses(
    list: &ClaimantList,
    metrics: Option<&FontMetrics>,
    session: &str,
    diags: &mut Diagnostics,
) {
    for c in list.claimants.iter().filter(|c| c.is_invited()) {
        let address = match &c.address {
            Ok(a) => a,
            Err(problems) => {
                for p in problems {
                    let col = column(p.field);
                    diags.push(
                        Diagnostic::new(
                            &BAD_ADDRESS,
                            format!("`{col}` of {}: {}", c.reference, p.message),
                        )
                        .at(list.loc(c.row, &col))
                        .help(p.help)
                        .session(session),
                    );
                }
                continue;
            }
        };
        let Some(metrics) = metrics else { continue };
        let mut lines = vec![("first_name".to_string(), c.full_name())];
        lines.extend(address.lines.iter().map(|(f, l)| (column(*f), l.clone())));
        lines.push((column(address.postcode_field), address.postcode.clone()));
        if lines.len() > metrics::ADDRESS_MAX_LINES {
            diags.push(
                Diagnostic::new(
                    &BAD_ADDRESS,
                    format!(
                        "the name and address of {} take {} lines; the window holds {}",
                        c.reference,
                        lines.len(),
                        metrics::ADDRESS_MAX_LINES
                    ),
                )
                .at(list.loc(c.row, "address_line_1"))
                .help("join some address lines")
                .session(session),
            );
        }
        for (col, line) in lines {
            match metrics.width_mm(&line, metrics::ADDRESS_FONT_SIZE_PT) {
                Ok(w) if w > metrics::ADDRESS_MAX_WIDTH_MM => diags.push(
                    Diagnostic::new(
                        &ADDRESS_TOO_WIDE,
                        format!(
                            "`{col}` of {} is {w:.0} mm wide at {}pt; the window fits {} mm",
                            c.reference,
                            metrics::ADDRESS_FONT_SIZE_PT,
                            metrics::ADDRESS_MAX_WIDTH_MM
                        ),
                    )
                    .at(list.loc(c.row, &col))
                    .snippet(line)
                    .help("shorten the line or split it over two address lines")
                    .session(session),
                ),
                Ok(_) => {}
                Err(missing) => diags.push(
                    Diagnostic::new(
                        &BAD_ADDRESS,
                        format!("`{col}` of {} has characters the letter font cannot print: {}", c.reference, missing.iter().collect::<String>()),
                    )
                    .at(list.loc(c.row, &col))
                    .snippet(line)
                    .help("correct the characters (copying from other systems can bring in odd symbols)")
                    .session(session),
                ),
            }
        }
    }
}
