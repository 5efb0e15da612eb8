//! The guidance as code: one fixture (a variation of the example project) per rule, asserting
//! code, level, location and exit status; a clean project; many problems in one run; JSON.

use crate::harness::TestProject;
use serde_json::Value;

const SESSION: &str = "content/sessions/bristol-2026-12-02.yaml";
const CLAIMANTS: &str = "content/claimants/bristol-2026-12-02.csv";

fn bristol() -> TestProject {
    TestProject::only(&["bristol-2026-12-02"])
}

/// Run `check --format json`; return the exit code and the diagnostics.
fn check(p: &TestProject, extra: &[&str]) -> (i32, Vec<Value>) {
    let mut args = vec!["--format", "json", "check"];
    args.extend_from_slice(extra);
    let run = p.run(&args);
    (run.code, run.json())
}

/// The one diagnostic with `code`; checks its level, `file:line[:column]` and source.
fn expect(diags: &[Value], code: &str, level: &str, at: &str, source: Option<&str>) -> Value {
    let found: Vec<&Value> = diags.iter().filter(|d| d["code"] == code).collect();
    assert_eq!(found.len(), 1, "expected one {code}, got {diags:#?}");
    let d = found[0].clone();
    assert_eq!(d["level"], level, "{d:#}");
    let mut loc = d["file"].as_str().unwrap_or("").to_string();
    if let Some(l) = d["line"].as_u64() {
        loc.push_str(&format!(":{l}"));
        if let Some(c) = d["column"].as_u64() {
            loc.push_str(&format!(":{c}"));
        }
    }
    assert_eq!(loc, at, "{d:#}");
    assert_eq!(d["source"].as_str(), source, "{d:#}");
    d
}

#[test]
fn the_example_project_is_clean() {
    let p = TestProject::example();
    let (code, diags) = check(&p, &["--deny-warnings"]);
    assert_eq!(code, 0, "{diags:#?}");
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn gs001_more_invitations_than_max_invites() {
    let p = bristol();
    p.edit(
        SESSION,
        "optimum_attendees: 5\n",
        "optimum_attendees: 4\nmax_invites: 8\n",
    );
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 1);
    let line = p.line_of(SESSION, "max_invites");
    let diag = expect(
        &d,
        "GS001",
        "error",
        &format!("{SESSION}:{line}:1"),
        Some("GSG 32"),
    );
    assert!(
        diag["message"]
            .as_str()
            .unwrap()
            .contains("10 claimants are invited; the most for this session is 8")
    );
}

#[test]
fn gs002_fewer_invitations_than_twice_the_optimum_is_a_warning() {
    let p = bristol();
    p.edit(SESSION, "optimum_attendees: 5", "optimum_attendees: 6");
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 0, "a warning alone passes");
    let line = p.line_of(SESSION, "optimum_attendees");
    expect(
        &d,
        "GS002",
        "warning",
        &format!("{SESSION}:{line}:1"),
        Some("GSG 32"),
    );
    let (code, _) = check(&p, &["--deny-warnings"]);
    assert_eq!(code, 1, "--deny-warnings makes it fail");
}

#[test]
fn gs003_risk_assessment_completed_after_the_session() {
    let p = bristol();
    p.edit(SESSION, "completed: 2026-11-16", "completed: 2026-12-05");
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 1);
    let line = p.line_of(SESSION, "completed:");
    expect(
        &d,
        "GS003",
        "error",
        &format!("{SESSION}:{line}:3"),
        Some("GSG 14-17"),
    );
}

#[test]
fn gs003_internal_risk_assessment_for_an_external_venue() {
    let p = TestProject::only(&["cardiff-venue-2026-12-03"]);
    let file = "content/sessions/cardiff-venue-2026-12-03.yaml";
    p.edit(file, "kind: external", "kind: internal");
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 1);
    let line = p.line_of(file, "kind: internal");
    expect(
        &d,
        "GS003",
        "error",
        &format!("{file}:{line}:3"),
        Some("GSG 14-17"),
    );
}

#[test]
fn gs003_no_risk_assessment() {
    let p = bristol();
    let text = p.read(SESSION);
    let start = text.find("risk_assessment:").unwrap();
    let end = text.find("facilitators:").unwrap();
    p.write(SESSION, &format!("{}{}", &text[..start], &text[end..]));
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 1);
    expect(
        &d,
        "GS003",
        "error",
        &format!("{SESSION}:1"),
        Some("GSG 14-17"),
    );
}

#[test]
fn gs004_facilitator_course_after_the_session() {
    let p = bristol();
    p.edit(
        SESSION,
        "presentation_course: 2024-03-06",
        "presentation_course: 2027-01-06",
    );
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 1);
    let line = p.line_of(SESSION, "presentation_course: 2027");
    let diag = expect(
        &d,
        "GS004",
        "error",
        &format!("{SESSION}:{line}:5"),
        Some("GSG 24"),
    );
    assert!(diag["message"].as_str().unwrap().contains("Priya Shah"));
}

#[test]
fn gs004_facilitator_without_a_course() {
    let p = bristol();
    p.edit(SESSION, "    facilitator_course: 2025-05-21\n", "");
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 1);
    let line = p.line_of(SESSION, "- name: Tom Barker");
    expect(
        &d,
        "GS004",
        "error",
        &format!("{SESSION}:{line}:5"),
        Some("GSG 24"),
    );
}

#[test]
fn gs005_no_deputy_is_a_warning() {
    let p = bristol();
    p.edit(SESSION, "role: deputy", "role: support");
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 0);
    let line = p.line_of(SESSION, "facilitators:");
    expect(
        &d,
        "GS005",
        "warning",
        &format!("{SESSION}:{line}:1"),
        Some("GSG 22"),
    );
}

#[test]
fn gs006_agenda_missing_a_section_and_not_adding_up() {
    let p = bristol();
    p.edit(SESSION, "  - section: summary\n    minutes: 10\n", "");
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 1);
    let line = p.line_of(SESSION, "agenda:");
    let found: Vec<&Value> = d.iter().filter(|x| x["code"] == "GS006").collect();
    assert_eq!(found.len(), 2, "{d:#?}");
    assert!(found.iter().any(|x| {
        x["message"]
            .as_str()
            .unwrap()
            .contains("no `summary` section")
    }));
    assert!(found.iter().any(|x| {
        x["message"]
            .as_str()
            .unwrap()
            .contains("adds up to 50 minutes but the session lasts 60")
    }));
    assert!(
        found
            .iter()
            .all(|x| x["line"] == line && x["level"] == "error" && x["source"] == "GIS 19")
    );
}

#[test]
fn gs007_session_over_an_hour() {
    let p = bristol();
    p.edit(SESSION, "minutes: 60", "minutes: 75");
    p.edit(
        SESSION,
        "  - section: summary\n    minutes: 10",
        "  - section: summary\n    minutes: 25",
    );
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 1);
    let line = p.line_of(SESSION, "minutes: 75");
    expect(
        &d,
        "GS007",
        "error",
        &format!("{SESSION}:{line}:1"),
        Some("GIS 18, GSG 40"),
    );
    // Extended for language support: up to 90 minutes is fine.
    p.edit(
        SESSION,
        "minutes: 75",
        "minutes: 75\nextended_for_language_support: true",
    );
    let (_, d) = check(&p, &[]);
    assert!(!d.iter().any(|x| x["code"] == "GS007"), "{d:#?}");
}

#[test]
fn gs008_interpreters_without_extension_is_a_warning() {
    let p = bristol();
    p.edit(
        CLAIMANTS,
        "2026-12-02,no,,,yes,",
        "2026-12-02,no,Polish,,yes,",
    );
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 0);
    let line = p.line_of(SESSION, "minutes: 60");
    expect(
        &d,
        "GS008",
        "warning",
        &format!("{SESSION}:{line}:1"),
        Some("GSG 29, 40"),
    );
}

#[test]
fn gs009_direction_without_justification() {
    let p = bristol();
    p.edit(
        CLAIMANTS,
        "BS3 5AD,en,standard,2026-12-02,no,",
        "BS3 5AD,en,standard,2026-12-02,yes,",
    );
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 1);
    expect(
        &d,
        "GS009",
        "error",
        &format!("{CLAIMANTS}:2:12"),
        Some("GIS 11-14"),
    );
}

#[test]
fn gs011_childcare_outside_school_hours_is_a_warning() {
    let p = bristol();
    p.edit(
        SESSION,
        "starts: 2026-12-02T13:30",
        "starts: 2026-12-02T14:00",
    );
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 0);
    // B3005 (row 6) has childcare.
    let diag = expect(
        &d,
        "GS011",
        "warning",
        &format!("{CLAIMANTS}:6:15"),
        Some("GSG 28-29"),
    );
    assert!(
        diag["message"].as_str().unwrap().contains("2pm to 3pm"),
        "{diag:#}"
    );
    // School hours are configurable.
    p.edit("sessionpack.yaml", "ends: \"14:45\"", "ends: \"15:30\"");
    let (_, d) = check(&p, &[]);
    assert!(!d.iter().any(|x| x["code"] == "GS011"), "{d:#?}");
}

#[test]
fn gs012_access_need_the_venue_lacks() {
    let p = bristol();
    // Bristol South has no hearing loop.
    p.edit(
        CLAIMANTS,
        "BS3 5AD,en,standard,2026-12-02,no,,,",
        "BS3 5AD,en,standard,2026-12-02,no,,hearing-loop,",
    );
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 1);
    expect(
        &d,
        "GS012",
        "error",
        &format!("{CLAIMANTS}:2:14"),
        Some("GSG 36-37"),
    );
}

#[test]
fn gs013_not_on_the_jobsearch_review_day_is_a_warning() {
    let p = bristol();
    p.edit(
        CLAIMANTS,
        "BS3 5AD,en,standard,2026-12-02,",
        "BS3 5AD,en,standard,03/12/2026,",
    );
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 0);
    expect(
        &d,
        "GS013",
        "warning",
        &format!("{CLAIMANTS}:2:11"),
        Some("GIS 8, GSG 44"),
    );
}

#[test]
fn gs016_invited_to_two_sessions_on_one_day() {
    let p = bristol();
    p.write(
        "content/sessions/bristol-pm-2026-12-02.yaml",
        &p.read(SESSION).replace("13:30", "11:00"),
    );
    p.write(
        "content/claimants/bristol-pm-2026-12-02.csv",
        &p.read(CLAIMANTS),
    );
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 0);
    let found: Vec<&Value> = d.iter().filter(|x| x["code"] == "GS016").collect();
    assert_eq!(
        found.len(),
        10,
        "every invited claimant of the second session: {d:#?}"
    );
    assert!(found.iter().all(|x| x["level"] == "warning"));
    assert_eq!(
        found[0]["file"],
        "content/claimants/bristol-pm-2026-12-02.csv"
    );
}

#[test]
fn levels_can_be_changed_per_code_in_sessionpack_yaml() {
    let p = bristol();
    p.edit(SESSION, "role: deputy", "role: support");
    p.edit("sessionpack.yaml", "rules: {}", "rules:\n  GS005: deny");
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 1);
    expect(
        &d,
        "GS005",
        "error",
        &format!("{SESSION}:{}:1", p.line_of(SESSION, "facilitators:")),
        Some("GSG 22"),
    );
    p.edit("sessionpack.yaml", "GS005: deny", "GS005: allow");
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 0);
    assert!(d.is_empty(), "{d:#?}");
    p.edit("sessionpack.yaml", "GS005: allow", "GS999: allow");
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 1);
    assert!(
        d.iter()
            .any(|x| x["code"] == "SP002" && x["message"].as_str().unwrap().contains("GS999")),
        "{d:#?}"
    );
}

#[test]
fn many_problems_are_all_reported_in_one_run() {
    let p = bristol();
    p.edit(SESSION, "completed: 2026-11-16", "completed: 2026-12-05");
    p.edit(SESSION, "role: deputy", "role: support");
    p.edit(
        SESSION,
        "presentation_course: 2024-03-06",
        "presentation_course: 2027-01-06",
    );
    p.edit(
        CLAIMANTS,
        "BS3 5AD,en,standard,2026-12-02,no,,,",
        "BS3 5AD,en,standard,2026-12-04,yes,,hearing-loop,",
    );
    p.edit(CLAIMANTS, "B3002,Ms,Kelly,Price,88 Wedmore Vale,Bedminster,Bristol,BS3 5HX,en,standard,2026-12-02,no", "B3002,Ms,Kelly,Price,88 Wedmore Vale,Bedminster,Bristol,BS3 5HX,en,standard,2026-12-02,perhaps");
    let (code, d) = check(&p, &[]);
    assert_eq!(code, 1);
    let mut codes: Vec<&str> = d.iter().map(|x| x["code"].as_str().unwrap()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(
        codes,
        [
            "GS003", "GS004", "GS005", "GS009", "GS012", "GS013", "SP013"
        ],
        "{d:#?}"
    );
    // Human output: the same, with a summary line.
    let run = p.run(&["check"]);
    run.fails()
        .says("error[GS003]")
        .says("warning[GS005]")
        .says("failed: 5 errors, 2 warnings");
}

#[test]
fn json_lines_carry_every_field() {
    let p = bristol();
    p.edit(SESSION, "role: deputy", "role: support");
    let (_, d) = check(&p, &[]);
    let x = &d[0];
    for key in [
        "code", "level", "file", "line", "column", "message", "source", "help",
    ] {
        assert!(x.get(key).is_some(), "missing {key}: {x:#}");
    }
}

#[test]
fn not_invited_claimants_are_not_errors() {
    let p = TestProject::example();
    let run = p.run(&["check"]);
    run.ok();
    assert!(
        !run.stderr.contains("violent") && !run.stderr.contains("MAPPA"),
        "{}",
        run.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    let p = bristol();
    assert_eq!(p.run(&["check", "--no-such-flag"]).code, 2);
    assert_eq!(p.run(&["--format", "xml", "check"]).code, 2);
}

/// A claimant list tracked by git is a warning (data minimisation), named once at its file;
/// taken out of git, the warning goes. Lists git does not track are never named.
#[test]
fn gs022_a_claimant_list_tracked_by_git_is_a_warning() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git")
            .args(args)
            .current_dir(p.path(""))
            .output()
            .unwrap();
        assert!(ok.status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "sessionpack.yaml", "content/sessions"]);
    let clean = p.run(&["check", "--no-typeset", "--deny-warnings"]);
    clean.ok();
    assert!(!clean.stderr.contains("GS022"), "{}", clean.stderr);
    git(&["add", CLAIMANTS]);
    let run = p.run(&["check", "--no-typeset", "--deny-warnings"]);
    run.exits(1)
        .says(&format!(
            "error[GS022]: the claimant list {CLAIMANTS} is tracked by git"
        ))
        .says(&format!("--> {CLAIMANTS}"))
        .says(&format!("`git rm --cached {CLAIMANTS}`"))
        .says("data minimisation");
    assert_eq!(run.stderr.matches("[GS022]").count(), 1, "{}", run.stderr);
    p.run(&["check", "--no-typeset"])
        .ok()
        .says("warning[GS022]");
    git(&["rm", "-q", "--cached", CLAIMANTS]);
    p.run(&["check", "--no-typeset", "--deny-warnings"]).ok();
}
