//! The preview list (`preview.pdf`, `preview.csv`): every claimant row with the decision on
//! inviting them, its reason and the warnings about them (GSG 26-37). Sensitive reasons appear
//! here and nowhere else. In the office's language(s): Welsh first in Wales.

use serde::Serialize;

use crate::diag::Level;
use crate::l10n::Lang;
use crate::l10n::strings::Arg;
use crate::model::{Claimant, Decision, NotInvitedReason, PrintFormat};
use crate::render::document::{Audience, DocumentKind, Input, Lists, SideFile, Split};
use crate::render::engine::Renderer;
use crate::render::error::RenderError;
use crate::render::view::SessionView;
use crate::render::view::{Facts, PAGE_NUMBER, PART_OF, page_args};
use crate::render::view::{access_key, format_key, language_key, reason_key};

pub const DOCUMENT: DocumentKind = DocumentKind {
    name: "preview list",
    template: "preview.typ.tera",
    // For the office only: in no bundle.
    bundle: None,
    split: Split::Table {
        rows_per_item: |v| v.office_langs().len(),
    },
    audience: Audience::OfficeSensitive,
    lists: Lists::EveryRow,
    made_when_not_built: true,
    strings: &[
        NOT_RECORDED_CY_EN,
        NOT_RECORDED_EN,
        TITLE,
        SUMMARY,
        NOT_BUILT,
        RELAXED,
        OVER_LIMIT,
        NOTE_ERROR,
        INVITED,
        NOT_INVITED,
        NOTE_DIRECTION,
        NOTE_APPROVED,
        NOTE_INTERPRETER,
        NOTE_ACCESS,
        NOTE_WELSH,
        FIX_ROW,
        PRINT_LETTERS,
        PRINT_LARGE,
        PRINT_CLAIMS,
        LEVEL_WORDS[0],
        LEVEL_WORDS[1],
        LEVEL_WORDS[2],
    ],
    outputs,
    render,
    side_files,
};

const TITLE: &str = "preview-title";
const NOT_BUILT: &str = "preview-not-built";
const RELAXED: &str = "preview-relaxed";
const OVER_LIMIT: &str = "preview-over-limit";
const NOTE_ERROR: &str = "note-error";
const SUMMARY: &str = "preview-summary";
const INVITED: &str = "decision-invited";
const NOT_INVITED: &str = "decision-not-invited";
const NOTE_DIRECTION: &str = "note-direction";
const NOTE_APPROVED: &str = "note-manager-approved";
const NOT_RECORDED_CY_EN: &str = "language-not-recorded-cy-en";
const NOT_RECORDED_EN: &str = "language-not-recorded-en";
const NOTE_INTERPRETER: &str = "note-interpreter";
const NOTE_ACCESS: &str = "note-access";
/// They wish to use Welsh at the session (welsh-review-2 finding 2).
const NOTE_WELSH: &str = "note-welsh-at-session";
/// The decision on a row with an error, in a list that was not built (design review V2).
const FIX_ROW: &str = "decision-fix-row";
/// The print job (design review Q1): what to print, how, and the envelopes.
const PRINT_LETTERS: &str = "print-letters";
const PRINT_LARGE: &str = "print-large";
const PRINT_CLAIMS: &str = "print-claims";
/// Rule levels in the list's language (welsh-review-2 finding 9): allow, warn, deny.
const LEVEL_WORDS: [&str; 3] = ["level-allow", "level-warn", "level-deny"];

#[derive(Serialize)]
struct Row {
    row: usize,
    reference: String,
    name: String,
    language: String,
    format: String,
    invited: bool,
    decision: String,
    reason: String,
    notes: Vec<String>,
}

#[derive(Serialize)]
struct Part {
    lang: Lang,
    s: std::collections::BTreeMap<String, String>,
    /// The session's facts, for the line under the title and the running header.
    facts: Facts,
    page_format: String,
    /// What to print and how: none for a list that was not built.
    print: Vec<String>,
    not_built: Option<String>,
    /// Under the banner: the session's own errors, each labelled in the list's language.
    problems: Vec<String>,
    relaxed: Option<String>,
    title: String,
    summary: String,
    /// "Part 2 of 7", for a list made in parts.
    part: Option<String>,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct Context {
    file: String,
    title: String,
    /// OFFICIAL-SENSITIVE: the list holds violence and MAPPA reasons.
    marking: Option<&'static str>,
    parts: Vec<Part>,
}

/// `preview.pdf`, or `preview-2-of-7.pdf` for a list in parts.
fn outputs(input: &Input) -> Vec<String> {
    vec![input.view.part_file("preview")]
}

/// Plain words for the preview CSV, with the paragraph behind each reason.
fn describe(r: NotInvitedReason) -> &'static str {
    match r {
        NotInvitedReason::PotentiallyViolent => "potentially violent (GSG 28)",
        NotInvitedReason::UnacceptableBehaviour => "unacceptable behaviour (GSG 30)",
        NotInvitedReason::Mappa => "MAPPA case without manager approval (GSG 33)",
        NotInvitedReason::SuitabilityReview => {
            "suitability review without manager approval (GSG 28)"
        }
        NotInvitedReason::ObjectsToGroup => {
            "objects to a group session: offer a one-to-one (GSG 35-36, GIS 7)"
        }
    }
}

/// Each of `claimants` (a stretch of the list, in order, after `invited_before` invited ones)
/// with its place among the invited when that is beyond `max_invites` (GSG 32): in file
/// order, the rows to move to another session. One pass, so a long list stays linear.
fn over_limit<'c>(
    view: &SessionView,
    claimants: &[&'c Claimant],
    invited_before: usize,
) -> Vec<(&'c Claimant, Option<usize>)> {
    let limit = view.session.max_invites as usize;
    let mut place = invited_before;
    claimants
        .iter()
        .map(|c| {
            let over = c.is_invited().then(|| {
                place += 1;
                place
            });
            (*c, over.filter(|p| *p > limit))
        })
        .collect()
}

fn row(
    view: &SessionView,
    c: &Claimant,
    over: Option<usize>,
    lang: Lang,
) -> Result<Row, RenderError> {
    let get = |key: &str| view.string(lang, key, &[]);
    let in_wales = view.office.in_wales;
    let has_error = view.row_notes(c.row).any(|n| n.level == Level::Error);
    let (decision, reason) = match c.decision() {
        // A row with an error is never shown as invited: nothing was made for it.
        _ if has_error => (get(FIX_ROW)?, String::new()),
        Decision::Invited => (get(INVITED)?, String::new()),
        Decision::NotInvited(r) => (get(NOT_INVITED)?, get(reason_key(r))?),
    };
    let mut notes = Vec::new();
    if in_wales && c.wishes_welsh() {
        notes.push(get(NOTE_WELSH)?);
    }
    if c.jobseeker_direction {
        notes.push(get(NOTE_DIRECTION)?);
    }
    if c.manager_approved && (c.mappa || c.suitability_review) {
        notes.push(get(NOTE_APPROVED)?);
    }
    if let Some(code) = &c.interpreter {
        notes.push(view.string(
            lang,
            NOTE_INTERPRETER,
            &[("language", Arg::Text(view.language_name(code, lang)?))],
        )?);
    }
    if !c.access_needs.is_empty() {
        let needs = c
            .access_needs
            .iter()
            .map(|n| get(access_key(*n)))
            .collect::<Result<Vec<_>, _>>()?
            .join(", ");
        notes.push(view.string(lang, NOTE_ACCESS, &[("needs", Arg::Text(needs))])?);
    }
    for note in view.row_notes(c.row) {
        let code = note.rule.code;
        if note.level == Level::Error {
            // The problem in words, as the terminal said it, so the list can be worked from.
            notes.push(format!(
                "{}: {}",
                view.string(lang, NOTE_ERROR, &[("code", Arg::Text(code.into()))])?,
                view.printable(&note.message)
            ));
            continue;
        }
        // A warning may have a label in the strings files (`warning-GS013`); without one it
        // is shown by its code, which is the same in both languages.
        let key = format!("warning-{code}");
        notes.push(if view.strings.has(lang, &key) {
            get(&key)?
        } else {
            code.to_string()
        });
    }
    if let Some(position) = over {
        notes.push(view.string(
            lang,
            OVER_LIMIT,
            &[
                ("position", Arg::Number(position as i64)),
                ("limit", Arg::Number(i64::from(view.session.max_invites))),
            ],
        )?);
    }
    Ok(Row {
        row: c.row,
        reference: view.printable(&c.reference),
        name: view.printable(&c.full_name()),
        // A blank cell is shown as not recorded, so staff ask and record it (welsh-review m19).
        language: match c.language {
            Some(l) => get(language_key(l))?,
            None if in_wales => get(NOT_RECORDED_CY_EN)?,
            None => get(NOT_RECORDED_EN)?,
        },
        format: get(format_key(c.format))?,
        invited: c.is_invited() && !has_error,
        decision,
        reason,
        notes,
    })
}

fn render(input: &Input, renderer: &Renderer) -> Result<String, RenderError> {
    let view = input.view;
    let all = &view.claimants.claimants;
    let start = input.start.min(all.len());
    let before = all[..start].iter().filter(|c| c.is_invited()).count();
    let marked = over_limit(view, &input.claimants, before);
    let invited = view.claimants.invited().count() as i64;
    let not_invited = view.claimants.claimants.len() as i64 - invited;
    let mut parts = Vec::new();
    for &lang in view.office_langs() {
        let args = [
            ("title", Arg::Text(view.printable(&view.title(lang)?))),
            ("invited", Arg::Number(invited)),
            ("notinvited", Arg::Number(not_invited)),
        ];
        // A long list is made in parts: this part's rows, in file order.
        let rows = marked
            .iter()
            .map(|(c, over)| row(view, c, *over, lang))
            .collect::<Result<Vec<_>, _>>()?;
        let relaxed = view
            .relaxed()
            .iter()
            .map(|r| {
                let word = match r.level {
                    "allow" => LEVEL_WORDS[0],
                    "warn" => LEVEL_WORDS[1],
                    _ => LEVEL_WORDS[2],
                };
                Ok(format!("{} ({})", r.code, view.string(lang, word, &[])?))
            })
            .collect::<Result<Vec<_>, RenderError>>()?
            .join(", ");
        let [page, total] = page_args();
        parts.push(Part {
            lang,
            facts: printable_facts(view, view.facts(lang)?),
            page_format: view.string(lang, PAGE_NUMBER, &[page, total])?,
            // Once, on the first part of a list in parts.
            print: if view.not_built.is_some() || view.part_number().is_some_and(|(k, _)| k > 1) {
                Vec::new()
            } else {
                print_job(view, lang)?
            },
            not_built: match view.not_built {
                Some(errors) => {
                    Some(view.string(lang, NOT_BUILT, &[("errors", Arg::Number(errors as i64))])?)
                }
                None => None,
            },
            problems: view
                .problems
                .iter()
                .map(|p| {
                    let (code, message) = p.split_once(": ").unwrap_or(("", p));
                    Ok(format!(
                        "{}: {}",
                        view.string(lang, NOTE_ERROR, &[("code", Arg::Text(code.into()))])?,
                        view.printable(message)
                    ))
                })
                .collect::<Result<Vec<_>, RenderError>>()?,
            relaxed: if relaxed.is_empty() {
                None
            } else {
                Some(view.string(lang, RELAXED, &[("rules", Arg::Text(relaxed))])?)
            },
            summary: view.string(lang, SUMMARY, &args)?,
            title: view.string(lang, TITLE, &args)?,
            part: match view.part_number() {
                Some(_) => Some(view.string(lang, PART_OF, &view.part_args())?),
                None => None,
            },
            s: view.strings.resolve_all(lang, &args),
            rows,
        });
    }
    let context = Context {
        marking: input.marking,
        file: view.part_file("preview"),
        title: parts
            .iter()
            .map(|p| match &p.part {
                Some(part) => format!("{} – {part}", p.title),
                None => p.title.clone(),
            })
            .collect::<Vec<_>>()
            .join(" / "),
        parts,
    };
    renderer.render(DOCUMENT.template, &context)
}

/// The session's facts as the font can print them: in a list that is not built, a character
/// the font lacks (reported at load) is shown as `?`.
fn printable_facts(view: &SessionView, facts: Facts) -> Facts {
    Facts {
        title: view.printable(&facts.title),
        place_name: view.printable(&facts.place_name),
        place_address: facts
            .place_address
            .iter()
            .map(|l| view.printable(l))
            .collect(),
        ..facts
    }
}

/// What to print and how (design review Q1): the letters' sheets, double-sided, with every
/// letter on sheets of its own (a standard part is one page, a large-print part at most two:
/// one sheet each), the envelopes, and the large-print letters to check.
fn print_job(view: &SessionView, lang: Lang) -> Result<Vec<String>, RenderError> {
    let invited = view.invited();
    if invited.is_empty() {
        return Ok(Vec::new());
    }
    let sheets: usize = invited
        .iter()
        .map(|c| c.language_or(view.office.in_wales).parts().len())
        .sum();
    let large: Vec<&str> = invited
        .iter()
        .filter(|c| c.format == PrintFormat::LargePrint)
        .map(|c| c.reference.as_str())
        .collect();
    let mut lines = vec![view.string(
        lang,
        PRINT_LETTERS,
        &[
            ("letters", Arg::Number(invited.len() as i64)),
            ("sheets", Arg::Number(sheets as i64)),
        ],
    )?];
    if !large.is_empty() {
        lines.push(view.string(
            lang,
            PRINT_LARGE,
            &[("refs", Arg::Text(view.printable(&large.join(", "))))],
        )?);
    }
    lines.push(view.string(lang, PRINT_CLAIMS, &[])?);
    Ok(lines)
}

fn side_files(view: &SessionView) -> Result<Vec<SideFile>, RenderError> {
    Ok(vec![SideFile {
        name: "preview.csv".to_string(),
        bytes: csv(view),
    }])
}

/// `preview.csv`: the same list as data, in English, with warnings as codes and messages.
fn csv(view: &SessionView) -> Vec<u8> {
    let header = [
        "row",
        "ref",
        "name",
        "language",
        "format",
        "decision",
        "reason",
        "interpreter",
        "access_needs",
        "warnings",
        "status",
        "session",
        "date",
    ];
    // Which session and day, so a list opened on its own (or several pasted together) says.
    let session = view.session.id.clone();
    let date = view.session.date().format("%Y-%m-%d").to_string();
    let status = match view.not_built {
        Some(errors) => format!(
            "NOT BUILT: {errors} error{}",
            if errors == 1 { "" } else { "s" }
        ),
        None => "built".to_string(),
    };
    let mut records = vec![header.map(str::to_string).to_vec()];
    let all: Vec<&Claimant> = view.claimants.claimants.iter().collect();
    for (c, over) in over_limit(view, &all, 0) {
        let (decision, reason) = match c.decision() {
            Decision::Invited => ("invited", String::new()),
            Decision::NotInvited(r) => ("not invited", describe(r).to_string()),
        };
        let mut warnings: Vec<String> = view
            .row_notes(c.row)
            .map(|n| format!("{} {}: {}", n.level.as_str(), n.rule.code, n.message))
            .collect();
        if let Some(position) = over {
            warnings.push(format!(
                "over the limit: invitation {position} of at most {} (GSG 32)",
                view.session.max_invites
            ));
        }
        let warnings = warnings.join("; ");
        records.push(vec![
            c.row.to_string(),
            c.reference.clone(),
            c.full_name(),
            c.language_or(view.office.in_wales).code().to_string(),
            c.format.code().to_string(),
            decision.to_string(),
            reason,
            // The language's name, as the officer typed it, with its code: `Polish (pl)`.
            c.interpreter
                .as_deref()
                .map(|code| match crate::l10n::languages::name(code, Lang::En) {
                    Some(name) => format!("{name} ({code})"),
                    None => code.to_string(),
                })
                .unwrap_or_default(),
            c.access_needs
                .iter()
                .map(|n| n.code())
                .collect::<Vec<_>>()
                .join(";"),
            warnings,
            status.clone(),
            session.clone(),
            date.clone(),
        ]);
    }
    // A byte-order mark, so Excel reads UTF-8 (Siân, not SiÃ¢n).
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        // Writing CSV into memory cannot fail.
        let mut w = csv::Writer::from_writer(&mut out);
        for r in records {
            let _ = w.write_record(r.iter().map(|c| inert(c)));
        }
        let _ = w.flush();
    }
    out
}

/// A cell a spreadsheet will not run as a formula (OWASP, CSV injection): text starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.
fn inert(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}
