//! `GET /media/{id}`: an uploaded image, for members of its workspace, or for anyone holding a
//! signed link to it (see `media_links`).
use crate::domain::role::Permission;
use crate::server::auth::guard::RequestContext;
use crate::server::db::images;
use crate::server::images::media_path;
use crate::server::images::signed_links::{self, Signed};
use crate::server::state::AppState;
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;
use uuid::Uuid;

/// A signed link's parameters; a half-given pair counts as a (broken) signed link.
#[derive(Debug, Default, serde::Deserialize)]
pub struct LinkQuery {
    expires: Option<i64>,
    signature: Option<String>,
}

impl LinkQuery {
    fn signed(self) -> Option<Signed> {
        match (self.expires, self.signature) {
            (None, None) => None,
            (expires, signature) => Some(Signed {
                expires: expires.unwrap_or(0),
                signature: signature.unwrap_or_default(),
            }),
        }
    }
}

pub async fn serve(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<Uuid>,
    Query(query): Query<LinkQuery>,
    request: Request,
) -> Response {
    if let Some(link) = query.signed() {
        if !signed_links::is_valid(&state.cipher, id, &link, chrono::Utc::now()) {
            return (
                StatusCode::FORBIDDEN,
                "This image link is not valid, or has expired.",
            )
                .into_response();
        }
        return match images::find_any(&state.pool, id).await {
            Ok(found) => send(&state, id, found, "public, max-age=3600").await,
            Err(error) => lookup_failed(error),
        };
    }
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
    match images::find(&state.pool, member.workspace_id, id).await {
        // Content never changes under an id; only members may see it.
        Ok(found) => send(&state, id, found, "private, max-age=31536000, immutable").await,
        Err(error) => lookup_failed(error),
    }
}

fn lookup_failed(error: sqlx::Error) -> Response {
    tracing::error!(%error, "could not look up an image");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

async fn send(state: &AppState, id: Uuid, found: Option<images::MediaFile>, cache: &'static str) -> Response {
    let Some(file) = found else {
        return (StatusCode::NOT_FOUND, "There is no such image in this workspace.").into_response();
    };
    let bytes = match tokio::fs::read(media_path(state, &file.sha256)).await {
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
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}
