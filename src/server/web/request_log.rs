//! What the request log says of each request: its method and path, without the secrets some
//! addresses carry — an invite's token in `/invite/{token}`, a signed image link's signature,
//! a `next=/invite/{token}` — which are as good as a password to whoever reads the logs.
use axum::http::{Request, Uri};

/// The span every request is logged in (tower-http's `TraceLayer`).
pub fn span<B>(request: &Request<B>) -> tracing::Span {
    tracing::debug_span!(
        "request",
        method = %request.method(),
        uri = %loggable(request.uri()),
        version = ?request.version(),
    )
}

/// The path with secret segments hidden, and the query's names without their values.
pub fn loggable(uri: &Uri) -> String {
    let path = match uri.path().strip_prefix("/invite/") {
        Some(_) => "/invite/…",
        None => uri.path(),
    };
    match uri.query() {
        None => path.to_owned(),
        Some(query) => {
            let names: Vec<String> = url::form_urlencoded::parse(query.as_bytes())
                .map(|(name, _)| format!("{name}=…"))
                .collect();
            format!("{path}?{}", names.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn logged(uri: &str) -> String {
        loggable(&uri.parse().unwrap())
    }

    #[test]
    fn secrets_in_addresses_are_left_out() {
        assert_eq!(logged("/invite/abc123secret"), "/invite/…");
        assert_eq!(logged("/signin?next=/invite/abc123secret"), "/signin?next=…");
        assert_eq!(
            logged("/media/0196?expires=1700000000&signature=s1gnature"),
            "/media/0196?expires=…&signature=…"
        );
        assert_eq!(logged("/calendar"), "/calendar");
    }
}
