//! `herald backup`: dumps the database, then packs it with the media and the key.
use super::archive::{self, Contents, Manifest};
use super::{MEDIA, key, pg_tools};
use crate::server::config::Settings;
use anyhow::Context;
use std::path::{Path, PathBuf};

/// Writes a backup to `output` (default: `<data_dir>/backups/herald-<UTC time>.tar.gz`) and
/// returns its path. A failed backup leaves no partial file behind.
pub async fn create(settings: &Settings, output: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    let output = output.unwrap_or_else(|| default_path(&settings.data_dir, "herald"));
    let folder = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).with_context(|| format!("could not create {}", folder.display()))?;
    let name = output
        .file_name()
        .context("--output names no file")?
        .to_string_lossy();
    let dump = Partial(folder.join(format!(".{name}.pgdump.partial")));
    let packed = Partial(folder.join(format!(".{name}.partial")));

    pg_tools::dump(&settings.database, &dump.0).await?;
    let key = key::current(settings)?;
    let media = settings.data_dir.join(MEDIA);
    let (dump_path, packed_path) = (dump.0.clone(), packed.0.clone());
    tokio::task::spawn_blocking(move || {
        let manifest = Manifest::new(archive::count_files(&media)?);
        archive::write(
            &packed_path,
            &Contents {
                manifest: &manifest,
                dump: &dump_path,
                key: key.as_deref().map(String::as_str),
                media: &media,
            },
        )
    })
    .await??;
    std::fs::rename(&packed.0, &output).with_context(|| format!("could not write {}", output.display()))?;
    Ok(output)
}

/// `<data_dir>/backups/<prefix>-20261207-013000.tar.gz`
pub fn default_path(data_dir: &Path, prefix: &str) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    data_dir.join("backups").join(format!("{prefix}-{stamp}.tar.gz"))
}

/// A file removed when dropped: the dump always, the archive unless it was renamed into place.
struct Partial(PathBuf);

impl Drop for Partial {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
