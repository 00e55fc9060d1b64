use super::verify::not_found;
use crate::api::error::AppError;
use crate::domain::account::Colour;
use crate::domain::names::parse_name;
use crate::server::audit;
use crate::server::auth::guard::Member;
use crate::server::db::accounts;
use crate::server::state::AppState;
use uuid::Uuid;

/// Pauses or resumes an account; resuming queues its held targets again in the same
/// transaction, and either is on record.
pub async fn set_paused(state: &AppState, member: &Member, id: Uuid, paused: bool) -> Result<(), AppError> {
    let mut tx = state.pool.begin().await.map_err(AppError::unexpected)?;
    found(accounts::set_paused(&mut *tx, member.workspace_id, id, paused).await)?;
    let released = if paused {
        0
    } else {
        release_held_in(&mut tx, id).await?
    };
    let (action, verb) = if paused {
        ("account.paused", "Paused")
    } else {
        ("account.resumed", "Resumed")
    };
    audit::by_member(
        &mut *tx,
        member,
        action,
        "account",
        Some(id.to_string()),
        format!("{verb} publishing to an account"),
        serde_json::json!({"released_targets": released}),
    )
    .await
    .map_err(AppError::unexpected)?;
    tx.commit().await.map_err(AppError::unexpected)
}

/// Targets held while the account could not publish go back to the queue.
pub async fn release_held(state: &AppState, id: Uuid) -> Result<(), AppError> {
    crate::server::publish::hold::release_account(&state.pool, id)
        .await
        .map_err(AppError::unexpected)?;
    Ok(())
}

pub async fn release_held_in(tx: &mut sqlx::PgConnection, id: Uuid) -> Result<usize, AppError> {
    crate::server::publish::hold::release_account_in(tx, id)
        .await
        .map_err(AppError::unexpected)
}

pub async fn update_details(
    state: &AppState,
    workspace_id: Uuid,
    id: Uuid,
    display_name: &str,
    colour: &str,
) -> Result<(), AppError> {
    let display_name = parse_name(display_name, "a display name").map_err(AppError::bad_request)?;
    let colour = Colour::parse(colour).map_err(AppError::bad_request)?;
    found(accounts::update_details(&state.pool, workspace_id, id, &display_name, colour.as_str()).await)
}

pub async fn remove(state: &AppState, member: &Member, id: Uuid) -> Result<(), AppError> {
    let account = accounts::find(&state.pool, member.workspace_id, id)
        .await
        .map_err(AppError::unexpected)?
        .ok_or_else(not_found)?;
    let mut tx = state.pool.begin().await.map_err(AppError::unexpected)?;
    match accounts::delete(&mut *tx, member.workspace_id, id).await {
        // Posts keep pointing at the accounts they were for (the schema restricts the delete).
        Err(sqlx::Error::Database(e)) if e.is_foreign_key_violation() => {
            return Err(AppError::Conflict(
                "This account is part of posts, so it stays on record. Pause it to stop publishing to it, \
                 or remove it from those posts first."
                    .into(),
            ));
        }
        result => found(result)?,
    }
    audit::by_member(
        &mut *tx,
        member,
        "account.removed",
        "account",
        Some(id.to_string()),
        format!("Removed {} ({})", account.display_name, account.platform.label()),
        serde_json::json!({"platform": account.platform}),
    )
    .await
    .map_err(AppError::unexpected)?;
    tx.commit().await.map_err(AppError::unexpected)
}

fn found(result: sqlx::Result<bool>) -> Result<(), AppError> {
    match result {
        Ok(true) => Ok(()),
        Ok(false) => Err(not_found()),
        Err(error) => Err(AppError::unexpected(error)),
    }
}
