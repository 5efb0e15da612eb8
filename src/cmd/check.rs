use anyhow::Result;
use sessionpack::pipeline::{self, Typeset};

use super::args::{CheckArgs, Global};
use super::summary::{self, Command, Exit, Lines};

/// `sessionpack check`: every problem `build` would meet, typst's included, writing nothing
/// under out/.
pub fn execute(global: &Global, args: &CheckArgs) -> Result<Exit> {
    let root = global.project_root()?;
    let typeset = if args.no_typeset {
        Typeset::No
    } else {
        Typeset::Yes(args.run.options())
    };
    let (diags, report) = pipeline::check(
        &root,
        &args.validate.options(),
        &typeset,
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
