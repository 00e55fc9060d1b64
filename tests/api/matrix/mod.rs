//! The isolation matrix: every server function and HTTP endpoint, tried as an anonymous
//! visitor, as the owner of another workspace acting on this workspace's objects, and as each
//! role of this workspace, against the table in `table.rs` (and `routes.rs` for the plain
//! routes and pages).
//!
//! How a response is read:
//! - **allowed**: 2xx, or 3xx (a plain form post is redirected). Rows give realistic arguments
//!   (this workspace's post, account, member, invite…) so an allowed call succeeds; a row may
//!   name a business-rule status (400/409) it accepts too, never 401/403/404.
//! - **denied**: 401 for the anonymous visitor; 403 (the role may not) or 404 (the object is
//!   not in the caller's workspace, said without telling whether it exists elsewhere) for
//!   everyone else.
//! - Calls without object ids (lists, settings, invites) act on the caller's own workspace:
//!   the outsider is then allowed when an owner is, and must simply see nothing of ours.
//! - Every response, allowed or not, is searched for this workspace's secrets (`fixture.rs`):
//!   the anonymous visitor and the outsider never see any; only owners and admins see the
//!   pending invitee.
//!
//! The lists are not trusted to be complete: the registered server functions (server_fn's
//! inventory), the router's plain routes (`herald::startup::plain_routes`, the table the
//! router is built from) and the Leptos pages are enumerated, and a missing row fails the test
//! by name.
mod actors;
mod calls;
mod check;
mod coverage;
mod fixture;
mod routes;
mod table;

use actors::{ACTORS, Cast};
use check::Verdict;
use fixture::Fixture;
use sqlx::PgPool;

pub use coverage::{registered_functions, registered_routes};

#[tokio::test]
async fn every_server_function_and_route_has_a_row() {
    let missing = coverage::missing_rows();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[sqlx::test]
async fn the_isolation_matrix_holds(pool: PgPool) {
    let app = crate::helpers::spawn_app(pool).await;
    let cast = Cast::gather(&app).await;
    let fx = Fixture::build(&app, &cast).await;
    let mut failures = Vec::new();
    let mut calls = 0;
    for row in table::SERVER_FNS {
        for actor in ACTORS {
            let response = calls::call(&app, &cast, &fx, row.name, actor).await;
            calls += 1;
            let verdict = Verdict::of(response, check::expect(row, actor), actor).await;
            if let Some(problem) = verdict.problem() {
                failures.push(format!("{:<28} {:<12} {problem}", row.name, actor.label()));
            }
        }
    }
    for route in routes::ROUTES {
        for actor in ACTORS {
            let response = routes::get(&app, &cast, &fx, route, actor).await;
            calls += 1;
            let verdict = Verdict::of(response, routes::expect(route, actor), actor).await;
            if let Some(problem) = verdict.problem() {
                failures.push(format!("{:<28} {:<12} {problem}", route.path, actor.label()));
            }
        }
    }
    println!("isolation matrix: {calls} calls");
    assert!(
        failures.is_empty(),
        "{} of {calls} calls broke the matrix:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
