//! The two guidance documents the rules come from, kept in `guidance/` and built into the
//! tool, so `explain` can quote the paragraph a rule cites: `GSG` is the Group Session
//! Guidance, `GIS` the Group Information Sessions guidance.

const GSG: &str = include_str!("../guidance/group-session-guidance.txt");
const GIS: &str = include_str!("../guidance/group-information-sessions.txt");

/// A paragraph of the guidance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// `GSG 32`.
    pub citation: String,
    pub text: String,
}

/// The number that opens a paragraph: `32. ` at the start of a line.
fn number_of(line: &str) -> Option<u32> {
    let (n, rest) = line.split_once('.')?;
    (!n.is_empty()
        && n.len() <= 3
        && n.bytes().all(|b| b.is_ascii_digit())
        && rest.starts_with(char::is_whitespace))
    .then(|| n.parse().ok())
    .flatten()
}

/// Paragraph `number` of `text`, its lines joined; the heading of the next section, which
/// ends it, left out.
fn paragraph(text: &str, number: u32) -> Option<String> {
    let mut lines = text.lines().skip_while(|l| number_of(l) != Some(number));
    let first = lines.next()?;
    let mut body = vec![first.trim()];
    for line in lines {
        if number_of(line).is_some() {
            break;
        }
        body.push(line.trim());
    }
    // A short line without a full stop at the end is the next section's heading.
    while body.len() > 1
        && body
            .last()
            .is_some_and(|l| l.is_empty() || (l.len() < 60 && !l.ends_with(['.', ':', ';', ','])))
    {
        body.pop();
    }
    let joined = body.join(" ");
    Some(joined.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The paragraphs a rule's source cites: `GSG 28-29, 35`, `GIS 18, GSG 40`. Citations of
/// other documents (`Welsh standards`) have none.
pub fn quote(source: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut document: Option<(&str, &str)> = None;
    for part in source.split(',').map(str::trim) {
        let mut words = part.split_whitespace();
        let mut range = part;
        if let Some(first) = words.next() {
            match first {
                "GSG" => document = Some(("GSG", GSG)),
                "GIS" => document = Some(("GIS", GIS)),
                _ if first.starts_with(|c: char| c.is_ascii_digit()) => {}
                _ => {
                    document = None;
                    continue;
                }
            }
            if !first.starts_with(|c: char| c.is_ascii_digit()) {
                range = words.next().unwrap_or("");
            }
        }
        let Some((name, text)) = document else {
            continue;
        };
        let (from, to) = match range.split_once('-') {
            Some((a, b)) => (a.parse().ok(), b.parse().ok()),
            None => (range.parse().ok(), range.parse().ok()),
        };
        let (Some(from), Some(to)) = (from, to) else {
            continue;
        };
        for number in from..=to {
            if let Some(text) = paragraph(text, number) {
                out.push(Paragraph {
                    citation: format!("{name} {number}"),
                    text,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_the_paragraphs_a_rule_cites() {
        let q = quote("GSG 28-29, 35");
        let cited: Vec<&str> = q.iter().map(|p| p.citation.as_str()).collect();
        assert_eq!(cited, ["GSG 28", "GSG 29", "GSG 35"]);
        assert!(q.iter().all(|p| p.text.len() > 40), "{q:?}");
        let q = quote("GIS 18, GSG 40");
        assert_eq!(q.len(), 2);
        assert!(q[0].text.starts_with("18."), "{q:?}");
        assert!(quote("Welsh standards").is_empty());
    }
}
