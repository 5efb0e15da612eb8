//! Every printed text is in the documents' font: checked here, once per field at its file and
//! line or cell, so a character the font lacks is never left for typst to find in generated
//! source. Not-invited claimants too: the preview list prints them.

use crate::codes::UNPRINTABLE;
use crate::diag::{Diagnostic, Location};
use crate::envelope::FontMetrics;
use crate::l10n::Lang;
use crate::rules::concern::{Concern, Input, Report};
use crate::rules::welsh::texts;

pub const CONCERN: Concern = Concern { rules: &[], check };

fn describe(missing: &[char]) -> String {
    missing
        .iter()
        .map(|c| {
            if c.is_control() {
                format!("a control character (U+{:04X})", u32::from(*c))
            } else {
                format!("`{c}` (U+{:04X})", u32::from(*c))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn unprintable(what: &str, text: &str, missing: &[char], at: Location) -> Diagnostic {
    Diagnostic::new(
        &UNPRINTABLE,
        format!("{what}: the documents' font cannot print {}", describe(missing)),
    )
    .at(at)
    .snippet(text)
    .help("write it without those characters (the font has no emoji, Chinese, Arabic or other scripts); copying from other systems can bring in odd symbols")
    .fixed()
}

fn check(input: &Input, report: &mut Report) {
    let Some(font) = &input.project.fonts else {
        return;
    };
    for office in input.project.offices.values() {
        let mut fields: Vec<(String, String)> = [Lang::En, Lang::Cy]
            .into_iter()
            .filter_map(|l| {
                Some((
                    format!("name.{}", l.code()),
                    office.name.get(l)?.to_string(),
                ))
            })
            .collect();
        fields.extend(
            office
                .address
                .lines()
                .into_iter()
                .map(|(key, a)| (format!("address.{key}"), a.clone())),
        );
        fields.push(("phone".into(), office.phone.clone()));
        for (path, text) in fields {
            let missing = font.missing(&text);
            if !missing.is_empty() {
                let d = unprintable(
                    &format!("`{path}`"),
                    &text,
                    &missing,
                    office.data.loc(&path),
                );
                report.push(d);
            }
        }
    }
    for s in &input.sessions {
        let session = s.session;
        let mut fields: Vec<(String, String)> = Vec::new();
        for (path, t) in texts(session) {
            for lang in [Lang::En, Lang::Cy] {
                if let Some(text) = t.get(lang) {
                    fields.push((format!("{path}.{}", lang.code()), text.to_string()));
                }
            }
        }
        if let Some(v) = &session.venue {
            fields.extend(
                v.address
                    .lines()
                    .into_iter()
                    .map(|(key, a)| (format!("venue.address.{key}"), a.clone())),
            );
        }
        for (i, f) in session.facilitators.iter().enumerate() {
            fields.push((format!("facilitators.{i}.name"), f.name.clone()));
        }
        for (i, a) in session.agenda.iter().enumerate() {
            if let Some(speaker) = &a.speaker {
                fields.push((format!("agenda.{i}.speaker"), speaker.clone()));
            }
        }
        fields.push((
            "lms_interview_type".into(),
            session.lms_interview_type.clone(),
        ));
        for (path, text) in fields {
            let missing = font.missing(&text);
            if !missing.is_empty() {
                report.push(
                    unprintable(
                        &format!("`{path}`"),
                        &text,
                        &missing,
                        session.data.loc(&path),
                    )
                    .session(&session.id),
                );
            }
        }
        let Some(list) = s.claimants else { continue };
        for c in &list.claimants {
            let mut cells = vec![
                ("title".to_string(), c.title.clone()),
                ("first_name".to_string(), c.first_name.clone()),
                ("last_name".to_string(), c.last_name.clone()),
            ];
            if let Ok(a) = &c.address {
                cells.extend(a.lines.iter().map(|(f, l)| (column(*f), l.clone())));
            }
            if let Some(i) = &c.interpreter {
                cells.push(("interpreter".into(), i.clone()));
            }
            for (col, text) in cells {
                let missing = font.missing(&text);
                if !missing.is_empty() {
                    report.on_row(
                        &session.id,
                        c.row,
                        unprintable(
                            &format!("`{col}` of {}", c.reference),
                            &text,
                            &missing,
                            list.loc(c.row, &col),
                        ),
                    );
                }
            }
        }
    }
    strings(input, font, report);
}

fn column(field: crate::model::address::Field) -> String {
    match field {
        crate::model::address::Field::Line(n) => format!("address_line_{n}"),
        crate::model::address::Field::Postcode => "postcode".into(),
    }
}

/// The strings files: every line of wording.
fn strings(input: &Input, font: &FontMetrics, report: &mut Report) {
    for name in ["strings/en.ftl", "strings/cy.ftl"] {
        let Some(text) = input.project.templates.text(name) else {
            continue;
        };
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            let missing = font.missing(line);
            if !missing.is_empty() {
                report.push(unprintable(
                    "this string",
                    line.trim(),
                    &missing,
                    Location::line(format!("templates/{name}"), i + 1),
                ));
            }
        }
    }
}
