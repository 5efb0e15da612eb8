//! The build engine as a CI job uses it: `check` means `build`, `out/` never lies, a stop or a
//! crash leaves only complete sessions, exit statuses say whose problem it is, results a
//! machine can read, and a batch split across machines that merges back byte for byte.
//! Tests that need a slow or failing typst wrap the real one in a script.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::harness::{TestProject, executable, files_under, run_command, sessionpack};

const BRISTOL: &str = "bristol-2026-12-02";
const CARDIFF: &str = "cardiff-2026-12-01";
const VENUE: &str = "cardiff-venue-2026-12-03";

fn real_typst() -> PathBuf {
    sessionpack::typst::Typst::locate(None, Some(Duration::from_secs(60)))
        .expect("typst 0.15.1 (scripts/setup.sh installs it)")
        .path
}

/// A typst that runs `body` (a shell `case` on the arguments, say), then the real typst.
fn wrapped_typst(p: &TestProject, body: &str) -> PathBuf {
    let fake = p.path("wrapped-typst");
    executable(
        &fake,
        &format!(
            "#!/bin/sh\n{body}\nexec '{}' \"$@\"\n",
            real_typst().display()
        ),
    );
    fake
}

#[cfg(unix)]
fn wait_for(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < timeout, "waited {timeout:?} for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[cfg(unix)]
fn signal(pid: u32, name: &str) {
    let status = std::process::Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .status()
        .unwrap();
    assert!(status.success());
}

/// Check workspaces left in the project (`.sessionpack-check-PID`).
fn check_leftovers(p: &TestProject) -> Vec<String> {
    std::fs::read_dir(&p.root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".sessionpack-check"))
        .collect()
}

#[cfg(unix)]
/// A `build --jobs 1` whose typst hangs (`exec sleep 60`) on the sessions whose arguments
/// match the shell pattern `pattern`, after compiling the others for real. Returns once it
/// hangs, with the hanging typst's process ID.
fn build_hanging_on(p: &TestProject, pattern: &str) -> (std::process::Child, u32) {
    let pid_file = p.path("typst.pid");
    let fake = wrapped_typst(
        p,
        &format!(
            "case \"$*\" in {pattern}) echo $$ > '{}'; exec sleep 60;; esac",
            pid_file.display()
        ),
    );
    let child = p
        .command(&["build", "--jobs", "1"])
        .env("SESSIONPACK_TYPST", &fake)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_for("the hanging typst", Duration::from_secs(60), || {
        pid_file.is_file() && !p.read("typst.pid").trim().is_empty()
    });
    (child, p.read("typst.pid").trim().parse().unwrap())
}

#[test]
fn check_runs_typst_and_fails_exactly_where_build_fails() {
    let p = TestProject::only(&[BRISTOL]);
    let layout = p.read("templates/layout.typ");
    p.write(
        "templates/layout.typ",
        &format!("{layout}\n#let broken = (\n"),
    );
    let check = p.run(&["check"]);
    check
        .fails()
        .says("error[SP031]")
        .says("templates/layout.typ");
    // It wrote nothing under out/, and threw its own folder away.
    assert!(!p.exists("out"), "{:?}", p.files("out"));
    assert!(check_leftovers(&p).is_empty());
    // The fast check for editors does not run typst, and says so in --help.
    p.run(&["check", "--no-typeset"]).ok();
    // build fails the same way.
    p.run(&["build"]).fails().says("error[SP031]");
    assert!(!p.exists(&format!("out/{BRISTOL}")));
}

#[test]
fn check_needs_typst_as_build_does_and_no_typeset_does_not() {
    let p = TestProject::only(&[BRISTOL]);
    let empty = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let without_typst = |args: &[&str]| {
        run_command(
            p.command(args)
                .env_remove("SESSIONPACK_TYPST")
                .env("HOME", empty.path())
                .env("XDG_CACHE_HOME", empty.path())
                .env("PATH", empty.path()),
        )
    };
    without_typst(&["check"])
        .exits(3)
        .says("typst 0.15.1 is not installed");
    without_typst(&["check", "--no-typeset"]).ok();
}

#[test]
fn a_clean_check_typesets_every_session_and_an_up_to_date_one_is_not_typeset_again() {
    let p = TestProject::example();
    let run = p.run(&["check"]);
    run.ok()
        .says(&format!("checked {BRISTOL}: typeset without errors"))
        .says("check: 3 checked of 3 sessions");
    p.run(&["build"]).ok();
    p.run(&["check"]).ok().says(&format!(
        "checked {BRISTOL}: out/{BRISTOL} already holds this build"
    ));
}

#[test]
fn out_holds_exactly_the_sessions_built_now() {
    let p = TestProject::example();
    p.run(&["build"]).ok();
    p.write("out/notes.txt", "mine");
    // The venue's session is deleted; bristol now fails in typst; cardiff's list changes.
    std::fs::remove_file(p.path(&format!("content/sessions/{VENUE}.yaml"))).unwrap();
    std::fs::remove_file(p.path(&format!("content/claimants/{VENUE}.csv"))).unwrap();
    let fake = wrapped_typst(
        &p,
        &format!(
            "case \"$*\" in *{BRISTOL}*) echo 'error: the printer is on fire' >&2; exit 1;; esac"
        ),
    );
    let csv = format!("content/claimants/{CARDIFF}.csv");
    let text = p.read(&csv);
    p.write(&csv, &text.replacen("Cardiff", "Caerdydd", 1));
    p.edit(
        &format!("content/claimants/{BRISTOL}.csv"),
        "14 St John's Lane",
        "16 St John's Lane",
    );
    let run = run_command(p.command(&["build"]).env("SESSIONPACK_TYPST", &fake));
    run.fails()
        .says(&format!(
            "removed from out/: {VENUE} (its session file is no longer in content/sessions/)"
        ))
        .says(&format!(
            "removed from out/: {BRISTOL} (it failed to build)"
        ))
        .says("left alone: out/notes.txt (not written by sessionpack)")
        .says(&format!("built {CARDIFF}"));
    for gone in [
        format!("out/{VENUE}"),
        format!("out/{VENUE}-letters.zip"),
        format!("out/{BRISTOL}"),
        format!("out/{BRISTOL}-letters.zip"),
        format!("out/{BRISTOL}-facilitator-pack.zip"),
    ] {
        assert!(!p.exists(&gone), "{gone} is still there");
    }
    assert_eq!(p.read("out/notes.txt"), "mine");
    // The manifest is true to the inputs it was built from.
    let manifest: serde_json::Value =
        serde_json::from_str(&p.read(&format!("out/{CARDIFF}/manifest.json"))).unwrap();
    let listed = manifest["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"] == csv.as_str())
        .unwrap_or_else(|| panic!("{csv} not in {manifest:#}"));
    use sha2::Digest;
    let actual = format!("{:x}", sha2::Sha256::digest(p.read(&csv).as_bytes()));
    assert_eq!(listed["sha256"], actual.as_str());
    // The index lists what is there now.
    let index = p.read("out/index.json");
    assert!(index.contains(CARDIFF) && !index.contains(VENUE), "{index}");
}

/// Make bristol's first claimant's `jobseeker_direction` (line 2) a doubtful `perhaps`: an
/// error in its input. Returns the list's path.
fn perhaps_on_line_2(p: &TestProject) -> String {
    let csv = format!("content/claimants/{BRISTOL}.csv");
    let text = p.read(&csv);
    let row = text.lines().nth(1).unwrap().to_string();
    p.write(
        &csv,
        &text.replacen(&row, &row.replacen(",no", ",perhaps", 1), 1),
    );
    csv
}

#[test]
fn a_session_whose_input_now_has_errors_keeps_only_its_preview_list() {
    let p = TestProject::only(&[BRISTOL]);
    p.run(&["build"]).ok();
    assert!(p.exists(&format!("out/{BRISTOL}/letters.pdf")));
    perhaps_on_line_2(&p);
    p.run(&["build"])
        .fails()
        .says(&format!("not built: {BRISTOL}"));
    assert!(p.exists(&format!("out/{BRISTOL}/preview.pdf")));
    assert!(!p.exists(&format!("out/{BRISTOL}/letters.pdf")));
    assert!(!p.exists(&format!("out/{BRISTOL}-letters.zip")));
}

#[test]
fn a_session_not_built_says_so_on_every_run_below_its_errors() {
    let p = TestProject::only(&[BRISTOL]);
    perhaps_on_line_2(&p);
    for run in 1..=2 {
        let out = p.run(&["build"]);
        out.fails();
        let error = out.stderr.find("error[SP013]").expect("the error");
        let line = out
            .stderr
            .find(&format!("not built: {BRISTOL}"))
            .unwrap_or_else(|| panic!("run {run}: no not built line:\n{}", out.stderr));
        assert!(
            error < line,
            "run {run}: the line before its error:\n{}",
            out.stderr
        );
        assert!(
            !out.stderr.contains("up to date"),
            "run {run}:\n{}",
            out.stderr
        );
        assert!(
            out.stderr.contains("1 not built of 1 session"),
            "{}",
            out.stderr
        );
    }
    let json = p.run(&["--format", "json", "build"]);
    let summary = json.summary();
    assert_eq!(summary["sessions"][0]["status"], "not_built");
    assert_eq!(
        summary["sessions"][0]["preview"],
        format!("out/{BRISTOL}/preview.pdf")
    );
    assert_eq!(summary["totals"]["not_built"], 1);
    assert_eq!(summary["totals"]["up_to_date"], 0);
}

#[test]
fn a_session_file_that_does_not_parse_is_counted_as_not_built() {
    let p = TestProject::only(&[BRISTOL]);
    p.write(
        "content/sessions/bristol-2026-12-09.yaml",
        "title: [unclosed\n",
    );
    // A file whose name is not an ID is counted too (it can have no folder in out/).
    p.write("content/sessions/Bristol 9 Dec.yaml", "title: x\n");
    let counted = p.run(&["check", "--no-typeset"]);
    counted
        .fails()
        .says("not built: Bristol 9 Dec (errors in its input)")
        .says("check: 1 checked, 2 not built of 3 sessions");
    std::fs::remove_file(p.path("content/sessions/Bristol 9 Dec.yaml")).unwrap();
    let run = p.run(&["build"]);
    run.fails()
        .says("--> content/sessions/bristol-2026-12-09.yaml")
        .says("not built: bristol-2026-12-09 (fix the errors above; its preview list is out/bristol-2026-12-09/preview.pdf)")
        .says("build: 1 built, 1 not built of 2 sessions");
    // Its NOT BUILT notice names it and says its problem under the banner, Welsh first.
    let notice = p.pdf_text("out/bristol-2026-12-09/preview.pdf");
    let cy = notice
        .find("SESIWN HEB EI CHYNHYRCHU")
        .expect("the Welsh banner");
    let en = notice
        .find("NOT BUILT: 1 error")
        .expect("the English banner");
    assert!(cy < en, "{notice}");
    assert!(notice.contains("bristol-2026-12-09"), "{notice}");
    assert!(
        notice[en..].contains("Error SP001: this is not valid YAML")
            && notice[en..].contains("bristol-2026-12-09.yaml:2:1"),
        "{notice}"
    );
    assert!(notice.contains("could not be read"), "{notice}");
    assert!(!p.exists("out/bristol-2026-12-09-letters.zip"));
    // Again: still not built, never up to date.
    p.run(&["build"])
        .fails()
        .says("not built: bristol-2026-12-09");
    let json = p.run(&["--format", "json", "check", "--no-typeset"]);
    let summary = json.summary();
    assert_eq!(summary["totals"]["sessions"], 2);
    assert_eq!(summary["totals"]["not_built"], 1);
    assert_eq!(summary["sessions"][0]["id"], BRISTOL);
    assert_eq!(summary["sessions"][1]["id"], "bristol-2026-12-09");
    assert_eq!(summary["sessions"][1]["status"], "not_built");
}

#[test]
fn check_says_checked_and_without_typst_never_says_typeset() {
    let p = TestProject::only(&[BRISTOL]);
    let run = p.run(&["check", "--no-typeset"]);
    run.ok().says(&format!(
        "checked {BRISTOL}: no errors in its input (not typeset"
    ));
    assert!(!run.stderr.contains("typeset without"), "{}", run.stderr);
    for args in [&["check", "--no-typeset"][..], &["check"][..]] {
        let json = p.run(&[&["--format", "json"][..], args].concat());
        let summary = json.summary();
        assert_eq!(summary["command"], "check");
        assert_eq!(summary["sessions"][0]["status"], "checked", "{args:?}");
        assert_eq!(summary["totals"]["checked"], 1);
        assert_eq!(summary["totals"]["built"], 0);
    }
    p.run(&["check"])
        .ok()
        .says(&format!("checked {BRISTOL}: typeset without errors"));
}

#[test]
fn one_changed_claimant_row_rebuilds_only_its_session() {
    let p = TestProject::example();
    p.run(&["build"]).ok();
    let csv = format!("content/claimants/{CARDIFF}.csv");
    let text = p.read(&csv);
    p.write(&csv, &text.replacen("Cardiff", "Caerdydd", 1));
    p.run(&["build"])
        .ok()
        .says(&format!("built {CARDIFF}"))
        .says(&format!("up to date: {BRISTOL}"))
        .says(&format!("up to date: {VENUE}"))
        .says("build: 1 built, 2 up to date of 3 sessions");
}

#[cfg(target_os = "linux")]
#[test]
fn ctrl_c_stops_typst_keeps_what_was_published_and_exits_130() {
    let p = TestProject::example();
    // Bristol compiles first; cardiff's typst then hangs.
    let (child, typst_pid) = build_hanging_on(&p, &format!("*{CARDIFF}/*"));
    // Published as soon as it was compiled, before the last session.
    assert!(p.exists(&format!("out/{BRISTOL}/manifest.json")));
    assert!(p.exists(&format!("out/{BRISTOL}-letters.zip")));
    signal(child.id(), "INT");
    let run = crate::harness::Run::from(child.wait_with_output().unwrap());
    run.exits(130)
        .says("stopped by SIGINT (Ctrl-C): 1 session finished before it (bristol-2026-12-02)");
    assert!(
        !Path::new(&format!("/proc/{typst_pid}")).exists(),
        "typst {typst_pid} still runs"
    );
    assert!(!p.exists("out/.build"), "{:?}", p.files("out/.build"));
    assert!(!p.exists(&format!("out/{CARDIFF}")));
    assert!(p.exists(&format!("out/{BRISTOL}/letters.pdf")));
    // The next build repairs everything, bristol kept as it is.
    p.run(&["build"])
        .ok()
        .says(&format!("up to date: {BRISTOL}"))
        .says(&format!("built {CARDIFF}"));
}

#[cfg(unix)]
#[test]
fn a_second_build_is_refused_while_one_runs_and_sigterm_exits_143() {
    let p = TestProject::only(&[BRISTOL]);
    let (first, _) = build_hanging_on(&p, "*compile*");
    let second = p.run(&["build"]);
    second
        .exits(3)
        .says("another sessionpack is writing out/ of this project: sessionpack build (process ")
        .says(&first.id().to_string());
    signal(first.id(), "TERM");
    let run = crate::harness::Run::from(first.wait_with_output().unwrap());
    run.exits(143).says("stopped by SIGTERM");
    assert!(!p.exists("out/.build"));
    // Free again: the next build runs.
    p.run(&["build"]).ok();
}

#[cfg(unix)]
#[test]
fn kill_9_leaves_only_complete_sessions_and_the_next_build_repairs_everything() {
    let p = TestProject::example();
    let (mut child, typst_pid) = build_hanging_on(&p, &format!("*{CARDIFF}/*"));
    child.kill().unwrap(); // SIGKILL: nothing of ours runs after it
    child.wait().unwrap();
    // The orphaned typst is not ours to wait for: stop it.
    signal(typst_pid, "KILL");
    // Complete or absent: bristol whole, cardiff absent.
    assert!(p.exists(&format!("out/{BRISTOL}/manifest.json")));
    assert!(!p.exists(&format!("out/{CARDIFF}")));
    p.run(&["build"])
        .ok()
        .says(&format!("up to date: {BRISTOL}"))
        .says(&format!("built {CARDIFF}"))
        .says(&format!("built {VENUE}"));
    assert!(!p.exists("out/.build"));
}

#[test]
fn json_ends_with_one_summary_object() {
    let p = TestProject::only(&[BRISTOL]);
    let run = p.run(&["--format", "json", "build"]);
    run.ok();
    let summary = run.summary();
    assert_eq!(summary["command"], "build");
    assert_eq!(summary["exit"], 0);
    let session = &summary["sessions"][0];
    assert_eq!(session["id"], BRISTOL);
    assert_eq!(session["status"], "built");
    // What to post, and what stays in the office: the preview list is never under "print".
    assert_eq!(
        session["print"],
        serde_json::json!([format!("out/{BRISTOL}/letters.pdf")])
    );
    assert_eq!(
        session["office_only"],
        serde_json::json!([format!("out/{BRISTOL}/preview.pdf")])
    );
    assert_eq!(
        session["zips"],
        serde_json::json!([
            format!("out/{BRISTOL}-letters.zip"),
            format!("out/{BRISTOL}-facilitator-pack.zip")
        ])
    );
    assert_eq!(summary["schema_version"], 2);
    let totals = &summary["totals"];
    assert_eq!(totals["built"], 1);
    assert_eq!(totals["letters"], 10);
    // The pages are the PDFs' own.
    let pages: usize = files_under(&p.path(&format!("out/{BRISTOL}")))
        .iter()
        .filter(|f| f.ends_with(".pdf"))
        .map(|f| p.pdf_pages(&format!("out/{BRISTOL}/{f}")).len())
        .sum();
    assert_eq!(totals["pages"], pages as u64);
    assert!(summary["duration_ms"].is_u64());
    // Again: up to date, same totals.
    let again = p.run(&["--format", "json", "build"]);
    let summary = again.summary();
    assert_eq!(summary["sessions"][0]["status"], "up_to_date");
    assert_eq!(summary["totals"]["pages"], pages as u64);
}

#[test]
fn github_format_puts_each_problem_on_its_line() {
    let p = TestProject::only(&[BRISTOL]);
    let csv = perhaps_on_line_2(&p);
    let run = p.run(&["--format", "github", "check"]);
    run.fails();
    // Paths are the repository's: the test project is inside this one.
    let within = p.root.strip_prefix(crate::harness::repo()).unwrap();
    let csv = format!("{}/{csv}", within.display());
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("::error "))
        .unwrap_or_else(|| panic!("no ::error in\n{}", run.stdout));
    assert!(
        line.starts_with(&format!("::error file={csv},line=2,col=")),
        "{line}"
    );
    assert!(line.contains(",title=SP013::"), "{line}");
}

#[test]
fn github_gets_ten_annotations_of_a_kind_and_the_rest_in_the_job_summary() {
    let p = TestProject::only(&[BRISTOL]);
    // Twelve names in capitals: twelve warnings of one kind.
    let csv = format!("content/claimants/{BRISTOL}.csv");
    let text: String = p
        .read(&csv)
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut cells: Vec<String> = l.split(',').map(str::to_string).collect();
            if i > 0 {
                cells[3] = cells[3].to_uppercase();
            }
            cells.join(",") + "\n"
        })
        .collect();
    p.write(&csv, &text);
    let summary = p.path("step-summary.md");
    // The workspace is the folder above the project: paths are from there.
    let workspace = p.root.parent().unwrap().to_path_buf();
    let mut cmd = p.command(&["--format", "github", "check", "--no-typeset"]);
    cmd.env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_WORKSPACE", &workspace);
    let run = crate::harness::run_command(&mut cmd);
    run.ok();
    let warnings: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("::warning ") && l.contains("title=SP043"))
        .collect();
    assert_eq!(warnings.len(), 10, "{}", run.stdout);
    let folder = p.root.file_name().unwrap().to_string_lossy().to_string();
    assert!(
        warnings[0].starts_with(&format!("::warning file={folder}/{csv},line=")),
        "{}",
        warnings[0]
    );
    assert!(
        run.stdout
            .contains("::notice title=sessionpack::2 problems more than GitHub shows are listed in the job summary"),
        "{}",
        run.stdout
    );
    let table = std::fs::read_to_string(&summary).unwrap();
    assert!(
        table.contains("| level | code | where | problem |"),
        "{table}"
    );
    assert_eq!(table.matches("| warning | SP043 |").count(), 2, "{table}");
    assert!(table.contains(&format!("{folder}/{csv}:")), "{table}");
}

#[test]
fn three_shards_merged_are_byte_identical_to_one_full_build() {
    let full = TestProject::example();
    full.run(&["build"]).ok();
    let merged = TestProject::example();
    let mut seen = 0;
    for k in 1..=3 {
        let shard = TestProject::example();
        let run = shard.run(&["--format", "json", "build", "--shard", &format!("{k}/3")]);
        run.ok();
        seen += run.summary()["sessions"].as_array().unwrap().len();
        assert!(!shard.exists("out/index.json"), "a shard writes no index");
        let receipt = shard.read(&format!("out/.sessionpack-shard-{k}-of-3.json"));
        assert!(
            receipt.contains(&format!("\"shard\": \"{k}/3\"")),
            "{receipt}"
        );
        for f in files_under(&shard.path("out")) {
            let to = merged.path(&format!("out/{f}"));
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(shard.path(&format!("out/{f}")), to).unwrap();
        }
    }
    assert_eq!(seen, 3, "every session in exactly one shard");
    merged
        .run(&["index", "--shards", "3"])
        .ok()
        .says("index: out/index.json lists 3 sessions");
    // The receipts were checked, then removed: out/ is what one machine writes.
    let files = files_under(&full.path("out"));
    assert_eq!(files_under(&merged.path("out")), files);
    for f in &files {
        assert_eq!(
            std::fs::read(full.path(&format!("out/{f}"))).unwrap(),
            std::fs::read(merged.path(&format!("out/{f}"))).unwrap(),
            "{f} differs"
        );
    }
}

/// `index --shards N` merges only the N shards of one build: each shard there, from this input
/// and this version of the tool, no session in two, no receipt of another split; each refusal
/// names the shard, and leaves no index.
#[test]
fn index_refuses_shards_that_are_not_one_build() {
    let p = TestProject::example();
    // Shards built one after another into one out/: each keeps the others' sessions.
    for k in 1..=2 {
        p.run(&["build", "--shard", &format!("{k}/3")]).ok();
    }
    p.run(&["index", "--shards", "3"])
        .exits(1)
        .says("shard 3/3 is missing: out/ has no receipt of it")
        .says("--shard 3/3");
    assert!(!p.exists("out/index.json"));
    p.run(&["build", "--shard", "3/3"]).ok();
    let receipt = |k: u32| format!("out/.sessionpack-shard-{k}-of-3.json");
    let first = p.read(&receipt(1));
    // Another version of the tool.
    p.write(
        &receipt(1),
        &first.replace(env!("CARGO_PKG_VERSION"), "0.0.1"),
    );
    p.run(&["index", "--shards", "3"])
        .exits(1)
        .says("shard 1/3 was built by sessionpack 0.0.1");
    p.write(&receipt(1), &first);
    // A session in two shards: another shard's receipt says it holds one shard's session.
    let sessions = |k: u32| -> Vec<String> {
        let json: serde_json::Value = serde_json::from_str(&p.read(&receipt(k))).unwrap();
        serde_json::from_value(json["sessions"].clone()).unwrap()
    };
    let holder = (1..=3).find(|k| !sessions(*k).is_empty()).unwrap();
    let other = if holder == 3 { 1 } else { 3 };
    let id = sessions(holder)[0].clone();
    let kept = p.read(&receipt(other));
    let mut tampered: serde_json::Value = serde_json::from_str(&kept).unwrap();
    tampered["sessions"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::Value::String(id.clone()));
    p.write(&receipt(other), &tampered.to_string());
    p.run(&["index", "--shards", "3"]).exits(1).says(&format!(
        "session `{id}` is in shard {}/3 and in shard {}/3",
        holder.min(other),
        holder.max(other)
    ));
    p.write(&receipt(other), &kept);
    // A receipt of another split.
    p.write("out/.sessionpack-shard-1-of-2.json", &first);
    p.run(&["index", "--shards", "3"])
        .exits(1)
        .says("receipt of a build in another number of shards than 3");
    std::fs::remove_file(p.path("out/.sessionpack-shard-1-of-2.json")).unwrap();
    // Input changed since the shards were built.
    let settings = p.read("sessionpack.yaml");
    p.write("sessionpack.yaml", &format!("{settings}\n# changed\n"));
    p.run(&["index", "--shards", "3"])
        .exits(1)
        .says("shard 2/3 was built from other input than this project holds");
    assert!(!p.exists("out/index.json"));
    p.write("sessionpack.yaml", &settings);
    p.run(&["index", "--shards", "3"])
        .ok()
        .says("index: out/index.json lists 3 sessions");
    assert!(!p.exists(&receipt(1)), "merged: the receipts go");
    // A full build needs no receipts and leaves none.
    p.run(&["build", "--shard", "1/3"]).ok();
    p.run(&["build"]).ok();
    assert!(!p.exists(&receipt(1)));
}

/// Each shard shows the project's problems (a Welsh string pasted in English) with its own
/// sessions'; the merge shows the region's, each once.
#[test]
fn a_region_shows_the_projects_problems_once_at_the_merge() {
    let p = TestProject::example();
    p.edit(
        "templates/strings/cy.ftl",
        "label-phone = Ffôn",
        "label-phone = Phone",
    );
    for k in 1..=2 {
        p.run(&["build", "--shard", &format!("{k}/2")])
            .ok()
            .says("warning[GS021]: `label-phone`");
    }
    let merged = p.run(&["index", "--shards", "2"]);
    merged
        .ok()
        .says("index: out/index.json lists 3 sessions (the 2 shards merged)");
    assert_eq!(
        merged.stderr.matches("warning[GS021]").count(),
        1,
        "{}",
        merged.stderr
    );
    let json = p.run(&["--format", "json", "index"]);
    let last: serde_json::Value =
        serde_json::from_str(json.stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["index"]["written"], true, "{last}");
}

#[test]
fn a_shard_must_be_k_of_n() {
    let p = TestProject::only(&[BRISTOL]);
    p.run(&["build", "--shard", "4/3"])
        .exits(2)
        .says("K must be from 1 to N");
}

/// GitLab's jobs as a runner runs them, twice: the job's `before_script` and `script` lines in
/// a fresh copy of the project, the second time with the cache folders the first left restored
/// (the second job used to fail: its clone ran into a restored folder). sessionpack's
/// repository is a stand-in whose setup.sh makes a stand-in tool: the test is about the
/// workflow's own lines, not the two-minute compile they lead to.
#[test]
fn the_gitlab_jobs_pass_again_on_a_restored_cache() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let project = dir.path().join("project");
    run_command(sessionpack().arg("init").arg(&project)).ok();
    let text = std::fs::read_to_string(project.join(".gitlab-ci.yml")).unwrap();
    let yaml = marked_yaml::parse_yaml(0, &text).unwrap();
    let mut before = Vec::new();
    collect(&yaml, "before_script", &mut before);
    let variables: Vec<(String, String)> = yaml
        .as_mapping()
        .and_then(|m| m.get_mapping("variables"))
        .map(|v| {
            v.iter()
                .map(|(k, v)| {
                    (
                        k.as_str().to_string(),
                        v.as_scalar().unwrap().as_str().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    // The stand-in repository of sessionpack.
    let tool = dir.path().join("tool");
    std::fs::create_dir_all(tool.join("scripts")).unwrap();
    std::fs::write(
        tool.join("scripts/setup.sh"),
        "#!/bin/sh\nset -e\nmkdir -p \"$CARGO_TARGET_DIR/release\" \"$XDG_CACHE_HOME/sessionpack\"\nprintf '#!/bin/sh\\necho \"stand-in sessionpack $*\"\\n' > \"$CARGO_TARGET_DIR/release/sessionpack\"\nchmod +x \"$CARGO_TARGET_DIR/release/sessionpack\"\n",
    )
    .unwrap();
    std::fs::set_permissions(
        tool.join("scripts/setup.sh"),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    for args in [
        &["init", "-q"][..],
        &["add", "."][..],
        &[
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "commit",
            "-qm",
            "stand-in",
        ][..],
    ] {
        let ok = std::process::Command::new("git")
            .args(args)
            .current_dir(&tool)
            .status()
            .unwrap();
        assert!(ok.success(), "git {args:?}");
    }
    let job = dir.path().join("job");
    for run in 1..=2 {
        // A fresh copy of the project; from the second job on, the cache restored into it.
        if job.exists() {
            for entry in std::fs::read_dir(&job).unwrap() {
                let path = entry.unwrap().path();
                if path.file_name().unwrap() != ".cache" {
                    if path.is_dir() {
                        std::fs::remove_dir_all(&path).unwrap();
                    } else {
                        std::fs::remove_file(&path).unwrap();
                    }
                }
            }
        }
        crate::harness::copy_dir(&project, &job);
        let script = format!(
            "set -e\n{}\nsessionpack check --deny-warnings\n",
            before.join("\n")
        );
        let mut cmd = std::process::Command::new("bash");
        cmd.arg("-c").arg(&script).current_dir(&job);
        cmd.env("CI_PROJECT_DIR", &job)
            .env("SESSIONPACK_REPOSITORY", &tool)
            .env_remove("SESSIONPACK_REF");
        for (k, v) in &variables {
            cmd.env(k, v.replace("$CI_PROJECT_DIR", &job.display().to_string()));
        }
        let out = cmd.output().unwrap();
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "job {run}: {said}");
        assert!(
            said.contains("stand-in sessionpack check --deny-warnings"),
            "job {run}: {said}"
        );
        assert!(
            job.join(".cache/sessionpack-target/release/sessionpack")
                .is_file()
        );
    }
}

/// Every string under `key` (a string, or a list of strings) anywhere in `node`.
fn collect(node: &marked_yaml::Node, key: &str, out: &mut Vec<String>) {
    match node {
        marked_yaml::Node::Mapping(map) => {
            for (k, v) in map.iter() {
                if k.as_str() == key {
                    match v {
                        marked_yaml::Node::Scalar(s) => out.push(s.as_str().to_string()),
                        marked_yaml::Node::Sequence(items) => out.extend(
                            items
                                .iter()
                                .filter_map(|i| i.as_scalar().map(|s| s.as_str().to_string())),
                        ),
                        _ => {}
                    }
                } else {
                    collect(v, key, out);
                }
            }
        }
        marked_yaml::Node::Sequence(items) => {
            for i in items.iter() {
                collect(i, key, out);
            }
        }
        marked_yaml::Node::Scalar(_) => {}
    }
}

#[test]
fn the_conventions_users_expect() {
    let p = TestProject::only(&[BRISTOL]);
    // explain quotes the guidance.
    let run = p.run(&["explain", "GS003"]);
    run.ok();
    assert!(run.stdout.contains("GS003"), "{}", run.stdout);
    assert!(run.stdout.contains("level: error"), "{}", run.stdout);
    assert!(run.stdout.contains("GSG 14:"), "{}", run.stdout);
    assert!(run.stdout.contains("how to fix it"), "{}", run.stdout);
    p.run(&["explain", "GS0003"]).exits(2).says("did you mean");
    // rules lists every code at the project's level.
    let run = p.run(&["rules"]);
    run.ok();
    assert!(run.stdout.contains("GS003"), "{}", run.stdout);
    assert!(run.stdout.contains("SP035"), "{}", run.stdout);
    // check takes --session, with a did-you-mean.
    p.run(&["check", "--session", "bristol-2026-12-2"])
        .fails()
        .says("did you mean `bristol-2026-12-02`?");
    // -q: the problems only.
    let run = p.run(&["-q", "build"]);
    run.ok();
    assert!(!run.stderr.contains("built"), "{}", run.stderr);
    // Help declares the environment and the exit statuses.
    let help = run_command(sessionpack().args(["build", "--help"]));
    assert!(help.stdout.contains("SESSIONPACK_TYPST"), "{}", help.stdout);
    assert!(
        help.stdout.contains("[env: SESSIONPACK_TYPST_TIMEOUT="),
        "{}",
        help.stdout
    );
    assert!(help.stdout.contains("3    the machine or the tool failed"));
    // Completions and a man page.
    let completions = run_command(sessionpack().args(["completions", "bash"]));
    completions.ok();
    assert!(completions.stdout.contains("sessionpack"));
    let man = run_command(sessionpack().arg("man"));
    man.ok();
    assert!(
        man.stdout.starts_with(".ie") || man.stdout.contains(".TH"),
        "{}",
        &man.stdout[..200.min(man.stdout.len())]
    );
    // Every page the main page refers to can be written.
    let pages = tempfile::tempdir().unwrap();
    run_command(sessionpack().arg("man").arg("--dir").arg(pages.path())).ok();
    for referred in [
        "sessionpack.1",
        "sessionpack-build.1",
        "sessionpack-check.1",
        "sessionpack-strings-import.1",
    ] {
        assert!(pages.path().join(referred).is_file(), "{referred}");
    }
    assert!(
        man.stdout.contains("sessionpack\\-build(1)"),
        "{}",
        man.stdout
    );
    // Every session is reported once.
    let run = p.run(&["build", "--session", BRISTOL]);
    assert_eq!(run.stderr.matches(BRISTOL).count(), 1, "{}", run.stderr);
}

#[test]
fn a_memory_budget_runs_fewer_typst_processes_at_once_and_says_so() {
    let p = TestProject::example();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let run = p.run(&["build", "--memory-budget", "64"]);
    run.ok();
    if cores > 1 {
        run.says("memory: 1 typst process at a time, to stay within 64 MB");
    }
    // --jobs is taken as given.
    let run = p.run(&["build", "--jobs", "2", "--memory-budget", "64"]);
    run.ok();
    assert!(!run.stderr.contains("memory:"), "{}", run.stderr);
}

#[test]
fn a_check_killed_earlier_leaves_a_folder_the_next_check_removes() {
    let p = TestProject::only(&[BRISTOL]);
    // The folder of a check whose process (an ID no process has) is gone.
    p.write(".sessionpack-check-4294967/bristol/main.typ", "= left over");
    p.run(&["check"]).ok();
    if cfg!(target_os = "linux") {
        assert!(check_leftovers(&p).is_empty(), "{:?}", check_leftovers(&p));
    }
}

#[test]
fn sarif_format_is_one_log_with_each_result_at_its_line() {
    let p = TestProject::only(&[BRISTOL]);
    let csv = perhaps_on_line_2(&p);
    let run = p.run(&["--format", "sarif", "check", "--no-typeset"]);
    run.fails();
    let log: serde_json::Value =
        serde_json::from_str(run.stdout.trim()).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    let r = results
        .iter()
        .find(|r| r["ruleId"] == "SP013")
        .unwrap_or_else(|| panic!("{log:#}"));
    assert_eq!(r["level"], "error");
    let at = &r["locations"][0]["physicalLocation"];
    assert!(
        at["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with(&csv),
        "{at}"
    );
    assert_eq!(at["region"]["startLine"], 2);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().any(|x| x["id"] == "SP013"), "{rules:?}");
}

#[test]
fn gitlab_format_is_one_code_quality_report() {
    let p = TestProject::only(&[BRISTOL]);
    let csv = perhaps_on_line_2(&p);
    // A second problem, a warning, so the report holds both levels.
    p.edit(&csv, "Mr,Jason,Hill,", "Mr,Jason,HILL,");
    let run = p.run(&["--format", "gitlab", "check", "--no-typeset"]);
    run.fails();
    let report: serde_json::Value =
        serde_json::from_str(run.stdout.trim()).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    let issues = report.as_array().unwrap();
    let issue = |code: &str| {
        issues
            .iter()
            .find(|i| i["check_name"] == code)
            .unwrap_or_else(|| panic!("{report:#}"))
    };
    let error = issue("SP013");
    assert_eq!(error["severity"], "critical");
    assert!(
        error["location"]["path"].as_str().unwrap().ends_with(&csv),
        "{error}"
    );
    assert_eq!(error["location"]["lines"]["begin"], 2);
    assert!(
        error["description"]
            .as_str()
            .unwrap()
            .starts_with("SP013: `jobseeker_direction`: `perhaps`")
    );
    assert_eq!(issue("SP043")["severity"], "minor");
    // Every fingerprint is its own, and the same on the next run.
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), issues.len());
    let again = p.run(&["--format", "gitlab", "check", "--no-typeset"]);
    assert_eq!(again.stdout, run.stdout);
}
