//! Targets held while their account was paused or needed re-auth go back to the queue when it
//! is connected again. (Holding is mostly lazy: a task that finds its account paused marks
//! it; an account whose credentials were refused has all its waiting targets held at once.)
use super::queue;
use crate::domain::post::TargetStatus;
use crate::domain::publish::Event;
use crate::server::db::post_status;
use sqlx::PgPool;
use uuid::Uuid;

/// Returns how many targets were released.
pub async fn release_account(pool: &PgPool, account_id: Uuid) -> sqlx::Result<usize> {
    let mut tx = pool.begin().await?;
    let released = release_account_in(&mut tx, account_id).await?;
    tx.commit().await?;
    if released > 0 {
        tracing::info!(%account_id, released, "held targets back in the queue");
    }
    Ok(released)
}

/// `release_account` inside a caller's transaction, so it commits with the change that
/// freed the account.
pub async fn release_account_in(tx: &mut sqlx::PgConnection, account_id: Uuid) -> sqlx::Result<usize> {
    // Their time stays: one long past is marked missed when its task runs, not sent late.
    let released: Vec<(Uuid, i32)> = sqlx::query!(
        "update post_targets t set status = 'scheduled', error_kind = null, last_error = null
         from posts p, accounts a, workspaces w
         where t.account_id = $1 and t.status = 'paused' and p.id = t.post_id
           and a.id = t.account_id and a.state = 'connected'
           and w.id = a.workspace_id and not w.publishing_paused
         returning t.id, p.version",
        account_id
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(|r| (r.id, r.version))
    .collect();
    queue::push_for_targets(&mut *tx, &released).await?;
    Ok(released.len())
}

/// The account needs to be connected again: hold its targets that wait to go out. Their posts
/// are locked first, in id order, like every writer of targets.
pub async fn hold_account(pool: &PgPool, account_id: Uuid, reason: &str) -> sqlx::Result<()> {
    let mut tx = pool.begin().await?;
    let posts = sqlx::query_scalar!(
        "select id from posts where id in (
             select post_id from post_targets where account_id = $1 and status = any($2))
         order by id for update",
        account_id,
        Event::Pause.from() as &[TargetStatus]
    )
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query!(
        "update post_targets set status = 'paused', error_kind = 'paused',
                last_error = 'The account needs to be connected again: ' || $2
         where account_id = $1 and status = any($3)",
        account_id,
        reason,
        Event::Pause.from() as &[TargetStatus]
    )
    .execute(&mut *tx)
    .await?;
    post_status::roll_up(&mut tx, &posts).await?;
    tx.commit().await
}
