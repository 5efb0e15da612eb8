//! What a session's documents are made from: the session, its office, its claimants and the
//! strings, with the questions every document asks of them (the place, the languages of the
//! office's documents, the labels of the model's choices) answered in one place.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::PosterSize;
use crate::diag::{Level, Location};
use crate::l10n::strings::{Arg, Strings};
use crate::l10n::{Lang, LanguageChoice, dates};
use crate::model::session::{Facilities, Role, Section};
use crate::model::yaml::Located;
use crate::model::{
    AccessNeed, Claimant, ClaimantList, NotInvitedReason, Office, PrintFormat, Session, Texts,
};
use crate::plan::SessionPlan;
use crate::project::Project;
use crate::render::error::RenderError;
use crate::rules::{Findings, RowNote};

/// Text in one language, for templates that print several languages (`m::bi`).
#[derive(Debug, Clone, Serialize)]
pub struct Piece {
    pub lang: Lang,
    pub text: String,
}

/// The facts of a session, in one language.
#[derive(Debug, Clone, Serialize)]
pub struct Facts {
    pub title: String,
    pub date: String,
    pub time_range: String,
    pub finish: String,
    pub place_name: String,
    pub place_address: Vec<String>,
}

/// Everything a session's documents are made from, borrowed from the loaded project.
pub struct SessionView<'a> {
    pub session: &'a Session,
    pub office: &'a Office,
    pub claimants: &'a ClaimantList,
    pub strings: &'a Strings,
    /// The date printed on letters.
    pub issued: NaiveDate,
    pub poster_size: PosterSize,
    pub facilities: Facilities,
    /// Errors block the session: only the preview list is made, saying how many.
    pub not_built: Option<usize>,
    /// The session's own errors, which no row of its list shows.
    pub problems: &'a [String],
    findings: &'a Findings,
    fonts: Option<&'a crate::envelope::FontMetrics>,
    /// Letters in one typst process at most (`letters_per_typst`).
    letters_per_part: usize,
    /// Table rows in one typst process at most (`rows_per_typst`).
    rows_per_part: usize,
    /// Which part of a document this is, of how many, and how many of its items a part holds.
    part: (usize, usize),
    items_per_part: usize,
}

/// The Fluent IDs this file reads.
pub fn strings() -> Vec<&'static str> {
    let mut keys = vec![TIME_RANGE, PAGE_NUMBER, PART_OF];
    keys.extend(HAS);
    keys.extend(HAS_NOT);
    keys.extend(Section::ALL.map(section_key));
    keys.extend(Role::ALL.map(role_key));
    keys.extend(AccessNeed::ALL.map(access_key));
    keys.extend(NotInvitedReason::ALL.map(reason_key));
    keys.extend(LanguageChoice::ALL.map(language_key));
    keys.extend(PrintFormat::ALL.map(format_key));
    keys
}

const TIME_RANGE: &str = "time-range";
/// Step-free access, hearing loop, accessible toilet: what the place has, or has not.
const HAS: [&str; 3] = [
    "access-fact-step-free",
    "access-fact-hearing-loop",
    "access-fact-accessible-toilet",
];
const HAS_NOT: [&str; 3] = [
    "access-fact-no-step-free",
    "access-fact-no-hearing-loop",
    "access-fact-no-accessible-toilet",
];

/// `text` that never breaks across lines: its spaces made no-break spaces (U+00A0). For
/// phone numbers, dates, times and postcodes (RNIB: keep numbers together).
pub fn unbroken(text: &str) -> String {
    text.replace(' ', "\u{a0}")
}
pub const PAGE_NUMBER: &str = "page-number";
/// "Part 2 of 7", on each part of a document made in parts.
pub const PART_OF: &str = "part-of";

pub fn section_key(s: Section) -> &'static str {
    match s {
        Section::Introduction => "section-introduction",
        Section::Opportunities => "section-opportunities",
        Section::Services => "section-services",
        Section::Summary => "section-summary",
    }
}

pub fn role_key(r: Role) -> &'static str {
    match r {
        Role::Lead => "role-lead",
        Role::Deputy => "role-deputy",
        Role::Support => "role-support",
    }
}

pub fn access_key(n: AccessNeed) -> &'static str {
    match n {
        AccessNeed::StepFree => "access-step-free",
        AccessNeed::HearingLoop => "access-hearing-loop",
        AccessNeed::AccessibleToilet => "access-accessible-toilet",
    }
}

pub fn reason_key(r: NotInvitedReason) -> &'static str {
    match r {
        NotInvitedReason::PotentiallyViolent => "reason-potentially-violent",
        NotInvitedReason::UnacceptableBehaviour => "reason-unacceptable-behaviour",
        NotInvitedReason::Mappa => "reason-mappa",
        NotInvitedReason::SuitabilityReview => "reason-suitability-review",
        NotInvitedReason::ObjectsToGroup => "reason-objects-to-group",
    }
}

pub fn language_key(l: LanguageChoice) -> &'static str {
    match l {
        LanguageChoice::En => "language-en",
        LanguageChoice::Cy => "language-cy",
        LanguageChoice::CyEn => "language-cy-en",
    }
}

pub fn format_key(f: PrintFormat) -> &'static str {
    match f {
        PrintFormat::Standard => "format-standard",
        PrintFormat::LargePrint => "format-large-print",
    }
}

/// Items joined into one sentence-like line: "Step-free access, hearing loop, accessible
/// toilet" (only the first capitalised).
pub fn listed(items: Vec<String>) -> String {
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            if i == 0 {
                item
            } else {
                let mut chars = item.chars();
                chars
                    .next()
                    .map(|c| c.to_lowercase().chain(chars).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A date that stands alone, its day, month and year kept on one line
/// (`Tuesday 1 December 2026`: a break may come only after the weekday).
pub fn unbroken_date(lang: Lang, d: NaiveDate) -> String {
    format!(
        "{} {}",
        dates::weekday(lang, chrono::Datelike::weekday(&d)),
        unbroken(&dates::date(lang, d))
    )
}

/// `{page}` and `{total}` stay as they are in page-number strings: typst fills them in.
pub fn page_args() -> [(&'static str, Arg); 2] {
    [
        ("page", Arg::Text("{page}".into())),
        ("total", Arg::Text("{total}".into())),
    ]
}

impl<'a> SessionView<'a> {
    /// The view of a planned session, when it parsed, its office exists and its claimant
    /// list was read (otherwise validation has said why, and it was not planned).
    pub fn new(
        project: &'a Project,
        plan: &'a SessionPlan,
        strings: &'a Strings,
        findings: &'a Findings,
    ) -> Option<SessionView<'a>> {
        let loaded = project.session(&plan.id)?;
        let session = &loaded.session;
        let office = project.offices.get(&session.office)?;
        Some(SessionView {
            session,
            office,
            claimants: loaded.claimants.as_ref()?,
            strings,
            issued: plan.issued,
            poster_size: project.config.poster_size.resolve(office.in_wales),
            facilities: Facilities::of(session, office),
            not_built: plan.not_built,
            problems: &plan.problems,
            findings,
            fonts: project.fonts.as_ref(),
            letters_per_part: project.config.letters_per_typst.max(1) as usize,
            rows_per_part: project.config.rows_per_typst.max(1) as usize,
            part: (0, 1),
            items_per_part: usize::MAX,
        })
    }

    /// Invited claimants, in the order of the claimant list.
    pub fn invited(&self) -> Vec<&'a Claimant> {
        self.claimants.invited().collect()
    }

    /// Letters in one typst process at most (`letters_per_typst`).
    pub fn letters_per_part(&self) -> usize {
        self.letters_per_part
    }

    /// Table rows in one typst process at most (`rows_per_typst`).
    pub fn rows_per_part(&self) -> usize {
        self.rows_per_part
    }

    /// This view, for part `part` of `parts`, each part holding `items_per_part` items.
    pub fn part(&self, part: usize, parts: usize, items_per_part: usize) -> SessionView<'a> {
        SessionView {
            part: (part, parts),
            items_per_part,
            ..*self
        }
    }

    /// This part's items of a document split in parts: all of them for a document made whole.
    pub fn in_part<T>(&self, items: impl IntoIterator<Item = T>) -> Vec<T> {
        let (part, _) = self.part;
        items
            .into_iter()
            .skip(part.saturating_mul(self.items_per_part))
            .take(self.items_per_part)
            .collect()
    }

    /// How many items come before this part's: its first item's index in the whole list.
    pub fn part_start(&self) -> usize {
        self.part.0.saturating_mul(self.items_per_part)
    }

    /// The arguments of `part-of` ("Part 2 of 7") for this part.
    pub fn part_args(&self) -> [(&'static str, Arg); 2] {
        let (part, parts) = self.part_number().unwrap_or((1, 1));
        [
            ("part", Arg::Number(part as i64)),
            ("parts", Arg::Number(parts as i64)),
        ]
    }

    /// `Some((part, parts))`, counted from 1, when this document is split in parts.
    pub fn part_number(&self) -> Option<(usize, usize)> {
        match self.part {
            (_, 1) => None,
            (part, parts) => Some((part + 1, parts)),
        }
    }

    /// A file made in parts: `letters.pdf`, or `letters-2-of-7.pdf` for a session in parts.
    pub fn part_file(&self, stem: &str) -> String {
        match self.part {
            (_, 1) => format!("{stem}.pdf"),
            (part, parts) => format!("{stem}-{}-of-{parts}.pdf", part + 1),
        }
    }

    /// The problems with one claimant row, as reading it and the checks found them.
    pub fn row_notes(&self, row: usize) -> impl Iterator<Item = &RowNote> {
        self.findings
            .row(&self.session.id, row)
            .iter()
            .filter(|n| n.level != Level::Allow)
    }

    /// `text` with each character the font cannot print shown as `?`: for the preview list of
    /// a session that is not built, whose errors name those cells, so the list can still be
    /// made to work from.
    pub fn printable(&self, text: &str) -> String {
        let Some(font) = self.fonts.filter(|_| self.not_built.is_some()) else {
            return text.to_string();
        };
        let missing = font.missing(text);
        text.chars()
            .map(|c| if missing.contains(&c) { '?' } else { c })
            .collect()
    }

    /// The name of the language with ISO 639 code `code` in `lang` (`Pwyleg` in Welsh,
    /// `Polish` in English), from CLDR; never the other language's name instead.
    pub fn language_name(&self, code: &str, lang: Lang) -> Result<String, RenderError> {
        crate::l10n::languages::name(code, lang)
            .map(str::to_string)
            .ok_or_else(|| RenderError::MissingText {
                location: Location::file(format!("content/sessions/{}.yaml", self.session.id)),
                key: format!("interpreter language `{code}`"),
                lang,
            })
    }

    /// The rules the project relaxed.
    pub fn relaxed(&self) -> &[crate::rules::RelaxedRule] {
        &self.findings.relaxed
    }

    /// One string, by its Fluent ID.
    pub fn string(
        &self,
        lang: Lang,
        key: &str,
        args: &[(&str, Arg)],
    ) -> Result<String, RenderError> {
        Ok(self.strings.get(lang, key, args)?)
    }

    /// A text of a YAML file in `lang`, at key `path`; never falls back to the other language.
    fn text_of<T>(
        doc: &Located<T>,
        path: &str,
        texts: &Texts,
        lang: Lang,
    ) -> Result<String, RenderError> {
        texts
            .get(lang)
            .map(str::to_string)
            .ok_or_else(|| RenderError::MissingText {
                location: doc.loc(path),
                key: path.to_string(),
                lang,
            })
    }

    /// A text of the session file, at key `path`.
    pub fn session_text(
        &self,
        path: &str,
        texts: &Texts,
        lang: Lang,
    ) -> Result<String, RenderError> {
        Self::text_of(&self.session.data, path, texts, lang)
    }

    /// An optional text of the session file: blank when the session has none.
    pub fn optional_text(
        &self,
        path: &str,
        texts: &Option<Texts>,
        lang: Lang,
    ) -> Result<String, RenderError> {
        texts
            .as_ref()
            .map_or(Ok(String::new()), |t| self.session_text(path, t, lang))
    }

    pub fn title(&self, lang: Lang) -> Result<String, RenderError> {
        self.session_text("title", &self.session.title, lang)
    }

    pub fn office_name(&self, lang: Lang) -> Result<String, RenderError> {
        Self::text_of(&self.office.data, "name", &self.office.name, lang)
    }

    /// The languages of the office's own documents, in reading order: Welsh first in Wales.
    pub fn office_langs(&self) -> &'static [Lang] {
        if self.office.in_wales {
            &[Lang::Cy, Lang::En]
        } else {
            &[Lang::En]
        }
    }

    /// Every string in each of `langs`, by template key: `l.key` is a list of {lang, text}.
    /// Templates read these; Rust code reads strings with [`Self::string`].
    pub fn labels(&self, langs: &[Lang], args: &[(&str, Arg)]) -> BTreeMap<String, Vec<Piece>> {
        let mut out: BTreeMap<String, Vec<Piece>> = BTreeMap::new();
        for &lang in langs {
            for (key, text) in self.strings.resolve_all(lang, args) {
                out.entry(key).or_default().push(Piece { lang, text });
            }
        }
        out.retain(|_, pieces| pieces.len() == langs.len());
        out
    }

    /// The page numbering of a document in `langs`: "Page {page} of {total}", or for a
    /// bilingual document "Tudalen {page} o {total} / Page {page} of {total}".
    pub fn page_format(&self, langs: &[Lang]) -> Result<String, RenderError> {
        let [page, total] = page_args();
        Ok(langs
            .iter()
            .map(|&lang| self.string(lang, PAGE_NUMBER, &[page.clone(), total.clone()]))
            .collect::<Result<Vec<_>, _>>()?
            .join(" / "))
    }

    /// A document's title in each of `langs`, Welsh first, joined by " / ": the window title
    /// of a bilingual office document reads in both languages (design review A3).
    pub fn joined(
        &self,
        langs: &[Lang],
        f: impl Fn(Lang) -> Result<String, RenderError>,
    ) -> Result<String, RenderError> {
        Ok(self
            .each(langs, f)?
            .into_iter()
            .map(|p| p.text)
            .collect::<Vec<_>>()
            .join(" / "))
    }

    /// One value in each of `langs`.
    pub fn each(
        &self,
        langs: &[Lang],
        f: impl Fn(Lang) -> Result<String, RenderError>,
    ) -> Result<Vec<Piece>, RenderError> {
        langs
            .iter()
            .map(|&lang| {
                Ok(Piece {
                    lang,
                    text: f(lang)?,
                })
            })
            .collect()
    }

    /// Title, date, times and place of the session in `lang`.
    pub fn facts(&self, lang: Lang) -> Result<Facts, RenderError> {
        let s = self.session;
        let finish = unbroken(&dates::time(lang, s.ends().time()));
        let (start, end) = dates::range_ends(lang, s.start_time(), s.ends().time());
        let (start, end) = (unbroken(&start), unbroken(&end));
        let time_range = self.string(
            lang,
            TIME_RANGE,
            &[("start", Arg::Text(start)), ("end", Arg::Text(end))],
        )?;
        let (place_name, place_address) = self.place(lang)?;
        Ok(Facts {
            title: self.title(lang)?,
            date: unbroken_date(lang, s.date()),
            time_range,
            finish,
            place_name,
            place_address,
        })
    }

    /// The type of a letter's address block of `lines` (`envelope::address_type`).
    pub fn address_type(&self, lines: &[String]) -> crate::envelope::AddressType {
        crate::envelope::address_type(lines, self.fonts)
    }

    /// The office's phone number, never broken across lines.
    pub fn phone(&self) -> String {
        unbroken(&self.office.phone)
    }

    /// What the place has and has not, in `lang`: step-free access, hearing loop, accessible
    /// toilet (the poster's and the letter's access facts).
    pub fn access_facts(&self, lang: Lang) -> Result<Vec<String>, RenderError> {
        let f = self.facilities;
        [f.step_free, f.hearing_loop, f.accessible_toilet]
            .into_iter()
            .enumerate()
            .map(|(i, has)| self.string(lang, if has { HAS[i] } else { HAS_NOT[i] }, &[]))
            .collect()
    }

    /// Where the session is: the venue, or the office when there is none. The postcode (the
    /// last line) never breaks.
    pub fn place(&self, lang: Lang) -> Result<(String, Vec<String>), RenderError> {
        let (name, mut lines) = self.place_lines(lang)?;
        if let Some(last) = lines.last_mut() {
            *last = unbroken(last);
        }
        Ok((name, lines))
    }

    fn place_lines(&self, lang: Lang) -> Result<(String, Vec<String>), RenderError> {
        match &self.session.venue {
            Some(v) => Ok((
                self.session_text("venue.name", &v.name, lang)?,
                v.address.get(lang).map(<[String]>::to_vec).ok_or_else(|| {
                    RenderError::MissingText {
                        location: self.session.data.loc("venue.address"),
                        key: "venue.address".into(),
                        lang,
                    }
                })?,
            )),
            None => Ok((self.office_name(lang)?, self.office_address(lang)?)),
        }
    }

    /// The office's address in `lang`: its Welsh lines in Welsh, never its English ones; the
    /// postcode never breaks.
    pub fn office_address(&self, lang: Lang) -> Result<Vec<String>, RenderError> {
        self.office
            .address
            .get(lang)
            .map(|lines| {
                let mut lines = lines.to_vec();
                if let Some(last) = lines.last_mut() {
                    *last = unbroken(last);
                }
                lines
            })
            .ok_or_else(|| RenderError::MissingText {
                location: self.office.data.loc("address"),
                key: "address".into(),
                lang,
            })
    }
}
