//! The CI files `init` writes, run as each engine would run them: every job's own lines, in
//! order, in a fresh checkout of the project (no claimant list in it: git ignores them), with
//! the real `sessionpack` and typst on PATH. What only the engine does is done by the test: a
//! tool set-up step (the tool is already built), passing artifacts or a shared volume from the
//! shards to the merge. A region's build is merged by `index --shards N` and checked like one
//! machine's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use marked_yaml::Node;

use crate::harness::{copy_dir, files_under, sessionpack};

/// A project `init` wrote, and what a job of it needs around it.
struct Workspace {
    _dir: tempfile::TempDir,
    root: PathBuf,
    project: PathBuf,
    /// The week's lists where the protected variable points: the example's.
    lists: PathBuf,
    runs: std::cell::Cell<usize>,
}

impl Workspace {
    fn init(args: &[&str]) -> Workspace {
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        let root = dir.path().to_path_buf();
        let project = root.join("project");
        let out = sessionpack()
            .arg("init")
            .arg(&project)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let lists = root.join("lists");
        copy_dir(&project.join("content/claimants"), &lists);
        Workspace {
            _dir: dir,
            root,
            project,
            lists,
            runs: std::cell::Cell::new(0),
        }
    }

    fn text(&self, file: &str) -> String {
        std::fs::read_to_string(self.project.join(file)).unwrap()
    }

    /// A fresh checkout: the project as git holds it, without what .gitignore keeps out.
    fn checkout(&self) -> PathBuf {
        self.runs.set(self.runs.get() + 1);
        let to = self.root.join(format!("job-{}", self.runs.get()));
        copy_dir(&self.project, &to);
        let ignored = self.text(".gitignore");
        assert!(
            ignored.lines().any(|l| l == "/content/claimants/"),
            "{ignored}"
        );
        std::fs::remove_dir_all(to.join("content/claimants")).unwrap();
        to
    }

    /// Run `script` with `sh -e` in `dir`, the tool on PATH, with `env`; panic with what it
    /// said when it fails.
    fn run(&self, script: &str, dir: &Path, env: &[(String, String)]) -> String {
        let bin = Path::new(env!("CARGO_BIN_EXE_sessionpack"))
            .parent()
            .unwrap();
        let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
        let mut cmd = std::process::Command::new("bash");
        cmd.args(["-e", "-c", script])
            .current_dir(dir)
            .env("PATH", path)
            .env("NO_COLOR", "1")
            .env("SOURCE_DATE_EPOCH", crate::harness::BUILD_DATE_EPOCH);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success(),
            "{script}\nfailed in {}:\n{said}",
            dir.display()
        );
        said
    }
}

fn yaml(text: &str) -> Node {
    marked_yaml::parse_yaml(0, text).unwrap()
}

fn scalar(node: &Node, key: &str) -> Option<String> {
    Some(node.as_mapping()?.get_scalar(key)?.as_str().to_string())
}

/// The lines of a script that run sessionpack.
fn ours(script: &str) -> Vec<String> {
    script
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("sessionpack "))
        .map(str::to_string)
        .collect()
}

/// Every argument of every sessionpack line is one the tool takes: `--help` after the
/// subcommand and its arguments is refused for an unknown one.
fn lines_are_commands(lines: &[String]) {
    assert!(!lines.is_empty());
    for line in lines {
        let line = line
            .split(" || ")
            .next()
            .unwrap()
            .split(" > ")
            .next()
            .unwrap();
        let args: Vec<&str> = line.split_whitespace().skip(1).collect();
        let out = sessionpack().args(&args).arg("--help").output().unwrap();
        assert!(
            out.status.success(),
            "`{line}`: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The GitHub workflow's job `name`: each step that runs a script (the tool's set-up step
/// apart), with its env, `${{ … }}` filled from `values`. Returns the sessionpack lines run.
fn github_job(
    w: &Workspace,
    workflow: &Node,
    name: &str,
    dir: &Path,
    values: &BTreeMap<&str, String>,
    mut before_step: impl FnMut(&Node),
) -> Vec<String> {
    let job = workflow
        .as_mapping()
        .and_then(|m| m.get_mapping("jobs"))
        .and_then(|j| j.get_node(name))
        .unwrap_or_else(|| panic!("no job {name}"));
    let fill = |text: &str| {
        let mut text = text.to_string();
        for (k, v) in values {
            text = text.replace(&format!("${{{{ {k} }}}}"), v);
        }
        assert!(!text.contains("${{"), "not filled: {text}");
        text
    };
    let files = dir.join(".github-files");
    std::fs::create_dir_all(&files).unwrap();
    let mut lines = Vec::new();
    for step in job
        .as_mapping()
        .unwrap()
        .get_sequence("steps")
        .unwrap()
        .iter()
    {
        before_step(step);
        let Some(run) = scalar(step, "run") else {
            continue;
        };
        if scalar(step, "name").is_some_and(|n| n.starts_with("Set up")) {
            continue;
        }
        let mut env: Vec<(String, String)> = ["GITHUB_PATH", "GITHUB_ENV", "GITHUB_STEP_SUMMARY"]
            .iter()
            .map(|k| (k.to_string(), files.join(k).display().to_string()))
            .collect();
        env.push(("GITHUB_WORKSPACE".into(), dir.display().to_string()));
        if let Some(vars) = step.as_mapping().unwrap().get_mapping("env") {
            for (k, v) in vars.iter() {
                env.push((
                    k.as_str().to_string(),
                    fill(v.as_scalar().unwrap().as_str()),
                ));
            }
        }
        w.run(&fill(&run), dir, &env);
        lines.extend(ours(&run));
    }
    lines
}

fn assert_built(out: &Path, sessions: usize) {
    let index = std::fs::read_to_string(out.join("index.json")).unwrap();
    assert_eq!(index.matches("\"session\":").count(), sessions, "{index}");
    let zips = files_under(out)
        .into_iter()
        .filter(|f| f.ends_with(".zip"))
        .count();
    assert_eq!(zips, 2 * sessions);
    assert!(
        !files_under(out)
            .iter()
            .any(|f| f.contains("sessionpack-shard-")),
        "the receipts go once merged"
    );
}

#[test]
fn github_regenerates_the_example_on_a_pull_request_and_the_week_from_the_protected_folder() {
    let w = Workspace::init(&["--ci", "github"]);
    let text = w.text(".github/workflows/sessionpack.yml");
    assert!(!w.project.join(".gitlab-ci.yml").exists());
    let workflow = yaml(&text);
    let values = BTreeMap::from([("vars.SESSIONPACK_CLAIMANTS", w.lists.display().to_string())]);
    // The pull request: the example's invented claimants, this project's templates.
    let pr = w.checkout();
    let lines = github_job(&w, &workflow, "example", &pr, &values, |_| {});
    assert!(pr.join("out/cardiff-2026-12-01/letters.pdf").is_file());
    // The main branch: the week's lists copied from the protected folder.
    let main = w.checkout();
    let mut all = lines;
    all.extend(github_job(&w, &workflow, "build", &main, &values, |_| {}));
    assert_built(&main.join("out"), 3);
    lines_are_commands(&all);
    // Personal data kept at most 7 days; the failed build's previews only on main.
    assert_eq!(text.matches("retention-days: 7").count(), 3, "{text}");
    assert!(text.contains("environment: production"));
    let (pr_job, main_job) = text.split_once("\n  build:\n").unwrap();
    assert!(!pr_job.contains("preview.pdf") && main_job.contains("preview.pdf"));
}

#[test]
fn github_runs_a_region_in_shards_and_merges_them() {
    let w = Workspace::init(&["--ci", "github", "--shards", "3"]);
    let workflow = yaml(&w.text(".github/workflows/sessionpack.yml"));
    let store = w.root.join("artifacts");
    let mut lines = Vec::new();
    for k in 1..=3 {
        let job = w.checkout();
        let values = BTreeMap::from([
            ("vars.SESSIONPACK_CLAIMANTS", w.lists.display().to_string()),
            ("strategy.job-index", (k - 1).to_string()),
        ]);
        lines.extend(github_job(&w, &workflow, "shard", &job, &values, |_| {}));
        copy_dir(&job.join("out"), &store.join(k.to_string()));
    }
    let merge = w.checkout();
    let values = BTreeMap::from([("vars.SESSIONPACK_CLAIMANTS", w.lists.display().to_string())]);
    lines.extend(github_job(
        &w,
        &workflow,
        "merge",
        &merge,
        &values,
        |step| {
            // The engine's download of every shard's out/ into one.
            let with = step.as_mapping().and_then(|m| m.get_mapping("with"));
            if with.is_some_and(|w| w.get_scalar("pattern").is_some()) {
                for k in 1..=3 {
                    copy_dir(&store.join(k.to_string()), &merge.join("out"));
                }
            }
        },
    ));
    assert!(
        lines.iter().any(|l| l.contains("index --shards 3")),
        "{lines:?}"
    );
    assert_built(&merge.join("out"), 3);
    lines_are_commands(&lines);
}

/// GitLab's job `name`: its `script` lines, in order (the tool's set-up in `before_script`
/// apart), with `env`.
fn gitlab_job(
    w: &Workspace,
    ci: &Node,
    name: &str,
    dir: &Path,
    env: &[(String, String)],
) -> Vec<String> {
    let job = ci.as_mapping().unwrap().get_mapping(name).unwrap();
    let script: Vec<String> = job
        .get_sequence("script")
        .unwrap()
        .iter()
        .map(|l| l.as_scalar().unwrap().as_str().to_string())
        .collect();
    w.run(&script.join("\n"), dir, env);
    script.iter().flat_map(|l| ours(l)).collect()
}

#[test]
fn gitlab_regenerates_the_example_on_a_merge_request_and_the_week_in_shards() {
    let w = Workspace::init(&["--ci", "gitlab", "--shards", "2"]);
    let text = w.text(".gitlab-ci.yml");
    let ci = yaml(&text);
    let claimants = (
        "SESSIONPACK_CLAIMANTS".to_string(),
        w.lists.display().to_string(),
    );
    let mr = w.checkout();
    let mut lines = gitlab_job(&w, &ci, "example", &mr, &[]);
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(mr.join("gl-code-quality-report.json")).unwrap(),
    )
    .unwrap();
    assert!(report.is_array(), "{report}");
    assert!(mr.join("out/cardiff-2026-12-01/letters.pdf").is_file());
    let build = ci.as_mapping().unwrap().get_mapping("build").unwrap();
    assert_eq!(build.get_scalar("parallel").unwrap().as_str(), "2");
    let merge = w.checkout();
    for k in 1..=2 {
        let job = w.checkout();
        let env = [
            claimants.clone(),
            ("CI_NODE_INDEX".into(), k.to_string()),
            ("CI_NODE_TOTAL".into(), "2".into()),
        ];
        lines.extend(gitlab_job(&w, &ci, "build", &job, &env));
        // GitLab unpacks the artifacts of `needs:` into the merge job's checkout.
        copy_dir(&job.join("out"), &merge.join("out"));
    }
    lines.extend(gitlab_job(&w, &ci, "merge", &merge, &[claimants]));
    assert_built(&merge.join("out"), 3);
    lines_are_commands(&lines);
    assert!(text.contains("expire_in: 7 days") && !text.contains("expire_in: 30"));
}

/// `script` with each mount path (at the start of a path) replaced by its folder.
fn mounted(script: &str, mounts: &[(String, PathBuf)]) -> String {
    let mut out = String::new();
    let mut rest = script;
    'outer: while !rest.is_empty() {
        let at_start = out
            .chars()
            .last()
            .is_none_or(|c| c.is_whitespace() || c == '"' || c == '=');
        if at_start {
            for (from, to) in mounts {
                if let Some(after) = rest.strip_prefix(from.as_str())
                    && after.starts_with(['/', '"', ' ', '\n'])
                {
                    out.push_str(&to.display().to_string());
                    rest = after;
                    continue 'outer;
                }
            }
        }
        let c = rest.chars().next().unwrap();
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[test]
fn kubernetes_runs_an_indexed_job_of_shards_then_the_merge() {
    let w = Workspace::init(&["--ci", "kubernetes", "--shards", "3"]);
    let shared = w.root.join("volume-shards");
    std::fs::create_dir_all(&shared).unwrap();
    let checkout = w.checkout();
    let mut lines = Vec::new();
    let container = |file: &str| {
        let job = yaml(&w.text(file));
        let spec = job
            .as_mapping()
            .unwrap()
            .get_mapping("spec")
            .unwrap()
            .clone();
        let pod = spec
            .get_mapping("template")
            .unwrap()
            .get_mapping("spec")
            .unwrap()
            .clone();
        let container = pod.get_sequence("containers").unwrap()[0].clone();
        (spec, container)
    };
    let (spec, shard) = container("ci/kubernetes/shards.yaml");
    assert_eq!(
        spec.get_scalar("completionMode").unwrap().as_str(),
        "Indexed"
    );
    assert_eq!(spec.get_scalar("completions").unwrap().as_str(), "3");
    let script_of = |c: &Node| {
        c.as_mapping().unwrap().get_sequence("args").unwrap()[0]
            .as_scalar()
            .unwrap()
            .as_str()
            .to_string()
    };
    let env_of = |c: &Node| -> Vec<(String, String)> {
        c.as_mapping()
            .unwrap()
            .get_sequence("env")
            .map(|e| {
                e.iter()
                    .map(|v| (scalar(v, "name").unwrap(), scalar(v, "value").unwrap()))
                    .collect()
            })
            .unwrap_or_default()
    };
    for index in 0..3 {
        let work = w.root.join(format!("pod-{index}"));
        std::fs::create_dir_all(&work).unwrap();
        let mounts = vec![
            ("/project".to_string(), checkout.clone()),
            ("/claimants".to_string(), w.lists.clone()),
            ("/shards".to_string(), shared.clone()),
            ("/work".to_string(), work),
        ];
        let mut env = env_of(&shard);
        env.push(("JOB_COMPLETION_INDEX".into(), index.to_string()));
        w.run(&mounted(&script_of(&shard), &mounts), &w.root, &env);
        lines.extend(ours(&script_of(&shard)));
    }
    let (_, merge) = container("ci/kubernetes/merge.yaml");
    let work = w.root.join("pod-merge");
    std::fs::create_dir_all(&work).unwrap();
    let mounts = vec![
        ("/project".to_string(), checkout.clone()),
        ("/claimants".to_string(), w.lists.clone()),
        ("/shards".to_string(), shared.clone()),
        ("/work".to_string(), work.clone()),
    ];
    w.run(
        &mounted(&script_of(&merge), &mounts),
        &w.root,
        &env_of(&merge),
    );
    lines.extend(ours(&script_of(&merge)));
    assert_built(&work.join("project/out"), 3);
    assert_eq!(files_under(&shared.join("out")).len(), 6, "the bundles");
    assert_eq!(
        std::fs::read_dir(&shared).unwrap().count(),
        1,
        "the shards' folders go"
    );
    lines_are_commands(&lines);
    let run = w.text("ci/kubernetes/run.sh");
    assert!(run.contains("kubectl apply -f shards.yaml") && run.contains("merge.yaml"));
}

#[test]
fn aws_batch_runs_an_array_job_of_shards_then_the_merge() {
    let w = Workspace::init(&["--ci", "aws-batch", "--shards", "2"]);
    let efs = w.root.join("efs");
    copy_dir(&w.checkout(), &efs.join("project"));
    copy_dir(&w.lists, &efs.join("claimants"));
    let mut lines = Vec::new();
    let job = |file: &str| -> (String, Vec<(String, String)>) {
        let json: serde_json::Value = serde_json::from_str(&w.text(file)).unwrap();
        let c = &json["containerProperties"];
        assert_eq!(c["mountPoints"][0]["containerPath"], "/sessionpack");
        let env = c["environment"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["name"].as_str().unwrap().to_string(),
                    e["value"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        (c["command"][2].as_str().unwrap().to_string(), env)
    };
    let (script, env) = job("ci/aws-batch/shard-job.json");
    for index in 0..2 {
        let tmp = w.root.join(format!("tmp-{index}"));
        std::fs::create_dir_all(&tmp).unwrap();
        let mounts = vec![
            ("/sessionpack".to_string(), efs.clone()),
            ("/tmp".to_string(), tmp),
        ];
        let mut env = env.clone();
        env.push(("AWS_BATCH_JOB_ARRAY_INDEX".into(), index.to_string()));
        w.run(&mounted(&script, &mounts), &w.root, &env);
        lines.extend(ours(&script));
    }
    let (script, env) = job("ci/aws-batch/merge-job.json");
    let tmp = w.root.join("tmp-merge");
    std::fs::create_dir_all(&tmp).unwrap();
    let mounts = vec![
        ("/sessionpack".to_string(), efs.clone()),
        ("/tmp".to_string(), tmp.clone()),
    ];
    w.run(&mounted(&script, &mounts), &w.root, &env);
    lines.extend(ours(&script));
    assert_built(&tmp.join("project/out"), 3);
    assert_eq!(files_under(&efs.join("out")).len(), 6, "the bundles");
    assert!(!efs.join("shards").exists(), "the shards' folders go");
    lines_are_commands(&lines);
    let run = w.text("ci/aws-batch/run.sh");
    assert!(run.contains("--array-properties size=2") && run.contains("--depends-on"));
    // A region needs a number of shards; AWS Batch at least two.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    for (args, says) in [
        (&["--ci", "kubernetes"][..], "give --shards N"),
        (
            &["--ci", "aws-batch", "--shards", "1"][..],
            "--shards 2 or more",
        ),
    ] {
        let out = sessionpack()
            .arg("init")
            .arg(dir.path().join("p"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains(says));
        assert!(!dir.path().join("p").exists(), "nothing written");
    }
}

/// The example `init` writes is dated from the day it runs: on any day its own check passes
/// with every warning an error, its weekdays kept.
#[test]
fn the_example_init_writes_never_ages() {
    for day in ["2027-03-10", "2029-12-24", "2026-11-01"] {
        let epoch = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp()
            .to_string();
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        let root = dir.path().join("p");
        let out = sessionpack()
            .env("SOURCE_DATE_EPOCH", &epoch)
            .arg("init")
            .arg(&root)
            .output()
            .unwrap();
        assert!(out.status.success());
        let sessions = files_under(&root.join("content/sessions"));
        for name in &sessions {
            let date = chrono::NaiveDate::parse_from_str(&name[name.len() - 15..], "%Y-%m-%d.yaml")
                .unwrap();
            assert!(
                date.format("%Y-%m-%d").to_string().as_str() > day,
                "{name} on {day}"
            );
            assert!(
                root.join("content/claimants")
                    .join(name.replace(".yaml", ".csv"))
                    .is_file(),
                "{name}"
            );
        }
        assert_eq!(sessions.len(), 3);
        let check = sessionpack()
            .env("SOURCE_DATE_EPOCH", &epoch)
            .current_dir(&root)
            .args(["check", "--deny-warnings", "--no-typeset"])
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "on {day}: {}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
}
