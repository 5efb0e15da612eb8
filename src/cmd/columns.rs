//! `sessionpack columns`: every column the tool reads from a claimant list, the headings it
//! accepts for it, the values it allows, whether the list must have it, and what it is for.

use anyhow::Result;

use super::args::Global;
use super::summary::Exit;

pub fn execute(global: &Global) -> Result<Exit> {
    // The project's own headings (`columns:` in sessionpack.yaml), when there is a project here.
    let custom = global
        .project_root()
        .ok()
        .and_then(|root| sessionpack::project::Project::load(&root).ok())
        .map(|(project, _)| project.config.columns.clone())
        .unwrap_or_default();
    println!(
        "The columns of a claimant list (CSV or workbook). Headings match whatever their case, spaces and punctuation."
    );
    for (field, accepts, required, values, purpose) in sessionpack::model::claimant::column_docs() {
        println!();
        println!("{field}{}", if required { "  (required)" } else { "" });
        let mut headings: Vec<String> = accepts.iter().map(|a| a.replace('_', " ")).collect();
        headings.extend(
            custom
                .iter()
                .filter(|(_, f)| f.as_str() == field)
                .map(|(h, _)| format!("{h} (sessionpack.yaml)")),
        );
        if !headings.is_empty() {
            println!("  headings:  {}", headings.join(", "));
        }
        println!("  values:    {values}");
        println!("  for:       {purpose}");
    }
    println!();
    println!(
        "Another heading is ignored, with a warning; map it once in sessionpack.yaml:\n  columns:\n    \"NINO\": ref"
    );
    Ok(Exit::Success)
}
