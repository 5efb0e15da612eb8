//! Bad input: every problem reported at once, with file and line (row and column for CSV),
//! exit status 1, and nothing written for the sessions concerned.

use crate::harness::{Run, TestProject};

const CARDIFF: &str = "content/claimants/cardiff-2026-12-01.csv";

/// Parse `--format json` output into (code, level, "file:line:column").
fn json_diags(run: &Run) -> Vec<(String, String, String)> {
    run.json()
        .into_iter()
        .map(|v| {
            let loc = match (&v["file"], &v["line"], &v["column"]) {
                (
                    serde_json::Value::String(f),
                    serde_json::Value::Number(l),
                    serde_json::Value::Number(c),
                ) => format!("{f}:{l}:{c}"),
                (serde_json::Value::String(f), serde_json::Value::Number(l), _) => {
                    format!("{f}:{l}")
                }
                (serde_json::Value::String(f), _, _) => f.clone(),
                _ => String::new(),
            };
            (
                v["code"].as_str().unwrap().to_string(),
                v["level"].as_str().unwrap().to_string(),
                loc,
            )
        })
        .collect()
}

fn has(diags: &[(String, String, String)], code: &str, loc: &str) -> bool {
    diags
        .iter()
        .any(|(c, l, at)| c == code && l == "error" && at == loc)
}

/// The example project with one of each kind of bad input; bristol stays clean.
fn broken_project() -> TestProject {
    let p = TestProject::example();
    // Malformed YAML.
    p.write(
        "content/sessions/broken.yaml",
        "title:\n  en: A session\noffice: [cardiff-central\n",
    );
    // An ID that is not [a-z0-9-]+.
    p.write(
        "content/sessions/Bad_Name.yaml",
        &p.read("content/sessions/bristol-2026-12-02.yaml"),
    );
    // An unknown office, and a claimant list with a missing required column.
    p.write(
        "content/sessions/lost-2026-12-05.yaml",
        &p.read("content/sessions/bristol-2026-12-02.yaml")
            .replace("office: bristol-south", "office: nowhere"),
    );
    p.write(
        "content/claimants/lost-2026-12-05.csv",
        "ref,first_name,address_line_1,postcode\nL1,Jo,1 High St,BS4 2AG\n",
    );
    // Bad cells in the Cardiff list: rows 18 to 21.
    p.add_rows(
        "cardiff-2026-12-01",
        "C1020,Ms,Ann,Jones,1 High Street,Cardiff,,CF10 1EP,cy,standard,2026-12-01,maybe,,,no,no,no,no,no,no,no\n\
         C1021,Ms,Bea,Jones,2 High Street,Cardiff,,CF10 1EP,cy,standard,31/02/2026,no,,,no,no,no,no,no,no,no\n\
         C1001,Ms,Cat,Jones,3 High Street,Cardiff,,CF10 1EP,cy,standard,2026-12-01,no,,,no,no,no,no,no,no,no\n\
         C1022,Ms,Dot,Jones,=Bad,Cardiff,,XM4 5HQ,cy,standard,2026-12-01,no,,,no,no,no,no,no,no,no\n",
    );
    // A column that looks like bank details, filled in on every row.
    let venue = "content/claimants/cardiff-venue-2026-12-03.csv";
    let text: String = p
        .read(venue)
        .lines()
        .enumerate()
        .map(|(i, l)| format!("{l},{}\n", if i == 0 { "Sort Code" } else { "12-34-56" }))
        .collect();
    p.write(venue, &text);
    p
}

#[test]
fn check_reports_every_problem_at_once_with_locations() {
    let p = broken_project();
    let run = p.run(&["--format", "json", "check"]);
    run.fails();
    let d = json_diags(&run);
    assert!(
        d.iter()
            .any(|(c, _, at)| c == "SP001" && at.starts_with("content/sessions/broken.yaml:")),
        "{d:#?}"
    );
    assert!(has(&d, "SP003", "content/sessions/Bad_Name.yaml"), "{d:#?}");
    assert!(
        d.iter()
            .any(|(c, _, at)| c == "SP004"
                && at.starts_with("content/sessions/lost-2026-12-05.yaml:")),
        "{d:#?}"
    );
    assert!(
        has(&d, "SP011", "content/claimants/lost-2026-12-05.csv:1"),
        "{d:#?}"
    );
    assert!(has(&d, "SP013", &format!("{CARDIFF}:18:12")), "{d:#?}");
    assert!(has(&d, "SP014", &format!("{CARDIFF}:19:11")), "{d:#?}");
    assert!(has(&d, "SP015", &format!("{CARDIFF}:20:1")), "{d:#?}");
    assert!(has(&d, "AD001", &format!("{CARDIFF}:21:5")), "{d:#?}");
    assert!(has(&d, "AD001", &format!("{CARDIFF}:21:8")), "{d:#?}");
    assert!(
        has(
            &d,
            "GS015",
            "content/claimants/cardiff-venue-2026-12-03.csv:1:22"
        ),
        "{d:#?}"
    );
    // check writes nothing.
    assert!(!p.exists("out"), "check wrote {:?}", p.files("out"));
}

#[test]
fn human_diagnostics_read_like_a_compiler() {
    let p = broken_project();
    // One session at a time, so the lines come in the project's order.
    let run = p.run(&["check", "--jobs", "1"]);
    // The whole output is pinned, but for how long it took: a change of wording is a
    // reviewed change.
    let timeless: String = run
        .stderr
        .lines()
        .map(|l| match l.rfind(" (") {
            Some(at) if l.starts_with("check: ") && l.ends_with(" s)") => &l[..at],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("check_broken_project", timeless);
    run.fails()
        .says("error[SP013]: `jobseeker_direction`: `maybe` is not a yes/no value")
        .says(&format!("--> {CARDIFF}:18:12"))
        .says("help: write yes or no")
        .says("error[GS015]: column `Sort Code` looks like bank details")
        .says("(GSG 43)")
        .says("failed: ");
    assert!(!run.stderr.contains("\x1b["), "no colour when piped");
}

#[test]
fn build_writes_only_the_preview_for_sessions_with_errors_and_builds_the_others() {
    let p = broken_project();
    let run = p.run(&["build"]);
    run.fails().says(
        "not built: cardiff-2026-12-01 (fix the errors above; its preview list is out/cardiff-2026-12-01/preview.pdf)",
    );
    // The preview list to work from, headed NOT BUILT, with every row; no letters, no pack.
    for id in ["cardiff-2026-12-01", "cardiff-venue-2026-12-03"] {
        assert_eq!(
            p.files(&format!("out/{id}")),
            [
                ".sessionpack-fingerprint",
                "diagnostics.json",
                "manifest.json",
                "overview.html",
                "preview.csv",
                "preview.pdf",
                "thumbs/preview.png",
                "thumbs/thumbs.json"
            ],
            "{id}"
        );
        assert!(!p.exists(&format!("out/{id}-letters.zip")));
        assert!(!p.exists(&format!("out/{id}-facilitator-pack.zip")));
    }
    // The session's own problems, which no row shows, are said under the banner.
    let venue = p.pdf_text("out/cardiff-venue-2026-12-03/preview.pdf");
    for banner in ["SESIWN HEB EI CHYNHYRCHU", "NOT BUILT"] {
        let part = &venue[venue.find(banner).expect("the banner")..];
        let own = part
            .find("column `Sort Code` looks like bank details")
            .unwrap_or_else(|| panic!("no GS015 under the banner {banner}:\n{venue}"));
        assert!(part[..own].contains("GS015"), "{venue}");
        assert!(own < part.find("V2001").unwrap(), "{venue}");
    }
    let preview = p.pdf_text("out/cardiff-2026-12-01/preview.pdf");
    assert!(preview.contains("NOT BUILT: 5 errors"), "{preview}");
    assert!(
        preview.contains("SESIWN HEB EI CHYNHYRCHU: 5 o wallau"),
        "{preview}"
    );
    let csv = p.read("out/cardiff-2026-12-01/preview.csv");
    let row_18 = csv.lines().find(|l| l.starts_with("18,")).unwrap();
    assert!(
        row_18.contains("error SP013: `jobseeker_direction`: `maybe` is not a yes/no value")
            && row_18.ends_with("NOT BUILT: 5 errors,cardiff-2026-12-01,2026-12-01"),
        "{row_18}"
    );
    // A session with no list to show (its file does not parse; its office does not exist)
    // has a NOT BUILT notice in its place, naming its problems, and nothing else.
    for (id, problem) in [
        ("lost-2026-12-05", "there is no office `nowhere`"),
        ("broken", "this is not valid YAML"),
    ] {
        assert_eq!(
            p.files(&format!("out/{id}")),
            [
                ".sessionpack-fingerprint",
                "diagnostics.json",
                "manifest.json",
                "overview.html",
                "preview.pdf",
                "thumbs/preview.png",
                "thumbs/thumbs.json"
            ],
            "{id}"
        );
        let notice = p.pdf_text(&format!("out/{id}/preview.pdf"));
        assert!(notice.contains("NOT BUILT"), "{notice}");
        assert!(notice.contains(problem), "{id}: {notice}");
    }
    assert!(
        p.exists("out/bristol-2026-12-02/letters.pdf"),
        "a clean session is still built"
    );
    assert!(
        !p.exists("out/.build"),
        "no build leftovers: {:?}",
        p.files("out")
    );
}

#[test]
fn an_address_line_too_wide_for_the_window_is_an_error() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    p.add_rows(
        "bristol-2026-12-02",
        "B3013,Mr,Sam,Long,The Old Coach House at the Back of the Very Long Terrace of Cottages,Bristol,,BS4 2AG,en,standard,2026-12-02,no,,,no,no,no,no,no,no,no\n",
    );
    let run = p.run(&["check"]);
    run.fails()
        .says("error[AD002]")
        .says("content/claimants/bristol-2026-12-02.csv:14:5");
}

#[test]
fn no_fixed_abode_and_too_few_lines_are_refused() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    p.add_rows(
        "bristol-2026-12-02",
        "B3013,Mr,Sam,Nfa,NFA,Bristol,,BS4 2AG,en,standard,2026-12-02,no,,,no,no,no,no,no,no,no\n\
         B3014,Mr,Sam,Short,1 High St,,,BS4 2AG,en,standard,2026-12-02,no,,,no,no,no,no,no,no,no\n",
    );
    p.run(&["check"])
        .fails()
        .says("`NFA` is not a postal address")
        .says("needs at least 3");
}

#[test]
fn a_yaml_typo_names_the_key() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    p.edit(
        "content/sessions/bristol-2026-12-02.yaml",
        "minutes: 60",
        "minuets: 60",
    );
    p.run(&["check"])
        .fails()
        .says("error[SP002]")
        .says("unknown key `minuets`")
        .says("--> content/sessions/bristol-2026-12-02.yaml:5:1");
}

#[test]
fn a_missing_welsh_string_is_an_error_naming_key_and_file() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    p.edit("templates/strings/cy.ftl", "label-travel = Teithio\n", "");
    let run = p.run(&["build"]);
    run.fails()
        .says("error[GS014]: the string `label-travel` is in templates/strings/en.ftl but missing from templates/strings/cy.ftl");
    assert!(
        !p.exists("out/bristol-2026-12-02"),
        "a project-wide error builds nothing"
    );
}

#[test]
fn welsh_output_without_a_welsh_title_is_an_error_not_an_english_fallback() {
    let p = TestProject::only(&["cardiff-2026-12-01"]);
    p.edit(
        "content/sessions/cardiff-2026-12-01.yaml",
        "  cy: Dod o hyd i waith yng Nghaerdydd y gaeaf hwn\n",
        "",
    );
    p.run(&["build"])
        .fails()
        .says("error[GS014]: `title.cy`: the Welsh text is missing")
        .says("content/sessions/cardiff-2026-12-01.yaml:1:1");
    assert!(!p.exists("out/cardiff-2026-12-01"));
}

#[test]
fn excel_exports_with_bom_crlf_and_loose_headers_work() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    let text = p.read("content/claimants/bristol-2026-12-02.csv");
    let text = text.replacen(
        "ref,title,first_name,last_name,address_line_1",
        "Ref,Title,First Name,LAST-NAME,Address Line 1",
        1,
    );
    let text = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    p.write("content/claimants/bristol-2026-12-02.csv", &text);
    p.run(&["build"]).ok();
    assert!(p.exists("out/bristol-2026-12-02/letters/B3001.pdf"));
}

#[test]
fn a_typst_error_points_at_the_template_line_and_writes_nothing() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    p.edit(
        "templates/letters.typ.tera",
        "    {{ p.s.letter_greeting }}\n",
        "    {{ p.s.letter_greeting }} #nosuchfunction()\n",
    );
    let line = p.line_of("templates/letters.typ.tera", "#nosuchfunction");
    let run = p.run(&["build", "--keep-build-dir"]);
    run.fails()
        .says("error[SP031]: unknown variable: nosuchfunction")
        .says(&format!("--> templates/letters.typ.tera:{line}"))
        .says(
            "failed: bristol-2026-12-02 (see the errors above; none of its files are left in out/)",
        );
    assert!(!p.exists("out/bristol-2026-12-02"));
    assert!(!p.exists("out/bristol-2026-12-02-letters.zip"));
    assert!(
        p.exists("out/.build/bristol-2026-12-02/main.typ"),
        "the generated source is kept to look at"
    );
}

#[test]
fn a_template_that_names_another_file_is_the_projects_error_in_check_and_build() {
    // A project's own register template from before tables were made in parts: it names
    // `attendance-register.pdf` where a long register is `attendance-register-1-of-3.pdf`.
    let p = TestProject::only(&["cardiff-2026-12-01"]);
    p.edit(
        "sessionpack.yaml",
        "rules: {}",
        "rules: {}\nrows_per_typst: 6",
    );
    p.edit(
        "templates/attendance-register.typ.tera",
        "#document({{ file | typst_str }},",
        "#document(\"attendance-register.pdf\",",
    );
    for command in ["check", "build"] {
        p.run(&[command])
            .fails()
            .says("error[SP031]: the templates did not make attendance-register-1-of-3.pdf (they made attendance-register.pdf)")
            .says("--> templates/attendance-register.typ.tera");
    }
    assert!(!p.exists("out/cardiff-2026-12-01"));
}

#[test]
fn a_template_variable_that_does_not_exist_is_reported_with_the_reason() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    p.edit(
        "templates/poster.typ.tera",
        "{{ p.s.poster_free }}",
        "{{ p.s.no_such_string }}",
    );
    p.run(&["check"])
        .fails()
        .says("error[SP030]: the poster cannot be rendered")
        .says("no_such_string");
}
