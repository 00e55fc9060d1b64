//! Uploaded images, one row per distinct file (by SHA-256) per workspace.
use sqlx::PgPool;
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
pub async fn insert_or_existing(pool: &PgPool, media: NewMedia<'_>) -> sqlx::Result<Uuid> {
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
    .fetch_one(pool)
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
