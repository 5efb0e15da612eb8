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
