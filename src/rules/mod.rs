//! Validate: the checks run on the loaded project before anything is planned or written.
//! Each check is a named [`Rule`](crate::diag::Rule) with a stable code, a default level and,
//! for the guidance rules, the paragraph it comes from. One file per concern.

mod data;
mod welsh;

use crate::diag::{Diagnostics, Rule};
use crate::model::{self, claimant, yaml};
use crate::project::Project;
use crate::render;

/// Every rule the tool knows, for `sessionpack.yaml`'s `rules:` and for documentation.
pub static ALL: &[&Rule] = &[
    &yaml::YAML_SYNTAX,
    &yaml::YAML_SCHEMA,
    &model::INVALID_ID,
    &model::UNKNOWN_OFFICE,
    &model::BAD_VALUE,
    &model::MISSING_FILE,
    &claimant::CSV_UNREADABLE,
    &claimant::CSV_MISSING_COLUMN,
    &claimant::CSV_UNKNOWN_COLUMN,
    &claimant::BAD_YES_NO,
    &claimant::BAD_DATE,
    &claimant::DUPLICATE_REF,
    &claimant::BAD_CELL,
    &claimant::BAD_ADDRESS,
    &data::ADDRESS_TOO_WIDE,
    &render::strings::STRINGS_SYNTAX,
    &render::TEMPLATE_ERROR,
    &crate::compile::TYPST_ERROR,
    &crate::compile::TYPST_WARNING,
    &claimant::BANK_DETAILS,
    &render::strings::WELSH_MISSING,
];

pub fn is_known_code(code: &str) -> bool {
    ALL.iter().any(|r| r.code == code)
}

/// Run every check on the loaded project.
pub fn check(project: &Project, diags: &mut Diagnostics) {
    data::check(project, diags);
    welsh::check(project, diags);
}
