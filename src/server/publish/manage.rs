//! What a person does about a target from the dashboard: publish again (after a failure, a
//! miss or an unknown outcome), mark it published (they checked the network), or cancel it;
//! and pausing publishing for the whole workspace.
use super::{hold, queue};
use crate::api::error::AppError;
use crate::domain::publish::Event;
use crate::server::auth::guard::Member;
use crate::server::db::targets;
use crate::server::state::AppState;
use uuid::Uuid;

/// Which person-driven move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    PublishAgain,
    MarkPublished { url: String },
    Cancel,
}

pub async fn resolve(
    state: &AppState,
    member: &Member,
    target_id: Uuid,
    resolution: Resolution,
) -> Result<(), AppError> {
    let url = match &resolution {
        Resolution::MarkPublished { url } => Some(parse_url(url)?),
        _ => None,
    };
    let event = match resolution {
        Resolution::PublishAgain => Event::PublishAgain,
        Resolution::MarkPublished { .. } => Event::MarkPublished,
        Resolution::Cancel => Event::Cancel,
    };
    let mut tx = state.pool.begin().await.map_err(AppError::unexpected)?;
    // Locks the post; and the target must be of this workspace.
    let post_id: Option<Uuid> = sqlx::query_scalar(
        "select p.id from posts p join post_targets t on t.post_id = p.id
         where t.id = $1 and p.workspace_id = $2 for update of p",
    )
    .bind(target_id)
    .bind(member.workspace_id)
    .fetch_optional(&mut *tx)
    .await
    .map_err(AppError::unexpected)?;
    let post_id =
        post_id.ok_or_else(|| AppError::NotFound("There is no such target in this workspace.".into()))?;
    let moved: Option<i32> = sqlx::query_scalar(
        "update post_targets t set status = $2, error_kind = null, last_error = null, claimed_at = null,
                due_at = case when $2 = 'scheduled' then now() else t.due_at end,
                remote_url = coalesce($4, t.remote_url),
                published_at = case when $2 = 'published' then now() else t.published_at end
         from posts p
         where t.id = $1 and p.id = t.post_id and t.status = any($3)
         returning p.version",
    )
    .bind(target_id)
    .bind(event.to().as_str())
    .bind(event.from_names())
    .bind(url.as_deref())
    .fetch_optional(&mut *tx)
    .await
    .map_err(AppError::unexpected)?;
    let Some(version) = moved else {
        let status: String = sqlx::query_scalar("select status from post_targets where id = $1")
            .bind(target_id)
            .fetch_one(&mut *tx)
            .await
            .map_err(AppError::unexpected)?;
        return Err(AppError::Conflict(format!(
            "This target is {status}; that cannot be done now. Reload to see its state."
        )));
    };
    if event == Event::PublishAgain {
        queue::push_for_target(&mut tx, target_id, version)
            .await
            .map_err(AppError::unexpected)?;
    }
    targets::roll_up(&mut tx, post_id)
        .await
        .map_err(AppError::unexpected)?;
    tx.commit().await.map_err(AppError::unexpected)?;
    tracing::info!(%target_id, ?event, user_id = %member.user_id, "target resolved by a person");
    Ok(())
}

fn parse_url(url: &str) -> Result<String, AppError> {
    let url = url.trim();
    match url::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => Ok(url.to_owned()),
        _ => Err(AppError::bad_request(
            "Link: give the post's address on the network (https://…).",
        )),
    }
}

/// Stops (or restarts) all publishing of the workspace; held targets go back when it resumes.
pub async fn pause_workspace(state: &AppState, member: &Member, paused: bool) -> Result<(), AppError> {
    sqlx::query("update workspaces set publishing_paused = $2 where id = $1")
        .bind(member.workspace_id)
        .bind(paused)
        .execute(&state.pool)
        .await
        .map_err(AppError::unexpected)?;
    if !paused {
        let accounts: Vec<Uuid> = sqlx::query_scalar("select id from accounts where workspace_id = $1")
            .bind(member.workspace_id)
            .fetch_all(&state.pool)
            .await
            .map_err(AppError::unexpected)?;
        for account in accounts {
            hold::release_account(&state.pool, account)
                .await
                .map_err(AppError::unexpected)?;
        }
    }
    tracing::info!(workspace_id = %member.workspace_id, paused, "workspace publishing paused or resumed");
    Ok(())
}
