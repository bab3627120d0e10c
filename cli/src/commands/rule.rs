//! `slimfile rule`: a rule's documentation, or the table of all rules.

use anyhow::{anyhow, Result};
use clap::Args;

#[derive(Debug, Args)]
pub struct RuleArgs {
    /// A rule code (`DL3015`), name (`apt-install-recommends`) or BuildKit check name.
    #[arg(required_unless_present = "all")]
    pub rule: Option<String>,
    /// List every rule.
    #[arg(long)]
    pub all: bool,
}

pub fn run(args: &RuleArgs) -> Result<u8> {
    if args.all {
        let mut out = String::from("| code | name | category | severity | default | fix | BuildKit check | summary |\n|---|---|---|---|---|---|---|---|\n");
        for r in slimfile::rules() {
            out.push_str(&format!(
                "| {} | `{}` | {} | {} | {} | {:?} | {} | {} |\n",
                r.code,
                r.name,
                r.category.as_str(),
                r.severity.as_str(),
                if r.default_enabled { "on" } else { "off" },
                r.fix,
                r.buildkit.as_deref().unwrap_or(""),
                r.summary.replace('|', "\\|"),
            ));
        }
        crate::output::print(&out);
        return Ok(0);
    }
    let id = args.rule.as_deref().unwrap_or_default();
    let rule = slimfile::rule(id)
        .ok_or_else(|| anyhow!("unknown rule `{id}`; `slimfile rule --all` lists them"))?;
    let header = format!(
        "# {} `{}`\n\nCategory: {}. Severity: {}. {}.{}\n\n",
        rule.code,
        rule.name,
        rule.category.as_str(),
        rule.severity.as_str(),
        if rule.default_enabled {
            "On by default"
        } else {
            "Off by default: select it by code to turn it on"
        },
        rule.buildkit
            .as_deref()
            .map(|b| format!(" BuildKit check: `{b}`."))
            .unwrap_or_default(),
    );
    crate::output::print(&(header + rule.documentation.trim() + "\n"));
    Ok(0)
}
