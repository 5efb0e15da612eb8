//! The typed project: offices, sessions and claimant lists, parsed with their locations.
//! Parsing reports format problems (bad YAML, bad cells); the guidance rules live in `rules/`.

pub mod address;
pub mod claimant;
pub mod office;
pub mod session;
pub mod values;
pub mod yaml;

use serde::Deserialize;

use crate::diag::{Level, Rule};
use crate::render::Lang;

pub use claimant::{AccessNeed, Claimant, ClaimantList, Decision, NotInvitedReason};
pub use office::Office;
pub use session::Session;

pub static INVALID_ID: Rule = Rule {
    code: "SP003",
    name: "invalid-id",
    level: Level::Error,
    source: None,
    summary: "IDs are file names: lower-case letters, digits and `-` only",
};

pub static UNKNOWN_OFFICE: Rule = Rule {
    code: "SP004",
    name: "unknown-office",
    level: Level::Error,
    source: None,
    summary: "a session's `office` must be the ID of a file in content/offices/",
};

pub static BAD_VALUE: Rule = Rule {
    code: "SP005",
    name: "bad-value",
    level: Level::Error,
    source: None,
    summary: "dates, times and choices must be written as PRODUCT.md describes",
};

pub static MISSING_FILE: Rule = Rule {
    code: "SP006",
    name: "missing-file",
    level: Level::Error,
    source: None,
    summary: "every file the project names must exist and be readable",
};

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

/// The language of a claimant's letters and forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    En,
    Cy,
    /// Bilingual: Welsh first, then English.
    CyEn,
}

impl Language {
    pub fn parse(text: &str) -> Option<Language> {
        match text.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Language::En),
            "cy" => Some(Language::Cy),
            "cy+en" => Some(Language::CyEn),
            _ => None,
        }
    }

    /// The parts of a document in this language, in reading order (Welsh first).
    pub fn parts(self) -> &'static [Lang] {
        match self {
            Language::En => &[Lang::En],
            Language::Cy => &[Lang::Cy],
            Language::CyEn => &[Lang::Cy, Lang::En],
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Cy => "cy",
            Language::CyEn => "cy+en",
        }
    }

    pub fn needs_welsh(self) -> bool {
        self != Language::En
    }
}

/// Print format of a claimant's letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Standard,
    LargePrint,
}

impl Format {
    pub fn code(self) -> &'static str {
        match self {
            Format::Standard => "standard",
            Format::LargePrint => "large-print",
        }
    }
}
