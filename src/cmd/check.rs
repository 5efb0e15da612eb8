use anyhow::Result;
use sessionpack::pipeline;

use super::args::{CheckArgs, Global};
use super::shell::Shell;
use super::summary::{self, Command, Exit, Lines};

/// `sessionpack check`: every problem `build` would meet, typst's included, writing nothing
/// under out/.
pub fn execute(global: &Global, args: &CheckArgs) -> Result<Exit> {
    let shell = Shell::new(global);
    let root = global.project_root()?;
    let (run, shard) = args.run.options()?;
    if let Some(shard) = shard {
        shell.status("shard", &shard);
    }
    let command = if args.no_typeset {
        Command::CheckWithoutTypst
    } else {
        Command::Check
    };
    let (diags, report) = pipeline::check(
        &root,
        &args.validate.options(),
        &run,
        !args.no_typeset,
        &Lines::new(&shell, command),
    )?;
    Ok(summary::finish(&shell, &root, &diags, &report, command))
}
