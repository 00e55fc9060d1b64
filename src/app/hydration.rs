use leptos::prelude::*;

/// Marks `<body data-hydrated="true">` once the wasm has taken over, so browser tests know
/// when clicks are handled by the client. Effects only run in the browser.
#[component]
pub fn HydrationMarker() -> impl IntoView {
    Effect::new(|_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
