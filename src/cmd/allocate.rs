use anyhow::Result;
use serde_json::json;
use sessionpack::allocate::{self, BaselineChoice, Options, UsageProblem, Window};
use sessionpack::model::table::TableSource;

use super::args::{AllocateArgs, Global, UsageError};
use super::shell::Shell;
use super::summary::Exit;

/// `sessionpack allocate`: place the week's pool into the week's sessions, explain each
/// outcome, write the lists, the baseline and the report.
pub fn execute(global: &Global, args: &AllocateArgs) -> Result<Exit> {
    let shell = Shell::new(global);
    let root = global.project_root()?;
    let usage = |m: String| anyhow::Error::from(UsageError(m));
    let window = match (&args.week, &args.from, &args.to) {
        (Some(week), _, _) => Window::week(week).map_err(usage)?,
        (None, Some(from), Some(to)) => {
            let day = |t: &str| {
                sessionpack::model::values::parse_date(t)
                    .map_err(|m| usage(format!("{m}: write the day as YYYY-MM-DD")))
            };
            Window::days(day(from)?, day(to)?).map_err(usage)?
        }
        _ => {
            return Err(usage(
                "name the week (--week 2026-W49) or the days (--from and --to)".into(),
            ));
        }
    };
    let mut pools = Vec::new();
    for path in &args.pool {
        let real = sessionpack::fs::canonicalize(path)
            .map_err(|_| usage(format!("--pool {}: there is no such file", path.display())))?;
        let rel = real.strip_prefix(&root).map_err(|_| {
            usage(format!(
                "--pool {}: the pool must be a file inside the project ({})",
                path.display(),
                root.display()
            ))
        })?;
        pools.push(TableSource {
            file: rel.to_string_lossy().replace('\\', "/"),
            sheet: args.sheet.clone(),
        });
    }
    let baseline = match (&args.baseline, args.no_baseline) {
        (_, true) => BaselineChoice::None,
        (Some(path), _) => BaselineChoice::File(std::path::absolute(path)?),
        (None, false) => BaselineChoice::Default,
    };
    let options = Options {
        window: window.clone(),
        pools,
        baseline,
        today: sessionpack::plan::build_date(args.source_date_epoch)?,
        dry_run: args.dry_run,
        force: args.force,
        threads: args.jobs.map_or_else(
            || std::thread::available_parallelism().map_or(1, usize::from),
            usize::from,
        ),
        time_limit: std::time::Duration::from_secs(u64::from(args.time_limit)),
        explain: args.explain.clone(),
        typst: args.typst.clone(),
    };
    shell.status(
        "allocate",
        &format!("{} ({} to {})", window.label, window.from, window.to),
    );
    let finished =
        allocate::run(&root, &options).map_err(|e| match e.downcast::<UsageProblem>() {
            Ok(problem) => usage(problem.to_string()),
            Err(e) => e,
        })?;
    shell.diagnostics(&finished.diags, &super::summary::repo_prefix(&root));
    for text in &finished.explained {
        println!("{text}");
    }
    for line in &finished.summary {
        shell.status("allocated", line);
    }
    for path in &finished.written {
        shell.status("wrote", path);
    }
    shell.result(
        "allocate",
        json!({
            "week": window.label,
            "solved": finished.solved,
            "unplaced": finished.unplaced,
            "summary": finished.summary,
            "written": finished.written,
        }),
    );
    Ok(
        if finished.diags.has_errors() || (args.deny_unplaced && finished.unplaced > 0) {
            Exit::Input
        } else {
            Exit::Success
        },
    )
}
