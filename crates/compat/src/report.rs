//! A scan's report: the lowest base library the package runs on, the uses a `--min` version
//! lacks, and the text, JSON and Markdown forms `wxemu compat` prints.

use crate::{Finding, Report};
use serde_json::{json, Value as Json};
use wxemu_caniuse::{Database, Version};

/// The percent of users on versions older than `version`.
fn users_below(version: Version) -> f32 {
    // (+ 0.0: an empty sum is -0.0.)
    Database::get().share_below(version) + 0.0
}

fn percent(share: f32) -> String {
    format!("{share:.2}%")
}

impl Finding {
    fn place(&self) -> String {
        format!("{}:{}:{}", self.file, self.pos.line, self.pos.col)
    }

    fn guard_text(&self) -> String {
        match self.guard.as_deref() {
            Some("wx:if") => "guarded by wx:if".into(),
            Some(guard) => format!("guarded by {guard}"),
            None => "unguarded".into(),
        }
    }
}

impl Report {
    /// The uses no guard protects: they run on every version.
    pub fn unguarded(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.guard.is_none())
    }

    /// The lowest base library the package's unguarded uses all run on.
    pub fn lowest(&self) -> Version {
        self.unguarded().map(|f| f.since).max().unwrap_or(Version(1, 0, 0))
    }

    /// The unguarded uses that need a newer base library than `min`.
    pub fn above(&self, min: Version) -> Vec<&Finding> {
        self.unguarded().filter(|f| f.since > min).collect()
    }

    /// The report as lines of text.
    pub fn text(&self, min: Option<Version>) -> String {
        let mut out = format!("{} files read; {} uses of features newer than base library 1.0.0:\n", self.files, self.findings.len());
        let width = self.findings.iter().map(|f| f.place().len()).max().unwrap_or(0);
        let schema_width = self.findings.iter().map(|f| f.schema.len()).max().unwrap_or(0);
        for f in &self.findings {
            let since = f.since.to_string();
            out += &format!("  {:width$}  {:schema_width$}  {since:8}  {}, {} of users below\n", f.place(), f.schema, f.guard_text(), percent(users_below(f.since)));
        }
        out += &format!("Unguarded uses need base library {}: {} of users are on older versions.\n", self.lowest(), percent(users_below(self.lowest())));
        if let Some(min) = min {
            let above = self.above(min);
            if above.is_empty() {
                out += &format!("Every unguarded use runs on --min {min}.\n");
            } else {
                out += &format!("--min {min}: {} unguarded uses need a newer base library:\n", above.len());
                for f in above {
                    out += &format!("  {}  {} needs {}\n", f.place(), f.schema, f.since);
                }
            }
        }
        out
    }

    /// The report as JSON.
    pub fn json(&self, min: Option<Version>) -> Json {
        let findings: Vec<Json> = self
            .findings
            .iter()
            .map(|f| {
                json!({
                    "file": f.file, "line": f.pos.line, "col": f.pos.col, "schema": f.schema, "since": f.since.to_string(),
                    "guard": f.guard, "usersBelow": users_below(f.since),
                })
            })
            .collect();
        let mut out = json!({
            "files": self.files,
            "findings": findings,
            "lowest": self.lowest().to_string(),
            "usersBelowLowest": users_below(self.lowest()),
            "database": Database::get().sources,
        });
        if let Some(min) = min {
            out["min"] = json!(min.to_string());
            out["aboveMin"] = json!(self.above(min).len());
        }
        out
    }

    /// The report as a Markdown table.
    pub fn markdown(&self, min: Option<Version>) -> String {
        let mut out = String::from("| where | feature | since | guard | users below |\n| --- | --- | --- | --- | --- |\n");
        for f in &self.findings {
            out += &format!("| {} | `{}` | {} | {} | {} |\n", f.place(), f.schema, f.since, f.guard_text(), percent(users_below(f.since)));
        }
        out += &format!("\nUnguarded uses need base library **{}**: {} of users are on older versions.\n", self.lowest(), percent(users_below(self.lowest())));
        if let Some(min) = min {
            out += &format!("With `--min {min}`: {} unguarded uses need a newer base library.\n", self.above(min).len());
        }
        out
    }
}
