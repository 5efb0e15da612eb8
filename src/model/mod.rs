//! The typed project: offices, sessions and claimant lists, parsed with their locations.
//! Parsing reports format problems (bad YAML, bad cells); the guidance rules live in `rules/`.

pub mod address;
pub mod claimant;
pub mod office;
pub mod privacy;
pub mod session;
pub mod values;
pub mod yaml;

use serde::Deserialize;

use crate::l10n::Lang;

pub use claimant::{AccessNeed, Claimant, ClaimantList, Decision, NotInvitedReason};
pub use office::Office;
pub use session::Session;

/// Text in both languages (`en`, `cy`); either may be missing until a rule says it is needed.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    #[serde(default)]
    pub en: Option<String>,
    #[serde(default)]
    pub cy: Option<String>,
}

impl Texts {
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::En => self.en.as_deref(),
            Lang::Cy => self.cy.as_deref(),
        }
        .map(str::trim)
        .filter(|t| !t.is_empty())
    }
}

/// Print format of a claimant's letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PrintFormat {
    Standard,
    LargePrint,
}

impl PrintFormat {
    pub const ALL: [PrintFormat; 2] = [PrintFormat::Standard, PrintFormat::LargePrint];

    pub fn code(self) -> &'static str {
        match self {
            PrintFormat::Standard => "standard",
            PrintFormat::LargePrint => "large-print",
        }
    }
}
