//! Speed benchmark (issue 2): `sessionpack build` of a generated 50-session x 20-claimant
//! project (1,000 letters), against one raw `typst compile` of the same 1,000 letters in one
//! document, measured in the same run. Prints letters/s and pages/s for both, and the ratio
//! of time per page written (target: build at most 2.5x raw).
//!
//! Run: `cargo bench --bench build` (uses target/release/sessionpack and the typst that
//! `scripts/setup.sh` installed). `BENCH_RUNS=N` sets the repetitions (median is reported).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use sessionpack::{pipeline, typst::Typst};

const SESSIONS: usize = 50;
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

fn generate(root: &Path) {
    sessionpack::init::write_project(root).expect("init");
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
    for s in 0..SESSIONS {
        let id = format!("bench-{s:02}");
        let day = 1 + (s % 28);
        let yaml = template.replace(
            "starts: 2026-12-02T13:30",
            &format!("starts: 2027-01-{day:02}T10:00"),
        );
        std::fs::write(root.join(format!("content/sessions/{id}.yaml")), yaml).unwrap();
        let mut csv = String::from(header);
        for c in 0..CLAIMANTS {
            let n = s * CLAIMANTS + c;
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

/// One Typst document with every letter of the project, compiled by a single typst process:
/// the floor for a pipeline that drives the typst CLI.
fn raw_document(root: &Path) -> String {
    let (diags, rendered) =
        pipeline::render(root, &pipeline::CheckOptions::default()).expect("load");
    assert!(!diags.has_errors(), "generated project has errors");
    let mut source = String::from(
        "#import \"/templates/layout.typ\": *\n#set document(title: \"raw\")\n#show: document-style.with(lang: \"en\")\n",
    );
    for (s, session) in rendered.iter().enumerate() {
        // Keep the letter definitions, renamed per session; drop the per-file documents.
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
            source.push_str(&format!("#s{s}-letter-{i}(\"raw{s}\")\n"));
        }
    }
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

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/sessionpack");
    assert!(
        bin.is_file(),
        "build the release binary first: scripts/setup.sh"
    );
    let typst = Typst::locate(
        std::env::var_os("SESSIONPACK_TYPST")
            .map(std::path::PathBuf::from)
            .as_deref(),
        sessionpack::typst::DEFAULT_TIMEOUT,
    )
    .expect("typst");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("bench");
    generate(&root);
    let letters = SESSIONS * CLAIMANTS;

    let build_project = || {
        let out = Command::new(&bin)
            .arg("--root")
            .arg(&root)
            .arg("build")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let build = time(runs, || {
        let _ = std::fs::remove_dir_all(root.join("out"));
        build_project();
    });
    let build_pages = count_pages(&root.join("out"));
    let rebuild = time(runs, build_project);

    std::fs::write(root.join("raw.typ"), raw_document(&root)).unwrap();
    let raw = time(runs, || {
        let out = typst
            .compile_command(&root)
            .args(["--creation-timestamp", "0", "raw.typ", "raw.pdf"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    });
    let raw_pages = lopdf::Document::load(root.join("raw.pdf"))
        .unwrap()
        .get_pages()
        .len();

    let per_page_build = build.as_secs_f64() / build_pages as f64;
    let per_page_raw = raw.as_secs_f64() / raw_pages as f64;
    println!(
        "sessionpack build benchmark: {SESSIONS} sessions x {CLAIMANTS} claimants = {letters} letters, {} cores, median of {runs}",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "  build (clean out/):  {:7.2} s  {:7.0} letters/s  {:5} pages written  {:7.0} pages/s",
        build.as_secs_f64(),
        letters as f64 / build.as_secs_f64(),
        build_pages,
        build_pages as f64 / build.as_secs_f64()
    );
    println!("  build (up to date):  {:7.2} s", rebuild.as_secs_f64());
    println!(
        "  raw typst compile:   {:7.2} s  {:7.0} letters/s  {:5} pages written  {:7.0} pages/s",
        raw.as_secs_f64(),
        letters as f64 / raw.as_secs_f64(),
        raw_pages,
        raw_pages as f64 / raw.as_secs_f64()
    );
    println!(
        "  time per page, build / raw: {:.2} (target: at most 2.5)",
        per_page_build / per_page_raw
    );
    println!(
        "  time per letter, build / raw: {:.2} (build also writes the print batch, facilitator pack, preview and zips)",
        build.as_secs_f64() / raw.as_secs_f64()
    );
}
