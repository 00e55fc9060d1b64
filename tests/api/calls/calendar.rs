use super::Answer;
use crate::helpers::{Browser, TestApp};
use chrono::{DateTime, Utc};
use herald::api::calendar::{ListPosts, PostSummary, ReschedulePost, Rescheduled};

/// The calendar's range from `from` to `to`, unfiltered.
pub fn between(from: DateTime<Utc>, to: DateTime<Utc>) -> ListPosts {
    ListPosts {
        from,
        to,
        statuses: Vec::new(),
        account_id: None,
        kinds: Vec::new(),
    }
}

impl TestApp {
    pub async fn list_posts(&self, who: &Browser, range: &ListPosts) -> Answer<Vec<PostSummary>> {
        self.send(who, range).await
    }

    pub async fn reschedule_post(&self, who: &Browser, moved: &ReschedulePost) -> Answer<Rescheduled> {
        self.send(who, moved).await
    }
}
