use anyhow::Result;
use sessionpack::pipeline::{self, BuildOptions};

use super::args::{BuildArgs, Global};
use super::shell::Shell;
use super::summary::{self, Command, Exit, Lines};

/// `sessionpack build`.
pub fn execute(global: &Global, args: &BuildArgs) -> Result<Exit> {
    let shell = Shell::new(global);
    let root = global.project_root()?;
    let (run, shard) = args.run.options()?;
    if let Some(shard) = shard {
        shell.status("shard", &shard);
    }
    let options = BuildOptions {
        check: args.validate.options(),
        run,
        keep_build_dir: args.keep_build_dir,
        thumbnails: true,
        watch: None,
    };
    let (diags, report) = pipeline::build(&root, &options, &Lines::new(&shell, Command::Build))?;
    Ok(summary::finish(
        &shell,
        &root,
        &diags,
        &report,
        Command::Build,
    ))
}
