use anyhow::Result;
use serde_json::json;
use sessionpack::init::{Ci, Options};

use super::args::Global;
use super::args::{InitArgs, UsageError};
use super::shell::Shell;
use super::summary::Exit;

/// `sessionpack init DIR`: a new project that builds as it is, dated from today.
pub fn execute(global: &Global, args: &InitArgs) -> Result<Exit> {
    let shell = Shell::new(global);
    let dir = &args.dir;
    let ci: Vec<Ci> = match args.ci.is_empty() {
        true => vec![Ci::Github, Ci::Gitlab],
        false => args.ci.iter().map(|c| c.engine()).collect(),
    };
    let options = Options {
        today: sessionpack::plan::build_date(args.source_date_epoch)?,
        ci,
        shards: args.shards,
    };
    if let Some(why) = sessionpack::init::refuse(&options) {
        return Err(UsageError(why).into());
    }
    // A folder already in use is a mistake in the command, not a fault of the machine.
    let occupied = dir.is_dir() && std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    let written = sessionpack::init::write_project(dir, &options).map_err(|e| {
        if occupied {
            UsageError(format!("{e:#}")).into()
        } else {
            e
        }
    })?;
    shell.status(
        "init",
        &format!("wrote {} files into {}", written.files, dir.display()),
    );
    let first = written.first_session.format("%Y-%m-%d").to_string();
    shell.note(&format!(
        "  the example's sessions start on {first}, its letters dated no earlier than today"
    ));
    shell.note(&format!(
        "  next: cd {} && sessionpack build",
        dir.display()
    ));
    shell.result(
        "init",
        json!({ "files": written.files, "dir": dir.display().to_string(), "first_session": first }),
    );
    Ok(Exit::Success)
}
