use super::Answer;
use crate::helpers::{Browser, TestApp};
use herald::api::posts::{
    CancelPost, DeletePost, DuplicatePost, GetPost, PostView, SavePost, SavedPost, TargetForm, UploadImage,
    UploadedImage,
};
use herald::domain::post::Intent;
use leptos::server_fn::ServerFn;
use uuid::Uuid;

/// The composer of a new post in UTC, saved with `intent`; fill in the rest with `..composer(…)`.
pub fn composer(intent: Intent) -> SavePost {
    SavePost {
        post_id: None,
        version: None,
        body: String::new(),
        targets: Vec::new(),
        images: Vec::new(),
        date: String::new(),
        time: String::new(),
        timezone: "UTC".into(),
        intent,
    }
}

/// `account` ticked in the composer, with the post's own text.
pub fn ticked(account: Uuid) -> TargetForm {
    TargetForm {
        account_id: account,
        selected: true,
        body_override: String::new(),
    }
}

impl TestApp {
    pub async fn save_post(&self, who: &Browser, form: &SavePost) -> Answer<SavedPost> {
        self.send(who, form).await
    }

    pub async fn get_post(&self, who: &Browser, id: Uuid) -> Answer<PostView> {
        self.send(who, &GetPost { id }).await
    }

    /// The post's version after cancelling.
    pub async fn cancel_post(&self, who: &Browser, id: Uuid) -> Answer<i32> {
        self.send(who, &CancelPost { id }).await
    }

    pub async fn delete_post(&self, who: &Browser, id: Uuid) -> Answer<()> {
        self.send(who, &DeletePost { id }).await
    }

    /// The copy's id.
    pub async fn duplicate_post(&self, who: &Browser, id: Uuid) -> Answer<Uuid> {
        self.send(who, &DuplicatePost { id }).await
    }

    /// Uploads `bytes` as the composer does (multipart, in the `image` field).
    pub async fn upload_image(
        &self,
        who: &Browser,
        bytes: Vec<u8>,
        file_name: &str,
    ) -> Answer<UploadedImage> {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned());
        let response = who
            .client
            .post(self.url(UploadImage::PATH))
            .header("accept", "application/json")
            .multipart(reqwest::multipart::Form::new().part("image", part))
            .send()
            .await
            .expect("the request is sent");
        Answer::read(response).await
    }
}
