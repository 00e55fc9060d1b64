//! What the app registers, compared with the matrix's rows, both ways.
use super::{routes, table};
use axum::http::Method;
use herald::startup::plain_routes;
use std::collections::BTreeSet;

/// Every registered server function, by endpoint name.
pub fn registered_functions() -> BTreeSet<String> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect()
}

/// The router's plain routes (the table it is built from) and the app's pages, as axum spells
/// them.
pub fn registered_routes() -> BTreeSet<String> {
    let mut paths: BTreeSet<String> = plain_routes().iter().map(|route| route.path.to_owned()).collect();
    paths.extend(
        leptos_axum::generate_route_list(herald::app::App)
            .iter()
            .map(|listing| listing.path().to_owned()),
    );
    paths
}

pub fn missing_rows() -> Vec<String> {
    let functions = registered_functions();
    let rows: BTreeSet<String> = table::SERVER_FNS.iter().map(|r| r.name.to_owned()).collect();
    let mut problems = differences(&functions, &rows, "server function", "tests/api/matrix/table.rs");
    let paths = registered_routes();
    let rows: BTreeSet<String> = routes::ROUTES.iter().map(|r| r.path.to_owned()).collect();
    problems.extend(differences(&paths, &rows, "route", "tests/api/matrix/routes.rs"));
    problems.extend(
        plain_routes()
            .iter()
            .filter(|route| route.method != Method::GET)
            .map(|route| {
                format!(
                    "route `{} {}`: the matrix only sends GET; teach tests/api/matrix/routes.rs this method",
                    route.method, route.path
                )
            }),
    );
    problems
}

fn differences(
    registered: &BTreeSet<String>,
    rows: &BTreeSet<String>,
    what: &str,
    file: &str,
) -> Vec<String> {
    let missing = registered.difference(rows).map(|name| {
        format!("{what} `{name}` has no row in the isolation matrix: add one to {file} (who may call it) and its arguments")
    });
    let stale = rows
        .difference(registered)
        .map(|name| format!("{file} has a row for `{name}`, which is not registered (any more)"));
    missing.chain(stale).collect()
}
