//! `sessionpack columns`: every column the tool reads from a claimant list, the headings it
//! accepts for it, the values it allows, whether the list must have it, and what it is for.

use anyhow::Result;

use serde_json::json;

use super::args::Global;
use super::shell::Shell;
use super::summary::Exit;

pub fn execute(global: &Global) -> Result<Exit> {
    // The project's own headings (`columns:` in sessionpack.yaml), when there is a project here.
    let custom = global
        .project_root()
        .ok()
        .and_then(|root| sessionpack::project::Project::load(&root).ok())
        .map(|(project, _)| project.config.columns.clone())
        .unwrap_or_default();
    let shell = Shell::new(global);
    let mut text = "The columns of a claimant list (CSV or workbook). Headings match whatever their case, spaces and punctuation.\n".to_string();
    let mut json_columns = Vec::new();
    for (field, accepts, required, values, purpose) in sessionpack::model::claimant::column_docs() {
        text.push_str(&format!(
            "\n{}{}\n",
            shell.paint("1", field),
            if required { "  (required)" } else { "" }
        ));
        let mut headings: Vec<String> = accepts.iter().map(|a| a.replace('_', " ")).collect();
        let own: Vec<String> = custom
            .iter()
            .filter(|(_, f)| f.as_str() == field)
            .map(|(h, _)| h.clone())
            .collect();
        headings.extend(own.iter().map(|h| format!("{h} (sessionpack.yaml)")));
        if !headings.is_empty() {
            text.push_str(&format!("  headings:  {}\n", headings.join(", ")));
        }
        text.push_str(&format!("  values:    {values}\n"));
        text.push_str(&format!("  for:       {purpose}\n"));
        json_columns.push(json!({
            "column": field,
            "required": required,
            "headings": accepts,
            "project_headings": own,
            "values": values,
            "for": purpose,
        }));
    }
    text.push_str(
        "\nAnother heading is ignored, with a warning; map it once in sessionpack.yaml:\n  columns:\n    \"NINO\": ref\n",
    );
    shell.show(&text, json!({ "columns": json_columns }));
    Ok(Exit::Success)
}
