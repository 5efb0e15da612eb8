use anyhow::Result;
use sessionpack::diag::{self, Format};
use sessionpack::pipeline;

use crate::{CheckArgs, Global};

/// `sessionpack check`: report every problem; true when there are no errors.
pub fn execute(global: &Global, args: &CheckArgs) -> Result<bool> {
    let root = super::root(global)?;
    let diags = pipeline::check(&root, &super::check_options(args))?;
    diag::report(&diags, global.format);
    if global.format == Format::Human && diags.iter().next().is_none() {
        eprintln!("check: no problems found");
    }
    Ok(!diags.has_errors())
}
