//! The invitation letters, built by the real binary with the real typst, checked by the text
//! inside the PDFs.

use crate::harness::{TestProject, example_built, pdf_lang};

#[test]
fn builds_a_letter_for_every_invited_claimant_and_none_for_the_others() {
    let p = example_built();
    let files = p.files("out/cardiff-2026-12-01");
    let letters: Vec<&String> = files.iter().filter(|f| f.starts_with("letters/")).collect();
    // 16 rows; C1009 (potentially violent), C1010 (objects), C1014 (suitability) not invited.
    assert_eq!(letters.len(), 13, "{files:?}");
    for r in ["C1009", "C1010", "C1014"] {
        assert!(
            !p.exists(&format!("out/cardiff-2026-12-01/letters/{r}.pdf")),
            "{r} must get no letter"
        );
    }
    // C1011 is MAPPA with manager approval: invited.
    assert!(p.exists("out/cardiff-2026-12-01/letters/C1011.pdf"));
    assert!(p.exists("out/cardiff-2026-12-01/letters.pdf"));
    assert!(p.exists("out/bristol-2026-12-02/letters/B3001.pdf"));
    assert!(
        !p.exists("out/bristol-2026-12-02/letters/B3006.pdf"),
        "MAPPA without approval"
    );
    assert!(
        !p.exists("out/cardiff-venue-2026-12-03/letters/V2007.pdf"),
        "unacceptable behaviour"
    );
}

#[test]
fn a_welsh_letter_is_all_welsh_with_welsh_dates_and_times() {
    let p = example_built();
    let path = p.path("out/cardiff-2026-12-01/letters/C1001.pdf");
    let text = crate::harness::pdf_text(&path);
    assert!(
        text.contains(
            "Rydym yn eich gwahodd i sesiwn wybodaeth grŵp ddydd Mawrth 1 Rhagfyr 2026 am 10yb"
        ),
        "{text}"
    );
    assert!(text.contains("10yb tan 11yb"), "{text}");
    assert!(text.contains("Dyddiad: 23 Tachwedd 2026"), "{text}");
    assert!(text.contains("Annwyl Ms Evans"), "{text}");
    assert!(
        text.contains("Mae croeso i chi ddefnyddio’r Gymraeg yn y sesiwn, ac wrth ysgrifennu atom"),
        "{text}"
    );
    assert!(text.contains("Tudalen 1 o 1"), "{text}");
    for english in [
        "Dear",
        "December",
        "Tuesday",
        "Page",
        "am to",
        "Travel costs",
        "Jobcentre Plus",
    ] {
        assert!(
            !text.contains(english),
            "English `{english}` in a Welsh letter: {text}"
        );
    }
    assert_eq!(pdf_lang(&path).as_deref(), Some("cy-GB"));
}

#[test]
fn a_bilingual_letter_is_welsh_first_then_english_on_a_new_sheet() {
    let p = example_built();
    let pages = p.pdf_pages("out/cardiff-2026-12-01/letters/C1002.pdf");
    // Welsh letter (1 page), a blank back, then the English letter on a new sheet.
    assert_eq!(pages.len(), 3, "{pages:#?}");
    assert!(
        pages[0].contains("Annwyl Mr Morgan") && pages[0].contains("Tudalen 1 o 1"),
        "{}",
        pages[0]
    );
    assert!(
        pages[1].trim().is_empty(),
        "page 2 is the back of the Welsh sheet: {}",
        pages[1]
    );
    assert!(
        pages[2].contains("Dear Mr Morgan") && pages[2].contains("Page 1 of 1"),
        "{}",
        pages[2]
    );
    assert!(pages[2].contains("Tuesday 1 December 2026") && pages[2].contains("10am to 11am"));
    assert_eq!(
        pdf_lang(&p.path("out/cardiff-2026-12-01/letters/C1002.pdf")).as_deref(),
        Some("cy-GB")
    );
    // A blank language cell in Wales means bilingual.
    let pages = p.pdf_pages("out/cardiff-2026-12-01/letters/C1003.pdf");
    assert!(pages[0].contains("Annwyl Mrs Price"), "{}", pages[0]);
    assert!(pages.iter().any(|p| p.contains("Dear Mrs Price")));
}

#[test]
fn an_english_letter_has_every_part_the_product_lists() {
    let p = example_built();
    let text = p.pdf_text("out/bristol-2026-12-02/letters/B3001.pdf");
    for expected in [
        "Mr Jason Hill", // address block
        "14 St John's Lane",
        "BS3 5AD",
        "Bristol South Jobcentre", // contact block
        "Phone: 0800 169 0190",
        "Date: 23 November 2026",
        "Our reference: B3001",
        "Relay UK: 18001 then 0800 169 0190",
        "Monday to Friday, 8am to 5pm",
        // The point first: what, when.
        "You’re invited to a group information session on Wednesday 2 December 2026 at 1:30pm",
        "Getting back to work in south Bristol",
        "1:30pm to 2:30pm",
        "You will not have to talk about your own situation in front of the group",
        "You do not have to come",
        "claim back your travel costs",
        "one-to-one appointment",
        "interpreter",
        "large print, braille, audio or another format",
        "Step-free access, no hearing loop, accessible toilet",
        "Page 1 of 1",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    // An office in England, an English letter: no Welsh welcome.
    assert!(!text.contains("Welsh"), "{text}");
    assert_eq!(
        pdf_lang(&p.path("out/bristol-2026-12-02/letters/B3001.pdf")).as_deref(),
        Some("en-GB")
    );
}

#[test]
fn direction_wording_replaces_voluntary_wording() {
    let p = example_built();
    let text = p.pdf_text("out/cardiff-2026-12-01/letters/C1006.pdf");
    // It leads with what the reader must do, in both languages (GIS 11-12), with TermCymru's
    // term for the direction.
    assert!(
        text.contains("Rhaid i chi ddod i sesiwn wybodaeth grŵp ddydd Mawrth 1 Rhagfyr 2026"),
        "{text}"
    );
    assert!(
        text.contains("You must go to a group information session on Tuesday 1 December 2026"),
        "{text}"
    );
    assert!(text.contains("Jobseeker’s Direction"), "{text}");
    assert!(text.contains("Cyfarwyddyd i Geisiwr Gwaith"), "{text}");
    assert!(text.contains("could be stopped or reduced"), "{text}");
    assert!(!text.contains("You do not have to come"), "{text}");
    let text = p.pdf_text("out/cardiff-2026-12-01/letters/C1004.pdf");
    assert!(
        text.contains("You do not have to come") && !text.contains("Direction"),
        "{text}"
    );
}

#[test]
fn an_external_venue_letter_names_the_venue_and_the_postal_claim() {
    let p = example_built();
    let text = p.pdf_text("out/cardiff-venue-2026-12-03/letters/V2001.pdf");
    assert!(
        text.contains("Cathays Community Centre") && text.contains("36 Cathays Terrace"),
        "{text}"
    );
    assert!(
        text.contains("claim back your travel costs by post"),
        "{text}"
    );
    assert!(
        text.contains("90 minutes") && text.contains("to give the interpreters time"),
        "{text}"
    );
    // What the office recorded for this reader: the interpreter (GSG 29, 40).
    assert!(
        text.contains("We will arrange an interpreter for Polish for you at the session"),
        "{text}"
    );
    // An English letter from an office in Wales says Welsh is welcome: Welsh first, then
    // English, in one panel.
    let welsh = text
        .find("Mae croeso i chi ddefnyddio’r Gymraeg")
        .expect("the Welsh statement");
    let english = text
        .find("You are welcome to use Welsh at the session")
        .expect("the English statement");
    assert!(welsh < english, "{text}");
}

#[test]
fn the_print_batch_starts_every_letter_on_an_odd_page() {
    let p = example_built();
    let pages = p.pdf_pages("out/cardiff-2026-12-01/letters.pdf");
    let starts: Vec<usize> = pages
        .iter()
        .enumerate()
        .filter(|(_, t)| t.contains("Annwyl") || t.contains("Dear"))
        .map(|(i, _)| i + 1)
        .collect();
    // Each letter part starts a sheet: 13 letters, 5 of them bilingual (C1003's blank
    // language means bilingual in Wales).
    assert_eq!(starts.len(), 13 + 5, "{starts:?}");
    assert!(
        starts.iter().all(|n| n % 2 == 1),
        "a letter starts on an even page: {starts:?}"
    );
    // Letters follow the claimant list, none missing.
    let text = pages.join(" ");
    let first = text.find("Ms Evans").unwrap();
    let last = text.find("Ms Lewis").unwrap();
    assert!(first < last);
    assert!(
        !text.contains("Mr Williams"),
        "a not-invited claimant is in the print batch"
    );
}

#[test]
fn large_print_uses_16pt_or_more() {
    let p = example_built();
    let standard = p.pdf_pages("out/bristol-2026-12-02/letters/B3001.pdf");
    let large = p.pdf_pages("out/bristol-2026-12-02/letters/B3003.pdf");
    assert!(large.len() > standard.len(), "large print takes more pages");
    // The address block is sized to its window whatever the print size (the five lines of
    // B3003 at 11.85pt); everything else is 16pt or more, headings 20pt or more (UKAAF).
    let runs = crate::harness::pdf_runs(&p.path("out/bristol-2026-12-02/letters/B3003.pdf"));
    let in_window = |r: &&crate::harness::TextRun| (r.x_mm - 24.6).abs() < 0.1;
    let address: Vec<f32> = runs[0].1.iter().filter(in_window).map(|r| r.size).collect();
    assert!(
        address.len() == 5 && address.iter().all(|s| (8.0..=12.5).contains(s)),
        "{address:?}"
    );
    let body: Vec<f32> = runs
        .iter()
        .flat_map(|(_, r)| r.iter())
        .filter(|r| !in_window(r))
        .map(|r| r.size)
        .collect();
    assert!(
        !body.is_empty() && body.iter().all(|s| *s >= 16.0),
        "{body:?}"
    );
    assert!(body.iter().any(|s| *s >= 24.0), "{body:?}");
    let standard =
        crate::harness::pdf_font_sizes(&p.path("out/bristol-2026-12-02/letters/B3001.pdf"));
    assert!(standard.concat().contains(&12.5), "{standard:?}");
}

#[test]
fn a_session_with_hundreds_of_letters_builds_in_one_typst_process() {
    // More than about 300 documents in one compile overflowed typst's default stack.
    let p = TestProject::only(&["bristol-2026-12-02"]);
    p.edit(
        "sessionpack.yaml",
        "rules: {}",
        "rules: {}\nletters_per_typst: 400",
    );
    p.edit(
        "content/sessions/bristol-2026-12-02.yaml",
        "optimum_attendees: 5\n",
        "optimum_attendees: 5\nmax_invites: 400\n",
    );
    let rows: String = (0..350)
        .map(|i| format!("Z{i:04},Mr,Big,Person{i:04},{} Wells Road,Bristol,,BS4 2AG,en,standard,2026-12-02,no,,,no,no,no,no,no,no,no\n", i + 1))
        .collect();
    p.add_rows("bristol-2026-12-02", &rows);
    p.run(&["build"]).ok();
    assert_eq!(p.files("out/bristol-2026-12-02/letters").len(), 360);
    assert!(
        p.pdf_text("out/bristol-2026-12-02/letters/Z0349.pdf")
            .contains("Mr Big Person0349")
    );
}

#[test]
fn a_large_session_is_compiled_in_parts_with_numbered_batches() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    // 10 invited claimants, 4 letters a typst process: 3 parts.
    p.edit(
        "sessionpack.yaml",
        "rules: {}",
        "rules: {}\nletters_per_typst: 4",
    );
    p.run(&["build"]).ok();
    let files = p.files("out/bristol-2026-12-02");
    for part in [
        "letters-1-of-3.pdf",
        "letters-2-of-3.pdf",
        "letters-3-of-3.pdf",
    ] {
        assert!(files.iter().any(|f| f == part), "{part}: {files:?}");
    }
    assert!(!files.iter().any(|f| f == "letters.pdf"), "{files:?}");
    assert!(
        files.iter().any(|f| f == "travel-claims-3-of-3.pdf"),
        "{files:?}"
    );
    assert_eq!(
        files.iter().filter(|f| f.starts_with("letters/")).count(),
        10
    );
    // Each batch holds its own letters, in list order; every letter is in one batch.
    let second = p.pdf_text("out/bristol-2026-12-02/letters-2-of-3.pdf");
    assert!(second.contains("Ms Walsh"), "{second}");
    assert!(!second.contains("Mr Hill"), "{second}");
    // The register and the script, made once, have everyone.
    let register = p.pdf_text("out/bristol-2026-12-02/attendance-register.pdf");
    assert!(
        register.contains("Hill") && register.contains("Turner"),
        "{register}"
    );
    let names = p.zip_names("out/bristol-2026-12-02-letters.zip");
    assert!(
        names.contains(&"letters-3-of-3.pdf".to_string()),
        "{names:?}"
    );
}

#[test]
fn long_tables_are_compiled_in_parts_each_labelled_and_whole_together() {
    // Cardiff: 16 rows, 13 invited, bilingual office documents. 6 table rows a typst process:
    // the register (one row a claimant) in parts of 6, the preview list (a row a claimant in
    // each language) in parts of 3 claimants.
    let p = TestProject::only(&["cardiff-2026-12-01"]);
    p.edit(
        "sessionpack.yaml",
        "rules: {}",
        "rules: {}\nletters_per_typst: 5\nrows_per_typst: 6",
    );
    let run = p.run(&["build"]);
    run.ok();
    let dir = "out/cardiff-2026-12-01";
    let files = p.files(dir);
    for f in [
        "attendance-register-1-of-3.pdf",
        "attendance-register-3-of-3.pdf",
        "preview-1-of-6.pdf",
        "preview-6-of-6.pdf",
        "preview.csv",
        "letters-3-of-3.pdf",
    ] {
        assert!(files.iter().any(|x| x == f), "{f}: {files:?}");
    }
    for f in [
        "attendance-register.pdf",
        "preview.pdf",
        "preview-1-of-1.pdf",
    ] {
        assert!(!files.iter().any(|x| x == f), "{f}: {files:?}");
    }
    // Each part says which it is, Welsh first, and holds its own rows in the list's order.
    let second = p.pdf_text(&format!("{dir}/preview-2-of-6.pdf"));
    let (cy, en) = (
        second.find("Rhan 2 o 6").expect(&second),
        second.find("Part 2 of 6").expect(&second),
    );
    assert!(cy < en, "{second}");
    assert!(
        second.contains("C1004") && second.contains("C1006"),
        "{second}"
    );
    assert!(
        !second.contains("C1003") && !second.contains("C1007"),
        "{second}"
    );
    // Every claimant is in exactly one part of each table; the CSV is whole.
    let refs: Vec<String> = (1..=16).map(|i| format!("C{}", 1000 + i)).collect();
    // (The tables, not the print job box on the first part, which names large-print letters.)
    let preview: String = (1..=6)
        .map(|k| p.pdf_text(&format!("{dir}/preview-{k}-of-6.pdf")))
        .map(|t| {
            let mut tables = String::new();
            for head in ["Rhes Cyfeirnod", "Row Reference"] {
                for (at, _) in t.match_indices(head) {
                    let rest = &t[at..];
                    tables.push_str(&rest[..rest.find("OFFICIAL-SENSITIVE").unwrap_or(rest.len())]);
                }
            }
            tables
        })
        .collect();
    let register: String = (1..=3)
        .map(|k| p.pdf_text(&format!("{dir}/attendance-register-{k}-of-3.pdf")))
        .collect();
    for r in &refs {
        // Twice in the preview list: its Welsh row and its English row.
        assert_eq!(preview.matches(r.as_str()).count(), 2, "{r}");
        let invited = !["C1009", "C1010", "C1014"].contains(&r.as_str());
        assert_eq!(
            register.matches(r.as_str()).count(),
            usize::from(invited),
            "{r}"
        );
    }
    let csv = std::fs::read_to_string(p.path(&format!("{dir}/preview.csv"))).unwrap();
    assert_eq!(csv.lines().count(), 17);
    // The pack carries the register's parts; the summary names the first and last of each.
    let names = p.zip_names("out/cardiff-2026-12-01-facilitator-pack.zip");
    assert!(
        names.contains(&"attendance-register-2-of-3.pdf".to_string()),
        "{names:?}"
    );
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(
        all.contains(&format!(
            "print {dir}/letters-1-of-3.pdf to letters-3-of-3.pdf; office only (OFFICIAL-SENSITIVE): {dir}/preview-1-of-6.pdf to preview-6-of-6.pdf"
        )),
        "{all}"
    );
}
