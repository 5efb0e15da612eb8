//! Benchmark of the build engine (issue 10), with figures printed, not asserted:
//!
//! 1. Speed, on a generated 50-session x 20-claimant project (1,000 letters): a clean build,
//!    a no-op rebuild (target at most 0.2 s), a rebuild after one claimant row changed (only
//!    that session is compiled), and two floors, each one typst process writing 1,000 letters
//!    as separate PDF/UA files plus their print batch: our own letters (target: the build's
//!    time per page at most 2x the floor's), and plain one-page letters, what typst itself
//!    costs a page (target: at most 1.5x).
//!    Then a week's list for 40 sessions in one file (`claimant_files`): one row edited
//!    compiles that row's session only.
//! 2. Scale (`BENCH_SCALE=1`): 1,000, 10,000 and 100,000 claimants (50, 500 and 5,000
//!    sessions), each checked and built, with the time and the peak memory of the tool and its
//!    typst children together (target: under 300 MB), sampled from /proc every 20 ms.
//! 3. A region across machines (`BENCH_REGION=1`): 100,000 claimants in 5,000 sessions
//!    built as 16 shards run one after another, as 16 machines would run them at once: each
//!    shard's wall time (target: at most 2 minutes) and peak memory, the fixed cost every shard
//!    pays (loading and checking the whole region: `build --shard` of a slice that holds no
//!    session; target: at most 5 s), then `index --shards 16`. `BENCH_REGION_SHARDS=1,2` runs
//!    only those shards; `BENCH_REGION_SESSIONS` the size.
//! 4. One large session (`BENCH_LARGE=1`): 3,000 invitations (`BENCH_LARGE_INVITES`) in one
//!    session, checked and built in parts, with the time and the same peak memory.
//! 5. The overview of a region (`BENCH_OVERVIEW=1`): `out/index.html` and the session pages
//!    for 5,000 sessions in `out/` (one built session copied under 5,000 IDs), without
//!    thumbnails: its size (target: at most 3 MB) and the time to write it (target: 2 s).
//!
//! Run: `cargo bench --bench build` (uses target/release/sessionpack and the typst that
//! `scripts/setup.sh` installed). `BENCH_RUNS=N` sets the repetitions (median is reported);
//! `BENCH_SCALE_SESSIONS=50,500` the sizes of the scale run; `SESSIONPACK_BIN` another binary.

// Tests and benchmarks stop at the first surprise: unwrap, expect and panic are how.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use sessionpack::{pipeline, typst::Typst};

const CLAIMANTS: usize = 20;

const FIRST: [&str; 10] = [
    "Jason", "Kelly", "Janet", "Liam", "Sophie", "Gary", "Donna", "Ryan", "Anita", "Chris",
];
const LAST: [&str; 10] = [
    "Hill", "Price", "Cole", "Ford", "Walsh", "Pearce", "Baker", "Kerr", "Patel", "Doyle",
];
const STREETS: [&str; 5] = [
    "Wells Road",
    "Novers Lane",
    "Hartcliffe Way",
    "Marsh Lane",
    "Stockwood Road",
];

fn generate(root: &Path, sessions: usize) {
    generate_sized(root, sessions, CLAIMANTS);
}

/// `sessions` sessions of `claimants` invited claimants each.
fn generate_sized(root: &Path, sessions: usize, claimants: usize) {
    generate_limited(root, sessions, claimants, claimants.max(CLAIMANTS));
}

/// As `generate_sized`, each session inviting at most `max_invites`.
fn generate_limited(root: &Path, sessions: usize, claimants: usize, max_invites: usize) {
    // Dated as the repository's example: the bench's sessions carry their own dates.
    let options = sessionpack::init::Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        ci: Vec::new(),
        shards: None,
    };
    sessionpack::init::write_project(root, &options).expect("init");
    for dir in ["content/sessions", "content/claimants"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            std::fs::remove_file(e.unwrap().path()).unwrap();
        }
    }
    let template = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/sessions/bristol-2026-12-02.yaml"),
    )
    .unwrap();
    let header = "ref,title,first_name,last_name,address_line_1,address_line_2,postcode,language,format,jobsearch_review\n";
    for s in 0..sessions {
        let id = format!("bench-{s:04}");
        let day = 1 + (s % 28);
        let mut yaml = template.replace(
            "starts: 2026-12-02T13:30",
            &format!("starts: 2027-01-{day:02}T10:00"),
        );
        if max_invites != 20 {
            yaml.push_str(&format!("max_invites: {max_invites}\n"));
        }
        std::fs::write(root.join(format!("content/sessions/{id}.yaml")), yaml).unwrap();
        let mut csv = String::from(header);
        for c in 0..claimants {
            let n = s * claimants + c;
            csv.push_str(&format!(
                "B{n:05},Mx,{},{},{} {},Bristol,BS4 2AG,en,standard,2027-01-{day:02}\n",
                FIRST[n % 10],
                LAST[(n / 10) % 10],
                1 + n % 200,
                STREETS[n % 5]
            ));
        }
        std::fs::write(root.join(format!("content/claimants/{id}.csv")), csv).unwrap();
    }
}

/// The plain floor: one typst process writing `letters` plain one-page letters (an address, a
/// date, a heading, four paragraphs, a signature, in the project's font; no layout of ours) as
/// separate PDF/UA files, plus one print batch of them all. What typst itself costs a page.
fn plain_bundle(letters: usize) -> String {
    let mut source = String::from(
        "#set page(paper: \"a4\", margin: 25mm)\n#set text(font: \"Atkinson Hyperlegible Next\", size: 12pt, lang: \"en\")\n#let plain(n) = [\n  Mx Claimant #n \\\n  #n Wells Road \\\n  Bristol \\\n  BS4 2AG\n  #v(12mm)\n  1 December 2026\n  = A group information session\n  Dear Mx Claimant #n,\n\n  You are invited to a group information session at the Jobcentre on Tuesday 1 December 2026 at 10am. It lasts about one hour.\n\n  At the session you will hear about jobs in your area, training and the help we can give you to find work.\n\n  Please bring this letter with you. If you need help to get here, or cannot come, call us before the day.\n\n  You can claim the cost of travel to the session. Bring your tickets or receipts.\n\n  Yours sincerely,\n\n  Work coach\n]\n",
    );
    for i in 0..letters {
        source.push_str(&format!(
            "#document(\"letters/plain-{i}.pdf\", title: \"plain {i}\")[#plain({i})]\n"
        ));
    }
    source.push_str("#document(\"letters.pdf\", title: \"plain batch\")[\n");
    for i in 0..letters {
        if i > 0 {
            source.push_str("  #pagebreak(weak: true)\n");
        }
        source.push_str(&format!("  #plain({i})\n"));
    }
    source.push_str("]\n");
    source
}

/// The floor for a pipeline that drives the typst CLI: one typst process writing every letter
/// of the project as its own PDF/UA file, plus one print batch of them all.
fn raw_bundle(root: &Path) -> String {
    let (diags, rendered) =
        pipeline::render(root, &pipeline::CheckOptions::default()).expect("load");
    assert!(!diags.has_errors(), "generated project has errors");
    let mut source = String::from("#import \"/templates/layout.typ\": *\n");
    let mut calls = Vec::new();
    for (s, session) in rendered.iter().enumerate() {
        // Keep the letter definitions, renamed per session; drop the session's documents.
        let part = &session.parts[0];
        let letters =
            part.source_map
                .sections()
                .nth(1)
                .map_or(part.source.as_str(), |(_, line)| {
                    let end: usize = part
                        .source
                        .lines()
                        .take(line - 1)
                        .map(|l| l.len() + 1)
                        .sum();
                    &part.source[..end]
                });
        let defs = letters.split("\n#document(").next().unwrap();
        let defs = defs
            .replace("#import \"/templates/layout.typ\": *", "")
            .replace("#let letter-", &format!("#let s{s}-letter-"));
        source.push_str(&defs);
        for i in 0..CLAIMANTS {
            source.push_str(&format!(
                "#document(\"letters/raw{s}-{i}.pdf\", title: \"raw\")[\n  #show: document-style.with(lang: \"en\")\n  #s{s}-letter-{i}(\"file{s}\")\n]\n"
            ));
            calls.push((s, format!("s{s}-letter-{i}")));
        }
    }
    source.push_str("#document(\"letters.pdf\", title: \"raw batch\")[\n  #show: document-style.with(lang: \"en\")\n");
    for (n, (s, call)) in calls.iter().enumerate() {
        if n > 0 {
            source.push_str("  #pagebreak(to: \"odd\", weak: true)\n");
        }
        source.push_str(&format!("  #{call}(\"batch{s}\")\n"));
    }
    source.push_str("]\n");
    source
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn count_pages(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| lopdf::Document::load(&p).unwrap().get_pages().len())
        .sum()
}

/// Run `cmd` to the end, sampling every 20 ms the memory (RSS) of it and every process below
/// it, summed. (time, peak bytes, success, stderr).
fn measured(cmd: &mut Command) -> (Duration, u64, bool, String) {
    let started = Instant::now();
    let mut child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut s);
        s
    });
    let mut peak = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        peak = peak.max(tree_rss(child.id()));
        std::thread::sleep(Duration::from_millis(20));
    };
    (
        started.elapsed(),
        peak,
        status.success(),
        reader.join().unwrap(),
    )
}

/// The resident memory of `root` and every process below it, from /proc (0 elsewhere).
fn tree_rss(root: u32) -> u64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    let mut parent = std::collections::HashMap::new();
    let mut rss = std::collections::HashMap::new();
    for e in entries.filter_map(Result::ok) {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(status) = std::fs::read_to_string(e.path().join("status")) else {
            continue;
        };
        for line in status.lines() {
            if let Some(v) = line.strip_prefix("PPid:") {
                parent.insert(pid, v.trim().parse::<u32>().unwrap_or(0));
            } else if let Some(v) = line.strip_prefix("VmRSS:") {
                let kb: u64 = v.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
                rss.insert(pid, kb * 1024);
            }
        }
    }
    let below = |mut pid: u32| {
        while pid > 1 {
            if pid == root {
                return true;
            }
            pid = parent.get(&pid).copied().unwrap_or(0);
        }
        false
    };
    rss.iter().filter(|(p, _)| below(**p)).map(|(_, r)| r).sum()
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}

fn sessionpack(bin: &Path, root: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(bin);
    cmd.arg("--root").arg(root).args(args);
    cmd
}

fn speed(bin: &Path, typst: &Typst, runs: usize) {
    const SESSIONS: usize = 50;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("bench");
    generate(&root, SESSIONS);
    let letters = SESSIONS * CLAIMANTS;
    let run = |args: &[&str]| {
        let out = sessionpack(bin, &root, args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let build = time(runs, || {
        let _ = std::fs::remove_dir_all(root.join("out"));
        run(&["build"]);
    });
    let build_pages = count_pages(&root.join("out"));
    let noop = time(runs.max(5), || {
        run(&["build"]);
    });
    // One claimant row changed, back and forth: only its session is compiled again.
    let csv = root.join("content/claimants/bench-0007.csv");
    let original = std::fs::read_to_string(&csv).unwrap();
    let mut flip = false;
    let mut rebuilt = String::new();
    let one_row = time(runs, || {
        flip = !flip;
        let text = if flip {
            original.replacen("Bristol", "Bristol City", 1)
        } else {
            original.clone()
        };
        std::fs::write(&csv, text).unwrap();
        rebuilt = run(&["build"]);
    });
    let compiled = rebuilt.lines().filter(|l| l.starts_with("built ")).count();

    std::fs::write(root.join("raw.typ"), raw_bundle(&root)).unwrap();
    let raw_out = root.join("raw-out");
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .to_string();
    let raw = time(runs, || {
        let _ = std::fs::remove_dir_all(&raw_out);
        let out = typst
            .compile_command(&root, &root.join("templates/fonts"))
            .args(["--creation-timestamp", "0"])
            .args([
                "--features",
                "bundle,a11y-extras",
                "--format",
                "bundle",
                "-j",
                &threads,
            ])
            .arg("raw.typ")
            .arg(&raw_out)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    });
    let raw_pages = count_pages(&raw_out);
    std::fs::write(root.join("plain.typ"), plain_bundle(letters)).unwrap();
    let plain_out = root.join("plain-out");
    let plain = time(runs, || {
        let _ = std::fs::remove_dir_all(&plain_out);
        let out = typst
            .compile_command(&root, &root.join("templates/fonts"))
            .args(["--creation-timestamp", "0"])
            .args(["--features", "bundle", "--format", "bundle", "-j", &threads])
            .arg("plain.typ")
            .arg(&plain_out)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    });
    let plain_pages = count_pages(&plain_out);
    assert_eq!(plain_pages, 2 * letters, "plain letters are one page each");

    let per_page_build = build.as_secs_f64() / build_pages as f64;
    let per_page_raw = raw.as_secs_f64() / raw_pages as f64;
    let per_page_plain = plain.as_secs_f64() / plain_pages as f64;
    println!(
        "speed: {SESSIONS} sessions x {CLAIMANTS} claimants = {letters} letters, {} cores, median of {runs}",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "  build (clean out/):      {:7.2} s  {:7.0} letters/s  {:5} pages written  {:7.0} pages/s",
        build.as_secs_f64(),
        letters as f64 / build.as_secs_f64(),
        build_pages,
        build_pages as f64 / build.as_secs_f64()
    );
    println!(
        "  build (up to date):      {:7.3} s  (target: at most 0.2 s)",
        noop.as_secs_f64()
    );
    println!(
        "  build (one row changed): {:7.3} s  sessions compiled: {compiled} (target: 1)",
        one_row.as_secs_f64()
    );
    println!(
        "  floor, one typst bundle: {:7.2} s  {:7.0} letters/s  {:5} pages written  {:7.0} pages/s",
        raw.as_secs_f64(),
        letters as f64 / raw.as_secs_f64(),
        raw_pages,
        raw_pages as f64 / raw.as_secs_f64()
    );
    println!(
        "  floor, plain letters:     {:7.2} s  {:7.0} letters/s  {:5} pages written  {:7.0} pages/s",
        plain.as_secs_f64(),
        letters as f64 / plain.as_secs_f64(),
        plain_pages,
        plain_pages as f64 / plain.as_secs_f64()
    );
    println!(
        "  time per page, build / our letters' floor: {:.2} (target: at most 2)",
        per_page_build / per_page_raw
    );
    println!(
        "  time per page, build / plain letters' floor: {:.2} (target: at most 1.5)",
        per_page_build / per_page_plain
    );
}

fn scale(bin: &Path) {
    println!(
        "scale: time and peak memory (the tool and its typst children together; target under 300 MB)"
    );
    println!(
        "  {:>9} {:>9} | {:>14} {:>9} | {:>14} {:>9} | {:>14} {:>9}",
        "claimants",
        "sessions",
        "check --no-ty.",
        "peak MB",
        "check",
        "peak MB",
        "build",
        "peak MB"
    );
    let sizes: Vec<usize> = std::env::var("BENCH_SCALE_SESSIONS")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![50, 500, 5000]);
    for sessions in sizes {
        let dir = tempfile::tempdir().unwrap();
        let root: PathBuf = dir.path().join("bench");
        generate(&root, sessions);
        let mut row = Vec::new();
        for args in [&["check", "--no-typeset"][..], &["check"], &["build"]] {
            let (t, peak, ok, stderr) = measured(&mut sessionpack(bin, &root, args));
            assert!(ok, "{args:?}: {stderr}");
            row.push((t, peak));
        }
        println!(
            "  {:>9} {:>9} | {:>12.1} s {:>9.0} | {:>12.1} s {:>9.0} | {:>12.1} s {:>9.0}",
            sessions * CLAIMANTS,
            sessions,
            row[0].0.as_secs_f64(),
            mb(row[0].1),
            row[1].0.as_secs_f64(),
            mb(row[1].1),
            row[2].0.as_secs_f64(),
            mb(row[2].1),
        );
    }
}

/// One session of thousands of invitations: compiled in parts, its memory bounded.
fn large(bin: &Path) {
    let invites: usize = std::env::var("BENCH_LARGE_INVITES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000);
    let dir = tempfile::tempdir().unwrap();
    let root: PathBuf = dir.path().join("bench");
    generate_sized(&root, 1, invites);
    println!(
        "large session: {invites} invitations in one session (target: under 300 MB, the tool and typst together)"
    );
    for args in [&["check"][..], &["build"]] {
        let (t, peak, ok, stderr) = measured(&mut sessionpack(bin, &root, args));
        assert!(ok, "{args:?}: {stderr}");
        println!(
            "  {:<6} {:>8.1} s {:>6.0} MB peak",
            args[0],
            t.as_secs_f64(),
            mb(peak)
        );
    }
    let out = root.join("out/bench-0000");
    let parts = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.contains("-of-") && name.ends_with(".pdf")
        })
        .count();
    println!("  {parts} numbered part files, {} pages", count_pages(&out));
}

/// One session of 100,000 rows, nearly all over `max_invites` (20): the preview marks each
/// row over the limit, which must stay linear (`check --no-typeset` under 5 s on 2 cores).
fn over_the_limit(bin: &Path) {
    let rows: usize = std::env::var("BENCH_PREVIEW_ROWS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let root: PathBuf = dir.path().join("bench");
    generate_limited(&root, 1, rows, 20);
    let (t, peak, _, _) = measured(&mut sessionpack(bin, &root, &["check", "--no-typeset"]));
    println!(
        "over the limit: {rows} rows, 20 invited at most: check --no-typeset {:.1} s, {:.0} MB peak (target: under 5 s)",
        t.as_secs_f64(),
        mb(peak)
    );
}

/// A week's list for 40 sessions in one file (`claimant_files`), as offices keep it: one row
/// edited must compile that row's session only (issue 18 section 5; before it, every session
/// of the week was compiled again).
fn week_list(bin: &Path, runs: usize) {
    const SESSIONS: usize = 40;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("week");
    generate(&root, SESSIONS);
    let mut week = String::new();
    for s in 0..SESSIONS {
        let id = format!("bench-{s:04}");
        let csv = root.join(format!("content/claimants/{id}.csv"));
        for (i, line) in std::fs::read_to_string(&csv).unwrap().lines().enumerate() {
            match (i, s) {
                (0, 0) => week.push_str(&format!("session,{line}\n")),
                (0, _) => {}
                _ => week.push_str(&format!("{id},{line}\n")),
            }
        }
        std::fs::remove_file(csv).unwrap();
    }
    let list = root.join("content/claimants/week.csv");
    std::fs::write(&list, &week).unwrap();
    let settings = root.join("sessionpack.yaml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(
        &settings,
        format!("{text}\nclaimant_files:\n  - claimants/week.csv\n"),
    )
    .unwrap();
    let run = || {
        let out = sessionpack(bin, &root, &["build"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let started = Instant::now();
    run();
    let clean = started.elapsed();
    let noop = time(runs.max(5), || {
        run();
    });
    let mut flip = false;
    let mut rebuilt = String::new();
    let one_row = time(runs, || {
        flip = !flip;
        let text = if flip {
            week.replacen("Bristol", "Bristol City", 1)
        } else {
            week.clone()
        };
        std::fs::write(&list, text).unwrap();
        rebuilt = run();
    });
    let compiled = rebuilt.lines().filter(|l| l.starts_with("built ")).count();
    println!(
        "week list: {SESSIONS} sessions x {CLAIMANTS} claimants in one claimant_files list, median of {runs}"
    );
    println!("  build (clean out/):      {:7.2} s", clean.as_secs_f64());
    println!("  build (up to date):      {:7.3} s", noop.as_secs_f64());
    println!(
        "  build (one row changed): {:7.3} s  sessions compiled: {compiled} (target: 1)",
        one_row.as_secs_f64()
    );
}

fn region(bin: &Path) {
    let sessions: usize = std::env::var("BENCH_REGION_SESSIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    const SHARDS: u32 = 16;
    let only: Option<Vec<u32>> = std::env::var("BENCH_REGION_SHARDS")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect());
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("bench");
    let started = Instant::now();
    generate(&root, sessions);
    println!(
        "region: {} claimants in {sessions} sessions, {SHARDS} shards run one after another on {} cores (generated in {:.0} s)",
        sessions * CLAIMANTS,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        started.elapsed().as_secs_f64()
    );
    // The fixed cost: a shard of 100,000 that holds no session loads and checks the region all
    // the same.
    let empty = (1..)
        .map(|n: u32| n * 100_000)
        .find(|n| {
            let shard = sessionpack::plan::Shard::parse(&format!("1/{n}")).unwrap();
            (0..sessions).all(|s| !shard.contains(&format!("bench-{s:04}")))
        })
        .unwrap();
    let (fixed, peak, ok, stderr) = measured(&mut sessionpack(
        bin,
        &root,
        &["build", "--shard", &format!("1/{empty}")],
    ));
    assert!(ok, "{stderr}");
    println!(
        "  fixed cost of a shard (load and check the region, build nothing): {:.1} s, peak {:.0} MB (target: at most 5 s)",
        fixed.as_secs_f64(),
        mb(peak)
    );
    let _ = std::fs::remove_dir_all(root.join("out"));
    let mut slowest = Duration::ZERO;
    let mut total = Duration::ZERO;
    for k in 1..=SHARDS {
        if only.as_ref().is_some_and(|o| !o.contains(&k)) {
            continue;
        }
        let (t, peak, ok, stderr) = measured(&mut sessionpack(
            bin,
            &root,
            &["build", "--shard", &format!("{k}/{SHARDS}")],
        ));
        assert!(ok, "{stderr}");
        let built = stderr.lines().filter(|l| l.starts_with("built ")).count();
        println!(
            "  shard {k:>2}/{SHARDS}: {built:>4} sessions  {:6.1} s  peak {:4.0} MB",
            t.as_secs_f64(),
            mb(peak)
        );
        slowest = slowest.max(t);
        total += t;
    }
    println!(
        "  slowest shard {:.1} s (target: at most 120 s); all shards one after another {:.0} s",
        slowest.as_secs_f64(),
        total.as_secs_f64()
    );
    if only.is_none() {
        let (t, _, ok, stderr) = measured(&mut sessionpack(
            bin,
            &root,
            &["index", "--shards", &SHARDS.to_string()],
        ));
        assert!(ok, "{stderr}");
        println!("  index --shards {SHARDS}: {:.1} s", t.as_secs_f64());
    }
}

fn overview(bin: &Path) {
    const SESSIONS: usize = 5000;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("bench");
    generate(&root, 1);
    let out = sessionpack(bin, &root, &["build", "-q"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let one = root.join("out/bench-0000");
    let manifest = std::fs::read_to_string(one.join("manifest.json")).unwrap();
    for s in 1..SESSIONS {
        let id = format!("bench-{s:04}");
        let to = root.join("out").join(&id);
        std::fs::create_dir_all(&to).unwrap();
        for file in [".sessionpack-fingerprint", "preview.csv"] {
            std::fs::copy(one.join(file), to.join(file)).unwrap();
        }
        std::fs::write(
            to.join("manifest.json"),
            manifest.replace("\"bench-0000\"", &format!("\"{id}\"")),
        )
        .unwrap();
    }
    let facts: Vec<sessionpack::overview::SessionFacts> = (0..SESSIONS)
        .map(|s| sessionpack::overview::SessionFacts {
            id: format!("bench-{s:04}"),
            title: "Getting back to work in south Bristol".into(),
            starts: format!("2027-01-{:02} 10:00", 1 + s % 28),
            place: "Bristol South Jobcentre".into(),
            max_invites: 20,
            optimum: 10,
            in_wales: false,
        })
        .collect();
    let out_dir = sessionpack::out::OutDir::new(&root);
    let started = Instant::now();
    sessionpack::overview::write(&out_dir, &facts, None, None).unwrap();
    let first = started.elapsed();
    let started = Instant::now();
    sessionpack::overview::write(&out_dir, &facts, None, None).unwrap();
    let again = started.elapsed();
    let size = std::fs::metadata(root.join("out/index.html"))
        .unwrap()
        .len();
    println!(
        "overview: {SESSIONS} sessions, no thumbnails: index.html {:.2} MB (target: at most 3 MB); written in {:.2} s, again (unchanged) {:.2} s (target: at most 2 s)",
        size as f64 / 1_048_576.0,
        first.as_secs_f64(),
        again.as_secs_f64()
    );
}

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    // `SESSIONPACK_BIN` names a copy, so the tool can be rebuilt while a long run goes on.
    let bin = std::env::var_os("SESSIONPACK_BIN").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/sessionpack"),
        PathBuf::from,
    );
    assert!(
        bin.is_file(),
        "build the release binary first: scripts/setup.sh"
    );
    let typst = Typst::locate(
        std::env::var_os("SESSIONPACK_TYPST")
            .map(std::path::PathBuf::from)
            .as_deref(),
        None,
    )
    .expect("typst");
    if std::env::var_os("BENCH_PREVIEW").is_some() {
        over_the_limit(&bin);
    } else if std::env::var_os("BENCH_LARGE").is_some() {
        large(&bin);
    } else if std::env::var_os("BENCH_OVERVIEW").is_some() {
        overview(&bin);
    } else if std::env::var_os("BENCH_REGION").is_some() {
        region(&bin);
    } else if std::env::var_os("BENCH_SCALE").is_some() {
        scale(&bin);
    } else {
        speed(&bin, &typst, runs);
        week_list(&bin, runs);
    }
}
