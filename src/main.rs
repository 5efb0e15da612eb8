//! The `sessionpack` command: parse arguments, call the library, report, exit.
//! Exit status: 0 success (warnings allowed), 1 errors, 2 usage.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use sessionpack::diag::Format;

mod cmd;

#[derive(Parser)]
#[command(
    name = "sessionpack",
    version,
    about = "Builds the paperwork of Jobcentre Plus group information sessions as accessible PDFs"
)]
struct Cli {
    /// Project folder (default: the nearest folder upwards holding sessionpack.yaml)
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    /// How to print diagnostics
    #[arg(long, global = true, value_enum, default_value = "human")]
    format: Format,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate, then render every session's documents into out/
    Build {
        /// Build only this session (repeatable)
        #[arg(long = "session", value_name = "ID")]
        sessions: Vec<String>,
        /// Most typst processes at once (default: the number of cores)
        #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// Treat every warning as an error
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Everything build validates, writing nothing
    Check {
        /// Treat every warning as an error
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Write a new, working project into DIR
    Init { dir: PathBuf },
    /// Remove what build wrote
    Clean,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            sessions,
            jobs,
            deny_warnings,
        } => cmd::build::execute(
            cli.root,
            cli.format,
            sessions,
            jobs.map(usize::from),
            deny_warnings,
        ),
        Command::Check { deny_warnings } => {
            cmd::check::execute(cli.root, cli.format, deny_warnings)
        }
        Command::Init { dir } => cmd::init::execute(&dir),
        Command::Clean => cmd::clean::execute(cli.root),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  because: {cause}");
            }
            ExitCode::from(1)
        }
    }
}
