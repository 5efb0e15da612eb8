//! Hostile input and faults: no panic, no hang, no leak, no silently wrong letter. Tests that
//! need a hanging or crashing typst use a fake typst script.

use crate::harness::{TestProject, executable, no_panic, run_command};

const BRISTOL: &str = "bristol-2026-12-02";
const SESSION: &str = "content/sessions/bristol-2026-12-02.yaml";
const CSV: &str = "content/claimants/bristol-2026-12-02.csv";

fn bristol() -> TestProject {
    TestProject::only(&[BRISTOL])
}

#[test]
fn numbers_from_input_have_a_range_and_never_wrap() {
    let p = bristol();
    p.edit(SESSION, "    minutes: 10\n", "    minutes: 4294967295\n");
    let run = p.run(&["check"]);
    run.fails()
        .says("`agenda.0.minutes`: 4294967295 is out of range (0 to 480)");
    no_panic(&run.stderr);
}

#[test]
fn dates_have_a_sane_range_and_never_panic() {
    let p = bristol();
    p.edit(
        SESSION,
        "starts: 2026-12-02T13:30",
        "starts: \"+262142-12-31T23:30\"",
    );
    p.edit(
        SESSION,
        "letters_issued: 2026-11-23",
        "letters_issued: 1969-12-31",
    );
    let run = p.run(&["build"]);
    run.fails()
        .says("`starts`: `+262142-12-31T23:30` is not a date and time between 1970 and 2100")
        .says("`letters_issued`: `1969-12-31` is not a date");
    no_panic(&run.stderr);
}

#[test]
fn deep_nesting_is_an_error_naming_the_file_not_a_crash() {
    let p = bristol();
    // 60 KB of nested block lists, as one line and as indentation.
    let dashes = "- ".repeat(30_000);
    let indented: String = (0..300).map(|i| format!("{}-\n", " ".repeat(i))).collect();
    p.write(
        "content/sessions/deep.yaml",
        &format!("title:\n  en: x\nagenda:\n  {dashes}\n"),
    );
    p.write(
        "content/sessions/deeper.yaml",
        &format!("title:\n  en: x\nagenda:\n{indented}"),
    );
    // Mappings nested on one line: 200,000 of them overflowed the parser's stack.
    p.write(
        "content/sessions/colons.yaml",
        &format!("title:\n{}\n", ": ".repeat(200_000)),
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/sessions/colons.yaml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/sessions/deep.yaml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/sessions/deeper.yaml"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nested more than"), "{}", run.stderr);
    no_panic(&run.stderr);
}

/// A fake typst that answers `--version` as 0.15.1, then runs `body` for a compile.
fn fake_typst(p: &TestProject, body: &str) -> std::path::PathBuf {
    let fake = p.path("fake-typst");
    executable(
        &fake,
        &format!(
            "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'typst 0.15.1 (fake)'; exit 0; fi\n{body}\n"
        ),
    );
    fake
}

#[test]
fn a_typst_that_hangs_is_stopped_and_reported() {
    let p = bristol();
    let fake = fake_typst(&p, "echo 'compiling' >&2; sleep 60");
    let started = std::time::Instant::now();
    let run = run_command(
        p.command(&["build", "--typst-timeout", "2"])
            .env("SESSIONPACK_TYPST", &fake),
    );
    assert!(
        started.elapsed().as_secs() < 30,
        "the tool waited for the hang"
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("typst did not finish within 2 seconds and was stopped; it said: compiling"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("failed: bristol-2026-12-02"),
        "{}",
        run.stderr
    );
    assert!(!p.exists("out/bristol-2026-12-02"));
}

#[test]
fn a_typst_that_hangs_on_its_version_is_not_waited_for_forever() {
    let p = bristol();
    let fake = p.path("fake-typst");
    executable(&fake, "#!/bin/sh\nsleep 60\n");
    let started = std::time::Instant::now();
    let run = run_command(
        p.command(&["build", "--typst-timeout", "2"])
            .env("SESSIONPACK_TYPST", &fake),
    );
    assert!(
        started.elapsed().as_secs() < 30,
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(run.code, 3);
    assert!(
        run.stderr
            .contains("--version did not answer within 2 seconds"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_typst_killed_by_a_signal_is_reported_with_its_reason() {
    let p = bristol();
    let fake = fake_typst(
        &p,
        "echo \"thread 'main' has overflowed its stack\" >&2; echo 'fatal runtime error: stack overflow' >&2; kill -ABRT $$",
    );
    let run = run_command(p.command(&["build"]).env("SESSIONPACK_TYPST", &fake));
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("typst was stopped by signal 6 (SIGABRT"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("stack overflow"), "{}", run.stderr);
}

#[test]
fn characters_the_font_lacks_are_caught_once_at_load() {
    let p = bristol();
    p.edit(SESSION, "  en: ", "  en: 😀 ");
    // A not-invited claimant's name (B3006 is MAPPA without approval): the preview prints it.
    p.edit(CSV, "B3006,", "B3006,");
    let text = p.read(CSV);
    let line = text
        .lines()
        .find(|l| l.starts_with("B3006,"))
        .unwrap()
        .to_string();
    let mut cells: Vec<&str> = line.split(',').collect();
    cells[2] = "中";
    p.edit(CSV, &line, &cells.join(","));
    for command in ["check", "build"] {
        let run = p.run(&[command]);
        run.fails()
            .says("error[SP007]: `title.en`: the documents' font cannot print `😀` (U+1F600)")
            .says(&format!("--> {SESSION}:2"))
            .says("error[SP007]: `first_name` of B3006: the documents' font cannot print `中` (U+4E2D)");
        assert_eq!(
            run.stderr.matches("error[SP007]").count(),
            2,
            "{}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("SP031"),
            "no typst errors: {}",
            run.stderr
        );
    }
}

#[test]
fn the_preview_csv_never_holds_a_live_formula_and_opens_as_utf8_in_excel() {
    let p = bristol();
    p.edit(
        CSV,
        "B3001,Mr,Jason,Hill",
        "B3001,,=HYPERLINK(\"http://x\"),Hill",
    );
    p.edit(CSV, "B3002,Ms,Kelly,Price", "B3002,Ms,Siân,@Price");
    p.run(&["build"]).ok();
    let bytes = std::fs::read(p.path("out/bristol-2026-12-02/preview.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark for Excel"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://x\"\") Hill\""),
        "{text}"
    );
    assert!(
        text.contains("Ms Siân @Price"),
        "not at the start of the cell: {text}"
    );
    assert!(!text.contains(",=HYPERLINK"), "{text}");
}

#[cfg(unix)]
#[test]
fn a_link_that_leaves_the_project_is_never_read_or_echoed() {
    let p = bristol();
    let secret = p.path("../outside-secret.csv");
    std::fs::write(&secret, "CI_TOKEN=topsecret-123\n").unwrap();
    std::fs::remove_file(p.path(CSV)).unwrap();
    std::os::unix::fs::symlink(&secret, p.path(CSV)).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", p.path("content/sessions/leak.yaml")).unwrap();
    let run = run_command(
        p.command(&["--format", "json", "check"])
            .env("CI_TOKEN", "topsecret-env"),
    );
    assert_eq!(run.code, 1);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(!all.contains("topsecret"), "{all}");
    assert!(
        all.contains("a link to a file outside the project"),
        "{all}"
    );
    assert!(all.contains(CSV), "{all}");
    let _ = std::fs::remove_file(secret);
}

#[cfg(unix)]
#[test]
fn personal_data_in_out_is_owner_only_and_a_failed_sessions_source_is_not_kept() {
    use std::os::unix::fs::PermissionsExt;
    let p = bristol();
    p.run(&["build"]).ok();
    let mode = |rel: &str| std::fs::metadata(p.path(rel)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode("out/bristol-2026-12-02/letters/B3001.pdf"), 0o600);
    assert_eq!(mode("out/bristol-2026-12-02/preview.csv"), 0o600);
    assert_eq!(mode("out/bristol-2026-12-02"), 0o700);
    assert_eq!(mode("out/bristol-2026-12-02-letters.zip"), 0o600);
    // By a setting, the group may read them too.
    p.edit(
        "sessionpack.yaml",
        "rules: {}",
        "rules: {}\nout_permissions: group",
    );
    p.run(&["clean"]).ok();
    p.run(&["build"]).ok();
    assert_eq!(mode("out/bristol-2026-12-02/letters/B3001.pdf"), 0o640);
    p.edit("sessionpack.yaml", "out_permissions: group", "");
    // A failed session leaves no generated source (it holds the preview's reasons)...
    p.edit(
        "templates/letters.typ.tera",
        "    {{ p.s.letter_greeting }}\n",
        "    {{ p.s.letter_greeting }} #nosuchfunction()\n",
    );
    p.run(&["build"]).fails().says("--keep-build-dir");
    assert!(!p.exists("out/.build"), "{:?}", p.files("out/.build"));
    // ...unless asked, and then owner-only.
    p.run(&["build", "--keep-build-dir"]).fails();
    assert_eq!(mode("out/.build/bristol-2026-12-02/main.typ"), 0o600);
}

#[test]
fn bank_columns_named_in_welsh_or_abbreviated_are_refused() {
    for header in [
        "Cod Didoli",
        "Rhif Cyfrif",
        "Manylion Banc",
        "A/C No",
        "Acct Number",
        "S/Code",
    ] {
        let p = bristol();
        let text: String = p
            .read(CSV)
            .lines()
            .enumerate()
            .map(|(i, l)| format!("{l},{}\n", if i == 0 { header } else { "" }))
            .collect();
        p.write(CSV, &text);
        p.run(&["check"]).fails().says(&format!(
            "error[GS015]: column `{header}` looks like bank details"
        ));
    }
}

#[test]
fn two_files_for_one_id_are_an_error_naming_both() {
    let p = bristol();
    p.write(
        "content/offices/bristol-south.yml",
        &p.read("content/offices/bristol-south.yaml")
            .replace("0800", "0900"),
    );
    p.run(&["check"])
        .fails()
        .says("`bristol-south` has two files, content/offices/bristol-south.yaml and content/offices/bristol-south.yml");
}

#[test]
fn a_long_id_is_refused_and_the_other_sessions_still_report() {
    let p = TestProject::only(&[BRISTOL, "cardiff-2026-12-01"]);
    let long = "a".repeat(250);
    p.write(&format!("content/sessions/{long}.yaml"), &p.read(SESSION));
    let run = p.run(&["build"]);
    run.fails()
        .says("is not a valid session ID")
        .says("at most 64")
        .says("built bristol-2026-12-02")
        .says("built cardiff-2026-12-01");
}

#[test]
fn a_bundle_left_over_from_an_earlier_build_is_never_up_to_date() {
    let p = bristol();
    p.run(&["build"]).ok();
    let old = std::fs::read(p.path("out/bristol-2026-12-02-letters.zip")).unwrap();
    p.edit(CSV, "Jason", "Jayson");
    p.run(&["build"]).ok().says("built bristol-2026-12-02");
    // As a crash between moving the folder and the zips would leave it:
    std::fs::write(p.path("out/bristol-2026-12-02-letters.zip"), old).unwrap();
    p.run(&["build"]).ok().says("built bristol-2026-12-02");
    p.run(&["build"])
        .ok()
        .says("up to date: bristol-2026-12-02");
}

/// A small tmpfs, unmounted when dropped; `None` where this machine does not allow mounting.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::Builder::new()
            .prefix("small-disk-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .ok()?
            .keep();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            Some(SmallDisk(dir))
        } else {
            let _ = std::fs::remove_dir(&dir);
            None
        }
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).output();
        let _ = std::fs::remove_dir(&self.0);
    }
}

#[test]
fn a_full_disk_is_a_diagnostic_on_each_session_it_stops_and_the_others_still_report() {
    let Some(disk) = SmallDisk::mount("2200k") else {
        eprintln!("skipped: this machine does not allow mounting a small tmpfs (needs root)");
        return;
    };
    let example = TestProject::example();
    for part in ["sessionpack.yaml", "content", "templates"] {
        let status = std::process::Command::new("cp")
            .arg("-r")
            .arg(example.path(part))
            .arg(&disk.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
    let run = run_command(
        crate::harness::sessionpack()
            .arg("--root")
            .arg(&disk.0)
            .args(["build", "--jobs", "1"]),
    );
    no_panic(&run.stderr);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("No space left on device"),
        "{}",
        run.stderr
    );
    for id in [
        "bristol-2026-12-02",
        "cardiff-2026-12-01",
        "cardiff-venue-2026-12-03",
    ] {
        let reported = run.stderr.matches(&format!("built {id}:")).count()
            + run.stderr.matches(&format!("failed: {id} ")).count();
        assert_eq!(reported, 1, "{id} reported once:\n{}", run.stderr);
    }
    assert!(run.stderr.contains("failed: "), "{}", run.stderr);
    assert!(!disk.0.join("out/.build").exists());
}

#[test]
fn locations_are_the_files_own_lines_even_after_blank_lines() {
    let p = bristol();
    let text = p.read(CSV).replacen('\n', "\n\n\n", 2);
    let text = text.replace("B3002,Ms,Kelly,Price,88 Wedmore Vale,Bedminster,Bristol,BS3 5HX,en,standard,2026-12-02,no", "B3002,Ms,Kelly,Price,88 Wedmore Vale,Bedminster,Bristol,BS3 5HX,en,standard,2026-12-02,maybe");
    p.write(CSV, &text);
    let line = text.lines().position(|l| l.starts_with("B3002,")).unwrap() + 1;
    assert!(line > 3, "blank lines come before the row: {line}");
    p.run(&["check"])
        .fails()
        .says(&format!("--> {CSV}:{line}:12"));
}
