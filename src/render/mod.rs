//! Render: Tera templates in `templates/` turn plain data into Typst source.
//! Every `{{ value }}` in a `*.typ.tera` template is escaped for Typst markup; `| typst_str`
//! makes a Typst string literal for code positions. Wording comes from the strings files.

pub mod claims;
pub mod dates;
pub mod escape;
pub mod feedback;
pub mod letters;
pub mod metrics;
pub mod poster;
pub mod preview;
pub mod register;
pub mod script;
pub mod strings;

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

use crate::diag::{Diagnostic, Level, Location, Rule};
use crate::model::{Claimant, ClaimantList, Office, Session, Texts};
use chrono::NaiveDate;
use strings::Strings;

pub static TEMPLATE_ERROR: Rule = Rule {
    code: "SP030",
    name: "template-error",
    level: Level::Error,
    source: None,
    summary: "templates are Tera producing Typst; every variable must exist and every tag be closed",
};

/// A language of a document part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Cy,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Cy => "cy",
        }
    }

    pub fn langid(self) -> LanguageIdentifier {
        match self {
            Lang::En => unic_langid::langid!("en-GB"),
            Lang::Cy => unic_langid::langid!("cy"),
        }
    }
}

/// Escaped for Typst: `#"..."` literals in code positions.
struct TypstStr;

impl tera::Filter for TypstStr {
    fn filter(
        &self,
        value: &tera::Value,
        _: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let text = match value {
            tera::Value::String(s) => s.clone(),
            tera::Value::Null => String::new(),
            other => other.to_string(),
        };
        Ok(tera::Value::String(escape::string_literal(&text)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// The project's templates, parsed once up front.
pub struct Templates {
    tera: tera::Tera,
}

/// The whole cause chain of an error, one reason per line (Tera keeps the real reason in
/// `source()`).
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(&format!("\n  because: {s}"));
        source = s.source();
    }
    out
}

impl Templates {
    /// Parse every `*.tera` file in `templates/`; problems become diagnostics.
    pub fn load(root: &Path) -> Result<(Templates, Vec<Diagnostic>)> {
        let dir = root.join("templates");
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".typ.tera"]);
        tera.set_escape_fn(escape::markup);
        tera.register_filter("typst_str", TypstStr);
        let mut diags = Vec::new();
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .with_context(|| format!("cannot read the templates folder {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "tera"))
            .collect();
        entries.sort();
        let mut sources = Vec::new();
        for path in entries {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            sources.push((name, text));
        }
        // All at once: templates import each other's macros.
        if let Err(e) =
            tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            let message = error_chain(&e);
            let file = sources
                .iter()
                .find(|(n, _)| {
                    message.contains(&format!("'{n}'")) || message.contains(&format!("`{n}`"))
                })
                .map_or("templates".to_string(), |(n, _)| format!("templates/{n}"));
            diags.push(
                Diagnostic::new(
                    &TEMPLATE_ERROR,
                    format!("the templates cannot be parsed: {message}"),
                )
                .at(Location::file(file)),
            );
        }
        Ok((Templates { tera }, diags))
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// Render `name` with `context`; the error names the template and the real reason.
    pub fn render(&self, name: &str, context: &impl Serialize) -> Result<String, String> {
        let ctx = tera::Context::from_serialize(context).map_err(|e| error_chain(&e))?;
        self.tera
            .render(name, &ctx)
            .map_err(|e| format!("templates/{name}: {}", error_chain(&e)))
    }
}

/// Text in one language, for templates that print several languages (`m::bi`).
#[derive(Debug, Clone, Serialize)]
pub struct Piece {
    pub lang: Lang,
    pub text: String,
}

/// The facts of a session, in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Facts {
    pub title: String,
    pub date: String,
    pub time_range: String,
    pub finish: String,
    pub place_name: String,
    pub place_address: Vec<String>,
}

/// Everything a session's documents are made from, borrowed from the loaded project.
pub struct SessionView<'a> {
    pub session: &'a Session,
    pub office: &'a Office,
    pub claimants: &'a ClaimantList,
    pub strings: &'a Strings,
    /// The date printed on letters.
    pub issued: NaiveDate,
    /// Warnings about claimant rows: (row, code, message).
    pub warnings: Vec<(usize, &'static str, String)>,
    pub poster_size: crate::project::PosterSize,
}

impl SessionView<'_> {
    /// Invited claimants, in the order of the claimant list.
    pub fn invited(&self) -> Vec<&Claimant> {
        self.claimants
            .claimants
            .iter()
            .filter(|c| c.is_invited())
            .collect()
    }

    /// The warnings about one claimant row: (code, message).
    pub fn row_warnings(&self, row: usize) -> Vec<(&'static str, &str)> {
        self.warnings
            .iter()
            .filter(|(r, _, _)| *r == row)
            .map(|(_, code, message)| (*code, message.as_str()))
            .collect()
    }

    /// Text in `lang`; never falls back to the other language.
    pub fn text(&self, texts: &Texts, lang: Lang) -> Result<String, String> {
        texts.get(lang).map(str::to_string).ok_or_else(|| {
            format!(
                "{}: text in `{}` is missing",
                self.session.file(),
                lang.code()
            )
        })
    }

    /// The languages of the office's own documents, in reading order: Welsh first in Wales.
    pub fn office_langs(&self) -> &'static [Lang] {
        if self.office.in_wales {
            &[Lang::Cy, Lang::En]
        } else {
            &[Lang::En]
        }
    }

    /// Every string in each of `langs`, by template key: `l.key` is a list of {lang, text}.
    pub fn labels(
        &self,
        langs: &[Lang],
        args: &[(&str, strings::Arg)],
    ) -> std::collections::BTreeMap<String, Vec<Piece>> {
        let mut out: std::collections::BTreeMap<String, Vec<Piece>> =
            std::collections::BTreeMap::new();
        for &lang in langs {
            for (key, text) in self.strings.resolve_all(lang, args) {
                out.entry(key).or_default().push(Piece { lang, text });
            }
        }
        out.retain(|_, pieces| pieces.len() == langs.len());
        out
    }

    /// One value in each of `langs`.
    pub fn each(
        &self,
        langs: &[Lang],
        f: impl Fn(Lang) -> Result<String, String>,
    ) -> Result<Vec<Piece>, String> {
        langs
            .iter()
            .map(|&lang| {
                Ok(Piece {
                    lang,
                    text: f(lang)?,
                })
            })
            .collect()
    }

    /// Title, date, times and place of the session in `lang`.
    pub fn facts(&self, lang: Lang) -> Result<Facts, String> {
        let s = self.session;
        let start = dates::time(lang, s.start_time());
        let finish = dates::time(lang, s.ends().time());
        let time_range = self.strings.get(
            lang,
            "time-range",
            &[
                ("start", strings::Arg::Text(start)),
                ("end", strings::Arg::Text(finish.clone())),
            ],
        )?;
        let (place_name, place_address) = self.place(lang)?;
        Ok(Facts {
            title: self.text(&s.title, lang)?,
            date: dates::weekday_date(lang, s.date()),
            time_range,
            finish,
            place_name,
            place_address,
        })
    }

    /// Where the session is: the venue, or the office when there is none.
    pub fn place(&self, lang: Lang) -> Result<(String, Vec<String>), String> {
        match &self.session.venue {
            Some(v) => Ok((self.text(&v.name, lang)?, v.address.clone())),
            None => Ok((
                self.text(&self.office.name, lang)?,
                self.office.address.clone(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autoescape_and_typst_str_do_not_double_escape() {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".typ.tera"]);
        tera.set_escape_fn(escape::markup);
        tera.register_filter("typst_str", TypstStr);
        tera.add_raw_template("t.typ.tera", "{{ name }}|#{{ name | typst_str }}")
            .unwrap();
        let t = Templates { tera };
        let out = t
            .render(
                "t.typ.tera",
                &serde_json::json!({ "name": "O'Brien #1 \"q\" a/b" }),
            )
            .unwrap();
        assert_eq!(out, r#"O\'Brien \#1 \"q\" a\/b|#"O'Brien #1 \"q\" a/b""#);
    }
}
