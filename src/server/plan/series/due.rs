//! Keeps every running series made a horizon ahead (the planning job calls it).
use super::{HORIZON, make::make};
use crate::server::db::series;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};

/// Makes every due series' occurrences up to `now + HORIZON`; returns how many posts it made.
/// A series that fails is logged and tried again next round; the others go on.
pub async fn make_due(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let until = now + HORIZON;
    let mut made = 0;
    for id in series::due(&state.pool, until).await? {
        let mut tx = state.pool.begin().await?;
        let Some(row) = series::lock(&mut tx, None, id).await? else {
            continue;
        };
        match make(&mut tx, state, &row, until, now).await {
            Ok(count) => {
                tx.commit().await?;
                made += count;
            }
            Err(error) => tracing::warn!(series = %id, %error, "could not make the series' posts"),
        }
    }
    Ok(made)
}
