//! Images attached to posts: checked, stored on disk once per content (by SHA-256).
use crate::api::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::media::{self, NewMedia};
use crate::server::state::AppState;
use anyhow::Context;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use uuid::Uuid;

pub struct StoredImage {
    pub id: Uuid,
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
}

/// Where an image's bytes live: `<data_dir>/media/ab/abcdef…`.
pub fn media_path(state: &AppState, sha256: &[u8]) -> PathBuf {
    let hex = hex::encode(sha256);
    state.settings.data_dir.join("media").join(&hex[..2]).join(hex)
}

/// Checks that `bytes` is a PNG, JPEG, GIF or WebP image within the size limit, writes it
/// (unless the same content is already there) and records it for the workspace.
pub async fn store_image(state: &AppState, member: &Member, bytes: Vec<u8>) -> Result<StoredImage, AppError> {
    let limit = state.settings.media.max_image_bytes;
    if bytes.len() > limit {
        return Err(AppError::bad_request(format!(
            "Image: keep it under {} MB.",
            limit / (1024 * 1024)
        )));
    }
    let content_type = match imagesize::image_type(&bytes) {
        Ok(imagesize::ImageType::Png) => "image/png",
        Ok(imagesize::ImageType::Jpeg) => "image/jpeg",
        Ok(imagesize::ImageType::Gif) => "image/gif",
        Ok(imagesize::ImageType::Webp) => "image/webp",
        _ => {
            return Err(AppError::bad_request(
                "Image: upload a PNG, JPEG, GIF or WebP picture.",
            ));
        }
    };
    let size = imagesize::blob_size(&bytes)
        .map_err(|_| AppError::bad_request("Image: the file is damaged or not a picture."))?;
    let sha256 = Sha256::digest(&bytes).to_vec();
    let byte_size = i32::try_from(bytes.len()).unwrap_or(i32::MAX);
    let path = media_path(state, &sha256);
    let write = {
        let path = path.clone();
        tokio::task::spawn_blocking(move || write_once(&path, &bytes))
    };
    write
        .await
        .map_err(AppError::unexpected)?
        .map_err(AppError::unexpected)?;
    let id = media::insert_or_existing(
        &state.pool,
        NewMedia {
            workspace_id: member.workspace_id,
            sha256: &sha256,
            content_type,
            byte_size,
            width: size.width as i32,
            height: size.height as i32,
            uploaded_by: member.user_id,
        },
    )
    .await
    .map_err(AppError::unexpected)?;
    Ok(StoredImage {
        id,
        content_type,
        width: size.width as u32,
        height: size.height as u32,
    })
}

/// Writes through a temporary file and a rename, so a reader never sees half an image.
fn write_once(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path.exists() {
        return Ok(());
    }
    let dir = path.parent().context("media path has a folder")?;
    std::fs::create_dir_all(dir).with_context(|| format!("could not create {}", dir.display()))?;
    let temporary = dir.join(format!(".{}.tmp", Uuid::new_v4()));
    std::fs::write(&temporary, bytes).with_context(|| format!("could not write {}", temporary.display()))?;
    std::fs::rename(&temporary, path)
        .with_context(|| format!("could not move the image to {}", path.display()))
}
