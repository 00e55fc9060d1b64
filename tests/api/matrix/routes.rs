//! The router's own routes and the Leptos pages, tried with a GET as each actor.
use super::actors::{Actor, Cast};
use super::check::Expect;
use super::fixture::Fixture;
use crate::helpers::TestApp;
use herald::domain::role::Role;

pub enum Access {
    /// Open to everyone (health, sign-in pages, an invite by its token).
    Public,
    /// Only with the monitoring token, which no actor holds: 401 for all.
    Monitoring,
    /// Members only; the outsider asks for this workspace's object.
    Members,
    /// Owners and admins; the outsider gets their own workspace's.
    ManagersOwn,
    /// A page of the app: signed-out visitors go to sign in; what members may do on it is
    /// decided by the server functions it calls (rows in `table.rs`).
    Page,
}

pub struct Route {
    /// As axum spells it.
    pub path: &'static str,
    pub access: Access,
}

const fn route(path: &'static str, access: Access) -> Route {
    Route { path, access }
}

pub const ROUTES: &[Route] = &[
    route("/healthz", Access::Public),
    route("/metrics", Access::Monitoring),
    route("/media/{id}", Access::Members),
    route("/audit.csv", Access::ManagersOwn),
    // Without a sign-in's state, it sends everyone back to Accounts saying so.
    route("/oauth/callback", Access::Public),
    route("/signin", Access::Public),
    route("/signup", Access::Public),
    route("/invite/{token}", Access::Public),
    route("/connect/{token}", Access::Public),
    route("/connected", Access::Public),
    route("/", Access::Page),
    route("/calendar", Access::Page),
    route("/compose", Access::Page),
    route("/drafts", Access::Page),
    route("/dashboard", Access::Page),
    route("/accounts", Access::Page),
    route("/team", Access::Page),
    route("/settings", Access::Page),
    route("/review", Access::Page),
    route("/review/{id}", Access::Page),
    route("/notifications", Access::Page),
    route("/audit", Access::Page),
];

pub fn expect(route: &Route, actor: Actor) -> Expect {
    let manager = matches!(actor, Actor::Outsider | Actor::Member(Role::Owner | Role::Admin));
    match (&route.access, actor) {
        (Access::Public, _) => Expect::Allowed(&[]),
        (Access::Monitoring, _) => Expect::Unauthorized,
        (Access::Page, Actor::Anonymous) => Expect::SignIn,
        (_, Actor::Anonymous) => Expect::Denied,
        (Access::Members, Actor::Outsider) => Expect::Denied,
        (Access::ManagersOwn, _) if !manager => Expect::Denied,
        _ => Expect::Allowed(&[]),
    }
}

/// The route with this workspace's ids filled in (and the post open in the composer).
fn url(route: &Route, fx: &Fixture) -> String {
    match route.path {
        "/media/{id}" => format!("/media/{}", fx.media),
        "/review/{id}" => format!("/review/{}", fx.post),
        "/invite/{token}" => format!("/invite/{}", fx.invite_token),
        "/connect/{token}" => format!("/connect/{}", fx.connect_token),
        "/compose" => format!("/compose?post={}", fx.post),
        "/audit.csv" => "/audit.csv?action=".into(),
        other => other.to_owned(),
    }
}

pub async fn get(app: &TestApp, cast: &Cast, fx: &Fixture, route: &Route, actor: Actor) -> reqwest::Response {
    app.page(cast.browser(actor), &url(route, fx)).await
}
