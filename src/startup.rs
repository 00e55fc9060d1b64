use crate::app::{App, shell};
use crate::server::auth::session::COOKIE_NAME;
use crate::server::auth::session_store::PgSessionStore;
use crate::server::config::Settings;
use crate::server::state::AppState;
use crate::server::{health, images, metrics, plan, publish, web};
use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::middleware::from_fn_with_state;
use axum::routing::{MethodRouter, get};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use sqlx::PgPool;
use std::future::Future;
use std::net::SocketAddr;
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// The web application, bound to its port and ready to serve.
pub struct Application {
    listener: TcpListener,
    router: Router,
    port: u16,
    state: AppState,
}

impl Application {
    /// Binds `server.host:server.port` (port 0 picks a free port, as the tests do).
    pub async fn build(
        settings: Settings,
        pool: PgPool,
        leptos_options: LeptosOptions,
    ) -> anyhow::Result<Self> {
        let address = format!("{}:{}", settings.server.host, settings.server.port);
        let listener = TcpListener::bind(&address).await.map_err(|error| {
            let advice = match error.kind() {
                std::io::ErrorKind::AddrInUse => {
                    " because another program is using that port: stop it, or choose another port with HERALD_SERVER__PORT (in a container, publish another host port: -p 3001:3000)"
                }
                std::io::ErrorKind::PermissionDenied => " because ports below 1024 need privileges: choose a port above 1024 with HERALD_SERVER__PORT",
                _ => "",
            };
            anyhow::Error::new(error).context(format!("could not listen on {address}{advice}"))
        })?;
        let port = listener.local_addr()?.port();
        // The task queue's schema, also for databases migrated without `herald migrate`. The
        // web app starts (and /healthz reports) even while the database is down.
        if let Err(error) = crate::server::db::setup_task_queue(&pool).await {
            tracing::warn!(error = format!("{error:#}"), "the task queue is not ready yet");
        }
        let state = AppState::new(settings, pool, leptos_options)?;
        crate::server::accounts::refuse_wrong_key(&state.pool, &state.cipher).await?;
        metrics::handle();
        crate::server::housekeeping::spawn(&state);
        crate::server::mail::spawn(&state);
        Ok(Self {
            listener,
            router: router(state.clone()),
            port,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves (and, unless `publishing.workers` is off, publishes) until `shutdown`; then
    /// finishes in-flight requests and publishes before returning.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            shutdown.await;
            let _ = stop.send(true);
        });
        let workers = self.state.settings.publishing.workers.then(|| {
            let mut stopped = stopped.clone();
            let planning = tokio::spawn(plan::job::run_every(self.state.clone()));
            let until_stopped = async move {
                let _ = stopped.wait_for(|stop| *stop).await;
            };
            publish::start(self.state.clone(), until_stopped, vec![planning])
        });
        let mut stopped = stopped;
        let served = axum::serve(
            self.listener,
            self.router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        })
        .await;
        if let Some(workers) = workers {
            let _ = workers.handle.await;
        }
        served
    }
}

/// A route of ours beside the Leptos pages and server functions.
pub struct PlainRoute {
    /// As axum spells it (`/media/{id}`).
    pub path: &'static str,
    /// Set by the constructor that also wraps the handler, so the two cannot disagree.
    pub method: Method,
    handler: MethodRouter<AppState>,
}

impl PlainRoute {
    fn get<H, T>(path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        Self {
            path,
            method: Method::GET,
            handler: get(handler),
        }
    }
}

/// The router is built from this list alone, so the isolation test, which reads it too, sees
/// every route (axum's `Router` cannot list its own).
pub fn plain_routes() -> Vec<PlainRoute> {
    vec![
        PlainRoute::get("/healthz", health::healthz),
        PlainRoute::get("/metrics", metrics::serve),
        PlainRoute::get("/media/{id}", images::serve::serve),
        PlainRoute::get("/audit.csv", web::audit_csv::export),
        PlainRoute::get(
            crate::server::oauth::CALLBACK_PATH,
            crate::server::sign_in::callback,
        ),
    ]
}

fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let settings = &state.settings;
    let sessions = SessionManagerLayer::new(PgSessionStore::new(state.pool.clone()))
        .with_name(COOKIE_NAME)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(settings.server.secure_cookies())
        .with_expiry(Expiry::OnInactivity(time::Duration::days(
            settings.auth.session_idle_days,
        )));
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            web::csp::set_for_this_page();
        }
    };
    let page_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let plain = plain_routes().into_iter().fold(Router::new(), |router, route| {
        router.route(route.path, route.handler)
    });
    plain
        .leptos_routes_with_context(&state, routes, context.clone(), page_shell.clone())
        .fallback_service(web::site_files::serve(
            &state.leptos_options.site_root,
            leptos_axum::render_app_to_stream_with_context(context, page_shell),
        ))
        .layer(axum::middleware::from_fn(
            web::error_status::server_fn_error_status,
        ))
        .layer(sessions)
        .layer(from_fn_with_state(state.clone(), web::body_limit::limit))
        .layer(from_fn_with_state(state.clone(), web::csrf::same_origin_writes))
        .layer(axum::middleware::from_fn(web::headers::secure))
        .layer(TraceLayer::new_for_http().make_span_with(web::request_log::span::<axum::body::Body>))
        .with_state(state)
}
