//! The `sessionpack` command: parse arguments, call the library, report, exit.
//! Exit status: 0 success (warnings allowed), 1 errors, 2 usage.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use sessionpack::diag;

mod cmd;

use cmd::args::{BuildArgs, CheckArgs, Global};

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
