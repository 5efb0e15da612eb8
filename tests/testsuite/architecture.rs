//! Defects of the first version's architecture, each now a plain error with its file, line
//! and code: no panic, no blank PDF title, no silently ignored setting, no build aborted by
//! one session's problem.

use crate::harness::{TestProject, run_command};

const EN: &str = "templates/strings/en.ftl";
const CY: &str = "templates/strings/cy.ftl";

/// Delete the message `key` (one line) from both strings files.
fn delete_string(p: &TestProject, key: &str) {
    for file in [EN, CY] {
        let text = p.read(file);
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with(&format!("{key} =")))
            .collect();
        assert!(kept.len() < text.lines().count(), "{key} not in {file}");
        p.write(file, &(kept.join("\n") + "\n"));
    }
}

#[test]
fn a_string_the_documents_need_deleted_from_both_files_is_an_error_not_a_panic() {
    // These are read by the Rust code: once a panic, the others blank PDF titles.
    for key in [
        "letter-title",
        "script-title",
        "poster-heading",
        "preview-title",
    ] {
        let p = TestProject::only(&["bristol-2026-12-02"]);
        delete_string(&p, key);
        let run = p.run(&["check"]);
        run.fails().says(&format!(
            "error[SP021]: the string `{key}`, which the documents need, is missing from {EN} and {CY}"
        ));
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
}

#[test]
fn a_missing_welsh_office_name_is_gs014_at_the_office_file_even_when_relaxed() {
    for level in ["allow", "warn"] {
        let p = TestProject::only(&["cardiff-2026-12-01"]);
        p.edit(
            "sessionpack.yaml",
            "rules: {}",
            &format!("rules: {{ GS014: {level} }}"),
        );
        p.edit(
            "content/offices/cardiff-central.yaml",
            "  cy: Canolfan Byd Gwaith Canol Caerdydd\n",
            "",
        );
        let run = p.run(&["check"]);
        run.fails()
            .says("error[GS014]: `name.cy`: the Welsh text is missing, and the session's documents cannot be made without it")
            .says("--> content/offices/cardiff-central.yaml:1:1");
        assert!(!run.stderr.contains("SP030"), "{}", run.stderr);
        assert_eq!(
            run.stderr.matches("[GS014]").count(),
            1,
            "one problem, one message ({level}):\n{}",
            run.stderr
        );
        p.run(&["build"])
            .fails()
            .says("not built: cardiff-2026-12-01");
        assert!(!p.exists("out/cardiff-2026-12-01"));
    }
}

#[test]
fn a_bad_school_time_is_an_error_naming_the_value_not_a_rule_switched_off() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    p.edit(
        "sessionpack.yaml",
        "starts: \"09:15\"",
        "starts: \"9.15am\"",
    );
    p.run(&["check"])
        .fails()
        .says("`9.15am` is not a time")
        .says("--> sessionpack.yaml:5");
}

#[test]
fn a_malformed_source_date_epoch_is_a_usage_error_naming_the_value() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    let run = run_command(
        p.command(&["check"])
            .env("SOURCE_DATE_EPOCH", "next tuesday"),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("next tuesday"), "{}", run.stderr);
    assert!(run.stderr.contains("SOURCE_DATE_EPOCH"), "{}", run.stderr);
}

#[test]
fn a_session_that_cannot_be_published_is_a_diagnostic_and_the_others_are_published() {
    let p = TestProject::example();
    // A folder where bristol's letters bundle should go: it cannot be replaced.
    p.write("out/bristol-2026-12-02-letters.zip/keep.txt", "mine");
    // A warning collected before publishing must still be printed.
    p.edit(
        "content/sessions/bristol-2026-12-02.yaml",
        "role: deputy",
        "role: support",
    );
    let run = p.run(&["build"]);
    run.exits(3)
        .says("error[SP033]")
        .says("bristol-2026-12-02-letters.zip")
        .says("warning[GS005]")
        .says("failed: bristol-2026-12-02")
        .says("built cardiff-2026-12-01")
        .says("built cardiff-venue-2026-12-03");
    assert!(p.exists("out/cardiff-2026-12-01/letters.pdf"));
    assert!(p.exists("out/cardiff-2026-12-01-letters.zip"));
    assert!(p.exists("out/cardiff-venue-2026-12-03-facilitator-pack.zip"));
    assert_eq!(
        p.read("out/bristol-2026-12-02-letters.zip/keep.txt"),
        "mine"
    );
    assert!(!p.exists("out/.build"), "{:?}", p.files("out"));
    // Never called up to date while a bundle is missing.
    std::fs::remove_dir_all(p.path("out/bristol-2026-12-02-letters.zip")).unwrap();
    p.run(&["build"]).says("built bristol-2026-12-02");
    assert!(p.exists("out/bristol-2026-12-02-letters.zip"));
}

#[cfg(unix)]
#[test]
fn a_dangling_link_under_templates_is_an_error_at_that_file() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    std::os::unix::fs::symlink(
        p.path("templates/fonts/nowhere.ttf"),
        p.path("templates/fonts/dangling.ttf"),
    )
    .unwrap();
    let run = p.run(&["build"]);
    run.fails()
        .says("error[SP006]")
        .says("--> templates/fonts/dangling.ttf");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!p.exists("out/.build"));
}
