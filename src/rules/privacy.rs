//! Personal data that must never be in a claimant list (GSG 43). The check itself runs on the
//! CSV header while it is read (`model::claimant::parse`), before any cell is kept.

use crate::diag::{Level, Rule};

pub static BANK_DETAILS: Rule = Rule {
    code: "GS015",
    name: "bank-details",
    level: Level::Error,
    source: Some("GSG 43"),
    summary: "claimant data must never hold bank details: documents with full customer details and bank accounts are never couriered",
};

/// A header that suggests a sort code, account number or IBAN.
pub fn looks_like_bank_details(normalised_header: &str) -> bool {
    let compact = normalised_header.replace('_', "");
    let contains = [
        "sortcode",
        "accountnumber",
        "accountno",
        "acctno",
        "iban",
        "bankaccount",
        "bankdetails",
        "buildingsociety",
    ];
    let whole = ["accno", "bic", "swift", "swiftcode"];
    contains.iter().any(|k| compact.contains(k)) || whole.contains(&compact.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bank_detail_headers() {
        for h in [
            "sort_code",
            "account_number",
            "bank_account_no",
            "iban",
            "acc_no",
            "bic",
            "building_society_roll",
        ] {
            assert!(looks_like_bank_details(h), "{h}");
        }
        for h in [
            "public_transport",
            "postcode",
            "account_manager_notes",
            "first_name",
        ] {
            assert!(!looks_like_bank_details(h), "{h}");
        }
    }
}
