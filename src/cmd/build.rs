use anyhow::Result;
use sessionpack::pipeline::{self, BuildOptions};

use super::args::{BuildArgs, Global};
use super::shell::Shell;
use super::summary::{self, Command, Exit, Lines};

/// `sessionpack build`.
pub fn execute(global: &Global, args: &BuildArgs) -> Result<Exit> {
    let shell = Shell::new(global);
    let root = global.project_root()?;
    if let Some((shard, Some(from))) = args.run.shard()? {
        shell.status(
            "shard",
            &format!(
                "{} of {} (--shard auto, from {from})",
                shard.index, shard.count
            ),
        );
    }
    let options = BuildOptions {
        check: args.validate.options(),
        run: args.run.options()?,
        keep_build_dir: args.keep_build_dir,
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
