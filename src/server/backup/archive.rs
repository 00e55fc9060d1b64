//! The archive's layout: the manifest first, then the dump, the key and the media folder.
use super::{DATABASE, KEY, MANIFEST, MEDIA};
use anyhow::{Context, bail, ensure};
use chrono::{DateTime, Utc};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};
use std::io::{BufWriter, Read};
use std::path::Path;

/// Raised when the layout changes, so an older Herald refuses a backup it cannot read.
const FORMAT: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub herald_version: String,
    pub created_at: DateTime<Utc>,
    pub media_files: usize,
}

impl Manifest {
    pub fn new(media_files: usize) -> Self {
        Self {
            format: FORMAT,
            herald_version: env!("CARGO_PKG_VERSION").to_owned(),
            created_at: Utc::now(),
            media_files,
        }
    }
}

pub struct Contents<'a> {
    pub manifest: &'a Manifest,
    pub dump: &'a Path,
    pub key: Option<&'a str>,
    pub media: &'a Path,
}

pub fn write(output: &Path, contents: &Contents) -> anyhow::Result<()> {
    let file =
        std::fs::File::create(output).with_context(|| format!("could not create {}", output.display()))?;
    let mut tar = tar::Builder::new(GzEncoder::new(BufWriter::new(file), Compression::default()));
    append_bytes(
        &mut tar,
        MANIFEST,
        &serde_json::to_vec_pretty(contents.manifest)?,
        0o644,
    )?;
    tar.append_path_with_name(contents.dump, DATABASE)?;
    if let Some(key) = contents.key {
        append_bytes(&mut tar, KEY, format!("{key}\n").as_bytes(), 0o600)?;
    }
    if contents.media.is_dir() {
        tar.append_dir_all(MEDIA, contents.media)
            .with_context(|| format!("could not read {}", contents.media.display()))?;
    }
    let file = tar
        .into_inner()?
        .finish()?
        .into_inner()
        .map_err(|e| e.into_error())?;
    file.sync_all()
        .with_context(|| format!("could not write {}", output.display()))
}

fn append_bytes(
    tar: &mut tar::Builder<impl std::io::Write>,
    name: &str,
    bytes: &[u8],
    mode: u32,
) -> anyhow::Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_size(bytes.len() as u64);
    header.set_mode(mode);
    header.set_mtime(Utc::now().timestamp().max(0) as u64);
    tar.append_data(&mut header, name, bytes)?;
    Ok(())
}

/// Unpacks into `folder` (paths leaving it are refused by `tar`) and reads the manifest.
pub fn unpack(reader: impl Read, folder: &Path) -> anyhow::Result<Manifest> {
    let mut archive = tar::Archive::new(GzDecoder::new(reader));
    archive.set_preserve_permissions(false);
    archive
        .unpack(folder)
        .context("this is not a readable Herald backup (a .tar.gz made by `herald backup`)")?;
    let manifest = std::fs::read(folder.join(MANIFEST))
        .context("this archive has no manifest.json: it was not made by `herald backup`")?;
    let manifest: Manifest =
        serde_json::from_slice(&manifest).context("the backup's manifest.json is damaged")?;
    if manifest.format > FORMAT {
        bail!(
            "this backup was made by Herald {} in a newer format; restore it with that version or a later one",
            manifest.herald_version
        );
    }
    ensure!(
        folder.join(DATABASE).is_file(),
        "the backup holds no database dump ({DATABASE})"
    );
    Ok(manifest)
}

/// Files under `folder`, at any depth (0 when it does not exist).
pub fn count_files(folder: &Path) -> std::io::Result<usize> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(0);
    };
    let mut count = 0;
    for entry in entries {
        let entry = entry?;
        count += if entry.file_type()?.is_dir() {
            count_files(&entry.path())?
        } else {
            1
        };
    }
    Ok(count)
}
