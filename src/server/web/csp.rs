//! Content Security Policy. Pages may run only our own scripts, the inline hydration script
//! carrying this response's nonce, and our WebAssembly; no one may frame them.
use axum::http::HeaderValue;
use axum::http::header::CONTENT_SECURITY_POLICY;
use axum::http::request::Parts;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

/// For responses that are not pages (JSON, images, scripts): allows nothing.
pub const NOTHING: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// The policy of a page whose inline scripts carry `nonce`. Styles allow inline attributes,
/// which the components set (`style:` bindings); scripts do not.
pub fn for_page(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
         font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Called while Leptos renders a page: leptos_axum made a nonce for this response and put
/// it on the hydration script; the header names it. Server functions run the same context,
/// in an owner whose parent may be a page still rendering, so they can see its nonce: the
/// request's own path tells them apart.
pub fn set_for_this_page() {
    let is_page = use_context::<Parts>().is_some_and(|request| !request.uri.path().starts_with("/api/"));
    let (true, Some(nonce), Some(response)) = (
        is_page,
        leptos::nonce::use_nonce(),
        use_context::<ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&for_page(&nonce)) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_allows_its_nonce_and_wasm_and_no_framing() {
        let policy = for_page("abc123");
        assert!(policy.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'"));
        assert!(policy.contains("frame-ancestors 'none'"));
        let scripts = policy
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert!(!scripts.contains("unsafe-inline"), "{scripts}");
        assert!(HeaderValue::from_str(&policy).is_ok());
    }
}
