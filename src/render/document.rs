//! What a document type is: its template, the bundle its PDFs go in, the strings its Rust code
//! reads, and the functions that gather its data.

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
    /// Made for a session that errors block, too (the preview list, to work from).
    pub made_when_not_built: bool,
    /// How a large session's document is split over typst processes, so memory stays bounded.
    pub split: Split,
    /// The Fluent IDs its Rust code reads (checked in both languages before rendering).
    pub strings: &'static [&'static str],
    /// The files it writes, relative to `out/ID/`.
    pub outputs: fn(&SessionView) -> Vec<String>,
    /// Its Typst source.
    pub render: fn(&SessionView, &Renderer) -> Result<String, RenderError>,
    /// Files it writes without typst.
    pub side_files: fn(&SessionView) -> Result<Vec<SideFile>, RenderError>,
}

/// How a document of a large session is split over typst processes (parts).
#[derive(Debug, Clone, Copy)]
pub enum Split {
    /// Made once, whole.
    Whole,
    /// One per invited claimant (letters, claim forms): `letters_per_typst` to a part, the
    /// letters' parts holding every such document for the same claimants.
    Letters,
    /// A table with a row per item: at most `rows_per_typst` table rows to a part.
    Table {
        /// How many items (claimants) the table lists.
        items: fn(&SessionView) -> usize,
        /// How many table rows each item takes (one per language the table is in).
        rows_per_item: fn(&SessionView) -> usize,
    },
}

impl Split {
    /// How many parts (typst processes) this makes of a document of `view`, and how many of
    /// its items each part holds.
    pub fn parts(self, view: &SessionView) -> (usize, usize) {
        let (items, per_part) = match self {
            Split::Whole => return (1, usize::MAX),
            Split::Letters => (view.claimants.invited().count(), view.letters_per_part()),
            Split::Table {
                items,
                rows_per_item,
            } => (
                items(view),
                (view.rows_per_part() / rows_per_item(view).max(1)).max(1),
            ),
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
