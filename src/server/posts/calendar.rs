//! The Calendar page's read: the posts scheduled in a span of time.
use crate::domain::plan::PostKind;
use crate::domain::post::PostStatus;
use crate::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::posts::{self, ListFilter};
use crate::server::state::AppState;
use crate::views::calendar::{PostSummary, TargetSummary};
use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

/// The longest range one request may ask for (a month view with its edges fits easily).
const MAX_RANGE: Duration = Duration::days(62);

pub async fn list(
    state: &AppState,
    member: &Member,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    statuses: &[PostStatus],
    account_id: Option<Uuid>,
    kinds: &[PostKind],
) -> Result<Vec<PostSummary>, AppError> {
    if to <= from || to - from > MAX_RANGE {
        return Err(AppError::bad_request(
            "Dates: ask for a range of at most two months, with the end after the start.",
        ));
    }
    let filter = ListFilter {
        from,
        to,
        statuses: (!statuses.is_empty()).then_some(statuses),
        account_id,
        kinds: (!kinds.is_empty()).then_some(kinds),
    };
    let rows = posts::list(&state.pool, member.workspace_id, &filter)
        .await
        .context("listing the posts in the range")?;
    rows.into_iter()
        .map(|row| {
            Ok(PostSummary {
                id: row.id,
                version: row.version,
                status: row.status,
                scheduled_at: row.scheduled_at,
                timezone: row.timezone,
                excerpt: row.excerpt,
                targets: serde_json::from_value::<Vec<TargetSummary>>(row.targets)
                    .context("decoding a listed post's targets")?,
                kind: row.kind,
            })
        })
        .collect()
}
