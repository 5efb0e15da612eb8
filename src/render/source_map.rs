//! From the generated Typst back to the template: render joins each session's documents into
//! one source and knows where each template's part starts; a line typst complains about is
//! mapped to the template line whose literal text it holds.

use crate::diag::Location;

/// Where each document's part starts in a session's generated source.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    sections: Vec<Section>,
}

#[derive(Debug, Clone)]
struct Section {
    template: &'static str,
    /// 1-based line in the generated source where the part starts.
    first_line: usize,
}

impl SourceMap {
    pub fn push(&mut self, template: &'static str, first_line: usize) {
        self.sections.push(Section {
            template,
            first_line,
        });
    }

    /// Each document's template and the line its part starts on, in order.
    pub fn sections(&self) -> impl Iterator<Item = (&'static str, usize)> {
        self.sections.iter().map(|s| (s.template, s.first_line))
    }

    /// The template line a line of the generated source came from, given the templates'
    /// text by name.
    pub fn locate(
        &self,
        generated_line: usize,
        generated_text: &str,
        template_text: impl Fn(&str) -> Option<String>,
    ) -> Option<Location> {
        let section = self
            .sections
            .iter()
            .rev()
            .find(|s| s.first_line <= generated_line)?;
        let text = template_text(section.template)?;
        let line = template_line(&text, generated_text)?;
        Some(Location::line(
            format!("templates/{}", section.template),
            line,
        ))
    }
}

/// The literal text of a template line: what is left outside `{{ }}`, `{% %}` and `{# #}`.
fn literals(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(open) = ["{{", "{%", "{#"].iter().filter_map(|t| rest.find(t)).min() {
        out.push(&rest[..open]);
        let close = match &rest[open..open + 2] {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        match rest[open + 2..].find(close) {
            Some(end) => rest = &rest[open + 2 + end + 2..],
            None => return out,
        }
    }
    out.push(rest);
    out.into_iter()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Map a line of generated Typst back to the template line it came from: the template line
/// whose literal text appears, in order, in the generated line (the longest such match).
pub fn template_line(template: &str, generated_line: &str) -> Option<usize> {
    let generated = generated_line.trim();
    let mut best: Option<(usize, usize)> = None;
    for (i, line) in template.lines().enumerate() {
        let parts = literals(line);
        let len: usize = parts.iter().map(|p| p.len()).sum();
        if len < 3 {
            continue;
        }
        let mut at = 0;
        let found = parts.iter().all(|p| match generated[at..].find(p) {
            Some(pos) => {
                at += pos + p.len();
                true
            }
            None => false,
        });
        if found && best.is_none_or(|(_, l)| len > l) {
            best = Some((i + 1, len));
        }
    }
    best.map(|(line, _)| line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_generated_lines_to_the_template() {
        let template =
            "#import \"x\"\n  letter-part(\n    lang: {{ p.lang }},\n    page-format: {{ x }},\n";
        assert_eq!(
            template_line(template, "    page-format: \"Page\","),
            Some(4)
        );
        assert_eq!(template_line(template, "nothing like it"), None);
        let template = "  [\n    {{ p.s.intro }} #nosuch()\n    {{ p.s.other }}\n";
        assert_eq!(
            template_line(template, "    We would like to invite you\\. #nosuch()"),
            Some(2)
        );
    }

    #[test]
    fn sections_pick_the_template_of_the_line() {
        let mut map = SourceMap::default();
        map.push("a.typ.tera", 1);
        map.push("b.typ.tera", 10);
        let text = |name: &str| (name == "b.typ.tera").then(|| "x\n#bad() here\n".to_string());
        assert_eq!(
            map.locate(12, "#bad() here", text).unwrap().to_string(),
            "templates/b.typ.tera:2"
        );
        assert!(map.locate(3, "#bad() here", text).is_none());
    }
}
