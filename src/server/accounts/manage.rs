use super::held::release_held_in;
use super::lookup::not_found;
use crate::domain::account::Colour;
use crate::domain::names::parse_name;
use crate::error::AppError;
use crate::server::audit;
use crate::server::auth::guard::Member;
use crate::server::db::accounts;
use crate::server::state::AppState;
use anyhow::Context;
use uuid::Uuid;

/// Pauses or resumes an account; resuming queues its held targets again in the same
/// transaction, and either is on record.
pub async fn set_paused(state: &AppState, member: &Member, id: Uuid, paused: bool) -> Result<(), AppError> {
    let mut tx = state
        .pool
        .begin()
        .await
        .context("starting to pause or resume the account")?;
    found(
        accounts::set_paused(&mut *tx, member.workspace_id, id, paused).await,
        "pausing or resuming the account",
    )?;
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
    .context("recording the pause or resume in the audit log")?;
    Ok(tx.commit().await.context("committing the pause or resume")?)
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
    found(
        accounts::update_details(&state.pool, workspace_id, id, &display_name, colour.as_str()).await,
        "updating the account's name and colour",
    )
}

pub async fn remove(state: &AppState, member: &Member, id: Uuid) -> Result<(), AppError> {
    let account = accounts::find(&state.pool, member.workspace_id, id)
        .await
        .context("loading the account to remove")?
        .ok_or_else(not_found)?;
    let mut tx = state.pool.begin().await.context("starting the account removal")?;
    match accounts::delete(&mut *tx, member.workspace_id, id).await {
        // Posts keep pointing at the accounts they were for (the schema restricts the delete).
        Err(sqlx::Error::Database(e)) if e.is_foreign_key_violation() => {
            return Err(AppError::Conflict(
                "This account is part of posts, so it stays on record. Pause it to stop publishing to it, \
                 or remove it from those posts first."
                    .into(),
            ));
        }
        result => found(result, "deleting the account")?,
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
    .context("recording the account removal in the audit log")?;
    Ok(tx.commit().await.context("committing the account removal")?)
}

fn found(result: sqlx::Result<bool>, doing: &'static str) -> Result<(), AppError> {
    match result {
        Ok(true) => Ok(()),
        Ok(false) => Err(not_found()),
        Err(error) => Err(anyhow::Error::new(error).context(doing).into()),
    }
}
