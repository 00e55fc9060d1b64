//! The Leptos application: rendered on the server, hydrated in the browser.
mod auth;
mod clock;
mod components;
mod hydration;
mod pages;
mod shell;

use crate::api::auth::{SessionState, current_session};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The HTML document around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en" class="h-full bg-slate-50 antialiased">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="h-full text-slate-900">
                <App />
            </body>
        </html>
    }
}

/// Who is signed in, loaded once per page load. Sign-in, sign-out and workspace switches
/// reload the page, so this never goes stale.
#[derive(Clone, Copy)]
pub struct SessionResource(pub Resource<Result<SessionState, AppError>>);

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/herald.css" />
        <Title formatter=|page: String| if page.is_empty() { "Herald".to_owned() } else { format!("{page} · Herald") } />
        <Meta name="description" content="Herald: plan, approve and publish social media posts." />
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Router>
            <hydration::HydrationMarker />
            <SessionProvider>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/signin") view=auth::sign_in::SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/signup") view=auth::sign_up::SignUpPage ssr=SsrMode::Async />
                    <Route path=path!("/invite/:token") view=auth::invite::InvitePage ssr=SsrMode::Async />
                    <Route path=path!("/connect/:token") view=pages::connect_link::ConnectLinkPage ssr=SsrMode::Async />
                    <Route path=path!("/connected") view=pages::connect_link::ConnectedPage ssr=SsrMode::Async />
                    <ParentRoute path=path!("") view=shell::AppShell ssr=SsrMode::Async>
                        <Route path=path!("") view=|| view! { <Redirect path="/calendar" /> } />
                        <Route path=path!("calendar") view=pages::calendar::CalendarPage />
                        <Route path=path!("compose") view=pages::compose::ComposePage />
                        <Route path=path!("drafts") view=pages::drafts::DraftsPage />
                        <Route path=path!("dashboard") view=pages::dashboard::DashboardPage />
                        <Route path=path!("accounts") view=pages::accounts::AccountsPage />
                        <Route path=path!("team") view=pages::team::TeamPage />
                        <Route path=path!("settings") view=pages::settings::SettingsPage />
                        <Route path=path!("review") view=pages::review::ReviewQueuePage />
                        <Route path=path!("review/:id") view=pages::review::ReviewPage />
                        <Route path=path!("notifications") view=pages::notifications::NotificationsPage />
                        <Route path=path!("audit") view=pages::audit::AuditPage />
                    </ParentRoute>
                </Routes>
            </SessionProvider>
        </Router>
    }
}

#[component]
fn SessionProvider(children: Children) -> impl IntoView {
    provide_context(SessionResource(Resource::new(|| (), |_| current_session())));
    children()
}
