//! A browser that has signed in as someone before carries a signed "device" cookie for them.
//! The per-email lock on failed sign-ins holds back everyone else, but not that browser: an
//! attacker guessing a password cannot lock its owner out (OWASP's "device cookies"). A known
//! browser has a failure budget of its own instead.
use super::guard::RequestContext;
use crate::server::crypto::Cipher;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::HeaderMap;
use tower_sessions::cookie::{Cookie, SameSite};

pub const COOKIE_NAME: &str = "herald_device";
const MAX_AGE_DAYS: i64 = 365;

/// A known browser's id, checked against the email being signed in to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device(String);

impl Device {
    pub fn id(&self) -> &str {
        &self.0
    }
}

fn message(email: &str, id: &str) -> String {
    format!("device:{}:{id}", email.to_lowercase())
}

/// The browser's device id, when its cookie was signed by this server for `email`.
pub fn recognise(cipher: &Cipher, headers: &HeaderMap, email: &str) -> Option<Device> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .filter(|cookie| cookie.name() == COOKIE_NAME)
        .find_map(|cookie| {
            let (id, signature) = cookie.value().split_once('.')?;
            cipher
                .verify_link(&message(email, id), signature)
                .then(|| Device(id.to_owned()))
        })
}

/// A `Set-Cookie` value marking this browser as known for `email` (keeping its id if it had one).
pub fn cookie_for(cipher: &Cipher, email: &str, known: Option<&Device>, secure: bool) -> String {
    let id = known.map(|d| d.0.clone()).unwrap_or_else(|| {
        let mut bytes = [0u8; 16];
        OsRng.fill_bytes(&mut bytes);
        URL_SAFE_NO_PAD.encode(bytes)
    });
    let signature = cipher.sign_link(&message(email, &id));
    Cookie::build((COOKIE_NAME, format!("{id}.{signature}")))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(time::Duration::days(MAX_AGE_DAYS))
        .build()
        .to_string()
}

/// Marks the requesting browser as known for `email` (after a right password or a new
/// account), on the response being built.
pub fn remember(request: &RequestContext, email: &str, known: Option<&Device>) {
    let state = &request.state;
    let cookie = cookie_for(
        &state.cipher,
        email,
        known,
        state.settings.server.secure_cookies(),
    );
    match (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        (Some(response), Ok(value)) => response.append_header(http::header::SET_COOKIE, value),
        _ => tracing::warn!("could not mark the browser as known"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn cipher() -> Cipher {
        Cipher::from_key(&[7u8; 32])
    }

    fn sent_back(set_cookie: &str) -> HeaderMap {
        let pair = set_cookie.split(';').next().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::COOKIE,
            HeaderValue::from_str(&format!("other=1; {pair}")).unwrap(),
        );
        headers
    }

    #[test]
    fn a_browser_is_known_only_for_the_email_it_signed_in_as() {
        let cipher = cipher();
        let set = cookie_for(&cipher, "Olive@example.com", None, true);
        assert!(set.contains("HttpOnly") && set.contains("Secure"), "{set}");
        let headers = sent_back(&set);
        let device = recognise(&cipher, &headers, "olive@example.com").expect("known");
        assert_eq!(recognise(&cipher, &headers, "mallory@example.com"), None);
        assert_eq!(
            recognise(&Cipher::from_key(&[8u8; 32]), &headers, "olive@example.com"),
            None
        );
        // Signing in again keeps the id.
        let again = cookie_for(&cipher, "olive@example.com", Some(&device), true);
        assert_eq!(
            recognise(&cipher, &sent_back(&again), "olive@example.com"),
            Some(device)
        );
    }

    #[test]
    fn a_forged_cookie_is_a_stranger() {
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::COOKIE,
            HeaderValue::from_static("herald_device=abc.00ff"),
        );
        assert_eq!(recognise(&cipher(), &headers, "olive@example.com"), None);
    }
}
