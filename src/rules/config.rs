//! `sessionpack.yaml` itself: every code under `rules:` is one the tool knows.

use crate::codes::YAML_SCHEMA;
use crate::diag::Diagnostic;
use crate::rules::concern::{Concern, Input, Report};

pub const CONCERN: Concern = Concern { rules: &[], check };

fn check(input: &Input, report: &mut Report) {
    let Some(file) = &input.project.config_file else {
        return;
    };
    for code in file.value.rules.keys() {
        if !input.known_codes.contains(&code.as_str()) {
            report.push(
                Diagnostic::new(
                    &YAML_SCHEMA,
                    format!("`rules`: `{code}` is not a rule code"),
                )
                .at(file.loc(&format!("rules.{code}")))
                .help("use a code shown by `sessionpack check`, such as GS002"),
            );
        }
    }
}
