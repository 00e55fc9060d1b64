//! Argon2id password hashing, off the async runtime and a few at a time: each hash takes
//! 19 MiB and a core for a while, so a flood of sign-ups or sign-ins queues here instead of
//! exhausting memory and starving every other request.
use crate::error::AppError;
use anyhow::Context;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};
use argon2::{Algorithm, Argon2, Params, Version};
use secrecy::{ExposeSecret, SecretString};
use std::sync::LazyLock;
use std::time::Duration;
use tokio::sync::Semaphore;

/// OWASP's recommended Argon2id settings: 19 MiB of memory, 2 passes, 1 lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("constant Argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes running at once: one per core.
static SLOTS: LazyLock<Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    Semaphore::new(cores.clamp(1, 8))
});

/// A request that cannot get a slot this soon is told to come back rather than pile up.
const WAIT_AT_MOST: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("every password slot stayed busy for {WAIT_AT_MOST:?}")]
    Busy,
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

impl From<HashError> for AppError {
    fn from(error: HashError) -> Self {
        match error {
            HashError::Busy => AppError::Unavailable(
                "Herald is busy checking other passwords. Try again in a few seconds.".into(),
            ),
            HashError::Failed(error) => AppError::unexpected(error),
        }
    }
}

/// Compared against when the email is unknown, so the answer takes as long either way and
/// timing does not reveal which emails have accounts.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    hash_blocking(&SecretString::from("a password nobody has")).expect("hashing a constant works")
});

fn hash_blocking(password: &SecretString) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let hash = hasher()
        .hash_password(password.expose_secret().as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("could not hash the password")?;
    Ok(hash.to_string())
}

/// Runs `work` on the blocking pool once a slot is free.
async fn in_a_slot<T: Send + 'static>(
    work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
) -> Result<T, HashError> {
    let _slot = tokio::time::timeout(WAIT_AT_MOST, SLOTS.acquire())
        .await
        .map_err(|_| HashError::Busy)?
        .context("the password slots were closed")?;
    let result = tokio::task::spawn_blocking(move || {
        let _running = running::Running::start();
        work()
    })
    .await
    .context("the hashing task panicked")?;
    Ok(result?)
}

pub async fn hash(password: SecretString) -> Result<String, HashError> {
    in_a_slot(move || hash_blocking(&password)).await
}

/// Checks a password against a stored hash; `None` (an unknown email) is checked against a
/// dummy hash and always fails.
pub async fn verify(password: SecretString, stored: Option<String>) -> Result<bool, HashError> {
    in_a_slot(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let parsed = PasswordHash::new(&stored)
            .map_err(|e| anyhow::anyhow!("{e}"))
            .context("a stored password hash is malformed")?;
        let matches = hasher()
            .verify_password(password.expose_secret().as_bytes(), &parsed)
            .is_ok();
        Ok(known && matches)
    })
    .await
}

/// How many hashes run at this moment, and the most seen (for the tests).
mod running {
    use std::sync::atomic::{AtomicUsize, Ordering};

    static NOW: AtomicUsize = AtomicUsize::new(0);
    pub static PEAK: AtomicUsize = AtomicUsize::new(0);

    pub struct Running;

    impl Running {
        pub fn start() -> Self {
            let now = NOW.fetch_add(1, Ordering::SeqCst) + 1;
            PEAK.fetch_max(now, Ordering::SeqCst);
            Self
        }
    }

    impl Drop for Running {
        fn drop(&mut self) {
            NOW.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering;

    #[tokio::test]
    async fn hashes_verify_and_reject() {
        let stored = hash(SecretString::from("correct horse battery")).await.unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{stored}");
        assert!(
            verify(SecretString::from("correct horse battery"), Some(stored.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify(SecretString::from("wrong horse battery"), Some(stored))
                .await
                .unwrap()
        );
        assert!(
            !verify(SecretString::from("a password nobody has"), None)
                .await
                .unwrap()
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_more_hashes_run_at_once_than_there_are_slots() {
        let hashes = (0..24).map(|n| tokio::spawn(hash(SecretString::from(format!("password {n}")))));
        for done in futures::future::join_all(hashes).await {
            done.unwrap().unwrap();
        }
        let peak = running::PEAK.load(Ordering::SeqCst);
        let slots = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(1, 8);
        println!("24 hashes at once: at most {peak} ran together ({slots} slots)");
        assert!(peak <= slots, "{peak} > {slots}");
        assert!(peak >= 1);
    }
}
