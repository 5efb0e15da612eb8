//! The invitation letter: one PDF per invited claimant (`letters/REF.pdf`) and the print batch
//! (`letters.pdf`). The wording is in the strings files, the layout in
//! `templates/letters.typ.tera` and `templates/layout.typ`; this file only gathers the data.

use std::collections::BTreeMap;

use serde::Serialize;

use super::strings::{Arg, pick};
use super::{Lang, SessionView, dates, metrics};
use crate::model::Format;

pub const TEMPLATE: &str = "letters.typ.tera";

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
pub fn outputs(view: &SessionView) -> Vec<String> {
    let invited = view.invited();
    let mut out: Vec<String> = invited
        .iter()
        .map(|c| format!("letters/{}.pdf", c.reference))
        .collect();
    if !invited.is_empty() {
        out.push("letters.pdf".into());
    }
    out
}

/// Typst source for every letter of the session and the print batch.
pub fn render(view: &SessionView, templates: &super::Templates) -> Result<String, String> {
    let s = view.session;
    let mut letters = Vec::new();
    for (index, claimant) in view.invited().into_iter().enumerate() {
        let language = claimant.language_or(view.office.in_wales);
        let address: Vec<String> = match &claimant.address {
            Ok(a) => std::iter::once(claimant.full_name())
                .chain(a.printed_lines())
                .collect(),
            Err(_) => return Err(format!("row {}: the address is not valid", claimant.row)),
        };
        let greeting_name = if claimant.title.is_empty() {
            format!("{} {}", claimant.first_name, claimant.last_name)
        } else {
            format!("{} {}", claimant.title, claimant.last_name)
        };
        let mut parts = Vec::new();
        for &lang in language.parts() {
            let title = view.text(&s.title, lang)?;
            let args = [
                ("name", Arg::Text(greeting_name.clone())),
                ("title", Arg::Text(title.clone())),
                ("phone", Arg::Text(view.office.phone.clone())),
                ("minutes", Arg::Number(i64::from(s.minutes))),
                ("start", Arg::Text(dates::time(lang, s.start_time()))),
                ("end", Arg::Text(dates::time(lang, s.ends().time()))),
                ("page", Arg::Text("{page}".into())),
                ("total", Arg::Text("{total}".into())),
            ];
            let strings = view.strings.resolve_all(lang, &args);
            let get = |k: &str| pick(&strings, k);
            let (place_name, place_address) = view.place(lang)?;
            parts.push(Part {
                lang,
                large_print: claimant.format == Format::LargePrint,
                end: format!("-{index}-{}", lang.code()),
                page_format: get("page_number")?,
                address: address.clone(),
                office: Office {
                    name: view.text(&view.office.name, lang)?,
                    address: view.office.address.clone(),
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
                    time_range: get("time_range")?,
                    length: get("length_minutes")?,
                },
                extended: s.minutes > 60,
                direction: claimant.jobseeker_direction,
                travel: s.travel_claims.code(),
                // Welsh Language Standards, standard 7: every letter in Welsh, and every letter
                // from an office in Wales, says Welsh is welcome.
                welsh_welcome: language.needs_welsh() || view.office.in_wales,
                s: strings,
            });
        }
        let first = language.parts()[0];
        letters.push(Letter {
            index,
            reference: claimant.reference.clone(),
            path: format!("letters/{}.pdf", claimant.reference),
            title: format!("{} ({})", parts[0].s["letter_title"], claimant.reference),
            lang: first,
            parts,
        });
    }
    let batch_lang = if view.office.in_wales {
        Lang::Cy
    } else {
        Lang::En
    };
    let batch_title = view.strings.get(
        batch_lang,
        "letters-batch-title",
        &[("title", Arg::Text(view.text(&s.title, batch_lang)?))],
    )?;
    let context = Context {
        layout: Layout {
            address_size: metrics::ADDRESS_FONT_SIZE_PT,
            address_pitch: metrics::ADDRESS_LINE_PITCH_PT,
            address_width: metrics::ADDRESS_MAX_WIDTH_MM,
        },
        letters,
        batch: Batch {
            title: batch_title,
            lang: batch_lang,
        },
    };
    templates.render(TEMPLATE, &context)
}
