//! Welsh in the data, not just the strings: the review's fixes, Welsh addresses, languages named
//! in the reader's language, the meetings standards, Welsh statements on English documents from
//! Wales, and the translator's round trip. Checked by the text inside the PDFs.

use crate::harness::{TestProject, example_built, pdf_lang};

const VENUE: &str = "cardiff-venue-2026-12-03";
const VENUE_CSV: &str = "content/claimants/cardiff-venue-2026-12-03.csv";
const CARDIFF: &str = "cardiff-2026-12-01";

#[test]
fn a_session_ending_at_noon_is_tan_ganol_dydd_in_welsh() {
    // The venue's session runs 10:30 to 12:00; V2005 reads Welsh and English.
    let p = example_built();
    let pages = p.pdf_pages(&format!("out/{VENUE}/letters/V2005.pdf"));
    assert!(pages[0].contains("10:30yb tan ganol dydd"), "{}", pages[0]);
    assert!(!pages[0].contains("tan canol dydd"), "{}", pages[0]);
    let english = pages.iter().find(|t| t.contains("Dear")).unwrap();
    assert!(english.contains("10:30am to midday"), "{english}");
}

#[test]
fn a_welsh_letter_prints_the_venues_welsh_address_and_an_english_one_the_english() {
    let p = example_built();
    let pages = p.pdf_pages(&format!("out/{VENUE}/letters/V2005.pdf"));
    let welsh = &pages[0];
    assert!(
        welsh.contains("36 Teras Cathays") && welsh.contains("Caerdydd"),
        "{welsh}"
    );
    assert!(!welsh.contains("Cathays Terrace"), "{welsh}");
    // The claimant's own address is printed as given, never translated.
    assert!(welsh.contains("19 Rhymney Street"), "{welsh}");
    let english = pages.iter().find(|t| t.contains("Dear")).unwrap();
    assert!(english.contains("36 Cathays Terrace"), "{english}");
    assert!(!english.contains("Teras Cathays"), "{english}");
}

#[test]
fn a_bilingual_travel_claim_gives_the_office_in_each_language_on_its_own_line() {
    let p = example_built();
    let pages = p.pdf_pages(&format!("out/{VENUE}/travel-claims.pdf"));
    // A bilingual by-post form takes both sides of its sheet.
    let form = pages
        .iter()
        .filter(|t| t.contains("V2005"))
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        form.contains("Swyddfa: Canolfan Byd Gwaith Canol Caerdydd, 15 Heol Eglwys Fair"),
        "{form}"
    );
    assert!(
        form.contains("Office: Cardiff Central Jobcentre, 15 St Mary Street"),
        "{form}"
    );
}

#[test]
fn an_interpreter_language_is_named_in_each_documents_language() {
    let p = TestProject::only(&[VENUE]);
    p.edit(
        VENUE_CSV,
        "CF24 4NH,en,standard,2026-12-03,no,Polish,",
        "CF24 4NH,en,standard,2026-12-03,no,pl,",
    );
    p.run(&["build"]).ok();
    let script = p.pdf_text(&format!("out/{VENUE}/facilitator-script.pdf"));
    let english_at = script.find("Facilitator script").expect("English script");
    let (welsh, english) = script.split_at(english_at);
    assert!(welsh.contains("Cyfieithydd (Pwyleg)"), "{welsh}");
    assert!(!welsh.contains("Polish"), "{welsh}");
    assert!(english.contains("Polish interpreter"), "{english}");
    assert!(!english.contains("Pwyleg"), "{english}");
    // Welsh names for the rest too, from CLDR.
    assert!(welsh.contains("Arabeg"), "{welsh}");
    let preview = p.pdf_text(&format!("out/{VENUE}/preview.pdf"));
    assert!(preview.contains("Cyfieithydd: Pwyleg"), "{preview}");
}

#[test]
fn an_unknown_interpreter_language_is_an_error_at_its_cell_with_a_did_you_mean() {
    let p = TestProject::only(&[VENUE]);
    p.edit(
        VENUE_CSV,
        "CF24 4NH,en,standard,2026-12-03,no,Polish,",
        "CF24 4NH,en,standard,2026-12-03,no,Polsih,",
    );
    p.run(&["check", "--no-typeset"])
        .fails()
        .says("`interpreter`: `Polsih` is not a language this tool knows")
        .says(&format!("--> {VENUE_CSV}:2:13"))
        .says("did you mean Polish");
}

#[test]
fn a_welsh_office_without_a_welsh_address_fails_check_with_gs014_at_the_address() {
    // Two sessions of one office: the office's problem is shown once.
    let p = TestProject::only(&[CARDIFF, VENUE]);
    p.write(
        "content/offices/cardiff-central.yaml",
        "name:\n  en: Cardiff Central Jobcentre\n  cy: Canolfan Byd Gwaith Canol Caerdydd\naddress:\n  - 15 Heol Eglwys Fair\n  - Caerdydd\n  - CF10 1DX\nphone: 0800 169 0310\nin_wales: true\nstep_free: true\nhearing_loop: true\naccessible_toilet: true\n",
    );
    let run = p.run(&["check", "--no-typeset"]);
    run.fails()
        .says("error[GS014]: `address`: the office is in Wales and has no Welsh address")
        .says("--> content/offices/cardiff-central.yaml:4");
    assert_eq!(
        run.stderr.matches("has no Welsh address").count(),
        1,
        "{}",
        run.stderr
    );
    // Welsh lines that are the English ones: a warning.
    p.write(
        "content/offices/cardiff-central.yaml",
        &p.read("content/offices/cardiff-central.yaml").replace(
            "address:\n  - 15 Heol Eglwys Fair\n  - Caerdydd\n  - CF10 1DX\n",
            "address:\n  en: [15 St Mary Street, Cardiff, CF10 1DX]\n  cy: [15 St Mary Street, Cardiff, CF10 1DX]\n",
        ),
    );
    p.run(&["check", "--no-typeset"])
        .ok()
        .says("warning[GS021]: the office's `address.cy` is the same as its `address.en`");
}

#[test]
fn letters_from_wales_offer_welsh_at_the_session_and_bristols_do_not() {
    let p = example_built();
    // Welsh letter, English letter, from Cardiff.
    let welsh = p.pdf_text(&format!("out/{CARDIFF}/letters/C1001.pdf"));
    assert!(
        welsh.contains("Mae croeso i chi ddefnyddio’r Gymraeg yn y sesiwn"),
        "{welsh}"
    );
    let english = p.pdf_text(&format!("out/{CARDIFF}/letters/C1004.pdf"));
    assert!(
        english.contains("You are welcome to use Welsh at the session"),
        "{english}"
    );
    // The statements for Welsh speakers on an English letter from Wales: in Welsh too, first.
    let cy = english
        .find("Byddwn yn ateb yn Gymraeg, heb oedi")
        .expect("Welsh welcome in Welsh");
    let en = english
        .find("We will reply in Welsh, without delay")
        .unwrap();
    assert!(cy < en, "Welsh first");
    assert_eq!(
        pdf_lang(&p.path(&format!("out/{CARDIFF}/letters/C1004.pdf"))).as_deref(),
        Some("en-GB")
    );
    // Bristol is in England.
    let bristol = p.pdf_text("out/bristol-2026-12-02/letters/B3001.pdf");
    assert!(!bristol.contains("use Welsh at the session"), "{bristol}");
    // The poster of a session in Wales says Welsh is welcome, in both languages.
    let poster = p.pdf_text(&format!("out/{CARDIFF}/poster.pdf"));
    assert!(
        poster.contains("Mae croeso i chi ddefnyddio’r Gymraeg yn y sesiwn")
            && poster.contains("You are welcome to use Welsh at the session"),
        "{poster}"
    );
    let poster = p.pdf_text("out/bristol-2026-12-02/poster.pdf");
    assert!(!poster.contains("Welsh"), "{poster}");
    // An English form from Wales says, in Welsh first, that it is available in Welsh.
    let claims = p.pdf_pages(&format!("out/{CARDIFF}/travel-claims.pdf"));
    let form = claims.iter().find(|t| t.contains("C1004")).unwrap();
    let cy = form
        .find("Mae’r ffurflen hon ar gael yn Gymraeg hefyd")
        .expect("in Welsh");
    let en = form.find("This form is also available in Welsh").unwrap();
    assert!(cy < en, "{form}");
}

#[test]
fn welsh_at_the_session_is_counted_and_no_welsh_speaker_is_a_warning() {
    let p = TestProject::only(&[VENUE]);
    let text = p.read(VENUE_CSV);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[0].push_str(",welsh_at_session");
    for (i, line) in lines.iter_mut().enumerate().skip(1) {
        line.push_str(if i <= 2 { ",yes" } else { ",no" });
    }
    p.write(VENUE_CSV, &(lines.join("\n") + "\n"));
    let run = p.run(&["build"]);
    run.ok()
        .says("warning[GS020]: 2 invited claimants wish to use Welsh at the session (chose Welsh letters or said so), and no facilitator speaks Welsh");
    let script = p.pdf_text(&format!("out/{VENUE}/facilitator-script.pdf"));
    assert!(
        script.contains("Am ddefnyddio’r Gymraeg yn y sesiwn: 2"),
        "{script}"
    );
    assert!(
        script.contains("Wish to use Welsh at the session: 2"),
        "{script}"
    );
    assert!(script.contains("No facilitator speaks Welsh"), "{script}");
    // No names on the script.
    assert!(!script.contains("Kowalski"), "{script}");
    // A Welsh-speaking facilitator: no warning.
    p.edit(
        &format!("content/sessions/{VENUE}.yaml"),
        "  - name: Owain Pritchard\n    role: deputy\n",
        "  - name: Owain Pritchard\n    role: deputy\n    welsh_speaker: true\n",
    );
    let run = p.run(&["build"]);
    run.ok();
    assert!(!run.stderr.contains("GS020"), "{}", run.stderr);
}

#[test]
fn a_misspelt_placeholder_in_cy_ftl_is_reported_at_its_line() {
    let p = TestProject::only(&[CARDIFF]);
    let cy = "templates/strings/cy.ftl";
    p.edit(
        cy,
        "letter-greeting = Annwyl { $name },",
        "letter-greeting = Annwyl { $nme },",
    );
    let line = p.line_of(cy, "letter-greeting = ");
    let run = p.run(&["check", "--no-typeset"]);
    run.fails()
        .says("error[SP022]: `letter-greeting` uses { $nme } in templates/strings/cy.ftl, but { $name } in templates/strings/en.ftl")
        .says(&format!("--> {cy}:{line}"));
    assert!(!run.stderr.contains("letters.typ.tera"), "{}", run.stderr);
}

#[test]
fn welsh_identical_to_english_is_a_warning_unless_marked_the_same() {
    let p = TestProject::only(&[CARDIFF]);
    let cy = "templates/strings/cy.ftl";
    p.edit(cy, "label-phone = Ffôn", "label-phone = Phone");
    p.edit(
        &format!("content/sessions/{CARDIFF}.yaml"),
        "cy: Dod o hyd i waith yng Nghaerdydd y gaeaf hwn",
        "cy: Finding work in Cardiff this winter",
    );
    let run = p.run(&["check", "--no-typeset"]);
    run.ok()
        .says("warning[GS021]: `label-phone` in templates/strings/cy.ftl is the same as in templates/strings/en.ftl")
        .says("warning[GS021]: `title.cy` is the same as `title.en`");
    // Marked as rightly the same: no warning.
    p.edit(
        cy,
        "label-phone = Phone",
        "# same in both languages\nlabel-phone = Phone",
    );
    p.write(
        "sessionpack.yaml",
        &format!(
            "{}\nsame_in_both_languages: [title]\n",
            p.read("sessionpack.yaml")
        ),
    );
    let run = p.run(&["check", "--no-typeset"]);
    run.ok();
    assert!(!run.stderr.contains("GS021"), "{}", run.stderr);
}

#[test]
fn the_strings_round_trip_through_a_spreadsheet() {
    let p = TestProject::only(&[CARDIFF]);
    let cy = "templates/strings/cy.ftl";
    let before = p.read(cy);
    let xlsx = p.path("strings.xlsx");
    let xlsx = xlsx.to_str().unwrap();
    p.run(&["strings", "export", xlsx])
        .ok()
        .says("awaiting review");
    // Every key, with its English, Welsh and status.
    let rows = sessionpack::translate::read(std::path::Path::new(xlsx)).unwrap();
    let greeting = &rows
        .iter()
        .find(|(_, r)| r.key == "letter-greeting")
        .unwrap()
        .1;
    assert_eq!(greeting.english, "Dear { $name },");
    assert_eq!(greeting.welsh, "Annwyl { $name },");
    assert_eq!(greeting.status, "composed, awaiting review");
    // Nothing changed: cy.ftl is byte for byte the same.
    p.run(&["strings", "import", xlsx])
        .ok()
        .says("nothing changed");
    assert_eq!(p.read(cy), before);
    // A translator signs one off and corrects another; a placeholder typo refuses the file.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["key", "English", "Welsh", "status", "note"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let edited = |r: &sessionpack::translate::Row| match r.key.as_str() {
        "org-name" => (r.welsh.clone(), "translated".to_string()),
        "letter-arrive" => (
            "Dewch ddeng munud yn gynnar.".to_string(),
            "translated".to_string(),
        ),
        _ => (r.welsh.clone(), r.status.clone()),
    };
    for (i, (_, r)) in rows.iter().enumerate() {
        let (welsh, status) = edited(r);
        let row = (i + 1) as u32;
        for (c, text) in [&r.key, &r.english, &welsh, &status, &r.note]
            .into_iter()
            .enumerate()
        {
            sheet.write_string(row, c as u16, text).unwrap();
        }
    }
    let good = p.path("good.xlsx");
    book.save(&good).unwrap();
    p.run(&["strings", "import", good.to_str().unwrap()])
        .ok()
        .says("2 strings (letter-arrive, org-name)");
    let after = p.read(cy);
    assert!(after.contains("letter-arrive = Dewch ddeng munud yn gynnar."));
    assert!(!after.contains("# awaiting review\norg-name"), "signed off");
    assert!(
        after.contains("# awaiting review\nlabel-phone"),
        "others stay awaiting"
    );
    // Comments and order are kept: only those lines differ.
    let removed = before.lines().count() - after.lines().count();
    assert_eq!(removed, 2, "the two review marks, nothing else");
    p.run(&["check", "--no-typeset"]).ok();
}

#[test]
fn choosing_welsh_letters_is_a_wish_to_use_welsh_that_check_warns_about_early() {
    // Cardiff's example has a Welsh-speaking lead; without one, the three who chose Welsh
    // letters make `check` warn before anything is sent (welsh-review-2 finding 2).
    let p = TestProject::only(&[CARDIFF]);
    p.edit(
        &format!("content/sessions/{CARDIFF}.yaml"),
        "    welsh_speaker: true\n",
        "",
    );
    p.run(&["check", "--no-typeset"]).ok().says(
        "warning[GS020]: 3 invited claimants wish to use Welsh at the session (chose Welsh letters or said so), and no facilitator speaks Welsh",
    );
    p.run(&["build"]).ok();
    let preview = p.pdf_text(&format!("out/{CARDIFF}/preview.pdf"));
    // On every row that chose Welsh, invited or not (5), so staff can plan for it.
    assert_eq!(
        preview
            .matches("Wishes to use Welsh at the session")
            .count(),
        5,
        "{preview}"
    );
    let script = p.pdf_text(&format!("out/{CARDIFF}/facilitator-script.pdf"));
    assert!(
        script.contains("Wish to use Welsh at the session: 3"),
        "{script}"
    );
    assert!(
        script.contains("Chose Welsh or bilingual letters: 7"),
        "{script}"
    );
    assert!(script.contains("No facilitator speaks Welsh"), "{script}");
}

#[test]
fn welsh_typed_as_an_interpreter_language_is_a_wish_to_use_welsh_not_an_interpreter() {
    let p = TestProject::only(&[VENUE]);
    // V2001 asked for a Polish interpreter; V2002 writes Cymraeg, V2003 Welsh.
    let text = p.read(VENUE_CSV);
    let text = text
        .replacen(",Arabic,", ",Cymraeg,", 1)
        .replacen(",Tigrinya,", ",Welsh,", 1);
    p.write(VENUE_CSV, &text);
    let run = p.run(&["build"]);
    run.ok()
        .says("warning[GS020]: 2 invited claimants wish to use Welsh");
    assert!(!run.stderr.contains("Cymraeg"), "{}", run.stderr);
    let script = p.pdf_text(&format!("out/{VENUE}/facilitator-script.pdf"));
    assert!(
        script.contains("Am ddefnyddio’r Gymraeg yn y sesiwn: 2"),
        "{script}"
    );
    assert!(!script.contains("Cyfieithydd (Cymraeg)"), "{script}");
    assert!(!script.contains("Welsh interpreter"), "{script}");
    let letter = p.pdf_text(&format!("out/{VENUE}/letters/V2002.pdf"));
    assert!(!letter.contains("interpreter for Welsh"), "{letter}");
}

#[test]
fn languages_cldr_cannot_name_never_stop_a_session_in_wales() {
    // British Sign Language, Kurmanji and Krio at an office in Wales: named in both languages
    // by the tool's own table, and the session is built (welsh-review-2 finding 4).
    let p = TestProject::only(&[VENUE]);
    let text = p.read(VENUE_CSV);
    let text = text
        .replacen(",Arabic,", ",BSL,", 1)
        .replacen(",Tigrinya,", ",Kurmanji,", 1)
        .replacen(",Polish,", ",Krio,", 1);
    p.write(VENUE_CSV, &text);
    p.run(&["build"]).ok();
    let script = p.pdf_text(&format!("out/{VENUE}/facilitator-script.pdf"));
    for name in [
        "Iaith Arwyddion Prydain (BSL)",
        "British Sign Language (BSL)",
        "Cwrdeg (Kurmanji)",
        "Kurmanji Kurdish",
        "Krio",
    ] {
        assert!(script.contains(name), "missing {name}: {script}");
    }
}
