//! `GET /audit.csv?action=&actor=&from=&to=`: the filtered log as CSV (owners and admins).
use crate::domain::role::Permission;
use crate::server::auth::guard::RequestContext;
use crate::server::db::audit;
use crate::server::state::AppState;
use crate::views::audit::AuditQuery;
use axum::extract::{Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

/// Enough for years of a busy workspace; a bigger export should narrow the dates.
const MAX_ROWS: i64 = 100_000;

pub async fn export(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<AuditQuery>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let request = RequestContext {
        state: state.clone(),
        session,
        parts,
    };
    let refuse = |error: crate::error::AppError| {
        let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::FORBIDDEN);
        (status, error.to_string()).into_response()
    };
    let member = match request.require(Permission::ManageTeam).await {
        Ok(member) => member,
        Err(error) => return refuse(error),
    };
    let filter = match crate::server::audit::filter(&query, &member.workspace_timezone) {
        Ok(filter) => filter,
        Err(error) => return refuse(error),
    };
    let csv = match audit::list(&state.pool, member.workspace_id, &filter, MAX_ROWS)
        .await
        .map_err(anyhow::Error::from)
        .and_then(|rows| crate::server::audit::csv(&rows))
    {
        Ok(csv) => csv,
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "could not export the audit log");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"herald-audit.csv\"",
            ),
        ],
        csv,
    )
        .into_response()
}
