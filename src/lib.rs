//! Herald: a self-hosted social media scheduler.
//!
//! `domain` and `app` compile for both the server and the browser; `server` is ssr-only;
//! `api` holds the server functions, whose bodies only exist on the server; `views` the shapes
//! they send, which the server builds. Arrows point down: app → api → server → views → domain.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
#[cfg(feature = "ssr")]
pub mod cli;
pub mod domain;
pub mod error;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod startup;
pub mod views;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Server functions that sign in, sign out or switch workspace redirect; load the target
    // page fully so everything on it reflects the new session. Set before the router sets its
    // own (client-side) hook, which then does not replace this one.
    let _ = leptos::server_fn::redirect::set_redirect_hook(|location: &str| {
        let _ = leptos::prelude::window().location().set_href(location);
    });
    leptos::mount::hydrate_body(app::App);
}
