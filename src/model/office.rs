//! An office or venue: `content/offices/ID.yaml`.

use serde::Deserialize;

use crate::model::texts::{AddressLines, Texts};
use crate::model::yaml::Located;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeFile {
    pub name: Texts,
    /// Address lines, postcode last; `{ en: [...], cy: [...] }` for an office in Wales.
    pub address: AddressLines,
    pub phone: String,
    /// Posters, forms and questionnaires become bilingual, Welsh first.
    #[serde(default)]
    pub in_wales: bool,
    #[serde(default)]
    pub step_free: bool,
    #[serde(default)]
    pub hearing_loop: bool,
    #[serde(default)]
    pub accessible_toilet: bool,
}

#[derive(Debug, Clone)]
pub struct Office {
    pub id: String,
    pub data: Located<OfficeFile>,
}

impl std::ops::Deref for Office {
    type Target = OfficeFile;
    fn deref(&self) -> &OfficeFile {
        &self.data.value
    }
}
