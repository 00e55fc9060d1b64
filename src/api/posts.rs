use super::error::AppError;
use crate::domain::post::{Intent, PostStatus, TargetStatus};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostView {
    pub id: Uuid,
    pub version: i32,
    pub status: PostStatus,
    pub body: String,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub timezone: String,
    /// The scheduled time as wall-clock time in `timezone` (for the form's inputs).
    pub local_date: String,
    pub local_time: String,
    pub targets: Vec<TargetView>,
    pub media: Vec<MediaView>,
    pub author_id: Option<Uuid>,
    /// An approval covers its current text and accounts.
    pub approved: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetView {
    pub account_id: Uuid,
    pub body_override: Option<String>,
    pub status: TargetStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediaView {
    pub id: Uuid,
    pub alt_text: String,
    pub width: i32,
    pub height: i32,
}

impl MediaView {
    pub fn url(&self) -> String {
        format!("/media/{}", self.id)
    }
}

/// A post on the calendar or in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostSummary {
    pub id: Uuid,
    pub version: i32,
    pub status: PostStatus,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub timezone: String,
    pub excerpt: String,
    pub targets: Vec<TargetSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetSummary {
    pub account_id: Uuid,
    pub status: TargetStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedPost {
    pub id: Uuid,
    pub version: i32,
    pub status: PostStatus,
    pub scheduled_at: Option<DateTime<Utc>>,
    /// Told to the person when their time happened twice (clocks went back).
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rescheduled {
    pub version: i32,
    pub scheduled_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UploadedImage {
    pub id: Uuid,
    pub width: u32,
    pub height: u32,
}

/// One account row of the composer: `targets[i][account_id]` always, `targets[i][selected]=true`
/// when ticked, `targets[i][body_override]` for its own text. (Indexed rather than keyed by
/// account id: the form decoder reads a bracketed key starting with a digit as an index.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetForm {
    pub account_id: Uuid,
    #[serde(default)]
    pub selected: bool,
    #[serde(default)]
    pub body_override: String,
}

/// An attached image, in order: `images[i][media_id]`, `images[i][alt_text]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageForm {
    pub media_id: Uuid,
    #[serde(default)]
    pub alt_text: String,
}

/// Saves the composer.
#[server(endpoint = "save_post")]
#[allow(clippy::too_many_arguments)]
pub async fn save_post(
    #[server(default)] post_id: Option<Uuid>,
    #[server(default)] version: Option<i32>,
    #[server(default)] body: String,
    #[server(default)] targets: Vec<TargetForm>,
    #[server(default)] images: Vec<ImageForm>,
    #[server(default)] date: String,
    #[server(default)] time: String,
    #[server(default)] timezone: String,
    intent: Intent,
) -> Result<SavedPost, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::posts::{self, MediaInput, PostInput, TargetInput};

    // The workflow decides what a contributor may do with the post (see `domain::workflow`).
    let (request, member) = guard::require(Permission::Contribute).await?;
    let targets = targets
        .into_iter()
        .filter(|target| target.selected)
        .map(|target| TargetInput {
            account_id: target.account_id,
            body_override: Some(target.body_override),
        })
        .collect();
    let media = images
        .into_iter()
        .map(|image| MediaInput {
            media_id: image.media_id,
            alt_text: image.alt_text,
        })
        .collect();
    let input = PostInput {
        post_id,
        expected_version: version,
        body,
        targets,
        media,
        date,
        time,
        timezone,
        intent,
    };
    let saved = posts::save(&request.state, &member, input, Utc::now()).await?;
    if !is_client_call() {
        // A plain form post: show the saved post (the hydrated composer navigates itself).
        leptos_axum::redirect(&format!(
            "/compose?post={}&saved={}",
            saved.id,
            saved.status.as_str()
        ));
    }
    Ok(SavedPost {
        id: saved.id,
        version: saved.version,
        status: saved.status,
        scheduled_at: saved.scheduled_at,
        note: saved.note,
    })
}

/// True for requests from the hydrated app (which asks for JSON), false for plain forms.
#[cfg(feature = "ssr")]
pub(crate) fn is_client_call() -> bool {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        })
        .is_none_or(|accept| !accept.contains("text/html"))
}

#[server(endpoint = "post")]
pub async fn get_post(id: Uuid) -> Result<PostView, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::posts;

    let (request, member) = guard::require(Permission::Read).await?;
    posts::get(&request.state, &member, id).await
}

/// Posts scheduled in `[from, to)`, optionally only some statuses or one account.
#[server(endpoint = "posts")]
pub async fn list_posts(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    #[server(default)] statuses: Vec<PostStatus>,
    #[server(default)] account_id: Option<Uuid>,
) -> Result<Vec<PostSummary>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::posts;

    let (request, member) = guard::require(Permission::Read).await?;
    posts::list(&request.state, &member, from, to, &statuses, account_id).await
}

#[server(endpoint = "reschedule_post")]
pub async fn reschedule_post(
    id: Uuid,
    version: i32,
    date: String,
    time: String,
    timezone: String,
) -> Result<Rescheduled, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::posts;

    let (request, member) = guard::require(Permission::Contribute).await?;
    let (version, scheduled_at) = posts::reschedule(
        &request.state,
        &member,
        id,
        version,
        (&date, &time, &timezone),
        Utc::now(),
    )
    .await?;
    Ok(Rescheduled {
        version,
        scheduled_at,
    })
}

#[server(endpoint = "cancel_post")]
pub async fn cancel_post(id: Uuid) -> Result<i32, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::posts;

    let (request, member) = guard::require(Permission::Edit).await?;
    posts::cancel(&request.state, &member, id).await
}

#[server(endpoint = "delete_post")]
pub async fn delete_post(id: Uuid) -> Result<(), AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::posts;

    let (request, member) = guard::require(Permission::Contribute).await?;
    posts::delete(&request.state, &member, id).await?;
    if !is_client_call() {
        leptos_axum::redirect("/calendar");
    }
    Ok(())
}

#[server(endpoint = "duplicate_post")]
pub async fn duplicate_post(id: Uuid) -> Result<Uuid, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::posts;

    let (request, member) = guard::require(Permission::Contribute).await?;
    let copy = posts::duplicate(&request.state, &member, id).await?;
    leptos_axum::redirect(&format!("/compose?post={copy}&saved=draft"));
    Ok(copy)
}

/// Uploads one image (multipart field `image`).
#[server(endpoint = "upload_image", input = leptos::server_fn::codec::MultipartFormData)]
#[middleware(crate::server::multipart::RequireBoundary)]
pub async fn upload_image(data: leptos::server_fn::codec::MultipartData) -> Result<UploadedImage, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::posts;

    let (request, member) = guard::require(Permission::Contribute).await?;
    let limit = request.state.settings.media.max_image_bytes;
    let mut multipart = data
        .into_inner()
        .ok_or_else(|| AppError::bad_request("Image: nothing was uploaded."))?;
    let mut bytes = Vec::new();
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::bad_request(format!("Image: the upload was malformed ({e}).")))?
    {
        if field.name() != Some("image") {
            continue;
        }
        while let Some(chunk) = field
            .chunk()
            .await
            .map_err(|e| AppError::bad_request(format!("Image: the upload was interrupted ({e}).")))?
        {
            if bytes.len() + chunk.len() > limit {
                return Err(AppError::bad_request(format!(
                    "Image: keep it under {} MB.",
                    limit / (1024 * 1024)
                )));
            }
            bytes.extend_from_slice(&chunk);
        }
    }
    if bytes.is_empty() {
        return Err(AppError::bad_request("Image: choose a picture to upload."));
    }
    let stored = posts::store_image(&request.state, &member, bytes).await?;
    Ok(UploadedImage {
        id: stored.id,
        width: stored.width,
        height: stored.height,
    })
}
