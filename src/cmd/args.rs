//! The arguments of the commands, shared by `main.rs` and the command files.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use sessionpack::diag::Format;
use sessionpack::pipeline::CheckOptions;

/// Options every command takes.
#[derive(Args)]
pub struct Global {
    /// Project folder (default: the nearest folder upwards holding sessionpack.yaml)
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// How to print diagnostics
    #[arg(long, global = true, value_enum, default_value = "human")]
    pub format: Format,
    /// Show every warning (otherwise, after a few of one kind, the rest are counted)
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
}

/// What `check` and `build` share.
#[derive(Args)]
pub struct CheckArgs {
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

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub check: CheckArgs,
    /// Build only this session (repeatable)
    #[arg(long = "session", value_name = "ID")]
    pub sessions: Vec<String>,
    /// Most typst processes at once (default: the number of cores)
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// The typst 0.15.1 binary (default: the sessionpack cache, then PATH)
    #[arg(long, env = "SESSIONPACK_TYPST", value_name = "PATH")]
    pub typst: Option<PathBuf>,
    /// Most seconds one session's typst may run before it is stopped
    #[arg(
        long,
        env = "SESSIONPACK_TYPST_TIMEOUT",
        value_name = "SECONDS",
        default_value_t = 600,
        value_parser = clap::value_parser!(u64).range(1..=86_400)
    )]
    pub typst_timeout: u64,
    /// Keep the generated Typst of a session that fails (out/.build/ID/main.typ, owner-only)
    #[arg(long)]
    pub keep_build_dir: bool,
}

impl Global {
    /// The project root: `--root`, or the nearest folder upwards from here with
    /// sessionpack.yaml.
    pub fn project_root(&self) -> Result<PathBuf> {
        let start = match &self.root {
            Some(r) => r.clone(),
            None => std::env::current_dir()?,
        };
        sessionpack::project::find_root(&start)
    }
}

impl CheckArgs {
    pub fn options(&self) -> CheckOptions {
        CheckOptions {
            deny_warnings: self.deny_warnings,
            source_date_epoch: self.source_date_epoch,
        }
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
