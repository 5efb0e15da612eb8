//! Real office data in, nothing silently wrong out: workbooks, one list for the week,
//! encodings, row shapes, headers as people write them, cells that mean none, postcodes with O
//! for zero, the dates of the letters, rules that cannot be relaxed, and no cascades. Fixtures
//! are made the way the files really come: workbooks written by a library, a Windows-1252 CSV
//! written in that encoding, a UTF-16 file, rows with an unquoted comma.

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use serde_json::Value;

use crate::harness::{TestProject, run_command};

const BRISTOL: &str = "bristol-2026-12-02";
const SESSION: &str = "content/sessions/bristol-2026-12-02.yaml";
const CSV: &str = "content/claimants/bristol-2026-12-02.csv";

fn bristol() -> TestProject {
    TestProject::only(&[BRISTOL])
}

/// The rows of the Bristol list (header first).
fn bristol_rows(p: &TestProject) -> Vec<Vec<String>> {
    p.csv_rows(CSV)
}

/// A workbook of `rows` on a sheet called `sheet`, as Excel would hold them: the
/// `jobsearch_review` column as dates, everything else as text.
fn workbook(rows: &[Vec<String>], sheet: &str) -> Workbook {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let review = rows[0].iter().position(|h| h == "jobsearch_review");
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c16) = (r as u32, c as u16);
            if r > 0 && Some(c) == review && !value.is_empty() {
                let d = ExcelDateTime::parse_from_str(value).unwrap();
                ws.write_datetime_with_format(r, c16, &d, &date).unwrap();
            } else {
                ws.write_string(r, c16, value).unwrap();
            }
        }
    }
    book
}

fn check_json(p: &TestProject) -> (i32, Vec<Value>) {
    let run = p.run(&["--format", "json", "check"]);
    (run.code, run.json())
}

/// `file:line[:column]`, or `file:Sheet!B7`, of a JSON diagnostic.
fn at(d: &Value) -> String {
    let file = d["file"].as_str().unwrap_or("");
    match (d["sheet"].as_str(), d["cell"].as_str()) {
        (Some(sheet), Some(cell)) => format!("{file}:{sheet}!{cell}"),
        _ => match (d["line"].as_u64(), d["column"].as_u64()) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => file.to_string(),
        },
    }
}

fn find<'a>(diags: &'a [Value], code: &str) -> Vec<&'a Value> {
    diags.iter().filter(|d| d["code"] == code).collect()
}

#[test]
fn an_xlsx_list_builds_letters_with_excel_dates_formulas_and_hidden_rows() {
    let p = bristol();
    let rows = bristol_rows(&p);
    let mut book = workbook(&rows, "Week 48");
    let ws = book.worksheet_from_index(0).unwrap();
    // A formula is read by the value Excel saved with it.
    ws.write_formula(1, 3, Formula::new("=UPPER(\"hill\")").set_result("Hillier"))
        .unwrap();
    // A hidden row is still on the list.
    ws.set_row_hidden(2).unwrap();
    book.save(p.path("content/claimants/bristol.xlsx")).unwrap();
    std::fs::remove_file(p.path(CSV)).unwrap();
    p.edit(
        SESSION,
        "minutes: 60",
        "minutes: 60\nclaimants: claimants/bristol.xlsx",
    );
    p.run(&["build"]).ok();
    let letter = p.pdf_text("out/bristol-2026-12-02/letters/B3001.pdf");
    assert!(letter.contains("Mr Jason Hillier"), "{letter}");
    assert!(
        p.exists("out/bristol-2026-12-02/letters/B3002.pdf"),
        "hidden row B3002"
    );
    let manifest = p.read("out/bristol-2026-12-02/manifest.json");
    assert!(
        manifest.contains("content/claimants/bristol.xlsx"),
        "{manifest}"
    );
}

#[test]
fn an_ods_list_written_by_a_library_builds() {
    let p = bristol();
    std::fs::copy(
        crate::harness::repo().join("tests/fixtures/bristol-2026-12-02.ods"),
        p.path("content/claimants/bristol.ods"),
    )
    .unwrap();
    std::fs::remove_file(p.path(CSV)).unwrap();
    p.edit(
        SESSION,
        "minutes: 60",
        "minutes: 60\nclaimants: claimants/bristol.ods",
    );
    p.run(&["build"]).ok();
    let letter = p.pdf_text("out/bristol-2026-12-02/letters/B3001.pdf");
    assert!(letter.contains("Mr Jason Hill"), "{letter}");
}

#[test]
fn workbook_problems_point_at_sheet_and_cell() {
    let p = bristol();
    let mut rows = bristol_rows(&p);
    rows[2][11] = "maybe".into(); // jobseeker_direction of B3002, Excel row 3, column L
    let mut book = workbook(&rows, "Week 48");
    let ws = book.worksheet_from_index(0).unwrap();
    // A reference typed as a number loses its zeros.
    ws.write_number(3, 0, 123.0).unwrap();
    // Merged cells below the header: each row needs its own value.
    ws.merge_range(5, 5, 6, 5, "Bristol", &Format::new())
        .unwrap();
    book.save(p.path("content/claimants/week.xlsx")).unwrap();
    p.edit(
        SESSION,
        "minutes: 60",
        "minutes: 60\nclaimants: { file: claimants/week.xlsx, sheet: Week 48 }",
    );
    let (code, diags) = check_json(&p);
    assert_eq!(code, 1);
    let yes_no = find(&diags, "SP013");
    assert_eq!(yes_no.len(), 1, "{diags:#?}");
    assert_eq!(at(yes_no[0]), "content/claimants/week.xlsx:Week 48!L3");
    let number = find(&diags, "SP041");
    assert_eq!(number.len(), 1, "{diags:#?}");
    assert_eq!(number[0]["level"], "warning");
    assert_eq!(at(number[0]), "content/claimants/week.xlsx:Week 48!A4");
    let merged = find(&diags, "SP040");
    assert_eq!(merged.len(), 1, "{diags:#?}");
    assert_eq!(at(merged[0]), "content/claimants/week.xlsx:Week 48!F6");
    assert!(
        merged[0]["message"]
            .as_str()
            .unwrap()
            .contains("F6:F7 are merged")
    );
    // Human output names the cell as Excel does.
    p.run(&["check"])
        .fails()
        .says("--> content/claimants/week.xlsx:Week 48!L3");
    // So do GitHub's annotations and SARIF, whose locations are lines and columns only.
    let github = p.run(&["--format", "github", "check", "--no-typeset"]);
    assert!(
        github
            .stdout
            .contains("is not a yes/no value (sheet Week 48, cell L3)"),
        "{}",
        github.stdout
    );
    let sarif = p.run(&["--format", "sarif", "check", "--no-typeset"]);
    assert!(
        sarif.stdout.contains("(sheet Week 48, cell L3)"),
        "{}",
        sarif.stdout
    );
}

#[test]
fn a_sheet_that_is_not_there_gets_a_did_you_mean() {
    let p = bristol();
    workbook(&bristol_rows(&p), "Bristol")
        .save(p.path("content/claimants/week.xlsx"))
        .unwrap();
    p.edit(
        SESSION,
        "minutes: 60",
        "minutes: 60\nclaimants: { file: claimants/week.xlsx, sheet: Bristl }",
    );
    p.run(&["check"])
        .fails()
        .says("the workbook has no sheet `Bristl`")
        .says("did you mean `Bristol`?");
}

#[test]
fn one_workbook_for_the_week_feeds_every_session() {
    let p = TestProject::example();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for id in [
        "bristol-2026-12-02",
        "cardiff-2026-12-01",
        "cardiff-venue-2026-12-03",
    ] {
        let path = format!("content/claimants/{id}.csv");
        let text = p.read(&path);
        for (i, line) in text.lines().enumerate() {
            let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
            if i == 0 {
                if rows.is_empty() {
                    cells.insert(0, "Session".into());
                    rows.push(cells);
                }
                continue;
            }
            cells.insert(0, id.to_string());
            rows.push(cells);
        }
        std::fs::remove_file(p.path(&path)).unwrap();
    }
    let mut book = workbook(&rows, "Week 48");
    book.save(p.path("content/claimants/week-48.xlsx")).unwrap();
    p.edit(
        "sessionpack.yaml",
        "rules: {}",
        "rules: {}\nclaimant_files:\n  - claimants/week-48.xlsx",
    );
    p.run(&["build"]).ok();
    for id in [
        "bristol-2026-12-02",
        "cardiff-2026-12-01",
        "cardiff-venue-2026-12-03",
    ] {
        assert!(p.exists(&format!("out/{id}/letters.pdf")), "{id}");
    }
    assert!(p.exists("out/bristol-2026-12-02/letters/B3001.pdf"));
    assert!(!p.exists("out/bristol-2026-12-02/letters/C1001.pdf"));
    // One row of one session edited: that session is built again, the others are up to date.
    let at = rows
        .iter()
        .position(|r| r[0] == "cardiff-2026-12-01")
        .unwrap();
    assert_eq!(rows[0][3].to_lowercase(), "first_name");
    rows[at][3] = "Gwenllian".into();
    workbook(&rows, "Week 48")
        .save(p.path("content/claimants/week-48.xlsx"))
        .unwrap();
    p.run(&["build"])
        .ok()
        .says("built cardiff-2026-12-01")
        .says("up to date: bristol-2026-12-02")
        .says("up to date: cardiff-venue-2026-12-03");
    let letter = p.pdf_text(&format!(
        "out/cardiff-2026-12-01/letters/{}.pdf",
        rows[at][1]
    ));
    assert!(letter.contains("Gwenllian"), "{letter}");
    let manifest = p.read("out/cardiff-2026-12-01/manifest.json");
    assert!(
        manifest.contains("content/claimants/week-48.xlsx#cardiff-2026-12-01"),
        "{manifest}"
    );
    // A row naming no known session is an error at its cell, with a did-you-mean.
    rows[3][0] = "bristol-2026-12-20".into();
    workbook(&rows, "Week 48")
        .save(p.path("content/claimants/week-48.xlsx"))
        .unwrap();
    p.run(&["check"])
        .fails()
        .says("error[SP042]: `session`: there is no session `bristol-2026-12-20`")
        .says("--> content/claimants/week-48.xlsx:Week 48!A4")
        .says("did you mean `bristol-2026-12-02`?");
    // A cell that plainly means one session stops only that session; the others build.
    rows[3][0] = "Cardiff 1 Dec".into();
    workbook(&rows, "Week 48")
        .save(p.path("content/claimants/week-48.xlsx"))
        .unwrap();
    p.run(&["build"])
        .fails()
        .says("error[SP042]: `session`: there is no session `Cardiff 1 Dec`")
        .says("did you mean `cardiff-2026-12-01`?")
        .says("not built: cardiff-2026-12-01")
        .says("built bristol-2026-12-02")
        .says("up to date: cardiff-venue-2026-12-03")
        .says("build: 1 built, 1 up to date, 1 not built of 3 sessions");
    // A totals row at the foot of the week's list is one error naming it.
    rows[3][0] = "cardiff-2026-12-01".into();
    let mut total = vec![String::new(); rows[0].len()];
    total[0] = "Total".into();
    total[1] = format!("{}", rows.len() - 1);
    rows.push(total);
    workbook(&rows, "Week 48")
        .save(p.path("content/claimants/week-48.xlsx"))
        .unwrap();
    let run = p.run(&["check", "--no-typeset"]);
    run.fails()
        .says(&format!(
            "row {} is a `Total` row, not a claimant; it was not read",
            rows.len()
        ))
        .says("delete the totals row");
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
}

/// The Bristol list with one claimant's name and address changed, as Windows-1252 bytes.
fn windows_1252(p: &TestProject, name: &str, street: &str) -> Vec<u8> {
    let text = p.read(CSV).replace(
        "Mr,Jason,Hill,14 St John's Lane",
        &format!("Ms,{name},Hill,{street}"),
    );
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn a_windows_1252_export_is_read_correctly_with_a_warning() {
    let p = bristol();
    std::fs::write(p.path(CSV), windows_1252(&p, "Siân", "2 Heol Llandâf")).unwrap();
    p.run(&["build"])
        .ok()
        .says("warning[SP018]")
        .says("CSV UTF-8");
    let letter = p.pdf_text("out/bristol-2026-12-02/letters/B3001.pdf");
    assert!(letter.contains("Ms Siân Hill"), "{letter}");
    assert!(letter.contains("2 Heol Llandâf"), "{letter}");
}

#[test]
fn a_letter_lost_to_a_question_mark_is_an_error_at_its_cell() {
    let p = bristol();
    std::fs::write(p.path(CSV), windows_1252(&p, "Siân", "8 Ffordd T? Gwyn")).unwrap();
    p.run(&["build"])
        .fails()
        .says(
            "error[SP019]: `address_line_1`: `8 Ffordd T? Gwyn` has a `?` where a letter should be",
        )
        .says("--> content/claimants/bristol-2026-12-02.csv:2:5");
    assert!(!p.exists("out/bristol-2026-12-02/letters/B3001.pdf"));
}

#[test]
fn excels_unicode_text_is_read() {
    let p = bristol();
    let text = p.read(CSV).replace(',', "\t").replace("Hill", "Hŵll");
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    std::fs::write(p.path(CSV), bytes).unwrap();
    p.run(&["build"]).ok();
    let letter = p.pdf_text("out/bristol-2026-12-02/letters/B3001.pdf");
    assert!(letter.contains("Mr Jason Hŵll"), "{letter}");
}

#[test]
fn a_row_of_the_wrong_shape_is_one_error_at_that_row() {
    let p = bristol();
    p.add_rows(
        BRISTOL,
        "B3013,Mr,Sam,Comma,Flat 2, 14 High Street,Bristol,,BS4 2AG,en,standard,2026-12-02,no,,,no,no,no,no,no,no,no\n\
         B3014,Mr,Sam,Short,1 High St,Bristol,BS4 2AG,en,standard,2026-12-02,no,,,no,no,no,no,no,no,no\n",
    );
    let (code, diags) = check_json(&p);
    assert_eq!(code, 1);
    let shape = find(&diags, "SP017");
    assert_eq!(shape.len(), 2, "{diags:#?}");
    assert_eq!(at(shape[0]), format!("{CSV}:14"));
    assert!(
        shape[0]["message"]
            .as_str()
            .unwrap()
            .contains("has 22 cells but the header has 21")
    );
    assert!(shape[0]["help"].as_str().unwrap().contains("double quotes"));
    assert_eq!(at(shape[1]), format!("{CSV}:15"));
    assert!(
        shape[1]["message"]
            .as_str()
            .unwrap()
            .contains("has 20 cells")
    );
    // Nothing else is said about those rows: no shifted-column errors.
    assert_eq!(
        diags.iter().filter(|d| d["level"] == "error").count(),
        2,
        "{diags:#?}"
    );
}

#[test]
fn headers_as_people_write_them_and_the_offices_own_mapping() {
    let p = bristol();
    p.edit(
        CSV,
        "ref,title,first_name,last_name,address_line_1,address_line_2,address_line_3,postcode",
        "Reference,Title,Forename,Customer Surname,Address 1,Address 2,Address 3,Post Code",
    );
    p.edit(
        "sessionpack.yaml",
        "rules: {}",
        "rules: {}\ncolumns:\n  \"Customer Surname\": last_name",
    );
    p.run(&["build"]).ok();
    assert!(
        p.pdf_text("out/bristol-2026-12-02/letters/B3001.pdf")
            .contains("Mr Jason Hill")
    );
    // An unknown heading: one warning, with a did-you-mean, not the list of every column.
    p.edit(CSV, "Post Code", "Postcde");
    let run = p.run(&["check"]);
    run.fails()
        .says("warning[SP012]: column `Postcde` is not used and will be ignored")
        .says("did you mean `postcode`?")
        .says("error[SP011]: the claimant list has no `postcode` column");
    assert!(!run.stderr.contains("PRODUCT.md"), "{}", run.stderr);
    assert!(!run.stderr.contains("known columns are"), "{}", run.stderr);
}

#[test]
fn cells_that_mean_none_are_no_interpreter() {
    let p = bristol();
    let text = p.read(CSV);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (i, none) in [(1, "No"), (2, "N/A"), (3, "none"), (4, "-")] {
        let mut cells: Vec<String> = lines[i].split(',').map(str::to_string).collect();
        cells[12] = none.to_string();
        lines[i] = cells.join(",");
    }
    p.write(CSV, &(lines.join("\n") + "\n"));
    p.run(&["build"]).ok();
    let script = p.pdf_text("out/bristol-2026-12-02/facilitator-script.pdf");
    for wrong in [
        "No interpreter",
        "N/A interpreter",
        "none interpreter",
        "- interpreter",
    ] {
        assert!(!script.contains(wrong), "{wrong}: {script}");
    }
}

#[test]
fn a_postcode_with_the_letter_o_for_zero_is_refused_with_the_right_one() {
    let p = bristol();
    p.edit(
        CSV,
        "B3001,Mr,Jason,Hill,14 St John's Lane,Bedminster,Bristol,BS3 5AD",
        "B3001,Mr,Jason,Hill,14 St John's Lane,Bedminster,Bristol,BSI0 5AD",
    );
    p.run(&["check"])
        .fails()
        .says("`BSI0 5AD` is not a real UK postcode: did you mean BS10 5AD?")
        .says(&format!("--> {CSV}:2:8"));
}

#[test]
fn the_dates_of_the_letters() {
    // Letters dated after the session: an error.
    let p = bristol();
    p.edit(
        SESSION,
        "letters_issued: 2026-11-23",
        "letters_issued: 2026-12-03",
    );
    p.run(&["check"])
        .fails()
        .says("error[GS017]: the letters are dated 3 December 2026, which is not before the session on 2 December 2026")
        .says(&format!("--> {SESSION}:6"));
    // One working day before: a warning citing why.
    p.edit(
        SESSION,
        "letters_issued: 2026-12-03",
        "letters_issued: 2026-11-30",
    );
    p.run(&["check"])
        .ok()
        .says("warning[GS018]: the letters are dated 30 November 2026, 1 working day before the session")
        .says("GSG 28-29, 35");
    // A session already past on the build date (SOURCE_DATE_EPOCH): a warning.
    p.edit(
        SESSION,
        "letters_issued: 2026-11-30",
        "letters_issued: 2026-11-23",
    );
    let run = run_command(p.command(&["check"]).env("SOURCE_DATE_EPOCH", "1798761600")); // 2027-01-01
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning[GS019]: the session was on Wednesday 2 December 2026"),
        "{}",
        run.stderr
    );
}

#[test]
fn rules_the_guidance_says_must_cannot_be_relaxed() {
    let p = bristol();
    p.edit(
        "sessionpack.yaml",
        "rules: {}",
        "rules: { GS015: allow, GS003: warn, GS009: allow, GS004: allow }",
    );
    p.edit(CSV, "manager_approved\n", "manager_approved,Sort Code\n");
    let run = p.run(&["check"]);
    run.fails()
        .says("`rules`: GS015 cannot be relaxed")
        .says("(GSG 43)")
        .says("`rules`: GS003 cannot be relaxed")
        .says("(GSG 14-17)")
        .says("`rules`: GS009 cannot be relaxed")
        .says("`rules`: GS004 cannot be relaxed")
        .says("error[GS015]: column `Sort Code` looks like bank details");
}

#[test]
fn a_relaxed_rule_is_never_invisible() {
    let p = bristol();
    p.edit(
        "sessionpack.yaml",
        "rules: {}",
        "rules: { GS001: allow, GS005: allow }",
    );
    p.edit(SESSION, "minutes: 60", "minutes: 60\nmax_invites: 5");
    p.run(&["build"])
        .ok()
        .says("relaxed in sessionpack.yaml: GS001 (allow), GS005 (allow)");
    let manifest: Value =
        serde_json::from_str(&p.read("out/bristol-2026-12-02/manifest.json")).unwrap();
    assert_eq!(
        manifest["relaxed_rules"][0]["code"], "GS001",
        "{manifest:#}"
    );
    let preview = p.pdf_text("out/bristol-2026-12-02/preview.pdf");
    assert!(
        preview.contains("Rules relaxed in sessionpack.yaml: GS001 (allow), GS005 (allow)"),
        "{preview}"
    );
    // The rows over the limit are marked, in file order.
    assert!(
        preview.contains("Over the limit: invitation number 6; the most is 5"),
        "{preview}"
    );
    p.run(&["check"])
        .ok()
        .says("relaxed in sessionpack.yaml: GS001 (allow)");
}

#[test]
fn a_safety_cell_that_is_not_yes_or_no_can_never_be_relaxed_into_no() {
    let p = bristol();
    p.edit("sessionpack.yaml", "rules: {}", "rules: { SP013: allow }");
    p.edit(
        CSV,
        "B3001,Mr,Jason,Hill,14 St John's Lane,Bedminster,Bristol,BS3 5AD,en,standard,2026-12-02,no,,,no,no,no",
        "B3001,Mr,Jason,Hill,14 St John's Lane,Bedminster,Bristol,BS3 5AD,en,standard,2026-12-02,no,,,no,no,maybe",
    );
    p.run(&["build"])
        .fails()
        .says("error[SP013]: `potentially_violent`: `maybe` is not a yes/no value");
    assert!(!p.exists("out/bristol-2026-12-02/letters/B3001.pdf"));
}

#[test]
fn many_warnings_of_one_kind_are_counted_once() {
    let p = bristol();
    let text = p.read(CSV).replace(",2026-12-02,", ",2026-12-09,");
    p.write(CSV, &text);
    let run = p.run(&["check"]);
    run.ok();
    // 10 invited claimants in one column of one list: one message with the rows, three of
    // them in words.
    assert_eq!(
        run.stderr.matches("warning[GS013]").count(),
        1,
        "{}",
        run.stderr
    );
    run.says("warning[GS013]: 10 rows have this problem (rows 2\u{2013}6, 8, 10\u{2013}13)")
        .says("| and 7 more like these");
    assert_eq!(
        run.stderr.matches("'s Jobsearch Review is on").count(),
        4,
        "{}",
        run.stderr
    );
    let run = p.run(&["--verbose", "check"]);
    assert_eq!(
        run.stderr.matches("warning[GS013]: B").count(),
        10,
        "{}",
        run.stderr
    );
}

#[test]
fn one_bad_key_in_an_office_file_is_one_message() {
    let p = TestProject::example();
    p.edit(
        "content/offices/cardiff-central.yaml",
        "in_wales: true",
        "in_wales: true\nopening_hours: 9-5",
    );
    let run = p.run(&["check"]);
    run.fails().says("unknown key `opening_hours`");
    assert!(
        !run.stderr.contains("there is no office"),
        "the office's own error, not one per session:\n{}",
        run.stderr
    );
}

#[test]
fn a_list_that_cannot_be_read_is_not_also_0_claimants_invited() {
    let p = bristol();
    p.edit(CSV, "ref,title", "reference_code,title");
    let run = p.run(&["check"]);
    run.fails()
        .says("error[SP011]: the claimant list has no `ref` column");
    assert!(!run.stderr.contains("GS002"), "{}", run.stderr);
}

/// Issue 18 §2: a week's workbook with values as an office types them. Cardiff's list, with
/// `Welsh`, `Both`, `ENGLISH`; `Y`, `Ie`, `TRUE`; `Hearing loop, step free`, `wheelchair`;
/// a NINO with spaces as the reference; a UK date and an Excel serial date.
#[test]
fn values_as_offices_type_them_are_read_and_a_doubtful_one_is_asked_about() {
    const CARDIFF: &str = "cardiff-2026-12-01";
    let p = TestProject::only(&[CARDIFF]);
    let csv = format!("content/claimants/{CARDIFF}.csv");
    let mut rows = p.csv_rows(&csv);
    let col = |rows: &[Vec<String>], name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (reference, language, access, direction, review) = (
        col(&rows, "ref"),
        col(&rows, "language"),
        col(&rows, "access_needs"),
        col(&rows, "jobseeker_direction"),
        col(&rows, "jobsearch_review"),
    );
    // Rows 1-4 (C1001-C1004), as typed.
    rows[1][language] = "Welsh".into();
    rows[2][language] = "Both".into();
    rows[3][language] = "bilingual".into();
    rows[4][language] = "ENGLISH".into();
    rows[1][access] = "Hearing loop, step free".into();
    rows[2][access] = "wheelchair".into();
    rows[3][direction] = "Ie".into();
    rows[4][direction] = "N".into();
    rows[1][reference] = "ab 12 34 56 c".into();
    rows[2][review] = "01/12/2026".into();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, value).unwrap();
        }
    }
    // An Excel date saved as a plain number (the date format lost): 46357 is 1 December 2026.
    ws.write_number(4, review as u16, 46357).unwrap();
    book.save(p.path("content/claimants/cardiff.xlsx")).unwrap();
    std::fs::remove_file(p.path(&csv)).unwrap();
    let session = format!("content/sessions/{CARDIFF}.yaml");
    p.edit(
        &session,
        "minutes: 60",
        "minutes: 60\nclaimants: claimants/cardiff.xlsx",
    );
    let run = p.run(&["build"]);
    run.ok();
    assert!(!run.stderr.contains("SP013"), "{}", run.stderr);
    // `Welsh` is a Welsh letter, under the NINO without its spaces.
    let welsh = p.pdf_text(&format!("out/{CARDIFF}/letters/AB123456C.pdf"));
    assert!(welsh.contains("Rydym yn eich gwahodd"), "{welsh}");
    assert!(!welsh.contains("You’re invited"), "{welsh}");
    assert!(
        welsh.contains("llwybr heb risiau, dolen sain")
            || welsh.contains("dolen sain, llwybr heb risiau"),
        "{welsh}"
    );
    // `Both` and `bilingual` are Welsh then English; `wheelchair` needs a step-free route.
    for r in ["C1002", "C1003"] {
        let pages = p.pdf_pages(&format!("out/{CARDIFF}/letters/{r}.pdf"));
        assert!(pages.first().unwrap().contains("Tudalen"), "{r}");
        assert!(pages.iter().any(|t| t.contains("Page 1 of")), "{r}");
    }
    let c1002 = p.pdf_text(&format!("out/{CARDIFF}/letters/C1002.pdf"));
    assert!(c1002.contains("step-free route"), "{c1002}");
    // `Ie` is a Jobseeker's Direction.
    let c1003 = p.pdf_text(&format!("out/{CARDIFF}/letters/C1003.pdf"));
    assert!(c1003.contains("Jobseeker’s Direction"), "{c1003}");
    let c1004 = p.pdf_text(&format!("out/{CARDIFF}/letters/C1004.pdf"));
    assert!(
        c1004.contains("You’re invited") && !c1004.contains("Rydym"),
        "{c1004}"
    );

    // A value still doubtful is an error at its cell with a did-you-mean, never a guess.
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    rows[4][language] = "Welsch".into();
    rows[3][access] = "wheel chair ramp".into();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, value).unwrap();
        }
    }
    book.save(p.path("content/claimants/cardiff.xlsx")).unwrap();
    let run = p.run(&["check", "--no-typeset"]);
    run.fails()
        .says("`language`: `Welsch` is not a language choice")
        .says("did you mean `welsh`? write en")
        .says("cardiff.xlsx:Sheet1!")
        .says("`access_needs`: `wheel chair ramp` is not a known access need");
}

/// Issue 18 §2: a title above the header is one error naming the rows, not one for every
/// heading and row; a totals row at the foot is one error naming it.
#[test]
fn a_title_row_and_a_total_row_are_one_error_each() {
    let p = bristol();
    let rows = bristol_rows(&p);
    let width = rows[0].len();
    let mut titled = vec![vec![String::new(); width]; 2];
    titled[0][0] = "Bristol South Jobcentre: invitations, week 49".into();
    titled.extend(rows.iter().cloned());
    workbook(&titled, "Week 49")
        .save(p.path("content/claimants/bristol.xlsx"))
        .unwrap();
    std::fs::remove_file(p.path(CSV)).unwrap();
    p.edit(
        SESSION,
        "minutes: 60",
        "minutes: 60\nclaimants: claimants/bristol.xlsx",
    );
    let run = p.run(&["check", "--no-typeset"]);
    run.fails()
        .says("row 1 is not the header; row 3 looks like it (`ref`, `title`, `first_name`, `last_name`): delete rows 1 to 2")
        .says("--> content/claimants/bristol.xlsx:Week 49!");
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);

    // A CSV with a totals row at its foot.
    let p = bristol();
    let mut rows = bristol_rows(&p);
    let mut total = vec![String::new(); rows[0].len()];
    total[0] = "Total".into();
    total[1] = "10".into();
    rows.push(total);
    let text: String = rows.iter().map(|r| r.join(",") + "\n").collect();
    p.write(CSV, &text);
    let run = p.run(&["check", "--no-typeset"]);
    run.fails()
        .says(&format!(
            "error[SP010]: row {} is a `Total` row, not a claimant; it was not read",
            rows.len()
        ))
        .says("delete the totals row");
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
}

/// Issue 18 §2: `sessionpack columns` lists what the tool reads; a heading that looks like
/// a tool column gets the exact `columns:` line; Town and City are address lines.
#[test]
fn columns_lists_every_column_and_near_headings_get_the_line_to_add() {
    let p = bristol();
    let run = p.run(&["columns"]);
    run.ok();
    let out = &run.stdout;
    for expected in [
        "ref  (required)",
        "headings:  reference, ref no",
        "potentially_violent",
        "decides who is invited: never invited (GSG 28)",
        "language",
        "en, cy, cy+en (English, Welsh, Both…)",
        "\"NINO\": ref",
    ] {
        assert!(out.contains(expected), "missing {expected:?}:\n{out}");
    }
    // An export with `NINO` and `JSR day` beside the tool's own columns, and the town in a
    // `Town` column.
    let mut rows = bristol_rows(&p);
    let town = rows[0].iter().position(|h| h == "address_line_3").unwrap();
    rows[0][town] = "Town".into();
    rows[0].push("NINO".into());
    rows[0].push("JSR day".into());
    for row in rows.iter_mut().skip(1) {
        row.push("AB123456C".into());
        row.push("Wednesday".into());
    }
    let text: String = rows.iter().map(|r| r.join(",") + "\n").collect();
    p.write(CSV, &text);
    let run = p.run(&["check", "--no-typeset"]);
    run.ok()
        .says("column `NINO` is not used and will be ignored")
        .says("did you mean `ref`? rename the column, or map it once under `columns:` in sessionpack.yaml (`\"NINO\": ref`)")
        .says("did you mean `jobsearch_review`?");
    assert!(!run.stderr.contains("column `Town`"), "{}", run.stderr);
    p.run(&["build"]).ok();
    // The `Town` cell is the address's last line before the postcode.
    let letter = p.pdf_text("out/bristol-2026-12-02/letters/B3001.pdf");
    assert!(letter.contains("BedminsterBristol BS3 5AD"), "{letter}");
}

#[test]
fn one_problem_on_many_rows_is_one_message_with_the_rows_and_verbose_says_each() {
    let p = bristol();
    let mut rows = bristol_rows(&p);
    let language = rows[0].iter().position(|h| h == "language").unwrap();
    for row in rows.iter_mut().skip(1) {
        row[language] = "Anglais".into();
    }
    let n = rows.len() - 1;
    let text: String = rows.iter().map(|r| r.join(",") + "\n").collect();
    p.write(CSV, &text);
    let run = p.run(&["check", "--no-typeset"]);
    run.fails()
        .says(&format!(
            "`language`: {n} rows have this problem (rows 2\u{2013}{})",
            n + 1
        ))
        .says(&format!(
            "--> {CSV}:2:{} and {} more in this column",
            language + 1,
            n - 1
        ))
        .says("row 2: `Anglais`");
    assert_eq!(run.stderr.matches("`Anglais`").count(), 3, "{}", run.stderr);
    // The session's "not built" comes after its errors.
    let error = run.stderr.find("rows have this problem").unwrap();
    let line = run.stderr.find(&format!("not built: {BRISTOL}")).unwrap();
    assert!(error < line, "{}", run.stderr);
    // -v and JSON still say each row.
    let verbose = p.run(&["-v", "check", "--no-typeset"]);
    assert_eq!(
        verbose.stderr.matches("`Anglais`").count(),
        n,
        "{}",
        verbose.stderr
    );
    let (_, diags) = check_json(&p);
    assert_eq!(
        diags
            .iter()
            .filter(|d| d["message"].as_str().unwrap_or("").contains("`Anglais`"))
            .count(),
        n
    );
}

#[test]
fn session_files_as_officers_write_them_get_help_in_words() {
    let p = bristol();
    // A UK date and time is read.
    p.edit(
        SESSION,
        "starts: 2026-12-02T13:30",
        "starts: 02/12/2026 13:30",
    );
    p.run(&["check", "--no-typeset"]).ok();
    // A list named from the wrong folder: the file that exists is named.
    p.edit(
        SESSION,
        "minutes: 60",
        "minutes: 60\nclaimants: bristol-2026-12-02.csv",
    );
    p.run(&["check", "--no-typeset"])
        .fails()
        .says("the claimant list content/bristol-2026-12-02.csv cannot be read: it does not exist")
        .says("did you mean `claimants/bristol-2026-12-02.csv`? content/claimants/bristol-2026-12-02.csv exists");
    p.edit(SESSION, "\nclaimants: bristol-2026-12-02.csv", "");
    // Words after a number, and a tab: what to write instead.
    p.edit(SESSION, "minutes: 60", "minutes: 1 hour");
    p.run(&["check", "--no-typeset"])
        .fails()
        .says("`minutes`: expected a whole number")
        .says("| minutes: 1 hour")
        .says("write the number alone, with no words after it, such as `minutes: 60`");
    p.edit(SESSION, "minutes: 1 hour", "minutes: 60\n\tnote: x");
    p.run(&["check", "--no-typeset"])
        .fails()
        .says("found a tab")
        .says("replace the tab with two spaces");
    p.edit(SESSION, "minutes: 60\n\tnote: x", "minutes: 60");
    // Explorer's copy of a file: the name to give it.
    std::fs::copy(
        p.path(SESSION),
        p.path("content/sessions/bristol-2026-12-02 - Copy.yaml"),
    )
    .unwrap();
    p.run(&["check", "--no-typeset"])
        .fails()
        .says("`bristol-2026-12-02 - Copy` is not a valid session ID")
        .says("rename it content/sessions/bristol-2026-12-02-copy.yaml");
}

#[test]
fn a_name_in_capitals_is_said_and_printed_as_written() {
    let p = bristol();
    p.edit(CSV, "Mr,Jason,Hill,", "Mr,Jason,HILL,");
    let run = p.run(&["build"]);
    run.ok()
        .says("warning[SP043]: `last_name`: `HILL` is in capitals, and is printed so on the letter")
        .says("--> content/claimants/bristol-2026-12-02.csv:2:4")
        .says("write the name as the person writes it");
    let letter = p.pdf_text("out/bristol-2026-12-02/letters/B3001.pdf");
    assert!(letter.contains("Mr Jason HILL"), "{letter}");
    // An office that keeps names in capitals can say so once.
    p.edit("sessionpack.yaml", "rules: {}", "rules: { SP043: allow }");
    let quiet = p.run(&["check", "--no-typeset"]);
    quiet
        .ok()
        .says("relaxed in sessionpack.yaml: SP043 (allow)");
    assert!(!quiet.stderr.contains("warning[SP043]"), "{}", quiet.stderr);
}
