//! Posts' locks and the status rolled up from their targets. Whoever moves targets locks their
//! posts first, in id order, so concurrent outcomes of one post serialise (no lost roll-up)
//! and batches that share posts never deadlock.
use crate::domain::post::{PostStatus, TargetStatus};
use crate::domain::publish::post_status;
use sqlx::PgConnection;
use std::collections::HashMap;
use uuid::Uuid;

/// Locks these posts in id order; returns those that exist.
pub async fn lock(conn: &mut PgConnection, post_ids: &[Uuid]) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        "select id from posts where id = any($1) order by id for update",
        post_ids
    )
    .fetch_all(conn)
    .await
}

/// Locks the posts of these targets in id order; returns those that exist.
pub async fn lock_of_targets(conn: &mut PgConnection, target_ids: &[Uuid]) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        "select id from posts where id in (select post_id from post_targets where id = any($1))
         order by id for update",
        target_ids
    )
    .fetch_all(conn)
    .await
}

/// Sets each post's status from its targets'. The caller holds the posts' locks.
pub async fn roll_up(conn: &mut PgConnection, post_ids: &[Uuid]) -> sqlx::Result<()> {
    if post_ids.is_empty() {
        return Ok(());
    }
    let rows = sqlx::query!(
        r#"select post_id, status as "status: TargetStatus" from post_targets where post_id = any($1)"#,
        post_ids
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut targets: HashMap<Uuid, Vec<TargetStatus>> = post_ids.iter().map(|id| (*id, Vec::new())).collect();
    for row in rows {
        targets.entry(row.post_id).or_default().push(row.status);
    }
    let (ids, statuses): (Vec<Uuid>, Vec<PostStatus>) = targets
        .iter()
        .map(|(post, targets)| (*post, post_status(targets)))
        .unzip();
    sqlx::query!(
        "update posts p set status = u.status, updated_at = now()
         from unnest($1::uuid[], $2::text[]) as u(id, status)
         where p.id = u.id and p.status <> u.status",
        &ids,
        &statuses as &[PostStatus]
    )
    .execute(conn)
    .await?;
    Ok(())
}
