use axum::extract::ConnectInfo;
use http::request::Parts;
use std::net::SocketAddr;

/// The client's address: the peer of the TCP connection, or, behind a trusted reverse proxy,
/// the last address that proxy appended to X-Forwarded-For.
pub fn from_parts(parts: &Parts, trust_proxy_headers: bool) -> String {
    if trust_proxy_headers
        && let Some(forwarded) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.rsplit(',').next())
            .map(str::trim)
            .filter(|value| !value.is_empty())
    {
        return forwarded.to_owned();
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| address.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}
