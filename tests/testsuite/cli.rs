//! The commands as a user meets them: escaping, reproducible builds, rebuilds, init, clean,
//! and a missing or wrong typst.

use crate::harness::{TestProject, run_command, sessionpack};

#[test]
fn data_reaches_the_letter_exactly_as_written_never_as_typst_code() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    let nasty = r#"#read("/etc/passwd") *Bob* [x] $5 @ref <tag>"#;
    p.add_rows(
        "bristol-2026-12-02",
        &format!(
            "B3099,,\"{}\",O'Brien-Smith,\"Flat 1 = 2 *High* St\",\"Bristol // #x [y] $z\",,BS4 2AG,en,standard,2026-12-02,no,,,no,no,no,no,no,no,no\n",
            nasty.replace('"', "\"\"")
        ),
    );
    p.run(&["build"]).ok();
    let text = p.pdf_text("out/bristol-2026-12-02/letters/B3099.pdf");
    assert!(text.contains(&format!("{nasty} O'Brien-Smith")), "{text}");
    assert!(text.contains("Flat 1 = 2 *High* St"), "{text}");
    assert!(text.contains("Bristol // #x [y] $z"), "{text}");
    assert!(
        text.contains(&format!("Dear {nasty} O'Brien-Smith,")),
        "{text}"
    );
    assert!(
        !text.contains("root:"),
        "file contents leaked into the letter"
    );
}

#[test]
fn rebuilding_identical_input_gives_identical_bytes_and_skips_unchanged_sessions() {
    let p = TestProject::only(&["cardiff-2026-12-01"]);
    p.run(&["build"]).ok();
    let letter = "out/cardiff-2026-12-01/letters/C1002.pdf";
    let first = std::fs::read(p.path(letter)).unwrap();
    let batch = std::fs::read(p.path("out/cardiff-2026-12-01/letters.pdf")).unwrap();
    p.run(&["build"])
        .ok()
        .says("up to date: cardiff-2026-12-01");
    // Force a full compile: the same input must still give the same bytes.
    p.run(&["clean"]).ok();
    p.run(&["build"]).ok().says("built cardiff-2026-12-01");
    assert_eq!(
        std::fs::read(p.path(letter)).unwrap(),
        first,
        "letter bytes differ on rebuild"
    );
    assert_eq!(
        std::fs::read(p.path("out/cardiff-2026-12-01/letters.pdf")).unwrap(),
        batch
    );
    // A change to the data rebuilds the session.
    p.edit(
        "content/claimants/cardiff-2026-12-01.csv",
        "27 Clive Street",
        "29 Clive Street",
    );
    p.run(&["build"]).ok().says("built cardiff-2026-12-01");
    assert!(p.pdf_text(letter).contains("29 Clive Street"));
}

#[test]
fn letters_issued_absent_uses_source_date_epoch() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    p.edit(
        "content/sessions/bristol-2026-12-02.yaml",
        "letters_issued: 2026-11-23\n",
        "",
    );
    // 2026-11-19 00:00 UTC
    run_command(p.command(&["build"]).env("SOURCE_DATE_EPOCH", "1795046400")).ok();
    let text = p.pdf_text("out/bristol-2026-12-02/letters/B3001.pdf");
    assert!(text.contains("Date: 19 November 2026"), "{text}");
}

#[test]
fn session_selects_what_is_built_and_jobs_bounds_processes() {
    let p = TestProject::example();
    p.run(&["build", "--session", "bristol-2026-12-02", "--jobs", "1"])
        .ok();
    assert!(p.exists("out/bristol-2026-12-02/letters.pdf"));
    assert!(!p.exists("out/cardiff-2026-12-01"));
    // Another session's problems are not this run's: an error in Cardiff's list neither
    // shows nor fails a build of Bristol; the build of Cardiff says it.
    p.add_rows(
        "cardiff-2026-12-01",
        "C1020,Ms,Ann,Jones,1 High Street,Cardiff,,CF10 1EP,cy,standard,2026-12-01,maybe,,,no,no,no,no,no,no,no\n",
    );
    let bristol = p.run(&["build", "--session", "bristol-2026-12-02"]);
    bristol.ok();
    assert!(!bristol.stderr.contains("cardiff"), "{}", bristol.stderr);
    p.run(&["check", "--no-typeset", "--session", "cardiff-2026-12-01"])
        .fails()
        .says("`maybe` is not a yes/no value");
    p.run(&["build", "--session", "no-such-session"])
        .fails()
        .says("there is no session `no-such-session`");
    let usage = p.run(&["build", "--jobs", "0"]);
    assert_eq!(usage.code, 2, "{}", usage.stderr);
}

#[test]
fn clean_removes_only_what_build_wrote() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    p.run(&["build"]).ok();
    p.write("out/notes.txt", "mine");
    p.run(&["clean"])
        .ok()
        .says("removed out/bristol-2026-12-02");
    assert!(!p.exists("out/bristol-2026-12-02"));
    assert_eq!(p.read("out/notes.txt"), "mine");
}

#[test]
fn init_writes_a_project_that_builds_as_it_is() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let root = dir.path().join("new-project");
    run_command(sessionpack().arg("init").arg(&root)).ok();
    // Every file of this repository's project, byte for byte (on the example's own dates), but
    // for the line that lets this repository keep its invented lists in git; a .gitignore for
    // out/ and the claimant lists; CI workflows.
    let repo = TestProject::repo_project_files();
    let written = crate::harness::files_under(&root);
    let expected: Vec<String> = repo
        .iter()
        .map(|(p, _)| p.clone())
        .chain([
            ".gitignore".to_string(),
            ".github/workflows/sessionpack.yml".to_string(),
            ".gitlab-ci.yml".to_string(),
        ])
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(written, expected);
    for (path, bytes) in &repo {
        let written = std::fs::read(root.join(path)).unwrap();
        if path == "sessionpack.yaml" {
            let written = String::from_utf8(written).unwrap();
            assert!(written.contains("\nrules: {}\n"), "{written}");
            assert!(!written.contains("GS022"), "{written}");
            assert!(String::from_utf8_lossy(bytes).contains("GS022: allow"));
            continue;
        }
        assert_eq!(&written, bytes, "{path}");
    }
    let ignored = std::fs::read_to_string(root.join(".gitignore")).unwrap();
    assert!(ignored.contains("/content/claimants/"), "{ignored}");
    run_command(sessionpack().current_dir(&root).arg("build")).ok();
    assert!(root.join("out/cardiff-2026-12-01/letters.pdf").is_file());
    // A second init into the same folder refuses, and changes nothing.
    run_command(sessionpack().arg("init").arg(&root))
        .exits(2)
        .says("already holds a sessionpack project");
}

#[test]
fn a_missing_typst_is_one_clear_message_with_the_install_command() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    let empty = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    run_command(
        p.command(&["build"])
            .env_remove("SESSIONPACK_TYPST")
            .env("HOME", empty.path())
            .env("XDG_CACHE_HOME", empty.path())
            .env("PATH", empty.path()),
    )
    .exits(3)
    .says("typst 0.15.1 is not installed")
    .says("cargo install typst-cli --locked --version 0.15.1");
    assert!(!p.exists("out"));
}

#[test]
fn a_wrong_typst_version_is_refused() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    let fake = p.path("fake-typst");
    crate::harness::executable(&fake, "#!/bin/sh\necho 'typst 0.14.2 (b33de9de)'\n");
    run_command(p.command(&["build"]).env("SESSIONPACK_TYPST", &fake))
        .exits(3)
        .says("is version 0.14.2; sessionpack needs exactly 0.15.1")
        .says("cargo install typst-cli");
}

#[test]
fn outside_a_project_says_how_to_start_one() {
    // Not under the repository, which is itself a project.
    let empty = tempfile::tempdir().unwrap();
    run_command(sessionpack().current_dir(empty.path()).arg("check"))
        .exits(2)
        .says("sessionpack init DIR");
}

#[test]
fn every_command_speaks_through_one_channel() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    p.run(&["build"]).ok();
    let xlsx = p.path("cy.xlsx").display().to_string();
    let new = |n: &str| p.path(&format!("new-{n}")).display().to_string();
    let (json_dir, quiet_dir, colour_dir) = (new("json"), new("quiet"), new("colour"));
    let commands: Vec<(&str, Vec<&str>)> = vec![
        ("check", vec!["check", "--no-typeset"]),
        ("build", vec!["build"]),
        ("index", vec!["index"]),
        ("rules", vec!["rules"]),
        ("explain", vec!["explain", "GS003"]),
        ("columns", vec!["columns"]),
        ("export", vec!["strings", "export", &xlsx]),
        ("import", vec!["strings", "import", &xlsx]),
        ("clean", vec!["clean"]),
    ];
    for (name, args) in &commands {
        // JSON: stdout is JSON lines and nothing else; stderr is empty.
        let json = p.run(&[&["--format", "json"][..], args].concat());
        json.ok();
        assert!(json.stderr.is_empty(), "{name}: {}", json.stderr);
        assert!(!json.stdout.trim().is_empty(), "{name}");
        for line in json.stdout.lines() {
            serde_json::from_str::<serde_json::Value>(line)
                .unwrap_or_else(|e| panic!("{name}: not JSON ({e}): {line}"));
        }
        // Colour only when asked.
        let plain = p.run(&[&["--color", "never"][..], args].concat());
        assert!(
            !plain.stderr.contains('\x1b') && !plain.stdout.contains('\x1b'),
            "{name}"
        );
        let coloured = p.run(&[&["--color", "always"][..], args].concat());
        assert!(
            coloured.stderr.contains("\x1b[") || coloured.stdout.contains("\x1b["),
            "{name}: {}{}",
            coloured.stdout,
            coloured.stderr
        );
    }
    // -q: a command that finds no problem says nothing on stderr.
    for args in [
        vec!["build"],
        vec!["index"],
        vec!["strings", "export", &xlsx],
        vec!["clean"],
        vec!["init", &quiet_dir],
    ] {
        let quiet = p.run(&[&["-q"][..], &args].concat());
        quiet.ok();
        assert!(quiet.stderr.is_empty(), "{args:?}: {}", quiet.stderr);
    }
    let init = p.run(&["--format", "json", "init", &json_dir]);
    init.ok();
    assert!(init.stderr.is_empty(), "{}", init.stderr);
    assert_eq!(init.json()[0]["init"]["dir"], json_dir.as_str());
    p.run(&["--color", "always", "init", &colour_dir])
        .ok()
        .says("\x1b[1;32minit\x1b[0m: wrote");
    // An error that ends a command is JSON too, with its exit status.
    let wrong = p.run(&["--format", "json", "explain", "XX999"]);
    assert_eq!(wrong.code, 2);
    assert!(wrong.stderr.is_empty(), "{}", wrong.stderr);
    let error = &wrong.json()[0]["error"];
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("there is no rule `XX999`"),
        "{error}"
    );
    assert_eq!(error["exit"], 2);
}

#[test]
fn a_build_on_a_terminal_shows_one_bar_and_nothing_extra_elsewhere() {
    let p = TestProject::example();
    // A terminal, as `script` gives one.
    let command = format!(
        "{} --root {} build",
        env!("CARGO_BIN_EXE_sessionpack"),
        p.path("").display()
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    for shown in [
        "building [",
        "/3 sessions",
        "0 letters",
        "32 letters",
        "left",
    ] {
        assert!(text.contains(shown), "{shown}: {text}");
    }
    // Not a terminal, or -q: no bar.
    p.run(&["clean"]).ok();
    let piped = p.run(&["build"]);
    piped.ok();
    assert!(!piped.stderr.contains("building ["), "{}", piped.stderr);
    p.run(&["clean"]).ok();
    let quiet = std::process::Command::new("script")
        .args(["-qec", &format!("{command} -q"), "/dev/null"])
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&quiet.stdout);
    assert!(!text.contains("building ["), "{text}");
}

#[test]
fn shard_auto_reads_the_ci_engines_slice_and_says_where_from() {
    let p = TestProject::example();
    let engines = [
        (
            vec![("CI_NODE_INDEX", "2"), ("CI_NODE_TOTAL", "3")],
            "2 of 3",
            "GitLab's CI_NODE_INDEX",
        ),
        (
            vec![
                ("JOB_COMPLETION_INDEX", "1"),
                ("SESSIONPACK_SHARD_COUNT", "3"),
            ],
            "2 of 3",
            "Kubernetes' JOB_COMPLETION_INDEX",
        ),
        (
            vec![
                ("SESSIONPACK_SHARD_INDEX", "0"),
                ("SESSIONPACK_SHARD_COUNT", "3"),
            ],
            "1 of 3",
            "SESSIONPACK_SHARD_INDEX",
        ),
    ];
    for (vars, slice, from) in engines {
        let mut cmd = p.command(&["check", "--no-typeset", "--shard", "auto"]);
        for (k, v) in &vars {
            cmd.env(k, v);
        }
        let run = crate::harness::run_command(&mut cmd);
        run.ok()
            .says(&format!("shard: {slice} (--shard auto, from {from}"));
        // The same sessions as the slice given by hand.
        let (k, n) = slice.split_once(" of ").unwrap();
        let by_hand = p.run(&["check", "--no-typeset", "--shard", &format!("{k}/{n}")]);
        let sessions = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|l| l.starts_with("checked "))
                .map(str::to_string)
                .collect()
        };
        assert_eq!(sessions(&run.stderr), sessions(&by_hand.stderr), "{from}");
    }
    // Nothing found, or two engines at once: a usage error, never a guess.
    let none = p.run(&["check", "--no-typeset", "--shard", "auto"]);
    assert_eq!(none.code, 2, "{}", none.stderr);
    assert!(none.stderr.contains("found no shard"), "{}", none.stderr);
    let mut two = p.command(&["check", "--no-typeset", "--shard", "auto"]);
    two.env("SESSIONPACK_SHARD", "1/2")
        .env("CI_NODE_INDEX", "1")
        .env("CI_NODE_TOTAL", "2");
    let two = crate::harness::run_command(&mut two);
    assert_eq!(two.code, 2, "{}", two.stderr);
    assert!(two.stderr.contains("more than one shard"), "{}", two.stderr);
}
