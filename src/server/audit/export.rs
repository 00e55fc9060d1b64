//! The Audit page's CSV export: the filtered log, every column, oldest last.
use crate::server::db::audit::Row;

pub fn csv(rows: &[Row]) -> anyhow::Result<Vec<u8>> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "time",
        "actor",
        "action",
        "subject",
        "subject_id",
        "summary",
        "details",
    ])?;
    for row in rows {
        writer.write_record(
            [
                row.created_at.to_rfc3339(),
                row.actor_name.clone(),
                row.action.clone(),
                row.subject_type.clone(),
                row.subject_id.clone().unwrap_or_default(),
                row.summary.clone(),
                row.details.to_string(),
            ]
            .map(inert),
        )?;
    }
    Ok(writer.into_inner()?)
}

/// Spreadsheets run a cell that starts like a formula; people's text must stay text.
fn inert(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formulas_stay_text() {
        assert_eq!(super::inert("=HYPERLINK(1)".into()), "'=HYPERLINK(1)");
        assert_eq!(super::inert("Hello".into()), "Hello");
    }
}
