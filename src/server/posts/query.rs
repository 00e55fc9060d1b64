use crate::api::error::AppError;
use crate::api::posts::{MediaView, PostSummary, PostView, TargetSummary, TargetView};
use crate::domain::post::PostStatus;
use crate::domain::schedule::{IanaZone, to_local};
use crate::server::auth::guard::Member;
use crate::server::db::posts::{self, ListFilter};
use crate::server::state::AppState;
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

pub type PostDetails = PostView;

/// The longest range one request may ask for (a month view with its edges fits easily).
const MAX_RANGE: Duration = Duration::days(62);

pub async fn get(state: &AppState, member: &Member, id: Uuid) -> Result<PostView, AppError> {
    let pool = &state.pool;
    let post = posts::find(pool, member.workspace_id, id)
        .await
        .map_err(AppError::unexpected)?
        .ok_or_else(|| AppError::NotFound("This post does not exist in this workspace.".into()))?;
    let targets = posts::targets(pool, id).await.map_err(AppError::unexpected)?;
    let media = posts::media(pool, id).await.map_err(AppError::unexpected)?;
    let (local_date, local_time) = match (post.scheduled_at, IanaZone::parse(&post.timezone)) {
        (Some(at), Ok(zone)) => {
            let local = to_local(at, &zone);
            (
                local.format("%Y-%m-%d").to_string(),
                local.format("%H:%M").to_string(),
            )
        }
        _ => (String::new(), String::new()),
    };
    Ok(PostView {
        id: post.id,
        version: post.version,
        status: post.status,
        body: post.body,
        scheduled_at: post.scheduled_at,
        timezone: post.timezone,
        local_date,
        local_time,
        targets: targets
            .into_iter()
            .map(|t| TargetView {
                account_id: t.account_id,
                body_override: t.body_override,
                status: t.status,
            })
            .collect(),
        media: media
            .into_iter()
            .map(|m| MediaView {
                id: m.media_id,
                alt_text: m.alt_text,
                width: m.width,
                height: m.height,
            })
            .collect(),
        author_id: post.author_id,
        approved: post.approved_at.is_some(),
    })
}

pub async fn list(
    state: &AppState,
    member: &Member,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    statuses: &[PostStatus],
    account_id: Option<Uuid>,
) -> Result<Vec<PostSummary>, AppError> {
    if to <= from || to - from > MAX_RANGE {
        return Err(AppError::bad_request(
            "Dates: ask for a range of at most two months, with the end after the start.",
        ));
    }
    let statuses: Vec<String> = statuses.iter().map(|s| s.as_str().to_owned()).collect();
    let filter = ListFilter {
        from,
        to,
        statuses: (!statuses.is_empty()).then_some(statuses.as_slice()),
        account_id,
    };
    let rows = posts::list(&state.pool, member.workspace_id, &filter)
        .await
        .map_err(AppError::unexpected)?;
    rows.into_iter()
        .map(|row| {
            Ok(PostSummary {
                id: row.id,
                version: row.version,
                status: row.status.parse().map_err(AppError::unexpected)?,
                scheduled_at: row.scheduled_at,
                timezone: row.timezone,
                excerpt: row.excerpt,
                targets: serde_json::from_value::<Vec<TargetSummary>>(row.targets)
                    .map_err(AppError::unexpected)?,
            })
        })
        .collect()
}
