//! The attendance register (GIS 20, 23; GSG 42): every invited claimant, sorted by last name,
//! with columns to sign; labels in the office's languages, Welsh first.

use serde::Serialize;

use super::strings::Arg;
use super::{SessionView, dates};

pub const TEMPLATE: &str = "attendance-register.typ.tera";

#[derive(Serialize)]
struct Row {
    name: String,
    reference: String,
}

pub fn outputs(_: &SessionView) -> Vec<String> {
    vec!["attendance-register.pdf".into()]
}

pub fn render(view: &SessionView, templates: &super::Templates) -> Result<String, String> {
    let langs = view.office_langs();
    let s = view.session;
    let title_args = |lang| -> Result<Vec<(&str, Arg)>, String> {
        Ok(vec![
            ("title", Arg::Text(view.text(&s.title, lang)?)),
            ("page", Arg::Text("{page}".into())),
            ("total", Arg::Text("{total}".into())),
        ])
    };
    // Labels take the title in their own language, so resolve them one language at a time.
    let mut labels = std::collections::BTreeMap::<String, Vec<super::Piece>>::new();
    for &lang in langs {
        for (k, mut v) in view.labels(&[lang], &title_args(lang)?) {
            labels.entry(k).or_default().append(&mut v);
        }
    }
    let mut invited = view.invited();
    invited.sort_by(|a, b| {
        (
            a.last_name.to_lowercase(),
            a.first_name.to_lowercase(),
            &a.reference,
        )
            .cmp(&(
                b.last_name.to_lowercase(),
                b.first_name.to_lowercase(),
                &b.reference,
            ))
    });
    let rows: Vec<Row> = invited
        .iter()
        .map(|c| Row {
            name: format!(
                "{}, {}{}",
                c.last_name,
                c.first_name,
                if c.title.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", c.title)
                }
            ),
            reference: c.reference.clone(),
        })
        .collect();
    let first = langs[0];
    let context = serde_json::json!({
        "title": view.strings.get(first, "register-title", &title_args(first)?)?,
        "lang": first,
        "page_format": view.strings.get(first, "page-number", &title_args(first)?)?,
        "l": labels,
        "lms": s.lms_interview_type,
        "session_title": view.each(langs, |l| view.text(&s.title, l))?,
        "date": view.each(langs, |l| Ok(dates::weekday_date(l, s.date())))?,
        "facilitators": s.facilitators.iter().map(|f| f.name.clone()).collect::<Vec<_>>(),
        "rows": rows,
    });
    templates.render(TEMPLATE, &context)
}
