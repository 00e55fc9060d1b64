//! The secrets key as a backup carries it: base64, as `secrets.key` and key files hold it.
use crate::server::config::Settings;
use crate::server::crypto::{DEV_KEY_FILE, decode_key};
use anyhow::Context;
use secrecy::ExposeSecret;
use std::path::PathBuf;
use zeroize::Zeroizing;

/// Where the key lives on disk: `secrets.key_file`, else the generated development key;
/// `None` when it is given inline (`secrets.key`, HERALD_SECRETS__KEY).
pub fn path(settings: &Settings) -> Option<PathBuf> {
    if settings.secrets.key.is_some() {
        return None;
    }
    Some(
        settings
            .secrets
            .key_file
            .clone()
            .unwrap_or_else(|| settings.data_dir.join(DEV_KEY_FILE)),
    )
}

/// The key in use, or `None` when none was made yet (then nothing is sealed with one).
pub fn current(settings: &Settings) -> anyhow::Result<Option<Zeroizing<String>>> {
    let encoded = match (&settings.secrets.key, path(settings)) {
        (Some(inline), _) => Zeroizing::new(inline.expose_secret().trim().to_owned()),
        (None, Some(path)) if !path.exists() => return Ok(None),
        (None, Some(path)) => Zeroizing::new(
            std::fs::read_to_string(&path)
                .with_context(|| format!("could not read the secrets key from {}", path.display()))?
                .trim()
                .to_owned(),
        ),
        (None, None) => return Ok(None),
    };
    decode_key(&encoded)?;
    Ok(Some(encoded))
}
