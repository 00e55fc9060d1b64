//! The frame of the signed-in app: top navigation, workspace switcher, user menu.
mod badges;
mod nav;
mod user_menu;
mod workspace_switcher;

use crate::api::auth::{SessionState, Viewer};
use crate::app::SessionResource;
use crate::app::components::alert::{Alert, Tone};
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect};
use leptos_router::hooks::use_location;

#[component]
pub fn AppShell() -> impl IntoView {
    let session = expect_context::<SessionResource>().0;
    let location = use_location();
    view! {
        <Suspense fallback=|| view! { <div class="p-8 text-sm text-slate-500">"Loading…"</div> }>
            {move || Suspend::new(async move {
                match session.await {
                    Ok(SessionState::SignedIn(viewer)) => {
                        view! {
                            <div class="min-h-full">
                                <nav::TopNav viewer />
                                <main class="mx-auto max-w-7xl px-4 py-8 sm:px-6 lg:px-8">
                                    <Outlet />
                                </main>
                            </div>
                        }
                        .into_any()
                    }
                    Ok(SessionState::SignedOut { instance_is_empty: true, .. }) => {
                        view! { <Redirect path="/signup" /> }.into_any()
                    }
                    Ok(SessionState::SignedOut { .. }) => {
                        let here = location.pathname.get_untracked();
                        let target = if here == "/" { "/signin".to_owned() } else { format!("/signin?next={here}") };
                        view! { <Redirect path=target /> }.into_any()
                    }
                    Err(error) => view! {
                        <div class="mx-auto max-w-lg p-8">
                            <Alert tone=Tone::Error message=error.to_string() />
                        </div>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// The signed-in person, for pages inside the shell (which only render once it is known).
pub fn current_viewer() -> Option<Viewer> {
    match expect_context::<SessionResource>().0.get_untracked() {
        Some(Ok(SessionState::SignedIn(viewer))) => Some(viewer),
        _ => None,
    }
}
