//! Reading YAML with line numbers: every key's position is kept so a diagnostic can point at
//! the line of the offending key, and serde errors carry the position of the bad value.

use std::collections::BTreeMap;

use marked_yaml::{LoadError, LoaderOptions, Node};
use serde::de::DeserializeOwned;

use crate::codes::{YAML_SCHEMA, YAML_SYNTAX};
use crate::diag::{Diagnostic, Location};

/// The deepest nesting a project file may have: real ones have four or five levels. The YAML
/// parser recurses, so a file nested thousands deep would overflow the stack.
const MAX_NESTING: usize = 40;

/// Refuse, before parsing, a file nested deeper than any real project file: by indentation,
/// by `- - -` on one line, or by `[` and `{`.
pub fn check_nesting(text: &str) -> Result<(), String> {
    let mut flow = 0usize;
    for (i, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let mut rest = line.trim_start();
        let mut dashes = 0;
        while let Some(r) = rest.strip_prefix('-') {
            if !(r.is_empty() || r.starts_with(' ')) {
                break;
            }
            dashes += 1;
            rest = r.trim_start();
        }
        // Each `key: ` (and `? `) on a line opens a mapping inside the one before it:
        // `: : : : …` nests as deep as a file of indentation would.
        let mut keys = 0usize;
        let mut quote: Option<char> = None;
        let chars: Vec<char> = rest.chars().collect();
        for (j, &c) in chars.iter().enumerate() {
            let before = j.checked_sub(1).map(|b| chars[b]);
            let after = chars.get(j + 1).copied();
            let opens = before.is_none_or(|b| b.is_whitespace() || "[{,:".contains(b));
            let ends = after.is_none_or(char::is_whitespace);
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                '"' | '\'' if opens => quote = Some(c),
                '#' if before.is_none_or(char::is_whitespace) => break,
                '[' | '{' => flow += 1,
                ']' | '}' => flow = flow.saturating_sub(1),
                ':' if ends => keys += 1,
                '?' if opens && ends => keys += 1,
                _ => {}
            }
        }
        if indent / 2 + dashes + keys.saturating_sub(1) > MAX_NESTING || flow > MAX_NESTING {
            return Err(format!(
                "line {} is nested more than {MAX_NESTING} levels deep; project files are never this deep",
                i + 1
            ));
        }
    }
    Ok(())
}

/// A parsed YAML file: its typed value and the line and column of every key, by dotted path
/// (`risk_assessment.completed`, `agenda.2.minutes`).
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub file: String,
    keys: BTreeMap<String, (usize, usize)>,
    text: String,
}

impl<T> Located<T> {
    /// Where a key is; falls back to its nearest present parent, then the top of the file.
    pub fn loc(&self, path: &str) -> Location {
        let mut p = path;
        loop {
            if let Some((line, col)) = self.keys.get(p) {
                return Location::at(&self.file, *line, *col);
            }
            match p.rfind('.') {
                Some(i) => p = &p[..i],
                None => return Location::line(&self.file, 1),
            }
        }
    }
}

impl Diagnostic {
    /// Point at the line of the key `path` in a YAML file, quoting that line.
    pub fn at_key<T>(self, doc: &Located<T>, path: &str) -> Diagnostic {
        let loc = doc.loc(path);
        // Quote the line only when the key itself is there (not a parent it fell back to).
        let line = loc
            .line
            .filter(|_| doc.keys.contains_key(path))
            .and_then(|l| doc.text.lines().nth(l - 1))
            .map(str::trim_end);
        let d = self.at(loc);
        match line {
            Some(l) if !l.trim().is_empty() => d.snippet(l),
            _ => d,
        }
    }
}

fn index_keys(node: &Node, prefix: &str, keys: &mut BTreeMap<String, (usize, usize)>) {
    let join = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match node {
        Node::Mapping(map) => {
            for (k, v) in map.iter() {
                let path = join(k.as_str());
                if let Some(m) = k.span().start() {
                    keys.insert(path.clone(), (m.line(), m.column()));
                }
                index_keys(v, &path, keys);
            }
        }
        Node::Sequence(seq) => {
            for (i, v) in seq.iter().enumerate() {
                let path = join(&i.to_string());
                if let Some(m) = v.span().start() {
                    keys.insert(path.clone(), (m.line(), m.column()));
                }
                index_keys(v, &path, keys);
            }
        }
        Node::Scalar(_) => {}
    }
}

/// Parse `text` (from project-relative `file`) into `T`, or say exactly where and why not.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<Located<T>, Diagnostic> {
    let options = LoaderOptions::default().error_on_duplicate_keys(true);
    let node = marked_yaml::parse_yaml_with_options(0, text, options).map_err(|e| {
        let (marker, message) = match &e {
            LoadError::ScanError(m, s) => (Some(*m), s.info().to_string()),
            LoadError::TopLevelMustBeMapping(m) => (
                Some(*m),
                "the file must be a mapping of `key: value` lines".into(),
            ),
            LoadError::DuplicateKey(inner) => (
                inner.key.span().start().copied(),
                format!("the key `{}` appears twice", inner.key.as_str()),
            ),
            LoadError::UnexpectedAnchor(m) => {
                (Some(*m), "YAML anchors (`&name`) are not supported".into())
            }
            LoadError::UnexpectedTag(m) => {
                (Some(*m), "YAML tags (`!tag`) are not supported".into())
            }
            LoadError::MappingKeyMustBeScalar(m) => (Some(*m), "keys must be plain words".into()),
            other => (None, other.to_string()),
        };
        let loc = marker.map_or_else(
            || Location::file(file),
            |m| Location::at(file, m.line(), m.column()),
        );
        let mut d =
            Diagnostic::new(&YAML_SYNTAX, format!("this is not valid YAML: {message}")).at(loc);
        if let Some(line) = marker.and_then(|m| line_at(text, m.line())) {
            d = d.snippet(line);
        }
        if message.contains("tab") {
            d = d.help("YAML indents with spaces, never tabs: replace the tab with two spaces");
        }
        d
    })?;
    let mut keys = BTreeMap::new();
    index_keys(&node, "", &mut keys);
    let value = marked_yaml::from_node::<T>(&node).map_err(|e| {
        let loc = e.start_mark().map_or_else(
            || Location::file(file),
            |m| Location::at(file, m.line(), m.column()),
        );
        let path = e.path().filter(|p| !p.is_empty() && *p != ".");
        let described = describe(&e);
        let key = path.unwrap_or("").to_string();
        let message = match path {
            Some(path) if !described.contains(&format!("`{path}`")) => {
                format!("`{path}`: {described}")
            }
            _ => described,
        };
        let mut d = Diagnostic::new(&YAML_SCHEMA, message).at(loc);
        if let Some(line) = e.start_mark().and_then(|m| line_at(text, m.line())) {
            d = d.snippet(line);
        }
        if matches!(&*e, marked_yaml::Error::IntegerParseFailure(..)) {
            let name = key.rsplit('.').next().unwrap_or("minutes");
            d = d.help(format!(
                "write the number alone, with no words after it, such as `{name}: 60`"
            ));
        } else if matches!(&*e, marked_yaml::Error::NotBoolean(_)) {
            d = d.help("write true or false");
        }
        d
    })?;
    Ok(Located {
        value,
        file: file.to_string(),
        keys,
        text: text.to_string(),
    })
}

/// Line `n` (1-based) of `text`, as it is, for a snippet.
fn line_at(text: &str, n: usize) -> Option<String> {
    text.lines()
        .nth(n.checked_sub(1)?)
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.trim().is_empty())
}

fn describe(e: &marked_yaml::FromNodeError) -> String {
    use marked_yaml::Error;
    match &**e {
        Error::UnknownFieldError(field, expected, _) => {
            format!(
                "unknown key `{field}` (expected one of: {})",
                expected.join(", ")
            )
        }
        Error::NotBoolean(_) => "expected true or false".into(),
        Error::IntegerParseFailure(..) => "expected a whole number".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Example {
        name: String,
        #[serde(default)]
        count: u32,
        #[serde(default)]
        inner: Option<Inner>,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        when: String,
    }

    #[test]
    fn a_tab_and_a_number_with_words_say_what_to_write() {
        let tab = parse::<Example>("x.yaml", "name: a\n\tcount: 1\n").unwrap_err();
        assert!(
            tab.help.as_deref().unwrap_or("").contains("never tabs"),
            "{tab:?}"
        );
        let words = parse::<Example>("x.yaml", "name: a\ncount: 1 hour\n").unwrap_err();
        assert_eq!(words.snippet.as_deref(), Some("count: 1 hour"));
        assert!(
            words.help.as_deref().unwrap_or("").contains("`count: 60`"),
            "{words:?}"
        );
    }

    #[test]
    fn keys_have_lines() {
        let parsed: Located<Example> = parse("x.yaml", "name: a\ninner:\n  when: today\n").unwrap();
        assert_eq!(parsed.loc("inner.when").to_string(), "x.yaml:3:3");
        assert_eq!(parsed.loc("inner.missing").to_string(), "x.yaml:2:1");
        assert_eq!(parsed.loc("nothing").to_string(), "x.yaml:1");
    }

    #[test]
    fn unknown_key_is_located() {
        let e = parse::<Example>("x.yaml", "name: a\ncuont: 3\n").unwrap_err();
        assert_eq!(e.rule.code, "SP002");
        assert!(e.message.contains("unknown key `cuont`"), "{}", e.message);
        assert_eq!(e.location.unwrap().line, Some(2));
    }

    #[test]
    fn wrong_type_is_located() {
        let e = parse::<Example>("x.yaml", "name: a\ncount: many\n").unwrap_err();
        assert!(e.message.contains("count"), "{}", e.message);
        assert_eq!(e.location.unwrap().line, Some(2));
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep: String = (0..5000).map(|i| format!("{}-\n", " ".repeat(i))).collect();
        assert!(check_nesting(&deep).is_err());
        assert!(check_nesting(&"- ".repeat(100)).is_err());
        assert!(check_nesting(&"[".repeat(100)).is_err());
        assert!(check_nesting("a:\n  b:\n    - c: [1, {d: 2}]\n").is_ok());
        // Mappings nested on one line (found by the fuzzer: a stack overflow in the parser).
        assert!(check_nesting(&format!("title:\n{}\n", ": ".repeat(200))).is_err());
        assert!(check_nesting(&"? ".repeat(100)).is_err());
        // Colons inside quotes, URLs and times are not keys.
        assert!(check_nesting("a: \"b: c: d: e\"\nurl: https://x.y/z\nt: 10:00 # c: d:\n").is_ok());
        // The whole example project passes.
        for dir in ["content/sessions", "content/offices"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for f in std::fs::read_dir(dir).unwrap() {
                let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
                assert!(check_nesting(&text).is_ok());
            }
        }
    }

    #[test]
    fn syntax_error_is_located() {
        let e = parse::<Example>("x.yaml", "name: a\n  bad: [\n").unwrap_err();
        assert_eq!(e.rule.code, "SP001");
        assert!(e.location.unwrap().line.is_some());
        let e = parse::<Example>("x.yaml", "name: a\nname: b\n").unwrap_err();
        assert!(e.message.contains("appears twice"), "{}", e.message);
    }
}
