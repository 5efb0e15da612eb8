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
use crate::render::document::{DocumentKind, Split, no_side_files};
use crate::render::engine::Renderer;
use crate::render::error::RenderError;
use crate::render::view::SessionView;
use crate::render::view::{PAGE_NUMBER, page_args};

pub const DOCUMENT: DocumentKind = DocumentKind {
    name: "invitation letters",
    template: "letters.typ.tera",
    bundle: Some(Bundle::Letters),
    split: Split::Letters,
    made_when_not_built: false,
    strings: &[
        TITLE,
        BATCH_TITLE,
        LENGTH,
        TIME_RANGE,
        WELSH_MEETING,
        WELSH_WELCOME,
    ],
    outputs,
    render,
    side_files: no_side_files,
};

const TITLE: &str = "letter-title";
const BATCH_TITLE: &str = "letters-batch-title";
const LENGTH: &str = "length-minutes";
const TIME_RANGE: &str = "time-range";
const WELSH_MEETING: &str = "letter-welsh-meeting";
const WELSH_WELCOME: &str = "welsh-welcome";

#[derive(Serialize)]
struct Layout {
    address_size: f64,
    address_pitch: f64,
    address_width: f64,
}

#[derive(Serialize)]
struct Office {
    name: String,
    address: Vec<String>,
    phone: String,
}

#[derive(Serialize)]
struct Place {
    name: String,
    address: Vec<String>,
}

#[derive(Serialize)]
struct SessionDetails {
    title: String,
    date: String,
    time_range: String,
    length: String,
}

/// One language part of a letter: everything already in that language.
#[derive(Serialize)]
struct Part {
    lang: Lang,
    large_print: bool,
    end: String,
    page_format: String,
    s: BTreeMap<String, String>,
    address: Vec<String>,
    office: Office,
    place: Place,
    date: String,
    session: SessionDetails,
    extended: bool,
    direction: bool,
    travel: &'static str,
    welsh_welcome: bool,
    /// From an office in Wales: the offer to use Welsh at the session (the meetings
    /// standards).
    welsh_meeting: bool,
    /// In an English part from an office in Wales: the statements meant for Welsh speakers in
    /// Welsh, printed first, tagged `cy`.
    welsh_first: Vec<String>,
}

#[derive(Serialize)]
struct Letter {
    index: usize,
    reference: String,
    path: String,
    title: String,
    lang: Lang,
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
    layout: Layout,
    letters: Vec<Letter>,
    batch: Batch,
}

/// The files this document writes, relative to `out/ID/`.
fn outputs(view: &SessionView) -> Vec<String> {
    let invited = view.invited_in_part();
    let mut out: Vec<String> = invited
        .iter()
        .map(|c| format!("letters/{}.pdf", c.reference))
        .collect();
    if !invited.is_empty() {
        out.push(view.part_file("letters"));
    }
    out
}

/// Typst source for every letter of the session and the print batch.
fn render(view: &SessionView, renderer: &Renderer) -> Result<String, RenderError> {
    let s = view.session;
    let mut letters = Vec::new();
    for (index, claimant) in view.invited_in_part().into_iter().enumerate() {
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
            let (start, end) = dates::range_ends(lang, s.start_time(), s.ends().time());
            let args = [
                ("name", Arg::Text(greeting_name.clone())),
                ("title", Arg::Text(title.clone())),
                ("phone", Arg::Text(view.office.phone.clone())),
                ("minutes", Arg::Number(i64::from(s.minutes))),
                ("start", Arg::Text(start)),
                ("end", Arg::Text(end)),
                page,
                total,
            ];
            let (place_name, place_address) = view.place(lang)?;
            parts.push(Part {
                lang,
                large_print: claimant.format == PrintFormat::LargePrint,
                end: format!("-{index}-{}", lang.code()),
                page_format: view.string(lang, PAGE_NUMBER, &args)?,
                address: address.clone(),
                office: Office {
                    name: view.office_name(lang)?,
                    address: view.office_address(lang)?,
                    phone: view.office.phone.clone(),
                },
                place: Place {
                    name: place_name,
                    address: place_address,
                },
                date: dates::date(lang, view.issued),
                session: SessionDetails {
                    title,
                    date: dates::weekday_date(lang, s.date()),
                    time_range: view.string(lang, TIME_RANGE, &args)?,
                    length: view.string(lang, LENGTH, &args)?,
                },
                extended: s.minutes > 60,
                direction: claimant.jobseeker_direction,
                travel: s.travel_claims.code(),
                // Welsh Language Standards, standard 7: every letter in Welsh, and every letter
                // from an office in Wales, says Welsh is welcome.
                welsh_welcome: language.needs_welsh() || view.office.in_wales,
                welsh_meeting: view.office.in_wales,
                // (A bilingual letter has them in its Welsh letter already.)
                welsh_first: if lang == Lang::En && view.office.in_wales && !language.needs_welsh()
                {
                    [WELSH_MEETING, WELSH_WELCOME]
                        .into_iter()
                        .map(|key| view.string(Lang::Cy, key, &args))
                        .collect::<Result<_, _>>()?
                } else {
                    Vec::new()
                },
                s: view.strings.resolve_all(lang, &args),
            });
        }
        let first = language.parts()[0];
        let title = view.string(first, TITLE, &[("title", Arg::Text(view.title(first)?))])?;
        letters.push(Letter {
            index,
            reference: claimant.reference.clone(),
            path: format!("letters/{}.pdf", claimant.reference),
            title: format!("{title} ({})", claimant.reference),
            lang: first,
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
        layout: Layout {
            address_size: envelope::ADDRESS_FONT_SIZE_PT,
            address_pitch: envelope::ADDRESS_LINE_PITCH_PT,
            address_width: envelope::ADDRESS_MAX_WIDTH_MM,
        },
        letters,
        batch: Batch {
            path: view.part_file("letters"),
            title: batch_title,
            lang: batch_lang,
        },
    };
    renderer.render(DOCUMENT.template, &context)
}
