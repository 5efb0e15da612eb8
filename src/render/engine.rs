//! The template engine: Tera with every `{{ value }}` escaped for Typst markup, and
//! `| typst_str` for Typst string literals in code positions.

use std::collections::HashMap;

use serde::Serialize;

use crate::codes::TEMPLATE_ERROR;
use crate::diag::{Diagnostic, Location, causes, chain_text};
use crate::render::error::RenderError;
use crate::render::escape;

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

/// The project's templates, parsed once up front, with Typst escaping.
pub struct Renderer {
    tera: tera::Tera,
}

impl Renderer {
    /// Parse the templates (name, text) all at once: they import each other's macros. A
    /// problem is a diagnostic at the template it names.
    pub fn parse<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Renderer, Option<Diagnostic>) {
        let mut renderer = Renderer::new();
        let sources: Vec<(&str, &str)> = sources.into_iter().collect();
        let problem = renderer
            .tera
            .add_raw_templates(sources.iter().copied())
            .err()
            .map(|e| {
                let message = chain_text(&causes(&e));
                let file = sources
                    .iter()
                    .find(|(n, _)| {
                        message.contains(&format!("'{n}'")) || message.contains(&format!("`{n}`"))
                    })
                    .map_or("templates".to_string(), |(n, _)| format!("templates/{n}"));
                let place = match parse_position(&message) {
                    Some((line, column)) if file != "templates" => Location::at(file, line, column),
                    _ => Location::file(file),
                };
                Diagnostic::new(
                    &TEMPLATE_ERROR,
                    format!("the templates cannot be parsed: {message}"),
                )
                .at(place)
            });
        (renderer, problem)
    }

    fn new() -> Renderer {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".typ.tera"]);
        tera.set_escape_fn(escape::markup);
        tera.register_filter("typst_str", TypstStr);
        Renderer { tera }
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// Render `template` with `context`.
    pub fn render(
        &self,
        template: &'static str,
        context: &impl Serialize,
    ) -> Result<String, RenderError> {
        let error = |source| RenderError::Template { template, source };
        let ctx = tera::Context::from_serialize(context).map_err(error)?;
        self.tera.render(template, &ctx).map_err(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autoescape_and_typst_str_do_not_double_escape() {
        let (r, problem) = Renderer::parse([("t.typ.tera", "{{ name }}|#{{ name | typst_str }}")]);
        assert!(problem.is_none());
        let out = r
            .render(
                "t.typ.tera",
                &serde_json::json!({ "name": "O'Brien #1 \"q\" a/b" }),
            )
            .unwrap();
        assert_eq!(out, r#"O\'Brien \#1 \"q\" a\/b|#"O'Brien #1 \"q\" a/b""#);
    }
}

/// Where Tera's parser says a syntax error is: `--> 8:7` in its message (line, column).
fn parse_position(message: &str) -> Option<(usize, usize)> {
    let rest = &message[message.find("--> ")? + 4..];
    let end = rest.find(|c: char| !c.is_ascii_digit() && c != ':')?;
    let (line, column) = rest[..end].split_once(':')?;
    Some((line.parse().ok()?, column.parse().ok()?))
}

#[cfg(test)]
mod position_tests {
    #[test]
    fn a_syntax_error_is_placed_at_its_line_and_column() {
        let message = "Failed to parse 'letters.typ.tera'\n --> 8:7\n  |\n";
        assert_eq!(super::parse_position(message), Some((8, 7)));
        assert_eq!(super::parse_position("no position"), None);
    }
}
