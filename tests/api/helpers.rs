use crate::calls::{Answer, signing_up};
use herald::api::auth::{SessionState, Viewer};
use herald::api::team::InviteDelivery;
use herald::cli::leptos_options;
use herald::domain::role::Role;
use herald::server::config::Settings;
use herald::startup::Application;
use leptos::config::LeptosOptions;
use reqwest::cookie::{CookieStore, Jar};
use sqlx::PgPool;
use std::sync::{Arc, Once};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub const PASSWORD: &str = "correct horse battery";
/// Opens /metrics and the details of /healthz in every test app.
pub const MONITORING_TOKEN: &str = "monitoring-token";

pub struct TestApp {
    pub address: String,
    pub pool: PgPool,
    /// What the app runs with (its key opens the credentials it stored).
    pub settings: Settings,
    stop: Option<oneshot::Sender<()>>,
    server: JoinHandle<()>,
}

/// One person's browser: an HTTP client with its own cookie jar.
#[derive(Clone)]
pub struct Browser {
    pub client: reqwest::Client,
    jar: Arc<Jar>,
}

pub fn init_tracing() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if std::env::var("TEST_LOG").is_ok() {
            herald::server::telemetry::init(herald::server::config::LogFormat::Pretty, "info");
        }
    });
}

pub async fn spawn_app(pool: PgPool) -> TestApp {
    spawn_app_with(pool, |_| {}).await
}

pub async fn spawn_app_with(pool: PgPool, configure: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_app_serving(pool, configure, leptos_options().unwrap()).await
}

/// An app whose bundle and public files come from `leptos.site_root`.
pub async fn spawn_app_serving(
    pool: PgPool,
    configure: impl FnOnce(&mut Settings),
    leptos: LeptosOptions,
) -> TestApp {
    init_tracing();
    let mut settings = Settings::load(None).expect("default settings load");
    settings.server.port = 0;
    // Each app its own key and files, so tests never share (or race for) them.
    settings.data_dir = std::env::temp_dir().join(format!("herald-test-{}", uuid::Uuid::new_v4()));
    settings.secrets.key =
        Some(base64::Engine::encode(&base64::engine::general_purpose::STANDARD, rand_key()).into());
    // Tests that publish turn workers on (or drive the handler themselves).
    settings.publishing.workers = false;
    // The fake networks listen on loopback, which Herald refuses unless allowed.
    settings.outbound.allow_private = vec!["127.0.0.1".into()];
    // Every test's people come from 127.0.0.1; tests of the limit set their own.
    settings.auth.max_new_accounts_per_ip = 10_000;
    settings.monitoring.token = Some(MONITORING_TOKEN.to_owned().into());
    configure(&mut settings);
    let application = Application::build(settings.clone(), pool.clone(), leptos)
        .await
        .expect("the app builds");
    let address = format!("http://127.0.0.1:{}", application.port());
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        application
            .run_until(async {
                stopped.await.ok();
            })
            .await
            .expect("the server runs");
    });
    TestApp {
        address,
        pool,
        settings,
        stop: Some(stop),
        server,
    }
}

impl TestApp {
    pub fn browser(&self) -> Browser {
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Browser { client, jar }
    }

    /// A browser that keeps no cookies: whatever it calls, it stays signed out.
    pub fn cookieless_browser(&self) -> Browser {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Browser {
            client,
            jar: Arc::default(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Loads a page the way a browser does (it asks for HTML, which makes redirects real 302s).
    pub async fn page(&self, browser: &Browser, path: &str) -> reqwest::Response {
        browser
            .client
            .get(self.url(path))
            .header("accept", "text/html,application/xhtml+xml")
            .send()
            .await
            .expect("the request is sent")
    }

    /// Comes back from a network's sign-in page as `who`'s browser would; where Herald sends it next.
    pub async fn come_back(&self, who: &Browser, query: &[(&str, &str)]) -> String {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(query)
            .finish();
        let answer = self.page(who, &format!("/oauth/callback?{query}")).await;
        assert_eq!(answer.status().as_u16(), 303, "the callback redirects");
        answer.headers()["location"].to_str().unwrap().to_owned()
    }

    pub async fn viewer(&self, browser: &Browser) -> Viewer {
        match self.session(browser).await {
            SessionState::SignedIn(viewer) => viewer,
            other => panic!("expected to be signed in, got {other:?}"),
        }
    }

    /// Signs up a new owner with their own workspace and returns their browser.
    pub async fn owner(&self, email: &str, workspace: &str) -> Browser {
        let browser = self.browser();
        self.sign_up(&browser, &signing_up("Olive Owner", email, workspace))
            .await
            .ok();
        browser
    }

    /// Invites `email` with `role` from `admin`'s workspace, accepts the invite and signs in.
    pub async fn member(&self, admin: &Browser, email: &str, role: Role) -> Browser {
        let link = self.invite(admin, email, role).await;
        self.accept_invite(&self.browser(), token_of(&link), "Mel Member", PASSWORD)
            .await
            .ok();
        let browser = self.browser();
        self.sign_in(&browser, email, PASSWORD).await.ok();
        browser
    }

    /// The invite link, as the inviter gets it when no mail server is set up.
    pub async fn invite(&self, admin: &Browser, email: &str, role: Role) -> String {
        let result = self.invite_member(admin, email, role).await.ok();
        match result.delivery {
            InviteDelivery::Link(link) => link,
            other => panic!("without mail, the inviter gets the link; got {other:?}"),
        }
    }

    /// The signed-in `browser` accepts the invite behind `link`.
    pub async fn join(&self, browser: &Browser, link: &str) -> Answer<()> {
        self.join_workspace(browser, token_of(link)).await
    }

    /// `/metrics` or `/healthz` as the monitoring system asks: with the bearer token.
    pub async fn monitor(&self, path: &str) -> reqwest::Response {
        reqwest::Client::new()
            .get(self.url(path))
            .bearer_auth(MONITORING_TOKEN)
            .send()
            .await
            .unwrap()
    }

    /// The publishing engine over this app's database and key, to run tasks step by step.
    pub fn engine(&self) -> Arc<herald::server::publish::engine::Engine> {
        let state = herald::server::state::AppState::new(
            self.settings.clone(),
            self.pool.clone(),
            leptos_options().unwrap(),
        )
        .unwrap();
        herald::server::publish::engine::Engine::new(state)
    }

    /// Stops the server (open connections finish first).
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.server).await;
    }
}

/// A test that ends without `stop()` still stops the server and its workers, so the test
/// database's pool can close.
impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl Browser {
    /// The value of the session cookie this browser holds for `address`, if any.
    pub fn session_cookie(&self, address: &str) -> Option<String> {
        let header = self.jar.cookies(&address.parse().unwrap())?;
        header
            .to_str()
            .unwrap()
            .split(';')
            .map(str::trim)
            .find_map(|pair| pair.strip_prefix("herald_session=").map(str::to_owned))
    }

    pub fn set_session_cookie(&self, address: &str, value: &str) {
        self.jar.add_cookie_str(
            &format!("herald_session={value}; Path=/"),
            &address.parse().unwrap(),
        );
    }
}

fn rand_key() -> [u8; 32] {
    let mut key = [0u8; 32];
    key[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    key[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    key
}

/// The token at the end of an invite link.
pub fn token_of(link: &str) -> &str {
    link.rsplit('/').next().unwrap()
}

/// The status and the user-facing message of a refused request made by hand.
pub async fn error(response: reqwest::Response) -> (u16, String) {
    Answer::<()>::read(response).await.refused()
}
