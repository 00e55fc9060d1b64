//! A post's accounts (with their own text) and images, as the composer sends them.
use super::input::{MediaInput, TargetInput};
use crate::server::db::posts;
use sqlx::PgConnection;
use uuid::Uuid;

pub struct Content {
    pub targets: Vec<TargetInput>,
    pub media: Vec<MediaInput>,
}

pub async fn read(conn: &mut PgConnection, post_id: Uuid) -> sqlx::Result<Content> {
    let targets = posts::targets(&mut *conn, post_id)
        .await?
        .into_iter()
        .map(|t| TargetInput {
            account_id: t.account_id,
            body_override: t.body_override,
        })
        .collect();
    let media = posts::media(&mut *conn, post_id)
        .await?
        .into_iter()
        .map(|m| MediaInput {
            media_id: m.media_id,
            alt_text: m.alt_text,
        })
        .collect();
    Ok(Content { targets, media })
}
