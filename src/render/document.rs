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
    /// One per invited claimant: a large session's are split over its parts (letters, claim
    /// forms); the others are made once, in the first part.
    pub per_claimant: bool,
    /// The Fluent IDs its Rust code reads (checked in both languages before rendering).
    pub strings: &'static [&'static str],
    /// The files it writes, relative to `out/ID/`.
    pub outputs: fn(&SessionView) -> Vec<String>,
    /// Its Typst source.
    pub render: fn(&SessionView, &Renderer) -> Result<String, RenderError>,
    /// Files it writes without typst.
    pub side_files: fn(&SessionView) -> Result<Vec<SideFile>, RenderError>,
}

/// A file a document writes, under `out/ID/`, and the bundle it goes in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bundle: Option<Bundle>,
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
