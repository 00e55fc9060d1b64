//! Uploaded images, one row per distinct file (by SHA-256) per workspace.
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

pub struct NewMedia<'a> {
    pub workspace_id: Uuid,
    pub sha256: &'a [u8],
    pub content_type: &'a str,
    pub byte_size: i32,
    pub width: i32,
    pub height: i32,
    pub uploaded_by: Uuid,
}

/// Stores the image's record, or returns the existing one with the same content.
pub async fn insert_or_existing(conn: &mut PgConnection, media: NewMedia<'_>) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        r#"with inserted as (
               insert into media (workspace_id, sha256, content_type, byte_size, width, height, uploaded_by)
               values ($1, $2, $3, $4, $5, $6, $7)
               on conflict (workspace_id, sha256) do nothing
               returning id)
           select id as "id!" from inserted
           union all
           select id from media where workspace_id = $1 and sha256 = $2
           limit 1"#,
        media.workspace_id,
        media.sha256,
        media.content_type,
        media.byte_size,
        media.width,
        media.height,
        media.uploaded_by
    )
    .fetch_one(conn)
    .await
}

/// Holds the file with this content until the transaction ends: an upload writing it and the
/// clean-up removing it take turns, so neither sees the other half done.
pub async fn lock_file(conn: &mut PgConnection, sha256: &[u8]) -> sqlx::Result<()> {
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended('media-file:' || encode($1, 'hex'), 0))",
        sha256
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Holds the workspace's uploads until the transaction ends, so two at once cannot both fit
/// in the room left for one.
pub async fn lock_workspace_uploads(conn: &mut PgConnection, workspace_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended('media-quota:' || $1::uuid::text, 0))",
        workspace_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The workspace's images' bytes in all, and whether one of them has this content.
pub async fn usage(conn: &mut PgConnection, workspace_id: Uuid, sha256: &[u8]) -> sqlx::Result<(i64, bool)> {
    let row = sqlx::query!(
        r#"select coalesce(sum(byte_size), 0)::bigint as "bytes!",
                  coalesce(bool_or(sha256 = $2), false) as "has_it!"
           from media where workspace_id = $1"#,
        workspace_id,
        sha256
    )
    .fetch_one(conn)
    .await?;
    Ok((row.bytes, row.has_it))
}

/// Forgets images attached to no post and uploaded longer ago than `hours`; returns their
/// contents' hashes (a file may still serve another workspace's row).
pub async fn delete_unattached(pool: &PgPool, hours: i64) -> sqlx::Result<Vec<Vec<u8>>> {
    sqlx::query_scalar!(
        "delete from media m
         where m.created_at < now() - make_interval(hours => $1::bigint::int)
           and not exists (select 1 from post_media pm where pm.media_id = m.id)
         returning m.sha256",
        hours
    )
    .fetch_all(pool)
    .await
}

/// Whether any workspace still has an image with this content.
pub async fn file_in_use(conn: &mut PgConnection, sha256: &[u8]) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from media where sha256 = $1) as "used!""#,
        sha256
    )
    .fetch_one(conn)
    .await
}

pub struct MediaFile {
    pub sha256: Vec<u8>,
    pub content_type: String,
}

pub async fn find(pool: &PgPool, workspace_id: Uuid, id: Uuid) -> sqlx::Result<Option<MediaFile>> {
    sqlx::query_as!(
        MediaFile,
        "select sha256, content_type from media where workspace_id = $1 and id = $2",
        workspace_id,
        id
    )
    .fetch_optional(pool)
    .await
}

/// Any workspace's image: only for a request holding a signed link to it.
pub async fn find_any(pool: &PgPool, id: Uuid) -> sqlx::Result<Option<MediaFile>> {
    sqlx::query_as!(
        MediaFile,
        "select sha256, content_type from media where id = $1",
        id
    )
    .fetch_optional(pool)
    .await
}

/// How many of these ids are images of this workspace (to reject foreign ids).
pub async fn count_owned(pool: &PgPool, workspace_id: Uuid, ids: &[Uuid]) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "count!" from media where workspace_id = $1 and id = any($2)"#,
        workspace_id,
        ids
    )
    .fetch_one(pool)
    .await
}
