//! Benchmark of `sessionpack allocate` (issue 21; next-capabilities 1.7.8), figures printed,
//! not asserted:
//!
//! 1. One office: 500 claimants, 25 sessions in a week, end to end through the binary (load
//!    the project and the pool, solve, write the lists, the baseline and the report with its
//!    PDF). Target: at most 0.5 s. Then the same again with the baseline, and after one
//!    claimant is removed (the moves are printed: 0 expected).
//! 2. A region (`BENCH_ALLOCATE=1`): 100,000 claimants and 5,000 sessions in 200 offices,
//!    end to end (load, solve, write 5,000 lists). Targets: at most 15 s and 300 MB on 2
//!    cores. `BENCH_ALLOCATE_OFFICES=N` sets the number of offices (500 claimants and 25
//!    sessions each). Then with the grouping stage (bookings and closures): at most 120 s.
//!
//! The office is allocated with the grouping stage too, after its three plain runs.
//!
//! Run: `cargo bench --bench allocate` (uses target/release/sessionpack, and for the report's
//! PDF the typst `scripts/setup.sh` installed). Peak memory is the child's largest resident
//! set (`getrusage`), on unix.

// Tests and benchmarks stop at the first surprise: unwrap, expect and panic are how.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const CLAIMANTS_PER_OFFICE: usize = 500;
const SESSIONS_PER_OFFICE: usize = 25;
/// The week of the sessions: Monday 11 to Friday 15 January 2027.
const WEEK: &str = "2027-W02";
const BUILD_DATE_EPOCH: &str = "1795392000"; // 2026-11-23

const FIRST: [&str; 10] = [
    "Jason", "Kelly", "Janet", "Liam", "Sophie", "Gary", "Donna", "Ryan", "Anita", "Chris",
];
const LAST: [&str; 10] = [
    "Hill", "Price", "Cole", "Ford", "Walsh", "Pearce", "Baker", "Kerr", "Patel", "Doyle",
];

/// A small deterministic random source (xorshift64*).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

/// A project of `offices` offices, each with 25 sessions over the week (five a day) and 500
/// claimants in one pool: reviews spread over the week and the day, with childcare, Welsh,
/// interpreters and access needs in the proportions of the study (1.4).
fn generate(root: &Path, offices: usize) {
    let options = sessionpack::init::Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        ci: Vec::new(),
        shards: None,
    };
    sessionpack::init::write_project(root, &options).expect("init");
    for dir in ["content/sessions", "content/claimants", "content/offices"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            std::fs::remove_file(e.unwrap().path()).unwrap();
        }
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let office = std::fs::read_to_string(repo.join("content/offices/bristol-south.yaml")).unwrap();
    let session =
        std::fs::read_to_string(repo.join("content/sessions/bristol-2026-12-02.yaml")).unwrap();
    let mut rng = Rng(0xa110_ca7e);
    let mut pool = String::from(
        "ref,first_name,last_name,address_line_1,address_line_2,postcode,office,jobsearch_review,signing_time,childcare,language,interpreter,access_needs,objects_to_group\n",
    );
    let times = ["09:30", "10:30", "11:30", "13:30", "14:30"];
    for o in 0..offices {
        let id = format!("office-{o:03}");
        let hearing_loop = o % 4 != 0;
        let text = office.replace(
            "hearing_loop: false",
            &format!("hearing_loop: {hearing_loop}"),
        );
        std::fs::write(root.join(format!("content/offices/{id}.yaml")), text).unwrap();
        for s in 0..SESSIONS_PER_OFFICE {
            let day = 11 + s / 5;
            let text = session
                .replace("office: bristol-south", &format!("office: {id}"))
                .replace(
                    "starts: 2026-12-02T13:30",
                    &format!("starts: 2027-01-{day}T{}", times[s % 5]),
                );
            std::fs::write(
                root.join(format!("content/sessions/{id}-{s:02}.yaml")),
                text,
            )
            .unwrap();
        }
        for c in 0..CLAIMANTS_PER_OFFICE {
            let n = o * CLAIMANTS_PER_OFFICE + c;
            let review = match rng.below(10) {
                0 => String::new(), // postal
                _ => format!("2027-01-{}", 11 + rng.below(5)),
            };
            let time = if review.is_empty() {
                String::new()
            } else {
                format!("{:02}:{:02}", 9 + rng.below(7), 20 * rng.below(3))
            };
            let yes = |rng: &mut Rng, per: u64| if rng.below(per) == 0 { "yes" } else { "no" };
            let childcare = yes(&mut rng, 8);
            let language = if rng.below(20) == 0 { "cy" } else { "en" };
            let interpreter = [
                "", "", "", "", "", "", "", "", "", "", "", "", "", "", "pl", "ar",
            ][rng.below(16) as usize];
            let access = [
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "step-free",
                "hearing-loop",
            ][rng.below(11) as usize];
            let objects = yes(&mut rng, 100);
            writeln!(
                pool,
                "R{n:06},{},{},{} Wells Road,Bristol,BS4 2AG,{id},{review},{time},{childcare},{language},{interpreter},{access},{objects}",
                FIRST[n % 10],
                LAST[(n / 10) % 10],
                1 + n % 200,
            )
            .unwrap();
        }
    }
    std::fs::create_dir_all(root.join("content/pools")).unwrap();
    std::fs::write(root.join("content/pools/week.csv"), pool).unwrap();
}

/// Run `allocate` to the end: (time, the child's peak resident memory in bytes, stderr).
fn allocate(bin: &Path, root: &Path, extra: &[&str]) -> (Duration, u64, String) {
    let started = Instant::now();
    let output = Command::new(bin)
        .arg("--root")
        .arg(root)
        .args(["allocate", "--week", WEEK, "--pool"])
        .arg(root.join("content/pools/week.csv"))
        .args(extra)
        .env("SOURCE_DATE_EPOCH", BUILD_DATE_EPOCH)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "allocate failed:\n{stderr}");
    (took, peak_child_memory(), stderr)
}

/// The largest resident set of any child waited for so far (the allocations here run one at
/// a time, each larger or equal to the last of its kind).
fn peak_child_memory() -> u64 {
    #[cfg(unix)]
    {
        let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
        // SAFETY: getrusage writes the struct it is given, which is zeroed and ours.
        let ok = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) } == 0;
        if ok {
            // SAFETY: filled by getrusage above.
            let usage = unsafe { usage.assume_init() };
            return u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024;
        }
    }
    0
}

/// The summary lines that say what happened.
fn said(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|l| l.starts_with("allocated:"))
        .map(|l| l.trim_start_matches("allocated: "))
        .collect::<Vec<_>>()
        .join("; ")
}

fn bin() -> PathBuf {
    std::env::var_os("SESSIONPACK_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/sessionpack"))
}

fn office(bin: &Path) {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 1);
    let (took, peak, stderr) = allocate(bin, dir.path(), &[]);
    println!(
        "one office, {CLAIMANTS_PER_OFFICE} claimants, {SESSIONS_PER_OFFICE} sessions, end to end with report.pdf: {:.2} s (target 0.5 s), peak {:.0} MB\n  {}",
        took.as_secs_f64(),
        peak as f64 / 1_048_576.0,
        said(&stderr)
    );
    let (took, _, stderr) = allocate(bin, dir.path(), &[]);
    println!(
        "  again, with its baseline: {:.2} s\n  {}",
        took.as_secs_f64(),
        said(&stderr)
    );
    // One claimant removed: nobody moves (1.7.6).
    let pool = dir.path().join("content/pools/week.csv");
    let text = std::fs::read_to_string(&pool).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .enumerate()
        .filter(|(i, _)| *i != 7)
        .map(|(_, l)| l)
        .collect();
    std::fs::write(&pool, kept.join("\n") + "\n").unwrap();
    let (took, _, stderr) = allocate(bin, dir.path(), &[]);
    println!(
        "  one claimant removed: {:.2} s\n  {}",
        took.as_secs_f64(),
        said(&stderr)
    );
    // The grouping stage: bookings at 150 points and sessions closed below their target.
    group(dir.path());
    let (took, _, stderr) = allocate(bin, dir.path(), &["--no-baseline"]);
    println!(
        "  with the grouping stage (bookings and closures): {:.2} s\n  {}",
        took.as_secs_f64(),
        said(&stderr)
    );
}

/// Turn on the grouping stage: interpreter bookings at 150 points, closing below target.
fn group(root: &Path) {
    let config = root.join("sessionpack.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("{text}\nallocate:\n  interpreter_booking: 150\n  close_below_target: true\n"),
    )
    .unwrap();
}

fn region(bin: &Path) {
    let offices: usize = std::env::var("BENCH_ALLOCATE_OFFICES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    generate(dir.path(), offices);
    // `BENCH_ALLOCATE_KEEP=DIR`: a copy of the region to profile by hand.
    if let Some(keep) = std::env::var_os("BENCH_ALLOCATE_KEEP") {
        let status = Command::new("cp")
            .arg("-r")
            .arg(dir.path())
            .arg(&keep)
            .status();
        println!("  copied to {} ({status:?})", Path::new(&keep).display());
    }
    println!(
        "region: {} claimants, {} sessions, {offices} offices (generated in {:.1} s)",
        offices * CLAIMANTS_PER_OFFICE,
        offices * SESSIONS_PER_OFFICE,
        started.elapsed().as_secs_f64()
    );
    for jobs in ["2", "1"] {
        let _ = std::fs::remove_dir_all(dir.path().join("content/allocations"));
        let (took, peak, stderr) =
            allocate(bin, dir.path(), &["--no-baseline", "--force", "-j", jobs]);
        println!(
            "  -j {jobs}: load, solve, write every list: {:.2} s (target 15 s), peak {:.0} MB (target 300 MB)\n  {}",
            took.as_secs_f64(),
            peak as f64 / 1_048_576.0,
            said(&stderr)
        );
    }
    // Again with the last run's baseline, its lists in place: one claimant removed.
    let pool = dir.path().join("content/pools/week.csv");
    let text = std::fs::read_to_string(&pool).unwrap();
    let kept: Vec<&str> = (text.lines().enumerate())
        .filter(|(i, _)| *i != 7)
        .map(|(_, l)| l)
        .collect();
    std::fs::write(&pool, kept.join("\n") + "\n").unwrap();
    let (took, peak, stderr) = allocate(bin, dir.path(), &["-j", "2"]);
    println!(
        "  one claimant removed, with the baseline: {:.2} s (target 15 s), peak so far {:.0} MB\n  {}",
        took.as_secs_f64(),
        peak as f64 / 1_048_576.0,
        said(&stderr)
    );
    group(dir.path());
    let _ = std::fs::remove_dir_all(dir.path().join("content/allocations"));
    let (took, peak, stderr) = allocate(bin, dir.path(), &["--no-baseline", "--force"]);
    println!(
        "  with the grouping stage (bookings and closures), -j 2: {:.2} s (target 120 s), peak {:.0} MB\n  {}",
        took.as_secs_f64(),
        peak as f64 / 1_048_576.0,
        said(&stderr)
    );
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is read.
    let bin = bin();
    assert!(
        bin.exists(),
        "build the binary first: cargo build --release"
    );
    office(&bin);
    if std::env::var_os("BENCH_ALLOCATE").is_some() {
        region(&bin);
    }
}
