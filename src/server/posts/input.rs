//! What the composer submits, as the services take it.
use crate::domain::plan::Placement;
use crate::domain::post::Intent;
use uuid::Uuid;

/// A composer submission.
#[derive(Clone)]
pub struct PostInput {
    /// Absent for a new post.
    pub post_id: Option<Uuid>,
    /// The version the composer loaded; a save over a newer version is refused.
    pub expected_version: Option<i32>,
    pub body: String,
    pub targets: Vec<TargetInput>,
    pub media: Vec<MediaInput>,
    pub date: String,
    pub time: String,
    pub timezone: String,
    pub intent: Intent,
    /// `Queue` when the queue chose the time; a person's save keeps the placement while the time
    /// stays, and makes it `Manual` when they move it.
    pub placement: Placement,
}

#[derive(Clone)]
pub struct TargetInput {
    pub account_id: Uuid,
    /// `None` (or empty) sends the post's text.
    pub body_override: Option<String>,
}

#[derive(Clone)]
pub struct MediaInput {
    pub media_id: Uuid,
    pub alt_text: String,
}

impl PostInput {
    /// An override left empty sends the post's text.
    pub fn drop_empty_overrides(&mut self) {
        for target in &mut self.targets {
            target.body_override = target.body_override.take().filter(|text| !text.trim().is_empty());
        }
    }

    pub fn account_ids(&self) -> Vec<Uuid> {
        self.targets.iter().map(|t| t.account_id).collect()
    }

    pub fn media_ids(&self) -> Vec<Uuid> {
        self.media.iter().map(|m| m.media_id).collect()
    }
}
