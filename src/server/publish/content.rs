//! What goes out for a target: its text and the post's images, read from the media directory.
use crate::server::media_links;
use crate::server::platforms::{Outgoing, OutgoingImage};
use crate::server::posts::media_path;
use crate::server::state::AppState;
use anyhow::Context;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct ImageRow {
    id: Uuid,
    sha256: Vec<u8>,
    content_type: String,
    width: i32,
    height: i32,
    alt_text: String,
}

pub async fn outgoing(
    state: &AppState,
    post_id: Uuid,
    target_id: Uuid,
    account_id: Uuid,
    text: String,
) -> anyhow::Result<Outgoing> {
    let rows: Vec<ImageRow> = sqlx::query_as(
        "select m.id, m.sha256, m.content_type, m.width, m.height, pm.alt_text
         from post_media pm join media m on m.id = pm.media_id
         where pm.post_id = $1 order by pm.position",
    )
    .bind(post_id)
    .fetch_all(&state.pool)
    .await
    .context("could not load the post's images")?;
    let mut images = Vec::with_capacity(rows.len());
    for row in rows {
        let path = media_path(state, &row.sha256);
        let bytes = tokio::fs::read(&path)
            .await
            .with_context(|| format!("image {} is missing from the media directory", row.id))?;
        images.push(OutgoingImage {
            bytes: bytes.into(),
            content_type: row.content_type,
            alt_text: row.alt_text,
            width: row.width.max(0) as u32,
            height: row.height.max(0) as u32,
            public_url: media_links::public_url(
                &state.cipher,
                state.settings.server.base_url(),
                row.id,
                chrono::Utc::now(),
            ),
        });
    }
    Ok(Outgoing {
        target_id,
        account_id,
        text,
        images,
    })
}
