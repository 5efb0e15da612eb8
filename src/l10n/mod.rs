//! Languages: the two languages documents are written in, a claimant's choice between them,
//! dates and times in each, and the wording from the Fluent strings files. Every stage uses
//! these, so they sit below all of them.

pub mod dates;
pub mod languages;
pub mod strings;

use serde::Serialize;
use unic_langid::LanguageIdentifier;

/// A language of a document part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Cy,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }

    pub fn langid(self) -> LanguageIdentifier {
        match self {
            Lang::En => unic_langid::langid!("en-GB"),
            Lang::Cy => unic_langid::langid!("cy"),
        }
    }
}

/// The language of a claimant's letters and forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LanguageChoice {
    En,
    Cy,
    /// Bilingual: Welsh first, then English.
    CyEn,
}

impl LanguageChoice {
    pub const ALL: [LanguageChoice; 3] =
        [LanguageChoice::En, LanguageChoice::Cy, LanguageChoice::CyEn];

    /// The spellings offices use in a claimant list's `language` column, in English and
    /// Welsh, matched like headings (case, spaces, `_`, `-`, `+`): `Welsh`, `Both`, `en+cy`.
    pub const SPELLINGS: &[(&str, LanguageChoice)] = &[
        ("en", LanguageChoice::En),
        ("english", LanguageChoice::En),
        ("saesneg", LanguageChoice::En),
        ("eng", LanguageChoice::En),
        ("cy", LanguageChoice::Cy),
        ("welsh", LanguageChoice::Cy),
        ("cymraeg", LanguageChoice::Cy),
        ("cym", LanguageChoice::Cy),
        ("cy+en", LanguageChoice::CyEn),
        ("en+cy", LanguageChoice::CyEn),
        ("both", LanguageChoice::CyEn),
        ("bilingual", LanguageChoice::CyEn),
        ("dwyieithog", LanguageChoice::CyEn),
        ("welsh and english", LanguageChoice::CyEn),
        ("english and welsh", LanguageChoice::CyEn),
        ("welsh/english", LanguageChoice::CyEn),
        ("cymraeg a saesneg", LanguageChoice::CyEn),
        ("saesneg a chymraeg", LanguageChoice::CyEn),
    ];

    /// The parts of a document in this language, in reading order (Welsh first).
    pub fn parts(self) -> &'static [Lang] {
        match self {
            LanguageChoice::En => &[Lang::En],
            LanguageChoice::Cy => &[Lang::Cy],
            LanguageChoice::CyEn => &[Lang::Cy, Lang::En],
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            LanguageChoice::En => "en",
            LanguageChoice::Cy => "cy",
            LanguageChoice::CyEn => "cy+en",
        }
    }

    pub fn needs_welsh(self) -> bool {
        self != LanguageChoice::En
    }
}
