//! Checks that the data can become letters: the office exists, invited claimants have postal
//! addresses that fit the envelope window.

use crate::codes::UNKNOWN_OFFICE;
use crate::diag::{Diagnostic, Level, Rule};
use crate::envelope::{self, FontMetrics};
use crate::model::ClaimantList;
use crate::model::address::Field;
use crate::rules::concern::{Concern, Input, Report};

pub static BAD_ADDRESS: Rule = Rule {
    code: "AD001",
    name: "bad-address",
    level: Level::Error,
    must: false,
    source: None,
    summary: "letters go in window envelopes: the address must be printable and deliverable (GOV.UK Notify's rules)",
};

pub static ADDRESS_TOO_WIDE: Rule = Rule {
    code: "AD002",
    name: "address-too-wide",
    level: Level::Error,
    must: false,
    source: None,
    summary: "every address line must fit the envelope window's width at 8pt: a clipped or wrapped line may not be delivered",
};

pub fn column(field: Field) -> String {
    match field {
        Field::Line(n) => format!("address_line_{n}"),
        Field::Postcode => "postcode".to_string(),
    }
}

pub const CONCERN: Concern = Concern {
    rules: &[&BAD_ADDRESS, &ADDRESS_TOO_WIDE],
    check,
};

fn check(input: &Input, report: &mut Report) {
    let project = input.project;
    for s in &input.sessions {
        let session = s.session;
        // An office whose file has errors is reported there, not again for each session.
        if s.office.is_none() && !project.office_ids.contains(&session.office) {
            let known: Vec<&str> = project.offices.keys().map(String::as_str).collect();
            report.push(
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
        if let Some(list) = s.claimants {
            addresses(list, project.fonts.as_ref(), &session.id, report);
        }
    }
}

/// Invited claimants need a deliverable address that fits the window. Not-invited rows get no
/// letter, so their addresses are not checked.
fn addresses(
    list: &ClaimantList,
    metrics: Option<&FontMetrics>,
    session: &str,
    report: &mut Report,
) {
    for c in list.invited() {
        let address = match &c.address {
            Ok(a) => a,
            Err(problems) => {
                for p in problems {
                    let col = column(p.field);
                    report.on_row(
                        session,
                        c.row,
                        Diagnostic::new(
                            &BAD_ADDRESS,
                            format!("`{col}` of {}: {}", c.reference, p.message),
                        )
                        .at(list.loc(c.row, &col))
                        .help(p.help),
                    );
                }
                continue;
            }
        };
        let Some(metrics) = metrics else { continue };
        let mut lines = vec![("first_name".to_string(), c.full_name())];
        lines.extend(address.lines.iter().map(|(f, l)| (column(*f), l.clone())));
        lines.push((column(address.postcode_field), address.postcode.clone()));
        if lines.len() > envelope::ADDRESS_MAX_LINES {
            report.on_row(
                session,
                c.row,
                Diagnostic::new(
                    &BAD_ADDRESS,
                    format!(
                        "the name and address of {} take {} lines; the window holds {}",
                        c.reference,
                        lines.len(),
                        envelope::ADDRESS_MAX_LINES
                    ),
                )
                .at(list.loc(c.row, "address_line_1"))
                .help("join some address lines"),
            );
        }
        for (col, line) in lines {
            // Characters the font lacks are reported for every printed field (`glyphs`).
            if let Ok(w) = metrics.width_mm(&line, envelope::ADDRESS_FONT_SIZE_PT)
                && w > envelope::ADDRESS_MAX_WIDTH_MM
            {
                report.on_row(
                    session,
                    c.row,
                    Diagnostic::new(
                        &ADDRESS_TOO_WIDE,
                        format!(
                            "`{col}` of {} is {w:.0} mm wide at {}pt; the window fits {} mm",
                            c.reference,
                            envelope::ADDRESS_FONT_SIZE_PT,
                            envelope::ADDRESS_MAX_WIDTH_MM
                        ),
                    )
                    .at(list.loc(c.row, &col))
                    .snippet(line)
                    .help("shorten the line or split it over two address lines"),
                );
            }
        }
    }
}
