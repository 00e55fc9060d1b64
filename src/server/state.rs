use crate::server::client_ip::Proxies;
use crate::server::config::Settings;
use crate::server::crypto::Cipher;
use crate::server::outbound;
use crate::server::platforms::SessionCache;
use anyhow::Context;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::PgPool;
use std::sync::Arc;

/// Shared by every request: handed to axum handlers as `State` and to server functions
/// through Leptos context.
#[derive(Clone)]
pub struct AppState {
    pub pool: PgPool,
    pub settings: Arc<Settings>,
    pub leptos_options: LeptosOptions,
    /// Seals and opens account credentials.
    pub cipher: Cipher,
    /// For calls to the networks.
    pub http: reqwest::Client,
    /// Network sessions reused between publishes.
    pub sessions: Arc<SessionCache>,
    /// Refuses addresses people typed that point into private networks.
    pub outbound: Arc<outbound::Guard>,
    /// The reverse proxies whose X-Forwarded-For is believed.
    pub proxies: Arc<Proxies>,
}

impl AppState {
    pub fn new(settings: Settings, pool: PgPool, leptos_options: LeptosOptions) -> anyhow::Result<Self> {
        let cipher = Cipher::from_settings(&settings)?;
        let guard = outbound::Guard::from_settings(&settings)
            .context("outbound.allow_private (HERALD_OUTBOUND__ALLOW_PRIVATE)")?;
        let http = outbound::client(&settings, guard.allow_list())?;
        let proxies = Proxies::parse(&settings.server)
            .context("server.trusted_proxies (HERALD_SERVER__TRUSTED_PROXIES)")?;
        Ok(Self {
            pool,
            settings: Arc::new(settings),
            leptos_options,
            cipher,
            http,
            sessions: Arc::default(),
            outbound: Arc::new(guard),
            proxies: Arc::new(proxies),
        })
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
