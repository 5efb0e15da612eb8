//! `sessionpack allocate` (issue 21; next-capabilities 1.7.7): a week's pool placed into the
//! week's sessions, each hard rule with its sentence in the report, determinism, stability
//! with a baseline, refused headings, the safety of the lists on disk, and `allocate` then
//! `check` and `build` on the example project.

use std::collections::BTreeMap;

use crate::harness::{Run, TestProject, sessionpack};

const POOL: &str = "content/pools/p.csv";
const HEADER: &str = "ref,first_name,last_name,address_line_1,address_line_2,postcode,office,language,jobsearch_review,signing_time,jobseeker_direction,interpreter,access_needs,childcare,potentially_violent,session";

/// A pool row: `ref`, review day, then `key=value` for the other columns.
fn row(reference: &str, review: &str, rest: &[(&str, &str)]) -> String {
    let get = |k: &str| {
        rest.iter()
            .find(|(key, _)| *key == k)
            .map_or("", |(_, v)| *v)
            .to_string()
    };
    let office = match get("office") {
        o if o.is_empty() => "cardiff-central".to_string(),
        o => o,
    };
    [
        reference.to_string(),
        "Sam".into(),
        format!("Jones{reference}"),
        "1 High Street".into(),
        "Cardiff".into(),
        match get("postcode") {
            p if p.is_empty() => "CF10 1EP".to_string(),
            p => p,
        },
        office,
        get("language"),
        review.to_string(),
        get("signing_time"),
        get("jobseeker_direction"),
        get("interpreter"),
        get("access_needs"),
        get("childcare"),
        get("potentially_violent"),
        get("session"),
    ]
    .join(",")
}

/// The two Cardiff sessions of the example (Tue 1 Dec 10:00, with a Welsh speaker and a
/// direction justification; Thu 3 Dec 10:30 at a venue without a hearing loop, extended),
/// no lists, and a pool of `rows`.
fn fixture(rows: &[String]) -> TestProject {
    let p = TestProject::only(&["cardiff-2026-12-01", "cardiff-venue-2026-12-03"]);
    for f in p.files("content/claimants") {
        std::fs::remove_file(p.path(&format!("content/claimants/{f}"))).unwrap();
    }
    write_pool(&p, rows);
    p
}

fn write_pool(p: &TestProject, rows: &[String]) {
    std::fs::create_dir_all(p.path("content/pools")).unwrap();
    p.write(POOL, &format!("{HEADER}\n{}\n", rows.join("\n")));
}

fn allocate(p: &TestProject, extra: &[&str]) -> Run {
    let mut args = vec!["allocate", "--week", "2026-W49", "--pool"];
    let pool = p.path(POOL);
    let pool = pool.to_str().unwrap();
    args.push(pool);
    args.extend(extra);
    p.run(&args)
}

/// `report.csv` as rows by reference.
fn report(p: &TestProject) -> BTreeMap<String, BTreeMap<String, String>> {
    let text = p.read("out/allocation/2026-W49/report.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let row: BTreeMap<String, String> = header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect();
            (row["ref"].clone(), row)
        })
        .collect()
}

/// The `field` of claimant `reference` in the report.
fn cell(p: &TestProject, reference: &str, field: &str) -> String {
    report(p)[reference][field].clone()
}

/// A line of `--format json` output with `code`, at `file:line`.
fn json_codes(run: &Run) -> Vec<(String, String)> {
    run.stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            let code = v.get("code")?.as_str()?.to_string();
            let at = format!(
                "{}:{}",
                v["file"].as_str().unwrap_or_default(),
                v["line"].as_u64().unwrap_or(0)
            );
            Some((code, at))
        })
        .collect()
}

#[test]
fn al_h01_excluded_claimants_are_never_placed_and_the_alternative_is_given() {
    let p = fixture(&[
        row("A1", "2026-12-01", &[("potentially_violent", "yes")]),
        row("A2", "2026-12-01", &[]),
    ]);
    allocate(&p, &["--dry-run"]).ok();
    assert_eq!(cell(&p, "A1", "outcome"), "excluded");
    assert_eq!(cell(&p, "A1", "session"), "");
    assert_eq!(cell(&p, "A1", "terms"), "potentially-violent (AL-H01)");
    assert_eq!(
        cell(&p, "A1", "next_step"),
        "make alternative arrangements: a one-to-one at the Jobcentre (GSG 28)"
    );
    assert_eq!(cell(&p, "A2", "outcome"), "placed");
    assert_eq!(cell(&p, "A2", "session"), "cardiff-2026-12-01");
}

#[test]
fn al_h02_a_claimant_goes_only_to_their_offices_sessions_or_those_that_serve_it() {
    let rows = [row(
        "B1",
        "",
        &[("office", "bristol-south"), ("postcode", "BS3 5AD")],
    )];
    let p = fixture(&rows);
    let run = allocate(&p, &["--dry-run", "--format", "json"]);
    run.ok();
    assert_eq!(cell(&p, "B1", "outcome"), "not-placed");
    assert!(
        json_codes(&run).contains(&("AL001".into(), format!("{POOL}:2"))),
        "{}",
        run.stdout
    );
    run.prints("the office has no session in the week");
    // The venue session serves Bristol too (GIS 15).
    p.edit(
        "content/sessions/cardiff-venue-2026-12-03.yaml",
        "minutes: 90\n",
        "minutes: 90\nallocate:\n  serves: [bristol-south]\n",
    );
    allocate(&p, &["--dry-run"]).ok();
    assert_eq!(cell(&p, "B1", "session"), "cardiff-venue-2026-12-03");
}

#[test]
fn al_h03_a_session_too_soon_for_a_letter_is_not_offered() {
    // Friday 27 November: a letter today reaches nobody two working days before Tuesday.
    let p = fixture(&[row("N1", "2026-12-01", &[])]);
    let mut cmd = p.command(&[
        "allocate",
        "--week",
        "2026-W49",
        "--pool",
        p.path(POOL).to_str().unwrap(),
        "--dry-run",
        "--explain",
        "N1",
    ]);
    cmd.env("SOURCE_DATE_EPOCH", "1795737600");
    let run = crate::harness::run_command(&mut cmd);
    run.ok();
    assert_eq!(cell(&p, "N1", "session"), "cardiff-venue-2026-12-03");
    run.prints("cardiff-2026-12-01 (Tue 1 Dec 10am): cannot: too soon: a letter sent Friday 27 November 2026 would not give the notice needed (AL-H03, GSG 28-29, 35)");
}

#[test]
fn al_h04_access_needs_are_met_or_the_claimant_is_not_placed() {
    let p = fixture(&[row("H1", "2026-12-03", &[("access_needs", "hearing-loop")])]);
    let run = allocate(&p, &["--dry-run", "--explain", "H1"]);
    run.ok();
    // Not on the review day, but where there is a hearing loop.
    assert_eq!(cell(&p, "H1", "session"), "cardiff-2026-12-01");
    run.prints("cannot: the venue has no hearing-loop (AL-H04, GSG 36-37)");
    p.edit(
        "content/offices/cardiff-central.yaml",
        "hearing_loop: true",
        "hearing_loop: false",
    );
    allocate(&p, &["--dry-run"]).ok();
    assert_eq!(cell(&p, "H1", "outcome"), "not-placed");
    assert!(
        cell(&p, "H1", "not_chosen")
            .contains("cardiff-2026-12-01: the venue has no hearing-loop (AL-H04, GSG 36-37)"),
        "{:?}",
        report(&p)["H1"]
    );
    assert_eq!(
        cell(&p, "H1", "next_step"),
        "arrange an alternative in the Jobcentre (GSG 37), or add a session that meets their needs"
    );
}

#[test]
fn al_h05_a_direction_goes_only_to_a_session_that_justifies_it() {
    let p = fixture(&[row("D1", "2026-12-03", &[("jobseeker_direction", "yes")])]);
    let run = allocate(&p, &["--dry-run", "--explain", "D1"]);
    run.ok();
    assert_eq!(cell(&p, "D1", "session"), "cardiff-2026-12-01");
    run.prints("cannot: a Jobseeker Direction, and the session has no direction_justification (AL-H05, GIS 11-12)");
}

#[test]
fn al_h06_a_session_never_overlaps_the_jobsearch_review() {
    let p = fixture(&[
        row("R1", "2026-12-01", &[("signing_time", "10:20")]),
        row("R2", "2026-12-01", &[("signing_time", "11:30")]),
    ]);
    let run = allocate(&p, &["--dry-run", "--explain", "R1"]);
    run.ok();
    assert_eq!(cell(&p, "R1", "session"), "cardiff-venue-2026-12-03");
    run.prints("cannot: over the Jobsearch Review at 10:20am (AL-H06, GIS 9)");
    // A review half an hour after the session ends: the review day, 2 points (GIS 8).
    assert_eq!(cell(&p, "R2", "session"), "cardiff-2026-12-01");
    assert_eq!(
        cell(&p, "R2", "terms"),
        "AL-T02 30 minutes from the Jobsearch Review (GIS 8) 2"
    );
}

#[test]
fn al_h07_welsh_required_means_a_welsh_speaker_or_no_placement() {
    let p = fixture(&[
        row("W1", "2026-12-03", &[("language", "cy")]),
        row("W2", "2026-12-01", &[("session", "cardiff-2026-12-01")]),
    ]);
    p.edit(
        "content/sessions/cardiff-2026-12-01.yaml",
        "minutes: 60\n",
        "minutes: 60\nallocate:\n  capacity: 1\n",
    );
    allocate(&p, &["--dry-run"]).ok();
    // Preferred: placed without a Welsh speaker, at a cost the report prints.
    assert_eq!(cell(&p, "W1", "session"), "cardiff-venue-2026-12-03");
    assert!(cell(&p, "W1", "terms").contains(
        "AL-T04 wishes to use Welsh, and no facilitator speaks Welsh (Welsh language standards) 150"
    ));
    // Written, the build warns of it (GS020) for that session: the term it weighed.
    allocate(&p, &[]).ok();
    let run = p.run(&["check", "--no-typeset", "--format", "json"]);
    assert!(
        json_codes(&run).iter().any(|(code, at)| code == "GS020"
            && at.starts_with("content/sessions/cardiff-venue-2026-12-03.yaml")),
        "{}",
        run.stdout
    );
    let settings = p.read("sessionpack.yaml");
    p.write(
        "sessionpack.yaml",
        &format!("{settings}\nallocate:\n  welsh_at_session: required\n"),
    );
    allocate(&p, &["--dry-run"]).ok();
    assert_eq!(cell(&p, "W1", "outcome"), "not-placed");
    assert!(
        cell(&p, "W1", "not_chosen").contains("cardiff-venue-2026-12-03: no Welsh-speaking facilitator, and Welsh is required (AL-H07, Welsh language standards)"),
        "{:?}",
        report(&p)["W1"]
    );
    assert!(cell(&p, "W1", "not_chosen").contains("cardiff-2026-12-01: full (1 of 1)"));
}

#[test]
fn al_h08_capacity_is_never_exceeded_and_the_full_are_told() {
    let p = fixture(&[
        row("F1", "2026-12-01", &[]),
        row("F2", "2026-12-01", &[]),
        row("F3", "2026-12-03", &[]),
    ]);
    for s in ["cardiff-2026-12-01", "cardiff-venue-2026-12-03"] {
        let file = format!("content/sessions/{s}.yaml");
        let text = p.read(&file);
        p.write(&file, &format!("{text}allocate:\n  capacity: 1\n"));
    }
    let run = allocate(&p, &["--dry-run", "--format", "json"]);
    run.ok();
    let outcomes: Vec<String> = ["F1", "F2", "F3"]
        .iter()
        .map(|r| cell(&p, r, "outcome"))
        .collect();
    assert_eq!(
        outcomes.iter().filter(|o| *o == "placed").count(),
        2,
        "{outcomes:?}"
    );
    let unplaced = ["F1", "F2", "F3"]
        .into_iter()
        .find(|r| cell(&p, r, "outcome") == "not-placed")
        .unwrap();
    assert!(cell(&p, unplaced, "not_chosen").contains("full (1 of 1)"));
    assert!(
        json_codes(&run).iter().any(|(c, _)| c == "AL002"),
        "{}",
        run.stdout
    );
    // With --deny-unplaced, CI fails.
    allocate(&p, &["--dry-run", "--deny-unplaced"]).fails();
}

#[test]
fn al_h10_pinned_claimants_stay_and_one_who_cannot_attend_is_an_error() {
    let p = fixture(&[
        row(
            "P1",
            "2026-12-01",
            &[("session", "cardiff-venue-2026-12-03")],
        ),
        row("P2", "2026-12-03", &[]),
    ]);
    allocate(&p, &["--dry-run"]).ok();
    assert_eq!(cell(&p, "P1", "outcome"), "pinned");
    assert_eq!(cell(&p, "P1", "session"), "cardiff-venue-2026-12-03");
    // Pinned to a venue without the hearing loop they need: never moved silently.
    write_pool(
        &p,
        &[row(
            "P1",
            "2026-12-01",
            &[
                ("session", "cardiff-venue-2026-12-03"),
                ("access_needs", "hearing-loop"),
            ],
        )],
    );
    let run = allocate(&p, &["--format", "json"]);
    run.fails();
    assert!(
        json_codes(&run).contains(&("AL003".into(), format!("{POOL}:2"))),
        "{}",
        run.stdout
    );
    assert_eq!(cell(&p, "P1", "outcome"), "must-move");
    assert!(!p.exists("content/claimants/cardiff-venue-2026-12-03.csv"));
    assert!(!p.exists("content/allocations/2026-W49.json"));
    // An unknown session in the cell is an error at it.
    write_pool(
        &p,
        &[row(
            "P1",
            "2026-12-01",
            &[("session", "cardiff-2026-12-09")],
        )],
    );
    allocate(&p, &[])
        .fails()
        .says("there is no session `cardiff-2026-12-09`");
}

#[test]
fn a_claimant_whose_letter_went_out_is_pinned_by_the_baseline() {
    let p = fixture(&[row("L1", "2026-12-03", &[]), row("L2", "2026-12-01", &[])]);
    allocate(&p, &[]).ok();
    assert_eq!(cell(&p, "L1", "session"), "cardiff-venue-2026-12-03");
    // The letters went out on 23 November; two days later L1's review moves to Tuesday.
    let mut cmd = p.command(&[
        "allocate",
        "--week",
        "2026-W49",
        "--pool",
        p.path(POOL).to_str().unwrap(),
    ]);
    cmd.env("SOURCE_DATE_EPOCH", "1795564800"); // 2026-11-25
    write_pool(
        &p,
        &[row("L1", "2026-12-01", &[]), row("L2", "2026-12-01", &[])],
    );
    crate::harness::run_command(&mut cmd).ok();
    assert_eq!(cell(&p, "L1", "outcome"), "pinned");
    assert_eq!(cell(&p, "L1", "session"), "cardiff-venue-2026-12-03");
}

#[test]
fn refused_headings_are_errors_at_their_cells_and_nothing_is_written() {
    let p = fixture(&[]);
    p.write(
        POOL,
        "ref,first_name,last_name,address_line_1,postcode,Sex,ethnic_origin,Gender\nA1,Sam,Jones,1 High St,CF10 1EP,F,x,y\n",
    );
    let run = allocate(&p, &["--format", "json"]);
    run.fails();
    let codes: Vec<(String, String)> = json_codes(&run)
        .into_iter()
        .filter(|(c, _)| c == "AL006")
        .collect();
    assert_eq!(codes.len(), 3, "{}", run.stdout);
    let columns: Vec<u64> = run
        .stdout
        .lines()
        .filter(|l| l.contains("AL006"))
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["column"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(columns, [6, 7, 8]);
    assert!(!p.exists("out/allocation/2026-W49/report.csv"));
    assert!(p.files("content/claimants").is_empty());
    // `explain` knows the code.
    p.run(&["explain", "AL006"]).ok();
}

#[test]
fn a_pool_cell_problem_is_the_loaders_diagnostic_at_the_cell() {
    let p = fixture(&[row("C1", "31/02/2026", &[])]);
    let run = allocate(&p, &["--format", "json"]);
    run.fails();
    assert!(
        json_codes(&run).contains(&("SP014".into(), format!("{POOL}:2"))),
        "{}",
        run.stdout
    );
    assert!(!p.exists("out/allocation/2026-W49/report.csv"));
}

/// A week of `n` invented claimants for the two Cardiff sessions, reviews on Tuesday and
/// Thursday, some needs.
fn week(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let day = if i % 3 == 0 {
                "2026-12-03"
            } else {
                "2026-12-01"
            };
            let mut rest: Vec<(&str, &str)> = Vec::new();
            if i % 7 == 0 {
                rest.push(("childcare", "yes"));
            }
            if i % 11 == 0 {
                rest.push(("language", "cy"));
            }
            if i % 13 == 0 {
                rest.push(("interpreter", "Polish"));
            }
            if i % 17 == 0 {
                rest.push(("access_needs", "hearing-loop"));
            }
            row(&format!("K{i:03}"), day, &rest)
        })
        .collect()
}

#[test]
fn the_same_input_gives_the_same_bytes_whatever_the_row_order_or_threads() {
    for grouped in [false, true] {
        same_bytes(grouped);
    }
}

/// Determinism, without the grouping stage or with it (bookings and closures).
fn same_bytes(grouped: bool) {
    let rows = week(45);
    let p = fixture(&rows);
    if grouped {
        grouping(
            &p,
            "  interpreter_booking: 60\n  close_below_target: true\n",
        );
    }
    allocate(&p, &["-j", "1", "--no-baseline"]).ok();
    let lists = |p: &TestProject| -> Vec<(String, String)> {
        p.files("content/claimants")
            .into_iter()
            .map(|f| {
                let text = p.read(&format!("content/claimants/{f}"));
                (f, text)
            })
            .collect()
    };
    let first = (lists(&p), p.read("content/allocations/2026-W49.json"));
    allocate(&p, &["-j", "2", "--no-baseline"]).ok();
    assert_eq!(
        (lists(&p), p.read("content/allocations/2026-W49.json")),
        first
    );
    // The rows shuffled (reversed): the same lists, the same sessions for everyone.
    let mut reversed = rows.clone();
    reversed.reverse();
    write_pool(&p, &reversed);
    allocate(&p, &["--no-baseline"]).ok();
    assert_eq!(lists(&p), first.0);
    let sessions = |json: &str| -> Vec<(String, String)> {
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        v["claimants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["ref"].to_string(), c["session"].to_string()))
            .collect()
    };
    assert_eq!(
        sessions(&p.read("content/allocations/2026-W49.json")),
        sessions(&first.1)
    );
}

#[test]
fn every_result_keeps_the_invariants_and_check_agrees() {
    invariants(None);
    invariants(Some(
        "  interpreter_booking: 60\n  close_below_target: true\n",
    ));
}

/// The invariants of a result, without the grouping stage or with these settings for it.
fn invariants(grouped: Option<&str>) {
    let p = fixture(&week(45));
    if let Some(settings) = grouped {
        grouping(&p, settings);
    }
    allocate(&p, &[]).ok();
    let rep = report(&p);
    let mut per_session: BTreeMap<String, usize> = BTreeMap::new();
    for (reference, r) in &rep {
        // The points printed are the sum of the terms printed.
        if r["outcome"] == "placed" {
            let sum: u32 = r["terms"]
                .split("; ")
                .filter(|t| !t.is_empty())
                .map(|t| t.rsplit(' ').next().unwrap().parse::<u32>().unwrap())
                .sum();
            assert_eq!(sum.to_string(), r["points"], "{reference}: {r:?}");
            *per_session.entry(r["session"].clone()).or_default() += 1;
        }
    }
    // No session over its capacity (max_invites, 20 by default).
    assert!(per_session.values().all(|n| *n <= 20), "{per_session:?}");
    // Every placed claimant is in exactly one list.
    let mut listed = Vec::new();
    for f in p.files("content/claimants") {
        for line in p.read(&format!("content/claimants/{f}")).lines().skip(1) {
            listed.push(line.split(',').next().unwrap().to_string());
        }
    }
    listed.sort();
    let mut placed: Vec<String> = rep
        .iter()
        .filter(|(_, r)| r["outcome"] == "placed")
        .map(|(k, _)| k.clone())
        .collect();
    placed.sort();
    assert_eq!(listed, placed);
    // `check` on the written lists: nothing the allocation must never produce, and every
    // warning of a choice it weighed is a term in the report.
    let run = p.run(&["check", "--no-typeset", "--format", "json"]);
    let codes = json_codes(&run);
    for never in ["GS001", "GS009", "GS012", "GS016"] {
        assert!(
            !codes.iter().any(|(c, _)| c == never),
            "{never}: {}",
            run.stdout
        );
    }
    for line in run
        .stdout
        .lines()
        .filter(|l| l.contains("\"GS013\"") || l.contains("\"GS011\""))
    {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let message = v["message"].as_str().unwrap();
        let reference = message.split(['\'', ' ']).next().unwrap();
        let term = if v["code"] == "GS013" {
            "AL-T01"
        } else {
            "AL-T03"
        };
        assert!(
            rep[reference]["terms"].contains(term),
            "{message}: {:?}",
            rep[reference]
        );
    }
    // A session's claimants who wish to use Welsh and have no Welsh speaker (GS020): each of
    // them carries the term (AL-T04).
    for line in run.stdout.lines().filter(|l| l.contains("\"GS020\"")) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let message = v["message"].as_str().unwrap();
        let count: usize = message.split(' ').next().unwrap().parse().unwrap();
        let session = v["session"].as_str().unwrap();
        let weighed = (rep.values())
            .filter(|r| r["session"] == session && r["terms"].contains("AL-T04"))
            .count();
        assert_eq!(weighed, count, "{message}");
    }
}

#[test]
fn a_baseline_keeps_everyone_in_place_when_one_claimant_leaves_or_a_session_is_cancelled() {
    let rows = week(45);
    let p = fixture(&rows);
    allocate(&p, &[]).ok();
    let before = report(&p);
    // A claimant removed: nobody moves.
    write_pool(&p, &rows[1..]);
    allocate(&p, &[]).ok();
    let after = report(&p);
    for (reference, r) in &after {
        assert_eq!(
            r["session"], before[reference]["session"],
            "{reference} moved"
        );
    }
    let json: serde_json::Value =
        serde_json::from_str(&p.read("content/allocations/2026-W49.json")).unwrap();
    assert_eq!(json["summary"]["moved"], 0);
    // A session cancelled: only those it held move.
    std::fs::remove_file(p.path("content/sessions/cardiff-venue-2026-12-03.yaml")).unwrap();
    allocate(&p, &[]).ok();
    let cancelled = report(&p);
    for (reference, r) in &cancelled {
        if after[reference]["session"] != "cardiff-venue-2026-12-03" {
            assert_eq!(
                r["session"], after[reference]["session"],
                "{reference} moved"
            );
        }
    }
}

#[test]
fn a_new_claimant_who_needs_the_loop_moves_one_claimant_only() {
    // Tuesday (a hearing loop) has 2 seats, Thursday (none) 2; three claimants review on
    // Tuesday, so one goes to Thursday; a new claimant needing the loop takes a Tuesday seat
    // and moves exactly one of the Tuesday claimants.
    let rows = vec![
        row("M1", "2026-12-01", &[]),
        row("M2", "2026-12-01", &[]),
        row("M3", "2026-12-01", &[]),
    ];
    let p = fixture(&rows);
    for s in ["cardiff-2026-12-01", "cardiff-venue-2026-12-03"] {
        let file = format!("content/sessions/{s}.yaml");
        let text = p.read(&file);
        p.write(&file, &format!("{text}allocate:\n  capacity: 2\n"));
    }
    allocate(&p, &[]).ok();
    let before = report(&p);
    let mut more = rows.clone();
    more.push(row("M4", "2026-12-03", &[("access_needs", "hearing-loop")]));
    write_pool(&p, &more);
    allocate(&p, &[]).ok();
    let after = report(&p);
    assert_eq!(after["M4"]["session"], "cardiff-2026-12-01");
    let moved: Vec<&String> = before
        .keys()
        .filter(|r| after[*r]["session"] != before[*r]["session"])
        .collect();
    assert_eq!(moved.len(), 1, "{before:?}\n{after:?}");
    assert_eq!(after[moved[0]]["session"], "cardiff-venue-2026-12-03");
    assert!(after[moved[0]]["terms"].contains("AL-T01"));
}

#[test]
fn a_list_allocate_did_not_write_is_never_replaced_without_force() {
    let p = TestProject::only(&["cardiff-2026-12-01", "cardiff-venue-2026-12-03"]);
    write_pool(&p, &week(10));
    let before = p.read("content/claimants/cardiff-2026-12-01.csv");
    let run = allocate(&p, &["--format", "json"]);
    run.fails();
    assert!(
        json_codes(&run)
            .iter()
            .any(|(c, at)| c == "AL008"
                && at.starts_with("content/claimants/cardiff-2026-12-01.csv")),
        "{}",
        run.stdout
    );
    assert_eq!(p.read("content/claimants/cardiff-2026-12-01.csv"), before);
    assert!(!p.exists("content/allocations/2026-W49.json"));
    allocate(&p, &["--force"]).ok();
    assert_ne!(p.read("content/claimants/cardiff-2026-12-01.csv"), before);
    // Lists are the owner's only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(p.path("content/claimants/cardiff-2026-12-01.csv"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Its own lists it replaces; one edited by hand since, it does not.
    allocate(&p, &[]).ok();
    p.edit("content/claimants/cardiff-2026-12-01.csv", "Sam", "Samuel");
    allocate(&p, &[])
        .fails()
        .says("was not written by allocate (or was edited since)");
}

#[test]
fn allocate_then_build_on_the_example_project() {
    let p = TestProject::example();
    let pool = crate::harness::repo().join("content/pools/week.csv");
    std::fs::create_dir_all(p.path("content/pools")).unwrap();
    std::fs::copy(&pool, p.path("content/pools/week.csv")).unwrap();
    p.run(&[
        "allocate",
        "--week",
        "2026-W49",
        "--pool",
        p.path("content/pools/week.csv").to_str().unwrap(),
        "--force",
    ])
    .ok()
    .says("placed 32 of 32");
    let rep = report(&p);
    // The report for the office's file: every claimant, marked on every page.
    let pages = p.pdf_pages("out/allocation/2026-W49/report.pdf");
    assert!(
        pages.iter().all(|page| page.contains("OFFICIAL-SENSITIVE")),
        "{pages:?}"
    );
    let text = crate::harness::squash(&pages.join(" "));
    for reference in rep.keys() {
        assert!(
            text.contains(reference.as_str()),
            "{reference} not in report.pdf"
        );
    }
    assert!(
        text.contains("office manager's assessment before any group session (GSG 33)"),
        "{text}"
    );
    p.run(&["build"]).ok();
    for session in [
        "bristol-2026-12-02",
        "cardiff-2026-12-01",
        "cardiff-venue-2026-12-03",
    ] {
        let preview = p.read(&format!("out/{session}/preview.csv"));
        let mut in_preview: Vec<String> = preview
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').nth(1).map(str::to_string))
            .collect();
        in_preview.sort();
        let mut placed: Vec<String> = rep
            .iter()
            .filter(|(_, r)| r["session"] == session)
            .map(|(k, _)| k.clone())
            .collect();
        placed.sort();
        assert_eq!(in_preview, placed, "{session}");
    }
}

#[test]
fn allocate_says_what_it_needs() {
    let p = fixture(&[]);
    p.run(&["allocate", "--week", "2026-49"])
        .exits(2)
        .says("is not an ISO week");
    p.run(&["allocate", "--week", "2026-W49"])
        .exits(2)
        .says("no pool to allocate");
    let mut cmd = sessionpack();
    cmd.args([
        "allocate",
        "--week",
        "2026-W49",
        "--pool",
        "/etc/hostname",
        "--root",
    ])
    .arg(&p.root);
    crate::harness::run_command(&mut cmd)
        .exits(2)
        .says("must be a file inside the project");
}

#[test]
fn a_sessions_audience_draws_its_claimants_and_a_pool_in_git_is_warned_of() {
    // Two claimants from CF24 and CF10, both reviewed on Thursday; Tuesday's session is for
    // CF10 only, Thursday's for CF24 only, each with one seat (GIS 16).
    let p = fixture(&[
        row("Z1", "", &[("postcode", "CF24 4NH")]),
        row("Z2", "", &[("postcode", "CF10 1EP")]),
    ]);
    for (s, district) in [
        ("cardiff-2026-12-01", "CF10"),
        ("cardiff-venue-2026-12-03", "CF24"),
    ] {
        let file = format!("content/sessions/{s}.yaml");
        let text = p.read(&file);
        p.write(
            &file,
            &format!("{text}allocate:\n  capacity: 1\n  audience:\n    postcode_districts: [{district}]\n"),
        );
    }
    let run = allocate(&p, &["--dry-run", "--explain", "Z1"]);
    run.ok();
    assert_eq!(
        cell(&p, "Z1", "session"),
        "cardiff-venue-2026-12-03",
        "{}",
        run.stdout
    );
    assert_eq!(cell(&p, "Z2", "session"), "cardiff-2026-12-01");
    run.prints("AL-T09 a postal claimant from CF24; the session is for CF10 (GIS 16): 20");
    // The pool holds names and addresses: tracked by git, it is a warning (GS022).
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .current_dir(&p.root)
            .output()
            .unwrap()
    };
    git(&["init", "-q"]);
    git(&["add", POOL]);
    let run = allocate(&p, &["--dry-run", "--format", "json"]);
    assert!(
        json_codes(&run).contains(&("GS022".into(), format!("{POOL}:0"))),
        "{}",
        run.stdout
    );
}

/// Turn on the grouping stage: `settings` under `allocate:` in sessionpack.yaml.
fn grouping(p: &TestProject, settings: &str) {
    let text = p.read("sessionpack.yaml");
    p.write(
        "sessionpack.yaml",
        &format!("{text}\nallocate:\n{settings}"),
    );
}

/// The baseline's session `id`.
fn baseline_session(p: &TestProject, id: &str) -> serde_json::Value {
    let json: serde_json::Value =
        serde_json::from_str(&p.read("content/allocations/2026-W49.json")).unwrap();
    json["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .cloned()
        .unwrap_or_default()
}

#[test]
fn grouping_books_one_interpreter_for_two_claimants_when_a_booking_costs_more_than_a_day() {
    // Two Polish speakers reviewed on Tuesday and on Thursday (GSG 29, 40; 1.7.7, 7). At 150
    // points a booking, one session with one booking (150, and 100 for the one off their
    // review day) beats two bookings (300); at 30, two bookings (60) beat one (130).
    let pool = [
        row("P1", "2026-12-01", &[("interpreter", "pl")]),
        row("P2", "2026-12-03", &[("interpreter", "pl")]),
    ];
    let p = fixture(&pool);
    grouping(&p, "  interpreter_booking: 150\n");
    let run = allocate(&p, &["--no-baseline"]);
    run.ok();
    assert_eq!(
        cell(&p, "P1", "session"),
        "cardiff-venue-2026-12-03",
        "{}",
        run.stderr
    );
    assert_eq!(cell(&p, "P2", "session"), "cardiff-venue-2026-12-03");
    assert_eq!(
        cell(&p, "P1", "next_step"),
        "book a Polish interpreter for Thu 3 Dec 10:30am"
    );
    // The booking replaces the per-claimant term: no AL-T06 in anyone's terms.
    assert!(!cell(&p, "P1", "terms").contains("AL-T06"));
    // Why not Tuesday, P1's review day: no interpreter there.
    assert_eq!(
        cell(&p, "P1", "not_chosen"),
        "cardiff-2026-12-01: needs a Polish interpreter, and none is booked or proposed there (AL-G01, GSG 29, 40)"
    );
    run.says("book a Polish interpreter for cardiff-venue-2026-12-03 (2 claimants)");
    let thursday = baseline_session(&p, "cardiff-venue-2026-12-03");
    assert_eq!(
        thursday["book"],
        serde_json::json!([{"language": "pl", "claimants": 2}])
    );
    assert_eq!(
        baseline_session(&p, "cardiff-2026-12-01")["book"],
        serde_json::json!([])
    );
    // Tuesday is not for them now: no Polish interpreter there.
    let run = allocate(&p, &["--no-baseline", "--dry-run", "--explain", "P1"]);
    run.prints(
        "needs a Polish interpreter, and none is booked or proposed there (AL-G01, GSG 29, 40)",
    );

    let p = fixture(&pool);
    grouping(&p, "  interpreter_booking: 30\n");
    allocate(&p, &["--no-baseline"]).ok();
    assert_eq!(cell(&p, "P1", "session"), "cardiff-2026-12-01");
    assert_eq!(cell(&p, "P2", "session"), "cardiff-venue-2026-12-03");
    for (id, n) in [("cardiff-2026-12-01", 1), ("cardiff-venue-2026-12-03", 1)] {
        assert_eq!(
            baseline_session(&p, id)["book"],
            serde_json::json!([{"language": "pl", "claimants": n}])
        );
    }
}

#[test]
fn grouping_closes_a_session_that_would_run_below_its_target() {
    // Targets of 2 (an optimum of 1, GSG 32). Two claimants reviewed on Tuesday, one on
    // Thursday: Thursday would run with one, so it closes and its claimant goes on Tuesday.
    let p = fixture(&[
        row("K1", "2026-12-01", &[]),
        row("K2", "2026-12-01", &[]),
        row("K3", "2026-12-03", &[]),
    ]);
    p.edit(
        "content/sessions/cardiff-2026-12-01.yaml",
        "optimum_attendees: 6",
        "optimum_attendees: 1",
    );
    p.edit(
        "content/sessions/cardiff-venue-2026-12-03.yaml",
        "optimum_attendees: 4",
        "optimum_attendees: 1",
    );
    // Without the stage, Thursday is below its target: a warning (AL004).
    let run = allocate(&p, &["--no-baseline", "--dry-run", "--format", "json"]);
    assert!(
        json_codes(&run).iter().any(|(c, _)| c == "AL004"),
        "{}",
        run.stdout
    );
    assert_eq!(cell(&p, "K3", "session"), "cardiff-venue-2026-12-03");

    grouping(&p, "  close_below_target: true\n");
    let run = allocate(&p, &["--no-baseline", "--explain", "K3"]);
    run.ok();
    assert_eq!(cell(&p, "K3", "session"), "cardiff-2026-12-01");
    assert_eq!(
        cell(&p, "K3", "not_chosen"),
        "cardiff-venue-2026-12-03: closed: it would not reach its target of 2 claimants (twice the optimum) (AL-G02, GSG 32)"
    );
    run.prints(
        "closed: it would not reach its target of 2 claimants (twice the optimum) (AL-G02, GSG 32)",
    );
    assert!(!run.stderr.contains("AL004"), "{}", run.stderr);
    run.says("closed cardiff-venue-2026-12-03: fewer claimants than its target of 2");
    assert_eq!(
        baseline_session(&p, "cardiff-venue-2026-12-03")["closed"],
        true
    );
    assert!(!p.exists("content/claimants/cardiff-venue-2026-12-03.csv"));
}

#[test]
fn a_booking_above_the_largest_weight_is_refused_at_its_key() {
    let p = fixture(&[row("B1", "2026-12-01", &[])]);
    grouping(&p, "  interpreter_booking: 5000\n");
    let run = allocate(&p, &["--dry-run"]);
    run.fails();
    run.says("`allocate.interpreter_booking`: 5000 is more than 1000");
}

#[test]
fn a_workbook_pool_is_read_from_the_sheet_named() {
    // A pool kept in Excel: notes on the first sheet, the week on the second.
    let p = fixture(&[]);
    let mut book = rust_xlsxwriter::Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes
        .write_string(0, 0, "Week 49: ask Sam before changing")
        .unwrap();
    let week = book.add_worksheet();
    week.set_name("Week").unwrap();
    let rows = [HEADER.to_string(), row("W1", "2026-12-01", &[])];
    for (r, line) in rows.iter().enumerate() {
        for (c, value) in line.split(',').enumerate() {
            week.write_string(r as u32, c as u16, value).unwrap();
        }
    }
    book.save(p.path("content/pools/week.xlsx")).unwrap();
    let pool = p.path("content/pools/week.xlsx");
    let pool = pool.to_str().unwrap();
    let run = p.run(&[
        "allocate",
        "--week",
        "2026-W49",
        "--pool",
        pool,
        "--sheet",
        "Week",
        "--dry-run",
    ]);
    run.ok();
    assert_eq!(cell(&p, "W1", "session"), "cardiff-2026-12-01");
    assert_eq!(cell(&p, "W1", "at"), "content/pools/week.xlsx:Week!A2");
    // A sheet the workbook does not have: said, and nothing allocated.
    let run = p.run(&[
        "allocate",
        "--week",
        "2026-W49",
        "--pool",
        pool,
        "--sheet",
        "Wk49",
        "--dry-run",
    ]);
    run.fails();
    run.says("Wk49");
}

#[test]
fn a_project_that_reads_a_week_list_gets_one_with_a_session_column() {
    // The office keeps one list of several sessions (`claimant_files`): allocate writes it,
    // the build reads it.
    let p = fixture(&[
        row("L1", "2026-12-01", &[]),
        row("L2", "2026-12-03", &[]),
        row("L3", "2026-12-01", &[]),
    ]);
    let text = p.read("sessionpack.yaml");
    p.write(
        "sessionpack.yaml",
        &format!("{text}\nclaimant_files:\n  - claimants/week-49.csv\n"),
    );
    // Not told which list to write: an error at the settings, nothing written.
    let run = allocate(&p, &[]);
    run.fails();
    run.says("set `allocate.week_list`");
    let text = p.read("sessionpack.yaml");
    p.write(
        "sessionpack.yaml",
        &format!("{text}allocate:\n  week_list: claimants/week-49.csv\n"),
    );
    allocate(&p, &[]).ok();
    let list = p.csv_rows("content/claimants/week-49.csv");
    assert_eq!(list[0].last().unwrap(), "session");
    let placed: Vec<(String, String)> = list[1..]
        .iter()
        .map(|r| (r[0].clone(), r.last().unwrap().clone()))
        .collect();
    assert_eq!(
        placed,
        [
            ("L1".to_string(), "cardiff-2026-12-01".to_string()),
            ("L3".into(), "cardiff-2026-12-01".into()),
            ("L2".into(), "cardiff-venue-2026-12-03".into()),
        ]
    );
    assert_eq!(p.files("content/claimants"), ["week-49.csv"]);
    // The build reads it: both sessions have their claimants.
    let run = p.run(&["check", "--no-typeset"]);
    run.ok();
    // Again: allocate wrote it, so it replaces it; edited by hand, it is never replaced.
    allocate(&p, &[]).ok();
    let edited = p.read("content/claimants/week-49.csv")
        + "L9,Sam,Jones,1 High Street,Cardiff,CF10 1EP,cardiff-central,,2026-12-01,,,,,,,cardiff-2026-12-01\r\n";
    p.write("content/claimants/week-49.csv", &edited);
    let run = allocate(&p, &[]);
    run.fails();
    run.says("content/claimants/week-49.csv was not written by allocate");
    assert_eq!(p.read("content/claimants/week-49.csv"), edited);
}
