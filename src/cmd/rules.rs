//! `sessionpack rules` and `sessionpack explain CODE`: the checks, as this project sets them.

use anyhow::Result;
use sessionpack::diag::{Level, Policy, Rule};

use serde_json::json;

use super::args::{Global, UsageError};
use super::shell::Shell;
use super::summary::Exit;

/// The levels the project in reach sets (`rules:` in sessionpack.yaml), or the defaults when
/// there is no project here.
fn policy(global: &Global) -> (Policy, Option<String>) {
    let Ok(root) = global.project_root() else {
        return (Policy::default(), None);
    };
    match sessionpack::project::Project::load(&root) {
        Ok((project, _)) => (
            Policy {
                overrides: project.config.rules.clone(),
                deny_warnings: false,
            },
            Some(root.display().to_string()),
        ),
        Err(_) => (Policy::default(), None),
    }
}

fn level_text(rule: &Rule, policy: &Policy) -> String {
    let set = policy.level(rule);
    let mut text = set.as_str().to_string();
    if set != rule.level {
        text.push_str(&format!(" (default {})", rule.level.as_str()));
    }
    if rule.must {
        text.push_str(", cannot be relaxed");
    }
    text
}

/// `sessionpack rules`: every code, its level as this project sets it, and its source.
pub fn list(global: &Global) -> Result<Exit> {
    let shell = Shell::new(global);
    let (policy, project) = policy(global);
    let mut rules = sessionpack::rules::all();
    rules.sort_by_key(|r| r.code);
    let mut text = format!(
        "{}\n",
        shell.paint(
            "1",
            &match &project {
                Some(p) => format!("levels as {p}/sessionpack.yaml sets them"),
                None => "default levels (no project here)".to_string(),
            }
        )
    );
    for r in &rules {
        text.push_str(&format!(
            "{:<6} {:<32} {:<36} {}\n",
            r.code,
            r.name,
            level_text(r, &policy),
            r.source.unwrap_or("")
        ));
    }
    let json = json!({
        "rules": rules.iter().map(|r| json!({
            "code": r.code,
            "name": r.name,
            "level": policy.level(r).as_str(),
            "default_level": r.level.as_str(),
            "must": r.must,
            "source": r.source,
            "summary": r.summary,
        })).collect::<Vec<_>>(),
        "levels_from": project,
    });
    shell.show(&text, json);
    Ok(Exit::Success)
}

/// `sessionpack explain CODE`: the rule, its level, the guidance it quotes, how to fix it.
pub fn explain(global: &Global, code: &str) -> Result<Exit> {
    let shell = Shell::new(global);
    let all = sessionpack::rules::all();
    let wanted = code_of(code);
    let Some(rule) = all
        .iter()
        .find(|r| r.code == wanted || r.name.eq_ignore_ascii_case(code.trim()))
    else {
        let nearest = all
            .iter()
            .map(|r| (strsim::jaro_winkler(&wanted, r.code), r.code))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, c)| c)
            .unwrap_or("GS003");
        return Err(UsageError(format!(
            "there is no rule `{code}`; did you mean {nearest}? (`sessionpack rules` lists them all)"
        ))
        .into());
    };
    let (policy, _) = policy(global);
    let quoted = rule
        .source
        .map(sessionpack::guidance::quote)
        .unwrap_or_default();
    let mut text = format!(
        "{}: {}\n",
        shell.paint("1", &format!("{} {}", rule.code, rule.name)),
        rule.summary
    );
    text.push_str(&format!("level: {}\n", level_text(rule, &policy)));
    if let Some(source) = rule.source {
        text.push_str(&format!("source: {source}\n"));
        for p in &quoted {
            text.push_str(&format!("\n  {}:\n", p.citation));
            for line in wrap(&p.text, 90) {
                text.push_str(&format!("    {line}\n"));
            }
        }
    }
    text.push_str(&format!("\nhow to fix it: {}\n", rule.fix()));
    let relax = (!rule.must && rule.level != Level::Allow).then(|| {
        format!(
            "to change its level: `rules: {{ {}: warn }}` (or `allow`) in sessionpack.yaml",
            rule.code
        )
    });
    if let Some(relax) = &relax {
        text.push_str(&format!("{relax}\n"));
    }
    let json = json!({
        "rule": {
            "code": rule.code,
            "name": rule.name,
            "summary": rule.summary,
            "level": policy.level(rule).as_str(),
            "default_level": rule.level.as_str(),
            "must": rule.must,
            "source": rule.source,
            "guidance": quoted.iter().map(|p| json!({ "citation": p.citation, "text": p.text })).collect::<Vec<_>>(),
            "fix": rule.fix(),
            "relax": relax,
        }
    });
    shell.show(&text, json);
    Ok(Exit::Success)
}

/// A code as people type it: `gs3`, `GS 3` and `gs003` are all `GS003`.
fn code_of(typed: &str) -> String {
    let compact: String = typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let digits = compact.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let letters = &compact[..compact.len() - digits.len()];
    match digits.parse::<u32>() {
        Ok(n) if !letters.is_empty() && digits.len() <= 3 => format!("{letters}{n:03}"),
        _ => compact,
    }
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_read_as_people_type_them() {
        for typed in ["gs3", "GS 3", "gs003", "GS003"] {
            assert_eq!(super::code_of(typed), "GS003", "{typed}");
        }
        assert_eq!(super::code_of("risk-assessment"), "RISK-ASSESSMENT");
    }
}
