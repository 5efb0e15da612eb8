//! One file per subcommand: thin wrappers over the library.

pub mod build;
pub mod check;
pub mod clean;
pub mod init;

use std::path::PathBuf;

use anyhow::Result;

/// The project root: `--root`, or the nearest folder upwards from here with sessionpack.yaml.
pub fn root(root: Option<PathBuf>) -> Result<PathBuf> {
    let start = match root {
        Some(r) => r,
        None => std::env::current_dir()?,
    };
    sessionpack::project::find_root(&start)
}
