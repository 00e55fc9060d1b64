//! What a post holds now, to tell whether a save changes its content (text, accounts,
//! per-account text, images) or only its time.
use super::content;
use super::input::PostInput;
use crate::server::db::posts::PostRow;
use sqlx::PgTransaction;
use uuid::Uuid;

pub struct Stored {
    targets: Vec<(Uuid, Option<String>)>,
    media: Vec<(Uuid, String)>,
}

impl Stored {
    pub async fn load(tx: &mut PgTransaction<'_>, post_id: Uuid) -> sqlx::Result<Self> {
        let content = content::read(tx, post_id).await?;
        let mut targets: Vec<(Uuid, Option<String>)> = content
            .targets
            .into_iter()
            .map(|t| (t.account_id, t.body_override))
            .collect();
        targets.sort();
        let media = content
            .media
            .into_iter()
            .map(|m| (m.media_id, m.alt_text))
            .collect();
        Ok(Self { targets, media })
    }

    pub fn differs(&self, post: &PostRow, input: &PostInput) -> bool {
        let mut targets: Vec<(Uuid, Option<String>)> = input
            .targets
            .iter()
            .map(|t| (t.account_id, t.body_override.clone()))
            .collect();
        targets.sort();
        let media: Vec<(Uuid, String)> = input
            .media
            .iter()
            .map(|m| (m.media_id, m.alt_text.trim().to_owned()))
            .collect();
        post.body != input.body || self.targets != targets || self.media != media
    }
}
