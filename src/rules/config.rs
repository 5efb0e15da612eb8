//! `sessionpack.yaml` itself: every code under `rules:` is one the tool knows, and none the
//! guidance says "must" (or the law requires) is relaxed.

use crate::codes::YAML_SCHEMA;
use crate::diag::{Diagnostic, LevelOverride};
use crate::rules::concern::{Concern, Input, Report};

pub const CONCERN: Concern = Concern { rules: &[], check };

fn check(input: &Input, report: &mut Report) {
    let Some(file) = &input.project.config_file else {
        return;
    };
    for (code, level) in &file.value.rules {
        if let Some(rule) = input.must_rules.iter().find(|r| r.code == code)
            && *level != LevelOverride::Deny
        {
            report.push(
                Diagnostic::new(
                    &YAML_SCHEMA,
                    match rule.source {
                        Some(source) => {
                            format!("`rules`: {code} cannot be relaxed: {} ({source})", rule.summary)
                        }
                        None => format!(
                            "`rules`: {code} cannot be relaxed: {}; relaxed, it could only lose data or print it wrong",
                            rule.summary
                        ),
                    },
                )
                .at_key(file, &format!("rules.{code}"))
                .help(format!(
                    "remove `{code}` from `rules:`; fix what it reports instead"
                )),
            );
        }
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
