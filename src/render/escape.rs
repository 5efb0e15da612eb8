//! Escaping data for Typst (`reference/architecture.md` §5.4). Every value from YAML, CSV or the
//! strings files reaches Typst through one of these two functions, so a claimant called
//! `#read("/etc/passwd")` gets a letter with exactly that name printed.

/// Escape text for Typst markup: a backslash before every character markup gives a meaning.
/// Quotes are escaped too, so data prints exactly as written (no smart quotes).
/// Line breaks and control characters become spaces: a value cannot start a new paragraph.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '#' | '[' | ']' | '*' | '_' | '`' | '$' | '<' | '>' | '@' | '=' | '-' | '+'
            | '/' | '~' | ':' | '.' | '\'' | '"' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A Typst string literal, quotes included, for code positions (`name: {{ x | typst_str }}`).
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escapes_every_special_character() {
        assert_eq!(
            markup(r#"#read("/etc/passwd") *Bob* [x] $5 @ref <tag>"#),
            r#"\#read(\"\/etc\/passwd\") \*Bob\* \[x\] \$5 \@ref \<tag\>"#
        );
        assert_eq!(markup("= Heading"), r"\= Heading");
        assert_eq!(markup("- item"), r"\- item");
        assert_eq!(markup("1. first"), r"1\. first");
        assert_eq!(markup(r"C:\path\u{41}"), r"C\:\\path\\u\{41\}");
        assert_eq!(markup("https://x.org // c"), r"https\:\/\/x\.org \/\/ c");
        assert_eq!(markup("O'Brien"), r"O\'Brien");
        assert_eq!(markup("a--b ~ c"), r"a\-\-b \~ c");
    }

    #[test]
    fn markup_keeps_welsh_letters_and_flattens_newlines() {
        assert_eq!(markup("Grŵp Tŷ ẁẃẅỳ"), "Grŵp Tŷ ẁẃẅỳ");
        assert_eq!(markup("a\n\nb\tc"), "a  b c");
    }

    #[test]
    fn string_literal_escapes_quotes_and_backslashes() {
        assert_eq!(string_literal(r#"say "hi" \o/"#), r#""say \"hi\" \\o/""#);
        assert_eq!(string_literal("a\nb"), r#""a\nb""#);
        assert_eq!(string_literal("#let x = 1"), r##""#let x = 1""##);
    }
}
