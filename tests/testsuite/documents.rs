//! The paper an office sends (design review, welsh-review-2): what is measured on the real
//! PDFs, against the layout facts in `templates/layout.typ`. Letters on one sheet per language,
//! the address where GOV.UK Notify puts it, claim forms safe to print double-sided, a poster
//! read from two metres, reading sizes, markings, bookmarks and structure.

use crate::harness::{
    TestProject, TextRun, example_built, layout, pdf_bookmarks, pdf_pages, pdf_raw_text, pdf_runs,
    pdf_structure,
};

const BRISTOL: &str = "bristol-2026-12-02";
const CARDIFF: &str = "cardiff-2026-12-01";
const VENUE: &str = "cardiff-venue-2026-12-03";

/// The example with the longest letters the data can ask for added to each office: a
/// Jobseeker's Direction, an interpreter, two access needs, a long name, in English, Welsh
/// and both, at an extended session with claims by post (the venue) and at an office in
/// England.
fn longest_letters() -> &'static TestProject {
    static P: std::sync::OnceLock<TestProject> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        let p = TestProject::example();
        let row = |reference: &str, language: &str, review: &str| {
            format!(
                "{reference},Mr,Bartholomew,Featherstonehaugh-Montgomery,Flat 12 Llys Tywysog Cymru,112 Cowbridge Road East,Cardiff,CF24 4ES,{language},standard,{review},yes,Tigrinya,step-free;accessible-toilet,no,no,no,no,no,no,no\n"
            )
        };
        p.add_rows(
            VENUE,
            &[
                row("V2097", "en", "2026-12-03"),
                row("V2098", "cy", "2026-12-03"),
                row("V2099", "cy+en", "2026-12-03"),
            ]
            .concat(),
        );
        p.add_rows(BRISTOL, &row("B3097", "en", "2026-12-02"));
        for session in [VENUE, BRISTOL] {
            let path = format!("content/sessions/{session}.yaml");
            let text = p.read(&path);
            p.write(
                &path,
                &format!("{text}direction_justification: >-\n  The longest letter, for the layout tests.\n"),
            );
        }
        p.run(&["build"]).ok();
        p
    })
}

/// Every letter's pages, by reference, with whether it is large print.
fn letters(p: &TestProject) -> Vec<(String, Vec<String>, bool)> {
    let mut out = Vec::new();
    for session in [BRISTOL, CARDIFF, VENUE] {
        let csv = p.csv_rows(&format!("content/claimants/{session}.csv"));
        for file in p.files(&format!("out/{session}/letters")) {
            let reference = file.trim_end_matches(".pdf").to_string();
            let large = csv
                .iter()
                .any(|r| r[0] == reference && r.iter().any(|c| c == "large-print"));
            let pages = p.pdf_pages(&format!("out/{session}/letters/{file}"));
            out.push((reference, pages, large));
        }
    }
    out
}

#[test]
fn every_standard_letter_is_one_sheet_in_each_language() {
    let p = longest_letters();
    let all = letters(p);
    assert!(all.len() > 30, "{}", all.len());
    for (reference, pages, large) in &all {
        let parts = pages.iter().filter(|t| !t.is_empty()).count();
        let welsh_then_english =
            pages[0].contains("Tudalen") && pages.iter().any(|t| t.contains("Page 1 of"));
        if *large {
            // Large print: still one letter per claimant, each language from its own sheet.
            assert!(pages.len() <= 4, "{reference}: {} pages", pages.len());
            continue;
        }
        if welsh_then_english {
            // One Welsh sheet, then one English sheet: the Welsh page, its blank back, the
            // English page.
            assert_eq!(pages.len(), 3, "{reference}");
            assert!(pages[1].is_empty(), "{reference}: {}", pages[1]);
            assert!(pages[0].contains("Tudalen 1 o 1"), "{reference}");
            assert!(pages[2].contains("Page 1 of 1"), "{reference}");
        } else {
            assert_eq!(pages.len(), 1, "{reference}: {pages:?}");
            assert_eq!(parts, 1);
        }
    }
    // The longest letters are there, and still one sheet per language.
    for reference in ["V2097", "V2098", "V2099", "B3097"] {
        let (_, pages, _) = all.iter().find(|(r, _, _)| r == reference).unwrap();
        let text = pages.concat();
        assert!(
            text.contains("Jobseeker’s Direction") || text.contains("Cyfarwyddyd i Geisiwr Gwaith"),
            "{reference}: {text}"
        );
        assert!(
            text.contains("Tigrinya") || text.contains("Tigrinya"),
            "{text}"
        );
    }
}

/// The address block's runs on a letter's first page: those that start at the window's left.
fn address_runs(runs: &[TextRun]) -> Vec<&TextRun> {
    let left = layout("window-left");
    runs.iter()
        .filter(|r| (r.x_mm - left).abs() < 0.1 && r.y_mm < layout("window-bottom") + 1.0)
        .collect()
}

#[test]
fn the_address_is_bottom_anchored_in_notifys_window_at_body_size_where_it_fits() {
    let p = longest_letters();
    for (session, reference) in [
        (BRISTOL, "B3001"),
        (CARDIFF, "C1001"),
        (VENUE, "V2097"),
        (CARDIFF, "C1003"),
    ] {
        // The name, the address lines the claimant has, the postcode.
        let csv = p.csv_rows(&format!("content/claimants/{session}.csv"));
        let column = |name: &str| csv[0].iter().position(|h| h == name).unwrap();
        let row = csv.iter().find(|r| r[0] == reference).unwrap();
        let lines = 2
            + (1..=3)
                .filter(|n| !row[column(&format!("address_line_{n}"))].is_empty())
                .count();
        let pages = pdf_runs(&p.path(&format!("out/{session}/letters/{reference}.pdf")));
        let (_, runs) = &pages[0];
        let address = address_runs(runs);
        assert_eq!(address.len(), lines, "{reference}: {address:?}");
        let size = address[0].size;
        assert!(address.iter().all(|r| r.size == size), "{address:?}");
        let last = address.last().unwrap();
        // The block ends at the window's bottom edge: the last line's box (a quarter of an em
        // below its baseline) touches 66.3 mm.
        let bottom = last.y_mm + 0.25 * size * 25.4 / 72.0;
        assert!(
            (bottom - layout("window-bottom")).abs() < 0.3,
            "{reference}: the address ends at {bottom} mm"
        );
        // Its first line's capitals are inside the window's top edge.
        assert!(
            address[0].y_mm - 0.75 * size * 25.4 / 72.0 >= layout("window-top"),
            "{reference}: {address:?}"
        );
        // Body size where the lines fit: four lines at 12.5 pt on 16 pt; five need a little less;
        // a long line less still, never below Notify's 8 pt.
        if lines == 4 {
            assert_eq!(size, layout("letter-body"), "{reference}");
            let pitch = address[1].y_mm - address[0].y_mm;
            assert!(
                (pitch - layout("letter-pitch") * 25.4 / 72.0).abs() < 0.05,
                "{pitch}"
            );
        }
        assert!(
            (8.0..=layout("letter-body")).contains(&size),
            "{reference}: {size}"
        );
        // The body starts at 95 mm: nothing of it above, nothing between window and body.
        let body_top = runs
            .iter()
            .filter(|r| r.y_mm > layout("window-bottom") + 1.0 && r.x_mm < layout("contact-left"))
            .map(|r| r.y_mm)
            .fold(f32::MAX, f32::min);
        assert!(
            body_top >= layout("body-top"),
            "{reference}: the body starts at {body_top} mm"
        );
    }
}

#[test]
fn letter_text_is_notifys_body_size_and_large_print_is_16pt_or_more() {
    let p = example_built();
    let (_, runs) = &pdf_runs(&p.path(&format!("out/{BRISTOL}/letters/B3001.pdf")))[0];
    let body: Vec<f32> = runs
        .iter()
        .filter(|r| r.y_mm > layout("body-top") - 1.0 && r.y_mm < 280.0)
        .map(|r| r.size)
        .collect();
    assert!(body.contains(&layout("letter-body")), "{body:?}");
    assert!(body.iter().all(|s| *s >= layout("letter-body")), "{body:?}");
    // Lines of the body are 16 pt apart.
    let mut ys: Vec<f32> = runs
        .iter()
        .filter(|r| r.size == layout("letter-body") && r.y_mm > 100.0)
        .map(|r| r.y_mm)
        .collect();
    ys.dedup_by(|a, b| (*a - *b).abs() < 0.1);
    let pitch = layout("letter-pitch") * 25.4 / 72.0;
    assert!(
        ys.windows(2).any(|w| (w[1] - w[0] - pitch).abs() < 0.05),
        "no 16 pt line pitch in {ys:?}"
    );
    let large = pdf_runs(&p.path(&format!("out/{BRISTOL}/letters/B3003.pdf")));
    assert!(!address_runs(&large[0].1).is_empty());
    // Everything but the address block (sized to its window) is 16 pt or more.
    let sizes: Vec<f32> = large
        .iter()
        .flat_map(|(_, runs)| runs.iter())
        .filter(|r| (r.x_mm - layout("window-left")).abs() > 0.1)
        .map(|r| r.size)
        .collect();
    assert!(
        sizes.iter().all(|s| *s >= layout("large-body")),
        "{sizes:?}"
    );
    assert!(sizes.contains(&layout("large-heading")), "{sizes:?}");
}

#[test]
fn each_claim_form_starts_on_an_odd_page_and_is_numbered_on_its_own() {
    let p = example_built();
    for session in [BRISTOL, CARDIFF, VENUE] {
        let path = p.path(&format!("out/{session}/travel-claims.pdf"));
        let pages = pdf_pages(&path);
        let csv = p.csv_rows(&format!("content/claimants/{session}.csv"));
        let mut starts = 0;
        for (i, page) in pages.iter().enumerate() {
            let Some(reference) = csv
                .iter()
                .skip(1)
                .map(|r| &r[0])
                .find(|r| page.contains(r.as_str()))
            else {
                // The blank back of a one-page form: nothing on it.
                assert!(page.is_empty(), "{session} page {}: {page}", i + 1);
                continue;
            };
            if page.contains("Page 1 of") || page.contains("Tudalen 1 o") {
                starts += 1;
                assert_eq!(
                    i % 2,
                    0,
                    "{session}: {reference}'s form starts on page {}",
                    i + 1
                );
            }
            // One claimant to a sheet: the back of a sheet is blank or the same person's.
            if i % 2 == 1 {
                assert!(
                    pages[i - 1].contains(reference.as_str()),
                    "{session} page {}",
                    i + 1
                );
            }
        }
        assert!(starts > 5, "{session}: {starts}");
    }
}

#[test]
fn claimant_facing_forms_and_the_register_are_at_reading_size() {
    let p = example_built();
    for (file, min) in [
        (
            format!("out/{VENUE}/travel-claims.pdf"),
            layout("form-body"),
        ),
        (
            format!("out/{CARDIFF}/travel-claims.pdf"),
            layout("form-body"),
        ),
        (format!("out/{CARDIFF}/feedback.pdf"), layout("form-body")),
        (format!("out/{BRISTOL}/feedback.pdf"), layout("form-body")),
    ] {
        let smallest = pdf_runs(&p.path(&file))
            .iter()
            .flat_map(|(_, runs)| runs.iter().map(|r| r.size))
            .fold(f32::MAX, f32::min);
        assert!(smallest >= min, "{file}: {smallest} pt");
    }
    // The register: names and headings at 12 pt; only its running header and footer smaller.
    for (height, runs) in pdf_runs(&p.path(&format!("out/{CARDIFF}/attendance-register.pdf"))) {
        for r in runs
            .iter()
            .filter(|r| r.y_mm > 20.0 && r.y_mm < height - 16.0)
        {
            assert!(r.size >= layout("form-body"), "{r:?}");
        }
    }
    // The script is read aloud standing: its text at 14 pt, notes no smaller than 12.
    let script = pdf_runs(&p.path(&format!("out/{CARDIFF}/facilitator-script.pdf")));
    let sizes: Vec<f32> = script
        .iter()
        .flat_map(|(h, runs)| {
            runs.iter()
                .filter(move |r| r.y_mm < h - 16.0)
                .map(|r| r.size)
        })
        .collect();
    assert!(sizes.iter().all(|s| *s >= 12.0), "{sizes:?}");
    let at_14 = sizes
        .iter()
        .filter(|s| **s == layout("script-body"))
        .count();
    assert!(at_14 * 2 > sizes.len(), "{at_14} of {}", sizes.len());
    // "Before the session" comes first, on page 1, with the Welsh counts.
    let pages = pdf_pages(&p.path(&format!("out/{CARDIFF}/facilitator-script.pdf")));
    assert!(pages[0].contains("Cyn y sesiwn"), "{}", pages[0]);
    assert!(
        pages[0].contains("Wedi dewis gohebiaeth Gymraeg neu ddwyieithog: 7"),
        "{}",
        pages[0]
    );
    assert!(
        pages[0].contains("Catrin Howells (arweinydd, yn siarad Cymraeg)"),
        "{}",
        pages[0]
    );
    let english = pages
        .iter()
        .position(|t| t.contains("Before the session"))
        .unwrap();
    assert_eq!(english % 2, 0, "the English script starts on an odd page");
    assert!(
        pages
            .concat()
            .contains("Remind everyone that they are welcome to use Welsh at the session"),
    );
}

#[test]
fn the_poster_is_read_from_two_metres() {
    let p = example_built();
    for (session, height_mm) in [(BRISTOL, 297.0), (CARDIFF, 420.0)] {
        let pages = pdf_runs(&p.path(&format!("out/{session}/poster.pdf")));
        assert_eq!(pages.len(), 1, "{session}");
        let (height, runs) = &pages[0];
        // A4 in England; A3 by default for an office in Wales, where it is in two languages.
        assert!((height - height_mm).abs() < 1.0, "{session}: {height} mm");
        let largest = runs.iter().map(|r| r.size).fold(0.0, f32::max);
        assert!(largest >= layout("poster-when"), "{session}: {largest}");
        let when: Vec<&TextRun> = runs.iter().filter(|r| r.size == largest).collect();
        assert!(when.iter().all(|r| r.font.contains("Bold")), "{when:?}");
        // The place at 28 pt or more.
        let scale = largest / layout("poster-when");
        assert!(
            runs.iter()
                .any(|r| (r.size - layout("poster-place") * scale).abs() < 0.01),
            "{session}"
        );
        // The sheet is filled: text in its lowest fifth.
        let lowest = runs.iter().map(|r| r.y_mm).fold(0.0, f32::max);
        assert!(
            lowest > height * 0.8,
            "{session}: text ends at {lowest} of {height} mm"
        );
    }
    // Bilingual: Welsh first, the date in both at the same size.
    let text = p.pdf_text(&format!("out/{CARDIFF}/poster.pdf"));
    let (cy, en) = (
        text.find("Dydd Mawrth").unwrap(),
        text.find("Tuesday").unwrap(),
    );
    assert!(cy < en, "{text}");
    let runs = &pdf_runs(&p.path(&format!("out/{CARDIFF}/poster.pdf")))[0].1;
    let largest = runs.iter().map(|r| r.size).fold(0.0, f32::max);
    let half = runs
        .iter()
        .filter(|r| r.size == largest && r.y_mm < 210.0)
        .count();
    assert!(half >= 2 && runs.iter().filter(|r| r.size == largest).count() >= 2 * half - 1);
}

#[test]
fn phone_numbers_dates_times_and_postcodes_never_break_across_lines() {
    let p = longest_letters();
    let mut files: Vec<String> = Vec::new();
    for session in [BRISTOL, CARDIFF, VENUE] {
        for f in p.files(&format!("out/{session}/letters")) {
            files.push(format!("out/{session}/letters/{f}"));
        }
        for f in ["poster.pdf", "travel-claims.pdf", "facilitator-script.pdf"] {
            files.push(format!("out/{session}/{f}"));
        }
    }
    for file in &files {
        let text = pdf_raw_text(&p.path(file));
        for whole in [
            "0800 169 0310",
            "0800 169 0190",
            "CF10 1DX",
            "CF24 4HX",
            "BS4 2AG",
            "1 December 2026",
            "1 Rhagfyr 2026",
            "2 December 2026",
            "3 December 2026",
            "3 Rhagfyr 2026",
            "canol dydd",
        ] {
            let first = whole.split(' ').next().unwrap();
            let next = whole.split(' ').nth(1).unwrap();
            let starts = text.matches(first).count();
            let kept = text.matches(whole).count();
            // Where the first part is followed by the next after anything but one space, a
            // line ended between them (pdf-extract marks a line's end with a newline or with
            // a second space).
            let broken = text
                .match_indices(first)
                .filter(|(at, _)| {
                    let rest = &text[at + first.len()..];
                    let gap = rest.len() - rest.trim_start().len();
                    rest.trim_start().starts_with(next) && &rest[..gap] != " "
                })
                .count();
            assert_eq!(
                broken, 0,
                "{file}: `{whole}` broken across lines ({kept} of {starts} whole)"
            );
        }
    }
}

#[test]
fn office_lists_are_marked_official_sensitive_on_every_page_and_letters_are_not() {
    let p = example_built();
    for file in [
        format!("out/{CARDIFF}/preview.pdf"),
        format!("out/{BRISTOL}/preview.pdf"),
        format!("out/{CARDIFF}/attendance-register.pdf"),
    ] {
        let pages = pdf_pages(&p.path(&file));
        for (i, page) in pages.iter().enumerate() {
            assert_eq!(
                page.matches("OFFICIAL-SENSITIVE").count(),
                2,
                "{file} page {}: header and footer",
                i + 1
            );
        }
    }
    let preview = p.pdf_text(&format!("out/{BRISTOL}/preview.pdf"));
    assert!(
        preview.contains("Do not take it out of the office"),
        "{preview}"
    );
    // The print job: sheets, double-sided, envelopes, large-print letters.
    assert!(
        preview.contains("letters.pdf: 10 letters on 10 sheets. Print double-sided"),
        "{preview}"
    );
    assert!(preview.contains("C5 window envelope"), "{preview}");
    assert!(preview.contains("B3003, B3007"), "{preview}");
    let letter = p.pdf_text(&format!("out/{BRISTOL}/letters/B3001.pdf"));
    assert!(!letter.contains("OFFICIAL"), "{letter}");
}

#[test]
fn bilingual_headings_and_bookmarks_put_a_slash_between_the_languages() {
    let p = example_built();
    for (file, expected) in [
        (
            "attendance-register.pdf",
            "Cofrestr bresenoldeb: Dod o hyd i waith yng Nghaerdydd y gaeaf hwn / Attendance register: Finding work in Cardiff this winter",
        ),
        (
            "feedback.pdf",
            "Dywedwch wrthym beth oeddech chi’n ei feddwl / Tell us what you thought",
        ),
    ] {
        let marks = pdf_bookmarks(&p.path(&format!("out/{CARDIFF}/{file}")));
        assert!(marks.iter().any(|m| m == expected), "{file}: {marks:?}");
        assert!(
            !marks
                .iter()
                .any(|m| m.contains("hwnAttendance") || m.contains("feddwlTell")),
            "{marks:?}"
        );
    }
    let claims = pdf_bookmarks(&p.path(&format!("out/{VENUE}/travel-claims.pdf")));
    assert!(
        claims
            .iter()
            .any(|m| m == "Ffurflen hawlio costau teithio / Travel expenses claim"),
        "{claims:?}"
    );
}

#[test]
fn accessible_pdf_structure_stays_whole() {
    let p = example_built();
    for file in [
        format!("out/{CARDIFF}/letters/C1004.pdf"),
        format!("out/{VENUE}/travel-claims.pdf"),
        format!("out/{CARDIFF}/attendance-register.pdf"),
        format!("out/{CARDIFF}/preview.pdf"),
    ] {
        let path = p.path(&file);
        let (title, ua) = crate::harness::pdf_title_and_ua(&path);
        assert!(ua && title.is_some(), "{file}");
        let tags = pdf_structure(&path);
        assert!(tags.iter().any(|(s, _)| s == "H1"), "{file}: {tags:?}");
        // Label and value rows are tables with row headers; tables have column headers.
        assert!(
            tags.iter().any(|(s, scope)| s == "TH" && scope.is_some()),
            "{file}: {tags:?}"
        );
        // Running headers, footers and page numbers are artifacts, not content.
        let bytes = std::fs::read(&path).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let page = *doc.get_pages().values().next().unwrap();
        let content = String::from_utf8_lossy(&doc.get_page_content(page).unwrap()).to_string();
        assert!(content.contains("/Artifact"), "{file}");
        assert!(content.contains("/Pagination"), "{file}");
    }
    // The letters' facts are a table whose labels are row headers.
    let tags = pdf_structure(&p.path(&format!("out/{BRISTOL}/letters/B3001.pdf")));
    assert!(
        tags.iter()
            .any(|(s, scope)| s == "TH" && scope.as_deref() == Some("Row")),
        "{tags:?}"
    );
}
