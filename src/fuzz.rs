//! Fuzzing every loader (tests only): the example project's files, mutated at random, fed to
//! each loader in turn; any panic is a failure that prints the input that caused it. One more
//! target is not a loader: the allocation's flow, on small problems made of the bytes, against
//! every assignment enumerated. It runs
//! for a bounded time in `cargo test` (1.5 seconds a loader); set `SESSIONPACK_FUZZ_SECONDS`
//! to run longer by hand, and `SESSIONPACK_FUZZ_SEED` to repeat a run. cargo-fuzz needs a
//! nightly toolchain, which these machines cannot fetch; this is a mutation fuzzer without
//! coverage feedback, seeded with real files. `SESSIONPACK_FUZZ_SAVE=1` writes each input to
//! `target/fuzz-current-NAME.bin` before it runs, to find what a crash no guard catches (a
//! stack overflow) was running on; a hang's input is written by the watchdog.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

/// A small, deterministic random source (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Pieces that mean something to YAML, CSV, Fluent or a zip.
const TOKENS: &[&[u8]] = &[
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b": ",
    b"\n",
    b"\r\n",
    b"\"",
    b"'",
    b",",
    b"\t",
    b"&a ",
    b"*a",
    b"!tag ",
    b"\xEF\xBB\xBF",
    b"\xF0\x9F\x98\x80",
    b"{ $",
    b" ->",
    b"*[other]",
    b"=",
    b"#",
    b"\x00",
    b"\xFF\xFE",
    b"PK\x03\x04",
    b"4294967295",
    b"-1",
    b"+262142-12-31T23:30",
    b"1969-12-31",
    b"9999-99-99",
    b"\\",
    b"../",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..=rng.below(8) {
        let at = rng.below(data.len() + 1);
        match rng.below(7) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 => data.insert(at, rng.next() as u8),
            2 if at < data.len() => {
                let end = (at + rng.below(64)).min(data.len());
                data.drain(at..end);
            }
            3 if at < data.len() => {
                let end = (at + rng.below(64)).min(data.len());
                let chunk = data[at..end].to_vec();
                for _ in 0..rng.below(50) {
                    data.splice(at..at, chunk.iter().copied());
                }
            }
            4 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
            5 => data.truncate(at),
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())];
                for _ in 0..rng.below(200) {
                    data.splice(at..at, token.iter().copied());
                }
            }
        }
    }
    data
}

/// How long one execution may take before the input is called a hang.
const HANG: Duration = Duration::from_secs(20);

/// Watches one fuzz run: when an execution takes longer than [`HANG`], the input is written
/// to `target/fuzz-hang-NAME.bin` and the process stops, naming it.
struct Watchdog {
    current: std::sync::Arc<std::sync::Mutex<(Instant, Vec<u8>)>>,
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Watchdog {
    fn start(name: &str) -> Watchdog {
        use std::sync::atomic::Ordering;
        let current = std::sync::Arc::new(std::sync::Mutex::new((Instant::now(), Vec::new())));
        let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (c, d, name) = (current.clone(), done.clone(), name.to_string());
        std::thread::spawn(move || {
            while !d.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                let Ok(guard) = c.lock() else { return };
                if guard.0.elapsed() > HANG {
                    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                        .join(format!("target/fuzz-hang-{name}.bin"));
                    let _ = std::fs::write(&path, &guard.1);
                    eprintln!(
                        "fuzz {name}: an input ran over {HANG:?}: {}",
                        path.display()
                    );
                    std::process::abort();
                }
            }
        });
        Watchdog { current, done }
    }

    fn next(&self, input: &[u8]) {
        if let Ok(mut guard) = self.current.lock() {
            *guard = (Instant::now(), input.to_vec());
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.done.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Run `target` on mutations of `seeds` for the time allowed; panic naming the input that
/// made it panic, stop naming the input that hung. Returns the number of executions.
fn fuzz(name: &str, seeds: &[Vec<u8>], target: impl Fn(&[u8])) -> usize {
    let seconds: f64 = std::env::var("SESSIONPACK_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.5);
    let seed: u64 = std::env::var("SESSIONPACK_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5E55_10A9);
    let mut rng = Rng(seed ^ name.len() as u64 ^ 0x9E37_79B9_7F4A_7C15);
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let watchdog = Watchdog::start(name);
    let save = std::env::var_os("SESSIONPACK_FUZZ_SAVE").is_some();
    let current = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("target/fuzz-current-{name}.bin"));
    let mut runs = 0;
    while Instant::now() < deadline {
        let pick = rng.below(seeds.len());
        let input = mutate(&mut rng, &seeds[pick]);
        watchdog.next(&input);
        if save {
            // What a crash that no guard can catch (a stack overflow) was running on.
            let _ = std::fs::write(&current, &input);
        }
        if catch_unwind(AssertUnwindSafe(|| target(&input))).is_err() {
            panic!(
                "fuzz {name}: the loader panicked on this input:\n{}",
                String::from_utf8_lossy(&input)
            );
        }
        runs += 1;
    }
    eprintln!("fuzz {name}: {runs} executions, no crash");
    runs
}

fn repo_file(path: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn files_under(dir: &str) -> Vec<Vec<u8>> {
    walkdir::WalkDir::new(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn fuzz_session_files() {
    use crate::model::session::{Session, SessionFile};
    let runs = fuzz("session", &files_under("content/sessions"), |b| {
        let t = text(b);
        if crate::model::yaml::check_nesting(&t).is_ok()
            && let Ok(l) = crate::model::yaml::parse::<SessionFile>("s.yaml", &t)
            && let Ok(s) = Session::from_file("s", l)
        {
            let _ = (s.ends(), s.date());
        }
    });
    assert!(runs > 0);
}

#[test]
fn fuzz_office_files() {
    use crate::model::office::OfficeFile;
    fuzz("office", &files_under("content/offices"), |b| {
        let t = text(b);
        if crate::model::yaml::check_nesting(&t).is_ok() {
            let _ = crate::model::yaml::parse::<OfficeFile>("o.yaml", &t);
        }
    });
}

#[test]
fn fuzz_settings() {
    fuzz("settings", &[repo_file("sessionpack.yaml")], |b| {
        let t = text(b);
        if crate::model::yaml::check_nesting(&t).is_ok() {
            let _ = crate::config::parse(&t);
        }
    });
}

fn claimant_list(file: &str, bytes: &[u8]) {
    use crate::model::table::{TableSource, read};
    let source = TableSource {
        file: file.into(),
        sheet: None,
    };
    if let (Some(table), _) = read(&source, bytes) {
        let _ = crate::model::claimant::parse(&table, &Default::default(), "s");
    }
}

#[test]
fn fuzz_csv_claimant_lists() {
    fuzz("csv", &files_under("content/claimants"), |b| {
        claimant_list("c.csv", b)
    });
}

#[test]
fn fuzz_workbook_claimant_lists() {
    let rows = text(&repo_file("content/claimants/bristol-2026-12-02.csv"));
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (r, line) in rows.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            ws.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    // A formula, and a cell far from the list: what hostile workbooks are made of.
    ws.write_formula(1, 16, "=1=1").unwrap();
    ws.write_string(60_000, 300, "far").unwrap();
    let xlsx = book.save_to_buffer().unwrap();
    let ods = repo_file("tests/fixtures/bristol-2026-12-02.ods");
    quiet_reader_panics();
    fuzz("xlsx", &[xlsx], |b| claimant_list("c.xlsx", b));
    fuzz("ods", &[ods], |b| claimant_list("c.ods", b));
}

/// Panics inside the workbook readers are caught by the guard and reported as a damaged file:
/// not printed, so a long run's output stays readable. Any other panic is printed as usual.
fn quiet_reader_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_reader = info.location().is_some_and(|l| {
                ["calamine", "/cfb-", "/zip-", "/quick-xml"]
                    .iter()
                    .any(|c| l.file().contains(c))
            });
            if !in_reader {
                previous(info);
            }
        }));
    });
}

#[test]
fn fuzz_xls_claimant_lists() {
    // No Rust library writes .xls: the fixture is made once by tests/fixtures/make_xls.py.
    let xls = repo_file("tests/fixtures/bristol-2026-12-02.xls");
    quiet_reader_panics();
    // Through the guard: calamine panics on some damaged files, which the guard turns into
    // a "damaged" error; what must never happen is a crash, a hang or memory without bound.
    let runs = fuzz("xls", &[xls], |b| claimant_list("c.xls", b));
    assert!(runs > 0);
}

#[test]
fn fuzz_strings_files() {
    let en = repo_file("templates/strings/en.ftl");
    let cy = repo_file("templates/strings/cy.ftl");
    fuzz("strings", &[en.clone(), cy.clone()], |b| {
        let (strings, _) =
            crate::l10n::strings::Strings::load("en.ftl", &text(b), "cy.ftl", &text(&cy));
        for lang in [crate::l10n::Lang::En, crate::l10n::Lang::Cy] {
            let _ = strings.resolve_all(lang, &[]);
        }
    });
}

/// The allocation's flow against every assignment of a small problem made of the input's
/// bytes (next-capabilities 1.7.7, 2): the least cost, and the one assignment with it.
#[test]
fn fuzz_allocation_flow() {
    use crate::allocate::solve::tests::{agrees_with_enumeration, from_bytes};
    let seeds = vec![
        (0u8..64).collect::<Vec<u8>>(),
        vec![7; 40],
        b"sessionpack allocate: a week's claimants".to_vec(),
    ];
    fuzz("allocation", &seeds, |bytes| {
        agrees_with_enumeration(&from_bytes(bytes));
    });
}
