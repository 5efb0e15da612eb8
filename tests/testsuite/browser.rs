//! The overview and `watch` in a real browser: Debian's Chromium, headless, driven over the
//! DevTools protocol (`headless_chrome`). They run when `SESSIONPACK_BROWSER_TESTS=1` (as
//! `.ci/run` sets it, after installing Chromium); with it set, a browser that cannot start is
//! a failure, never a skip. `CHROME` names the browser (default `/usr/bin/chromium`).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};

use crate::harness::{TestProject, Watching};

/// A headless Chromium, or `None` when browser tests are not asked for.
fn browser(scripts: bool) -> Option<Browser> {
    if std::env::var_os("SESSIONPACK_BROWSER_TESTS").is_none_or(|v| v != "1") {
        eprintln!("browser tests not run: set SESSIONPACK_BROWSER_TESTS=1");
        return None;
    }
    let path = std::env::var_os("CHROME")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let mut args: Vec<&OsStr> = [
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    if !scripts {
        args.push(OsStr::new("--blink-settings=scriptEnabled=false"));
    }
    let options = LaunchOptions::default_builder()
        .headless(true)
        .sandbox(false)
        .path(Some(path.clone()))
        .window_size(Some((1280, 1600)))
        .idle_browser_timeout(Duration::from_secs(120))
        .args(args)
        .build()
        .unwrap();
    Some(Browser::new(options).unwrap_or_else(|e| {
        panic!(
            "SESSIONPACK_BROWSER_TESTS=1 but {} does not start: {e:#}",
            path.display()
        )
    }))
}

fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn open(browser: &Browser, path: &Path) -> std::sync::Arc<Tab> {
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&url(path)).unwrap();
    tab.wait_until_navigated().unwrap();
    tab
}

/// A JavaScript expression's value, as JSON (`JSON.stringify` in the page).
fn value(tab: &Tab, js: &str) -> serde_json::Value {
    let text = tab
        .evaluate(&format!("JSON.stringify({js})"), false)
        .unwrap()
        .value
        .unwrap_or_default();
    serde_json::from_str(text.as_str().unwrap_or("null")).unwrap_or_default()
}

/// Wait up to `seconds` for `js` to be true in the page (which may reload meanwhile).
fn wait_for(tab: &Tab, js: &str, seconds: u64) -> bool {
    let until = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < until {
        if tab
            .evaluate(&format!("Boolean({js})"), false)
            .ok()
            .and_then(|r| r.value)
            .is_some_and(|v| v == serde_json::json!(true))
        {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

#[test]
fn the_overview_in_a_browser_lists_every_session_and_loads_every_image_and_link() {
    let Some(browser) = browser(true) else { return };
    let p = TestProject::example();
    p.run(&["build"]).ok();
    let tab = open(&browser, &p.path("out/index.html"));
    let mut rows: Vec<String> = serde_json::from_value(value(
        &tab,
        "[...document.querySelectorAll('tbody th[scope=row] a')].map(a => a.textContent)",
    ))
    .unwrap();
    rows.sort();
    let ids: Vec<String> = (p.files("out").iter())
        .filter_map(|f| f.strip_suffix("/manifest.json").map(str::to_string))
        .collect();
    assert_eq!(rows, ids);
    // The letters counted are the manifests' letters.
    let letters: usize = ids
        .iter()
        .map(|id| p.files(&format!("out/{id}/letters")).len())
        .sum();
    let shown = value(
        &tab,
        "[...document.querySelectorAll('dt')].find(d => d.textContent === 'Letters').nextElementSibling.textContent",
    );
    assert_eq!(shown, serde_json::json!(letters.to_string()));
    let shot = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .unwrap();
    let kept = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("overview.png");
    std::fs::write(&kept, shot).unwrap();
    eprintln!("screenshot of the overview: {}", kept.display());
    for id in &ids {
        for page in [
            p.path("out/index.html"),
            p.path(&format!("out/{id}/overview.html")),
        ] {
            let tab = open(&browser, &page);
            let broken = value(
                &tab,
                "[...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)",
            );
            assert_eq!(broken, serde_json::json!([]), "{}", page.display());
            let links = value(&tab, "[...document.links].map(a => a.href.split('#')[0])");
            for link in links.as_array().unwrap() {
                let file = link.as_str().unwrap().strip_prefix("file://").unwrap();
                assert!(Path::new(file).is_file(), "{} links {file}", page.display());
            }
        }
        let tab = open(&browser, &p.path(&format!("out/{id}/overview.html")));
        assert!(
            value(&tab, "document.images.length").as_u64().unwrap() >= 5,
            "{id}: a thumbnail for each document"
        );
    }
}

#[test]
fn in_a_browser_values_are_text_no_script_of_theirs_runs_and_the_filter_works() {
    let Some(browser) = browser(true) else { return };
    let p = TestProject::only(&["bristol-2026-12-02"]);
    let payloads = [
        "<script>window.__pwned=1</script>",
        "<img src=x onerror=\"window.__pwned=2\">",
        "\"><svg onload=window.__pwned=3>",
        "javascript:window.__pwned=4",
    ];
    p.edit(
        "content/sessions/bristol-2026-12-02.yaml",
        "en: Getting back to work in south Bristol",
        &format!("en: '{}{}'", payloads[0], payloads[2]),
    );
    p.edit(
        "content/claimants/bristol-2026-12-02.csv",
        "B3001,Mr,Jason,Hill,",
        &format!("B3001,Mr,\"{}\",Hill,", payloads[1].replace('"', "\"\"")),
    );
    p.edit(
        "content/claimants/bristol-2026-12-02.csv",
        "Bedminster,Bristol,BS3 5AD",
        &format!("Bedminster,{},BS3 5AD", payloads[3]),
    );
    p.run(&["build"]).ok();
    for page in ["out/index.html", "out/bristol-2026-12-02/overview.html"] {
        let tab = open(&browser, &p.path(page));
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(
            value(&tab, "window.__pwned"),
            serde_json::Value::Null,
            "{page}"
        );
        let text = value(&tab, "document.body.innerText");
        assert!(
            text.as_str().unwrap().contains(payloads[0]),
            "{page}: {text}"
        );
    }
    let tab = open(&browser, &p.path("out/bristol-2026-12-02/overview.html"));
    let text = value(&tab, "document.body.innerText");
    // The address is not on the page (the letters hold it); the others are, as text.
    for payload in &payloads[..3] {
        assert!(
            text.as_str().unwrap().contains(payload),
            "{payload}: {text}"
        );
    }
    // The filter: shown with scripts on; a reference leaves one row.
    assert!(wait_for(
        &tab,
        "!document.getElementById('filter').hidden",
        5
    ));
    let all = value(
        &tab,
        "document.querySelectorAll('#claimants tbody tr').length",
    );
    assert!(all.as_u64().unwrap() > 5);
    tab.find_element("#filter input")
        .unwrap()
        .type_into("B3004")
        .unwrap();
    assert!(
        wait_for(
            &tab,
            "[...document.querySelectorAll('#claimants tbody tr')].filter(r => !r.hidden).length === 1",
            5
        ),
        "typing a reference leaves its row"
    );
}

#[test]
fn with_scripts_off_every_row_and_problem_is_still_there() {
    let Some(browser) = browser(false) else {
        return;
    };
    let p = TestProject::example();
    let list = "content/claimants/bristol-2026-12-02.csv";
    p.edit(
        list,
        "BS3 5AD,en,standard,2026-12-02",
        "BS3 5AD,en,standard,2026-11-30",
    );
    p.run(&["build"]).ok();
    let tab = open(&browser, &p.path("out/index.html"));
    assert_eq!(
        value(&tab, "document.querySelectorAll('tbody tr').length"),
        serde_json::json!(3)
    );
    let text = value(&tab, "document.body.innerText");
    assert!(text.as_str().unwrap().contains("GS013"), "{text}");
    let tab = open(&browser, &p.path("out/bristol-2026-12-02/overview.html"));
    let rows = p.read("out/bristol-2026-12-02/preview.csv").lines().count() - 1;
    assert_eq!(
        value(
            &tab,
            "[...document.querySelectorAll('#claimants tbody tr')].filter(r => !r.hidden).length"
        ),
        serde_json::json!(rows)
    );
    assert_eq!(
        value(&tab, "document.getElementById('filter').hidden"),
        serde_json::json!(true)
    );
}

#[test]
fn watch_reloads_the_page_shows_a_template_error_until_fixed_and_builds_once_for_many_saves() {
    let Some(browser) = browser(true) else { return };
    let p = TestProject::only(&["bristol-2026-12-02"]);
    let watch = Watching::start(&p);
    assert!(watch.wait_builds(1, 60), "the first build: {}", watch.log());
    let tab = open(&browser, &p.path("out/index.html"));
    let first = value(&tab, "document.documentElement.dataset.build");
    assert!(
        first.is_string(),
        "a page written by watch carries its build"
    );
    let thumbs = p.read("out/bristol-2026-12-02/thumbs/thumbs.json");
    // A string changed: the page reloads itself with the new build, the poster's thumbnail
    // is made again.
    p.edit(
        "templates/strings/en.ftl",
        "org-name = Jobcentre Plus",
        "org-name = Jobcentre Plus Bristol",
    );
    assert!(
        wait_for(
            &tab,
            &format!("document.documentElement.dataset.build !== {first}"),
            10
        ),
        "the page reloads after the build: {}",
        watch.log()
    );
    assert_ne!(p.read("out/bristol-2026-12-02/thumbs/thumbs.json"), thumbs);
    // A template broken: the page stays and shows the error at its line; fixed, it goes.
    let builds = watch.builds();
    let template = "templates/letters.typ.tera";
    let text = p.read(template);
    let broken = text.replacen("{% ", "{% if %}{% ", 1);
    let line = text[..text.find("{% ").unwrap()].matches('\n').count() + 1;
    p.write(template, &broken);
    assert!(watch.wait_builds(builds + 1, 20), "{}", watch.log());
    let shown = format!("{template}:{line}");
    assert!(
        wait_for(
            &tab,
            &format!(
                "(document.getElementById('watch-errors') || {{}}).textContent?.includes({shown:?})"
            ),
            5
        ),
        "the error at {shown} on the page: {}\n{}",
        value(&tab, "document.body.innerText"),
        watch.log()
    );
    p.write(template, &text);
    assert!(
        wait_for(&tab, "document.getElementById('watch-errors') === null", 15),
        "the error goes once fixed: {}",
        watch.log()
    );
    // 50 files saved within a second: one build.
    let builds = watch.builds();
    let started = Instant::now();
    for i in 0..50 {
        p.write(&format!("content/notes/note-{i}.txt"), "a note");
        std::thread::sleep(Duration::from_millis(15));
    }
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(watch.wait_builds(builds + 1, 20), "{}", watch.log());
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(
        watch.builds(),
        builds + 1,
        "one build for 50 saves: {}",
        watch.log()
    );
    // Files that editors and Excel write while working start no build.
    p.write("content/claimants/~$bristol-2026-12-02.xlsx", "lock");
    p.write("templates/.letters.typ.tera.swp", "swap");
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(watch.builds(), builds + 1, "{}", watch.log());
}
