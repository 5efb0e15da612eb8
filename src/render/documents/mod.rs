//! The document types. Each is one template in `templates/`, one file here named after it
//! that gathers its data, and one line in [`DOCUMENTS`]; its wording is in the strings files.

mod attendance_register;
mod facilitator_script;
mod feedback;
mod letters;
mod poster;
mod preview;
mod travel_claims;

use super::{RenderError, Renderer, SessionView, SideFile};
use crate::out::Bundle;

/// One kind of document: a template and the small Rust entry that feeds it.
pub struct DocumentKind {
    /// What the officer calls it, in messages.
    pub name: &'static str,
    pub template: &'static str,
    /// The zip bundle its PDFs go in, if any.
    pub bundle: Option<Bundle>,
    /// The Fluent IDs its Rust code reads (checked in both languages before rendering).
    pub strings: &'static [&'static str],
    /// The files it writes, relative to `out/ID/`.
    pub outputs: fn(&SessionView) -> Vec<String>,
    /// Its Typst source.
    pub render: fn(&SessionView, &Renderer) -> Result<String, RenderError>,
    /// Files it writes without typst.
    pub side_files: fn(&SessionView) -> Result<Vec<SideFile>, RenderError>,
}

/// Every document a session gets, in build order.
pub static DOCUMENTS: &[&DocumentKind] = &[
    &letters::DOCUMENT,
    &facilitator_script::DOCUMENT,
    &attendance_register::DOCUMENT,
    &travel_claims::DOCUMENT,
    &feedback::DOCUMENT,
    &poster::DOCUMENT,
    &preview::DOCUMENT,
];

/// For documents that write only PDFs.
fn no_side_files(_: &SessionView) -> Result<Vec<SideFile>, RenderError> {
    Ok(Vec::new())
}
