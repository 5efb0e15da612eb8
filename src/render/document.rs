//! What a document type is: its template, the bundle its PDFs go in, the strings its Rust code
//! reads, and the functions that gather its data.

use crate::model::Claimant;
use crate::out::Bundle;
use crate::render::engine::Renderer;
use crate::render::error::RenderError;
use crate::render::view::SessionView;

/// One kind of document: a template and the small Rust entry that feeds it.
pub struct DocumentKind {
    /// What the officer calls it, in messages.
    pub name: &'static str,
    pub template: &'static str,
    /// The zip bundle its PDFs go in, if any.
    pub bundle: Option<Bundle>,
    /// Who reads it: what it is marked, and whether each claimant's pages start on a sheet of
    /// their own, come from this.
    pub audience: Audience,
    /// The claimants it lists, in its order: the registry hands it the part it makes.
    pub lists: Lists,
    /// Made for a session that errors block, too (the preview list, to work from).
    pub made_when_not_built: bool,
    /// How a large session's document is split over typst processes, so memory stays bounded.
    pub split: Split,
    /// The Fluent IDs its Rust code reads (checked in both languages before rendering).
    pub strings: &'static [&'static str],
    /// The files it writes, relative to `out/ID/`.
    pub outputs: fn(&Input) -> Vec<String>,
    /// Its Typst source.
    pub render: fn(&Input, &Renderer) -> Result<String, RenderError>,
    /// Files it writes without typst.
    pub side_files: fn(&SessionView) -> Result<Vec<SideFile>, RenderError>,
}

/// Who a document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Sent or handed to claimants, one each (letters, claim forms): each claimant's pages
    /// start on an odd page, so printed double-sided no sheet holds two people's details.
    Claimant,
    /// Put up or handed out without names (poster, questionnaire).
    Public,
    /// For the facilitators, with no names (the script).
    Facilitator,
    /// Office documents that name claimants, and the preview list with its reasons (violence,
    /// MAPPA): marked OFFICIAL-SENSITIVE on every page (Government Security Classifications).
    OfficeSensitive,
}

impl Audience {
    /// The protective marking printed in the header and footer of every page, if any.
    pub fn marking(self) -> Option<&'static str> {
        match self {
            Audience::OfficeSensitive => Some(MARKING),
            _ => None,
        }
    }

    /// Each claimant's pages start on an odd page (the duplex rule).
    pub fn own_sheet(self) -> bool {
        self == Audience::Claimant
    }
}

/// The marking of office documents that name claimants (`templates/layout.typ`, `marking`).
pub const MARKING: &str = "OFFICIAL-SENSITIVE";

/// Which claimants a document lists.
#[derive(Debug, Clone, Copy)]
pub enum Lists {
    /// None by name (poster, script, questionnaire).
    Nobody,
    /// The invited, in the order of the claimant list (letters, claim forms).
    Invited,
    /// The invited, by last name (the register).
    InvitedByName,
    /// Every row of the claimant list (the preview list).
    EveryRow,
}

impl Lists {
    /// The claimants a document of `view` lists, all of them, in its order.
    pub fn of<'a>(self, view: &SessionView<'a>) -> Vec<&'a Claimant> {
        match self {
            Lists::Nobody => Vec::new(),
            Lists::Invited => view.invited(),
            Lists::InvitedByName => {
                let mut invited = view.invited();
                invited.sort_by_cached_key(|c| {
                    (
                        c.last_name.to_lowercase(),
                        c.first_name.to_lowercase(),
                        c.reference.clone(),
                    )
                });
                invited
            }
            Lists::EveryRow => view.claimants.claimants.iter().collect(),
        }
    }
}

/// What a document is made from: the session, the claimants of its part (already sliced:
/// a document never slices for itself), and what its audience asks of it.
pub struct Input<'v, 'a> {
    pub view: &'v SessionView<'a>,
    /// The claimants this part lists, in the document's order.
    pub claimants: Vec<&'a Claimant>,
    /// How many of the document's claimants come before this part's.
    pub start: usize,
    /// The protective marking of every page, if any.
    pub marking: Option<&'static str>,
    /// Each claimant's pages start on an odd page.
    pub own_sheet: bool,
}

/// How a document of a large session is split over typst processes (parts).
#[derive(Debug, Clone, Copy)]
pub enum Split {
    /// Made once, whole.
    Whole,
    /// One per invited claimant (letters, claim forms): `letters_per_typst` to a part, the
    /// letters' parts holding every such document for the same claimants.
    Letters,
    /// A table with a row per claimant it lists: at most `rows_per_typst` table rows to a part.
    Table {
        /// How many table rows each claimant takes (one per language the table is in).
        rows_per_item: fn(&SessionView) -> usize,
    },
}

impl Split {
    /// How many parts (typst processes) this makes of a document of `view` listing `items`
    /// claimants, and how many of them each part holds.
    pub fn parts(self, view: &SessionView, items: usize) -> (usize, usize) {
        let per_part = match self {
            Split::Whole => return (1, usize::MAX),
            Split::Letters => view.letters_per_part(),
            Split::Table { rows_per_item } => {
                (view.rows_per_part() / rows_per_item(view).max(1)).max(1)
            }
        };
        (items.div_ceil(per_part).max(1), per_part)
    }
}

/// A file a document writes, under `out/ID/`, and the bundle it goes in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bundle: Option<Bundle>,
    /// The template that makes it.
    pub template: &'static str,
}

/// A file written without typst (e.g. `preview.csv`), under `out/ID/`.
#[derive(Debug, Clone)]
pub struct SideFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// For documents that write only PDFs.
pub fn no_side_files(_: &SessionView) -> Result<Vec<SideFile>, RenderError> {
    Ok(Vec::new())
}
