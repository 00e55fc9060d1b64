//! The bundle and public files, else the not-found page. Files are served here, not by
//! leptos_axum's file handler: that one runs the page context in a child of whatever
//! reactive owner the thread last held, so a file fetched while a page rendered took the
//! page's headers, its Content Security Policy among them, and the page went out without it.
use crate::app::shell;
use crate::server::state::AppState;
use axum::extract::Request;
use axum::handler::Handler;
use axum::response::IntoResponse;
use std::convert::Infallible;
use tower::Service;
use tower_http::services::ServeDir;

/// `context` is the one the page routes get; the not-found page is rendered with it.
pub fn serve(
    state: &AppState,
    context: impl Fn() + Clone + Send + Sync + 'static,
) -> impl Service<Request, Response: IntoResponse, Error = Infallible, Future: Send> + Clone + Send + Sync + 'static
{
    let not_found = leptos_axum::file_and_error_handler_with_context::<AppState, _>(context, shell)
        .with_state(state.clone());
    ServeDir::new(&*state.leptos_options.site_root)
        .precompressed_gzip()
        .precompressed_br()
        .append_index_html_on_directories(false)
        .call_fallback_on_method_not_allowed(true)
        .fallback(not_found)
}
