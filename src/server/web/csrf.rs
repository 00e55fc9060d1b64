//! Cross-site request forgery: a state-changing request from a browser must come from a page
//! of this site. Browsers say where a request comes from (Sec-Fetch-Site, Origin, Referer);
//! a request that says nothing is not from a browser, so it cannot ride on a victim's cookie
//! (which is also SameSite=Lax).
use crate::error::AppError;
use crate::server::state::AppState;
use axum::extract::{Request, State};
use axum::http::header::{HOST, ORIGIN, REFERER};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

const REFUSED: &str =
    "This request came from another site, so Herald refused it. Reload the page and try again.";

pub async fn same_origin_writes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || comes_from_this_site(request.headers(), state.settings.server.base_url()) {
        return next.run(request).await;
    }
    tracing::warn!(path = request.uri().path(), "refused a cross-site request");
    super::refuse(
        request.uri().path(),
        StatusCode::FORBIDDEN,
        AppError::Forbidden(REFUSED.into()),
    )
}

/// True unless the browser said the request comes from elsewhere.
pub fn comes_from_this_site(headers: &HeaderMap, base_url: &str) -> bool {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site")
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    let source = match (header(ORIGIN.as_str()), header(REFERER.as_str())) {
        (Some(origin), _) => origin,
        (None, Some(referer)) => referer,
        (None, None) => return true,
    };
    let Ok(source) = url::Url::parse(source) else {
        return false; // includes the opaque "null" origin
    };
    let Ok(ours) = url::Url::parse(base_url) else {
        return false;
    };
    let same_as_base = ours.origin() == source.origin();
    // Whatever address the browser used to reach us (a test's port, a LAN name) — but not a
    // page served over plain http when we are served over https: anyone on the network path
    // can write that page.
    let scheme_as_strong = source.scheme() == ours.scheme() || source.scheme() == "https";
    let same_as_host =
        scheme_as_strong && header(HOST.as_str()).is_some_and(|host| authority(&source) == host);
    same_as_base || same_as_host
}

fn authority(url: &url::Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    const BASE: &str = "https://herald.example.com";

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn a_request_from_our_own_pages_passes() {
        assert!(comes_from_this_site(&headers(&[("origin", BASE)]), BASE));
        // Another address of ours, as strongly protected as the base address.
        assert!(comes_from_this_site(
            &headers(&[("origin", "https://10.0.0.5:4100"), ("host", "10.0.0.5:4100")]),
            BASE
        ));
        assert!(comes_from_this_site(
            &headers(&[("origin", "http://127.0.0.1:4100"), ("host", "127.0.0.1:4100")]),
            "http://127.0.0.1:3000"
        ));
        assert!(comes_from_this_site(
            &headers(&[("referer", "https://herald.example.com/compose?post=1")]),
            BASE
        ));
        assert!(comes_from_this_site(
            &headers(&[("sec-fetch-site", "same-origin"), ("origin", BASE)]),
            BASE
        ));
    }

    #[test]
    fn a_request_from_another_site_is_refused() {
        assert!(!comes_from_this_site(
            &headers(&[("origin", "https://evil.example")]),
            BASE
        ));
        assert!(!comes_from_this_site(&headers(&[("origin", "null")]), BASE));
        assert!(!comes_from_this_site(
            &headers(&[("referer", "https://evil.example/x")]),
            BASE
        ));
        // Same host name, other scheme or port: another origin.
        assert!(!comes_from_this_site(
            &headers(&[("origin", "http://herald.example.com")]),
            BASE
        ));
        assert!(!comes_from_this_site(
            &headers(&[("origin", "http://127.0.0.1:9999"), ("host", "127.0.0.1:4100")]),
            BASE
        ));
        // The same host over plain http, behind our https address: a page anyone on the
        // network path could have written.
        assert!(!comes_from_this_site(
            &headers(&[
                ("origin", "http://herald.example.com"),
                ("host", "herald.example.com")
            ]),
            BASE
        ));
        assert!(!comes_from_this_site(
            &headers(&[
                ("referer", "http://herald.example.com/x"),
                ("host", "herald.example.com")
            ]),
            BASE
        ));
        assert!(!comes_from_this_site(
            &headers(&[("sec-fetch-site", "cross-site")]),
            BASE
        ));
        assert!(!comes_from_this_site(
            &headers(&[("sec-fetch-site", "same-site"), ("origin", BASE)]),
            BASE
        ));
    }

    #[test]
    fn a_client_that_is_not_a_browser_says_nothing_and_passes() {
        assert!(comes_from_this_site(&HeaderMap::new(), BASE));
    }
}
