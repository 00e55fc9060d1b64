use super::Answer;
use crate::helpers::{Browser, TestApp};
use herald::api::review::{
    ApprovePost, CommentPost, CommentView, Decided, PostComments, PostUnderReview, RequestChanges,
    ReviewCount, ReviewDetail, ReviewItem, ReviewQueue,
};
use uuid::Uuid;

impl TestApp {
    pub async fn review_queue(&self, who: &Browser) -> Answer<Vec<ReviewItem>> {
        self.send(who, &ReviewQueue {}).await
    }

    pub async fn review_count(&self, who: &Browser) -> Answer<i64> {
        self.send(who, &ReviewCount {}).await
    }

    pub async fn review_detail(&self, who: &Browser, id: Uuid) -> Answer<PostUnderReview> {
        self.send(who, &ReviewDetail { id }).await
    }

    pub async fn post_comments(&self, who: &Browser, post_id: Uuid) -> Answer<Vec<CommentView>> {
        self.send(who, &PostComments { post_id }).await
    }

    pub async fn approve_post(&self, who: &Browser, id: Uuid, version: i32, note: &str) -> Answer<Decided> {
        let form = ApprovePost {
            id,
            version,
            note: note.into(),
        };
        self.send(who, &form).await
    }

    pub async fn request_changes(
        &self,
        who: &Browser,
        id: Uuid,
        version: i32,
        note: &str,
    ) -> Answer<Decided> {
        let form = RequestChanges {
            id,
            version,
            note: note.into(),
        };
        self.send(who, &form).await
    }

    /// A comment on the post itself (not a reply).
    pub async fn comment_post(&self, who: &Browser, post_id: Uuid, body: &str) -> Answer<CommentView> {
        let form = CommentPost {
            post_id,
            parent_id: None,
            body: body.into(),
        };
        self.send(who, &form).await
    }
}
