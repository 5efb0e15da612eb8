//! Personal data that must never be in a claimant list (GSG 43). Headers are classified while
//! the CSV is read (`model::claimant::parse`), so no cell of such a column is ever kept; the
//! rule that reports them is `rules::privacy` (GS015).

/// A header that suggests a sort code, account number or IBAN.
pub fn looks_like_bank_details(normalised_header: &str) -> bool {
    let compact = normalised_header.replace('_', "");
    let contains = [
        "sortcode",
        "accountnumber",
        "accountno",
        "acctno",
        "acctnumber",
        "acnumber",
        "iban",
        "bankaccount",
        "bankdetails",
        "buildingsociety",
        // Welsh: cod didoli, rhif cyfrif, manylion banc, cyfrif banc.
        "coddidoli",
        "rhifcyfrif",
        "manylionbanc",
        "cyfrifbanc",
    ];
    let whole = [
        "accno",
        "acno",
        "ac",
        "bic",
        "swift",
        "swiftcode",
        "scode",
        "sc",
    ];
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
            "cod_didoli",
            "rhif_cyfrif",
            "manylion_banc",
            "a_c_no",
            "acct_number",
            "s_code",
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
