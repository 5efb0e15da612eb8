use anyhow::Result;
use sessionpack::pipeline;

use super::args::{CheckArgs, Global};
use super::summary::{self, Command, Exit, Lines};

/// `sessionpack check`: every problem `build` would meet, typst's included, writing nothing
/// under out/.
pub fn execute(global: &Global, args: &CheckArgs) -> Result<Exit> {
    let root = global.project_root()?;
    let (diags, report) = pipeline::check(
        &root,
        &args.validate.options(),
        &args.run.options(),
        !args.no_typeset,
        &Lines::new(global, Command::Check),
    )?;
    Ok(summary::finish(
        global,
        &root,
        &diags,
        &report,
        Command::Check,
    ))
}
