//! The allocation in words and on disk: each claimant's outcome explained from the terms and
//! hard rules that decided it; the session lists the build reads; the next baseline
//! (`content/allocations/WEEK.json`); and the office-only report
//! (`out/allocation/WEEK/report.csv`, where the sensitive reasons are, and only there).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::terms::{Hard, an_interpreter};
use super::{Allocation, Decided, Options, Outcome, not_placed_problem};
use crate::codes::{FOREIGN_LIST, MISSING_FILE, TYPST_FAILED};
use crate::config::Weights;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::fs::rel_path;
use crate::model::claimant::NotInvitedReason;
use crate::out::OutDir;
use crate::typst::Typst;

/// Where a window's baseline is kept: an input of the next run, so `clean` leaves it.
pub fn baseline_path(label: &str) -> String {
    format!("content/allocations/{label}.json")
}

/// Where a window's report goes.
pub fn report_dir(label: &str) -> String {
    format!("out/{}/{label}", crate::out::ALLOCATION_DIR)
}

/// What the office does instead of a group session for an excluded claimant.
pub fn alternative(reason: NotInvitedReason) -> &'static str {
    match reason {
        NotInvitedReason::PotentiallyViolent => {
            "make alternative arrangements: a one-to-one at the Jobcentre (GSG 28)"
        }
        NotInvitedReason::UnacceptableBehaviour => {
            "not in a group: a one-to-one at the Jobcentre (GSG 30)"
        }
        NotInvitedReason::Mappa => "office manager's assessment before any group session (GSG 33)",
        NotInvitedReason::SuitabilityReview => "ask the DEA before booking (GSG 28)",
        NotInvitedReason::ObjectsToGroup => {
            "offer a one-to-one at the Jobcentre (GSG 35-37, GIS 7)"
        }
    }
}

/// A file and its SHA-256.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileHash {
    pub path: String,
    pub sha256: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SummaryJson {
    pub pool: usize,
    pub excluded: usize,
    pub placed: usize,
    pub pinned: usize,
    pub not_placed: usize,
    pub must_move: usize,
    pub moved: usize,
    pub on_review_day: usize,
    pub sessions_below_target: usize,
    pub sessions_closed: usize,
    pub interpreters_to_book: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionJson {
    pub id: String,
    pub capacity: u32,
    pub placed: u32,
    pub target: u32,
    /// The grouping stage closed it (AL-G02).
    pub closed: bool,
    /// Interpreters to book there: by language, with the claimants who need them.
    pub book: Vec<BookJson>,
    pub list: Option<FileHash>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BookJson {
    pub language: String,
    pub claimants: usize,
}

/// A claimant of a baseline, as far as the next run reads it: where they were placed. The
/// rest of what was written (terms, sessions not chosen) is for people, and not read back.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct ClaimantJson {
    #[serde(rename = "ref")]
    reference: String,
    outcome: String,
    session: Option<String>,
}

/// What [`Baseline`] is written from: the allocation's own values, borrowed (a region's is
/// 100,000 claimants), the keys in the same order.
#[derive(Serialize)]
struct BaselineOut<'a> {
    tool: String,
    week: &'a str,
    inputs: Vec<FileHash>,
    weights: Weights,
    interpreter_booking: Option<u32>,
    close_below_target: bool,
    summary: SummaryJson,
    sessions: Vec<SessionJson>,
    /// The one list of the window's sessions, when `allocate.week_list` names it.
    week_list: Option<FileHash>,
    claimants: Vec<ClaimantOut<'a>>,
}

#[derive(Serialize)]
struct ClaimantOut<'a> {
    #[serde(rename = "ref")]
    reference: &'a str,
    at: String,
    outcome: &'a str,
    session: Option<&'a str>,
    baseline: Option<&'a str>,
    points: u32,
    terms: &'a [super::Term],
    not_chosen: Vec<NotChosenOut<'a>>,
}

#[derive(Serialize)]
struct NotChosenOut<'a> {
    session: &'a str,
    why: &'a str,
}

/// `content/allocations/WEEK.json`, as read: the allocation made, to stay close to next time
/// (written from [`BaselineOut`]: keys in a fixed order, arrays sorted, the same bytes for the
/// same input).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, from = "BaselineJson")]
pub struct Baseline {
    pub week: String,
    pub sessions: Vec<SessionJson>,
    week_list: Option<FileHash>,
    /// Who was placed or pinned where: (reference in lower case, reference, session), sorted.
    placed: Vec<(Box<str>, Box<str>, Box<str>)>,
}

/// The file's keys that are read back.
#[derive(Default, Deserialize)]
#[serde(default)]
struct BaselineJson {
    week: String,
    sessions: Vec<SessionJson>,
    week_list: Option<FileHash>,
    claimants: Vec<ClaimantJson>,
}

impl From<BaselineJson> for Baseline {
    fn from(json: BaselineJson) -> Baseline {
        let mut placed: Vec<(Box<str>, Box<str>, Box<str>)> = (json.claimants.into_iter())
            .filter(|c| c.outcome == "placed" || c.outcome == "pinned")
            .filter_map(|c| {
                let lower = c.reference.to_ascii_lowercase().into_boxed_str();
                Some((
                    lower,
                    c.reference.into_boxed_str(),
                    c.session?.into_boxed_str(),
                ))
            })
            .collect();
        placed.sort_unstable();
        Baseline {
            week: json.week,
            sessions: json.sessions,
            week_list: json.week_list,
            placed,
        }
    }
}

impl Baseline {
    /// Read a baseline; a file that is not one is an error at it. Read as it streams in: a
    /// region's is 50 MB.
    pub fn read(root: &Path, path: &Path) -> Result<Baseline, Diagnostic> {
        let rel = rel_path(root, path);
        let file = std::fs::File::open(path).map_err(|e| {
            Diagnostic::new(&MISSING_FILE, format!("cannot read the baseline: {e}"))
                .at(Location::file(&rel))
                .help("name an allocation written by `sessionpack allocate`, or run with --no-baseline")
        })?;
        let read: Result<Baseline, _> =
            serde_json::from_reader(std::io::BufReader::with_capacity(1 << 16, file));
        read.map_err(|e| {
            Diagnostic::new(
                &MISSING_FILE,
                format!("the baseline is not an allocation sessionpack wrote: {e}"),
            )
            .at(Location::line(&rel, e.line()))
            .help("restore it from git, or run with --no-baseline")
        })
    }

    /// The session a claimant had, placed or pinned.
    pub fn session_of(&self, reference: &str) -> Option<&str> {
        let lower = reference.to_ascii_lowercase();
        let at = self
            .placed
            .binary_search_by(|(key, _, _)| (**key).cmp(lower.as_str()))
            .ok()?;
        Some(&self.placed[at].2)
    }

    /// Every (reference, session) placed or pinned.
    pub fn placements(&self) -> impl Iterator<Item = (&str, &str)> {
        self.placed.iter().map(|(_, r, s)| (&**r, &**s))
    }

    /// The SHA-256 of the list at `path` when this allocation wrote it.
    fn list_sha(&self, path: &str) -> Option<&str> {
        (self.sessions.iter())
            .filter_map(|s| s.list.as_ref())
            .chain(self.week_list.as_ref())
            .find(|l| l.path == path)
            .map(|l| l.sha256.as_str())
    }
}

/// Points for the report: the terms in words, `AL-T01 not on the Jobsearch Review day
/// (GIS 8, GSG 44) 100`.
fn terms_text(terms: &[super::Term]) -> String {
    terms
        .iter()
        .map(|t| format!("{} {} ({}) {}", t.code, t.text, t.source, t.points))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Fill in a placed or not-placed claimant's explanation: the better sessions not chosen (and
/// why), or every session of their office and the rule it fails; AL001 or AL002 for the not
/// placed. From the same terms and hard rules as the arcs.
pub(super) fn explain_choice(
    a: &mut Allocation,
    i: usize,
    sessions: &[usize],
    diags: &mut Diagnostics,
) {
    let row = &a.pool.rows[i];
    let full = |s: usize| {
        let placed = a.placed_in(s);
        let capacity = a.candidates[s].capacity;
        (placed >= capacity).then(|| format!("full ({placed} of {capacity})"))
    };
    let move_points = a.context.weights.move_;
    let baseline = a.decided[i].baseline.clone();
    let cost_at = |s: usize| {
        let moved = baseline.is_some() && baseline.as_deref() != Some(a.candidates[s].id());
        super::terms::cost(&row.claimant, &a.candidates[s], &a.context)
            + if moved { move_points } else { 0 }
    };
    let mut d: Decided = a.decided[i].clone();
    d.not_chosen.clear();
    match d.session {
        Some(chosen) => {
            d.terms = super::terms::terms(&row.claimant, &a.candidates[chosen], &a.context);
            for &s in sessions {
                if s == chosen {
                    continue;
                }
                // A session the grouping stage closed, or booked no interpreter at, is the
                // answer to "why not my preferred": said when it would have cost less.
                let decided = match super::hard_of(a, row, s) {
                    None => None,
                    Some(hard @ (Hard::Closed(_) | Hard::Unbooked(_))) => Some(hard.sentence()),
                    Some(_) => continue,
                };
                let points = cost_at(s);
                if let Some(why) = decided {
                    if points < d.points {
                        d.not_chosen.push((a.candidates[s].id().to_string(), why));
                    }
                    continue;
                }
                if points < d.points {
                    let kept = baseline.as_deref() == Some(a.candidates[chosen].id());
                    let floor = a.candidates[chosen].floor;
                    let why = full(s).unwrap_or_else(|| match (kept, floor) {
                        (true, _) => format!(
                            "kept at the baseline session: a move costs {move_points} points"
                        ),
                        (false, 1..) => format!(
                            "{} needs its target of {floor} claimants to run (AL-G02, GSG 32)",
                            a.candidates[chosen].id()
                        ),
                        (false, 0) => "not chosen".to_string(),
                    });
                    d.not_chosen.push((a.candidates[s].id().to_string(), why));
                }
            }
            d.next_step = match super::terms::to_book(&row.claimant, &a.candidates[chosen]) {
                Some(language) => format!(
                    "book {} for {}",
                    an_interpreter(language),
                    a.candidates[chosen].when()
                ),
                None => "send the letter".to_string(),
            };
        }
        None => {
            let mut any_open = false;
            let mut reasons: Vec<String> = Vec::new();
            for &s in sessions {
                let candidate = &a.candidates[s];
                if !candidate.offices.contains(&&*row.office) {
                    continue;
                }
                let why = match super::hard_of(a, row, s) {
                    Some(hard) => {
                        reasons.push(hard.sentence());
                        hard.sentence()
                    }
                    None => {
                        any_open = true;
                        full(s).unwrap_or_else(|| "not chosen".into())
                    }
                };
                d.not_chosen.push((candidate.id().to_string(), why));
            }
            reasons.sort();
            reasons.dedup();
            let why = if any_open {
                format!(
                    "{} session{}",
                    d.not_chosen.len(),
                    if d.not_chosen.len() == 1 { "" } else { "s" }
                )
            } else if reasons.is_empty() {
                "the office has no session in the week".to_string()
            } else {
                reasons.join("; ")
            };
            d.next_step = if any_open {
                "add a session, or place them next week (GSG 32)".to_string()
            } else {
                "arrange an alternative in the Jobcentre (GSG 37), or add a session that meets their needs".to_string()
            };
            diags.push(not_placed_problem(row, any_open, &why));
        }
    }
    a.decided[i] = d;
}

/// One claimant's full reasoning, for `--explain REF`: every session of their office, its
/// terms and points or the rule it fails.
pub fn explain(a: &Allocation, reference: &str) -> String {
    let Some(i) =
        (a.pool.rows.iter()).position(|r| r.claimant.reference.eq_ignore_ascii_case(reference))
    else {
        return format!("{reference} is not in the pool");
    };
    let row = &a.pool.rows[i];
    let d = &a.decided[i];
    let mut out = format!(
        "{} ({}): {}",
        row.claimant.reference,
        row.at,
        d.outcome.word()
    );
    if let Some(s) = d.session {
        out.push_str(&format!(
            " in {} ({}), {} points",
            a.candidates[s].id(),
            a.candidates[s].when(),
            d.points
        ));
    }
    out.push('\n');
    if let Outcome::Excluded(reason) = d.outcome {
        out.push_str(&format!(
            "  {} (AL-H01): never placed; {}\n",
            reason.code(),
            alternative(reason)
        ));
        return out;
    }
    if let Some(b) = &d.baseline {
        out.push_str(&format!("  baseline: {b}\n"));
    }
    for (s, candidate) in a.candidates.iter().enumerate() {
        if !candidate.offices.contains(&&*row.office) {
            continue;
        }
        let mark = if d.session == Some(s) { "chosen" } else { "" };
        match super::hard_of(a, row, s) {
            Some(hard) if d.session != Some(s) => out.push_str(&format!(
                "  {} ({}): cannot: {}\n",
                candidate.id(),
                candidate.when(),
                hard.sentence()
            )),
            _ => {
                let terms = super::terms::terms(&row.claimant, candidate, &a.context);
                let moved = d.baseline.is_some() && d.baseline.as_deref() != Some(candidate.id());
                let points =
                    super::terms::points(&terms) + if moved { a.context.weights.move_ } else { 0 };
                out.push_str(&format!(
                    "  {} ({}): {points} points{}{}\n",
                    candidate.id(),
                    candidate.when(),
                    if moved {
                        " (a move from the baseline included)"
                    } else {
                        ""
                    },
                    if mark.is_empty() {
                        String::new()
                    } else {
                        format!(", {mark}")
                    }
                ));
                for t in &terms {
                    out.push_str(&format!(
                        "      {} {} ({}): {}\n",
                        t.code, t.text, t.source, t.points
                    ));
                }
                if let Some((_, why)) = d.not_chosen.iter().find(|(id, _)| id == candidate.id()) {
                    out.push_str(&format!("      not chosen: {why}\n"));
                }
            }
        }
    }
    if !d.next_step.is_empty() {
        out.push_str(&format!("  next step: {}\n", d.next_step));
    }
    out
}

/// The interpreters to book: for each session, by language, the claimants placed or pinned
/// there who need one (GSG 29, 40).
fn bookings<'a>(a: &'a Allocation) -> BTreeMap<usize, BTreeMap<&'a str, usize>> {
    let mut out: BTreeMap<usize, BTreeMap<&str, usize>> = BTreeMap::new();
    for (row, d) in a.pool.rows.iter().zip(&a.decided) {
        if let Some(s) = d.session
            && matches!(d.outcome, Outcome::Placed | Outcome::Pinned)
            && let Some(language) = super::terms::to_book(&row.claimant, &a.candidates[s])
        {
            *out.entry(s).or_default().entry(language).or_default() += 1;
        }
    }
    out
}

/// The counts of the allocation, for the terminal and the baseline.
fn counts(a: &Allocation) -> SummaryJson {
    let mut s = SummaryJson {
        pool: a.pool.rows.len(),
        sessions_below_target: a.below_target.len(),
        sessions_closed: a.candidates.iter().filter(|c| c.closed).count(),
        interpreters_to_book: bookings(a).values().map(BTreeMap::len).sum(),
        ..Default::default()
    };
    for (i, d) in a.decided.iter().enumerate() {
        match d.outcome {
            Outcome::Placed => s.placed += 1,
            Outcome::Pinned => s.pinned += 1,
            Outcome::Excluded(_) => s.excluded += 1,
            Outcome::NotPlaced => s.not_placed += 1,
            Outcome::MustMove => s.must_move += 1,
        }
        if let Some(session) = d.session {
            let id = a.candidates[session].id();
            if d.baseline.as_deref().is_some_and(|b| b != id) {
                s.moved += 1;
            }
            if a.pool.rows[i].claimant.jobsearch_review
                == Some(a.candidates[session].session.date())
            {
                s.on_review_day += 1;
            }
        }
    }
    s
}

/// The terminal's summary: placed of those who could be, excluded and not placed by reason
/// (counts only), sessions below target, interpreters to book, moves.
pub fn summary(a: &Allocation) -> Vec<String> {
    let c = counts(a);
    let mut lines = vec![format!(
        "placed {} of {} ({} on their review day{})",
        c.placed + c.pinned,
        c.pool - c.excluded,
        c.on_review_day,
        if c.pinned > 0 {
            format!(", {} pinned", c.pinned)
        } else {
            String::new()
        }
    )];
    let mut excluded: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unplaced: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &a.decided {
        match d.outcome {
            Outcome::Excluded(reason) => *excluded.entry(reason.code()).or_default() += 1,
            Outcome::NotPlaced => {
                let full = d.not_chosen.iter().any(|(_, why)| why.starts_with("full"));
                *unplaced
                    .entry(if full {
                        "every session full"
                    } else {
                        "no session possible"
                    })
                    .or_default() += 1;
            }
            _ => {}
        }
    }
    let by = |m: &BTreeMap<&str, usize>| {
        m.iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if c.excluded > 0 {
        lines.push(format!("excluded {} ({})", c.excluded, by(&excluded)));
    }
    if c.not_placed > 0 {
        lines.push(format!("not placed {} ({})", c.not_placed, by(&unplaced)));
    }
    if c.must_move > 0 {
        lines.push(format!(
            "must move {} (letters gone out: the office decides)",
            c.must_move
        ));
    }
    if c.sessions_below_target > 0 {
        lines.push(format!("sessions below target {}", c.sessions_below_target));
    }
    for c in a.candidates.iter().filter(|c| c.closed) {
        lines.push(format!(
            "closed {}: fewer claimants than its target of {} (AL-G02, GSG 32); cancel it, or invite more",
            c.id(),
            c.target()
        ));
    }
    const SHOWN: usize = 5;
    let book: Vec<(&str, &str, usize)> = (bookings(a).into_iter())
        .flat_map(|(s, by)| {
            let id = a.candidates[s].id();
            by.into_iter().map(move |(language, n)| (id, language, n))
        })
        .collect();
    for (session, language, n) in book.iter().take(SHOWN) {
        lines.push(format!(
            "book {} for {session} ({n} claimant{})",
            an_interpreter(language),
            if *n == 1 { "" } else { "s" }
        ));
    }
    if book.len() > SHOWN {
        lines.push(format!(
            "and {} more interpreter bookings: the next steps in report.csv",
            book.len() - SHOWN
        ));
    }
    lines.push(format!("moved from the baseline {}", c.moved));
    lines
}

/// The rows of a session's list: the pool's cells under the tool's column names, sorted by
/// last name, first name and reference. With `week`, the list of every session of the window
/// (`allocate.week_list`): a `session` column last, the rows by session first.
fn list_csv(a: &Allocation, mut rows: Vec<usize>, week: bool) -> anyhow::Result<Vec<u8>> {
    let mut columns: Vec<&str> = (a.pool.columns.iter().copied())
        .filter(|c| *c != "session")
        .collect();
    if week {
        columns.push("session");
    }
    let session_of = |i: usize| {
        (a.decided[i].session)
            .map(|s| a.candidates[s].id())
            .unwrap_or_default()
    };
    let key = |i: &usize| {
        let c = &a.pool.rows[*i].claimant;
        (
            if week { session_of(*i) } else { "" },
            c.last_name.to_lowercase(),
            c.first_name.to_lowercase(),
            c.reference.to_ascii_lowercase(),
        )
    };
    rows.sort_by_cached_key(key);
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(&columns)?;
    for i in rows {
        let row = &a.pool.rows[i];
        let cell = |c: &&str| match *c {
            "session" if week => session_of(i).to_string(),
            c => row.cell(c).to_string(),
        };
        w.write_record(columns.iter().map(cell))?;
    }
    Ok(w.into_inner()?)
}

/// The most rows `report.pdf` is made for: a few offices' week. A region's report is read
/// as `report.csv`.
const PDF_ROWS: usize = 5_000;

/// The columns of `report.csv`.
const REPORT_COLUMNS: [&str; 12] = [
    "at",
    "ref",
    "first_name",
    "last_name",
    "outcome",
    "session",
    "day",
    "time",
    "points",
    "terms",
    "not_chosen",
    "next_step",
];

/// A row of the report, for pool row `i`: `report.csv`'s, and from them `report.pdf`'s.
fn report_row(a: &Allocation, i: usize) -> [String; 12] {
    let (row, d) = (&a.pool.rows[i], &a.decided[i]);
    let session = d.session.map(|s| &a.candidates[s]);
    let terms = match d.outcome {
        Outcome::Excluded(reason) => format!("{} (AL-H01)", reason.code()),
        _ => terms_text(&d.terms),
    };
    [
        row.at.to_string(),
        row.claimant.reference.clone(),
        row.claimant.first_name.clone(),
        row.claimant.last_name.clone(),
        d.outcome.word().to_string(),
        session.map(|c| c.id().to_string()).unwrap_or_default(),
        session
            .map(|c| c.session.date().to_string())
            .unwrap_or_default(),
        session
            .map(|c| c.session.start_time().format("%H:%M").to_string())
            .unwrap_or_default(),
        d.points.to_string(),
        terms,
        (d.not_chosen.iter())
            .map(|(id, why)| format!("{id}: {why}"))
            .collect::<Vec<_>>()
            .join("; "),
        d.next_step.clone(),
    ]
}

/// `report.csv`: a row a pool row, in the pool's order, made one at a time.
fn report_csv(a: &Allocation) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(REPORT_COLUMNS)?;
    for i in 0..a.pool.rows.len() {
        w.write_record(report_row(a, i))?;
    }
    Ok(w.into_inner()?)
}

/// The sessions not chosen, for a printed page: each reason once, with the sessions it holds
/// for (named up to three, then counted); `report.csv` names every one.
fn reasons_in_short(not_chosen: &[(String, String)]) -> String {
    let mut by_reason: Vec<(&str, Vec<&str>)> = Vec::new();
    for (session, why) in not_chosen {
        match by_reason.iter_mut().find(|(w, _)| *w == why.as_str()) {
            Some((_, sessions)) => sessions.push(session),
            None => by_reason.push((why, vec![session])),
        }
    }
    (by_reason.iter())
        .map(|(why, sessions)| match sessions.len() {
            1..=3 => format!("{}: {why}", sessions.join(", ")),
            n => format!(
                "{n} sessions ({} to {}): {why}",
                sessions[0],
                sessions[n - 1]
            ),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `report.pdf`, beside `report.csv`: the same rows, the names joined, the reasons in one
/// column (the terms of the placed, the sessions not chosen of the not placed).
fn report_pdf(a: &Allocation, options: &Options, dir: &Path) -> Result<(), String> {
    let typst = Typst::locate(options.typst.as_deref(), None).map_err(|e| format!("{e:#}"))?;
    let summary = summary(a);
    let header = [
        "Ref",
        "Name",
        "Outcome",
        "Session",
        "When",
        "Points",
        "Why",
        "Next step",
    ];
    let report = super::pdf::Report {
        title: format!("Allocation {} (office only)", a.window.label),
        window: &a.window.label,
        summary: &summary,
        header: &header,
        rows: (0..a.pool.rows.len())
            .map(|i| {
                let r = report_row(a, i);
                let why = if r[9].is_empty() {
                    reasons_in_short(&a.decided[i].not_chosen)
                } else {
                    r[9].clone()
                };
                vec![
                    r[1].clone(),
                    format!("{} {}", r[2], r[3]),
                    r[4].clone(),
                    r[5].clone(),
                    format!("{} {}", r[6], r[7]).trim().to_string(),
                    r[8].clone(),
                    why,
                    r[11].clone(),
                ]
            })
            .collect(),
    };
    super::pdf::write(
        &typst,
        &a.project.root.join("templates/fonts"),
        dir,
        &report,
    )
}

/// Write every file atomically, a few at once: each waits for the disk, and a region has
/// 5,000 lists.
fn write_all(files: &[(std::path::PathBuf, Vec<u8>)]) -> anyhow::Result<()> {
    const AT_ONCE: usize = 8;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failed: std::sync::Mutex<Option<anyhow::Error>> = std::sync::Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..AT_ONCE.min(files.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some((path, bytes)) = files.get(i) else {
                        break;
                    };
                    if let Err(e) = crate::fs::write_atomic(path, bytes)
                        && let Ok(mut slot) = failed.lock()
                    {
                        slot.get_or_insert(e);
                        break;
                    }
                }
            });
        }
    });
    match failed.into_inner() {
        Ok(Some(e)) => Err(e),
        _ => Ok(()),
    }
}

fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Write the report, and unless `dry_run` or an error, the session lists and the baseline.
/// A list `allocate` did not write is never replaced without `force`: an error naming it,
/// and then no list is written at all. Returns what was written or removed.
pub(super) fn write(
    a: &Allocation,
    baseline: &Baseline,
    options: &Options,
    diags: &mut Diagnostics,
) -> anyhow::Result<Vec<String>> {
    let root = &a.project.root;
    let out = OutDir::new(root)
        .group_readable(a.project.config.out_permissions == crate::config::OutPermissions::Group);
    let _lock = out.lock("allocate")?;
    let mut written = Vec::new();
    let dir = root.join(report_dir(&a.window.label));
    crate::fs::create_dir_all(&dir)?;
    out.restrict(&out.path().join(crate::out::ALLOCATION_DIR))?;
    let report = dir.join("report.csv");
    crate::fs::write_atomic(&report, report_csv(a)?)?;
    out.restrict(&report)?;
    written.push(rel_path(root, &report));
    // A report of an earlier run never stands beside this one's rows.
    let _ = std::fs::remove_file(dir.join("report.pdf"));
    let many = a.pool.rows.len() > PDF_ROWS;
    let pdf = if many {
        Err(format!(
            "a pool of {} claimants is more than the {PDF_ROWS} rows a printed report holds: report.csv has every row",
            a.pool.rows.len()
        ))
    } else {
        report_pdf(a, options, &dir).map_err(|why| format!("report.pdf was not made: {why}"))
    };
    match pdf {
        Err(note) if many => written.push(note),
        Ok(()) => {
            out.restrict(&dir.join("report.pdf"))?;
            written.push(rel_path(root, &dir.join("report.pdf")));
        }
        Err(why) => diags.push(
            Diagnostic::new(&TYPST_FAILED, why)
                .at(Location::file(rel_path(root, &dir.join("report.pdf"))))
                .help("report.csv holds the same rows; the session lists are not written until the report is whole"),
        ),
    }
    if options.dry_run || diags.has_errors() {
        return Ok(written);
    }
    // Each session's new list, and whether its file may be replaced.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); a.candidates.len()];
    for (i, d) in a.decided.iter().enumerate() {
        if let Some(s) = d.session
            && matches!(d.outcome, Outcome::Placed | Outcome::Pinned)
        {
            members[s].push(i);
        }
    }
    // (session, or none for the week list; its path; its bytes, none when nobody is in it)
    let mut lists: Vec<(Option<usize>, String, Option<Vec<u8>>)> = Vec::new();
    match &a.week_list {
        Some(rel) => {
            let rows: Vec<usize> = members.into_iter().flatten().collect();
            lists.push((None, rel.clone(), Some(list_csv(a, rows, true)?)));
        }
        None => {
            for (s, rows) in members.into_iter().enumerate() {
                let rel = format!("content/claimants/{}.csv", a.candidates[s].id());
                let bytes = (!rows.is_empty())
                    .then(|| list_csv(a, rows, false))
                    .transpose()?;
                lists.push((Some(s), rel, bytes));
            }
        }
    }
    for (s, rel, _) in &lists {
        if let Ok(old) = std::fs::read(root.join(rel))
            && baseline.list_sha(rel) != Some(sha256(&old).as_str())
            && !options.force
        {
            let mut d = Diagnostic::new(
                &FOREIGN_LIST,
                format!("{rel} was not written by allocate (or was edited since); it is never replaced silently"),
            )
            .at(Location::file(rel))
            .help("move its claimants into the pool and delete it, or run allocate with --force to replace it");
            if let Some(s) = s {
                d = d.session(a.candidates[*s].id());
            }
            diags.push(d);
        }
    }
    if diags.has_errors() {
        return Ok(written);
    }
    let mut lists_written: BTreeMap<Option<usize>, FileHash> = BTreeMap::new();
    let mut writes: Vec<(std::path::PathBuf, Vec<u8>)> = Vec::new();
    for (s, rel, bytes) in lists {
        let path = root.join(&rel);
        match bytes {
            Some(bytes) => {
                let hash = FileHash {
                    path: rel.clone(),
                    sha256: sha256(&bytes),
                };
                writes.push((path, bytes));
                written.push(rel);
                lists_written.insert(s, hash);
            }
            None => {
                if crate::fs::entry(&path)? != crate::fs::Entry::Missing {
                    crate::fs::remove_file(&path)?;
                    written.push(format!("{rel} (removed: nobody placed)"));
                }
            }
        }
    }
    let bookings = bookings(a);
    let sessions: Vec<SessionJson> = (a.candidates.iter().enumerate())
        .map(|(s, c)| SessionJson {
            id: c.id().to_string(),
            capacity: c.capacity,
            placed: a.placed_in(s),
            target: c.target(),
            closed: c.closed,
            book: (bookings.get(&s).into_iter().flatten())
                .map(|(language, claimants)| BookJson {
                    language: language.to_string(),
                    claimants: *claimants,
                })
                .collect(),
            list: lists_written.remove(&Some(s)),
        })
        .collect();
    crate::fs::create_dir_all(&root.join("content/claimants"))?;
    write_all(&writes)?;
    let mut claimants: Vec<ClaimantOut> = (a.pool.rows.iter().zip(&a.decided))
        .map(|(row, d)| ClaimantOut {
            reference: &row.claimant.reference,
            at: row.at.to_string(),
            outcome: d.outcome.word(),
            session: d.session.map(|s| a.candidates[s].id()),
            baseline: d.baseline.as_deref(),
            points: d.points,
            terms: &d.terms,
            not_chosen: (d.not_chosen.iter())
                .map(|(session, why)| NotChosenOut { session, why })
                .collect(),
        })
        .collect();
    claimants.sort_by(|x, y| {
        x.reference
            .to_ascii_lowercase()
            .cmp(&y.reference.to_ascii_lowercase())
    });
    let mut inputs: Vec<FileHash> = (a.pool.inputs.iter())
        .map(|i| FileHash {
            path: i.path.to_string(),
            sha256: i.sha256.to_string(),
        })
        .collect();
    inputs.sort_by(|x, y| x.path.cmp(&y.path));
    let next = BaselineOut {
        tool: format!("sessionpack {}", env!("CARGO_PKG_VERSION")),
        week: &a.window.label,
        inputs,
        weights: a.context.weights,
        interpreter_booking: a.project.config.allocate.interpreter_booking,
        close_below_target: a.project.config.allocate.close_below_target,
        summary: counts(a),
        sessions,
        week_list: lists_written.remove(&None),
        claimants,
    };
    let rel = baseline_path(&a.window.label);
    let path = root.join(&rel);
    crate::fs::create_dir_all(path.parent().unwrap_or(root))?;
    crate::fs::write_atomic_streamed(&path, |w| {
        serde_json::to_writer_pretty(&mut *w, &next)?;
        w.write_all(b"\n")
    })?;
    written.push(rel);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::reasons_in_short;

    #[test]
    fn a_printed_reason_is_said_once_with_the_sessions_it_holds_for() {
        let not_chosen: Vec<(String, String)> = ["a", "b", "c", "d"]
            .iter()
            .map(|s| {
                (
                    format!("s-{s}"),
                    "the venue has no hearing-loop".to_string(),
                )
            })
            .chain([("s-e".to_string(), "full (20 of 20)".to_string())])
            .collect();
        assert_eq!(
            reasons_in_short(&not_chosen),
            "4 sessions (s-a to s-d): the venue has no hearing-loop; s-e: full (20 of 20)"
        );
        assert_eq!(
            reasons_in_short(&not_chosen[..2]),
            "s-a, s-b: the venue has no hearing-loop"
        );
    }
}
