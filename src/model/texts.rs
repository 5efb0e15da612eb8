//! Text a project file gives in both languages (`en`, `cy`).

use serde::Deserialize;

use crate::l10n::Lang;

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

/// Address lines, postcode last: one list for every language (offices outside Wales), or one
/// per language, `{ en: [...], cy: [...] }`. A claimant's own address is never one of these:
/// it is printed as given.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum AddressLines {
    Same(Vec<String>),
    ByLanguage {
        #[serde(default)]
        en: Vec<String>,
        #[serde(default)]
        cy: Vec<String>,
    },
}

impl Default for AddressLines {
    fn default() -> Self {
        AddressLines::Same(Vec::new())
    }
}

impl AddressLines {
    /// The lines in `lang`; none when this language has none of its own.
    pub fn get(&self, lang: Lang) -> Option<&[String]> {
        let lines = match self {
            AddressLines::Same(lines) => lines,
            AddressLines::ByLanguage { en, cy } => match lang {
                Lang::En => en,
                Lang::Cy => cy,
            },
        };
        (!lines.is_empty()).then_some(lines.as_slice())
    }

    /// Whether the address is given in Welsh (`cy:`), not one list for both languages.
    pub fn has_welsh(&self) -> bool {
        matches!(self, AddressLines::ByLanguage { cy, .. } if !cy.is_empty())
    }

    /// Every line with its key path under `address`: `0`, or `cy.0`.
    pub fn lines(&self) -> Vec<(String, &String)> {
        match self {
            AddressLines::Same(lines) => lines
                .iter()
                .enumerate()
                .map(|(i, l)| (i.to_string(), l))
                .collect(),
            AddressLines::ByLanguage { en, cy } => en
                .iter()
                .enumerate()
                .map(|(i, l)| (format!("en.{i}"), l))
                .chain(cy.iter().enumerate().map(|(i, l)| (format!("cy.{i}"), l)))
                .collect(),
        }
    }
}
