//! Spoken languages, for interpreters: an ISO 639 code (`pl`), or its English or Welsh name
//! (`Polish`, `Pwyleg`), all meaning one language; named in each document's language from
//! CLDR's display names (ICU4X). The few everyday names CLDR does not use (`Farsi`, `Bengali`)
//! are listed as aliases; the few languages CLDR cannot name in Welsh or English (British Sign
//! Language, Kurmanji, Krio) have names of our own, so a deaf claimant or a Kurmanji speaker
//! never stops a session being built (welsh-review-2 finding 4).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use icu_experimental::displaynames::multi::LanguageDisplayNames;
use icu_experimental::displaynames::{DisplayNamesOptions, DisplayNamesPreferences};
use icu_locale_core::subtags::Language;

use super::Lang;

/// Names people write that CLDR's English and Welsh names do not include.
const ALIASES: &[(&str, &str)] = &[
    ("farsi", "fa"),
    ("bengali", "bn"),
    ("panjabi", "pa"),
    ("mandarin", "cmn"),
    ("mandarin chinese", "cmn"),
    ("sorani", "ckb"),
    ("kurmanji", "kmr"),
    ("tagalog", "tl"),
    ("pushto", "ps"),
    ("bsl", "bfi"),
    ("british sign language", "bfi"),
    ("iaith arwyddion prydain", "bfi"),
];

/// Our own names, English and Welsh, for languages CLDR does not name in both (or names too
/// broadly: `Chinese` for Mandarin). The Welsh awaits a translator's review like cy.ftl's.
const OWN_NAMES: &[(&str, &str, &str)] = &[
    (
        "bfi",
        "British Sign Language (BSL)",
        "Iaith Arwyddion Prydain (BSL)",
    ),
    ("kmr", "Kurmanji Kurdish", "Cwrdeg (Kurmanji)"),
    ("kri", "Krio", "Krio"),
    ("cmn", "Mandarin Chinese", "Tsieinëeg Mandarin"),
    ("prs", "Dari", "Dari"),
    ("syl", "Sylheti", "Sylheti"),
];

/// Every language CLDR names in English or Welsh: code → (English name, Welsh name), and
/// every code and lower-cased name → code. Read from ICU4X once, then kept as plain data.
struct Names {
    by_code: BTreeMap<String, (Option<String>, Option<String>)>,
    index: BTreeMap<String, String>,
}

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        let load = |locale: icu_locale_core::Locale| {
            LanguageDisplayNames::try_new(
                DisplayNamesPreferences::from(&locale),
                DisplayNamesOptions::default(),
            )
            .ok()
        };
        let en = load(icu_locale_core::locale!("en-GB"));
        let cy = load(icu_locale_core::locale!("cy"));
        let mut by_code = BTreeMap::new();
        let mut index = BTreeMap::new();
        let letters = || b'a'..=b'z';
        let two = letters().flat_map(|a| letters().map(move |b| vec![a, b]));
        let three = letters()
            .flat_map(|a| letters().flat_map(move |b| letters().map(move |c| vec![a, b, c])));
        for code in two.chain(three) {
            let code = String::from_utf8(code).unwrap_or_default();
            let Ok(language) = code.parse::<Language>() else {
                continue;
            };
            let of = |d: &Option<LanguageDisplayNames>| {
                d.as_ref().and_then(|d| d.of(language)).map(str::to_string)
            };
            let (en_name, cy_name) = (of(&en), of(&cy));
            if en_name.is_none() && cy_name.is_none() {
                continue;
            }
            for n in en_name.iter().chain(&cy_name) {
                index
                    .entry(n.to_lowercase())
                    .or_insert_with(|| code.clone());
            }
            index.insert(code.clone(), code.clone());
            by_code.insert(code, (en_name, cy_name));
        }
        for (code, en_name, cy_name) in OWN_NAMES {
            for n in [en_name, cy_name, code] {
                index.insert(n.to_lowercase(), code.to_string());
            }
            by_code.insert(
                code.to_string(),
                (Some(en_name.to_string()), Some(cy_name.to_string())),
            );
        }
        for (alias, code) in ALIASES {
            index
                .entry(alias.to_string())
                .or_insert_with(|| code.to_string());
        }
        Names { by_code, index }
    })
}

/// The name of the language with ISO 639 code `code`, in `lang`.
pub fn name(code: &str, lang: Lang) -> Option<&'static str> {
    let (en, cy) = names().by_code.get(code)?;
    match lang {
        Lang::En => en.as_deref(),
        Lang::Cy => cy.as_deref(),
    }
}

/// The ISO 639 code of a language written as a code or a name in English or Welsh, whatever
/// the case (`PL`, `polish`, `Pwyleg`); a note in brackets after it is ignored (`Arabic
/// (Sudanese)`). Otherwise the nearest names, for a "did you mean".
pub fn parse(text: &str) -> Result<String, Vec<String>> {
    let key = text
        .split('(')
        .next()
        .unwrap_or(text)
        .trim()
        .to_lowercase()
        .replace('’', "'");
    let index = &names().index;
    if let Some(code) = index.get(&key) {
        return Ok(code.clone());
    }
    let mut near: Vec<(f64, &String)> = index
        .keys()
        .filter(|k| k.len() > 3)
        .map(|k| (strsim::jaro_winkler(&key, k), k))
        .filter(|(score, _)| *score > 0.85)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0));
    Err(near
        .into_iter()
        .take(3)
        .map(|(_, k)| capitalise(k))
        .collect())
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_cldr_cannot_name_have_names_of_our_own_in_both_languages() {
        for (text, code, en, cy) in [
            (
                "BSL",
                "bfi",
                "British Sign Language (BSL)",
                "Iaith Arwyddion Prydain (BSL)",
            ),
            (
                "Iaith Arwyddion Prydain",
                "bfi",
                "British Sign Language (BSL)",
                "Iaith Arwyddion Prydain (BSL)",
            ),
            ("Kurmanji", "kmr", "Kurmanji Kurdish", "Cwrdeg (Kurmanji)"),
            ("Krio", "kri", "Krio", "Krio"),
            ("Mandarin", "cmn", "Mandarin Chinese", "Tsieinëeg Mandarin"),
            ("Dari", "prs", "Dari", "Dari"),
            ("Sylheti", "syl", "Sylheti", "Sylheti"),
        ] {
            assert_eq!(parse(text).as_deref(), Ok(code), "{text}");
            assert_eq!(name(code, Lang::En), Some(en));
            assert_eq!(name(code, Lang::Cy), Some(cy));
        }
    }

    #[test]
    fn codes_and_english_and_welsh_names_are_one_language() {
        for text in ["pl", "PL", "Polish", "polish", "Pwyleg"] {
            assert_eq!(parse(text).as_deref(), Ok("pl"), "{text}");
        }
        assert_eq!(parse("Farsi").as_deref(), Ok("fa"));
        assert_eq!(parse("Arabic (Sudanese)").as_deref(), Ok("ar"));
        assert_eq!(name("pl", Lang::Cy), Some("Pwyleg"));
        assert_eq!(name("pl", Lang::En), Some("Polish"));
        assert_eq!(name("uk", Lang::Cy), Some("Wcreineg"));
        let near = parse("Polsih").unwrap_err();
        assert!(near.contains(&"Polish".to_string()), "{near:?}");
    }
}
