//! The invitation letter: one PDF per invited claimant (`letters/REF.pdf`) and the print batch
//! (`letters.pdf`). The wording is in the strings files, the layout in
//! `templates/letters.typ.tera` and `templates/layout.typ`; this file only gathers the data.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::envelope;
use crate::l10n::strings::Arg;
use crate::l10n::{Lang, dates};
use crate::model::PrintFormat;
use crate::out::Bundle;
use crate::render::document::{Audience, DocumentKind, Input, Lists, Split, no_side_files};
use crate::render::engine::Renderer;
use crate::render::error::RenderError;
use crate::render::view::{Facts, PAGE_NUMBER, Piece};
use crate::render::view::{access_key, listed, page_args, unbroken};

pub const DOCUMENT: DocumentKind = DocumentKind {
    name: "invitation letters",
    template: "letters.typ.tera",
    bundle: Some(Bundle::Letters),
    split: Split::Letters,
    audience: Audience::Claimant,
    lists: Lists::Invited,
    made_when_not_built: false,
    strings: &[
        TITLE,
        BATCH_TITLE,
        HEADING,
        HEADING_DIRECTION,
        INTRO,
        WELSH,
        OTHER_SHEET,
        INTERPRETER,
        ACCESS_NEEDS,
        FREE,
        RELAY,
        HOURS,
        LABEL_PHONE,
    ],
    outputs,
    render,
    side_files: no_side_files,
};

const TITLE: &str = "letter-title";
const BATCH_TITLE: &str = "letters-batch-title";
/// The point first: "You're invited to a group information session on … at …".
const HEADING: &str = "letter-heading";
/// A Jobseeker's Direction leads with what the reader must do (GIS 11-12).
const HEADING_DIRECTION: &str = "letter-heading-direction";
const INTRO: &str = "letter-intro";
/// The Welsh-language statements in one (Welsh Language Standards, standard 7; the meetings
/// standards): paired Welsh over English in an English letter from an office in Wales.
const WELSH: &str = "letter-welsh";
/// Under the Welsh heading of a Welsh-then-English letter: the English is on the next sheet.
const OTHER_SHEET: &str = "letter-other-sheet";
const INTERPRETER: &str = "letter-interpreter";
const ACCESS_NEEDS: &str = "letter-access-needs";
const FREE: &str = "contact-free";
const RELAY: &str = "contact-relay";
const HOURS: &str = "contact-hours";
const LABEL_PHONE: &str = "label-phone";

#[derive(Serialize)]
struct Office {
    name: String,
    address: Vec<String>,
}

/// How to reach the office, as GOV.UK gives contact details.
#[derive(Serialize)]
struct Contact {
    phone: String,
    relay: String,
    hours: String,
}

/// One language part of a letter: everything already in that language.
#[derive(Serialize)]
struct Part {
    lang: Lang,
    large_print: bool,
    end: String,
    page_format: String,
    s: BTreeMap<String, String>,
    office: Office,
    contact: Contact,
    date: String,
    heading: String,
    /// Under the Welsh heading of a Welsh-then-English letter: "the English is on the next
    /// sheet", in both languages.
    other_sheet: Vec<Piece>,
    intro: String,
    facts: Facts,
    /// The place's street, town and postcode on one line.
    place_line: String,
    access: String,
    /// What the office recorded for this reader: the interpreter, the access needs.
    for_you: Vec<String>,
    extended: bool,
    direction: bool,
    travel: &'static str,
    /// The Welsh-language statements: Welsh over English in an English letter from an office
    /// in Wales; one language in a Welsh letter or a bilingual letter's parts; none in England.
    welsh_panel: Vec<Piece>,
}

#[derive(Serialize)]
struct Letter {
    index: usize,
    reference: String,
    path: String,
    title: String,
    lang: Lang,
    address: Vec<String>,
    address_size: f64,
    address_pitch: f64,
    address_width: f64,
    parts: Vec<Part>,
}

#[derive(Serialize)]
struct Batch {
    path: String,
    title: String,
    lang: Lang,
}

#[derive(Serialize)]
struct Context {
    letters: Vec<Letter>,
    batch: Batch,
}

/// The files this document writes, relative to `out/ID/`.
fn outputs(input: &Input) -> Vec<String> {
    let mut out: Vec<String> = input
        .claimants
        .iter()
        .map(|c| format!("letters/{}.pdf", c.reference))
        .collect();
    if !input.claimants.is_empty() {
        out.push(input.view.part_file("letters"));
    }
    out
}

/// Typst source for every letter of this part of the session, and its print batch.
fn render(input: &Input, renderer: &Renderer) -> Result<String, RenderError> {
    let view = input.view;
    let s = view.session;
    let mut letters = Vec::new();
    for (index, &claimant) in input.claimants.iter().enumerate() {
        let language = claimant.language_or(view.office.in_wales);
        let address: Vec<String> = match &claimant.address {
            Ok(a) => std::iter::once(claimant.full_name())
                .chain(a.printed_lines())
                .collect(),
            Err(_) => {
                return Err(RenderError::Address {
                    location: view.claimants.loc(claimant.row, "address_line_1"),
                    reference: claimant.reference.clone(),
                });
            }
        };
        let greeting_name = if claimant.title.is_empty() {
            format!("{} {}", claimant.first_name, claimant.last_name)
        } else {
            format!("{} {}", claimant.title, claimant.last_name)
        };
        let mut parts = Vec::new();
        for &lang in language.parts() {
            let title = view.title(lang)?;
            let [page, total] = page_args();
            let phone = view.phone();
            let mut at = dates::time(lang, s.start_time());
            if lang == Lang::Cy && at == "canol dydd" {
                // `am` soft-mutates: `am ganol dydd` (welsh.md §3.3).
                at = "ganol dydd".to_string();
            }
            let args = [
                ("name", Arg::Text(greeting_name.clone())),
                ("title", Arg::Text(title.clone())),
                ("phone", Arg::Text(phone.clone())),
                ("minutes", Arg::Number(i64::from(s.minutes))),
                (
                    "date",
                    Arg::Text(unbroken(&dates::weekday_date_in_sentence(lang, s.date()))),
                ),
                ("at", Arg::Text(unbroken(&at))),
                page,
                total,
            ];
            let facts = view.facts(lang)?;
            let mut for_you = Vec::new();
            if let Some(code) = &claimant.interpreter {
                let language = view.language_name(code, lang)?;
                for_you.push(view.string(
                    lang,
                    INTERPRETER,
                    &[("language", Arg::Text(language))],
                )?);
            }
            if !claimant.access_needs.is_empty() {
                let needs = claimant
                    .access_needs
                    .iter()
                    .map(|&n| view.string(lang, access_key(n), &[]))
                    .collect::<Result<Vec<_>, _>>()?
                    .join(", ");
                for_you.push(view.string(lang, ACCESS_NEEDS, &[("needs", Arg::Text(needs))])?);
            }
            let free = if phone.starts_with("0800") || phone.starts_with("0808") {
                format!(" ({})", view.string(lang, FREE, &[])?)
            } else {
                String::new()
            };
            // Welsh Language Standards, standard 7 and the meetings standards: every letter in
            // Welsh, and every letter from an office in Wales, says Welsh is welcome. An English
            // letter from Wales has it in Welsh first, then in English, side by side in one
            // panel; a bilingual letter has it in each of its parts' own language.
            let panel_langs: &[Lang] = if !view.office.in_wales && !language.needs_welsh() {
                &[]
            } else if lang == Lang::En && !language.needs_welsh() {
                &[Lang::Cy, Lang::En]
            } else if lang == Lang::Cy {
                &[Lang::Cy]
            } else {
                &[Lang::En]
            };
            parts.push(Part {
                lang,
                large_print: claimant.format == PrintFormat::LargePrint,
                end: format!("-{index}-{}", lang.code()),
                page_format: view.string(lang, PAGE_NUMBER, &args)?,
                office: Office {
                    name: view.office_name(lang)?,
                    address: view.office_address(lang)?,
                },
                contact: Contact {
                    phone: format!("{}: {phone}{free}", view.string(lang, LABEL_PHONE, &[])?),
                    relay: view.string(lang, RELAY, &args)?,
                    hours: view.string(lang, HOURS, &args)?,
                },
                date: unbroken(&dates::date(lang, view.issued)),
                heading: view.string(
                    lang,
                    if claimant.jobseeker_direction {
                        HEADING_DIRECTION
                    } else {
                        HEADING
                    },
                    &args,
                )?,
                other_sheet: if lang == Lang::Cy && language.parts().len() > 1 {
                    view.each(&[Lang::Cy, Lang::En], |l| view.string(l, OTHER_SHEET, &[]))?
                } else {
                    Vec::new()
                },
                intro: view.string(lang, INTRO, &args)?,
                place_line: facts.place_address.join(", "),
                facts,
                access: listed(view.access_facts(lang)?),
                for_you,
                extended: s.minutes > 60,
                direction: claimant.jobseeker_direction,
                travel: s.travel_claims.code(),
                welsh_panel: view.each(panel_langs, |l| view.string(l, WELSH, &args))?,
                s: view.strings.resolve_all(lang, &args),
            });
        }
        let first = language.parts()[0];
        let title = view.string(first, TITLE, &[("title", Arg::Text(view.title(first)?))])?;
        let kind = view.address_type(&address);
        letters.push(Letter {
            index,
            reference: claimant.reference.clone(),
            path: format!("letters/{}.pdf", claimant.reference),
            title: format!("{title} ({})", claimant.reference),
            lang: first,
            address,
            address_size: kind.size_pt,
            address_pitch: kind.pitch_pt,
            address_width: envelope::ADDRESS_MAX_WIDTH_MM,
            parts,
        });
    }
    let batch_lang = view.office_langs()[0];
    let batch_title = view.string(
        batch_lang,
        BATCH_TITLE,
        &[("title", Arg::Text(view.title(batch_lang)?))],
    )?;
    let context = Context {
        letters,
        batch: Batch {
            path: view.part_file("letters"),
            title: batch_title,
            lang: batch_lang,
        },
    };
    renderer.render(DOCUMENT.template, &context)
}
