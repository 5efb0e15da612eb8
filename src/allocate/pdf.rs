//! `report.pdf`: the report for the office's file, a landscape table a row a claimant, made
//! by typst from the same rows as `report.csv`. The rows reach typst as JSON, read with
//! `json()`, so no claimant's text is ever typst markup. OFFICIAL-SENSITIVE on every page, as
//! the preview list: the reasons for not inviting are in it.

use std::path::Path;
use std::time::Duration;

use serde_json::json;

use crate::process::{Limits, Ran};
use crate::typst::Typst;

/// The typst source of the report: everything it shows comes from `report.json`.
const SOURCE: &str = r#"#let data = json("report.json")
#set document(title: data.title)
#set text(font: "Atkinson Hyperlegible Next", lang: "en", region: "GB", size: 9pt, hyphenate: false)
#set page(
  paper: "a4",
  flipped: true,
  margin: (x: 1.4cm, y: 1.8cm),
  header: grid(columns: (1fr, auto, 1fr), data.title, strong(data.marking), align(right, data.window)),
  footer: grid(columns: (1fr, auto), strong(data.marking + ": for the office, never for claimants"),
    context counter(page).display("1 of 1", both: true)),
)
#set table(inset: 4pt, stroke: 0.5pt + luma(120))
#show heading: set text(size: 14pt)
= #data.title

#for line in data.summary [- #line
]

#table(
  columns: (auto, auto, auto, auto, auto, auto, 1fr, 0.7fr),
  table.header(..data.header.map(h => strong(h))),
  ..data.rows.flatten(),
)
"#;

/// What the report shows: its title, the window, the summary's lines, and the table.
pub struct Report<'a> {
    pub title: String,
    pub window: &'a str,
    pub summary: &'a [String],
    pub header: &'a [&'a str],
    /// Each as many cells as `header`.
    pub rows: Vec<Vec<String>>,
}

/// Make `report.pdf` in `dir` (beside `report.csv`); typst's words when it cannot.
pub fn write(typst: &Typst, fonts: &Path, dir: &Path, report: &Report) -> Result<(), String> {
    let rows = &report.rows;
    let work = dir.join(".typst");
    let _ = crate::fs::remove(&work);
    crate::fs::create_dir_all(&work).map_err(|e| format!("{e:#}"))?;
    let data = json!({
        "title": report.title,
        "window": report.window,
        "marking": "OFFICIAL-SENSITIVE",
        "summary": report.summary,
        "header": report.header,
        "rows": rows,
    });
    let written = crate::fs::write_new(&work.join("report.json"), data.to_string())
        .and_then(|_| crate::fs::write_new(&work.join("report.typ"), SOURCE));
    if let Err(e) = written {
        let _ = crate::fs::remove(&work);
        return Err(format!("{e:#}"));
    }
    let mut cmd = typst.compile_command(&work, fonts);
    cmd.args(["--creation-timestamp", "0", "--diagnostic-format", "short"])
        .arg("report.typ")
        .arg(dir.join("report.pdf"));
    let ran = crate::process::run(
        &mut cmd,
        b"",
        Duration::from_secs(60 + rows.len() as u64 / 50),
        Limits::default(),
    );
    let _ = crate::fs::remove(&work);
    match ran {
        Ok(Ran::Finished(o)) if o.status.success() => Ok(()),
        Ok(Ran::Finished(o)) => Err(String::from_utf8_lossy(&o.stderr).trim().to_string()),
        Ok(_) => Err("typst was stopped before it finished".into()),
        Err(e) => Err(format!("cannot run typst: {e}")),
    }
}
