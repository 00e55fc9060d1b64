//! Images attached to posts: checked, stored on disk once per content (by SHA-256).
use crate::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::images::{self, NewMedia};
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
    media_path_in(&state.settings.data_dir, sha256)
}

pub fn media_path_in(data_dir: &std::path::Path, sha256: &[u8]) -> PathBuf {
    let hex = hex::encode(sha256);
    data_dir.join("media").join(&hex[..2]).join(hex)
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
    let mut tx = state.pool.begin().await.context("starting an upload")?;
    images::lock_file(&mut tx, &sha256)
        .await
        .context("waiting for the image's file")?;
    images::lock_workspace_uploads(&mut tx, member.workspace_id)
        .await
        .context("waiting for the workspace's other uploads")?;
    let (used, already_stored) = images::usage(&mut tx, member.workspace_id, &sha256)
        .await
        .context("adding up the workspace's images")?;
    let quota = state.settings.media.workspace_quota_bytes;
    if !already_stored && used + i64::from(byte_size) > quota {
        return Err(AppError::bad_request(format!(
            "Image: this workspace's images already take {} of its {}. Take images out of drafts \
             you no longer need (images in no post are removed after a day), or ask whoever runs \
             Herald to raise media.workspace_quota_bytes.",
            size_in_words(used),
            size_in_words(quota)
        )));
    }
    let path = media_path(state, &sha256);
    tokio::task::spawn_blocking(move || write_once(&path, &bytes))
        .await
        .context("writing the image")??;
    let id = images::insert_or_existing(
        &mut tx,
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
    .context("recording the image")?;
    tx.commit().await.context("recording the image")?;
    Ok(StoredImage {
        id,
        content_type,
        width: size.width as u32,
        height: size.height as u32,
    })
}

fn size_in_words(bytes: i64) -> String {
    let kib = bytes as f64 / 1024.0;
    if kib < 1024.0 {
        format!("{kib:.1} KB")
    } else {
        format!("{:.1} MB", kib / 1024.0)
    }
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
