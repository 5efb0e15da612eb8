//! Validate: the checks run on the loaded project before anything is planned or written.
//! Each check is a named [`Rule`](crate::diag::Rule) with a stable code, a default level and,
//! for the guidance rules, the paragraph it comes from. One file per concern.

mod claimants;
mod content;
mod data;
mod numbers;
pub mod privacy;
mod safety;
mod staff;
pub mod welsh;

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
    &numbers::TOO_MANY_INVITATIONS,
    &numbers::TOO_FEW_INVITATIONS,
    &safety::RISK_ASSESSMENT,
    &staff::FACILITATOR_TRAINING,
    &staff::NO_DEPUTY,
    &content::AGENDA,
    &content::TOO_LONG,
    &content::INTERPRETERS_NOT_EXTENDED,
    &claimants::DIRECTION_WITHOUT_JUSTIFICATION,
    &claimants::CHILDCARE_HOURS,
    &claimants::ACCESS_NOT_MET,
    &claimants::NOT_ON_REVIEW_DAY,
    &render::strings::WELSH_MISSING,
    &privacy::BANK_DETAILS,
    &claimants::DOUBLE_BOOKED,
];

pub fn is_known_code(code: &str) -> bool {
    ALL.iter().any(|r| r.code == code)
}

/// Run every check on the loaded project.
pub fn check(project: &Project, diags: &mut Diagnostics) {
    data::check(project, diags);
    welsh::check(project, diags);
    numbers::check(project, diags);
    safety::check(project, diags);
    staff::check(project, diags);
    content::check(project, diags);
    claimants::check(project, diags);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_guidance_rules_cite_their_paragraph() {
        let mut codes: Vec<&str> = ALL.iter().map(|r| r.code).collect();
        codes.sort();
        let before = codes.len();
        codes.dedup();
        assert_eq!(before, codes.len(), "duplicate rule codes");
        for r in ALL
            .iter()
            .filter(|r| r.code.starts_with("GS") && r.code != "GS016")
        {
            assert!(r.source.is_some(), "{} has no source", r.code);
        }
    }
}
