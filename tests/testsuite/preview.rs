//! The preview list: every claimant row, the decision, its reason and the warnings; the only
//! document where sensitive reasons appear.

use crate::harness::{TestProject, example_built};

#[test]
fn the_preview_csv_lists_every_row_with_decision_and_reason() {
    let p = example_built();
    let text = p.read("out/cardiff-2026-12-01/preview.csv");
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 16, "every claimant row, invited or not");
    let find = |r: &str| records.iter().find(|x| &x[1] == r).unwrap().clone();
    assert_eq!(&find("C1009")[5], "not invited");
    assert!(find("C1009")[6].contains("potentially violent"));
    assert!(find("C1010")[6].contains("objects to a group session"));
    assert!(find("C1014")[6].contains("suitability review"));
    assert_eq!(&find("C1011")[5], "invited", "MAPPA with manager approval");
    assert_eq!(&find("C1003")[3], "cy+en", "blank language in Wales");
    assert_eq!(&find("C1003")[4], "large-print");
    // Which session and day, on every row, so a list opened on its own says.
    let headers = rows.headers().unwrap().clone();
    let at = |h: &str| headers.iter().position(|x| x == h).unwrap();
    assert_eq!(&find("C1009")[at("session")], "cardiff-2026-12-01");
    assert_eq!(&find("C1009")[at("date")], "2026-12-01");
    // An interpreter's language by name, with its code.
    let venue = p.read("out/cardiff-venue-2026-12-03/preview.csv");
    assert!(venue.contains(",Polish (pl),"), "{venue}");
}

#[test]
fn the_preview_pdf_gives_reasons_and_warnings_welsh_first_in_wales() {
    let p = TestProject::only(&["cardiff-2026-12-01"]);
    // A claimant whose Jobsearch Review is another day: a warning about them.
    p.edit("content/claimants/cardiff-2026-12-01.csv", "C1004,Mr,Rhodri,Jenkins,112 Cowbridge Road East,Canton,Cardiff,cf11 9dx,en,standard,2026-12-01", "C1004,Mr,Rhodri,Jenkins,112 Cowbridge Road East,Canton,Cardiff,cf11 9dx,en,standard,2026-12-03");
    p.run(&["build"]).ok().says("warning[GS013]");
    let text = p.pdf_text("out/cardiff-2026-12-01/preview.pdf");
    let welsh = text.find("Rhestr ragolwg").expect("Welsh part");
    let english = text.find("Preview list").expect("English part");
    assert!(welsh < english, "Welsh first");
    for expected in [
        "Gallai fod yn dreisgar (GSG 28)",
        "Potentially violent (GSG 28)",
        "Suitability review without manager approval (GSG 28)",
        "Objects to a group session",
        "Manager approved (GSG 33)",
        "Warning: the session is not on their Jobsearch Review day",
        "13 invited, 3 not invited.",
    ] {
        assert!(text.contains(expected), "missing {expected:?}: {text}");
    }
    let csv = p.read("out/cardiff-2026-12-01/preview.csv");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("5,C1004") && l.contains("GS013")),
        "{csv}"
    );
}

#[test]
fn the_preview_in_england_is_english() {
    let p = example_built();
    let text = p.pdf_text("out/bristol-2026-12-02/preview.pdf");
    assert!(
        text.contains("MAPPA case without manager approval (GSG 33)"),
        "{text}"
    );
    assert!(!text.contains("Rhestr ragolwg"));
    assert_eq!(
        crate::harness::pdf_lang(&p.path("out/bristol-2026-12-02/preview.pdf")).as_deref(),
        Some("en-GB")
    );
}

/// Words that give a sensitive reason away, in both languages.
const SENSITIVE: &[&str] = &[
    "violent",
    "MAPPA",
    "unacceptable behaviour",
    "suitability review",
    "treisgar",
    "annerbyniol",
    "addasrwydd",
];

#[test]
fn sensitive_reasons_appear_in_the_preview_and_in_no_other_document() {
    let p = example_built();
    let mut checked = 0;
    for file in p.files("out") {
        if !file.ends_with(".pdf") {
            continue;
        }
        let text = p.pdf_text(&format!("out/{file}"));
        if file.ends_with("/preview.pdf") {
            let lower = text.to_lowercase();
            assert!(
                SENSITIVE.iter().any(|w| lower.contains(&w.to_lowercase())),
                "{file} should give reasons"
            );
            continue;
        }
        for word in SENSITIVE {
            assert!(
                !text.to_lowercase().contains(&word.to_lowercase()),
                "{file} contains {word:?}"
            );
        }
        checked += 1;
    }
    assert!(checked > 30, "only {checked} documents checked");
}
