//! Allocate: place a week's pool of claimants into the week's sessions by the guidance
//! (next-capabilities 1.7). A stage beside `rules` and `plan`: it reads the loaded project
//! and the pool, decides, explains, and writes the session lists the build reads, the next
//! baseline and an office-only report.
//!
//! - `pool`: the week's claimants, read by the claimant loader.
//! - `terms`: the hard rules and the points of one pair: the one place costs come from.
//! - `solve`: the exact choice, a minimum-cost flow per group of offices.
//! - `group`: the grouping stage, when asked for: interpreter bookings and closed sessions.
//! - `report`: the outcomes in words, and the files written.

pub mod group;
pub mod pdf;
pub mod pool;
pub mod report;
pub mod solve;
pub mod terms;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::codes::{
    BAD_VALUE, BELOW_TARGET, GROUPING_TIME_LIMIT, LARGE_COMPONENT, NO_SESSION_POSSIBLE,
    PINNED_CANNOT_ATTEND, ROW_SESSION, SESSIONS_FULL,
};
use crate::config::{CONFIG_FILE, WelshAtSession};
use crate::diag::{Diagnostic, Diagnostics, Location, Policy};
use crate::l10n::languages;
use crate::model::claimant::NotInvitedReason;
use crate::model::eligibility;
use crate::model::session::Facilities;
use crate::model::table::TableSource;
use crate::project::{Lists, Project};
use pool::{Pool, PoolRow};
use report::Baseline;
use terms::{Candidate, Context, Hard, Term};

/// Claimants in one group of offices above which solving slows down (1.4; AL007).
pub const LARGE_COMPONENT_CLAIMANTS: usize = 5_000;

/// The sessions allocated: those whose `starts` falls in the window, both days included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// `2026-W49`, or `2026-12-01_2026-12-04`: names the baseline and the report's folder.
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Window {
    /// An ISO week, `2026-W49`: Monday to Sunday.
    pub fn week(text: &str) -> Result<Window, String> {
        let bad = || format!("`{text}` is not an ISO week: write it as YYYY-Www, such as 2026-W49");
        let (year, week) = text.trim().split_once("-W").ok_or_else(bad)?;
        let year: i32 = year.parse().map_err(|_| bad())?;
        let week: u32 = week.parse().map_err(|_| bad())?;
        let from = NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon).ok_or_else(bad)?;
        let to = NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Sun).ok_or_else(bad)?;
        Ok(Window {
            label: format!("{year}-W{week:02}"),
            from,
            to,
        })
    }

    /// The days from `from` to `to`, both included.
    pub fn days(from: NaiveDate, to: NaiveDate) -> Result<Window, String> {
        if to < from {
            return Err(format!("--to {to} is before --from {from}"));
        }
        Ok(Window {
            label: format!("{from}_{to}"),
            from,
            to,
        })
    }

    fn contains(&self, day: NaiveDate) -> bool {
        (self.from..=self.to).contains(&day)
    }
}

/// Which baseline to stay close to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum BaselineChoice {
    /// `content/allocations/WEEK.json` when it exists.
    #[default]
    Default,
    File(PathBuf),
    None,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub window: Window,
    /// The pool files (project-relative); none: `allocate.pool` in the settings.
    pub pools: Vec<TableSource>,
    pub baseline: BaselineChoice,
    pub today: NaiveDate,
    /// Write only the report.
    pub dry_run: bool,
    /// Replace session lists `allocate` did not write.
    pub force: bool,
    /// Threads for the groups of offices.
    pub threads: usize,
    /// The longest the grouping stage searches, for each group of offices (AL005).
    pub time_limit: std::time::Duration,
    /// Claimants whose reasoning to print in full.
    pub explain: Vec<String>,
    /// The typst binary for `report.pdf` (default: the sessionpack cache, then PATH).
    pub typst: Option<PathBuf>,
}

/// A problem that stops `allocate` before it reads anything: the command was used wrongly.
#[derive(Debug, thiserror::Error)]
pub enum UsageProblem {
    #[error(
        "no pool to allocate: name the week's claimants with --pool FILE, or set `allocate.pool` in {CONFIG_FILE}"
    )]
    NoPool,
    #[error("`{0}` is not in the pool")]
    UnknownRef(String),
}

/// What happened to one claimant of the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Placed,
    Pinned,
    Excluded(NotInvitedReason),
    NotPlaced,
    MustMove,
}

impl Outcome {
    pub fn word(self) -> &'static str {
        match self {
            Outcome::Placed => "placed",
            Outcome::Pinned => "pinned",
            Outcome::Excluded(_) => "excluded",
            Outcome::NotPlaced => "not-placed",
            Outcome::MustMove => "must-move",
        }
    }
}

/// One claimant's outcome, with the numbers that decided it.
#[derive(Debug, Clone)]
pub struct Decided {
    pub outcome: Outcome,
    /// Index of their session among the candidates.
    pub session: Option<usize>,
    pub baseline: Option<String>,
    /// The points of their placement (its terms', plus a move).
    pub points: u32,
    pub terms: Vec<Term>,
    /// Sessions not chosen and why: better ones for the placed; every one of their office
    /// for the not placed.
    pub not_chosen: Vec<(String, String)>,
    pub next_step: String,
}

impl Decided {
    fn new(outcome: Outcome) -> Decided {
        Decided {
            outcome,
            session: None,
            baseline: None,
            points: 0,
            terms: Vec::new(),
            not_chosen: Vec::new(),
            next_step: String::new(),
        }
    }
}

/// A session below its target after allocation (AL004): and whether closing it would
/// leave all its claimants placed, at how many more points.
#[derive(Debug, Clone)]
pub struct BelowTarget {
    pub session: usize,
    pub placed: u32,
    pub target: u32,
    /// Without it: (claimants it would leave unplaced, points more).
    pub without: Option<(usize, i64)>,
}

/// The whole result, for the report, the files and the terminal.
pub struct Allocation<'a> {
    pub project: &'a Project,
    pub window: Window,
    pub context: Context,
    pub pool: Pool,
    pub candidates: Vec<Candidate<'a>>,
    /// One per pool row, in the pool's order.
    pub decided: Vec<Decided>,
    pub below_target: Vec<BelowTarget>,
    pub today: NaiveDate,
    /// Claimants placed or pinned in each candidate, once decided.
    pub placed: Vec<u32>,
    /// The one list of the window's sessions (`allocate.week_list`), project-relative; none:
    /// a list a session.
    pub week_list: Option<String>,
}

impl Allocation<'_> {
    /// Claimants placed or pinned in a candidate session.
    pub fn placed_in(&self, session: usize) -> u32 {
        self.placed.get(session).copied().unwrap_or(0)
    }

    /// Count who is placed or pinned where.
    fn count_placed(&mut self) {
        self.placed = vec![0; self.candidates.len()];
        for d in &self.decided {
            if let Some(s) = d.session
                && d.outcome != Outcome::MustMove
            {
                self.placed[s] += 1;
            }
        }
    }
}

/// What `allocate` did, for the command to print.
pub struct Finished {
    pub diags: Diagnostics,
    /// Lines of the summary, and of `--explain`.
    pub summary: Vec<String>,
    pub explained: Vec<String>,
    /// Project-relative paths written or removed.
    pub written: Vec<String>,
    /// Claimants not excluded and not placed (for `--deny-unplaced`).
    pub unplaced: usize,
    /// Whether a result was reached (no input errors before solving).
    pub solved: bool,
}

/// Load the project and the pool, allocate the window, explain, and write (nothing but the
/// report with `dry_run`; nothing at all when the input has errors).
pub fn run(root: &Path, options: &Options) -> anyhow::Result<Finished> {
    // What allocation reads: the settings, the offices and the window's session files, not
    // the lists it replaces.
    let (project, loaded) = Project::load_with(root, Lists::Skip)?;
    let mut diags = Diagnostics::new(Policy {
        overrides: project.config.rules.clone(),
        deny_warnings: false,
    });
    let window = &options.window;
    let in_window: BTreeSet<&str> = (project.sessions.iter())
        .filter(|s| window.contains(s.session.date()))
        .map(|s| s.session.id.as_str())
        .collect();
    diags.extend(loaded.into_iter().filter(|d| {
        let Some(at) = &d.location else { return true };
        at.file == CONFIG_FILE
            || at.file.starts_with("content/offices/")
            || (at.file.starts_with("content/sessions/")
                && d.session.as_deref().is_none_or(|s| in_window.contains(s)))
    }));
    let sources: Vec<TableSource> = if options.pools.is_empty() {
        match project.config.allocate.pool.as_ref().map(|p| p.resolve()) {
            Some(Ok(source)) => vec![source],
            Some(Err(_)) => Vec::new(), // reported with the settings
            None => return Err(UsageProblem::NoPool.into()),
        }
    } else {
        options.pools.clone()
    };
    let office_ids: Vec<String> = project.offices.keys().cloned().collect();
    let (pool, problems) = pool::read(&project.root, &sources, &project.config, &office_ids);
    diags.extend(problems);
    // A letter needs a deliverable address: said at the pool's cell, before any list is
    // written, as `check` says it at a list's (AD001).
    for row in &pool.rows {
        let c = &row.claimant;
        if let (Err(problems), None) = (&c.address, eligibility::exclusion(c)) {
            for p in problems {
                let column = crate::rules::addresses::column(p.field);
                let at = Location {
                    column: pool.column_of(&row.at, &column).or(row.at.column),
                    ..row.at.clone()
                };
                diags.push(
                    Diagnostic::new(
                        &crate::rules::addresses::BAD_ADDRESS,
                        format!("`{column}` of {}: {}", c.reference, p.message),
                    )
                    .at(at)
                    .help(p.help),
                );
            }
        }
    }
    for input in &pool.inputs {
        let file = input.path.to_string();
        if project.tracked_in_git.contains(&file) {
            diags.push(
                Diagnostic::new(
                    &crate::rules::privacy::LIST_IN_GIT,
                    format!("the pool {file} is tracked by git: its names and addresses stay in every clone and in the history"),
                )
                .at(Location::file(&file))
                .help(format!("`git rm --cached {file}` and add `/content/pools/` to .gitignore")),
            );
        }
    }
    let settings = &project.config.allocate;
    let context = Context {
        weights: settings.weights,
        review_minutes: settings.review_minutes,
        welsh_required: settings.welsh_at_session == WelshAtSession::Required,
        school: project.config.school_hours,
        today: options.today,
        notice_working_days: project.config.notice_working_days,
        booking: settings.interpreter_booking,
    };
    let candidates = candidates(&project, window, &mut diags);
    let week_list = week_list(&project, &mut diags);
    // The last allocation written for the window: whose letters went out, and which lists
    // allocate wrote. Read whatever baseline the run stays close to.
    let mut read_baseline = |path: &Path| match Baseline::read(&project.root, path) {
        Ok(b) => b,
        Err(d) => {
            diags.push(d);
            Baseline::default()
        }
    };
    let record_path = project.root.join(report::baseline_path(&window.label));
    let record = if record_path.exists() {
        read_baseline(&record_path)
    } else {
        Baseline::default()
    };
    let other = match &options.baseline {
        BaselineChoice::Default => None,
        BaselineChoice::File(p) => Some(read_baseline(&project.root.join(p))),
        BaselineChoice::None => Some(Baseline::default()),
    };
    let baseline = other.as_ref().unwrap_or(&record);
    for wanted in &options.explain {
        if !pool
            .rows
            .iter()
            .any(|r| r.claimant.reference.eq_ignore_ascii_case(wanted))
            && !diags.has_errors()
        {
            return Err(UsageProblem::UnknownRef(wanted.clone()).into());
        }
    }
    let pins = pins(&pool, &candidates, &record, options.today, &mut diags);
    if diags.has_errors() {
        return Ok(Finished {
            diags,
            summary: Vec::new(),
            explained: Vec::new(),
            written: Vec::new(),
            unplaced: 0,
            solved: false,
        });
    }
    let mut allocation = Allocation {
        project: &project,
        window: window.clone(),
        context,
        pool,
        candidates,
        decided: Vec::new(),
        below_target: Vec::new(),
        today: options.today,
        placed: Vec::new(),
        week_list,
    };
    decide(&mut allocation, &pins, baseline, options, &mut diags);
    let explained = (options.explain.iter())
        .map(|r| report::explain(&allocation, r))
        .collect();
    let written = report::write(&allocation, &record, options, &mut diags)?;
    let unplaced = (allocation.decided.iter())
        .filter(|d| matches!(d.outcome, Outcome::NotPlaced | Outcome::MustMove))
        .count();
    Ok(Finished {
        summary: report::summary(&allocation),
        diags,
        explained,
        written,
        unplaced,
        solved: true,
    })
}

/// The sessions of the window, sorted by ID, with their `allocate:` settings checked.
fn candidates<'a>(
    project: &'a Project,
    window: &Window,
    diags: &mut Diagnostics,
) -> Vec<Candidate<'a>> {
    let mut out = Vec::new();
    for loaded in &project.sessions {
        let session = &loaded.session;
        if !window.contains(session.date()) {
            continue;
        }
        let Some(office) = project.offices.get(&session.office) else {
            continue; // reported at load
        };
        let settings = &session.allocate;
        let mut offices = vec![session.office.as_str()];
        for (i, other) in settings.serves.iter().enumerate() {
            if project.offices.contains_key(other) {
                offices.push(other.as_str());
            } else {
                diags.push(
                    Diagnostic::new(
                        &BAD_VALUE,
                        format!("`allocate.serves`: there is no office `{other}`"),
                    )
                    .at_key(&session.data, &format!("allocate.serves.{i}"))
                    .help("write the ID of an office, the name of its file in content/offices/")
                    .session(&session.id),
                );
            }
        }
        offices.sort_unstable();
        offices.dedup();
        let mut interpreters = Vec::new();
        for (i, text) in settings.interpreters.iter().enumerate() {
            match languages::parse(text) {
                Ok(code) => interpreters.push(code),
                Err(_) => diags.push(
                    Diagnostic::new(&BAD_VALUE, format!("`allocate.interpreters`: `{text}` is not a language this tool knows"))
                        .at_key(&session.data, &format!("allocate.interpreters.{i}"))
                        .help("write the language as an ISO 639 code (pl) or its English or Welsh name (Polish, Pwyleg)")
                        .session(&session.id),
                ),
            }
        }
        let capacity = settings.capacity.unwrap_or(session.max_invites);
        if capacity > session.max_invites {
            diags.push(
                Diagnostic::new(
                    &BAD_VALUE,
                    format!(
                        "`allocate.capacity` is {capacity}, more than the session's `max_invites` ({})",
                        session.max_invites
                    ),
                )
                .at_key(&session.data, "allocate.capacity")
                .help("at most twice the optimum number are invited (GSG 32): lower the capacity, or raise max_invites")
                .session(&session.id),
            );
        }
        if session.names_its_list {
            diags.push(
                Diagnostic::new(
                    &ROW_SESSION,
                    format!(
                        "the session names its own list ({}); allocate writes content/claimants/{}.csv",
                        session.claimants_source.file, session.id
                    ),
                )
                .at_key(&session.data, "claimants")
                .help("remove `claimants:` from the session's file to let allocate fill it, or move the session out of the week")
                .session(&session.id),
            );
        }
        out.push(Candidate {
            session,
            offices,
            capacity: capacity.min(session.max_invites),
            facilities: Facilities::of(session, office),
            welsh_speaker: session.facilitators.iter().any(|f| f.welsh_speaker),
            interpreters,
            proposed: None,
            closed: false,
            floor: 0,
        });
    }
    out.sort_by(|a, b| a.id().cmp(b.id()));
    out
}

/// Where the window's lists go: `None`, one file a session in content/claimants/; or the one
/// list of `allocate.week_list`, for a project that reads lists of several sessions
/// (`claimant_files`), which must read it.
fn week_list(project: &Project, diags: &mut Diagnostics) -> Option<String> {
    let config = &project.config;
    let read_by_build: Vec<String> = (config.claimant_files.iter())
        .filter_map(|l| l.resolve().ok())
        .filter(|t| t.sheet.is_none())
        .map(|t| t.file)
        .collect();
    let problem = |message: String, help: &str| {
        Diagnostic::new(&ROW_SESSION, message)
            .at(Location::file(CONFIG_FILE))
            .help(help)
    };
    let Some(name) = &config.allocate.week_list else {
        if !config.claimant_files.is_empty() {
            diags.push(problem(
                "the project reads lists of several sessions (`claimant_files`), and allocate is not told which to write".into(),
                "set `allocate.week_list` to the one of `claimant_files` allocate writes the week's claimants into (a CSV file), or remove `claimant_files:` to let it write a list a session",
            ));
        }
        return None;
    };
    // The same path rules as `claimant_files`.
    let resolved = crate::model::session::ListSource::Path(name.clone()).resolve();
    let Some(file) = resolved
        .ok()
        .map(|t| t.file)
        .filter(|f| f.ends_with(".csv"))
    else {
        diags.push(problem(
            format!("`allocate.week_list`: `{name}` is not a CSV file inside content/"),
            "name a CSV file under content/, as `claimant_files` names it: claimants/week-49.csv",
        ));
        return None;
    };
    if !read_by_build.contains(&file) {
        diags.push(problem(
            format!("`allocate.week_list`: `{name}` is not one of `claimant_files`, so the build would not read it"),
            "add it to `claimant_files:`, or name one of them",
        ));
        return None;
    }
    Some(file)
}

/// Each pinned pool row's session (AL-H10): its `session` cell, or the baseline session of a
/// claimant whose letter has gone out. A baseline claimant whose letter went out and who is
/// not in the pool any more is an error: they would vanish from the list silently.
fn pins(
    pool: &Pool,
    candidates: &[Candidate],
    baseline: &Baseline,
    today: NaiveDate,
    diags: &mut Diagnostics,
) -> BTreeMap<usize, usize> {
    let index: BTreeMap<&str, usize> = (candidates.iter().enumerate())
        .map(|(i, c)| (c.id(), i))
        .collect();
    let sent = |s: usize| {
        candidates[s]
            .session
            .letters_issued
            .is_some_and(|d| d < today)
    };
    let mut out = BTreeMap::new();
    let mut in_pool = BTreeSet::new();
    for (i, row) in pool.rows.iter().enumerate() {
        let reference = row.claimant.reference.to_ascii_lowercase();
        if let Some((id, at)) = row.pin.as_deref() {
            match index.get(id.as_str()) {
                Some(s) => {
                    out.insert(i, *s);
                }
                None => diags.push(
                    Diagnostic::new(
                        &ROW_SESSION,
                        format!("`session`: there is no session `{id}` in {}", "the week"),
                    )
                    .at(at.clone())
                    .snippet(id.clone())
                    .help("write the ID of a session of the week (a file in content/sessions/), or leave the cell empty to let allocate choose"),
                ),
            }
        } else if let Some(s) = (baseline.session_of(&reference))
            .and_then(|id| index.get(id).copied())
            .filter(|s| sent(*s))
        {
            out.insert(i, s);
        }
        in_pool.insert(reference);
    }
    for (reference, id) in baseline.placements() {
        if let Some(s) = index.get(id).copied().filter(|s| sent(*s))
            && !in_pool.contains(&reference.to_ascii_lowercase())
        {
            diags.push(
                Diagnostic::new(
                    &PINNED_CANNOT_ATTEND,
                    format!(
                        "{reference}'s letter for `{id}` went out on {}, and {reference} is not in the pool any more",
                        candidates[s].session.letters_issued.unwrap_or(today)
                    ),
                )
                .at(Location::file(report::baseline_path(&baseline.week)))
                .help("put the claimant back in the pool, or tell them the session is off and remove them from the baseline by hand"),
            );
        }
    }
    out
}

/// Decide every pool row: excluded, pinned (or must move), then the flow for the rest, then
/// the explanations and the warnings.
fn decide(
    a: &mut Allocation,
    pins: &BTreeMap<usize, usize>,
    baseline: &Baseline,
    options: &Options,
    diags: &mut Diagnostics,
) {
    let n = a.pool.rows.len();
    let mut decided: Vec<Decided> = (0..n).map(|_| Decided::new(Outcome::NotPlaced)).collect();
    let mut seats: Vec<i64> = a.candidates.iter().map(|c| i64::from(c.capacity)).collect();
    let mut free: Vec<usize> = Vec::new();
    for (i, row) in a.pool.rows.iter().enumerate() {
        let c = &row.claimant;
        let d = &mut decided[i];
        d.baseline = baseline
            .session_of(&c.reference.to_ascii_lowercase())
            .map(str::to_string);
        // GSG 28, 30, 33, 35-37; GIS 7: decided exactly as `check` decides it.
        let excluded = eligibility::exclusion(c);
        match (pins.get(&i), excluded) {
            (Some(s), _) => {
                let candidate = &a.candidates[*s];
                let why = match excluded {
                    Some(reason) => Some(format!("now {}", reason.code())),
                    None => terms::hard(c, &row.office, candidate, &a.context, false)
                        .map(|h| h.sentence()),
                };
                d.session = Some(*s);
                seats[*s] -= 1;
                match why {
                    Some(why) => {
                        d.outcome = Outcome::MustMove;
                        d.next_step = format!(
                            "tell the claimant the session is not for them, and choose with them what is: {why}"
                        );
                        diags.push(
                            Diagnostic::new(
                                &PINNED_CANNOT_ATTEND,
                                format!(
                                    "{} is pinned to `{}` (a letter went out, or the `session` cell), and can no longer attend: {why}",
                                    c.reference,
                                    candidate.id()
                                ),
                            )
                            .at(row.at.clone())
                            .snippet(c.reference.clone()),
                        );
                    }
                    None if seats[*s] < 0 => {
                        d.outcome = Outcome::MustMove;
                        d.next_step = "more claimants are pinned to the session than it has seats: move one by hand".into();
                        diags.push(
                            Diagnostic::new(
                                &PINNED_CANNOT_ATTEND,
                                format!(
                                    "{} is pinned to `{}`, which has {} seats and more claimants pinned",
                                    c.reference,
                                    candidate.id(),
                                    candidate.capacity
                                ),
                            )
                            .at(row.at.clone())
                            .snippet(c.reference.clone()),
                        );
                    }
                    None => {
                        d.outcome = Outcome::Pinned;
                        d.terms = terms::terms(c, candidate, &a.context);
                        d.points = terms::points(&d.terms);
                        d.next_step =
                            "none: the letter has gone out, or the office pinned the claimant here"
                                .into();
                    }
                }
            }
            (None, Some(reason)) => {
                d.outcome = Outcome::Excluded(reason);
                d.next_step = report::alternative(reason).to_string();
            }
            (None, None) => free.push(i),
        }
    }
    let seats: Vec<u32> = seats
        .iter()
        .map(|s| u32::try_from(*s).unwrap_or(0))
        .collect();
    // Groups of offices joined by sessions that serve several (GIS 15): one problem each.
    let groups = components(a, &free);
    for group in &groups {
        if group.people.len() > LARGE_COMPONENT_CLAIMANTS {
            diags.push(
                Diagnostic::new(
                    &LARGE_COMPONENT,
                    format!(
                        "offices {} are joined by sessions that serve each other: {} claimants solved as one problem",
                        group.offices.join(", "),
                        group.people.len()
                    ),
                )
                .at(Location::file(CONFIG_FILE))
                .help("fine up to a few thousand; for speed, let fewer sessions serve other offices (`allocate.serves`)"),
            );
        }
    }
    let mut problems: Vec<solve::Problem> = groups
        .iter()
        .map(|g| g.problem(a, &seats, &decided))
        .collect();
    let mut chosen = par_map(&problems, options.threads, solve::Problem::solve);
    if a.project.config.allocate.grouping() {
        // The grouping stage fixes bookings and closures; then the flow again, with them.
        grouping(a, &groups, &problems, &chosen, &decided, options, diags);
        problems = groups
            .iter()
            .map(|g| g.problem(a, &seats, &decided))
            .collect();
        chosen = par_map(&problems, options.threads, solve::Problem::solve);
    }
    for (g, (group, picks)) in groups.iter().zip(&chosen).enumerate() {
        let problem = &problems[g];
        for (p, pick) in picks.iter().enumerate() {
            let i = group.people[p];
            let d = &mut decided[i];
            d.session = pick.map(|s| group.sessions[s]);
            d.outcome = if pick.is_some() {
                Outcome::Placed
            } else {
                Outcome::NotPlaced
            };
            d.points = problem.points_of(p, *pick).unwrap_or(0);
        }
    }
    a.decided = decided;
    a.count_placed();
    // Explanations, from the same terms and hard rules as the arcs.
    for group in &groups {
        for &i in &group.people {
            report::explain_choice(a, i, &group.sessions, diags);
        }
    }
    below_target(a, &groups, &problems, &chosen, diags);
}

/// One group of offices: its claimants (pool rows) and candidate sessions, sorted.
struct Group {
    offices: Vec<String>,
    people: Vec<usize>,
    sessions: Vec<usize>,
}

impl Group {
    fn problem(&self, a: &Allocation, seats: &[u32], decided: &[Decided]) -> solve::Problem {
        let local: BTreeMap<usize, usize> = (self.sessions.iter().enumerate())
            .map(|(l, s)| (*s, l))
            .collect();
        let people = (self.people.iter())
            .map(|&i| {
                let row = &a.pool.rows[i];
                let arcs = (self.sessions.iter().enumerate())
                    .filter_map(|(l, &s)| {
                        let candidate = &a.candidates[s];
                        if terms::hard(&row.claimant, &row.office, candidate, &a.context, true)
                            .is_some()
                        {
                            return None;
                        }
                        let points = terms::cost(&row.claimant, candidate, &a.context);
                        Some(solve::Arc { session: l, points })
                    })
                    .collect();
                let baseline = decided[i]
                    .baseline
                    .as_deref()
                    .and_then(|id| a.candidates.iter().position(|c| c.id() == id))
                    .and_then(|s| local.get(&s).copied());
                solve::Person {
                    reference: row.claimant.reference.clone(),
                    arcs,
                    baseline,
                }
            })
            .collect();
        solve::Problem {
            people,
            sessions: (self.sessions.iter())
                .map(|&s| a.candidates[s].id().to_string())
                .collect(),
            seats: self.sessions.iter().map(|&s| seats[s]).collect(),
            move_points: a.context.weights.move_,
            floors: self
                .sessions
                .iter()
                .map(|&s| a.candidates[s].floor)
                .collect(),
        }
    }
}

/// Union-find over offices joined by `serves`; claimants sorted by reference, sessions by ID.
fn components(a: &Allocation, free: &[usize]) -> Vec<Group> {
    let ids: Vec<&str> = a.project.offices.keys().map(String::as_str).collect();
    let at = |id: &str| ids.binary_search(&id).ok();
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for c in &a.candidates {
        let mut offices = c.offices.iter().filter_map(|o| at(o));
        if let Some(first) = offices.next() {
            for other in offices {
                let (x, y) = (root(&mut parent, first), root(&mut parent, other));
                parent[x.max(y)] = x.min(y);
            }
        }
    }
    let mut groups: BTreeMap<usize, Group> = BTreeMap::new();
    let group_of = |office: &str, parent: &mut Vec<usize>| at(office).map(|o| root(parent, o));
    let mut people: Vec<(usize, usize)> = Vec::new();
    for &i in free {
        if let Some(g) = group_of(&a.pool.rows[i].office, &mut parent) {
            people.push((g, i));
        }
    }
    let mut sessions: Vec<(usize, usize)> = Vec::new();
    for (s, c) in a.candidates.iter().enumerate() {
        if let Some(g) = group_of(c.offices[0], &mut parent) {
            sessions.push((g, s));
        }
    }
    for (o, id) in ids.iter().enumerate() {
        let g = root(&mut parent, o);
        groups
            .entry(g)
            .or_insert_with(|| Group {
                offices: Vec::new(),
                people: Vec::new(),
                sessions: Vec::new(),
            })
            .offices
            .push(id.to_string());
    }
    for (g, i) in people {
        if let Some(group) = groups.get_mut(&g) {
            group.people.push(i);
        }
    }
    for (g, s) in sessions {
        if let Some(group) = groups.get_mut(&g) {
            group.sessions.push(s);
        }
    }
    let mut out: Vec<Group> = groups
        .into_values()
        .filter(|g| !g.people.is_empty() || !g.sessions.is_empty())
        .collect();
    for g in &mut out {
        g.people.sort_by(|x, y| {
            let (x, y) = (&a.pool.rows[*x].claimant, &a.pool.rows[*y].claimant);
            x.reference
                .to_ascii_lowercase()
                .cmp(&y.reference.to_ascii_lowercase())
        });
        // Candidates are sorted by ID already.
    }
    out
}

/// The grouping stage for every group, `threads` at a time: each group's bookings and
/// closures are set on its sessions, for the flow to be solved again. A group the stage could
/// not finish keeps the best it found (AL005).
fn grouping(
    a: &mut Allocation,
    groups: &[Group],
    problems: &[solve::Problem],
    chosen: &[Vec<Option<usize>>],
    decided: &[Decided],
    options: &Options,
    diags: &mut Diagnostics,
) {
    let settings = &a.project.config.allocate;
    let mut pinned = vec![false; a.candidates.len()];
    for d in decided {
        if let (Some(s), Outcome::Pinned | Outcome::MustMove) = (d.session, d.outcome) {
            pinned[s] = true;
        }
    }
    let inputs: Vec<group::Input> = (groups.iter().zip(problems).zip(chosen))
        .map(|((g, problem), start)| {
            let mut languages: Vec<String> = Vec::new();
            let needs = (g.people.iter().zip(&problem.people))
                .map(|(&i, person)| {
                    let claimant = &a.pool.rows[i].claimant;
                    (person.arcs.iter())
                        .map(|arc| {
                            let candidate = &a.candidates[g.sessions[arc.session]];
                            let language = terms::to_book(claimant, candidate)?;
                            Some(match languages.iter().position(|l| l == language) {
                                Some(l) => l,
                                None => {
                                    languages.push(language.to_string());
                                    languages.len() - 1
                                }
                            })
                        })
                        .collect()
                })
                .collect();
            let targets = settings.close_below_target.then(|| {
                (g.sessions.iter())
                    .map(|&s| (!pinned[s]).then(|| a.candidates[s].target()))
                    .collect()
            });
            group::Input {
                problem,
                needs,
                languages,
                booking: settings.interpreter_booking,
                targets,
                start,
                time_limit: options.time_limit,
            }
        })
        .collect();
    let decisions = par_map(&inputs, options.threads, group::decide);
    for ((g, input), decision) in groups.iter().zip(&inputs).zip(decisions) {
        let problem = |why: String| {
            Diagnostic::new(&GROUPING_TIME_LIMIT, why)
                .at(Location::file(CONFIG_FILE))
                .help("run again with a longer --time-limit, or let fewer sessions serve other offices (`allocate.serves`)")
        };
        let decision = match decision {
            Ok(d) => d,
            Err(why) => {
                diags.push(problem(format!(
                    "the grouping stage failed for offices {} ({why}): their allocation is the plain flow's, with no bookings proposed or sessions closed",
                    g.offices.join(", ")
                )));
                continue;
            }
        };
        if decision.stopped {
            diags.push(problem(format!(
                "the grouping stage stopped at its time limit of {} s for offices {}: its bookings and closures are the best found, perhaps not the best, and may differ from run to run",
                options.time_limit.as_secs_f64(),
                g.offices.join(", ")
            )));
        }
        for (local, &s) in g.sessions.iter().enumerate() {
            let candidate = &mut a.candidates[s];
            if settings.interpreter_booking.is_some() {
                let booked = (decision.bookings.iter())
                    .filter(|(at, _)| *at == local)
                    .map(|(_, l)| input.languages[*l].clone());
                candidate.proposed = Some(booked.collect());
            }
            if decision.closed.contains(&local) {
                candidate.closed = true;
            } else if decision.kept.contains(&local) {
                candidate.floor = candidate.target();
            }
        }
    }
}

/// `f` of every item, `threads` at a time; results in the items' order, so the threads
/// cannot change a byte.
fn par_map<T: Sync, R: Send>(items: &[T], threads: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<R>>> =
        items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(i) else {
                        break;
                    };
                    let result = f(item);
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(result);
                    }
                }
            });
        }
    });
    results
        .into_iter()
        .filter_map(|m| m.into_inner().ok().flatten())
        .collect()
}

/// Sessions below twice their optimum after allocation (AL004, GSG 32), each with what
/// closing it would cost: solved once more with its seats at 0.
fn below_target(
    a: &mut Allocation,
    groups: &[Group],
    problems: &[solve::Problem],
    chosen: &[Vec<Option<usize>>],
    diags: &mut Diagnostics,
) {
    for (g, group) in groups.iter().enumerate() {
        for (local, &s) in group.sessions.iter().enumerate() {
            let placed = a.placed_in(s);
            let target = a.candidates[s].target();
            if placed >= target || a.candidates[s].closed {
                continue; // a closed session is in the summary
            }
            let pinned = (a.decided.iter())
                .filter(|d| d.session == Some(s) && d.outcome == Outcome::Pinned)
                .count();
            let without = (pinned == 0).then(|| {
                let mut closed = problems[g].clone();
                closed.seats[local] = 0;
                let again = closed.solve();
                let unplaced = |c: &[Option<usize>]| c.iter().filter(|x| x.is_none()).count();
                let more = unplaced(&again).saturating_sub(unplaced(&chosen[g]));
                let points =
                    closed.objective(&again) as i64 - problems[g].objective(&chosen[g]) as i64;
                (more, points)
            });
            let id = a.candidates[s].id().to_string();
            let closing = match without {
                Some((0, points)) => format!(
                    "without it, all its claimants would still be placed, at {points} more points"
                ),
                Some((more, _)) => format!(
                    "without it, {more} claimant{} would not be placed",
                    if more == 1 { "" } else { "s" }
                ),
                None => "it has pinned claimants, so it stays".to_string(),
            };
            diags.push(
                Diagnostic::new(
                    &BELOW_TARGET,
                    format!(
                        "`{id}` has {placed} claimant{} after allocation, below its target of {target} (twice the optimum); {closing}",
                        if placed == 1 { "" } else { "s" }
                    ),
                )
                .at_key(&a.candidates[s].session.data, "optimum_attendees")
                .help(if placed == 0 {
                    "nobody is placed in it, so it has no list and `build` would stop at it: remove its file from content/sessions/ to cancel it, or invite claimants"
                } else {
                    "keep it, merge it with another session of the week, or invite more claimants"
                })
                .session(&id),
            );
            a.below_target.push(BelowTarget {
                session: s,
                placed,
                target,
                without,
            });
        }
    }
}

/// A warning or error about a claimant, at their reference's cell.
pub(crate) fn at_row(row: &PoolRow, d: Diagnostic) -> Diagnostic {
    d.at(row.at.clone()).snippet(row.claimant.reference.clone())
}

/// AL001 or AL002 for a claimant not placed.
pub(crate) fn not_placed_problem(row: &PoolRow, all_full: bool, why: &str) -> Diagnostic {
    let d = if all_full {
        Diagnostic::new(
            &SESSIONS_FULL,
            format!("{} could attend {why}, and every one is full", row.claimant.reference),
        )
        .help("add a session, raise a session's `allocate.capacity` (up to max_invites), or place them next week")
    } else {
        Diagnostic::new(
            &NO_SESSION_POSSIBLE,
            format!("{} cannot attend any session of the week: {why}", row.claimant.reference),
        )
        .help("arrange an alternative in the Jobcentre (GSG 37), or add a session that meets their needs")
    };
    at_row(row, d)
}

/// The hard rule a pair breaks, for the report.
pub(crate) fn hard_of(a: &Allocation, row: &PoolRow, s: usize) -> Option<Hard> {
    terms::hard(
        &row.claimant,
        &row.office,
        &a.candidates[s],
        &a.context,
        true,
    )
}
