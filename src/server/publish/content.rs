//! What goes out for a target: its text and the post's images (read with the claim), whose
//! bytes come from the media directory.
use crate::server::db::claims::Claimed;
use crate::server::images::media_path;
use crate::server::images::signed_links;
use crate::server::platforms::{Outgoing, OutgoingImage};
use crate::server::state::AppState;
use anyhow::Context;

pub async fn outgoing(state: &AppState, claimed: &Claimed) -> anyhow::Result<Outgoing> {
    let mut images = Vec::with_capacity(claimed.images.len());
    for image in &claimed.images {
        let path = media_path(state, &image.sha256);
        let bytes = tokio::fs::read(&path)
            .await
            .with_context(|| format!("image {} is missing from the media directory", image.id))?;
        images.push(OutgoingImage {
            bytes: bytes.into(),
            content_type: image.content_type.clone(),
            alt_text: image.alt_text.clone(),
            width: image.width.max(0) as u32,
            height: image.height.max(0) as u32,
            public_url: signed_links::public_url(
                &state.cipher,
                state.settings.server.base_url(),
                image.id,
                chrono::Utc::now(),
            ),
        });
    }
    Ok(Outgoing {
        target_id: claimed.target_id,
        account_id: claimed.account_id,
        text: claimed.text.clone(),
        images,
    })
}
