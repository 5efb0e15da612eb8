//! Hostile input, third pass: workbooks that lie or explode, writes through links, strings
//! that smuggle messages, output judged against the project, and what slipped back. Each
//! input is made here by a library (the zip crate for workbooks a normal writer would never
//! make), except the `.xls` fixture, which no Rust library writes.

use std::io::Write;

use crate::harness::{TestProject, executable, no_panic, repo, run_command};

const BRISTOL: &str = "bristol-2026-12-02";
const SESSION: &str = "content/sessions/bristol-2026-12-02.yaml";
const CSV: &str = "content/claimants/bristol-2026-12-02.csv";

fn bristol() -> TestProject {
    TestProject::only(&[BRISTOL])
}

/// The Bristol list as rows of cells (header first).
fn bristol_rows(p: &TestProject) -> Vec<Vec<String>> {
    p.csv_rows(CSV)
}

/// Excel's name for a 0-based column.
fn column(c: usize) -> String {
    sessionpack::diag::column_letters(c + 1)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `<row>` elements for `rows`, every cell an inline string except those `cell` writes itself
/// (given the 0-based row and column and the text; `None` for the usual inline string).
fn sheet_rows(rows: &[Vec<String>], cell: impl Fn(usize, usize, &str) -> Option<String>) -> String {
    let mut xml = String::new();
    for (r, row) in rows.iter().enumerate() {
        xml.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, text) in row.iter().enumerate() {
            let at = format!("{}{}", column(c), r + 1);
            match cell(r, c, text) {
                Some(own) => xml.push_str(&own.replace("@", &at)),
                None if text.is_empty() => {}
                None => xml.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                    escape(text)
                )),
            }
        }
        xml.push_str("</row>");
    }
    xml
}

/// An `.xlsx` file written part by part: one sheet `Sheet1` holding `sheet_data` (the XML
/// inside `<sheetData>`, plus anything after it such as `<mergeCells>`), and `shared` as its
/// shared strings.
fn raw_xlsx(sheet_data: &str, shared: &[&str]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let ns = "http://schemas.openxmlformats.org";
        let parts = [
            (
                "[Content_Types].xml",
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#
                ),
            ),
            (
                "_rels/.rels",
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
                ),
            ),
            (
                "xl/workbook.xml",
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
                ),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{ns}/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
                ),
            ),
            (
                "xl/worksheets/sheet1.xml",
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#
                ),
            ),
            (
                "xl/sharedStrings.xml",
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{ns}/spreadsheetml/2006/main" count="{0}" uniqueCount="{0}">{1}</sst>"#,
                    shared.len(),
                    shared
                        .iter()
                        .map(|s| format!("<si><t>{}</t></si>", escape(s)))
                        .collect::<String>()
                ),
            ),
        ];
        for (name, text) in parts {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    buf.into_inner()
}

/// Point the Bristol session at `content/claimants/FILE` holding `bytes`.
fn use_list(p: &TestProject, file: &str, bytes: &[u8]) {
    std::fs::write(p.path(&format!("content/claimants/{file}")), bytes).unwrap();
    std::fs::remove_file(p.path(CSV)).unwrap();
    p.edit(
        SESSION,
        "minutes: 60",
        &format!("minutes: 60\nclaimants: claimants/{file}"),
    );
}

/// The column (0-based) of a heading of the Bristol list.
fn col(p: &TestProject, heading: &str) -> usize {
    bristol_rows(p)[0]
        .iter()
        .position(|h| h == heading)
        .unwrap()
}

#[test]
fn a_formula_whose_result_is_not_stored_is_never_a_blank() {
    let p = bristol();
    let rows = bristol_rows(&p);
    let violent = col(&p, "potentially_violent");
    // B3001 (row 2) is marked potentially violent by a formula never calculated and saved.
    let data = sheet_rows(&rows, |r, c, _| {
        (r == 1 && c == violent).then(|| "<c r=\"@\"><f>1=1</f></c>".to_string())
    });
    use_list(&p, "week.xlsx", &raw_xlsx(&data, &[]));
    // Even with the workbook rule relaxed in the settings.
    p.edit("sessionpack.yaml", "rules: {}", "rules: { SP040: allow }");
    for command in ["check", "build"] {
        let run = p.run(&[command]);
        run.fails()
            .says("error[SP040]: the cell holds a formula whose result is not stored in the file")
            .says(&format!(
                "--> content/claimants/week.xlsx:Sheet1!{}2",
                column(violent)
            ))
            .says("open and save the file in Excel or LibreOffice")
            .says("`rules`: SP040 cannot be relaxed");
        no_panic(&run.stderr);
    }
    assert!(!p.exists("out/bristol-2026-12-02/letters/B3001.pdf"));
}

#[test]
fn an_ods_formula_without_its_value_is_an_error_at_its_cell() {
    let p = bristol();
    let ods = std::fs::read(repo().join("tests/fixtures/bristol-2026-12-02.ods")).unwrap();
    // The fixture's content.xml, with B3001's potentially_violent cell a formula whose value
    // LibreOffice never stored.
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(ods)).unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).unwrap();
            let name = entry.name().to_string();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
            if name == "content.xml" {
                let text = String::from_utf8(bytes).unwrap();
                // The 17th cell of the first claimant row (after the header row).
                let row_start = text.match_indices("<table:table-row").nth(1).unwrap().0;
                let mut at = row_start;
                for _ in 0..17 {
                    at = text[at + 1..].find("<table:table-cell").unwrap() + at + 1;
                }
                let end = text[at..].find("</table:table-cell>").unwrap() + at + 19;
                let text = format!(
                    "{}<table:table-cell table:formula=\"of:=1=1\"/>{}",
                    &text[..at],
                    &text[end..]
                );
                bytes = text.into_bytes();
            }
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            zip.start_file(name, options).unwrap();
            zip.write_all(&bytes).unwrap();
        }
        zip.finish().unwrap();
    }
    use_list(&p, "week.ods", &out.into_inner());
    p.run(&["check"])
        .fails()
        .says("error[SP040]: the cell holds a formula whose result is not stored in the file")
        .says("--> content/claimants/week.ods:Bristol!Q2");
}

#[test]
fn one_cell_at_the_far_corner_is_one_cell_not_17_billion() {
    let p = bristol();
    let mut data = sheet_rows(&bristol_rows(&p), |_, _, _| None);
    data.push_str(
        "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row>",
    );
    let bytes = raw_xlsx(&data, &[]);
    assert!(bytes.len() < 8192, "a small file: {}", bytes.len());
    use_list(&p, "week.xlsx", &bytes);
    let started = std::time::Instant::now();
    let run = p.run(&["check", "--no-typeset"]);
    run.fails()
        .says("error[SP017]: this row has a value in column XFD, which has no header")
        .says("--> content/claimants/week.xlsx:Sheet1!XFD1048576");
    no_panic(&run.stderr);
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

#[test]
fn one_shared_string_repeated_is_refused_unread_not_copied_into_every_cell() {
    let p = bristol();
    // 1 MB of text, shared by 2,000 cells: 2 GB if each cell held its copy.
    let big = "x".repeat(1 << 20);
    let mut data = sheet_rows(&bristol_rows(&p), |_, _, _| None);
    for r in 20..2020 {
        data.push_str(&format!(
            "<row r=\"{r}\"><c r=\"A{r}\" t=\"s\"><v>0</v></c></row>"
        ));
    }
    let bytes = raw_xlsx(&data, &[big.as_str()]);
    assert!(bytes.len() < 64 * 1024, "{}", bytes.len());
    use_list(&p, "week.xlsx", &bytes);
    let run = p.run(&["check", "--no-typeset"]);
    run.fails()
        .says("error[SP010]: the workbook is too large to be a claimant list: the sheet's cells hold more than 256 MB of text");
    no_panic(&run.stderr);
}

/// An `.ods` file whose only sheet is `rows` (the XML inside `<table:table>`).
fn raw_ods(rows: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
            .unwrap();
        zip.start_file("META-INF/manifest.xml", deflated).unwrap();
        zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
        zip.start_file("content.xml", deflated).unwrap();
        zip.write_all(format!(r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Week">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#).as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn ods_cells_repeated_a_million_times_are_refused_unread() {
    let header = "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>ref</text:p></table:table-cell></table:table-row>";
    for (what, rows) in [
        (
            "repeated cells",
            format!(
                "{header}<table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>"
            ),
        ),
        (
            "runs of spaces",
            format!(
                "{header}<table:table-row table:number-rows-repeated=\"1000\"><table:table-cell office:value-type=\"string\"><text:p><text:s text:c=\"1000000\"/></text:p></table:table-cell></table:table-row>"
            ),
        ),
    ] {
        let p = bristol();
        let bytes = raw_ods(&rows);
        assert!(bytes.len() < 21 * 1024, "{what}: {}", bytes.len());
        use_list(&p, "week.ods", &bytes);
        let run = p.run(&["check", "--no-typeset"]);
        run.fails()
            .says("error[SP010]: the workbook is too large to be a claimant list");
        no_panic(&run.stderr);
    }
}

#[test]
fn a_damaged_xls_is_an_error_never_a_crash_or_a_hang() {
    let good = std::fs::read(repo().join("tests/fixtures/bristol-2026-12-02.xls")).unwrap();
    // The sector chain of the directory made to loop onto itself.
    let mut looping = good.clone();
    let word = |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
    let (dir_start, fat) = (word(&good, 48) as usize, word(&good, 76) as usize);
    let at = 512 + fat * 512 + 4 * dir_start;
    looping[at..at + 4].copy_from_slice(&(dir_start as u32).to_le_bytes());
    let mut damaged = good.clone();
    damaged[good.len() / 2] ^= 0xFF;
    for (what, bytes) in [
        ("truncated", good[..good.len() / 2].to_vec()),
        ("a byte changed", damaged),
        ("a looping sector chain", looping),
    ] {
        let p = bristol();
        use_list(&p, "week.xls", &bytes);
        for command in [&["check"][..], &["build"]] {
            let started = std::time::Instant::now();
            let run = p.run(command);
            no_panic(&run.stderr);
            assert_eq!(run.code, 1, "{what} {command:?}: {}", run.stderr);
            assert!(
                run.stderr.contains("content/claimants/week.xls"),
                "{what}: {}",
                run.stderr
            );
            assert!(
                started.elapsed().as_secs() < 60,
                "{what}: {:?}",
                started.elapsed()
            );
        }
    }
    // The good one is read as it is.
    let p = bristol();
    use_list(&p, "week.xls", &good);
    p.run(&["check", "--no-typeset"]).ok();
}

#[test]
fn a_reference_excel_turned_into_a_date_is_refused() {
    let p = bristol();
    let rows = bristol_rows(&p);
    // 46357 is 2026-12-01 as Excel counts days; style 1 makes it a date.
    let data = sheet_rows(&rows, |r, c, _| {
        (r == 1 && c == 0).then(|| "<c r=\"@\" s=\"1\"><v>46357</v></c>".to_string())
    });
    let mut bytes = raw_xlsx(&data, &[]);
    // A date style: calamine reads number format 14 (d/m/yyyy) from styles.xml.
    bytes = add_date_style(bytes);
    use_list(&p, "week.xlsx", &bytes);
    p.run(&["check", "--no-typeset"])
        .fails()
        .says("error[SP016]: `ref`: Excel turned the reference into the date `2026-12-01`")
        .says("--> content/claimants/week.xlsx:Sheet1!A2");
}

/// The workbook with a styles part whose second cell style is a date (number format 14).
fn add_date_style(xlsx: Vec<u8>) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).unwrap();
            let name = entry.name().to_string();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
            if name == "xl/_rels/workbook.xml.rels" {
                text = text.replace("</Relationships>", "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>");
            }
            if name == "[Content_Types].xml" {
                text = text.replace("</Types>", "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>");
            }
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.start_file("xl/styles.xml", options).unwrap();
        zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#).unwrap();
        zip.finish().unwrap();
    }
    out.into_inner()
}

#[test]
fn a_utf8_list_with_a_stray_windows_1252_byte_is_an_error_at_that_cell() {
    let p = bristol();
    let text = p
        .read(CSV)
        .replace("B3001,Mr,Jason,Hill", "B3001,Mr,Siân,Hill")
        .replace("B3002,Ms,Kelly,Price", "B3002,Ms,Si@n,Price");
    let bytes = text.replace("Si@n", "Si\u{0}n").into_bytes();
    // The NUL placeholder becomes the Windows-1252 byte for â (0xE2): invalid in UTF-8.
    let bytes: Vec<u8> = bytes
        .into_iter()
        .map(|b| if b == 0 { 0xE2 } else { b })
        .collect();
    let line = p.line_of(CSV, "B3002,");
    std::fs::write(p.path(CSV), bytes).unwrap();
    for command in ["check", "build"] {
        p.run(&[command])
            .fails()
            .says("error[SP010]: the cell holds bytes that are not UTF-8, in a file that is otherwise UTF-8")
            .says(&format!("--> {CSV}:{line}:3"));
    }
    assert!(!p.exists("out/bristol-2026-12-02/letters/B3001.pdf"));
}

#[test]
fn columns_cannot_divert_a_safety_column() {
    for heading in ["Potentially violent", "PV Marker", "Violent?"] {
        let p = bristol();
        p.edit(CSV, "potentially_violent", heading);
        p.edit(
            "sessionpack.yaml",
            "rules: {}",
            &format!("rules: {{}}\ncolumns:\n  \"{heading}\": notes"),
        );
        p.run(&["check", "--no-typeset"])
            .fails()
            .says(&format!(
                "`columns`: `{heading}` looks like a column that decides who is invited; it cannot be read as `notes`"
            ))
            .says("--> sessionpack.yaml");
    }
}

#[cfg(unix)]
#[test]
fn the_lock_the_index_and_the_build_folder_are_never_written_through_a_link() {
    use std::os::unix::fs::symlink;
    let p = bristol();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let folder = outside.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("kept.txt"), "kept").unwrap();
    std::fs::create_dir(p.path("out")).unwrap();
    symlink(&victim, p.path("out/.sessionpack.lock")).unwrap();
    p.run(&["build"])
        .exits(3)
        .says("out/.sessionpack.lock is not a file sessionpack wrote");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    std::fs::remove_file(p.path("out/.sessionpack.lock")).unwrap();
    // The index and the build folder: replaced as links, never followed.
    symlink(&victim, p.path("out/index.json")).unwrap();
    symlink(&folder, p.path("out/.build")).unwrap();
    p.run(&["build"]).ok();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(
        crate::harness::files_under(&folder),
        ["kept.txt"],
        "nothing written into or removed from the folder outside"
    );
    assert!(p.read("out/index.json").contains(BRISTOL));
    // `out` itself a link: refused, in words.
    let p = bristol();
    symlink(&folder, p.path("out")).unwrap();
    p.run(&["build"])
        .exits(3)
        .says("out is a link; sessionpack never writes through a link");
    assert_eq!(crate::harness::files_under(&folder), ["kept.txt"]);
    // `out` a file: a sentence that says so.
    let p = bristol();
    std::fs::write(p.path("out"), "mine").unwrap();
    p.run(&["build"])
        .exits(3)
        .says("out is a file, not a folder");
    assert_eq!(p.read("out"), "mine");
}

#[cfg(unix)]
#[test]
fn the_strings_import_never_writes_outside_the_project() {
    let p = bristol();
    let outside = tempfile::tempdir().unwrap();
    // The Welsh strings folder replaced by a link to a folder outside, holding a copy.
    let strings = p.path("templates/strings");
    let moved = outside.path().join("strings");
    std::fs::rename(&strings, &moved).unwrap();
    std::os::unix::fs::symlink(&moved, &strings).unwrap();
    let before = std::fs::read(moved.join("cy.ftl")).unwrap();
    let xlsx = p.path("strings.xlsx");
    let run = p.run(&["strings", "export", xlsx.to_str().unwrap()]);
    assert_ne!(
        run.code, 0,
        "the strings outside are not read: {}",
        run.stderr
    );
    let run = p.run(&["strings", "import", xlsx.to_str().unwrap()]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read(moved.join("cy.ftl")).unwrap(), before);
    assert_eq!(
        crate::harness::files_under(&moved).len(),
        2,
        "no file added outside"
    );
}

#[test]
fn typst_sees_only_the_workspace_and_no_environment() {
    let p = bristol();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "TOPSECRET-FILE").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, p.path("content/leak.txt")).unwrap();
    p.edit(
        "templates/letters.typ.tera",
        "    {{ p.s.letter_greeting }}\n",
        "    {{ p.s.letter_greeting }} #read(\"/content/leak.txt\")\n",
    );
    let run = run_command(
        p.command(&["build"])
            .env("CI_SECRET_TOKEN", "TOPSECRET-ENV"),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("TOPSECRET"), "{}", run.stderr);
    assert!(run.stderr.contains("error[SP031]"), "{}", run.stderr);
    // What a typst is given of the environment: nothing.
    let p = bristol();
    let seen = p.path("typst-env.txt");
    let fake = p.path("fake-typst");
    executable(
        &fake,
        &format!(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'typst 0.15.1 (fake)'; exit 0; fi\nenv > '{}'\nexit 1\n",
            seen.display()
        ),
    );
    let run = run_command(
        p.command(&["build"])
            .env("SESSIONPACK_TYPST", &fake)
            .env("CI_SECRET_TOKEN", "TOPSECRET-ENV"),
    );
    assert_ne!(run.code, 0);
    let env = std::fs::read_to_string(&seen).unwrap();
    assert!(!env.contains("TOPSECRET"), "{env}");
    assert!(!env.contains("HOME="), "{env}");
}

#[test]
fn the_users_files_in_out_are_never_deleted() {
    let p = bristol();
    p.run(&["build"]).ok();
    // A zip of the user's with a bundle's name, for a session that is no longer there, and
    // a file where a session's folder goes.
    let mut zip =
        zip::ZipWriter::new(std::fs::File::create(p.path("out/old-session-letters.zip")).unwrap());
    zip.start_file("mine.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"mine").unwrap();
    zip.finish().unwrap();
    p.run(&["build"])
        .ok()
        .says("left alone: out/old-session-letters.zip (not written by sessionpack)");
    assert!(p.exists("out/old-session-letters.zip"));
    p.run(&["clean"]).ok();
    assert!(p.exists("out/old-session-letters.zip"));
    // A file of the user's at out/ID: the session cannot be published; the file stays.
    std::fs::write(p.path("out/bristol-2026-12-02"), "my notes").unwrap();
    p.run(&["build"])
        .exits(3)
        .says("out/bristol-2026-12-02 is in the way: it was not written by sessionpack");
    assert_eq!(p.read("out/bristol-2026-12-02"), "my notes");
    // A zip of the user's at a bundle's place: the same.
    std::fs::remove_file(p.path("out/bristol-2026-12-02")).unwrap();
    std::fs::copy(
        p.path("out/old-session-letters.zip"),
        p.path("out/bristol-2026-12-02-letters.zip"),
    )
    .unwrap();
    p.run(&["build"])
        .exits(3)
        .says("out/bristol-2026-12-02-letters.zip is in the way");
    assert_eq!(
        p.zip_names("out/bristol-2026-12-02-letters.zip"),
        ["mine.txt"]
    );
}

/// The strings as `strings export` writes them, rewritten by `edit` (key, English, Welsh,
/// status, note), as a translator's copy.
fn translated(p: &TestProject, edit: impl Fn(&mut Vec<[String; 5]>)) -> std::path::PathBuf {
    let xlsx = p.path("strings.xlsx");
    p.run(&["strings", "export", xlsx.to_str().unwrap()]).ok();
    let mut rows: Vec<[String; 5]> = sessionpack::translate::read(&xlsx)
        .unwrap()
        .into_iter()
        .map(|(_, r)| [r.key, r.english, r.welsh, r.status, r.note])
        .collect();
    edit(&mut rows);
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["key", "English", "Welsh", "status", "note"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, cell).unwrap();
        }
    }
    book.save(&xlsx).unwrap();
    xlsx
}

#[test]
fn a_welsh_cell_that_smuggles_another_message_is_refused_and_nothing_is_written() {
    let p = bristol();
    let before = p.read("templates/strings/cy.ftl");
    let xlsx = translated(&p, |rows| {
        let row = rows.iter_mut().find(|r| r[0] == "letter-intro").unwrap();
        row[2] = format!("{}\nletter-greeting = Mae'r sesiwn wedi'i chanslo", row[2]);
        let next = rows.iter_mut().find(|r| r[0] == "label-session").unwrap();
        next[2] = format!("{}\n# same in both languages", next[2]);
    });
    let run = p.run(&["strings", "import", xlsx.to_str().unwrap()]);
    run.fails()
        .says("(`letter-intro`): the Welsh would change cy.ftl beyond this string")
        .says("(`label-session`): the Welsh would change cy.ftl beyond this string")
        .says("nothing imported");
    assert_eq!(p.read("templates/strings/cy.ftl"), before);
}

#[test]
fn welsh_translating_an_english_that_has_changed_is_marked_awaiting_review() {
    let p = bristol();
    let xlsx = translated(&p, |rows| {
        let row = rows.iter_mut().find(|r| r[0] == "letter-arrive").unwrap();
        row[1] = "An older English".into();
        row[2] = "Cymraeg newydd.".into();
        row[3] = "translated".into();
    });
    p.run(&["strings", "import", xlsx.to_str().unwrap()])
        .ok()
        .says("warning: ")
        .says("(`letter-arrive`): the English has changed since this file was exported");
    let cy = p.read("templates/strings/cy.ftl");
    assert!(
        cy.contains("# awaiting review\nletter-arrive = Cymraeg newydd."),
        "{cy}"
    );
}

#[test]
fn index_refuses_what_is_not_the_project() {
    let p = TestProject::only(&[BRISTOL, "cardiff-2026-12-01"]);
    p.run(&["build"]).ok();
    assert!(p.exists("out/index.json"));
    // A shard that was not merged: cardiff's folder is missing.
    let cardiff = p.path("out/cardiff-2026-12-01");
    let aside = p.path("cardiff-aside");
    std::fs::rename(&cardiff, &aside).unwrap();
    p.run(&["index"])
        .fails()
        .says("error[SP036]: session `cardiff-2026-12-01` is not in out/")
        .says("index: not written");
    assert!(!p.exists("out/index.json"), "no index that is wrong");
    // Renamed between shards: a folder for a session the project does not have.
    std::fs::rename(&aside, p.path("out/cardiff-old")).unwrap();
    p.run(&["index"])
        .fails()
        .says("out/cardiff-old is the folder of a session `cardiff-old`, which is not in content/sessions/");
    std::fs::rename(p.path("out/cardiff-old"), &cardiff).unwrap();
    p.run(&["index"])
        .ok()
        .says("index: out/index.json lists 2 sessions");
}

#[test]
fn control_characters_in_a_cell_never_reach_the_terminal_and_cannot_be_printed() {
    let p = bristol();
    p.edit(
        CSV,
        "B3001,Mr,Jason,Hill",
        "B3001,Mr,Ja\u{1b}]0;pwned\u{7}son,Hill",
    );
    for format in ["human", "github"] {
        let run = p.run(&["--format", format, "check", "--no-typeset"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(
            !all.contains('\u{1b}'),
            "a raw ESC reached the terminal: {all:?}"
        );
        assert!(!all.contains('\u{7}'), "{all:?}");
        if format == "human" {
            // The cell itself, quoted under the error, escaped.
            assert!(all.contains("Ja\\u{1b}]0;pwned\\u{7}son"), "{all}");
        }
    }
    p.run(&["check", "--no-typeset"])
        .fails()
        .says("error[SP007]: `first_name` of B3001: the documents' font cannot print a control character (U+001B)");
}

#[test]
fn a_list_saved_by_excel_for_mac_reports_the_right_lines() {
    let p = bristol();
    let text = p.read(CSV).replace(
        "B3002,Ms,Kelly,Price,88 Wedmore Vale,Bedminster,Bristol,BS3 5HX,en,standard,2026-12-02,no",
        "B3002,Ms,Kelly,Price,88 Wedmore Vale,Bedminster,Bristol,BS3 5HX,en,standard,2026-12-02,maybe",
    );
    let line = text.lines().position(|l| l.starts_with("B3002,")).unwrap() + 1;
    std::fs::write(p.path(CSV), text.replace('\n', "\r")).unwrap();
    let run = p.run(&["check", "--no-typeset"]);
    run.fails().says(&format!("--> {CSV}:{line}:12"));
    assert_eq!(
        run.stderr.matches("error[SP013]").count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn bank_columns_in_welsh_and_roll_numbers_are_refused() {
    for header in ["Rhif y Cyfrif", "Côd Didoli", "Roll Number", "Roll No"] {
        let p = bristol();
        let text: String = p
            .read(CSV)
            .lines()
            .enumerate()
            .map(|(i, l)| format!("{l},{}\n", if i == 0 { header } else { "" }))
            .collect();
        p.write(CSV, &text);
        p.run(&["check", "--no-typeset"]).fails().says(&format!(
            "error[GS015]: column `{header}` looks like bank details"
        ));
    }
}

#[test]
fn relaxing_a_code_that_would_only_lose_data_is_refused() {
    let p = TestProject::only(&[BRISTOL, "cardiff-2026-12-01"]);
    p.run(&["build"]).ok();
    p.edit(
        "sessionpack.yaml",
        "rules: {}",
        "rules: { SP001: allow, SP011: allow, SP012: allow, SP016: warn }",
    );
    p.write(
        "content/sessions/cardiff-2026-12-01.yaml",
        "title: [unclosed\n",
    );
    let run = p.run(&["build"]);
    run.fails()
        .says("`rules`: SP001 cannot be relaxed")
        .says("`rules`: SP011 cannot be relaxed")
        .says("`rules`: SP016 cannot be relaxed")
        .says("error[SP001]");
    assert!(
        !run.stderr.contains("`rules`: SP012 cannot be relaxed"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_an_input_is_refused_not_waited_on() {
    let p = bristol();
    std::fs::remove_file(p.path(CSV)).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(p.path(CSV))
        .status()
        .unwrap();
    assert!(status.success());
    let started = std::time::Instant::now();
    p.run(&["check", "--no-typeset"])
        .fails()
        .says("this is not a regular file (a pipe, device or socket), so it is not read")
        .says(&format!("--> {CSV}"));
    assert!(started.elapsed().as_secs() < 30);
}

#[cfg(target_os = "linux")]
#[test]
fn a_typst_never_outlives_a_tool_killed_with_sigkill() {
    let p = bristol();
    let pid_file = p.path("typst.pid");
    let fake = p.path("fake-typst");
    executable(
        &fake,
        &format!(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'typst 0.15.1 (fake)'; exit 0; fi\necho $$ > '{}'\nexec sleep 60\n",
            pid_file.display()
        ),
    );
    let mut child = p
        .command(&["build"])
        .env("SESSIONPACK_TYPST", &fake)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while !pid_file.exists() && started.elapsed().as_secs() < 30 {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let typst: u32 = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let gone = |pid: u32| {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map_or(true, |s| s.split_whitespace().nth(2) == Some("Z"))
    };
    let waited = std::time::Instant::now();
    while !gone(typst) && waited.elapsed().as_secs() < 10 {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(gone(typst), "typst {typst} outlived the tool");
}

#[test]
fn a_reference_the_font_cannot_print_still_gets_its_not_built_preview() {
    let p = bristol();
    p.edit(CSV, "B3002,", "B中02,");
    p.run(&["build"])
        .fails()
        .says("error[SP016]: `ref`: `B中02` is not a valid reference");
    let preview = p.pdf_text("out/bristol-2026-12-02/preview.pdf");
    assert!(preview.contains("NOT BUILT"), "{preview}");
    assert!(preview.contains("B?02"), "{preview}");
}
