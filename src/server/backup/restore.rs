//! `herald restore`: checks the archive, refuses to overwrite a database that holds anything
//! (unless forced, and then only after a safety backup), loads the dump, migrates it forward,
//! and puts the media and the key in place. What it replaces is moved aside, never deleted.
use super::archive::{self, Manifest};
use super::create::{self, default_path};
use super::{DATABASE, KEY, MEDIA, key, pg_tools, wipe};
use crate::server::config::Settings;
use crate::server::{crypto, db};
use anyhow::{Context, bail};
use std::path::{Path, PathBuf};

pub enum Source {
    Stdin,
    File(PathBuf),
}

/// What a restore did, for the person who ran it.
#[derive(Debug)]
pub struct Restored {
    pub manifest: Manifest,
    /// The backup taken of the replaced database (`--force` over a database in use).
    pub safety_backup: Option<PathBuf>,
    pub key: KeyOutcome,
}

#[derive(Debug, PartialEq)]
pub enum KeyOutcome {
    /// The backup had no key, or the same key is already in use.
    Unchanged,
    /// Written to the configured key file; Herald must restart to use it.
    Replaced(PathBuf),
    /// The key is set inline (HERALD_SECRETS__KEY) and differs: it was written here instead.
    SetItFrom(PathBuf),
}

pub async fn restore(settings: &Settings, source: Source, force: bool) -> anyhow::Result<Restored> {
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("could not create {}", settings.data_dir.display()))?;
    let staging = Staging(
        settings
            .data_dir
            .join(format!(".restore-{}", uuid::Uuid::new_v4())),
    );
    let folder = staging.0.clone();
    let manifest = tokio::task::spawn_blocking(move || match source {
        Source::Stdin => archive::unpack(std::io::stdin().lock(), &folder),
        Source::File(path) => {
            let file =
                std::fs::File::open(&path).with_context(|| format!("could not open {}", path.display()))?;
            archive::unpack(std::io::BufReader::new(file), &folder)
        }
    })
    .await??;
    pg_tools::check(&staging.0.join(DATABASE)).await?;

    let pool = db::prepare(&settings.database).await?;
    let holdings = db::workspaces::holdings(&pool).await?;
    let safety_backup = if holdings.is_empty() {
        None
    } else if force {
        let path = default_path(&settings.data_dir, "before-restore");
        Some(
            create::create(settings, Some(path))
                .await
                .context("could not back up the database before replacing it")?,
        )
    } else {
        bail!(
            "this database already holds {} workspace(s) and {} people. Restoring would replace them. \
             Run again with --force to replace them (a backup of them is made first), or restore into a fresh volume.",
            holdings.workspaces,
            holdings.people
        );
    };

    wipe::drop_everything(&pool).await?;
    pool.close().await;
    pg_tools::restore(&settings.database, &staging.0.join(DATABASE)).await?;
    db::prepare(&settings.database)
        .await
        .context("the backup was loaded, but bringing it up to this version failed")?
        .close()
        .await;

    put_media_in_place(&staging.0, &settings.data_dir)?;
    let key = put_key_in_place(&staging.0, settings)?;
    Ok(Restored {
        manifest,
        safety_backup,
        key,
    })
}

fn put_media_in_place(staging: &Path, data_dir: &Path) -> anyhow::Result<()> {
    let media = data_dir.join(MEDIA);
    if archive::count_files(&media)? > 0 {
        move_aside(&media)?;
    } else if media.exists() {
        std::fs::remove_dir_all(&media).with_context(|| format!("could not replace {}", media.display()))?;
    }
    let restored = staging.join(MEDIA);
    if restored.is_dir() {
        std::fs::rename(&restored, &media).with_context(|| format!("could not write {}", media.display()))?;
    } else {
        std::fs::create_dir_all(&media)?;
    }
    Ok(())
}

fn put_key_in_place(staging: &Path, settings: &Settings) -> anyhow::Result<KeyOutcome> {
    let Ok(restored) = std::fs::read_to_string(staging.join(KEY)) else {
        return Ok(KeyOutcome::Unchanged);
    };
    let restored = zeroize::Zeroizing::new(restored.trim().to_owned());
    crypto::decode_key(&restored).context("the backup's secrets.key is damaged")?;
    if key::current(settings)?.is_some_and(|current| *current == *restored) {
        return Ok(KeyOutcome::Unchanged);
    }
    let (path, outcome) = match key::path(settings) {
        Some(path) => (path.clone(), KeyOutcome::Replaced(path)),
        None => {
            let path = settings.data_dir.join("secrets.key.restored");
            (path.clone(), KeyOutcome::SetItFrom(path))
        }
    };
    if path.exists() {
        move_aside(&path)?;
    }
    crypto::write_private(&path, format!("{}\n", restored.as_str()).as_bytes())?;
    Ok(outcome)
}

/// Renames `path` to `path.before-restore-<time>`.
fn move_aside(path: &Path) -> anyhow::Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let aside = PathBuf::from(format!("{}.before-restore-{stamp}", path.display()));
    std::fs::rename(path, &aside).with_context(|| format!("could not move {} aside", path.display()))?;
    Ok(aside)
}

/// The unpacked archive, removed however the restore ends.
struct Staging(PathBuf);

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
