//! `herald backup` and `herald restore`, as a person at a terminal reads them.
use crate::server::backup::{self, KeyOutcome, Source};
use crate::server::config::Settings;
use std::path::PathBuf;

pub async fn backup(settings: Settings, output: Option<PathBuf>) -> anyhow::Result<()> {
    let written = backup::create(&settings, output).await?;
    let bytes = std::fs::metadata(&written).map(|m| m.len()).unwrap_or(0);
    println!(
        "Backup written to {} ({:.1} MB): the database, the media and the secrets key. \
         Keep it somewhere safe: it holds the key to the connected accounts.",
        written.display(),
        bytes as f64 / 1e6
    );
    Ok(())
}

pub async fn restore(settings: Settings, archive: PathBuf, force: bool) -> anyhow::Result<()> {
    let source = if archive.as_os_str() == "-" {
        Source::Stdin
    } else {
        Source::File(archive)
    };
    let restored = backup::restore(&settings, source, force).await?;
    if let Some(path) = &restored.safety_backup {
        println!(
            "The database it replaced was backed up first, to {}.",
            path.display()
        );
    }
    println!(
        "Restored the backup of {} (Herald {}, {} media files).",
        restored.manifest.created_at.format("%Y-%m-%d %H:%M UTC"),
        restored.manifest.herald_version,
        restored.manifest.media_files
    );
    match restored.key {
        KeyOutcome::Unchanged => {}
        KeyOutcome::Replaced(path) => println!(
            "The backup's secrets key is now in {}. Restart Herald (docker restart herald) so that it uses it.",
            path.display()
        ),
        KeyOutcome::SetItFrom(path) => println!(
            "This Herald takes its key from HERALD_SECRETS__KEY, which differs from the backup's. \
             Set HERALD_SECRETS__KEY to the contents of {} and restart Herald, or the connected \
             accounts cannot be read.",
            path.display()
        ),
    }
    Ok(())
}
