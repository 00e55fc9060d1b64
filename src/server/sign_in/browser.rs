//! Binds a sign-in to the browser that started it: a random value kept in that browser's
//! session, of which the flow stores only a hash. A callback arriving in any other browser
//! (a link sent to someone, another person's flow) finds a different value and is refused.
use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};
use tower_sessions::Session;

const KEY: &str = "oauth_browser";

/// This browser's value (made on first use), as the hash a flow stores.
pub async fn binding(session: &Session) -> anyhow::Result<Vec<u8>> {
    let value = match session.get::<String>(KEY).await.context("reading the session")? {
        Some(value) => value,
        None => {
            let mut bytes = [0u8; 32];
            rand::rng().fill_bytes(&mut bytes);
            let value = URL_SAFE_NO_PAD.encode(bytes);
            session.insert(KEY, &value).await.context("writing the session")?;
            value
        }
    };
    Ok(hash(&value))
}

/// The hash of this browser's value, if it has one.
pub async fn current(session: &Session) -> anyhow::Result<Option<Vec<u8>>> {
    let value = session.get::<String>(KEY).await.context("reading the session")?;
    Ok(value.as_deref().map(hash))
}

pub fn hash(value: &str) -> Vec<u8> {
    Sha256::digest(value.as_bytes()).to_vec()
}
