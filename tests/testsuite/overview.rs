//! The overview of `out/`: `out/index.html` and each session's `overview.html`, written by
//! `build` and `index` from what `out/` holds. Read as a person would check them (without a
//! browser here): every session and every claimant there, every link to a file that exists,
//! every value text and never markup, the one script allowed by its hash, owner-only files.

use crate::harness::{TestProject, files_under};

const SESSIONS: [&str; 3] = [
    "bristol-2026-12-02",
    "cardiff-2026-12-01",
    "cardiff-venue-2026-12-03",
];

/// Every `href` of a page, as the browser reads it.
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().replace("&#x2F;", "/"))
        .collect()
}

#[test]
fn the_overview_lists_every_session_and_links_only_files_that_exist() {
    let p = TestProject::example();
    p.run(&["build"]).ok();
    let index = p.read("out/index.html");
    for id in SESSIONS {
        assert!(
            index.contains(&format!("href=\"{id}/overview.html\"")),
            "{id}"
        );
    }
    // The letters counted are the manifests' letters.
    let letters = files_under(&p.path("out"))
        .iter()
        .filter(|f| f.contains("/letters/"))
        .count();
    assert!(
        index.contains(&format!("<dt>Letters</dt><dd>{letters}</dd>")),
        "{index}"
    );
    assert!(index.contains("Personal data: for office use only"));
    assert!(!index.contains("<script"), "the index needs no script");
    for link in links(&index) {
        assert!(
            p.path("out").join(&link).is_file(),
            "out/index.html links {link}"
        );
    }
    for id in SESSIONS {
        let page = p.read(&format!("out/{id}/overview.html"));
        for link in links(&page) {
            assert!(
                p.path(&format!("out/{id}")).join(&link).is_file(),
                "{id}: {link}"
            );
        }
        // Every claimant of the preview list, by reference.
        let csv = p.read(&format!("out/{id}/preview.csv"));
        for line in csv.lines().skip(1) {
            let reference = line.split(',').nth(1).unwrap();
            assert!(
                page.contains(&format!("<th scope=\"row\">{reference}</th>")),
                "{id}: {reference}"
            );
        }
        // The one script runs because the policy names its hash; nothing else can.
        let script = page
            .split("<script>")
            .nth(1)
            .unwrap()
            .split("</script>")
            .next()
            .unwrap();
        let hash = {
            use base64::Engine;
            use sha2::Digest;
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script))
        };
        assert!(
            page.contains(&format!("script-src 'sha256-{hash}'")),
            "{id}"
        );
        assert_eq!(page.matches("<script").count(), 1);
        assert!(page.contains("default-src 'none'"));
        // Readable without scripts: the filter box is hidden until the script shows it.
        assert!(page.contains("<div id=\"filter\" hidden>"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(p.path("out/index.html"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn values_in_the_overview_are_text_never_markup() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    p.edit(
        "content/sessions/bristol-2026-12-02.yaml",
        "en: Getting back to work in south Bristol",
        "en: \"Getting back <script>window.__pwned=1</script> & 'on' \\\"now\\\"\"",
    );
    p.edit(
        "content/claimants/bristol-2026-12-02.csv",
        "B3001,Mr,Jason,",
        "B3001,Mr,<img src=x onerror=alert(1)>,",
    );
    p.run(&["build"]).ok();
    let index = p.read("out/index.html");
    let page = p.read("out/bristol-2026-12-02/overview.html");
    assert!(!index.contains("<script>window") && !page.contains("<script>window"));
    assert!(index.contains("&lt;script&gt;window.__pwned=1&lt;&#x2F;script&gt; &amp; &#x27;on&#x27; &quot;now&quot;"), "{index}");
    assert!(!page.contains("<img src=x"));
    assert!(
        page.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{page}"
    );
    assert_eq!(page.matches("<script").count(), 1);
}

#[test]
fn the_overview_shows_what_out_holds_and_goes_with_it() {
    let p = TestProject::example();
    p.run(&["build"]).ok();
    // A build of one session still shows every session in out/.
    let run = p.run(&["build", "--session", "bristol-2026-12-02"]);
    run.ok();
    assert!(!run.stderr.contains("index.html"), "{}", run.stderr);
    let index = p.read("out/index.html");
    for id in SESSIONS {
        assert!(index.contains(&format!("{id}/overview.html")), "{id}");
    }
    // A session gone from the project goes from the overview, with its page.
    std::fs::remove_file(p.path("content/sessions/cardiff-2026-12-01.yaml")).unwrap();
    p.run(&["build"]).ok();
    assert!(!p.read("out/index.html").contains("cardiff-2026-12-01/"));
    assert!(!p.exists("out/cardiff-2026-12-01/overview.html"));
    // `clean` removes it all: the overview is the tool's.
    p.run(&["clean"]).ok();
    assert!(!p.exists("out"), "{:?}", files_under(&p.path("out")));
}

/// Thumbnails: the first page of each document, made by typst from the published PDF, shown
/// on the session's page; not in the manifest or the zips; made again only when the PDF
/// changed, the same bytes when made again from the same PDF.
#[test]
fn each_document_has_a_thumbnail_made_again_only_when_it_changed() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    p.run(&["build"]).ok();
    let dir = "out/bristol-2026-12-02";
    let page = p.read(&format!("{dir}/overview.html"));
    for doc in [
        "letters",
        "poster",
        "attendance-register",
        "travel-claims",
        "preview",
    ] {
        let png = std::fs::read(p.path(&format!("{dir}/thumbs/{doc}.png"))).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{doc}");
        assert!(
            page.contains(&format!(
                "<img src=\"thumbs&#x2F;{doc}.png\" width=\"160\" alt=\"First page of {doc}.pdf, "
            )),
            "{doc}"
        );
    }
    let manifest = p.read(&format!("{dir}/manifest.json"));
    assert!(!manifest.contains("thumbs") && !manifest.contains("overview.html"));
    let modified = |doc: &str| {
        std::fs::metadata(p.path(&format!("{dir}/thumbs/{doc}.png")))
            .unwrap()
            .modified()
            .unwrap()
    };
    let poster = (
        modified("poster"),
        p.read_bytes(&format!("{dir}/thumbs/poster.png")),
    );
    let letters = p.read_bytes(&format!("{dir}/thumbs/letters.png"));
    // The first letter's address changes: its page, not the poster's.
    p.edit(
        "content/claimants/bristol-2026-12-02.csv",
        "14 St John's Lane",
        "16 St John's Lane",
    );
    p.run(&["build"]).ok();
    assert_eq!(
        modified("poster"),
        poster.0,
        "the poster's PDF did not change"
    );
    assert_ne!(p.read_bytes(&format!("{dir}/thumbs/letters.png")), letters);
    // Made again from the same PDFs: the same bytes.
    p.run(&["clean"]).ok();
    p.run(&["build"]).ok();
    assert_eq!(p.read_bytes(&format!("{dir}/thumbs/poster.png")), poster.1);
}

/// A page's text as the browser shows it (Tera escapes `/` and `'` too).
fn shown(html: &str) -> String {
    html.replace("&#x2F;", "/").replace("&#x27;", "'")
}

#[test]
fn the_overview_lists_the_last_runs_problems_by_rule_with_what_the_rule_says() {
    let p = TestProject::example();
    let list = "content/claimants/bristol-2026-12-02.csv";
    p.edit(
        list,
        "BS3 5AD,en,standard,2026-12-02",
        "BS3 5AD,en,standard,2026-11-30",
    );
    let line = p.line_of(list, "B3001");
    p.run(&["build"]).ok().says("warning[GS013]");
    let index = shown(&p.read("out/index.html"));
    assert!(index.contains("0 errors, 1 warning"), "{index}");
    // Grouped by code, at its file, line and column, with its help and a link to the rule.
    let place = format!("{list}:{line}:11");
    let item = index
        .split("<li>")
        .find(|li| li.contains(&place))
        .unwrap_or_else(|| panic!("no problem at {place}:\n{index}"));
    assert!(
        item.contains("B3001's Jobsearch Review is on Monday 30 November 2026"),
        "{item}"
    );
    assert!(item.contains("(session bristol-2026-12-02)"), "{item}");
    assert!(item.contains("What to do: where possible invite"), "{item}");
    assert!(index.contains("href=\"#GS013\""), "{index}");
    // The anchor holds what `sessionpack explain GS013` says: the guidance, quoted.
    let rule = index.split("id=\"GS013\"").nth(1).expect("an anchor GS013");
    assert!(rule.contains("GIS 8"), "{rule}");
    assert!(rule.contains("How to fix it:"), "{rule}");
    // The session's page shows its own.
    let page = shown(&p.read("out/bristol-2026-12-02/overview.html"));
    assert!(page.contains(&place), "{page}");
    assert!(
        !p.read("out/cardiff-2026-12-01/overview.html")
            .contains("GS013")
    );
    // The problem stays on the page while it stands, also when nothing was built again.
    p.run(&["build"])
        .ok()
        .says("up to date: bristol-2026-12-02");
    assert!(shown(&p.read("out/index.html")).contains(&place));
    // Fixed, it goes.
    p.edit(
        list,
        "BS3 5AD,en,standard,2026-11-30",
        "BS3 5AD,en,standard,2026-12-02",
    );
    p.run(&["build"]).ok();
    let index = p.read("out/index.html");
    assert!(index.contains("0 errors, 0 warnings"), "{index}");
    assert!(!index.contains("GS013"), "{index}");
    assert!(
        !p.read("out/bristol-2026-12-02/overview.html")
            .contains("GS013")
    );
}

#[test]
fn the_banner_is_in_welsh_first_for_an_office_in_wales() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    p.run(&["build"]).ok();
    let english = p.read("out/index.html");
    assert!(!english.contains("lang=\"cy\""), "{english}");
    let p = TestProject::example();
    p.run(&["build"]).ok();
    let index = p.read("out/index.html");
    let welsh = index
        .find("<p lang=\"cy\">Data personol")
        .expect("a Welsh banner");
    assert!(welsh < index.find("Personal data: for office use only").unwrap());
    assert!(
        index.contains("yn aros am adolygiad cyfieithydd"),
        "marked for review"
    );
    assert!(
        p.read("out/cardiff-2026-12-01/overview.html")
            .contains("lang=\"cy\"")
    );
    assert!(
        !p.read("out/bristol-2026-12-02/overview.html")
            .contains("lang=\"cy\"")
    );
}

#[test]
fn watch_holds_the_lock_only_while_building_and_ctrl_c_exits_130() {
    let p = TestProject::only(&["bristol-2026-12-02"]);
    let mut watch = crate::harness::Watching::start(&p);
    assert!(watch.wait_builds(1, 60), "no first build: {}", watch.log());
    let state = p.read("out/.watch/state.js");
    assert!(state.contains("\"status\":\"passed\""), "{state}");
    // Between builds, a build in another terminal is not refused.
    p.run(&["build"])
        .ok()
        .says("up to date: bristol-2026-12-02");
    let exit = watch.interrupt();
    assert_eq!(exit.code(), Some(130), "{}", watch.log());
    p.run(&["build"]).ok();
}
