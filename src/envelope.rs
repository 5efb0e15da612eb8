//! The window envelope: where the address block sits and how wide it may be, and text widths
//! from the project's own font, so an address line that would not fit the window is an error
//! before anything is rendered (not a clipped line in the post).

/// The smallest address type (`templates/layout.typ`, `address-window`; Notify's own): the
/// window checks measure lines at this size, and [`address_type`] never goes below it.
pub const ADDRESS_FONT_SIZE_PT: f64 = 8.0;
pub const ADDRESS_LINE_PITCH_PT: f64 = 8.5;
/// Notify's block is 85 mm wide inside the 95.4 mm window; we keep the same margin.
pub const ADDRESS_MAX_WIDTH_MM: f64 = 85.0;
/// The name line plus up to 7 address lines (GOV.UK Notify: 8 lines fit 26.8 mm at 8.5pt).
pub const ADDRESS_MAX_LINES: usize = 8;

/// Notify's window (`templates/layout.typ`: `window-top`, `window-bottom`): the address block
/// is bottom-anchored in it.
pub const WINDOW_HEIGHT_MM: f64 = 26.8;
/// The letter's body type (`letter-body`, `letter-pitch`): the address is set at this size
/// when its lines fit the window.
pub const BODY_SIZE_PT: f64 = 12.5;
pub const BODY_PITCH_PT: f64 = 16.0;

/// The size and line pitch of one letter's address block.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AddressType {
    pub size_pt: f64,
    pub pitch_pt: f64,
}

/// The type of a letter's address block: the body's 12.5 pt on 16 pt where its lines fit the
/// window, smaller only as far as the number of lines or the widest line needs, and never
/// below Notify's 8 pt on 8.5 pt, at which the window checks (`rules/addresses.rs`) have
/// already made sure every line fits.
pub fn address_type(lines: &[String], metrics: Option<&FontMetrics>) -> AddressType {
    let window_pt = WINDOW_HEIGHT_MM / 25.4 * 72.0;
    let n = lines.len().max(1) as f64;
    let ratio = BODY_PITCH_PT / BODY_SIZE_PT;
    let mut size = BODY_SIZE_PT.min(window_pt / n / ratio);
    if let Some(m) = metrics {
        let widest = lines
            .iter()
            .filter_map(|l| m.width_mm(l, 1.0).ok())
            .fold(0.0, f64::max);
        if widest > 0.0 {
            size = size.min(ADDRESS_MAX_WIDTH_MM / widest);
        }
    }
    // Rounded down to 0.05 pt, so the letter and the check agree to the last digit.
    let size = ((size * 20.0).floor() / 20.0).max(ADDRESS_FONT_SIZE_PT);
    let pitch = (size * ratio)
        .min(window_pt / n)
        .max(ADDRESS_LINE_PITCH_PT.min(window_pt / n));
    AddressType {
        size_pt: size,
        pitch_pt: (pitch * 20.0).floor() / 20.0,
    }
}

pub const FONT_FAMILY: &str = "Atkinson Hyperlegible Next";

/// Advance widths of the regular face of the letter font.
pub struct FontMetrics {
    units_per_em: f64,
    /// The font file (ttf-parser borrows from it on each use).
    data: Vec<u8>,
    /// The advance of every character below [`TABLE`], looked up once ([`NO_GLYPH`] when the
    /// font has none): a week's 100,000 addresses are measured without parsing the font
    /// 100,000 times.
    advances: Vec<u16>,
}

/// Characters below this (Latin, punctuation, symbols) are looked up in a table.
const TABLE: u32 = 0x3000;
const NO_GLYPH: u16 = u16::MAX;

impl FontMetrics {
    /// Find the regular face of [`FONT_FAMILY`] among the font files given (name, bytes),
    /// already read from `templates/fonts/`.
    pub fn find<'a>(
        fonts: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Result<FontMetrics, String> {
        for (name, data) in fonts {
            let lower = name.to_ascii_lowercase();
            if !(lower.ends_with(".ttf") || lower.ends_with(".otf")) {
                continue;
            }
            let Ok(face) = ttf_parser::Face::parse(data, 0) else {
                continue;
            };
            let family = face
                .names()
                .into_iter()
                .filter(|n| {
                    n.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY
                        || n.name_id == ttf_parser::name_id::FAMILY
                })
                .find_map(|n| n.to_string());
            if family.as_deref() == Some(FONT_FAMILY) && !face.is_bold() && !face.is_italic() {
                let units_per_em = f64::from(face.units_per_em());
                let advances = (0..TABLE)
                    .map(|cp| {
                        char::from_u32(cp)
                            .and_then(|c| face.glyph_index(c))
                            .map_or(NO_GLYPH, |g| face.glyph_hor_advance(g).unwrap_or(0))
                    })
                    .collect();
                return Ok(FontMetrics {
                    units_per_em,
                    data: data.to_vec(),
                    advances,
                });
            }
        }
        Err(format!(
            "the font {FONT_FAMILY} (regular) is not in templates/fonts/: copy it there from a new project (sessionpack init)"
        ))
    }

    /// The advance of `c` in font units, if the font has it.
    fn advance(&self, c: char) -> Option<u16> {
        match self.advances.get(c as usize) {
            Some(&NO_GLYPH) => None,
            Some(&a) => Some(a),
            None => {
                let face = ttf_parser::Face::parse(&self.data, 0).ok()?;
                face.glyph_index(c)
                    .map(|g| face.glyph_hor_advance(g).unwrap_or(0))
            }
        }
    }

    /// Width of `text` in millimetres at `size_pt`, or the characters the font cannot show.
    pub fn width_mm(&self, text: &str, size_pt: f64) -> Result<f64, Vec<char>> {
        let mut units = 0.0;
        let mut missing = Vec::new();
        for c in text.chars() {
            match self.advance(c) {
                Some(a) => units += f64::from(a),
                None if c == ' ' => units += self.units_per_em * 0.25,
                None => missing.push(c),
            }
        }
        if !missing.is_empty() {
            return Err(missing);
        }
        Ok(units / self.units_per_em * size_pt * 25.4 / 72.0)
    }

    /// True when the font has a glyph for every character.
    pub fn covers(&self, text: &str) -> bool {
        self.missing(text).is_empty()
    }

    /// The characters of `text` the font has no glyph for, each once, in order.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        for c in text.chars() {
            // A control character (ESC, and the terminal sequences it starts) prints nothing
            // a reader could see: it is as unprintable as a glyph the font lacks.
            let control = c.is_control() && !matches!(c, '\t' | '\n' | '\r');
            if (control || (!c.is_whitespace() && self.advance(c).is_none())) && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The window and body type live in `templates/layout.typ`; the numbers here that check
    /// addresses must be the same ones.
    #[test]
    fn the_checks_use_the_layout_files_numbers() {
        let layout = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/layout.typ"),
        )
        .unwrap();
        let value = |name: &str| -> f64 {
            let line = layout
                .lines()
                .find(|l| l.starts_with(&format!("#let {name} = ")))
                .unwrap();
            line.rsplit(' ')
                .next()
                .unwrap()
                .trim_end_matches("mm")
                .trim_end_matches("pt")
                .parse()
                .unwrap()
        };
        let height = value("window-bottom") - value("window-top");
        assert!((height - WINDOW_HEIGHT_MM).abs() < 1e-9, "{height}");
        assert_eq!(value("letter-body"), BODY_SIZE_PT);
        assert_eq!(value("letter-pitch"), BODY_PITCH_PT);
    }

    #[test]
    fn the_address_is_at_body_size_where_its_lines_fit_the_window() {
        let lines = |n: usize| vec!["12 High St".to_string(); n];
        let four = address_type(&lines(4), None);
        assert_eq!((four.size_pt, four.pitch_pt), (12.5, 16.0));
        let five = address_type(&lines(5), None);
        assert!(five.size_pt < 12.5 && five.pitch_pt * 5.0 <= 26.8 / 25.4 * 72.0);
        let eight = address_type(&lines(8), None);
        assert_eq!(eight.size_pt, ADDRESS_FONT_SIZE_PT);
        assert!(eight.pitch_pt * 8.0 <= 26.8 / 25.4 * 72.0, "{eight:?}");
        // A line too wide for the window at body size is set smaller, never below 8 pt.
        let m = metrics();
        let wide = vec!["Flat 12, Llys Tywysog Cymru, 112 Cowbridge Road East".to_string(); 3];
        let t = address_type(&wide, Some(&m));
        assert!(t.size_pt < 12.5 && t.size_pt >= 8.0, "{t:?}");
        assert!(m.width_mm(&wide[0], t.size_pt).unwrap() <= ADDRESS_MAX_WIDTH_MM);
    }

    fn metrics() -> FontMetrics {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/fonts");
        let name = "AtkinsonHyperlegibleNext_400Regular.ttf";
        let data = std::fs::read(dir.join(name)).unwrap();
        FontMetrics::find([(name, data.as_slice())]).unwrap()
    }

    #[test]
    fn the_letter_font_covers_every_welsh_letter() {
        // reference/welsh.md §4.1
        let welsh = "ÂâÊêÎîÔôÛûŴŵŶŷẀẁẂẃẄẅỲỳÝýŸÿÏïÁáÉéÍíÓóÚúÀàÈèÌìÒòÙùÄäËëÖöÜü’‘“”–—£€…•";
        assert!(metrics().covers(welsh));
    }

    #[test]
    fn widths_grow_with_text_and_size() {
        let m = metrics();
        let short = m.width_mm("1 High Street", 8.0).unwrap();
        let long = m
            .width_mm("1 High Street, Cathays, Cardiff, South Glamorgan", 8.0)
            .unwrap();
        assert!(short > 15.0 && short < 30.0, "{short}");
        assert!(long > short * 3.0);
        assert!(
            (m.width_mm("Abc", 16.0).unwrap() - 2.0 * m.width_mm("Abc", 8.0).unwrap()).abs() < 1e-9
        );
        assert!(m.width_mm("\u{E000}", 8.0).is_err());
    }
}
