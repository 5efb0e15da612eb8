//! The anonymous customer feedback questionnaire (GSG 25): content, facilitator and venue on
//! 5-point scales, and free text; in the office's languages, Welsh first.

use super::{SessionView, dates};

pub const TEMPLATE: &str = "feedback.typ.tera";

const SCALES: [&str; 5] = [
    "q_content",
    "q_clear",
    "q_facilitator",
    "q_venue",
    "q_overall",
];
const FREE_TEXT: [&str; 2] = ["q_best", "q_improve"];

pub fn outputs(_: &SessionView) -> Vec<String> {
    vec!["feedback.pdf".into()]
}

pub fn render(view: &SessionView, templates: &super::Templates) -> Result<String, String> {
    let langs = view.office_langs();
    let s = view.session;
    let l = view.labels(langs, &[]);
    let pick = |keys: &[&str]| -> Result<Vec<_>, String> {
        keys.iter().map(|k| super::strings::pick(&l, k)).collect()
    };
    let title = format!(
        "{}: {}",
        view.strings.get(langs[0], "feedback-title", &[])?,
        view.text(&s.title, langs[0])?
    );
    let context = serde_json::json!({
        "title": title,
        "lang": langs[0],
        "scales": pick(&SCALES)?,
        "free_text": pick(&FREE_TEXT)?,
        "session_title": view.each(langs, |lang| view.text(&s.title, lang))?,
        "date": view.each(langs, |lang| Ok(dates::weekday_date(lang, s.date())))?,
        "l": l,
    });
    templates.render(TEMPLATE, &context)
}
