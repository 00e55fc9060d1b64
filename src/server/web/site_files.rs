//! The bundle and public files, else the not-found page. Files are served here, not by
//! leptos_axum's file handler: that one runs the page context in a child of whatever
//! reactive owner the thread last held, so a file fetched while a page rendered took the
//! page's headers, its Content Security Policy among them, and the page went out without it.
//! What is not a file (or not a GET of one) is rendered as a page, which routes to NotFound.
use axum::body::Body;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use std::future::Future;
use tower::{Service, service_fn};
use tower_http::services::ServeDir;

pub fn serve<Page>(
    site_root: &str,
    render_page: impl Fn(Request) -> Page + Clone + Send + Sync + 'static,
) -> impl Service<Request, Response: IntoResponse, Error = Infallible, Future: Send> + Clone + Send + Sync + 'static
where
    Page: Future<Output = Response<Body>> + Send + 'static,
{
    let not_found = service_fn(move |request| {
        let page = render_page(request);
        async move { Ok::<_, Infallible>(page.await) }
    });
    ServeDir::new(site_root)
        .precompressed_gzip()
        .precompressed_br()
        .append_index_html_on_directories(false)
        .call_fallback_on_method_not_allowed(true)
        .fallback(not_found)
}
