//! Recording many publishes with one statement: each target moves to published (if it is
//! still on that attempt) and its publish_attempts row is finished. The caller holds the
//! posts' locks.
use crate::domain::post::TargetStatus;
use crate::domain::publish::Event;
use sqlx::PgConnection;
use uuid::Uuid;

pub struct Publish<'a> {
    pub target_id: Uuid,
    pub attempt: i32,
    pub remote_id: &'a str,
    pub remote_url: Option<&'a str>,
}

/// Returns the targets that moved; one missing had moved on meanwhile (say, a person
/// resolved it), and keeps its state.
pub async fn mark(conn: &mut PgConnection, publishes: &[Publish<'_>]) -> sqlx::Result<Vec<Uuid>> {
    let targets: Vec<Uuid> = publishes.iter().map(|p| p.target_id).collect();
    let attempts: Vec<i32> = publishes.iter().map(|p| p.attempt).collect();
    let remote_ids: Vec<&str> = publishes.iter().map(|p| p.remote_id).collect();
    let remote_urls: Vec<Option<&str>> = publishes.iter().map(|p| p.remote_url).collect();
    sqlx::query_scalar!(
        r#"with req as (
             select * from unnest($1::uuid[], $2::int[], $3::text[], $4::text[])
                 as r(target_id, attempt, remote_id, remote_url)
         ),
         published as (
             update post_targets t
             set status = 'published', remote_id = req.remote_id, remote_url = req.remote_url,
                 published_at = now(), claimed_at = null, last_error = null, error_kind = null
             from req
             where t.id = req.target_id and t.status = any($5) and t.attempts = req.attempt
             returning t.id
         ),
         finished as (
             update publish_attempts a set finished_at = now(), outcome = 'published'
             from req
             where a.target_id = req.target_id and a.attempt = req.attempt
               and a.finished_at is null
         )
         select id as "id!" from published"#,
        &targets,
        &attempts,
        &remote_ids as &[&str],
        &remote_urls as &[Option<&str>],
        Event::Published.from() as &[TargetStatus]
    )
    .fetch_all(conn)
    .await
}
