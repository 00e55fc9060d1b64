//! The Audit page's filter, parsed from the form; dates are days in the workspace's zone.
use crate::domain::schedule::IanaZone;
use crate::error::AppError;
use crate::server::db::audit::Filter;
use crate::views::audit::{ACTION_GROUPS, AuditQuery};
use chrono::{DateTime, NaiveDate, Utc};

pub fn filter(query: &AuditQuery, zone: &str) -> Result<Filter, AppError> {
    let action = query.action.trim();
    if !action.is_empty() && !ACTION_GROUPS.iter().any(|(group, _)| *group == action) {
        return Err(AppError::bad_request(format!(
            "Action: “{action}” is not one of the choices."
        )));
    }
    let actor = query.actor.trim();
    let actor_id = if actor.is_empty() {
        None
    } else {
        Some(
            actor
                .parse()
                .map_err(|_| AppError::bad_request("Person: choose someone from the list."))?,
        )
    };
    let zone = IanaZone::parse(zone).unwrap_or_else(|_| IanaZone::parse("UTC").expect("UTC is a zone"));
    let from = day(&query.from, &zone, "From")?;
    let to = day(&query.to, &zone, "To")?.map(|start| start + chrono::Duration::days(1));
    if let (Some(from), Some(to)) = (from, to)
        && to <= from
    {
        return Err(AppError::bad_request("Dates: the end comes before the start."));
    }
    Ok(Filter {
        action: (!action.is_empty()).then(|| action.to_owned()),
        actor_id,
        from,
        to,
        before: None,
    })
}

/// The start of `date` in `zone` (the first instant of that day).
fn day(date: &str, zone: &IanaZone, field: &str) -> Result<Option<DateTime<Utc>>, AppError> {
    let date = date.trim();
    if date.is_empty() {
        return Ok(None);
    }
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| AppError::bad_request(format!("{field}: use a date like 2026-12-01.")))?;
    let start = day
        .and_hms_opt(0, 0, 0)
        .and_then(|midnight| midnight.and_local_timezone(zone.tz()).earliest())
        // A day that starts in a clock change: an hour later is inside it.
        .or_else(|| day.and_hms_opt(1, 0, 0)?.and_local_timezone(zone.tz()).earliest())
        .ok_or_else(|| AppError::bad_request(format!("{field}: that date does not exist here.")))?;
    Ok(Some(start.with_timezone(&Utc)))
}
