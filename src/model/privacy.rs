//! Personal data that must never be in a claimant list (GSG 43). Headers are classified while
//! the CSV is read (`model::claimant::parse`), so no cell of such a column is ever kept; the
//! rule that reports them is `rules::privacy` (GS015).

/// A header that suggests a sort code, account number or IBAN.
pub fn looks_like_bank_details(normalised_header: &str) -> bool {
    // Welsh articles go (`Rhif y Cyfrif`), and accents (`Côd Didoli`).
    let compact: String = normalised_header
        .split('_')
        .filter(|w| !matches!(*w, "y" | "yr" | "r"))
        .flat_map(str::chars)
        .map(|c| match c {
            'â' | 'á' | 'à' | 'ä' => 'a',
            'ê' | 'é' | 'è' | 'ë' => 'e',
            'î' | 'í' | 'ì' | 'ï' => 'i',
            'ô' | 'ó' | 'ò' | 'ö' => 'o',
            'û' | 'ú' | 'ù' | 'ü' => 'u',
            'ŵ' | 'ẃ' | 'ẁ' | 'ẅ' => 'w',
            'ŷ' | 'ý' | 'ỳ' | 'ÿ' => 'y',
            other => other,
        })
        .collect();
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
        // A building society account's roll number.
        "rollnumber",
        "rollno",
        // Welsh: cod didoli, rhif cyfrif, manylion banc, cyfrif banc.
        "coddidoli",
        "rhifcyfrif",
        "manylionbanc",
        "cyfrifbanc",
        "rhifrol",
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
            "rhif_y_cyfrif",
            "côd_didoli",
            "roll_number",
            "roll_no",
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
