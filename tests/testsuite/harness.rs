//! Test harness: copies of the example project (or variations of it) in a temporary folder,
//! the real `sessionpack` binary, the real typst, and the text inside the PDFs it writes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use walkdir::WalkDir;

pub struct TestProject {
    /// Removed when the project is dropped; `None` for a shared build, which lives for the
    /// whole run in a fixed folder that the next run replaces.
    _dir: Option<tempfile::TempDir>,
    pub root: PathBuf,
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The whole example project, built once for every test that only reads its output.
pub fn example_built() -> &'static TestProject {
    static BUILT: OnceLock<TestProject> = OnceLock::new();
    BUILT.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("shared-example-built");
        let _ = std::fs::remove_dir_all(&root);
        let p = TestProject::copy_of_example(None, root);
        p.run(&["build"]).ok();
        p
    })
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`, relative to it, sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| sessionpack::fs::rel_path(dir, e.path()))
        .collect();
    files.sort();
    files
}

impl TestProject {
    /// The files of the repository's own project (settings, content, templates), with their
    /// bytes: what `init` must write.
    pub fn repo_project_files() -> Vec<(String, Vec<u8>)> {
        let repo = repo();
        let mut out = vec![(
            "sessionpack.yaml".to_string(),
            std::fs::read(repo.join("sessionpack.yaml")).unwrap(),
        )];
        for dir in ["content", "templates"] {
            for f in files_under(&repo.join(dir)) {
                let bytes = std::fs::read(repo.join(dir).join(&f)).unwrap();
                out.push((format!("{dir}/{f}"), bytes));
            }
        }
        out.sort();
        out
    }

    /// A copy of the repository's example project.
    pub fn example() -> TestProject {
        let dir = tempfile::Builder::new()
            .prefix("sessionpack-test-")
            .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
            .unwrap();
        let root = dir.path().to_path_buf();
        Self::copy_of_example(Some(dir), root)
    }

    fn copy_of_example(dir: Option<tempfile::TempDir>, root: PathBuf) -> TestProject {
        std::fs::create_dir_all(&root).unwrap();
        // The settings a new project has (`rules: {}`): the repository's own let it keep its
        // invented lists in git, which a copy here is not in.
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let (_, settings) = sessionpack::init::files(today)
            .into_iter()
            .find(|(path, _)| path == "sessionpack.yaml")
            .unwrap();
        std::fs::write(root.join("sessionpack.yaml"), settings).unwrap();
        copy_dir(&repo().join("content"), &root.join("content"));
        copy_dir(&repo().join("templates"), &root.join("templates"));
        TestProject { _dir: dir, root }
    }

    /// The example project with only the given sessions kept (and their claimant lists).
    pub fn only(sessions: &[&str]) -> TestProject {
        let p = Self::example();
        for entry in std::fs::read_dir(p.root.join("content/sessions")).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_string_lossy().to_string();
            if !sessions.contains(&stem.as_str()) {
                std::fs::remove_file(&path).unwrap();
                let _ = std::fs::remove_file(p.root.join(format!("content/claimants/{stem}.csv")));
            }
        }
        p
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn read_bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Replace `from` with `to` in a project file; the text must be there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Append claimant rows to a session's list (same columns as the example lists).
    pub fn add_rows(&self, session: &str, rows: &str) {
        let rel = format!("content/claimants/{session}.csv");
        let mut text = self.read(&rel);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(rows);
        self.write(&rel, &text);
    }

    /// The binary on this project, to add environment to before `run_command`.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = sessionpack();
        cmd.arg("--root").arg(&self.root).args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_command(&mut self.command(args))
    }

    /// The cells of a CSV file of the project, a row each (header first), split at commas.
    pub fn csv_rows(&self, rel: &str) -> Vec<Vec<String>> {
        self.read(rel)
            .lines()
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect()
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// Every file under `rel`, relative to it, sorted (none when `rel` does not exist).
    pub fn files(&self, rel: &str) -> Vec<String> {
        files_under(&self.path(rel))
    }

    pub fn pdf_text(&self, rel: &str) -> String {
        pdf_text(&self.path(rel))
    }

    pub fn pdf_pages(&self, rel: &str) -> Vec<String> {
        pdf_pages(&self.path(rel))
    }

    /// Line number (1-based) of the first line of `rel` containing `text`.
    pub fn line_of(&self, rel: &str, text: &str) -> usize {
        self.read(rel)
            .lines()
            .position(|l| l.contains(text))
            .unwrap_or_else(|| panic!("{text} not in {rel}"))
            + 1
    }

    /// The names of the entries of the zip `rel`, in its order.
    pub fn zip_names(&self, rel: &str) -> Vec<String> {
        let bytes = std::fs::read(self.path(rel)).unwrap();
        zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .unwrap()
            .file_names()
            .map(str::to_string)
            .collect()
    }
}

/// The build date of every test run: the example project's letters are dated this day, so
/// its sessions are in the future whenever the tests run.
pub const BUILD_DATE_EPOCH: &str = "1795392000"; // 2026-11-23 00:00 UTC

/// The binary, with an environment that cannot change its output.
pub fn sessionpack() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sessionpack"));
    cmd.env("SOURCE_DATE_EPOCH", BUILD_DATE_EPOCH)
        .env("NO_COLOR", "1");
    cmd
}

/// Whatever the input, the tool never panics.
pub fn no_panic(stderr: &str) {
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
}

pub fn run_command(cmd: &mut Command) -> Run {
    Run::from(cmd.output().unwrap())
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    pub fn ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Exit 1: problems in the project's input.
    pub fn fails(&self) -> &Self {
        self.exits(1)
    }

    pub fn exits(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Every object `--format json` printed, one a line of stdout.
    fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }

    /// The diagnostics of `--format json`.
    pub fn json(&self) -> Vec<serde_json::Value> {
        self.json_lines()
            .into_iter()
            .filter(|o| o.get("summary").is_none())
            .collect()
    }

    /// The summary object `--format json` ends with.
    pub fn summary(&self) -> serde_json::Value {
        let lines = self.json_lines();
        let last = lines
            .last()
            .unwrap_or_else(|| panic!("no JSON output:\n{}", self.stderr));
        last.get("summary")
            .unwrap_or_else(|| panic!("the last line is not the summary: {last}"))
            .clone()
    }

    /// The stderr contains `text`.
    pub fn says(&self, text: &str) -> &Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            self.stderr
        );
        self
    }

    /// What it printed to stdout (`--explain`, `--format json`) contains `text`.
    pub fn prints(&self, text: &str) -> &Self {
        assert!(
            self.stdout.contains(text),
            "stdout lacks {text:?}:\n{}",
            self.stdout
        );
        self
    }
}

/// Write `script` to `path` as an executable shell script (a fake typst).
pub fn executable(path: &Path, script: &str) {
    std::fs::write(path, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// PDF text with whitespace runs collapsed to one space, so assertions do not depend on where
/// lines break.
pub fn pdf_text(path: &Path) -> String {
    let text =
        pdf_extract::extract_text(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    squash(&text)
}

pub fn pdf_pages(path: &Path) -> Vec<String> {
    pdf_extract::extract_text_by_pages(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .iter()
        .map(|p| squash(p))
        .collect()
}

pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The PDF's document catalog language, e.g. `cy`.
pub fn pdf_lang(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let at = text.find("/Type/Catalog")?;
    let rest = &text[at..];
    let start = rest.find("/Lang(")? + 6;
    let end = rest[start..].find(')')?;
    Some(rest[start..start + end].to_string())
}

/// Font sizes (pt) used for text on each page, from the `Tf` operators of the content streams.
pub fn pdf_font_sizes(path: &Path) -> Vec<Vec<f32>> {
    let doc = lopdf::Document::load(path).unwrap();
    doc.get_pages()
        .values()
        .map(|page| {
            let content = doc.get_and_decode_page_content(*page).unwrap();
            content
                .operations
                .iter()
                .filter(|op| op.operator == "Tf")
                .filter_map(|op| op.operands.get(1).and_then(|o| o.as_float().ok()))
                .collect()
        })
        .collect()
}

/// The PDF's title from its XMP metadata, and whether it declares PDF/UA-1.
pub fn pdf_title_and_ua(path: &Path) -> (Option<String>, bool) {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let title = text.find("<dc:title>").and_then(|at| {
        let rest = &text[at..];
        let start = rest.find("x-default\">")? + "x-default\">".len();
        let end = rest[start..].find("</rdf:li>")?;
        Some(rest[start..start + end].replace("&amp;", "&"))
    });
    (title, text.contains("<pdfuaid:part>1</pdfuaid:part>"))
}

/// One run of text on a page, where typst placed it: its baseline's start in millimetres from
/// the sheet's left and top edges, its size in points, and its font's PostScript name.
#[derive(Debug, Clone)]
pub struct TextRun {
    pub x_mm: f32,
    pub y_mm: f32,
    pub size: f32,
    pub font: String,
}

const PT_TO_MM: f32 = 25.4 / 72.0;

/// The text runs of every page, from the content streams (the current transformation matrix
/// at each `Tf`, with its font), and each page's height in millimetres.
pub fn pdf_runs(path: &Path) -> Vec<(f32, Vec<TextRun>)> {
    let doc = lopdf::Document::load(path).unwrap();
    doc.get_pages()
        .values()
        .map(|&page| {
            let height = doc
                .get_dictionary(page)
                .unwrap()
                .get(b"MediaBox")
                .unwrap()
                .as_array()
                .unwrap()[3]
                .as_float()
                .unwrap();
            let fonts: std::collections::BTreeMap<Vec<u8>, String> = doc
                .get_page_fonts(page)
                .unwrap()
                .into_iter()
                .map(|(name, font)| {
                    let base = font
                        .get(b"BaseFont")
                        .ok()
                        .and_then(|b| b.as_name().ok())
                        .map(|b| String::from_utf8_lossy(b).to_string())
                        .unwrap_or_default();
                    (name, base)
                })
                .collect();
            let content = doc.get_and_decode_page_content(page).unwrap();
            let mut stack: Vec<[f32; 6]> = Vec::new();
            let mut ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
            let mut runs = Vec::new();
            for op in &content.operations {
                match op.operator.as_str() {
                    "q" => stack.push(ctm),
                    "Q" => ctm = stack.pop().unwrap_or(ctm),
                    "cm" => {
                        let m: Vec<f32> =
                            op.operands.iter().map(|o| o.as_float().unwrap()).collect();
                        ctm = [
                            m[0] * ctm[0] + m[1] * ctm[2],
                            m[0] * ctm[1] + m[1] * ctm[3],
                            m[2] * ctm[0] + m[3] * ctm[2],
                            m[2] * ctm[1] + m[3] * ctm[3],
                            m[4] * ctm[0] + m[5] * ctm[2] + ctm[4],
                            m[4] * ctm[1] + m[5] * ctm[3] + ctm[5],
                        ];
                    }
                    "Tf" => {
                        let name = op.operands[0].as_name().unwrap().to_vec();
                        runs.push(TextRun {
                            x_mm: ctm[4] * PT_TO_MM,
                            y_mm: (height - ctm[5]) * PT_TO_MM,
                            size: op.operands[1].as_float().unwrap(),
                            font: fonts.get(&name).cloned().unwrap_or_default(),
                        });
                    }
                    _ => {}
                }
            }
            (height * PT_TO_MM, runs)
        })
        .collect()
}

/// The titles of a PDF's bookmarks (its outline), in order, depth first.
pub fn pdf_bookmarks(path: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(path).unwrap();
    let catalog = doc.catalog().unwrap();
    let Ok(outlines) = catalog.get(b"Outlines").and_then(|o| o.as_reference()) else {
        return Vec::new();
    };
    let mut titles = Vec::new();
    let mut todo: Vec<lopdf::ObjectId> = doc
        .get_dictionary(outlines)
        .unwrap()
        .get(b"First")
        .and_then(|f| f.as_reference())
        .into_iter()
        .collect();
    while let Some(id) = todo.pop() {
        let item = doc.get_dictionary(id).unwrap();
        if let Ok(next) = item.get(b"Next").and_then(|n| n.as_reference()) {
            todo.push(next);
        }
        if let Ok(first) = item.get(b"First").and_then(|n| n.as_reference()) {
            todo.push(first);
        }
        let title = item.get(b"Title").unwrap().as_str().unwrap();
        titles.push(decode_pdf_text(title));
    }
    titles
}

/// A PDF text string: UTF-16BE with a byte-order mark, or PDFDocEncoding (ASCII here).
fn decode_pdf_text(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).to_string()
    }
}

/// Every structure element's role (`H1`, `TH`, `Table`…) and, for a table header cell, its
/// scope (`Row`, `Column`), from the PDF's structure tree.
pub fn pdf_structure(path: &Path) -> Vec<(String, Option<String>)> {
    let doc = lopdf::Document::load(path).unwrap();
    let name = |o: &lopdf::Object| {
        o.as_name()
            .ok()
            .map(|n| String::from_utf8_lossy(n).to_string())
    };
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").ok().and_then(name).as_deref() == Some("StructElem"))
        .map(|d| {
            let role = d.get(b"S").ok().and_then(name).unwrap_or_default();
            let attrs = match d.get(b"A") {
                Ok(lopdf::Object::Reference(id)) => doc.get_object(*id).ok().cloned(),
                Ok(other) => Some(other.clone()),
                Err(_) => None,
            };
            let scope = attrs.and_then(|a| {
                let dicts: Vec<lopdf::Dictionary> = match a {
                    lopdf::Object::Dictionary(d) => vec![d],
                    lopdf::Object::Array(items) => items
                        .iter()
                        .filter_map(|i| match i {
                            lopdf::Object::Dictionary(d) => Some(d.clone()),
                            lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok().cloned(),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                dicts
                    .iter()
                    .find_map(|d| d.get(b"Scope").ok().and_then(name))
            });
            (role, scope)
        })
        .collect()
}

/// The raw text of a PDF as pdf-extract gives it, line breaks kept, no-break spaces made
/// plain spaces: for checking where lines break.
pub fn pdf_raw_text(path: &Path) -> String {
    pdf_extract::extract_text(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .replace('\u{a0}', " ")
}

/// A layout fact from `templates/layout.typ` (`#let letter-body = 12.5pt`): its number, in
/// the unit the file gives it (pt or mm). The tests check the PDFs against these.
pub fn layout(name: &str) -> f32 {
    let text = std::fs::read_to_string(repo().join("templates/layout.typ")).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("#let {name} = ")))
        .unwrap_or_else(|| panic!("no `#let {name}` in templates/layout.typ"));
    let value = line.split(" = ").nth(1).unwrap().trim();
    value
        .trim_end_matches("pt")
        .trim_end_matches("mm")
        .parse()
        .unwrap_or_else(|_| panic!("`{name}` is not a length: {value}"))
}

/// `sessionpack watch` on a project, its output in a file, stopped when dropped.
pub struct Watching {
    child: std::process::Child,
    log: PathBuf,
}

impl Watching {
    pub fn start(p: &TestProject) -> Watching {
        let log = p.path("watch.log");
        let file = std::fs::File::create(&log).unwrap();
        let child = p
            .command(&["watch", "--color", "never"])
            .stdout(file.try_clone().unwrap())
            .stderr(file)
            .spawn()
            .unwrap();
        Watching { child, log }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// How many builds it has reported.
    pub fn builds(&self) -> usize {
        self.log()
            .lines()
            .filter(|l| l.contains(" rebuilt ("))
            .count()
    }

    pub fn wait_builds(&self, n: usize, seconds: u64) -> bool {
        let until = Instant::now() + Duration::from_secs(seconds);
        while Instant::now() < until {
            if self.builds() >= n {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }
}

impl Watching {
    /// Ctrl-C, as a terminal sends it; how it exited.
    pub fn interrupt(&mut self) -> std::process::ExitStatus {
        let sent = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        self.child.wait().unwrap()
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
