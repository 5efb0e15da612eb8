use std::path::PathBuf;

use anyhow::Result;
use sessionpack::diag::{self, Format};
use sessionpack::pipeline;

/// `sessionpack check`: report every problem; true when there are no errors.
pub fn execute(root: Option<PathBuf>, format: Format, deny_warnings: bool) -> Result<bool> {
    let root = super::root(root)?;
    let (_, diags) = pipeline::check(&root, deny_warnings)?;
    diag::report(&diags, format);
    if format == Format::Human && diags.iter().next().is_none() {
        eprintln!("check: no problems found");
    }
    Ok(!diags.has_errors())
}
