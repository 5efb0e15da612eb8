//! User-visible wording, per language, from Fluent files: `templates/strings/en.ftl` and
//! `cy.ftl`. Plurals follow the CLDR rules of each language (fluent-bundle). There is no
//! fallback: a key missing from one language is an error naming the key and the file.

use std::collections::BTreeMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

use super::Lang;
use crate::diag::{Diagnostic, Level, Location, Rule};

pub static STRINGS_SYNTAX: Rule = Rule {
    code: "SP020",
    name: "strings-syntax",
    level: Level::Error,
    source: None,
    summary: "strings files are Fluent (.ftl): `key = text`, variables as { $name }",
};

pub static WELSH_MISSING: Rule = Rule {
    code: "GS014",
    name: "welsh-missing",
    level: Level::Error,
    source: Some("Welsh standards"),
    summary: "Welsh output must be complete Welsh: no English fallback for a missing title, note or string",
};

/// A value passed to a message: numbers select plural forms, text is inserted as it is.
#[derive(Debug, Clone)]
pub enum Arg {
    Number(i64),
    Text(String),
}

struct Catalog {
    file: String,
    bundle: FluentBundle<FluentResource>,
    /// Message IDs with the line they are defined on.
    keys: BTreeMap<String, usize>,
}

pub struct Strings {
    en: Catalog,
    cy: Catalog,
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

fn load_catalog(lang: Lang, file: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Catalog {
    let resource = match FluentResource::try_new(text.to_string()) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors {
                diags.push(
                    Diagnostic::new(
                        &STRINGS_SYNTAX,
                        format!("this line is not valid Fluent: {}", e.kind),
                    )
                    .at(Location::line(file, line_of(text, e.pos.start)))
                    .snippet(
                        text.lines()
                            .nth(line_of(text, e.pos.start) - 1)
                            .unwrap_or_default(),
                    ),
                );
            }
            r
        }
    };
    let mut keys = BTreeMap::new();
    for entry in resource.entries() {
        if let ast::Entry::Message(m) = entry {
            let name = m.id.name;
            let line = text
                .lines()
                .position(|l| {
                    l.strip_prefix(name)
                        .is_some_and(|rest| rest.trim_start().starts_with('='))
                })
                .map_or(1, |i| i + 1);
            keys.insert(name.to_string(), line);
        }
    }
    let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
    // Bidi isolation marks would reach the PDF as invisible characters.
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    Catalog {
        file: file.to_string(),
        bundle,
        keys,
    }
}

impl Strings {
    /// Load both catalogues; report syntax errors and keys present in only one language.
    pub fn load(
        en_file: &str,
        en_text: &str,
        cy_file: &str,
        cy_text: &str,
    ) -> (Strings, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let en = load_catalog(Lang::En, en_file, en_text, &mut diags);
        let cy = load_catalog(Lang::Cy, cy_file, cy_text, &mut diags);
        for (have, lack) in [(&en, &cy), (&cy, &en)] {
            for (key, line) in &have.keys {
                if !lack.keys.contains_key(key) {
                    diags.push(
                        Diagnostic::new(
                            &WELSH_MISSING,
                            format!(
                                "the string `{key}` is in {} but missing from {}",
                                have.file, lack.file
                            ),
                        )
                        .at(Location::line(&have.file, *line))
                        .help(format!("add `{key} = ...` to {}", lack.file)),
                    );
                }
            }
        }
        (Strings { en, cy }, diags)
    }

    fn catalog(&self, lang: Lang) -> &Catalog {
        match lang {
            Lang::En => &self.en,
            Lang::Cy => &self.cy,
        }
    }

    /// Every message of `lang`, formatted with `args`, keyed with `_` for `-`
    /// (`letter-intro` is `s.letter_intro` in templates).
    pub fn resolve_all(&self, lang: Lang, args: &[(&str, Arg)]) -> BTreeMap<String, String> {
        let catalog = self.catalog(lang);
        let args = fluent_args(args);
        let mut out = BTreeMap::new();
        for key in catalog.keys.keys() {
            // A message needing a variable not given is left out: a template using it then
            // fails naming it, never printing a blank.
            if let Ok(text) = catalog.format(key, &args) {
                out.insert(key.replace('-', "_"), text);
            }
        }
        out
    }

    /// One message (used outside templates, e.g. for PDF titles).
    pub fn get(&self, lang: Lang, key: &str, args: &[(&str, Arg)]) -> Result<String, String> {
        let catalog = self.catalog(lang);
        if !catalog.keys.contains_key(key) {
            return Err(format!("string `{key}` is missing from {}", catalog.file));
        }
        catalog.format(key, &fluent_args(args))
    }
}

/// A resolved string by template key (`letter_intro`), or an error naming it.
pub fn pick<V: Clone>(strings: &BTreeMap<String, V>, key: &str) -> Result<V, String> {
    strings
        .get(key)
        .cloned()
        .ok_or_else(|| format!("string `{key}` is missing"))
}

fn fluent_args<'a>(args: &'a [(&str, Arg)]) -> FluentArgs<'a> {
    let mut out = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Number(n) => out.set(*name, FluentValue::from(*n)),
            Arg::Text(t) => out.set(*name, FluentValue::from(t.as_str())),
        }
    }
    out
}

impl Catalog {
    fn format(&self, key: &str, args: &FluentArgs) -> Result<String, String> {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return Ok(String::new());
        };
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(args), &mut errors);
        match errors.first() {
            Some(e) => Err(format!(
                "string `{key}` in {} cannot be formatted: {e}",
                self.file
            )),
            None => Ok(text.into_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welsh_plural_categories_select_forms() {
        let en = "n = { $count ->\n    [one] one\n   *[other] many\n}\n";
        let cy = "n = { $count ->\n    [zero] zero\n    [one] one\n    [two] two\n    [few] few\n    [many] many\n   *[other] other\n}\n";
        let (strings, diags) = Strings::load("en.ftl", en, "cy.ftl", cy);
        assert!(diags.is_empty());
        let got: Vec<String> = [0, 1, 2, 3, 4, 6, 10]
            .iter()
            .map(|n| {
                strings
                    .get(Lang::Cy, "n", &[("count", Arg::Number(*n))])
                    .unwrap()
            })
            .collect();
        assert_eq!(got, ["zero", "one", "two", "few", "other", "many", "other"]);
        assert_eq!(
            strings
                .get(Lang::En, "n", &[("count", Arg::Number(1))])
                .unwrap(),
            "one"
        );
    }

    #[test]
    fn a_key_missing_in_one_language_is_reported_with_key_and_file() {
        let (_, diags) = Strings::load("en.ftl", "a = A\nb = B\n", "cy.ftl", "a = A\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].rule.code, "GS014");
        assert!(
            diags[0].message.contains("`b`") && diags[0].message.contains("cy.ftl"),
            "{}",
            diags[0].message
        );
        assert_eq!(diags[0].location.as_ref().unwrap().to_string(), "en.ftl:2");
    }

    #[test]
    fn missing_variable_is_an_error_not_a_silent_placeholder() {
        let (strings, _) = Strings::load(
            "en.ftl",
            "g = Hi { $name }\n",
            "cy.ftl",
            "g = Helo { $name }\n",
        );
        assert!(strings.get(Lang::Cy, "g", &[]).is_err());
        assert!(!strings.resolve_all(Lang::Cy, &[]).contains_key("g"));
        let s = strings.resolve_all(Lang::Cy, &[("name", Arg::Text("Siân".into()))]);
        assert_eq!(s["g"], "Helo Siân");
    }

    #[test]
    fn syntax_errors_have_lines() {
        let (_, diags) = Strings::load("en.ftl", "a = A\nthis is wrong\n", "cy.ftl", "a = A\n");
        assert!(
            diags
                .iter()
                .any(|d| d.rule.code == "SP020" && d.location.as_ref().unwrap().line == Some(2)),
            "{diags:?}"
        );
    }
}
