//! Who may read `/metrics` and the details of `/healthz`: queue depths, error text and counts
//! tell an outsider how busy Herald is and what fails. The holder of `monitoring.token` (a
//! bearer token), or anyone when `monitoring.public` is set; `/healthz`'s status stays open to
//! load balancers.
use crate::server::config::MonitoringSettings;
use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};

pub fn may_read(settings: &MonitoringSettings, headers: &HeaderMap) -> bool {
    if settings.public {
        return true;
    }
    let Some(token) = settings
        .token
        .as_ref()
        .map(|token| token.expose_secret().trim())
        .filter(|token| !token.is_empty())
    else {
        return false;
    };
    let given = headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim);
    // Digests compared, so the time taken says nothing about how much of the token was right.
    given.is_some_and(|given| Sha256::digest(given) == Sha256::digest(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(token: Option<&str>, public: bool) -> MonitoringSettings {
        MonitoringSettings {
            token: token.map(|t| t.to_owned().into()),
            public,
        }
    }

    fn bearer(token: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, format!("Bearer {token}").parse().unwrap());
        headers
    }

    #[test]
    fn only_the_token_or_a_public_setting_opens_the_details() {
        assert!(may_read(&settings(Some("s3cret"), false), &bearer("s3cret")));
        assert!(!may_read(&settings(Some("s3cret"), false), &bearer("s3cre")));
        assert!(!may_read(&settings(Some("s3cret"), false), &HeaderMap::new()));
        // No token set: nobody, not even with an empty bearer.
        assert!(!may_read(&settings(None, false), &bearer("")));
        assert!(!may_read(&settings(Some(" "), false), &bearer("")));
        assert!(may_read(&settings(None, true), &HeaderMap::new()));
    }
}
