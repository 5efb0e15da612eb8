//! Why a document cannot be rendered, as a value that knows the file, key and code it belongs
//! to.

use crate::codes::{BAD_VALUE, MISSING_STRING, STRINGS_SYNTAX, TEMPLATE_ERROR};
use crate::diag::{Diagnostic, Location, causes, chain_text};
use crate::l10n::Lang;
use crate::l10n::strings::StringError;
use crate::rules::addresses::BAD_ADDRESS;
use crate::rules::welsh::WELSH_MISSING;

/// Why a document cannot be rendered. Each names the file, key and code it belongs to.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A text of the session or office in one language is missing (GS014 for Welsh).
    #[error("`{key}.{}`: the {} text is missing", lang.code(), if *lang == Lang::Cy { "Welsh" } else { "English" })]
    MissingText {
        location: Location,
        key: String,
        lang: Lang,
    },
    /// A string the Rust code reads is missing from a strings file, or does not format.
    #[error(transparent)]
    String(#[from] StringError),
    /// Tera could not render the template.
    #[error("templates/{template}: {}", chain_text(&causes(source)))]
    Template {
        template: &'static str,
        source: tera::Error,
    },
    /// The template file is not in `templates/`.
    #[error("the template templates/{template} is missing")]
    MissingTemplate { template: &'static str },
    /// A claimant's address cannot be printed (AD001).
    #[error("the address of {reference} is not valid")]
    Address {
        location: Location,
        reference: String,
    },
}

impl RenderError {
    /// The diagnostic for the user, on `session`. Its level is fixed: the document cannot
    /// be made until it is fixed, whatever `rules:` says.
    pub fn to_diagnostic(&self, document: &str, session: &str) -> Diagnostic {
        let d = match self {
            RenderError::MissingText { location, lang, .. } => Diagnostic::new(
                if *lang == Lang::Cy {
                    &WELSH_MISSING
                } else {
                    &BAD_VALUE
                },
                format!("{self}, and the session's documents cannot be made without it"),
            )
            .at(location.clone())
            .help("add the text (ask a Welsh translator for Welsh); English is never printed in its place"),
            RenderError::String(e @ StringError::Missing { key, file }) => {
                Diagnostic::new(&MISSING_STRING, e.to_string())
                    .at(Location::file(file))
                    .help(format!("add `{key} = ...` to {file}"))
            }
            RenderError::String(e @ StringError::Format { file, line, .. }) => {
                Diagnostic::new(&STRINGS_SYNTAX, e.to_string())
                    .at(Location::line(file, *line))
            }
            RenderError::Template { template, .. } | RenderError::MissingTemplate { template } => {
                let d = Diagnostic::new(
                    &TEMPLATE_ERROR,
                    format!("the {} cannot be rendered: {self}", document),
                )
                .at(Location::file(format!("templates/{template}")));
                if matches!(self, RenderError::MissingTemplate { .. }) {
                    d.help("copy it from a new project (sessionpack init)")
                } else {
                    d
                }
            }
            RenderError::Address { location, .. } => {
                Diagnostic::new(&BAD_ADDRESS, self.to_string())
                    .at(location.clone())
            }
        };
        d.fixed().session(session)
    }
}
