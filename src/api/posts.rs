//! The composer's server functions: saving, loading, cancelling, deleting and duplicating
//! posts, and uploading their images.
use crate::domain::post::Intent;
use crate::error::AppError;
pub use crate::views::posts::{
    ImageForm, MediaView, PostView, SavedPost, TargetForm, TargetView, UploadedImage,
};
use leptos::prelude::*;
use uuid::Uuid;

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
        placement: Default::default(),
    };
    let saved = posts::save(&request.state, &member, input, chrono::Utc::now()).await?;
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
    use crate::server::images;

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
    let stored = images::store_image(&request.state, &member, bytes).await?;
    Ok(UploadedImage {
        id: stored.id,
        width: stored.width,
        height: stored.height,
    })
}
