//! Settings: built-in defaults, then an optional TOML file, then `HERALD_*` environment
//! variables (`HERALD_DATABASE__URL` sets `database.url`).
use crate::domain::platform::Platform;
use crate::domain::publish::{RateLimit, RetryPolicy};
use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

const DEFAULTS: &str = include_str!("config_defaults.toml");
/// Read when present and no other file is named.
pub const DEFAULT_FILE: &str = "herald.toml";

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub log_format: LogFormat,
    pub log_filter: String,
    pub environment: Environment,
    pub data_dir: PathBuf,
    #[serde(default)]
    pub secrets: SecretSettings,
    pub database: DatabaseSettings,
    pub server: ServerSettings,
    pub auth: AuthSettings,
    pub publishing: PublishSettings,
    pub networks: Endpoints,
    pub oauth: OAuthSettings,
    pub outbound: OutboundSettings,
    pub media: MediaSettings,
    #[serde(default)]
    pub smtp: SmtpSettings,
    #[serde(default)]
    pub monitoring: MonitoringSettings,
}

/// Who may read `/metrics` and the details of `/healthz` (see `web::monitoring`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MonitoringSettings {
    /// Opens both to requests with `Authorization: Bearer <token>`.
    pub token: Option<SecretString>,
    /// Opens both to anyone who can reach Herald (on a private network).
    pub public: bool,
}

/// Notification mail. Without `url`, Herald sends none (notifications stay in the app).
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct SmtpSettings {
    /// `smtps://user:password@host:465` or `smtp://host:587?tls=required`; may carry a password.
    pub url: Option<SecretString>,
    pub from: String,
}

impl Default for SmtpSettings {
    fn default() -> Self {
        Self {
            url: None,
            from: "Herald <herald@localhost>".into(),
        }
    }
}

/// Where Herald may send requests that people's settings point it to.
#[derive(Debug, Clone, Deserialize)]
pub struct OutboundSettings {
    /// Hosts, IP addresses or CIDR ranges on private networks that may be called anyway.
    pub allow_private: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MediaSettings {
    pub max_image_bytes: usize,
    /// What one workspace's images may take on disk in all.
    pub workspace_quota_bytes: i64,
    /// An image attached to no post is removed this long after its upload.
    pub unattached_keep_hours: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SecretSettings {
    /// 32 bytes, base64: the AES-256-GCM key for account credentials.
    pub key: Option<SecretString>,
    /// A file holding the key, when `key` is not set (the container keeps it in its volume).
    #[serde(default)]
    pub key_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    /// May carry a password, hence secret.
    pub url: SecretString,
    pub max_connections: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    pub host: String,
    pub port: u16,
    /// The address people use to reach Herald; invite links are built from it, and an
    /// `https` address turns on Secure cookies.
    pub base_url: String,
    /// Take the client address from X-Forwarded-For, trusting whatever connects (one proxy
    /// in front, and nothing else can reach Herald). Prefer `trusted_proxies`.
    pub trust_proxy_headers: bool,
    /// Addresses or ranges of the reverse proxies in front of Herald: X-Forwarded-For is read
    /// only from them, right to left, past every listed hop, to the first address not listed.
    #[serde(default)]
    pub trusted_proxies: Vec<String>,
    /// Requests with a larger body are refused (413) before they are read.
    pub max_body_bytes: usize,
}

/// The publishing engine (see `server::publish`).
#[derive(Debug, Clone, Deserialize)]
pub struct PublishSettings {
    /// Run publish workers inside `herald serve` (`--no-workers` turns them off).
    pub workers: bool,
    /// Targets published at once by one process.
    pub concurrency: usize,
    /// How often an idle worker looks for due tasks.
    pub poll_interval_ms: u64,
    /// A claim not renewed for this long belongs to a dead worker.
    pub lease_seconds: u64,
    pub sweep_interval_seconds: u64,
    /// A post due longer ago than this (Herald was down) waits for a person.
    pub missed_after_minutes: u64,
    /// Waits before each retry of a transient failure; then the target fails.
    pub retry_delays_seconds: Vec<u64>,
    /// Each wait varies by up to this fraction either way.
    pub retry_jitter: f64,
    /// The longest Retry-After a network may ask for before we give up.
    pub max_retry_after_seconds: u64,
    /// /healthz turns unhealthy when the oldest due, unclaimed target is older than this.
    pub max_queue_lag_seconds: u64,
    /// Database connections of the publish engine (its own pool).
    pub pool_size: u32,
    /// Most claims (or outcomes) written in one transaction.
    pub batch_max: usize,
    /// Batches of one kind in flight at once.
    pub batches_in_flight: usize,
    /// Publishes per account a network accepts, by network (`mastodon`, `bluesky`, …).
    #[serde(default)]
    pub rate_limits: HashMap<String, RateLimit>,
}

impl PublishSettings {
    pub fn poll_interval(&self) -> Duration {
        Duration::from_millis(self.poll_interval_ms.max(1))
    }

    pub fn lease(&self) -> Duration {
        Duration::from_secs(self.lease_seconds.max(4))
    }

    pub fn sweep_interval(&self) -> Duration {
        Duration::from_secs(self.sweep_interval_seconds.max(1))
    }

    pub fn missed_after(&self) -> Duration {
        Duration::from_secs(self.missed_after_minutes.saturating_mul(60))
    }

    pub fn retry_policy(&self) -> RetryPolicy {
        RetryPolicy {
            delays: self
                .retry_delays_seconds
                .iter()
                .copied()
                .map(Duration::from_secs)
                .collect(),
            jitter: self.retry_jitter,
            max_retry_after: Duration::from_secs(self.max_retry_after_seconds),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct AuthSettings {
    pub allow_signup: bool,
    pub session_idle_days: i64,
    pub invite_valid_days: i64,
    pub throttle_window_seconds: i64,
    pub max_failed_signins_per_email: i64,
    pub max_failed_signins_per_ip: i64,
    /// Accounts created (sign-ups and accepted invites) per client address in the window.
    pub max_new_accounts_per_ip: i64,
    pub new_account_window_seconds: i64,
}

impl ServerSettings {
    pub fn secure_cookies(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    pub fn base_url(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }
}

impl DatabaseSettings {
    pub fn connect_options(&self) -> anyhow::Result<sqlx::postgres::PgConnectOptions> {
        self.url
            .expose_secret()
            .parse()
            .context("database.url (HERALD_DATABASE__URL) is not a valid postgres:// URL")
    }
}

impl Settings {
    /// Loads settings; `file` is an explicit config file, which must then exist.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Self> {
        let mut builder =
            config::Config::builder().add_source(config::File::from_str(DEFAULTS, config::FileFormat::Toml));
        builder = match file {
            Some(path) => builder.add_source(config::File::from(path).required(true)),
            None => builder.add_source(config::File::with_name(DEFAULT_FILE).required(false)),
        };
        let settings = builder
            .add_source(
                config::Environment::with_prefix("HERALD")
                    .prefix_separator("_")
                    .separator("__")
                    .try_parsing(true)
                    .list_separator(",")
                    .with_list_parse_key("outbound.allow_private")
                    .with_list_parse_key("server.trusted_proxies"),
            )
            .build()
            .context("could not read the configuration")?
            .try_deserialize::<Settings>()
            .context("the configuration is invalid")?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> anyhow::Result<()> {
        anyhow::ensure!(
            self.server.base_url.starts_with("http://") || self.server.base_url.starts_with("https://"),
            "server.base_url (HERALD_SERVER__BASE_URL) must start with http:// or https://"
        );
        anyhow::ensure!(
            self.auth.session_idle_days > 0,
            "auth.session_idle_days must be positive"
        );
        anyhow::ensure!(
            self.auth.invite_valid_days > 0,
            "auth.invite_valid_days must be positive"
        );
        for (network, limit) in &self.publishing.rate_limits {
            anyhow::ensure!(
                network.parse::<Platform>().is_ok(),
                "publishing.rate_limits: {network} is not a network Herald knows"
            );
            anyhow::ensure!(
                limit.requests > 0 && limit.per_seconds > 0,
                "publishing.rate_limits.{network}: requests and per_seconds must be positive"
            );
        }
        anyhow::ensure!(
            self.auth.max_new_accounts_per_ip > 0 && self.auth.new_account_window_seconds > 0,
            "auth.max_new_accounts_per_ip and auth.new_account_window_seconds must be positive"
        );
        anyhow::ensure!(
            self.media.workspace_quota_bytes > 0 && self.media.unattached_keep_hours > 0,
            "media.workspace_quota_bytes and media.unattached_keep_hours must be positive"
        );
        self.database.connect_options()?;
        Ok(())
    }
}

/// Connecting accounts by signing in to the network, and keeping their tokens alive.
#[derive(Debug, Clone, Deserialize)]
pub struct OAuthSettings {
    /// How long a person has to finish signing in.
    pub flow_minutes: i64,
    /// How long a Mastodon server may take to answer while a person waits to connect.
    pub probe_timeout_ms: u64,
    /// Tokens are renewed this long before they run out.
    pub refresh_ahead_seconds: i64,
    /// How often the worker looks for tokens to renew.
    pub refresh_every_seconds: u64,
    pub x_authorize_url: String,
    pub x_token_url: String,
    pub linkedin_authorize_url: String,
    pub linkedin_token_url: String,
    pub threads_authorize_url: String,
    pub threads_token_url: String,
    /// Facebook Login, for Facebook Pages and Instagram alike.
    pub facebook_authorize_url: String,
    pub facebook_token_url: String,
}

impl OAuthSettings {
    pub fn probe_timeout(&self) -> Duration {
        Duration::from_millis(self.probe_timeout_ms)
    }
}

/// Where the networks with a fixed address live; tests point these at local fakes.
#[derive(Debug, Clone, Deserialize)]
pub struct Endpoints {
    pub bluesky_pds: String,
    pub telegram_api: String,
    pub linkedin_api: String,
    pub x_api: String,
    pub threads_api: String,
    pub facebook_graph: String,
}

impl Endpoints {
    pub fn all(&self) -> [&str; 6] {
        [
            &self.bluesky_pds,
            &self.telegram_api,
            &self.linkedin_api,
            &self.x_api,
            &self.threads_api,
            &self.facebook_graph,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_load_and_hide_the_database_url() {
        let settings = Settings::load(None).unwrap();
        assert_eq!(settings.server.port, 3000);
        assert!(!settings.server.secure_cookies());
        let printed = format!("{settings:?}");
        assert!(!printed.contains("postgres://"), "{printed}");
    }

    /// A network without a limit would let one workspace post without bound through it.
    #[test]
    fn every_network_has_a_default_posting_limit() {
        let limits = Settings::load(None).unwrap().publishing.rate_limits;
        for platform in Platform::ALL {
            assert!(
                limits.contains_key(platform.as_str()),
                "{platform:?} has no default limit"
            );
        }
    }
}
