//! Targets held while their account was paused or needed re-auth go back to the queue when it
//! is connected again. (Holding is lazy: a task that finds its account paused marks it.)
use super::queue;
use sqlx::PgPool;
use uuid::Uuid;

/// Returns how many targets were released.
pub async fn release_account(pool: &PgPool, account_id: Uuid) -> sqlx::Result<usize> {
    let mut tx = pool.begin().await?;
    // Their time stays: one long past is marked missed when its task runs, not sent late.
    let released: Vec<(Uuid, i32)> = sqlx::query_as(
        "update post_targets t set status = 'scheduled', error_kind = null, last_error = null
         from posts p, accounts a, workspaces w
         where t.account_id = $1 and t.status = 'paused' and p.id = t.post_id
           and a.id = t.account_id and a.state = 'connected'
           and w.id = a.workspace_id and not w.publishing_paused
         returning t.id, p.version",
    )
    .bind(account_id)
    .fetch_all(&mut *tx)
    .await?;
    for (target, version) in &released {
        queue::push_for_target(&mut tx, *target, *version).await?;
    }
    tx.commit().await?;
    if !released.is_empty() {
        tracing::info!(%account_id, released = released.len(), "held targets back in the queue");
    }
    Ok(released.len())
}
