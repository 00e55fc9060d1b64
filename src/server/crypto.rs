//! Sealing account credentials at rest with AES-256-GCM, and signing short-lived links with
//! HMAC-SHA256 under a key derived from the same secret.
use crate::server::config::{Environment, Settings};
use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit as _, Mac};
use secrecy::ExposeSecret;
use sha2::Sha256;
use std::path::Path;
use std::sync::Arc;
use zeroize::Zeroizing;

/// First byte of every sealed value, so the format can change later.
const FORMAT_V1: u8 = 1;
const NONCE_LEN: usize = 12;
pub(crate) const DEV_KEY_FILE: &str = "secret.key";

#[derive(Clone)]
pub struct Cipher {
    aead: Arc<Aes256Gcm>,
    /// A separate key for links, so a link's signature says nothing about the sealing key.
    links: Arc<Hmac<Sha256>>,
}

impl std::fmt::Debug for Cipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cipher(..)")
    }
}

impl Cipher {
    pub fn from_key(key: &[u8; 32]) -> Self {
        let mut derive = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
        derive.update(b"herald link signing v1");
        let link_key: Zeroizing<[u8; 32]> = Zeroizing::new(derive.finalize().into_bytes().into());
        Self {
            aead: Arc::new(Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key))),
            links: Arc::new(Hmac::new_from_slice(link_key.as_slice()).expect("HMAC takes any key length")),
        }
    }

    /// A signature of `message` for a link (hex).
    pub fn sign_link(&self, message: &str) -> String {
        let mut mac = (*self.links).clone();
        mac.update(message.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// Checks a link's signature in constant time.
    pub fn verify_link(&self, message: &str, signature: &str) -> bool {
        let Ok(signature) = hex::decode(signature) else {
            return false;
        };
        let mut mac = (*self.links).clone();
        mac.update(message.as_bytes());
        mac.verify_slice(&signature).is_ok()
    }

    /// The configured key, or the one in `secrets.key_file`; in development a key generated once
    /// under the data directory.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        if let Some(encoded) = &settings.secrets.key {
            return Ok(Self::from_key(&decode_key(encoded.expose_secret())?));
        }
        if let Some(path) = &settings.secrets.key_file {
            let encoded = Zeroizing::new(std::fs::read_to_string(path).with_context(|| {
                format!(
                    "could not read the secrets key from {} (secrets.key_file)",
                    path.display()
                )
            })?);
            return Ok(Self::from_key(&decode_key(&encoded).with_context(|| {
                format!("{} does not hold a secrets key", path.display())
            })?));
        }
        if settings.environment == Environment::Production {
            bail!(
                "HERALD_SECRETS__KEY (or secrets.key_file) is not set. In production Herald needs a fixed key to encrypt \
                 account credentials: generate one with `openssl rand -base64 32`, set it, and keep \
                 a copy with your backups (credentials cannot be read without it)."
            );
        }
        Ok(Self::from_key(&development_key(&settings.data_dir)?))
    }

    /// Encrypts `plaintext`; `context` (e.g. the account id) must be given again to open it,
    /// so a sealed value copied to another row does not decrypt.
    pub fn seal(&self, plaintext: &[u8], context: &[u8]) -> Vec<u8> {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let ciphertext = self
            .aead
            .encrypt(
                &nonce,
                Payload {
                    msg: plaintext,
                    aad: context,
                },
            )
            .expect("AES-GCM encryption of an in-memory buffer cannot fail");
        let mut sealed = Vec::with_capacity(1 + NONCE_LEN + ciphertext.len());
        sealed.push(FORMAT_V1);
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(&ciphertext);
        sealed
    }

    pub fn open(&self, sealed: &[u8], context: &[u8]) -> anyhow::Result<Zeroizing<Vec<u8>>> {
        let Some((&FORMAT_V1, rest)) = sealed.split_first() else {
            bail!("sealed value has an unknown format");
        };
        anyhow::ensure!(rest.len() > NONCE_LEN, "sealed value is truncated");
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let plaintext = self
            .aead
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: context,
                },
            )
            .map_err(|_| anyhow::anyhow!("credentials do not decrypt: wrong key or tampered data"))?;
        Ok(Zeroizing::new(plaintext))
    }
}

pub(crate) fn decode_key(encoded: &str) -> anyhow::Result<[u8; 32]> {
    let bytes = Zeroizing::new(
        STANDARD
            .decode(encoded.trim())
            .context("HERALD_SECRETS__KEY is not valid base64")?,
    );
    bytes
        .as_slice()
        .try_into()
        .map_err(|_| anyhow::anyhow!("HERALD_SECRETS__KEY must be 32 bytes (`openssl rand -base64 32`)"))
}

fn development_key(data_dir: &Path) -> anyhow::Result<[u8; 32]> {
    let path = data_dir.join(DEV_KEY_FILE);
    if let Ok(existing) = std::fs::read_to_string(&path) {
        return decode_key(&existing).with_context(|| format!("{} is damaged", path.display()));
    }
    let key: [u8; 32] = Aes256Gcm::generate_key(&mut OsRng).into();
    std::fs::create_dir_all(data_dir).with_context(|| format!("could not create {}", data_dir.display()))?;
    write_private(&path, STANDARD.encode(key).as_bytes())?;
    tracing::warn!(path = %path.display(), "generated a development encryption key; set HERALD_SECRETS__KEY in production");
    Ok(key)
}

pub(crate) fn write_private(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("could not create {}", path.display()))?;
    file.write_all(contents)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_and_opens_only_with_the_same_key_and_context() {
        let cipher = Cipher::from_key(&[7; 32]);
        let sealed = cipher.seal(b"token-123", b"account-a");
        assert!(
            !sealed.windows(9).any(|w| w == b"token-123"),
            "no plain text in the sealed value"
        );
        assert_eq!(
            cipher.open(&sealed, b"account-a").unwrap().as_slice(),
            b"token-123"
        );
        assert!(
            cipher.open(&sealed, b"account-b").is_err(),
            "bound to its context"
        );
        assert!(
            Cipher::from_key(&[8; 32]).open(&sealed, b"account-a").is_err(),
            "bound to its key"
        );
        let mut tampered = sealed.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(cipher.open(&tampered, b"account-a").is_err());
        assert_ne!(
            cipher.seal(b"same", b""),
            cipher.seal(b"same", b""),
            "fresh nonce each time"
        );
    }

    #[test]
    fn link_signatures_hold_only_for_the_same_key_and_message() {
        let cipher = Cipher::from_key(&[7; 32]);
        let signature = cipher.sign_link("media:1:100");
        assert!(cipher.verify_link("media:1:100", &signature));
        assert!(!cipher.verify_link("media:1:101", &signature));
        assert!(!cipher.verify_link("media:1:100", "zz"));
        assert!(!Cipher::from_key(&[8; 32]).verify_link("media:1:100", &signature));
        assert!(!signature.contains(&hex::encode([7u8; 32])), "not the key itself");
    }

    #[test]
    fn development_key_is_generated_once_and_kept() {
        let dir = std::env::temp_dir().join(format!("herald-key-{}", uuid::Uuid::new_v4()));
        let first = development_key(&dir).unwrap();
        assert_eq!(development_key(&dir).unwrap(), first);
        let mode = std::fs::metadata(dir.join(DEV_KEY_FILE)).unwrap().permissions();
        assert_eq!(std::os::unix::fs::PermissionsExt::mode(&mode) & 0o777, 0o600);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_key_file_is_read_and_a_missing_or_bad_one_explained() {
        let dir = std::env::temp_dir().join(format!("herald-key-file-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("secrets.key");
        let mut settings = Settings::load(None).unwrap();
        settings.environment = Environment::Production;
        settings.secrets.key = None;
        settings.secrets.key_file = Some(path.clone());

        let missing = Cipher::from_settings(&settings).err().unwrap();
        assert!(
            format!("{missing:#}").contains("could not read the secrets key from"),
            "{missing:#}"
        );
        std::fs::write(&path, "not a key\n").unwrap();
        let bad = Cipher::from_settings(&settings).err().unwrap();
        assert!(
            format!("{bad:#}").contains("does not hold a secrets key"),
            "{bad:#}"
        );

        std::fs::write(&path, format!("{}\n", STANDARD.encode([9u8; 32]))).unwrap();
        let sealed = Cipher::from_key(&[9; 32]).seal(b"token", b"account");
        let cipher = Cipher::from_settings(&settings).unwrap();
        assert_eq!(cipher.open(&sealed, b"account").unwrap().as_slice(), b"token");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn bad_keys_are_explained() {
        assert!(
            decode_key("not base64!")
                .unwrap_err()
                .to_string()
                .contains("base64")
        );
        assert!(
            decode_key(&STANDARD.encode([1u8; 16]))
                .unwrap_err()
                .to_string()
                .contains("32 bytes")
        );
    }
}
