//! The facilitator pack and the bundles: script, register, travel claims, feedback, poster;
//! the two zips with their manifests; all accessible, all deterministic.

use std::io::Read;

use crate::harness::{TestProject, example_built, pdf_lang, pdf_title_and_ua};
use sha2::{Digest, Sha256};

const CARDIFF: &str = "out/cardiff-2026-12-01";
const VENUE: &str = "out/cardiff-venue-2026-12-03";
const BRISTOL: &str = "out/bristol-2026-12-02";

fn built() -> &'static TestProject {
    example_built()
}

#[test]
fn every_pdf_is_pdf_ua_with_a_title_and_language() {
    let p = built();
    let pdfs: Vec<String> = p
        .files("out")
        .into_iter()
        .filter(|f| f.ends_with(".pdf"))
        .collect();
    assert!(pdfs.len() > 40);
    for f in pdfs {
        let path = p.path(&format!("out/{f}"));
        let (title, ua) = pdf_title_and_ua(&path);
        assert!(ua, "{f} is not PDF/UA-1");
        assert!(title.is_some_and(|t| t.len() > 5), "{f} has no title");
        let lang = pdf_lang(&path).unwrap_or_default();
        assert!(lang == "cy-GB" || lang == "en-GB", "{f}: language {lang}");
    }
    // Office documents in Wales are Welsh first; in England, English.
    assert_eq!(
        pdf_lang(&p.path(&format!("{CARDIFF}/poster.pdf"))).as_deref(),
        Some("cy-GB")
    );
    assert_eq!(
        pdf_lang(&p.path(&format!("{BRISTOL}/poster.pdf"))).as_deref(),
        Some("en-GB")
    );
}

#[test]
fn the_script_is_a_timed_run_sheet_with_counts_and_no_names() {
    let p = built();
    let text = p.pdf_text(&format!("{BRISTOL}/facilitator-script.pdf"));
    // Clock time of each section from `starts` (13:30; 10, 25, 15, 10 minutes).
    for expected in [
        "1:30pm – 1:40pm",
        "1:40pm – 2:05pm",
        "2:05pm – 2:20pm",
        "2:20pm – 2:30pm",
        "Priya Shah (lead)",
        "Tom Barker (deputy)",
        "Tea and coffee in the group room",
        "Wells Road car park",
        "First floor, by the lift",
        "Finishing time: 2:30pm",
        "keep their tickets and receipts",
        "nobody has to discuss their personal circumstances in front of the group",
        "Care sector jobs with paid training",
        "Jobpoints",
        "help for people with disabilities",
        "the Flexible Support Fund",
        "Invite questions",
        "Explain what happens next",
        "Book any one-to-one interviews requested",
        "Invited: 10",
        "Step-free route: 1",
        "Accessible toilet: 1",
    ] {
        assert!(text.contains(expected), "missing {expected:?}: {text}");
    }
    for name in ["Jason", "Hill", "Janet", "Cole", "B3001"] {
        assert!(
            !text.contains(name),
            "a claimant's name in the script: {name}"
        );
    }
    let venue = p.pdf_text(&format!("{VENUE}/facilitator-script.pdf"));
    assert!(
        venue.contains("Polish interpreter: 2") && venue.contains("Arabic interpreter: 1"),
        "{venue}"
    );
    assert!(venue.contains("hand out the travel-claim forms"), "{venue}");
    // Welsh first in Wales: the Welsh script, then the English one.
    let cardiff = p.pdf_text(&format!("{CARDIFF}/facilitator-script.pdf"));
    let cy = cardiff.find("Sgript yr hwylusydd").expect("Welsh script");
    let en = cardiff.find("Facilitator script").expect("English script");
    assert!(cy < en);
    assert!(cardiff.contains("10yb – 10:10yb"), "{cardiff}");
}

#[test]
fn the_register_has_exactly_the_invited_sorted_by_last_name() {
    let p = built();
    let text = p.pdf_text(&format!("{BRISTOL}/attendance-register.pdf"));
    let invited = [
        "Baker", "Brooks", "Cole", "Doyle", "Ford", "Hill", "Patel", "Price", "Turner", "Walsh",
    ];
    let positions: Vec<usize> = invited
        .iter()
        .map(|n| {
            text.find(&format!("{n}, "))
                .unwrap_or_else(|| panic!("{n} missing: {text}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "not sorted by last name: {positions:?}"
    );
    for not_invited in ["Pearce", "Kerr"] {
        assert!(!text.contains(not_invited), "{not_invited} is not invited");
    }
    for expected in [
        "Group Info Session (Non New Deal)",
        "Getting back to work in south Bristol",
        "Wednesday 2 December 2026",
        "Priya Shah, Tom Barker",
        "Labour market declaration: signature",
        "Claim form given (tick)",
        "One-to-one requested",
        "at every attendance",
        "(GIS 23)",
    ] {
        assert!(text.contains(expected), "missing {expected:?}: {text}");
    }
}

#[test]
fn the_register_repeats_its_header_on_every_page() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    p.edit(
        "content/sessions/bristol-2026-12-02.yaml",
        "optimum_attendees: 5\n",
        "optimum_attendees: 5\nmax_invites: 60\n",
    );
    let mut rows = String::new();
    for i in 0..40 {
        rows.push_str(&format!("X{i:03},Mr,Extra,Person{i:03},{i} Wells Road,Bristol,,BS4 2AG,en,standard,2026-12-02,no,,,no,no,no,no,no,no,no\n"));
    }
    p.add_rows("bristol-2026-12-02", &rows);
    p.run(&["build"]).ok();
    let pages = p.pdf_pages("out/bristol-2026-12-02/attendance-register.pdf");
    assert!(pages.len() >= 3, "{} pages", pages.len());
    assert!(
        pages
            .iter()
            .all(|t| t.contains("Labour market declaration: signature")),
        "header not repeated"
    );
}

#[test]
fn travel_claims_are_prefilled_and_bank_boxes_only_by_post_and_blank() {
    let p = built();
    // By post (external venue): one form per invited claimant, each on a sheet of its own,
    // with blank bank boxes.
    let pages = p.pdf_pages(&format!("{VENUE}/travel-claims.pdf"));
    let first = &pages[0];
    for expected in [
        "Travel expenses claim",
        "Training and jobs for people learning English",
        "Thursday 3 December 2026",
        "10:30am to midday",
        "Cathays Community Centre",
        "Mr Piotr Kowalski",
        "V2001",
        "Your journeys",
        "Outward",
        "Return",
        "Total (£)",
        "Cost (£)",
        "Building society roll number",
        "For office use",
        "Date received",
        "Checked against the register by",
        "I declare that the information I have given is true and complete",
        "Signature",
        "Your bank details (fill in by hand)",
        "Sort code",
        "Account number",
        "by post to the office below",
    ] {
        assert!(first.contains(expected), "missing {expected:?}: {first}");
    }
    // Nothing personal beyond name and reference: no address, no interpreter, no bank digits.
    assert!(
        !first.contains("14 Crwys Road") && !first.contains("Polish"),
        "{first}"
    );
    assert!(
        first.contains("This form is also available in Welsh"),
        "an English form from Wales: {first}"
    );
    let after_bank = &first[first.find("Account number").unwrap()..];
    assert!(
        !after_bank.chars().take(40).any(|c| c.is_ascii_digit()),
        "bank boxes are not blank: {after_bank}"
    );
    // At the next visit (office): no bank boxes at all.
    let text = p.pdf_text(&format!("{BRISTOL}/travel-claims.pdf"));
    assert!(
        !text.contains("Sort code") && !text.contains("bank"),
        "{text}"
    );
    assert!(
        text.contains("Bring this form, with your tickets or receipts, to your next appointment")
    );
    assert!(
        !text.contains("available in Welsh"),
        "not from an office in England"
    );
    // In the claimant's language: a Welsh claimant's form is Welsh only.
    let cardiff = p.pdf_pages(&format!("{CARDIFF}/travel-claims.pdf"));
    let sian = cardiff.iter().find(|t| t.contains("C1001")).unwrap();
    assert!(
        sian.contains("Ffurflen hawlio costau teithio") && !sian.contains("Travel expenses claim"),
        "{sian}"
    );
    let bilingual = cardiff.iter().find(|t| t.contains("C1002")).unwrap();
    let cy = bilingual.find("Ffurflen hawlio costau teithio").unwrap();
    let en = bilingual.find("Travel expenses claim").unwrap();
    assert!(cy < en, "Welsh first: {bilingual}");
}

#[test]
fn the_feedback_form_is_anonymous_with_scales_and_free_text() {
    let p = built();
    let text = p.pdf_text(&format!("{BRISTOL}/feedback.pdf"));
    for expected in [
        "Tell us what you thought",
        "anonymous",
        "How useful was the information",
        "How helpful were the facilitators",
        "How suitable was the venue",
        "What could we do better?",
        "1 2 3 4 5",
    ] {
        assert!(text.contains(expected), "missing {expected:?}: {text}");
    }
    let cardiff = p.pdf_text(&format!("{CARDIFF}/feedback.pdf"));
    let cy = cardiff.find("Dywedwch wrthym beth oeddech chi").unwrap();
    let en = cardiff.find("Tell us what you thought").unwrap();
    assert!(cy < en, "Welsh first in Wales");
}

#[test]
fn the_welsh_poster_puts_the_welsh_title_first_with_equal_prominence() {
    let p = built();
    let path = p.path(&format!("{CARDIFF}/poster.pdf"));
    let text = crate::harness::pdf_text(&path);
    let cy = text
        .find("Dod o hyd i waith yng Nghaerdydd y gaeaf hwn")
        .expect("Welsh title");
    let en = text
        .find("Finding work in Cardiff this winter")
        .expect("English title");
    assert!(cy < en, "{text}");
    for expected in [
        "Dydd Mawrth 1 Rhagfyr 2026",
        "Tuesday 1 December 2026",
        "10yb tan 11yb",
        "0800 169 0310",
        "Mynediad heb risiau",
        "hearing loop",
    ] {
        assert!(text.contains(expected), "missing {expected:?}: {text}");
    }
    // Equal prominence: both titles are set in the largest size on the poster.
    let sizes = crate::harness::pdf_font_sizes(&path).concat();
    let largest = sizes.iter().cloned().fold(0.0f32, f32::max);
    assert!(
        sizes.iter().filter(|s| **s == largest).count() >= 2,
        "{sizes:?}"
    );
    // The venue's access facts (an external venue without a hearing loop).
    let venue = p.pdf_text(&format!("{VENUE}/poster.pdf"));
    assert!(
        venue.contains("no hearing loop") && venue.contains("Step-free access"),
        "{venue}"
    );
    assert_eq!(p.pdf_pages(&format!("{BRISTOL}/poster.pdf")).len(), 1);
}

#[test]
fn a3_posters_via_sessionpack_yaml() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    p.edit("sessionpack.yaml", "poster_size: auto", "poster_size: a3");
    p.run(&["build"]).ok();
    let doc = lopdf::Document::load(p.path(&format!("{BRISTOL}/poster.pdf"))).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let media = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let width = media[2].as_float().unwrap();
    assert!(
        (width - 841.9).abs() < 1.0,
        "A3 is 297 mm (841.9 pt) wide, got {width}"
    );
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

fn sha(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

#[test]
fn bundles_hold_the_right_files_and_a_manifest_with_true_hashes() {
    let p = built();
    let letters = unzip(&std::fs::read(p.path("out/cardiff-2026-12-01-letters.zip")).unwrap());
    let names: Vec<&str> = letters.iter().map(|(n, _)| n.as_str()).collect();
    assert!(
        names.contains(&"letters.pdf")
            && names.contains(&"letters/C1001.pdf")
            && names.contains(&"manifest.json"),
        "{names:?}"
    );
    assert_eq!(
        names.iter().filter(|n| n.starts_with("letters/")).count(),
        13
    );
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries are sorted");
    let pack =
        unzip(&std::fs::read(p.path("out/cardiff-2026-12-01-facilitator-pack.zip")).unwrap());
    let names: Vec<&str> = pack.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "attendance-register.pdf",
            "facilitator-script.pdf",
            "feedback.pdf",
            "manifest.json",
            "poster.pdf",
            "travel-claims.pdf"
        ]
    );
    for (zip, entries) in [("letters", &letters), ("pack", &pack)] {
        assert!(
            !entries.iter().any(|(n, _)| n.starts_with("preview")),
            "the preview list is in the {zip} bundle"
        );
        let manifest: serde_json::Value = serde_json::from_slice(
            &entries
                .iter()
                .find(|(n, _)| n == "manifest.json")
                .unwrap()
                .1,
        )
        .unwrap();
        assert_eq!(manifest["typst_version"], "0.15.1");
        assert_eq!(manifest["tool"], "sessionpack");
        let files = manifest["files"].as_array().unwrap();
        assert_eq!(
            files.len(),
            entries.len() - 1,
            "every file but the manifest itself"
        );
        for f in files {
            let (_, bytes) = entries
                .iter()
                .find(|(n, _)| n == f["path"].as_str().unwrap())
                .unwrap();
            assert_eq!(f["sha256"], sha(bytes), "{zip}: {}", f["path"]);
        }
        let inputs = manifest["inputs"].as_array().unwrap();
        let csv = inputs
            .iter()
            .find(|i| i["path"] == "content/claimants/cardiff-2026-12-01.csv")
            .expect("the claimant list is an input");
        assert_eq!(
            csv["sha256"],
            sha(&std::fs::read(p.path("content/claimants/cardiff-2026-12-01.csv")).unwrap())
        );
        for needed in [
            "sessionpack.yaml",
            "content/sessions/cardiff-2026-12-01.yaml",
            "content/offices/cardiff-central.yaml",
            "templates/layout.typ",
        ] {
            assert!(
                inputs.iter().any(|i| i["path"] == needed),
                "{needed} missing from inputs"
            );
        }
    }
    // out/ID/manifest.json lists every file of the session folder.
    let all: serde_json::Value =
        serde_json::from_str(&p.read(&format!("{CARDIFF}/manifest.json"))).unwrap();
    let paths: Vec<&str> = all["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"preview.csv")
            && paths.contains(&"poster.pdf")
            && paths.contains(&"letters/C1016.pdf"),
        "{paths:?}"
    );
}

#[test]
fn two_builds_give_identical_zip_bytes() {
    let p = TestProject::only(&["cardiff-venue-2026-12-03"]);
    p.run(&["build"]).ok();
    let letters = std::fs::read(p.path("out/cardiff-venue-2026-12-03-letters.zip")).unwrap();
    let pack = std::fs::read(p.path("out/cardiff-venue-2026-12-03-facilitator-pack.zip")).unwrap();
    p.run(&["clean"]).ok();
    assert!(
        !p.exists("out/cardiff-venue-2026-12-03-letters.zip"),
        "clean removes the bundles"
    );
    p.run(&["build"]).ok();
    assert_eq!(
        std::fs::read(p.path("out/cardiff-venue-2026-12-03-letters.zip")).unwrap(),
        letters
    );
    assert_eq!(
        std::fs::read(p.path("out/cardiff-venue-2026-12-03-facilitator-pack.zip")).unwrap(),
        pack
    );
}
