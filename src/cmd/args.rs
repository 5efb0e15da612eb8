//! The arguments of the commands, shared by `main.rs` and the command files.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use sessionpack::diag::Format;
use sessionpack::pipeline::{CheckOptions, RunOptions};
use sessionpack::plan::{Selection, Shard};

/// Options every command takes.
#[derive(Args)]
pub struct Global {
    /// Project folder (default: the nearest folder upwards holding sessionpack.yaml)
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// How to print diagnostics and the summary: compiler-style text; JSON lines ending with
    /// one summary object; GitHub Actions workflow commands, which put each problem on the
    /// pull request's lines; or one SARIF 2.1.0 log, for code scanning
    #[arg(long, global = true, value_enum, default_value = "human")]
    pub format: Format,
    /// Show every warning (otherwise, after a few of one kind, the rest are counted)
    #[arg(long, short = 'v', global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    /// Print only the problems: no progress, no summary
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
    /// When to colour the output (`NO_COLOR` set means never, unless `always`)
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    pub color: ColorChoice,
}

/// What `check` and `build` share: how the project is validated.
#[derive(Args)]
pub struct ValidateArgs {
    /// Treat every warning as an error
    #[arg(long)]
    pub deny_warnings: bool,
    /// The build date, as seconds since 1970-01-01 UTC: letters without `letters_issued` are
    /// dated that day (reproducible builds)
    #[arg(
        long,
        env = "SOURCE_DATE_EPOCH",
        value_name = "SECONDS",
        value_parser = epoch_seconds
    )]
    pub source_date_epoch: Option<i64>,
}

/// `sessionpack init`.
#[derive(Args)]
pub struct InitArgs {
    /// The new project's folder (created; it must be empty or not exist)
    pub dir: PathBuf,
    /// The CI engines to write for (repeatable, or comma-separated; default github,gitlab)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "ENGINE")]
    pub ci: Vec<CiArg>,
    /// Split the week's build across N machines: the CI files run N shards, then merge them
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    pub shards: Option<u32>,
    /// The day the example is dated from, as seconds since 1970-01-01 UTC (default: today):
    /// its letters go out on that day or after
    #[arg(
        long,
        env = "SOURCE_DATE_EPOCH",
        value_name = "SECONDS",
        value_parser = epoch_seconds
    )]
    pub source_date_epoch: Option<i64>,
}

/// A CI engine of `init --ci`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum CiArg {
    Github,
    Gitlab,
    Kubernetes,
    AwsBatch,
}

impl CiArg {
    pub fn engine(self) -> sessionpack::init::Ci {
        use sessionpack::init::Ci;
        match self {
            CiArg::Github => Ci::Github,
            CiArg::Gitlab => Ci::Gitlab,
            CiArg::Kubernetes => Ci::Kubernetes,
            CiArg::AwsBatch => Ci::AwsBatch,
        }
    }
}

/// What `check` and `build` share: which sessions are typeset, and how.
#[derive(Args)]
pub struct RunArgs {
    /// Only this session (repeatable)
    #[arg(long = "session", value_name = "ID")]
    pub sessions: Vec<String>,
    /// Only the K-th of N slices of the sessions, chosen by a stable hash of their IDs, to
    /// split a build across N machines (merge their out/ folders, then run `index`); `auto`
    /// reads it from the CI engine (SESSIONPACK_SHARD, GitLab's CI_NODE_INDEX/CI_NODE_TOTAL,
    /// Kubernetes' JOB_COMPLETION_INDEX or AWS Batch's AWS_BATCH_JOB_ARRAY_INDEX with
    /// SESSIONPACK_SHARD_COUNT, or SESSIONPACK_SHARD_INDEX/SESSIONPACK_SHARD_COUNT from GitHub)
    #[arg(long, value_name = "K/N|auto", value_parser = ShardArg::parse)]
    pub shard: Option<ShardArg>,
    /// Most typst processes at once (default: the number of cores)
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// The typst 0.15.1 binary (default: the sessionpack cache, then PATH)
    #[arg(long, env = "SESSIONPACK_TYPST", value_name = "PATH")]
    pub typst: Option<PathBuf>,
    /// Most seconds one typst process may run before it is stopped (default: 60, and 3 more
    /// for each PDF it writes)
    #[arg(
        long,
        env = "SESSIONPACK_TYPST_TIMEOUT",
        value_name = "SECONDS",
        value_parser = clap::value_parser!(u64).range(1..=86_400)
    )]
    pub typst_timeout: Option<u64>,
    /// Without --jobs, run only as many typst processes at once as fit, beside the loaded
    /// project, in this many MB
    #[arg(
        long,
        env = "SESSIONPACK_MEMORY_BUDGET",
        value_name = "MB",
        default_value_t = sessionpack::pipeline::DEFAULT_MEMORY_BUDGET_MB,
        value_parser = clap::value_parser!(u64).range(64..)
    )]
    pub memory_budget: u64,
}

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub validate: ValidateArgs,
    #[command(flatten)]
    pub run: RunArgs,
    /// Render the templates but do not run typst: fast, for editors; it can pass a project
    /// that `build` fails
    #[arg(long)]
    pub no_typeset: bool,
}

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub validate: ValidateArgs,
    #[command(flatten)]
    pub run: RunArgs,
    /// Keep the generated Typst of a session that fails (out/.build/ID/main.typ, owner-only)
    #[arg(long)]
    pub keep_build_dir: bool,
}

#[derive(Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub validate: ValidateArgs,
    #[command(flatten)]
    pub run: RunArgs,
    /// Look for changes every second instead of waiting for the system to say (for network
    /// shares, WSL2's Windows folders, containers' mounted folders)
    #[arg(long)]
    pub poll: bool,
    /// Changes closer together than this many milliseconds make one build
    #[arg(long, value_name = "MS", default_value_t = 300)]
    pub debounce: u64,
    /// Open out/index.html in the default browser after the first build
    #[arg(long)]
    pub open: bool,
    /// Make no thumbnails for the overview (faster for a large project)
    #[arg(long)]
    pub no_thumbnails: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl Global {
    /// Whether to colour what goes to stderr.
    pub fn colour(&self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => sessionpack::diag::use_colour(),
        }
    }
}

/// A mistake in how the command was run (exit 2), not in the project or the machine.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

impl Global {
    /// The project root: `--root`, or the nearest folder upwards from here with
    /// sessionpack.yaml.
    pub fn project_root(&self) -> Result<PathBuf> {
        let start = match &self.root {
            Some(r) => r.clone(),
            None => std::env::current_dir()?,
        };
        sessionpack::project::find_root(&start).map_err(|e| UsageError(format!("{e:#}")).into())
    }
}

impl ValidateArgs {
    pub fn options(&self) -> CheckOptions {
        CheckOptions {
            deny_warnings: self.deny_warnings,
            source_date_epoch: self.source_date_epoch,
        }
    }
}

/// `--shard K/N`, or `--shard auto`.
#[derive(Debug, Clone, Copy)]
pub enum ShardArg {
    Given(Shard),
    Auto,
}

impl ShardArg {
    fn parse(text: &str) -> Result<ShardArg, String> {
        if text.trim().eq_ignore_ascii_case("auto") {
            Ok(ShardArg::Auto)
        } else {
            Shard::parse(text).map(ShardArg::Given)
        }
    }
}

impl RunArgs {
    /// The shard asked for, and, for `--shard auto`, where in the environment it was found.
    fn shard(&self) -> Result<Option<(Shard, Option<&'static str>)>> {
        match self.shard {
            None => Ok(None),
            Some(ShardArg::Given(s)) => Ok(Some((s, None))),
            Some(ShardArg::Auto) => {
                sessionpack::plan::shard_from_env(|name| std::env::var(name).ok())
                    .map(|(s, from)| Some((s, Some(from))))
                    .map_err(|e| UsageError(e).into())
            }
        }
    }

    /// The run's options, and, for `--shard auto`, the line that says which shard and where
    /// it was found (`2 of 3 (--shard auto, from …)`).
    pub fn options(&self) -> Result<(RunOptions, Option<String>)> {
        let shard = self.shard()?;
        let said = shard.and_then(|(s, from)| {
            from.map(|from| format!("{} of {} (--shard auto, from {from})", s.index, s.count))
        });
        let options = RunOptions {
            selection: Selection {
                sessions: self.sessions.clone(),
                shard: shard.map(|(s, _)| s),
            },
            jobs: self.jobs.map(usize::from),
            typst: self.typst.clone(),
            typst_timeout: self.typst_timeout.map(std::time::Duration::from_secs),
            memory_budget_mb: self.memory_budget,
        };
        Ok((options, said))
    }
}

/// `SOURCE_DATE_EPOCH`: whole seconds since 1970-01-01 UTC, up to the year 9999.
fn epoch_seconds(text: &str) -> Result<i64, String> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|s| (0..=253_402_300_799).contains(s))
        .ok_or_else(|| {
            format!(
                "SOURCE_DATE_EPOCH (or --source-date-epoch) must be whole seconds since 1970-01-01 UTC, such as 1764547200; `{text}` is not"
            )
        })
}

/// The rules sessionpack.yaml relaxed, in one line for the summary.
pub fn relaxed_line(relaxed: &[sessionpack::rules::RelaxedRule]) -> String {
    format!(
        "relaxed in sessionpack.yaml: {}",
        relaxed
            .iter()
            .map(|r| format!("{} ({})", r.code, r.level))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// `sessionpack allocate`.
#[derive(Args)]
pub struct AllocateArgs {
    /// The ISO week whose sessions to fill, such as 2026-W49
    #[arg(long, value_name = "YYYY-Www", required_unless_present = "from", conflicts_with_all = ["from", "to"])]
    pub week: Option<String>,
    /// The first day of the sessions to fill, YYYY-MM-DD (with --to)
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<String>,
    /// The last day of the sessions to fill, YYYY-MM-DD (with --from)
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
    /// The week's pool of claimants, a file inside the project (again for more files;
    /// default: `allocate.pool` in sessionpack.yaml)
    #[arg(long, value_name = "FILE")]
    pub pool: Vec<PathBuf>,
    /// The worksheet of a workbook pool (default: its first), for every --pool
    #[arg(long, value_name = "NAME", requires = "pool")]
    pub sheet: Option<String>,
    /// The allocation to stay close to (default: content/allocations/WEEK.json when it exists)
    #[arg(long, value_name = "FILE", conflicts_with = "no_baseline")]
    pub baseline: Option<PathBuf>,
    /// Stay close to no earlier allocation
    #[arg(long)]
    pub no_baseline: bool,
    /// Write only the report (out/allocation/WEEK/report.csv), not the lists or the baseline
    #[arg(long)]
    pub dry_run: bool,
    /// Exit 1 when a claimant who is not excluded stays unplaced (for CI)
    #[arg(long)]
    pub deny_unplaced: bool,
    /// Print one claimant's full reasoning: every session of their office, its points or the
    /// rule it breaks (again for more claimants)
    #[arg(long, value_name = "REF")]
    pub explain: Vec<String>,
    /// Replace session lists of the week that allocate did not write
    #[arg(long)]
    pub force: bool,
    /// Groups of offices solved at once (default: the number of cores)
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// The longest the grouping stage (`interpreter_booking`, `close_below_target`) searches
    /// for each group of offices, in seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub time_limit: u32,
    /// The typst 0.15.1 binary, for report.pdf (default: the sessionpack cache, then PATH)
    #[arg(long, env = "SESSIONPACK_TYPST", value_name = "PATH")]
    pub typst: Option<PathBuf>,
    /// The build date, as seconds since 1970-01-01 UTC: who is too soon for a letter, whose
    /// letter has gone out
    #[arg(
        long,
        env = "SOURCE_DATE_EPOCH",
        value_name = "SECONDS",
        value_parser = epoch_seconds
    )]
    pub source_date_epoch: Option<i64>,
}
