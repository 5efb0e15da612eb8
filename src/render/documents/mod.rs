//! The document types. Each is one template in `templates/`, one file here named after it
//! that gathers its data, and one line in [`DOCUMENTS`]; its wording is in the strings files.

mod attendance_register;
mod facilitator_script;
mod feedback;
mod letters;
mod poster;
mod preview;
mod travel_claims;

use crate::render::document::DocumentKind;

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
