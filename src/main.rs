//! The `sessionpack` command: parse arguments, call the library, report, exit.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use sessionpack::diag;

mod cmd;

use cmd::args::{BuildArgs, CheckArgs, Global, UsageError};
use cmd::summary::Exit;

const EXIT_STATUS: &str = "\
Exit status:
  0    success (warnings allowed)
  1    problems in the project's input: the officer fixes the data
  2    the command was used wrongly
  3    the machine or the tool failed (typst missing or failing, a disk error, another build
       running): an operator's problem, not the officer's
  130  stopped by Ctrl-C (SIGINT); 143 stopped by SIGTERM

Environment:
  SESSIONPACK_TYPST          the typst 0.15.1 binary (as --typst)
  SESSIONPACK_TYPST_TIMEOUT  most seconds one session's typst may run (as --typst-timeout)
  SESSIONPACK_MEMORY_BUDGET  MB the tool and its typst processes aim to stay within (as
                             --memory-budget; default 300)
  SOURCE_DATE_EPOCH          the build date, for reproducible builds (as --source-date-epoch)
  NO_COLOR                   no colour, unless --color always";

#[derive(Parser)]
#[command(
    name = "sessionpack",
    version,
    about = "Builds the paperwork of Jobcentre Plus group information sessions as accessible PDFs",
    after_help = EXIT_STATUS
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate, then build every session's documents into out/
    #[command(after_help = EXIT_STATUS)]
    Build(BuildArgs),
    /// Build, then build again each time the settings, content, templates or lists change;
    /// the overview in out/index.html reloads itself (Ctrl-C stops)
    #[command(after_help = EXIT_STATUS)]
    Watch(cmd::args::WatchArgs),
    /// Everything build does, typst included, writing nothing under out/
    #[command(after_help = EXIT_STATUS)]
    Check(CheckArgs),
    /// Place a week's pool of claimants into the week's sessions by the guidance, explained
    /// claimant by claimant: writes the session lists, the next baseline and a report
    #[command(after_help = EXIT_STATUS)]
    Allocate(cmd::args::AllocateArgs),
    /// Write a new, working project into DIR, with CI workflows
    #[command(after_help = EXIT_STATUS)]
    Init(cmd::args::InitArgs),
    /// Remove what build wrote
    Clean,
    /// Write out/index.json from the sessions in out/ (after merging --shard builds)
    Index {
        /// Check the receipts of a build in N shards first: every shard there, from this input
        /// and this version of the tool, no session in two (then the receipts are removed)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        shards: Option<u32>,
    },
    /// List every rule and its level as this project sets it
    Rules,
    /// List every column a claimant list may have: headings accepted, values, what it is for
    Columns,
    /// Explain a rule: its level, the guidance it quotes, how to fix it
    Explain {
        /// The rule's code (GS003) or name
        code: String,
    },
    /// The Welsh strings for a translator: export to a spreadsheet, import it back
    Strings {
        #[command(subcommand)]
        action: StringsAction,
    },
    /// Print shell completions for SHELL to stdout
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to stdout; with --dir, write it and a page for each
    /// command (sessionpack-build.1 ...) into DIR, as the main page refers to them
    Man {
        #[arg(long, value_name = "DIR")]
        dir: Option<std::path::PathBuf>,
    },
}

#[derive(Subcommand)]
enum StringsAction {
    /// Write every string (key, English, Welsh, status, note) to FILE.xlsx
    Export { file: PathBuf },
    /// Write the Welsh of FILE.xlsx back into templates/strings/cy.ftl
    Import { file: PathBuf },
}

fn main() -> ExitCode {
    use sessionpack::model::workbook;
    // The child that reads one workbook under ceilings (see `model::workbook`).
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some(workbook::HELPER_COMMAND) {
        return ExitCode::from(u8::try_from(workbook::serve(&args[2..])).unwrap_or(1));
    }
    if let Ok(exe) = std::env::current_exe() {
        workbook::set_helper(exe);
    }
    sessionpack::memory::tune_allocator();
    let cli = Cli::parse();
    sessionpack::stop::install();
    let result = match &cli.command {
        Command::Build(args) => cmd::build::execute(&cli.global, args),
        Command::Check(args) => cmd::check::execute(&cli.global, args),
        Command::Watch(args) => cmd::watch::execute(&cli.global, args),
        Command::Init(args) => cmd::init::execute(&cli.global, args),
        Command::Allocate(args) => cmd::allocate::execute(&cli.global, args),
        Command::Clean => cmd::clean::execute(&cli.global),
        Command::Index { shards } => cmd::index::execute(&cli.global, *shards),
        Command::Rules => cmd::rules::list(&cli.global),
        Command::Columns => cmd::columns::execute(&cli.global),
        Command::Strings { action } => match action {
            StringsAction::Export { file } => cmd::strings::export(&cli.global, file),
            StringsAction::Import { file } => cmd::strings::import(&cli.global, file),
        },
        Command::Explain { code } => cmd::rules::explain(&cli.global, code),
        Command::Completions { shell } => {
            clap_complete::generate(
                *shell,
                &mut Cli::command(),
                "sessionpack",
                &mut std::io::stdout(),
            );
            Ok(Exit::Success)
        }
        Command::Man { dir: None } => clap_mangen::Man::new(Cli::command())
            .render(&mut std::io::stdout())
            .map(|_| Exit::Success)
            .map_err(Into::into),
        Command::Man { dir: Some(dir) } => std::fs::create_dir_all(dir)
            .and_then(|_| clap_mangen::generate_to(Cli::command(), dir))
            .map(|_| Exit::Success)
            .map_err(|e| {
                anyhow::anyhow!("cannot write the manual pages into {}: {e}", dir.display())
            }),
    };
    let exit = match result {
        Ok(exit) => exit,
        Err(e) => {
            let causes: Vec<String> = e.chain().map(|c| c.to_string()).collect();
            let exit = if e.downcast_ref::<UsageError>().is_some() {
                Exit::Usage
            } else {
                Exit::Environment
            };
            cmd::shell::Shell::new(&cli.global).error(&diag::chain_text(&causes), exit.code());
            exit
        }
    };
    ExitCode::from(exit.code())
}
