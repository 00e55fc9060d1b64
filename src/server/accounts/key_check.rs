//! At start-up: the secrets key must open the credentials already sealed with a key, or every
//! publish would fail later, one account at a time.
use crate::server::crypto::Cipher;
use crate::server::db::accounts;
use anyhow::bail;
use sqlx::PgPool;

/// Fails when the newest connected account's credentials do not open with `cipher`. A database
/// that cannot be reached is left to the health check: the web app starts without one.
pub async fn refuse_wrong_key(pool: &PgPool, cipher: &Cipher) -> anyhow::Result<()> {
    let newest = match accounts::newest_sealed(pool).await {
        Ok(newest) => newest,
        Err(error) => {
            tracing::warn!(error = %error, "could not check the secrets key against the accounts");
            return Ok(());
        }
    };
    if let Some((id, sealed)) = newest
        && cipher.open(&sealed, id.as_bytes()).is_err()
    {
        bail!(
            "the secrets key does not open the connected accounts' credentials, which were sealed \
             with another key. Start Herald with the key they were sealed with (HERALD_SECRETS__KEY, \
             secrets.key_file, or the secrets.key in your backup). Nothing was changed."
        );
    }
    Ok(())
}
