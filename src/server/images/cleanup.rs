//! Removing images that no post uses, a while after their upload: abandoned uploads must not
//! fill the disk. A file goes once no workspace has an image with its content.
use super::store::media_path_in;
use crate::server::db::images;
use anyhow::Context;
use sqlx::PgPool;
use std::path::Path;

/// Removes images attached to no post and older than `keep_hours`; returns how many.
pub async fn remove_unattached(pool: &PgPool, data_dir: &Path, keep_hours: i64) -> anyhow::Result<usize> {
    let contents = images::delete_unattached(pool, keep_hours)
        .await
        .context("forgetting unattached images")?;
    for sha256 in &contents {
        let mut tx = pool.begin().await.context("starting to remove an image's file")?;
        images::lock_file(&mut tx, sha256)
            .await
            .context("waiting for the image's file")?;
        if images::file_in_use(&mut tx, sha256)
            .await
            .context("checking the file's other users")?
        {
            continue;
        }
        let path = media_path_in(data_dir, sha256);
        match tokio::fs::remove_file(&path).await {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(error).with_context(|| format!("removing {}", path.display())),
        }
        tx.commit().await.context("finishing an image's removal")?;
    }
    Ok(contents.len())
}
