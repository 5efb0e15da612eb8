//! Watching a project's input for `sessionpack watch`: the settings, `content/`, `templates/`
//! and every list named in `claimant_files`, with what editors and Office write while working
//! ignored, events debounced into batches (`notify` with `notify-debouncer-full`; polling once
//! a second for network shares and folders that send no events).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use anyhow::{Context, Result};
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};

/// How to watch.
pub struct Options {
    /// Poll every second instead of waiting for the system's events.
    pub poll: bool,
    /// Events closer together than this are one batch.
    pub debounce: Duration,
}

/// A running watch over one project.
pub struct Watch {
    root: PathBuf,
    /// Lists named in `claimant_files` (absolute), watched wherever they are.
    lists: Vec<PathBuf>,
    events: Receiver<DebounceEventResult>,
    debounce: Duration,
    _watcher: Box<dyn std::any::Any>,
}

/// What a batch of changes was.
pub enum Batch {
    /// These input files changed (relative to the project, `/` between parts), sorted.
    Changed(Vec<String>),
    /// The watcher failed: its message.
    Failed(String),
}

impl Watch {
    /// Watch the project at `root`, and the lists named in `claimant_files` (relative to the
    /// project, or absolute) outside it.
    pub fn start(root: &Path, lists: &[PathBuf], options: &Options) -> Result<Watch> {
        let (send, events) = std::sync::mpsc::channel();
        let debounce = options.debounce.max(Duration::from_millis(50));
        let lists: Vec<PathBuf> = lists.iter().map(|l| root.join(l)).collect();
        // Not out/ and not the project's other folders: only what the build reads.
        let mut places = vec![(root.to_path_buf(), RecursiveMode::NonRecursive)];
        for folder in ["content", "templates"] {
            if root.join(folder).is_dir() {
                places.push((root.join(folder), RecursiveMode::Recursive));
            }
        }
        for list in &lists {
            let Some(folder) = list.parent() else {
                continue;
            };
            let covered = folder == root
                || ["content", "templates"]
                    .iter()
                    .any(|f| folder.starts_with(root.join(f)));
            if !covered && !places.iter().any(|(p, _)| p == folder) {
                places.push((folder.to_path_buf(), RecursiveMode::NonRecursive));
            }
        }
        let watcher: Box<dyn std::any::Any> = if options.poll {
            let config = notify::Config::default().with_poll_interval(Duration::from_secs(1));
            let mut d = new_debouncer_opt::<_, notify::PollWatcher, RecommendedCache>(
                debounce,
                None,
                send,
                RecommendedCache::new(),
                config,
            )?;
            watch_all(&mut d, &places)?;
            Box::new(d)
        } else {
            let mut d = new_debouncer_opt::<_, notify::RecommendedWatcher, RecommendedCache>(
                debounce,
                None,
                send,
                RecommendedCache::new(),
                notify::Config::default(),
            )?;
            watch_all(&mut d, &places)?;
            Box::new(d)
        };
        Ok(Watch {
            root: root.to_path_buf(),
            lists,
            events,
            debounce,
            _watcher: watcher,
        })
    }

    /// The next batch of changes to the input, waiting at most `timeout` (`None` when nothing
    /// that matters changed by then). Batches that arrived meanwhile are taken together.
    pub fn next(&self, timeout: Duration) -> Option<Batch> {
        let first = match self.events.recv_timeout(timeout) {
            Ok(batch) => batch,
            Err(RecvTimeoutError::Timeout) => return None,
            Err(RecvTimeoutError::Disconnected) => {
                return Some(Batch::Failed("the file watcher stopped".into()));
            }
        };
        // Files saved one after another (a folder copied in, an editor saving all) are one
        // batch while they keep coming: the debouncer sends each path once it is quiet.
        let mut results = vec![first];
        while let Ok(more) = self.events.recv_timeout(self.debounce) {
            results.push(more);
        }
        let mut changed = std::collections::BTreeSet::new();
        for result in results {
            match result {
                Ok(events) => {
                    for event in events {
                        if matches!(event.kind, notify::EventKind::Access(_)) {
                            continue;
                        }
                        for path in &event.paths {
                            if let Some(name) = self.input(path) {
                                changed.insert(name);
                            }
                        }
                    }
                }
                Err(errors) => {
                    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
                    return Some(Batch::Failed(text.join("; ")));
                }
            }
        }
        (!changed.is_empty()).then(|| Batch::Changed(changed.into_iter().collect()))
    }

    /// `path` as the project names it, when it is input to the build.
    fn input(&self, path: &Path) -> Option<String> {
        if self.lists.iter().any(|l| l == path) {
            return Some(crate::fs::rel_path(&self.root, path));
        }
        let rel = path.strip_prefix(&self.root).ok()?;
        let name = crate::fs::rel_path(&self.root, path);
        let first = rel.components().next()?.as_os_str().to_string_lossy();
        let wanted = name == "sessionpack.yaml" || first == "content" || first == "templates";
        (wanted && !is_scratch(rel)).then_some(name)
    }
}

fn watch_all<W: notify::Watcher>(
    debouncer: &mut Debouncer<W, RecommendedCache>,
    places: &[(PathBuf, RecursiveMode)],
) -> Result<()> {
    for (place, mode) in places {
        debouncer
            .watch(place, *mode)
            .with_context(|| format!("cannot watch {}", place.display()))?;
    }
    Ok(())
}

/// What editors and Office write while working, never input: Excel's lock file (`~$x.xlsx`),
/// LibreOffice's (`.~lock.x#`), vim's swap files and probe (`4913`), backups (`x~`), Emacs'
/// lock links (`.#x`), and the tool's own temporary files (`.x.123-4.tmp`).
pub fn is_scratch(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return true;
    };
    name.starts_with("~$")
        || name.starts_with(".~lock.")
        || name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_editors_write_is_not_input() {
        for name in [
            "content/claimants/~$week.xlsx",
            "content/claimants/.~lock.week.xlsx#",
            "templates/.letters.typ.tera.swp",
            "templates/letters.typ.tera~",
            "templates/.#letters.typ.tera",
            "templates/4913",
            "content/.week.csv.123-4.tmp",
        ] {
            assert!(is_scratch(Path::new(name)), "{name}");
        }
        for name in ["content/claimants/week.xlsx", "templates/letters.typ.tera"] {
            assert!(!is_scratch(Path::new(name)), "{name}");
        }
    }
}
