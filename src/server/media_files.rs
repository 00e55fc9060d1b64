//! `GET /media/{id}`: an uploaded image, for members of its workspace only.
use crate::domain::role::Permission;
use crate::server::auth::guard::RequestContext;
use crate::server::db::media;
use crate::server::posts::media_path;
use crate::server::state::AppState;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;
use uuid::Uuid;

pub async fn serve(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Uuid>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    let request = RequestContext {
        state: state.clone(),
        session,
        parts,
    };
    let member = match request.require(Permission::Read).await {
        Ok(member) => member,
        Err(error) => {
            let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::FORBIDDEN);
            return (status, error.to_string()).into_response();
        }
    };
    let file = match media::find(&state.pool, member.workspace_id, id).await {
        Ok(Some(file)) => file,
        Ok(None) => {
            return (StatusCode::NOT_FOUND, "There is no such image in this workspace.").into_response();
        }
        Err(error) => {
            tracing::error!(%error, "could not look up an image");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let bytes = match tokio::fs::read(media_path(&state, &file.sha256)).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(%error, media_id = %id, "an image's file is missing");
            return (StatusCode::NOT_FOUND, "The image file is missing on the server.").into_response();
        }
    };
    let mut response = Body::from(bytes).into_response();
    let headers = response.headers_mut();
    if let Ok(content_type) = HeaderValue::from_str(&file.content_type) {
        headers.insert(header::CONTENT_TYPE, content_type);
    }
    // Content never changes under an id; only members may see it.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=31536000, immutable"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}
