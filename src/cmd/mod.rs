//! One file per subcommand: thin wrappers over the library.

pub mod build;
pub mod check;
pub mod clean;
pub mod init;

use std::path::PathBuf;

use anyhow::Result;
use sessionpack::pipeline::CheckOptions;

use crate::{CheckArgs, Global};

/// The project root: `--root`, or the nearest folder upwards from here with sessionpack.yaml.
pub fn root(global: &Global) -> Result<PathBuf> {
    let start = match &global.root {
        Some(r) => r.clone(),
        None => std::env::current_dir()?,
    };
    sessionpack::project::find_root(&start)
}

pub fn check_options(args: &CheckArgs) -> CheckOptions {
    CheckOptions {
        deny_warnings: args.deny_warnings,
        source_date_epoch: args.source_date_epoch,
    }
}
