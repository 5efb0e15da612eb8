//! Postal addresses for window envelopes, checked as GOV.UK Notify checks them
//! (`reference/notify.md` §2): 3 to 7 lines including the postcode, no symbol-only first lines,
//! no line starting with a character the printer rejects, no "no fixed abode", a real UK
//! postcode shape. Line width is checked against the font in `envelope`.

/// Which input field a line came from, so a problem can name its CSV column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `address_line_N`, 1-based.
    Line(usize),
    Postcode,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostalAddress {
    /// Address lines without the postcode, trimmed, empty ones and country lines dropped.
    pub lines: Vec<(Field, String)>,
    /// Upper case, one space before the inward code: `CF10 1AA`.
    pub postcode: String,
    pub postcode_field: Field,
}

impl PostalAddress {
    /// All printed lines: address lines then the postcode.
    pub fn printed_lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self.lines.iter().map(|(_, l)| l.clone()).collect();
        out.push(self.postcode.clone());
        out
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: Field,
    pub message: String,
    pub help: &'static str,
}

pub const MIN_LINES: usize = 3;
pub const MAX_LINES: usize = 7;
const BAD_FIRST_CHARACTERS: &str = "@()=[]\"\\/,<>~";
const COUNTRY_LINES: &[&str] = &[
    "uk",
    "united kingdom",
    "gb",
    "great britain",
    "england",
    "wales",
    "cymru",
    "scotland",
    "northern ireland",
    "y deyrnas unedig",
];

/// Outward-code areas of UK postcodes (Notify's `uk-postcode-zones.txt`, without `GIR`).
const POSTCODE_AREAS: &[&str] = &[
    "AB", "AL", "B", "BA", "BB", "BD", "BF", "BH", "BL", "BN", "BR", "BS", "BT", "BX", "CA", "CB",
    "CF", "CH", "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT",
    "DY", "E", "EC", "EH", "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY", "HA", "HD", "HG", "HP",
    "HR", "HS", "HU", "HX", "IG", "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L", "LA", "LD",
    "LE", "LL", "LN", "LS", "LU", "M", "ME", "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW",
    "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK",
    "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR",
    "TS", "TW", "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
];

/// Normalise a postcode to `AA9A 9AA` form if it has a real UK postcode shape.
pub fn normalise_postcode(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !compact.is_ascii() || compact.len() < 5 || compact.len() > 7 {
        return None;
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let inward_ok = {
        let b = inward.as_bytes();
        b[0].is_ascii_digit()
            && b[1..]
                .iter()
                .all(|c| c.is_ascii_uppercase() && !b"CIKMOV".contains(c))
    };
    let area_len = outward.bytes().take_while(u8::is_ascii_uppercase).count();
    let (area, district) = outward.split_at(area_len);
    // A district is one or two digits, or a digit and a letter from a short list (`W1A`,
    // `EC1V`): never O or I, which are read as zero and one.
    let letters: &[u8] = if area.len() == 1 {
        b"ABCDEFGHJKPSTUW"
    } else {
        b"ABEHMNPRVWXY"
    };
    let district_ok = {
        let b = district.as_bytes();
        matches!(b.len(), 1 | 2)
            && b[0].is_ascii_digit()
            && b.get(1)
                .is_none_or(|c| c.is_ascii_digit() || letters.contains(c))
    };
    (inward_ok && district_ok && POSTCODE_AREAS.contains(&area))
        .then(|| format!("{outward} {inward}"))
}

/// The real postcode a mistyped one stands for, when swapping letter O and zero, or letter I
/// and one, makes it real: `CF1O 3DS` is `CF10 3DS`.
pub fn suggest_postcode(text: &str) -> Option<String> {
    let compact: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let swappable: Vec<usize> = compact
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c, 'O' | '0' | 'I' | '1'))
        .map(|(i, _)| i)
        .collect();
    if compact.len() > 8 || swappable.is_empty() || swappable.len() > 6 {
        return None;
    }
    // Fewest changes first, so the closest real postcode is the one suggested.
    let mut masks: Vec<u32> = (1..(1u32 << swappable.len())).collect();
    masks.sort_by_key(|m| m.count_ones());
    masks.into_iter().find_map(|mask| {
        let mut candidate = compact.clone();
        for (bit, &i) in swappable.iter().enumerate() {
            if mask & (1 << bit) != 0 {
                candidate[i] = match candidate[i] {
                    'O' => '0',
                    '0' => 'O',
                    'I' => '1',
                    _ => 'I',
                };
            }
        }
        normalise_postcode(&candidate.into_iter().collect::<String>())
    })
}

fn is_country_line(line: &str) -> bool {
    let l = line.replace('.', "").to_lowercase();
    COUNTRY_LINES.contains(&l.trim())
}

fn is_no_fixed_abode(line: &str) -> bool {
    let l = line.to_lowercase();
    l.trim() == "nfa" || l.contains("no fixed abode") || l.contains("no fixed address")
}

/// Collapse runs of whitespace (and drop zero-width characters) so printing is predictable.
pub fn normalise_whitespace(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
            )
        })
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect::<String>()
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Check and normalise an address given as `address_line_1..6` and `postcode`.
pub fn parse(address_lines: &[String], postcode: &str) -> Result<PostalAddress, Vec<Problem>> {
    let mut lines: Vec<(Field, String)> = address_lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            (
                Field::Line(i + 1),
                normalise_whitespace(l)
                    .trim_end_matches([' ', ','])
                    .to_string(),
            )
        })
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let mut postcode_text = normalise_whitespace(postcode);
    let mut postcode_field = Field::Postcode;
    // An export may put the postcode on the last address line and leave the column blank.
    if postcode_text.is_empty()
        && let Some((field, last)) = lines.last().cloned()
        && normalise_postcode(&last).is_some()
    {
        postcode_text = last;
        postcode_field = field;
        lines.pop();
    }
    while lines.last().is_some_and(|(_, l)| is_country_line(l)) {
        lines.pop();
    }

    let mut problems = Vec::new();
    let postcode = if postcode_text.is_empty() {
        problems.push(Problem {
            field: Field::Postcode,
            message: "the postcode is missing".into(),
            help: "every letter needs a UK postcode as the last line of the address",
        });
        None
    } else {
        match normalise_postcode(&postcode_text) {
            Some(p) => Some(p),
            None => {
                problems.push(match suggest_postcode(&postcode_text) {
                    Some(suggestion) => Problem {
                        field: postcode_field,
                        message: format!(
                            "`{postcode_text}` is not a real UK postcode: did you mean {suggestion}?"
                        ),
                        help: "a letter O or I where a zero or one goes (or the other way round) looks right on screen but cannot be delivered: type the postcode again",
                    },
                    None => Problem {
                        field: postcode_field,
                        message: format!("`{postcode_text}` is not a real UK postcode"),
                        help: "check the postcode (for example CF10 1EP); letters can only go to UK addresses",
                    },
                });
                None
            }
        }
    };

    let total = lines.len() + 1;
    if total < MIN_LINES {
        problems.push(Problem {
            field: lines.last().map_or(Field::Line(1), |(f, _)| *f),
            message: format!(
                "the address has {total} lines with the postcode; it needs at least {MIN_LINES}"
            ),
            help: "give at least two address lines before the postcode",
        });
    }
    if total > MAX_LINES {
        problems.push(Problem {
            field: lines[MAX_LINES - 1].0,
            message: format!("the address has {total} lines with the postcode; at most {MAX_LINES} fit the envelope window"),
            help: "join some lines so the address has at most 6 lines before the postcode",
        });
    }
    for (i, (field, line)) in lines.iter().enumerate() {
        if i < 2 && !line.chars().any(|c| c.is_ascii_alphanumeric()) {
            problems.push(Problem {
                field: *field,
                message: format!("address line `{line}` has no letter or digit"),
                help: "the first two lines of an address must each contain a letter or a digit",
            });
        }
        if let Some(c) = line
            .chars()
            .next()
            .filter(|c| BAD_FIRST_CHARACTERS.contains(*c))
        {
            problems.push(Problem {
                field: *field,
                message: format!("address line `{line}` starts with `{c}`"),
                help: "address lines must not start with any of @ ( ) = [ ] \" \\ / , < > ~",
            });
        }
        if is_no_fixed_abode(line) {
            problems.push(Problem {
                field: *field,
                message: format!("`{line}` is not a postal address"),
                help: "a claimant with no fixed abode cannot be sent a letter: invite them in person",
            });
        }
    }
    match postcode {
        Some(postcode) if problems.is_empty() => Ok(PostalAddress {
            lines,
            postcode,
            postcode_field,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_for_a_digit_in_a_postcode_is_caught_with_the_right_one_suggested() {
        assert_eq!(normalise_postcode("CF1O 3DS"), None);
        assert_eq!(suggest_postcode("CF1O 3DS").as_deref(), Some("CF10 3DS"));
        assert_eq!(suggest_postcode("CF1I 3DS").as_deref(), Some("CF11 3DS"));
        assert_eq!(suggest_postcode("CFIO 3DS").as_deref(), Some("CF10 3DS"));
        assert_eq!(normalise_postcode("EC1V 9HX").as_deref(), Some("EC1V 9HX"));
        assert_eq!(normalise_postcode("W1A 1AA").as_deref(), Some("W1A 1AA"));
        assert_eq!(suggest_postcode("XM4 5HQ"), None);
        let problems = parse(&["1 High St".into(), "Cardiff".into()], "CF1O 3DS").unwrap_err();
        assert!(
            problems[0].message.contains("did you mean CF10 3DS?"),
            "{problems:?}"
        );
    }

    fn lines(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn postcodes_normalise() {
        assert_eq!(normalise_postcode("cf101ep").as_deref(), Some("CF10 1EP"));
        assert_eq!(
            normalise_postcode(" SW1A  1AA ").as_deref(),
            Some("SW1A 1AA")
        );
        assert_eq!(normalise_postcode("w1a 1aa").as_deref(), Some("W1A 1AA"));
        assert_eq!(normalise_postcode("M1 1AE").as_deref(), Some("M1 1AE"));
        assert_eq!(normalise_postcode("SA1 1DP").as_deref(), Some("SA1 1DP"));
    }

    #[test]
    fn bad_postcodes_are_refused() {
        for p in [
            "XM4 5HQ",
            "GIR 0AA",
            "GX11 1AA",
            "CF10 1EC",
            "CF10 1IA",
            "BFPO 1234",
            "12345",
            "CF10",
            "CF 1EP",
        ] {
            assert_eq!(normalise_postcode(p), None, "{p}");
        }
    }

    #[test]
    fn a_good_address_drops_blanks_and_country() {
        let a = parse(
            &lines(&["1 High Street", "", "Cardiff", "Wales"]),
            "cf10 1ep",
        )
        .unwrap();
        assert_eq!(
            a.printed_lines(),
            vec!["1 High Street", "Cardiff", "CF10 1EP"]
        );
        assert_eq!(a.lines[1].0, Field::Line(3));
    }

    #[test]
    fn postcode_can_sit_on_the_last_line() {
        let a = parse(&lines(&["1 High Street", "Cardiff", "CF10 1EP"]), "").unwrap();
        assert_eq!(
            a.printed_lines(),
            vec!["1 High Street", "Cardiff", "CF10 1EP"]
        );
        assert_eq!(a.postcode_field, Field::Line(3));
    }

    #[test]
    fn too_few_lines() {
        let e = parse(&lines(&["1 High Street", "", ""]), "CF10 1EP").unwrap_err();
        assert!(e[0].message.contains("needs at least 3"), "{e:?}");
    }

    #[test]
    fn too_many_lines() {
        let e = parse(&lines(&["a1", "b2", "c", "d", "e", "f", "g"]), "CF10 1EP").unwrap_err();
        assert!(e.iter().any(|p| p.message.contains("at most 7")), "{e:?}");
    }

    #[test]
    fn symbol_lines_bad_starts_and_nfa() {
        let e = parse(&lines(&["---", "=Town", "NFA"]), "CF10 1EP").unwrap_err();
        let msgs: Vec<_> = e.iter().map(|p| p.message.as_str()).collect();
        assert!(
            msgs.iter().any(|m| m.contains("no letter or digit")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("starts with `=`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.contains("not a postal address")),
            "{msgs:?}"
        );
        let e = parse(&lines(&["No Fixed Abode", "Cardiff"]), "CF10 1EP").unwrap_err();
        assert_eq!(e[0].field, Field::Line(1));
    }

    #[test]
    fn missing_and_bad_postcode_name_the_postcode_field() {
        let e = parse(&lines(&["1 High St", "Cardiff"]), "").unwrap_err();
        assert_eq!(e[0].field, Field::Postcode);
        let e = parse(&lines(&["1 High St", "Cardiff"]), "XM4 5HQ").unwrap_err();
        assert_eq!(e[0].field, Field::Postcode);
        assert!(e[0].message.contains("not a real UK postcode"));
    }
}
