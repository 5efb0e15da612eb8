//! Travel-claim forms (GSG 41-44): one per invited claimant, in their language; pre-filled with
//! the session's details, their name and reference only. Bank details boxes appear only on the
//! `by-post` route, and are always blank: bank details never come from our data (GSG 43).

use serde::Serialize;

use crate::l10n::Lang;
use crate::l10n::strings::Arg;
use crate::model::session::TravelRoute;
use crate::out::Bundle;
use crate::render::document::{Audience, DocumentKind, Input, Lists, Split, no_side_files};
use crate::render::engine::Renderer;
use crate::render::error::RenderError;
use crate::render::view::{Facts, PAGE_NUMBER, Piece, page_args};

pub const DOCUMENT: DocumentKind = DocumentKind {
    name: "travel-claim forms",
    template: "travel-claims.typ.tera",
    bundle: Some(Bundle::FacilitatorPack),
    split: Split::Letters,
    audience: Audience::Claimant,
    lists: Lists::Invited,
    made_when_not_built: false,
    strings: &[TITLE, WELSH_AVAILABLE, LABEL_OFFICE, PAGE_NUMBER],
    outputs,
    render,
    side_files: no_side_files,
};

const TITLE: &str = "claims-batch-title";
const WELSH_AVAILABLE: &str = "claim-welsh-available";
const LABEL_OFFICE: &str = "label-office";

/// One language's line of the office a form is posted to: its own label and its own value.
#[derive(Serialize)]
struct OfficeLine {
    lang: Lang,
    label: String,
    value: String,
}

#[derive(Serialize)]
struct Form {
    index: usize,
    /// "Page 1 of 1": each form is numbered on its own.
    page_format: String,
    lang: Lang,
    /// The key of this form's labels in `labels`: its languages, `cy-en`.
    languages: String,
    session_title: Vec<Piece>,
    date: Vec<Piece>,
    time_range: Vec<Piece>,
    place: Vec<Piece>,
    name: String,
    reference: String,
    by_post: bool,
    /// An English-only form from an office in Wales says a Welsh form is available, in Welsh
    /// first, then in English.
    welsh_available: Vec<Piece>,
    /// The office, one line per language of the form, each with its label and value.
    office: Vec<OfficeLine>,
}

fn outputs(input: &Input) -> Vec<String> {
    if input.claimants.is_empty() {
        Vec::new()
    } else {
        vec![input.view.part_file("travel-claims")]
    }
}

fn render(input: &Input, renderer: &Renderer) -> Result<String, RenderError> {
    let view = input.view;
    let invited = &input.claimants;
    if invited.is_empty() {
        return Ok(String::new());
    }
    let by_post = view.session.travel_claims == TravelRoute::ByPost;
    let mut forms = Vec::new();
    // Every string in each set of languages the forms use, resolved once, not once a form.
    let mut labels: std::collections::BTreeMap<String, _> = std::collections::BTreeMap::new();
    for (index, c) in invited.iter().enumerate() {
        let langs = c.language_or(view.office.in_wales).parts();
        let languages = langs.iter().map(|l| l.code()).collect::<Vec<_>>().join("-");
        if !labels.contains_key(&languages) {
            labels.insert(languages.clone(), view.labels(langs, &[]));
        }
        let facts = langs
            .iter()
            .map(|&l| view.facts(l))
            .collect::<Result<Vec<_>, _>>()?;
        let pieces = |f: &dyn Fn(&Facts) -> String| -> Vec<Piece> {
            langs
                .iter()
                .zip(&facts)
                .map(|(&lang, x)| Piece { lang, text: f(x) })
                .collect()
        };
        let [page, total] = page_args();
        forms.push(Form {
            index,
            page_format: view.string(langs[0], PAGE_NUMBER, &[page, total])?,
            lang: langs[0],
            languages,
            session_title: pieces(&|x| x.title.clone()),
            date: pieces(&|x| x.date.clone()),
            time_range: pieces(&|x| x.time_range.clone()),
            place: pieces(&|x| {
                std::iter::once(x.place_name.clone())
                    .chain(x.place_address.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
            name: c.full_name(),
            reference: c.reference.clone(),
            by_post,
            welsh_available: if view.office.in_wales && !langs.contains(&Lang::Cy) {
                [Lang::Cy, Lang::En]
                    .into_iter()
                    .map(|lang| {
                        Ok(Piece {
                            lang,
                            text: view.string(lang, WELSH_AVAILABLE, &[])?,
                        })
                    })
                    .collect::<Result<_, RenderError>>()?
            } else {
                Vec::new()
            },
            office: langs
                .iter()
                .map(|&lang| {
                    Ok(OfficeLine {
                        lang,
                        label: view.string(lang, LABEL_OFFICE, &[])?,
                        value: std::iter::once(view.office_name(lang)?)
                            .chain(view.office_address(lang)?)
                            .collect::<Vec<_>>()
                            .join(", "),
                    })
                })
                .collect::<Result<_, RenderError>>()?,
        });
    }
    let first = view.office_langs()[0];
    let title = view.joined(view.office_langs(), |l| {
        view.string(l, TITLE, &[("title", Arg::Text(view.title(l)?))])
    })?;
    renderer.render(
        DOCUMENT.template,
        &serde_json::json!({
            "path": view.part_file("travel-claims"),
            "title": title,
            "lang": first,
            "forms": forms,
            "own_sheet": input.own_sheet,
            "labels": labels,
        }),
    )
}
