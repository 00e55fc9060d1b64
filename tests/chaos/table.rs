//! The results table: one row per scenario.
use crate::tally::Tally;

pub struct Row {
    pub scenario: String,
    pub tally: Tally,
    /// What this scenario measures beyond the counts ("kills 20, 2.9 min").
    pub figures: Vec<String>,
    pub passed: bool,
}

impl Row {
    pub fn new(scenario: &str, tally: Tally, figures: Vec<String>, passed: bool) -> Self {
        Self {
            scenario: scenario.to_owned(),
            tally,
            figures,
            passed,
        }
    }

    /// A scenario that could not run to the end fails, saying why.
    pub fn error(scenario: &str, error: &anyhow::Error) -> Self {
        Self::new(
            scenario,
            Tally::default(),
            vec![format!("error: {error:#}")],
            false,
        )
    }

    pub fn passed(&self) -> bool {
        self.passed
    }

    pub fn verdict(&self) -> &'static str {
        if self.passed { "PASS" } else { "FAIL" }
    }
}

const HEADINGS: [&str; 9] = [
    "scenario",
    "targets",
    "published",
    "unknown",
    "lost",
    "doubled",
    "requests",
    "figures",
    "verdict",
];

pub fn render(rows: &[Row]) -> String {
    let cells: Vec<[String; 9]> = rows
        .iter()
        .map(|row| {
            let t = &row.tally;
            [
                row.scenario.clone(),
                t.targets.to_string(),
                t.published.to_string(),
                t.unknown.to_string(),
                t.lost.to_string(),
                t.doubled.to_string(),
                t.requests.to_string(),
                row.figures.join("; "),
                row.verdict().to_owned(),
            ]
        })
        .collect();
    let mut widths = HEADINGS.map(str::len);
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |row: &[String]| -> String {
        let padded: Vec<String> = row
            .iter()
            .zip(widths)
            .enumerate()
            // Counts right-aligned, text left-aligned.
            .map(|(i, (cell, width))| match i {
                1..=6 => format!("{cell:>width$}"),
                _ => format!("{cell:<width$}"),
            })
            .collect();
        format!("| {} |", padded.join(" | "))
    };
    let mut out = vec![line(&HEADINGS.map(str::to_owned))];
    out.push(format!("|{}|", widths.map(|w| "-".repeat(w + 2)).join("|")));
    out.extend(cells.iter().map(|row| line(row)));
    out.join("\n")
}
