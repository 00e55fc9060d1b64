use crate::calls::composer;
use crate::helpers::{spawn_app, spawn_app_with};
use herald::api::posts::{ImageForm, SavePost};
use herald::domain::post::Intent;
use sqlx::PgPool;

/// A 3×2 red PNG.
pub const PNG: [u8; 73] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 3, 0, 0, 0, 2, 8, 2, 0, 0, 0, 18,
    22, 241, 77, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 248, 207, 192, 0, 65, 12, 112, 22, 0, 65, 210, 5,
    251, 135, 240, 185, 72, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

#[sqlx::test]
async fn images_are_checked_stored_once_and_shown_only_to_members(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let first = app.upload_image(&owner, PNG.to_vec(), "red.png").await.ok();
    assert_eq!((first.width, first.height), (3, 2));
    let again = app.upload_image(&owner, PNG.to_vec(), "copy.png").await.ok();
    assert_eq!(again.id, first.id, "the same picture is stored once");

    let served = owner
        .client
        .get(app.url(&format!("/media/{}", first.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/png");
    assert_eq!(served.bytes().await.unwrap().as_ref(), PNG.as_slice());

    let stranger = app.owner("sam@example.com", "Beta").await;
    let theirs = stranger
        .client
        .get(app.url(&format!("/media/{}", first.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(theirs.status(), 404);
    let anonymous = app
        .browser()
        .client
        .get(app.url(&format!("/media/{}", first.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[sqlx::test]
async fn non_images_and_oversized_uploads_are_refused(pool: PgPool) {
    let app = spawn_app_with(pool, |settings| settings.media.max_image_bytes = 64).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let (status, message) = app
        .upload_image(&owner, b"just some text".to_vec(), "notes.png")
        .await
        .refused();
    assert_eq!(status, 400);
    assert_eq!(message, "Image: upload a PNG, JPEG, GIF or WebP picture.");
    let (status, message) = app.upload_image(&owner, PNG.to_vec(), "big.png").await.refused();
    assert_eq!(status, 400);
    assert!(message.starts_with("Image: keep it under"), "{message}");
    let (status, _) = app.upload_image(&owner, Vec::new(), "empty.png").await.refused();
    assert_eq!(status, 400);
    let count: i64 = sqlx::query_scalar("select count(*) from media")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

#[sqlx::test]
async fn a_post_carries_its_images_with_alt_text(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let image = app.upload_image(&owner, PNG.to_vec(), "red.png").await.ok();
    let with_image = SavePost {
        images: vec![ImageForm {
            media_id: image.id,
            alt_text: " A red square ".into(),
        }],
        ..composer(Intent::Draft)
    };
    let saved = app.save_post(&owner, &with_image).await.ok();
    let post = app.get_post(&owner, saved.id).await.ok();
    assert_eq!(post.media.len(), 1);
    assert_eq!(
        (post.media[0].id, post.media[0].alt_text.as_str()),
        (image.id, "A red square")
    );

    // Another workspace cannot attach our image to its post.
    let stranger = app.owner("sam@example.com", "Beta").await;
    let ours = SavePost {
        images: vec![ImageForm {
            media_id: image.id,
            alt_text: String::new(),
        }],
        ..composer(Intent::Draft)
    };
    let (status, _) = app.save_post(&stranger, &ours).await.refused();
    assert_eq!(status, 404);
}

#[sqlx::test]
async fn a_signed_link_opens_one_image_to_anyone_until_it_expires(pool: PgPool) {
    use herald::server::{crypto::Cipher, images::signed_links};
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let image = app.upload_image(&owner, PNG.to_vec(), "red.png").await.ok();
    let cipher = Cipher::from_settings(&app.settings).unwrap();
    let anonymous = app.browser();
    let get = |url: String| {
        let client = anonymous.client.clone();
        async move { client.get(url).send().await.unwrap() }
    };

    // What a network such as Instagram fetches while Herald publishes.
    let url = signed_links::public_url(&cipher, &app.address, image.id, chrono::Utc::now());
    let served = get(url.clone()).await;
    assert_eq!(served.status(), 200);
    assert_eq!(served.bytes().await.unwrap().as_ref(), PNG.as_slice());

    let tampered = format!("{}0", url);
    assert_eq!(get(tampered).await.status(), 403);
    let expired = signed_links::public_url(
        &cipher,
        &app.address,
        image.id,
        chrono::Utc::now() - chrono::Duration::days(2),
    );
    let refused = get(expired).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(
        refused.text().await.unwrap(),
        "This image link is not valid, or has expired."
    );
    let other = uuid::Uuid::new_v4();
    let elsewhere = url.replace(&image.id.to_string(), &other.to_string());
    assert_eq!(get(elsewhere).await.status(), 403, "a signature is for one image");
    let half = app.url(&format!("/media/{}?expires=99999999999", image.id));
    assert_eq!(get(half).await.status(), 403);
}

/// The red square with `filler` bytes after its end: a different file of about that size.
fn png_of(filler: usize, tag: u8) -> Vec<u8> {
    let mut bytes = PNG.to_vec();
    bytes.extend(std::iter::repeat_n(tag, filler));
    bytes
}

#[sqlx::test]
async fn a_workspace_cannot_upload_past_its_quota(pool: PgPool) {
    let app = spawn_app_with(pool, |settings| settings.media.workspace_quota_bytes = 2_500).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    for tag in 1..=2 {
        let response = app.upload_image(&owner, png_of(1_000, tag), "fits.png").await;
        assert_eq!(response.status(), 200, "image {tag} fits");
    }
    let (status, message) = app
        .upload_image(&owner, png_of(1_000, 3), "more.png")
        .await
        .refused();
    assert_eq!(status, 400);
    assert!(
        message.starts_with("Image: this workspace's images already take 2.1 KB of its 2.4 KB."),
        "{message}"
    );
    // The same picture again takes no more room; another workspace has its own quota.
    let again = app.upload_image(&owner, png_of(1_000, 1), "again.png").await;
    assert_eq!(again.status(), 200);
    let stranger = app.owner("sam@example.com", "Beta").await;
    let theirs = app.upload_image(&stranger, png_of(1_000, 3), "theirs.png").await;
    assert_eq!(theirs.status(), 200);
    let stored: i64 = sqlx::query_scalar("select count(*) from media")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 3);
}

#[sqlx::test]
async fn images_no_post_uses_are_removed_a_day_after_upload(pool: PgPool) {
    use herald::server::images::media_path;
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let attached = app.upload_image(&owner, png_of(10, 1), "kept.png").await.ok();
    let abandoned = app.upload_image(&owner, png_of(10, 2), "gone.png").await.ok();
    let shared = app.upload_image(&owner, png_of(10, 3), "shared.png").await.ok();
    let with_image = SavePost {
        images: vec![ImageForm {
            media_id: attached.id,
            alt_text: String::new(),
        }],
        ..composer(Intent::Draft)
    };
    let saved = app.save_post(&owner, &with_image).await;
    assert_eq!(saved.status(), 200);
    // Another workspace uploads the shared picture today: its file must stay.
    let stranger = app.owner("sam@example.com", "Beta").await;
    let theirs = app.upload_image(&stranger, png_of(10, 3), "mine.png").await.ok();
    sqlx::query("update media set created_at = now() - interval '25 hours' where id <> $1")
        .bind(theirs.id)
        .execute(&app.pool)
        .await
        .unwrap();
    let state = app.engine().state.clone();
    let file_of = |id: uuid::Uuid| {
        let pool = app.pool.clone();
        let state = state.clone();
        async move {
            let sha: Vec<u8> = sqlx::query_scalar("select sha256 from media where id = $1")
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap();
            media_path(&state, &sha)
        }
    };
    let (attached_file, abandoned_file, shared_file) = (
        file_of(attached.id).await,
        file_of(abandoned.id).await,
        file_of(shared.id).await,
    );

    herald::server::housekeeping::run_once(&state).await;

    let left: Vec<uuid::Uuid> = sqlx::query_scalar("select id from media order by created_at")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(left, vec![attached.id, theirs.id]);
    assert!(attached_file.exists() && shared_file.exists());
    assert!(!abandoned_file.exists(), "the abandoned image's file is removed");
    let gone = owner
        .client
        .get(app.url(&format!("/media/{}", abandoned.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 404);
}
