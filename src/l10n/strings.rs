//! User-visible wording, per language, from Fluent files: `templates/strings/en.ftl` and
//! `cy.ftl`. Plurals follow the CLDR rules of each language (fluent-bundle). There is no
//! fallback: a key missing from one language is an error naming the key and the file.

use std::collections::BTreeMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

use super::Lang;
use crate::codes::STRINGS_SYNTAX;
use crate::diag::{Diagnostic, Location};

pub const EN_FILE: &str = "templates/strings/en.ftl";
pub const CY_FILE: &str = "templates/strings/cy.ftl";

/// A string that cannot be had: missing from its file, or failing to format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StringError {
    #[error("the string `{key}` is missing from {file}")]
    Missing { key: String, file: String },
    #[error("the string `{key}` in {file} cannot be formatted: {reason}")]
    Format {
        key: String,
        file: String,
        line: usize,
        reason: String,
    },
}

#[cfg(test)]
thread_local! {
    /// Every key read with [`Strings::get`] on this thread, for the test that each is declared.
    pub static READ: std::cell::RefCell<std::collections::BTreeSet<String>> =
        const { std::cell::RefCell::new(std::collections::BTreeSet::new()) };
}

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
    /// What a translator and the checks need of each message.
    info: BTreeMap<String, KeyInfo>,
}

/// The comment line in `cy.ftl`, just above a message, that marks its Welsh as composed by the
/// developers and awaiting a translator's review.
pub const AWAITING_REVIEW: &str = "awaiting review";
/// The comment line that says a message is rightly the same in both languages (a phone
/// number, a proper name).
pub const SAME_IN_BOTH: &str = "same in both languages";

/// One message as written in its file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyInfo {
    pub line: usize,
    /// The `{ $name }` variables it uses.
    pub placeholders: std::collections::BTreeSet<String>,
    /// Its comment lines, without `#`.
    pub comment: Vec<String>,
    /// Its value as written: what follows `key = `, continuation lines included.
    pub source: String,
}

impl KeyInfo {
    pub fn awaiting_review(&self) -> bool {
        self.comment
            .iter()
            .any(|c| c.trim().eq_ignore_ascii_case(AWAITING_REVIEW))
    }

    pub fn same_in_both(&self) -> bool {
        self.comment
            .iter()
            .any(|c| c.trim().eq_ignore_ascii_case(SAME_IN_BOTH))
    }
}

/// The variables a pattern uses, in its placeables and select expressions alike.
fn placeholders(pattern: &ast::Pattern<&str>, out: &mut std::collections::BTreeSet<String>) {
    fn inline(e: &ast::InlineExpression<&str>, out: &mut std::collections::BTreeSet<String>) {
        match e {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_string());
            }
            ast::InlineExpression::Placeable { expression } => expr(expression, out),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline(a, out);
                }
            }
            _ => {}
        }
    }
    fn expr(e: &ast::Expression<&str>, out: &mut std::collections::BTreeSet<String>) {
        match e {
            ast::Expression::Inline(i) => inline(i, out),
            ast::Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    placeholders(&v.value, out);
                }
            }
        }
    }
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expr(expression, out);
        }
    }
}

/// The value of the message defined on `line` (1-based) of `text`, as written: what follows
/// `=` (one space after it dropped) through its continuation lines.
fn source_of(text: &str, line: usize) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let Some(first) = lines.get(line - 1) else {
        return String::new();
    };
    let mut value = first
        .split_once('=')
        .map(|(_, v)| v.strip_prefix(' ').unwrap_or(v))
        .unwrap_or("")
        .to_string();
    let rest = &lines[line.min(lines.len())..];
    let mut taken = 0;
    for (i, next) in rest.iter().enumerate() {
        // Indented lines continue a message, and so does the `}` that closes a select; blank
        // lines do too when an indented line follows them (a paragraph break).
        let continues =
            |l: &str| (l.starts_with([' ', '\t']) && !l.trim().is_empty()) || l.starts_with('}');
        if continues(next) {
            taken = i + 1;
        } else if next.trim().is_empty() {
            if !rest[i..]
                .iter()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| continues(l))
            {
                break;
            }
        } else {
            break;
        }
    }
    for next in &rest[..taken] {
        value.push('\n');
        value.push_str(next);
    }
    value
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
    let mut info = BTreeMap::new();
    // The full parse keeps comments (the runtime one drops them): the review status lives there.
    let full = match fluent_syntax::parser::parse(text) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    for entry in &full.body {
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
            let mut used = std::collections::BTreeSet::new();
            if let Some(value) = &m.value {
                placeholders(value, &mut used);
            }
            info.insert(
                name.to_string(),
                KeyInfo {
                    line,
                    placeholders: used,
                    comment: m
                        .comment
                        .as_ref()
                        .map(|c| c.content.iter().map(|l| l.to_string()).collect())
                        .unwrap_or_default(),
                    source: source_of(text, line),
                },
            );
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
        info,
    }
}

impl Strings {
    /// Load both catalogues; report syntax errors. Whether the two agree is a rule
    /// (`rules::welsh`), checked with the others.
    pub fn load(
        en_file: &str,
        en_text: &str,
        cy_file: &str,
        cy_text: &str,
    ) -> (Strings, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let en = load_catalog(Lang::En, en_file, en_text, &mut diags);
        let cy = load_catalog(Lang::Cy, cy_file, cy_text, &mut diags);
        (Strings { en, cy }, diags)
    }

    /// The file of a language's strings.
    pub fn file(&self, lang: Lang) -> &str {
        &self.catalog(lang).file
    }

    /// The message IDs of a language, with the line each is defined on.
    pub fn keys(&self, lang: Lang) -> &BTreeMap<String, usize> {
        &self.catalog(lang).keys
    }

    /// A message as written in `lang`'s file.
    pub fn info(&self, lang: Lang, key: &str) -> Option<&KeyInfo> {
        self.catalog(lang).info.get(key)
    }

    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.catalog(lang).keys.contains_key(key)
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

    /// One message, by its Fluent ID (`letter-title`): how Rust code reads a string.
    pub fn get(&self, lang: Lang, key: &str, args: &[(&str, Arg)]) -> Result<String, StringError> {
        #[cfg(test)]
        READ.with(|read| read.borrow_mut().insert(key.to_string()));
        let catalog = self.catalog(lang);
        if !catalog.keys.contains_key(key) {
            return Err(StringError::Missing {
                key: key.to_string(),
                file: catalog.file.clone(),
            });
        }
        catalog.format(key, &fluent_args(args))
    }
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
    fn format(&self, key: &str, args: &FluentArgs) -> Result<String, StringError> {
        let error = |reason: String| StringError::Format {
            key: key.to_string(),
            file: self.file.clone(),
            line: self.keys.get(key).copied().unwrap_or(1),
            reason,
        };
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return Err(error("it has no text".into()));
        };
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(args), &mut errors);
        match errors.first() {
            Some(e) => Err(error(e.to_string())),
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
