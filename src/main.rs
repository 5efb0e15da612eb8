//! The `sessionpack` command: parse arguments, call the library, report, exit.
//! Exit status: 0 success (warnings allowed), 1 errors, 2 usage.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use sessionpack::diag::{self, Format};

mod cmd;

#[derive(Parser)]
#[command(
    name = "sessionpack",
    version,
    about = "Builds the paperwork of Jobcentre Plus group information sessions as accessible PDFs",
    after_help = "Exit status: 0 success (warnings allowed), 1 errors in the project or the run, 2 usage."
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options every command takes.
#[derive(Args)]
pub struct Global {
    /// Project folder (default: the nearest folder upwards holding sessionpack.yaml)
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    /// How to print diagnostics
    #[arg(long, global = true, value_enum, default_value = "human")]
    format: Format,
}

/// What `check` and `build` share.
#[derive(Args)]
pub struct CheckArgs {
    /// Treat every warning as an error
    #[arg(long)]
    deny_warnings: bool,
    /// The build date, as seconds since 1970-01-01 UTC: letters without `letters_issued` are
    /// dated that day (reproducible builds)
    #[arg(
        long,
        env = "SOURCE_DATE_EPOCH",
        value_name = "SECONDS",
        value_parser = epoch_seconds
    )]
    source_date_epoch: Option<i64>,
}

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    check: CheckArgs,
    /// Build only this session (repeatable)
    #[arg(long = "session", value_name = "ID")]
    sessions: Vec<String>,
    /// Most typst processes at once (default: the number of cores)
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// The typst 0.15.1 binary (default: the sessionpack cache, then PATH)
    #[arg(long, env = "SESSIONPACK_TYPST", value_name = "PATH")]
    typst: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Validate, then render every session's documents into out/
    Build(BuildArgs),
    /// Everything build validates, writing nothing
    Check(CheckArgs),
    /// Write a new, working project into DIR
    Init { dir: PathBuf },
    /// Remove what build wrote
    Clean,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Build(args) => cmd::build::execute(&cli.global, args),
        Command::Check(args) => cmd::check::execute(&cli.global, args),
        Command::Init { dir } => cmd::init::execute(dir),
        Command::Clean => cmd::clean::execute(&cli.global),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            let causes: Vec<String> = e.chain().map(|c| c.to_string()).collect();
            eprintln!("error: {}", diag::chain_text(&causes));
            ExitCode::from(1)
        }
    }
}
